//! What an XLSX workbook must meet before calamine opens it: a zip's parts can expand far beyond the file
//! (calamine holds the shared strings whole and reserves their declared count up front), so sizes are read
//! from the central directory and the shared strings are counted, streaming, first.
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

/// Refuses a workbook over any of the limits above, reading only its directory and its shared strings.
pub fn check(path: &Path) -> Result<(), FileProblem> {
    let file = File::open(path).map_err(|e| FileProblem::Io(e.to_string()))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| FileProblem::Malformed(e.to_string()))?;
    if zip.len() > MAX_PARTS {
        return Err(too_large(format!("{} parts > {MAX_PARTS}", zip.len())));
    }
    let mut total: u64 = 0;
    let mut shared = Vec::new();
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
}
