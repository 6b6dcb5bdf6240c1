//! Iranian identifiers — national ID (کد ملی), mobile number, postal code — validated and normalized.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Invalid, text};

/// Converts Persian/Arabic digits to ASCII and drops separators people type or paste: whitespace,
/// the given punctuation, hyphen-like dashes, and invisible bidi/joiner marks.
fn compact(s: &str, extra: &[char]) -> String {
    text::digits_to_ascii(s.trim())
        .chars()
        .filter(|&c| !(c.is_whitespace() || c == '-' || extra.contains(&c) || is_invisible_or_dash(c)))
        .collect()
}

/// Hyphen-like dashes (U+2010–U+2015) and zero-width/bidi marks that ride along with pasted text.
fn is_invisible_or_dash(c: char) -> bool {
    matches!(
        c,
        '\u{2010}'..='\u{2015}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

fn all_ascii_digits(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_digit())
}

fn all_same(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_none_or(|first| bytes.all(|b| b == first))
}

/// Keeps the first `head` and last `tail` characters, starring the rest.
fn mask(s: &str, head: usize, tail: usize) -> String {
    let n = s.chars().count();
    s.chars().enumerate().map(|(i, c)| if i < head || i + tail >= n { c } else { '*' }).collect()
}

/// An Iranian national ID (کد ملی): ten ASCII digits with a valid check digit; `Debug` shows it masked.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NationalId(String);

impl NationalId {
    /// Accepts ten digits (Persian, Arabic-Indic or ASCII; spaces and dashes ignored) with a valid check digit.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = compact(s, &[]);
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        if s.len() != 10 || !all_ascii_digits(&s) || all_same(&s) || !Self::check_digit_ok(s.as_bytes()) {
            return Err(Invalid::NationalId);
        }
        Ok(Self(s))
    }

    /// The official checksum: `r = Σ dᵢ·(10−i) mod 11` over the first nine digits; the last digit is
    /// `r` when `r < 2`, else `11 − r`.
    fn check_digit_ok(d: &[u8]) -> bool {
        let digit = |b: u8| u32::from(b - b'0');
        let r = d[..9].iter().zip((2..=10).rev()).map(|(&b, w)| digit(b) * w).sum::<u32>() % 11;
        let want = if r < 2 { r } else { 11 - r };
        digit(d[9]) == want
    }

    /// Wraps a value read back from the database.
    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    /// The ten digits, for storage and for the person's own profile only.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Only the last three digits visible, e.g. `*******123`.
    pub fn masked(&self) -> String {
        mask(&self.0, 0, 3)
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("NationalId").field(&self.masked()).finish()
    }
}

/// An Iranian mobile number normalized to `09xxxxxxxxx`; `Debug` shows it masked.
#[derive(Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Mobile(String);

impl Mobile {
    /// Accepts `09121234567`, `+989121234567`, `00989121234567`, `989121234567`, `9121234567`, in any
    /// digits, with spaces, dashes or parentheses.
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = compact(s, &['(', ')', '.']);
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        // An explicit international prefix may be followed by the national form, e.g. `+98 (0)912…`.
        let explicit = s.strip_prefix("+98").or_else(|| s.strip_prefix("0098"));
        let national = match explicit {
            Some(rest) => rest.to_owned(),
            None if s.len() == 12 && s.starts_with("98") => s[2..].to_owned(),
            None => s,
        };
        let national =
            if national.len() == 10 && national.starts_with('9') { format!("0{national}") } else { national };
        if national.len() == 11 && national.starts_with("09") && all_ascii_digits(&national) {
            Ok(Self(national))
        } else {
            Err(Invalid::Mobile)
        }
    }

    /// Wraps a value read back from the database.
    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    /// The normalized `09xxxxxxxxx` form.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Operator prefix and last four digits visible, e.g. `0912***4567`.
    pub fn masked(&self) -> String {
        mask(&self.0, 4, 4)
    }
}

impl fmt::Debug for Mobile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Mobile").field(&self.masked()).finish()
    }
}

/// An Iranian postal code (کد پستی): ten digits, no `2` anywhere and no `0` in the first five.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct PostalCode(String);

