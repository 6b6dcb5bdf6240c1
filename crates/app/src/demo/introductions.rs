//! Demo introductions: two needs of the demo officer's ministry and introductions in every state, with
//! their timelines, conversations and the notifications their parties got (the latest unread), linked to
//! demo people and organizations; the founder takes messages in the daily digest, the researcher by mail.

use halqe_db::Conn;
use halqe_db::conversations::{self, Message};
use halqe_db::introductions::{self, IntroductionRow};
use halqe_db::needs::{self, NeedRow};
use halqe_db::notifications::{self, NotificationRow};
use halqe_domain::conversation::SubjectKind;
use halqe_domain::ids::{AgencyId, Id, IntroductionId, NeedId, UserId};
use halqe_domain::introduction::{CandidateKind, Status};
use halqe_domain::notification::{Delivery, Kind};

use super::demo_id;
use halqe_search::surface::MatchedTerm;

use crate::introductions::notify::excerpt;
use crate::introductions::why::WhySignal;
use crate::introductions::{Why, steps};
use crate::{DAY_MS, Result};

const OFFICER: &str = "officer@halqe.demo";
const AGENCY: &str = "labour";

struct DemoNeed {
    slug: &'static str,
    text: &'static str,
    fields: &'static [&'static str],
    days_ago: i64,
}

const NEEDS: &[DemoNeed] = &[
    DemoNeed {
        slug: "retirement-forecast",
        text: "وزارتخانه برای برنامه‌ریزی نیروی انسانی به سامانه‌ای نیاز دارد که موج بازنشستگی کارکنان را با تحلیل داده‌های منابع انسانی و یادگیری ماشین پیش‌بینی کند و نیاز جذب هر استان را نشان دهد.",
        fields: &["hr-analytics-planning"],
        days_ago: 20,
    },
    DemoNeed {
        slug: "performance-indicators",
        text: "طراحی شاخص‌های ارزیابی عملکرد کارکنان ادارات کل استانی و سنجش اثربخشی دوره‌های آموزشی آنان",
        fields: &["performance-appraisal"],
        days_ago: 45,
    },
];

