//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Halqe API", description = "The capacity directory, need matching, introductions, conversations, \
        notifications, challenges, calls, questions, proposals and reviews of the \
        Innovation Center's platform, with the same permissions as its pages. Sign in with the web session (cookie); \
        unsafe methods need the `x-csrf-token` header from any page and are refused from other origins. Errors are \
        `ApiError`: a stable code, the status and a message in the caller's language (Persian by default)."),
    paths(
        super::search::search,
        super::search::match_handler,
        super::introductions::list,
        super::introductions::create,
        super::introductions::show,
        super::introductions::accept,
        super::introductions::decline,
        super::introductions::outcome,
        super::introductions::withdraw,
        super::introductions::message,
        super::conversations::list,
        super::conversations::show,
        super::conversations::message,
        super::notifications::list,
        super::notifications::read_all,
        super::notifications::read_one,
        super::notifications::show_settings,
        super::notifications::update_settings,
        super::challenges::list,
        super::challenges::create,
        super::challenges::get,
        super::challenges::update,
        super::challenges::take_step,
        super::challenges::assign_call,
        super::challenges::invite,
        super::challenges::invitations,
        super::challenges::list_calls,
        super::challenges::new_call,
        super::challenges::get_call,
        super::challenges::publish_call,
        super::questions::list,
        super::questions::ask,
        super::questions::answer,
        super::questions::hide,
        super::questions::merge,
        super::questions::unanswered,
        super::proposals::list,
        super::proposals::create,
        super::proposals::get,
        super::proposals::update,
        super::proposals::submit,
        super::proposals::withdraw,
        super::proposals::versions,
        super::proposals::invite,
        super::proposals::answer,
        super::reviews::list,
        super::reviews::show,
        super::reviews::save_draft,
        super::reviews::submit,
        super::decisions::evaluation,
        super::decisions::decide,
        super::decisions::appeal,
        super::decisions::answer,
    ),
    tags(
        (name = "search", description = "Capacity directory and matching"),
        (name = "introductions", description = "Introductions of candidates to agencies, with consent: only the \
            parties to an introduction see it (anyone else gets 404)"),
        (name = "conversations", description = "One conversation per object (an introduction, a challenge's review \
            thread), between exactly the \
            parties the object's own rule lets see it (anyone else gets 404)"),
        (name = "notifications", description = "What happened on the objects the caller is party to, the unread \
            count, and the caller's mail setting per kind (immediately, daily digest, off)"),
        (name = "challenges", description = "Challenges written by agency officers, reviewed and published by \
            the center; an unpublished challenge exists only for its agency's officers and staff"),
        (name = "calls", description = "Calls: rounds that group challenges, created and published by staff"),
        (name = "questions", description = "Public questions on a challenge: applicants ask while it is open, its \
            agency's officers or staff answer, staff hide or merge; answers are public to everyone"),
        (name = "proposals", description = "Proposals to published challenges by a person or for an organization \
            they manage, with a team whose members accept; each submission before the deadline is an immutable \
            version with a tracking code. Drafts are only the applicant's side's and the team's; the challenge's \
            sides see submitted versions"),
        (name = "reviews", description = "A reviewer's assignments in force and their reviews: the proposal as \
            the stage lets reviewers see it (nothing identifying the applicant in a double-blind stage), a score per \
            criterion within its scale, saved as a draft and then submitted, never changed after. Another reviewer's \
            assignment is 404; a removed or conflicted one 403; both are recorded on the audit chain"),
        (name = "decisions", description = "Decisions on proposals in evaluation, each with a written reason, and \
            appeals against rejections: the applicant's side and the challenge's sides read the record (never who \
            reviewed or decided); staff decide, naming the revision they saw; a rejected applicant appeals once \
            within the stage's period; someone other than the first decider answers")
    )
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
