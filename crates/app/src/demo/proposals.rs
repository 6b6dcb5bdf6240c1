//! Demo proposals of the call: on its open challenges a person's draft whose team member has not answered
//! yet, a research group's proposal submitted in two versions with its team accepted, a company's
//! submitted proposal and one withdrawn after its first version; on the challenge in evaluation four
//! submitted before its deadline. Every submission and the withdrawal on the audit chain, each version with
//! its tracking code.

use halqe_db::Conn;
use halqe_db::proposals::{self, MemberRow, ProposalRow, VersionRow};
use halqe_domain::ids::{Id, UserId};
use halqe_domain::proposal::{ApplicantKind, MemberState, Status, TrackingCode};
use sha2::{Digest, Sha256};

use super::demo_id;
use crate::proposals::view::{Content, MemberView};
use crate::{DAY_MS, HOUR_MS, Result, audit};

/// One version's text.
struct Text {
    title: &'static str,
    summary: &'static str,
    approach: &'static str,
    budget: i64,
    timeline: &'static str,
    expected_results: &'static str,
}

/// One demo proposal and how far it went.
struct DemoProposal {
    slug: &'static str,
    challenge: &'static str,
    kind: ApplicantKind,
    /// A person's slug, or an organization's.
    applicant: &'static str,
    applicant_name: &'static str,
    by: &'static str,
    /// Team members: (person slug, account, name, state).
    team: &'static [(&'static str, &'static str, &'static str, MemberState)],
    /// The text of each submitted version, then of the working copy (the last).
    texts: &'static [Text],
    submitted: usize,
    withdrawn: bool,
}

const COMPLAINTS_V1: Text = Text {
    title: "سامانهٔ پیگیری برخط پرونده‌های هیئت‌های تشخیص",
    summary: "کارگر شکایت را برخط ثبت می‌کند، مرحلهٔ پرونده را با پیامک می‌بیند و کارشناس هیئت برای هر مهلت هشدار می‌گیرد؛ جابه‌جایی کاغذی میان واحدها حذف می‌شود.",
    approach: "۱. نقشهٔ فرایند کنونی در ادارات کار تهران و فارس و اندازه‌گیری زمان هر گام.\n۲. طراحی پروندهٔ الکترونیک با اتصال به سامانهٔ روابط کار وزارتخانه.\n۳. آزمایش شش‌ماهه در دو استان و مقایسه با استان‌های شاهد.",
    budget: 18_000,
    timeline: "ماه ۱ تا ۲: نقشهٔ فرایند؛ ماه ۳ تا ۵: ساخت نمونه؛ ماه ۶ تا ۱۱: آزمایش میدانی؛ ماه ۱۲: گزارش و پیشنهاد گسترش",
    expected_results: "میانهٔ زمان ثبت تا رأی زیر ۳۰ روز در استان‌های آزمایشی؛ حذف مراجعهٔ حضوری برای پیگیری",
};

const COMPLAINTS_V2: Text = Text {
    title: "سامانهٔ پیگیری برخط پرونده‌های هیئت‌های تشخیص",
    summary: "کارگر شکایت را برخط ثبت می‌کند، مرحلهٔ پرونده را با پیامک می‌بیند و کارشناس هیئت برای هر مهلت هشدار می‌گیرد؛ جابه‌جایی کاغذی میان واحدها حذف می‌شود.",
    approach: "۱. نقشهٔ فرایند کنونی در ادارات کار تهران و فارس و اندازه‌گیری زمان هر گام.\n۲. طراحی پروندهٔ الکترونیک با اتصال به سامانهٔ روابط کار وزارتخانه؛ داده‌ها فقط در مرکز دادهٔ وزارتخانه.\n۳. آزمایش شش‌ماهه در دو استان و مقایسه با استان‌های شاهد.\n۴. آموزش ۱۲۰ کارشناس هیئت و دستورالعمل پشتیبانی.",
    budget: 16_500,
    timeline: "ماه ۱ تا ۲: نقشهٔ فرایند؛ ماه ۳ تا ۵: ساخت نمونه؛ ماه ۶ تا ۱۱: آزمایش میدانی؛ ماه ۱۲: گزارش و پیشنهاد گسترش",
    expected_results: "میانهٔ زمان ثبت تا رأی زیر ۳۰ روز در استان‌های آزمایشی؛ حذف مراجعهٔ حضوری برای پیگیری؛ داشبورد ماهانه برای معاونت روابط کار",
};

