//! Every route × every role (and anonymous): the expected allow/deny table, written independently of the router.

use std::collections::BTreeMap;

use halqe_app::accounts::session;
use halqe_domain::user::Role;
use halqe_testing::TestApp;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    Anonymous,
    Signed(Role),
}

const EVERYONE: &[Who] = &[
    Who::Anonymous,
    Who::Signed(Role::Admin),
    Who::Signed(Role::Staff),
    Who::Signed(Role::Officer),
    Who::Signed(Role::Reviewer),
    Who::Signed(Role::Innovator),
    Who::Signed(Role::Auditor),
];
const SIGNED_IN: &[Who] = &[
    Who::Signed(Role::Admin),
    Who::Signed(Role::Staff),
    Who::Signed(Role::Officer),
    Who::Signed(Role::Reviewer),
    Who::Signed(Role::Innovator),
    Who::Signed(Role::Auditor),
];
const STAFF: &[Who] = &[Who::Signed(Role::Admin), Who::Signed(Role::Staff)];
const ADMIN: &[Who] = &[Who::Signed(Role::Admin)];
const MATCHERS: &[Who] = &[Who::Signed(Role::Admin), Who::Signed(Role::Staff), Who::Signed(Role::Officer)];
const INNOVATOR: &[Who] = &[Who::Signed(Role::Innovator)];
const OFFICER: &[Who] = &[Who::Signed(Role::Officer)];
const REVIEWER: &[Who] = &[Who::Signed(Role::Reviewer)];
/// The audit record: admins and auditors, who only read.
const AUDITORS: &[Who] = &[Who::Signed(Role::Admin), Who::Signed(Role::Auditor)];
/// A decision's page with its audit entries.
const RECORD_READERS: &[Who] = &[Who::Signed(Role::Admin), Who::Signed(Role::Staff), Who::Signed(Role::Auditor)];
/// No session opens it: only the metrics token does (`tests/metrics.rs`).
const NOBODY: &[Who] = &[];

