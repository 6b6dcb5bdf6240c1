//! The capacity directory (search) and need matching pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use halqe_app::fields::Field;
use halqe_app::search::directory::{DirectoryRequest, PAGE_SIZE, search};
use halqe_app::search::matching::{NeedRequest, match_need};
use halqe_domain::province::Province;
use halqe_domain::registry::OrgKind;
use halqe_search::DocKind;
use halqe_search::directory::DirectoryResults;
use halqe_search::matching::Match;
use halqe_search::query::Filters;
use serde::Deserialize;

use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::state::AppState;

/// Query string of both pages.
#[derive(Debug, Default, Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    field: String,
    #[serde(default)]
    province: String,
    #[serde(default)]
    org_kind: String,
    #[serde(default)]
    verified: String,
    #[serde(default)]
    page: Option<usize>,
    #[serde(default)]
    need: String,
}

impl SearchParams {
    fn filters(&self) -> Filters {
        Filters {
            kind: DocKind::parse(&self.kind).filter(|k| *k != DocKind::Need),
            field: Some(self.field.clone()).filter(|f| !f.is_empty()),
            province: Province::parse(&self.province).ok().map(|p| p.code().to_owned()),
            org_kind: OrgKind::parse(&self.org_kind).ok().map(|k| k.code().to_owned()),
            verified_only: self.verified == "1",
            ..Filters::default()
        }
    }
}

/// A facet value with its label and count, and the link that applies it.
pub struct FacetLink {
    pub label: String,
    pub count: i64,
    pub href: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "search/directory.html")]
struct DirectoryPage {
    ctx: Ctx,
    q: String,
    results: DirectoryResults,
    facet_kind: Vec<FacetLink>,
    facet_field: Vec<FacetLink>,
    facet_province: Vec<FacetLink>,
    facet_org_kind: Vec<FacetLink>,
    page: usize,
    pages: usize,
    prev_href: String,
    next_href: String,
    verified_href: String,
    verified_on: bool,
}

/// The query string with one parameter replaced (and the page reset).
fn with_param(p: &SearchParams, key: &str, value: &str) -> String {
    let mut pairs: Vec<(&str, String)> = vec![
        ("q", p.q.clone()),
        ("kind", p.kind.clone()),
        ("field", p.field.clone()),
        ("province", p.province.clone()),
        ("org_kind", p.org_kind.clone()),
        ("verified", p.verified.clone()),
    ];
    for pair in &mut pairs {
        if pair.0 == key {
            pair.1 = value.to_owned();
        }
    }
    if key == "page" {
        pairs.push(("page", value.to_owned()));
    }
    pairs.retain(|(_, v)| !v.is_empty());
    format!("/directory?{}", serde_urlencoded::to_string(&pairs).unwrap_or_default())
}

fn facet(
    p: &SearchParams,
    key: &str,
    current: &str,
    counts: &[(String, u64)],
    label: impl Fn(&str) -> String,
) -> Vec<FacetLink> {
    counts
        .iter()
        .map(|(value, count)| FacetLink {
            label: label(value),
            count: i64::try_from(*count).unwrap_or(i64::MAX),
            active: value == current,
            href: with_param(p, key, if value == current { "" } else { value }),
        })
        .collect()
}

/// `GET /directory`.
pub async fn directory(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> Result<Response, WebError> {
    let page = p.page.unwrap_or(1).max(1);
    let req = DirectoryRequest { text: p.q.clone(), filters: p.filters(), page };
    let results = search(&state.search, ctx.actor(), &req).await?;
    let fields = halqe_app::fields::list(&state.app).await?;
    let field_name = |id: &str| {
        fields
            .iter()
            .find(|f| f.id == id)
            .map(|f| ctx.pick(&f.name_fa, &f.name_en).to_owned())
            .unwrap_or_else(|| id.to_owned())
    };
    let facet_kind = facet(&p, "kind", &p.kind, &results.facets.kind, |v| ctx.tk("doc-kind", v));
    let facet_field = facet(&p, "field", &p.field, &results.facets.field, field_name);
    let facet_province = facet(&p, "province", &p.province, &results.facets.province, |v| {
        Province::parse(v).map(|pr| ctx.province(&pr).to_owned()).unwrap_or_else(|_| v.to_owned())
    });
    let facet_org_kind = facet(&p, "org_kind", &p.org_kind, &results.facets.org_kind, |v| ctx.tk("org-kind", v));
    let pages = results.total.div_ceil(PAGE_SIZE).max(1);
    let verified_on = p.verified == "1";
    render(&DirectoryPage {
        q: p.q.clone(),
        prev_href: with_param(&p, "page", &(page.saturating_sub(1)).max(1).to_string()),
        next_href: with_param(&p, "page", &(page + 1).to_string()),
        verified_href: with_param(&p, "verified", if verified_on { "" } else { "1" }),
        verified_on,
        results,
        facet_kind,
        facet_field,
        facet_province,
        facet_org_kind,
        page,
        pages,
        ctx,
    })
}

#[derive(Template)]
#[template(path = "search/match.html")]
struct MatchPage {
    ctx: Ctx,
    need: String,
    field: String,
    province: String,
    org_kind: String,
    verified_on: bool,
    fields: Vec<Field>,
    provinces: &'static [Province],
    org_kinds: &'static [OrgKind],
    matches: Vec<Match>,
    searched: bool,
}

/// `GET /match`: a need typed by an officer or staff, ranked candidates with reasons.
pub async fn match_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> Result<Response, WebError> {
    let actor = ctx.signed_actor()?.clone();
    let searched = !p.need.trim().is_empty();
    let matches = if searched {
        let req = NeedRequest {
            text: p.need.clone(),
            fields: Some(p.field.clone()).filter(|f| !f.is_empty()).into_iter().collect(),
            filters: p.filters(),
            top: 20,
        };
        match_need(&state.search, &actor, &req).await?
    } else {
        Vec::new()
    };
    let fields = halqe_app::fields::list(&state.app).await?;
    render(&MatchPage {
        ctx,
        need: p.need.clone(),
        field: p.field.clone(),
        province: p.province.clone(),
        org_kind: p.org_kind.clone(),
        verified_on: p.verified == "1",
        fields,
        provinces: &Province::ALL,
        org_kinds: &OrgKind::ALL,
        matches,
        searched,
    })
}
