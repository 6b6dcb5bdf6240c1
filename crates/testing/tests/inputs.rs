//! Bounded input: every route that takes a form or a JSON body is listed here with the form whose free-text
//! fields (`halqe_app::limits`) it reads; each field at its maximum is accepted and one character past it is
//! refused with a localized 422 naming the field, and nothing answers 500. A new route with a body fails
//! `every_route_with_a_body_is_listed` until it is listed.

use halqe_domain::user::Role;
use halqe_testing::TestApp;
use reqwest::Client;

/// How the sweep treats a route.
#[derive(Debug, Clone, Copy)]
enum Sweep {
    /// Its free-text fields are those of this form of `halqe_app::limits::FORMS`, swept below.
    Form(&'static str),
    /// It reads no free text (an id in the path, a choice, a token, files, or a field of fixed shape
    /// bounded by its parser).
    NoFreeText,
    /// It reads free text that this sweep does not send yet (why).
    NotSwept(&'static str),
}

use Sweep::{Form, NoFreeText, NotSwept};

/// Every route taking a body (and the two searches whose query is their input).
const ROUTES: &[(&str, &str, Sweep)] = &[
    ("POST", "/lang", NoFreeText),
    ("POST", "/login", NoFreeText),
    ("POST", "/logout", NoFreeText),
    ("POST", "/register", NoFreeText),
    ("POST", "/account/verify/resend", NoFreeText),
    ("POST", "/password/forgot", NoFreeText),
    ("POST", "/password/reset", NoFreeText),
    ("POST", "/invitations/{token}", NoFreeText),
    ("POST", "/agencies", NotSwept("name_fa, name_en: agencies::create bounds them at 200")),
    ("POST", "/agencies/{id}/invitations", NoFreeText),
    ("POST", "/admin/audit/verify", NoFreeText),
    ("POST", "/admin/mail/{id}/retry", NoFreeText),
    ("POST", "/imports/{id}/cancel", NoFreeText),
    ("POST", "/admin/users/{id}/disable", NoFreeText),
    ("POST", "/admin/users/{id}/enable", NoFreeText),
    ("POST", "/admin/users/{id}/roles/{role}/remove", NoFreeText),
    ("POST", "/claims", NotSwept("title, multipart with evidence: verification::declare bounds it at 300")),
    ("POST", "/claims/{id}/evidence", NoFreeText),
    ("POST", "/verification/{id}/decision", NotSwept("reason: verification::decide bounds it at 2000")),
    ("POST", "/identity-conflicts/{id}/resolve", NotSwept("reason: a staff decision's reason, as decisions")),
    ("POST", "/profile/edit", Form("profile")),
    ("POST", "/profile/publications", Form("publication")),
    ("POST", "/profile/publications/{id}/delete", NoFreeText),
    ("POST", "/profile/past-projects", Form("past_project")),
    ("POST", "/profile/past-projects/{id}/delete", NoFreeText),
    ("POST", "/organizations", Form("organization")),
    ("POST", "/organizations/{id}/edit", NotSwept("the organization form again, swept on /organizations")),
    ("POST", "/organizations/{id}/members", NoFreeText),
    ("POST", "/organizations/{id}/members/{user}/remove", NoFreeText),
    ("POST", "/organizations/{id}/past-projects", NotSwept("the past-project form, swept on /profile/past-projects")),
    ("POST", "/organizations/{id}/past-projects/{past_project}/delete", NoFreeText),
    ("POST", "/membership-invitations/{id}/accept", NoFreeText),
    ("POST", "/membership-invitations/{id}/decline", NoFreeText),
    ("POST", "/imports", NoFreeText),
    ("POST", "/kept-values/map", NoFreeText),
    ("POST", "/claim/{token}", NoFreeText),
    ("POST", "/introductions", NotSwept("need, note: introductions::request bounds them")),
    ("POST", "/introductions/{id}/accept", NoFreeText),
    ("POST", "/introductions/{id}/decline", NoFreeText),
    ("POST", "/introductions/{id}/outcome", NotSwept("reason: introduction::Reason bounds it at 2000")),
    ("POST", "/introductions/{id}/messages", NotSwept("body: introductions::post_message bounds it at 4000")),
    ("POST", "/api/v1/match", Form("match")),
    ("POST", "/api/v1/introductions", NotSwept("need, note: as /introductions")),
    ("POST", "/api/v1/introductions/{id}/accept", NoFreeText),
    ("POST", "/api/v1/introductions/{id}/decline", NoFreeText),
    ("POST", "/api/v1/introductions/{id}/outcome", NotSwept("reason: as /introductions/{id}/outcome")),
    ("POST", "/api/v1/introductions/{id}/messages", NotSwept("body: as /introductions/{id}/messages")),
    ("GET", "/directory", Form("directory")),
    ("GET", "/match", Form("match")),
];

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
            Form(form) => assert!(!halqe_app::limits::of(form).is_empty(), "{form} is not in halqe_app::limits::FORMS"),
            NotSwept(why) => assert!(!why.is_empty(), "{method} {path}: say why it is not swept"),
            NoFreeText => {}
        }
    }
}

