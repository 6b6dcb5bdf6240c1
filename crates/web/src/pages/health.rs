//! Liveness and readiness for load balancers and orchestrators.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// `GET /healthz`: the process is up.
pub async fn healthz() -> &'static str {
    "ok"
}

/// `GET /readyz`: the database answers and every migration is applied.
pub async fn readyz(State(state): State<AppState>) -> Response {
    let r = state.app.db.readiness().await;
    let ready = r.reachable && r.pending_migrations == 0;
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let body = serde_json::json!({
        "ready": ready,
        "database": if r.reachable { "ok" } else { "unreachable" },
        "pending_migrations": r.pending_migrations,
    });
    (status, Json(body)).into_response()
}
