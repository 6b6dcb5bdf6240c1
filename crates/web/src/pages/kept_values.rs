//! Kept values for staff: the values imports could not map, with how many records carry them, and the form
//! that maps one to an entry for all of them and for later imports.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::kept_values::map::{MapForm, map as map_value};
use halqe_app::kept_values::{Overview, UnmappedView, overview};
use halqe_domain::kept_value::KeptColumn;
use serde::Deserialize;

use super::see_other;
use crate::choices::{self, Choice, FieldGroup};
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "kept_values/list.html")]
struct ListPage {
    ctx: Ctx,
    overview: Overview,
    groups: Vec<FieldGroup>,
    provinces: Vec<Choice>,
    degrees: Vec<Choice>,
    kinds: Vec<Choice>,
    /// How many records the last mapping updated.
    mapped: Option<i64>,
    /// The value whose mapping was refused, with why.
    failed: Option<(String, Errors)>,
}

impl ListPage {
    fn new(ctx: Ctx, overview: Overview, mapped: Option<i64>, failed: Option<(String, Errors)>) -> Self {
        Self {
            groups: choices::field_groups(&overview.taxonomy),
            provinces: choices::provinces(&ctx),
            degrees: choices::degrees(&ctx),
            kinds: choices::org_kinds(&ctx),
            ctx,
            overview,
            mapped,
            failed,
        }
    }

    /// Whether the value's choices are the taxonomy (grouped) rather than a flat list.
    fn is_field(&self, u: &UnmappedView) -> bool {
        u.column == KeptColumn::Field
    }

    /// The flat choices of a value's column.
    fn choices(&self, u: &UnmappedView) -> &[Choice] {
        match u.column {
            KeptColumn::Field => &[],
            KeptColumn::Province => &self.provinces,
            KeptColumn::Degree => &self.degrees,
            KeptColumn::Kind => &self.kinds,
        }
    }

    /// The refusal shown under a value's form, if it was the one refused.
    fn errors_of(&self, u: &UnmappedView) -> Option<&Errors> {
        self.failed.as_ref().filter(|(key, _)| *key == u.value_key).map(|(_, e)| e)
    }
}

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    mapped: Option<String>,
}

/// `GET /kept-values`.
pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<ListQuery>) -> Result<Response, WebError> {
    let overview = overview(&state.app, &ctx.staff()?).await?;
    let mapped = q.mapped.and_then(|m| m.parse().ok());
    render(&ListPage::new(ctx, overview, mapped, None))
}

#[derive(Deserialize)]
pub struct MapInput {
    #[serde(default)]
    column: String,
    #[serde(default)]
    value_key: String,
    #[serde(default)]
    target: String,
}

/// `POST /kept-values/map`: one value of a column means this entry, for every record and later imports.
pub async fn map(State(state): State<AppState>, ctx: Ctx, Form(f): Form<MapInput>) -> Result<Response, WebError> {
    let cap = ctx.staff()?;
    let form = MapForm { column: f.column, value_key: f.value_key, target: f.target };
    match map_value(&state.app, &cap, &form).await {
        Ok(records) => Ok(see_other(&format!("/kept-values?mapped={records}"))),
        Err(halqe_app::Error::Form(e)) => {
            let overview = overview(&state.app, &cap).await?;
            let page = ListPage::new(ctx, overview, None, Some((form.value_key, Errors::new(e))));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
