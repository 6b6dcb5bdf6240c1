//! Bulk imports end to end through the staff pages: idempotent upserts, dry runs, per-row reasons,
//! encodings and formats, damaged files, reports, templates, and claiming an imported profile.

use std::time::Duration;

use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp, hidden_value, link_in, path_of};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response};

const PEOPLE_HEADER: &str = "کد ملی,نام,نام خانوادگی,ایمیل,موبایل,استان,مؤسسه,حوزه تخصص,مدرک,مهارت‌ها";
const ALI: &str = "0013542419,علي,رضايي,ali@ut.ac.ir,+98 912 123 4567,تهران,دانشگاه تهران,,دکتری,پایتون، یادگیری ماشین";
const MARYAM: &str = "0499370899,مریم,احمدی,maryam@ut.ac.ir,09121234568,اصفهان,دانشگاه تهران,,کارشناسی ارشد,";
const SARA: &str = "3750926123,سارا,کریمی,,,فارس,,,,";

fn lines(rows: &[&str]) -> Vec<u8> {
    let mut text = rows.join("\n");
    text.push('\n');
    text.into_bytes()
}

async fn staff(app: &TestApp) -> Client {
    app.signed_in("staff@imports.test", &[Role::Staff]).await
}

/// Posts the upload form (multipart, the CSRF token in the URL as the form does).
async fn upload(app: &TestApp, client: &Client, kind: &str, name: &str, bytes: Vec<u8>, dry_run: bool) -> Response {
    let csrf = app.csrf(client).await;
    let mut form =
        Form::new().text("kind", kind.to_owned()).part("file", Part::bytes(bytes).file_name(name.to_owned()));
    if dry_run {
        form = form.text("dry_run", "1");
    }
    client.post(app.url(&format!("/imports?_csrf={csrf}"))).multipart(form).send().await.unwrap()
}

