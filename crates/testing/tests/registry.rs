//! The registry end to end: profiles created and edited with localized validation, what each role may see
//! of a person (never another person's national ID or mobile), the directory, completeness, organizations
//! with invitations answered by the invited address only, and the audit record of every write.

use halqe_app::audit::verify;
use halqe_db::fields::{self, Field};
use halqe_db::past_projects;
use halqe_db::people::{self, PersonRow};
use halqe_domain::ids::UserId;
use halqe_domain::text::to_persian_digits;
use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp, link_in, path_of};
use reqwest::{Client, Response};

const REQUIRED: &str = "پر کردن این بخش الزامی است.";
const BAD_NATIONAL_ID: &str = "کد ملی معتبر نیست؛ ۱۰ رقم با رقم کنترل درست وارد کنید.";
const BAD_MOBILE: &str = "شماره تلفن همراه معتبر نیست؛ مانند ۰۹۱۲۱۲۳۴۵۶۷.";
const BAD_PROVINCE: &str = "استان شناخته نشد.";
const BAD_CHOICE: &str = "یکی از گزینه‌ها را انتخاب کنید.";
const BAD_YEAR: &str = "سال معتبر نیست؛";
const BAD_ORCID: &str = "شناسه ORCID معتبر نیست؛";
const BAD_URL: &str = "نشانی معتبر نیست؛ نشانی کامل را با \u{2066}https://\u{2069} وارد کنید.";
const BAD_DOI: &str = "DOI معتبر نیست؛";
const FORM_HAS_ERRORS: &str = "لطفاً خطاهای مشخص‌شده را اصلاح کنید.";
const NOT_FOUND: &str = "صفحه پیدا نشد";
const FORBIDDEN: &str = "دسترسی مجاز نیست";

/// A valid national ID and mobile number for the person whose privacy is tested.
const NATIONAL_ID: &str = "0013542419";
const MOBILE: &str = "09127654321";

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).unwrap_or_default()
}

async fn get(app: &TestApp, client: &Client, path: &str) -> Response {
    client.get(app.url(path)).send().await.unwrap()
}

async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = get(app, client, path).await;
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The text between a marker and the next `to` after it (to check that an error sits next to its field).
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from} not in page"));
    let end = html[start + from.len()..].find(to).map_or(html.len(), |e| start + from.len() + e);
    &html[start..end]
}

/// The part of a form around one field: its input, help and error line.
fn field<'a>(html: &'a str, name: &str) -> &'a str {
    between(html, &format!("id=\"f-{name}\""), "class=\"field")
}

async fn row_of(app: &TestApp, user: &UserId) -> PersonRow {
    let mut conn = app.app.db.conn().await.unwrap();
    people::by_user(&mut conn, user).await.unwrap().expect("the user has a profile")
}

/// A few fields of the taxonomy: two top-level fields with one child each.
async fn taxonomy(app: &TestApp) {
    let mut conn = app.app.db.conn().await.unwrap();
    let rows = [
        ("egov", None, "خدمات دولت الکترونیک", "E-government services"),
        ("egov-identity", Some("egov"), "احراز هویت دیجیتال", "Digital identity"),
        ("payroll", None, "حقوق، دستمزد و مزایا", "Payroll and benefits"),
        ("payroll-pensions", Some("payroll"), "بازنشستگی", "Pensions"),
    ];
    for (i, (id, parent, fa, en)) in rows.into_iter().enumerate() {
        let f = Field {
            id: id.into(),
            parent_id: parent.map(Into::into),
            name_fa: fa.into(),
            name_en: en.into(),
            position: i as i64,
        };
        fields::upsert(&mut conn, &f).await.unwrap();
    }
}

/// A complete, valid profile form; tests change single fields.
fn valid_form<'a>(first: &'a str, last: &'a str, visibility: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("first_name", first),
        ("last_name", last),
        ("name_en", ""),
        ("national_id", ""),
        ("email", ""),
        ("mobile", ""),
        ("province", "tehran"),
        ("city", "تهران"),
        ("institution", "دانشگاه تهران"),
        ("degree", "doctorate"),
        ("education_field", "مدیریت دولتی"),
        ("university", "دانشگاه تهران"),
        ("graduation_year", "1398"),
        ("primary_field", ""),
        ("skills", ""),
        ("bio_fa", ""),
        ("bio_en", ""),
        ("availability", "available"),
        ("orcid", ""),
        ("scholar_url", ""),
        ("website", ""),
        ("visibility", visibility),
    ]
}

/// `form` with some fields changed; a name the form does not have is added (and may repeat).
fn with<'a>(mut form: Vec<(&'a str, &'a str)>, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let known: Vec<&str> = form.iter().map(|(k, _)| *k).collect();
    for (k, v) in changes {
        match form.iter_mut().find(|(f, _)| f == k && known.contains(k)) {
            Some(slot) => slot.1 = v,
            None => form.push((k, v)),
        }
    }
    form
}

/// A signed-in person with a saved profile; returns their client, account and profile id.
async fn person(app: &TestApp, email: &str, roles: &[Role], form: &[(&str, &str)]) -> (Client, UserId, String) {
    let user = app.user(email, roles).await;
    let client = app.client();
    app.login(&client, email, PASSWORD).await;
    let r = app.post_form(&client, "/profile/edit", form).await;
    assert_eq!(r.status(), 303, "saving the profile of {email}: {}", r.text().await.unwrap());
    let id = row_of(app, &user).await.id;
    (client, user, id)
}

