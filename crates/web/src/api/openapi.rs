//! The OpenAPI 3.1 document of `/api/v1`, generated from the handlers' annotations.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Halqe API", description = "The capacity directory and need matching of the Innovation Center's platform. \
        Sign in with the web session (cookie); unsafe methods need the `x-csrf-token` header from any page."),
    paths(super::search::search, super::search::match_handler),
    tags((name = "search", description = "Capacity directory and matching"))
)]
pub struct ApiDoc;

/// `GET /api/openapi.json`.
pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
