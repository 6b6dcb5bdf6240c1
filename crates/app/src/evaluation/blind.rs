//! A proposal as its reviewers see it: the one projection every reviewer-facing page, API response and mail
//! is built from, so what a blind stage hides is decided here and nowhere else.
//!
//! Single-blind: the reviewer sees who submitted (the applicant, the team, their conflicts note, the files).
//! Double-blind: none of it. The applicant's and team members' names, email addresses and phone numbers
//! are masked in the free text as well, and every attached file is withheld, its name included: a file
//! cannot be read for names, so none reaches a reviewer of a double-blind stage (docs/ARCHITECTURE.md).

use halqe_domain::evaluation::review::{fold as mask_fold, mask, sees_identity};
use halqe_domain::evaluation::stages::Blind;
use halqe_domain::proposal::ApplicantKind;

use crate::proposals::view::{FileView, VersionView};

/// Who submitted: only in a single-blind stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applicant {
    pub kind: ApplicantKind,
    pub name: String,
    /// The team members' names.
    pub team: Vec<String>,
    /// Conflicts the applicant declared, in their words.
    pub conflicts_note: String,
}

/// The submitted version under evaluation, as a reviewer of the stage may see it. It carries no proposal id:
/// the reviewer's assignment id names it, and an id would be a key to the proposal outside this projection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewerProposal {
    pub version: i64,
    pub challenge_title: String,
    /// The agency that owns the challenge (it asked, it did not apply).
    pub agency_name: String,
    pub blind: Blind,
    pub title: String,
    pub summary: String,
    pub approach: String,
    /// Million rials.
    pub budget: Option<i64>,
    pub timeline: String,
    pub expected_results: String,
    /// `None` in a double-blind stage.
    pub applicant: Option<Applicant>,
    /// The version's files; empty in a double-blind stage, which withholds them.
    pub files: Vec<FileView>,
    /// How many files the stage withholds.
    pub withheld_files: usize,
}

/// What the projection reads besides the version: the proposal's names as the challenge knows them.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    pub challenge_title: &'a str,
    pub agency_name: &'a str,
    pub applicant_kind: ApplicantKind,
    /// The applicant's name on the proposal now (the version keeps the one it was submitted with).
    pub applicant_name: &'a str,
    /// Other ways an applicant organization is known: its English name, website host, registration number.
    pub aliases: &'a [String],
}

/// Version `v` of a proposal as a reviewer of a `blind` stage sees it.
pub fn project(source: Source<'_>, v: &VersionView, blind: Blind) -> ReviewerProposal {
    let c = &v.content;
    let base = ReviewerProposal {
        version: v.version,
        challenge_title: source.challenge_title.to_owned(),
        agency_name: source.agency_name.to_owned(),
        blind,
        title: c.title.clone(),
        summary: c.summary.clone(),
        approach: c.approach.clone(),
        budget: c.budget,
        timeline: c.timeline.clone(),
        expected_results: c.expected_results.clone(),
        applicant: None,
        files: Vec::new(),
        withheld_files: 0,
    };
    if sees_identity(blind) {
        let applicant = Applicant {
            kind: source.applicant_kind,
            name: c.applicant_name.clone(),
            team: c.team.iter().map(|m| m.name.clone()).collect(),
            conflicts_note: c.conflicts_note.clone(),
        };
        return ReviewerProposal { applicant: Some(applicant), files: c.files.clone(), ..base };
    }
    let names = identifying_names(source, v);
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let m = |t: &str| mask(t, &names);
    ReviewerProposal {
        title: m(&base.title),
        summary: m(&base.summary),
        approach: m(&base.approach),
        timeline: m(&base.timeline),
        expected_results: m(&base.expected_results),
        withheld_files: c.files.len(),
        ..base
    }
}

/// Words of organizations' names too common to mask alone (folded: lower case).
const COMMON_WORDS: [&str; 33] = [
    "شرکت",
    "سازمان",
    "موسسه",
    "مؤسسه",
    "مرکز",
    "گروه",
    "دانشگاه",
    "پژوهشگاه",
    "پژوهشکده",
    "انجمن",
    "تعاونی",
    "صنایع",
    "فناوری",
    "مهندسی",
    "خدمات",
    "توسعه",
    "نوآوری",
    "سهامی",
    "company",
    "group",
    "institute",
    "center",
    "centre",
    "university",
    "limited",
    "corporation",
    "technologies",
    "technology",
    "engineering",
    "services",
    "solutions",
    "studio",
    "research",
];

