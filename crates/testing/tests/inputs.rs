//! Bounded input: every route that takes a form or a JSON body is listed in `halqe_testing::bodies::ROUTES`
//! with the form whose free-text fields (`halqe_app::limits`) it reads; each field at its maximum is accepted and one character past it is
//! refused with a localized 422 naming the field, and nothing answers 500. A new route with a body fails
//! `every_route_with_a_body_is_listed` until it is listed.

use halqe_domain::user::Role;
use halqe_testing::TestApp;
use halqe_testing::bodies::{self, ROUTES, Sweep, with};
use reqwest::Client;

#[test]
fn every_route_with_a_body_is_listed() {
    for spec in halqe_web::routes::specs().into_iter().filter(|s| s.method == "POST") {
        assert!(
            ROUTES.iter().any(|(m, p, _)| *m == spec.method && *p == spec.path),
            "{} {} takes a body: list it in ROUTES with the form it reads",
            spec.method,
            spec.path
        );
    }
    for (method, path, sweep) in ROUTES {
        assert!(
            halqe_web::routes::specs().iter().any(|s| s.method == *method && s.path == *path),
            "{method} {path} is no longer routed"
        );
        match sweep {
            Sweep::Form(form) | Sweep::FormNotSwept(form, _) => {
                assert!(!halqe_app::limits::of(form).is_empty(), "{form} is not in halqe_app::limits::FORMS");
            }
            Sweep::NotSwept(why) => assert!(!why.is_empty(), "{method} {path}: say why it is not swept"),
            Sweep::NoFreeText => {}
        }
    }
}

/// The status and body of one request of the sweep.
async fn send(app: &TestApp, c: &Client, method: &str, path: &str, form: &[(String, String)]) -> (u16, String) {
    let r = bodies::send(app, c, method, path, form).await;
    (r.status().as_u16(), r.text().await.unwrap())
}

/// Whether a page or a JSON error names `field` as refused.
fn names(body: &str, field: &str) -> bool {
    body.contains(&format!("id=\"e-{field}\"")) || body.contains(&format!("\"field\":\"{field}\""))
}

#[tokio::test]
async fn every_free_text_field_is_accepted_at_its_maximum_and_refused_past_it() {
    let app = TestApp::spawn().await;
    let innovator = app.signed_in("sweep@inputs.test", &[Role::Innovator]).await;
    let officer = app.officer_of("officer@inputs.test", &app.agency("دستگاه آزمون").await).await;
    let staff = app.signed_in("staff@inputs.test", &[Role::Staff]).await;
    let too_long = "این مقدار بیش از حد طولانی است.";
    for (method, path, sweep) in ROUTES {
        let Sweep::Form(form) = *sweep else { continue };
        let client = match bodies::role_of(form) {
            Role::Officer => &officer,
            Role::Staff => &staff,
            _ => &innovator,
        };
        let base = bodies::base(form);
        for (field, max) in halqe_app::limits::of(form) {
            // «ا» is one character that normalization keeps as it is.
            let at_max = "ا".repeat(*max);
            let (status, body) = send(&app, client, method, path, &with(base, field, &at_max)).await;
            assert!(status < 500 && !names(&body, field), "{method} {path} {field} at {max}: {status} {body}");
            let past = format!("{at_max}ا");
            let (status, body) = send(&app, client, method, path, &with(base, field, &past)).await;
            assert_eq!(status, 422, "{method} {path} {field} at {}: {body}", max + 1);
            assert!(names(&body, field) && body.contains(too_long), "{method} {path} {field}: {body}");
        }
    }
}

#[tokio::test]
async fn twenty_thousand_skills_are_refused_at_once() {
    let app = TestApp::spawn().await;
    let c = app.signed_in("skills@inputs.test", &[Role::Innovator]).await;
    let skills: Vec<String> = (0..20_000).map(|i| format!("skill{i}")).collect();
    let (status, body) =
        send(&app, &c, "POST", "/profile/edit", &with(bodies::base("profile"), "skills", &skills.join(","))).await;
    assert_eq!(status, 422);
    assert!(names(&body, "skills") && body.contains("این مقدار بیش از حد طولانی است."), "{body}");
    let thirty_one: Vec<String> = (0..31).map(|i| format!("skill{i}")).collect();
    let (status, body) =
        send(&app, &c, "POST", "/profile/edit", &with(bodies::base("profile"), "skills", &thirty_one.join(","))).await;
    assert_eq!(status, 422);
    assert!(names(&body, "skills") && body.contains("شمار موارد از حد مجاز بیشتر است."), "{body}");
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_localized_413() {
    let app = TestApp::spawn().await;
    let c = app.signed_in("big@inputs.test", &[Role::Innovator]).await;
    let huge = "ا".repeat(3 << 20);
    let (status, body) = send(&app, &c, "POST", "/profile/publications", &with(&[], "title", &huge)).await;
    assert_eq!(status, 413, "{body}");
    assert!(body.contains("داده فرستاده‌شده از حد مجاز بزرگ‌تر است."), "{body}");
}
