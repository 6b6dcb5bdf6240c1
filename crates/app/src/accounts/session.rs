//! Server-side sessions: a random cookie value whose hash keys a database row, so any node serves any request.

use halqe_db::{Conn, sessions, users};
use halqe_domain::ids::UserId;
use halqe_domain::permissions::Actor;

use crate::secret::{Token, hash};
use crate::{App, MINUTE_MS, Result};

/// Expiry is pushed forward at most this often, to spare a write per request.
const TOUCH_EVERY_MS: i64 = 5 * MINUTE_MS;

/// Opens a session for `user`; the returned token is the cookie value.
pub async fn start(app: &App, conn: &mut Conn, user: &UserId) -> Result<Token> {
    let token = Token::generate();
    let now = app.now();
    sessions::insert(conn, &token.hash, user, now, now + app.settings.session_ttl_ms).await?;
    Ok(token)
}

/// The signed-in user behind a session cookie, if the session is live and the account enabled.
pub async fn resolve(app: &App, cookie: &str) -> Result<Option<(Actor, users::User)>> {
    let now = app.now();
    let id_hash = hash(cookie);
    let mut conn = app.db.conn().await?;
    let Some(s) = sessions::live(&mut conn, &id_hash, now).await? else {
        return Ok(None);
    };
    let Some(user) = users::by_id(&mut conn, &s.user_id).await? else {
        return Ok(None);
    };
    if user.disabled_at.is_some() {
        return Ok(None);
    }
    if now - s.seen_at > TOUCH_EVERY_MS {
        sessions::touch(&mut conn, &id_hash, now, now + app.settings.session_ttl_ms).await?;
    }
    Ok(Some((super::actor_of(&user), user)))
}

/// Ends the session behind a cookie (sign-out).
pub async fn end(app: &App, cookie: &str) -> Result<()> {
    let mut conn = app.db.conn().await?;
    sessions::delete(&mut conn, &hash(cookie)).await?;
    Ok(())
}

/// Deletes expired sessions.
pub async fn purge_expired(app: &App) -> Result<u64> {
    let mut conn = app.db.conn().await?;
    Ok(sessions::purge_expired(&mut conn, app.now()).await?)
}
