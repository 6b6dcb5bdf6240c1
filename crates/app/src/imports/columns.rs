//! The columns an import file may have, and matching a file's header row to them tolerantly.

use std::collections::HashMap;

use halqe_db::kept_values::KeptValue;
use halqe_domain::{Invalid, text};

use super::Kind;
use super::problem::{FileProblem, Issue, Reason};

/// One recognised column: a stable code, the Persian and English headers, other accepted spellings, a length limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub code: &'static str,
    pub fa: &'static str,
    pub en: &'static str,
    pub aliases: &'static [&'static str],
    /// Longest accepted cell, in characters; longer cells reject the row.
    pub max_chars: usize,
}

const fn col(code: &'static str, fa: &'static str, aliases: &'static [&'static str], max_chars: usize) -> Column {
    Column { code, fa, en: code, aliases, max_chars }
}

/// People: the issue's columns, in template order.
pub const PEOPLE: &[Column] = &[
    col("national_id", "کد ملی", &["national code", "شماره ملی", "کد ملی ۱۰ رقمی"], 30),
    col("first_name", "نام", &["first name", "given name", "firstname"], 100),
    col("last_name", "نام خانوادگی", &["last name", "surname", "family name", "lastname", "family"], 100),
    col("email", "ایمیل", &["e-mail", "mail", "email address", "پست الکترونیک", "پست الکترونیکی", "رایانامه"], 254),
    col(
        "mobile",
        "موبایل",
        &["تلفن همراه", "شماره همراه", "شماره موبایل", "همراه", "mobile number", "cell", "phone"],
        30,
    ),
    col("province", "استان", &["state"], 60),
    col("institution", "مؤسسه", &["دانشگاه", "university", "affiliation", "دانشگاه یا مؤسسه"], 200),
    col("field", "حوزه تخصص", &["حوزه", "حوزه نوآوری", "تخصص", "expertise", "field of expertise"], 200),
    col("degree", "مدرک", &["مدرک تحصیلی", "مقطع", "مقطع تحصیلی", "education"], 60),
    col("skills", "مهارت‌ها", &["مهارت", "skill", "کلیدواژه‌ها"], 2000),
];

/// Organizations, in template order.
pub const ORGANIZATIONS: &[Column] = &[
    col("name_fa", "نام", &["نام فارسی", "نام سازمان", "نام شرکت", "name", "persian name"], 200),
    col("name_en", "نام انگلیسی", &["english name", "latin name"], 200),
    col("kind", "نوع", &["نوع سازمان", "type", "organization type"], 60),
    col("registration_number", "شماره ثبت", &["registration number", "registration no", "reg no"], 30),
    col("province", "استان", &["state"], 60),
    col("city", "شهر", &["town"], 100),
    col("institution", "مؤسسه", &["دانشگاه", "university", "affiliation"], 200),
    col("website", "وب‌سایت", &["سایت", "وبگاه", "web", "url", "web site"], 500),
    col("capabilities", "توانمندی‌ها", &["توانمندی", "capability", "خدمات", "services"], 2000),
    col("certificate_number", "شماره گواهی دانش‌بنیان", &["شماره گواهی", "certificate number", "certificate"], 60),
    col(
        "certificate_expiry",
        "تاریخ انقضای گواهی",
        &["انقضای گواهی", "تاریخ انقضا", "certificate expiry", "certificate expires", "expiry"],
        30,
    ),
];

impl Kind {
    /// The columns a file of this kind may have.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Kind::People => PEOPLE,
            Kind::Organizations => ORGANIZATIONS,
        }
    }

    /// Groups of column codes of which a file must have at least one each.
    fn required(self) -> &'static [&'static [&'static str]] {
        match self {
            Kind::People => &[&["first_name"], &["last_name"], &["national_id", "email"]],
            Kind::Organizations => &[&["name_fa"], &["kind"]],
        }
    }
}

