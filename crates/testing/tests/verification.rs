//! Verification end to end: innovators declare claims with evidence files, staff approve or reject them
//! with a reason, verified claims show a badge, and evidence is served only to those allowed to see it.

use halqe_app::audit::verify;
use halqe_app::verification::{Badge, badges_for_organization, badges_for_person};
use halqe_db::organizations::{self, OrganizationRow};
use halqe_domain::ids::{OrganizationId, PersonId, UserId};
use halqe_domain::registry::MemberRole;
use halqe_domain::user::Role;
use halqe_domain::verification::ClaimKind;
use halqe_testing::{MAX_UPLOAD_BYTES, START_MS, TestApp};
use reqwest::multipart::{Form, Part};
use reqwest::{Client, Response};

const REQUIRED: &str = "پر کردن این بخش الزامی است.";
const WRONG_TYPE: &str = "این نوع فایل پذیرفته نیست؛ فقط PDF، PNG، JPEG یا WebP.";
const TOO_LARGE: &str = "حجم فایل از حد مجاز بیشتر است.";
const NO_EVIDENCE: &str = "دست‌کم یک فایل مدرک پیوست کنید.";
const CLOSED: &str = "این ادعا تأیید شده است و مدرک تازه نمی‌پذیرد.";
const VERIFIED: &str = "تأییدشده";
const ELITE: &str = "عضویت در بنیاد ملی نخبگان";
const TITLE: &str = "عضو بنیاد ملی نخبگان، ۱۴۰۱";

/// A small but well-formed PDF.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n\
3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n";

/// A 1×1 PNG (valid chunks and CRCs) and its SHA-256.
const PNG: &[u8] = &[
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00,
    0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49,
    0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0xE0, 0x2F, 0xCB, 0x03, 0x00, 0x01, 0x8B, 0x00, 0xF4, 0x3C, 0xC5, 0x20, 0x2A,
    0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
];
const PNG_SHA256: &str = "f5b3cfd08d2ce430dae2e3c97518183ab5b679738f5f529de6e5b13ceb994876";

/// An HTML page dressed up as a PDF by its name and declared type.
const HTML: &[u8] = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>";

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).unwrap_or_default()
}

fn header(r: &Response, name: &str) -> String {
    r.headers().get(name).map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()).unwrap_or_default()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    app.sql_count(sql).await
}

