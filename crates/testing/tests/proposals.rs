//! Proposals end to end: an innovator writes one to a published challenge (saved as they type and with the
//! save button), lists a team whose members accept or decline, submits it before the deadline (server time,
//! the test's clock) as immutable versions with tracking codes mailed as receipts, and withdraws it; only its
//! applicant's side, its accepted team and, once submitted, the challenge's sides see it; two tabs
//! submitting at once make exactly one version; bad input is refused by field and markup stays inert.

use halqe_domain::text::to_persian_digits;
use halqe_domain::user::Role;
use halqe_testing::world::{deadline_in, innovator};
use halqe_testing::{MAX_UPLOAD_BYTES, PASSWORD, TestApp};
use reqwest::{Client, Response};

const DAY_MS: i64 = 86_400_000;

async fn page(app: &TestApp, client: &Client, path: &str) -> (u16, String) {
    let r = client.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// A complete proposal form with `overrides` applied (a field given as "" is left out).
fn text(overrides: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    let mut f: Vec<(&'static str, String)> = vec![
        ("title", "سامانهٔ پیگیری برخط شکایت‌ها".into()),
        ("summary", "پرونده‌ها برخط ثبت و پیگیری می‌شوند و کارشناس هیئت هشدار مهلت می‌گیرد.".into()),
        ("approach", "نخست فرایند کنونی را در دو استان نقشه‌برداری می‌کنیم؛ سپس نمونهٔ اولیه را با API سامانهٔ روابط کار پیوند می‌دهیم.".into()),
        ("budget", "۱۲٬۵۰۰".into()),
        ("timeline", "سه ماه طراحی، سه ماه آزمایش در استان تهران".into()),
        ("expected_results", "میانهٔ زمان رسیدگی زیر ۳۰ روز".into()),
        ("originality", "on".into()),
        ("conflicts", "on".into()),
        ("conflicts_note", "".into()),
    ];
    for (k, v) in overrides {
        f.retain(|(name, _)| name != k);
        if !v.is_empty() {
            f.push((k, (*v).to_owned()));
        }
    }
    f
}

async fn post(app: &TestApp, client: &Client, path: &str, fields: &[(&str, String)]) -> Response {
    let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    app.post_form(client, path, &pairs).await
}

/// Submits the page's form at expected version `version`.
async fn submit(
    app: &TestApp,
    client: &Client,
    id: &str,
    version: i64,
    overrides: &[(&'static str, &str)],
) -> Response {
    let mut f = text(overrides);
    f.push(("version", version.to_string()));
    post(app, client, &format!("/proposals/{id}/submit"), &f).await
}

struct World {
    app: TestApp,
    officer: Client,
    other_officer: Client,
    staff: Client,
    applicant: Client,
    outsider: Client,
    challenge: String,
}

/// An officer's challenge taken through review to publication; returns its id.
async fn published(app: &TestApp, officer: &Client, staff: &Client, overrides: &[(&str, &str)]) -> String {
    let deadline = deadline_in(10);
    let mut f: Vec<(&str, &str)> = vec![
        ("title", "کاهش زمان رسیدگی به شکایت‌های کارگری"),
        ("problem", "رسیدگی به شکایت‌ها ۹۵ روز طول می‌کشد."),
        ("affected", "کارگران و کارفرمایان"),
        ("outcome", "رسیدگی در کمتر از ۳۰ روز"),
        ("success_measure", "میانهٔ زمان رسیدگی"),
        ("maturity", "prototype"),
        ("deadline", &deadline),
        ("eligibility", "both"),
    ];
    for (k, v) in overrides {
        f.retain(|(name, _)| name != k);
        f.push((k, v));
    }
    halqe_testing::world::published(app, officer, staff, &f).await
}

async fn world() -> World {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت تعاون، کار و رفاه اجتماعی").await;
    let officer = app.officer_of("officer@proposal.test", &agency).await;
    let other_officer = app.officer_of("other@proposal.test", &app.agency("وزارت نیرو").await).await;
    let staff = app.signed_in("staff@proposal.test", &[Role::Staff]).await;
    let (applicant, _, _) = innovator(&app, "applicant@proposal.test", "احمدی", "tehran").await;
    let (outsider, _, _) = innovator(&app, "outsider@proposal.test", "کریمی", "tehran").await;
    let challenge = published(&app, &officer, &staff, &[]).await;
    World { app, officer, other_officer, staff, applicant, outsider, challenge }
}

impl World {
    /// The applicant starts a draft as themselves; returns its id.
    async fn draft(&self) -> String {
        let r = self
            .app
            .post_form(
                &self.applicant,
                &format!("/challenges/{}/proposals", self.challenge),
                &[("applicant", "person")],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let to = location(&r);
        to.trim_start_matches("/proposals/").trim_end_matches("/edit").to_owned()
    }

    async fn count(&self, sql: &str) -> i64 {
        self.app.sql_count(sql).await
    }
}

#[tokio::test]
async fn a_proposal_is_drafted_submitted_in_versions_with_receipts_and_withdrawn() {
    let w = world().await;
    let app = &w.app;
    // The challenge page offers an eligible innovator to write one; a second click opens the same draft.
    let (_, html) = page(app, &w.applicant, &format!("/challenges/{}", w.challenge)).await;
    assert!(html.contains("data-test=\"write-proposal\""), "{html}");
    let id = w.draft().await;
    assert_eq!(w.draft().await, id, "one draft per applicant and challenge");
    assert!(!page(app, &app.client(), &format!("/challenges/{}", w.challenge)).await.1.contains("write-proposal"));

    // Saved with the button (no JavaScript), and as the applicant types (htmx answers a small fragment).
    let r = post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[("summary", "")])).await;
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("ذخیره شد"));
    let token = app.csrf(&w.applicant).await;
    let r = w
        .applicant
        .post(app.url(&format!("/proposals/{id}/draft")))
        .header("hx-request", "true")
        .form(&[("_csrf", token.as_str()), ("title", "طرح <b>پیگیری</b>"), ("summary", "خلاصه")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let fragment = r.text().await.unwrap();
    assert!(
        fragment.contains("<span id=\"saved\"") && !fragment.contains("<html") && fragment.contains("ذخیره شد"),
        "{fragment}"
    );
    let (_, editor) = page(app, &w.applicant, &format!("/proposals/{id}/edit")).await;
    assert!(editor.contains("طرح &#60;b&#62;پیگیری&#60;/b&#62;"), "markup stays text: {editor}");
    assert!(editor.contains("hx-trigger=\"input delay:1500ms, change\""), "{editor}");

    // A draft is not the agency's: officers and staff do not see it.
    for c in [&w.officer, &w.staff, &w.outsider] {
        assert_eq!(page(app, c, &format!("/proposals/{id}")).await.0, 404);
    }
    // Submission needs every part and both declarations.
    let r = submit(app, &w.applicant, &id, 0, &[("approach", ""), ("originality", "")]).await;
    assert_eq!(r.status(), 422);
    let html = r.text().await.unwrap();
    assert!(html.contains("id=\"e-approach\"") && html.contains("id=\"e-originality\""), "{html}");
    assert_eq!(w.count("SELECT COUNT(*) FROM proposal_versions").await, 0);

    // Submitted: an immutable version with a receipt, mailed with a link back.
    let r = submit(app, &w.applicant, &id, 0, &[]).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    assert_eq!(location(&r), format!("/proposals/{id}/versions/1"));
    let (_, receipt) = page(app, &w.applicant, &format!("/proposals/{id}/versions/1")).await;
    let code: String =
        app.sql_text(&format!("SELECT tracking_code FROM proposal_versions WHERE proposal_id = '{id}'")).await;
    assert_eq!(code.len(), 16);
    let grouped = format!("{}-{}-{}-{}", &code[..4], &code[4..8], &code[8..12], &code[12..]);
    assert!(receipt.contains(&to_persian_digits(&grouped)), "the tracking code in Persian digits: {receipt}");
    assert!(receipt.contains("data-test=\"receipt\""));
    let mail = app.mail_to("applicant@proposal.test").await;
    let receipt_mail = mail.iter().find(|m| m.subject.contains("رسید")).expect("a receipt by mail");
    assert!(receipt_mail.body_text.contains(&to_persian_digits(&grouped)), "{}", receipt_mail.body_text);
    assert!(receipt_mail.body_text.contains(&format!("/proposals/{id}/versions/1")), "a link back");

    // The owning agency's officers are told and see the submitted version; another agency does not.
    let (status, html) = page(app, &w.officer, &format!("/proposals/{id}")).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("سامانهٔ پیگیری برخط شکایت‌ها") && !html.contains("data-test=\"working-copy\""));
    assert_eq!(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'proposal_submitted'").await, 1);
    assert_eq!(page(app, &w.other_officer, &format!("/proposals/{id}")).await.0, 404);
    let (_, listing) = page(app, &w.officer, &format!("/challenges/{}/proposals", w.challenge)).await;
    assert!(listing.contains(&id), "{listing}");
    let (_, challenge) = page(app, &w.officer, &format!("/challenges/{}", w.challenge)).await;
    assert!(challenge.contains("طرح‌های ارسال‌شده: \u{2068}۱\u{2069}"), "{challenge}");

    // Edits after submission stay in the working copy until a new version; the first is unchanged.
    let r = post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[("title", "نسخهٔ دوم طرح")])).await;
    assert_eq!(r.status(), 200);
    let (_, officer_view) = page(app, &w.officer, &format!("/proposals/{id}")).await;
    assert!(!officer_view.contains("نسخهٔ دوم طرح"), "the agency reads submitted versions only");
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 422, "a stale token");
    let r = submit(app, &w.applicant, &id, 1, &[("title", "نسخهٔ دوم طرح")]).await;
    assert_eq!(location(&r), format!("/proposals/{id}/versions/2"));
    let (_, first) = page(app, &w.officer, &format!("/proposals/{id}/versions/1")).await;
    assert!(first.contains("سامانهٔ پیگیری برخط شکایت‌ها") && !first.contains("نسخهٔ دوم طرح"), "history kept");
    let (_, html) = page(app, &w.applicant, &format!("/proposals/{id}")).await;
    assert_eq!(html.matches("data-test=\"version\"").count(), 2);

    // Withdrawn before the deadline: audited, and no more changes.
    assert_eq!(app.post_form(&w.applicant, &format!("/proposals/{id}/withdraw"), &[]).await.status(), 303);
    let r = post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[])).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("پس گرفته شده"));
    let audited =
        |action: &str| format!("SELECT COUNT(*) FROM audit_log WHERE subject_id = '{id}' AND action = '{action}'");
    assert_eq!(w.count(&audited("proposal.submit")).await, 2);
    assert_eq!(w.count(&audited("proposal.withdraw")).await, 1);
    // A new draft may follow a withdrawn one.
    assert_ne!(w.draft().await, id);
}

