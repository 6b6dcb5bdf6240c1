//! A challenge as pages and the API show it: typed values, names resolved, nothing the viewer may not see.

use halqe_db::challenges::{ChallengeListed, EventListed};
use halqe_domain::challenge::{Eligibility, Maturity, Status, Support};
use halqe_domain::province::Province;

use super::form::codes;
use crate::fields::{Field, Taxonomy};

/// One challenge with its names.
#[derive(Debug, Clone)]
pub struct ChallengeView {
    pub id: String,
    pub agency_id: String,
    pub agency_name: String,
    pub agency_name_en: String,
    pub call_id: Option<String>,
    pub call_title: Option<String>,
    pub status: Status,
    pub title: String,
    pub problem: String,
    pub affected: String,
    pub evidence: String,
    pub outcome: String,
    pub success_measure: String,
    pub constraints: String,
    pub fields: Vec<Field>,
    pub maturity: Maturity,
    pub budget_min: Option<i64>,
    pub budget_max: Option<i64>,
    pub support: Vec<Support>,
    pub support_note: String,
    /// The instant submissions end.
    pub deadline_at: i64,
    pub eligibility: Eligibility,
    /// Empty: every province.
    pub provinces: Vec<Province>,
    pub version: i64,
    pub updated_at: i64,
    pub published_at: Option<i64>,
}

impl ChallengeView {
    pub fn build(c: ChallengeListed, taxonomy: &Taxonomy) -> Self {
        let r = c.row;
        Self {
            fields: codes(&r.fields).iter().filter_map(|id| taxonomy.get(id).cloned()).collect(),
            support: codes(&r.support).iter().filter_map(|s| Support::parse(s).ok()).collect(),
            provinces: codes(&r.provinces).iter().filter_map(|p| Province::parse(p).ok()).collect(),
            id: r.id,
            agency_id: r.agency_id,
            agency_name: c.agency_name,
            agency_name_en: c.agency_name_en,
            call_id: r.call_id,
            call_title: c.call_title,
            status: r.status,
            title: r.title,
            problem: r.problem,
            affected: r.affected,
            evidence: r.evidence,
            outcome: r.outcome,
            success_measure: r.success_measure,
            constraints: r.constraints_text,
            maturity: r.maturity,
            budget_min: r.budget_min,
            budget_max: r.budget_max,
            support_note: r.support_note,
            deadline_at: r.deadline_at,
            eligibility: r.eligibility,
            version: r.version,
            updated_at: r.updated_at,
            published_at: r.published_at,
        }
    }

    /// Still taking proposals at `now`: published and before its deadline.
    pub fn is_open(&self, now: i64) -> bool {
        self.status == Status::Published && now < self.deadline_at
    }
}

/// One recorded move, as the challenge's history shows it.
#[derive(Debug, Clone)]
pub struct EventView {
    /// A step code, or `create` / `edit`.
    pub kind: String,
    pub actor_name: String,
    pub from: Status,
    pub to: Status,
    pub reason: String,
    /// The template fields an edit changed.
    pub changed: Vec<String>,
    pub at: i64,
}

impl From<EventListed> for EventView {
    fn from(e: EventListed) -> Self {
        let changes: Vec<serde_json::Value> = serde_json::from_str(&e.row.changes).unwrap_or_default();
        Self {
            changed: changes.iter().filter_map(|c| c.get("field")?.as_str().map(str::to_owned)).collect(),
            kind: e.row.kind,
            actor_name: e.actor_name,
            from: e.row.from_status,
            to: e.row.to_status,
            reason: e.row.reason,
            at: e.row.at,
        }
    }
}