/// A comparison key for headers and names: Persian letter variants unified (ي/ك, ؤ, أ/إ/آ, ة/ۀ, ئ),
/// diacritics, ZWNJ, spaces and punctuation dropped, lower-cased.
pub fn fold(s: &str) -> String {
    text::normalize_fa(s)
        .chars()
        .filter_map(|c| {
            let c = match c {
                'ؤ' => 'و',
                'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
                'ة' | 'ۀ' => 'ه',
                'ئ' => 'ی',
                _ => c,
            };
            c.is_alphanumeric().then_some(c)
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The column of `kind` a header names, by its position in [`Kind::columns`].
pub fn find(kind: Kind, header: &str) -> Option<usize> {
    let key = fold(header);
    if key.is_empty() {
        return None;
    }
    kind.columns()
        .iter()
        .position(|c| fold(c.code) == key || fold(c.fa) == key || c.aliases.iter().any(|a| fold(a) == key))
}

/// Where each recognised column sits in a file's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mapping {
    /// For each column of the kind (same order), its position in the row.
    positions: Vec<Option<usize>>,
    /// How many cells the header row has.
    pub width: usize,
    /// Columns the importer does not know: position and header (their cells are kept as the record's own text).
    pub unknown: Vec<(usize, String)>,
}

impl Mapping {
    /// How many recognised columns the header row has.
    pub fn recognised(&self) -> usize {
        self.positions.iter().flatten().count()
    }

    /// The position of column `i` of the kind, if the file has it.
    pub fn position(&self, i: usize) -> Option<usize> {
        self.positions.get(i).copied().flatten()
    }
}

/// Matches a header row to the kind's columns; refuses a row without the required columns or with a column twice.
pub fn map_headers(kind: Kind, headers: &[String]) -> Result<Mapping, FileProblem> {
    let columns = kind.columns();
    let mut positions = vec![None; columns.len()];
    let mut unknown = Vec::new();
    for (at, header) in headers.iter().enumerate() {
        if fold(header).is_empty() {
            unknown.push((at, String::new()));
            continue;
        }
        match find(kind, header) {
            Some(i) if positions[i].is_some() => return Err(FileProblem::DuplicateColumn(header.trim().to_owned())),
            Some(i) => positions[i] = Some(at),
            None => unknown.push((at, text::normalize_fa(header.trim().trim_start_matches('\u{FEFF}')))),
        }
    }
    let mapping = Mapping { positions, width: headers.len(), unknown };
    if mapping.recognised() == 0 {
        return Err(FileProblem::NoHeader);
    }
    let has = |code: &str| columns.iter().position(|c| c.code == code).is_some_and(|i| mapping.position(i).is_some());
    let fa = |code: &&str| columns.iter().find(|c| c.code == *code).map(|c| c.fa);
    let missing: Vec<String> = kind
        .required()
        .iter()
        .filter(|group| !group.iter().any(|code| has(code)))
        .map(|group| group.iter().filter_map(fa).collect::<Vec<_>>().join(" / "))
        .collect();
    if !missing.is_empty() {
        return Err(FileProblem::MissingColumns(missing.join("، ")));
    }
    Ok(mapping)
}

/// One data row seen through a mapping: cells by column code, trimmed, with an export's `'` guard undone.
#[derive(Debug)]
pub struct Cells<'a> {
    kind: Kind,
    mapping: &'a Mapping,
    cells: &'a [String],
}

impl<'a> Cells<'a> {
    pub fn new(kind: Kind, mapping: &'a Mapping, cells: &'a [String]) -> Self {
        Self { kind, mapping, cells }
    }

    /// The cell of column `code` ("" when the file lacks the column or the row is short).
    pub fn get(&self, code: &str) -> &'a str {
        let Some(i) = self.kind.columns().iter().position(|c| c.code == code) else {
            return "";
        };
        let raw = self.mapping.position(i).and_then(|p| self.cells.get(p)).map(String::as_str).unwrap_or("");
        unguard(raw.trim())
    }

    /// The cell of `code`, Persian-normalized; `None` when blank, too long or undecodable (recorded in `issues`).
    pub fn text(&self, code: &'static str, issues: &mut Vec<Issue>) -> Option<String> {
        let raw = self.get(code);
        if raw.is_empty() {
            return None;
        }
        if raw.contains('\u{FFFD}') {
            issues.push(Issue::new(code, Reason::BadEncoding));
            return None;
        }
        let max = self.kind.columns().iter().find(|c| c.code == code).map_or(0, |c| c.max_chars);
        if raw.chars().count() > max {
            issues.push(Issue::new(code, Reason::TooLong(max)));
            return None;
        }
        Some(text::normalize_fa(raw)).filter(|s| !s.is_empty())
    }

    /// Like [`Cells::text`], and a blank cell is recorded as missing.
    pub fn required(&self, code: &'static str, issues: &mut Vec<Issue>) -> Option<String> {
        let before = issues.len();
        let value = self.text(code, issues);
        if value.is_none() && issues.len() == before {
            issues.push(Issue::new(code, Reason::Invalid(Invalid::Required)));
        }
        value
    }

    /// The cell of `code` parsed by `parse`; `None` when blank or refused (recorded in `issues`).
    pub fn parsed<T>(
        &self,
        code: &'static str,
        parse: impl FnOnce(&str) -> Result<T, Invalid>,
        issues: &mut Vec<Issue>,
    ) -> Option<T> {
        let value = self.text(code, issues)?;
        parse(&value).map_err(|e| issues.push(Issue::new(code, Reason::Invalid(e)))).ok()
    }

    /// Like [`Cells::text`] then `choose`, for a column of few distinct values (province, degree,
    /// kind, field): each distinct cell is worked out once per run and remembered in `memo`.
    pub fn chosen(
        &self,
        code: &'static str,
        memo: &mut Memo,
        choose: impl FnOnce(&str, &mut Vec<Issue>) -> Option<String>,
        issues: &mut Vec<Issue>,
    ) -> Option<String> {
        let raw = self.get(code);
        if raw.is_empty() {
            return None;
        }
        let key = (code, raw.to_owned());
        if let Some((value, found)) = memo.0.get(&key) {
            issues.extend(found.iter().cloned());
            return value.clone();
        }
        let mut found = Vec::new();
        let value = self.text(code, &mut found).and_then(|t| choose(&t, &mut found));
        issues.extend(found.iter().cloned());
        if memo.0.len() < Memo::MAX {
            memo.0.insert(key, (value.clone(), found));
        }
        value
    }

    /// The cells kept as the record's own text: those of the columns `issues` flags [`Reason::Kept`], and every
    /// non-blank cell of a column the importer does not know (a too long or undecodable one is recorded in `issues`).
    pub fn kept(&self, issues: &mut Vec<Issue>) -> Vec<KeptValue> {
        let kept_columns: Vec<&'static str> =
            issues.iter().filter(|i| i.reason == Reason::Kept).map(|i| i.column).collect();
        let mut kept: Vec<KeptValue> = kept_columns
            .into_iter()
            .filter_map(|code| self.text(code, &mut Vec::new()).map(|value| kept_value(code, "", value)))
            .collect();
        for (at, header) in &self.mapping.unknown {
            let raw = unguard(self.cells.get(*at).map_or("", |c| c.trim()));
            if raw.is_empty() {
                continue;
            }
            if raw.contains('\u{FFFD}') {
                issues.push(Issue::new("", Reason::BadEncoding));
            } else if raw.chars().count() > UNKNOWN_MAX_CHARS {
                issues.push(Issue::new("", Reason::TooLong(UNKNOWN_MAX_CHARS)));
            } else if let Some(same) = kept.iter_mut().find(|k| k.column_code.is_empty() && k.header == *header) {
                // Two unknown columns under one header: both cells, in file order.
                same.value = format!("{}؛ {}", same.value, text::normalize_fa(raw));
                same.value_key = fold(&same.value);
            } else {
                kept.push(kept_value("", header, text::normalize_fa(raw)));
            }
        }
        kept.sort();
        kept
    }

    /// A label for the report even when the row is rejected: these cells joined, shortened.
    pub fn label(&self, codes: &[&str]) -> String {
        let joined =
            codes.iter().map(|c| text::normalize_fa(self.get(c))).filter(|s| !s.is_empty()).collect::<Vec<_>>();
        joined.join(" ").chars().take(120).collect()
    }
}

