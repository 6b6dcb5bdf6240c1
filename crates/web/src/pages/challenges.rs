//! Challenges: the public catalogue and a challenge's page, the officer's editor and list, the staff
//! review queue, the lifecycle steps, attachments and the Atom feed of new challenges.

use super::questions::QuestionPage;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::challenges::catalogue::{self, Catalogue, CatalogueRequest, DeadlineFilter};
use halqe_app::challenges::invite::{self, InvitationRequest};
use halqe_app::challenges::show::{ChallengePage, show as show_challenge};
use halqe_app::challenges::{ChallengeForm, ChallengeView, attach, create, edit, list, step};
use halqe_app::introductions::IntroductionItem;
use halqe_domain::calendar;
use halqe_domain::challenge::{Eligibility, Maturity, Status, Step, Support};
use halqe_domain::ids::{ChallengeAttachmentId, ChallengeId};
use halqe_domain::permissions::AuthorCap;
use halqe_domain::province::Province;
use serde::Deserialize;

use super::evidence::send;
use super::people::{page_number, query_base};
use super::see_other;
use crate::choices::{self, Choice, FieldGroup};
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;
use crate::uploads::MultipartForm;

/// A challenge id from the path; anything else is a 404 like a challenge the viewer may not see.
pub(crate) fn challenge_id(raw: &str) -> Result<ChallengeId, WebError> {
    ChallengeId::parse(raw).ok_or(WebError::NotFound)
}

fn author(ctx: &Ctx) -> Result<AuthorCap, WebError> {
    ctx.signed_actor()?.author().map_err(|_| WebError::Forbidden)
}

/// The time left until `deadline_at` at `now`, in the viewer's words ("3 days left"), or that it passed.
pub(crate) fn remaining(ctx: &Ctx, deadline_at: i64, now: i64) -> String {
    let left = deadline_at - now;
    if left <= 0 {
        return ctx.t("challenge-deadline-passed");
    }
    let days = left / halqe_app::DAY_MS;
    if days >= 1 {
        ctx.t1("challenge-days-left", "days", ctx.num(&days))
    } else {
        let hours = (left / halqe_app::HOUR_MS).max(1);
        ctx.t1("challenge-hours-left", "hours", ctx.num(&hours))
    }
}

/// The catalogue's query string (the page's and the API's).
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
pub struct CatalogueQuery {
    /// Free text in Persian and/or English, up to 500 characters; every word must match.
    #[serde(default)]
    pub q: String,
    /// A taxonomy field id.
    #[serde(default)]
    pub field: String,
    /// An agency id.
    #[serde(default)]
    pub agency: String,
    /// A province code, e.g. `isfahan`: challenges open to it.
    #[serde(default)]
    pub province: String,
    /// A public status (`published`, `closed`, `in_evaluation`, `awarded`, `no_award`, `archived`); none
    /// lists all but archived.
    #[serde(default)]
    pub status: String,
    /// `open`, `soon` (open, ending within 14 days) or `passed`.
    #[serde(default)]
    pub deadline: String,
    /// 1-based page of 20.
    #[serde(default)]
    pub page: Option<String>,
}

impl CatalogueQuery {
    /// The use case's request: an unknown province, status or deadline filters nothing, so an old link
    /// still searches.
    pub fn request(&self) -> CatalogueRequest {
        CatalogueRequest {
            text: self.q.clone(),
            field: Some(self.field.trim().to_owned()).filter(|f| !f.is_empty()),
            agency: Some(self.agency.trim().to_owned()).filter(|a| !a.is_empty()),
            province: Province::parse(&self.province).ok(),
            status: Status::parse(&self.status).ok().filter(|s| s.is_public()),
            deadline: DeadlineFilter::parse(&self.deadline),
            page: usize::try_from(page_number(self.page.as_deref())).unwrap_or(1),
        }
    }
}

#[derive(Template)]
#[template(path = "challenges/catalogue.html")]
struct CataloguePage {
    ctx: Ctx,
    q: CatalogueQuery,
    results: Catalogue,
    groups: Vec<FieldGroup>,
    provinces: Vec<Choice>,
    statuses: Vec<Choice>,
    deadlines: Vec<Choice>,
    errors: Errors,
    now: i64,
}

