//! Every route with its access rule, in one table: the router and the authorization check are both built from it.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use axum::Router;
use axum::http::Method;
use axum::routing::{MethodRouter, get, post};
use halqe_domain::permissions::{ADMIN, AUDITORS, AUTHORS, Access, CHALLENGE_SIDES, MATCHERS, RECORD_READERS, STAFF};
use halqe_domain::user::Role;

use crate::error::WebError;
use crate::pages::{
    account, admin, agencies, assignment, audit, auth, calls, challenges, conversations, decisions, evidence, health,
    home, identity_conflicts, imports, introductions, invitations, kept_values, lang, memberships, notifications,
    organizations, password, people, profile_claims, proposals, questions, register, reviewers, reviews, search,
    stage_reviews, stages, verification,
};
use crate::state::AppState;
use crate::uploads::post_upload;
use crate::{api, assets, metrics};

/// One route and who may use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteSpec {
    pub method: &'static str,
    pub path: &'static str,
    pub access: Access,
    /// Reachable by a signed-in account whose email is not verified yet; every other route sends such an
    /// account to the verification page ([`crate::authz::authorize`]).
    pub before_verification: bool,
}

const fn spec(method: &'static str, path: &'static str, access: Access) -> RouteSpec {
    RouteSpec { method, path, access, before_verification: false }
}

impl RouteSpec {
    /// Marks a route an unverified account may still use.
    const fn before_verification(self) -> Self {
        Self { before_verification: true, ..self }
    }
}

use Access::{Public, SignedIn};

/// Innovators: their own claims.
const INNOVATOR: Access = Access::Roles(&[Role::Innovator]);
/// Reviewers: their own assignments and declared conflicts.
const REVIEWERS: Access = Access::Roles(&[Role::Reviewer]);

