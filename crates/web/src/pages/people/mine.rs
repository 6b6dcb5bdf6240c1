//! The signed-in user's own profile: overview with completeness, the edit form, publications and past projects.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::identity_conflicts::Answer;
use halqe_app::people::PastProjectView;
use halqe_app::people::edit::{ProfileForm, edit_form, save};
use halqe_app::people::mine::my_profile;
use halqe_app::people::past_projects::PastProjectForm;
use halqe_app::people::publications::PublicationForm;
use halqe_app::people::show::PersonPage;
use halqe_app::people::{past_projects, publications};
use halqe_domain::ids::{PastProjectId, PublicationId};
use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;
use serde::Deserialize;

use crate::choices::{self, Choice, FieldGroup};
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::pages::see_other;
use crate::state::AppState;

fn actor(ctx: &Ctx) -> Result<&Actor, WebError> {
    ctx.actor().ok_or(WebError::Forbidden)
}

/// A missing part of the profile and where to fix it.
pub struct Missing {
    pub code: &'static str,
    pub href: &'static str,
}

/// Where each completeness part is filled in.
fn fix_link(code: &str) -> &'static str {
    match code {
        "national_id" => "/profile/edit#f-national_id",
        "mobile" => "/profile/edit#f-mobile",
        "location" => "/profile/edit#f-province",
        "education" => "/profile/edit#f-degree",
        "primary_field" => "/profile/edit#f-primary_field",
        "skills" => "/profile/edit#f-skills",
        "bio" => "/profile/edit#f-bio_fa",
        "links" => "/profile/edit#f-orcid",
        "publications" => "/profile#publications",
        "past_projects" => "/profile#past-projects",
        "verified" => "/claims",
        _ => "/profile/edit",
    }
}

#[derive(Template)]
#[template(path = "people/mine/show.html")]
struct ShowPage {
    ctx: Ctx,
    p: PersonPage,
    percent: i64,
    missing: Vec<Missing>,
    saved: bool,
    /// A newly declared national ID goes to staff review (said whether or not another profile holds it).
    review: bool,
    can_claim: bool,
    pub_form: PublicationForm,
    pub_errors: Errors,
    past_project_form: PastProjectForm,
    past_project_errors: Errors,
}

impl ShowPage {
    fn past_projects(&self) -> &[PastProjectView] {
        &self.p.past_projects
    }

    fn manage(&self) -> bool {
        true
    }

    fn past_project_base(&self) -> &'static str {
        "/profile/past-projects"
    }
}

/// Which sub-form of the overview is being shown again with its errors.
enum Retry {
    None,
    Publication(PublicationForm, FormErrors),
    PastProject(PastProjectForm, FormErrors),
}

async fn overview(state: &AppState, ctx: Ctx, saved: bool, retry: Retry) -> Result<ShowPage, WebError> {
    let actor = actor(&ctx)?;
    let mine = my_profile(&state.app, actor).await?;
    let missing = mine.completeness.missing.iter().map(|code| Missing { code, href: fix_link(code) }).collect();
    let can_claim = actor.has(Role::Innovator);
    let (pub_form, pub_errors, past_project_form, past_project_errors) = match retry {
        Retry::None => Default::default(),
        Retry::Publication(f, e) => (f, Errors::new(e), PastProjectForm::default(), Errors::default()),
        Retry::PastProject(f, e) => (PublicationForm::default(), Errors::default(), f, Errors::new(e)),
    };
    Ok(ShowPage {
        ctx,
        p: mine.page,
        percent: i64::from(mine.completeness.percent),
        missing,
        saved,
        review: false,
        can_claim,
        pub_form,
        pub_errors,
        past_project_form,
        past_project_errors,
    })
}

#[derive(Deserialize)]
pub struct ShowQuery {
    saved: Option<String>,
}

/// `GET /profile`: the owner's overview (before the first save, of the unsaved draft; a view never writes).
pub async fn show(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ShowQuery>) -> Result<Response, WebError> {
    let mut page = overview(&state, ctx, q.saved.is_some(), Retry::None).await?;
    page.review = q.saved.as_deref() == Some("review");
    render(&page)
}

#[derive(Template)]
#[template(path = "people/mine/edit.html")]
struct EditPage {
    ctx: Ctx,
    form: ProfileForm,
    errors: Errors,
    groups: Vec<FieldGroup>,
    provinces: Vec<Choice>,
    degrees: Vec<Choice>,
    availabilities: Vec<Choice>,
    visibilities: Vec<Choice>,
}

impl EditPage {
    async fn new(state: &AppState, ctx: Ctx, form: ProfileForm, errors: Errors) -> Result<Self, WebError> {
        let taxonomy = halqe_app::fields::taxonomy(&state.app).await?;
        Ok(Self {
            groups: choices::field_groups(&taxonomy),
            provinces: choices::provinces(&ctx),
            degrees: choices::degrees(&ctx),
            availabilities: choices::availabilities(&ctx),
            visibilities: choices::visibilities(&ctx),
            ctx,
            form,
            errors,
        })
    }

    fn has_secondary(&self, id: &str) -> bool {
        self.form.secondary_fields.iter().any(|f| f == id)
    }
}

