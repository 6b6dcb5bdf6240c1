//! Demo questions on the published demo challenges (answered, one answer revised by the center, unanswered,
//! one hidden with its reason, one duplicate merged into an earlier question), each step on the audit chain
//! with the notifications it sent, and the review conversation of the challenge returned with comments.

use halqe_db::Conn;
use halqe_db::challenges;
use halqe_db::conversations::{self, Message};
use halqe_db::notifications::{self, NotificationRow};
use halqe_db::questions::{self, AnswerRow, QuestionRow};
use halqe_domain::conversation::SubjectKind;
use halqe_domain::ids::{ChallengeId, Id, QuestionId, UserId};
use halqe_domain::notification::{Delivery, Kind};
use halqe_domain::question::Side;

use super::demo_id;
use crate::conversations::subjects::{SubjectView, challenge_view};
use crate::{Error, HOUR_MS, Result, audit};

const STAFF: &str = "staff@halqe.demo";

/// One question and what happened to it; times are hours before the demo is loaded.
struct DemoQuestion {
    slug: &'static str,
    challenge: &'static str,
    asker: &'static str,
    body: &'static str,
    hours_ago: i64,
    /// Each version of its answer: who, on which side, what, when.
    answers: &'static [(&'static str, Side, &'static str, i64)],
    /// Hidden by staff: why, when.
    hidden: Option<(&'static str, i64)>,
    /// Merged by staff into an earlier question: its slug, when.
    merged_into: Option<(&'static str, i64)>,
}

const QUESTIONS: &[DemoQuestion] = &[
    DemoQuestion {
        slug: "complaints-data",
        challenge: "complaints-turnaround",
        asker: "innovator@halqe.demo",
        body: "آیا داده‌های پرونده‌های سال ۱۴۰۴ هیئت‌های تشخیص برای آزمودن راه‌حل در اختیار متقاضیان قرار می‌گیرد؟ اگر بله، به چه شکلی؟",
        hours_ago: 8 * 24,
        answers: &[
            (
                "officer@halqe.demo",
                Side::Agency,
                "بله. پس از غربال اولیه، نمونه‌ای ناشناس‌شده از ۵٬۰۰۰ پرونده با امضای تعهدنامهٔ محرمانگی در اختیار تیم‌ها قرار می‌گیرد.",
                7 * 24,
            ),
            (
                STAFF,
                Side::Center,
                "بله. پس از غربال اولیه، نمونه‌ای ناشناس‌شده از ۵٬۰۰۰ پرونده با امضای تعهدنامهٔ محرمانگی در اختیار تیم‌ها قرار می‌گیرد؛ پردازش فقط در محیط امن وزارتخانه (حضوری یا از راه دور با VPN سازمانی) انجام می‌شود و دادهٔ هویتی شاکیان از وزارتخانه خارج نمی‌شود.",
                6 * 24,
            ),
        ],
        hidden: None,
        merged_into: None,
    },
    DemoQuestion {
        slug: "complaints-api",
        challenge: "complaints-turnaround",
        asker: "founder@halqe.demo",
        body: "آیا اتصال به سامانهٔ روابط کار از راه API ممکن است یا باید با خروجی Excel کار کرد؟",
        hours_ago: 5 * 24,
        answers: &[(
            "officer@halqe.demo",
            Side::Agency,
            "سامانهٔ روابط کار وب‌سرویس REST دارد و مستندات آن (OpenAPI 3) پس از امضای تفاهم‌نامه داده می‌شود؛ در مرحلهٔ نمونهٔ اولیه کار با خروجی دوره‌ای CSV هم پذیرفته است.",
            4 * 24,
        )],
        hidden: None,
        merged_into: None,
    },
    DemoQuestion {
        slug: "complaints-data-again",
        challenge: "complaints-turnaround",
        asker: "researcher@halqe.demo",
        body: "داده‌های واقعی پرونده‌ها برای آزمون مدل در دسترس است؟",
        hours_ago: 3 * 24,
        answers: &[],
        hidden: None,
        merged_into: Some(("complaints-data", 2 * 24)),
    },
    DemoQuestion {
        slug: "complaints-phone",
        challenge: "complaints-turnaround",
        asker: "innovator@halqe.demo",
        body: "شمارهٔ همراه مدیرکل روابط کار استان تهران را برای هماهنگی مستقیم اعلام کنید.",
        hours_ago: 2 * 24,
        answers: &[],
        hidden: Some((
            "پرسش دربارهٔ تماس مستقیم با مدیران است و به متن چالش ربطی ندارد؛ همهٔ هماهنگی‌ها از راه همین صفحه انجام می‌شود تا همهٔ متقاضیان پاسخ یکسان ببینند.",
            40,
        )),
        merged_into: None,
    },
    DemoQuestion {
        slug: "complaints-eligibility",
        challenge: "complaints-turnaround",
        asker: "researcher@halqe.demo",
        body: "آیا شرکت‌هایی که پیش‌تر با وزارتخانه قرارداد پشتیبانی سامانه داشته‌اند می‌توانند طرح بفرستند؟",
        hours_ago: 20,
        answers: &[],
        hidden: None,
        merged_into: None,
    },
    DemoQuestion {
        slug: "retirement-research-groups",
        challenge: "retirement-wave",
        asker: "founder@halqe.demo",
        body: "آیا گروه‌های پژوهشی دانشگاهی که هنوز شرکت ثبت نکرده‌اند می‌توانند به‌عنوان سازمان طرح بفرستند؟",
        hours_ago: 30,
        answers: &[],
        hidden: None,
        merged_into: None,
    },
];

/// The review conversation of the challenge returned with comments: (author, text, hours ago).
const REVIEW_CHALLENGE: &str = "appraisal-indicators";
const REVIEW_MESSAGES: &[(&str, &str, i64)] = &[
    (
        STAFF,
        "برای سنجهٔ موفقیت مثلاً «انحراف معیار نمره‌ها دست‌کم ۸ از ۱۰۰ در ارزیابی ۱۴۰۶» را پیشنهاد می‌کنیم؛ بدون عدد هدف، داوری طرح‌ها ممکن نیست.",
        14 * 24,
    ),
    (
        "officer@halqe.demo",
        "ممنون. با دفتر ارزیابی عملکرد هماهنگ می‌کنیم و تا پایان هفته متن را اصلاح و دوباره ارسال می‌کنیم.",
        13 * 24,
    ),
    (
        STAFF,
        "بسیار خوب. اگر خلاصهٔ ناشناس نتایج ارزیابی ۱۴۰۴ را پیوست کنید، متقاضیان تصویر روشن‌تری از وضع موجود خواهند داشت.",
        12 * 24,
    ),
];

/// A challenge as its notifications name it.
async fn about(conn: &mut Conn, slug: &str) -> Result<SubjectView> {
    let found = challenges::by_id(conn, &demo_id::<halqe_domain::ids::Challenge>(slug)).await?;
    found.as_ref().map(challenge_view).ok_or_else(|| Error::Internal(format!("demo challenge {slug}")))
}

/// Records that `to` was told of `kind` about `about` at `at`, by the demo account `by` if someone is named
/// (read unless from the last two days).
async fn tell(
    conn: &mut Conn,
    to: &UserId,
    kind: Kind,
    about: &SubjectView,
    by: Option<&str>,
    at: i64,
    now: i64,
) -> Result<()> {
    let row = NotificationRow {
        id: demo_id::<()>(&format!("notification:{}:{to}:{}:{at}", about.subject.id, kind.code())).to_string(),
        user_id: to.to_string(),
        kind,
        subject_kind: about.subject.kind,
        subject_id: about.subject.id.clone(),
        actor_name: by
            .and_then(|b| super::USERS.iter().find(|u| u.email == b))
            .map(|u| u.display_name.to_owned())
            .unwrap_or_default(),
        title: about.title.clone(),
        agency_name: about.agency_name.clone(),
        delivery: Delivery::Immediately,
        digest_id: None,
        created_at: at,
        read_at: (at < now - 48 * HOUR_MS).then_some(at + HOUR_MS),
    };
    Ok(notifications::insert(conn, &row).await?)
}

/// Writes the questions, their answers, moderation and notifications, and the review conversation; returns
/// how many questions.
pub(super) async fn load(conn: &mut Conn, now: i64) -> Result<usize> {
    let staff: UserId = demo_id(STAFF);
    for q in QUESTIONS {
        let id: QuestionId = demo_id(&format!("question:{}", q.slug));
        let challenge: ChallengeId = demo_id(q.challenge);
        let asker: UserId = demo_id(q.asker);
        let asked = now - q.hours_ago * HOUR_MS;
        let row = QuestionRow::asked(id.to_string(), challenge.to_string(), asker.to_string(), q.body.into(), asked);
        questions::insert(conn, &row).await?;
        let chars = serde_json::json!({ "challenge": challenge.as_str(), "chars": q.body.chars().count() });
        audit::record(conn, Some(&asker), "question.ask", ("question", id.as_str()), chars, asked).await?;
        let about = about(conn, q.challenge).await?;
        let agency = challenges::by_id(conn, &challenge).await?.map(|c| c.row.agency_id).unwrap_or_default();
        for officer in crate::conversations::subjects::officers(conn, &Id::from_db(agency)).await? {
            tell(conn, &officer, Kind::QuestionAsked, &about, None, asked, now).await?;
        }
        for (n, (by, side, body, hours)) in q.answers.iter().enumerate() {
            let (by, at): (UserId, i64) = (demo_id(by), now - hours * HOUR_MS);
            let answer = AnswerRow {
                id: demo_id::<()>(&format!("answer:{}:{n}", q.slug)).to_string(),
                question_id: id.to_string(),
                answered_by: by.to_string(),
                side: *side,
                body: (*body).to_owned(),
                created_at: at,
            };
            questions::insert_answer(conn, &answer).await?;
            let details = serde_json::json!({ "challenge": challenge.as_str(), "version": n + 1, "side": side.code() });
            audit::record(conn, Some(&by), "question.answer", ("question", id.as_str()), details, at).await?;
            if n == 0 {
                tell(conn, &asker, Kind::QuestionAnswered, &about, None, at, now).await?;
            }
        }
        if let Some((reason, hours)) = q.hidden {
            let at = now - hours * HOUR_MS;
            questions::hide(conn, &id, &staff, reason, at).await?;
            let details = serde_json::json!({ "challenge": challenge.as_str(), "reason": reason, "was": "unanswered" });
            audit::record(conn, Some(&staff), "question.hide", ("question", id.as_str()), details, at).await?;
        }
        if let Some((original, hours)) = q.merged_into {
            let (into, at): (QuestionId, i64) = (demo_id(&format!("question:{original}")), now - hours * HOUR_MS);
            questions::merge(conn, &id, &into, &staff, at).await?;
            let details = serde_json::json!({ "challenge": challenge.as_str(), "into": into.as_str() });
            audit::record(conn, Some(&staff), "question.merge", ("question", id.as_str()), details, at).await?;
            tell(conn, &asker, Kind::QuestionAnswered, &about, None, at, now).await?;
        }
    }
    let about = about(conn, REVIEW_CHALLENGE).await?;
    for (n, (email, body, hours)) in REVIEW_MESSAGES.iter().enumerate() {
        let (author, at): (UserId, i64) = (demo_id(email), now - hours * HOUR_MS);
        let message = Message {
            id: demo_id::<()>(&format!("challenge-message:{REVIEW_CHALLENGE}:{n}")).to_string(),
            subject_kind: SubjectKind::Challenge,
            subject_id: about.subject.id.clone(),
            author_id: author.to_string(),
            body: (*body).to_owned(),
            created_at: at,
        };
        conversations::insert(conn, &message).await?;
        let to: UserId = if author == staff { demo_id("officer@halqe.demo") } else { staff.clone() };
        tell(conn, &to, Kind::Message, &about, Some(email), at, now).await?;
    }
    Ok(QUESTIONS.len())
}
