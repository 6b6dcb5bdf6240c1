//! Organizations: the directory with the viewer's own and their invitations, a profile page, the form,
//! members and invitations, past projects.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::identity_conflicts::Answer;
use halqe_app::organizations::create::create as create_organization;
use halqe_app::organizations::edit::{edit_form, save};
use halqe_app::organizations::form::OrganizationForm;
use halqe_app::organizations::invite_member::invite_member;
use halqe_app::organizations::list::{Directory, Filter, Mine, directory, mine};
use halqe_app::organizations::remove_member::remove_member as remove;
use halqe_app::organizations::show::{OrganizationPage, show as show_organization};
use halqe_app::organizations::{OrganizationView, past_projects};
use halqe_app::paging::Paging;
use halqe_app::people::PastProjectView;
use halqe_app::people::past_projects::PastProjectForm;
use halqe_domain::ids::{OrganizationId, PastProjectId, UserId};
use halqe_domain::permissions::Actor;
use halqe_domain::registry::{MemberRole, OrgKind, Sight};
use serde::Deserialize;

use super::people::mine::PastProjectInput;
use super::people::{page_number, query_base};
use super::see_other;
use crate::choices::{self, Choice, FieldGroup};
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

fn actor(ctx: &Ctx) -> Result<&Actor, WebError> {
    ctx.actor().ok_or(WebError::Forbidden)
}

fn org_id(raw: &str) -> Result<OrganizationId, WebError> {
    OrganizationId::parse(raw).ok_or(WebError::NotFound)
}

#[derive(Template)]
#[template(path = "organizations/list.html")]
struct ListPage {
    ctx: Ctx,
    mine: Option<Mine>,
    organizations: Vec<OrganizationView>,
    pager: Paging,
    list_path: &'static str,
    query_base: String,
    kind: String,
    kinds: Vec<Choice>,
    no_errors: Errors,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    page: Option<String>,
}

/// `GET /organizations`: the directory, and for a signed-in user their organizations and invitations.
pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, WebError> {
    let kind = OrgKind::parse(&q.kind).ok();
    let filter = Filter { kind, page: page_number(q.page.as_deref()) };
    let Directory { organizations, paging } = directory(&state.app, ctx.actor(), &filter).await?;
    let mine = match ctx.actor() {
        Some(a) => Some(mine(&state.app, a).await?),
        None => None,
    };
    let kind = kind.map(|k| k.code().to_owned()).unwrap_or_default();
    render(&ListPage {
        query_base: query_base(&[("kind", &kind)]),
        kinds: choices::org_kinds(&ctx),
        mine,
        organizations,
        pager: paging,
        list_path: "/organizations",
        kind,
        no_errors: Errors::default(),
        ctx,
    })
}

#[derive(Template)]
#[template(path = "organizations/form.html")]
struct FormPage {
    ctx: Ctx,
    title_key: &'static str,
    org_name: String,
    action: String,
    cancel: String,
    form: OrganizationForm,
    errors: Errors,
    kinds: Vec<Choice>,
    provinces: Vec<Choice>,
    visibilities: Vec<Choice>,
    groups: Vec<FieldGroup>,
}

impl FormPage {
    /// The new-organization form (`id` is `None`) or the edit form of `id`.
    async fn new(
        state: &AppState,
        ctx: Ctx,
        id: Option<(&OrganizationId, String)>,
        form: OrganizationForm,
        errors: Errors,
    ) -> Result<Self, WebError> {
        let taxonomy = halqe_app::fields::taxonomy(&state.app).await?;
        let (title_key, org_name, action, cancel) = match id {
            Some((id, name)) => ("org-edit", name, format!("/organizations/{id}/edit"), format!("/organizations/{id}")),
            None => ("orgs-new", String::new(), "/organizations".to_owned(), "/organizations".to_owned()),
        };
        Ok(Self {
            title_key,
            org_name,
            action,
            cancel,
            kinds: choices::org_kinds(&ctx),
            provinces: choices::provinces(&ctx),
            visibilities: choices::visibilities(&ctx),
            groups: choices::field_groups(&taxonomy),
            ctx,
            form,
            errors,
        })
    }
}

fn unprocessable(page: &FormPage) -> Result<Response, WebError> {
    Ok((StatusCode::UNPROCESSABLE_ENTITY, render(page)?).into_response())
}

/// `GET /organizations/new`.
pub async fn new_form(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    render(&FormPage::new(&state, ctx, None, OrganizationForm::blank(), Errors::default()).await?)
}

