//! What an XLSX workbook must meet before calamine opens it: a zip's parts can expand far beyond the file
//! (calamine holds the shared strings whole and reserves their declared count up front), so sizes are read
//! from the central directory and the shared strings are counted, streaming, first; and calamine 0.38 reads a
//! cell reference's column and row into a `u32` unchecked, so the worksheets' references are measured first.
//!
//! The declared sizes can be trusted as upper bounds: the zip reader stops any part at its declared size.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use super::problem::FileProblem;

/// Largest uncompressed part (a worksheet, the shared strings, styles); documented in docs/import.md.
pub const MAX_PART_BYTES: u64 = 1 << 30;
/// Largest sum of all uncompressed parts.
pub const MAX_TOTAL_BYTES: u64 = 2 << 30;
/// Largest shared-strings part: calamine keeps it in memory.
pub const MAX_SHARED_STRINGS_BYTES: u64 = 256 << 20;
/// Most shared strings, declared (`uniqueCount`) or present.
pub const MAX_SHARED_STRINGS: u64 = 2_000_000;
/// Most parts in one workbook.
pub const MAX_PARTS: usize = 10_000;
/// Most letters in a reference's column (the last column is XFD).
const MAX_COLUMN_LETTERS: usize = 3;
/// Most digits in a reference's row (the last row is 1048576).
const MAX_ROW_DIGITS: usize = 7;

/// Refuses a workbook over any of the limits above, reading only its directory and its shared strings.
pub fn check(path: &Path) -> Result<(), FileProblem> {
    let file = File::open(path).map_err(|e| FileProblem::Io(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| FileProblem::Malformed(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(too_large(format!("{} parts > {MAX_PARTS}", zip.len())));
    }
    let mut total: u64 = 0;
    let (mut shared, mut sheets) = (Vec::new(), Vec::new());
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|e| FileProblem::Malformed(e.to_string()))?;
        let (name, size) = (String::from_utf8_lossy(part.name_raw()).into_owned(), part.size());
        // calamine finds parts ignoring case.
        let is_shared = name.to_ascii_lowercase().ends_with("sharedstrings.xml");
        let limit = if is_shared { MAX_SHARED_STRINGS_BYTES } else { MAX_PART_BYTES };
        if size > limit {
            return Err(too_large(format!("{name}: {size} bytes > {limit}")));
        }
        total = total.saturating_add(size);
        if is_shared {
            shared.push(i);
        } else if name.to_ascii_lowercase().starts_with("xl/worksheets/") {
            sheets.push(i);
        }
    }
    if total > MAX_TOTAL_BYTES {
        return Err(too_large(format!("{total} bytes > {MAX_TOTAL_BYTES}")));
    }
    for i in shared {
        let part = zip.by_index(i).map_err(|e| FileProblem::Malformed(e.to_string()))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        let (declared, present) = count_strings(part).map_err(|e| FileProblem::Malformed(e.to_string()))?;
        let count = declared.max(present);
        if count > MAX_SHARED_STRINGS {
            return Err(too_large(format!("{name}: {count} strings > {MAX_SHARED_STRINGS}")));
        }
    }
    for i in sheets {
        let part = zip.by_index(i).map_err(|e| FileProblem::Malformed(e.to_string()))?;
        let name = String::from_utf8_lossy(part.name_raw()).into_owned();
        if let Some(at) = long_reference(part).map_err(|e| FileProblem::Malformed(e.to_string()))? {
            return Err(FileProblem::Malformed(format!("{name}: a cell reference at byte {at} is out of range")));
        }
    }
    Ok(())
}

fn too_large(detail: String) -> FileProblem {
    FileProblem::TooLarge(detail)
}

/// The `uniqueCount` the `<sst>` element declares (0 if none) and the number of `si` elements, in one pass.
fn count_strings(r: impl Read) -> std::io::Result<(u64, u64)> {
    /// Longest tag kept whole: `<sst>` with its namespace declarations; other tags only need their name.
    const KEPT: usize = 4096;
    let (mut declared, mut present) = (0, 0);
    let (mut in_tag, mut tag) = (false, Vec::with_capacity(KEPT));
    let mut bytes = BufReader::new(r).bytes();
    while let Some(b) = bytes.next().transpose()? {
        match (in_tag, b) {
            (false, b'<') => {
                in_tag = true;
                tag.clear();
            }
            (true, b'>') => {
                in_tag = false;
                let name = tag.split(|c: &u8| c.is_ascii_whitespace() || *c == b'/').next().unwrap_or_default();
                let local = name.rsplit(|c: &u8| *c == b':').next().unwrap_or_default();
                if local == b"si" {
                    present += 1;
                } else if local == b"sst" {
                    declared = declared.max(unique_count(&tag));
                }
            }
            (true, _) if tag.len() < KEPT => tag.push(b),
            _ => {}
        }
    }
    Ok((declared, present))
}

