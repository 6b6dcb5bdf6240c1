//! Validated inputs of registry profiles: bounded text, web links, ORCID iDs, DOIs, years and keyword lists.

use std::collections::HashSet;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::locale::Locale;
use crate::{Invalid, text};

/// Parses an optional input: blank is `None`, anything else must pass `parse`.
pub fn optional<T>(raw: &str, parse: impl FnOnce(&str) -> Result<T, Invalid>) -> Result<Option<T>, Invalid> {
    if raw.trim().is_empty() { Ok(None) } else { parse(raw).map(Some) }
}

/// One line of Persian-normalized text of at most `max` characters (may be empty).
pub fn line(raw: &str, max: usize) -> Result<String, Invalid> {
    bounded(text::normalize_fa(raw), max)
}

/// Like [`line`], but empty is refused.
pub fn required_line(raw: &str, max: usize) -> Result<String, Invalid> {
    let s = line(raw, max)?;
    if s.is_empty() { Err(Invalid::Required) } else { Ok(s) }
}

/// Several lines of Persian-normalized text (a bio, an abstract) of at most `max` characters.
pub fn paragraph(raw: &str, max: usize) -> Result<String, Invalid> {
    bounded(text::normalize_fa_multiline(raw), max)
}

fn bounded(s: String, max: usize) -> Result<String, Invalid> {
    if s.chars().count() > max { Err(Invalid::TooLong) } else { Ok(s) }
}

/// An absolute `http://` or `https://` link with a dotted host.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct WebUrl(String);

impl WebUrl {
    pub const MAX_LEN: usize = 500;

    /// Accepts `https://host.tld/…`; the scheme is required and the host must be ASCII.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = s.trim();
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(Invalid::TooLong);
        }
        let lower = s.to_ascii_lowercase();
        let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://")).ok_or(Invalid::Url)?;
        let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = host.rsplit_once(':').map_or(host, |(h, port)| {
            if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) { h } else { host }
        });
        let host_ok = host.contains('.')
            && !host.starts_with(['.', '-'])
            && !host.ends_with(['.', '-'])
            && !host.contains("..")
            && host.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
        if !host_ok || s.chars().any(char::is_whitespace) {
            return Err(Invalid::Url);
        }
        let scheme_len = if lower.starts_with("https://") { 8 } else { 7 };
        Ok(Self(format!("{}{}", &lower[..scheme_len], &s[scheme_len..])))
    }

    /// Wraps a value read back from the database.
    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An ORCID iD, `0000-0002-1825-0097`, with a valid ISO 7064 MOD 11-2 check character.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Orcid(String);

impl Orcid {
    /// Accepts the sixteen characters with or without hyphens, or the `https://orcid.org/…` link.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = text::digits_to_ascii(s.trim());
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        let lower = s.to_ascii_lowercase();
        let bare = ["https://orcid.org/", "http://orcid.org/", "orcid.org/"]
            .iter()
            .find_map(|p| lower.strip_prefix(p))
            .unwrap_or(&lower);
        let chars: Vec<char> = bare.chars().filter(|&c| c != '-').map(|c| c.to_ascii_uppercase()).collect();
        let shape_ok = chars.len() == 16
            && chars[..15].iter().all(char::is_ascii_digit)
            && (chars[15].is_ascii_digit() || chars[15] == 'X')
            && bare.chars().filter(|&c| c == '-').count() == if bare.len() == 19 { 3 } else { 0 };
        if !shape_ok || Self::check_char(&chars[..15]) != chars[15] {
            return Err(Invalid::Orcid);
        }
        let groups: Vec<String> = chars.chunks(4).map(|g| g.iter().collect()).collect();
        Ok(Self(groups.join("-")))
    }

    /// ISO 7064 MOD 11-2 over the first fifteen digits.
    fn check_char(digits: &[char]) -> char {
        let total = digits.iter().filter_map(|c| c.to_digit(10)).fold(0, |t, d| (t + d) * 2);
        match (12 - total % 11) % 11 {
            10 => 'X',
            n => char::from_digit(n, 10).unwrap_or('?'),
        }
    }

    /// Wraps a value read back from the database.
    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The canonical link, `https://orcid.org/0000-…`.
    pub fn url(&self) -> String {
        format!("https://orcid.org/{}", self.0)
    }
}

/// A Digital Object Identifier, `10.1000/xyz123`, without its resolver prefix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Doi(String);

