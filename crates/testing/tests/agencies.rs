//! Agencies end to end: staff create them, invite officers who accept by link, only staff get in,
//! and every privileged action lands in a tamper-evident audit chain.

use halqe_app::audit::verify;
use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp, link_in, path_of};
use reqwest::{Client, Response};

const REQUIRED: &str = "پر کردن این بخش الزامی است.";
const CHOICE: &str = "یکی از گزینه‌ها را انتخاب کنید.";
const BAD_PROVINCE: &str = "استان شناخته نشد.";
const NAME_TAKEN: &str = "دستگاهی با این نام پیش‌تر ثبت شده است.";
const INVITED: &str = "دعوت‌نامه فرستاده شد.";
const LINK_EXPIRED: &str = "پیوند منقضی شده است";
const FORBIDDEN: &str = "دسترسی مجاز نیست";

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).unwrap_or_default()
}

async fn get(app: &TestApp, client: &Client, path: &str) -> Response {
    client.get(app.url(path)).send().await.unwrap()
}

async fn text(r: Response) -> String {
    r.text().await.unwrap()
}

async fn create_agency(
    app: &TestApp,
    staff: &Client,
    name_fa: &str,
    name_en: &str,
    kind: &str,
    province: &str,
) -> Response {
    app.post_form(
        staff,
        "/agencies",
        &[("name_fa", name_fa), ("name_en", name_en), ("kind", kind), ("province", province)],
    )
    .await
}

/// Creates an agency through the form and returns its id.
async fn new_agency(app: &TestApp, staff: &Client, name_fa: &str) -> String {
    let r = create_agency(app, staff, name_fa, "", "ministry", "tehran").await;
    assert_eq!(r.status(), 303, "creating {name_fa}");
    location(&r).strip_prefix("/agencies/").unwrap().to_owned()
}

/// Invites `email` as an officer of `agency` and returns the path of the emailed link.
async fn invite(app: &TestApp, staff: &Client, agency: &str, email: &str) -> String {
    let r = app.post_form(staff, &format!("/agencies/{agency}/invitations"), &[("email", email)]).await;
    assert_eq!(r.status(), 200, "inviting {email}");
    assert!(text(r).await.contains(INVITED));
    path_of(&link_in(&app.mail_to(email).await[0].body_text).unwrap())
}

async fn count(app: &TestApp, table: &str, filter: &str) -> i64 {
    app.sql_count(&format!("SELECT COUNT(*) FROM {table} WHERE {filter}")).await
}

/// The text between two markers of a page (to check that an error sits next to its field).
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from} not in page"));
    let end = start + html[start..].find(to).unwrap_or_else(|| panic!("{to} not after {from}"));
    &html[start..end]
}

#[tokio::test]
async fn staff_create_an_agency() {
    let app = TestApp::spawn().await;
    let staff_id = app.user("staff@example.ir", &[Role::Staff]).await;
    let staff = app.client();
    app.login(&staff, "staff@example.ir", PASSWORD).await;

    let html = text(get(&app, &staff, "/agencies").await).await;
    assert!(html.contains("هنوز دستگاهی ثبت نشده است."), "{html}");
    let form = text(get(&app, &staff, "/agencies/new").await).await;
    assert!(
        form.contains("id=\"agency-form\"") && form.contains("<option value=\"isfahan\">اصفهان</option>"),
        "{form}"
    );

    let r = create_agency(&app, &staff, "وزارت نیرو", "Ministry of Energy", "ministry", "isfahan").await;
    assert_eq!(r.status(), 303);
    let to = location(&r);
    let id = to.strip_prefix("/agencies/").unwrap().to_owned();
    assert_eq!(id.len(), 36, "a UUID: {to}");

    let stored = format!(
        "id = '{id}' AND name_fa = 'وزارت نیرو' AND name_en = 'Ministry of Energy' AND kind = 'ministry' \
         AND province = 'isfahan' AND created_by = '{}'",
        staff_id.as_str()
    );
    assert_eq!(count(&app, "agencies", &stored).await, 1);

    let r = get(&app, &staff, &to).await;
    assert_eq!(r.status(), 200);
    let html = text(r).await;
    assert!(html.contains("<bdi>وزارت نیرو</bdi>") && html.contains("وزارتخانه · اصفهان"), "{html}");
    assert!(html.contains("Ministry of Energy") && html.contains("هنوز کارشناسی برای این دستگاه عضو نشده است."));

    let html = text(get(&app, &staff, "/agencies").await).await;
    assert!(html.contains(&format!("<a href=\"/agencies/{id}\"><bdi>وزارت نیرو</bdi></a>")), "{html}");
    assert!(html.contains("<td>وزارتخانه</td>") && html.contains("<td>اصفهان</td>"), "{html}");
    assert!(!html.contains("هنوز دستگاهی ثبت نشده است."));

    let audited = format!(
        "action = 'agency.create' AND subject_type = 'agency' AND subject_id = '{id}' AND actor_id = '{}'",
        staff_id.as_str()
    );
    assert_eq!(count(&app, "audit_log", &audited).await, 1);
    assert_eq!(count(&app, "audit_log", "action = 'agency.create'").await, 1);

    // In English the list shows the English name.
    app.post_form(&staff, "/lang", &[("lang", "en")]).await;
    let html = text(get(&app, &staff, "/agencies").await).await;
    assert!(html.contains("<bdi>Ministry of Energy</bdi>") && html.contains("<td>Isfahan</td>"), "{html}");

    // An admin may create agencies too.
    let admin = app.signed_in("admin@example.ir", &[Role::Admin]).await;
    new_agency(&app, &admin, "سازمان اداری و استخدامی").await;
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies").await, 2);
}