/// The run page once the run has finished.
async fn finished(app: &TestApp, client: &Client, path: &str) -> String {
    for _ in 0..1200 {
        let html = client.get(app.url(path)).send().await.unwrap().text().await.unwrap();
        if !html.contains("data-status=\"running\"") {
            return html;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{path} did not finish");
}

/// Uploads a file, waits for the run, and returns its path and page.
async fn import(
    app: &TestApp,
    client: &Client,
    kind: &str,
    name: &str,
    bytes: Vec<u8>,
    dry_run: bool,
) -> (String, String) {
    let r = upload(app, client, kind, name, bytes, dry_run).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let path = r.headers()["location"].to_str().unwrap().to_owned();
    let html = finished(app, client, &path).await;
    (path, html)
}

/// The summary line of a run page.
fn summary(html: &str) -> String {
    let start = html.find("id=\"summary-line\">").expect("summary line") + "id=\"summary-line\">".len();
    html[start..].split('<').next().unwrap().to_owned()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.sql_count(sql).await
}

#[tokio::test]
async fn importing_people_twice_changes_nothing_and_invites_each_person_once() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let file = lines(&[PEOPLE_HEADER, ALI, MARYAM, SARA]);
    let (path, html) = import(&app, &c, "people", "people.csv", file.clone(), false).await;
    assert_eq!(summary(&html), "created=3 updated=0 unchanged=0 rejected=0", "{html}");
    assert!(html.contains("پایان یافته"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people WHERE source = 'import'").await, 3);
    let normalized = "SELECT COUNT(*) FROM people WHERE first_name = 'علی' AND last_name = 'رضایی' AND mobile = '09121234567'
        AND province = 'tehran' AND degree = 'doctorate' AND skills = 'پایتون، یادگیری ماشین' AND national_id = '0013542419'";
    assert_eq!(count(&app, normalized).await, 1, "Persian letters, mobile, province and degree are normalized");
    assert_eq!(app.mail_to("ali@ut.ac.ir").await.len(), 1);
    assert_eq!(app.mail_to("maryam@ut.ac.ir").await.len(), 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM profile_claims").await, 2, "Sara has no email to invite");
    let mail = &app.mail_to("ali@ut.ac.ir").await[0];
    assert!(mail.body_text.contains("علی رضایی") && mail.body_text.contains("/claim/"), "{}", mail.body_text);

    let (_, html) = import(&app, &c, "people", "people.csv", file.clone(), false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=3 rejected=0");
    assert_eq!(app.mail_to("ali@ut.ac.ir").await.len(), 1, "never invited again");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM profile_claims").await, 2);

    // A blank cell keeps what is stored; a changed one updates; a new email brings an invitation.
    let changed = lines(&[
        PEOPLE_HEADER,
        "0013542419,علی,رضایی,ali@ut.ac.ir,,تهران,دانشگاه تهران,,دکتری,پایتون، یادگیری ماشین",
        "0499370899,مریم,احمدی,maryam@ut.ac.ir,09359876543,اصفهان,دانشگاه تهران,,کارشناسی ارشد,",
        "3750926123,سارا,کریمی,sara@shirazu.ac.ir,,فارس,,,,",
    ]);
    let (_, html) = import(&app, &c, "people", "changed.csv", changed, false).await;
    assert_eq!(summary(&html), "created=0 updated=2 unchanged=1 rejected=0");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people WHERE mobile = '09121234567'").await, 1, "blank keeps");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people WHERE mobile = '09359876543'").await, 1);
    assert_eq!(app.mail_to("sara@shirazu.ac.ir").await.len(), 1);
    assert_eq!(app.mail_to("maryam@ut.ac.ir").await.len(), 1);

    // Keyed on email when there is no national ID: the same person, not a new one.
    let by_email = lines(&["ایمیل,نام,نام خانوادگی,استان", "MARYAM@ut.ac.ir,مریم,احمدی,یزد"]);
    let (_, html) = import(&app, &c, "people", "by-email.csv", by_email, false).await;
    assert_eq!(summary(&html), "created=0 updated=1 unchanged=0 rejected=0");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM people WHERE province = 'yazd' AND national_id = '0499370899'").await,
        1
    );

    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.run'").await, 4, "one per run");
    let list = c.get(app.url("/imports")).send().await.unwrap().text().await.unwrap();
    assert!(list.contains("people.csv") && list.contains("changed.csv") && list.contains(&path[9..]), "{list}");
}

#[tokio::test]
async fn a_dry_run_reports_every_row_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let file = lines(&[PEOPLE_HEADER, ALI, MARYAM, "0013542418,بد,چک,,,,,,,"]);
    let (path, html) = import(&app, &c, "people", "trial.csv", file, true).await;
    assert_eq!(summary(&html), "created=2 updated=0 unchanged=0 rejected=1");
    assert!(html.contains("اجرای آزمایشی بود"), "{html}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_outbox").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM profile_claims").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.run'").await, 0);
    let all = c.get(app.url(&format!("{path}?rows=all"))).send().await.unwrap().text().await.unwrap();
    assert_eq!(all.matches("\">ایجاد شد</span>").count(), 2, "{all}");
    assert!(all.contains("رد شد") && all.contains("کد ملی معتبر نیست"), "{all}");
}

