//! `/api/v1/search` and `/api/v1/match`.

use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use halqe_app::introductions::Why;
use halqe_app::search::directory::{DirectoryRequest, search as directory_search};
use halqe_app::search::filters::FilterInput;
use halqe_app::search::matching::{NeedRequest, match_need};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

/// Directory search parameters.
#[derive(Debug, Default, Deserialize, IntoParams)]
pub struct SearchParams {
    /// Free text in Persian and/or English; every term must match.
    #[serde(default)]
    pub q: String,
    /// `person` or `organization`.
    #[serde(default)]
    pub kind: Option<String>,
    /// A taxonomy field id.
    #[serde(default)]
    pub field: Option<String>,
    /// A province code, e.g. `isfahan`.
    #[serde(default)]
    pub province: Option<String>,
    /// An organization kind, e.g. `knowledge_based`.
    #[serde(default)]
    pub org_kind: Option<String>,
    /// Only verified profiles.
    #[serde(default)]
    pub verified: Option<bool>,
    /// 1-based page of 20.
    #[serde(default)]
    pub page: Option<usize>,
}

/// One directory hit. Never carries personal identifiers or contact details.
#[derive(Debug, Serialize, ToSchema)]
pub struct HitView {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub province: String,
    pub verified: bool,
    pub score: f32,
    /// The snippet with highlighted parts marked.
    pub snippet: Vec<SegmentView>,
}

impl From<halqe_search::directory::Hit> for HitView {
    fn from(h: halqe_search::directory::Hit) -> Self {
        Self {
            kind: h.doc.kind.map(|k| k.code()).unwrap_or("person").to_owned(),
            id: h.doc.id,
            name: h.doc.name,
            province: h.doc.province,
            verified: h.doc.verified,
            score: h.score,
            snippet: h.snippet.into_iter().map(|s| SegmentView { text: s.text, highlight: s.highlight }).collect(),
        }
    }
}

/// A piece of a snippet.
#[derive(Debug, Serialize, ToSchema)]
pub struct SegmentView {
    pub text: String,
    pub highlight: bool,
}

/// A facet value and its count.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub count: u64,
}

/// Directory results.
#[derive(Debug, Serialize, ToSchema)]
pub struct SearchResponse {
    pub total: usize,
    pub page: usize,
    pub hits: Vec<HitView>,
    pub facets: std::collections::BTreeMap<String, Vec<FacetCount>>,
    /// Profiles related by meaning (none by the words), offered when the words found fewer than five and
    /// the node matches by meaning.
    pub related: Vec<HitView>,
}

fn counts(v: &[(String, u64)]) -> Vec<FacetCount> {
    v.iter().map(|(value, count)| FacetCount { value: value.clone(), count: *count }).collect()
}

/// Search the capacity directory (what the caller may see only).
#[utoipa::path(get, path = "/api/v1/search", params(SearchParams),
    responses(
        (status = 200, description = "One page of results the caller may see, with facet counts", body = SearchResponse),
        (status = 400, description = "A parameter is not valid", body = super::ApiError),
    ),
    tag = "search")]
pub async fn search(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(p): Query<SearchParams>,
) -> Result<Response, WebError> {
    let page = p.page.unwrap_or(1).max(1);
    let req = DirectoryRequest {
        text: p.q.clone(),
        filters: FilterInput {
            kind: p.kind.as_deref().unwrap_or_default(),
            field: p.field.as_deref().unwrap_or_default(),
            province: p.province.as_deref().unwrap_or_default(),
            org_kind: p.org_kind.as_deref().unwrap_or_default(),
            verified: p.verified.unwrap_or(false),
        }
        .filters(),
        page,
    };
    let r = directory_search(&state.app, &state.search, ctx.actor(), &req).await?;
    let hits = r.hits.into_iter().map(HitView::from).collect();
    let related = r.related.into_iter().map(HitView::from).collect();
    let facets = [
        ("kind", counts(&r.facets.kind)),
        ("field", counts(&r.facets.field)),
        ("province", counts(&r.facets.province)),
        ("org_kind", counts(&r.facets.org_kind)),
        ("availability", counts(&r.facets.availability)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    Ok(Json(SearchResponse { total: r.total, page, hits, facets, related }).into_response())
}

/// A need to match.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MatchRequest {
    /// The need in free text (Persian and/or English).
    pub need: String,
    /// Taxonomy field ids the need belongs to (at most 32).
    #[serde(default)]
    pub fields: Vec<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub org_kind: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    #[serde(default)]
    pub verified_only: bool,
    /// Ids to leave out (e.g. already introduced), at most 2000.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// How many candidates, 1–100 (default 10).
    #[serde(default)]
    pub top: Option<usize>,
}

/// One signal's part in a score.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignalView {
    /// `text`, `taxonomy`, `track_record` or `semantic`.
    pub signal: String,
    pub value: f32,
    pub weight: f32,
    pub share: f32,
}