#[tokio::test]
async fn invalid_agency_forms_are_refused_field_by_field() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let audit_before = app.sql_count("SELECT COUNT(*) FROM audit_log").await;

    let r = create_agency(&app, &staff, "   ", "Ministry", "castle", "atlantis").await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("لطفاً خطاهای مشخص‌شده را اصلاح کنید."));
    assert!(html.contains(&format!("id=\"e-name_fa\">{REQUIRED}</p>")), "{html}");
    assert!(between(&html, "id=\"f-kind\"", "id=\"f-province\"").contains(CHOICE), "kind error by the kind field");
    assert!(between(&html, "id=\"f-province\"", "</form>").contains(BAD_PROVINCE), "province error by its field");
    assert!(!html.contains("id=\"e-name_en\""), "the English name is optional and fine");
    assert!(html.contains("value=\"Ministry\""), "values are kept");

    // One wrong field at a time.
    let r = create_agency(&app, &staff, "وزارت نفت", "", "castle", "tehran").await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(between(&html, "id=\"f-kind\"", "id=\"f-province\"").contains(CHOICE));
    assert!(!html.contains(BAD_PROVINCE) && !html.contains("id=\"e-name_fa\""));
    assert!(html.contains("value=\"وزارت نفت\""), "{html}");
    assert!(html.contains("<option value=\"tehran\" selected>تهران</option>"), "the chosen province stays selected");

    let r = create_agency(&app, &staff, "وزارت نفت", "", "ministry", "atlantis").await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains(BAD_PROVINCE) && !html.contains(CHOICE));
    assert!(html.contains("<option value=\"ministry\" selected>وزارتخانه</option>"));

    let r = create_agency(&app, &staff, "وزارت نفت", "", "", "").await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(between(&html, "id=\"f-kind\"", "id=\"f-province\"").contains(CHOICE));
    assert!(between(&html, "id=\"f-province\"", "</form>").contains(REQUIRED));

    let long = "د".repeat(201);
    let r = create_agency(&app, &staff, &long, "", "ministry", "tehran").await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains("id=\"e-name_fa\">این مقدار بیش از حد طولانی است.</p>"));

    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies").await, 0, "nothing written");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log").await, audit_before, "nothing audited");
}

#[tokio::test]
async fn agency_names_are_unique_after_normalization() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;

    new_agency(&app, &staff, "وزارت نیرو").await;
    let r = create_agency(&app, &staff, "وزارت نیرو", "Another", "organization", "fars").await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains(&format!("id=\"e-name_fa\">{NAME_TAKEN}</p>")), "{html}");
    assert!(html.contains("value=\"Another\""), "the rest of the form is kept");

    // Arabic ي/ك and stray spaces are normalized before storing...
    new_agency(&app, &staff, "  وزارت   كشاورزي ").await;
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies WHERE name_fa = 'وزارت کشاورزی'").await, 1);
    let arabic = "SELECT COUNT(*) FROM agencies WHERE name_fa LIKE '%ي%' OR name_fa LIKE '%ك%'";
    assert_eq!(app.sql_count(arabic).await, 0);
    // ...so the Persian spelling is the same name, and so is an Arabic spelling of a Persian name.
    let r = create_agency(&app, &staff, "وزارت کشاورزی", "", "ministry", "tehran").await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains(NAME_TAKEN));
    let r = create_agency(&app, &staff, "وزارت كشاورزى", "", "ministry", "tehran").await;
    assert_eq!(r.status(), 422, "Arabic alef maksura is the same ی");
    assert!(text(r).await.contains(NAME_TAKEN));

    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies").await, 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'agency.create'").await, 2);
    // The failed insert left the database usable (PostgreSQL aborts the transaction on a unique violation).
    new_agency(&app, &staff, "سازمان برنامه و بودجه").await;
}