/// `GET /profile/edit`.
pub async fn edit(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let form = edit_form(&state.app, actor(&ctx)?, ctx.locale).await?;
    render(&EditPage::new(&state, ctx, form, Errors::default()).await?)
}

/// Reads the profile form; `secondary_fields` may repeat, every other field is taken once.
fn profile_form(pairs: Vec<(String, String)>) -> ProfileForm {
    let mut f = ProfileForm::default();
    for (k, v) in pairs {
        let slot = match k.as_str() {
            "secondary_fields" => {
                f.secondary_fields.push(v);
                continue;
            }
            "first_name" => &mut f.first_name,
            "last_name" => &mut f.last_name,
            "name_en" => &mut f.name_en,
            "national_id" => &mut f.national_id,
            "email" => &mut f.email,
            "mobile" => &mut f.mobile,
            "province" => &mut f.province,
            "city" => &mut f.city,
            "institution" => &mut f.institution,
            "degree" => &mut f.degree,
            "education_field" => &mut f.education_field,
            "university" => &mut f.university,
            "graduation_year" => &mut f.graduation_year,
            "primary_field" => &mut f.primary_field,
            "skills" => &mut f.skills,
            "bio_fa" => &mut f.bio_fa,
            "bio_en" => &mut f.bio_en,
            "availability" => &mut f.availability,
            "orcid" => &mut f.orcid,
            "scholar_url" => &mut f.scholar_url,
            "website" => &mut f.website,
            "visibility" => &mut f.visibility,
            _ => continue,
        };
        *slot = v;
    }
    f
}

/// `POST /profile/edit`: saved and back to the overview, or the form again with its errors (422).
pub async fn update(
    State(state): State<AppState>,
    ctx: Ctx,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, WebError> {
    let form = profile_form(pairs);
    match save(&state.app, actor(&ctx)?, &form).await {
        Ok(Answer::Saved) => Ok(see_other("/profile?saved=1")),
        Ok(Answer::ForReview) => Ok(see_other("/profile?saved=review")),
        Err(halqe_app::Error::Form(e)) => {
            let page = EditPage::new(&state, ctx, form, Errors::new(e)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// After a sub-form fails: htmx swaps only a 2xx response, so it gets 200; a plain form gets 422.
fn refused(headers: &HeaderMap, page: &ShowPage) -> Result<Response, WebError> {
    let status = if headers.contains_key("hx-request") { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    Ok((status, render(page)?).into_response())
}

#[derive(Deserialize)]
pub struct PublicationInput {
    #[serde(default)]
    title: String,
    #[serde(default)]
    venue: String,
    #[serde(default)]
    year: String,
    #[serde(default, rename = "abstract")]
    abstract_text: String,
    #[serde(default)]
    doi: String,
}

/// `POST /profile/publications`.
pub async fn add_publication(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(i): Form<PublicationInput>,
) -> Result<Response, WebError> {
    let form =
        PublicationForm { title: i.title, venue: i.venue, year: i.year, abstract_text: i.abstract_text, doi: i.doi };
    match publications::add(&state.app, actor(&ctx)?, &form).await {
        Ok(()) => Ok(see_other("/profile#publications")),
        Err(halqe_app::Error::Form(e)) => {
            refused(&headers, &overview(&state, ctx, false, Retry::Publication(form, e)).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /profile/publications/{id}/delete`.
pub async fn delete_publication(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = PublicationId::parse(&id).ok_or(WebError::NotFound)?;
    publications::delete(&state.app, actor(&ctx)?, &id).await?;
    Ok(see_other("/profile#publications"))
}

#[derive(Deserialize)]
pub struct PastProjectInput {
    #[serde(default)]
    past_project_title: String,
    #[serde(default)]
    past_project_description: String,
    #[serde(default)]
    past_project_year: String,
    #[serde(default)]
    government: Option<String>,
    #[serde(default)]
    agency_name: String,
}

impl From<PastProjectInput> for PastProjectForm {
    fn from(i: PastProjectInput) -> Self {
        PastProjectForm {
            title: i.past_project_title,
            description: i.past_project_description,
            year: i.past_project_year,
            government: i.government.is_some_and(|v| !v.is_empty()),
            agency_name: i.agency_name,
        }
    }
}

/// `POST /profile/past-projects`.
pub async fn add_past_project(
    State(state): State<AppState>,
    ctx: Ctx,
    headers: HeaderMap,
    Form(i): Form<PastProjectInput>,
) -> Result<Response, WebError> {
    let form = PastProjectForm::from(i);
    match past_projects::add(&state.app, actor(&ctx)?, &form).await {
        Ok(()) => Ok(see_other("/profile#past-projects")),
        Err(halqe_app::Error::Form(e)) => {
            refused(&headers, &overview(&state, ctx, false, Retry::PastProject(form, e)).await?)
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /profile/past-projects/{id}/delete`.
pub async fn delete_past_project(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    let id = PastProjectId::parse(&id).ok_or(WebError::NotFound)?;
    past_projects::delete(&state.app, actor(&ctx)?, &id).await?;
    Ok(see_other("/profile#past-projects"))
}