#[tokio::test]
async fn the_deadline_is_the_server_s_and_nothing_changes_after_it() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft().await;
    assert_eq!(post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[])).await.status(), 200);
    // The deadline is the end of its day in Tehran; a minute after it, everything is refused.
    let deadline: i64 =
        app.sql_count(&format!("SELECT deadline_at FROM challenges WHERE id = '{}'", w.challenge)).await;
    app.clock.advance(deadline - 60_000 - app.app.now());
    app.login(&w.applicant, "applicant@proposal.test", PASSWORD).await;
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 303, "a minute before");
    app.clock.advance(120_000);
    let r = submit(app, &w.applicant, &id, 1, &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("مهلت ارسال طرح"), "a localized refusal");
    assert_eq!(post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[])).await.status(), 422);
    assert_eq!(app.post_form(&w.applicant, &format!("/proposals/{id}/withdraw"), &[]).await.status(), 422);
    assert_eq!(app.post_form(&w.applicant, &format!("/proposals/{id}/team"), &[("member", "x")]).await.status(), 422);
    let r =
        app.post_form(&w.outsider, &format!("/challenges/{}/proposals", w.challenge), &[("applicant", "person")]).await;
    assert_eq!(r.status(), 422, "no new proposal after the deadline");
    // The API says the same.
    let token = app.csrf(&w.applicant).await;
    let r = w
        .applicant
        .post(app.url(&format!("/api/v1/proposals/{id}/submit")))
        .header("x-csrf-token", token)
        .json(&serde_json::json!({"version": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["fields"][0]["code"], "proposal_deadline_passed");
    assert_eq!(w.count("SELECT COUNT(*) FROM proposal_versions").await, 1, "only the one before the deadline");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM proposals WHERE id = '{id}' AND status = 'submitted'")).await, 1);
}

#[tokio::test]
async fn every_team_member_accepts_before_submission_and_each_answer_is_told() {
    let w = world().await;
    let app = &w.app;
    let (member, _, member_profile) = innovator(app, "member@proposal.test", "رضایی", "fars").await;
    let (decliner, _, decliner_profile) = innovator(app, "decliner@proposal.test", "نوری", "gilan").await;
    let no_account = app
        .insert_person(halqe_db::people::PersonRow {
            first_name: "بی".into(),
            last_name: "حساب".into(),
            availability: "available".into(),
            visibility: "public".into(),
            source: "test".into(),
            ..halqe_db::people::PersonRow::default()
        })
        .await;
    let id = w.draft().await;
    let team = format!("/proposals/{id}/team");
    let invite = |who: String| {
        let (client, team) = (w.applicant.clone(), team.clone());
        async move { app.post_form(&client, &team, &[("member", &who)]).await }
    };
    assert_eq!(invite(app.url(&format!("/people/{member_profile}"))).await.status(), 303, "by the profile's link");
    assert_eq!(invite(decliner_profile.clone()).await.status(), 303, "by its id");
    let r = invite(no_account.clone()).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("حساب کاربری"));
    assert_eq!(invite(member_profile.clone()).await.status(), 422, "already listed");
    assert_eq!(invite("/people/not-an-id".into()).await.status(), 422);
    // Each is told in the app and by mail, and sees only the invitation until they answer.
    assert_eq!(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'proposal_invited'").await, 2);
    assert!(
        app.mail_to("member@proposal.test").await.iter().any(|m| m.body_text.contains(&format!("/proposals/{id}")))
    );
    let (status, html) = page(app, &member, &format!("/proposals/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-test=\"invitation\"") && !html.contains("data-test=\"summary\""), "{html}");
    let (_, mine) = page(app, &member, "/proposals").await;
    assert!(mine.contains("data-test=\"invited\""), "{mine}");
    // Not every member has accepted: submission is refused.
    let r = submit(app, &w.applicant, &id, 0, &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("id=\"e-team\""));
    // One accepts, one declines; the applicant hears of both.
    assert_eq!(
        app.post_form(&member, &format!("/proposals/{id}/team/answer"), &[("answer", "accept")]).await.status(),
        303
    );
    assert_eq!(
        app.post_form(&decliner, &format!("/proposals/{id}/team/answer"), &[("answer", "decline")]).await.status(),
        303
    );
    assert_eq!(
        app.post_form(&member, &format!("/proposals/{id}/team/answer"), &[("answer", "decline")]).await.status(),
        422,
        "answered"
    );
    assert_eq!(
        app.post_form(&decliner, &format!("/proposals/{id}/team/answer"), &[("answer", "accept")]).await.status(),
        404,
        "declined: no longer theirs to see"
    );
    assert_eq!(
        app.post_form(&w.outsider, &format!("/proposals/{id}/team/answer"), &[("answer", "accept")]).await.status(),
        404
    );
    for kind in ["proposal_team_accepted", "proposal_team_declined"] {
        assert_eq!(w.count(&format!("SELECT COUNT(*) FROM notifications WHERE kind = '{kind}'")).await, 1, "{kind}");
    }
    let (_, editor) = page(app, &w.applicant, &format!("/proposals/{id}/edit")).await;
    assert!(editor.contains("data-state=\"accepted\"") && editor.contains("data-state=\"declined\""), "{editor}");
    // The accepted member reads the draft, but does not edit it; the decliner sees nothing.
    let (status, html) = page(app, &member, &format!("/proposals/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("data-test=\"working-copy\""));
    assert_eq!(page(app, &member, &format!("/proposals/{id}/edit")).await.0, 403);
    assert_eq!(post(app, &member, &format!("/proposals/{id}/draft"), &text(&[])).await.status(), 403);
    assert_eq!(page(app, &decliner, &format!("/proposals/{id}")).await.0, 404);
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 422, "a declined member is still listed");
    let r = app.post_form(&w.applicant, &format!("/proposals/{id}/team/{decliner_profile}/remove"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 303);
    let content: String =
        app.sql_text(&format!("SELECT content FROM proposal_versions WHERE proposal_id = '{id}'")).await;
    assert!(content.contains("رضایی") && content.contains("\"accepted\"") && !content.contains("نوری"), "{content}");
}

#[tokio::test]
async fn each_role_sees_what_it_may_and_the_conversation_is_between_the_parties() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft().await;
    let api = |client: &Client, path: String| {
        let client = client.clone();
        async move { client.get(app.url(&path)).send().await.unwrap().status().as_u16() }
    };
    // Someone else's proposal: 404 to read, to save, to submit, to withdraw; even by id through the API.
    for path in [format!("/proposals/{id}"), format!("/proposals/{id}/edit"), format!("/api/v1/proposals/{id}")] {
        assert_eq!(api(&w.outsider, path.clone()).await, 404, "{path}");
        assert_ne!(api(&app.client(), path.clone()).await, 200, "{path} anonymous");
    }
    assert_eq!(post(app, &w.outsider, &format!("/proposals/{id}/draft"), &text(&[])).await.status(), 404);
    assert_eq!(submit(app, &w.outsider, &id, 0, &[]).await.status(), 404);
    assert_eq!(app.post_form(&w.outsider, &format!("/proposals/{id}/withdraw"), &[]).await.status(), 404);
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 303);
    // Submitted: the challenge's sides read it and write in its conversation; they never edit it.
    for c in [&w.officer, &w.staff] {
        assert_eq!(api(c, format!("/proposals/{id}")).await, 200);
        assert_eq!(api(c, format!("/api/v1/proposals/{id}/versions")).await, 200);
        assert_eq!(post(app, c, &format!("/proposals/{id}/draft"), &text(&[])).await.status(), 403);
        assert_eq!(app.post_form(c, &format!("/proposals/{id}/withdraw"), &[]).await.status(), 403);
    }
    assert_eq!(api(&w.other_officer, format!("/proposals/{id}")).await, 404);
    assert_eq!(api(&w.outsider, format!("/challenges/{}/proposals", w.challenge)).await, 403);
    assert_eq!(api(&w.other_officer, format!("/challenges/{}/proposals", w.challenge)).await, 403);
    let messages = format!("/conversations/proposal/{id}/messages");
    let message = |client: &Client, body: &'static str| {
        let (client, path) = (client.clone(), messages.clone());
        async move { app.post_form(&client, &path, &[("body", body)]).await.status().as_u16() }
    };
    assert_eq!(message(&w.officer, "لطفاً برآورد هزینهٔ نگهداری را هم بفرستید.").await, 303);
    assert_eq!(message(&w.applicant, "Sure — پیوست می‌کنیم.").await, 303);
    assert_eq!(message(&w.outsider, "سلام").await, 404);
    assert_eq!(message(&w.other_officer, "سلام").await, 404);
    let thread_path = format!("/api/v1/conversations/proposal/{id}");
    let thread = |client: &Client| {
        let (client, url) = (client.clone(), app.url(&thread_path));
        async move { client.get(url).send().await.unwrap() }
    };
    assert_eq!(thread(&w.outsider).await.status(), 404);
    let read: serde_json::Value = thread(&w.applicant).await.json().await.unwrap();
    assert_eq!(read["messages"].as_array().map(Vec::len), Some(2), "{read}");
    let (_, html) = page(app, &w.officer, &format!("/proposals/{id}")).await;
    assert!(
        html.contains("dir=\"auto\" data-test=\"message-body\">Sure — پیوست می‌کنیم."),
        "mixed text finds its direction"
    );
    // The applicant was told of the officer's message.
    assert_eq!(
        w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'message' AND subject_kind = 'proposal'").await,
        2
    );
}