#[tokio::test]
async fn provinces_may_be_given_in_persian() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let r = create_agency(&app, &staff, "اداره کل استان", "", "provincial_office", "اصفهان").await;
    assert_eq!(r.status(), 303);
    let id = location(&r).strip_prefix("/agencies/").unwrap().to_owned();
    assert_eq!(count(&app, "agencies", &format!("id = '{id}' AND province = 'isfahan'")).await, 1, "stored by code");

    for (i, spelling) in ["استان آذربايجان شرقي", "Esfahan", "  tehran  "].into_iter().enumerate() {
        let r = create_agency(&app, &staff, &format!("دستگاه {i}"), "", "other", spelling).await;
        assert_eq!(r.status(), 303, "{spelling}");
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies WHERE province = 'east_azerbaijan'").await, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies WHERE province = 'isfahan'").await, 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies WHERE province = 'tehran'").await, 1);
}

#[tokio::test]
async fn an_invited_officer_creates_an_account_from_the_link() {
    let app = TestApp::spawn().await;
    let staff_id = app.user("staff@example.ir", &[Role::Staff]).await;
    let staff = app.client();
    app.login(&staff, "staff@example.ir", PASSWORD).await;
    let agency = new_agency(&app, &staff, "سازمان ثبت اسناد").await;

    let r =
        app.post_form(&staff, &format!("/agencies/{agency}/invitations"), &[("email", " Officer@Example.IR ")]).await;
    assert_eq!(r.status(), 200);
    let html = text(r).await;
    assert!(html.contains(INVITED), "{html}");
    assert!(html.contains("officer@example.ir") && html.contains("در انتظار"), "listed as pending: {html}");
    let open = format!("agency_id = '{agency}' AND email = 'officer@example.ir' AND role = 'officer'");
    assert_eq!(count(&app, "invitations", &open).await, 1);
    let by_staff = format!("action = 'invitation.create' AND actor_id = '{}'", staff_id.as_str());
    assert_eq!(count(&app, "audit_log", &by_staff).await, 1);

    let mail = app.mail_to("officer@example.ir").await;
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].subject, "دعوت به حلقه به‌عنوان کارشناس سازمان ثبت اسناد");
    assert!(mail[0].body_text.contains("«سازمان ثبت اسناد»"), "{}", mail[0].body_text);
    let path = path_of(&link_in(&mail[0].body_text).unwrap());
    let token = path.strip_prefix("/invitations/").unwrap();
    assert_eq!(token.len(), 64, "{path}");
    assert_eq!(count(&app, "invitations", &format!("token_hash = '{token}'")).await, 0, "only the hash is stored");

    let invitee = app.client();
    let r = get(&app, &invitee, &path).await;
    assert_eq!(r.status(), 200);
    let html = text(r).await;
    assert!(html.contains("کارشناس دستگاه · <bdi>سازمان ثبت اسناد</bdi>"), "{html}");
    assert!(html.contains("برای پذیرفتن دعوت، حساب خود را بسازید."), "{html}");
    assert!(html.contains("name=\"display_name\"") && html.contains("name=\"password\""));

    // A short password is refused without using up the link.
    let r = app.post_form(&invitee, &path, &[("display_name", "حسن رضايي"), ("password", "short")]).await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("id=\"e-password\">گذرواژه باید دست‌کم ۱۰ نویسه باشد.</p>"), "{html}");
    assert!(html.contains("value=\"حسن رضايي\""), "the name is kept as typed");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users WHERE email = 'officer@example.ir'").await, 0);

    let r = app.post_form(&invitee, &path, &[("display_name", "حسن رضايي"), ("password", "officer-passphrase")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/account");
    let sid = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("halqe_sid="));
    let sid = sid.unwrap();
    assert!(sid.contains("HttpOnly") && sid.contains("SameSite=Lax"), "{sid}");

    let r = get(&app, &invitee, "/account").await;
    assert_eq!(r.status(), 200, "signed in right away");
    let html = text(r).await;
    assert!(
        html.contains("<bdi>حسن رضایی</bdi>") && html.contains("کارشناس دستگاه") && html.contains("تأییدشده"),
        "{html}"
    );

    let user = format!(
        "email = 'officer@example.ir' AND agency_id = '{agency}' AND email_verified_at IS NOT NULL \
         AND display_name = 'حسن رضایی'"
    );
    assert_eq!(count(&app, "users", &user).await, 1);
    let roles =
        "SELECT COUNT(*) FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'officer@example.ir'";
    assert_eq!(app.sql_count(roles).await, 1);
    assert_eq!(app.sql_count(&format!("{roles} AND r.role = 'officer'")).await, 1);
    assert_eq!(
        count(&app, "invitations", &format!("{open} AND accepted_at IS NOT NULL AND accepted_by IS NOT NULL")).await,
        1
    );
    assert_eq!(count(&app, "audit_log", "action = 'invitation.create'").await, 1);
    assert_eq!(count(&app, "audit_log", "action = 'invitation.accept' AND subject_type = 'invitation'").await, 1);

    // The officer is not staff.
    assert_eq!(get(&app, &invitee, "/agencies").await.status(), 403);

    // The link works once, for anyone.
    for client in [&invitee, &app.client()] {
        let r = get(&app, client, &path).await;
        assert_eq!(r.status(), 410);
        assert!(text(r).await.contains(LINK_EXPIRED));
    }
    let r =
        app.post_form(&app.client(), &path, &[("display_name", "کسی دیگر"), ("password", "another-passphrase")]).await;
    assert_eq!(r.status(), 410);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users WHERE email = 'officer@example.ir'").await, 1);

    // Staff see the officer and the accepted invitation on the agency page.
    let html = text(get(&app, &staff, &format!("/agencies/{agency}")).await).await;
    assert!(html.contains("<bdi>حسن رضایی</bdi>") && html.contains("پذیرفته‌شده"), "{html}");
    // And the officer can sign in again with the chosen password.
    app.login(&app.client(), "officer@example.ir", "officer-passphrase").await;
}