fn table() -> Vec<(RouteSpec, MethodRouter<AppState>)> {
    vec![
        (spec("GET", "/", Public), get(home::show)),
        (spec("GET", "/healthz", Public).before_verification(), get(health::healthz)),
        (spec("GET", "/readyz", Public).before_verification(), get(health::readyz)),
        // For the scraper holding the metrics token, whatever session it carries; 404 when none is configured.
        (spec("GET", "/metrics", Access::MetricsToken).before_verification(), get(metrics::scrape)),
        (spec("GET", "/static/{*path}", Public).before_verification(), get(assets::serve)),
        (spec("POST", "/lang", Public).before_verification(), post(lang::switch)),
        (spec("GET", "/login", Public), get(auth::login_form)),
        (spec("POST", "/login", Public), post(auth::login)),
        (spec("POST", "/logout", SignedIn).before_verification(), post(auth::logout)),
        (spec("GET", "/register", Public), get(register::form)),
        (spec("POST", "/register", Public), post(register::submit)),
        (spec("GET", "/verify-email", Public).before_verification(), get(register::verify_email)),
        (spec("GET", "/account/verify", SignedIn).before_verification(), get(register::pending)),
        (spec("POST", "/account/verify/resend", SignedIn).before_verification(), post(register::resend)),
        (spec("GET", "/password/forgot", Public), get(password::forgot_form)),
        (spec("POST", "/password/forgot", Public), post(password::forgot)),
        (spec("GET", "/password/reset", Public), get(password::reset_form)),
        (spec("POST", "/password/reset", Public), post(password::reset)),
        (spec("GET", "/invitations/{token}", Public), get(invitations::show)),
        (spec("POST", "/invitations/{token}", Public), post(invitations::accept)),
        (spec("GET", "/account", SignedIn), get(account::show)),
        (spec("GET", "/agencies", STAFF), get(agencies::list)),
        (spec("GET", "/agencies/new", STAFF), get(agencies::new_form)),
        (spec("POST", "/agencies", STAFF), post(agencies::create)),
        (spec("GET", "/agencies/{id}", STAFF), get(agencies::show)),
        (spec("POST", "/agencies/{id}/invitations", STAFF), post(agencies::invite)),
        (spec("GET", "/admin/users", ADMIN), get(admin::users)),
        (spec("GET", "/admin/users/{id}", ADMIN), get(admin::user)),
        (spec("POST", "/admin/users/{id}/disable", ADMIN), post(admin::disable)),
        (spec("POST", "/admin/users/{id}/enable", ADMIN), post(admin::enable)),
        (spec("POST", "/admin/users/{id}/roles/{role}/remove", ADMIN), post(admin::remove_role)),
        (spec("GET", "/admin/audit", ADMIN), get(admin::audit)),
        (spec("POST", "/admin/audit/verify", ADMIN), post(admin::verify)),
        (spec("GET", "/admin/audit/checkpoints.jsonl", ADMIN), get(admin::checkpoints)),
        (spec("GET", "/admin/mail", ADMIN), get(admin::mail)),
        (spec("POST", "/admin/mail/{id}/retry", ADMIN), post(admin::retry_mail)),
        // verification
        (spec("GET", "/claims", INNOVATOR), get(verification::claims::list)),
        (spec("POST", "/claims", INNOVATOR), post_upload(verification::claims::create)),
        (spec("GET", "/claims/{id}", INNOVATOR), get(verification::claims::show)),
        (spec("POST", "/claims/{id}/evidence", INNOVATOR), post_upload(verification::claims::add_evidence)),
        (spec("GET", "/verification", STAFF), get(verification::review::queue)),
        (spec("GET", "/verification/{id}", STAFF), get(verification::review::show)),
        (spec("POST", "/verification/{id}/decision", STAFF), post(verification::review::decision)),
        (spec("GET", "/identity-conflicts", STAFF), get(identity_conflicts::list)),
        (spec("POST", "/identity-conflicts/{id}/resolve", STAFF), post(identity_conflicts::resolve)),
        // Public so that everyone not allowed gets the same 404; the use case decides who sees the file.
        (spec("GET", "/evidence/{id}", Public), get(evidence::download)),
        // registry: viewing is Public at the route; each profile's privacy is decided in the app layer.
        (spec("GET", "/profile", SignedIn), get(people::mine::show)),
        (spec("GET", "/profile/edit", SignedIn), get(people::mine::edit)),
        (spec("POST", "/profile/edit", SignedIn), post(people::mine::update)),
        (spec("POST", "/profile/publications", SignedIn), post(people::mine::add_publication)),
        (spec("POST", "/profile/publications/{id}/delete", SignedIn), post(people::mine::delete_publication)),
        (spec("POST", "/profile/past-projects", SignedIn), post(people::mine::add_past_project)),
        (spec("POST", "/profile/past-projects/{id}/delete", SignedIn), post(people::mine::delete_past_project)),
        (spec("GET", "/people", Public), get(people::list)),
        (spec("GET", "/people/{id}", Public), get(people::show)),
        (spec("GET", "/organizations", Public), get(organizations::list)),
        (spec("GET", "/organizations/new", SignedIn), get(organizations::new_form)),
        (spec("POST", "/organizations", SignedIn), post(organizations::create)),
        (spec("GET", "/organizations/{id}", Public), get(organizations::show)),
        (spec("GET", "/organizations/{id}/edit", SignedIn), get(organizations::edit)),
        (spec("POST", "/organizations/{id}/edit", SignedIn), post(organizations::update)),
        (spec("GET", "/organizations/{id}/members", SignedIn), get(organizations::members)),
        (spec("POST", "/organizations/{id}/members", SignedIn), post(organizations::invite)),
        (spec("POST", "/organizations/{id}/members/{user}/remove", SignedIn), post(organizations::remove_member)),
        (spec("POST", "/organizations/{id}/past-projects", SignedIn), post(organizations::add_past_project)),
        (
            spec("POST", "/organizations/{id}/past-projects/{past_project}/delete", SignedIn),
            post(organizations::delete_past_project),
        ),
        (spec("POST", "/membership-invitations/{id}/accept", SignedIn), post(memberships::accept)),
        (spec("POST", "/membership-invitations/{id}/decline", SignedIn), post(memberships::decline)),
        // imports
        (spec("GET", "/imports", STAFF), get(imports::list)),
        (spec("GET", "/imports/new", STAFF), get(imports::new_form)),
        (spec("POST", "/imports", STAFF), imports::upload_route()),
        (spec("GET", "/imports/template/people.csv", STAFF), get(imports::template_people)),
        (spec("GET", "/imports/template/organizations.csv", STAFF), get(imports::template_organizations)),
        (spec("GET", "/imports/{id}", STAFF), get(imports::show)),
        (spec("GET", "/imports/{id}/progress", STAFF), get(imports::progress)),
        (spec("POST", "/imports/{id}/cancel", STAFF), post(imports::cancel)),
        (spec("GET", "/imports/{id}/report.csv", STAFF), get(imports::report_csv)),
        (spec("GET", "/imports/{id}/report.xlsx", STAFF), get(imports::report_xlsx)),
        (spec("GET", "/kept-values", STAFF), get(kept_values::list)),
        (spec("POST", "/kept-values/map", STAFF), post(kept_values::map)),
        (spec("GET", "/claim/{token}", Public), get(profile_claims::show)),
        (spec("POST", "/claim/{token}", Public), post(profile_claims::submit)),
        // search: the directory is Public at the route; the index filters by the viewer's visibility.
        (spec("GET", "/directory", Public), get(search::directory)),
        (spec("GET", "/match", MATCHERS), get(search::match_page)),
        // introductions: parties are decided per introduction in the app layer (anyone else gets 404);
        // sending them is for those who match needs.
        (spec("POST", "/introductions", MATCHERS), post(introductions::create)),
        (spec("GET", "/introductions", SignedIn), get(introductions::list)),
        (spec("GET", "/introductions/{id}", SignedIn), get(introductions::show)),
        (spec("POST", "/introductions/{id}/accept", SignedIn), post(introductions::accept)),
        (spec("POST", "/introductions/{id}/decline", SignedIn), post(introductions::decline)),
        (spec("POST", "/introductions/{id}/outcome", SignedIn), post(introductions::outcome)),
        (spec("POST", "/introductions/{id}/withdraw", SignedIn), post(introductions::withdraw)),
        // conversations and notifications: who may read or write a conversation is its object's rule (404 to
        // anyone else); a notification is only ever its own user's.
        (spec("POST", "/conversations/{kind}/{id}/messages", SignedIn), post(conversations::message)),
        (spec("GET", "/notifications", SignedIn), get(notifications::list)),
        (spec("GET", "/notifications/unread", SignedIn), get(notifications::badge)),
        (spec("POST", "/notifications/read", SignedIn), post(notifications::read_all)),
        (spec("GET", "/notifications/{id}", SignedIn), get(notifications::open_one)),
        (spec("POST", "/notifications/{id}/read", SignedIn), post(notifications::read_one)),
        (spec("GET", "/account/notifications", SignedIn), get(notifications::settings_form)),
        (spec("POST", "/account/notifications", SignedIn), post(notifications::settings_save)),
        // api
        (spec("GET", "/api/openapi.json", Public), get(api::openapi::document)),
        (spec("GET", "/api/v1/search", Public), get(api::search::search)),
        (spec("POST", "/api/v1/match", MATCHERS), post(api::search::match_handler)),
        // challenges: who stands where on one (its agency's officers, staff) is decided in the app layer;
        // an unpublished challenge is a 404 to anyone else
        (spec("GET", "/challenges", Public), get(challenges::catalogue)),
        (spec("GET", "/challenges/feed.atom", Public), get(challenges::feed)),
        (spec("GET", "/challenges/mine", AUTHORS), get(challenges::mine)),
        (spec("GET", "/challenges/review", STAFF), get(challenges::review)),
        (spec("GET", "/challenges/new", AUTHORS), get(challenges::new_form)),
        (spec("POST", "/challenges", AUTHORS), post(challenges::create)),
        (spec("GET", "/challenges/{id}", Public), get(challenges::show)),
        (spec("GET", "/challenges/{id}/edit", AUTHORS), get(challenges::edit_form)),
        (spec("POST", "/challenges/{id}/edit", AUTHORS), post(challenges::update)),
        (spec("POST", "/challenges/{id}/steps", CHALLENGE_SIDES), post(challenges::take_step)),
        (spec("GET", "/challenges/{id}/matches", CHALLENGE_SIDES), get(challenges::matches)),
        (spec("POST", "/challenges/{id}/invitations", CHALLENGE_SIDES), post(challenges::invite)),
        (spec("POST", "/challenges/{id}/call", STAFF), post(calls::assign)),
        (spec("POST", "/challenges/{id}/attachments", AUTHORS), post_upload(challenges::add_attachments)),
        (spec("GET", "/challenges/{id}/attachments/{file}", Public), get(challenges::download)),
        // public questions: anyone signed in asks (the challenge's sides are refused in the use case), its
        // sides answer, staff moderate; who sees which question is decided per question
        (spec("POST", "/challenges/{id}/questions", SignedIn), post(questions::ask)),
        (spec("GET", "/questions", CHALLENGE_SIDES), get(questions::unanswered)),
        (spec("POST", "/questions/{id}/answer", CHALLENGE_SIDES), post(questions::answer)),
        (spec("POST", "/questions/{id}/hide", STAFF), post(questions::hide)),
        (spec("POST", "/questions/{id}/merge", STAFF), post(questions::merge)),
        (spec("GET", "/calls", Public), get(calls::list)),
        (spec("POST", "/calls", STAFF), post(calls::create)),
        (spec("GET", "/calls/{id}", Public), get(calls::show)),
        (spec("POST", "/calls/{id}/publish", STAFF), post(calls::publish)),
        (spec("GET", "/calls/{id}/stages", STAFF), get(stages::show)),
        (spec("POST", "/calls/{id}/stages", STAFF), post(stages::add_stage)),
        (spec("POST", "/calls/{id}/stages/{stage}/criteria", STAFF), post(stages::add_criterion)),
        (spec("POST", "/calls/{id}/stages/{stage}/plan", STAFF), post(stages::set_plan)),
        (spec("GET", "/calls/{id}/reviewers", STAFF), get(reviewers::show)),
        (spec("POST", "/calls/{id}/reviewers", STAFF), post(reviewers::add)),
        (spec("POST", "/calls/{id}/reviewers/{user}", STAFF), post(reviewers::update)),
        (spec("POST", "/calls/{id}/reviewers/{user}/remove", STAFF), post(reviewers::remove)),
        (spec("GET", "/calls/{id}/stages/{stage}/assignment", STAFF), get(assignment::show)),
        (spec("POST", "/calls/{id}/stages/{stage}/assignment", STAFF), post(assignment::start)),
        (spec("POST", "/calls/{id}/stages/{stage}/assignment/rules", STAFF), post(assignment::set_rule)),
        (spec("POST", "/calls/{id}/stages/{stage}/assignment/rules/clear", STAFF), post(assignment::clear_rule)),
        (spec("POST", "/calls/{id}/assignment-runs/{run}/apply", STAFF), post(assignment::apply)),
        (spec("POST", "/calls/{id}/assignment-runs/{run}/discard", STAFF), post(assignment::discard)),
        (spec("POST", "/calls/{id}/assignment-runs/{run}/cancel", STAFF), post(assignment::cancel)),
        (spec("GET", "/reviewing/conflicts", REVIEWERS), get(reviewers::conflicts)),
        (spec("POST", "/reviewing/conflicts", REVIEWERS), post(reviewers::declare)),
        (spec("POST", "/reviewing/conflicts/{id}/withdraw", REVIEWERS), post(reviewers::withdraw)),
        // decisions and appeals: staff decide (the use cases require `StaffCap`); the applicant's side
        // appeals (the use case checks the side); record readers open a decision with its audit entries.
        (spec("GET", "/calls/{id}/stages/{stage}/decisions", STAFF), get(decisions::gate)),
        (spec("POST", "/calls/{id}/stages/{stage}/decisions", STAFF), post(decisions::decide_many)),
        (spec("POST", "/proposals/{id}/decisions", STAFF), post(decisions::decide)),
        (spec("POST", "/proposals/{id}/appeal", SignedIn), post(decisions::appeal)),
        (spec("GET", "/appeals", STAFF), get(decisions::queue)),
        (spec("POST", "/appeals/{id}/decision", STAFF), post(decisions::answer)),
        (spec("GET", "/decisions/{id}", RECORD_READERS), get(decisions::show)),
        // the audit record for auditors and admins: read-only
        (spec("GET", "/audit", AUDITORS), get(audit::browse)),
        (spec("GET", "/audit/export", AUDITORS), get(audit::export)),
        (spec("GET", "/audit/{seq}", AUDITORS), get(audit::entry)),
        (spec("GET", "/api/v1/proposals/{id}/evaluation", SignedIn), get(api::decisions::evaluation)),
        (spec("POST", "/api/v1/proposals/{id}/decisions", STAFF), post(api::decisions::decide)),
        (spec("POST", "/api/v1/proposals/{id}/appeal", SignedIn), post(api::decisions::appeal)),
        (spec("POST", "/api/v1/appeals/{id}/decision", STAFF), post(api::decisions::answer)),
        (spec("GET", "/api/v1/challenges", Public), get(api::challenges::list)),
        (spec("POST", "/api/v1/challenges", AUTHORS), post(api::challenges::create)),
        (spec("GET", "/api/v1/challenges/{id}", Public), get(api::challenges::get)),
        (spec("POST", "/api/v1/challenges/{id}/edit", AUTHORS), post(api::challenges::update)),
        (spec("POST", "/api/v1/challenges/{id}/steps", CHALLENGE_SIDES), post(api::challenges::take_step)),
        (spec("POST", "/api/v1/challenges/{id}/call", STAFF), post(api::challenges::assign_call)),
        (spec("POST", "/api/v1/challenges/{id}/invitations", CHALLENGE_SIDES), post(api::challenges::invite)),
        (spec("GET", "/api/v1/challenges/{id}/invitations", CHALLENGE_SIDES), get(api::challenges::invitations)),
        // proposals: who stands where on one (its applicant's side, its team, the challenge's sides once
        // submitted) is decided in the app layer; anyone else gets 404
        (spec("GET", "/proposals", SignedIn), get(proposals::mine)),
        (spec("POST", "/challenges/{id}/proposals", SignedIn), post(proposals::create)),
        (spec("GET", "/challenges/{id}/proposals", CHALLENGE_SIDES), get(proposals::submitted)),
        (spec("GET", "/proposals/{id}", SignedIn), get(proposals::show)),
        (spec("GET", "/proposals/{id}/edit", SignedIn), get(proposals::edit_form)),
        (spec("POST", "/proposals/{id}/draft", SignedIn), post(proposals::save_draft)),
        (spec("POST", "/proposals/{id}/submit", SignedIn), post(proposals::submit)),
        (spec("POST", "/proposals/{id}/withdraw", SignedIn), post(proposals::withdraw)),
        (spec("GET", "/proposals/{id}/versions/{n}", SignedIn), get(proposals::version)),
        (spec("POST", "/proposals/{id}/team", SignedIn), post(proposals::invite)),
        (spec("POST", "/proposals/{id}/team/{person}/remove", SignedIn), post(proposals::remove_member)),
        (spec("POST", "/proposals/{id}/team/answer", SignedIn), post(proposals::answer)),
        (spec("POST", "/proposals/{id}/attachments", SignedIn), post_upload(proposals::add_attachments)),
        (spec("GET", "/proposals/{id}/attachments/{file}", SignedIn), get(proposals::download)),
        (spec("GET", "/api/v1/proposals", SignedIn), get(api::proposals::list)),
        (spec("POST", "/api/v1/challenges/{id}/proposals", SignedIn), post(api::proposals::create)),
        (spec("GET", "/api/v1/proposals/{id}", SignedIn), get(api::proposals::get)),
        (spec("POST", "/api/v1/proposals/{id}/draft", SignedIn), post(api::proposals::update)),
        (spec("POST", "/api/v1/proposals/{id}/submit", SignedIn), post(api::proposals::submit)),
        (spec("POST", "/api/v1/proposals/{id}/withdraw", SignedIn), post(api::proposals::withdraw)),
        (spec("GET", "/api/v1/proposals/{id}/versions", SignedIn), get(api::proposals::versions)),
        (spec("POST", "/api/v1/proposals/{id}/team", SignedIn), post(api::proposals::invite)),
        (spec("POST", "/api/v1/proposals/{id}/team/answer", SignedIn), post(api::proposals::answer)),
        // reviews: a reviewer's own assignments in force (whose is decided per assignment by the use case)
        (spec("GET", "/reviews", REVIEWERS), get(reviews::mine)),
        (spec("GET", "/reviews/{id}", REVIEWERS), get(reviews::show)),
        (spec("POST", "/reviews/{id}", REVIEWERS), post(reviews::save_draft)),
        (spec("POST", "/reviews/{id}/submit", REVIEWERS), post(reviews::submit)),
        (spec("GET", "/evaluation/stages/{id}", STAFF), get(stage_reviews::show)),
        (spec("POST", "/evaluation/assignments/{id}/due", STAFF), post(stage_reviews::extend)),
        (spec("GET", "/api/v1/reviews", REVIEWERS), get(api::reviews::list)),
        (spec("GET", "/api/v1/reviews/{id}", REVIEWERS), get(api::reviews::show)),
        (spec("POST", "/api/v1/reviews/{id}", REVIEWERS), post(api::reviews::save_draft)),
        (spec("POST", "/api/v1/reviews/{id}/submit", REVIEWERS), post(api::reviews::submit)),
        (spec("GET", "/api/v1/calls", Public), get(api::challenges::list_calls)),
        (spec("POST", "/api/v1/calls", STAFF), post(api::challenges::new_call)),
        (spec("GET", "/api/v1/calls/{id}", Public), get(api::challenges::get_call)),
        (spec("POST", "/api/v1/calls/{id}/publish", STAFF), post(api::challenges::publish_call)),
        (spec("GET", "/api/v1/challenges/{id}/questions", Public), get(api::questions::list)),
        (spec("POST", "/api/v1/challenges/{id}/questions", SignedIn), post(api::questions::ask)),
        (spec("GET", "/api/v1/questions", CHALLENGE_SIDES), get(api::questions::unanswered)),
        (spec("POST", "/api/v1/questions/{id}/answer", CHALLENGE_SIDES), post(api::questions::answer)),
        (spec("POST", "/api/v1/questions/{id}/hide", STAFF), post(api::questions::hide)),
        (spec("POST", "/api/v1/questions/{id}/merge", STAFF), post(api::questions::merge)),
        // the introductions pages as JSON, with the same rules
        (spec("POST", "/api/v1/introductions", MATCHERS), post(api::introductions::create)),
        (spec("GET", "/api/v1/introductions", SignedIn), get(api::introductions::list)),
        (spec("GET", "/api/v1/introductions/{id}", SignedIn), get(api::introductions::show)),
        (spec("POST", "/api/v1/introductions/{id}/accept", SignedIn), post(api::introductions::accept)),
        (spec("POST", "/api/v1/introductions/{id}/decline", SignedIn), post(api::introductions::decline)),
        (spec("POST", "/api/v1/introductions/{id}/outcome", SignedIn), post(api::introductions::outcome)),
        (spec("POST", "/api/v1/introductions/{id}/withdraw", SignedIn), post(api::introductions::withdraw)),
        (spec("POST", "/api/v1/introductions/{id}/messages", SignedIn), post(api::introductions::message)),
        (spec("GET", "/api/v1/conversations", SignedIn), get(api::conversations::list)),
        (spec("GET", "/api/v1/conversations/{kind}/{id}", SignedIn), get(api::conversations::show)),
        (spec("POST", "/api/v1/conversations/{kind}/{id}/messages", SignedIn), post(api::conversations::message)),
        (spec("GET", "/api/v1/notifications", SignedIn), get(api::notifications::list)),
        (spec("POST", "/api/v1/notifications/read", SignedIn), post(api::notifications::read_all)),
        (spec("POST", "/api/v1/notifications/{id}/read", SignedIn), post(api::notifications::read_one)),
        (spec("GET", "/api/v1/notifications/settings", SignedIn), get(api::notifications::show_settings)),
        (spec("POST", "/api/v1/notifications/settings", SignedIn), post(api::notifications::update_settings)),
    ]
}