#[derive(Deserialize)]
pub struct OrganizationInput {
    #[serde(default)]
    name_fa: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    registration_number: String,
    #[serde(default)]
    certificate_number: String,
    #[serde(default)]
    certificate_expires_at: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    city: String,
    #[serde(default)]
    institution: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    description_fa: String,
    #[serde(default)]
    description_en: String,
    #[serde(default)]
    capabilities: String,
    #[serde(default)]
    products: String,
    #[serde(default)]
    primary_field: String,
    #[serde(default)]
    visibility: String,
}

impl From<OrganizationInput> for OrganizationForm {
    fn from(i: OrganizationInput) -> Self {
        OrganizationForm {
            name_fa: i.name_fa,
            name_en: i.name_en,
            kind: i.kind,
            registration_number: i.registration_number,
            certificate_number: i.certificate_number,
            certificate_expires_at: i.certificate_expires_at,
            province: i.province,
            city: i.city,
            institution: i.institution,
            website: i.website,
            description_fa: i.description_fa,
            description_en: i.description_en,
            capabilities: i.capabilities,
            products: i.products,
            primary_field: i.primary_field,
            visibility: i.visibility,
        }
    }
}

/// `POST /organizations`: the creator becomes the owner.
pub async fn create(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(i): Form<OrganizationInput>,
) -> Result<Response, WebError> {
    let form = OrganizationForm::from(i);
    match create_organization(&state.app, actor(&ctx)?, &form).await {
        Ok((id, Answer::Saved)) => Ok(see_other(&format!("/organizations/{id}"))),
        Ok((id, Answer::ForReview)) => Ok(see_other(&format!("/organizations/{id}?saved=review"))),
        Err(halqe_app::Error::Form(e)) => unprocessable(&FormPage::new(&state, ctx, None, form, Errors::new(e)).await?),
        Err(e) => Err(e.into()),
    }
}

/// `GET /organizations/{id}/edit`: owners, admins and staff.
pub async fn edit(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = org_id(&id)?;
    let (view, form) = edit_form(&state.app, actor(&ctx)?, &id, ctx.locale).await?;
    let name = ctx.pick(&view.name_fa, &view.name_en).to_owned();
    render(&FormPage::new(&state, ctx, Some((&id, name)), form, Errors::default()).await?)
}