async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Posts a multipart form with the CSRF token in the query string, as the upload forms do.
async fn upload(
    app: &TestApp,
    client: &Client,
    path: &str,
    fields: &[(&str, &str)],
    files: &[(&str, &'static [u8])],
) -> Response {
    let token = app.csrf(client).await;
    let form = multipart(fields, files);
    client.post(app.url(&format!("{path}?_csrf={token}"))).multipart(form).send().await.unwrap()
}

fn multipart(fields: &[(&str, &str)], files: &[(&str, &'static [u8])]) -> Form {
    let mut form = Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (name, bytes) in files {
        let mime = if name.ends_with(".png") { "image/png" } else { "application/pdf" };
        form = form.part("evidence", Part::bytes(*bytes).file_name(name.to_string()).mime_str(mime).unwrap());
    }
    form
}

/// Declares an elite-foundation claim about the signed-in innovator and returns its id.
async fn declare(app: &TestApp, client: &Client, files: &[(&str, &'static [u8])]) -> String {
    let r =
        upload(app, client, "/claims", &[("subject", "self"), ("kind", "elite_foundation"), ("title", TITLE)], files)
            .await;
    assert_eq!(r.status(), 303, "declaring a claim: {}", r.text().await.unwrap());
    location(&r).strip_prefix("/claims/").unwrap().to_owned()
}

/// The evidence ids linked from a claim page, in order.
fn evidence_links(html: &str) -> Vec<String> {
    html.split("href=\"/evidence/").skip(1).map(|rest| rest[..36].to_owned()).collect()
}

/// Every file under the storage directory, as paths relative to it.
fn stored_files(app: &TestApp) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![app.files_dir.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path.strip_prefix(&app.files_dir).unwrap().display().to_string());
            }
        }
    }
    out
}

async fn person_of(app: &TestApp, user: &UserId) -> PersonId {
    let mut conn = app.app.db.conn().await.unwrap();
    let p = halqe_db::people::by_user(&mut conn, user).await.unwrap().expect("a person profile");
    PersonId::from_db(p.id)
}

async fn staff_decides(app: &TestApp, staff: &Client, claim: &str, decision: &str, reason: &str) -> Response {
    app.post_form(staff, &format!("/verification/{claim}/decision"), &[("decision", decision), ("reason", reason)])
        .await
}

#[tokio::test]
async fn an_innovator_declares_a_claim_with_a_pdf_and_a_png() {
    let app = TestApp::spawn().await;
    let innovator = app.signed_in("elite@example.ir", &[Role::Innovator]).await;
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0, "no profile before the first claim");

    let (status, form) = page(&app, &innovator, "/claims").await;
    assert_eq!(status, 200);
    assert!(form.contains("action=\"/claims?_csrf="), "multipart form carries the token in its URL: {form}");
    assert!(form.contains("enctype=\"multipart/form-data\"") && form.contains(ELITE));

    let id = declare(&app, &innovator, &[("گواهی عضویت.pdf", PDF), ("کارت.png", PNG)]).await;
    let (status, html) = page(&app, &innovator, &format!("/claims/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains(TITLE) && html.contains("در انتظار احراز") && html.contains(ELITE), "{html}");
    assert!(html.contains("گواهی عضویت.pdf") && html.contains("کارت.png"), "{html}");

    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM claims WHERE status = 'pending' AND kind = 'elite_foundation'").await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence WHERE content_type = 'application/pdf'").await, 1);
    let png_sql = format!(
        "SELECT COUNT(*) FROM evidence WHERE content_type = 'image/png' AND sha256 = '{PNG_SHA256}' AND size_bytes = {}",
        PNG.len()
    );
    assert_eq!(count(&app, &png_sql).await, 1);
    // The profile pages' draft was made from the display name, and the claim is about it.
    let person_sql = "SELECT COUNT(*) FROM people p JOIN claims c ON c.person_id = p.id \
        WHERE p.first_name = 'کاربر' AND p.last_name = 'آزمایشی' AND p.user_id IS NOT NULL";
    assert_eq!(count(&app, person_sql).await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'profile.create'").await, 1);

    // Files sit under random keys, never under the name the user gave.
    let files = stored_files(&app);
    assert_eq!(files.len(), 2, "{files:?}");
    for f in &files {
        let (dir, key) = f.split_once('/').unwrap();
        assert_eq!(dir, "evidence");
        assert!(uuid::Uuid::parse_str(key).is_ok(), "key {key} is a UUID");
        assert!(!f.contains("گواهی") && !f.contains(".pdf") && !f.contains(".png"), "{f}");
        let key_sql = format!("SELECT COUNT(*) FROM evidence WHERE storage_key = '{f}'");
        assert_eq!(count(&app, &key_sql).await, 1);
    }
    let png_path =
        app.files_dir.join(files.iter().find(|f| std::fs::read(app.files_dir.join(f)).unwrap() == PNG).unwrap());
    assert!(png_path.exists());

    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim.declare'").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'evidence.upload'").await, 2);
    let (status, list) = page(&app, &innovator, "/claims").await;
    assert_eq!(status, 200);
    assert!(list.contains(&format!("/claims/{id}")) && list.contains(TITLE));
}

#[tokio::test]
async fn files_are_judged_by_content_and_size_not_by_name() {
    let app = TestApp::spawn().await;
    let innovator = app.signed_in("elite@example.ir", &[Role::Innovator]).await;
    let fields = [("subject", "self"), ("kind", "elite_foundation"), ("title", TITLE)];

    let r = upload(&app, &innovator, "/claims", &fields, &[("certificate.pdf", HTML)]).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains(WRONG_TYPE), "{html}");
    assert!(html.contains(TITLE), "the form keeps what was typed");

    // One bad file refuses the whole declaration, good files included.
    let r = upload(&app, &innovator, "/claims", &fields, &[("ok.pdf", PDF), ("x.pdf", b"MZ\x90\0\x03\0\0\0")]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(WRONG_TYPE));

    let oversized: &'static [u8] = {
        let mut big = PDF.to_vec();
        big.resize(MAX_UPLOAD_BYTES + 1, b' ');
        Box::leak(big.into_boxed_slice())
    };
    let r = upload(&app, &innovator, "/claims", &fields, &[("big.pdf", oversized)]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(TOO_LARGE));

    let r = upload(&app, &innovator, "/claims", &fields, &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(NO_EVIDENCE));

    let r = upload(&app, &innovator, "/claims", &[("subject", "self"), ("kind", ""), ("title", "")], &[("a.pdf", PDF)])
        .await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(REQUIRED));

    assert_eq!(count(&app, "SELECT COUNT(*) FROM claims").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, 0);
    assert!(stored_files(&app).is_empty(), "refused files are never stored");

    // Exactly at the limit is accepted.
    let at_limit: &'static [u8] = {
        let mut big = PDF.to_vec();
        big.resize(MAX_UPLOAD_BYTES, b' ');
        Box::leak(big.into_boxed_slice())
    };
    declare(&app, &innovator, &[("big.pdf", at_limit)]).await;
}