#[tokio::test]
async fn two_tabs_submitting_at_once_make_exactly_one_version() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft().await;
    // Five tabs opened at version 0 submit together: one wins, the others are told, nothing is a 500.
    let tabs = (0..5).map(|_| submit(app, &w.applicant, &id, 0, &[]));
    let statuses: Vec<u16> = futures_util::future::join_all(tabs).await.iter().map(|r| r.status().as_u16()).collect();
    assert_eq!(statuses.iter().filter(|s| **s == 303).count(), 1, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 422).count(), 4, "{statuses:?}");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM proposal_versions WHERE proposal_id = '{id}'")).await, 1);
    // The same through the API, at version 1.
    let token = app.csrf(&w.applicant).await;
    let calls = (0..4).map(|_| {
        w.applicant
            .post(app.url(&format!("/api/v1/proposals/{id}/submit")))
            .header("x-csrf-token", token.clone())
            .json(&serde_json::json!({ "version": 1 }))
            .send()
    });
    let answers = futures_util::future::join_all(calls).await;
    let mut created = 0;
    for r in answers {
        let r = r.unwrap();
        match r.status().as_u16() {
            201 => created += 1,
            422 => {
                let body: serde_json::Value = r.json().await.unwrap();
                assert_eq!(body["fields"][0]["code"], "proposal_already_submitted", "{body}");
            }
            other => panic!("{other}"),
        }
    }
    assert_eq!(created, 1);
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM proposal_versions WHERE proposal_id = '{id}'")).await, 2);
    assert_eq!(w.count("SELECT COUNT(DISTINCT tracking_code) FROM proposal_versions").await, 2);
    assert_eq!(w.count(&format!("SELECT versions FROM proposals WHERE id = '{id}'")).await, 2);
}