/// One signed-in client per role that may look at someone else's profile, plus an anonymous one.
async fn viewers(app: &TestApp) -> Vec<(&'static str, Client)> {
    let mut out = vec![("anonymous", app.client())];
    for (name, role) in [
        ("innovator", Role::Innovator),
        ("officer", Role::Officer),
        ("reviewer", Role::Reviewer),
        ("staff", Role::Staff),
        ("admin", Role::Admin),
    ] {
        out.push((name, app.signed_in(&format!("{name}@viewers.test"), &[role]).await));
    }
    out
}

/// "N innovators" as the directory says it: Persian digits inside Fluent's bidi isolation marks.
fn count_text(n: i64) -> String {
    format!("\u{2068}{}\u{2069} نوآور", to_persian_digits(&n.to_string()))
}

async fn audit_count(app: &TestApp, action: &str) -> i64 {
    app.sql_count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}'")).await
}

#[tokio::test]
async fn viewing_writes_nothing_and_the_first_save_creates_the_private_draft() {
    let app = TestApp::spawn().await;
    let user = app.user("draft@example.ir", &[Role::Innovator]).await;
    let c = app.client();
    app.login(&c, "draft@example.ir", PASSWORD).await;
    let written = "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM audit_log)
        + (SELECT COUNT(*) FROM search_changes)";
    let before = app.sql_count(written).await;
    let (status, html) = page(&app, &c, "/profile").await;
    assert_eq!(status, 200);
    assert!(html.contains("کاربر آزمایشی"), "the draft carries the account's name: {html}");
    let (status, form) = page(&app, &c, "/profile/edit").await;
    assert_eq!(status, 200);
    assert!(form.contains("value=\"کاربر\"") && form.contains("value=\"private\" checked"), "{form}");
    assert!(form.contains("draft@example.ir"), "the account's address is offered: {form}");
    assert_eq!(app.sql_count(written).await, before, "GET /profile and /profile/edit write nothing");

    // The first save stores it: private until the owner chooses, with the account's address.
    let r = app
        .post_form(
            &c,
            "/profile/edit",
            &with(valid_form("کاربر", "آزمایشی", "private"), &[("email", "draft@example.ir")]),
        )
        .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let row = row_of(&app, &user).await;
    assert_eq!((row.first_name.as_str(), row.last_name.as_str()), ("کاربر", "آزمایشی"));
    assert_eq!(row.visibility, "private");
    assert_eq!(row.email.as_deref(), Some("draft@example.ir"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM people").await, 1);
    assert_eq!(audit_count(&app, "profile.create").await, 1);
    // A publication as the first write creates the draft too.
    let other = app.signed_in("pub-first@example.ir", &[Role::Innovator]).await;
    let r = app.post_form(&other, "/profile/publications", &[("title", "نخستین مقاله")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM people").await, 2);
}

#[tokio::test]
async fn invalid_edits_are_refused_field_by_field_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    taxonomy(&app).await;
    let (c, user, _) =
        person(&app, "edit@example.ir", &[Role::Innovator], &valid_form("مریم", "رحیمی", "public")).await;
    let before = row_of(&app, &user).await;
    let updates = audit_count(&app, "profile.update").await;
    let form = with(
        valid_form("", "رحیمی", "public"),
        &[
            ("national_id", "0013542418"),
            ("mobile", "0912123"),
            ("province", "atlantis"),
            ("degree", "جادوگر"),
            ("graduation_year", "1200"),
            ("orcid", "0000-0002-1825-0098"),
            ("website", "example.ir"),
            ("scholar_url", "javascript:alert(1)"),
            ("primary_field", "no-such-field"),
            ("secondary_fields", "egov-identity"),
            ("secondary_fields", "nonsense"),
            ("availability", "always"),
            ("visibility", "everyone"),
        ],
    );
    let r = app.post_form(&c, "/profile/edit", &form).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains(FORM_HAS_ERRORS));
    let expected = [
        ("first_name", REQUIRED),
        ("national_id", BAD_NATIONAL_ID),
        ("mobile", BAD_MOBILE),
        ("province", BAD_PROVINCE),
        ("degree", BAD_CHOICE),
        ("graduation_year", BAD_YEAR),
        ("orcid", BAD_ORCID),
        ("website", BAD_URL),
        ("scholar_url", BAD_URL),
        ("primary_field", BAD_CHOICE),
        ("availability", BAD_CHOICE),
    ];
    for (name, message) in expected {
        assert!(field(&html, name).contains(message), "{name} should say {message}: {}", field(&html, name));
        assert!(field(&html, name).contains("aria-invalid=\"true\""), "{name} is marked invalid");
    }
    assert!(between(&html, "id=\"f-secondary_fields\"", "</fieldset>").contains(BAD_CHOICE));
    assert!(html.contains("value=\"0013542418\""), "what was typed is kept");
    assert_eq!(row_of(&app, &user).await, before, "nothing half-written");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM person_fields").await, 0);
    assert_eq!(audit_count(&app, "profile.update").await, updates);

    // A national ID already on another profile is not refused: the profile keeps its own and staff review it.
    person(
        &app,
        "owner@example.ir",
        &[Role::Innovator],
        &with(valid_form("الف", "ب", "private"), &[("national_id", NATIONAL_ID)]),
    )
    .await;
    let r = app
        .post_form(&c, "/profile/edit", &with(valid_form("مریم", "رحیمی", "public"), &[("national_id", NATIONAL_ID)]))
        .await;
    assert_eq!((r.status().as_u16(), r.headers()["location"].to_str().unwrap()), (303, "/profile?saved=review"));
    assert_eq!(row_of(&app, &user).await.national_id, before.national_id);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM identity_conflicts WHERE status = 'open'").await, 1);
}

#[tokio::test]
async fn edits_are_normalized_on_write() {
    let app = TestApp::spawn().await;
    taxonomy(&app).await;
    let form = with(
        valid_form(" علي ", "كاظمي  ", "agencies"),
        &[
            ("national_id", "۰۰۱۳-۵۴۲۴۱۹"),
            ("mobile", "+98 912 765 4321"),
            ("email", " Ali.Kazemi@Example.IR "),
            ("graduation_year", "۱۳۹۸"),
            ("orcid", "https://orcid.org/0000-0002-1694-233x"),
            ("website", "HTTPS://Lab.Example.ir/fa"),
            ("skills", "يادگيري ماشين، Python, python ; تحليل داده"),
            ("bio_fa", "  سطر يك \n\n دوم "),
            ("primary_field", "egov"),
            ("secondary_fields", "egov-identity"),
            ("secondary_fields", "payroll-pensions"),
            ("secondary_fields", "egov"),
        ],
    );
    let (c, user, id) = person(&app, "norm@example.ir", &[Role::Innovator], &form).await;
    let row = row_of(&app, &user).await;
    assert_eq!((row.first_name.as_str(), row.last_name.as_str()), ("علی", "کاظمی"));
    assert_eq!(row.national_id.as_deref(), Some(NATIONAL_ID));
    assert_eq!(row.mobile.as_deref(), Some(MOBILE));
    assert_eq!(row.email.as_deref(), Some("ali.kazemi@example.ir"));
    assert_eq!(row.graduation_year, Some(2019), "a Solar Hijri year is stored in the Gregorian calendar");
    assert_eq!(row.orcid, "0000-0002-1694-233X");
    assert_eq!(row.website, "https://Lab.Example.ir/fa");
    assert_eq!(row.skills, "یادگیری ماشین، Python، تحلیل داده");
    assert_eq!(row.bio_fa, "سطر یک\n\nدوم");
    assert_eq!(row.visibility, "agencies");
    let secondary = format!("SELECT COUNT(*) FROM person_fields WHERE person_id = '{id}'");
    assert_eq!(app.sql_count(&secondary).await, 2, "the primary field is not repeated as a secondary one");
    // The form shows the year back as typed, in the Solar Hijri calendar.
    let (_, html) = page(&app, &c, "/profile/edit").await;
    assert!(field(&html, "graduation_year").contains("value=\"1398\""), "{}", field(&html, "graduation_year"));
    let (_, html) = page(&app, &c, "/profile?saved=1").await;
    assert!(html.contains("پروفایل ذخیره شد.") && html.contains("۱۳۹۸"));
    let details = "SELECT COUNT(*) FROM audit_log WHERE action = 'profile.update' AND details LIKE '%national_id%'";
    assert_eq!(app.sql_count(details).await, 1, "the audit names the changed fields");
    let leaked = format!("SELECT COUNT(*) FROM audit_log WHERE details LIKE '%{NATIONAL_ID}%'");
    assert_eq!(app.sql_count(&leaked).await, 0, "but never their personal values");
}

#[tokio::test]
async fn national_id_and_mobile_never_reach_other_roles() {
    let app = TestApp::spawn().await;
    let form = with(
        valid_form("سپیده", "نیک‌نام", "public"),
        &[("national_id", NATIONAL_ID), ("mobile", MOBILE), ("email", "sepideh@example.ir")],
    );
    let (owner, _, id) = person(&app, "sepideh@example.ir", &[Role::Innovator], &form).await;
    let secrets =
        [NATIONAL_ID.to_owned(), to_persian_digits(NATIONAL_ID), MOBILE.to_owned(), to_persian_digits(MOBILE)];
    for (who, client) in viewers(&app).await {
        let staff = who == "staff" || who == "admin";
        for path in [format!("/people/{id}"), "/people".to_owned(), "/people?province=tehran".to_owned()] {
            let (status, html) = page(&app, &client, &path).await;
            assert_eq!(status, 200, "{who} {path}");
            assert!(html.contains("نیک‌نام"), "{who} sees the public profile on {path}");
            for secret in &secrets {
                let shown = html.contains(secret.as_str());
                // Staff see identifiers on the profile page only; listings never carry them.
                let allowed = staff && path.starts_with("/people/") && !path.contains('?');
                assert_eq!(shown, allowed && secret.is_ascii(), "{who} {path}: {secret} shown = {shown}");
            }
            assert_eq!(
                html.contains("sepideh@example.ir"),
                staff && path.starts_with("/people/"),
                "{who} {path}: email"
            );
        }
    }
    for path in [format!("/people/{id}"), "/profile".to_owned()] {
        let (_, html) = page(&app, &owner, &path).await;
        assert!(html.contains(NATIONAL_ID) && html.contains(MOBILE), "the owner sees their own identifiers on {path}");
    }
}

#[tokio::test]
async fn a_private_profile_does_not_exist_for_anyone_but_its_owner_and_staff() {
    let app = TestApp::spawn().await;
    let (owner, _, id) =
        person(&app, "hidden@example.ir", &[Role::Innovator], &valid_form("پنهان", "خصوصی‌زاده", "private")).await;
    let (_, unknown) = page(&app, &app.client(), "/people/00000000-0000-7000-8000-000000000000").await;
    for (who, client) in viewers(&app).await {
        let staff = who == "staff" || who == "admin";
        let (_, list) = page(&app, &client, "/people").await;
        assert_eq!(list.contains("خصوصی‌زاده"), staff, "{who}: listed");
        let (status, html) = page(&app, &client, &format!("/people/{id}")).await;
        if staff {
            assert_eq!(status, 200, "{who}");
        } else {
            assert_eq!(status, 404, "{who}");
            assert!(html.contains(NOT_FOUND) && !html.contains("خصوصی‌زاده"), "{who}");
            // Exactly what an id that never existed gets, so existence is not revealed.
            let (_, not_there) = page(&app, &client, "/people/00000000-0000-7000-8000-000000000000").await;
            assert_eq!(html.replace(&id, ""), not_there.replace("00000000-0000-7000-8000-000000000000", ""), "{who}");
        }
    }
    assert!(unknown.contains(NOT_FOUND));
    let (_, list) = page(&app, &owner, "/people").await;
    assert!(list.contains("خصوصی‌زاده"), "owners find themselves in the directory");
    assert_eq!(page(&app, &owner, &format!("/people/{id}")).await.0, 200);
}

#[tokio::test]
async fn an_agencies_profile_is_seen_by_officers_reviewers_and_staff_only() {
    let app = TestApp::spawn().await;
    let (_, _, id) =
        person(&app, "agency-only@example.ir", &[Role::Innovator], &valid_form("دستگاه‌بین", "فقط‌دولتی", "agencies"))
            .await;
    for (who, client) in viewers(&app).await {
        let sees = matches!(who, "officer" | "reviewer" | "staff" | "admin");
        let (_, list) = page(&app, &client, "/people").await;
        assert_eq!(list.contains("فقط‌دولتی"), sees, "{who}: listed");
        let (status, _) = page(&app, &client, &format!("/people/{id}")).await;
        assert_eq!(status, if sees { 200 } else { 404 }, "{who}");
    }
}

#[tokio::test]
async fn the_directory_filters_by_province_and_field_and_pages() {
    let app = TestApp::spawn().await;
    taxonomy(&app).await;
    let fars = with(
        valid_form("شیرازی", "فارس‌نشین", "public"),
        &[("province", "fars"), ("primary_field", "payroll-pensions")],
    );
    person(&app, "fars@example.ir", &[Role::Innovator], &fars).await;
    let tehran = with(valid_form("تهرانی", "پایتخت‌نشین", "public"), &[("secondary_fields", "egov-identity")]);
    person(&app, "tehran@example.ir", &[Role::Innovator], &tehran).await;
    let c = app.client();
    let (_, html) = page(&app, &c, "/people?province=fars").await;
    assert!(html.contains("فارس‌نشین") && !html.contains("پایتخت‌نشین"), "province filter");
    // A top-level field also matches its sub-fields, primary or secondary.
    let (_, html) = page(&app, &c, "/people?field=payroll").await;
    assert!(html.contains("فارس‌نشین") && !html.contains("پایتخت‌نشین"), "field filter, primary");
    let (_, html) = page(&app, &c, "/people?field=egov-identity").await;
    assert!(!html.contains("فارس‌نشین") && html.contains("پایتخت‌نشین"), "field filter, secondary");
    let (status, html) = page(&app, &c, "/people?province=narnia&field=%27%20OR%201=1&page=abc").await;
    assert_eq!(status, 200, "unknown filters are ignored");
    assert!(html.contains("فارس‌نشین") && html.contains("پایتخت‌نشین"));

    // 44 public people in Fars: three pages of 20; the pager keeps the filters.
    for i in 0..43 {
        let mut conn = app.app.db.conn().await.unwrap();
        let row = PersonRow {
            id: uuid::Uuid::now_v7().to_string(),
            first_name: format!("نفر{i:02}"),
            last_name: format!("آزمون{i:02}"),
            province: Some("fars".into()),
            availability: "available".into(),
            visibility: "public".into(),
            source: "test".into(),
            created_at: 1,
            updated_at: 1,
            ..PersonRow::default()
        };
        people::insert(&mut conn, &row).await.unwrap();
    }
    let (_, first) = page(&app, &c, "/people?province=fars").await;
    assert!(first.contains(&count_text(44)), "count of the filtered list");
    assert!(first.contains("href=\"/people?province=fars&#38;page=2\""), "the pager keeps the filter");
    let (_, third) = page(&app, &c, "/people?province=fars&page=3").await;
    let cards = |html: &str| html.matches("class=\"card person-card\"").count();
    assert_eq!((cards(&first), cards(&third)), (20, 4));
    let (_, beyond) = page(&app, &c, "/people?province=fars&page=99").await;
    assert_eq!(cards(&beyond), 4, "a page past the end shows the last one");
}

/// The completeness percentage shown on `/profile`, as ASCII digits.
async fn completeness(app: &TestApp, c: &Client) -> (String, String) {
    let (_, html) = page(app, c, "/profile").await;
    let heading = between(&html, "id=\"completeness-title\">", "</h2>").to_owned();
    let digits: String = halqe_domain::text::digits_to_ascii(&heading).chars().filter(char::is_ascii_digit).collect();
    (digits, html)
}

#[tokio::test]
async fn completeness_grows_as_the_profile_is_filled() {
    let app = TestApp::spawn().await;
    taxonomy(&app).await;
    let c = app.signed_in("complete@example.ir", &[Role::Innovator]).await;
    let (percent, html) = completeness(&app, &c).await;
    assert_eq!(percent, "0");
    assert!(
        html.contains("href=\"/profile/edit#f-national_id\"") && html.contains("کد ملی"),
        "missing parts link to their field"
    );
    assert!(html.contains("href=\"/claims\""), "verified distinctions are declared as claims");
    // Names, province and education (degree + university): location 5 + education 10.
    let r = app.post_form(&c, "/profile/edit", &valid_form("کامل", "شونده", "private")).await;
    assert_eq!(r.status(), 303);
    assert_eq!(completeness(&app, &c).await.0, "15");
    let more = with(
        valid_form("کامل", "شونده", "private"),
        &[("national_id", NATIONAL_ID), ("mobile", MOBILE), ("primary_field", "egov"), ("skills", "الف، ب، ج")],
    );
    assert_eq!(app.post_form(&c, "/profile/edit", &more).await.status(), 303);
    assert_eq!(completeness(&app, &c).await.0, "55", "+10 national ID, +5 mobile, +15 field, +10 skills");
    let r = app.post_form(&c, "/profile/publications", &[("title", "مقاله نخست"), ("year", "1402")]).await;
    assert_eq!(r.status(), 303);
    let r = app.post_form(&c, "/profile/past-projects", &[("past_project_title", "پروژه نخست")]).await;
    assert_eq!(r.status(), 303);
    let (percent, html) = completeness(&app, &c).await;
    assert_eq!(percent, "75");
    assert!(!html.contains("href=\"/profile/edit#f-national_id\""), "done parts are no longer listed");
    assert!(html.contains("href=\"/profile/edit#f-bio_fa\""));
}

#[tokio::test]
async fn publications_and_projects_are_added_and_deleted_by_their_owner_only() {
    let app = TestApp::spawn().await;
    let (c, user, _) =
        person(&app, "pubs@example.ir", &[Role::Innovator], &valid_form("نویسنده", "پرکار", "public")).await;
    let r = app
        .post_form(
            &c,
            "/profile/publications",
            &[
                ("title", "  سنجش عملكرد  "),
                ("venue", "فصلنامه مديريت دولتي"),
                ("year", "۱۴۰۱"),
                ("doi", "https://doi.org/10.1000/XYZ.1"),
                ("abstract", "چکیده"),
            ],
        )
        .await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/profile#publications".to_owned()));
    let (_, html) = page(&app, &c, "/profile").await;
    assert!(
        html.contains("سنجش عملکرد") && html.contains("۱۴۰۱") && html.contains("https://doi.org/10.1000/XYZ.1"),
        "{html}"
    );
    // Refused input: a plain form gets 422, an htmx request 200 (htmx swaps only 2xx), both with the errors.
    let bad = [("title", ""), ("year", "3000"), ("doi", "not-a-doi")];
    let r = app.post_form(&c, "/profile/publications", &bad).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(field(&html, "title").contains(REQUIRED) && field(&html, "year").contains(BAD_YEAR));
    assert!(field(&html, "doi").contains(BAD_DOI));
    let token = app.csrf(&c).await;
    let mut body = bad.to_vec();
    body.push(("_csrf", &token));
    let r = c.post(app.url("/profile/publications")).header("hx-request", "true").form(&body).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("id=\"publications\""));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM publications").await, 1);

    // A government past project needs its agency.
    let r =
        app.post_form(&c, "/profile/past-projects", &[("past_project_title", "طرح ملی"), ("government", "1")]).await;
    assert_eq!(r.status(), 422);
    assert!(field(&r.text().await.unwrap(), "agency_name").contains(REQUIRED));
    let gov = [
        ("past_project_title", "طرح ملی"),
        ("government", "1"),
        ("agency_name", "سازمان اداری و استخدامی کشور"),
        ("past_project_year", "2023"),
    ];
    assert_eq!(app.post_form(&c, "/profile/past-projects", &gov).await.status(), 303);
    let (_, html) = page(&app, &c, "/profile").await;
    assert!(html.contains("پروژه دولتی") && html.contains("سازمان اداری و استخدامی کشور"));

    // Someone else cannot delete them; the owner can.
    let person_id = row_of(&app, &user).await.id;
    let mut conn = app.app.db.conn().await.unwrap();
    let pid = halqe_domain::ids::PersonId::from_db(person_id.clone());
    let publication = people::publications_of(&mut conn, &pid).await.unwrap().remove(0).id;
    let past_project =
        past_projects::of(&mut conn, past_projects::Owner::Person(&person_id)).await.unwrap().remove(0).id;
    let (other, _, _) =
        person(&app, "other@example.ir", &[Role::Innovator], &valid_form("دیگری", "کس", "public")).await;
    let r = app.post_form(&other, &format!("/profile/publications/{publication}/delete"), &[]).await;
    assert_eq!(r.status(), 404);
    let r = app.post_form(&other, &format!("/profile/past-projects/{past_project}/delete"), &[]).await;
    assert_eq!(r.status(), 404);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM publications").await
            + app.sql_count("SELECT COUNT(*) FROM past_projects").await,
        2
    );
    assert_eq!(app.post_form(&c, &format!("/profile/publications/{publication}/delete"), &[]).await.status(), 303);
    assert_eq!(app.post_form(&c, &format!("/profile/past-projects/{past_project}/delete"), &[]).await.status(), 303);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM publications").await
            + app.sql_count("SELECT COUNT(*) FROM past_projects").await,
        0
    );
    for action in ["publication.add", "publication.delete", "past_project.add", "past_project.delete"] {
        assert_eq!(audit_count(&app, action).await, 1, "{action}");
    }
}

