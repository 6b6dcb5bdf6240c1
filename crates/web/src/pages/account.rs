//! The signed-in user's own account page.

use askama::Template;
use axum::response::Response;

use crate::context::Ctx;
use crate::error::{WebError, render};

#[derive(Template)]
#[template(path = "account/show.html")]
struct AccountPage {
    ctx: Ctx,
}

/// `GET /account`.
pub async fn show(ctx: Ctx) -> Result<Response, WebError> {
    render(&AccountPage { ctx })
}
