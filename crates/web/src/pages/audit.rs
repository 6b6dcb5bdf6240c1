//! The auditors' browser of the audit record (admins too): entries filtered by kind, actor, object and
//! date, a page at a time; one entry in full; a range exported as CSV or JSON Lines, streamed a batch at a
//! time and bounded. Read-only.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use halqe_app::audit::Entry;
use halqe_app::audit::browse::{self, BATCH, Filter, FilterForm, MAX_EXPORT, Page};
use serde::Deserialize;

use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::Errors;
use crate::state::AppState;

/// The browser's query: the filter, and a cursor.
#[derive(Debug, Default, Deserialize)]
pub struct BrowseQuery {
    /// An action or its start, e.g. `evaluation.`.
    #[serde(default)]
    pub kind: String,
    /// The actor's email.
    #[serde(default)]
    pub actor: String,
    /// The object's id.
    #[serde(default)]
    pub object: String,
    /// First day (Solar Hijri or Gregorian).
    #[serde(default)]
    pub from: String,
    /// Last day, included.
    #[serde(default)]
    pub to: String,
    pub before: Option<i64>,
    pub after: Option<i64>,
    /// For exports: `csv` or `jsonl`.
    #[serde(default)]
    pub format: String,
}

impl BrowseQuery {
    fn form(&self) -> FilterForm {
        FilterForm {
            kind: self.kind.clone(),
            actor: self.actor.clone(),
            object: self.object.clone(),
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }

    /// The filter as query parameters, for the pager and export links.
    fn params(&self) -> String {
        let pairs = [
            ("kind", &self.kind),
            ("actor", &self.actor),
            ("object", &self.object),
            ("from", &self.from),
            ("to", &self.to),
        ];
        serde_urlencoded::to_string(pairs.iter().filter(|(_, v)| !v.is_empty()).collect::<Vec<_>>()).unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "evaluation/audit_browse.html")]
struct BrowseTemplate {
    ctx: Ctx,
    q: BrowseQuery,
    params: String,
    page: Page,
    errors: Errors,
}

impl BrowseTemplate {
    /// The filter's fields: (name, label key, value).
    fn fields(&self) -> [(&'static str, &'static str, &str); 5] {
        let q = &self.q;
        [
            ("kind", "auditing-kind", q.kind.as_str()),
            ("actor", "auditing-actor", q.actor.as_str()),
            ("object", "auditing-object", q.object.as_str()),
            ("from", "auditing-from", q.from.as_str()),
            ("to", "auditing-to", q.to.as_str()),
        ]
    }
}

/// `GET /audit`: the record, filtered, newest first.
pub async fn browse(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BrowseQuery>,
) -> Result<Response, WebError> {
    let cap = ctx.signed_actor()?.audit_reader().map_err(|_| WebError::Forbidden)?;
    let (page, errors) = match browse::filter(&state.app, &q.form()).await {
        Ok(f) => (browse::page(&state.app, &cap, &f, q.before, q.after).await?, Default::default()),
        Err(halqe_app::Error::Form(e)) => (Page { entries: Vec::new(), newer: None, older: None }, e),
        Err(e) => return Err(e.into()),
    };
    let status = if errors.is_empty() { StatusCode::OK } else { StatusCode::UNPROCESSABLE_ENTITY };
    let params = q.params();
    Ok((status, render(&BrowseTemplate { ctx, q, params, page, errors: Errors::new(errors) })?).into_response())
}

#[derive(Template)]
#[template(path = "evaluation/audit_entry.html")]
struct EntryTemplate {
    ctx: Ctx,
    e: Entry,
}

/// `GET /audit/{seq}`: one entry in full, with its link to the previous one.
pub async fn entry(State(state): State<AppState>, ctx: Ctx, Path(seq): Path<String>) -> Result<Response, WebError> {
    let cap = ctx.signed_actor()?.audit_reader().map_err(|_| WebError::Forbidden)?;
    let seq: i64 = seq.parse().map_err(|_| WebError::NotFound)?;
    let e = browse::entry(&state.app, &cap, seq).await?;
    render(&EntryTemplate { ctx, e })
}

/// A CSV field, a formula-like cell neutralised as import reports do (a leading `'`), then quoted when it
/// must be: the export must not depend on no entry ever starting with `=`.
fn csv_field(s: &str) -> String {
    let s = halqe_app::imports::report::neutralise(s);
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.into_owned() }
}