#[tokio::test]
async fn staff_approve_with_a_reason_and_the_badge_appears() {
    let app = TestApp::spawn().await;
    let owner_id = app.user("elite@example.ir", &[Role::Innovator]).await;
    let owner = app.client();
    app.login(&owner, "elite@example.ir", halqe_testing::PASSWORD).await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let id = declare(&app, &owner, &[("card.pdf", PDF)]).await;

    let (status, queue) = page(&app, &staff, "/verification").await;
    assert_eq!(status, 200);
    assert!(queue.contains(&format!("/verification/{id}")) && queue.contains(TITLE), "{queue}");
    let (status, detail) = page(&app, &staff, &format!("/verification/{id}")).await;
    assert_eq!(status, 200);
    assert!(detail.contains("decision-form") && evidence_links(&detail).len() == 1, "{detail}");

    let r = staff_decides(&app, &staff, &id, "approve", "   ").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(REQUIRED), "a decision needs a reason");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM claims WHERE status = 'pending'").await, 1);

    let reason = "کارت عضویت با سامانه بنیاد تطبیق داده شد.";
    let r = staff_decides(&app, &staff, &id, "approve", reason).await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), format!("/verification/{id}"));
    let r = staff_decides(&app, &staff, &id, "reject", "دوباره").await;
    assert_eq!(r.status(), 422, "a decided claim is not decided again");

    let (_, mine) = page(&app, &owner, "/claims").await;
    assert!(mine.contains(&format!("<span class=\"badge verified\">{VERIFIED}</span>")), "{mine}");
    let (_, shown) = page(&app, &owner, &format!("/claims/{id}")).await;
    assert!(shown.contains(reason) && shown.contains("badge verified"), "{shown}");
    assert!(!shown.contains("evidence-form"), "a verified claim takes no more evidence");
    let r = upload(&app, &owner, &format!("/claims/{id}/evidence"), &[], &[("more.pdf", PDF)]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(CLOSED));

    let person = person_of(&app, &owner_id).await;
    let badges = badges_for_person(&app.app, &person).await.unwrap();
    assert_eq!(badges, vec![Badge { kind: ClaimKind::EliteFoundation, title: TITLE.into() }]);
    let (_, queue) = page(&app, &staff, "/verification").await;
    assert!(!queue.contains(&format!("/verification/{id}")), "decided claims leave the queue");

    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim.decide'").await, 1);
    let mail = app.mail_to("elite@example.ir").await;
    assert!(mail.iter().any(|m| m.subject.contains("تأیید شد") && m.body_text.contains(reason)), "{mail:?}");
    assert_eq!(verify(&app.app).await.unwrap().first_broken, None);
}

