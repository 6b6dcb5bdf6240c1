//! Conflicts of interest: the stored facts they are computed from, and each one put in words for staff,
//! in their language.

use std::collections::{HashMap, HashSet};

use halqe_db::assignments::AssignmentRow;
use halqe_db::people::{self, PersonRow};
use halqe_db::reviewers::{self, DeclaredRow};
use halqe_db::{Conn, proposals, users};
use halqe_domain::calendar;
use halqe_domain::evaluation::conflicts::{
    self as rules, Conflict, Declared, DeclaredAbout, Membership, Person, Proposal, Publication, Rules, Standing,
};
use halqe_domain::ids::{AgencyId, OrganizationId, PersonId, ProposalId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::profile::Doi;
use halqe_domain::proposal::{ApplicantKind, MemberState};
use halqe_domain::user::Role;

use crate::i18n::{self, Isolation};
use crate::{App, Error, Result};

/// The reason staff are shown for `conflict`.
pub fn reason(locale: Locale, conflict: &Conflict) -> String {
    let at = |until: &Option<i64>| until.map(|u| calendar::format_date(u, locale)).unwrap_or_default();
    let args: Vec<(&'static str, String)> = match conflict {
        Conflict::TeamMember => vec![],
        Conflict::SameOrganization { organization, until, via } => {
            vec![("organization", organization.clone()), ("at", at(until)), ("name", via.clone().unwrap_or_default())]
        }
        Conflict::CoAuthor { member, title } => vec![("name", member.clone()), ("title", title.clone())],
        Conflict::SameInstitution { member, institution } => {
            vec![("name", member.clone()), ("organization", institution.clone())]
        }
        Conflict::Declared { note } => vec![("reason", note.clone())],
        Conflict::Staff => vec![],
        Conflict::AgencyOfficer { agency } => vec![("organization", agency.clone())],
    };
    let args: Vec<(&'static str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n::t_args(locale, Isolation::Html, conflict.key(), &args)
}

/// The reviewers and proposals of one stage as the conflict rules see them, loaded from stored facts:
/// memberships current and past, publications, import institutions, teams, declarations.
pub(crate) struct Facts {
    /// (user id, the reviewer as a person, their declarations in force).
    pub reviewers: Vec<(String, Person, Vec<DeclaredRow>)>,
    /// (proposal id, who stands behind it).
    pub proposals: Vec<(String, Proposal)>,
}

/// A proposal's id, its submitting organization, its team as (person id, user id), and its challenge's agency.
type Team = (String, Option<(OrganizationId, String)>, Vec<(String, String)>, (AgencyId, String));

/// A stand-in person id for an account without a registry profile: never equal to a real one.
fn account_person(user: &str) -> PersonId {
    PersonId::from_db(format!("account:{user}"))
}

/// Loads the facts about `reviewers` (user ids) and `proposals` (ids) in a bounded number of queries per
/// hundred people.
pub(crate) async fn load(conn: &mut Conn, reviewers: &[String], proposal_ids: &[String]) -> Result<Facts> {
    let mut teams: Vec<Team> = Vec::new();
    for id in proposal_ids {
        let pid = ProposalId::from_db(id.clone());
        let found = proposals::by_id(conn, &pid).await?.ok_or(Error::NotFound)?;
        let row = found.row;
        // (person id, user id) of the team: accepted members, the applicant person, the account that wrote it.
        let mut team: Vec<(String, String)> = proposals::members_of(conn, &pid)
            .await?
            .into_iter()
            .filter(|m| m.state == MemberState::Accepted)
            .map(|m| (m.person_id, m.user_id))
            .collect();
        if let Some(p) = people::by_user(conn, &UserId::from_db(row.created_by.clone())).await? {
            team.push((p.id, row.created_by.clone()));
        }
        let organization = match row.applicant_kind {
            ApplicantKind::Organization => {
                Some((OrganizationId::from_db(row.applicant_id.clone()), row.applicant_name.clone()))
            }
            ApplicantKind::Person => {
                if let Some(p) = people::by_id(conn, &PersonId::from_db(row.applicant_id.clone())).await?
                    && let Some(user) = p.user_id
                {
                    team.push((p.id, user));
                }
                None
            }
        };
        team.sort();
        team.dedup_by(|a, b| a.0 == b.0);
        let agency = (AgencyId::from_db(found.agency_id.clone()), found.agency_name.clone());
        teams.push((id.clone(), organization, team, agency));
    }
    // Every person the rules look at: reviewers by their account's profile, team members by theirs.
    let mut reviewer_people: Vec<(String, Option<PersonRow>)> = Vec::new();
    for user in reviewers {
        reviewer_people.push((user.clone(), people::by_user(conn, &UserId::from_db(user.clone())).await?));
    }
    let mut person_ids: Vec<String> = teams.iter().flat_map(|t| t.2.iter().map(|m| m.0.clone())).collect();
    person_ids.extend(reviewer_people.iter().filter_map(|(_, p)| p.as_ref().map(|p| p.id.clone())));
    person_ids.sort();
    person_ids.dedup();
    let rows: HashMap<String, PersonRow> =
        people::by_ids(conn, &person_ids).await?.into_iter().map(|p| (p.id.clone(), p)).collect();
    let mut user_ids: Vec<String> = teams.iter().flat_map(|t| t.2.iter().map(|m| m.1.clone())).collect();
    user_ids.extend(reviewers.iter().cloned());
    user_ids.sort();
    user_ids.dedup();
    let mut memberships: HashMap<String, Vec<Membership>> = HashMap::new();
    for m in reviewers::memberships_of(conn, &user_ids).await? {
        memberships.entry(m.user_id).or_default().push(Membership {
            organization: OrganizationId::from_db(m.organization_id),
            name: m.name_fa,
            from: m.joined_at,
            until: m.left_at,
        });
    }
    let mut publications: HashMap<String, Vec<Publication>> = HashMap::new();
    for (person, title, doi) in reviewers::publications_of(conn, &person_ids).await? {
        let doi = if doi.trim().is_empty() { None } else { Doi::parse(&doi).ok() };
        publications.entry(person).or_default().push(Publication { doi, title });
    }
    let standings: HashMap<String, Standing> = users::by_ids(conn, reviewers)
        .await?
        .into_iter()
        .map(|u| {
            let staff = u.roles.contains(&Role::Staff) || u.roles.contains(&Role::Admin);
            let officer_of = u.agency_id.filter(|_| u.roles.contains(&Role::Officer));
            (u.id.to_string(), Standing { staff, officer_of })
        })
        .collect();
    let person = |person_id: Option<&str>, user: &str, standing: Standing| -> Person {
        let row = person_id.and_then(|p| rows.get(p));
        Person {
            id: row.map_or_else(|| account_person(user), |r| PersonId::from_db(r.id.clone())),
            name: row.map(|r| format!("{} {}", r.first_name, r.last_name)).unwrap_or_default(),
            memberships: memberships.get(user).cloned().unwrap_or_default(),
            publications: person_id.and_then(|p| publications.get(p)).cloned().unwrap_or_default(),
            institution: row.map(|r| r.institution.clone()).unwrap_or_default(),
            standing,
        }
    };
    let declared = reviewers::declared_of(conn, reviewers).await?;
    let reviewers = reviewer_people
        .iter()
        .map(|(user, p)| {
            let mine = declared.iter().filter(|d| &d.user_id == user).cloned().collect();
            let standing = standings.get(user).cloned().unwrap_or_default();
            (user.clone(), person(p.as_ref().map(|p| p.id.as_str()), user, standing), mine)
        })
        .collect();
    let proposals = teams
        .into_iter()
        .map(|(id, organization, team, agency)| {
            let team = team.iter().map(|(p, u)| person(Some(p), u, Standing::default())).collect();
            (id, Proposal { organization, team, agency })
        })
        .collect();
    Ok(Facts { reviewers, proposals })
}

impl Facts {
    /// The conflicts of reviewer `r` with proposal `p` (indices into the facts) at `now`.
    pub(crate) fn between(&self, p: usize, r: usize, rules: Rules, now: i64) -> Vec<Conflict> {
        let (proposal_id, proposal) = &self.proposals[p];
        let (_, reviewer, declared) = &self.reviewers[r];
        let declared: Vec<Declared> = declared
            .iter()
            .filter_map(|d| {
                let about = match d.about_kind.as_str() {
                    "proposal" if &d.about_id == proposal_id => DeclaredAbout::Proposal,
                    "organization" => DeclaredAbout::Organization(OrganizationId::from_db(d.about_id.clone())),
                    "person" => DeclaredAbout::Person(PersonId::from_db(d.about_id.clone())),
                    _ => return None,
                };
                Some(Declared { about, note: d.note.clone() })
            })
            .collect();
        rules::conflicts(reviewer, &declared, proposal, rules, now)
    }

    /// Every conflicted (proposal, reviewer) pair with its conflicts.
    pub(crate) fn all(&self, rules: Rules, now: i64) -> Vec<(usize, usize, Vec<Conflict>)> {
        let mut out = Vec::new();
        for p in 0..self.proposals.len() {
            for r in 0..self.reviewers.len() {
                let found = self.between(p, r, rules, now);
                if !found.is_empty() {
                    out.push((p, r, found));
                }
            }
        }
        out
    }
}

/// Which of `rows` (assignments) are conflicted now: a conflict that appeared after the assignment (the
/// reviewer joined the applicant's organization, co-authored with its team, declared one) counts as much as
/// one found before. Besides every rule of [`Facts::between`], speaking for the applicant or being on its
/// team in any state conflicts. One load of the facts for the rows' reviewers and proposals, so a single
/// assignment costs a handful of queries.
pub(crate) async fn conflicted(app: &App, conn: &mut Conn, rows: &[AssignmentRow]) -> Result<HashSet<String>> {
    let mut out = HashSet::new();
    if rows.is_empty() {
        return Ok(out);
    }
    let mut users: Vec<String> = rows.iter().map(|a| a.user_id.clone()).collect();
    let mut ids: Vec<String> = rows.iter().map(|a| a.proposal_id.clone()).collect();
    users.sort();
    users.dedup();
    ids.sort();
    ids.dedup();
    // Accounts on the applicant's side or its team, invited ones included, per proposal.
    let mut sides: HashMap<&str, HashSet<String>> = HashMap::new();
    for id in &ids {
        let pid = ProposalId::from_db(id.clone());
        let found = proposals::by_id(conn, &pid).await?.ok_or(Error::NotFound)?;
        let mut on: HashSet<String> = proposals::members_of(conn, &pid).await?.into_iter().map(|m| m.user_id).collect();
        let owners = crate::proposals::access::owners(conn, found.row.applicant_kind, &found.row.applicant_id).await?;
        on.extend(owners.into_iter().map(|u| u.to_string()));
        sides.insert(id.as_str(), on);
    }
    let facts = load(conn, &users, &ids).await?;
    let (rules, now) = (rules_of(app), app.now());
    for a in rows {
        let p = facts.proposals.iter().position(|(id, _)| *id == a.proposal_id);
        let r = facts.reviewers.iter().position(|(id, _, _)| *id == a.user_id);
        let on_side = sides.get(a.proposal_id.as_str()).is_some_and(|on| on.contains(&a.user_id));
        if on_side || p.zip(r).is_some_and(|(p, r)| !facts.between(p, r, rules, now).is_empty()) {
            out.insert(a.id.clone());
        }
    }
    Ok(out)
}

/// The rules as this node is configured.
pub(crate) fn rules_of(app: &App) -> Rules {
    Rules { organization_years: app.settings.conflict_organization_years }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2024-03-20 12:00 UTC: 1 Farvardin 1403 in Tehran.
    const NOWRUZ_1403: i64 = 1_710_936_000_000;

    fn all() -> Vec<Conflict> {
        let organization = "شرکت فناوران".to_owned();
        vec![
            Conflict::TeamMember,
            Conflict::SameOrganization { organization: organization.clone(), until: None, via: None },
            Conflict::SameOrganization { organization: organization.clone(), until: Some(NOWRUZ_1403), via: None },
            Conflict::SameOrganization { organization: organization.clone(), until: None, via: Some("علی".into()) },
            Conflict::SameOrganization { organization, until: Some(NOWRUZ_1403), via: Some("علی".into()) },
            Conflict::CoAuthor { member: "علی".into(), title: "Water networks".into() },
            Conflict::SameInstitution { member: "علی".into(), institution: "پژوهشگاه نیرو".into() },
            Conflict::Declared { note: "همکار پیشین".into() },
            Conflict::Staff,
            Conflict::AgencyOfficer { agency: "وزارت نیرو".into() },
        ]
    }

    #[test]
    fn every_kind_has_a_reason_in_both_languages_with_its_details() {
        for conflict in all() {
            for locale in Locale::ALL {
                let text = reason(locale, &conflict);
                assert!(!text.contains("evaluation-conflict"), "{conflict:?} has no {locale:?} text");
                let details: Vec<&str> = match &conflict {
                    Conflict::TeamMember => vec![],
                    Conflict::SameOrganization { via, .. } => {
                        ["شرکت فناوران"].into_iter().chain(via.as_deref()).collect()
                    }
                    Conflict::CoAuthor { .. } => vec!["علی", "Water networks"],
                    Conflict::SameInstitution { .. } => vec!["علی", "پژوهشگاه نیرو"],
                    Conflict::Declared { .. } => vec!["همکار پیشین"],
                    Conflict::Staff => vec![],
                    Conflict::AgencyOfficer { .. } => vec!["وزارت نیرو"],
                };
                for d in details {
                    assert!(text.contains(d), "{locale:?} reason {text:?} lacks {d:?}");
                }
            }
        }
        let former = &all()[2];
        assert!(reason(Locale::Fa, former).contains("۱ فروردین ۱۴۰۳"), "{}", reason(Locale::Fa, former));
        assert!(reason(Locale::En, former).contains("2024"), "{}", reason(Locale::En, former));
        assert_eq!(reason(Locale::En, &Conflict::TeamMember), "On this proposal's team.");
    }
}
