//! The stylesheet, htmx and the Vazirmatn font, compiled into the binary so nothing loads from elsewhere.

use axum::extract::Path;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

use crate::error::WebError;

const FILES: &[(&str, &str, &[u8])] = &[
    ("app.css", "text/css; charset=utf-8", include_bytes!("../static/app.css")),
    ("htmx.min.js", "text/javascript; charset=utf-8", include_bytes!("../static/htmx.min.js")),
    ("fonts/Vazirmatn[wght].woff2", "font/woff2", include_bytes!("../static/fonts/Vazirmatn[wght].woff2")),
];

/// `GET /static/{*path}`.
pub async fn serve(Path(path): Path<String>) -> Result<Response, WebError> {
    let (_, mime, bytes) = FILES.iter().find(|(name, _, _)| *name == path).ok_or(WebError::NotFound)?;
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(mime));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400"));
    Ok(response)
}
