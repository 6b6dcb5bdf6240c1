//! Proposals: "my proposals", the editor (saved as the applicant types through htmx, or with its save
//! button without JavaScript), the proposal page with its team, versions and conversation, the receipt of
//! each version, team invitations and answers, files, and a challenge's submitted proposals for its sides.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::proposals::form::ticked;
use halqe_app::proposals::list::{MineItem, SubmittedItem};
use halqe_app::proposals::show::{Invitation, ProposalPage, Shown};
use halqe_app::proposals::submit::code_for;
use halqe_app::proposals::{ProposalForm, VersionView, attach, create, list, save, show, submit, team, withdraw};
use halqe_domain::ids::{PersonId, ProposalAttachmentId, ProposalId};
use halqe_domain::proposal::TrackingCode;
use serde::Deserialize;
use utoipa::ToSchema;

use super::challenges::{challenge_id, remaining};
use super::evidence::send;
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;
use crate::uploads::MultipartForm;

/// A proposal id from the path; anything else is a 404 like a proposal the viewer may not see.
pub(crate) fn proposal_id(raw: &str) -> Result<ProposalId, WebError> {
    ProposalId::parse(raw).ok_or(WebError::NotFound)
}

/// A tracking code as the viewer's language writes digits.
fn code(ctx: &Ctx, c: &TrackingCode) -> String {
    code_for(c, ctx.locale)
}

/// Whether htmx sent the request (it swaps a fragment; plain forms get a whole page).
fn htmx(headers: &HeaderMap) -> bool {
    headers.contains_key("hx-request")
}

#[derive(Template)]
#[template(path = "proposals/mine.html")]
struct MinePage {
    ctx: Ctx,
    items: Vec<MineItem>,
}

/// `GET /proposals`: the proposals the viewer writes, is on the team of, or is asked to join.
pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let items = list::mine(&state.app, ctx.signed_actor()?).await?;
    render(&MinePage { ctx, items })
}

/// The form that starts a proposal on a challenge's page.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CreateInput {
    /// `person` (oneself) or `organization:<id>` (an organization the caller owns or administers).
    #[serde(default)]
    pub applicant: String,
}

/// `POST /challenges/{id}/proposals`: a draft (or the applicant's draft already in play), then its editor.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<CreateInput>,
) -> Result<Response, WebError> {
    let challenge = challenge_id(&id)?;
    match create::create(&state.app, ctx.signed_actor()?, &challenge, &f.applicant).await {
        Ok(p) => Ok(see_other(&format!("/proposals/{p}/edit"))),
        Err(halqe_app::Error::Form(e)) => {
            super::challenges::show_page(&state, ctx, &challenge, super::challenges::Retry::default(), e).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "proposals/submitted.html")]
struct SubmittedPage {
    ctx: Ctx,
    challenge_id: String,
    challenge_title: String,
    items: Vec<SubmittedItem>,
}

impl SubmittedPage {
    fn code(&self, v: &VersionView) -> String {
        code(&self.ctx, &v.tracking_code)
    }
}

/// `GET /challenges/{id}/proposals`: the challenge's submitted proposals, for its agency's officers and staff.
pub async fn submitted(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let challenge = challenge_id(&id)?;
    let (challenge_title, items) = list::submitted(&state.app, ctx.signed_actor()?, &challenge).await?;
    render(&SubmittedPage { ctx, challenge_id: challenge.to_string(), challenge_title, items })
}

#[derive(Template)]
#[template(path = "proposals/show.html")]
struct ShowPage {
    ctx: Ctx,
    p: ProposalPage,
    now: i64,
    body: String,
    errors: Errors,
}

impl ShowPage {
    fn remaining(&self) -> String {
        remaining(&self.ctx, self.p.proposal.deadline_at, self.now)
    }

    fn code(&self, v: &VersionView) -> String {
        code(&self.ctx, &v.tracking_code)
    }

    fn conversation_action(&self) -> String {
        format!("/conversations/proposal/{}/messages", self.p.proposal.id)
    }
}

#[derive(Template)]
#[template(path = "proposals/invitation.html")]
struct InvitationPage {
    ctx: Ctx,
    i: Invitation,
    errors: Errors,
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    id: &ProposalId,
    body: String,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let now = state.app.now();
    match show::show(&state.app, ctx.signed_actor()?, id).await? {
        Shown::Page(p) => render(&ShowPage { ctx, p: *p, now, body, errors: Errors::new(errors) }),
        Shown::Invitation(i) => render(&InvitationPage { ctx, i: *i, errors: Errors::new(errors) }),
    }
}

/// `GET /proposals/{id}`: the proposal as the viewer may see it (an invited member sees the invitation).
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    show_page(&state, ctx, &proposal_id(&id)?, String::new(), FormErrors::default()).await
}