const PROPOSALS: &[DemoProposal] = &[
    DemoProposal {
        slug: "proposal-complaints-digital-governance",
        challenge: "complaints-turnaround",
        kind: ApplicantKind::Organization,
        applicant: "digital-governance",
        applicant_name: "گروه پژوهشی حکمرانی دیجیتال",
        by: "researcher@halqe.demo",
        team: &[("ali-hosseini", "innovator@halqe.demo", "علی حسینی", MemberState::Accepted)],
        texts: &[COMPLAINTS_V1, COMPLAINTS_V2, COMPLAINTS_V2],
        submitted: 2,
        withdrawn: false,
    },
    DemoProposal {
        slug: "proposal-complaints-ali",
        challenge: "complaints-turnaround",
        kind: ApplicantKind::Person,
        applicant: "ali-hosseini",
        applicant_name: "علی حسینی",
        by: "innovator@halqe.demo",
        team: &[("negar-sadeghi", "founder@halqe.demo", "نگار صادقی", MemberState::Invited)],
        texts: &[Text {
            title: "دستیار گفت‌وگومحور ثبت شکایت کارگری",
            summary: "دستیاری در پیام‌رسان که شکایت را با پرسش‌های ساده کامل می‌کند و پروندهٔ ناقص به هیئت نمی‌رسد.",
            approach: "پیش‌نویس: پرسش‌نامه را با کارشناسان ادارهٔ کار تهران می‌نویسیم؛",
            budget: 4_000,
            timeline: "",
            expected_results: "",
        }],
        submitted: 0,
        withdrawn: false,
    },
    DemoProposal {
        slug: "proposal-retirement-dadehkavan",
        challenge: "retirement-wave",
        kind: ApplicantKind::Organization,
        applicant: "dadehkavan-pars",
        applicant_name: "شرکت دانش‌بنیان داده‌کاوان پارس",
        by: "founder@halqe.demo",
        team: &[],
        texts: &[Text {
            title: "نیروسنج شعب: پیش‌بینی خروج نیرو و برنامهٔ جانشینی",
            summary: "مدل پیش‌بینی بازنشستگی و ترک خدمت برای هر شعبه، با برنامهٔ جذب و انتقال دانش برای شعب پرخطر.",
            approach: "مدل بقا بر دادهٔ ده سالهٔ کارکنان در محیط امن سازمان؛ بدون خروج داده. اعتبارسنجی بر سال‌های ۱۴۰۲ تا ۱۴۰۴.",
            budget: 7_800,
            timeline: "چهار ماه مدل‌سازی، دو ماه آزمایش در ۴۰ شعبهٔ پرخطر",
            expected_results: "خطای پیش‌بینی زیر ۱۰ درصد؛ فهرست جانشین برای هر پست کلیدی",
        }],
        submitted: 1,
        withdrawn: false,
    },
    DemoProposal {
        slug: "proposal-complaints-negar",
        challenge: "complaints-turnaround",
        kind: ApplicantKind::Person,
        applicant: "negar-sadeghi",
        applicant_name: "نگار صادقی",
        by: "founder@halqe.demo",
        team: &[],
        texts: &[Text {
            title: "نوبت‌دهی هوشمند جلسه‌های هیئت تشخیص",
            summary: "زمان‌بندی جلسه‌ها بر پایهٔ بار هر هیئت و فاصلهٔ شاکی تا اداره.",
            approach: "الگوریتم زمان‌بندی با محدودیت ظرفیت؛ اتصال به تقویم کارشناسان.",
            budget: 3_000,
            timeline: "شش ماه",
            expected_results: "کاهش ۴۰ درصدی فاصلهٔ ثبت تا نخستین جلسه",
        }],
        submitted: 1,
        withdrawn: true,
    },
    // The Isfahan challenge is in evaluation: these two are decided on in `demo::decisions`.
    DemoProposal {
        slug: "proposal-isfahan-dadehkavan",
        challenge: "isfahan-single-window",
        kind: ApplicantKind::Organization,
        applicant: "dadehkavan-pars",
        applicant_name: "شرکت دانش‌بنیان داده‌کاوان پارس",
        by: "founder@halqe.demo",
        team: &[],
        texts: &[Text {
            title: "پروندهٔ واحد الکترونیک سرمایه‌گذاری با استعلام هم‌زمان",
            summary: "سرمایه‌گذار یک پرونده می‌سازد و استعلام‌های ۱۴ دستگاه هم‌زمان و برخط فرستاده و پیگیری می‌شود؛ دبیرخانه مهلت هر پاسخ را می‌بیند.",
            approach: "اتصال به درگاه ملی مجوزها و سامانه‌های استعلام دستگاه‌ها از راه گذرگاه خدمات دولت؛ آزمایش با سه شهرک صنعتی.",
            budget: 11_000,
            timeline: "سه ماه طراحی و اتصال، شش ماه آزمایش در دبیرخانهٔ شورای برنامه‌ریزی",
            expected_results: "صدور موافقت اصولی در کمتر از ۴۵ روز برای طرح‌های آزمایشی",
        }],
        submitted: 1,
        withdrawn: false,
    },
    DemoProposal {
        slug: "proposal-isfahan-ali",
        challenge: "isfahan-single-window",
        kind: ApplicantKind::Person,
        applicant: "ali-hosseini",
        applicant_name: "علی حسینی",
        by: "innovator@halqe.demo",
        team: &[],
        texts: &[Text {
            title: "راهنمای گام‌به‌گام مجوزها برای سرمایه‌گذار",
            summary: "وب‌سایتی که بر پایهٔ نوع طرح، فهرست مجوزها و مدارک هر دستگاه را نشان می‌دهد.",
            approach: "گردآوری فهرست مجوزها از دستگاه‌ها و ساخت پرسش‌نامهٔ راهنما.",
            budget: 2_500,
            timeline: "چهار ماه",
            expected_results: "کاهش مراجعهٔ حضوری برای پرسش دربارهٔ مدارک",
        }],
        submitted: 1,
        withdrawn: false,
    },
    // Under review in the screening stage, assigned to reviewers in `demo::assignment`.
    DemoProposal {
        slug: "proposal-isfahan-digital-governance",
        challenge: "isfahan-single-window",
        kind: ApplicantKind::Organization,
        applicant: "digital-governance",
        applicant_name: "گروه پژوهشی حکمرانی دیجیتال",
        by: "researcher@halqe.demo",
        team: &[("ali-hosseini", "innovator@halqe.demo", "علی حسینی", MemberState::Accepted)],
        texts: &[Text {
            title: "سنجش و بازطراحی فرایند استعلام‌های سرمایه‌گذاری استان اصفهان",
            summary: "زمان هر استعلام در ۱۴ دستگاه اندازه‌گیری و فرایند با دبیرخانهٔ شورای برنامه‌ریزی بازطراحی می‌شود؛ پروندهٔ الکترونیک مشترک مهلت هر پاسخ را نشان می‌دهد.",
            approach: "اندازه‌گیری زمان هر گام در ۵۰ پروندهٔ سال ۱۴۰۴؛ حذف استعلام‌های تکراری؛ پروندهٔ الکترونیک مشترک با اتصال به درگاه ملی مجوزها؛ آزمایش در دو شهرک صنعتی.",
            budget: 9_500,
            timeline: "دو ماه سنجش، چهار ماه بازطراحی و ساخت، شش ماه آزمایش",
            expected_results: "صدور موافقت اصولی در کمتر از ۶۰ روز برای طرح‌های آزمایشی؛ گزارش گلوگاه‌های هر دستگاه",
        }],
        submitted: 1,
        withdrawn: false,
    },
    DemoProposal {
        slug: "proposal-isfahan-negar",
        challenge: "isfahan-single-window",
        kind: ApplicantKind::Person,
        applicant: "negar-sadeghi",
        applicant_name: "نگار صادقی",
        by: "founder@halqe.demo",
        team: &[],
        texts: &[Text {
            title: "پیش‌بینی زمان پاسخ استعلام‌های مجوز با یادگیری ماشین",
            summary: "مدلی که از سابقهٔ پرونده‌ها زمان پاسخ هر دستگاه به استعلام را پیش‌بینی می‌کند تا دبیرخانه پیگیری را زودتر آغاز کند.",
            approach: "دادهٔ پنج‌سالهٔ پرونده‌های دبیرخانه در محیط امن استانداری؛ مدل پیش‌بینی زمان پاسخ؛ هشدار پیامکی به دستگاه‌های دیرکرد.",
            budget: 6_000,
            timeline: "پنج ماه",
            expected_results: "پیگیری به‌موقع ۸۰ درصد استعلام‌های دیرکرد",
        }],
        submitted: 1,
        withdrawn: false,
    },
];