#[tokio::test]
async fn files_eligibility_and_bounds_are_checked() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft().await;
    let upload = |client: &Client, name: &'static str, bytes: Vec<u8>| {
        let (client, path) = (client.clone(), format!("/proposals/{id}/attachments"));
        async move {
            let token = app.csrf(&client).await;
            let part = reqwest::multipart::Part::bytes(bytes).file_name(name);
            let form = reqwest::multipart::Form::new().part("attachments", part);
            client.post(app.url(&format!("{path}?_csrf={token}"))).multipart(form).send().await.unwrap()
        }
    };
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec();
    let r = upload(&w.applicant, "plan.pdf", b"<script>alert(1)</script>".to_vec()).await;
    assert_eq!(r.status(), 422, "the type is read from the bytes");
    assert!(r.text().await.unwrap().contains("فقط PDF، PNG، JPEG یا WebP"));
    let mut big = pdf.clone();
    big.resize(MAX_UPLOAD_BYTES + 1, b' ');
    let r = upload(&w.applicant, "big.pdf", big).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("حجم فایل از حد مجاز بیشتر است"));
    assert_eq!(upload(&w.outsider, "a.pdf", pdf.clone()).await.status(), 404, "someone else's proposal");
    assert_eq!(upload(&w.applicant, "طرح کامل.pdf", pdf.clone()).await.status(), 303);
    let file: String = app.sql_text(&format!("SELECT id FROM proposal_attachments WHERE proposal_id = '{id}'")).await;
    let path = format!("/proposals/{id}/attachments/{file}");
    assert_eq!(page(app, &w.applicant, &path).await.0, 200);
    assert_eq!(page(app, &w.officer, &path).await.0, 404, "a draft's file is not the agency's");
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 303);
    let own = w.officer.get(app.url(&path)).send().await.unwrap();
    assert_eq!(own.status(), 200, "carried by a submitted version");
    assert_eq!(own.bytes().await.unwrap().as_ref(), pdf.as_slice());

    // Every text field: at its maximum saved, one past it refused by name with a localized message.
    for (field, max) in halqe_app::limits::of("proposal") {
        let at_max = "ا".repeat(*max);
        let r = post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[(field, &at_max)])).await;
        assert_eq!(r.status(), 200, "{field} at {max}");
        let past = format!("{at_max}ا");
        let r = post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[(field, &past)])).await;
        assert_eq!(r.status(), 422, "{field} past {max}");
        let html = r.text().await.unwrap();
        assert!(html.contains(&format!("id=\"e-{field}\"")) && html.contains("بیش از حد طولانی"), "{field}");
    }
    for (field, max) in halqe_app::limits::of("proposal_member") {
        let r = app.post_form(&w.applicant, &format!("/proposals/{id}/team"), &[(field, &"ا".repeat(max + 1))]).await;
        assert_eq!(r.status(), 422);
        assert!(r.text().await.unwrap().contains("بیش از حد طولانی"), "{field}");
    }
    let r = post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[("budget", "دو میلیارد")])).await;
    assert_eq!(r.status(), 422);

    // Eligibility: an organizations-only challenge, and one for another province, take no person from Tehran.
    for overrides in [[("eligibility", "organizations")], [("provinces", "fars")]] {
        let other = published(app, &w.officer, &w.staff, &overrides).await;
        let (_, html) = page(app, &w.applicant, &format!("/challenges/{other}")).await;
        assert!(!html.contains("data-test=\"write-proposal\""), "{overrides:?}");
        let r =
            app.post_form(&w.applicant, &format!("/challenges/{other}/proposals"), &[("applicant", "person")]).await;
        assert_eq!(r.status(), 422, "{overrides:?}");
    }
    let r = app
        .post_form(
            &w.applicant,
            &format!("/challenges/{}/proposals", w.challenge),
            &[("applicant", &format!("organization:{}", uuid::Uuid::now_v7()))],
        )
        .await;
    assert_eq!(r.status(), 422, "an organization the applicant does not manage");
}