/// A refused message in a proposal's conversation: its page again with the text kept.
pub(crate) async fn message_refused(
    state: &AppState,
    ctx: Ctx,
    id: &str,
    body: String,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let page = show_page(state, ctx, &proposal_id(id)?, body, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

#[derive(Template)]
#[template(path = "proposals/version.html")]
struct VersionPage {
    ctx: Ctx,
    p: ProposalPage,
    v: VersionView,
}

impl VersionPage {
    fn code(&self) -> String {
        code(&self.ctx, &self.v.tracking_code)
    }
}

/// `GET /proposals/{id}/versions/{n}`: one submitted version as it was, with its receipt.
pub async fn version(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, n)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let n: i64 = n.parse().map_err(|_| WebError::NotFound)?;
    let (p, v) = show::version(&state.app, ctx.signed_actor()?, &id, n).await?;
    render(&VersionPage { ctx, p, v })
}

#[derive(Template)]
#[template(path = "proposals/edit.html")]
struct EditPage {
    ctx: Ctx,
    p: ProposalPage,
    form: ProposalForm,
    member: String,
    saved_at: Option<i64>,
    now: i64,
    errors: Errors,
}

impl EditPage {
    fn remaining(&self) -> String {
        remaining(&self.ctx, self.p.proposal.deadline_at, self.now)
    }
}

/// The editor over `id`; `form` and `errors` when a post was refused, else the stored working copy.
async fn editor(
    state: &AppState,
    ctx: Ctx,
    id: &ProposalId,
    form: Option<ProposalForm>,
    member: String,
    errors: FormErrors,
) -> Result<EditPage, WebError> {
    let p = show::full(&state.app, ctx.signed_actor()?, id).await?;
    if !p.sides.owner {
        return Err(WebError::Forbidden);
    }
    let form = form.unwrap_or_else(|| {
        let v = &p.proposal;
        ProposalForm {
            title: v.title.clone(),
            summary: v.summary.clone(),
            approach: v.approach.clone(),
            budget: v.budget.map(|b| b.to_string()).unwrap_or_default(),
            timeline: v.timeline.clone(),
            expected_results: v.expected_results.clone(),
            originality: v.originality,
            conflicts: v.conflicts,
            conflicts_note: v.conflicts_note.clone(),
        }
    });
    Ok(EditPage { ctx, p, form, member, saved_at: None, now: state.app.now(), errors: Errors::new(errors) })
}

/// `GET /proposals/{id}/edit`: the editor, for the applicant's side while the challenge takes proposals.
pub async fn edit_form(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let page = editor(&state, ctx, &id, None, String::new(), FormErrors::default()).await?;
    if !page.p.can_edit() {
        return Ok(see_other(&format!("/proposals/{id}")));
    }
    render(&page)
}

/// Reads the editor's fields and its expected-version token.
fn read_form(pairs: &[(String, String)]) -> (ProposalForm, String) {
    let value = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let form = ProposalForm {
        title: value("title"),
        summary: value("summary"),
        approach: value("approach"),
        budget: value("budget"),
        timeline: value("timeline"),
        expected_results: value("expected_results"),
        originality: ticked(&value("originality")),
        conflicts: ticked(&value("conflicts")),
        conflicts_note: value("conflicts_note"),
    };
    (form, value("version"))
}

#[derive(Template)]
#[template(path = "proposals/saved.html")]
struct Saved {
    ctx: Ctx,
    at: Option<i64>,
    errors: Errors,
}

/// The editor again with a refused form (422), or for htmx the small "saved" fragment saying why (200, so
/// it is swapped in).
async fn refused_edit(
    state: &AppState,
    ctx: Ctx,
    headers: &HeaderMap,
    id: &ProposalId,
    form: ProposalForm,
    member: String,
    e: FormErrors,
) -> Result<Response, WebError> {
    if htmx(headers) {
        return render(&Saved { ctx, at: None, errors: Errors::new(e) });
    }
    let page = editor(state, ctx, id, Some(form), member, e).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
}

/// `POST /proposals/{id}/draft`: saves the working copy; htmx (autosave) gets "saved at …", a plain form
/// the editor again.
pub async fn save_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let (form, _) = read_form(&pairs);
    match save::save(&state.app, ctx.signed_actor()?, &id, &form).await {
        Ok(at) if htmx(&headers) => render(&Saved { ctx, at: Some(at), errors: Errors::new(FormErrors::default()) }),
        Ok(at) => {
            let mut page = editor(&state, ctx, &id, None, String::new(), FormErrors::default()).await?;
            page.saved_at = Some(at);
            render(&page)
        }
        Err(halqe_app::Error::Form(e)) => refused_edit(&state, ctx, &headers, &id, form, String::new(), e).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /proposals/{id}/submit`: saves the form and submits it as a new version; then its receipt.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let (form, version) = read_form(&pairs);
    let Ok(expected) = version.trim().parse::<i64>() else {
        return refused_edit(
            &state,
            ctx,
            &headers,
            &id,
            form,
            String::new(),
            FormErrors(vec![("version", "proposal_already_submitted")]),
        )
        .await;
    };
    let has_text = pairs.iter().any(|(k, _)| k == "title");
    match submit::submit(&state.app, ctx.signed_actor()?, &id, expected, has_text.then_some(&form), &ctx.client_ip)
        .await
    {
        Ok(r) => Ok(see_other(&format!("/proposals/{id}/versions/{}", r.version))),
        Err(halqe_app::Error::Form(e)) => refused_edit(&state, ctx, &headers, &id, form, String::new(), e).await,
        Err(e) => Err(e.into()),
    }
}

/// `POST /proposals/{id}/withdraw`.
pub async fn withdraw(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    match withdraw::withdraw(&state.app, ctx.signed_actor()?, &id).await {
        Ok(()) => Ok(see_other(&format!("/proposals/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = show_page(&state, ctx, &id, String::new(), e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The team form, and the body of `POST /api/v1/proposals/{id}/team`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MemberInput {
    /// The member's profile: its link (`…/people/<id>`) or id, up to 300 characters. They need an account.
    #[serde(default)]
    pub member: String,
}

/// `POST /proposals/{id}/team`: lists a person on the team and asks them.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(f): Form<MemberInput>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    match team::invite(&state.app, ctx.signed_actor()?, &id, &f.member, &ctx.client_ip).await {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}/edit#team"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = editor(&state, ctx, &id, None, f.member, e).await?;
            let status = if htmx(&headers) { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            Ok((status, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /proposals/{id}/team/{person}/remove`.
pub async fn remove_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, person)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let person = PersonId::parse(&person).ok_or(WebError::NotFound)?;
    match team::remove(&state.app, ctx.signed_actor()?, &id, &person).await {
        Ok(()) => Ok(see_other(&format!("/proposals/{id}/edit#team"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = editor(&state, ctx, &id, None, String::new(), e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// The invited member's answer, and the body of `POST /api/v1/proposals/{id}/team/answer`.
#[derive(Debug, Deserialize, ToSchema)]
pub struct AnswerInput {
    /// `accept` or `decline`.
    #[serde(default)]
    pub answer: String,
}

impl AnswerInput {
    /// Whether it accepts; anything but the two words is a form error.
    pub fn accepts(&self) -> Result<bool, halqe_app::Error> {
        match self.answer.trim() {
            "accept" => Ok(true),
            "decline" => Ok(false),
            _ => Err(FormErrors::single("answer", "choice")),
        }
    }
}

/// `POST /proposals/{id}/team/answer`: the invited member accepts or declines.
pub async fn answer(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<AnswerInput>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let result = match f.accepts() {
        Ok(accept) => team::answer(&state.app, ctx.signed_actor()?, &id, accept).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/proposals/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = show_page(&state, ctx, &id, String::new(), e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /proposals/{id}/attachments`: files for the proposal (multipart; CSRF token in the URL).
pub async fn add_attachments(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    mut form: MultipartForm,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let uploads = form.take_files("attachments");
    match attach::attach(&state.app, ctx.signed_actor()?, &id, uploads).await {
        Ok(_) => Ok(see_other(&format!("/proposals/{id}/edit#files"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = editor(&state, ctx, &id, None, String::new(), e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /proposals/{id}/attachments/{file}`: a file, to whoever may see it.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = proposal_id(&id)?;
    let file = ProposalAttachmentId::parse(&file).ok_or(WebError::NotFound)?;
    send(attach::file(&state.app, ctx.signed_actor()?, &id, &file).await?)
}
