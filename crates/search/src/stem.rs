//! Light stemming of normalized words: Persian by suffix rules checked against an exception list and
//! a table of irregular plurals, English by the Snowball stemmer with a few overrides.
//!
//! A rule only removes what is an inflection: plural «ها/ان/ات», comparative «تر/ترین», the «ی» of
//! ezafe or of an adjective, «ای» after «ه». Words whose ending only looks like one («فارسی», «ایران»,
//! «دکتر») are listed and kept whole, so stemming never joins two words of different meaning; the
//! conflation table in `tests/conflation.rs` holds the pairs that must and must not meet.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

use crate::analysis::normalize;

/// Words whose ending looks like a suffix but is part of the word (as typed; normalized at start-up).
const PERSIAN_KEPT: &[&str] = &[
    // «ی» that is not ezafe or an adjective of the word before it.
    "فارسی",
    "انگلیسی",
    "ترکی",
    "کردی",
    "بازی",
    "کشتی",
    "ماهی",
    "خالی",
    "گوشی",
    "کیفی",
    "رسمی",
    "ریاضی",
    "شیمی",
    "والی",
    "سبزی",
    "قاضی",
    "مالی",
    // «ان» that is not a plural: places and common nouns.
    "ایران",
    "تهران",
    "اصفهان",
    "خراسان",
    "کرمان",
    "گیلان",
    "مازندران",
    "زنجان",
    "سمنان",
    "همدان",
    "آبادان",
    "کاشان",
    "رفسنجان",
    "آذربایجان",
    "لبنان",
    "یونان",
    "سازمان",
    "ساختمان",
    "همزمان",
    "درمان",
    "فرمان",
    "آسمان",
    "مهمان",
    "پیمان",
    "قهرمان",
    "آرمان",
    "سامان",
    "مسلمان",
    "ریسمان",
    "پشیمان",
    "ایمان",
    "انسان",
    "جریان",
    "میزان",
    "پایان",
    "امکان",
    "خیابان",
    "بیابان",
    "دوران",
    "باران",
    "جبران",
    "بحران",
    "عنوان",
    "دیوان",
    "ارزان",
    "مهربان",
    "نمایان",
    "کاروان",
    "پهلوان",
    "نردبان",
    "چوپان",
    "گریبان",
    "رایگان",
    "بازرگان",
    "گروگان",
    "هرمزگان",
    "شایگان",
    "ارگان",
    // «ات» that is not a plural.
    "عملیات",
    "ادبیات",
    "مالیات",
    "ریاضیات",
    // «تر» that is not a comparative (four-letter words such as «دکتر» keep it by rule).
    "کبوتر",
    "انگشتر",
    "فیلتر",
    "کامپیوتر",
    "پارامتر",
    "کیلومتر",
    "سانتیمتر",
    "میلیمتر",
    "پرینتر",
    "کاراکتر",
    "تئاتر",
    "پوستر",
];

/// Endings that keep a word whole, in compounds too: «کردستان», «دانش‌بنیان», «دادگستر».
const PERSIAN_KEPT_ENDINGS: &[&str] = &["ستان", "بنیان", "گستر"];

/// Plurals (and their adjectives) whose singular is not a prefix of them, as typed.
const PERSIAN_LEMMAS: &[(&str, &str)] = &[
    ("مقالات", "مقاله"),
    ("مطالعات", "مطالعه"),
    ("تجربیات", "تجربه"),
    ("تجارب", "تجربه"),
    ("نظریات", "نظریه"),
    ("خدمات", "خدمت"),
    ("ادارات", "اداره"),
    ("ریاضیات", "ریاضی"),
    ("علوم", "علم"),
    ("افراد", "فرد"),
    ("اسناد", "سند"),
    ("مدارک", "مدرک"),
    ("منابع", "منبع"),
    ("مراکز", "مرکز"),
    ("مناطق", "منطقه"),
    ("مسائل", "مسئله"),
    ("نتایج", "نتیجه"),
    ("قوانین", "قانون"),
    ("عوامل", "عامل"),
    ("اصول", "اصل"),
    ("ابعاد", "بعد"),
    ("مشاغل", "شغل"),
    ("اهداف", "هدف"),
    ("اعضا", "عضو"),
    ("اعضای", "عضو"),
    ("اساتید", "استاد"),
    ("مفاهیم", "مفهوم"),
    ("مقاطع", "مقطع"),
    ("آثار", "اثر"),
    ("اشخاص", "شخص"),
    ("جوامع", "جامعه"),
    ("شرایط", "شرط"),
    ("سوابق", "سابقه"),
    ("مواد", "ماده"),
    ("مدارس", "مدرسه"),
    ("مباحث", "مبحث"),
];

/// The lists above, normalized and sorted for binary search.
struct Persian {
    kept: Vec<String>,
    kept_endings: Vec<String>,
    lemmas: Vec<(String, String)>,
}

