//! Staff configure a call's evaluation stages: each stage's blind mode and gate rule, then its criteria.

use halqe_db::stages::{self, CriterionRow, StageRow};
use halqe_db::{Conn, calls};
use halqe_domain::Invalid;
use halqe_domain::evaluation::stages::{self as rules, Blind, Gate, MAX_CRITERIA, MAX_STAGES};
use halqe_domain::ids::{CallId, CriterionId, StageId};
use halqe_domain::permissions::StaffCap;
use halqe_domain::profile::{paragraph, required_line};

use crate::{App, Error, FormErrors, Result, audit};

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
        views.push(StageView { id: s.id, position: s.position, name: s.name, blind, gate, criteria });
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

/// Adds a criterion after the stage's last; a stage of another call is not found.
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
