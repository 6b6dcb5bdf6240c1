//! Staff decide an identity conflict: the declaring record gets the identifier (the holder loses it) or the
//! holder keeps it; always with a reason, audited, and never by a party to the case.

use halqe_db::identity_conflicts as db;
use halqe_domain::identity::{ConflictStatus, Identifier};
use halqe_domain::ids::UserId;
use halqe_domain::permissions::StaffCap;
use halqe_domain::profile::paragraph;

use crate::verification::decide::speakers;
use crate::{App, Error, FormErrors, Result, audit};

const MAX_REASON: usize = 2000;

/// What the resolve form sends.
#[derive(Debug, Clone, Default)]
pub struct ResolveForm {
    /// `claimant` or `holder`.
    pub decision: String,
    pub reason: String,
}

/// Decides an open case and returns its new status.
pub async fn resolve(app: &App, cap: &StaffCap, id: &str, form: &ResolveForm) -> Result<ConflictStatus> {
    let mut errors = FormErrors::default();
    let reason = errors.check("reason", paragraph(&form.reason, MAX_REASON));
    if reason.as_deref() == Some("") {
        errors.add("reason", "required");
    }
    let now = app.now();
    let mut tx = app.db.begin().await?;
    let case = db::by_id(&mut tx, id).await?.ok_or(Error::NotFound)?;
    let decided = match case.status.resolve(&form.decision) {
        Ok(d) => Some(d),
        Err(_) if case.status != ConflictStatus::Open => {
            return Err(FormErrors::single("decision", "conflict_decided"));
        }
        Err(e) => {
            errors.add("decision", e.code());
            None
        }
    };
    errors.finish()?;
    let (Some(decided), Some(reason)) = (decided, reason) else {
        return Err(Error::Internal("validated input missing".into()));
    };
    // Parties: the account that declared it and the accounts behind both records.
    let mut parties = vec![UserId::from_db(case.claimed_by.clone())];
    for record in [case.claimant_id.as_str(), case.holder_id.as_str()] {
        let (person, organization) = match case.identifier {
            Identifier::NationalId => (Some(record), None),
            Identifier::RegistrationNumber => (None, Some(record)),
        };
        parties.extend(speakers(&mut tx, person, organization).await?);
    }
    if parties.contains(cap.by()) {
        return Err(FormErrors::single("decision", "own_case"));
    }
    if decided == ConflictStatus::Claimant {
        db::give_to_claimant(&mut tx, &case).await?;
    }
    if !db::decide(&mut tx, id, decided, cap.by(), &reason, now).await? {
        return Err(FormErrors::single("decision", "conflict_decided"));
    }
    let details =
        serde_json::json!({ "identifier": case.identifier.code(), "decision": decided.code(), "reason": reason });
    audit::record(&mut tx, Some(cap.by()), "identity_conflict.resolve", ("identity_conflict", id), details, now)
        .await?;
    halqe_db::commit(tx).await?;
    Ok(decided)
}
