//! Persian/English text analysis shared by indexing and querying, so both sides see the same terms.
//!
//! Pipeline: character normalization (Arabic letter forms → Persian, diacritics and tatweel removed,
//! Persian/Arabic digits → ASCII, Latin lower-cased), tokenization on letters/digits with ZWNJ
//! joining the parts of one word, re-joining of the verbal prefix «می/نمی» and plural/comparative
//! suffixes written as separate words, stop-word removal, then light stemming ([`crate::stem`]).

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::stem;

/// One analyzed term with the byte span of the original text it came from (for highlighting).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub position: usize,
}

const ZWNJ: char = '\u{200C}';

/// Maps one character to its normalized form; `None` drops it (diacritics, tatweel, bidi marks).
pub fn normalize_char(c: char) -> Option<char> {
    Some(match c {
        'ي' | 'ى' | 'ئ' | 'ۍ' | 'ې' => 'ی',
        'ك' | 'ڪ' => 'ک',
        'ة' | 'ۀ' | 'ە' => 'ه',
        'أ' | 'إ' | 'ٱ' => 'ا',
        'ؤ' => 'و',
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => return None,
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}' => return None,
        '\u{200D}' => return None,
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        'A'..='Z' => c.to_ascii_lowercase(),
        // ASCII and Arabic-script characters have no case: skip the Unicode case tables.
        '\u{0000}'..='\u{007F}' | '\u{0600}'..='\u{06FF}' => c,
        c if c.is_uppercase() => c.to_lowercase().next().unwrap_or(c),
        c => c,
    })
}

/// Normalizes a whole string with [`normalize_char`]; idempotent.
pub fn normalize(text: &str) -> String {
    text.chars().filter_map(normalize_char).collect()
}

/// Letters and digits; the Arabic block (most of every Persian text) is looked up in a table.
fn is_word_char(c: char) -> bool {
    static ARABIC_BLOCK: OnceLock<[bool; 256]> = OnceLock::new();
    match c {
        '\u{0000}'..='\u{007F}' => c.is_ascii_alphanumeric(),
        '\u{0600}'..='\u{06FF}' => {
            let table = ARABIC_BLOCK.get_or_init(|| {
                std::array::from_fn(|i| char::from_u32(0x0600 + i as u32).is_some_and(char::is_alphanumeric))
            });
            table[c as usize - 0x0600]
        }
        _ => c.is_alphanumeric(),
    }
}

fn is_persian(word: &str) -> bool {
    word.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FDFF}').contains(&c))
}

/// A raw word: normalized text (ZWNJ removed) and its byte span in the input.
struct Word {
    text: String,
    start: usize,
    end: usize,
    /// Where in `text` the part after the last ZWNJ or detached suffix begins: «حرفه‌ای» is
    /// «حرفه» + «ای», «حرف‌های» is «حرف» + «های», though both read «حرفهای» once joined.
    last_part: Option<usize>,
}

/// Splits on anything that is not a letter or digit; a ZWNJ inside a word joins its parts.
fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut end = 0;
    let mut last_part = None;
    for (i, c) in text.char_indices() {
        let normalized = normalize_char(c);
        let joiner = c == ZWNJ || c == '\u{200D}' || normalized.is_none();
        if joiner && !current.is_empty() {
            if c == ZWNJ {
                last_part = Some(current.len());
            }
            end = i + c.len_utf8();
            continue;
        }
        match normalized {
            Some(n) if is_word_char(n) => {
                if current.is_empty() {
                    start = i;
                }
                current.push(n);
                end = i + c.len_utf8();
            }
            _ => {
                if !current.is_empty() {
                    out.push(Word { text: std::mem::take(&mut current), start, end, last_part: last_part.take() });
                }
            }
        }
    }
    if !current.is_empty() {
        out.push(Word { text: current, start, end, last_part });
    }
    out
}

/// Verbal prefixes sometimes written as separate words: «می شود» is «میشود».
const DETACHED_PREFIXES: [&str; 2] = ["می", "نمی"];
/// Suffixes sometimes written as separate words: «کتاب ها» is «کتابها».
const DETACHED_SUFFIXES: [&str; 6] = ["ها", "های", "هایی", "تر", "ترین", "ای"];

/// Re-joins detached prefixes and suffixes so every spelling of a word yields one term.
fn join_detached(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    let mut pending_prefix: Option<Word> = None;
    for w in words {
        let persian = is_persian(&w.text);
        if let Some(p) = pending_prefix.take() {
            if persian {
                let last_part = w.last_part.map(|at| at + p.text.len());
                out.push(Word { text: format!("{}{}", p.text, w.text), start: p.start, end: w.end, last_part });
                continue;
            }
            out.push(p);
        }
        if DETACHED_PREFIXES.contains(&w.text.as_str()) {
            pending_prefix = Some(w);
            continue;
        }
        if DETACHED_SUFFIXES.contains(&w.text.as_str())
            && let Some(prev) = out.last_mut()
            && is_persian(&prev.text)
            && prev.text.chars().count() >= 2
        {
            prev.last_part = Some(prev.text.len());
            prev.text.push_str(&w.text);
            prev.end = w.end;
            continue;
        }
        out.push(w);
    }
    if let Some(p) = pending_prefix {
        out.push(p);
    }
    out
}