#[tokio::test]
async fn each_rejected_or_flagged_row_says_why_and_the_reports_neutralise_formulas() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let long = "ا".repeat(10_000);
    let too_long = format!("1000000060,{long},حسینی,,,");
    let file = lines(&[
        "national_id,first_name,last_name,email,province,institution",
        "0013542419,علی,رضایی,a@x.ir,تهران,دانشگاه تهران",
        "0013542418,بد,چک,,تهران,",
        "0499370899,مریم,=1+2,not-an-email,تهران,",
        "3750926123,سارا,کریمی,s@x.ir,آتلانتیس,",
        "0013542419,تکرار,تکرار,other@x.ir,تهران,",
        ",بی,کلید,,تهران,",
        &too_long,
        "1000000011,دکتر علي,رضائي,b@x.ir,تهران,دانشگاه  تهران",
        "0123456789,هکر,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",h@x.ir,تهران,",
        "0000000000,اضافه,ستون,e@x.ir,تهران,,زیادی",
    ]);
    let (path, html) = import(&app, &c, "people", "mixed.csv", file, false).await;
    assert_eq!(summary(&html), "created=4 updated=0 unchanged=0 rejected=6", "{html}");
    for reason in [
        "کد ملی معتبر نیست",
        "نشانی ایمیل معتبر نیست",
        "به همین صورت روی پروفایل ماند",
        "همین فرد یا سازمان در ردیف \u{2068}۲\u{2069} آمده است",
        "نه کد ملی دارد نه ایمیل",
        "بیش از \u{2068}۱۰۰\u{2069} نویسه است",
        "نامی بسیار شبیه ردیف \u{2068}۲\u{2069}",
        "شمار خانه‌های این ردیف",
    ] {
        assert!(html.contains(reason), "missing reason {reason:?}");
    }
    assert_eq!(count(&app, "SELECT flagged FROM import_runs").await, 2, "the near duplicate and the kept province");
    let kept = "SELECT COUNT(*) FROM kept_values WHERE column_code = 'province' AND value = 'آتلانتیس'";
    assert_eq!(count(&app, kept).await, 1, "an unknown province is kept, not rejected");
    let stored = "SELECT COUNT(*) FROM people WHERE last_name = '=HYPERLINK(\"http://evil.example\",\"x\")'";
    assert_eq!(count(&app, stored).await, 1, "a formula-like cell is stored as text");

    let r = c.get(app.url(&format!("{path}/report.csv"))).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["content-disposition"].to_str().unwrap().contains(".csv"));
    let csv = r.text().await.unwrap();
    assert!(csv.starts_with("\u{FEFF}ردیف,وضعیت,ستون,دلیل,national_id,first_name"), "{csv}");
    assert_eq!(csv.lines().count(), 1 + 8, "six rejected and two flagged rows: {csv}");
    assert!(csv.contains(",'=1+2,"), "the formula is neutralised: {csv}");
    assert!(csv.contains("نیازمند بررسی"), "{csv}");

    let bytes = c.get(app.url(&format!("{path}/report.xlsx"))).send().await.unwrap().bytes().await.unwrap();
    use calamine::Reader;
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    let sheet = book.worksheet_range_at(0).unwrap().unwrap();
    let cells: Vec<String> = sheet.rows().flat_map(|r| r.iter().map(|c| c.to_string())).collect();
    assert!(cells.iter().any(|c| c == "'=1+2"), "{cells:?}");
    assert!(!cells.iter().any(|c| c.starts_with('=')), "no cell starts a formula");
    assert_eq!(sheet.height(), 9);
}

#[tokio::test]
async fn encodings_delimiters_and_xlsx_all_read_the_same_people() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let rows = ["0013542419,علی,رضایی,ali@ut.ac.ir,09121234567", "0499370899,مریم,احمدی,maryam@ut.ac.ir,09121234568"];
    let utf8 = lines(&[&["کد ملی,نام,نام خانوادگی,ایمیل,موبایل"][..], &rows].concat());
    let (_, html) = import(&app, &c, "people", "utf8.csv", utf8, false).await;
    assert_eq!(summary(&html), "created=2 updated=0 unchanged=0 rejected=0");

    let semicolons: Vec<String> = rows.iter().map(|r| r.replace(',', ";")).collect();
    let mut bom = "\u{FEFF}NATIONAL_ID; First Name ;LAST_NAME;E-mail;Mobile\n".as_bytes().to_vec();
    bom.extend(lines(&semicolons.iter().map(String::as_str).collect::<Vec<_>>()));
    let (_, html) = import(&app, &c, "people", "bom.csv", bom, false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=2 rejected=0", "UTF-8 BOM, semicolons, English headers");

    // Older Excel on Persian Windows: Windows-1256 with Arabic ي/ك, tabs, headers spelled variously.
    let tabbed: Vec<String> = rows.iter().map(|r| r.replace(',', "\t").replace('ی', "ي")).collect();
    let header = "كد ملي\tنام\tنام\u{200C}خانوادگي\tايميل\tموبايل";
    let text = format!("{header}\r\n{}\r\n", tabbed.join("\r\n"));
    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable);
    let (_, html) = import(&app, &c, "people", "legacy.csv", cp1256.into_owned(), false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=2 rejected=0", "Windows-1256, tabs");

    // XLSX with numbers where Excel keeps them: the national ID lost its leading zeros.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (i, h) in ["کد ملی", "نام", "نام خانوادگی", "ایمیل", "موبایل"].iter().enumerate()
    {
        sheet.write_string(0, i as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, 13542419.0).unwrap();
    sheet.write_number(2, 0, 499370899.0).unwrap();
    for (r, (first, last, email, mobile)) in
        [("علی", "رضایی", "ali@ut.ac.ir", 9121234567.0), ("مریم", "احمدی", "maryam@ut.ac.ir", 9121234568.0)]
            .iter()
            .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_string(r, 1, *first).unwrap();
        sheet.write_string(r, 2, *last).unwrap();
        sheet.write_string(r, 3, *email).unwrap();
        sheet.write_number(r, 4, *mobile).unwrap();
    }
    let (_, html) = import(&app, &c, "people", "people.xlsx", book.save_to_buffer().unwrap(), false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=2 rejected=0", "XLSX");
    assert!(html.contains("XLSX"), "the format is shown");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 2);
}