#[tokio::test]
async fn the_demo_has_proposals_in_every_state() {
    let app = TestApp::spawn().await;
    halqe_app::demo::load(&app.app).await.unwrap();
    let signed = |email: &'static str| {
        let app = &app;
        async move {
            let c = app.client();
            app.login(&c, email, halqe_app::demo::DEMO_PASSWORD).await;
            c
        }
    };
    let innovator = signed("innovator@halqe.demo").await;
    let (_, mine) = page(&app, &innovator, "/proposals").await;
    for status in ["draft", "submitted"] {
        assert!(mine.contains(&format!("data-status=\"{status}\"")), "{status}: {mine}");
    }
    let founder = signed("founder@halqe.demo").await;
    let (_, mine) = page(&app, &founder, "/proposals").await;
    assert!(mine.contains("data-test=\"invited\"") && mine.contains("data-status=\"withdrawn\""), "{mine}");
    let researcher = signed("researcher@halqe.demo").await;
    let (_, mine) = page(&app, &researcher, "/proposals").await;
    // The research group's complaints proposal, submitted twice (its Isfahan one, in evaluation, once).
    let mut complaints = None;
    for item in mine.split("data-test=\"proposal\" data-id=\"").skip(1) {
        let id = item[..36].to_owned();
        let (_, html) = page(&app, &researcher, &format!("/proposals/{id}")).await;
        if html.contains("سامانهٔ پیگیری برخط") {
            complaints = Some((id, html));
        }
    }
    let (id, html) = complaints.expect("the researcher's group has the complaints proposal");
    assert_eq!(html.matches("data-test=\"version\"").count(), 2, "{html}");
    let officer = signed("officer@halqe.demo").await;
    let (_, html) = page(&app, &officer, &format!("/proposals/{id}")).await;
    assert!(html.contains("سامانهٔ پیگیری برخط"), "{html}");
    let submits = app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'proposal.submit'").await;
    assert_eq!(submits, app.sql_count("SELECT COUNT(*) FROM proposal_versions").await);
}

