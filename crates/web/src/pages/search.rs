//! The capacity directory (search) and need matching pages.

use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use halqe_app::fields::Field;
use halqe_app::introductions::rematch::{SavedNeed, rematch, saved_need};
use halqe_app::search::directory::{DirectoryRequest, PAGE_SIZE, search};
use halqe_app::search::filters::FilterInput;
use halqe_app::search::matching::{NeedRequest, match_need};
use halqe_domain::ids::NeedId;
use halqe_domain::province::Province;
use halqe_domain::registry::OrgKind;
use halqe_search::directory::DirectoryResults;
use halqe_search::matching::Match;
use halqe_search::query::Filters;
use serde::Deserialize;

use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::Errors;
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
    /// A saved need matched again, leaving out the candidates already introduced for it.
    #[serde(default)]
    saved: String,
    /// How many introductions the last shortlist sent.
    #[serde(default)]
    sent: Option<usize>,
}

impl SearchParams {
    /// The need a shortlist form was sent for, to show the match page again.
    pub(crate) fn shortlisted(need: String, field: String, saved: String) -> Self {
        Self { need, field, saved, ..Self::default() }
    }

    fn filters(&self) -> Filters {
        let verified = self.verified == "1";
        let (kind, field, province, org_kind) = (&*self.kind, &*self.field, &*self.province, &*self.org_kind);
        FilterInput { kind, field, province, org_kind, verified }.filters()
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
    let results = search(&state.app, &state.search, ctx.actor(), &req).await?;
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
    /// The saved need being matched again, with its introductions.
    saved: Option<SavedNeed>,
    sent: usize,
    /// The shortlist form shown again with its errors.
    note: String,
    errors: Errors,
}

impl MatchPage {
    /// The `person:<id>` / `organization:<id>` value a result's checkbox sends.
    fn candidate_value(&self, m: &Match) -> String {
        let kind = m.doc.kind.map(|k| k.code()).unwrap_or("person");
        format!("{kind}:{}", m.doc.id)
    }
}

/// The shortlist form as it was sent, when it is shown again with errors.
#[derive(Default)]
pub(crate) struct Shortlist {
    pub note: String,
    pub errors: Errors,
}

/// `GET /match`: a need typed by an officer or staff, or a saved one, and ranked candidates with reasons.
pub async fn match_page(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> Result<Response, WebError> {
    match_view(&state, ctx, &p, Shortlist::default()).await
}

/// The match page for `p`, with the shortlist form as given.
pub(crate) async fn match_view(
    state: &AppState,
    ctx: Ctx,
    p: &SearchParams,
    shortlist: Shortlist,
) -> Result<Response, WebError> {
    let cap = ctx.matcher()?;
    let saved = match p.saved.trim() {
        "" => None,
        id => Some(saved_need(&state.app, cap.actor(), &NeedId::parse(id).ok_or(WebError::NotFound)?).await?),
    };
    let searched = saved.is_some() || !p.need.trim().is_empty();
    let matches = match &saved {
        Some(need) => rematch(&state.app, &state.search, &cap, need, p.filters(), 20).await?,
        None if searched => {
            let req = NeedRequest {
                text: p.need.clone(),
                fields: Some(p.field.clone()).filter(|f| !f.is_empty()).into_iter().collect(),
                filters: p.filters(),
                top: 20,
            };
            match_need(&state.app, &state.search, &cap, &req).await?
        }
        None => Vec::new(),
    };
    let fields = halqe_app::fields::list(&state.app).await?;
    render(&MatchPage {
        ctx,
        need: saved.as_ref().map(|n| n.text.clone()).unwrap_or_else(|| p.need.clone()),
        field: p.field.clone(),
        province: p.province.clone(),
        org_kind: p.org_kind.clone(),
        verified_on: p.verified == "1",
        fields,
        provinces: &Province::ALL,
        org_kinds: &OrgKind::ALL,
        matches,
        searched,
        saved,
        sent: p.sent.unwrap_or(0),
        note: shortlist.note,
        errors: shortlist.errors,
    })
}
