//! Who may do what: the route rule every request passes through, and the capabilities privileged use cases require.

use crate::ids::{AgencyId, UserId};
use crate::user::Role;

/// Who may reach a route; every route declares one, and one function ([`Access::allows`]) decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in user.
    SignedIn,
    /// Signed-in users holding at least one of these roles.
    Roles(&'static [Role]),
    /// Only a request bearing the configured metrics token, whoever is signed in; no role reaches it. The
    /// web layer, which holds the token, checks it.
    MetricsToken,
}

/// Center staff and admins: agencies, invitations, imports.
pub const STAFF: Access = Access::Roles(&[Role::Admin, Role::Staff]);
/// Admins only: accounts and roles.
pub const ADMIN: Access = Access::Roles(&[Role::Admin]);
/// Officers and center staff: matching needs to capacities and asking for introductions ([`MatchCap`]).
pub const MATCHERS: Access = Access::Roles(&[Role::Admin, Role::Staff, Role::Officer]);
/// Officers: writing their agency's challenges ([`AuthorCap`]).
pub const AUTHORS: Access = Access::Roles(&[Role::Officer]);
/// Officers and center staff: following a challenge through review and its lifecycle (whose side each
/// is on is decided per challenge by the use case).
pub const CHALLENGE_SIDES: Access = Access::Roles(&[Role::Admin, Role::Staff, Role::Officer]);
/// Those who read the audit record and the decisions on it: admins and auditors (read-only).
pub const AUDITORS: Access = Access::Roles(&[Role::Admin, Role::Auditor]);
/// Those who read a decision's page with its audit entries: staff, admins and auditors.
pub const RECORD_READERS: Access = Access::Roles(&[Role::Admin, Role::Staff, Role::Auditor]);

impl Access {
    /// The single authorization decision for a route: `roles` is `None` for an anonymous visitor.
    pub fn allows(self, roles: Option<&[Role]>) -> bool {
        match (self, roles) {
            (Access::Public, _) => true,
            (Access::MetricsToken, _) | (_, None) => false,
            (Access::SignedIn, Some(_)) => true,
            (Access::Roles(allowed), Some(held)) => held.iter().any(|r| allowed.contains(r)),
        }
    }
}

/// A signed-in user as seen by use cases.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: UserId,
    pub roles: Vec<Role>,
    /// The agency an officer belongs to.
    pub agency_id: Option<AgencyId>,
}

/// Proof that the actor is center staff or an admin; only [`Actor::staff`] makes one.
#[derive(Debug, Clone)]
pub struct StaffCap {
    by: UserId,
}

impl StaffCap {
    /// The staff member acting.
    pub fn by(&self) -> &UserId {
        &self.by
    }
}

/// Proof that the actor is an admin; only [`Actor::admin`] makes one.
#[derive(Debug, Clone)]
pub struct AdminCap {
    by: UserId,
}

impl AdminCap {
    /// The admin acting.
    pub fn by(&self) -> &UserId {
        &self.by
    }
}

/// Proof that the actor may match needs to capacities and ask for introductions; only [`Actor::matcher`]
/// makes one.
#[derive(Debug, Clone)]
pub struct MatchCap {
    actor: Actor,
    agency: Option<AgencyId>,
}

impl MatchCap {
    /// Who is matching: what they may see of each candidate depends on it.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The agency the need is for: an officer's own; none for center staff.
    pub fn agency(&self) -> Option<&AgencyId> {
        self.agency.as_ref()
    }
}

/// Proof that the actor is an officer of an agency and may write challenges for it; only
/// [`Actor::author`] makes one.
#[derive(Debug, Clone)]
pub struct AuthorCap {
    by: UserId,
    agency: AgencyId,
}

impl AuthorCap {
    /// The officer writing.
    pub fn by(&self) -> &UserId {
        &self.by
    }

    /// Their agency, which owns what they write.
    pub fn agency(&self) -> &AgencyId {
        &self.agency
    }
}

/// Proof that the actor may read the whole audit record (an admin or an auditor); only
/// [`Actor::audit_reader`] makes one. It opens reads only.
#[derive(Debug, Clone)]
pub struct AuditReadCap {
    by: UserId,
}

impl AuditReadCap {
    /// Who is reading.
    pub fn by(&self) -> &UserId {
        &self.by
    }
}

/// The capability was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("forbidden")]
pub struct Forbidden;

impl Actor {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    pub fn staff(&self) -> Result<StaffCap, Forbidden> {
        if STAFF.allows(Some(&self.roles)) { Ok(StaffCap { by: self.user_id.clone() }) } else { Err(Forbidden) }
    }

    pub fn admin(&self) -> Result<AdminCap, Forbidden> {
        if ADMIN.allows(Some(&self.roles)) { Ok(AdminCap { by: self.user_id.clone() }) } else { Err(Forbidden) }
    }

    /// Officers of an agency may write its challenges.
    pub fn author(&self) -> Result<AuthorCap, Forbidden> {
        match &self.agency_id {
            Some(agency) if AUTHORS.allows(Some(&self.roles)) => {
                Ok(AuthorCap { by: self.user_id.clone(), agency: agency.clone() })
            }
            _ => Err(Forbidden),
        }
    }