/// Persian words too common to help ranking (normalized spelling, ZWNJ removed). «داده» is kept on
/// purpose: it is "given" in general prose but "data" in this platform's field.
const PERSIAN_STOP_WORDS: &[&str] = &[
    "و",
    "در",
    "به",
    "از",
    "که",
    "این",
    "را",
    "با",
    "است",
    "برای",
    "آن",
    "یک",
    "خود",
    "تا",
    "کرد",
    "بر",
    "هم",
    "نیز",
    "شد",
    "شده",
    "شود",
    "میشود",
    "ای",
    "اما",
    "یا",
    "هر",
    "دو",
    "باید",
    "بود",
    "وی",
    "او",
    "ما",
    "من",
    "شما",
    "آنها",
    "ایشان",
    "اند",
    "ها",
    "های",
    "دارد",
    "داشت",
    "کند",
    "کنند",
    "کرده",
    "کنیم",
    "میکند",
    "میکنند",
    "دهد",
    "میدهد",
    "پس",
    "اگر",
    "همه",
    "چه",
    "چرا",
    "کجا",
    "چگونه",
    "چطور",
    "کدام",
    "چند",
    "چیست",
    "کیست",
    "بین",
    "پیش",
    "پس",
    "روی",
    "زیر",
    "بالای",
    "درباره",
    "مورد",
    "طور",
    "همین",
    "همان",
    "آنکه",
    "اینکه",
    "چون",
    "زیرا",
    "ولی",
    "بلکه",
    "نه",
    "هیچ",
    "دیگر",
    "دیگری",
    "بسیار",
    "خیلی",
    "بیشتر",
    "کمتر",
    "حتی",
    "فقط",
    "تنها",
    "هست",
    "هستند",
    "بودن",
    "باشد",
    "باشند",
    "میباشد",
    "گردد",
    "گردید",
    "نمود",
    "نماید",
    "شوند",
    "بوده",
    "کنید",
    "میشوند",
    "میتوان",
    "توان",
    "ب",
    "الف",
    "یعنی",
    "مثل",
    "مانند",
    "سوی",
    "نزد",
    "جز",
    "غیر",
    "لذا",
    "سپس",
    "وقتی",
    "هنگام",
    "اکنون",
    "حال",
    "ولیکن",
    "البته",
    "آیا",
    "هنوز",
    "همچنین",
    "چنین",
    "چنان",
    "بنابراین",
];

/// English stop words (Snowball's short list).
const ENGLISH_STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it", "no", "not", "of",
    "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "was", "will", "with",
    "we", "our", "from", "which", "can", "has", "have", "been", "were", "its", "also", "than", "using", "based", "via",
    "how", "what", "when", "where", "who", "why", "do", "does", "i", "you", "he", "she",
];

/// Whether a normalized word is a stop word in its script.
pub fn is_stop_word(word: &str) -> bool {
    // One set serves both scripts: no Persian stop word is ASCII and no English one is Persian.
    static STOP_WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    STOP_WORDS.get_or_init(|| PERSIAN_STOP_WORDS.iter().chain(ENGLISH_STOP_WORDS).copied().collect()).contains(word)
}

/// Stems an owned word, Persian in place (knowing where its last written part begins).
fn stem_owned(mut word: String, last_part: Option<usize>) -> String {
    if is_persian(&word) {
        stem::stem_persian_in_place(&mut word, last_part);
        word
    } else {
        stem(&word)
    }
}

/// Stems one normalized word by its script.
pub fn stem(word: &str) -> String {
    if is_persian(word) {
        stem::stem_persian(word)
    } else if word.chars().all(|c| c.is_ascii_alphabetic()) {
        stem::stem_english(word)
    } else {
        word.to_owned()
    }
}

/// Longest term kept; longer runs (hashes, garbage) are cut so one token cannot bloat the index.
const MAX_TERM_BYTES: usize = 64;

/// Analyzes text into terms: the one function both the index and every query use.
pub fn analyze(text: &str) -> Vec<Term> {
    let mut terms = Vec::with_capacity(text.len() / 8);
    for w in join_detached(words(text)) {
        if is_stop_word(&w.text) {
            continue;
        }
        let mut t = stem_owned(w.text, w.last_part);
        if t.len() > MAX_TERM_BYTES {
            let mut cut = MAX_TERM_BYTES;
            while !t.is_char_boundary(cut) {
                cut -= 1;
            }
            t.truncate(cut);
        }
        if t.is_empty() {
            continue;
        }
        terms.push(Term { text: t, start: w.start, end: w.end, position: terms.len() });
    }
    terms
}

