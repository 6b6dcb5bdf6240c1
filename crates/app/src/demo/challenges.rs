//! Demo challenges: a published call of the Innovation Center with challenges of three agencies in every
//! stage of review and after, each with its recorded history, and one returned with the center's comments.

use halqe_db::Conn;
use halqe_db::calls::{self, CallRow};
use halqe_db::challenges::{self, ChallengeRow};
use halqe_domain::call;
use halqe_domain::challenge::{Eligibility, Maturity, Status, Step};
use halqe_domain::ids::{AgencyId, CallId, ChallengeId, UserId};

use super::demo_id;
use crate::challenges::events::Move;
use crate::{DAY_MS, HOUR_MS, Result, audit};

const STAFF: &str = "staff@halqe.demo";
pub(super) const CALL: &str = "call-1405-admin-innovation";

/// One demo challenge and how far it went.
struct DemoChallenge {
    slug: &'static str,
    agency: &'static str,
    officer: &'static str,
    in_call: bool,
    title: &'static str,
    problem: &'static str,
    affected: &'static str,
    evidence: &'static str,
    outcome: &'static str,
    success_measure: &'static str,
    constraints: &'static str,
    fields: &'static [&'static str],
    maturity: Maturity,
    budget: (Option<i64>, Option<i64>),
    support: &'static [&'static str],
    eligibility: Eligibility,
    provinces: &'static [&'static str],
    /// Days from now to the deadline (negative: passed).
    deadline_days: i64,
    /// The steps taken, in order, with the reason given.
    steps: &'static [(Step, &'static str)],
}

