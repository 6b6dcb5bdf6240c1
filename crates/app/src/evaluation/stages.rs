//! Staff configure a call's evaluation stages: each stage's blind mode and gate rule, then its criteria.

use halqe_db::stages::{self, CriterionRow, StageRow};
use halqe_db::{Conn, assignments, calls};
use halqe_domain::evaluation::stages::{self as rules, Blind, Gate, MAX_CRITERIA, MAX_STAGES};
use halqe_domain::ids::{CallId, CriterionId, StageId};
use halqe_domain::permissions::StaffCap;
use halqe_domain::profile::{paragraph, required_line};
use halqe_domain::{Invalid, calendar};

use crate::{App, DAY_MS, Error, FormErrors, Result, audit};

/// What the stage form sends.
#[derive(Debug, Clone, Default)]
pub struct StageForm {
    pub name: String,
    pub blind: String,
    pub gate: String,
    /// The threshold's percentage or the N of a top-N gate; ignored for a panel.
    pub gate_value: String,
}

/// What the criterion form sends.
#[derive(Debug, Clone, Default)]
pub struct CriterionForm {
    pub name: String,
    pub description: String,
    pub weight: String,
    pub scale_min: String,
    pub scale_max: String,
}

/// One criterion as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriterionView {
    pub name: String,
    pub description: String,
    pub weight: i64,
    pub scale_min: i64,
    pub scale_max: i64,
}

/// One stage as staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageView {
    pub id: String,
    pub position: i64,
    pub name: String,
    pub blind: Blind,
    pub gate: Gate,
    pub criteria: Vec<CriterionView>,
    pub reviewers_per_proposal: i64,
    /// When its reviews are due (the end of a day); `None` while open.
    pub reviews_due_at: Option<i64>,
    pub appeal_days: i64,
}

/// What the stage plan form sends.
#[derive(Debug, Clone, Default)]
pub struct PlanForm {
    pub reviewers_per_proposal: String,
    /// A day (Solar Hijri or Gregorian, any digits), or blank for no due date.
    pub reviews_due: String,
    pub appeal_days: String,
}

/// The stages page of one call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StagesPage {
    pub call_id: String,
    pub call_title: String,
    pub stages: Vec<StageView>,
}

/// The call's stages with their criteria, in order.
pub async fn page(app: &App, _staff: &StaffCap, call: &CallId) -> Result<StagesPage> {
    let mut conn = app.db.conn().await?;
    let row = calls::by_id(&mut conn, call).await?.ok_or(Error::NotFound)?;
    let stages = views(&mut conn, call).await?;
    Ok(StagesPage { call_id: row.id, call_title: row.title, stages })
}

async fn views(conn: &mut Conn, call: &CallId) -> Result<Vec<StageView>> {
    let criteria = stages::criteria_of_call(conn, call).await?;
    let mut views = Vec::new();
    for s in stages::of_call(conn, call).await? {
        // Stored codes were checked on the way in; a row that no longer parses is a broken database.
        let (Ok(blind), Ok(gate)) = (Blind::parse(&s.blind), Gate::parse(&s.gate, &s.gate_value.to_string())) else {
            return Err(Error::Internal(format!(
                "stage {} has gate {} {} and blind {}",
                s.id, s.gate, s.gate_value, s.blind
            )));
        };
        let criteria = criteria
            .iter()
            .filter(|c| c.stage_id == s.id)
            .map(|c| CriterionView {
                name: c.name.clone(),
                description: c.description.clone(),
                weight: c.weight,
                scale_min: c.scale_min,
                scale_max: c.scale_max,
            })
            .collect();
        let plan = assignments::stage_plan(conn, &s.id).await?.ok_or(Error::NotFound)?;
        views.push(StageView {
            id: s.id,
            position: s.position,
            name: s.name,
            blind,
            gate,
            criteria,
            reviewers_per_proposal: plan.reviewers_per_proposal,
            reviews_due_at: plan.reviews_due_at,
            appeal_days: plan.appeal_days,
        });
    }
    Ok(views)
}