/// The names a double-blind text must not show: the applicant's and each team member's as written, the
/// applicant's without its leading words ("شرکت زرافهٔ بنفش" written as "زرافهٔ بنفش"), each longer word of an
/// organization's name that is not a common one ("زرافهٔ"), the organization's other names (English name,
/// website host, registration number), and each longer word of a person's name ("Dr. Ahmadi").
fn identifying_names(source: Source<'_>, v: &VersionView) -> Vec<String> {
    let c = &v.content;
    let mut names: Vec<String> = vec![source.applicant_name.to_owned(), c.applicant_name.clone()];
    names.extend(source.aliases.iter().cloned());
    for applicant in [source.applicant_name, c.applicant_name.as_str()] {
        let words: Vec<&str> = applicant.split_whitespace().collect();
        for start in 1..words.len().saturating_sub(1) {
            names.push(words[start..].join(" "));
        }
    }
    if source.applicant_kind == ApplicantKind::Organization {
        let organization = [source.applicant_name, c.applicant_name.as_str()];
        let all = organization.into_iter().chain(source.aliases.iter().map(String::as_str));
        for word in all.flat_map(str::split_whitespace) {
            let folded: String = word.chars().filter_map(mask_fold).collect();
            if folded.chars().count() >= 4
                && !COMMON_WORDS.iter().any(|w| w.chars().filter_map(mask_fold).eq(folded.chars()))
            {
                names.push(word.to_owned());
            }
        }
    }
    let people = c.team.iter().map(|m| m.name.as_str());
    let people: Vec<&str> = match source.applicant_kind {
        ApplicantKind::Person => people.chain([source.applicant_name, c.applicant_name.as_str()]).collect(),
        ApplicantKind::Organization => people.collect(),
    };
    for person in people {
        names.push(person.to_owned());
        let words = person.split(|c: char| c.is_whitespace() || c == '-');
        names.extend(words.filter(|w| w.chars().count() >= 4).map(str::to_owned));
    }
    names
}

#[cfg(test)]
mod tests {
    use halqe_domain::proposal::{MemberState, TrackingCode};

    use super::*;
    use crate::proposals::view::{Content, MemberView};

    fn version() -> VersionView {
        VersionView {
            version: 2,
            tracking_code: TrackingCode::from_random(7),
            submitted_at: 0,
            content: Content {
                applicant_name: "شرکت زرافهٔ بنفش".into(),
                title: "سامانهٔ زرافهٔ بنفش برای شکایت‌ها".into(),
                summary: "تیم Quokka Zanjirani با ۳ سال سابقه؛ تماس: quokka@zarafe.example یا ۰۹۱۲۱۲۳۴۵۶۷".into(),
                approach: "روش: نقشهٔ فرایند در ۲ استان.".into(),
                budget: Some(1200),
                timeline: "شش ماه".into(),
                expected_results: "آقای Zanjirani گزارش می‌دهد.".into(),
                conflicts_note: "همکار پیشین شرکت زرافهٔ بنفش".into(),
                team: vec![MemberView {
                    person_id: "p".into(),
                    name: "Quokka Zanjirani".into(),
                    state: MemberState::Accepted,
                }],
                files: vec![FileView {
                    id: "f".into(), file_name: "رزومهٔ زرافه.pdf".into(), size_bytes: 10
                }],
            },
        }
    }

    fn source() -> Source<'static> {
        Source {
            challenge_title: "چالش",
            agency_name: "وزارت",
            applicant_kind: ApplicantKind::Organization,
            applicant_name: "شرکت زرافهٔ بنفش",
            aliases: &[],
        }
    }

    #[test]
    fn double_blind_shows_nothing_that_names_the_applicant() {
        let p = project(source(), &version(), Blind::Double);
        let all = format!("{p:?}");
        for leak in ["زرافه", "Quokka", "Zanjirani", "zarafe", "۰۹۱۲"] {
            assert!(!all.contains(leak), "{leak} in {all}");
        }
        assert!(p.applicant.is_none() && p.files.is_empty() && p.withheld_files == 1);
        assert!(p.approach.contains("۲ استان") && p.summary.contains("۳ سال"), "{p:?}");
        assert_eq!(p.budget, Some(1200));
    }

    #[test]
    fn double_blind_masks_an_organization_s_single_words_and_other_names_but_not_common_words() {
        let aliases = ["Purple Giraffe Co".to_owned(), "zarafe.ir".to_owned(), "10320".to_owned()];
        let mut v = version();
        v.content.summary = "زرافه تنها؛ PURPLE GIRAFFE؛ zarafe.ir؛ شمارهٔ ثبت ۱۰۳۲۰؛ خدمات شرکت‌ها".into();
        let p = project(Source { aliases: &aliases, ..source() }, &v, Blind::Double);
        for leak in ["زرافه", "PURPLE", "GIRAFFE", "zarafe", "۱۰۳۲۰"] {
            assert!(!p.summary.contains(leak), "{leak} in {}", p.summary);
        }
        assert!(p.summary.contains("خدمات شرکت‌ها"), "common words stay: {}", p.summary);
    }

    #[test]
    fn single_blind_shows_who_submitted_and_their_files() {
        let p = project(source(), &version(), Blind::Single);
        let a = p.applicant.unwrap();
        assert_eq!(a.name, "شرکت زرافهٔ بنفش");
        assert_eq!(a.team, vec!["Quokka Zanjirani".to_owned()]);
        assert_eq!(p.files.len(), 1);
        assert_eq!(p.withheld_files, 0);
        assert!(p.summary.contains("quokka@zarafe.example"));
    }
}