fn persian() -> &'static Persian {
    static LISTS: OnceLock<Persian> = OnceLock::new();
    LISTS.get_or_init(|| {
        let mut kept: Vec<String> = PERSIAN_KEPT.iter().map(|w| normalize(w)).collect();
        kept.sort();
        let mut lemmas: Vec<(String, String)> =
            PERSIAN_LEMMAS.iter().map(|(w, l)| (normalize(w), normalize(l))).collect();
        lemmas.sort();
        Persian { kept, kept_endings: PERSIAN_KEPT_ENDINGS.iter().map(|w| normalize(w)).collect(), lemmas }
    })
}

impl Persian {
    fn lemma(&self, word: &str) -> Option<&str> {
        let i = self.lemmas.binary_search_by(|(w, _)| w.as_str().cmp(word)).ok()?;
        Some(&self.lemmas[i].1)
    }

    fn keeps(&self, word: &str) -> bool {
        self.kept.binary_search_by(|w| w.as_str().cmp(word)).is_ok()
            || self.kept_endings.iter().any(|e| word.ends_with(e.as_str()))
    }
}

/// Suffixes removed one at a time, longest first, each with the fewest letters the stem keeps.
const PERSIAN_SUFFIXES: &[(&str, usize)] = &[
    ("هایشان", 2),
    ("هایمان", 2),
    ("هایتان", 2),
    ("هایی", 2),
    ("های", 2),
    ("ها", 2),
    ("ترین", 2),
    ("تر", 3),
    ("گان", 3),
    ("یان", 3),
    ("ان", 3),
    ("ات", 3),
    ("ای", 3),
    ("ی", 3),
];

/// Removes the word's last suffix in place; false when it has none the rules may remove.
fn strip_one(word: &mut String) -> bool {
    let letters = word.chars().count();
    for (suffix, min_stem) in PERSIAN_SUFFIXES {
        if !word.ends_with(suffix) || letters < suffix.chars().count() + min_stem {
            continue;
        }
        let stem = word.len() - suffix.len();
        match *suffix {
            // «ای» follows «ه» («حرفه‌ای»); after a vowel it is the «ی» of ezafe («شورای»), removed below.
            "ای" if !word[..stem].ends_with('ه') => continue,
            // «نخبگان» is «نخبه» + «ان»: the «ه» turns to «گ» before it.
            "گان" => {
                word.truncate(stem);
                word.push('ه');
            }
            _ => word.truncate(stem),
        }
        return true;
    }
    false
}

/// Suffixes that may be written apart (after a ZWNJ or a space): written so, they are known exactly.
const PERSIAN_WRITTEN_APART: &[&str] = &["ها", "های", "هایی", "هایشان", "هایمان", "هایتان", "ای", "ی", "تر", "ترین"];

/// Stems a normalized Persian word in place: irregular plurals by table, then suffixes until none
/// is left or the word is one the exception list keeps. `last_part` is where the part after the last
/// ZWNJ (or detached suffix) begins; when that part is a suffix, it is the one removed first.
pub fn stem_persian_in_place(word: &mut String, last_part: Option<usize>) {
    let lists = persian();
    if let Some(at) = last_part.filter(|at| word.is_char_boundary(*at) && *at > 0)
        && PERSIAN_WRITTEN_APART.contains(&&word[at..])
        && lists.lemma(word).is_none()
        && !lists.keeps(word)
    {
        word.truncate(at);
    }
    loop {
        if let Some(lemma) = lists.lemma(word) {
            lemma.clone_into(word);
            return;
        }
        if lists.keeps(word) || !strip_one(word) {
            return;
        }
    }
}

/// Stems a normalized Persian word (see [`stem_persian_in_place`]).
pub fn stem_persian(word: &str) -> String {
    let mut w = word.to_owned();
    stem_persian_in_place(&mut w, None);
    w
}

/// English words Snowball joins with words of another meaning («organization» with «organ»,
/// «university» with «universe»), each with the stem it gets instead.
const ENGLISH_STEMS: &[(&str, &str)] = &[
    ("organization", "organiz"),
    ("organizations", "organiz"),
    ("organizational", "organiz"),
    ("organisation", "organiz"),
    ("organisations", "organiz"),
    ("organize", "organiz"),
    ("organized", "organiz"),
    ("organizing", "organiz"),
    ("organizer", "organiz"),
    ("organizers", "organiz"),
    ("university", "universit"),
    ("universities", "universit"),
    ("experience", "experienc"),
    ("experiences", "experienc"),
    ("experienced", "experienc"),
    ("authority", "authorit"),
    ("authorities", "authorit"),
    ("animation", "animat"),
    ("animations", "animat"),
];

fn english_stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// Stems a lower-case English word.
pub fn stem_english(word: &str) -> String {
    match ENGLISH_STEMS.iter().find(|(w, _)| *w == word) {
        Some((_, stem)) => (*stem).to_owned(),
        None => english_stemmer().stem(word).into_owned(),
    }
}