/// The analyzed term texts only.
pub fn terms(text: &str) -> Vec<String> {
    analyze(text).into_iter().map(|t| t.text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn arabic_forms_and_marks_normalize() {
        let cases = [
            ("علي", "علی"),
            ("كارشناسي", "کارشناسی"),
            ("مدرسة", "مدرسه"),
            ("خانۀ", "خانه"),
            ("مُحَمَّد", "محمد"),
            ("ســــلام", "سلام"),
            ("۱۴۰۲", "1402"),
            ("٢٠٢٣", "2023"),
            ("Machine LEARNING", "machine learning"),
            ("أحمد إسلامی", "احمد اسلامی"),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input}");
        }
    }

    #[test]
    fn zwnj_and_spacing_variants_match() {
        let joined = terms("می‌شود");
        assert_eq!(terms("میشود"), joined);
        assert_eq!(terms("می شود"), joined);
        assert_eq!(terms("نمی‌توانند"), terms("نمی توانند"));
        assert_eq!(terms("کتاب‌ها"), terms("کتاب ها"));
        assert_eq!(terms("کتاب‌ها"), terms("کتابها"));
        assert_eq!(terms("بزرگ‌ترین"), terms("بزرگ ترین"));
        assert_eq!(terms("دانش‌بنیان"), terms("دانشبنیان"));
    }

    #[test]
    fn persian_light_stemming() {
        let cases = [
            ("پژوهشگران", "پژوهشگر"),
            ("سامانه‌ها", "سامانه"),
            ("سامانه‌های", "سامانه"),
            ("بزرگ‌تر", "بزرگ"),
            ("بزرگ‌ترین", "بزرگ"),
            ("کتابم", "کتابم"),
            ("دانشگاهی", "دانشگاه"),
            ("استخدامی", "استخدام"),
            ("اطلاعات", "اطلاع"),
            ("زمان", "زمان"),
            ("جان", "جان"),
        ];
        for (input, want) in cases {
            assert_eq!(terms(input), vec![want.to_owned()], "{input}");
        }
    }

    #[test]
    fn english_stemming_and_stop_words() {
        assert_eq!(terms("The recruiting of researchers"), vec!["recruit", "research"]);
        assert_eq!(terms("organizations organizational"), vec!["organiz", "organiz"]);
        assert_eq!(terms("و در به از"), Vec::<String>::new());
    }

    #[test]
    fn mixed_text_keeps_offsets() {
        let text = "سامانه‌های HR در وزارت";
        let t = analyze(text);
        let texts: Vec<_> = t.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(texts, vec!["سامانه", "hr", "وزارت"]);
        assert_eq!(&text[t[0].start..t[0].end], "سامانه‌های");
        assert_eq!(&text[t[1].start..t[1].end], "HR");
        assert_eq!(t.iter().map(|t| t.position).collect::<Vec<_>>(), vec![0, 1, 2]);
    }

    #[test]
    fn arabic_keyboard_spelling_finds_persian_spelling() {
        assert_eq!(terms("مديريت كاركنان"), terms("مدیریت کارکنان"));
        assert_eq!(terms("۱۴۰۲"), terms("1402"));
    }

    #[test]
    fn fast_paths_agree_with_the_unicode_tables() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), c.is_alphanumeric(), "{c:?}");
            if c.is_ascii() || ('\u{0600}'..='\u{06FF}').contains(&c) {
                assert!(!c.is_uppercase() || c.is_ascii_uppercase(), "{c:?}");
            }
        }
        for w in PERSIAN_STOP_WORDS.iter().chain(ENGLISH_STOP_WORDS) {
            assert!(is_stop_word(w), "{w}");
        }
        assert!(!is_stop_word("داده") && !is_stop_word("سامانه") && !is_stop_word("data"));
    }

    proptest! {
        #[test]
        fn normalization_is_idempotent(s in "\\PC*") {
            let once = normalize(&s);
            prop_assert_eq!(normalize(&once), once);
        }

        #[test]
        fn analysis_never_panics_and_spans_are_valid(s in any::<String>()) {
            for t in analyze(&s) {
                prop_assert!(t.start <= t.end && t.end <= s.len());
                prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
                prop_assert!(!t.text.is_empty() && t.text.len() <= MAX_TERM_BYTES);
            }
        }

        #[test]
        fn analysis_is_stable_under_normalization(s in "[\\u0600-\\u06FF\\u200C a-zA-Z0-9]{0,40}") {
            prop_assert_eq!(terms(&normalize(&s)), terms(&s));
        }
    }
}