/// Every route and its rule, for the route × role test and the docs.
pub fn specs() -> Vec<RouteSpec> {
    table().into_iter().map(|(s, _)| s).collect()
}

fn rules() -> &'static HashMap<(&'static str, &'static str), RouteSpec> {
    static RULES: OnceLock<HashMap<(&'static str, &'static str), RouteSpec>> = OnceLock::new();
    RULES.get_or_init(|| specs().into_iter().map(|s| ((s.method, s.path), s)).collect())
}

/// The rule for a matched route.
pub fn rule(method: &Method, path: &str) -> Option<RouteSpec> {
    rules().get(&(method.as_str(), path)).copied()
}

fn patterns() -> &'static HashSet<&'static str> {
    static PATTERNS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    PATTERNS.get_or_init(|| rules().keys().map(|(_, p)| *p).collect())
}

/// The table's own copy of a matched route pattern (`/people/{id}`); `None` if no route has it.
pub fn pattern(path: &str) -> Option<&'static str> {
    patterns().get(path).copied()
}

/// Whether any method is routed at this path.
pub fn path_known(path: &str) -> bool {
    pattern(path).is_some()
}

/// The router with every route of the table.
pub fn build(state: AppState) -> Router {
    let mut router = Router::new();
    for (s, handler) in table() {
        router = router.route(s.path, handler);
    }
    router.fallback(|| async { WebError::NotFound }).with_state(state)
}
