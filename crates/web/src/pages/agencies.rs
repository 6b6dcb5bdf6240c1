//! Staff pages for government agencies and inviting their officers.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::agencies::Agency;
use halqe_app::agencies::create::{AgencyForm, create as create_agency};
use halqe_app::agencies::invite_officer::invite_officer;
use halqe_app::agencies::show::{AgencyDetail, detail, list as list_agencies};
use halqe_domain::agency::AgencyKind;
use halqe_domain::ids::AgencyId;
use halqe_domain::permissions::StaffCap;
use halqe_domain::province::Province;
use serde::Deserialize;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

fn staff(ctx: &Ctx) -> Result<StaffCap, WebError> {
    ctx.actor().ok_or(WebError::Forbidden)?.staff().map_err(|_| WebError::Forbidden)
}

#[derive(Template)]
#[template(path = "agencies/list.html")]
struct ListPage {
    ctx: Ctx,
    agencies: Vec<Agency>,
}

/// `GET /agencies`.
pub async fn list(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let agencies = list_agencies(&state.app, &cap).await?;
    render(&ListPage { ctx, agencies })
}

#[derive(Template)]
#[template(path = "agencies/new.html")]
struct NewPage {
    ctx: Ctx,
    form: AgencyForm,
    errors: Errors,
    kinds: &'static [AgencyKind],
    provinces: &'static [Province],
}

impl NewPage {
    fn new(ctx: Ctx, form: AgencyForm, errors: Errors) -> Self {
        Self { ctx, form, errors, kinds: &AgencyKind::ALL, provinces: &Province::ALL }
    }
}

/// `GET /agencies/new`.
pub async fn new_form(ctx: Ctx) -> Result<Response, WebError> {
    render(&NewPage::new(ctx, AgencyForm::default(), Errors::default()))
}

#[derive(Deserialize)]
pub struct AgencyInput {
    #[serde(default)]
    name_fa: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    province: String,
}

/// `POST /agencies`.
pub async fn create(State(state): State<AppState>, ctx: Ctx, Form(f): Form<AgencyInput>) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let form = AgencyForm { name_fa: f.name_fa, name_en: f.name_en, kind: f.kind, province: f.province };
    match create_agency(&state.app, &cap, &form).await {
        Ok(id) => Ok(see_other(&format!("/agencies/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            let page = NewPage::new(ctx, form, Errors::new(e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "agencies/show.html")]
struct ShowPage {
    ctx: Ctx,
    d: AgencyDetail,
    invite_email: String,
    errors: Errors,
    invited: bool,
}

fn agency_id(raw: &str) -> Result<AgencyId, WebError> {
    AgencyId::parse(raw).ok_or(WebError::NotFound)
}

/// `GET /agencies/{id}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let d = detail(&state.app, &cap, &agency_id(&id)?).await?;
    render(&ShowPage { ctx, d, invite_email: String::new(), errors: Errors::default(), invited: false })
}

#[derive(Deserialize)]
pub struct InviteInput {
    #[serde(default)]
    email: String,
}

/// `POST /agencies/{id}/invitations`.
pub async fn invite(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(f): Form<InviteInput>,
) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let id = agency_id(&id)?;
    let (status, email, errors, invited) = match invite_officer(&state.app, &cap, &id, &f.email, &ctx.client_ip).await {
        Ok(_) => (StatusCode::OK, String::new(), Errors::default(), true),
        Err(halqe_app::Error::Form(e)) => (StatusCode::UNPROCESSABLE_ENTITY, f.email, Errors::new(e), false),
        Err(e) => return Err(e.into()),
    };
    let d = detail(&state.app, &cap, &id).await?;
    Ok((status, render(&ShowPage { ctx, d, invite_email: email, errors, invited })?).into_response())
}