#[tokio::test]
async fn invitations_need_a_valid_email_and_a_real_agency() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let agency = new_agency(&app, &staff, "وزارت کار").await;
    let path = format!("/agencies/{agency}/invitations");

    let r = app.post_form(&staff, &path, &[("email", "not-an-email")]).await;
    assert_eq!(r.status(), 422);
    let html = text(r).await;
    assert!(html.contains("id=\"e-email\">نشانی ایمیل معتبر نیست.</p>"), "{html}");
    assert!(html.contains("value=\"not-an-email\"") && !html.contains(INVITED), "{html}");

    let r = app.post_form(&staff, &path, &[("email", "")]).await;
    assert_eq!(r.status(), 422);
    assert!(text(r).await.contains(&format!("id=\"e-email\">{REQUIRED}</p>")));

    let unknown = "/agencies/00000000-0000-7000-8000-000000000000/invitations";
    let r = app.post_form(&staff, unknown, &[("email", "x@example.ir")]).await;
    assert_eq!(r.status(), 404);
    let r = app.post_form(&staff, "/agencies/not-a-uuid/invitations", &[("email", "x@example.ir")]).await;
    assert_eq!(r.status(), 404);
    assert_eq!(get(&app, &staff, "/agencies/not-a-uuid").await.status(), 404);

    assert_eq!(app.sql_count("SELECT COUNT(*) FROM invitations").await, 0);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM mail_outbox").await, 0);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'invitation.create'").await, 0);

    // An unknown invitation token is an expired link.
    let r = get(&app, &app.client(), &format!("/invitations/{}", "ab".repeat(32))).await;
    assert_eq!(r.status(), 410);
}

