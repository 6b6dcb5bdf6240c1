//! The registry of capacities: people and organizations, what each role may see of them, and how complete a profile is.

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::permissions::Actor;
use crate::user::Role;

/// Who may see a profile at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Anyone, signed in or not.
    Public,
    /// Signed-in agency officers, reviewers and center staff.
    #[default]
    Agencies,
    /// Only the owner and center staff.
    Private,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::Public, Visibility::Agencies, Visibility::Private];

    pub fn code(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Agencies => "agencies",
            Self::Private => "private",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// How much of a profile a viewer gets; the single privacy decision for people and organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Sight {
    /// The profile does not exist for this viewer: not in pages, listings, search or exports.
    Hidden,
    /// Everything except personal identifiers and contact details.
    Profile,
    /// Also email and mobile (owner, staff); an agency gets them only through an accepted introduction.
    Contact,
    /// Also the national ID (owner and staff only).
    Full,
}

/// Decides what `viewer` may see of a profile with `visibility`; `is_owner` is true for the person
/// themselves or a member of the organization.
pub fn sight(viewer: Option<&Actor>, visibility: Visibility, is_owner: bool) -> Sight {
    let staff = viewer.is_some_and(|a| a.has(Role::Staff) || a.has(Role::Admin));
    if is_owner || staff {
        return Sight::Full;
    }
    let agency_side = viewer.is_some_and(|a| a.has(Role::Officer) || a.has(Role::Reviewer));
    match visibility {
        Visibility::Public => Sight::Profile,
        Visibility::Agencies if agency_side => Sight::Profile,
        Visibility::Agencies | Visibility::Private => Sight::Hidden,
    }
}

/// The visibilities a viewer may list (owners and staff see their own and everything respectively,
/// through [`sight`]); listings filter on these in SQL, and a test keeps them in step with [`sight`].
pub fn listable(viewer: Option<&Actor>) -> &'static [Visibility] {
    match sight(viewer, Visibility::Private, false) {
        Sight::Full => &Visibility::ALL,
        _ if sight(viewer, Visibility::Agencies, false) == Sight::Profile => {
            &[Visibility::Public, Visibility::Agencies]
        }
        _ => &[Visibility::Public],
    }
}

/// The highest degree a person holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Degree {
    Diploma,
    Associate,
    Bachelor,
    Master,
    Doctorate,
    Postdoc,
}

impl Degree {
    pub const ALL: [Degree; 6] =
        [Degree::Diploma, Degree::Associate, Degree::Bachelor, Degree::Master, Degree::Doctorate, Degree::Postdoc];

    pub fn code(self) -> &'static str {
        match self {
            Self::Diploma => "diploma",
            Self::Associate => "associate",
            Self::Bachelor => "bachelor",
            Self::Master => "master",
            Self::Doctorate => "doctorate",
            Self::Postdoc => "postdoc",
        }
    }

    /// Accepts the code or the common Persian and English names (دکتری، کارشناسی ارشد، PhD, MSc …).
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let t = crate::text::normalize_fa(s).to_lowercase().replace(['.', '‌'], "").replace(' ', "");
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        let d = match t.as_str() {
            "diploma" | "دیپلم" => Self::Diploma,
            "associate" | "کاردانی" | "فوقدیپلم" => Self::Associate,
            "bachelor" | "bsc" | "ba" | "کارشناسی" | "لیسانس" => Self::Bachelor,
            "master" | "msc" | "ma" | "mba" | "کارشناسیارشد" | "فوقلیسانس" | "ارشد" => {
                Self::Master
            }
            "doctorate" | "phd" | "دکتری" | "دکترا" | "دکترای تخصصی" | "دکترایتخصصی" => {
                Self::Doctorate
            }
            "postdoc" | "پسادکتری" | "پسادکترا" => Self::Postdoc,
            _ => return Err(Invalid::Choice),
        };
        Ok(d)
    }
}

/// How available a person is for new work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Availability {
    #[default]
    Available,
    Limited,
    Unavailable,
}

