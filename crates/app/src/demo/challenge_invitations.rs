//! Demo invitations to apply: the labour ministry's officer invited matches to its two open challenges, in
//! every state (waiting, accepted, declined, withdrawn), each with its timeline, audit entries and the
//! notifications its parties got; the researcher has one waiting in their inbox.

use halqe_db::Conn;
use halqe_db::introductions::{self, IntroductionRow};
use halqe_db::needs::{self, NeedRow};
use halqe_domain::ids::{AgencyId, ChallengeId, Id, IntroductionId, NeedId, UserId};
use halqe_domain::introduction::{CandidateKind, Status};
use halqe_domain::notification::Kind;

use super::demo_id;
use super::introductions::{Told, event, snapshot};
use crate::{DAY_MS, Result, audit};

const OFFICER: &str = "officer@halqe.demo";
const AGENCY: &str = "labour";

/// One invitation: to which challenge, whom, where it stands and who answered.
struct DemoInvitation {
    challenge: &'static str,
    /// The person's demo slug.
    person: &'static str,
    status: Status,
    answered_by: Option<&'static str>,
    days_ago: i64,
    why: (f32, &'static [(&'static str, &'static str)]),
}

const INVITATIONS: &[DemoInvitation] = &[
    DemoInvitation {
        challenge: "complaints-turnaround",
        person: "ali-hosseini",
        status: Status::Accepted,
        answered_by: Some("innovator@halqe.demo"),
        days_ago: 6,
        why: (0.61, &[("سامانه", "سامانه‌های"), ("فرایند", "فرایند")]),
    },
    DemoInvitation {
        challenge: "complaints-turnaround",
        person: "sara-abbasi",
        status: Status::Requested,
        answered_by: None,
        days_ago: 5,
        why: (0.55, &[("فرایند", "فرایند"), ("بایگانی", "بایگانی")]),
    },
    DemoInvitation {
        challenge: "complaints-turnaround",
        person: "negar-sadeghi",
        status: Status::Declined,
        answered_by: Some("founder@halqe.demo"),
        days_ago: 5,
        why: (0.38, &[("داده", "داده‌های")]),
    },
    DemoInvitation {
        challenge: "complaints-turnaround",
        person: "mohammadreza-kazemi",
        status: Status::Withdrawn,
        answered_by: None,
        days_ago: 4,
        why: (0.31, &[("سامانه", "سامانه")]),
    },
    DemoInvitation {
        challenge: "training-effect",
        person: "amir-jafari",
        status: Status::Requested,
        answered_by: None,
        days_ago: 1,
        why: (0.72, &[("ارزیابی", "ارزیابی"), ("عملکرد", "عملکرد"), ("شاخص‌های", "شاخص")]),
    },
];

/// The challenge's need, as the first invitation makes it.
async fn need(conn: &mut Conn, slug: &str, now: i64) -> Result<(NeedId, String)> {
    let challenge: ChallengeId = demo_id(slug);
    let found = halqe_db::challenges::by_id(conn, &challenge).await?.ok_or(crate::Error::NotFound)?;
    let id: NeedId = demo_id(&format!("need:challenge:{slug}"));
    let row = NeedRow {
        id: id.to_string(),
        agency_id: Some(found.row.agency_id.clone()),
        created_by: demo_id::<()>(OFFICER).to_string(),
        text: [found.row.title.as_str(), found.row.problem.as_str(), found.row.outcome.as_str()].join("\n"),
        fields: found.row.fields.clone(),
        created_at: now - 7 * DAY_MS,
        challenge_id: Some(challenge.to_string()),
    };
    needs::insert(conn, &row).await?;
    Ok((id, found.row.title))
}

/// Inserts the invitations with their needs, timelines, audit entries and notifications; returns how many.
pub(super) async fn load(conn: &mut Conn, now: i64) -> Result<usize> {
    let officer: UserId = demo_id(OFFICER);
    let agency: AgencyId = demo_id(AGENCY);
    let mut made: Vec<(String, NeedId, String)> = Vec::new();
    for d in INVITATIONS {
        let (need_id, title) = match made.iter().find(|(slug, _, _)| slug == d.challenge) {
            Some((_, id, title)) => (id.clone(), title.clone()),
            None => {
                let (id, title) = need(conn, d.challenge, now).await?;
                made.push((d.challenge.to_owned(), id.clone(), title.clone()));
                (id, title)
            }
        };
        let asked = now - d.days_ago * DAY_MS;
        let answered = asked + DAY_MS / 2;
        let id: IntroductionId = demo_id(&format!("invitation:{}:{}", d.challenge, d.person));
        let candidate: Id<()> = demo_id(&format!("person:{}", d.person));
        let ended = d.status != Status::Requested;
        let row = IntroductionRow {
            id: id.to_string(),
            need_id: need_id.to_string(),
            candidate_kind: CandidateKind::Person,
            candidate_id: candidate.to_string(),
            agency_id: Some(agency.to_string()),
            requested_by: officer.to_string(),
            status: d.status,
            note: "از پروفایل شما پیداست که برای این چالش طرح خوبی خواهید داشت.".into(),
            outcome_reason: String::new(),
            why: snapshot(d.why.0, d.why.1, &["skills"]),
            created_at: asked,
            answered_at: d.answered_by.map(|_| answered),
            closed_at: (ended && d.status.is_closed()).then_some(answered),
        };
        introductions::insert(conn, &row).await?;
        event(conn, &id, Status::Requested, &officer, "", asked).await?;
        let details =
            serde_json::json!({ "need": need_id.as_str(), "candidate_kind": "person", "candidate": row.candidate_id });
        audit::record(conn, Some(&officer), "introduction.invite", ("introduction", id.as_str()), details, asked)
            .await?;
        let title = title.as_str();
        let intro = &id;
        if let Some(by) = d.answered_by {
            Told { to: by, kind: Kind::ChallengeInvitation, intro, by: OFFICER, title, at: asked }
                .insert(conn, now)
                .await?;
        }
        let step = match d.status {
            Status::Requested => None,
            s => Some((s, d.answered_by.map_or_else(|| officer.clone(), demo_id::<halqe_domain::ids::User>))),
        };
        if let Some((status, actor)) = step {
            event(conn, &id, status, &actor, "", answered).await?;
            let details = serde_json::json!({ "from": "requested", "to": status.code(), "reason": "" });
            let action = format!("introduction.{}", status.code());
            audit::record(conn, Some(&actor), &action, ("introduction", id.as_str()), details, answered).await?;
            let told = match (status, d.answered_by) {
                (Status::Accepted, Some(by)) => Some((OFFICER, Kind::IntroductionAccepted, by)),
                (Status::Declined, Some(by)) => Some((OFFICER, Kind::IntroductionDeclined, by)),
                _ => None,
            };
            if let Some((to, kind, by)) = told {
                Told { to, kind, intro, by, title, at: answered }.insert(conn, now).await?;
            }
        }
    }
    // The researcher's invitation waits for an answer: it is in their inbox, unread.
    let waiting: IntroductionId = demo_id("invitation:training-effect:amir-jafari");
    let title = made.iter().find(|(slug, _, _)| slug == "training-effect").map_or("", |(_, _, t)| t.as_str());
    let (to, intro) = ("researcher@halqe.demo", &waiting);
    Told { to, kind: Kind::ChallengeInvitation, intro, by: OFFICER, title, at: now - DAY_MS }.insert(conn, now).await?;
    Ok(INVITATIONS.len())
}