#[tokio::test]
async fn the_challenge_s_sides_may_not_compete_for_it_nor_join_a_team_answering_it() {
    let w = world().await;
    let app = &w.app;
    // The officer and a staff member also have profiles of their own, as anyone may.
    let mut profiles = Vec::new();
    for (client, email) in [(&w.officer, "officer@proposal.test"), (&w.staff, "staff@proposal.test")] {
        let user = app.sql_text(&format!("SELECT id FROM users WHERE email = '{email}'")).await;
        let row = halqe_db::people::PersonRow {
            user_id: Some(user),
            first_name: "کارشناس".into(),
            last_name: "داور".into(),
            province: Some("tehran".into()),
            availability: "available".into(),
            visibility: "public".into(),
            source: "test".into(),
            ..halqe_db::people::PersonRow::default()
        };
        profiles.push(app.insert_person(row).await);
        // They read every proposal to the challenge: they are offered no way to write one, and refused one.
        let (_, html) = page(app, client, &format!("/challenges/{}", w.challenge)).await;
        assert!(!html.contains("data-test=\"write-proposal\""), "{email}");
        let r =
            app.post_form(client, &format!("/challenges/{}/proposals", w.challenge), &[("applicant", "person")]).await;
        assert_eq!(r.status(), 403, "{email}");
    }
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM proposals WHERE challenge_id = '{}'", w.challenge)).await, 0);
    // Invited to an applicant's team, they may decline but not accept (and so never read the draft).
    let id = w.draft().await;
    for (client, profile) in [(&w.officer, &profiles[0]), (&w.staff, &profiles[1])] {
        let r = app.post_form(&w.applicant, &format!("/proposals/{id}/team"), &[("member", profile)]).await;
        assert_eq!(r.status(), 303);
        let answer = format!("/proposals/{id}/team/answer");
        assert_eq!(app.post_form(client, &answer, &[("answer", "accept")]).await.status(), 403);
        assert_eq!(page(app, client, &format!("/proposals/{id}")).await.0, 200, "the invitation only");
    }
    assert_eq!(
        app.post_form(&w.staff, &format!("/proposals/{id}/team/answer"), &[("answer", "decline")]).await.status(),
        303
    );
    assert_eq!(w.count("SELECT COUNT(*) FROM proposal_members WHERE state = 'accepted'").await, 0);
}

