//! CSRF: unsafe requests need the session's token and a same-origin source.

use halqe_domain::user::Role;
use halqe_testing::TestApp;

#[tokio::test]
async fn post_without_token_is_refused_with_403_and_changes_nothing() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@csrf.test", &[Role::Staff]).await;
    let before = app.sql_count("SELECT COUNT(*) FROM agencies").await;
    let form = [("name_fa", "وزارت نیرو"), ("kind", "ministry"), ("province", "tehran")];
    let r = staff.post(app.url("/agencies")).form(&form).send().await.unwrap();
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains("درخواست پذیرفته نشد"));
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies").await, before);

    let mut with_token = form.to_vec();
    let token = app.csrf(&staff).await;
    with_token.push(("_csrf", &token));
    let r = staff.post(app.url("/agencies")).form(&with_token).send().await.unwrap();
    assert_eq!(r.status(), 303, "the same form with the token is accepted");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM agencies").await, before + 1);
}

#[tokio::test]
async fn a_wrong_or_foreign_token_is_refused() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@csrf.test", &[Role::Staff]).await;
    let other = app.client();
    let foreign = app.csrf(&other).await;
    let own = app.csrf(&staff).await;
    assert_ne!(foreign, own, "tokens are per session");
    for bad in [foreign.as_str(), "", "00"] {
        let r = staff.post(app.url("/logout")).form(&[("_csrf", bad)]).send().await.unwrap();
        assert_eq!(r.status(), 403, "token {bad:?}");
    }
    // Still signed in: the refused logouts did nothing.
    assert_eq!(staff.get(app.url("/account")).send().await.unwrap().status(), 200);
}

#[tokio::test]
async fn the_htmx_header_carries_the_token() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@csrf.test", &[Role::Staff]).await;
    let token = app.csrf(&staff).await;
    let r = staff.post(app.url("/logout")).header("x-csrf-token", token).send().await.unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(staff.get(app.url("/account")).send().await.unwrap().status(), 303, "signed out");
}

#[tokio::test]
async fn cross_origin_requests_are_refused_even_with_a_token() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@csrf.test", &[Role::Staff]).await;
    let token = app.csrf(&staff).await;
    let r = staff
        .post(app.url("/logout"))
        .header("origin", "https://evil.example")
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let r = staff
        .post(app.url("/logout"))
        .header("sec-fetch-site", "cross-site")
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let same = app.base.clone();
    let r = staff
        .post(app.url("/logout"))
        .header("origin", same)
        .header("sec-fetch-site", "same-origin")
        .form(&[("_csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "same-origin with token is fine");
}

#[tokio::test]
async fn anonymous_forms_carry_a_token_too() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let r = client.post(app.url("/login")).form(&[("email", "a@b.ir"), ("password", "x")]).send().await.unwrap();
    assert_eq!(r.status(), 403, "anonymous POST without token");
    let r = app.post_form(&client, "/login", &[("email", "a@b.ir"), ("password", "wrong-password")]).await;
    assert_eq!(r.status(), 401, "with the anonymous token the form is processed");
}
