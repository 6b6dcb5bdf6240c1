//! A call in evaluation for tests, written straight into the database: a published call with stages (two
//! criteria each, weights 40 and 60 on a 1–5 scale: a review scoring (a, b) weighs 10·(a − 1) + 15·(b − 1)
//! percent, each score placed on its scale, the minimum at 0), a closed
//! challenge of the call, and proposals with a submitted version from innovators who are signed in; reviews
//! with their scores are inserted as submitted.

use halqe_db::calls::{self, CallRow};
use halqe_db::challenges::{self, ChallengeRow};
use halqe_db::proposals::{self, ProposalRow};
use halqe_db::stages::{self, CriterionRow, StageRow};
use halqe_domain::challenge::{Eligibility, Maturity, Status as ChallengeStatus};
use halqe_domain::ids::{CallId, ChallengeId, Id, ProposalId, UserId};
use halqe_domain::proposal::{ApplicantKind, Status};
use halqe_domain::user::Role;
use reqwest::Client;

use crate::{PASSWORD, START_MS, TestApp};

/// One applicant and their proposal.
pub struct Applicant {
    pub client: Client,
    pub email: String,
    pub user: UserId,
    pub proposal: String,
}

/// A call whose challenge is closed, ready to be evaluated.
pub struct World {
    pub call: String,
    /// The stages in order, each with its two criteria (weight 40, then 60).
    pub stages: Vec<(String, [String; 2])>,
    pub challenge: String,
    pub applicants: Vec<Applicant>,
    /// A proposal that was submitted and then withdrawn.
    pub withdrawn: String,
}

/// A call with a stage per `(gate, value)`, its closed challenge, and `applicants` submitted proposals.
pub async fn world(app: &TestApp, gates: &[(&str, i64)], applicants: usize) -> World {
    // Several worlds may share one server: their accounts differ by a suffix.
    let suffix = &Id::<()>::new().to_string()[28..];
    let admin = app.user(&format!("owner-{suffix}@evaluation.test"), &[Role::Admin]).await;
    let agency = app.agency("وزارت تعاون، کار و رفاه اجتماعی").await;
    let mut tx = app.app.db.begin().await.expect("begin");
    let call = CallId::new();
    let row = CallRow {
        id: call.to_string(),
        title: "فراخوان نوآوری در خدمات اداری ۱۴۰۵".into(),
        rules: String::new(),
        opens_at: START_MS - 40 * DAY,
        closes_at: START_MS + 40 * DAY,
        status: halqe_domain::call::Status::Published,
        created_by: admin.to_string(),
        created_at: START_MS - 40 * DAY,
        published_at: Some(START_MS - 40 * DAY),
    };
    calls::insert(&mut tx, &row).await.expect("call");
    let mut stage_ids = Vec::new();
    for (n, (gate, value)) in gates.iter().enumerate() {
        let stage = StageRow {
            id: Id::<()>::new().to_string(),
            call_id: call.to_string(),
            position: 0,
            name: format!("مرحلهٔ {}", n + 1),
            blind: "single".into(),
            gate: (*gate).into(),
            gate_value: *value,
            created_by: admin.to_string(),
            created_at: START_MS,
        };
        stages::insert_stage(&mut tx, &stage).await.expect("stage");
        let mut criteria = Vec::new();
        for (name, weight) in [("نوآوری", 40), ("امکان‌پذیری", 60)] {
            let c = CriterionRow {
                id: Id::<()>::new().to_string(),
                stage_id: stage.id.clone(),
                position: 0,
                name: name.into(),
                description: String::new(),
                weight,
                scale_min: 1,
                scale_max: 5,
            };
            stages::insert_criterion(&mut tx, &c).await.expect("criterion");
            criteria.push(c.id);
        }
        stage_ids.push((stage.id, [criteria[0].clone(), criteria[1].clone()]));
    }
    let challenge = ChallengeId::new();
    let c = ChallengeRow {
        id: challenge.to_string(),
        agency_id: agency.to_string(),
        call_id: Some(call.to_string()),
        created_by: admin.to_string(),
        status: ChallengeStatus::Closed,
        title: "کاهش زمان رسیدگی به شکایت‌های کارگری".into(),
        problem: "رسیدگی به شکایت‌ها ۹۵ روز طول می‌کشد.".into(),
        affected: "کارگران و کارفرمایان".into(),
        evidence: String::new(),
        outcome: "رسیدگی در کمتر از ۳۰ روز".into(),
        success_measure: "میانهٔ زمان رسیدگی".into(),
        constraints_text: String::new(),
        fields: "[]".into(),
        maturity: Maturity::Prototype,
        budget_min: None,
        budget_max: None,
        support: "[]".into(),
        support_note: String::new(),
        deadline_at: START_MS - DAY,
        eligibility: Eligibility::Both,
        provinces: "[]".into(),
        version: 1,
        created_at: START_MS - 30 * DAY,
        updated_at: START_MS - DAY,
        published_at: Some(START_MS - 30 * DAY),
    };
    challenges::insert(&mut tx, &c).await.expect("challenge");
    halqe_db::commit(tx).await.expect("commit");
    let mut people = Vec::new();
    for n in 0..=applicants {
        let email = format!("applicant{n}-{suffix}@evaluation.test");
        let user = app.user(&email, &[Role::Innovator]).await;
        let person = app
            .insert_person(halqe_db::people::PersonRow {
                user_id: Some(user.to_string()),
                first_name: "مریم".into(),
                last_name: format!("احمدی {n}"),
                availability: "available".into(),
                visibility: "public".into(),
                source: "test".into(),
                ..halqe_db::people::PersonRow::default()
            })
            .await;
        let withdrawn = n == applicants;
        let proposal = ProposalId::new();
        let row = ProposalRow {
            id: proposal.to_string(),
            challenge_id: challenge.to_string(),
            applicant_kind: ApplicantKind::Person,
            applicant_id: person,
            applicant_name: format!("مریم احمدی {n}"),
            created_by: user.to_string(),
            status: if withdrawn { Status::Withdrawn } else { Status::Submitted },
            title: format!("سامانهٔ پیگیری برخط شکایت‌ها، طرح {n}"),
            summary: "پرونده‌ها برخط ثبت و پیگیری می‌شوند.".into(),
            approach: String::new(),
            budget: Some(12_500),
            timeline: String::new(),
            expected_results: String::new(),
            originality: 1,
            conflicts: 1,
            conflicts_note: String::new(),
            versions: 1,
            created_at: START_MS - 20 * DAY,
            updated_at: START_MS - 10 * DAY + n as i64,
            submitted_at: Some(START_MS - 10 * DAY + n as i64),
            withdrawn_at: withdrawn.then_some(START_MS - 5 * DAY),
        };
        let content = serde_json::json!({
            "applicant_name": row.applicant_name, "title": row.title, "summary": row.summary,
            "approach": row.approach, "budget": row.budget, "timeline": row.timeline,
            "expected_results": row.expected_results, "conflicts_note": row.conflicts_note,
            "team": [], "files": [],
        });
        let version = proposals::VersionRow {
            id: Id::<()>::new().to_string(),
            proposal_id: row.id.clone(),
            version: 1,
            // Unique across worlds: from the random end of the proposal's id.
            tracking_code: format!("{:016}", u64::from_str_radix(&row.id[24..], 16).unwrap_or(0)),
            content: content.to_string(),
            submitted_by: user.to_string(),
            submitted_at: row.submitted_at.unwrap_or(START_MS),
        };
        let mut conn = app.app.db.conn().await.expect("conn");
        proposals::insert(&mut conn, &row).await.expect("proposal");
        proposals::insert_version(&mut conn, &version).await.expect("version");
        drop(conn);
        let client = app.client();
        app.login(&client, &email, PASSWORD).await;
        people.push(Applicant { client, email, user, proposal: proposal.to_string() });
    }
    let withdrawn = people.pop().map(|a| a.proposal).unwrap_or_default();
    World { call: call.to_string(), stages: stage_ids, challenge: challenge.to_string(), applicants: people, withdrawn }
}