#[tokio::test]
async fn an_existing_account_accepts_while_signed_in_as_the_invitee() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let agency = new_agency(&app, &staff, "وزارت بهداشت").await;
    let invitee_id = app.user("doctor@example.ir", &[Role::Innovator]).await;
    let path = invite(&app, &staff, &agency, "doctor@example.ir").await;

    // Anonymous: asked to sign in first, and cannot take over the existing address.
    let anon = app.client();
    let html = text(get(&app, &anon, &path).await).await;
    assert!(html.contains("ابتدا وارد شوید") && !html.contains("name=\"password\""), "{html}");
    let r = app.post_form(&anon, &path, &[("display_name", "دزد"), ("password", "takeover-passphrase")]).await;
    assert_eq!(r.status(), 403);

    // Someone else, signed in: refused.
    let other = app.signed_in("other@example.ir", &[Role::Innovator]).await;
    let html = text(get(&app, &other, &path).await).await;
    assert!(html.contains("این دعوت‌نامه برای نشانی ایمیل دیگری است"), "{html}");
    let r = app.post_form(&other, &path, &[]).await;
    assert_eq!(r.status(), 403);
    assert!(text(r).await.contains(FORBIDDEN));
    let officers = "SELECT COUNT(*) FROM user_roles WHERE role = 'officer'";
    assert_eq!(app.sql_count(officers).await, 0);
    assert_eq!(count(&app, "invitations", "accepted_at IS NULL").await, 1, "still open");

    // The invitee, signed in: one button, then the role.
    let invitee = app.client();
    app.login(&invitee, "doctor@example.ir", PASSWORD).await;
    let html = text(get(&app, &invitee, &path).await).await;
    assert!(
        html.contains("id=\"accept-form\"") && html.contains("پذیرفتن دعوت") && !html.contains("name=\"password\"")
    );
    let r = app.post_form(&invitee, &path, &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/account");
    assert!(
        r.headers().get_all("set-cookie").iter().all(|c| !c.to_str().unwrap().starts_with("halqe_sid=")),
        "same session"
    );

    let id = invitee_id.as_str();
    assert_eq!(count(&app, "user_roles", &format!("user_id = '{id}' AND role = 'officer'")).await, 1);
    assert_eq!(count(&app, "user_roles", &format!("user_id = '{id}' AND role = 'innovator'")).await, 1, "roles add up");
    assert_eq!(count(&app, "users", &format!("id = '{id}' AND agency_id = '{agency}'")).await, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM users").await, 3, "no new account");
    let accepted = format!("action = 'invitation.accept' AND actor_id = '{id}'");
    assert_eq!(count(&app, "audit_log", &accepted).await, 1);
    let html = text(get(&app, &invitee, "/account").await).await;
    assert!(html.contains("کارشناس دستگاه") && html.contains("نوآور"), "{html}");

    let r = app.post_form(&invitee, &path, &[]).await;
    assert_eq!(r.status(), 410, "accepted once");
}

#[tokio::test]
async fn only_staff_and_admins_reach_agencies() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let agency = new_agency(&app, &staff, "وزارت راه").await;

    for (email, role) in [
        ("officer@example.ir", Role::Officer),
        ("reviewer@example.ir", Role::Reviewer),
        ("innovator@example.ir", Role::Innovator),
    ] {
        let c = app.signed_in(email, &[role]).await;
        let html = text(get(&app, &c, "/").await).await;
        assert!(!html.contains("href=\"/agencies\""), "{role:?} sees no agencies link");
        for path in ["/agencies", "/agencies/new", &format!("/agencies/{agency}")] {
            let r = get(&app, &c, path).await;
            assert_eq!(r.status(), 403, "{role:?} GET {path}");
            assert!(text(r).await.contains(FORBIDDEN));
        }
        let r = create_agency(&app, &c, &format!("دستگاه {email}"), "", "ministry", "tehran").await;
        assert_eq!(r.status(), 403, "{role:?} POST /agencies");
        let r = app.post_form(&c, &format!("/agencies/{agency}/invitations"), &[("email", "x@example.ir")]).await;
        assert_eq!(r.status(), 403, "{role:?} invites");
    }
    // The officer fixture's own agency plus the one staff made.
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies").await, 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM invitations").await, 0);

    let anon = app.client();
    let r = get(&app, &anon, "/agencies").await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/login?next=%2Fagencies");
    let r = get(&app, &anon, &format!("/agencies/{agency}")).await;
    assert_eq!(location(&r), format!("/login?next=%2Fagencies%2F{agency}"));
    let r = create_agency(&app, &anon, "دستگاه ناشناس", "", "ministry", "tehran").await;
    assert_eq!(r.status(), 403, "an anonymous POST is refused, not redirected");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies").await, 2);

    // After signing in, the sign-in page sends the visitor back.
    let html = text(get(&app, &anon, "/login?next=%2Fagencies").await).await;
    assert!(html.contains("name=\"next\" value=\"/agencies\""), "{html}");
    let r = app
        .post_form(&anon, "/login", &[("email", "staff@example.ir"), ("password", PASSWORD), ("next", "/agencies")])
        .await;
    assert_eq!(location(&r), "/agencies");
    assert_eq!(get(&app, &anon, "/agencies").await.status(), 200);
}