fn org_form<'a>(name: &'a str, kind: &'a str, visibility: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name_fa", name),
        ("name_en", ""),
        ("kind", kind),
        ("registration_number", ""),
        ("certificate_number", ""),
        ("certificate_expires_at", ""),
        ("province", "tehran"),
        ("city", "تهران"),
        ("institution", ""),
        ("website", ""),
        ("description_fa", "شرکتی برای آزمون."),
        ("description_en", ""),
        ("capabilities", "تحلیل داده\nهوش مصنوعی"),
        ("products", ""),
        ("primary_field", ""),
        ("visibility", visibility),
    ]
}

/// Creates an organization through the form and returns its id.
async fn new_org(app: &TestApp, owner: &Client, form: &[(&str, &str)]) -> String {
    let r = app.post_form(owner, "/organizations", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let to = location(&r);
    // A declared registration number adds `?saved=review`.
    to.strip_prefix("/organizations/").unwrap().split('?').next().unwrap().to_owned()
}

/// The id of the pending invitation shown to `client` on `/organizations`.
async fn invitation_on_page(app: &TestApp, client: &Client) -> String {
    let (_, html) = page(app, client, "/organizations").await;
    let marker = "action=\"/membership-invitations/";
    let start = html.find(marker).unwrap_or_else(|| panic!("no invitation shown: {html}")) + marker.len();
    html[start..].split('/').next().unwrap().to_owned()
}

#[tokio::test]
async fn organizations_invite_members_who_accept_or_decline() {
    let app = TestApp::spawn().await;
    let owner = app.signed_in("owner@org.test", &[Role::Innovator]).await;
    // A knowledge-based company needs its certificate number and expiry.
    let r = app.post_form(&owner, "/organizations", &org_form("داده‌پردازان", "knowledge_based", "public")).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(
        field(&html, "certificate_number").contains(REQUIRED)
            && field(&html, "certificate_expires_at").contains(REQUIRED)
    );
    let form = with(
        org_form("داده‌پردازان", "knowledge_based", "public"),
        &[
            ("certificate_number", "۱۴۰۲۱۵۸۷۳"),
            ("certificate_expires_at", "۱۴۰۵/۰۶/۳۰"),
            ("registration_number", "548213"),
        ],
    );
    let org = new_org(&app, &owner, &form).await;
    let (_, html) = page(&app, &app.client(), &format!("/organizations/{org}")).await;
    assert!(html.contains("داده‌پردازان") && html.contains("140215873") && html.contains("۳۰ شهریور ۱۴۰۵"), "{html}");
    let taken = with(org_form("دیگری", "startup", "public"), &[("registration_number", "548213")]);
    let r = app.post_form(&owner, "/organizations", &taken).await;
    assert_eq!(r.status(), 303, "a registration number another holds is saved as a case for staff, not refused");
    assert!(r.headers()["location"].to_str().unwrap().ends_with("?saved=review"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM organizations WHERE registration_number = '548213'").await, 1);
    let open = "SELECT COUNT(*) FROM identity_conflicts WHERE identifier = 'registration_number' AND status = 'open'";
    assert_eq!(app.sql_count(open).await, 1);

    // The owner invites an admin by email; the invitation is mailed.
    let admin_id = app.user("admin-to-be@org.test", &[Role::Innovator]).await;
    let r = app
        .post_form(
            &owner,
            &format!("/organizations/{org}/members"),
            &[("email", "Admin-To-Be@org.test"), ("role", "admin")],
        )
        .await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("دعوت‌نامه فرستاده شد."));
    let mail = app.mail_to("admin-to-be@org.test").await;
    assert_eq!(mail.len(), 1);
    assert!(mail[0].subject.contains("داده‌پردازان") && mail[0].body_text.contains("مدیر"), "{:?}", mail[0]);
    assert_eq!(path_of(&link_in(&mail[0].body_text).unwrap()), "/organizations#invitations");
    let r = app
        .post_form(
            &owner,
            &format!("/organizations/{org}/members"),
            &[("email", "admin-to-be@org.test"), ("role", "member")],
        )
        .await;
    assert_eq!(r.status(), 422, "one pending invitation per address");

    // Only the invited address may answer: another user gets 403 and nothing changes.
    let intruder = app.signed_in("intruder@org.test", &[Role::Innovator]).await;
    let (_, html) = page(&app, &intruder, "/organizations").await;
    assert!(!html.contains("/membership-invitations/"), "nobody else sees the invitation");
    let invited = app.client();
    app.login(&invited, "admin-to-be@org.test", PASSWORD).await;
    let invitation = invitation_on_page(&app, &invited).await;
    let r = app.post_form(&intruder, &format!("/membership-invitations/{invitation}/accept"), &[]).await;
    assert_eq!(r.status(), 403);
    // An unverified account with the invited address proves nothing either.
    app.sql_exec("UPDATE users SET email_verified_at = NULL WHERE email = 'admin-to-be@org.test'").await;
    let r = app.post_form(&invited, &format!("/membership-invitations/{invitation}/accept"), &[]).await;
    assert_eq!(r.status(), 403);
    app.sql_exec("UPDATE users SET email_verified_at = 1 WHERE email = 'admin-to-be@org.test'").await;
    let r = app.post_form(&invited, &format!("/membership-invitations/{invitation}/accept"), &[]).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, format!("/organizations/{org}")));
    let role = format!("SELECT COUNT(*) FROM memberships WHERE user_id = '{admin_id}' AND role = 'admin'");
    assert_eq!(app.sql_count(&role).await, 1);
    let r = app.post_form(&invited, &format!("/membership-invitations/{invitation}/accept"), &[]).await;
    assert_eq!(r.status(), 410, "an invitation is answered once");
    let (_, mine) = page(&app, &invited, "/organizations").await;
    assert!(between(&mine, "id=\"mine\"", "</section>").contains("داده‌پردازان"));

    // The new admin manages, but may not make owners.
    assert_eq!(page(&app, &invited, &format!("/organizations/{org}/edit")).await.0, 200);
    let r = app
        .post_form(&invited, &format!("/organizations/{org}/members"), &[("email", "x@org.test"), ("role", "owner")])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("فقط مالک سازمان می‌تواند مالک تازه دعوت کند."));

    // A plain member declines... no: a second invitee declines and does not join.
    let r = app
        .post_form(
            &invited,
            &format!("/organizations/{org}/members"),
            &[("email", "member@org.test"), ("role", "member")],
        )
        .await;
    assert_eq!(r.status(), 200);
    let member = app.signed_in("member@org.test", &[Role::Innovator]).await;
    let invitation = invitation_on_page(&app, &member).await;
    let r = app.post_form(&member, &format!("/membership-invitations/{invitation}/decline"), &[]).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, "/organizations".to_owned()));
    let members = format!("SELECT COUNT(*) FROM memberships WHERE organization_id = '{org}'");
    assert_eq!(app.sql_count(&members).await, 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM membership_invitations WHERE status = 'declined'").await, 1);
    let (_, html) = page(&app, &owner, &format!("/organizations/{org}/members")).await;
    assert!(html.contains("نپذیرفته") && html.contains("admin-to-be@org.test"), "managers see invitations and emails");

    for action in ["organization.create", "membership.invite", "membership.accept", "membership.decline"] {
        assert!(audit_count(&app, action).await >= 1, "{action}");
    }
    let v = verify(&app.app).await.unwrap();
    assert_eq!(v.first_broken, None);
}