/// A valid profile form (a field not sent is blank).
const PROFILE: &[(&str, &str)] =
    &[("first_name", "علی"), ("last_name", "کاظمی"), ("availability", "available"), ("visibility", "private")];

const ORGANIZATION: &[(&str, &str)] = &[
    ("name_fa", "گروه آزمون"),
    ("name_en", ""),
    ("kind", "research_group"),
    ("province", "tehran"),
    ("city", ""),
    ("institution", ""),
    ("description_fa", ""),
    ("description_en", ""),
    ("capabilities", ""),
    ("products", ""),
    ("visibility", "private"),
];

/// `base` with `field` set to `value`.
fn with(base: &[(&'static str, &'static str)], field: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = base.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    match out.iter_mut().find(|(k, _)| k == field) {
        Some(slot) => slot.1 = value.to_owned(),
        None => out.push((field.to_owned(), value.to_owned())),
    }
    out
}

/// The status and body of one request of the sweep.
async fn send(app: &TestApp, c: &Client, method: &str, path: &str, form: &[(String, String)]) -> (u16, String) {
    let r = if method == "GET" {
        let mut url = reqwest::Url::parse(&app.url(path)).unwrap();
        url.query_pairs_mut().extend_pairs(form);
        c.get(url).send().await.unwrap()
    } else if path.starts_with("/api/") {
        let body: serde_json::Map<String, serde_json::Value> =
            form.iter().map(|(k, v)| (k.clone(), serde_json::Value::from(v.as_str()))).collect();
        let token = app.csrf(c).await;
        c.post(app.url(path)).header("x-csrf-token", token).json(&body).send().await.unwrap()
    } else {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        app.post_form(c, path, &pairs).await
    };
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
    let too_long = "این مقدار بیش از حد طولانی است.";
    for (method, path, sweep) in ROUTES {
        let Form(form) = sweep else { continue };
        let (client, base): (&Client, &[(&str, &str)]) = match *form {
            "profile" => (&innovator, PROFILE),
            "publication" => (&innovator, &[("title", "مقاله")]),
            "past_project" => (&innovator, &[("past_project_title", "طرح")]),
            "organization" => (&innovator, ORGANIZATION),
            "directory" => (&innovator, &[]),
            "match" => (&officer, &[]),
            other => panic!("no base input for {other}"),
        };
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
    let (status, body) = send(&app, &c, "POST", "/profile/edit", &with(PROFILE, "skills", &skills.join(","))).await;
    assert_eq!(status, 422);
    assert!(names(&body, "skills") && body.contains("این مقدار بیش از حد طولانی است."), "{body}");
    let thirty_one: Vec<String> = (0..31).map(|i| format!("skill{i}")).collect();
    let (status, body) = send(&app, &c, "POST", "/profile/edit", &with(PROFILE, "skills", &thirty_one.join(","))).await;
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