impl Availability {
    pub const ALL: [Availability; 3] = [Availability::Available, Availability::Limited, Availability::Unavailable];

    pub fn code(self) -> &'static str {
        match self {
            Self::Available => "available",
            Self::Limited => "limited",
            Self::Unavailable => "unavailable",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

/// The kind of an organization offering capacity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    ResearchGroup,
    UniversityLab,
    Startup,
    KnowledgeBased,
    Ngo,
    Other,
}

impl OrgKind {
    pub const ALL: [OrgKind; 6] = [
        OrgKind::ResearchGroup,
        OrgKind::UniversityLab,
        OrgKind::Startup,
        OrgKind::KnowledgeBased,
        OrgKind::Ngo,
        OrgKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::ResearchGroup => "research_group",
            Self::UniversityLab => "university_lab",
            Self::Startup => "startup",
            Self::KnowledgeBased => "knowledge_based",
            Self::Ngo => "ngo",
            Self::Other => "other",
        }
    }

    /// Accepts the code or the Persian/English name (گروه پژوهشی، شرکت دانش‌بنیان, startup …).
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let t = crate::text::normalize_fa(s).to_lowercase().replace(['‌', ' ', '-', '_'], "");
        if t.is_empty() {
            return Err(Invalid::Required);
        }
        let k = match t.as_str() {
            "researchgroup" | "گروهپژوهشی" => Self::ResearchGroup,
            "universitylab" | "lab" | "آزمایشگاهدانشگاهی" | "آزمایشگاه" => {
                Self::UniversityLab
            }
            "startup" | "استارتاپ" | "شرکتنوپا" => Self::Startup,
            "knowledgebased" | "knowledgebasedcompany" | "شرکتدانشبنیان" | "دانشبنیان" => {
                Self::KnowledgeBased
            }
            "ngo" | "سمن" | "سازمانمردمنهاد" => Self::Ngo,
            "other" | "سایر" => Self::Other,
            _ => return Err(Invalid::Choice),
        };
        Ok(k)
    }
}

/// A member's role in an organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRole {
    Owner,
    Admin,
    Member,
}

impl MemberRole {
    pub const ALL: [MemberRole; 3] = [MemberRole::Owner, MemberRole::Admin, MemberRole::Member];

    pub fn code(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|v| v.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// Owners and admins manage the profile and its members.
    pub fn manages(self) -> bool {
        matches!(self, Self::Owner | Self::Admin)
    }
}

/// What a person's profile has, for the completeness score.
#[derive(Debug, Clone, Default)]
pub struct ProfileFacts {
    pub has_national_id: bool,
    pub has_mobile: bool,
    pub has_location: bool,
    pub has_education: bool,
    pub has_primary_field: bool,
    pub skills: usize,
    pub bio_chars: usize,
    pub publications: usize,
    pub past_projects: usize,
    pub has_links: bool,
    pub verified_claims: usize,
}

/// A completeness score out of 100 and the Fluent keys (`completeness-<code>`) of what is missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completeness {
    pub percent: u8,
    pub missing: Vec<&'static str>,
}