#[tokio::test]
async fn submissions_are_limited_per_account_and_a_proposal_has_at_most_twenty_versions() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft().await;
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 303);
    // A script submitting again and again: each submission mails a receipt and tells the officers.
    let token = app.csrf(&w.applicant).await;
    let again = |version: i64| {
        let (client, token, url) =
            (w.applicant.clone(), token.clone(), app.url(&format!("/api/v1/proposals/{id}/submit")));
        async move {
            client
                .post(url)
                .header("x-csrf-token", token)
                .json(&serde_json::json!({ "version": version }))
                .send()
                .await
                .unwrap()
        }
    };
    let mut version = 1;
    let mut refused = None;
    for _ in 0..30 {
        let r = again(version).await;
        if r.status() != 201 {
            refused = Some(r.status().as_u16());
            break;
        }
        version += 1;
    }
    assert_eq!(refused, Some(429), "throttled after {version} versions");
    assert_eq!(version, 10, "ten submissions an hour");
    assert_eq!(again(3).await.status(), 422, "a stale version is refused as before, and not counted");
    let told = "SELECT COUNT(*) FROM notifications WHERE kind = 'proposal_submitted'";
    assert_eq!(w.count(told).await, 10);
    // An hour on, the limit admits more, up to the last version a proposal may have.
    app.clock.advance(3_600_001);
    for _ in 0..10 {
        assert_eq!(again(version).await.status(), 201, "version {}", version + 1);
        version += 1;
    }
    let r = again(version).await;
    assert_eq!(r.status(), 422);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["fields"][0]["code"], "proposal_too_many_versions", "{body}");
    let r = submit(app, &w.applicant, &id, version, &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("بیشترین شمار نسخه"), "localized");
    assert_eq!(w.count(&format!("SELECT COUNT(*) FROM proposal_versions WHERE proposal_id = '{id}'")).await, 20);
    assert_eq!(w.count(told).await, 20);
}