/// Adds a stage after the call's last.
pub async fn add_stage(app: &App, staff: &StaffCap, call: &CallId, form: &StageForm) -> Result<()> {
    let mut e = FormErrors::default();
    let name = e.check("name", required_line(&form.name, rules::NAME));
    let blind = e.check("blind", Blind::parse(&form.blind));
    let gate = e.check("gate", Gate::parse(&form.gate, &form.gate_value));
    let now = app.now();
    let mut tx = app.db.begin().await?;
    calls::by_id(&mut tx, call).await?.ok_or(Error::NotFound)?;
    if stages::of_call(&mut tx, call).await?.len() >= MAX_STAGES {
        e.check::<()>("name", Err(Invalid::TooMany));
    }
    e.finish()?;
    let (Some(name), Some(blind), Some(gate)) = (name, blind, gate) else {
        return Err(FormErrors::single("name", "required"));
    };
    let id = StageId::new();
    let row = StageRow {
        id: id.to_string(),
        call_id: call.to_string(),
        position: 0,
        name,
        blind: blind.code().to_owned(),
        gate: gate.code().to_owned(),
        gate_value: gate.value(),
        created_by: staff.by().to_string(),
        created_at: now,
    };
    stages::insert_stage(&mut tx, &row).await?;
    let details = serde_json::json!({
        "stage": row.id, "name": row.name, "blind": row.blind, "gate": row.gate, "gate_value": row.gate_value,
    });
    audit::record(&mut tx, Some(staff.by()), "call.stage_add", ("call", call.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Adds a criterion after the stage's last; a stage of another call is not found. Once the stage has an
/// assignment the rubric is frozen (`stage_in_use`): reviews already written would lack the new criterion
/// and drop out of the results, calibration and the gate.
pub async fn add_criterion(
    app: &App,
    staff: &StaffCap,
    call: &CallId,
    stage: &str,
    form: &CriterionForm,
) -> Result<()> {
    let mut e = FormErrors::default();
    let name = e.check("name", required_line(&form.name, rules::NAME));
    let description = e.check("description", paragraph(&form.description, rules::DESCRIPTION));
    let weight = e.check("weight", rules::weight(&form.weight));
    let scale = e.check("scale_max", rules::scale(&form.scale_min, &form.scale_max));
    let now = app.now();
    let mut tx = app.db.begin().await?;
    if stages::call_of(&mut tx, stage).await?.as_deref() != Some(call.as_str()) {
        return Err(Error::NotFound);
    }
    if !assignments::of_stage(&mut tx, stage).await?.is_empty() {
        return Err(FormErrors::single("name", "stage_in_use"));
    }
    let existing = stages::criteria_of_call(&mut tx, call).await?;
    if existing.iter().filter(|c| c.stage_id == stage).count() >= MAX_CRITERIA {
        e.check::<()>("name", Err(Invalid::TooMany));
    }
    e.finish()?;
    let (Some(name), Some(description), Some(weight), Some((scale_min, scale_max))) =
        (name, description, weight, scale)
    else {
        return Err(FormErrors::single("name", "required"));
    };
    let row = CriterionRow {
        id: CriterionId::new().to_string(),
        stage_id: stage.to_owned(),
        position: 0,
        name,
        description,
        weight,
        scale_min,
        scale_max,
    };
    stages::insert_criterion(&mut tx, &row).await?;
    let details = serde_json::json!({
        "stage": stage, "criterion": row.id, "name": row.name, "weight": weight, "scale": [scale_min, scale_max],
    });
    audit::record(&mut tx, Some(staff.by()), "call.criterion_add", ("call", call.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}

/// Sets how stage `stage` of call `call` runs: reviewers per proposal (1–20), the day its reviews are due
/// (until the end of that day in Tehran, not before today; blank for none) and the days to appeal a
/// rejection (1–90); audited with what it was before. Assignments read the stage's due date live, so a
/// change reaches every review not extended one by one.
pub async fn set_plan(app: &App, staff: &StaffCap, call: &CallId, stage: &str, form: &PlanForm) -> Result<()> {
    let now = app.now();
    let mut e = FormErrors::default();
    let k = e.check("reviewers_per_proposal", rules::reviewers_per_proposal(&form.reviewers_per_proposal));
    let due = if form.reviews_due.trim().is_empty() {
        Some(None)
    } else {
        match calendar::parse_date(&form.reviews_due) {
            Ok(day) if day + DAY_MS > now => Some(Some(day + DAY_MS)),
            Ok(_) => e.check("reviews_due", Err(Invalid::Date)),
            Err(bad) => e.check("reviews_due", Err(bad)),
        }
    };
    let days = e.check("appeal_days", rules::appeal_days(&form.appeal_days));
    e.finish()?;
    let (Some(k), Some(due), Some(days)) = (k, due, days) else {
        return Err(FormErrors::single("reviewers_per_proposal", "required"));
    };
    let mut tx = app.db.begin().await?;
    let before = assignments::stage_plan(&mut tx, stage).await?.filter(|p| p.call_id == call.as_str());
    let Some(before) = before else { return Err(Error::NotFound) };
    assignments::plan(&mut tx, stage, k, due, days).await?;
    let details = serde_json::json!({
        "stage": stage,
        "reviewers_per_proposal": [before.reviewers_per_proposal, k],
        "reviews_due_at": [before.reviews_due_at, due],
        "appeal_days": [before.appeal_days, days],
    });
    audit::record(&mut tx, Some(staff.by()), "call.stage_plan", ("call", call.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(())
}
