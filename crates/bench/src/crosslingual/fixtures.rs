//! The cross-lingual fixtures: Persian-only profiles with an English need paraphrasing each, and fewer
//! English-only profiles with a Persian need each, drawn from the topic table with the bench's seeded rng.
//!
//! Every profile covers a main and a secondary topic, and no two profiles share the same pair while there
//! are enough pairs (1,596 for 57 topics), so each need has one right answer; past that, every profile
//! with the need's pair counts as relevant. Profiles range from three imported skills to a paragraph.
//! Persian profiles carry loanwords in Persian script only; English terms appear in some Persian needs,
//! as officers write them.

use halqe_search::{DocKind, IndexDoc};

use super::topics::{TOPICS, Topic};
use crate::names;
use crate::rng::Rng;

/// Stream of the bench's rng for the pair order, and one per kind of item.
const PAIRS: u64 = 1;
const PERSIAN: u64 = 2;
const ENGLISH: u64 = 3;

/// How an English need puts a main and a secondary topic together.
const EN_NEEDS: &[&str] = &[
    "{a}; also {b}",
    "We need someone for {a}, ideally with a background in {b}.",
    "Looking for a team that can help with {a} and with {b}",
    "{a} (experience with {b} is a plus)",
    "Expert wanted: {a}. Bonus if they know about {b}.",
];

/// How a Persian need puts them together.
const FA_NEEDS: &[&str] = &[
    "{a} و {b}",
    "به دنبال فرد یا گروهی برای {a} هستیم؛ آشنایی با {b} مزیت است",
    "نیاز به همکاری در زمینه {a} با تجربه در {b}",
    "{a}، ترجیحاً با سابقه {b}",
];

const EN_FIRST: &[&str] =
    &["Ali", "Maryam", "Reza", "Sara", "Mehdi", "Zahra", "Hossein", "Neda", "Amir", "Leila", "Babak", "Shirin"];
const EN_LAST: &[&str] = &[
    "Ahmadi", "Karimi", "Rahimi", "Hosseini", "Moradi", "Jafari", "Sadeghi", "Tehrani", "Rostami", "Nazari",
    "Farahani", "Kazemi",
];

/// The language a profile is written in; its needs are written in the other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Persian,
    English,
}

/// A need and the profile it paraphrases.
#[derive(Debug, Clone)]
pub struct Probe {
    pub text: String,
    /// The language of the profile it should find (the need is in the other).
    pub profile_language: Language,
    /// The paraphrased profile's id.
    pub target: String,
    /// Its (main, secondary) topics, as indexes into the topic table.
    pub topics: (usize, usize),
    /// Whether the need carries an English term inside Persian text.
    pub mixed: bool,
}

/// A generated corpus and its needs.
#[derive(Debug)]
pub struct Fixtures {
    pub profiles: Vec<IndexDoc>,
    /// Each profile's (main, secondary) topics, in the order of `profiles`.
    pub topics: Vec<(usize, usize)>,
    pub probes: Vec<Probe>,
}

impl Fixtures {
    /// `persian` Persian-only profiles with an English need each, then `english` English-only profiles
    /// with a Persian need each; the same arguments always give the same fixtures.
    pub fn new(seed: u64, persian: usize, english: usize) -> Self {
        let pairs = pairs(seed);
        let mut f = Self { profiles: Vec::new(), topics: Vec::new(), probes: Vec::new() };
        for i in 0..persian + english {
            let (main, secondary) = pairs[i % pairs.len()];
            let (language, n) = if i < persian { (Language::Persian, i) } else { (Language::English, i - persian) };
            let stream = if language == Language::Persian { PERSIAN } else { ENGLISH };
            let mut rng = Rng::new(seed, stream, n as u64);
            let (m, s) = (&TOPICS[main], &TOPICS[secondary]);
            let doc = match language {
                Language::Persian => persian_profile(&mut rng, n, m, s),
                Language::English => english_profile(&mut rng, n, m, s),
            };
            let (text, mixed) = match language {
                Language::Persian => (english_need(&mut rng, m, s), false),
                Language::English => persian_need(&mut rng, m, s),
            };
            f.probes.push(Probe {
                text,
                profile_language: language,
                target: doc.id.clone(),
                topics: (main, secondary),
                mixed,
            });
            f.profiles.push(doc);
            f.topics.push((main, secondary));
        }
        f
    }
}