#[tokio::test]
async fn removing_and_inviting_again_cannot_flood_a_person() {
    let w = world().await;
    let app = &w.app;
    let (_, _, victim) = innovator(app, "victim@proposal.test", "رضایی", "fars").await;
    let id = w.draft().await;
    let mut statuses = Vec::new();
    for _ in 0..20 {
        let r = app.post_form(&w.applicant, &format!("/proposals/{id}/team"), &[("member", &victim)]).await;
        statuses.push(r.status().as_u16());
        if r.status() != 303 {
            break;
        }
        let r = app.post_form(&w.applicant, &format!("/proposals/{id}/team/{victim}/remove"), &[]).await;
        assert_eq!(r.status(), 303);
    }
    assert_eq!(statuses, [303, 303, 303, 429], "three invitations of one person a day");
    assert_eq!(w.count("SELECT COUNT(*) FROM notifications WHERE kind = 'proposal_invited'").await, 3);
    // The limit is per person: someone else is invited at once; and a refused invitation (already listed)
    // is not counted, so five of them leave room for a removal and a new invitation.
    let (_, _, member) = innovator(app, "member@proposal.test", "نوری", "gilan").await;
    let team = format!("/proposals/{id}/team");
    let fields = [("member", member.as_str())];
    let invite = || app.post_form(&w.applicant, &team, &fields);
    assert_eq!(invite().await.status(), 303);
    for _ in 0..5 {
        assert_eq!(invite().await.status(), 422, "already listed");
    }
    let r = app.post_form(&w.applicant, &format!("/proposals/{id}/team/{member}/remove"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(invite().await.status(), 303);
}

#[tokio::test]
async fn the_agency_learns_nothing_of_the_draft_after_a_submission() {
    let w = world().await;
    let app = &w.app;
    let id = w.draft().await;
    assert_eq!(submit(app, &w.applicant, &id, 0, &[("title", "عنوان نسخهٔ یکم")]).await.status(), 303);
    // Working on a second version: a title the agency must not read before it is submitted.
    app.clock.advance(60_000);
    let r = post(app, &w.applicant, &format!("/proposals/{id}/draft"), &text(&[("title", "SECRET-DRAFT")])).await;
    assert_eq!(r.status(), 200);
    let r = app
        .post_form(&w.applicant, &format!("/conversations/proposal/{id}/messages"), &[("body", "پرسشی داریم")])
        .await;
    assert_eq!(r.status(), 303);
    for path in [
        format!("/api/v1/conversations/proposal/{id}"),
        "/api/v1/conversations".to_owned(),
        format!("/proposals/{id}"),
        format!("/api/v1/proposals/{id}"),
        format!("/challenges/{}/proposals", w.challenge),
        "/notifications".to_owned(),
    ] {
        let (status, body) = page(app, &w.officer, &path).await;
        assert_eq!(status, 200, "{path}");
        assert!(!body.contains("SECRET-DRAFT"), "{path}: {body}");
    }
    let (_, detail) = page(app, &w.officer, &format!("/api/v1/proposals/{id}")).await;
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(detail["title"], "عنوان نسخهٔ یکم", "{detail}");
    let (_, versions) = page(app, &w.officer, &format!("/api/v1/proposals/{id}/versions")).await;
    let versions: serde_json::Value = serde_json::from_str(&versions).unwrap();
    assert_eq!(detail["updated_at"], versions[0]["submitted_at"], "not when the draft was last saved: {detail}");
    let leaked = w.count("SELECT COUNT(*) FROM notifications WHERE title LIKE '%SECRET%'").await;
    assert_eq!(leaked, 0);
    // Its own side still reads the working copy.
    let (_, html) = page(app, &w.applicant, &format!("/proposals/{id}/edit")).await;
    assert!(html.contains("SECRET-DRAFT"));
}

#[tokio::test]
async fn the_daily_digest_mails_no_disabled_account() {
    let w = world().await;
    let app = &w.app;
    let r = app.post_form(&w.officer, "/account/notifications", &[("proposal_submitted", "digest")]).await;
    assert_eq!(r.status(), 303);
    let id = w.draft().await;
    assert_eq!(submit(app, &w.applicant, &id, 0, &[]).await.status(), 303);
    let waiting = "SELECT COUNT(*) FROM notifications WHERE kind = 'proposal_submitted' AND delivery = 'digest'";
    assert_eq!(w.count(waiting).await, 1, "the officer's waits for the digest");
    app.sql_exec("UPDATE users SET disabled_at = 1 WHERE email = 'officer@proposal.test'").await;
    let next = halqe_app::notifications::digest::cutoff(app.app.now()) + DAY_MS;
    app.clock.advance(next + 3_600_000 - app.app.now());
    assert_eq!(halqe_app::notifications::digest::send_due(&app.app).await.unwrap(), 0);
    assert!(app.mail_to("officer@proposal.test").await.is_empty(), "nothing mailed to a disabled account");
    assert_eq!(halqe_app::notifications::digest::send_due(&app.app).await.unwrap(), 0, "claimed, not offered again");
}
