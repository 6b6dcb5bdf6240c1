//! Multipart uploads: text fields, and files kept up to just past the storage limit with the rest drained.
//!
//! The CSRF middleware does not read multipart bodies: forms put `?_csrf=…` in their action URL.

use axum::extract::multipart::{Field, MultipartError};
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request};
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::routing::{MethodRouter, post};
use halqe_app::storage::{MAX_FILES_PER_REQUEST, Upload};

use crate::error::WebError;
use crate::state::AppState;

/// Longest text field of a multipart form.
const MAX_TEXT: usize = 64 * 1024;

/// A `multipart/form-data` body: its text fields and its files, in order; malformed bodies are a 400.
#[derive(Debug, Default)]
pub struct MultipartForm {
    fields: Vec<(String, String)>,
    files: Vec<(String, Upload)>,
}

impl MultipartForm {
    /// The text of field `name`, or empty.
    pub fn text(&self, name: &str) -> String {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// Takes the files sent under `name`.
    pub fn take_files(&mut self, name: &str) -> Vec<Upload> {
        let (taken, rest) = std::mem::take(&mut self.files).into_iter().partition(|(n, _)| n == name);
        self.files = rest;
        taken.into_iter().map(|(_, f)| f).collect()
    }
}

impl FromRequest<AppState> for MultipartForm {
    type Rejection = WebError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        // One byte past the limit is enough for the use case to refuse the file as too large.
        let keep = state.app.storage.max_file_bytes().saturating_add(1);
        let mut parts = Multipart::from_request(req, state).await.map_err(|_| WebError::BadRequest)?;
        let mut form = Self::default();
        while let Some(mut field) = parts.next_field().await.map_err(refused)? {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let bytes = read_capped(&mut field, keep).await?;
                    // A file input left empty still sends a part, with no name and no bytes.
                    if !(file_name.is_empty() && bytes.is_empty()) {
                        form.files.push((name, Upload { file_name, bytes: bytes.into() }));
                    }
                }
                None => {
                    let bytes = read_capped(&mut field, MAX_TEXT + 1).await?;
                    if bytes.len() > MAX_TEXT {
                        return Err(WebError::PayloadTooLarge);
                    }
                    form.fields.push((name, String::from_utf8(bytes).map_err(|_| WebError::BadRequest)?));
                }
            }
        }
        Ok(form)
    }
}

/// Reads a part, keeping at most `keep` bytes and draining the rest, so the client still reads the answer.
async fn read_capped(field: &mut Field<'_>, keep: usize) -> Result<Vec<u8>, WebError> {
    let mut out = Vec::new();
    while let Some(chunk) = field.chunk().await.map_err(refused)? {
        let room = keep.saturating_sub(out.len());
        out.extend_from_slice(&chunk[..chunk.len().min(room)]);
    }
    Ok(out)
}

/// A `POST` route taking a [`MultipartForm`]: axum's own 2 MB body limit is lifted, the request limit and
/// the per-file cap hold.
pub fn post_upload<H: Handler<T, AppState>, T: 'static>(handler: H) -> MethodRouter<AppState> {
    post(handler).layer(DefaultBodyLimit::disable())
}

/// A body over the request limit is a 413; anything else malformed a 400.
fn refused(e: MultipartError) -> WebError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE { WebError::PayloadTooLarge } else { WebError::BadRequest }
}

/// The largest request body: the form limit, or room for a full upload (or an import file), whichever is larger.
pub fn request_limit(state: &AppState) -> usize {
    let upload = state.app.storage.max_file_bytes().saturating_mul(MAX_FILES_PER_REQUEST).saturating_add(1024 * 1024);
    let import = halqe_app::imports::UPLOAD_LIMIT_BYTES.saturating_add(1024 * 1024);
    state.web.max_body_bytes.max(upload).max(import)
}
