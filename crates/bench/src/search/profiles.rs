//! Generated profiles: Persian names, provinces, taxonomy fields, skills, a Zipf-drawn bio and publications, about 5% typed with Arabic ي/ك.

use halqe_app::demo::FIELDS;
use halqe_domain::province::Province;
use halqe_domain::registry::{Availability, OrgKind, Visibility};
use halqe_search::{DocKind, IndexDoc, PublicationText};

use super::vocab::Vocab;
use crate::names;
use crate::rng::{Rng, Zipf};

const BRANDS: &[&str] = &[
    "پارس",
    "آریا",
    "نوین",
    "سپهر",
    "آفاق",
    "رایان",
    "فرا",
    "مهر",
    "البرز",
    "زاگرس",
    "کاسپین",
    "پیشگامان",
    "ایده‌پردازان",
    "داده‌کاوان",
    "نیک‌اندیشان",
    "کیمیا",
    "یکتا",
    "پیشرو",
];
const CONNECTORS: &[&str] =
    &["و", "در", "با", "برای", "از", "به", "که", "در زمینه", "با تمرکز بر", "به‌ویژه", "همچنین", "از جمله", "مبتنی بر"];
const ENDINGS: &[&str] = &[
    "است",
    "می‌کند",
    "دارد",
    "پرداخته است",
    "فعالیت می‌کند",
    "همکاری داشته است",
    "را بر عهده دارد",
    "را هدایت کرده است",
];
const PERSON_OPENERS: &[&str] =
    &["دارای سابقه در حوزه", "پژوهشگر و کارشناس", "مدیر پروژه در حوزه", "عضو هیئت علمی در حوزه", "مشاور ارشد در زمینه"];
const ORG_OPENERS: &[&str] =
    &["ارائه‌دهنده خدمات تخصصی در حوزه", "فعال در زمینه", "مجری طرح‌های ملی در حوزه", "گروهی متخصص در"];
/// Publication titles; each `_` is filled with a content word.
const TITLES: &[&str] = &[
    "بررسی _ و _ در _",
    "ارائه مدلی برای _ _",
    "نقش _ در _ _",
    "طراحی _ مبتنی بر _",
    "تأثیر _ بر _ _: مطالعه موردی _",
    "رویکردی نو به _ _ در _",
    "تحلیل _ _ با استفاده از _",
    "شناسایی عوامل مؤثر بر _ _",
];
const VENUES: &[&str] = &[
    "فصلنامه مطالعات مدیریت دولتی ایران",
    "نشریه مدیریت منابع انسانی",
    "پژوهش‌های مدیریت عمومی",
    "همایش ملی دولت الکترونیک",
    "مجله فناوری اطلاعات و ارتباطات",
    "کنفرانس بین‌المللی مدیریت و نوآوری",
    "فصلنامه علوم مدیریت ایران",
    "Journal of Public Administration Research",
];

/// One taxonomy field as a topic: the lemmas its profiles use more often.
#[derive(Debug)]
struct Topic {
    slug: &'static str,
    parent: Option<&'static str>,
    name_fa: &'static str,
    lemmas: Vec<usize>,
    zipf: Zipf,
}

/// A generated profile: what the index gets, and its content words in Persian spelling for queries.
#[derive(Debug, Clone)]
pub struct Profile<'g> {
    pub doc: IndexDoc,
    pub arabic: bool,
    /// (lemma rank, written form) of every Persian content word, in Persian letters.
    pub words: Vec<(usize, &'g str)>,
    /// Its field's topic, for `--vectors` (`super::vectors`).
    pub topic: usize,
}

/// Random streams, so each item can be regenerated alone.
const PROFILE: u64 = 1;
const ARABIC: u64 = 2;

/// Deterministic profiles: profile `n` under `seed` is always the same.
#[derive(Debug)]
pub struct Generator {
    seed: u64,
    pub vocab: Vocab,
    topics: Vec<Topic>,
}

/// Arabic ي/ك for Persian ی/ک, as older keyboards type them.
pub fn arabic_letters(s: &str) -> String {
    s.replace('ی', "ي").replace('ک', "ك")
}

/// The profile id the index and the peers share.
pub fn profile_id(n: u64) -> String {
    format!("bench-{n:08}")
}

impl Generator {
    pub fn new(seed: u64) -> Self {
        let vocab = Vocab::new();
        let topics = FIELDS
            .iter()
            .enumerate()
            .filter(|(_, f)| f.parent.is_some())
            .map(|(i, f)| {
                let lemmas: Vec<usize> = (0..vocab.persian.len())
                    .filter(|r| Rng::new(0x70_91C5, i as u64, *r as u64).below(10) == 0)
                    .collect();
                let zipf = Zipf::new(lemmas.len(), 1.0);
                Topic { slug: f.slug, parent: f.parent, name_fa: f.name_fa, lemmas, zipf }
            })
            .collect();
        Self { seed, vocab, topics }
    }