impl Doi {
    pub const MAX_LEN: usize = 200;

    /// Accepts `10.NNNN/suffix`, optionally as a `doi:` or `https://doi.org/` link.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = text::digits_to_ascii(s.trim());
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        if s.chars().count() > Self::MAX_LEN {
            return Err(Invalid::TooLong);
        }
        let lower = s.to_ascii_lowercase();
        let prefix = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map_or(0, |p| p.len());
        let doi = s[prefix..].trim();
        let Some((registrant, suffix)) = doi.split_once('/') else {
            return Err(Invalid::Doi);
        };
        let code = registrant.strip_prefix("10.").unwrap_or_default();
        let ok = (4..=9).contains(&code.split('.').next().unwrap_or_default().len())
            && code.bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && !suffix.is_empty()
            && !doi.chars().any(|c| c.is_whitespace() || c.is_control());
        if ok { Ok(Self(doi.to_owned())) } else { Err(Invalid::Doi) }
    }

    /// Wraps a value read back from the database.
    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The resolver link, `https://doi.org/10.…`.
    pub fn url(&self) -> String {
        format!("https://doi.org/{}", self.0)
    }
}

/// A year (graduation, publication, project), stored in the Gregorian calendar.
///
/// Persian users type Solar Hijri years (`۱۴۰۲`), others Gregorian ones (`2023`); a Solar Hijri year is
/// stored as the Gregorian year most of it falls in (+621), and shown back the same way, so what a
/// user typed round-trips exactly in their language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Year(i64);

impl Year {
    /// The earliest accepted Gregorian year.
    pub const EARLIEST: i64 = 1940;
    /// Longest input read: `۱۴۰۲` in Persian digits is 8 bytes.
    pub const MAX_INPUT_BYTES: usize = 32;
    const HIJRI_OFFSET: i64 = 621;

    /// Accepts a year in either calendar from [`Year::EARLIEST`] up to `latest` (Gregorian); input over
    /// [`Year::MAX_INPUT_BYTES`] is refused unread.
    pub fn parse(s: &str, latest: i64) -> Result<Self, Invalid> {
        if s.len() > Self::MAX_INPUT_BYTES {
            return Err(Invalid::TooLong);
        }
        let s = text::digits_to_ascii(s.trim());
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        let n: i64 = s.parse().map_err(|_| Invalid::Year)?;
        let gregorian = if (1300..1500).contains(&n) { n + Self::HIJRI_OFFSET } else { n };
        if (Self::EARLIEST..=latest).contains(&gregorian) { Ok(Self(gregorian)) } else { Err(Invalid::Year) }
    }

    /// Wraps a value read back from the database.
    pub fn from_db(n: i64) -> Self {
        Self(n)
    }

    pub fn gregorian(self) -> i64 {
        self.0
    }

    /// The year as a user of `locale` typed it: Solar Hijri in Persian, Gregorian in English (ASCII digits).
    pub fn input(self, locale: Locale) -> String {
        match locale {
            Locale::Fa => (self.0 - Self::HIJRI_OFFSET).to_string(),
            Locale::En => self.0.to_string(),
        }
    }

    /// The year for display: Persian digits and Solar Hijri in Persian.
    pub fn show(self, locale: Locale) -> String {
        match locale {
            Locale::Fa => text::to_persian_digits(&self.input(locale)),
            Locale::En => self.input(locale),
        }
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Free keywords (skills, capabilities): split on commas (, ، ;  ؛) or lines, normalized, de-duplicated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Keywords(Vec<String>);

impl Keywords {
    pub const MAX_ITEMS: usize = 30;
    pub const MAX_CHARS: usize = 60;
    /// Longest accepted input: every keyword at its longest in four-byte characters, each with a separator and spaces.
    pub const MAX_INPUT_BYTES: usize = Self::MAX_ITEMS * (Self::MAX_CHARS * 4 + 8);
    const SEPARATORS: [char; 5] = [',', '،', ';', '؛', '\n'];

    /// Accepts up to thirty keywords of up to sixty characters each; blank input is an empty list.
    ///
    /// The input's size is checked before anything is split, and the list stops growing at its limit,
    /// so the work is linear in an input of bounded size.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        if s.len() > Self::MAX_INPUT_BYTES {
            return Err(Invalid::TooLong);
        }
        let mut out: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for k in s.split(Self::SEPARATORS).map(text::normalize_fa).filter(|k| !k.is_empty()) {
            if k.chars().count() > Self::MAX_CHARS {
                return Err(Invalid::TooLong);
            }
            if seen.insert(k.to_lowercase()) {
                if out.len() == Self::MAX_ITEMS {
                    return Err(Invalid::TooMany);
                }
                out.push(k);
            }
        }
        Ok(Self(out))
    }