/// Scores a profile: each part carries a weight; the weights add up to 100.
pub fn completeness(f: &ProfileFacts) -> Completeness {
    let parts: [(&'static str, u8, bool); 11] = [
        ("national_id", 10, f.has_national_id),
        ("mobile", 5, f.has_mobile),
        ("location", 5, f.has_location),
        ("education", 10, f.has_education),
        ("primary_field", 15, f.has_primary_field),
        ("skills", 10, f.skills >= 3),
        ("bio", 15, f.bio_chars >= 100),
        ("publications", 10, f.publications >= 1),
        ("past_projects", 10, f.past_projects >= 1),
        ("links", 5, f.has_links),
        ("verified", 5, f.verified_claims >= 1),
    ];
    let percent = parts.iter().filter(|p| p.2).map(|p| p.1).sum();
    let missing = parts.iter().filter(|p| !p.2).map(|p| p.0).collect();
    Completeness { percent, missing }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    fn actor(roles: &[Role]) -> Actor {
        Actor { user_id: UserId::new(), roles: roles.to_vec(), agency_id: None }
    }

    #[test]
    fn sight_table() {
        use Sight::*;
        use Visibility::*;
        let staff = actor(&[Role::Staff]);
        let admin = actor(&[Role::Admin]);
        let officer = actor(&[Role::Officer]);
        let reviewer = actor(&[Role::Reviewer]);
        let innovator = actor(&[Role::Innovator]);
        let cases = [
            (None, Public, false, Profile),
            (None, Agencies, false, Hidden),
            (None, Private, false, Hidden),
            (Some(&innovator), Public, false, Profile),
            (Some(&innovator), Agencies, false, Hidden),
            (Some(&innovator), Private, false, Hidden),
            (Some(&innovator), Private, true, Full),
            (Some(&officer), Agencies, false, Profile),
            (Some(&officer), Private, false, Hidden),
            (Some(&reviewer), Agencies, false, Profile),
            (Some(&staff), Private, false, Full),
            (Some(&admin), Private, false, Full),
        ];
        for (viewer, vis, owner, want) in cases {
            assert_eq!(sight(viewer, vis, owner), want, "{viewer:?} {vis:?} owner={owner}");
        }
    }

    #[test]
    fn listable_agrees_with_sight() {
        let viewers = [
            None,
            Some(actor(&[Role::Staff])),
            Some(actor(&[Role::Admin])),
            Some(actor(&[Role::Officer])),
            Some(actor(&[Role::Reviewer])),
            Some(actor(&[Role::Innovator])),
        ];
        for v in &viewers {
            for vis in Visibility::ALL {
                let listed = listable(v.as_ref()).contains(&vis);
                let seen = sight(v.as_ref(), vis, false) != Sight::Hidden;
                assert_eq!(listed, seen, "{v:?} {vis:?}");
            }
        }
    }

    #[test]
    fn completeness_weights_add_up() {
        let empty = completeness(&ProfileFacts::default());
        assert_eq!(empty.percent, 0);
        assert_eq!(empty.missing.len(), 11);
        let full = ProfileFacts {
            has_national_id: true,
            has_mobile: true,
            has_location: true,
            has_education: true,
            has_primary_field: true,
            skills: 5,
            bio_chars: 300,
            publications: 2,
            past_projects: 1,
            has_links: true,
            verified_claims: 1,
        };
        assert_eq!(completeness(&full), Completeness { percent: 100, missing: vec![] });
        let partial = ProfileFacts { skills: 2, bio_chars: 99, has_primary_field: true, ..full };
        let c = completeness(&partial);
        assert_eq!(c.percent, 75);
        assert_eq!(c.missing, vec!["skills", "bio"]);
    }

    #[test]
    fn parses_degrees_and_kinds_in_both_languages() {
        assert_eq!(Degree::parse("دکتری"), Ok(Degree::Doctorate));
        assert_eq!(Degree::parse("كارشناسي ارشد"), Ok(Degree::Master));
        assert_eq!(Degree::parse("PhD"), Ok(Degree::Doctorate));
        assert_eq!(Degree::parse("M.Sc."), Ok(Degree::Master));
        assert_eq!(Degree::parse(""), Err(Invalid::Required));
        assert_eq!(Degree::parse("جادوگر"), Err(Invalid::Choice));
        assert_eq!(OrgKind::parse("شرکت دانش‌بنیان"), Ok(OrgKind::KnowledgeBased));
        assert_eq!(OrgKind::parse("knowledge_based"), Ok(OrgKind::KnowledgeBased));
        assert_eq!(OrgKind::parse("گروه پژوهشی"), Ok(OrgKind::ResearchGroup));
        assert_eq!(OrgKind::parse("Startup"), Ok(OrgKind::Startup));
        for k in OrgKind::ALL {
            assert_eq!(OrgKind::parse(k.code()), Ok(k));
        }
        for d in Degree::ALL {
            assert_eq!(Degree::parse(d.code()), Ok(d));
        }
    }
}
