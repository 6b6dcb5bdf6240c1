//! A reviewer's review of one assignment: a score per criterion within its scale, comments, a confidence,
//! the weighted score that gates read, the due date that closes it, and what a double-blind stage masks.

use crate::clock::Millis;
use crate::evaluation::stages::Blind;

/// Longest comment on one criterion, in characters.
pub const CRITERION_COMMENT: usize = 2000;
/// Longest overall comment, in characters.
pub const COMMENT: usize = 4000;
/// Lowest and highest confidence a reviewer states.
pub const CONFIDENCE: (i64, i64) = (1, 5);

/// A review's state: a draft the reviewer may change, then submitted and never changed again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Draft,
    Submitted,
}

impl State {
    /// Stable code, stored and shown (Fluent `review-state-<code>`).
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
        }
    }

    pub fn from_db(s: &str) -> Self {
        if s == "submitted" { Self::Submitted } else { Self::Draft }
    }
}

/// Why a score was refused: each has its own message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScoreError {
    /// Blank (allowed in a draft, not on submission).
    Missing,
    /// Not a whole number in any digits.
    NotANumber,
    /// A whole number outside the criterion's scale.
    OutOfScale,
}

impl ScoreError {
    /// The stable code (`invalid-<code>` in Fluent).
    pub fn code(self) -> &'static str {
        match self {
            Self::Missing => "score_missing",
            Self::NotANumber => "score_not_a_number",
            Self::OutOfScale => "score_out_of_scale",
        }
    }
}

/// A whole number typed in ASCII, Persian or Arabic-Indic digits, within `min..=max`; blank is `None`.
pub fn score(raw: &str, min: i64, max: i64) -> Result<Option<i64>, ScoreError> {
    let s = crate::text::digits_to_ascii(raw.trim());
    if s.is_empty() {
        return Ok(None);
    }
    let digits = s.strip_prefix('-').unwrap_or(&s);
    if digits.is_empty() || digits.len() > 6 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ScoreError::NotANumber);
    }
    let n: i64 = s.parse().map_err(|_| ScoreError::NotANumber)?;
    if (min..=max).contains(&n) { Ok(Some(n)) } else { Err(ScoreError::OutOfScale) }
}

/// The confidence 1–5 in any digits; blank is `None`.
pub fn confidence(raw: &str) -> Result<Option<i64>, ScoreError> {
    score(raw, CONFIDENCE.0, CONFIDENCE.1)
}

/// One criterion's score with its weight and scale, for [`weighted`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scored {
    pub score: i64,
    pub weight: i64,
    pub min: i64,
    pub max: i64,
}

/// The weighted score as an exact fraction `(points, best)`: each score placed on its own scale (min → 0,
/// max → 1), weighted and summed, over Σ weight. Both are scaled by the least common multiple of the scales'
/// spans, so they are whole numbers and every complete review of one rubric has the same `best`: a gate sums
/// and compares reviews exactly, on the very figure [`weighted`] shows and the audit records. `None` without
/// scores or weight. At most 12 criteria of spans up to 100 and weights up to 100 keep `best` below 10²⁸.
pub fn points(scores: &[Scored]) -> Option<(i128, i128)> {
    let weight: i128 = scores.iter().map(|s| i128::from(s.weight)).sum();
    if scores.is_empty() || weight <= 0 {
        return None;
    }
    let span = |s: &Scored| i128::from((s.max - s.min).max(1));
    let lcm = scores.iter().try_fold(1_i128, |l, s| l.checked_mul(span(s) / gcd(l, span(s))))?;
    let points = scores.iter().map(|s| i128::from(s.weight) * i128::from(s.score - s.min) * (lcm / span(s))).sum();
    Some((points, weight.checked_mul(lcm)?))
}

fn gcd(a: i128, b: i128) -> i128 {
    if b == 0 { a.abs() } else { gcd(b, a % b) }
}

/// The weighted score in percent of the best possible (0–100), as a threshold gate reads it: [`points`]
/// over its `best`.
pub fn weighted(scores: &[Scored]) -> Option<f64> {
    let (points, best) = points(scores)?;
    // Whole percent and remainder apart, so a whole percentage stays exact however large `best` is.
    let hundred = points.saturating_mul(100);
    Some((hundred / best) as f64 + (hundred % best) as f64 / best as f64)
}