    /// The seed profiles are drawn with.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Whether profile `n` is typed with Arabic letters (cheap: no profile is built).
    pub fn is_arabic(&self, n: u64) -> bool {
        Rng::new(self.seed, ARABIC, n).chance(0.05)
    }

    pub fn topic_count(&self) -> usize {
        self.topics.len()
    }

    /// The slug of topic `t`.
    pub fn topic_slug(&self, t: usize) -> &'static str {
        self.topics[t].slug
    }

    /// The topic whose slug is `slug`.
    pub fn topic_of(&self, slug: &str) -> Option<usize> {
        self.topics.iter().position(|t| t.slug == slug)
    }

    /// A lemma of topic `t`, drawn Zipf-like within the topic.
    pub fn topic_lemma(&self, t: usize, rng: &mut Rng) -> usize {
        let topic = &self.topics[t];
        topic.lemmas[topic.zipf.sample(rng)]
    }

    /// A content word: 8% English, 37% from the profile's topic, the rest from the whole vocabulary.
    fn word<'g>(&'g self, rng: &mut Rng, topic: usize, words: &mut Vec<(usize, &'g str)>) -> &'g str {
        let r = rng.unit();
        if r < 0.08 {
            return self.vocab.english[self.vocab.english_zipf.sample(rng)];
        }
        let rank = if r < 0.45 { self.topic_lemma(topic, rng) } else { self.vocab.persian_zipf.sample(rng) };
        let form = self.vocab.form(rank, rng);
        words.push((rank, form));
        form
    }

    fn bio<'g>(&'g self, rng: &mut Rng, topic: usize, org: bool, words: &mut Vec<(usize, &'g str)>) -> String {
        let opener = rng.pick(if org { ORG_OPENERS } else { PERSON_OPENERS });
        let mut text = format!("{opener} {}.", self.topics[topic].name_fa);
        let target = rng.between(60, 80);
        let mut count = text.split_whitespace().count();
        while count < target {
            let slots = rng.between(7, 13).min(target - count);
            let mut sentence = Vec::with_capacity(slots + 1);
            for slot in 0..slots {
                if slot > 0 && rng.chance(0.25) {
                    sentence.push(*rng.pick(CONNECTORS));
                } else {
                    sentence.push(self.word(rng, topic, words));
                }
            }
            if rng.chance(0.5) && count + slots + 3 <= target {
                sentence.push(*rng.pick(ENDINGS));
            }
            let sentence = sentence.join(" ");
            count += sentence.split_whitespace().count();
            text.push(' ');
            text.push_str(&sentence);
            text.push('.');
        }
        text
    }

    fn skills<'g>(&'g self, rng: &mut Rng, topic: usize, words: &mut Vec<(usize, &'g str)>) -> String {
        let phrases: Vec<String> = (0..rng.between(5, 8))
            .map(|_| (0..rng.between(1, 3)).map(|_| self.word(rng, topic, words)).collect::<Vec<_>>().join(" "))
            .collect();
        phrases.join("، ")
    }

    fn publication<'g>(&'g self, rng: &mut Rng, topic: usize, words: &mut Vec<(usize, &'g str)>) -> PublicationText {
        let template = rng.pick(TITLES);
        let mut title = String::new();
        for (i, part) in template.split('_').enumerate() {
            if i > 0 {
                title.push_str(self.word(rng, topic, words));
            }
            title.push_str(part);
        }
        PublicationText::new(title, format!("{}، {}", rng.pick(VENUES), 1395 + rng.below(9)))
    }

    fn person_name(rng: &mut Rng) -> String {
        let (first, last) = names::person(rng);
        format!("{first} {last}")
    }

    fn org_name(&self, rng: &mut Rng, kind: OrgKind, topic: usize) -> String {
        let prefix = match kind {
            OrgKind::ResearchGroup => "گروه پژوهشی",
            OrgKind::UniversityLab => "آزمایشگاه",
            OrgKind::Startup => "استارتاپ",
            OrgKind::KnowledgeBased => "شرکت دانش‌بنیان",
            OrgKind::Ngo => "انجمن",
            OrgKind::Other => "مؤسسه",
        };
        let lemma = self.topic_lemma(topic, rng);
        format!("{prefix} {} {}", self.vocab.persian[lemma].forms[0], rng.pick(BRANDS))
    }

    /// Profile `n`.
    pub fn profile(&self, n: u64) -> Profile<'_> {
        let mut rng = Rng::new(self.seed, PROFILE, n);
        let topic = rng.below(self.topics.len());
        let org = rng.chance(0.15);
        let mut words = Vec::with_capacity(96);
        let org_kind = org.then(|| *rng.pick(&OrgKind::ALL));
        let name = match org_kind {
            Some(kind) => self.org_name(&mut rng, kind, topic),
            None => Self::person_name(&mut rng),
        };
        let skills = self.skills(&mut rng, topic, &mut words);
        let bio = self.bio(&mut rng, topic, org, &mut words);
        let publications = (0..rng.between(1, 2)).map(|_| self.publication(&mut rng, topic, &mut words)).collect();
        let t = &self.topics[topic];
        let mut fields = vec![t.slug.to_owned()];
        if let Some(parent) = t.parent.filter(|_| rng.chance(0.35)) {
            fields.push(parent.to_owned());
        }
        let other = rng.pick(&self.topics).slug;
        if rng.chance(0.2) && !fields.iter().any(|f| f == other) {
            fields.push(other.to_owned());
        }
        let province = if rng.chance(0.25) { Province::Tehran } else { *rng.pick(&Province::ALL) };
        let visibility = match rng.below(10) {
            0 => Visibility::Private,
            1 | 2 => Visibility::Agencies,
            _ => Visibility::Public,
        };
        let availability = match (org, rng.below(10)) {
            (true, _) => "",
            (false, 0) => Availability::Unavailable.code(),
            (false, 1..=3) => Availability::Limited.code(),
            (false, _) => Availability::Available.code(),
        };
        let verified = rng.chance(0.15);
        let track_record = if rng.chance(0.2) { 1 + rng.below(6) as u64 } else { 0 };
        let (skills, capabilities) = if org { (String::new(), skills) } else { (skills, String::new()) };
        let mut doc = IndexDoc {
            id: profile_id(n),
            kind: Some(if org { DocKind::Organization } else { DocKind::Person }),
            visibility: visibility.code().to_owned(),
            owners: Vec::new(),
            name,
            name_en: String::new(),
            fields,
            province: province.code().to_owned(),
            provinces: Vec::new(),
            org_kind: org_kind.map(|k| k.code().to_owned()).unwrap_or_default(),
            availability: availability.to_owned(),
            verified,
            track_record,
            skills,
            bio,
            publications,
            past_projects: String::new(),
            capabilities,
            vector: Vec::new(),
        };
        let arabic = self.is_arabic(n);
        if arabic {
            to_arabic_letters(&mut doc);
        }
        Profile { doc, arabic, words, topic }
    }
}

