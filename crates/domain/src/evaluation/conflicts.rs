//! Conflicts of interest between a reviewer and a proposal, computed from registry facts, each with the
//! reason staff are shown. A conflicted reviewer is never assigned, shown the proposal or counted.

use crate::clock::Millis;
use crate::ids::{AgencyId, OrganizationId, PersonId};
use crate::profile::Doi;
use crate::text;

/// A mean Gregorian year, for "left within N years".
pub const YEAR_MS: Millis = 31_556_952_000;

/// Titles and institution names shorter than this, once reduced to their letters and digits, never
/// match: "Introduction" or "مقدمه" on two profiles is no evidence of co-authorship.
pub const MIN_KEY_CHARS: usize = 16;

/// The configurable part of the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rules {
    /// A membership that ended less than this many years ago still conflicts.
    pub organization_years: u32,
}

impl Default for Rules {
    fn default() -> Self {
        Self { organization_years: 3 }
    }
}

/// A period in an organization; `until` is `None` while it lasts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub organization: OrganizationId,
    /// Its name as staff should read it.
    pub name: String,
    pub from: Millis,
    pub until: Option<Millis>,
}

/// A publication on a profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Publication {
    pub doi: Option<Doi>,
    pub title: String,
}

/// What the rules need to know about one person: a reviewer, or a member of a proposal's team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub name: String,
    pub memberships: Vec<Membership>,
    pub publications: Vec<Publication>,
    /// The institution an import placed them in (`people.institution`), empty when none.
    pub institution: String,
    /// Where their account stands on the evaluating side (only a reviewer's is read).
    pub standing: Standing,
}

/// An account's roles that read proposals whole, whatever a stage hides (`proposals::access`): staff and
/// admins read every proposal, an officer the proposals to their agency's challenges.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Standing {
    /// Holds the staff or admin role.
    pub staff: bool,
    /// The agency they are an officer of.
    pub officer_of: Option<AgencyId>,
}

/// Who stands behind a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// The submitting organization and its name, when an organization submitted it.
    pub organization: Option<(OrganizationId, String)>,
    pub team: Vec<Person>,
    /// The agency that owns the challenge it answers, and its name.
    pub agency: (AgencyId, String),
}

/// A conflict the reviewer declared, with their own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub about: DeclaredAbout,
    pub note: String,
}

/// What a declared conflict is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeclaredAbout {
    /// This very proposal (the caller passes only the reviewer's declarations about it).
    Proposal,
    /// An organization: conflicts with proposals it submitted or whose team has a member of it.
    Organization(OrganizationId),
    /// A person: conflicts with proposals whose team includes them.
    Person(PersonId),
}

/// One reason a reviewer may not review a proposal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conflict {
    /// The reviewer is on the proposal's team.
    TeamMember,
    /// The reviewer is or was (until `until`) a member of `organization`, which submitted the proposal
    /// (`via` is `None`) or which `via`, on the team, is or was a member of.
    SameOrganization { organization: String, until: Option<Millis>, via: Option<String> },
    /// The reviewer and `member` of the team have the publication `title` on both profiles.
    CoAuthor { member: String, title: String },
    /// Imports placed the reviewer and `member` of the team in the same institution.
    SameInstitution { member: String, institution: String },
    /// The reviewer declared it.
    Declared { note: String },
    /// The reviewer is staff or an admin: they read every proposal whole, so no stage is blind to them.
    Staff,
    /// The reviewer is an officer of `agency`, which owns the challenge: they read its proposals whole.
    AgencyOfficer { agency: String },
}

impl Conflict {
    /// The Fluent key of its reason (crates/app/locales/*/evaluation.ftl).
    pub fn key(&self) -> &'static str {
        match self {
            Self::TeamMember => "evaluation-conflict-team-member",
            Self::SameOrganization { until: None, via: None, .. } => "evaluation-conflict-organization-proposer",
            Self::SameOrganization { until: Some(_), via: None, .. } => {
                "evaluation-conflict-organization-proposer-former"
            }
            Self::SameOrganization { until: None, via: Some(_), .. } => "evaluation-conflict-organization-team",
            Self::SameOrganization { until: Some(_), via: Some(_), .. } => {
                "evaluation-conflict-organization-team-former"
            }
            Self::CoAuthor { .. } => "evaluation-conflict-co-author",
            Self::SameInstitution { .. } => "evaluation-conflict-institution",
            Self::Declared { .. } => "evaluation-conflict-declared",
            Self::Staff => "evaluation-conflict-staff",
            Self::AgencyOfficer { .. } => "evaluation-conflict-agency-officer",
        }
    }
}

