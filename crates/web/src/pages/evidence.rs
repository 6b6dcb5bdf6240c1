//! Evidence downloads (and the one way every stored file is sent): always as an attachment with the type sniffed at upload, and 404 to anyone not allowed.

use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use halqe_app::verification::download::{Download, evidence_file};
use halqe_domain::ids::EvidenceId;

use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

/// `GET /evidence/{id}`.
pub async fn download(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    let id = EvidenceId::parse(&id).ok_or(WebError::NotFound)?;
    send(evidence_file(&state.app, ctx.actor(), &id).await?)
}

/// A stored file as a download: its sniffed type, as an attachment, never sniffed or cached by the browser.
pub(crate) fn send(file: Download) -> Result<Response, WebError> {
    let headers = [
        (header::CONTENT_TYPE, HeaderValue::from_static(file.content_type)),
        (header::CONTENT_DISPOSITION, attachment(&file.file_name)?),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("private, no-store")),
    ];
    Ok((headers, file.bytes).into_response())
}

/// `attachment` with an ASCII fallback name and the real name in RFC 8187 form (Persian names survive).
fn attachment(name: &str) -> Result<HeaderValue, WebError> {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let mut encoded = String::with_capacity(name.len() * 3);
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            encoded.push(char::from(b));
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    HeaderValue::from_str(&format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"))
        .map_err(|e| WebError::Internal(format!("content-disposition: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attachment_names_are_safe_and_keep_persian() {
        let v = attachment("گواهی \"نخبگان\".pdf").unwrap();
        let s = v.to_str().unwrap();
        assert!(s.starts_with("attachment; filename=\"_____ ________.pdf\"; filename*=UTF-8''%DA%AF"), "{s}");
        assert!(s.ends_with("%20%22%D9%86%D8%AE%D8%A8%DA%AF%D8%A7%D9%86%22.pdf"), "{s}");
    }
}
