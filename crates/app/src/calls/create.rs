//! Staff open a call: a title, its rules and its dates, saved as a draft.

use halqe_db::calls::{self, CallRow};
use halqe_domain::calendar;
use halqe_domain::call::Status;
use halqe_domain::ids::CallId;
use halqe_domain::permissions::StaffCap;
use halqe_domain::profile::{paragraph, required_line};

use crate::{App, DAY_MS, FormErrors, Result, audit};

/// Longest call title, in characters.
pub const TITLE: usize = 200;
/// Longest rules text, in characters.
pub const RULES: usize = 4000;

/// What the call form sends; dates Solar Hijri or Gregorian, in any digits.
#[derive(Debug, Clone, Default)]
pub struct CallForm {
    pub title: String,
    pub rules: String,
    pub opens: String,
    pub closes: String,
}

/// The checked form: (title, rules, opens at, closes at: the end of the closing day).
fn validate(form: &CallForm) -> Result<(String, String, i64, i64)> {
    let mut e = FormErrors::default();
    let title = e.check("title", required_line(&form.title, TITLE)).unwrap_or_default();
    let rules = e.check("rules", paragraph(&form.rules, RULES)).unwrap_or_default();
    let opens = e.check("opens", calendar::parse_date(&form.opens));
    let closes = e.check("closes", calendar::parse_date(&form.closes)).map(|d| d + DAY_MS);
    if let (Some(o), Some(c)) = (opens, closes)
        && c <= o
    {
        e.add("closes", "closes_before_opens");
    }
    e.finish()?;
    Ok((title, rules, opens.unwrap_or_default(), closes.unwrap_or_default()))
}

/// Saves a new draft call; returns its id.
pub async fn create(app: &App, staff: &StaffCap, form: &CallForm) -> Result<CallId> {
    let (title, rules, opens_at, closes_at) = validate(form)?;
    let now = app.now();
    let id = CallId::new();
    let row = CallRow {
        id: id.to_string(),
        title,
        rules,
        opens_at,
        closes_at,
        status: Status::Draft,
        created_by: staff.by().to_string(),
        created_at: now,
        published_at: None,
    };
    let mut tx = app.db.begin().await?;
    calls::insert(&mut tx, &row).await?;
    let details = serde_json::json!({ "title": row.title, "opens_at": opens_at, "closes_at": closes_at });
    audit::record(&mut tx, Some(staff.by()), "call.create", ("call", id.as_str()), details, now).await?;
    halqe_db::commit(tx).await?;
    Ok(id)
}