/// Several audited actions: accounts, agencies, an invitation made and accepted.
async fn audited_activity(app: &TestApp) -> Client {
    let admin = app.signed_in("admin@example.ir", &[Role::Admin]).await;
    let agency = new_agency(app, &admin, "وزارت ارتباطات").await;
    new_agency(app, &admin, "سازمان فضایی").await;
    let path = invite(app, &admin, &agency, "ict@example.ir").await;
    let r =
        app.post_form(&app.client(), &path, &[("display_name", "کارشناس"), ("password", "officer-passphrase")]).await;
    assert_eq!(r.status(), 303);
    admin
}

#[tokio::test]
async fn the_audit_chain_verifies_and_reveals_an_edit() {
    let app = TestApp::spawn().await;
    let admin = audited_activity(&app).await;
    let entries = app.sql_count("SELECT COUNT(*) FROM audit_log").await;
    assert_eq!(entries, 5, "user.create, 2 × agency.create, invitation.create, invitation.accept");
    let v = verify(&app.app).await.unwrap();
    assert_eq!(v.entries, entries);
    assert_eq!(v.first_broken, None);
    let html = text(get(&app, &admin, "/admin/audit").await).await;
    assert!(html.contains("data-test=\"audit-never-verified\""), "{html}");
    assert!(html.contains("<code>agency.create</code>") && html.contains("<code>invitation.accept</code>"));
    assert_eq!(app.post_form(&admin, "/admin/audit/verify", &[]).await.status(), 303);
    let html = text(get(&app, &admin, "/admin/audit").await).await;
    assert!(html.contains("data-test=\"audit-intact\"") && html.contains("زنجیره سابقه رویدادها سالم است"), "{html}");

    app.sql_exec("UPDATE audit_log SET details = '{}' WHERE seq = 1").await;
    let v = verify(&app.app).await.unwrap();
    assert_eq!(v.first_broken, Some(1));
    // The page shows the last recorded verification and does not walk the chain on a view…
    let html = text(get(&app, &admin, "/admin/audit").await).await;
    assert!(html.contains("data-test=\"audit-intact\""), "{html}");
    // …until an admin asks for a verification.
    assert_eq!(app.post_form(&admin, "/admin/audit/verify", &[]).await.status(), 303);
    let html = text(get(&app, &admin, "/admin/audit").await).await;
    assert!(
        html.contains("data-test=\"audit-broken\"") && html.contains("زنجیره سابقه رویدادها دست‌کاری شده است!"),
        "{html}"
    );
    assert!(html.contains("رویداد \u{2068}۱\u{2069} با زنجیره نمی‌خواند"), "{html}");
}

#[tokio::test]
async fn the_audit_chain_reveals_edits_further_along() {
    let app = TestApp::spawn().await;
    audited_activity(&app).await;
    app.sql_exec("UPDATE audit_log SET actor_id = NULL WHERE seq = 3").await;
    let v = verify(&app.app).await.unwrap();
    assert_eq!(v.first_broken, Some(3), "the first two entries still check out");
    assert_eq!(v.entries, 2);
}

#[tokio::test]
async fn the_audit_chain_reveals_a_deleted_entry() {
    let app = TestApp::spawn().await;
    audited_activity(&app).await;
    let last = app.sql_count("SELECT MAX(seq) FROM audit_log").await;
    assert_eq!(verify(&app.app).await.unwrap().first_broken, None);

    app.sql_exec(&format!("DELETE FROM audit_log WHERE seq = {last}")).await;
    let v = verify(&app.app).await.unwrap();
    assert_eq!(v.first_broken, Some(last), "the head still names the deleted entry");
    assert_eq!(v.entries, last - 1);

    // A deleted entry in the middle is caught where the sequence jumps.
    app.sql_exec("DELETE FROM audit_log WHERE seq = 2").await;
    assert_eq!(verify(&app.app).await.unwrap().first_broken, Some(2));
}