#[tokio::test]
async fn a_rejected_claim_is_resubmitted_with_new_evidence() {
    let app = TestApp::spawn().await;
    let owner = app.signed_in("elite@example.ir", &[Role::Innovator]).await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let id = declare(&app, &owner, &[("card.pdf", PDF)]).await;

    let r = staff_decides(&app, &staff, &id, "reject", "").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains(REQUIRED), "rejecting needs a reason too");
    let reason = "تصویر کارت خوانا نیست.";
    assert_eq!(staff_decides(&app, &staff, &id, "reject", reason).await.status(), 303);

    let (_, shown) = page(&app, &owner, &format!("/claims/{id}")).await;
    assert!(shown.contains("ردشده") && shown.contains(reason) && shown.contains("evidence-form"), "{shown}");
    assert!(shown.contains(&format!("action=\"/claims/{id}/evidence?_csrf=")));
    let mail = app.mail_to("elite@example.ir").await;
    assert!(mail.iter().any(|m| m.subject.contains("رد شد") && m.body_text.contains(reason)), "{mail:?}");

    let r = upload(&app, &owner, &format!("/claims/{id}/evidence"), &[], &[("clear.png", PNG)]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM claims WHERE status = 'pending'").await, 1);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, 2);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM audit_log WHERE action = 'claim.resubmit'").await, 1);
    let (_, queue) = page(&app, &staff, "/verification").await;
    assert!(queue.contains(&format!("/verification/{id}")), "back in the queue");
    let (_, detail) = page(&app, &staff, &format!("/verification/{id}")).await;
    assert!(detail.contains(reason), "staff see why it was refused before");
    assert_eq!(evidence_links(&detail).len(), 2);
    assert_eq!(staff_decides(&app, &staff, &id, "approve", "اکنون خواناست.").await.status(), 303);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM claims WHERE status = 'approved'").await, 1);
}

#[tokio::test]
async fn evidence_is_served_only_to_the_owner_and_staff() {
    let app = TestApp::spawn().await;
    let owner = app.signed_in("elite@example.ir", &[Role::Innovator]).await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let admin = app.signed_in("admin@example.ir", &[Role::Admin]).await;
    let other = app.signed_in("other@example.ir", &[Role::Innovator]).await;
    let officer = app.signed_in("officer@example.ir", &[Role::Officer]).await;
    let reviewer = app.signed_in("reviewer@example.ir", &[Role::Reviewer]).await;
    let anonymous = app.client();
    let id = declare(&app, &owner, &[("گواهی.pdf", PDF)]).await;
    let (_, html) = page(&app, &owner, &format!("/claims/{id}")).await;
    let evidence = evidence_links(&html).remove(0);
    let path = format!("/evidence/{evidence}");

    for (who, client) in [("owner", &owner), ("staff", &staff), ("admin", &admin)] {
        let r = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{who}");
        assert_eq!(header(&r, "content-type"), "application/pdf");
        assert_eq!(header(&r, "x-content-type-options"), "nosniff");
        let disposition = header(&r, "content-disposition");
        assert!(disposition.starts_with("attachment;") && disposition.contains("UTF-8''"), "{disposition}");
        assert_eq!(r.bytes().await.unwrap().as_ref(), PDF, "{who} gets the stored bytes");
    }
    let not_found = "صفحه پیدا نشد";
    for (who, client) in [("another innovator", &other), ("an officer", &officer), ("a reviewer", &reviewer)] {
        let r = client.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), 404, "{who}");
        assert!(r.text().await.unwrap().contains(not_found));
        let (status, _) = page(&app, client, &format!("/claims/{id}")).await;
        assert!(status == 404 || status == 403, "{who} cannot open the claim: {status}");
    }
    let r = anonymous.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), 404, "anonymous visitors learn nothing");
    let missing = anonymous.get(app.url(&format!("/evidence/{}", uuid::Uuid::now_v7()))).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    for bad in ["/evidence/not-a-uuid", "/evidence/..%2F..%2Fetc%2Fpasswd"] {
        assert_eq!(owner.get(app.url(bad)).send().await.unwrap().status(), 404, "{bad}");
    }
    let r = upload(&app, &other, &format!("/claims/{id}/evidence"), &[], &[("x.pdf", PDF)]).await;
    assert_eq!(r.status(), 404, "another innovator cannot add evidence");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM evidence").await, 1);
}