/// Rewrites every text field with Arabic ي/ك.
fn to_arabic_letters(doc: &mut IndexDoc) {
    for text in [&mut doc.name, &mut doc.skills, &mut doc.bio, &mut doc.capabilities] {
        *text = arabic_letters(text);
    }
    for p in &mut doc.publications {
        p.title = arabic_letters(&p.title);
        p.text = arabic_letters(&p.text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_profile() {
        let g = Generator::new(3);
        assert_eq!(g.profile(41).doc, g.profile(41).doc);
        assert_ne!(g.profile(41).doc, Generator::new(4).profile(41).doc);
    }

    #[test]
    fn profiles_look_like_the_issue_says() {
        let g = Generator::new(1);
        let profiles: Vec<Profile> = (0..2000).map(|n| g.profile(n)).collect();
        let arabic = profiles.iter().filter(|p| p.arabic).count();
        let orgs = profiles.iter().filter(|p| p.doc.kind == Some(DocKind::Organization)).count();
        assert!((60..=140).contains(&arabic), "{arabic}");
        assert!((200..=400).contains(&orgs), "{orgs}");
        for p in &profiles {
            let bio_words = p.doc.bio.split_whitespace().count();
            assert!((60..=86).contains(&bio_words), "{bio_words}: {}", p.doc.bio);
            assert!((1..=2).contains(&p.doc.publications.len()));
            assert_eq!(p.arabic, p.doc.bio.contains('ي') || p.doc.bio.contains('ك'));
            assert!(!p.doc.fields.is_empty() && !p.doc.province.is_empty());
        }
    }

    #[test]
    fn arabic_profiles_analyze_like_their_persian_spelling() {
        let g = Generator::new(1);
        let p = (0..1000).map(|n| g.profile(n)).find(|p| p.arabic);
        let Some(p) = p else { panic!("no Arabic-letter profile in 1000") };
        let persian: String = p.doc.bio.replace('ي', "ی").replace('ك', "ک");
        assert_eq!(halqe_search::analysis::terms(&p.doc.bio), halqe_search::analysis::terms(&persian));
    }
}