/// Who may use each route. A route added to the router without a line here fails the test.
fn expected() -> BTreeMap<(&'static str, &'static str), &'static [Who]> {
    BTreeMap::from([
        (("GET", "/"), EVERYONE),
        (("GET", "/healthz"), EVERYONE),
        (("GET", "/readyz"), EVERYONE),
        (("GET", "/metrics"), NOBODY),
        (("GET", "/static/{*path}"), EVERYONE),
        (("POST", "/lang"), EVERYONE),
        (("GET", "/login"), EVERYONE),
        (("POST", "/login"), EVERYONE),
        (("POST", "/logout"), SIGNED_IN),
        (("GET", "/register"), EVERYONE),
        (("POST", "/register"), EVERYONE),
        (("GET", "/verify-email"), EVERYONE),
        (("GET", "/account/verify"), SIGNED_IN),
        (("POST", "/account/verify/resend"), SIGNED_IN),
        (("GET", "/password/forgot"), EVERYONE),
        (("POST", "/password/forgot"), EVERYONE),
        (("GET", "/password/reset"), EVERYONE),
        (("POST", "/password/reset"), EVERYONE),
        (("GET", "/invitations/{token}"), EVERYONE),
        (("POST", "/invitations/{token}"), EVERYONE),
        (("GET", "/account"), SIGNED_IN),
        (("GET", "/agencies"), STAFF),
        (("GET", "/agencies/new"), STAFF),
        (("POST", "/agencies"), STAFF),
        (("GET", "/agencies/{id}"), STAFF),
        (("POST", "/agencies/{id}/invitations"), STAFF),
        (("GET", "/admin/users"), ADMIN),
        (("GET", "/admin/users/{id}"), ADMIN),
        (("POST", "/admin/users/{id}/disable"), ADMIN),
        (("POST", "/admin/users/{id}/enable"), ADMIN),
        (("POST", "/admin/users/{id}/roles/{role}/remove"), ADMIN),
        (("GET", "/admin/audit"), ADMIN),
        (("POST", "/admin/audit/verify"), ADMIN),
        (("GET", "/admin/audit/checkpoints.jsonl"), ADMIN),
        (("GET", "/admin/mail"), ADMIN),
        (("POST", "/admin/mail/{id}/retry"), ADMIN),
        // verification
        (("GET", "/claims"), INNOVATOR),
        (("POST", "/claims"), INNOVATOR),
        (("GET", "/claims/{id}"), INNOVATOR),
        (("POST", "/claims/{id}/evidence"), INNOVATOR),
        (("GET", "/verification"), STAFF),
        (("GET", "/verification/{id}"), STAFF),
        (("POST", "/verification/{id}/decision"), STAFF),
        (("GET", "/identity-conflicts"), STAFF),
        (("POST", "/identity-conflicts/{id}/resolve"), STAFF),
        (("GET", "/evidence/{id}"), EVERYONE),
        // registry: viewing is public at the route; who sees which profile is decided per profile.
        (("GET", "/profile"), SIGNED_IN),
        (("GET", "/profile/edit"), SIGNED_IN),
        (("POST", "/profile/edit"), SIGNED_IN),
        (("POST", "/profile/publications"), SIGNED_IN),
        (("POST", "/profile/publications/{id}/delete"), SIGNED_IN),
        (("POST", "/profile/past-projects"), SIGNED_IN),
        (("POST", "/profile/past-projects/{id}/delete"), SIGNED_IN),
        (("GET", "/people"), EVERYONE),
        (("GET", "/people/{id}"), EVERYONE),
        (("GET", "/organizations"), EVERYONE),
        (("GET", "/organizations/new"), SIGNED_IN),
        (("POST", "/organizations"), SIGNED_IN),
        (("GET", "/organizations/{id}"), EVERYONE),
        (("GET", "/organizations/{id}/edit"), SIGNED_IN),
        (("POST", "/organizations/{id}/edit"), SIGNED_IN),
        (("GET", "/organizations/{id}/members"), SIGNED_IN),
        (("POST", "/organizations/{id}/members"), SIGNED_IN),
        (("POST", "/organizations/{id}/members/{user}/remove"), SIGNED_IN),
        (("POST", "/organizations/{id}/past-projects"), SIGNED_IN),
        (("POST", "/organizations/{id}/past-projects/{past_project}/delete"), SIGNED_IN),
        (("POST", "/membership-invitations/{id}/accept"), SIGNED_IN),
        (("POST", "/membership-invitations/{id}/decline"), SIGNED_IN),
        // imports
        (("GET", "/imports"), STAFF),
        (("GET", "/imports/new"), STAFF),
        (("POST", "/imports"), STAFF),
        (("GET", "/imports/template/people.csv"), STAFF),
        (("GET", "/imports/template/organizations.csv"), STAFF),
        (("GET", "/imports/{id}"), STAFF),
        (("GET", "/imports/{id}/progress"), STAFF),
        (("POST", "/imports/{id}/cancel"), STAFF),
        (("GET", "/kept-values"), STAFF),
        (("POST", "/kept-values/map"), STAFF),
        (("GET", "/imports/{id}/report.csv"), STAFF),
        (("GET", "/imports/{id}/report.xlsx"), STAFF),
        (("GET", "/claim/{token}"), EVERYONE),
        (("POST", "/claim/{token}"), EVERYONE),
        (("GET", "/directory"), EVERYONE),
        (("GET", "/match"), MATCHERS),
        // introductions
        (("POST", "/introductions"), MATCHERS),
        (("GET", "/introductions"), SIGNED_IN),
        (("GET", "/introductions/{id}"), SIGNED_IN),
        (("POST", "/introductions/{id}/accept"), SIGNED_IN),
        (("POST", "/introductions/{id}/decline"), SIGNED_IN),
        (("POST", "/introductions/{id}/outcome"), SIGNED_IN),
        (("POST", "/introductions/{id}/withdraw"), SIGNED_IN),
        // conversations and notifications
        (("POST", "/conversations/{kind}/{id}/messages"), SIGNED_IN),
        (("GET", "/notifications"), SIGNED_IN),
        (("GET", "/notifications/unread"), SIGNED_IN),
        (("POST", "/notifications/read"), SIGNED_IN),
        (("GET", "/notifications/{id}"), SIGNED_IN),
        (("POST", "/notifications/{id}/read"), SIGNED_IN),
        (("GET", "/account/notifications"), SIGNED_IN),
        (("POST", "/account/notifications"), SIGNED_IN),
        (("GET", "/api/openapi.json"), EVERYONE),
        (("GET", "/api/v1/search"), EVERYONE),
        (("POST", "/api/v1/match"), MATCHERS),
        (("POST", "/api/v1/introductions"), MATCHERS),
        (("GET", "/api/v1/introductions"), SIGNED_IN),
        (("GET", "/api/v1/introductions/{id}"), SIGNED_IN),
        (("POST", "/api/v1/introductions/{id}/accept"), SIGNED_IN),
        (("POST", "/api/v1/introductions/{id}/decline"), SIGNED_IN),
        (("POST", "/api/v1/introductions/{id}/outcome"), SIGNED_IN),
        (("POST", "/api/v1/introductions/{id}/withdraw"), SIGNED_IN),
        (("POST", "/api/v1/introductions/{id}/messages"), SIGNED_IN),
        (("GET", "/api/v1/conversations"), SIGNED_IN),
        (("GET", "/api/v1/conversations/{kind}/{id}"), SIGNED_IN),
        (("POST", "/api/v1/conversations/{kind}/{id}/messages"), SIGNED_IN),
        (("GET", "/api/v1/notifications"), SIGNED_IN),
        (("POST", "/api/v1/notifications/read"), SIGNED_IN),
        (("POST", "/api/v1/notifications/{id}/read"), SIGNED_IN),
        (("GET", "/api/v1/notifications/settings"), SIGNED_IN),
        (("POST", "/api/v1/notifications/settings"), SIGNED_IN),
        // challenges and calls: an officer acts only on their agency's (decided per challenge, tested in
        // tests/challenges.rs)
        (("GET", "/challenges"), EVERYONE),
        (("GET", "/challenges/feed.atom"), EVERYONE),
        (("GET", "/challenges/mine"), OFFICER),
        (("GET", "/challenges/review"), STAFF),
        (("GET", "/challenges/new"), OFFICER),
        (("POST", "/challenges"), OFFICER),
        (("GET", "/challenges/{id}"), EVERYONE),
        (("GET", "/challenges/{id}/edit"), OFFICER),
        (("POST", "/challenges/{id}/edit"), OFFICER),
        (("POST", "/challenges/{id}/steps"), MATCHERS),
        (("GET", "/challenges/{id}/matches"), MATCHERS),
        (("POST", "/challenges/{id}/invitations"), MATCHERS),
        (("POST", "/challenges/{id}/call"), STAFF),
        (("POST", "/challenges/{id}/attachments"), OFFICER),
        (("GET", "/challenges/{id}/attachments/{file}"), EVERYONE),
        (("GET", "/calls"), EVERYONE),
        (("POST", "/calls"), STAFF),
        (("GET", "/calls/{id}"), EVERYONE),
        (("POST", "/calls/{id}/publish"), STAFF),
        (("GET", "/calls/{id}/stages"), STAFF),
        (("POST", "/calls/{id}/stages"), STAFF),
        (("POST", "/calls/{id}/stages/{stage}/criteria"), STAFF),
        (("POST", "/calls/{id}/stages/{stage}/plan"), STAFF),
        (("GET", "/calls/{id}/reviewers"), STAFF),
        (("POST", "/calls/{id}/reviewers"), STAFF),
        (("POST", "/calls/{id}/reviewers/{user}"), STAFF),
        (("POST", "/calls/{id}/reviewers/{user}/remove"), STAFF),
        (("GET", "/calls/{id}/stages/{stage}/assignment"), STAFF),
        (("POST", "/calls/{id}/stages/{stage}/assignment"), STAFF),
        (("POST", "/calls/{id}/stages/{stage}/assignment/rules"), STAFF),
        (("POST", "/calls/{id}/stages/{stage}/assignment/rules/clear"), STAFF),
        (("POST", "/calls/{id}/assignment-runs/{run}/apply"), STAFF),
        (("POST", "/calls/{id}/assignment-runs/{run}/discard"), STAFF),
        (("POST", "/calls/{id}/assignment-runs/{run}/cancel"), STAFF),
        (("GET", "/reviewing/conflicts"), REVIEWER),
        (("POST", "/reviewing/conflicts"), REVIEWER),
        (("POST", "/reviewing/conflicts/{id}/withdraw"), REVIEWER),
        // decisions and appeals: the applicant's side appeals (checked in the use case, tests/decisions.rs)
        (("GET", "/calls/{id}/stages/{stage}/decisions"), STAFF),
        (("POST", "/calls/{id}/stages/{stage}/decisions"), STAFF),
        (("POST", "/proposals/{id}/decisions"), STAFF),
        (("POST", "/proposals/{id}/appeal"), SIGNED_IN),
        (("GET", "/appeals"), STAFF),
        (("POST", "/appeals/{id}/decision"), STAFF),
        (("GET", "/decisions/{id}"), RECORD_READERS),
        (("GET", "/audit"), AUDITORS),
        (("GET", "/audit/export"), AUDITORS),
        (("GET", "/audit/{seq}"), AUDITORS),
        (("GET", "/api/v1/proposals/{id}/evaluation"), SIGNED_IN),
        (("POST", "/api/v1/proposals/{id}/decisions"), STAFF),
        (("POST", "/api/v1/proposals/{id}/appeal"), SIGNED_IN),
        (("POST", "/api/v1/appeals/{id}/decision"), STAFF),
        // proposals: who stands where on one is decided per proposal (tested in tests/proposals.rs)
        (("GET", "/proposals"), SIGNED_IN),
        (("POST", "/challenges/{id}/proposals"), SIGNED_IN),
        (("GET", "/challenges/{id}/proposals"), MATCHERS),
        (("GET", "/proposals/{id}"), SIGNED_IN),
        (("GET", "/proposals/{id}/edit"), SIGNED_IN),
        (("POST", "/proposals/{id}/draft"), SIGNED_IN),
        (("POST", "/proposals/{id}/submit"), SIGNED_IN),
        (("POST", "/proposals/{id}/withdraw"), SIGNED_IN),
        (("GET", "/proposals/{id}/versions/{n}"), SIGNED_IN),
        (("POST", "/proposals/{id}/team"), SIGNED_IN),
        (("POST", "/proposals/{id}/team/{person}/remove"), SIGNED_IN),
        (("POST", "/proposals/{id}/team/answer"), SIGNED_IN),
        (("POST", "/proposals/{id}/attachments"), SIGNED_IN),
        (("GET", "/proposals/{id}/attachments/{file}"), SIGNED_IN),
        (("GET", "/api/v1/proposals"), SIGNED_IN),
        (("POST", "/api/v1/challenges/{id}/proposals"), SIGNED_IN),
        (("GET", "/api/v1/proposals/{id}"), SIGNED_IN),
        (("POST", "/api/v1/proposals/{id}/draft"), SIGNED_IN),
        (("POST", "/api/v1/proposals/{id}/submit"), SIGNED_IN),
        (("POST", "/api/v1/proposals/{id}/withdraw"), SIGNED_IN),
        (("GET", "/api/v1/proposals/{id}/versions"), SIGNED_IN),
        (("POST", "/api/v1/proposals/{id}/team"), SIGNED_IN),
        (("POST", "/api/v1/proposals/{id}/team/answer"), SIGNED_IN),
        (("GET", "/api/v1/challenges"), EVERYONE),
        (("POST", "/api/v1/challenges"), OFFICER),
        (("GET", "/api/v1/challenges/{id}"), EVERYONE),
        (("POST", "/api/v1/challenges/{id}/edit"), OFFICER),
        (("POST", "/api/v1/challenges/{id}/steps"), MATCHERS),
        (("POST", "/api/v1/challenges/{id}/call"), STAFF),
        (("POST", "/api/v1/challenges/{id}/invitations"), MATCHERS),
        (("GET", "/api/v1/challenges/{id}/invitations"), MATCHERS),
        // reviews: a reviewer's own assignments
        (("GET", "/reviews"), REVIEWER),
        (("GET", "/reviews/{id}"), REVIEWER),
        (("POST", "/reviews/{id}"), REVIEWER),
        (("POST", "/reviews/{id}/submit"), REVIEWER),
        (("GET", "/evaluation/stages/{id}"), STAFF),
        (("POST", "/evaluation/assignments/{id}/due"), STAFF),
        (("GET", "/api/v1/reviews"), REVIEWER),
        (("GET", "/api/v1/reviews/{id}"), REVIEWER),
        (("POST", "/api/v1/reviews/{id}"), REVIEWER),
        (("POST", "/api/v1/reviews/{id}/submit"), REVIEWER),
        (("GET", "/api/v1/calls"), EVERYONE),
        (("POST", "/api/v1/calls"), STAFF),
        (("GET", "/api/v1/calls/{id}"), EVERYONE),
        (("POST", "/api/v1/calls/{id}/publish"), STAFF),
        // questions: the challenge's sides are refused asking, other agencies' officers answering, in the
        // use case (tests/questions.rs)
        (("POST", "/challenges/{id}/questions"), SIGNED_IN),
        (("GET", "/questions"), MATCHERS),
        (("POST", "/questions/{id}/answer"), MATCHERS),
        (("POST", "/questions/{id}/hide"), STAFF),
        (("POST", "/questions/{id}/merge"), STAFF),
        (("GET", "/api/v1/challenges/{id}/questions"), EVERYONE),
        (("POST", "/api/v1/challenges/{id}/questions"), SIGNED_IN),
        (("GET", "/api/v1/questions"), MATCHERS),
        (("POST", "/api/v1/questions/{id}/answer"), MATCHERS),
        (("POST", "/api/v1/questions/{id}/hide"), STAFF),
        (("POST", "/api/v1/questions/{id}/merge"), STAFF),
    ])
}