/// Longest cell of a column the importer does not know, in characters; longer cells reject the row.
pub const UNKNOWN_MAX_CHARS: usize = 2000;

/// A cell kept under `column` (a known column's code, or "" and the file's `header`).
fn kept_value(column: &str, header: &str, value: String) -> KeptValue {
    KeptValue { column_code: column.to_owned(), header: header.to_owned(), value_key: fold(&value), value }
}

/// A column's code and a cell as it appears in the file.
type MemoKey = (&'static str, String);

/// What [`Cells::chosen`] worked out for each distinct cell of a column: the value and the issues it raised.
#[derive(Debug, Default)]
pub struct Memo(HashMap<MemoKey, (Option<String>, Vec<Issue>)>);

impl Memo {
    /// Distinct cells remembered at most; a column with more (a free-text mistake) is simply worked out each time.
    const MAX: usize = 10_000;
}

/// Undoes the `'` that exports put before a cell starting with a formula character.
fn unguard(s: &str) -> &str {
    match s.strip_prefix('\'') {
        Some(rest) if rest.starts_with(super::report::FORMULA_STARTS) => rest,
        _ => s,
    }
}

/// A column's name as `locale` writes it (the Persian header, or the English code); unknown codes as they are.
pub fn label(kind: Kind, code: &str, locale: halqe_domain::locale::Locale) -> String {
    match kind.columns().iter().find(|c| c.code == code) {
        Some(c) if locale == halqe_domain::locale::Locale::Fa => c.fa.to_owned(),
        Some(c) => c.en.to_owned(),
        None => code.to_owned(),
    }
}

/// The template of a kind: its Persian headers, UTF-8 with a byte-order mark so spreadsheet programs read it right.
pub fn template(kind: Kind) -> Vec<u8> {
    let mut out = "\u{FEFF}".as_bytes().to_vec();
    let header: Vec<&str> = kind.columns().iter().map(|c| c.fa).collect();
    out.extend_from_slice(header.join(",").as_bytes());
    out.extend_from_slice(b"\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn persian_and_english_headers_match_tolerantly() {
        let m = map_headers(
            Kind::People,
            &headers(&["\u{FEFF}کد ملي", " نام ", "نام\u{200C}خانوادگی", "E-Mail", "موسسه", "مهارتها", "یادداشت"]),
        )
        .unwrap();
        assert_eq!(m.recognised(), 6);
        assert_eq!(m.unknown, vec![(6, "یادداشت".to_owned())]);
        let m =
            map_headers(Kind::People, &headers(&["National_ID", "FIRST_NAME", "last name", "Institution"])).unwrap();
        assert_eq!(m.recognised(), 4);
        let m = map_headers(Kind::People, &headers(&["كد ملی", "نام", "نام خانوادگي", "مؤسسه"])).unwrap();
        assert_eq!(m.position(6), Some(3));
    }

    #[test]
    fn refuses_headers_it_cannot_use() {
        assert_eq!(map_headers(Kind::People, &headers(&["a", "b"])), Err(FileProblem::NoHeader));
        assert!(matches!(
            map_headers(Kind::People, &headers(&["نام", "نام خانوادگی", "استان"])),
            Err(FileProblem::MissingColumns(m)) if m.contains("کد ملی") && m.contains("ایمیل")
        ));
        assert_eq!(
            map_headers(Kind::People, &headers(&["کد ملی", "national_id", "نام", "نام خانوادگی"])),
            Err(FileProblem::DuplicateColumn("national_id".into()))
        );
    }

    #[test]
    fn every_header_and_alias_is_unambiguous() {
        for kind in Kind::ALL {
            let mut seen = std::collections::HashMap::new();
            for c in kind.columns() {
                for name in [c.code, c.fa].iter().chain(c.aliases) {
                    let owner = seen.entry(fold(name)).or_insert(c.code);
                    assert_eq!(*owner, c.code, "{kind:?}: {name} names two columns");
                }
            }
        }
    }

    #[test]
    fn templates_have_a_bom_and_persian_headers() {
        let t = String::from_utf8(template(Kind::People)).unwrap();
        assert!(t.starts_with("\u{FEFF}کد ملی,نام,نام خانوادگی,ایمیل"), "{t}");
        let m = map_headers(Kind::Organizations, &headers(&template_headers(Kind::Organizations))).unwrap();
        assert_eq!(m.recognised(), ORGANIZATIONS.len());
    }

    fn template_headers(kind: Kind) -> Vec<&'static str> {
        kind.columns().iter().map(|c| c.fa).collect()
    }

    #[test]
    fn unguards_exported_formula_cells() {
        assert_eq!(unguard("'=SUM(A1)"), "=SUM(A1)");
        assert_eq!(unguard("'+98912"), "+98912");
        assert_eq!(unguard("'quoted"), "'quoted");
    }
}