#[tokio::test]
async fn organization_managers_declare_and_see_its_claims_members_do_not() {
    let app = TestApp::spawn().await;
    let owner_id = app.user("founder@example.ir", &[Role::Innovator]).await;
    let member_id = app.user("member@example.ir", &[Role::Innovator]).await;
    let org = OrganizationId::new();
    {
        let mut conn = app.app.db.conn().await.unwrap();
        let row = OrganizationRow {
            id: org.as_str().to_owned(),
            name_fa: "شرکت دانش‌بنیان آزمون".into(),
            kind: "knowledge_based".into(),
            visibility: "public".into(),
            source: "self".into(),
            created_at: START_MS,
            updated_at: START_MS,
            ..OrganizationRow::default()
        };
        organizations::insert(&mut conn, &row).await.unwrap();
        organizations::add_member(&mut conn, &org, &owner_id, MemberRole::Owner, START_MS).await.unwrap();
        organizations::add_member(&mut conn, &org, &member_id, MemberRole::Member, START_MS).await.unwrap();
    }
    let founder = app.client();
    app.login(&founder, "founder@example.ir", halqe_testing::PASSWORD).await;
    let member = app.client();
    app.login(&member, "member@example.ir", halqe_testing::PASSWORD).await;

    let (_, form) = page(&app, &founder, "/claims").await;
    assert!(form.contains(&format!("value=\"{org}\"")), "managers may declare for their organization");
    let fields = [("subject", org.as_str()), ("kind", "knowledge_based"), ("title", "گواهی دانش‌بنیان نوع یک")];
    let r = upload(&app, &member, "/claims", &fields, &[("c.pdf", PDF)]).await;
    assert_eq!(r.status(), 422, "a plain member may not declare for the organization");
    let r = upload(&app, &founder, "/claims", &fields, &[("c.pdf", PDF)]).await;
    assert_eq!(r.status(), 303);
    let id = location(&r).strip_prefix("/claims/").unwrap().to_owned();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM people").await, 0, "an organization claim makes no person profile");

    let (_, html) = page(&app, &founder, &format!("/claims/{id}")).await;
    assert!(html.contains("شرکت دانش‌بنیان آزمون"), "{html}");
    let evidence = format!("/evidence/{}", evidence_links(&html).remove(0));
    assert_eq!(member.get(app.url(&evidence)).send().await.unwrap().status(), 404);
    assert_eq!(founder.get(app.url(&evidence)).send().await.unwrap().status(), 200);
    {
        let mut conn = app.app.db.conn().await.unwrap();
        organizations::add_member(&mut conn, &org, &member_id, MemberRole::Admin, START_MS).await.unwrap();
    }
    assert_eq!(member.get(app.url(&evidence)).send().await.unwrap().status(), 200, "admins of the organization may");

    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    assert_eq!(staff_decides(&app, &staff, &id, "approve", "استعلام از سامانه دانش‌بنیان.").await.status(), 303);
    let badges = badges_for_organization(&app.app, &org).await.unwrap();
    assert_eq!(badges.len(), 1);
    assert_eq!(badges[0].kind, ClaimKind::KnowledgeBased);
    assert_eq!(app.mail_to("founder@example.ir").await.len(), 1, "the owner is told");
    assert_eq!(app.mail_to("member@example.ir").await.len(), 1, "and so is the admin");
}