/// A concrete URL for a route pattern.
fn concrete(path: &str, agency: &str) -> String {
    path.replace("{*path}", "app.css")
        .replace("{token}", "0123456789abcdef")
        .replace("{id}", agency)
        .replace("{past_project}", agency)
        .replace("{user}", agency)
        .replace("{file}", agency)
        .replace("{stage}", agency)
        .replace("{run}", agency)
        .replace("{seq}", "1")
        .replace("{role}", "reviewer")
        .replace("{kind}", "introduction")
}

#[tokio::test]
async fn every_route_for_every_role() {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت آزمون").await;
    let specs = halqe_web::routes::specs();
    let expected = expected();

    let routed: Vec<_> = specs.iter().map(|s| (s.method, s.path)).collect();
    let listed: Vec<_> = expected.keys().copied().collect();
    for r in &routed {
        assert!(expected.contains_key(r), "route {r:?} has no line in the expected access table");
    }
    for l in &listed {
        assert!(routed.contains(l), "expected table lists {l:?}, which the router does not have");
    }

    let mut users = BTreeMap::new();
    for who in EVERYONE.iter().skip(1) {
        let Who::Signed(role) = who else { continue };
        let id = app.user(&format!("{}@authz.test", role.code()), &[*role]).await;
        users.insert(*who, id);
    }

    let mut failures = Vec::new();
    for spec in &specs {
        let allowed = expected[&(spec.method, spec.path)];
        let url = app.url(&concrete(spec.path, agency.as_str()));
        for who in EVERYONE {
            // A fresh client and session per request, so a sign-out cannot spill into the next check.
            let client = app.client();
            let mut cookie = None;
            if let Some(user) = users.get(who) {
                let mut conn = app.app.db.conn().await.unwrap();
                let token = session::start(&app.app, &mut conn, user).await.unwrap();
                cookie = Some(format!("halqe_sid={}", token.plain));
            }
            let with_cookie = |rb: reqwest::RequestBuilder| match &cookie {
                Some(c) => rb.header("cookie", c),
                None => rb,
            };
            let page = with_cookie(client.get(app.url("/"))).send().await.unwrap().text().await.unwrap();
            let csrf = halqe_testing::hidden_value(&page, "_csrf").unwrap();
            let rb = match spec.method {
                "GET" => client.get(&url),
                "POST" => client.post(&url).form(&[("_csrf", csrf.as_str())]),
                m => panic!("unexpected method {m}"),
            };
            let response = with_cookie(rb).send().await.unwrap();
            let status = response.status().as_u16();
            let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
            let sent_to_login = location.as_deref().is_some_and(|l| l.starts_with("/login?next="));
            let refused = status == 403 || status == 401 && spec.path != "/login" || sent_to_login;
            let should_allow = allowed.contains(who);
            // "Allowed" means the handler ran to an answer: not refused, and no server error.
            if should_allow && status >= 500 {
                failures.push(format!("{} {} as {who:?}: server error {status}", spec.method, spec.path));
            }
            if should_allow == refused {
                failures.push(format!(
                    "{} {} as {who:?}: status {status}, location {location:?}, expected {}",
                    spec.method,
                    spec.path,
                    if should_allow { "allowed" } else { "refused" }
                ));
            }
            // Not pages: the API and the scraper's metrics say 401 instead of sending anyone to sign in.
            let page = !spec.path.starts_with("/api/") && spec.path != "/metrics";
            if !should_allow && *who == Who::Anonymous && !page {
                assert_eq!(status, 401, "anonymous {} {} should get 401", spec.method, spec.path);
            } else if !should_allow && *who == Who::Anonymous && spec.method == "GET" {
                assert!(sent_to_login, "anonymous GET {} should be sent to sign in, got {status}", spec.path);
            }
        }
    }
    assert!(failures.is_empty(), "access table violations:\n{}", failures.join("\n"));
}