fn line(e: &Entry, csv: bool) -> String {
    if csv {
        let fields = [
            e.seq.to_string(),
            halqe_domain::calendar::rfc3339_utc(e.at),
            e.actor_id.clone().unwrap_or_default(),
            e.action.clone(),
            e.subject_type.clone(),
            e.subject_id.clone(),
            e.details.clone(),
            e.prev_hash.clone(),
            e.hash.clone(),
        ];
        let mut out = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
        out.push_str("\r\n");
        out
    } else {
        let details: serde_json::Value = serde_json::from_str(&e.details).unwrap_or(serde_json::Value::Null);
        let value = serde_json::json!({
            "seq": e.seq, "at": e.at, "actor_id": e.actor_id, "action": e.action, "subject_type": e.subject_type,
            "subject_id": e.subject_id, "details": details, "prev_hash": e.prev_hash, "hash": e.hash,
        });
        format!("{value}\n")
    }
}

/// `GET /audit/export?format=csv|jsonl&…`: the matching entries oldest first, streamed a batch at a time,
/// at most [`MAX_EXPORT`] (the filter narrows a longer range).
pub async fn export(
    State(state): State<AppState>,
    ctx: Ctx,
    Query(q): Query<BrowseQuery>,
) -> Result<Response, WebError> {
    let cap = ctx.signed_actor()?.audit_reader().map_err(|_| WebError::Forbidden)?;
    let csv = match q.format.as_str() {
        "csv" => true,
        "jsonl" => false,
        _ => return Err(WebError::BadRequest),
    };
    let filter: Filter = browse::filter(&state.app, &q.form()).await?;
    let app = state.app.clone();
    let header_line =
        csv.then(|| "seq,at,actor_id,action,subject_type,subject_id,details,prev_hash,hash\r\n".to_owned());
    // State: (cursor, entries written, finished).
    let batches = futures_util::stream::unfold((q.after.unwrap_or(0), 0_i64, false), move |(after, sent, done)| {
        let (app, cap, filter) = (app.clone(), cap.clone(), filter.clone());
        async move {
            if done || sent >= MAX_EXPORT {
                return None;
            }
            match browse::export_batch(&app, &cap, &filter, after).await {
                Ok(entries) if entries.is_empty() => None,
                Ok(entries) => {
                    let keep = usize::try_from(MAX_EXPORT - sent).unwrap_or(0).min(entries.len());
                    let last = entries[keep - 1].seq;
                    let chunk: String = entries[..keep].iter().map(|e| line(e, csv)).collect();
                    let finished = (entries.len() as i64) < BATCH;
                    Some((Ok::<_, std::io::Error>(chunk), (last, sent + keep as i64, finished)))
                }
                Err(e) => Some((Err(std::io::Error::other(e.to_string())), (after, sent, true))),
            }
        }
    });
    let head = futures_util::stream::iter(header_line.map(Ok::<_, std::io::Error>));
    let body = Body::from_stream(futures_util::StreamExt::chain(head, batches));
    let (content_type, name) = if csv {
        ("text/csv; charset=utf-8", "attachment; filename=\"halqe-audit.csv\"")
    } else {
        ("application/jsonl; charset=utf-8", "attachment; filename=\"halqe-audit.jsonl\"")
    };
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
        (header::CONTENT_DISPOSITION, HeaderValue::from_static(name)),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, body).into_response())
}