/// Every conflict between `reviewer` and `proposal` at `now`, strongest first; empty when none.
pub fn conflicts(
    reviewer: &Person,
    declared: &[Declared],
    proposal: &Proposal,
    rules: Rules,
    now: Millis,
) -> Vec<Conflict> {
    let mut found = Vec::new();
    if proposal.team.iter().any(|m| m.id == reviewer.id) {
        found.push(Conflict::TeamMember);
    }
    // Roles that read the proposal whole judge it with a stage's blindness void, and sit on the side that
    // asked or decides.
    if reviewer.standing.staff {
        found.push(Conflict::Staff);
    } else if reviewer.standing.officer_of.as_ref() == Some(&proposal.agency.0) {
        found.push(Conflict::AgencyOfficer { agency: proposal.agency.1.clone() });
    }
    let since = now.saturating_sub(Millis::from(rules.organization_years).saturating_mul(YEAR_MS));
    let recent = |m: &&Membership| m.from <= now && m.until.is_none_or(|u| u >= since);
    let others = || proposal.team.iter().filter(|m| m.id != reviewer.id);
    for mine in reviewer.memberships.iter().filter(recent) {
        let until = mine.until.filter(|&u| u < now);
        if proposal.organization.as_ref().is_some_and(|(o, _)| *o == mine.organization) {
            found.push(Conflict::SameOrganization { organization: mine.name.clone(), until, via: None });
        } else if let Some(member) =
            others().find(|m| m.memberships.iter().filter(recent).any(|t| t.organization == mine.organization))
        {
            let via = Some(member.name.clone());
            found.push(Conflict::SameOrganization { organization: mine.name.clone(), until, via });
        }
    }
    for member in others() {
        if let Some(title) = shared_publication(reviewer, member) {
            found.push(Conflict::CoAuthor { member: member.name.clone(), title });
        }
    }
    if let Some(key) = key(&reviewer.institution)
        && let Some(member) = others().find(|m| self::key(&m.institution).as_ref() == Some(&key))
    {
        let institution = reviewer.institution.clone();
        found.push(Conflict::SameInstitution { member: member.name.clone(), institution });
    }
    for d in declared {
        let applies = match &d.about {
            DeclaredAbout::Proposal => true,
            DeclaredAbout::Person(p) => proposal.team.iter().any(|m| m.id == *p),
            DeclaredAbout::Organization(o) => {
                proposal.organization.as_ref().is_some_and(|(id, _)| id == o)
                    || proposal.team.iter().any(|m| m.memberships.iter().filter(recent).any(|t| t.organization == *o))
            }
        };
        if applies {
            found.push(Conflict::Declared { note: d.note.clone() });
        }
    }
    found
}

/// The title of a publication on both profiles: the same DOI (DOIs ignore case), or the same title
/// once normalized.
fn shared_publication(a: &Person, b: &Person) -> Option<String> {
    a.publications.iter().find_map(|x| {
        let same = |y: &Publication| {
            let by_doi = matches!((&x.doi, &y.doi), (Some(d), Some(e)) if d.as_str().eq_ignore_ascii_case(e.as_str()));
            by_doi || key(&x.title).is_some_and(|k| key(&y.title).as_ref() == Some(&k))
        };
        b.publications.iter().any(same).then(|| x.title.clone())
    })
}

