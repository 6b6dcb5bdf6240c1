//! Accepting an invitation from its emailed link.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::agencies::accept_invitation::{Acceptance, Pending, accept as accept_invitation, pending};

use super::{NewAccountForm, see_other_signed_in};
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "invitations/accept.html")]
struct AcceptPage {
    ctx: Ctx,
    token: String,
    p: Pending,
    /// The signed-in user is the invitee.
    is_invitee: bool,
    display_name: String,
    errors: Errors,
}

impl AcceptPage {
    fn new(ctx: Ctx, token: String, p: Pending, display_name: String, errors: Errors) -> Self {
        let is_invitee = ctx.viewer.as_ref().is_some_and(|v| v.user.email == p.invitation.email);
        Self { ctx, token, p, is_invitee, display_name, errors }
    }
}

/// `GET /invitations/{token}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(token): Path<String>) -> Result<Response, WebError> {
    let p = pending(&state.app, &token).await?;
    render(&AcceptPage::new(ctx, token, p, String::new(), Errors::default()))
}

/// `POST /invitations/{token}`.
pub async fn accept(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(token): Path<String>,
    Form(f): Form<NewAccountForm>,
) -> Result<Response, WebError> {
    let how = match ctx.actor() {
        Some(actor) => Acceptance::SignedIn(actor),
        None => Acceptance::NewAccount { display_name: &f.display_name, password: &f.password, locale: ctx.locale },
    };
    match accept_invitation(&state.app, &token, how).await {
        Ok((_, session)) => Ok(see_other_signed_in(&state, "/account", session)),
        Err(halqe_app::Error::Form(e)) => {
            let p = pending(&state.app, &token).await?;
            let page = AcceptPage::new(ctx, token, p, f.display_name, Errors::new(e));
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}