/// A word the need and the candidate share, as each writes it (never the analyzer's stem).
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchedTermView {
    /// As the need writes it, e.g. «پژوهشگران».
    pub need: String,
    /// As the candidate's profile writes it, e.g. «پژوهشگر».
    pub profile: String,
}

/// Why a candidate is proposed: the score, each signal's part in it and what matched.
#[derive(Debug, Serialize, ToSchema)]
pub struct WhyView {
    pub score: f32,
    pub signals: Vec<SignalView>,
    /// Shared words, the need's weightiest first.
    pub matched_terms: Vec<MatchedTermView>,
    pub matched_fields: Vec<String>,
    /// Titles of the candidate's publications that matched.
    pub matched_publications: Vec<String>,
    pub shared_fields: Vec<String>,
    /// Found only by meaning: the candidate shares none of the need's words.
    pub by_meaning: bool,
}

impl From<Why> for WhyView {
    fn from(w: Why) -> Self {
        Self {
            score: w.score,
            signals: w
                .signals
                .into_iter()
                .map(|s| SignalView { signal: s.name, value: s.value, weight: s.weight, share: s.share })
                .collect(),
            matched_terms: w
                .matched_terms
                .into_iter()
                .map(|t| MatchedTermView { need: t.need, profile: t.profile })
                .collect(),
            matched_fields: w.matched_fields,
            matched_publications: w.matched_publications.into_iter().map(|(title, _)| title).collect(),
            shared_fields: w.shared_fields,
            by_meaning: w.by_meaning,
        }
    }
}

/// A ranked candidate with the reasons.
#[derive(Debug, Serialize, ToSchema)]
pub struct MatchView {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub province: String,
    pub verified: bool,
    #[serde(flatten)]
    pub why: WhyView,
}

/// Rank people and organizations for a need (officers and staff), each with its explanation.
#[utoipa::path(post, path = "/api/v1/match", request_body = MatchRequest,
    responses(
        (status = 200, description = "Candidates, best first, each with its explanation", body = Vec<MatchView>),
        (status = 400, description = "The body is not JSON of this shape", body = super::ApiError),
        (status = 401, description = "Not signed in", body = super::ApiError),
        (status = 403, description = "Neither an officer nor staff", body = super::ApiError),
        (status = 422, description = "A need over its length, or more fields or left-out candidates than allowed; `fields` names which", body = super::ApiError),
    ),
    tag = "search")]
pub async fn match_handler(
    State(state): State<AppState>,
    ctx: Ctx,
    body: Result<Json<MatchRequest>, axum::extract::rejection::JsonRejection>,
) -> Result<Response, WebError> {
    let Json(m) = body.map_err(|_| WebError::BadRequest)?;
    let cap = ctx.matcher()?;
    let mut f = FilterInput {
        kind: m.kind.as_deref().unwrap_or_default(),
        province: m.province.as_deref().unwrap_or_default(),
        org_kind: m.org_kind.as_deref().unwrap_or_default(),
        verified: m.verified_only,
        ..FilterInput::default()
    }
    .filters();
    f.exclude = m.exclude.clone();
    let req = NeedRequest { text: m.need.clone(), fields: m.fields.clone(), filters: f, top: m.top.unwrap_or(10) };
    let matches = match match_need(&state.app, &state.search, &cap, &req).await {
        Ok(matches) => matches,
        Err(e) => return super::refused(&ctx, e),
    };
    let out: Vec<MatchView> = matches
        .into_iter()
        .map(|x| MatchView {
            why: Why::from(&x).into(),
            kind: x.doc.kind.map(|k| k.code()).unwrap_or("person").to_owned(),
            id: x.doc.id,
            name: x.doc.name,
            province: x.doc.province,
            verified: x.doc.verified,
        })
        .collect();
    Ok(Json(out).into_response())
}
