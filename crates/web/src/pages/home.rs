//! The home page: what Halqe is, headline figures, the field taxonomy, and for a signed-in person the open
//! challenges that match their profile.

use askama::Template;
use axum::extract::State;
use axum::response::Response;
use halqe_app::challenges::suggestions::{self, Suggestion};
use halqe_app::fields::Field;
use halqe_app::overview::{Overview, overview};

use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::state::AppState;

/// A top-level field with its sub-fields.
pub struct FieldGroup {
    pub field: Field,
    pub children: Vec<Field>,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    ctx: Ctx,
    overview: Overview,
    groups: Vec<FieldGroup>,
    /// The open challenges matching the viewer's profile; `None` for a visitor or an account with no profile.
    suggested: Option<Vec<Suggestion>>,
}

pub async fn show(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let overview = overview(&state.app).await?;
    let fields = halqe_app::fields::list(&state.app).await?;
    let groups = fields
        .iter()
        .filter(|f| f.parent_id.is_none())
        .map(|p| FieldGroup {
            field: p.clone(),
            children: fields.iter().filter(|c| c.parent_id.as_deref() == Some(&p.id)).cloned().collect(),
        })
        .collect();
    let suggested = match ctx.actor() {
        Some(actor) => suggestions::for_user(&state.app, &state.search, &actor.user_id, suggestions::HOME_TOP).await?,
        None => None,
    };
    render(&HomePage { ctx, overview, groups, suggested })
}
