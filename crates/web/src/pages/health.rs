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

/// `GET /readyz`: the database answers and every migration is applied; also how far this node's
/// search index trails the database (changes not yet applied) and, with a model, the embedding backlog
/// (documents the embedding job has still to look at; they are matched lexically meanwhile).
pub async fn readyz(State(state): State<AppState>) -> Response {
    let r = state.app.db.readiness().await;
    let ready = r.reachable && r.pending_migrations == 0;
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    let lag = if ready { halqe_app::search::feed::lag(&state.app, &state.search).await.ok() } else { None };
    let backlog = if ready { halqe_app::search::embedding::backlog(&state.app).await.ok().flatten() } else { None };
    let model = state.app.embedder.identity();
    let body = serde_json::json!({
        "ready": ready,
        "database": if r.reachable { "ok" } else { "unreachable" },
        "pending_migrations": r.pending_migrations,
        "search_index": { "documents": state.search.num_docs(), "lag": lag },
        "embedding": { "model": model, "backlog": backlog },
    });
    (status, Json(body)).into_response()
}