/// Every unordered pair of distinct topics once, shuffled, each in a random order.
fn pairs(seed: u64) -> Vec<(usize, usize)> {
    let mut rng = Rng::new(seed, PAIRS, 0);
    let mut all = Vec::new();
    for a in 0..TOPICS.len() {
        for b in a + 1..TOPICS.len() {
            all.push(if rng.chance(0.5) { (a, b) } else { (b, a) });
        }
    }
    rng.shuffle(&mut all);
    all
}

fn fill(template: &str, a: &str, b: &str) -> String {
    template.replace("{a}", a).replace("{b}", b)
}

/// A profile's texts in one language, before its shape is drawn.
struct Texts<'a> {
    main: &'a [&'a str; 3],
    secondary: &'a [&'a str; 3],
    separator: &'a str,
    short_bio: &'a str,
    long_bio: String,
}

/// Skills and bio in one of three shapes, as profiles arrive: a spreadsheet row of three skills, a
/// headline with skills, a paragraph.
fn shaped(rng: &mut Rng, t: Texts) -> (String, String) {
    let mut skills: Vec<&str> = t.main.to_vec();
    rng.shuffle(&mut skills);
    let shape = rng.below(3);
    skills.truncate(if shape == 0 { 2 } else { rng.between(2, 3) });
    skills.push(rng.pick::<&str>(t.secondary));
    let bio = match shape {
        0 => String::new(),
        1 => t.short_bio.to_owned(),
        _ => t.long_bio,
    };
    (skills.join(t.separator), bio)
}

fn person(id: String, name: String, (skills, bio): (String, String)) -> IndexDoc {
    IndexDoc { id, kind: Some(DocKind::Person), visibility: "public".into(), name, skills, bio, ..IndexDoc::default() }
}

fn persian_profile(rng: &mut Rng, n: usize, m: &Topic, s: &Topic) -> IndexDoc {
    let (first, last) = names::person(rng);
    let texts = Texts {
        main: &m.fa_skills,
        secondary: &s.fa_skills,
        separator: "، ",
        short_bio: m.fa_headline,
        long_bio: format!("{}. {}. همچنین {}.", m.fa_headline, m.fa_summary, s.fa_summary),
    };
    person(format!("fa-{n:05}"), format!("{first} {last}"), shaped(rng, texts))
}

fn english_profile(rng: &mut Rng, n: usize, m: &Topic, s: &Topic) -> IndexDoc {
    let name = format!("{} {}", rng.pick::<&str>(EN_FIRST), rng.pick::<&str>(EN_LAST));
    let texts = Texts {
        main: &m.en_skills,
        secondary: &s.en_skills,
        separator: ", ",
        short_bio: m.en_summary,
        long_bio: format!("{} {}", m.en_summary, s.en_summary),
    };
    person(format!("en-{n:05}"), name, shaped(rng, texts))
}

fn english_need(rng: &mut Rng, m: &Topic, s: &Topic) -> String {
    fill(rng.pick::<&str>(EN_NEEDS), rng.pick::<&str>(&m.en_need), rng.pick::<&str>(&s.en_need))
}

