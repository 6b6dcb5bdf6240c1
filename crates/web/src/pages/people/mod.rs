//! People: the directory of people and one person's page, each cut to what the viewer may see; the signed-in
//! person's own profile is `mine`.

pub mod mine;

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use halqe_app::paging::Paging;
use halqe_app::people::PastProjectView;
use halqe_app::people::PersonView;
use halqe_app::people::list::{Filter, directory};
use halqe_app::people::show::{PersonPage, show as show_person};
use halqe_domain::ids::PersonId;
use halqe_domain::province::Province;
use serde::Deserialize;

use crate::choices::{self, Choice, FieldGroup};
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::Errors;
use crate::state::AppState;

#[derive(Template)]
#[template(path = "people/list.html")]
struct ListPage {
    ctx: Ctx,
    people: Vec<PersonView>,
    pager: Paging,
    list_path: &'static str,
    /// The active filters as a query string ending in `&`, for the pager's links.
    query_base: String,
    province: String,
    field: String,
    provinces: Vec<Choice>,
    groups: Vec<FieldGroup>,
    no_errors: Errors,
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    province: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    page: Option<String>,
}

/// The page number of a query, 1 when absent or unreadable.
pub(crate) fn page_number(raw: Option<&str>) -> i64 {
    raw.and_then(|p| halqe_domain::text::digits_to_ascii(p).trim().parse().ok()).unwrap_or(1)
}

/// `a=1&b=2&` from the non-empty pairs (urlencoded), or empty.
pub(crate) fn query_base(pairs: &[(&str, &str)]) -> String {
    let kept: Vec<_> = pairs.iter().filter(|(_, v)| !v.is_empty()).collect();
    if kept.is_empty() {
        return String::new();
    }
    serde_urlencoded::to_string(kept).map(|q| format!("{q}&")).unwrap_or_default()
}

/// `GET /people`: the people the viewer may see, filtered by province and field.
pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, WebError> {
    let province = Province::parse(&q.province).ok();
    let filter = Filter {
        province,
        field: Some(q.field.trim().to_owned()).filter(|f| !f.is_empty()),
        page: page_number(q.page.as_deref()),
    };
    let d = directory(&state.app, ctx.actor(), &filter).await?;
    let province = province.map(|p| p.code().to_owned()).unwrap_or_default();
    let field = filter.field.filter(|f| d.taxonomy.get(f).is_some()).unwrap_or_default();
    render(&ListPage {
        query_base: query_base(&[("province", &province), ("field", &field)]),
        provinces: choices::provinces(&ctx),
        groups: choices::field_groups(&d.taxonomy),
        people: d.people,
        pager: d.paging,
        list_path: "/people",
        province,
        field,
        no_errors: Errors::default(),
        ctx,
    })
}

#[derive(Template)]
#[template(path = "people/show.html")]
struct ShowPage {
    ctx: Ctx,
    p: PersonPage,
}

impl ShowPage {
    fn past_projects(&self) -> &[PastProjectView] {
        &self.p.past_projects
    }

    fn manage(&self) -> bool {
        false
    }

    fn past_project_base(&self) -> &'static str {
        "/profile/past-projects"
    }
}

/// `GET /people/{id}`: 404 both for an unknown id and for a profile hidden from the viewer.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = PersonId::parse(&id).ok_or(WebError::NotFound)?;
    let p = show_person(&state.app, ctx.actor(), &id).await?;
    render(&ShowPage { ctx, p })
}
