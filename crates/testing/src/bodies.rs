//! Every route that takes a form or a JSON body, with the form of `halqe_app::limits::FORMS` it reads: the
//! bounded-input sweep (`tests/inputs.rs`) and the forms benchmark (`halqe-bench forms`) both walk it.

use crate::TestApp;

/// What a route's body holds, for the sweep and the benchmark.
#[derive(Debug, Clone, Copy)]
pub enum Sweep {
    /// Its free-text fields are those of this form of `halqe_app::limits::FORMS`; swept and timed.
    Form(&'static str),
    /// It reads this form of `FORMS` too, but the sweep leaves it out (why); the benchmark times it.
    FormNotSwept(&'static str, &'static str),
    /// It reads no free text (an id in the path, a choice, a token, files, or a field of fixed shape
    /// bounded by its parser).
    NoFreeText,
    /// It reads free text that is in no form of `FORMS` and that the sweep does not send yet (why).
    NotSwept(&'static str),
}

impl Sweep {
    /// The form of `FORMS` the route reads, if any.
    pub fn form(self) -> Option<&'static str> {
        match self {
            Self::Form(f) | Self::FormNotSwept(f, _) => Some(f),
            Self::NoFreeText | Self::NotSwept(_) => None,
        }
    }
}

use Sweep::{Form, FormNotSwept, NoFreeText, NotSwept};

/// Every route taking a body (and the two searches whose query is their input).
pub const ROUTES: &[(&str, &str, Sweep)] = &[
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
    ("POST", "/organizations/{id}/edit", FormNotSwept("organization", "swept on /organizations")),
    ("POST", "/organizations/{id}/members", NoFreeText),
    ("POST", "/organizations/{id}/members/{user}/remove", NoFreeText),
    ("POST", "/organizations/{id}/past-projects", FormNotSwept("past_project", "swept on /profile/past-projects")),
    ("POST", "/organizations/{id}/past-projects/{past_project}/delete", NoFreeText),
    ("POST", "/membership-invitations/{id}/accept", NoFreeText),
    ("POST", "/membership-invitations/{id}/decline", NoFreeText),
    ("POST", "/imports", NoFreeText),
    ("POST", "/kept-values/map", NoFreeText),
    ("POST", "/claim/{token}", NoFreeText),
    ("POST", "/introductions", FormNotSwept("introduction", "needs candidates; introductions::request bounds them")),
    ("POST", "/introductions/{id}/accept", NoFreeText),
    ("POST", "/introductions/{id}/decline", NoFreeText),
    ("POST", "/introductions/{id}/outcome", NotSwept("reason: introduction::Reason bounds it at 2000")),
    ("POST", "/introductions/{id}/withdraw", NoFreeText),
    (
        "POST",
        "/conversations/{kind}/{id}/messages",
        FormNotSwept("message", "needs an object; conversations::post bounds it"),
    ),
    ("POST", "/notifications/read", NoFreeText),
    ("POST", "/notifications/{id}/read", NoFreeText),
    ("POST", "/account/notifications", NoFreeText),
    ("POST", "/api/v1/match", Form("match")),
    ("POST", "/api/v1/introductions", FormNotSwept("introduction", "as /introductions")),
    ("POST", "/api/v1/introductions/{id}/accept", NoFreeText),
    ("POST", "/api/v1/introductions/{id}/decline", NoFreeText),
    ("POST", "/api/v1/introductions/{id}/outcome", NotSwept("reason: as /introductions/{id}/outcome")),
    ("POST", "/api/v1/introductions/{id}/withdraw", NoFreeText),
    ("POST", "/api/v1/introductions/{id}/messages", FormNotSwept("message", "as /conversations/{kind}/{id}/messages")),
    ("POST", "/api/v1/conversations/{kind}/{id}/messages", FormNotSwept("message", "as the page's route")),
    ("POST", "/api/v1/notifications/read", NoFreeText),
    ("POST", "/api/v1/notifications/{id}/read", NoFreeText),
    ("POST", "/api/v1/notifications/settings", NoFreeText),
    ("POST", "/challenges", Form("challenge")),
    ("POST", "/challenges/{id}/edit", FormNotSwept("challenge", "swept on /challenges")),
    ("POST", "/challenges/{id}/steps", NotSwept("reason: challenge::step_reason bounds it at 2000")),
    ("POST", "/challenges/{id}/call", NoFreeText),
    ("POST", "/challenges/{id}/invitations", NotSwept("note: request::MAX_NOTE_CHARS (2000), as /introductions")),
    ("POST", "/challenges/{id}/attachments", NoFreeText),
    ("POST", "/calls", Form("call")),
    ("POST", "/calls/{id}/publish", NoFreeText),
    (
        "POST",
        "/calls/{id}/stages",
        NotSwept("name: bounded at 120 (domain::evaluation::stages::NAME); tests/stages.rs"),
    ),
    (
        "POST",
        "/calls/{id}/stages/{stage}/criteria",
        NotSwept("name, description: bounded at 120 and 1000 (domain::evaluation::stages); tests/stages.rs"),
    ),
    ("POST", "/calls/{id}/stages/{stage}/plan", NoFreeText),
    ("POST", "/calls/{id}/reviewers", NoFreeText),
    ("POST", "/calls/{id}/reviewers/{user}", NoFreeText),
    (
        "POST",
        "/calls/{id}/reviewers/{user}/remove",
        NotSwept("reason: bounded at 500 (domain::evaluation::pool::NOTE); tests/assignment.rs"),
    ),
    ("POST", "/calls/{id}/stages/{stage}/assignment", NoFreeText),
    (
        "POST",
        "/calls/{id}/stages/{stage}/assignment/rules",
        NotSwept("note: bounded at 500 (domain::evaluation::pool::NOTE); tests/assignment.rs"),
    ),
    ("POST", "/calls/{id}/stages/{stage}/assignment/rules/clear", NoFreeText),
    ("POST", "/calls/{id}/assignment-runs/{run}/apply", NoFreeText),
    ("POST", "/calls/{id}/assignment-runs/{run}/discard", NoFreeText),
    ("POST", "/calls/{id}/assignment-runs/{run}/cancel", NoFreeText),
    (
        "POST",
        "/reviewing/conflicts",
        NotSwept("note: bounded at 500 (domain::evaluation::pool::NOTE); tests/assignment.rs"),
    ),
    ("POST", "/reviewing/conflicts/{id}/withdraw", NoFreeText),
    ("POST", "/api/v1/challenges", Form("challenge")),
    ("POST", "/api/v1/challenges/{id}/edit", FormNotSwept("challenge", "swept on /api/v1/challenges")),
    ("POST", "/api/v1/challenges/{id}/steps", NotSwept("reason: as /challenges/{id}/steps")),
    ("POST", "/api/v1/challenges/{id}/call", NoFreeText),
    ("POST", "/api/v1/challenges/{id}/invitations", NotSwept("note: as /challenges/{id}/invitations")),
    ("POST", "/api/v1/calls", Form("call")),
    ("POST", "/api/v1/calls/{id}/publish", NoFreeText),
    ("POST", "/challenges/{id}/questions", FormNotSwept("question", "needs an open challenge; tests/questions.rs")),
    ("POST", "/questions/{id}/answer", FormNotSwept("answer", "needs a question; tests/questions.rs")),
    ("POST", "/questions/{id}/hide", NotSwept("reason: introduction::Reason bounds it at 2000")),
    ("POST", "/questions/{id}/merge", NoFreeText),
    ("POST", "/api/v1/challenges/{id}/questions", FormNotSwept("question", "as the page's route")),
    ("POST", "/api/v1/questions/{id}/answer", FormNotSwept("answer", "as the page's route")),
    ("POST", "/api/v1/questions/{id}/hide", NotSwept("reason: as /questions/{id}/hide")),
    ("POST", "/api/v1/questions/{id}/merge", NoFreeText),
    ("POST", "/challenges/{id}/proposals", NoFreeText),
    (
        "POST",
        "/proposals/{id}/draft",
        FormNotSwept("proposal", "needs a proposal to an open challenge; tests/proposals.rs sweeps it"),
    ),
    ("POST", "/proposals/{id}/submit", FormNotSwept("proposal", "as /proposals/{id}/draft")),
    ("POST", "/proposals/{id}/withdraw", NoFreeText),
    ("POST", "/proposals/{id}/team", FormNotSwept("proposal_member", "needs a proposal; tests/proposals.rs sweeps it")),
    ("POST", "/proposals/{id}/team/{person}/remove", NoFreeText),
    ("POST", "/proposals/{id}/team/answer", NoFreeText),
    ("POST", "/proposals/{id}/attachments", NoFreeText),
    ("POST", "/api/v1/challenges/{id}/proposals", NoFreeText),
    ("POST", "/api/v1/proposals/{id}/draft", FormNotSwept("proposal", "as /proposals/{id}/draft")),
    ("POST", "/api/v1/proposals/{id}/submit", NoFreeText),
    ("POST", "/api/v1/proposals/{id}/withdraw", NoFreeText),
    ("POST", "/api/v1/proposals/{id}/team", FormNotSwept("proposal_member", "as /proposals/{id}/team")),
    ("POST", "/api/v1/proposals/{id}/team/answer", NoFreeText),
    ("POST", "/reviews/{id}", FormNotSwept("review", "needs an assignment; tests/reviews.rs sweeps it")),
    ("POST", "/reviews/{id}/submit", FormNotSwept("review", "as /reviews/{id}")),
    ("POST", "/evaluation/assignments/{id}/due", NoFreeText),
    ("POST", "/api/v1/reviews/{id}", FormNotSwept("review", "as /reviews/{id}; tests/reviews.rs sends it")),
    ("POST", "/api/v1/reviews/{id}/submit", FormNotSwept("review", "as /reviews/{id}")),
    (
        "POST",
        "/calls/{id}/stages/{stage}/decisions",
        NotSwept("reason: bounded at 2000 (domain::evaluation::decisions::REASON); tests/decisions.rs"),
    ),
    ("POST", "/proposals/{id}/decisions", NotSwept("reason: as /calls/{id}/stages/{stage}/decisions")),
    ("POST", "/proposals/{id}/appeal", NotSwept("appeal: as /calls/{id}/stages/{stage}/decisions")),
    ("POST", "/appeals/{id}/decision", NotSwept("response: as /calls/{id}/stages/{stage}/decisions")),
    ("POST", "/api/v1/proposals/{id}/decisions", NotSwept("reason: as the page's route")),
    ("POST", "/api/v1/proposals/{id}/appeal", NotSwept("reason: as the page's route")),
    ("POST", "/api/v1/appeals/{id}/decision", NotSwept("answer: as the page's route")),
    ("GET", "/directory", Form("directory")),
    ("GET", "/challenges", Form("catalogue")),
    ("GET", "/match", Form("match")),
];

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

/// A valid challenge: the required parts, a deadline far ahead in the Solar Hijri calendar.
const CHALLENGE: &[(&str, &str)] = &[
    ("title", "کاهش زمان صدور مجوز"),
    ("problem", "صدور مجوز کسب‌وکار سه ماه طول می‌کشد."),
    ("affected", "متقاضیان مجوز"),
    ("outcome", "صدور در یک هفته"),
    ("success_measure", "میانگین زمان صدور"),
    ("maturity", "prototype"),
    ("deadline", "۱۴۹۹/۰۱/۱۵"),
    ("eligibility", "both"),
];

/// A valid submission of `form` before its free-text fields are set (a field not sent is blank).
pub fn base(form: &str) -> &'static [(&'static str, &'static str)] {
    match form {
        "profile" => PROFILE,
        "publication" => &[("title", "مقاله")],
        "past_project" => &[("past_project_title", "طرح")],
        "organization" => ORGANIZATION,
        "challenge" => CHALLENGE,
        "call" => &[("title", "فراخوان"), ("opens", "1405/01/15"), ("closes", "1405/06/31")],
        // The one part of a complete proposal that is not free text.
        "proposal" => &[("budget", "۱۲٬۵۰۰")],
        _ => &[],
    }
}

