//! Creating a verified account directly (operator CLI, demo data), e.g. the first admin.

use halqe_db::users;
use halqe_domain::ids::{AgencyId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::user::{DisplayName, Email, NewPassword, Role};

use crate::{App, Error, FormErrors, Result, audit, password};

/// A new account with its roles.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub email: String,
    pub display_name: String,
    pub password: String,
    pub roles: Vec<Role>,
    pub agency_id: Option<AgencyId>,
    pub locale: Locale,
}

/// Creates a verified account; an officer must name an agency.
pub async fn create_user(app: &App, a: &NewAccount) -> Result<UserId> {
    let mut errors = FormErrors::default();
    let email = errors.check("email", Email::parse(&a.email));
    let name = errors.check("display_name", DisplayName::parse(&a.display_name));
    let password = errors.check("password", NewPassword::parse(&a.password));
    if a.roles.is_empty() {
        errors.add("roles", "required");
    }
    if a.roles.contains(&Role::Officer) != a.agency_id.is_some() {
        errors.add("agency", "officer_agency");
    }
    errors.finish()?;
    let (Some(email), Some(name), Some(password)) = (email, name, password) else {
        return Err(Error::Internal("validated input missing".into()));
    };
    let hash = password::hash(app, password.expose().to_owned()).await?;
    insert_verified(app, &email, name.as_str(), &hash, &a.roles, a.agency_id.as_ref(), a.locale).await
}

/// Inserts a verified account with a ready password hash, auditing it.
pub(crate) async fn insert_verified(
    app: &App,
    email: &Email,
    name: &str,
    hash: &str,
    roles: &[Role],
    agency: Option<&AgencyId>,
    locale: Locale,
) -> Result<UserId> {
    let now = app.now();
    let id = UserId::new();
    let mut tx = app.db.begin().await?;
    let new = users::NewUser {
        id: &id,
        email,
        display_name: name,
        password_hash: hash,
        locale,
        agency_id: agency,
        email_verified_at: Some(now),
        roles,
    };
    users::insert(&mut tx, &new, now).await.map_err(|e| match e {
        halqe_db::Error::Conflict => FormErrors::single("email", "email_taken"),
        e => e.into(),
    })?;
    let roles: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    audit::record(&mut tx, None, "user.create", ("user", id.as_str()), serde_json::json!({ "roles": roles }), now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(id)
}