/// One introduction: who, for which need, where it stands, who answered, and the messages of its thread.
struct DemoIntroduction {
    need: &'static str,
    kind: CandidateKind,
    /// The person's or organization's demo slug.
    candidate: &'static str,
    status: Status,
    /// The account that accepted or declined.
    answered_by: Option<&'static str>,
    note: &'static str,
    reason: &'static str,
    /// Score, matched words (as the need and the profile write them) and profile parts.
    why: (f32, &'static [(&'static str, &'static str)], &'static [&'static str]),
    /// (author account, text), oldest first.
    messages: &'static [(&'static str, &'static str)],
}

const INTRODUCTIONS: &[DemoIntroduction] = &[
    DemoIntroduction {
        need: "retirement-forecast",
        kind: CandidateKind::Person,
        candidate: "negar-sadeghi",
        status: Status::Accepted,
        answered_by: Some("founder@halqe.demo"),
        note: "در صورت امکان نمونه‌ای از داشبوردهای پیشین خود را هم معرفی کنید.",
        reason: "",
        why: (
            0.62,
            &[("بازنشستگی", "بازنشستگان"), ("پیش‌بینی", "پیش‌بینی"), ("یادگیری", "یادگیری"), ("انسانی", "انسانی")],
            &["skills", "bio", "publications"],
        ),
        messages: &[
            (
                OFFICER,
                "سلام، از پذیرش درخواست سپاسگزاریم. آیا هفته آینده می‌توانید نمونه داشبورد را در جلسه‌ای در وزارتخانه معرفی کنید؟",
            ),
            ("founder@halqe.demo", "سلام، حتماً. سه‌شنبه ساعت ۱۰ با یکی از همکاران تحلیل داده در خدمت شما هستیم."),
            (
                OFFICER,
                "عالی است. لطفاً فهرست داده‌هایی را که برای نمونهٔ اولیه لازم دارید (سوابق استخدام، بازنشستگی و جابه‌جایی) بفرستید تا مجوز دسترسی را پیش از جلسه بگیریم.",
            ),
        ],
    },
    DemoIntroduction {
        need: "retirement-forecast",
        kind: CandidateKind::Organization,
        candidate: "dadehkavan-pars",
        status: Status::Declined,
        answered_by: Some("founder@halqe.demo"),
        note: "",
        reason: "",
        why: (
            0.55,
            &[("بازنشستگی", "بازنشستگی"), ("پیش‌بینی", "پیش‌بینی‌های"), ("جذب", "جذب")],
            &["capabilities", "past_projects"],
        ),
        messages: &[],
    },
    DemoIntroduction {
        need: "retirement-forecast",
        kind: CandidateKind::Person,
        candidate: "leila-farhadi",
        status: Status::Requested,
        answered_by: None,
        note: "",
        reason: "",
        why: (0.48, &[("برنامه‌ریزی", "برنامه‌ریزی"), ("نیروی", "نیروی"), ("انسانی", "انسانی")], &["skills", "bio"]),
        messages: &[],
    },
    DemoIntroduction {
        need: "retirement-forecast",
        kind: CandidateKind::Organization,
        candidate: "ai-hr-lab",
        status: Status::Requested,
        answered_by: None,
        note: "",
        reason: "",
        why: (0.41, &[("یادگیری", "یادگیری"), ("منابع", "منابع")], &["capabilities"]),
        messages: &[],
    },
    DemoIntroduction {
        need: "performance-indicators",
        kind: CandidateKind::Person,
        candidate: "amir-jafari",
        status: Status::Engaged,
        answered_by: Some("researcher@halqe.demo"),
        note: "",
        reason: "",
        why: (
            0.66,
            &[("شاخص‌های", "شاخص‌ها"), ("ارزیابی", "ارزیابی"), ("عملکرد", "عملکرد")],
            &["skills", "bio", "past_projects", "publications"],
        ),
        messages: &[
            (OFFICER, "قرارداد پژوهشی طراحی شاخص‌ها امضا شد؛ جلسه آغاز کار را هماهنگ می‌کنیم."),
            ("researcher@halqe.demo", "سپاس؛ برنامه کار سه‌ماهه را تا پایان هفته می‌فرستم."),
        ],
    },
    DemoIntroduction {
        need: "performance-indicators",
        kind: CandidateKind::Organization,
        candidate: "public-hrm",
        status: Status::NotEngaged,
        answered_by: Some("reviewer@halqe.demo"),
        note: "",
        reason: "برای این مرحله گروهی لازم بود که در همه استان‌ها حضور میدانی داشته باشد.",
        why: (
            0.52,
            &[("ارزیابی", "ارزیابی"), ("عملکرد", "عملکرد"), ("آموزشی", "آموزش")],
            &["capabilities", "past_projects"],
        ),
        messages: &[],
    },
];

pub(super) fn snapshot(score: f32, terms: &[(&str, &str)], parts: &[&str]) -> String {
    let signal = |name: &str, value: f32, weight: f32| WhySignal { name: name.to_owned(), value, weight, share: 0.0 };
    let mut signals =
        vec![signal("text", score + 0.1, 0.6), signal("taxonomy", 1.0, 0.2), signal("track_record", 0.3, 0.2)];
    let total: f32 = signals.iter().map(|s| s.value * s.weight).sum::<f32>().max(f32::EPSILON);
    for s in &mut signals {
        s.share = s.value * s.weight / total;
    }
    Why {
        score,
        signals,
        matched_terms: terms
            .iter()
            .map(|(need, profile)| MatchedTerm { need: (*need).to_owned(), profile: (*profile).to_owned() })
            .collect(),
        matched_fields: parts.iter().map(|p| (*p).to_owned()).collect(),
        ..Why::default()
    }
    .to_db()
}

pub(super) async fn event(
    conn: &mut Conn,
    intro: &IntroductionId,
    kind: Status,
    actor: &UserId,
    detail: &str,
    at: i64,
) -> Result<()> {
    let id = demo_id(&format!("introduction-event:{intro}:{}", kind.code()));
    steps::Entry { intro, actor, kind, detail, at }.record(conn, id).await
}

/// A demo account's display name.
fn name_of(email: &str) -> &'static str {
    super::USERS.iter().find(|u| u.email == email).map_or("", |u| u.display_name)
}

/// One notification of a demo account about introduction `intro`; read unless it is from the last two days.
pub(super) struct Told<'a> {
    pub to: &'a str,
    pub kind: Kind,
    pub intro: &'a IntroductionId,
    pub by: &'a str,
    pub title: &'a str,
    pub at: i64,
}

impl Told<'_> {
    pub(super) async fn insert(&self, conn: &mut Conn, now: i64) -> Result<()> {
        let slug = format!("notification:{}:{}:{}:{}", self.intro, self.to, self.kind.code(), self.at);
        let row = NotificationRow {
            id: demo_id::<()>(&slug).to_string(),
            user_id: demo_id::<()>(self.to).to_string(),
            kind: self.kind,
            subject_kind: SubjectKind::Introduction,
            subject_id: self.intro.to_string(),
            actor_name: name_of(self.by).to_owned(),
            title: self.title.to_owned(),
            agency_name: super::data::AGENCIES.iter().find(|a| a.slug == AGENCY).map(|a| a.name_fa.to_owned()),
            delivery: Delivery::Immediately,
            digest_id: None,
            created_at: self.at,
            read_at: (self.at < now - 2 * DAY_MS).then_some(self.at + 3_600_000),
        };
        notifications::insert(conn, &row).await?;
        Ok(())
    }
}