/// `POST /organizations/{id}/edit`.
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(i): Form<OrganizationInput>,
) -> Result<Response, WebError> {
    let id = org_id(&id)?;
    let form = OrganizationForm::from(i);
    match save(&state.app, actor(&ctx)?, &id, &form).await {
        Ok(Answer::Saved) => Ok(see_other(&format!("/organizations/{id}?saved=1"))),
        Ok(Answer::ForReview) => Ok(see_other(&format!("/organizations/{id}?saved=review"))),
        Err(halqe_app::Error::Form(e)) => {
            let (view, _) = edit_form(&state.app, actor(&ctx)?, &id, ctx.locale).await?;
            let name = ctx.pick(&view.name_fa, &view.name_en).to_owned();
            unprocessable(&FormPage::new(&state, ctx, Some((&id, name)), form, Errors::new(e)).await?)
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "organizations/show.html")]
struct ShowPage {
    ctx: Ctx,
    page: OrganizationPage,
    member_count: i64,
    now: i64,
    saved: bool,
    /// A newly declared registration number goes to staff review (said whether or not another holds it).
    review: bool,
    past_project_form: PastProjectForm,
    past_project_errors: Errors,
}

impl ShowPage {
    fn new(
        state: &AppState,
        ctx: Ctx,
        page: OrganizationPage,
        saved: bool,
        retry: Option<(PastProjectForm, FormErrors)>,
    ) -> Self {
        let (past_project_form, past_project_errors) = match retry {
            Some((f, e)) => (f, Errors::new(e)),
            None => (PastProjectForm::default(), Errors::default()),
        };
        let member_count = i64::try_from(page.members.len()).unwrap_or(i64::MAX);
        let now = state.app.now();
        Self { ctx, page, member_count, now, saved, review: false, past_project_form, past_project_errors }
    }

    fn past_projects(&self) -> &[PastProjectView] {
        &self.page.past_projects
    }

    fn manage(&self) -> bool {
        self.page.org.can_edit
    }

    fn past_project_base(&self) -> String {
        format!("/organizations/{}/past-projects", self.page.org.id)
    }

    fn sees_everything(&self) -> bool {
        self.page.org.sight == Sight::Full
    }
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

/// `GET /organizations/{id}`: 404 when unknown or hidden from the viewer.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<ShowQuery>,
) -> Result<Response, WebError> {
    let page = show_organization(&state.app, ctx.actor(), &org_id(&id)?).await?;
    let mut show = ShowPage::new(&state, ctx, page, q.saved.is_some(), None);
    show.review = q.saved.as_deref() == Some("review");
    render(&show)
}

/// `POST /organizations/{id}/past-projects`.
pub async fn add_past_project(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Path(id): Path<String>,
    Form(i): Form<PastProjectInput>,
) -> Result<Response, WebError> {
    let id = org_id(&id)?;
    let form = PastProjectForm::from(i);
    match past_projects::add(&state.app, actor(&ctx)?, &id, &form).await {
        Ok(()) => Ok(see_other(&format!("/organizations/{id}#past-projects"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = show_organization(&state.app, ctx.actor(), &id).await?;
            let status =
                if headers.contains_key("hx-request") { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
            Ok((status, render(&ShowPage::new(&state, ctx, page, false, Some((form, e))))?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /organizations/{id}/past-projects/{past_project}/delete`.
pub async fn delete_past_project(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, past_project)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = org_id(&id)?;
    let past_project = PastProjectId::parse(&past_project).ok_or(WebError::NotFound)?;
    past_projects::delete(&state.app, actor(&ctx)?, &id, &past_project).await?;
    Ok(see_other(&format!("/organizations/{id}#past-projects")))
}

#[derive(Template)]
#[template(path = "organizations/members.html")]
struct MembersPage {
    ctx: Ctx,
    page: OrganizationPage,
    invite_email: String,
    invite_role: String,
    roles: Vec<Choice>,
    errors: Errors,
    invited: bool,
}

/// The members page is for those who manage the organization, and staff.
async fn members_page(state: &AppState, ctx: &Ctx, id: &OrganizationId) -> Result<OrganizationPage, WebError> {
    let page = show_organization(&state.app, Some(actor(ctx)?), id).await?;
    if page.org.can_invite || ctx.is_staff() { Ok(page) } else { Err(WebError::Forbidden) }
}

/// `GET /organizations/{id}/members`.
pub async fn members(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let page = members_page(&state, &ctx, &org_id(&id)?).await?;
    render(&MembersPage {
        roles: choices::member_roles(&ctx),
        ctx,
        page,
        invite_email: String::new(),
        invite_role: MemberRole::Member.code().to_owned(),
        errors: Errors::default(),
        invited: false,
    })
}

/// `POST /organizations/{id}/members/{user}/remove`: the member loses the organization and their sessions end.
pub async fn remove_member(
    State(state): State<AppState>,
    ctx: Ctx,
    Path((id, user)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let id = org_id(&id)?;
    let user = UserId::parse(&user).ok_or(WebError::NotFound)?;
    let errors = match remove(&state.app, actor(&ctx)?, &id, &user).await {
        Ok(()) => return Ok(see_other(&format!("/organizations/{id}/members"))),
        Err(halqe_app::Error::Form(e)) => Errors::new(e),
        Err(e) => return Err(e.into()),
    };
    let page = members_page(&state, &ctx, &id).await?;
    let body = render(&MembersPage {
        roles: choices::member_roles(&ctx),
        ctx,
        page,
        invite_email: String::new(),
        invite_role: MemberRole::Member.code().to_owned(),
        errors,
        invited: false,
    })?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, body).into_response())
}

#[derive(Deserialize)]
pub struct InviteInput {
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

/// `POST /organizations/{id}/members`: owners and admins invite by email.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<InviteInput>,
) -> Result<Response, WebError> {
    let id = org_id(&id)?;
    let invited = invite_member(&state.app, actor(&ctx)?, &id, &f.email, &f.role, &ctx.client_ip).await;
    let (status, email, errors, invited) = match invited {
        Ok(()) => (StatusCode::OK, String::new(), Errors::default(), true),
        Err(halqe_app::Error::Form(e)) => (StatusCode::UNPROCESSABLE_ENTITY, f.email, Errors::new(e), false),
        Err(e) => return Err(e.into()),
    };
    let page = members_page(&state, &ctx, &id).await?;
    let invite_role = if invited { MemberRole::Member.code().to_owned() } else { f.role };
    let body = render(&MembersPage {
        roles: choices::member_roles(&ctx),
        ctx,
        page,
        invite_email: email,
        invite_role,
        errors,
        invited,
    })?;
    Ok((status, body).into_response())
}
