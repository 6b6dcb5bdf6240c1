//! The daily digest: once a day, after [`DIGEST_HOUR`] in Tehran, each user with notifications set to
//! "daily digest" gets one mail listing them, each with a link to its object. Run by a periodic task every
//! hour; a digest is claimed with its notifications in one transaction, so two runners never mail one twice.
//! Each digest also lists the open challenges that best match the user's profile, if they have one.

use halqe_db::{notifications, outbox, users};
use halqe_domain::calendar::{self, TEHRAN_OFFSET_MS};
use halqe_domain::clock::Millis;
use halqe_domain::ids::{Id, UserId};

use std::collections::HashSet;
use std::sync::Arc;

use halqe_search::SearchIndex;

use super::NotificationItem;
use crate::challenges::suggestions;
use crate::conversations::subjects;
use crate::i18n::{Isolation, t_args};
use crate::{App, DAY_MS, HOUR_MS, Result};

/// The hour of the day (Asia/Tehran) from which the day's digests go out.
pub const DIGEST_HOUR: i64 = 8;

/// The latest [`DIGEST_HOUR`] o'clock in Tehran at or before `now`.
pub fn cutoff(now: Millis) -> Millis {
    let since = (now + TEHRAN_OFFSET_MS - DIGEST_HOUR * HOUR_MS).rem_euclid(DAY_MS);
    now - since
}

/// A marker type for digest ids.
pub enum Digest {}

/// Mails the digest of every user who is due one: notifications waiting from before today's cutoff and no
/// digest since it. Returns how many digests were mailed.
pub async fn send_due(app: &App) -> Result<usize> {
    let now = app.now();
    let cutoff = cutoff(now);
    let due = {
        let mut conn = app.db.conn().await?;
        notifications::digest_due(&mut conn, cutoff).await?
    };
    if due.is_empty() {
        return Ok(0);
    }
    let open = suggestions::open_index(app).await?;
    let mut sent = 0;
    for user in &due {
        if send_one(app, &open, user, now).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Claims `user`'s waiting notifications and queues their digest, in one transaction; false if another
/// runner took them first.
async fn send_one(app: &App, open: &Arc<SearchIndex>, user: &UserId, now: Millis) -> Result<bool> {
    let suggested = suggestions::for_user(app, open, user, suggestions::DIGEST_TOP).await?.unwrap_or_default();
    let mut tx = app.db.begin().await?;
    let Some(u) = users::by_id(&mut tx, user).await? else { return Ok(false) };
    let id = Id::<Digest>::new().to_string();
    let claimed: Vec<NotificationItem> = notifications::claim_for_digest(&mut tx, user, &id, now)
        .await?
        .into_iter()
        .map(NotificationItem::from)
        .collect();
    // Told when it happened, mailed only now: a disabled account gets nothing, and an item whose subject
    // the account no longer sees (removed from a team, moved to another agency) is left out.
    let asks: Vec<_> = claimed.iter().map(|i| (&i.subject, &u, i.kind)).collect();
    let heard = if u.disabled_at.is_some() { HashSet::new() } else { subjects::audience(&mut tx, &asks).await? };
    let items: Vec<&NotificationItem> =
        claimed.iter().filter(|i| heard.contains(&(i.subject.clone(), u.id.clone(), i.kind))).collect();
    if items.is_empty() {
        // Claimed all the same, so they are not offered again tomorrow.
        halqe_db::commit(tx).await?;
        return Ok(false);
    }
    let count = calendar::format_number(i64::try_from(items.len()).unwrap_or(i64::MAX), u.locale);
    let inbox = app.link("/notifications");
    let plain = |key: &str, args: &[(&'static str, &str)]| t_args(u.locale, Isolation::Plain, key, args);
    let subject = plain("mail-digest-subject", &[("count", &count)]);
    let mut body = plain("mail-digest-body", &[("count", &count)]);
    for item in &items {
        body.push_str(&format!("\n\n• {}\n  {}", item.text(u.locale, Isolation::Plain), app.link(&item.href())));
    }
    if !suggested.is_empty() {
        body.push_str("\n\n");
        body.push_str(&plain("mail-digest-challenges", &[]));
        for c in &suggested {
            let why = plain("home-challenges-why", &[("words", &c.words_line())]);
            body.push_str(&format!("\n\n• {} ({})\n  {}\n  {}", c.title, c.agency_name, why, app.link(&c.href())));
        }
    }
    body.push_str("\n\n");
    body.push_str(&plain("mail-digest-footer", &[("link", &inbox)]));
    outbox::enqueue(&mut tx, u.email.as_str(), &subject, &body, now).await?;
    notifications::insert_digest(&mut tx, &id, user, i64::try_from(items.len()).unwrap_or(i64::MAX), now).await?;
    halqe_db::commit(tx).await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cutoff_is_eight_in_the_morning_in_tehran() {
        // 2026-11-28T08:00:00Z is 11:30 in Tehran: the cutoff is 04:30Z the same day.
        let now = 1_795_852_800_000;
        assert_eq!(cutoff(now), now - 3 * HOUR_MS - 30 * 60_000);
        assert_eq!(cutoff(cutoff(now)), cutoff(now), "the cutoff itself is a cutoff");
        assert_eq!(cutoff(cutoff(now) - 1), cutoff(now) - DAY_MS, "a moment before, the day before's");
    }
}