/// When a review is due: the assignment's own date (staff's extension) over the stage's; `None` is open.
pub fn due(stage: Option<Millis>, assignment: Option<Millis>) -> Option<Millis> {
    assignment.or(stage)
}

/// Whether a review may still be saved or submitted at `now`.
pub fn open(due: Option<Millis>, now: Millis) -> bool {
    due.is_none_or(|d| now < d)
}

/// What a reviewer sees of who submitted a proposal: everything in a single-blind stage (only applicants are
/// kept from knowing their reviewers), nothing identifying in a double-blind one.
pub fn sees_identity(blind: Blind) -> bool {
    blind == Blind::Single
}

/// The mark that stands in for a masked name, address or number.
pub const MASK: &str = "▇▇▇";

/// `text` with every occurrence of each of `names` (of at least two letters), every email address, web address
/// and phone-like run of nine or more digits replaced by [`MASK`]: what a double-blind stage shows of the
/// proposal's free text, where an applicant may have written their own name. Names are found as whole words
/// however they are cased or spelled in Persian ([`fold`]: "QUOKKALABS", "زرافه بنفش" for "زرافهٔ بنفش",
/// a ZWNJ for a space, Persian digits for ASCII ones). Best effort: a name written some other way (an
/// abbreviation, a transliteration) stays.
pub fn mask(text: &str, names: &[&str]) -> String {
    // Addresses first: a name inside one ("quokka@…") would otherwise hide the address from being seen whole.
    let text = mask_contacts(text);
    let chars: Vec<char> = text.chars().collect();
    // The text folded, each folded character with the index of the character it came from.
    let mut folded: Vec<(char, usize)> = Vec::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let Some(f) = fold(c) else { continue };
        if f == ' ' && folded.last().is_none_or(|l| l.0 == ' ') {
            continue;
        }
        folded.push((f, i));
    }
    let mut names: Vec<Vec<char>> = names.iter().map(|n| fold_str(n)).filter(|n| n.len() >= 2).collect();
    // Longest first, so a full name goes before a part of it.
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    names.dedup();
    let word = |k: usize| folded.get(k).is_some_and(|(c, _)| c.is_alphanumeric());
    let mut hidden = vec![false; chars.len()];
    let mut starts = vec![false; chars.len()];
    for name in &names {
        let n = name.len();
        let mut k = 0;
        while k + n <= folded.len() {
            let at = folded[k].1;
            let found = !hidden[at]
                && folded[k..k + n].iter().map(|x| x.0).eq(name.iter().copied())
                && (k == 0 || !word(k - 1))
                && !word(k + n);
            if !found {
                k += 1;
                continue;
            }
            // Up to the next folded character: marks dropped by the fold go with the name.
            let end = folded.get(k + n).map_or(chars.len(), |x| x.1);
            let end = (folded[k + n - 1].1 + 1..end).find(|&i| fold(chars[i]).is_some()).unwrap_or(end);
            starts[at] = true;
            hidden[at..end].iter_mut().for_each(|h| *h = true);
            k += n;
        }
    }
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if starts[i] {
            out.push_str(MASK);
        } else if !hidden[i] {
            out.push(c);
        }
    }
    out
}

/// One character as names are compared: lower case, Arabic letters as their Persian forms, Persian and
/// Arabic-Indic digits as ASCII, any space or ZWNJ as a space; `None` for what spelling may add or leave out
/// (hamza above, short vowels, tatweel, joiners).
pub fn fold(c: char) -> Option<char> {
    let digit = |base: u32| char::from_digit(c as u32 - base, 10);
    match c {
        'ي' | 'ى' => Some('ی'),
        'ك' => Some('ک'),
        'ۀ' | 'ة' => Some('ه'),
        'أ' | 'إ' | 'آ' => Some('ا'),
        '\u{06F0}'..='\u{06F9}' => digit(0x06F0),
        '\u{0660}'..='\u{0669}' => digit(0x0660),
        '\u{200C}' => Some(' '),
        '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{200D}' => None,
        c if c.is_whitespace() => Some(' '),
        c => c.to_lowercase().next(),
    }
}