#[tokio::test]
async fn damaged_or_foreign_files_fail_clearly_and_write_nothing() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    book.add_worksheet().write_string(0, 0, "کد ملی").unwrap();
    let mut truncated_xlsx = book.save_to_buffer().unwrap();
    truncated_xlsx.truncate(truncated_xlsx.len() / 2);
    let cases: [(&str, Vec<u8>, &str); 7] = [
        ("empty.csv", Vec::new(), "فایل خالی است."),
        ("image.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(), "نه CSV است و نه کارپوشه XLSX"),
        ("half.xlsx", truncated_xlsx, "فایل آسیب‌دیده یا ناقص است"),
        ("old.xls", vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1], "این قالب فایل پشتیبانی نمی‌شود"),
        ("other.csv", b"a,b,c\n1,2,3\n".to_vec(), "هیچ سرستون شناخته‌شده‌ای ندارد"),
        ("nokey.csv", lines(&["نام,نام خانوادگی", "علی,رضایی"]), "این ستون‌های لازم در فایل نیست"),
        ("twice.csv", lines(&["کد ملی,national_id,نام,نام خانوادگی"]), "این ستون دو بار آمده است"),
    ];
    for (name, bytes, message) in cases {
        let (_, html) = import(&app, &c, "people", name, bytes, false).await;
        assert!(html.contains("data-status=\"failed\"") && html.contains(message), "{name}: {html}");
        assert_eq!(summary(&html), "created=0 updated=0 unchanged=0 rejected=0", "{name}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0);

    // A CSV cut off mid-row: the whole rows are imported, the cut one is rejected.
    let mut cut = lines(&[PEOPLE_HEADER, ALI]);
    cut.extend_from_slice("0499370899,مریم,اح".as_bytes());
    let (_, html) = import(&app, &c, "people", "cut.csv", cut, false).await;
    assert_eq!(summary(&html), "created=1 updated=0 unchanged=0 rejected=1", "{html}");

    // The form: a kind and a file are required, and files over 50 MiB go to the command line.
    let r = upload(&app, &c, "", "x.csv", lines(&[PEOPLE_HEADER, ALI]), false).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("نوع داده‌ها را انتخاب کنید"));
    let r = upload(&app, &c, "people", "", Vec::new(), false).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("فایلی برای بارگذاری انتخاب کنید"));
    let huge = vec![b'x'; halqe_app::imports::UPLOAD_LIMIT_BYTES + 10];
    let r = upload(&app, &c, "people", "huge.csv", huge, false).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("۵۰ مگابایت"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM import_runs WHERE file_name = 'huge.csv'").await, 0);
}