/// Where the first cell reference (an unprefixed `r` or `ref` attribute, e.g. `r="B7"`, `ref="A1:C9"`) with more column
/// letters or row digits than a worksheet can have ends, in one pass and constant memory.
fn long_reference(r: impl Read) -> std::io::Result<Option<u64>> {
    /// Longest attribute name kept: enough to tell `r` and `ref` from longer names.
    const NAME: usize = 4;
    let (mut in_tag, mut after_eq, mut is_ref) = (false, false, false);
    let (mut name, mut name_done) = (Vec::with_capacity(NAME), false);
    let mut value: Option<(u8, bool)> = None;
    let (mut letters, mut digits) = (0, 0);
    let mut bytes = BufReader::new(r).bytes();
    let mut at = 0u64;
    while let Some(b) = bytes.next().transpose()? {
        at += 1;
        if let Some((quote, checked)) = value {
            if b == quote {
                (value, name_done) = (None, true);
            } else if checked {
                match b {
                    b'A'..=b'Z' | b'a'..=b'z' if digits > 0 => (letters, digits) = (1, 0),
                    b'A'..=b'Z' | b'a'..=b'z' => letters += 1,
                    b'0'..=b'9' => digits += 1,
                    _ => (letters, digits) = (0, 0),
                }
                if letters > MAX_COLUMN_LETTERS || digits > MAX_ROW_DIGITS {
                    return Ok(Some(at));
                }
            }
            continue;
        }
        match (in_tag, b) {
            (false, b'<') => (in_tag, after_eq, name_done) = (true, false, true),
            (false, _) => {}
            (true, b'>') => in_tag = false,
            (true, b'"' | b'\'') if after_eq => {
                (value, after_eq, letters, digits) = (Some((b, is_ref)), false, 0, 0);
            }
            // Unprefixed only, as calamine reads them (`xmlns:r` is a namespace, not a reference).
            (true, b'=') => (after_eq, is_ref) = (true, matches!(name.as_slice(), b"r" | b"ref")),
            (true, b) if b.is_ascii_whitespace() => name_done = true,
            (true, b) => {
                if name_done {
                    (name_done, after_eq) = (false, false);
                    name.clear();
                }
                if name.len() < NAME {
                    name.push(b);
                }
            }
        }
    }
    Ok(None)
}

/// The value of `uniqueCount="…"` in a tag; a number too large to read counts as too many.
fn unique_count(tag: &[u8]) -> u64 {
    let key = b"uniqueCount";
    let Some(at) = tag.windows(key.len()).position(|w| w == key) else { return 0 };
    let rest = &tag[at + key.len()..];
    let digits = rest.iter().skip_while(|c| matches!(c, b'=' | b'"' | b'\'' | b' ')).take_while(|c| c.is_ascii_digit());
    digits.fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_declared_and_present_shared_strings() {
        let xml = br#"<?xml version="1.0"?><sst xmlns="x" count="9" uniqueCount="3"><si><t>a</t></si><x:si><t>b</t></x:si><si/><sis/></sst>"#;
        assert_eq!(count_strings(&xml[..]).unwrap(), (3, 3));
        let lying = br#"<sst uniqueCount='99999999999999999999999'><si><t>a</t></si></sst>"#;
        assert_eq!(count_strings(&lying[..]).unwrap(), (u64::MAX, 1));
    }

    #[test]
    fn cell_references_beyond_a_worksheet_are_found() {
        let fine = br#"<worksheet xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:XFD1048576"/><sheetData><row r="1048576" spans="1:2"><c r="XFD1048576" t="s"><v>0</v></c><c x:r='AB7'/></row></sheetData><mergeCells><mergeCell ref="A1:B2"/></mergeCells><f>ABCDEFGH1</f></worksheet>"#;
        assert_eq!(long_reference(&fine[..]).unwrap(), None);
        for bad in [
            &br#"<c r="AAAAAAAAA1"/>"#[..],
            br#"<dimension ref="A1:ABCD2"/>"#,
            br#"<row r="99999999999">"#,
            br#"<c s="1"   r = 'A12345678'/>"#,
        ] {
            assert!(long_reference(bad).unwrap().is_some(), "{}", String::from_utf8_lossy(bad));
        }
        // Only references are measured, whatever else is long.
        let other =
            br#"<c t="inlineStr" r="B2"><is><t>AAAAAAAAAAAA</t></is></c><x:sheetPr codeName="ABCDEFGHIJ1234567890"/>"#;
        assert_eq!(long_reference(&other[..]).unwrap(), None);
    }
}
