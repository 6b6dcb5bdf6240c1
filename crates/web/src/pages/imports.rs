//! Staff pages for bulk imports: the runs, the upload form, one run's report, downloads and templates.

use std::io::Write;

use askama::Template;
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Multipart, Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{MethodRouter, post};
use halqe_app::FormErrors;
use halqe_app::i18n::Isolation;
use halqe_app::imports::report::{self, Format};
use halqe_app::imports::show::{self, IssueView, PAGE_ROWS, RowFilter, RowView, RunView};
use halqe_app::imports::{Acting, Kind, Request, UPLOAD_LIMIT_BYTES};
use halqe_app::jobs::JobView;
use halqe_app::paging::Paging;
use halqe_domain::ids::ImportRunId;
use halqe_domain::permissions::StaffCap;
use serde::Deserialize;

use super::people::{page_number, query_base};
use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::Errors;
use crate::state::AppState;

fn staff(ctx: &Ctx) -> Result<StaffCap, WebError> {
    ctx.actor().ok_or(WebError::Forbidden)?.staff().map_err(|_| WebError::Forbidden)
}

#[derive(Template)]
#[template(path = "imports/list.html")]
struct ListPage {
    ctx: Ctx,
    runs: Vec<RunView>,
    pager: Paging,
    list_path: &'static str,
    query_base: String,
}

#[derive(Deserialize)]
pub struct PageQuery {
    #[serde(default)]
    page: Option<String>,
    #[serde(default)]
    rows: String,
}

/// `GET /imports`: runs, newest first, with their counts.
pub async fn list(State(state): State<AppState>, ctx: Ctx, Query(q): Query<PageQuery>) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let page = page_number(q.page.as_deref());
    let (runs, total) = show::list(&state.app, Acting::Staff(&cap), page).await?;
    let pager = Paging::new(page, PAGE_ROWS, total);
    render(&ListPage { ctx, runs, pager, list_path: "/imports", query_base: String::new() })
}

#[derive(Template)]
#[template(path = "imports/new.html")]
struct NewPage {
    ctx: Ctx,
    kinds: &'static [Kind],
    kind: String,
    dry_run: bool,
    errors: Errors,
}

/// `GET /imports/new`.
pub async fn new_form(ctx: Ctx) -> Result<Response, WebError> {
    staff(&ctx)?;
    render(&NewPage { ctx, kinds: &Kind::ALL, kind: String::new(), dry_run: false, errors: Errors::default() })
}

/// The upload route: axum's 2 MB default body limit raised to the import limit (the form's fields ride along).
pub fn upload_route() -> MethodRouter<AppState> {
    post(upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT_BYTES + 1024 * 1024))
}

fn refused(e: MultipartError) -> WebError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE { WebError::PayloadTooLarge } else { WebError::BadRequest }
}

/// An uploaded file kept on disk while it is imported.
struct Saved {
    name: String,
    path: tempfile::TempPath,
    bytes: usize,
}

/// Streams a file part to a temporary file; past the limit the rest is read and dropped.
async fn save(field: &mut Field<'_>) -> Result<Saved, WebError> {
    let name = field.file_name().unwrap_or_default().to_owned();
    let mut file = tempfile::NamedTempFile::new().map_err(|e| WebError::Internal(e.to_string()))?;
    let mut bytes = 0;
    while let Some(chunk) = field.chunk().await.map_err(refused)? {
        bytes += chunk.len();
        if bytes <= UPLOAD_LIMIT_BYTES {
            file.write_all(&chunk).map_err(|e| WebError::Internal(e.to_string()))?;
        }
    }
    file.flush().map_err(|e| WebError::Internal(e.to_string()))?;
    Ok(Saved { name, path: file.into_temp_path(), bytes })
}

/// `POST /imports` (multipart, `?_csrf=` in the URL): starts a run and shows it.
pub async fn upload(
    State(state): State<AppState>,
    ctx: Ctx,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let mut multipart = multipart.map_err(|_| WebError::BadRequest)?;
    let (mut kind, mut dry_run, mut saved) = (String::new(), false, None);
    while let Some(mut field) = multipart.next_field().await.map_err(refused)? {
        match field.name().unwrap_or_default() {
            "kind" => kind = field.text().await.map_err(refused)?,
            "dry_run" => dry_run = !field.text().await.map_err(refused)?.is_empty(),
            "file" => saved = Some(save(&mut field).await?),
            _ => {}
        }
    }
    let mut errors = FormErrors::default();
    let parsed = Kind::parse(&kind).map_err(|_| errors.add("kind", "import_kind")).ok();
    // A file input left empty still sends a part, with no name and no bytes.
    let saved = saved.filter(|s| !(s.name.is_empty() && s.bytes == 0));
    match &saved {
        None => errors.add("file", "import_file"),
        Some(s) if s.bytes > UPLOAD_LIMIT_BYTES => errors.add("file", "import_too_large"),
        Some(_) => {}
    }
    let (Some(kind), Some(saved), true) = (parsed, saved, errors.is_empty()) else {
        let page = NewPage { ctx, kinds: &Kind::ALL, kind, dry_run, errors: Errors::new(errors) };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response());
    };
    let request = Request { kind, path: saved.path.to_path_buf(), file_name: saved.name, dry_run };
    let id = halqe_app::imports::start(&state.app, &cap, request, saved.path).await?;
    Ok(see_other(&format!("/imports/{id}")))
}