/// A title or name reduced to what identifies it: Persian spelling unified (ي ك ى → ی ک, ة ۀ → ه),
/// digits in ASCII, Latin lower-cased, diacritics, tatweel, punctuation, spaces and ZWNJ dropped (so
/// «می‌شود», «می شود» and «میشود» agree); `None` when too short to identify anything.
pub fn key(s: &str) -> Option<String> {
    let k: String = text::digits_to_ascii(&text::normalize_fa(s))
        .chars()
        .filter_map(|c| match c {
            'ة' | 'ۀ' => Some('ه'),
            '\u{064B}'..='\u{0652}' | '\u{0640}' => None,
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect();
    (k.chars().count() >= MIN_KEY_CHARS).then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Millis = 1_800_000_000_000;

    fn org(n: u8) -> OrganizationId {
        OrganizationId::from_db(format!("00000000-0000-7000-8000-0000000000{n:02}"))
    }

    fn person(n: u8, name: &str) -> Person {
        Person {
            id: PersonId::from_db(format!("00000000-0000-7000-9000-0000000000{n:02}")),
            name: name.to_owned(),
            memberships: vec![],
            publications: vec![],
            institution: String::new(),
            standing: Standing::default(),
        }
    }

    fn agency(n: u8) -> AgencyId {
        AgencyId::from_db(format!("00000000-0000-7000-a000-0000000000{n:02}"))
    }

    fn member(o: u8, name: &str, from: Millis, until: Option<Millis>) -> Membership {
        Membership { organization: org(o), name: name.to_owned(), from, until }
    }

    fn publication(doi: Option<&str>, title: &str) -> Publication {
        Publication { doi: doi.map(|d| Doi::parse(d).unwrap()), title: title.to_owned() }
    }

    fn proposal(team: Vec<Person>) -> Proposal {
        Proposal { organization: None, team, agency: (agency(1), "وزارت نیرو".to_owned()) }
    }

    fn check(reviewer: &Person, proposal: &Proposal) -> Vec<Conflict> {
        conflicts(reviewer, &[], proposal, Rules::default(), NOW)
    }

    #[test]
    fn a_team_member_cannot_review_their_own_proposal() {
        let reviewer = person(1, "سارا");
        assert_eq!(check(&reviewer, &proposal(vec![reviewer.clone()])), vec![Conflict::TeamMember]);
        assert_eq!(check(&reviewer, &proposal(vec![person(2, "علی")])), vec![]);
    }

    #[test]
    fn the_submitting_organization_conflicts_while_a_membership_lasts_and_for_the_set_years_after() {
        let mut reviewer = person(1, "سارا");
        let mut p = proposal(vec![person(2, "علی")]);
        p.organization = Some((org(7), "شرکت فناوران".to_owned()));
        reviewer.memberships = vec![member(7, "شرکت فناوران", NOW - 10 * YEAR_MS, None)];
        let current =
            Conflict::SameOrganization { organization: "شرکت فناوران".to_owned(), until: None, via: None };
        assert_eq!(check(&reviewer, &p), vec![current]);
        assert_eq!(check(&reviewer, &p)[0].key(), "evaluation-conflict-organization-proposer");

        let left = NOW - 2 * YEAR_MS;
        reviewer.memberships[0].until = Some(left);
        assert_eq!(check(&reviewer, &p)[0].key(), "evaluation-conflict-organization-proposer-former");
        assert!(matches!(&check(&reviewer, &p)[0], Conflict::SameOrganization { until: Some(u), .. } if *u == left));
        // Beyond the window it no longer counts; a wider window brings it back.
        reviewer.memberships[0].until = Some(NOW - 4 * YEAR_MS);
        assert_eq!(check(&reviewer, &p), vec![]);
        let wide = Rules { organization_years: 5 };
        assert_eq!(conflicts(&reviewer, &[], &p, wide, NOW).len(), 1);
        // A membership that starts in the future is not one yet.
        reviewer.memberships = vec![member(7, "شرکت فناوران", NOW + YEAR_MS, None)];
        assert_eq!(check(&reviewer, &p), vec![]);
    }

    #[test]
    fn an_organization_shared_with_a_team_member_conflicts_within_the_window() {
        let mut reviewer = person(1, "سارا");
        let mut ali = person(2, "علی");
        ali.memberships = vec![member(5, "دانشگاه شریف", NOW - 5 * YEAR_MS, Some(NOW - YEAR_MS))];
        reviewer.memberships = vec![member(5, "دانشگاه شریف", NOW - 3 * YEAR_MS, None)];
        let p = proposal(vec![ali.clone()]);
        let c = check(&reviewer, &p);
        assert_eq!(
            c,
            vec![Conflict::SameOrganization {
                organization: "دانشگاه شریف".to_owned(),
                until: None,
                via: Some("علی".to_owned())
            }]
        );
        assert_eq!(c[0].key(), "evaluation-conflict-organization-team");
        // The team member left long ago: no longer a tie.
        ali.memberships[0].until = Some(NOW - 10 * YEAR_MS);
        assert_eq!(check(&reviewer, &proposal(vec![ali])), vec![]);
    }

    #[test]
    fn a_shared_publication_by_doi_or_normalized_title_conflicts() {
        let mut reviewer = person(1, "سارا");
        let mut ali = person(2, "علی");
        reviewer.publications = vec![publication(Some("10.1000/ABC.1"), "Deep learning for Persian text")];
        ali.publications = vec![publication(Some("https://doi.org/10.1000/abc.1"), "Another title entirely")];
        let by_doi = check(&reviewer, &proposal(vec![ali.clone()]));
        assert_eq!(
            by_doi,
            vec![Conflict::CoAuthor {
                member: "علی".to_owned(), title: "Deep learning for Persian text".to_owned()
            }]
        );

        // Arabic letter forms, ZWNJ against a space, diacritics, digits and punctuation do not hide a match.
        reviewer.publications = vec![publication(None, "بهینه‌سازی شبکه‌های توزیع آب در ۱۴۰۲")];
        ali.publications = vec![publication(None, "بهينه سازي شبكه هاي تَوزیع آب، در 1402")];
        assert_eq!(check(&reviewer, &proposal(vec![ali.clone()]))[0].key(), "evaluation-conflict-co-author");

        ali.publications = vec![publication(None, "بهینه‌سازی شبکه‌های توزیع برق")];
        assert_eq!(check(&reviewer, &proposal(vec![ali.clone()])), vec![]);
        // A short generic title is no evidence.
        reviewer.publications = vec![publication(None, "Introduction")];
        ali.publications = vec![publication(None, "introduction")];
        assert_eq!(check(&reviewer, &proposal(vec![ali])), vec![]);
    }

    #[test]
    fn the_same_imported_institution_conflicts() {
        let mut reviewer = person(1, "سارا");
        let mut ali = person(2, "علی");
        reviewer.institution = "پژوهشگاه نيرو - تهران".to_owned();
        ali.institution = "پژوهشگاه نیرو تهران".to_owned();
        assert_eq!(
            check(&reviewer, &proposal(vec![ali.clone()])),
            vec![Conflict::SameInstitution {
                member: "علی".to_owned(),
                institution: "پژوهشگاه نيرو - تهران".to_owned()
            }]
        );
        ali.institution = String::new();
        reviewer.institution = String::new();
        // Two empty institutions are not the same one.
        assert_eq!(check(&reviewer, &proposal(vec![ali])), vec![]);
    }

    #[test]
    fn declared_conflicts_apply_to_their_subject_only() {
        let reviewer = person(1, "سارا");
        let mut ali = person(2, "علی");
        ali.memberships = vec![member(9, "شرکت نوآوران", NOW - YEAR_MS, None)];
        let p = proposal(vec![ali.clone()]);
        let declare = |about| Declared { about, note: "رابطهٔ خانوادگی".to_owned() };
        let expected = vec![Conflict::Declared { note: "رابطهٔ خانوادگی".to_owned() }];
        for about in
            [DeclaredAbout::Proposal, DeclaredAbout::Person(ali.id.clone()), DeclaredAbout::Organization(org(9))]
        {
            assert_eq!(conflicts(&reviewer, &[declare(about)], &p, Rules::default(), NOW), expected);
        }
        for about in [DeclaredAbout::Person(person(3, "رضا").id), DeclaredAbout::Organization(org(8))] {
            assert_eq!(conflicts(&reviewer, &[declare(about)], &p, Rules::default(), NOW), vec![]);
        }
        assert_eq!(expected[0].key(), "evaluation-conflict-declared");
    }

    #[test]
    fn staff_and_officers_of_the_owning_agency_never_review() {
        let p = proposal(vec![person(2, "علی")]);
        let mut reviewer = person(1, "سارا");
        reviewer.standing.officer_of = Some(agency(2));
        assert_eq!(check(&reviewer, &p), vec![], "an officer of another agency");
        reviewer.standing.officer_of = Some(agency(1));
        assert_eq!(check(&reviewer, &p), vec![Conflict::AgencyOfficer { agency: "وزارت نیرو".to_owned() }]);
        reviewer.standing = Standing { staff: true, officer_of: None };
        assert_eq!(check(&reviewer, &p), vec![Conflict::Staff]);
        assert_eq!(Conflict::Staff.key(), "evaluation-conflict-staff");
    }

    #[test]
    fn every_kind_is_found_together() {
        let mut reviewer = person(1, "سارا");
        reviewer.institution = "Iran University of Science and Technology".to_owned();
        reviewer.memberships = vec![member(4, "هلدینگ", 0, None)];
        let mut ali = person(2, "علی");
        ali.institution = "IRAN UNIVERSITY OF SCIENCE AND TECHNOLOGY.".to_owned();
        reviewer.publications = vec![publication(Some("10.5555/x1"), "t")];
        ali.publications = vec![publication(Some("10.5555/X1"), "u")];
        let mut p = proposal(vec![reviewer.clone(), ali]);
        p.organization = Some((org(4), "هلدینگ".to_owned()));
        let keys: Vec<&str> = check(&reviewer, &p).iter().map(Conflict::key).collect();
        assert_eq!(
            keys,
            [
                "evaluation-conflict-team-member",
                "evaluation-conflict-organization-proposer",
                "evaluation-conflict-co-author",
                "evaluation-conflict-institution"
            ]
        );
    }
}