/// A Persian need and whether it carries an English term (about half do).
fn persian_need(rng: &mut Rng, m: &Topic, s: &Topic) -> (String, bool) {
    let a = rng.below(2);
    let b = if rng.chance(0.5) { s.fa_skills[0] } else { s.fa_need[0] };
    (fill(rng.pick::<&str>(FA_NEEDS), m.fa_need[a], b), a == 1)
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    /// Whether `text` has a Latin letter.
    fn has_latin(text: &str) -> bool {
        text.chars().any(|c| c.is_ascii_alphabetic() || ('\u{00C0}'..='\u{024F}').contains(&c))
    }

    /// Whether `text` has a letter of the Arabic script (Persian included).
    fn has_arabic_script(text: &str) -> bool {
        text.chars().any(|c| {
            ('\u{0600}'..='\u{06FF}').contains(&c)
                || ('\u{0750}'..='\u{077F}').contains(&c)
                || ('\u{FB50}'..='\u{FDFF}').contains(&c)
                || ('\u{FE70}'..='\u{FEFF}').contains(&c)
        })
    }

    fn texts(d: &IndexDoc) -> [&str; 3] {
        [&d.name, &d.skills, &d.bio]
    }

    #[test]
    fn the_same_seed_gives_the_same_fixtures_and_another_seed_others() {
        let (a, b, c) = (Fixtures::new(1, 300, 60), Fixtures::new(1, 300, 60), Fixtures::new(2, 300, 60));
        let show = |f: &Fixtures| format!("{:?}{:?}", f.profiles, f.probes);
        assert_eq!(show(&a), show(&b));
        assert_ne!(show(&a), show(&c));
    }

    #[test]
    fn persian_profiles_are_persian_only_and_their_needs_english_only() {
        let f = Fixtures::new(1, 1000, 200);
        for (doc, probe) in f.profiles.iter().zip(&f.probes) {
            assert_eq!(doc.id, probe.target);
            match probe.profile_language {
                Language::Persian => {
                    assert!(texts(doc).iter().all(|t| !has_latin(t)), "{doc:?}");
                    assert!(has_arabic_script(&doc.skills), "{doc:?}");
                    assert!(!has_arabic_script(&probe.text) && has_latin(&probe.text), "{probe:?}");
                }
                Language::English => {
                    assert!(texts(doc).iter().all(|t| !has_arabic_script(t)), "{doc:?}");
                    assert!(has_arabic_script(&probe.text), "{probe:?}");
                    assert_eq!(probe.mixed, has_latin(&probe.text), "{probe:?}");
                }
            }
        }
        let persian = f.probes.iter().filter(|p| p.profile_language == Language::Persian).count();
        assert_eq!((persian, f.probes.len()), (1000, 1200));
        assert!(f.probes.iter().any(|p| p.mixed) && f.probes.iter().any(|p| !p.mixed));
    }

    #[test]
    fn each_profile_has_its_own_topic_pair_and_shapes_vary() {
        let f = Fixtures::new(3, 1000, 200);
        let pairs: HashSet<(usize, usize)> = f.topics.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
        assert_eq!(pairs.len(), 1200);
        assert!(f.topics.iter().all(|(a, b)| a != b));
        let imported = f.profiles.iter().filter(|d| d.bio.is_empty()).count();
        let paragraphs = f.profiles.iter().filter(|d| d.bio.chars().count() > 150).count();
        assert!(imported > 200 && paragraphs > 200, "imported {imported}, paragraphs {paragraphs}");
    }

    #[test]
    fn the_table_is_written_in_the_right_scripts() {
        assert!(TOPICS.len() >= 50);
        assert_eq!(TOPICS.iter().map(|t| t.slug).collect::<HashSet<_>>().len(), TOPICS.len());
        for t in TOPICS {
            let persian = t.fa_skills.iter().chain([&t.fa_headline, &t.fa_summary, &t.fa_need[0]]);
            assert!(persian.into_iter().all(|s| has_arabic_script(s) && !has_latin(s)), "{}", t.slug);
            assert!(has_arabic_script(t.fa_need[1]) && has_latin(t.fa_need[1]), "{}", t.slug);
            let english = t.en_need.iter().chain(&t.en_skills).chain([&t.en_summary]);
            assert!(english.into_iter().all(|s| has_latin(s) && !has_arabic_script(s)), "{}", t.slug);
        }
    }
}
