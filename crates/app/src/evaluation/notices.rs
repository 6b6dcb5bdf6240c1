//! What reviewers are told about their assignments, in the app and by mail: the call, the stage, the
//! proposal's title as the stage's blind projection shows it (`blind::project`, as their review page does),
//! the due date in their calendar and the link to the review. Never the applicant, its organization or
//! team, the tracking code or a file's name: none of them is in the projection of a double-blind stage.

use halqe_db::assignments::AssignmentRow;
use halqe_db::reviews;
use halqe_db::{Conn, proposals};
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::evaluation::review as rules;
use halqe_domain::evaluation::stages::Blind;
use halqe_domain::ids::{ProposalId, UserId};
use halqe_domain::notification::Kind;

use crate::conversations::subjects::SubjectView;
use crate::notifications::send::{self, Event, Notice};
use crate::{App, Result};

/// One assignment as its notice names it.
struct About {
    view: SubjectView,
    reviewer: UserId,
    call: String,
    stage: String,
    due: Option<i64>,
}

/// Tells the reviewer of each assignment that `kind` happened to it (in the app; by mail as each chose,
/// with `extra` arguments), in the caller's transaction; an account disabled or no longer holding the
/// assignment hears nothing. Returns how many were told.
pub(crate) async fn tell(
    app: &App,
    conn: &mut Conn,
    kind: Kind,
    rows: &[AssignmentRow],
    extra: &[(&'static str, &str)],
    now: i64,
) -> Result<usize> {
    let mut about = Vec::with_capacity(rows.len());
    for a in rows {
        let Some(stage) = reviews::stage(conn, &a.stage_id).await? else { continue };
        let Some(listed) = proposals::by_id(conn, &ProposalId::from_db(a.proposal_id.clone())).await? else {
            continue;
        };
        // An unreadable blind mode hides the most: as a double-blind stage.
        let blind = Blind::parse(&stage.blind).unwrap_or(Blind::Double);
        let seen = super::reviews::reviewer_proposal(conn, &listed, blind).await?;
        about.push(About {
            view: SubjectView {
                subject: Subject::new(SubjectKind::Review, a.id.clone()),
                title: seen.title,
                agency_name: Some(seen.agency_name),
            },
            reviewer: UserId::from_db(a.user_id.clone()),
            call: stage.call_title,
            stage: stage.name,
            due: rules::due(stage.reviews_due_at, a.due_at),
        });
    }
    let details: Vec<Vec<(&'static str, &str)>> = about
        .iter()
        .map(|x| {
            [("call", x.call.as_str()), ("stage", x.stage.as_str())].into_iter().chain(extra.iter().copied()).collect()
        })
        .collect();
    let dates: Vec<[(&'static str, Option<i64>); 1]> = about.iter().map(|x| [("date", x.due)]).collect();
    let notices: Vec<Notice<'_>> = about
        .iter()
        .zip(&details)
        .zip(&dates)
        .map(|((x, details), dates)| Notice {
            event: Event { kind, about: &x.view, actor_name: "" },
            to: vec![x.reviewer.clone()],
            except: None,
            details,
            dates,
        })
        .collect();
    send::notify_all(app, conn, &notices, now).await
}