const DAY: i64 = 86_400_000;

impl World {
    /// Inserts a submitted review of `proposal` in stage `stage` (by position from 0) by a new reviewer,
    /// scoring the two criteria; its weighted score is `10·(a − 1) + 15·(b − 1)` percent.
    pub async fn review(&self, app: &TestApp, stage: usize, proposal: &str, (a, b): (i64, i64)) {
        let reviewer = app.user(&format!("reviewer-{}@evaluation.test", Id::<()>::new()), &[Role::Reviewer]).await;
        let assignment = self.assign(app, stage, proposal, &reviewer).await;
        let review = Id::<()>::new().to_string();
        app.sql_exec(&format!(
            "INSERT INTO reviews (id, assignment_id, state, comment, confidence, created_at, updated_at, submitted_at) \
             VALUES ('{review}', '{assignment}', 'submitted', '', 4, {START_MS}, {START_MS}, {START_MS})"
        ))
        .await;
        for (criterion, score) in self.stages[stage].1.iter().zip([a, b]) {
            app.sql_exec(&format!(
                "INSERT INTO review_scores (review_id, criterion_id, score) VALUES ('{review}', '{criterion}', {score})"
            ))
            .await;
        }
    }

    /// Assigns `reviewer` to `proposal` in stage `stage` (by position from 0), in force and not yet reviewed;
    /// returns the assignment's id.
    pub async fn assign(&self, app: &TestApp, stage: usize, proposal: &str, reviewer: &UserId) -> String {
        let stage = &self.stages[stage].0;
        let assignment = Id::<()>::new().to_string();
        app.sql_exec(&format!(
            "INSERT INTO assignments (id, stage_id, proposal_id, user_id, state, created_at) \
             VALUES ('{assignment}', '{stage}', '{proposal}', '{reviewer}', 'active', {START_MS})"
        ))
        .await;
        assignment
    }

    /// Staff open the evaluation through the challenge's step; returns the response status.
    pub async fn open(&self, app: &TestApp, staff: &Client) -> u16 {
        let path = format!("/challenges/{}/steps", self.challenge);
        app.post_form(staff, &path, &[("step", "evaluate"), ("reason", "")]).await.status().as_u16()
    }
}
