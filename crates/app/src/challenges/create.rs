//! An officer starts a challenge for their agency: saved as a draft only they (and staff) see.

use halqe_db::challenges::{self, ChallengeRow};
use halqe_domain::challenge::Status;
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::AuthorCap;

use super::events::Move;
use super::form::ChallengeForm;
use crate::fields::Taxonomy;
use crate::{App, Result};

/// Saves a new draft from the editor's form; returns its id.
pub async fn create(app: &App, cap: &AuthorCap, form: &ChallengeForm) -> Result<ChallengeId> {
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let content = form.validate(&Taxonomy::load(&mut tx).await?, now)?;
    let id = ChallengeId::new();
    let mut row = ChallengeRow {
        id: id.to_string(),
        agency_id: cap.agency().to_string(),
        call_id: None,
        created_by: cap.by().to_string(),
        status: Status::Draft,
        title: String::new(),
        problem: String::new(),
        affected: String::new(),
        evidence: String::new(),
        outcome: String::new(),
        success_measure: String::new(),
        constraints_text: String::new(),
        fields: "[]".into(),
        maturity: content.maturity,
        budget_min: None,
        budget_max: None,
        support: "[]".into(),
        support_note: String::new(),
        deadline_at: content.deadline_at,
        eligibility: content.eligibility,
        provinces: "[]".into(),
        version: 1,
        created_at: now,
        updated_at: now,
        published_at: None,
    };
    content.apply(&mut row);
    challenges::insert(&mut tx, &row).await?;
    let created = Move {
        challenge: &id,
        actor: cap.by(),
        kind: "create",
        from: Status::Draft,
        to: Status::Draft,
        reason: "",
        changes: Vec::new(),
        at: now,
    };
    created.record(&mut tx).await?;
    halqe_db::commit(tx).await?;
    Ok(id)
}
