//! Accounts and their roles.

use halqe_domain::clock::Millis;
use halqe_domain::ids::{AgencyId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::user::{Email, Role};

use crate::{Conn, Result, keyed};

/// An account as stored; the password hash never leaves the app layer.
#[derive(Debug, Clone)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: String,
    pub password_hash: String,
    pub locale: Locale,
    pub agency_id: Option<AgencyId>,
    pub email_verified_at: Option<Millis>,
    pub disabled_at: Option<Millis>,
    pub created_at: Millis,
    pub roles: Vec<Role>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    email: String,
    display_name: String,
    password_hash: String,
    locale: String,
    agency_id: Option<String>,
    email_verified_at: Option<i64>,
    disabled_at: Option<i64>,
    created_at: i64,
}

impl Row {
    fn into_user(self, roles: Vec<Role>) -> User {
        User {
            id: UserId::from_db(self.id),
            email: Email::from_db(self.email),
            display_name: self.display_name,
            password_hash: self.password_hash,
            locale: Locale::parse(&self.locale).unwrap_or_default(),
            agency_id: self.agency_id.map(AgencyId::from_db),
            email_verified_at: self.email_verified_at,
            disabled_at: self.disabled_at,
            created_at: self.created_at,
            roles,
        }
    }
}

const COLUMNS: &str =
    "id, email, display_name, password_hash, locale, agency_id, email_verified_at, disabled_at, created_at";

/// Fields of a new account.
#[derive(Debug)]
pub struct NewUser<'a> {
    pub id: &'a UserId,
    pub email: &'a Email,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub locale: Locale,
    pub agency_id: Option<&'a AgencyId>,
    pub email_verified_at: Option<Millis>,
    pub roles: &'a [Role],
}

/// Inserts an account with its roles; a taken email is [`crate::Error::Conflict`].
pub async fn insert(conn: &mut Conn, u: &NewUser<'_>, now: Millis) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, email, display_name, password_hash, locale, agency_id, email_verified_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(u.id.as_str())
    .bind(u.email.as_str())
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(u.locale.code())
    .bind(u.agency_id.map(AgencyId::as_str))
    .bind(u.email_verified_at)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    for role in u.roles {
        add_role(conn, u.id, *role).await?;
    }
    Ok(())
}

/// Grants a role; granting one already held is a no-op.
pub async fn add_role(conn: &mut Conn, id: &UserId, role: Role) -> Result<()> {
    sqlx::query("INSERT INTO user_roles (user_id, role) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(id.as_str())
        .bind(role.code())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

async fn roles_of(conn: &mut Conn, id: &str) -> Result<Vec<Role>> {
    let codes: Vec<String> = sqlx::query_scalar("SELECT role FROM user_roles WHERE user_id = $1 ORDER BY role")
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(codes.iter().filter_map(|c| Role::parse(c).ok()).collect())
}

async fn with_roles(conn: &mut Conn, row: Option<Row>) -> Result<Option<User>> {
    match row {
        Some(row) => {
            let roles = roles_of(conn, &row.id).await?;
            Ok(Some(row.into_user(roles)))
        }
        None => Ok(None),
    }
}

/// The rows as users, in their order, with the roles of each.
async fn each_with_roles(conn: &mut Conn, rows: Vec<Row>) -> Result<Vec<User>> {
    let mut users = Vec::with_capacity(rows.len());
    for row in rows {
        let roles = roles_of(conn, &row.id).await?;
        users.push(row.into_user(roles));
    }
    Ok(users)
}

pub async fn by_id(conn: &mut Conn, id: &UserId) -> Result<Option<User>> {
    let row = keyed::one(conn, &format!("SELECT {COLUMNS} FROM users WHERE id = $1"), id.as_str()).await?;
    with_roles(conn, row).await
}

/// The accounts with these ids that exist, with their roles, in no particular order; two queries per
/// hundred ids.
pub async fn by_ids(conn: &mut Conn, ids: &[String]) -> Result<Vec<User>> {
    let rows: Vec<Row> = crate::bulk::fetch_in(conn, &format!("SELECT {COLUMNS} FROM users"), "id", ids).await?;
    let roles: Vec<(String, String)> =
        crate::bulk::fetch_in(conn, "SELECT user_id, role FROM user_roles", "user_id", ids).await?;
    let mut by_user: std::collections::HashMap<String, Vec<Role>> = std::collections::HashMap::new();
    for (user, code) in roles {
        if let Ok(role) = Role::parse(&code) {
            by_user.entry(user).or_default().push(role);
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut roles = by_user.remove(&r.id).unwrap_or_default();
            roles.sort_by_key(|r| r.code());
            r.into_user(roles)
        })
        .collect())
}

pub async fn by_email(conn: &mut Conn, email: &Email) -> Result<Option<User>> {
    let row = keyed::one(conn, &format!("SELECT {COLUMNS} FROM users WHERE email = $1"), email.as_str()).await?;
    with_roles(conn, row).await
}

/// Newest accounts first, with roles; for the admin list.
pub async fn list(conn: &mut Conn, limit: i64, offset: i64) -> Result<Vec<User>> {
    let rows = sqlx::query_as::<_, Row>(&format!(
        "SELECT {COLUMNS} FROM users ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(&mut *conn)
    .await?;
    each_with_roles(conn, rows).await
}

/// Officers of one agency.
pub async fn officers_of(conn: &mut Conn, agency: &AgencyId) -> Result<Vec<User>> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE agency_id = $1 ORDER BY display_name");
    let rows = keyed::all(conn, &sql, agency.as_str()).await?;
    each_with_roles(conn, rows).await
}

/// The accounts holding `role`, disabled ones left out.
pub async fn with_role(conn: &mut Conn, role: Role) -> Result<Vec<UserId>> {
    let ids: Vec<String> = sqlx::query_scalar(
        "SELECT r.user_id FROM user_roles r JOIN users u ON u.id = r.user_id \
         WHERE r.role = $1 AND u.disabled_at IS NULL ORDER BY r.user_id",
    )
    .bind(role.code())
    .fetch_all(&mut *conn)
    .await?;
    Ok(ids.into_iter().map(UserId::from_db).collect())
}

pub async fn count(conn: &mut Conn) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&mut *conn).await?)
}

