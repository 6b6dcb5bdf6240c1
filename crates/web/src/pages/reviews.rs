//! Reviewers' pages: their assignments in force, and one assignment's proposal with the rubric, saved as a
//! draft and then submitted.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use halqe_app::FormErrors;
use halqe_app::evaluation::reviews::{self, Mine, ReviewForm, ReviewPage, ScoreInput};
use halqe_app::i18n::{Isolation, t_args};
use halqe_domain::evaluation::review::State as ReviewState;
use halqe_domain::evaluation::stages::Blind;
use halqe_domain::ids::AssignmentId;

use super::see_other;
use crate::context::Ctx;
use crate::error::{WebError, render};
use crate::forms::{Errors, Form};
use crate::state::AppState;

/// The assignment id of a path; anything else is not found.
pub fn assignment_id(raw: &str) -> Result<AssignmentId, WebError> {
    AssignmentId::parse(raw).ok_or(WebError::NotFound)
}

/// Days and hours from `now` until `due`, as the lists show them.
pub fn remaining(ctx: &Ctx, due: i64, now: i64) -> String {
    if due <= now {
        return ctx.t("reviews-overdue");
    }
    let hours = (due - now) / 3_600_000;
    let (days, hours) = (ctx.num(&(hours / 24)), ctx.num(&(hours % 24)));
    t_args(ctx.locale, Isolation::Html, "reviews-remaining", &[("days", &days), ("hours", &hours)])
}

#[derive(Template)]
#[template(path = "reviews/mine.html")]
struct MineTemplate {
    ctx: Ctx,
    p: Mine,
}

impl MineTemplate {
    fn left(&self, due: &i64) -> String {
        remaining(&self.ctx, *due, self.p.now)
    }

    fn state_code(&self, s: &Option<ReviewState>) -> &'static str {
        s.map_or("none", ReviewState::code)
    }
}

/// `GET /reviews`.
pub async fn mine(State(state): State<AppState>, ctx: Ctx) -> Result<Response, WebError> {
    let p = reviews::mine(&state.app, ctx.signed_actor()?).await?;
    render(&MineTemplate { ctx, p })
}

#[derive(Template)]
#[template(path = "reviews/show.html")]
struct ShowTemplate {
    ctx: Ctx,
    p: ReviewPage,
    /// What a refused form sent, by field name.
    sent: HashMap<String, String>,
    errors: Errors,
}

impl ShowTemplate {
    /// The value the form shows in `field`: what was sent with a refused form, else what was saved.
    fn value(&self, field: &str) -> String {
        if self.errors.any() {
            return self.sent.get(field).cloned().unwrap_or_default();
        }
        let review = self.p.review.as_ref();
        match field {
            "comment" => review.map(|r| r.comment.clone()).unwrap_or_default(),
            "confidence" => review.and_then(|r| r.confidence).map(|c| c.to_string()).unwrap_or_default(),
            _ => {
                let (kind, position) = field.split_once('_').unwrap_or_default();
                let criterion = position.parse::<usize>().ok().and_then(|n| self.p.criteria.get(n.wrapping_sub(1)));
                let saved = criterion.and_then(|c| self.p.saved(&c.id));
                match (kind, saved) {
                    ("score", Some(s)) => s.score.to_string(),
                    ("comment", Some(s)) => s.comment.clone(),
                    _ => String::new(),
                }
            }
        }
    }

    fn scale(&self, c: &halqe_app::evaluation::reviews::Criterion) -> String {
        let (min, max, weight) = (self.ctx.num(&c.scale_min), self.ctx.num(&c.scale_max), self.ctx.num(&c.weight));
        t_args(self.ctx.locale, Isolation::Html, "review-scale", &[("min", &min), ("max", &max), ("weight", &weight)])
    }

    fn left(&self, due: &i64) -> String {
        remaining(&self.ctx, *due, self.p.now)
    }

    fn blind_note(&self) -> &'static str {
        match self.p.proposal.blind {
            Blind::Single => "review-single-blind",
            Blind::Double => "review-double-blind",
        }
    }

    /// Past due and not submitted: the form stays shown, disabled, with why.
    fn closed(&self) -> bool {
        !self.p.writable() && self.p.review.as_ref().is_none_or(|r| r.submitted_at.is_none())
    }

    fn weighted(&self, w: &f64) -> String {
        self.ctx.pct(&((*w / 100.0) as f32))
    }
}

async fn show_page(
    state: &AppState,
    ctx: Ctx,
    id: &AssignmentId,
    sent: HashMap<String, String>,
    errors: FormErrors,
) -> Result<Response, WebError> {
    let p = reviews::page(&state.app, ctx.signed_actor()?, id).await?;
    render(&ShowTemplate { ctx, p, sent, errors: Errors::new(errors) })
}

/// `GET /reviews/{id}`.
pub async fn show(State(state): State<AppState>, ctx: Ctx, Path(id): Path<String>) -> Result<Response, WebError> {
    show_page(&state, ctx, &assignment_id(&id)?, HashMap::new(), FormErrors::default()).await
}

/// The rubric form as the app reads it: `criterion_<n>` names the criterion of `score_<n>` and `comment_<n>`.
pub fn form_of(sent: &HashMap<String, String>) -> ReviewForm {
    let field = |name: String| sent.get(&name).cloned().unwrap_or_default();
    let scores = (1..=reviews::SCORE_FIELDS.len())
        .filter_map(|n| {
            sent.get(&format!("criterion_{n}")).map(|criterion| ScoreInput {
                criterion_id: criterion.clone(),
                score: field(format!("score_{n}")),
                comment: field(format!("comment_{n}")),
            })
        })
        .collect();
    ReviewForm { scores, comment: field("comment".into()), confidence: field("confidence".into()) }
}

async fn save(
    state: AppState,
    ctx: Ctx,
    id: String,
    sent: HashMap<String, String>,
    submitting: bool,
) -> Result<Response, WebError> {
    let id = assignment_id(&id)?;
    match reviews::save(&state.app, ctx.signed_actor()?, &id, &form_of(&sent), submitting).await {
        Ok(()) => Ok(see_other(&format!("/reviews/{id}"))),
        Err(halqe_app::Error::Form(e)) => {
            Ok((StatusCode::UNPROCESSABLE_ENTITY, show_page(&state, ctx, &id, sent, e).await?).into_response())
        }
        Err(e) => Err(e.into()),
    }
}

/// `POST /reviews/{id}`: saves the draft.
pub async fn save_draft(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(sent): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    save(state, ctx, id, sent, false).await
}

/// `POST /reviews/{id}/submit`: saves and submits; never changed after.
pub async fn submit(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(id): Path<String>,
    Form(sent): Form<HashMap<String, String>>,
) -> Result<Response, WebError> {
    save(state, ctx, id, sent, true).await
}
