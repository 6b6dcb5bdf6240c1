//! The invitee answers an invitation to join an organization.

use axum::extract::{Path, State};
use axum::response::Response;
use halqe_app::organizations::answer_invitation::{Answer, answer};
use halqe_domain::ids::MembershipInvitationId;

use super::see_other;
use crate::context::Ctx;
use crate::error::WebError;
use crate::state::AppState;

async fn respond(state: &AppState, ctx: &Ctx, id: &str, a: Answer) -> Result<Response, WebError> {
    let actor = ctx.actor().ok_or(WebError::Forbidden)?;
    let id = MembershipInvitationId::parse(id).ok_or(WebError::NotFound)?;
    let org = answer(&state.app, actor, &id, a).await?;
    Ok(match a {
        Answer::Accept => see_other(&format!("/organizations/{org}")),
        Answer::Decline => see_other("/organizations"),
    })
}

/// `POST /membership-invitations/{id}/accept`: only the invited (verified) address.
pub async fn accept(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    respond(&state, &ctx, &id, Answer::Accept).await
}

/// `POST /membership-invitations/{id}/decline`.
pub async fn decline(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    respond(&state, &ctx, &id, Answer::Decline).await
}