/// `s` folded character by character ([`fold`]), spaces collapsed and trimmed.
fn fold_str(s: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(s.len());
    for f in s.chars().filter_map(fold) {
        if f == ' ' && out.last().is_none_or(|&l| l == ' ') {
            continue;
        }
        out.push(f);
    }
    if out.last() == Some(&' ') {
        out.pop();
    }
    out
}

/// Web addresses, emails and digit runs (ASCII, Persian or Arabic-Indic, with spaces, dashes or a leading +)
/// of nine or more digits replaced by [`MASK`].
fn mask_contacts(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let is_digit = |c: char| {
        c.is_ascii_digit() || ('\u{06F0}'..='\u{06F9}').contains(&c) || ('\u{0660}'..='\u{0669}').contains(&c)
    };
    let email_char = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let starts_url = |i: usize| {
        let ahead: String = chars[i..chars.len().min(i + 8)].iter().collect::<String>().to_lowercase();
        (i == 0 || !chars[i - 1].is_alphanumeric())
            && ["http://", "https://", "www."].iter().any(|p| ahead.starts_with(p))
    };
    while i < chars.len() {
        let c = chars[i];
        if starts_url(i) {
            while i < chars.len() && !chars[i].is_whitespace() {
                i += 1;
            }
            out.push_str(MASK);
            continue;
        }
        if c == '@' {
            // Take back the local part already written, and skip the domain.
            let local = out.chars().rev().take_while(|&c| email_char(c)).count();
            let mut j = i + 1;
            while j < chars.len() && (chars[j].is_ascii_alphanumeric() || ".-".contains(chars[j])) {
                j += 1;
            }
            if local > 0 && chars[i + 1..j].contains(&'.') {
                let keep = out.chars().count() - local;
                out = out.chars().take(keep).collect();
                out.push_str(MASK);
                i = j;
                continue;
            }
        }
        if is_digit(c) || (c == '+' && chars.get(i + 1).is_some_and(|&n| is_digit(n))) {
            let mut j = i;
            let mut digits = 0;
            while j < chars.len()
                && (is_digit(chars[j]) || (j > i && " -".contains(chars[j])) || (j == i && chars[j] == '+'))
            {
                if is_digit(chars[j]) {
                    digits += 1;
                }
                j += 1;
            }
            // A trailing space or dash belongs to the text, not the number.
            while j > i && " -".contains(chars[j - 1]) {
                j -= 1;
            }
            if digits >= 9 {
                out.push_str(MASK);
            } else {
                out.extend(&chars[i..j]);
            }
            i = j;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_are_whole_numbers_within_the_scale_in_any_digits() {
        assert_eq!(score("۷", 1, 10), Ok(Some(7)));
        assert_eq!(score("٣", 1, 10), Ok(Some(3)));
        assert_eq!(score(" 10 ", 1, 10), Ok(Some(10)));
        assert_eq!(score("1", 1, 10), Ok(Some(1)));
        assert_eq!(score("0", 0, 10), Ok(Some(0)));
        assert_eq!(score("", 1, 10), Ok(None));
        assert_eq!(score("0", 1, 10), Err(ScoreError::OutOfScale));
        assert_eq!(score("11", 1, 10), Err(ScoreError::OutOfScale));
        assert_eq!(score("-1", 0, 10), Err(ScoreError::OutOfScale));
        assert_eq!(score("7.5", 1, 10), Err(ScoreError::NotANumber));
        assert_eq!(score("هفت", 1, 10), Err(ScoreError::NotANumber));
        assert_eq!(score("-", 1, 10), Err(ScoreError::NotANumber));
        assert_eq!(score("99999999999", 1, 10), Err(ScoreError::NotANumber));
        assert_eq!(confidence("۵"), Ok(Some(5)));
        assert_eq!(confidence("6"), Err(ScoreError::OutOfScale));
    }

    #[test]
    fn the_weighted_score_is_a_percentage_of_the_best_possible() {
        let s = |score, weight, min, max| Scored { score, weight, min, max };
        assert_eq!(weighted(&[s(10, 30, 1, 10), s(5, 70, 0, 5)]), Some(100.0));
        assert_eq!(weighted(&[s(1, 30, 1, 10), s(0, 70, 0, 5)]), Some(0.0));
        // 30 × 4/9 + 70 × 1/5 = 13.33 + 14 over 100.
        let w = weighted(&[s(5, 30, 1, 10), s(1, 70, 0, 5)]).unwrap();
        assert!((w - (30.0 * 4.0 / 9.0 + 14.0)).abs() < 1e-9, "{w}");
        assert_eq!(weighted(&[]), None);
    }

    #[test]
    fn points_are_the_weighted_score_exactly_with_one_best_per_rubric() {
        let s = |score, weight, min, max| Scored { score, weight, min, max };
        // Spans 9 and 5: lcm 45, best 100 × 45; 30 × 4 × 5 + 70 × 1 × 9 = 1230.
        assert_eq!(points(&[s(5, 30, 1, 10), s(1, 70, 0, 5)]), Some((1230, 4500)));
        assert_eq!(points(&[s(1, 30, 1, 10), s(0, 70, 0, 5)]), Some((0, 4500)), "the minimum is 0, not min/max");
        // One criterion 1–5: a 3 is exactly half.
        assert_eq!(points(&[s(3, 100, 1, 5)]), Some((200, 400)));
        assert_eq!(weighted(&[s(3, 100, 1, 5)]), Some(50.0));
        // The largest rubric fits: twelve pairwise-coprime spans, every weight 100.
        let spans = [100, 99, 97, 89, 83, 79, 73, 71, 67, 61, 59, 53];
        let all: Vec<Scored> = spans.iter().map(|&m| s(m, 100, 0, m)).collect();
        let (p, best) = points(&all).unwrap();
        assert_eq!(p, best);
        assert_eq!(weighted(&all), Some(100.0));
    }

    #[test]
    fn the_assignment_s_own_due_date_overrides_the_stage_s() {
        assert_eq!(due(Some(100), None), Some(100));
        assert_eq!(due(Some(100), Some(500)), Some(500));
        assert_eq!(due(None, None), None);
        assert!(open(Some(100), 99) && !open(Some(100), 100) && open(None, i64::MAX));
    }

    #[test]
    fn double_blind_masks_names_emails_and_phone_numbers() {
        let text =
            "تیم زرافهٔ بنفش به سرپرستی Zebra Q. Applicant (zebra.q@example.org، ۰۹۱۲ ۳۴۵ ۶۷۸۹) در ۱۲ ماه و با ۳ نفر.";
        let masked = mask(text, &["Zebra Q. Applicant", "زرافهٔ بنفش", "a"]);
        assert!(!masked.contains("Zebra") && !masked.contains("زرافه") && !masked.contains("example"), "{masked}");
        assert!(!masked.contains("۶۷۸۹"), "{masked}");
        assert!(masked.contains("در ۱۲ ماه و با ۳ نفر."), "short numbers stay: {masked}");
        assert_eq!(masked.matches(MASK).count(), 4, "{masked}");
        assert_eq!(mask("+98 912-345-6789 و 1403", &[]), format!("{MASK} و 1403"));
        assert_eq!(mask("a@b بدون دامنه", &[]), "a@b بدون دامنه");
    }

    #[test]
    fn names_are_masked_however_they_are_cased_or_spelled_as_whole_words_only() {
        let names = ["Quokkalabs", "زرافهٔ بنفش", "12345"];
        let text = "QUOKKALABS و quokkalabs؛ زرافه بنفش و زرافه‌ بنفش و زرافهٔ‌بنفش؛ ثبت ۱۲۳۴۵؛ Quokkalabsian نه";
        let masked = mask(text, &names);
        assert!(!masked.to_lowercase().contains("quokkalabs ") && !masked.contains("زرافه"), "{masked}");
        assert!(!masked.contains("۱۲۳۴۵") && !masked.contains("ٔ"), "{masked}");
        assert_eq!(masked.matches(MASK).count(), 6, "{masked}");
        assert!(masked.contains("Quokkalabsian نه"), "a longer word is not the name: {masked}");
        let web = mask("نمونه در https://zarafe.ir/demo و www.Zarafe.ir؛ فرایند دو مرحله‌ای", &[]);
        assert_eq!(web, format!("نمونه در {MASK} و {MASK} فرایند دو مرحله‌ای"));
        assert_eq!(fold('ي'), Some('ی'));
        assert_eq!(fold('۷'), Some('7'));
        assert_eq!(fold('\u{0654}'), None);
        assert!(sees_identity(Blind::Single) && !sees_identity(Blind::Double));
    }
}
