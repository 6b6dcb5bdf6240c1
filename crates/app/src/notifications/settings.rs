//! Each user's choice, per kind of notification, of how to hear of it by mail.

use halqe_db::notifications;
use halqe_domain::notification::{Delivery, Kind};
use halqe_domain::permissions::Actor;

use crate::{App, FormErrors, Result};

/// Every kind with `actor`'s delivery for it, in [`Kind::ALL`]'s order.
pub async fn settings(app: &App, actor: &Actor) -> Result<Vec<(Kind, Delivery)>> {
    let mut conn = app.db.conn().await?;
    let chosen = notifications::settings_of(&mut conn, &actor.user_id).await?;
    Ok(Kind::ALL
        .into_iter()
        .map(|k| (k, chosen.iter().find(|(c, _)| *c == k).map(|(_, d)| *d).unwrap_or_default()))
        .collect())
}

/// Sets the delivery of each `(kind, delivery)` pair given; a kind or delivery no one has is refused with
/// nothing changed, under the field `kind` or the kind's own code.
pub async fn update(app: &App, actor: &Actor, choices: &[(String, String)]) -> Result<Vec<(Kind, Delivery)>> {
    let mut errors = FormErrors::default();
    let mut parsed = Vec::with_capacity(choices.len());
    for (kind, delivery) in choices {
        let Ok(kind) = Kind::parse(kind) else {
            errors.add("kind", "choice");
            break;
        };
        if let Some(delivery) = errors.check(kind.code(), Delivery::parse(delivery)) {
            parsed.push((kind, delivery));
        }
    }
    errors.finish()?;
    let now = app.now();
    let mut tx = app.db.begin().await?;
    for (kind, delivery) in &parsed {
        notifications::set_delivery(&mut tx, &actor.user_id, *kind, *delivery, now).await?;
    }
    halqe_db::commit(tx).await?;
    settings(app, actor).await
}