    /// Reads the stored form back (never fails: stored text was valid when written).
    pub fn from_db(s: &str) -> Self {
        Self(s.split(Self::SEPARATORS).map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect())
    }

    /// The stored form: `a، b، c` in Persian order.
    pub fn to_db(&self) -> String {
        self.0.join("، ")
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let ok = [
            ("https://example.ir", "https://example.ir"),
            ("  HTTPS://Scholar.Google.com/citations?user=AbC ", "https://Scholar.Google.com/citations?user=AbC"),
            ("http://lab.ut.ac.ir:8080/fa/", "http://lab.ut.ac.ir:8080/fa/"),
            ("https://example.ir/مقاله", "https://example.ir/مقاله"),
        ];
        for (input, want) in ok {
            assert_eq!(WebUrl::parse(input).unwrap().as_str(), want, "{input:?}");
        }
        let bad = [
            ("", Invalid::Required),
            ("example.ir", Invalid::Url),
            ("ftp://example.ir", Invalid::Url),
            ("javascript:alert(1)", Invalid::Url),
            ("https://", Invalid::Url),
            ("https://localhost/", Invalid::Url),
            ("https://exa mple.ir", Invalid::Url),
            ("https://example.ir/a b", Invalid::Url),
            ("https://.example.ir", Invalid::Url),
            ("https://ایران.ir", Invalid::Url),
            ("https://a..ir", Invalid::Url),
        ];
        for (input, want) in bad {
            assert_eq!(WebUrl::parse(input), Err(want), "{input:?}");
        }
        assert_eq!(WebUrl::parse(&format!("https://a.ir/{}", "x".repeat(500))), Err(Invalid::TooLong));
    }

    #[test]
    fn orcids() {
        // Check characters from orcid.org's own examples.
        let ok = [
            ("0000-0002-1825-0097", "0000-0002-1825-0097"),
            ("0000-0001-5109-3700", "0000-0001-5109-3700"),
            ("0000-0002-1694-233x", "0000-0002-1694-233X"),
            ("https://orcid.org/0000-0002-1694-233X", "0000-0002-1694-233X"),
            ("000000021825009۷", "0000-0002-1825-0097"),
            ("۰۰۰۰-۰۰۰۲-۱۸۲۵-۰۰۹۷", "0000-0002-1825-0097"),
        ];
        for (input, want) in ok {
            assert_eq!(Orcid::parse(input).unwrap().as_str(), want, "{input:?}");
        }
        let bad = [
            ("", Invalid::Required),
            ("0000-0002-1825-0098", Invalid::Orcid),
            ("0000-0002-1825-009", Invalid::Orcid),
            ("0000-0002-1825-00977", Invalid::Orcid),
            ("0000-0002-1694-2330", Invalid::Orcid),
            ("X000-0002-1825-0097", Invalid::Orcid),
            ("0000-00021825-0097", Invalid::Orcid),
            ("orcid", Invalid::Orcid),
        ];
        for (input, want) in bad {
            assert_eq!(Orcid::parse(input), Err(want), "{input:?}");
        }
        assert_eq!(Orcid::parse("0000-0002-1825-0097").unwrap().url(), "https://orcid.org/0000-0002-1825-0097");
    }

    #[test]
    fn dois() {
        let ok = [
            ("10.1000/xyz123", "10.1000/xyz123"),
            ("https://doi.org/10.1038/nphys1170", "10.1038/nphys1170"),
            ("doi:10.22034/jpai.2021.1234", "10.22034/jpai.2021.1234"),
            ("DOI: 10.1016/j.giq.2020.101510", "10.1016/j.giq.2020.101510"),
        ];
        for (input, want) in ok {
            assert_eq!(Doi::parse(input).unwrap().as_str(), want, "{input:?}");
        }
        for bad in ["10.1000", "11.1000/x", "10.12/x", "10.1000/", "10.1000/a b", "https://example.ir/10.1000/x"] {
            assert_eq!(Doi::parse(bad), Err(Invalid::Doi), "{bad:?}");
        }
    }