#[tokio::test]
async fn uploads_without_the_csrf_token_in_the_url_are_refused() {
    let app = TestApp::spawn().await;
    let innovator = app.signed_in("elite@example.ir", &[Role::Innovator]).await;
    let fields = [("subject", "self"), ("kind", "award"), ("title", "جایزه")];

    let token = app.csrf(&innovator).await;
    let in_body = multipart(&[("_csrf", token.as_str()), fields[0], fields[1], fields[2]], &[("a.pdf", PDF)]);
    let r = innovator.post(app.url("/claims")).multipart(in_body).send().await.unwrap();
    assert_eq!(r.status(), 403, "a token inside the multipart body is not read");
    let forged = innovator.post(app.url("/claims?_csrf=0000")).multipart(multipart(&fields, &[("a.pdf", PDF)]));
    assert_eq!(forged.send().await.unwrap().status(), 403);
    let cross = innovator
        .post(app.url(&format!("/claims?_csrf={token}")))
        .header("origin", "https://evil.example")
        .multipart(multipart(&fields, &[("a.pdf", PDF)]));
    assert_eq!(cross.send().await.unwrap().status(), 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM claims").await, 0);
    assert!(stored_files(&app).is_empty());

    let r = upload(&app, &innovator, "/claims", &fields, &[("a.pdf", PDF)]).await;
    assert_eq!(r.status(), 303, "the same upload with the token in the URL goes through");
}

#[tokio::test]
async fn only_staff_reach_the_queue_and_only_innovators_declare() {
    let app = TestApp::spawn().await;
    let innovator = app.signed_in("elite@example.ir", &[Role::Innovator]).await;
    let officer = app.signed_in("officer@example.ir", &[Role::Officer]).await;
    let id = declare(&app, &innovator, &[("a.pdf", PDF)]).await;
    assert_eq!(page(&app, &innovator, "/verification").await.0, 403);
    assert_eq!(page(&app, &innovator, &format!("/verification/{id}")).await.0, 403);
    assert_eq!(staff_decides(&app, &innovator, &id, "approve", "x").await.status(), 403);
    assert_eq!(page(&app, &officer, "/claims").await.0, 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM claims WHERE status = 'pending'").await, 1);
}

#[tokio::test]
async fn a_stored_status_no_variant_has_is_refused_not_shown_as_pending() {
    let app = TestApp::spawn().await;
    let innovator = app.signed_in("sara@example.ir", &[Role::Innovator]).await;
    let id = declare(&app, &innovator, &[("a.pdf", PDF)]).await;
    let (status, html) = page(&app, &innovator, &format!("/claims/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("در انتظار احراز"), "a pending claim shows as pending");

    // A status written by hand (or by an older Halqe) that no state of a claim has.
    app.sql_exec(&format!("UPDATE claims SET status = 'verified' WHERE id = '{id}'")).await;
    let (status, html) = page(&app, &innovator, &format!("/claims/{id}")).await;
    assert_eq!(status, 500, "the row is refused where it is read");
    assert!(!html.contains("در انتظار احراز") && !html.contains(TITLE), "nothing of the claim is shown as pending");
}

#[tokio::test]
async fn a_decision_reaches_search_through_the_feed() {
    let app = TestApp::spawn().await;
    let owner = app.signed_in("elite@example.ir", &[Role::Innovator]).await;
    let staff = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let id = declare(&app, &owner, &[("card.pdf", PDF)]).await;
    app.sql_exec("UPDATE people SET visibility = 'public', skills = 'رباتیک امدادی'").await;
    app.sync_index().await;
    let search = |verified: &'static str| {
        let (app, staff) = (&app, &staff);
        async move { page(app, staff, &format!("/directory?q=رباتیک&verified={verified}")).await.1 }
    };
    let hits = |html: String| html.matches("data-test=\"hit\"").count();
    let before = search("").await;
    assert!(hits(before.clone()) == 1 && !before.contains("badge verified"), "found, not verified: {before}");
    assert_eq!(hits(search("1").await), 0, "not in the verified filter");

    assert_eq!(staff_decides(&app, &staff, &id, "approve", "تطبیق داده شد").await.status(), 303);
    assert!(app.sync_index().await >= 1, "the decision appended its subject to the feed");
    let verified = search("1").await;
    assert!(hits(verified.clone()) == 1 && verified.contains("badge verified"), "{verified}");
}

#[tokio::test]
async fn staff_never_decide_their_own_claims() {
    let app = TestApp::spawn().await;
    let both = app.signed_in("staff.innovator@example.ir", &[Role::Staff, Role::Innovator]).await;
    let id = declare(&app, &both, &[("card.pdf", PDF)]).await;
    let r = staff_decides(&app, &both, &id, "approve", "مدرک معتبر است.").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("دربارهٔ ادعای خودتان یا سازمانتان نمی‌توانید تصمیم بگیرید"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM claims WHERE status = 'pending'").await, 1, "still pending");

    let colleague = app.signed_in("staff@example.ir", &[Role::Staff]).await;
    let r = staff_decides(&app, &colleague, &id, "approve", "مدرک معتبر است.").await;
    assert_eq!(r.status(), 303, "another staff member decides it");
}