/// A stable tracking code for a demo version (the demo's ids are stable too).
fn tracking_code(slug: &str, version: usize) -> TrackingCode {
    let digest = Sha256::digest(format!("halqe-demo:{slug}:{version}").as_bytes());
    let mut bytes = [0u8; 8];
    bytes.copy_from_slice(&digest[..8]);
    TrackingCode::from_random(u64::from_le_bytes(bytes))
}

/// Writes the proposals with their teams and versions; returns how many.
pub(super) async fn load(conn: &mut Conn, now: i64) -> Result<usize> {
    for (i, p) in PROPOSALS.iter().enumerate() {
        let id: Id<()> = demo_id(p.slug);
        let by: UserId = demo_id(p.by);
        let applicant: Id<()> =
            demo_id(&format!("{}:{}", if p.kind == ApplicantKind::Person { "person" } else { "org" }, p.applicant));
        // Each started after its challenge was published and submitted before its deadline.
        let started = now - (14 - i as i64) * DAY_MS;
        let Some(working) = p.texts.last() else { continue };
        let team: Vec<MemberView> = p
            .team
            .iter()
            .map(|(slug, _, name, state)| MemberView {
                person_id: demo_id::<()>(&format!("person:{slug}")).to_string(),
                name: (*name).to_owned(),
                state: *state,
            })
            .collect();
        let status = match (p.withdrawn, p.submitted) {
            (true, _) => Status::Withdrawn,
            (false, 0) => Status::Draft,
            _ => Status::Submitted,
        };
        let last_submission = started + i64::try_from(p.submitted).unwrap_or(0) * DAY_MS;
        let row = ProposalRow {
            id: id.to_string(),
            challenge_id: demo_id::<()>(p.challenge).to_string(),
            applicant_kind: p.kind,
            applicant_id: applicant.to_string(),
            applicant_name: p.applicant_name.to_owned(),
            created_by: by.to_string(),
            status,
            title: working.title.to_owned(),
            summary: working.summary.to_owned(),
            approach: working.approach.to_owned(),
            budget: Some(working.budget),
            timeline: working.timeline.to_owned(),
            expected_results: working.expected_results.to_owned(),
            originality: i64::from(p.submitted > 0),
            conflicts: i64::from(p.submitted > 0),
            conflicts_note: String::new(),
            versions: i64::try_from(p.submitted).unwrap_or(0),
            created_at: started,
            updated_at: last_submission + HOUR_MS,
            submitted_at: (p.submitted > 0).then_some(last_submission),
            withdrawn_at: p.withdrawn.then_some(last_submission + HOUR_MS),
        };
        proposals::insert(conn, &row).await?;
        for ((slug, account, name, state), _) in p.team.iter().zip(&team) {
            let member = MemberRow {
                proposal_id: row.id.clone(),
                person_id: demo_id::<()>(&format!("person:{slug}")).to_string(),
                user_id: demo_id::<()>(account).to_string(),
                name: (*name).to_owned(),
                state: *state,
                invited_by: by.to_string(),
                invited_at: started + HOUR_MS,
                answered_at: (*state != MemberState::Invited).then_some(started + 3 * HOUR_MS),
            };
            proposals::insert_member(conn, &member).await?;
        }
        for (n, t) in p.texts.iter().take(p.submitted).enumerate() {
            let version = n + 1;
            let at = started + i64::try_from(version).unwrap_or(0) * DAY_MS;
            let content = Content {
                applicant_name: p.applicant_name.to_owned(),
                title: t.title.to_owned(),
                summary: t.summary.to_owned(),
                approach: t.approach.to_owned(),
                budget: Some(t.budget),
                timeline: t.timeline.to_owned(),
                expected_results: t.expected_results.to_owned(),
                conflicts_note: String::new(),
                team: team.clone(),
                files: Vec::new(),
            };
            let code = tracking_code(p.slug, version);
            let v = VersionRow {
                id: demo_id::<()>(&format!("{}:v{version}", p.slug)).to_string(),
                proposal_id: row.id.clone(),
                version: i64::try_from(version).unwrap_or(0),
                tracking_code: code.as_str().to_owned(),
                content: serde_json::to_string(&content).unwrap_or_default(),
                submitted_by: by.to_string(),
                submitted_at: at,
            };
            proposals::insert_version(conn, &v).await?;
            let details = serde_json::json!({ "challenge": row.challenge_id, "version": version, "tracking_code": code.as_str() });
            audit::record(conn, Some(&by), "proposal.submit", ("proposal", &row.id), details, at).await?;
        }
        if p.withdrawn {
            let details =
                serde_json::json!({ "challenge": row.challenge_id, "from": "submitted", "versions": p.submitted });
            audit::record(conn, Some(&by), "proposal.withdraw", ("proposal", &row.id), details, now).await?;
        }
    }
    Ok(PROPOSALS.len())
}