    /// Whether the actor is an officer of `agency`: the one test of "their own agency's challenges".
    pub fn officer_of(&self, agency: &str) -> bool {
        self.has(Role::Officer) && self.agency_id.as_ref().is_some_and(|a| a.as_str() == agency)
    }

    /// Staff, admins and auditors read decisions with their audit entries ([`RECORD_READERS`]).
    pub fn reads_record(&self) -> bool {
        RECORD_READERS.allows(Some(&self.roles))
    }

    /// Admins and auditors browse and export the audit record ([`AUDITORS`]).
    pub fn audit_reader(&self) -> Result<AuditReadCap, Forbidden> {
        if AUDITORS.allows(Some(&self.roles)) { Ok(AuditReadCap { by: self.user_id.clone() }) } else { Err(Forbidden) }
    }

    /// Officers of an agency (asking for it) and center staff (for no agency) may match needs.
    pub fn matcher(&self) -> Result<MatchCap, Forbidden> {
        let agency = self.agency_id.clone().filter(|_| self.has(Role::Officer));
        if MATCHERS.allows(Some(&self.roles)) && (agency.is_some() || self.staff().is_ok()) {
            Ok(MatchCap { actor: self.clone(), agency })
        } else {
            Err(Forbidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_table() {
        let staff: &[Role] = &[Role::Staff];
        let innovator: &[Role] = &[Role::Innovator];
        assert!(Access::Public.allows(None));
        assert!(!Access::SignedIn.allows(None));
        assert!(Access::SignedIn.allows(Some(innovator)));
        assert!(STAFF.allows(Some(staff)));
        assert!(!STAFF.allows(Some(innovator)));
        assert!(!STAFF.allows(Some(&[])));
        assert!(!ADMIN.allows(Some(staff)));
        assert!(!STAFF.allows(None));
        assert!(!Access::MetricsToken.allows(None));
        assert!(!Access::MetricsToken.allows(Some(&Role::ALL)));
    }

    #[test]
    fn auditors_read_the_record_and_hold_no_staff_capability() {
        let actor = |roles: &[Role]| Actor { user_id: UserId::new(), roles: roles.to_vec(), agency_id: None };
        let auditor = actor(&[Role::Auditor]);
        assert!(auditor.audit_reader().is_ok() && auditor.reads_record());
        assert!(auditor.staff().is_err() && auditor.admin().is_err() && auditor.matcher().is_err());
        assert!(actor(&[Role::Admin]).audit_reader().is_ok());
        assert!(actor(&[Role::Staff]).audit_reader().is_err() && actor(&[Role::Staff]).reads_record());
        for roles in [&[Role::Officer][..], &[Role::Innovator], &[Role::Reviewer]] {
            assert!(actor(roles).audit_reader().is_err() && !actor(roles).reads_record(), "{roles:?}");
        }
    }

    #[test]
    fn authors_are_officers_of_an_agency_writing_for_it() {
        let agency = AgencyId::new();
        let actor = |roles: &[Role], agency: Option<&AgencyId>| Actor {
            user_id: UserId::new(),
            roles: roles.to_vec(),
            agency_id: agency.cloned(),
        };
        let officer = actor(&[Role::Officer], Some(&agency));
        assert_eq!(officer.author().unwrap().agency(), &agency);
        assert!(officer.officer_of(agency.as_str()));
        assert!(!officer.officer_of(AgencyId::new().as_str()), "another agency's");
        assert!(actor(&[Role::Officer], None).author().is_err(), "an officer of no agency");
        assert!(actor(&[Role::Staff], Some(&agency)).author().is_err(), "staff review, they do not write");
        assert!(!actor(&[Role::Staff], Some(&agency)).officer_of(agency.as_str()));
        assert!(actor(&[Role::Innovator], Some(&agency)).author().is_err());
        for roles in [&[Role::Officer][..], &[Role::Staff], &[Role::Admin], &[Role::Innovator], &[Role::Reviewer]] {
            let capable = actor(roles, Some(&agency)).author().is_ok();
            assert_eq!(capable, AUTHORS.allows(Some(roles)), "the route rule and the capability agree: {roles:?}");
        }
    }

    #[test]
    fn matchers_are_officers_of_an_agency_and_staff() {
        let agency = AgencyId::new();
        let actor = |roles: &[Role], agency: Option<&AgencyId>| Actor {
            user_id: UserId::new(),
            roles: roles.to_vec(),
            agency_id: agency.cloned(),
        };
        let officer = actor(&[Role::Officer], Some(&agency)).matcher().unwrap();
        assert_eq!(officer.agency(), Some(&agency), "an officer asks for their agency");
        assert_eq!(actor(&[Role::Staff], None).matcher().unwrap().agency(), None);
        assert_eq!(actor(&[Role::Admin], None).matcher().unwrap().agency(), None);
        assert!(actor(&[Role::Officer], None).matcher().is_err(), "an officer of no agency");
        assert!(actor(&[Role::Innovator], Some(&agency)).matcher().is_err());
        assert!(actor(&[Role::Reviewer], None).matcher().is_err());
        for roles in [&[Role::Officer][..], &[Role::Staff], &[Role::Admin], &[Role::Innovator], &[Role::Reviewer]] {
            let capable = actor(roles, Some(&agency)).matcher().is_ok();
            assert_eq!(capable, MATCHERS.allows(Some(roles)), "the route rule and the capability agree: {roles:?}");
        }
    }
}