#[derive(Template)]
#[template(path = "imports/show.html")]
struct ShowPage {
    ctx: Ctx,
    run: RunView,
    job: Option<JobView>,
    rows: Vec<RowView>,
    all_rows: bool,
    pager: Paging,
    list_path: String,
    query_base: String,
}

impl ShowPage {
    /// A column's name in the viewer's language.
    fn column(&self, code: &str) -> String {
        report::column_name(&self.run, code, self.ctx.locale)
    }

    /// Why a row was rejected or flagged, in the viewer's language.
    fn reason(&self, issue: &IssueView) -> String {
        issue.message(self.ctx.locale, Isolation::Html)
    }
}

fn run_id(raw: &str) -> Result<ImportRunId, WebError> {
    ImportRunId::parse(raw).ok_or(WebError::NotFound)
}

/// `GET /imports/{id}`: the summary line and the rows, rejected and flagged first unless all are asked for.
pub async fn show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Query(q): Query<PageQuery>,
) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let id = run_id(&id)?;
    let run = show::run(&state.app, Acting::Staff(&cap), &id).await?;
    let job = show::job(&state.app, Acting::Staff(&cap), &id).await?;
    let all_rows = q.rows == "all" || (q.rows.is_empty() && run.counts.rejected + run.counts.flagged == 0);
    let filter = if all_rows { RowFilter::All } else { RowFilter::Problems };
    let total = show::count_rows(&state.app, Acting::Staff(&cap), &id, filter).await?;
    let pager = Paging::new(page_number(q.page.as_deref()), PAGE_ROWS, total);
    let rows = show::rows(&state.app, Acting::Staff(&cap), &id, filter, pager.offset(), PAGE_ROWS).await?;
    let query_base = query_base(&[("rows", if all_rows { "all" } else { "problems" })]);
    render(&ShowPage { ctx, list_path: format!("/imports/{id}"), run, job, rows, all_rows, pager, query_base })
}

#[derive(Template)]
#[template(path = "imports/progress.html")]
struct ProgressFragment {
    ctx: Ctx,
    /// The run's page, which the fragment's links extend.
    list_path: String,
    job: Option<JobView>,
}

/// `GET /imports/{id}/progress`: the job's progress and cancel button, which the run page polls while
/// the job is active; once it ends, the page reloads (`HX-Refresh`) to show the outcome.
pub async fn progress(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let id = run_id(&id)?;
    let job = show::job(&state.app, Acting::Staff(&cap), &id).await?;
    let ended = job.as_ref().is_none_or(|j| !j.state.active());
    let page = render(&ProgressFragment { ctx, list_path: format!("/imports/{id}"), job })?;
    Ok(if ended { ([("hx-refresh", "true")], page).into_response() } else { page })
}

/// `POST /imports/{id}/cancel`: asks the run's job to stop after its current batch.
pub async fn cancel(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let cap = staff(&ctx)?;
    let id = run_id(&id)?;
    show::cancel(&state.app, &cap, &id).await?;
    Ok(see_other(&format!("/imports/{id}")))
}

fn download(bytes: Vec<u8>, content_type: &'static str, file_name: &str) -> Response {
    let disposition = format!("attachment; filename=\"{file_name}\"");
    ([(header::CONTENT_TYPE, content_type.to_owned()), (header::CONTENT_DISPOSITION, disposition)], bytes)
        .into_response()
}

async fn report_in(state: &AppState, ctx: &Ctx, id: &str, format: Format) -> Result<Response, WebError> {
    let cap = staff(ctx)?;
    let id = run_id(id)?;
    let bytes = report::build(&state.app, Acting::Staff(&cap), &id, format, ctx.locale).await?;
    Ok(download(bytes, format.content_type(), &format!("import-{id}-report.{}", format.extension())))
}

/// `GET /imports/{id}/report.csv`.
pub async fn report_csv(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    report_in(&state, &ctx, &id, Format::Csv).await
}

/// `GET /imports/{id}/report.xlsx`.
pub async fn report_xlsx(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
) -> Result<Response, WebError> {
    report_in(&state, &ctx, &id, Format::Xlsx).await
}

/// `GET /imports/template/people.csv`.
pub async fn template_people(ctx: Ctx) -> Result<Response, WebError> {
    staff(&ctx)?;
    Ok(download(halqe_app::imports::template(Kind::People), Format::Csv.content_type(), "people.csv"))
}

/// `GET /imports/template/organizations.csv`.
pub async fn template_organizations(ctx: Ctx) -> Result<Response, WebError> {
    staff(&ctx)?;
    Ok(download(halqe_app::imports::template(Kind::Organizations), Format::Csv.content_type(), "organizations.csv"))
}