/// The role that sends `form`: officers write challenges and match needs, staff open calls, reviewers
/// review, innovators the rest.
pub fn role_of(form: &str) -> halqe_domain::user::Role {
    use halqe_domain::user::Role;
    match form {
        "match" | "introduction" | "message" | "challenge" | "answer" => Role::Officer,
        "call" => Role::Staff,
        "review" => Role::Reviewer,
        _ => Role::Innovator,
    }
}

/// `base` with `field` set to `value`.
pub fn with(base: &[(&str, &str)], field: &str, value: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = base.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
    match out.iter_mut().find(|(k, _)| k == field) {
        Some(slot) => slot.1 = value.to_owned(),
        None => out.push((field.to_owned(), value.to_owned())),
    }
    out
}

/// Sends `form` to a route as its pages and clients do: the query of a GET, JSON under `/api/` (a key sent
/// more than once becomes an array), else a urlencoded form; unsafe requests carry the CSRF token.
pub async fn send(
    app: &TestApp,
    c: &reqwest::Client,
    method: &str,
    path: &str,
    form: &[(String, String)],
) -> reqwest::Response {
    if method == "GET" {
        let mut url = reqwest::Url::parse(&app.url(path)).expect("url");
        url.query_pairs_mut().extend_pairs(form);
        c.get(url).send().await.expect("GET")
    } else if path.starts_with("/api/") {
        post_json(app, c, path, &serde_json::Value::Object(json_of(form))).await
    } else {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        app.post_form(c, path, &pairs).await
    }
}

/// `form` as a JSON object of strings; a key sent more than once becomes an array.
pub fn json_of(form: &[(String, String)]) -> serde_json::Map<String, serde_json::Value> {
    let mut body = serde_json::Map::new();
    for (k, v) in form {
        let value = serde_json::Value::from(v.as_str());
        match body.get_mut(k) {
            Some(serde_json::Value::Array(items)) => items.push(value),
            Some(first) => *first = serde_json::Value::Array(vec![first.take(), value]),
            None => {
                body.insert(k.clone(), value);
            }
        }
    }
    body
}

/// Posts `body` as JSON with the client's CSRF token, as the API's clients do.
pub async fn post_json(app: &TestApp, c: &reqwest::Client, path: &str, body: &serde_json::Value) -> reqwest::Response {
    let token = app.csrf(c).await;
    c.post(app.url(path)).header("x-csrf-token", token).json(body).send().await.expect("POST")
}