/// The demo accounts' own choices of how to hear of notifications.
async fn settings(conn: &mut Conn, now: i64) -> Result<()> {
    let founder: UserId = demo_id("founder@halqe.demo");
    notifications::set_delivery(conn, &founder, Kind::Message, Delivery::Digest, now).await?;
    let researcher: UserId = demo_id("researcher@halqe.demo");
    notifications::set_delivery(conn, &researcher, Kind::IntroductionRequested, Delivery::Immediately, now).await?;
    notifications::set_delivery(conn, &researcher, Kind::IntroductionEngaged, Delivery::Off, now).await?;
    Ok(())
}

/// Inserts the demo needs, introductions, timelines, conversations and notifications; returns how many
/// introductions.
pub(super) async fn load(conn: &mut Conn, now: i64) -> Result<usize> {
    let officer: UserId = demo_id(OFFICER);
    let agency: AgencyId = demo_id(AGENCY);
    for n in NEEDS {
        let id: NeedId = demo_id(&format!("need:{}", n.slug));
        let need = NeedRow {
            id: id.to_string(),
            agency_id: Some(agency.to_string()),
            created_by: officer.to_string(),
            text: n.text.to_owned(),
            fields: serde_json::to_string(n.fields).unwrap_or_else(|_| "[]".into()),
            created_at: now - n.days_ago * DAY_MS,
            challenge_id: None,
        };
        needs::insert(conn, &need).await?;
    }
    for (i, d) in INTRODUCTIONS.iter().enumerate() {
        let need = NEEDS.iter().find(|n| n.slug == d.need).map_or(0, |n| n.days_ago);
        let asked = now - need * DAY_MS + i as i64 * 60_000;
        let answered = asked + 2 * DAY_MS;
        let closed = answered + 10 * DAY_MS;
        let id: IntroductionId = demo_id(&format!("introduction:{}:{}", d.need, d.candidate));
        let prefix = match d.kind {
            CandidateKind::Person => "person",
            CandidateKind::Organization => "org",
        };
        let candidate: Id<()> = demo_id(&format!("{prefix}:{}", d.candidate));
        let need_id: NeedId = demo_id(&format!("need:{}", d.need));
        let row = IntroductionRow {
            id: id.to_string(),
            need_id: need_id.to_string(),
            candidate_kind: d.kind,
            candidate_id: candidate.to_string(),
            agency_id: Some(agency.to_string()),
            requested_by: officer.to_string(),
            status: d.status,
            note: d.note.to_owned(),
            outcome_reason: d.reason.to_owned(),
            why: snapshot(d.why.0, d.why.1, d.why.2),
            created_at: asked,
            answered_at: d.answered_by.map(|_| answered),
            closed_at: d.status.is_closed().then_some(if d.status == Status::Declined { answered } else { closed }),
        };
        introductions::insert(conn, &row).await?;
        let text = NEEDS.iter().find(|n| n.slug == d.need).map_or("", |n| n.text);
        let title = excerpt(text);
        // The note is the introduction's own; the requested step does not copy it (as `request::introduce`).
        event(conn, &id, Status::Requested, &officer, "", asked).await?;
        if let Some(by) = d.answered_by {
            let answer = if d.status == Status::Declined { Status::Declined } else { Status::Accepted };
            event(conn, &id, answer, &demo_id(by), "", answered).await?;
            let title = title.as_str();
            let intro = &id;
            Told { to: by, kind: Kind::IntroductionRequested, intro, by: OFFICER, title, at: asked }
                .insert(conn, now)
                .await?;
            let kind = if answer == Status::Declined { Kind::IntroductionDeclined } else { Kind::IntroductionAccepted };
            Told { to: OFFICER, kind, intro, by, title, at: answered }.insert(conn, now).await?;
            let closing = match d.status {
                Status::Engaged => Some(Kind::IntroductionEngaged),
                Status::NotEngaged => Some(Kind::IntroductionNotEngaged),
                _ => None,
            };
            if let Some(kind) = closing {
                event(conn, &id, d.status, &officer, d.reason, closed).await?;
                Told { to: by, kind, intro, by: OFFICER, title, at: closed }.insert(conn, now).await?;
            }
            for (j, (author, body)) in d.messages.iter().enumerate() {
                // An accepted introduction's conversation is going on: its messages are of the last day.
                let at = if d.status == Status::Accepted {
                    now - (d.messages.len() - j) as i64 * 5 * 3_600_000
                } else {
                    answered + (j as i64 + 1) * 3 * 3_600_000
                };
                let message = Message {
                    id: demo_id::<()>(&format!("introduction-message:{id}:{j}")).to_string(),
                    subject_kind: SubjectKind::Introduction,
                    subject_id: id.to_string(),
                    author_id: demo_id::<UserId>(author).to_string(),
                    body: (*body).to_owned(),
                    created_at: at,
                };
                conversations::insert(conn, &message).await?;
                let to = if *author == OFFICER { by } else { OFFICER };
                Told { to, kind: Kind::Message, intro, by: author, title, at }.insert(conn, now).await?;
            }
        }
    }
    settings(conn, now).await?;
    Ok(INTRODUCTIONS.len())
}