#[tokio::test]
async fn organizations_import_with_either_calendar_and_update_in_place() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let header =
        "نام,نام انگلیسی,نوع,شماره ثبت,استان,شهر,مؤسسه,وب‌سایت,توانمندی‌ها,شماره گواهی دانش‌بنیان,تاریخ انقضای گواهی";
    let rows = [
        "شرکت داده‌پردازان,Dadeh Pardazan,شرکت دانش‌بنیان,۱۲۳۴۵,تهران,تهران,,www.dadeh.ir,تحلیل داده، هوش مصنوعی,۹۸۷۶,۱۴۰۴/۰۵/۱۲",
        "گروه پژوهشی رباتیک,,گروه پژوهشی,,اصفهان,اصفهان,دانشگاه صنعتی اصفهان,,رباتیک,,2025-08-03",
        "ناشناخته,,نوع عجیب,,,,,,,,",
        "تاریخ بد,,سایر,,,,,,,,1404/13/01",
    ];
    let file = lines(&[&[header][..], &rows].concat());
    let (_, html) = import(&app, &c, "organizations", "orgs.csv", file.clone(), false).await;
    assert_eq!(summary(&html), "created=3 updated=0 unchanged=0 rejected=1", "{html}");
    assert!(html.contains("به همین صورت روی پروفایل ماند") && html.contains("تاریخ معتبر نیست"), "{html}");
    let kept = "SELECT COUNT(*) FROM organizations o JOIN kept_values k ON k.organization_id = o.id
        WHERE o.kind = 'other' AND k.column_code = 'kind' AND k.value = 'نوع عجیب'";
    assert_eq!(count(&app, kept).await, 1, "an unknown kind is kept beside 'other'");
    let stored = "SELECT COUNT(*) FROM organizations WHERE registration_number = '12345' AND kind = 'knowledge_based'
        AND website = 'https://www.dadeh.ir' AND certificate_number = '9876' AND source = 'import'";
    assert_eq!(count(&app, stored).await, 1);
    assert_eq!(
        count(&app, "SELECT COUNT(DISTINCT certificate_expires_at) FROM organizations").await,
        1,
        "1404/05/12 and 2025-08-03 are the same day"
    );
    let (_, html) = import(&app, &c, "organizations", "orgs.csv", file, false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=3 rejected=1");
    let moved =
        lines(&[header, "گروه پژوهشی رباتيك,,گروه پژوهشی,,اصفهان,نجف‌آباد,دانشگاه صنعتی اصفهان,,رباتیک,,2025-08-03"]);
    let (_, html) = import(&app, &c, "organizations", "moved.csv", moved, false).await;
    assert_eq!(summary(&html), "created=0 updated=1 unchanged=0 rejected=0", "matched by name in the institution");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM organizations WHERE city = 'نجف‌آباد'").await, 1);
}

#[tokio::test]
async fn an_imported_person_claims_the_profile_with_a_new_or_their_own_account() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    app.user("maryam@ut.ac.ir", &[Role::Reviewer]).await;
    let (_, html) = import(&app, &c, "people", "p.csv", lines(&[PEOPLE_HEADER, ALI, MARYAM]), false).await;
    assert_eq!(summary(&html), "created=2 updated=0 unchanged=0 rejected=0");

    // Ali has no account: he creates one from the link and lands on his profile.
    let link = path_of(&link_in(&app.mail_to("ali@ut.ac.ir").await[0].body_text).unwrap());
    let ali = app.client();
    let page = ali.get(app.url(&link)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("علی رضایی") && page.contains("دانشگاه تهران") && page.contains("claim-form"), "{page}");
    let r = app.post_form(&ali, &link, &[("display_name", "علی رضایی"), ("password", "short")]).await;
    assert_eq!(r.status(), 422, "password rules hold");
    let r = app.post_form(&ali, &link, &[("display_name", "علی رضایی"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/profile");
    let linked = "SELECT COUNT(*) FROM people p JOIN users u ON u.id = p.user_id JOIN user_roles r ON r.user_id = u.id
        WHERE p.national_id = '0013542419' AND u.email = 'ali@ut.ac.ir' AND r.role = 'innovator' AND p.claimed_at IS NOT NULL";
    assert_eq!(count(&app, linked).await, 1);
    assert_eq!(ali.get(app.url("/account")).send().await.unwrap().status(), 200, "signed in");
    assert_eq!(app.client().get(app.url(&link)).send().await.unwrap().status(), 410, "a link works once");

    // Maryam already has an account: anonymous visitors are asked to sign in, others are refused.
    let link = path_of(&link_in(&app.mail_to("maryam@ut.ac.ir").await[0].body_text).unwrap());
    let page = app.client().get(app.url(&link)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("ابتدا وارد شوید"), "{page}");
    let other = app.signed_in("other@imports.test", &[Role::Innovator]).await;
    let page = other.get(app.url(&link)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("با حساب دیگری وارد شده‌اید"), "{page}");
    assert_eq!(app.post_form(&other, &link, &[]).await.status(), 403);
    let maryam = app.client();
    app.login(&maryam, "maryam@ut.ac.ir", PASSWORD).await;
    let page = maryam.get(app.url(&link)).send().await.unwrap().text().await.unwrap();
    assert!(hidden_value(&page, "_csrf").is_some() && page.contains("پیوند پروفایل به حساب من"), "{page}");
    assert_eq!(app.post_form(&maryam, &link, &[]).await.status(), 303);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people WHERE user_id IS NOT NULL").await, 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'profile.claim'").await, 2);

    // The owners' data wins over a later file; staff see the row flagged.
    let changed = lines(&[PEOPLE_HEADER, &ALI.replace("تهران,دانشگاه", "البرز,دانشگاه")]);
    let (_, html) = import(&app, &c, "people", "later.csv", changed, false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=1 rejected=0");
    assert!(html.contains("صاحب این پروفایل آن را دریافت کرده است"), "{html}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people WHERE province = 'alborz'").await, 0);
    assert_eq!(app.mail_to("ali@ut.ac.ir").await.len(), 1);
}