impl CataloguePage {
    fn remaining(&self, c: &ChallengeView) -> String {
        remaining(&self.ctx, c.deadline_at, self.now)
    }

    /// This search's link to page `page`.
    fn page_link(&self, page: usize) -> String {
        let q = &self.q;
        let pairs = [
            ("q", q.q.as_str()),
            ("field", &q.field),
            ("agency", &q.agency),
            ("province", &q.province),
            ("status", &q.status),
            ("deadline", &q.deadline),
        ];
        format!("/challenges?{}page={page}", query_base(&pairs))
    }
}

fn status_choices(ctx: &Ctx) -> Vec<Choice> {
    Status::public()
        .map(|s| Choice { value: s.code().to_owned(), label: ctx.tk("challenge-status", s.code()) })
        .collect()
}

fn deadline_choices(ctx: &Ctx) -> Vec<Choice> {
    DeadlineFilter::ALL
        .into_iter()
        .map(|d| Choice { value: d.code().to_owned(), label: ctx.tk("challenge-deadline", d.code()) })
        .collect()
}

/// `GET /challenges`: the public catalogue.
pub async fn catalogue(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<CatalogueQuery>,
) -> Result<Response, WebError> {
    let taxonomy = halqe_app::fields::taxonomy(&state.app).await?;
    let (results, errors, code) = match catalogue::search(&state.app, &state.search, &q.request()).await {
        Ok(r) => (r, FormErrors::default(), StatusCode::OK),
        Err(halqe_app::Error::Form(e)) => {
            let empty = Catalogue { found: Vec::new(), total: 0, page: 1, pages: 1, agencies: Vec::new() };
            (empty, e, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => return Err(e.into()),
    };
    let page = CataloguePage {
        groups: choices::field_groups(&taxonomy),
        provinces: choices::provinces(&ctx),
        statuses: status_choices(&ctx),
        deadlines: deadline_choices(&ctx),
        errors: Errors::new(errors),
        now: state.app.now(),
        q,
        results,
        ctx,
    };
    Ok((code, render(&page)?).into_response())
}

/// What a refused form on the challenge page sent, to show it again beside its error.
#[derive(Debug, Default)]
pub(crate) struct Retry {
    /// A lifecycle step's reason.
    pub reason: String,
    /// The question being asked.
    pub question: String,
    /// The question an answer, hide or merge form was about.
    pub target: String,
    pub answer: String,
    pub hide_reason: String,
    /// A message of the review conversation.
    pub body: String,
}

#[derive(Template)]
#[template(path = "challenges/show.html")]
struct ShowPage {
    ctx: Ctx,
    p: ChallengePage,
    /// Staff put the challenge in one of these calls.
    calls: Vec<halqe_app::calls::CallView>,
    /// Whom the viewer may write a proposal for, if the challenge takes proposals now.
    apply: Vec<halqe_app::proposals::create::ApplyOption>,
    now: i64,
    retry: Retry,
    errors: Errors,
}

impl ShowPage {
    fn remaining(&self) -> String {
        remaining(&self.ctx, self.p.challenge.deadline_at, self.now)
    }

    fn needs_reason(&self, step: &Step) -> bool {
        step.needs_reason()
    }

    fn in_call(&self, id: &str) -> bool {
        self.p.challenge.call_id.as_deref() == Some(id)
    }

    /// Whether a lifecycle step's reason was refused (not a question's hide reason).
    fn step_refused(&self) -> bool {
        self.retry.target.is_empty() && self.errors.has("reason")
    }

    /// Whether the refused form was about question `id`, so its text and error go back beside it.
    fn retried(&self, id: &str) -> bool {
        self.retry.target == id
    }
}

/// The challenge's page (its questions' first page); with `errors`, again as 422 with the refused form's
/// `retry` beside them.
pub(crate) async fn show_page(
    state: &AppState,
    ctx: Ctx,
    id: &ChallengeId,
    retry: Retry,
    errors: FormErrors,
) -> Result<Response, WebError> {
    shown_page(state, ctx, id, 0, retry, errors).await
}

async fn shown_page(
    state: &AppState,
    ctx: Ctx,
    id: &ChallengeId,
    question_page: u32,
    retry: Retry,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let p = show_challenge(&state.app, ctx.actor(), id, question_page).await?;
    let calls = if p.sides.staff { halqe_app::calls::show::list(&state.app, ctx.actor()).await? } else { Vec::new() };
    let apply = match ctx.actor() {
        Some(actor) => halqe_app::proposals::create::options(&state.app, actor, id).await?,
        None => Vec::new(),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let page = render(&ShowPage { ctx, p, calls, apply, now: state.app.now(), retry, errors: Errors::new(errors) })?;
    Ok((status, page).into_response())
}

/// `GET /challenges/{id}`: public once published; before that only for its agency's officers and staff.
/// `?page=N` pages its questions.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<QuestionPage>,
) -> Result<Response, WebError> {
    shown_page(&state, ctx, &challenge_id(&id)?, q.page, Retry::default(), FormErrors::default()).await
}

/// The step form, and the body of `POST /api/v1/challenges/{id}/steps`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
pub struct StepInput {
    /// `submit`, `return`, `approve`, `publish`, `close`, `evaluate`, `award`, `no_award` or `archive`.
    #[serde(default)]
    pub step: String,
    /// Why: required to return (comments for the agency) and for no award; up to 2000 characters.
    #[serde(default)]
    pub reason: String,
}

/// `POST /challenges/{id}/steps`: one lifecycle step, for the side it belongs to.
pub async fn take_step(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<StepInput>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let result = match Step::parse(&f.step) {
        Ok(s) => step::take(&state.app, ctx.signed_actor()?, &id, s, &f.reason).await.map(|_| ()),
        Err(e) => Err(FormErrors::single("step", e.code())),
    };
    match result {
        Ok(()) => Ok(see_other(&format!("/challenges/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            show_page(&state, ctx, &id, Retry { reason: f.reason, ..Retry::default() }, e).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "challenges/form.html")]
struct FormPage {
    ctx: Ctx,
    title_key: &'static str,
    action: String,
    cancel: String,
    version: i64,
    form: ChallengeForm,
    errors: Errors,
    groups: Vec<FieldGroup>,
    provinces: Vec<Choice>,
    maturities: Vec<Choice>,
    eligibilities: Vec<Choice>,
    supports: Vec<Choice>,
}

impl FormPage {
    async fn new(
        state: &AppState,
        ctx: Ctx,
        editing: Option<(&ChallengeId, i64)>,
        form: ChallengeForm,
        errors: FormErrors,
    ) -> Result<Self, WebError> {
        let taxonomy = halqe_app::fields::taxonomy(&state.app).await?;
        let (title_key, action, cancel, version) = match editing {
            Some((id, v)) => ("challenge-edit", format!("/challenges/{id}/edit"), format!("/challenges/{id}"), v),
            None => ("challenge-new", "/challenges".to_owned(), "/challenges/mine".to_owned(), 0),
        };
        let keyed = |prefix: &str, codes: &[&'static str]| -> Vec<Choice> {
            codes.iter().map(|c| Choice { value: (*c).to_owned(), label: ctx.tk(prefix, c) }).collect()
        };
        Ok(Self {
            title_key,
            action,
            cancel,
            version,
            form,
            errors: Errors::new(errors),
            groups: choices::field_groups(&taxonomy),
            provinces: choices::provinces(&ctx),
            maturities: keyed("challenge-maturity", &Maturity::ALL.map(Maturity::code)),
            eligibilities: keyed("challenge-eligibility", &Eligibility::ALL.map(Eligibility::code)),
            supports: keyed("challenge-support", &Support::ALL.map(Support::code)),
            ctx,
        })
    }

    fn checked(&self, list: &[String], value: &str) -> bool {
        list.iter().any(|v| v == value)
    }
}

/// Reads the editor's fields; repeated names (`fields`, `support`, `provinces`) are lists.
fn read_form(pairs: &[(String, String)]) -> (ChallengeForm, String) {
    let value = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let all = |name: &str| pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect::<Vec<_>>();
    let form = ChallengeForm {
        title: value("title"),
        problem: value("problem"),
        affected: value("affected"),
        evidence: value("evidence"),
        outcome: value("outcome"),
        success_measure: value("success_measure"),
        constraints: value("constraints"),
        fields: all("fields"),
        maturity: value("maturity"),
        budget_min: value("budget_min"),
        budget_max: value("budget_max"),
        support: all("support"),
        support_note: value("support_note"),
        deadline: value("deadline"),
        eligibility: value("eligibility"),
        provinces: all("provinces"),
    };
    (form, value("version"))
}

/// `GET /challenges/new`: the editor for a new challenge of the officer's agency.
pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    author(&ctx)?;
    render(&FormPage::new(&state, ctx, None, ChallengeForm::blank(), FormErrors::default()).await?)
}

/// `POST /challenges`: saves a new draft.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let cap = author(&ctx)?;
    let (form, _) = read_form(&pairs);
    match create::create(&state.app, &cap, &form).await {
        Ok(id) => Ok(see_other(&format!("/challenges/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = FormPage::new(&state, ctx, None, form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `GET /challenges/{id}/edit`: the editor over the stored text, for the owning agency's officers.
pub async fn edit_form(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let p = show_challenge(&state.app, ctx.actor(), &id, 0).await?;
    if !p.sides.agency {
        return Err(WebError::Forbidden);
    }
    let form = ChallengeForm::from_view(&p.challenge, ctx.locale);
    render(&FormPage::new(&state, ctx, Some((&id, p.challenge.version)), form, FormErrors::default()).await?)
}

/// `POST /challenges/{id}/edit`: saves the text; an approved or published challenge goes back to review.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let (form, version) = read_form(&pairs);
    let version: i64 = version.trim().parse().unwrap_or(0);
    match edit::edit(&state.app, ctx.signed_actor()?, &id, version, &form).await {
        Ok(_) => Ok(see_other(&format!("/challenges/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = FormPage::new(&state, ctx, Some((&id, version)), form, e).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "challenges/list.html")]
struct ListPage {
    ctx: Ctx,
    title_key: &'static str,
    lead_key: &'static str,
    challenges: Vec<ChallengeView>,
    can_create: bool,
}

/// `GET /challenges/mine`: the challenges of the officer's agency.
pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cap = author(&ctx)?;
    let challenges = list::of_agency(&state.app, &cap).await?;
    render(&ListPage {
        ctx,
        title_key: "challenges-mine",
        lead_key: "challenges-mine-lead",
        challenges,
        can_create: true,
    })
}

/// `GET /challenges/review`: submitted and approved challenges for staff.
pub async fn review(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let challenges = list::review_queue(&state.app, &ctx.staff()?).await?;
    render(&ListPage {
        ctx,
        title_key: "challenges-review",
        lead_key: "challenges-review-lead",
        challenges,
        can_create: false,
    })
}

/// `POST /challenges/{id}/attachments`: files for the challenge (multipart; CSRF token in the URL).
pub async fn add_attachments(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    mut form: MultipartForm,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let uploads = form.take_files("attachments");
    match attach::attach(&state.app, ctx.signed_actor()?, &id, uploads).await {
        Ok(_) => Ok(see_other(&format!("/challenges/{id}#attachments"))),
        Err(halqe_app::Error::Form(e)) => show_page(&state, ctx, &id, Retry::default(), e).await,
        Err(e) => Err(e.into()),
    }
}

/// `GET /challenges/{id}/attachments/{file}`: a file, to whoever may see the challenge.
pub async fn download(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let file = ChallengeAttachmentId::parse(&file).ok_or(WebError::NotFound)?;
    send(attach::file(&state.app, ctx.actor(), &id, &file).await?)
}

#[derive(Template)]
#[template(path = "challenges/matches.html")]
struct MatchesPage {
    ctx: Ctx,
    challenge: ChallengeView,
    matches: Vec<halqe_search::matching::Match>,
    /// The invitations to apply already sent, oldest first.
    invitations: Vec<IntroductionItem>,
    /// Whether invitations may be sent now (published and before its deadline).
    open: bool,
    /// How many invitations the last request sent.
    sent: usize,
    note: String,
    errors: Errors,
}

impl MatchesPage {
    /// The invitation form's value for a match: `person:<id>` or `organization:<id>`.
    fn candidate_value(&self, m: &halqe_search::matching::Match) -> String {
        let kind = m.doc.kind.map(|k| k.code()).unwrap_or("person");
        format!("{kind}:{}", m.doc.id)
    }

    /// Whether the candidate of `id` was invited already.
    fn invited(&self, id: &str) -> bool {
        self.invitations.iter().any(|i| i.candidate_id == id)
    }
}

/// `?sent=` after an invitation request.
#[derive(Debug, Default, Deserialize)]
pub struct SentQuery {
    #[serde(default)]
    sent: Option<usize>,
}

/// The matches page with the invitations made and the form as sent.
async fn matches_view(
    state: &AppState,
    ctx: Ctx,
    id: &ChallengeId,
    sent: usize,
    note: String,
    errors: Errors,
) -> Result<MatchesPage, WebError> {
    let actor = ctx.signed_actor()?;
    let (challenge, matches) = halqe_app::challenges::matches::matches(&state.app, &state.search, actor, id).await?;
    let invitations = invite::invitations(&state.app, actor, id).await?;
    let open = challenge.is_open(state.app.now());
    Ok(MatchesPage { ctx, challenge, matches, invitations, open, sent, note, errors })
}

/// `GET /challenges/{id}/matches`: the best-matching people and teams for the challenge, explained like
/// the match page's, with the invitations to apply sent so far, for its agency's officers and staff.
pub async fn matches(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<SentQuery>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    render(&matches_view(&state, ctx, &id, q.sent.unwrap_or(0), String::new(), Errors::default()).await?)
}

/// `POST /challenges/{id}/invitations`: invite the checked matches (`candidate`, many) to apply, with a note.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let id = challenge_id(&id)?;
    let req = InvitationRequest {
        candidates: pairs.iter().filter(|(k, _)| k == "candidate").map(|(_, v)| v.clone()).collect(),
        note: pairs.iter().find(|(k, _)| k == "note").map(|(_, v)| v.clone()).unwrap_or_default(),
    };
    match invite::invite(&state.app, &state.search, ctx.signed_actor()?, &id, &req).await {
        Ok(made) => Ok(see_other(&format!("/challenges/{id}/matches?sent={}", made.len()))),
        Err(halqe_app::Error::Form(e)) => {
            let page = matches_view(&state, ctx, &id, 0, req.note, Errors::new(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "challenges/feed.xml")]
struct Feed {
    title: String,
    base: String,
    updated: String,
    entries: Vec<(ChallengeView, String)>,
}

/// How many challenges the Atom feed carries.
const FEED_ENTRIES: i64 = 50;

/// `GET /challenges/feed.atom`: the newest published challenges, newest first.
pub async fn feed(State(state): State<AppState>) -> Result<Response, WebError> {
    let recent = catalogue::recent(&state.app, FEED_ENTRIES).await?;
    let updated = calendar::rfc3339_utc(recent.first().and_then(|c| c.published_at).unwrap_or(0));
    let entries = recent
        .into_iter()
        .map(|c| {
            let at = calendar::rfc3339_utc(c.published_at.unwrap_or(c.updated_at));
            (c, at)
        })
        .collect();
    let title = halqe_app::i18n::t(halqe_domain::locale::Locale::Fa, "challenges-feed-title");
    let body = Feed { title, base: state.app.settings.base_url.trim_end_matches('/').to_owned(), updated, entries }
        .render()
        .map_err(|e| WebError::Internal(format!("feed: {e}")))?;
    Ok(([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], body).into_response())
}