/// Takes the account's row for the rest of the transaction (a write lock on both backends), so checks
/// that count its rows and then write cannot interleave.
pub async fn lock(conn: &mut Conn, id: &UserId) -> Result<()> {
    sqlx::query("UPDATE users SET updated_at = updated_at WHERE id = $1").bind(id.as_str()).execute(&mut *conn).await?;
    Ok(())
}

pub async fn set_password_hash(conn: &mut Conn, id: &UserId, hash: &str, now: Millis) -> Result<()> {
    sqlx::query("UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn mark_email_verified(conn: &mut Conn, id: &UserId, now: Millis) -> Result<()> {
    sqlx::query("UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1), updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn set_locale(conn: &mut Conn, id: &UserId, locale: Locale, now: Millis) -> Result<()> {
    sqlx::query("UPDATE users SET locale = $1, updated_at = $2 WHERE id = $3")
        .bind(locale.code())
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Ties an officer to their agency.
pub async fn set_agency(conn: &mut Conn, id: &UserId, agency: &AgencyId, now: Millis) -> Result<()> {
    sqlx::query("UPDATE users SET agency_id = $1, updated_at = $2 WHERE id = $3")
        .bind(agency.as_str())
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Disables an account (`Some(at)`) or enables it again (`None`); returns whether the account exists.
pub async fn set_disabled(conn: &mut Conn, id: &UserId, disabled_at: Option<Millis>, now: Millis) -> Result<bool> {
    let r = sqlx::query("UPDATE users SET disabled_at = $1, updated_at = $2 WHERE id = $3")
        .bind(disabled_at)
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(r.rows_affected() > 0)
}

/// Takes a role away; returns whether the account held it.
pub async fn remove_role(conn: &mut Conn, id: &UserId, role: Role) -> Result<bool> {
    let r = sqlx::query("DELETE FROM user_roles WHERE user_id = $1 AND role = $2")
        .bind(id.as_str())
        .bind(role.code())
        .execute(&mut *conn)
        .await?;
    Ok(r.rows_affected() > 0)
}

/// Unties an account from its agency.
pub async fn clear_agency(conn: &mut Conn, id: &UserId, now: Millis) -> Result<()> {
    sqlx::query("UPDATE users SET agency_id = NULL, updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(id.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(())
}
