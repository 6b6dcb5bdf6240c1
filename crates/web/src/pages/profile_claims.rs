//! Claiming an imported profile from its emailed link.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::profile_claims::{Claiming, Pending, claim, pending};

use super::{NewAccountForm, see_other_signed_in};
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "profile_claims/show.html")]
struct ClaimPage {
    ctx: Ctx,
    token: String,
    p: Pending,
    /// The signed-in user is the invited address.
    is_invitee: bool,
    display_name: String,
    errors: Errors,
}

impl ClaimPage {
    fn new(ctx: Ctx, token: String, p: Pending, display_name: Option<String>, errors: Errors) -> Self {
        let is_invitee = ctx.viewer.as_ref().is_some_and(|v| v.user.email == p.email);
        let display_name = display_name.unwrap_or_else(|| p.name.clone());
        Self { ctx, token, p, is_invitee, display_name, errors }
    }
}

/// `GET /claim/{token}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Result<Response, WebError> {
    let p = pending(&state.app, &token).await?;
    render(&ClaimPage::new(ctx, token, p, None, Errors::default()))
}

/// `POST /claim/{token}`: links the profile and goes to it.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<NewAccountForm>,
) -> Result<Response, WebError> {
    let how = match ctx.actor() {
        Some(actor) => Claiming::SignedIn(actor),
        None => Claiming::NewAccount { display_name: &f.display_name, password: &f.password, locale: ctx.locale },
    };
    match claim(&state.app, &token, how).await {
        Ok((_, session)) => Ok(see_other_signed_in(&state, "/profile", session)),
        Err(halqe_app::Error::Form(e)) => {
            let p = pending(&state.app, &token).await?;
            let page = ClaimPage::new(ctx, token, p, Some(f.display_name), Errors::new(e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