const CHALLENGES: &[DemoChallenge] = &[
    DemoChallenge {
        slug: "complaints-turnaround",
        agency: "labour",
        officer: "officer@halqe.demo",
        in_call: true,
        title: "کاهش زمان رسیدگی به شکایت‌های کارگری در ادارات کار استان‌ها",
        problem: "رسیدگی به شکایت کارگران در هیئت‌های تشخیص ادارات کار به‌طور میانگین ۹۵ روز طول می‌کشد. پرونده‌ها کاغذی میان واحدها جابه‌جا می‌شوند و کارگر برای پیگیری باید بارها حضوری مراجعه کند.",
        affected: "کارگران شاکی، کارفرمایان و کارشناسان هیئت‌های تشخیص و حل اختلاف در ۳۱ استان",
        evidence: "۲۴۰٬۰۰۰ پرونده در سال ۱۴۰۴؛ ۶۲ درصد پرونده‌ها بیش از سه ماه باز مانده‌اند؛ میانگین ۴ مراجعهٔ حضوری برای هر پرونده.",
        outcome: "پیگیری برخط پرونده و کاهش زمان رسیدگی به کمتر از ۳۰ روز",
        success_measure: "میانهٔ زمان ثبت تا صدور رأی در سه استان آزمایشی، پس از شش ماه",
        constraints: "اتصال به سامانهٔ روابط کار وزارتخانه؛ دادهٔ هویتی شاکیان محرمانه است و از کشور خارج نمی‌شود.",
        fields: &["egov-paperless", "org-design-process"],
        maturity: Maturity::Prototype,
        budget: (Some(8_000), Some(25_000)),
        support: &["data_access", "pilot_site"],
        eligibility: Eligibility::Both,
        provinces: &[],
        deadline_days: 21,
        steps: &[(Step::Submit, ""), (Step::Approve, ""), (Step::Publish, "")],
    },
    DemoChallenge {
        slug: "retirement-wave",
        agency: "social-security",
        officer: "officer.ssa@halqe.demo",
        in_call: true,
        title: "پیش‌بینی موج بازنشستگی و جایگزینی نیروی انسانی شعب تأمین اجتماعی",
        problem: "شعب سازمان در سه سال آینده بخش بزرگی از کارکنان باتجربهٔ خود را به بازنشستگی از دست می‌دهند و برنامه‌ای برای انتقال دانش و جذب جایگزین ندارند.",
        affected: "بیمه‌شدگان و مستمری‌بگیرانی که در شعب خدمت می‌گیرند، و مدیران منابع انسانی",
        evidence: "۱۸ درصد کارکنان شعب تا پایان ۱۴۰۷ به سن بازنشستگی می‌رسند؛ در ۴۰ شعبه بیش از یک‌سوم.",
        outcome: "مدل پیش‌بینی خروج نیرو در هر شعبه و برنامهٔ جذب و انتقال دانش",
        success_measure: "خطای پیش‌بینی کمتر از ۱۰ درصد در آزمون با داده‌های سال‌های ۱۴۰۲ تا ۱۴۰۴",
        constraints: "دادهٔ کارکنان فقط در محیط امن سازمان پردازش می‌شود.",
        fields: &["hr-analytics-planning", "hr-analytics-ai"],
        maturity: Maturity::Design,
        budget: (Some(3_000), Some(9_000)),
        support: &["data_access", "mentoring"],
        eligibility: Eligibility::Organizations,
        provinces: &["tehran", "isfahan", "razavi_khorasan"],
        deadline_days: 6,
        steps: &[(Step::Submit, ""), (Step::Approve, ""), (Step::Publish, "")],
    },
    DemoChallenge {
        slug: "isfahan-single-window",
        agency: "isfahan-governorate",
        officer: "officer.isfahan@halqe.demo",
        in_call: true,
        title: "پنجرهٔ واحد مجوزهای سرمایه‌گذاری در استان اصفهان",
        problem: "سرمایه‌گذار برای یک طرح صنعتی از ۱۴ دستگاه استعلام می‌گیرد و هر استعلام جداگانه و کاغذی پیگیری می‌شود.",
        affected: "سرمایه‌گذاران و کارشناسان دبیرخانهٔ شورای برنامه‌ریزی استان",
        evidence: "میانگین ۷ ماه از درخواست تا صدور موافقت اصولی در سال ۱۴۰۴.",
        outcome: "استعلام هم‌زمان و برخط از همهٔ دستگاه‌ها با یک پرونده",
        success_measure: "زمان صدور موافقت اصولی زیر ۴۵ روز",
        constraints: "",
        fields: &["egov-single-window"],
        maturity: Maturity::PilotReady,
        budget: (None, Some(12_000)),
        support: &["pilot_site"],
        eligibility: Eligibility::Both,
        provinces: &["isfahan"],
        deadline_days: -4,
        steps: &[(Step::Submit, ""), (Step::Approve, ""), (Step::Publish, ""), (Step::Close, ""), (Step::Evaluate, "")],
    },
    DemoChallenge {
        slug: "appraisal-indicators",
        agency: "labour",
        officer: "officer@halqe.demo",
        in_call: false,
        title: "شاخص‌های ارزیابی عملکرد کارکنان ادارات کل استانی",
        problem: "ارزیابی سالانهٔ کارکنان کلی است و به نتیجهٔ کار هر واحد ربطی ندارد؛ تقریباً همه نمرهٔ کامل می‌گیرند.",
        affected: "کارکنان و مدیران ادارات کل",
        evidence: "۹۴ درصد کارکنان در ارزیابی ۱۴۰۴ نمرهٔ بالای ۹۵ گرفته‌اند.",
        outcome: "شاخص‌های سنجش‌پذیر برای هر واحد",
        success_measure: "پراکندگی معنادار نمره‌ها",
        constraints: "",
        fields: &["performance-appraisal"],
        maturity: Maturity::Idea,
        budget: (None, None),
        support: &["mentoring"],
        eligibility: Eligibility::People,
        provinces: &[],
        deadline_days: 60,
        steps: &[
            (Step::Submit, ""),
            (Step::Return, "سنجهٔ موفقیت را با عدد هدف و زمان بنویسید؛ «پراکندگی معنادار» قابل سنجش نیست."),
        ],
    },
    DemoChallenge {
        slug: "paperless-payroll",
        agency: "social-security",
        officer: "officer.ssa@halqe.demo",
        in_call: false,
        title: "حذف فیش کاغذی و گواهی کسر از حقوق در شعب",
        problem: "بیمه‌شدگان برای وام و خرید اقساطی گواهی کسر از حقوق کاغذی می‌گیرند و شعب روزانه هزاران گواهی چاپ می‌کنند.",
        affected: "مستمری‌بگیران و کارکنان باجه‌ها",
        evidence: "۱٫۲ میلیون گواهی کاغذی در سال ۱۴۰۴.",
        outcome: "گواهی برخط قابل استعلام برای بانک‌ها",
        success_measure: "کاهش ۸۰ درصدی گواهی‌های کاغذی در یک سال",
        constraints: "استعلام بانک‌ها از طریق شبکهٔ ملی اطلاعات.",
        fields: &["egov-paperless", "payroll-pensions"],
        maturity: Maturity::Prototype,
        budget: (Some(2_000), Some(6_000)),
        support: &["data_access"],
        eligibility: Eligibility::Organizations,
        provinces: &[],
        deadline_days: 45,
        steps: &[(Step::Submit, "")],
    },
    DemoChallenge {
        slug: "training-effect",
        agency: "labour",
        officer: "officer@halqe.demo",
        in_call: true,
        title: "سنجش اثربخشی آموزش کارکنان با شاخص‌های ارزیابی عملکرد",
        problem: "ادارات کل استانی هر سال ده‌ها دورهٔ آموزشی برگزار می‌کنند، اما نمی‌دانند کدام دوره عملکرد کارکنان را بهتر کرده است؛ ارزیابی عملکرد و آموزش دو سامانهٔ جدا هستند.",
        affected: "کارکنان ادارات کل، واحدهای آموزش و مدیران منابع انسانی",
        evidence: "۴۲۰ دورهٔ آموزشی در سال ۱۴۰۴ با ۳۸٬۰۰۰ نفرساعت؛ هیچ گزارشی از اثر دوره‌ها بر ارزیابی عملکرد سالانه نیست.",
        outcome: "شاخص‌های ارزیابی عملکرد پیوسته با آموزش و گزارش اثر هر دوره",
        success_measure: "گزارش اثر برای دست‌کم ۸۰ درصد دوره‌ها در دو استان آزمایشی، پس از یک سال",
        constraints: "نتیجهٔ ارزیابی هر کارمند محرمانه است؛ گزارش‌ها فقط در سطح دوره و اداره.",
        fields: &["performance-appraisal", "training-managers"],
        maturity: Maturity::Design,
        budget: (Some(1_500), Some(4_000)),
        support: &["data_access", "mentoring"],
        eligibility: Eligibility::People,
        provinces: &[],
        deadline_days: 30,
        steps: &[(Step::Submit, ""), (Step::Approve, ""), (Step::Publish, "")],
    },
    DemoChallenge {
        slug: "elearning-managers",
        agency: "labour",
        officer: "officer@halqe.demo",
        in_call: false,
        title: "آموزش مجازی شایستگی‌های مدیران میانی",
        problem: "دوره‌های آموزشی مدیران حضوری و پرهزینه است و اثر آن سنجیده نمی‌شود.",
        affected: "مدیران میانی و واحدهای آموزش",
        evidence: "",
        outcome: "دوره‌های مجازی با سنجش اثر",
        success_measure: "بهبود نمرهٔ ارزیابی ۳۶۰ درجهٔ مدیران شرکت‌کننده",
        constraints: "",
        fields: &["training-managers", "training-elearning"],
        maturity: Maturity::Idea,
        budget: (None, None),
        support: &[],
        eligibility: Eligibility::Both,
        provinces: &[],
        deadline_days: 90,
        steps: &[],
    },
];