impl PostalCode {
    /// Accepts ten digits in any script, spaces and dashes ignored (e.g. `13145-56789`).
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = compact(s, &[]);
        if s.is_empty() {
            return Err(Invalid::Required);
        }
        let ok = s.len() == 10 && all_ascii_digits(&s) && !s.contains('2') && !s[..5].contains('0') && !all_same(&s);
        if ok { Ok(Self(s)) } else { Err(Invalid::PostalCode) }
    }

    /// Wraps a value read back from the database.
    pub fn from_db(s: String) -> Self {
        Self(s)
    }

    /// The ten digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Independent computation of the check digit for a nine-digit prefix.
    fn with_check_digit(prefix: &str) -> String {
        let sum: u32 = prefix.chars().zip((2..=10).rev()).map(|(c, w)| c.to_digit(10).unwrap() * w).sum();
        let r = sum % 11;
        format!("{prefix}{}", if r < 2 { r } else { 11 - r })
    }

    #[test]
    fn national_id_valid() {
        // Each verified by hand with the checksum (remainders 2, 2, 8, 0, 1, 2 respectively).
        let known = ["0013542419", "0499370899", "3750926123", "1000000060", "1000000011", "0123456789"];
        for id in known {
            assert_eq!(with_check_digit(&id[..9]), id);
            assert_eq!(NationalId::parse(id).unwrap().as_str(), id, "{id}");
        }
        for prefix in ["272136583", "007123456", "101010101", "055551234", "444445555"] {
            let id = with_check_digit(prefix);
            assert_eq!(NationalId::parse(&id).unwrap().as_str(), id, "{id}");
        }
        let variants = [
            ("۰۰۱۳۵۴۲۴۱۹", "0013542419"),
            ("٠٠١٣٥٤٢٤١٩", "0013542419"),
            ("  001-354241-9 ", "0013542419"),
            ("001 354 2419", "0013542419"),
            ("\u{200F}۰۴۹۹۳۷۰۸۹۹\u{200E}", "0499370899"),
        ];
        for (input, want) in variants {
            assert_eq!(NationalId::parse(input).unwrap().as_str(), want, "{input:?}");
        }
    }

    #[test]
    fn national_id_invalid() {
        let cases = [
            ("", Invalid::Required),
            ("   ", Invalid::Required),
            (" - ", Invalid::Required),
            ("0013542418", Invalid::NationalId), // wrong check digit
            ("0013542410", Invalid::NationalId),
            ("1234567890", Invalid::NationalId),
            ("1000000061", Invalid::NationalId),
            ("1000000010", Invalid::NationalId),
            ("001354241", Invalid::NationalId),   // 9 digits
            ("00135424190", Invalid::NationalId), // 11 digits
            ("13542419", Invalid::NationalId),
            ("001354241a", Invalid::NationalId),
            ("abcdefghij", Invalid::NationalId),
            ("۰۰۱۳۵۴۲۴۱۸", Invalid::NationalId),
            ("+013542419", Invalid::NationalId),
            ("0013542419x", Invalid::NationalId),
            ("001354241.9", Invalid::NationalId),
            ("٠٠١٣٥٤٢٤١٩٠", Invalid::NationalId),
            ("１２３４５６７８９１", Invalid::NationalId), // fullwidth digits are not accepted
        ];
        for (input, want) in cases {
            assert_eq!(NationalId::parse(input), Err(want), "{input:?}");
        }
        // All-same-digit strings: 0000000000 and 1111111111 even pass the checksum.
        for d in '0'..='9' {
            let id: String = std::iter::repeat_n(d, 10).collect();
            assert_eq!(NationalId::parse(&id), Err(Invalid::NationalId), "{id}");
        }
    }

    #[test]
    fn national_id_never_shown_in_full() {
        let id = NationalId::parse("3750926123").unwrap();
        assert_eq!(id.masked(), "*******123");
        let debug = format!("{id:?}");
        assert!(!debug.contains("3750926123"), "{debug}");
        assert!(debug.contains("*******123"), "{debug}");
        assert_eq!(NationalId::from_db("3750926123".to_owned()), id);
    }

    #[test]
    fn mobile_valid() {
        let cases = [
            "09121234567",
            "+989121234567",
            "00989121234567",
            "989121234567",
            "9121234567",
            "۰۹۱۲۱۲۳۴۵۶۷",
            "٠٩١٢١٢٣٤٥٦٧",
            "+۹۸۹۱۲۱۲۳۴۵۶۷",
            " 0912 123 4567 ",
            "0912-123-4567",
            "(0912) 123-4567",
            "+98 (912) 123 4567",
            "+98 (0)912 123 4567",
            "0098-912-123-4567",
            "\u{200E}+98 912 123 4567\u{200E}",
        ];
        for input in cases {
            assert_eq!(Mobile::parse(input).unwrap().as_str(), "09121234567", "{input:?}");
        }
        assert_eq!(Mobile::parse("09011234567").unwrap().as_str(), "09011234567");
        assert_eq!(Mobile::parse("9981234567").unwrap().as_str(), "09981234567");
    }

    #[test]
    fn mobile_invalid() {
        let cases = [
            ("", Invalid::Required),
            ("  ", Invalid::Required),
            ("()", Invalid::Required),
            ("0912123456", Invalid::Mobile),   // 10 digits
            ("091212345678", Invalid::Mobile), // 12 digits
            ("02112345678", Invalid::Mobile),  // landline
            ("2112345678", Invalid::Mobile),
            ("19121234567", Invalid::Mobile),
            ("+19121234567", Invalid::Mobile), // foreign country code
            ("+44 7911 123456", Invalid::Mobile),
            ("+98912123456", Invalid::Mobile), // too short after +98
            ("+9891212345678", Invalid::Mobile),
            ("9809121234567", Invalid::Mobile), // bare 98 with trunk 0 is ambiguous
            ("0912123456a", Invalid::Mobile),
            ("0912_123_4567", Invalid::Mobile),
            ("0912+1234567", Invalid::Mobile),
            ("ninetwelve", Invalid::Mobile),
            ("+98", Invalid::Mobile),
            ("0098", Invalid::Mobile),
            ("912123456", Invalid::Mobile),
        ];
        for (input, want) in cases {
            assert_eq!(Mobile::parse(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn mobile_masked() {
        let m = Mobile::parse("+989121234567").unwrap();
        assert_eq!(m.masked(), "0912***4567");
        let debug = format!("{m:?}");
        assert!(!debug.contains("09121234567"), "{debug}");
        assert!(debug.contains("0912***4567"), "{debug}");
        assert_eq!(Mobile::from_db("09121234567".to_owned()), m);
    }

    #[test]
    fn postal_code() {
        let valid = [
            ("1314556789", "1314556789"),
            ("13145-56789", "1314556789"),
            ("13145 56789", "1314556789"),
            ("۱۳۱۴۵-۵۶۷۸۹", "1314556789"),
            ("١٣١٤٥٥٦٧٨٩", "1314556789"),
            ("1911713111", "1911713111"),
            ("8173719933", "8173719933"),
            ("1111100000", "1111100000"),
        ];
        for (input, want) in valid {
            assert_eq!(PostalCode::parse(input).unwrap().as_str(), want, "{input:?}");
        }
        let invalid = [
            ("", Invalid::Required),
            (" - ", Invalid::Required),
            ("1314556782", Invalid::PostalCode), // contains 2
            ("2314556789", Invalid::PostalCode),
            ("1304556789", Invalid::PostalCode), // 0 in first five
            ("0314556789", Invalid::PostalCode),
            ("1314056789", Invalid::PostalCode),
            ("131455678", Invalid::PostalCode),   // 9 digits
            ("13145567891", Invalid::PostalCode), // 11 digits
            ("13145a6789", Invalid::PostalCode),
            ("1111111111", Invalid::PostalCode), // all same
            ("9999999999", Invalid::PostalCode),
            ("0000000000", Invalid::PostalCode),
            ("13145_56789", Invalid::PostalCode),
            ("13145.56789", Invalid::PostalCode),
        ];
        for (input, want) in invalid {
            assert_eq!(PostalCode::parse(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn serde_is_transparent() {
        use serde::de::{IntoDeserializer, value::Error};
        let de = IntoDeserializer::<Error>::into_deserializer("0013542419");
        assert_eq!(NationalId::deserialize(de).unwrap().as_str(), "0013542419");
        let de = IntoDeserializer::<Error>::into_deserializer("09121234567");
        assert_eq!(Mobile::deserialize(de).unwrap().as_str(), "09121234567");
        let de = IntoDeserializer::<Error>::into_deserializer("1314556789");
        assert_eq!(PostalCode::deserialize(de).unwrap().as_str(), "1314556789");
    }
}
