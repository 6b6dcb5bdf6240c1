//! Demo decisions on the Isfahan challenge in evaluation: both of its proposals are in the call's first
//! stage; staff advance Dadehkavan Pars's to expert review and reject Ali Hosseini's, each with its
//! reason, and Ali has appealed the rejection (waiting for someone other than the decider to answer).

use halqe_db::decisions::{self, AppealRow};
use halqe_db::evaluations::{self, EvaluationRow};
use halqe_db::{Conn, proposals};
use halqe_domain::evaluation::decisions::{Outcome, State};
use halqe_domain::ids::{CallId, ProposalId, StageId, UserId};
use halqe_domain::notification::Kind;

use super::demo_id;
use crate::evaluation::appeals::PENDING;
use crate::evaluation::decisions::Record;
use crate::{App, DAY_MS, Error, HOUR_MS, Result, audit};

/// (proposal slug, outcome, reason).
const DECIDED: &[(&str, Outcome, &str)] = &[
    (
        "proposal-isfahan-dadehkavan",
        Outcome::Advance,
        "هر چهار معیار غربالگری را دارد: مسئله را با دادهٔ زمان صدور مجوز نشان داده، اتصال به درگاه ملی مجوزها را \
         سنجیده و سنجهٔ ۴۵ روز را پذیرفته است. برای داوری تخصصی.",
    ),
    (
        "proposal-isfahan-ali",
        Outcome::Reject,
        "طرح به فهرست‌کردن مدارک بسنده می‌کند و استعلام هم‌زمان از دستگاه‌ها را، که هستهٔ چالش است، در بر ندارد؛ \
         برنامهٔ آزمایش و سنجهٔ موفقیت هم ندارد.",
    ),
];

const APPEAL: &str = "راهنمای مدارک گام نخست پنجرهٔ واحد است: پیوست دوم طرح، اتصال به سامانهٔ استعلام استانداری را در \
    فاز دوم آورده و آزمایش در شهرک صنعتی مورچه‌خورت پیش‌بینی شده است. خواهشمندم با در نظر گرفتن پیوست بازبینی شود.";

/// Enters the Isfahan proposals into the first stage, records the two decisions and the appeal; returns
/// how many decisions.
pub(super) async fn load(app: &App, conn: &mut Conn, now: i64) -> Result<usize> {
    let call: CallId = demo_id(super::challenges::CALL);
    let screening: StageId = demo_id("stage-screening");
    let review: StageId = demo_id("stage-expert-review");
    let staff: UserId = demo_id("staff@halqe.demo");
    let decided_at = now - 2 * DAY_MS;
    for (slug, outcome, reason) in DECIDED {
        let id: ProposalId = demo_id(slug);
        let found = proposals::by_id(conn, &id).await?.ok_or(Error::NotFound)?;
        let entered = EvaluationRow {
            proposal_id: id.to_string(),
            call_id: call.to_string(),
            stage_id: screening.to_string(),
            version: found.row.versions,
            state: State::InReview.code().to_owned(),
            revision: 0,
            updated_at: decided_at - DAY_MS,
        };
        evaluations::enter(conn, &entered).await?;
        let details = serde_json::json!({
            "challenge": found.row.challenge_id, "stage": screening.as_str(), "version": entered.version,
            "state": entered.state,
        });
        audit::record(conn, Some(&staff), "evaluation.enter", ("proposal", id.as_str()), details, now).await?;
        let (stage, state) = match outcome {
            Outcome::Advance => (review.as_str(), State::InReview),
            _ => (screening.as_str(), State::Rejected),
        };
        decisions::move_evaluation(conn, id.as_str(), 0, stage, state, decided_at).await?;
        let record = Record {
            proposal: &found,
            stage: screening.as_str(),
            outcome: *outcome,
            to_stage: (*outcome == Outcome::Advance).then_some(review.as_str()),
            reason,
            by: &staff,
            appeal: None,
            kind: Kind::ProposalDecided,
            now: decided_at,
        };
        let decision = record.write(app, conn).await?;
        if *outcome == Outcome::Reject {
            let filed_at = decided_at + 5 * HOUR_MS;
            decisions::move_evaluation(conn, id.as_str(), 1, screening.as_str(), State::Appealed, filed_at).await?;
            let by: UserId = demo_id("innovator@halqe.demo");
            let appeal = AppealRow {
                id: demo_id::<halqe_domain::ids::Appeal>("appeal-isfahan-ali").to_string(),
                decision_id: decision.to_string(),
                proposal_id: id.to_string(),
                filed_by: by.to_string(),
                reason: APPEAL.to_owned(),
                filed_at,
                state: PENDING.to_owned(),
                decided_by: None,
                decided_at: None,
                answer: String::new(),
            };
            decisions::insert_appeal(conn, &appeal).await?;
            let details = serde_json::json!({
                "appeal": appeal.id, "decision": appeal.decision_id, "stage": screening.as_str(), "reason": APPEAL,
            });
            audit::record(conn, Some(&by), "appeal.file", ("proposal", id.as_str()), details, now).await?;
        }
    }
    Ok(DECIDED.len())
}
