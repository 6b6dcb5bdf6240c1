//! Persian text normalization applied on every write: one spelling per word, ASCII digits in numbers.

/// Maps Persian (U+06F0–U+06F9) and Arabic-Indic (U+0660–U+0669) digits to ASCII, leaving all else.
pub fn digits_to_ascii(s: &str) -> String {
    s.chars().map(ascii_digit).collect()
}

fn ascii_digit(c: char) -> char {
    match c {
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        _ => c,
    }
}

/// Maps ASCII digits to Persian digits for display.
pub fn to_persian_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(0x06F0 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

/// Normalizes user-entered Persian text for storage: Arabic ي/ى → ی and ك → ک, whitespace runs
/// collapsed and trimmed, stray ZWNJ at word edges dropped, control characters dropped. Idempotent.
pub fn normalize_fa(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            _ => c,
        };
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        // Control characters are never text (and PostgreSQL refuses NUL in TEXT columns).
        if c.is_control() {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    // A ZWNJ only joins letters; beside a space or at an edge it is noise.
    let zwnj = '\u{200C}';
    if !out.contains(zwnj) {
        // Spaces are already single and trimmed: most text is done here (bulk imports normalize millions of cells).
        return out;
    }
    let chars: Vec<char> = out.chars().collect();
    let mut kept = String::with_capacity(out.len());
    for (i, &c) in chars.iter().enumerate() {
        // Judged against what is kept, not the input: of a run of ZWNJs only the last may stay.
        let joins = |c: Option<char>| c.is_some_and(|c| c != ' ' && c != zwnj);
        if c != zwnj || (joins(kept.chars().next_back()) && joins(chars.get(i + 1).copied())) {
            kept.push(c);
        }
    }
    // Dropping a ZWNJ between two spaces leaves a double space.
    kept.split(' ').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// Normalizes a multi-line text (a bio, a description): like [`normalize_fa`] per line, keeping line breaks.
pub fn normalize_fa_multiline(s: &str) -> String {
    let lines: Vec<String> = s.lines().map(normalize_fa).collect();
    lines.join("\n").trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_arabic_letters_and_space() {
        let cases = [
            ("علي", "علی"),
            ("كرمان", "کرمان"),
            ("  موسى   كاظمي ", "موسی کاظمی"),
            ("می\u{200C}شود", "می\u{200C}شود"),
            ("\u{200C}نوآور\u{200C} ", "نوآور"),
            ("الف \u{200C} ب", "الف ب"),
            ("a\u{200C}\u{200C}b", "a\u{200C}b"),
            // Found by fuzzing: the second of two leading ZWNJs was kept, and dropped only by a second pass.
            (" \u{200C}\u{200C}k1", "k1"),
            ("a \u{200C}\u{200C}\u{200C}b\u{200C}\u{200C}", "a b"),
            ("a\u{0}b\u{7F}\u{1B} c", "ab c"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize_fa(input), want, "{input:?}");
            assert_eq!(normalize_fa(want), want, "idempotent on {want:?}");
        }
    }

    #[test]
    fn digits() {
        assert_eq!(digits_to_ascii("۰۹۱۲۳۴۵۶۷۸۹"), "09123456789");
        assert_eq!(digits_to_ascii("٠١٢٣٤٥٦٧٨٩"), "0123456789");
        assert_eq!(digits_to_ascii("a۱b"), "a1b");
        assert_eq!(to_persian_digits("1402-05"), "۱۴۰۲-۰۵");
    }

    #[test]
    fn multiline_keeps_breaks() {
        assert_eq!(normalize_fa_multiline(" سطر يك \n\n دوم "), "سطر یک\n\nدوم");
    }
}