#[tokio::test]
async fn templates_have_persian_headers_and_import_as_they_are() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    for (kind, path) in
        [("people", "/imports/template/people.csv"), ("organizations", "/imports/template/organizations.csv")]
    {
        let r = c.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), 200);
        assert!(r.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let bytes = r.bytes().await.unwrap().to_vec();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert!(
            text.starts_with("\u{FEFF}") && (text.contains("کد ملی,نام") || text.contains("نام,نام انگلیسی,نوع")),
            "{text}"
        );
        let (_, html) = import(&app, &c, kind, "template.csv", bytes, false).await;
        assert_eq!(summary(&html), "created=0 updated=0 unchanged=0 rejected=0", "{kind}");
        assert!(html.contains("data-status=\"done\""), "{html}");
    }
    let form = c.get(app.url("/imports/new")).send().await.unwrap().text().await.unwrap();
    assert!(form.contains("enctype=\"multipart/form-data\"") && form.contains("/imports?_csrf="), "{form}");
}

/// Rewrites a workbook with some parts replaced (deflated, as Excel writes them).
fn rezip(xlsx: &[u8], replace: &[(&str, Vec<u8>)]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut r = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for i in 0..r.len() {
        let mut part = r.by_index(i).unwrap();
        let name = part.name().unwrap().into_owned();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        let data = replace.iter().find(|(n, _)| *n == name).map_or(data, |(_, d)| d.clone());
        w.start_file(name, deflated).unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// Sets the uncompressed size the central directory gives `part`, as a zip bomb's directory would.
fn declare_size(mut xlsx: Vec<u8>, part: &str, size: u32) -> Vec<u8> {
    let mut at = 0;
    while let Some(i) = xlsx[at..].windows(4).position(|w| w == b"PK\x01\x02") {
        let entry = at + i;
        let name_len = usize::from(u16::from_le_bytes([xlsx[entry + 28], xlsx[entry + 29]]));
        if &xlsx[entry + 46..entry + 46 + name_len] == part.as_bytes() {
            xlsx[entry + 24..entry + 28].copy_from_slice(&size.to_le_bytes());
            return xlsx;
        }
        at = entry + 4;
    }
    panic!("{part} not in the workbook");
}

#[tokio::test]
async fn workbooks_that_expand_beyond_the_limits_are_refused_before_they_are_opened() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, cell) in ["کد ملی", "نام", "نام خانوادگی"].into_iter().enumerate() {
        sheet.write_string(0, column as u16, cell).unwrap();
    }
    for (column, cell) in ["0013542419", "علی", "رضایی"].into_iter().enumerate() {
        sheet.write_string(1, column as u16, cell).unwrap();
    }
    let xlsx = rezip(&book.save_to_buffer().unwrap(), &[]);
    let (_, html) = import(&app, &c, "people", "fine.xlsx", xlsx.clone(), true).await;
    assert_eq!(summary(&html), "created=1 updated=0 unchanged=0 rejected=0", "the rewritten workbook reads: {html}");

    let sst = |body: String| ("xl/sharedStrings.xml", body.into_bytes());
    let many = format!(
        "<sst>{}</sst>",
        "<si><t>x</t></si>".repeat(halqe_app::imports::workbook::MAX_SHARED_STRINGS as usize + 1)
    );
    let limit = halqe_app::imports::workbook::MAX_PART_BYTES as u32;
    let cases = [
        ("sheet.xlsx", declare_size(xlsx.clone(), "xl/worksheets/sheet1.xml", limit + 1)),
        ("strings.xlsx", declare_size(xlsx.clone(), "xl/sharedStrings.xml", limit / 4 + 1)),
        ("reserve.xlsx", rezip(&xlsx, &[sst(r#"<sst uniqueCount="4000000000"><si><t>a</t></si></sst>"#.into())])),
        ("many.xlsx", rezip(&xlsx, &[sst(many)])),
    ];
    for (name, bytes) in cases {
        assert!(bytes.len() < 1 << 20, "{name} is small: {} bytes", bytes.len());
        let (_, html) = import(&app, &c, "people", name, bytes, false).await;
        assert!(html.contains("data-status=\"failed\"") && html.contains("از حد مجاز بزرگ‌تر می‌شود"), "{name}: {html}");
        assert_eq!(summary(&html), "created=0 updated=0 unchanged=0 rejected=0", "{name}");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0);
}

#[tokio::test]
async fn a_corrected_email_retargets_the_pending_claim_link() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let (_, html) = import(&app, &c, "people", "p.csv", lines(&[PEOPLE_HEADER, ALI]), false).await;
    assert_eq!(summary(&html), "created=1 updated=0 unchanged=0 rejected=0");
    let old = path_of(&link_in(&app.mail_to("ali@ut.ac.ir").await[0].body_text).unwrap());
    assert_eq!(app.client().get(app.url(&old)).send().await.unwrap().status(), 200);

    let corrected = lines(&[PEOPLE_HEADER, &ALI.replace("ali@ut.ac.ir", "a.rezaei@ut.ac.ir")]);
    let (_, html) = import(&app, &c, "people", "corrected.csv", corrected.clone(), false).await;
    assert_eq!(summary(&html), "created=0 updated=1 unchanged=0 rejected=0");
    assert_eq!(app.client().get(app.url(&old)).send().await.unwrap().status(), 410, "the old link stops working");
    assert_eq!(app.mail_to("ali@ut.ac.ir").await.len(), 1, "nothing more to the old address");
    let mail = app.mail_to("a.rezaei@ut.ac.ir").await;
    assert_eq!(mail.len(), 1);
    let new = path_of(&link_in(&mail[0].body_text).unwrap());
    let page = app.client().get(app.url(&new)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("claim-form") && page.contains("a.rezaei@ut.ac.ir"), "{page}");

    let (_, html) = import(&app, &c, "people", "corrected.csv", corrected, false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=1 rejected=0");
    assert_eq!(app.mail_to("a.rezaei@ut.ac.ir").await.len(), 1, "the same file again sends nothing");
}

#[tokio::test]
async fn the_run_page_shows_the_jobs_progress_and_staff_can_cancel_it() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    let mut rows = vec![PEOPLE_HEADER.to_owned()];
    rows.extend((0..5000).map(|i| format!(",نفر{i},آزمون,,,تهران,,,,")));
    let rows: Vec<&str> = rows.iter().map(String::as_str).collect();
    let r = upload(&app, &c, "people", "many.csv", lines(&rows), false).await;
    assert_eq!(r.status(), 303);
    let path = r.headers()["location"].to_str().unwrap().to_owned();

    // The runner claims a job within a second: the cancel lands while it is queued or after its first batch.
    let csrf = app.csrf(&c).await;
    let r = c.post(app.url(&format!("{path}/cancel"))).form(&[("_csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let html = finished(&app, &c, &path).await;
    assert!(html.contains("data-job-state=\"cancelled\""), "{html}");
    assert!(html.contains("ورود به درخواست کارشناس لغو شد"), "the run says it was cancelled");
    assert!(count(&app, "SELECT rows_done FROM import_runs").await < 5000, "stopped before the end");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs WHERE state = 'cancelled'").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.cancel'").await, 1);

    // The fragment the page polls: an ended job tells htmx to reload the page once.
    let r = c.get(app.url(&format!("{path}/progress"))).send().await.unwrap();
    assert_eq!(r.headers()["hx-refresh"], "true");
    assert!(r.text().await.unwrap().contains("data-state=\"cancelled\""));
    // Cancelling again changes nothing.
    let r = c.post(app.url(&format!("{path}/cancel"))).form(&[("_csrf", csrf.as_str())]).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'import.cancel'").await, 1);

    // A run left to finish reports its progress in the fragment while running and at the end.
    let (path, _) = import(&app, &c, "people", "people.csv", lines(&[PEOPLE_HEADER, ALI, MARYAM]), false).await;
    let fragment = c.get(app.url(&format!("{path}/progress"))).send().await.unwrap().text().await.unwrap();
    assert!(
        fragment.contains("data-state=\"succeeded\"") && fragment.contains("<progress max=\"2\" value=\"2\""),
        "{fragment}"
    );
    assert!(!fragment.contains("cancel-import"), "no cancel button once ended");
}

#[tokio::test]
async fn an_identifier_a_self_registered_profile_only_declared_goes_to_the_imported_record_and_staff_decide() {
    let app = TestApp::spawn().await;
    let c = staff(&app).await;
    // Someone registers first and declares Ali's national ID and Dadeh Pardazan's registration number.
    let declarer = app.signed_in("declarer@example.ir", &[Role::Innovator]).await;
    let profile = [
        ("first_name", "کاوه"),
        ("last_name", "نیک‌نام"),
        ("national_id", "0013542419"),
        ("availability", "available"),
        ("visibility", "private"),
    ];
    assert_eq!(app.post_form(&declarer, "/profile/edit", &profile).await.status(), 303);
    let mut org = vec![("name_fa", "شرکت ادعایی"), ("kind", "startup"), ("registration_number", "12345")];
    org.extend([("visibility", "public"), ("province", "tehran"), ("description_fa", "شرکتی برای آزمون.")]);
    assert_eq!(app.post_form(&declarer, "/organizations", &org).await.status(), 303);
    let held = |table: &str, column: &str, value: &str| {
        format!("SELECT COUNT(*) FROM {table} WHERE {column} = '{value}' AND source = 'self'")
    };
    assert_eq!(count(&app, &held("people", "national_id", "0013542419")).await, 1);
    assert_eq!(count(&app, &held("organizations", "registration_number", "12345")).await, 1);

    // The institution's files still create their records, holding the identifiers; each row says why.
    let people = lines(&[PEOPLE_HEADER, ALI]);
    let (_, html) = import(&app, &c, "people", "people.csv", people.clone(), false).await;
    assert_eq!(summary(&html), "created=1 updated=0 unchanged=0 rejected=0", "{html}");
    assert!(html.contains("این شناسه را پیش‌تر پروفایلی که صاحبش ساخته بود اعلام کرده بود"), "{html}");
    let header = "نام,نوع,شماره ثبت,استان";
    let orgs = lines(&[header, "شرکت داده‌پردازان,شرکت دانش‌بنیان,۱۲۳۴۵,تهران"]);
    let (_, html) = import(&app, &c, "organizations", "orgs.csv", orgs.clone(), false).await;
    assert_eq!(summary(&html), "created=1 updated=0 unchanged=0 rejected=0", "{html}");
    let imported = "SELECT COUNT(*) FROM people WHERE national_id = '0013542419' AND source = 'import'";
    assert_eq!(count(&app, imported).await, 1);
    let imported = "SELECT COUNT(*) FROM organizations WHERE registration_number = '12345' AND source = 'import'";
    assert_eq!(count(&app, imported).await, 1);

    // Nothing lost: both declarations are open cases, declared by the account, opened by the importing staff
    // member; the declarer still sees the ID as theirs until staff decide.
    let cases = "SELECT COUNT(*) FROM identity_conflicts c JOIN users u ON u.id = c.claimed_by
        WHERE c.status = 'open' AND u.email = 'declarer@example.ir'";
    assert_eq!(count(&app, cases).await, 2);
    let audited = "SELECT COUNT(*) FROM audit_log a JOIN users u ON u.id = a.actor_id
        WHERE a.action = 'identity_conflict.open' AND u.email = 'staff@imports.test'";
    assert_eq!(count(&app, audited).await, 2);
    let form = declarer.get(app.url("/profile/edit")).send().await.unwrap().text().await.unwrap();
    assert!(form.contains("value=\"0013542419\""), "the declarer's form still shows it");

    // Importing the same files again changes nothing and opens no new case.
    let (_, html) = import(&app, &c, "people", "people.csv", people, false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=1 rejected=0");
    let (_, html) = import(&app, &c, "organizations", "orgs.csv", orgs, false).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=1 rejected=0");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM identity_conflicts").await, 2);
}