fn json(codes: &[&str]) -> String {
    serde_json::to_string(codes).unwrap_or_else(|_| "[]".into())
}

/// Writes the call and the challenges with their histories; returns how many challenges.
pub(super) async fn load(conn: &mut Conn, now: i64) -> Result<usize> {
    let staff: UserId = demo_id(STAFF);
    let call_id: CallId = demo_id(CALL);
    let call = CallRow {
        id: call_id.to_string(),
        title: "فراخوان نوآوری در نظام اداری و استخدامی ۱۴۰۵".into(),
        rules: "طرح‌ها را افراد، گروه‌های پژوهشی و شرکت‌های دانش‌بنیان می‌فرستند. هر طرح حداکثر ۲۰ صفحه، با برنامهٔ زمانی و بودجهٔ تفکیکی. داوری دومرحله‌ای: غربال اولیه و داوری تخصصی با ارائهٔ حضوری.".into(),
        opens_at: now - 30 * DAY_MS,
        closes_at: now + 60 * DAY_MS,
        status: call::Status::Published,
        created_by: staff.to_string(),
        created_at: now - 35 * DAY_MS,
        published_at: Some(now - 30 * DAY_MS),
    };
    calls::insert(conn, &call).await?;
    audit::record(conn, Some(&staff), "call.create", ("call", call_id.as_str()), serde_json::json!({}), now).await?;
    super::stages::load(conn, &call_id, &staff, now).await?;
    for (i, c) in CHALLENGES.iter().enumerate() {
        let id: ChallengeId = demo_id(c.slug);
        let officer: UserId = demo_id(c.officer);
        let agency: AgencyId = demo_id(c.agency);
        let written = now - (20 - i as i64) * DAY_MS;
        let row = ChallengeRow {
            id: id.to_string(),
            agency_id: agency.to_string(),
            call_id: c.in_call.then(|| call_id.to_string()),
            created_by: officer.to_string(),
            status: Status::Draft,
            title: c.title.into(),
            problem: c.problem.into(),
            affected: c.affected.into(),
            evidence: c.evidence.into(),
            outcome: c.outcome.into(),
            success_measure: c.success_measure.into(),
            constraints_text: c.constraints.into(),
            fields: json(c.fields),
            maturity: c.maturity,
            budget_min: c.budget.0,
            budget_max: c.budget.1,
            support: json(c.support),
            support_note: String::new(),
            deadline_at: now + c.deadline_days * DAY_MS,
            eligibility: c.eligibility,
            provinces: json(c.provinces),
            version: 1,
            created_at: written,
            updated_at: written,
            published_at: None,
        };
        challenges::insert(conn, &row).await?;
        let record = |kind: &'static str, from: Status, to: Status, reason: &'static str, at: i64| Move {
            challenge: &id,
            actor: if kind == "create" || kind == "submit" || kind == "close" { &officer } else { &staff },
            kind,
            from,
            to,
            reason,
            changes: Vec::new(),
            at,
        };
        record("create", Status::Draft, Status::Draft, "", written).record(conn).await?;
        let mut status = Status::Draft;
        for (n, (step, reason)) in c.steps.iter().enumerate() {
            // A challenge closes once its deadline has passed, and is evaluated after that: its proposals
            // came in while it was published.
            let at = match step {
                Step::Close | Step::Evaluate => row.deadline_at + (n as i64 + 1) * HOUR_MS,
                _ => written + (n as i64 + 1) * DAY_MS,
            };
            let party = if step.allowed_to(halqe_domain::challenge::Party::Agency) {
                halqe_domain::challenge::Party::Agency
            } else {
                halqe_domain::challenge::Party::Staff
            };
            let next = status
                .apply(party, *step)
                .map_err(|e| crate::Error::Internal(format!("demo challenge {}: {e}", c.slug)))?;
            challenges::set_status(conn, &id, status, next, at).await?;
            record(step.code(), status, next, reason, at).record(conn).await?;
            status = next;
        }
    }
    Ok(CHALLENGES.len())
}