    #[test]
    fn years_in_both_calendars() {
        assert_eq!(Year::parse("2019", 2026).unwrap().gregorian(), 2019);
        assert_eq!(Year::parse("۱۳۹۸", 2026).unwrap().gregorian(), 2019);
        assert_eq!(Year::parse(" 1402 ", 2026).unwrap().gregorian(), 2023);
        for bad in ["abc", "1939", "2027", "1299", "1406", "20x9", "-2000"] {
            assert_eq!(Year::parse(bad, 2026), Err(Invalid::Year), "{bad:?}");
        }
        assert_eq!(Year::parse("", 2026), Err(Invalid::Required));
        assert_eq!(
            Year::parse(&format!("{}۱۳۹۸", " ".repeat(Year::MAX_INPUT_BYTES - 8)), 2026).map(Year::gregorian),
            Ok(2019)
        );
        assert_eq!(Year::parse(&format!("1402{}", " ".repeat(2 << 20)), 2026), Err(Invalid::TooLong), "refused unread");
        let y = Year::parse("۱۳۹۸", 2026).unwrap();
        assert_eq!(y.input(Locale::Fa), "1398");
        assert_eq!(y.show(Locale::Fa), "۱۳۹۸");
        assert_eq!(y.show(Locale::En), "2019");
        assert_eq!(Year::parse(&y.input(Locale::Fa), 2026), Ok(y), "round trip");
    }

    #[test]
    fn keywords() {
        let k = Keywords::parse(" یادگیری ماشين، Python,python ; تحليل داده\n\n").unwrap();
        assert_eq!(k.as_slice(), ["یادگیری ماشین", "Python", "تحلیل داده"]);
        assert_eq!(Keywords::from_db(&k.to_db()), k);
        assert!(Keywords::parse("  ").unwrap().is_empty());
        assert_eq!(Keywords::parse(&"x".repeat(61)), Err(Invalid::TooLong));
        let many: Vec<String> = (0..31).map(|i| format!("k{i}")).collect();
        assert_eq!(Keywords::parse(&many.join(",")), Err(Invalid::TooMany));
        assert_eq!(Keywords::parse(&many[..30].join(",")).map(|k| k.len()), Ok(30));
        let repeated = format!("{},{}", many[..30].join(","), "K0,".repeat(100));
        assert_eq!(Keywords::parse(&repeated).map(|k| k.len()), Ok(30), "repeats do not count");
    }

    #[test]
    fn keywords_refuse_oversized_input_before_splitting_it() {
        // 20,000 distinct skills (140 KB) once took 22 s: duplicates were found by a quadratic scan and the
        // count checked only at the end. At 2 MiB that was about an hour.
        // One keyword repeated to 2 MiB used to be accepted after reading all of it.
        assert_eq!(Keywords::parse(&"ai,".repeat(700_000)), Err(Invalid::TooLong));
        let distinct: String = (0..300_000).map(|i| format!("s{i},")).collect();
        assert!(distinct.len() >= 2 << 20);
        assert_eq!(Keywords::parse(&distinct), Err(Invalid::TooLong));
        let longest: Vec<String> = (0..30).map(|i| format!("{i:02}{}", "𝔸".repeat(58))).collect();
        let at_limit = format!("{}{}", longest.join("، "), " ".repeat(Keywords::MAX_INPUT_BYTES));
        let at_limit = &at_limit[..Keywords::MAX_INPUT_BYTES];
        assert_eq!(Keywords::parse(at_limit).map(|k| k.len()), Ok(30), "thirty longest keywords fit");
        assert_eq!(Keywords::parse(&format!("{at_limit} ")), Err(Invalid::TooLong));
    }

    #[test]
    fn text_bounds() {
        assert_eq!(line("  علي  رضايي ", 20), Ok("علی رضایی".to_owned()));
        assert_eq!(required_line(" ", 20), Err(Invalid::Required));
        assert_eq!(line("abc", 2), Err(Invalid::TooLong));
        assert_eq!(paragraph(" سطر يك \n دوم ", 50), Ok("سطر یک\nدوم".to_owned()));
        assert_eq!(optional(" ", crate::iran::Mobile::parse), Ok(None));
        assert_eq!(optional("0912", crate::iran::Mobile::parse), Err(Invalid::Mobile));
    }
}