#[tokio::test]
async fn only_owners_admins_and_staff_edit_an_organization() {
    let app = TestApp::spawn().await;
    let owner = app.signed_in("owner@edit.test", &[Role::Innovator]).await;
    let org = new_org(&app, &owner, &org_form("گروه پژوهشی آزمون", "research_group", "public")).await;
    let private = new_org(&app, &owner, &org_form("گروه پنهان", "research_group", "private")).await;
    // A plain member: invited as a member and accepted.
    app.post_form(
        &owner,
        &format!("/organizations/{org}/members"),
        &[("email", "plain@edit.test"), ("role", "member")],
    )
    .await;
    let plain = app.signed_in("plain@edit.test", &[Role::Innovator]).await;
    let invitation = invitation_on_page(&app, &plain).await;
    assert_eq!(app.post_form(&plain, &format!("/membership-invitations/{invitation}/accept"), &[]).await.status(), 303);
    let outsider = app.signed_in("outsider@edit.test", &[Role::Officer]).await;
    let edit = org_form("نام دست‌کاری‌شده", "research_group", "public");
    for (who, client) in [("member", &plain), ("outsider", &outsider)] {
        let (status, html) = page(&app, client, &format!("/organizations/{org}/edit")).await;
        assert_eq!(status, 403, "{who}");
        assert!(html.contains(FORBIDDEN));
        assert_eq!(app.post_form(client, &format!("/organizations/{org}/edit"), &edit).await.status(), 403, "{who}");
        assert_eq!(page(&app, client, &format!("/organizations/{org}/members")).await.0, 403, "{who}");
        let past_project = [("past_project_title", "پروژه")];
        assert_eq!(
            app.post_form(client, &format!("/organizations/{org}/past-projects"), &past_project).await.status(),
            403
        );
    }
    // A private organization does not exist for outsiders: 404, not 403.
    assert_eq!(page(&app, &outsider, &format!("/organizations/{private}/edit")).await.0, 404);
    assert_eq!(page(&app, &outsider, &format!("/organizations/{private}")).await.0, 404);
    let (_, list) = page(&app, &outsider, "/organizations").await;
    assert!(!list.contains("گروه پنهان") && list.contains("گروه پژوهشی آزمون"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM organizations WHERE name_fa = 'نام دست‌کاری‌شده'").await, 0);

    // Staff may edit; the owner too, and adds a government past project.
    let staff = app.signed_in("staff@edit.test", &[Role::Staff]).await;
    assert_eq!(page(&app, &staff, &format!("/organizations/{private}")).await.0, 200);
    let r = app
        .post_form(&staff, &format!("/organizations/{org}/edit"), &with(edit.clone(), &[("website", "ftp://x")]))
        .await;
    assert_eq!(r.status(), 422);
    assert!(field(&r.text().await.unwrap(), "website").contains(BAD_URL));
    assert_eq!(app.post_form(&staff, &format!("/organizations/{org}/edit"), &edit).await.status(), 303);
    assert_eq!(audit_count(&app, "organization.update").await, 1);
    let gov = [("past_project_title", "سامانه ملی"), ("government", "1"), ("agency_name", "وزارت کار")];
    assert_eq!(app.post_form(&owner, &format!("/organizations/{org}/past-projects"), &gov).await.status(), 303);
    let (_, html) = page(&app, &app.client(), &format!("/organizations/{org}")).await;
    assert!(html.contains("نام دست‌کاری‌شده") && html.contains("سامانه ملی") && html.contains("پروژه دولتی"));
    assert!(!html.contains("plain@edit.test"), "member emails are not public");
}

#[tokio::test]
async fn demo_registry_respects_visibility_for_every_role() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    assert!(app.sql_count("SELECT COUNT(*) FROM people").await >= 25);
    assert!(app.sql_count("SELECT COUNT(*) FROM organizations").await >= 8);
    let public = app.sql_count("SELECT COUNT(*) FROM people WHERE visibility = 'public'").await;
    let agencies = app.sql_count("SELECT COUNT(*) FROM people WHERE visibility = 'agencies'").await;
    let all = app.sql_count("SELECT COUNT(*) FROM people").await;
    assert!(public > 0 && agencies > 0 && all > public + agencies, "mixed visibility");
    let count = count_text;
    let (_, html) = page(&app, &app.client(), "/people").await;
    assert!(html.contains(&count(public)), "anonymous sees the public ones");
    for (email, expected) in
        [("officer@halqe.demo", public + agencies), ("staff@halqe.demo", all), ("innovator@halqe.demo", public)]
    {
        let c = app.client();
        app.login(&c, email, halqe_app::demo::DEMO_PASSWORD).await;
        let (_, html) = page(&app, &c, "/people").await;
        assert!(html.contains(&count(expected)), "{email} sees {expected}");
    }
    // The linked demo accounts see their own profile and the pending invitation.
    let c = app.client();
    app.login(&c, "innovator@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let (_, html) = page(&app, &c, "/profile").await;
    assert!(html.contains("علی حسینی") && html.contains("0019080591"));
    let (_, html) = page(&app, &c, "/organizations").await;
    assert!(html.contains("id=\"invitations\"") && html.contains("داده‌کاوان پارس"));
    // Staff find the demo's first bulk import with its per-row report, and the failed run before it with
    // the reason it failed.
    let c = app.client();
    app.login(&c, "staff@halqe.demo", halqe_app::demo::DEMO_PASSWORD).await;
    let (_, html) = page(&app, &c, "/imports").await;
    let run_of = |file: &str| {
        let row = html.split("<tr>").find(|row| row.contains(file)).unwrap_or_else(|| panic!("{file} listed: {html}"));
        let rest = &row[row.find("href=\"/imports/").unwrap() + "href=\"/imports/".len()..];
        rest[..rest.find('"').unwrap()].to_owned()
    };
    let (done, failed) = (run_of("طباطبایی-۱۴۰۵.csv"), run_of("طباطبایی-۱۴۰۵.xlsx"));
    let (_, html) = page(&app, &c, &format!("/imports/{done}")).await;
    assert!(html.contains("created=4 updated=0 unchanged=0 rejected=2"), "{html}");
    assert!(html.contains("کد ملی معتبر نیست") && html.contains("همین فرد یا سازمان در ردیف"), "{html}");
    let (_, html) = page(&app, &c, &format!("/imports/{failed}")).await;
    assert!(html.contains("data-job-state=\"failed\"") && html.contains("فایل آسیب‌دیده یا ناقص است"), "{html}");
    // The field of work and the province in the office's own words wait for staff.
    let (_, html) = page(&app, &c, "/kept-values").await;
    assert!(html.contains("بهبود فرایندهای اداری با داده‌کاوی") && html.contains("خراسان"), "{html}");
    assert!(html.contains("سمت"), "the unknown column is listed: {html}");
    assert_eq!(halqe_app::demo::load(&app.app).await.unwrap(), halqe_app::demo::Loaded::AlreadyPresent);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM people").await, all, "a second load changes nothing");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM import_runs").await, 2);
}
