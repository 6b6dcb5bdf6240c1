//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Halqe API", description = "The capacity directory, need matching and introductions of the \
        Innovation Center's platform, with the same permissions as its pages. Sign in with the web session (cookie); \
        unsafe methods need the `x-csrf-token` header from any page and are refused from other origins. Errors are \
        `ApiError`: a stable code, the status and a message in the caller's language (Persian by default)."),
    paths(
        super::search::search,
        super::search::match_handler,
        super::introductions::list,
        super::introductions::create,
        super::introductions::show,
        super::introductions::accept,
        super::introductions::decline,
        super::introductions::outcome,
        super::introductions::message,
    ),
    tags(
        (name = "search", description = "Capacity directory and matching"),
        (name = "introductions", description = "Introductions of candidates to agencies, with consent: only the \
            parties to an introduction see it (anyone else gets 404)")
    )
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
