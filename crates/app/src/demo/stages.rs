//! The demo call's evaluation stages, as its rules announce them: a screening with a score threshold, then
//! expert review with a pitch decided by a panel.

use halqe_db::Conn;
use halqe_db::stages::{self, CriterionRow, StageRow};
use halqe_domain::evaluation::stages::{Blind, Gate};
use halqe_domain::ids::{CallId, StageId, UserId};

use super::demo_id;
use crate::{Result, audit};

/// (slug, name, blind, gate, criteria: (name, description, weight, scale)).
type DemoStage = (&'static str, &'static str, Blind, Gate, &'static [(&'static str, &'static str, i64, (i64, i64))]);

const STAGES: [DemoStage; 2] = [
    (
        "stage-screening",
        "غربال اولیه",
        Blind::Single,
        Gate::Threshold(60),
        &[
            ("هم‌خوانی با چالش", "طرح به مسئلهٔ اعلام‌شدهٔ دستگاه پاسخ می‌دهد", 50, (1, 5)),
            ("کامل‌بودن مدارک", "برنامهٔ زمانی و بودجهٔ تفکیکی پیوست است", 50, (1, 5)),
        ],
    ),
    (
        "stage-expert-review",
        "داوری تخصصی و ارائهٔ حضوری",
        Blind::Double,
        Gate::Panel,
        &[
            ("نوآوری", "تازگی راه‌حل نسبت به روش‌های موجود", 30, (1, 10)),
            ("امکان‌پذیری فنی", "توان تیم و پختگی فناوری برای اجرا", 40, (1, 10)),
            ("اثر و مقیاس‌پذیری", "اثر سنجش‌پذیر بر مسئله و امکان گسترش در دستگاه‌های دیگر", 30, (1, 10)),
        ],
    ),
];

/// Writes the stages of `call` with their criteria, each audited as staff adding it would be.
pub(super) async fn load(conn: &mut Conn, call: &CallId, staff: &UserId, now: i64) -> Result<()> {
    for (slug, name, blind, gate, criteria) in STAGES {
        let id: StageId = demo_id(slug);
        let row = StageRow {
            id: id.to_string(),
            call_id: call.to_string(),
            position: 0,
            name: name.into(),
            blind: blind.code().into(),
            gate: gate.code().into(),
            gate_value: gate.value(),
            created_by: staff.to_string(),
            created_at: now,
        };
        stages::insert_stage(conn, &row).await?;
        let details =
            serde_json::json!({ "stage": row.id, "name": name, "gate": row.gate, "gate_value": row.gate_value });
        audit::record(conn, Some(staff), "call.stage_add", ("call", call.as_str()), details, now).await?;
        for (i, (criterion, description, weight, (scale_min, scale_max))) in criteria.iter().enumerate() {
            let row = CriterionRow {
                id: demo_id::<halqe_domain::ids::Criterion>(&format!("{slug}-{i}")).to_string(),
                stage_id: id.to_string(),
                position: 0,
                name: (*criterion).into(),
                description: (*description).into(),
                weight: *weight,
                scale_min: *scale_min,
                scale_max: *scale_max,
            };
            stages::insert_criterion(conn, &row).await?;
            let details = serde_json::json!({ "stage": id.as_str(), "criterion": row.id, "name": criterion });
            audit::record(conn, Some(staff), "call.criterion_add", ("call", call.as_str()), details, now).await?;
        }
    }
    Ok(())
}