#[tokio::test]
async fn an_officer_cannot_reach_another_agency_page() {
    let app = TestApp::spawn().await;
    let officer = app.signed_in("officer@authz.test", &[Role::Officer]).await;
    let other = app.agency("استانداری").await;
    let r = officer.get(app.url(&format!("/agencies/{other}"))).send().await.unwrap();
    assert_eq!(r.status(), 403);
    let body = r.text().await.unwrap();
    assert!(body.contains("دسترسی مجاز نیست"), "localized 403 page: {body}");
}

/// What an account whose email is not verified may still reach; everything else sends it to verify.
const BEFORE_VERIFICATION: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    // Sessions do not matter to it (it answers 401 without the metrics token).
    ("GET", "/metrics"),
    ("GET", "/static/{*path}"),
    ("POST", "/lang"),
    ("POST", "/logout"),
    ("GET", "/verify-email"),
    ("GET", "/account/verify"),
    ("POST", "/account/verify/resend"),
];

#[tokio::test]
async fn an_unverified_account_reaches_only_the_verification_page() {
    let app = TestApp::spawn().await;
    let agency = app.agency("وزارت آزمون").await;
    // Every role at once, so no refusal below can come from the roles.
    let user = app.user("officer@mcls.gov.ir", &Role::ALL).await;
    app.sql_exec("UPDATE users SET email_verified_at = NULL WHERE email = 'officer@mcls.gov.ir'").await;

    let mut failures = Vec::new();
    for spec in halqe_web::routes::specs() {
        let client = app.client();
        let mut conn = app.app.db.conn().await.unwrap();
        let token = session::start(&app.app, &mut conn, &user).await.unwrap();
        drop(conn);
        let cookie = format!("halqe_sid={}", token.plain);
        let page = client.get(app.url("/account/verify")).header("cookie", &cookie).send().await.unwrap();
        assert_eq!(page.status(), 200, "the verification page itself");
        let csrf = halqe_testing::hidden_value(&page.text().await.unwrap(), "_csrf").unwrap();
        let url = app.url(&concrete(spec.path, agency.as_str()));
        let rb = match spec.method {
            "GET" => client.get(&url),
            "POST" => client.post(&url).form(&[("_csrf", csrf.as_str())]),
            m => panic!("unexpected method {m}"),
        };
        let response = rb.header("cookie", &cookie).send().await.unwrap();
        let status = response.status().as_u16();
        let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
        let body = response.text().await.unwrap();
        let sent_to_verify = status == 303 && location.as_deref() == Some("/account/verify");
        let refused = status == 403 && body.contains("email_unverified");
        let open = BEFORE_VERIFICATION.contains(&(spec.method, spec.path));
        let ok = if open {
            !sent_to_verify && !refused && status < 500
        } else if spec.method == "GET" && !spec.path.starts_with("/api/") {
            sent_to_verify
        } else {
            refused
        };
        if !ok {
            failures.push(format!("{} {}: status {status}, location {location:?}", spec.method, spec.path));
        }
    }
    assert!(failures.is_empty(), "an unverified account got through or was wrongly refused:\n{}", failures.join("\n"));
}
