//! The downloadable report of a run: every rejected or flagged row with its reasons and original cells,
//! as CSV or XLSX, with formula-like cells neutralised.

use std::borrow::Cow;

use halqe_domain::ids::ImportRunId;
use halqe_domain::locale::Locale;

use super::Acting;
use super::show::{self, RowFilter, RowView, RunView};
use crate::App;
use crate::i18n::{Isolation, t};
use crate::{Error, Result};

/// Characters that make a spreadsheet program read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];
/// Rows an XLSX sheet holds besides its header.
const XLSX_MAX_ROWS: u32 = 1_048_575;
/// Rows read from the database at a time.
const PIECE: i64 = 1000;

/// Prefixes a `'` to a cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(FORMULA_STARTS) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// The report's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Csv => "csv",
            Self::Xlsx => "xlsx",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Self::Csv => "text/csv; charset=utf-8",
            Self::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }
}

/// The report's lines: a header, then one line per rejected or flagged row.
async fn lines(app: &App, by: Acting<'_>, run: &RunView, locale: Locale) -> Result<Vec<Vec<String>>> {
    let header = ["import-report-row", "import-report-status", "import-report-column", "import-report-reason"];
    let mut lines = vec![header.iter().map(|k| t(locale, k)).chain(run.headers.iter().cloned()).collect::<Vec<_>>()];
    let mut after = 0;
    loop {
        let piece = show::rows_after(app, by, &run.id, RowFilter::Problems, after, PIECE).await?;
        let Some(last) = piece.last() else { break };
        after = last.number;
        lines.extend(piece.iter().map(|r| line(run, r, locale)));
    }
    Ok(lines)
}

fn line(run: &RunView, r: &RowView, locale: Locale) -> Vec<String> {
    let status = if r.status == "rejected" { t(locale, "import-status-rejected") } else { t(locale, "import-flagged") };
    let columns: Vec<String> =
        r.issues.iter().filter(|i| !i.column.is_empty()).map(|i| column_name(run, &i.column, locale)).collect();
    let reasons: Vec<String> = r.issues.iter().map(|i| i.message(locale, Isolation::Plain)).collect();
    let mut out = vec![r.number.to_string(), status, columns.join("، "), reasons.join("؛ ")];
    out.extend(r.cells.iter().cloned());
    out
}

/// A column's name as the viewer's language writes it.
pub fn column_name(run: &RunView, code: &str, locale: Locale) -> String {
    super::columns::label(run.kind, code, locale)
}

/// The report of a run in `format`, its text in `locale`.
pub async fn build(app: &App, by: Acting<'_>, id: &ImportRunId, format: Format, locale: Locale) -> Result<Vec<u8>> {
    let run = show::run(app, by, id).await?;
    let lines = lines(app, by, &run, locale).await?;
    match format {
        Format::Csv => csv(&lines),
        Format::Xlsx => xlsx(&lines, locale, &t(locale, "import-report-sheet")),
    }
}

/// UTF-8 with a byte-order mark, so spreadsheet programs read Persian right.
fn csv(lines: &[Vec<String>]) -> Result<Vec<u8>> {
    // Rows keep the cells they had, so a damaged row may be shorter or longer than the header.
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer("\u{FEFF}".as_bytes().to_vec());
    for l in lines {
        writer
            .write_record(l.iter().map(|c| neutralise(c).into_owned()))
            .map_err(|e| Error::Internal(e.to_string()))?;
    }
    writer.into_inner().map_err(|e| Error::Internal(e.to_string()))
}

fn xlsx(lines: &[Vec<String>], locale: Locale, sheet_name: &str) -> Result<Vec<u8>> {
    let internal = |e: rust_xlsxwriter::XlsxError| Error::Internal(e.to_string());
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name).map_err(internal)?;
    sheet.set_right_to_left(locale == Locale::Fa);
    for (r, l) in lines.iter().take(XLSX_MAX_ROWS as usize + 1).enumerate() {
        let r = u32::try_from(r).map_err(|e| Error::Internal(e.to_string()))?;
        for (c, cell) in l.iter().enumerate() {
            let c = u16::try_from(c).map_err(|e| Error::Internal(e.to_string()))?;
            sheet.write_string(r, c, neutralise(cell)).map_err(internal)?;
        }
    }
    book.save_to_buffer().map_err(internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for cell in ["=HYPERLINK(\"http://x\")", "+98912", "-2+3", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(cell), format!("'{cell}"));
        }
        for cell in ["علی", "0912", "", "a=b"] {
            assert_eq!(neutralise(cell), cell);
        }
    }

    #[test]
    fn csv_has_a_bom_and_guarded_cells() {
        let bytes = csv(&[vec!["ردیف".into(), "=1+1".into()], vec!["2".into()]]).unwrap();
        let text = String::from_utf8(bytes).unwrap();
        assert_eq!(text, "\u{FEFF}ردیف,'=1+1\n2\n");
    }

    #[test]
    fn xlsx_round_trips_as_text() {
        use calamine::{Reader, Xlsx};
        let bytes = xlsx(&[vec!["a".into()], vec!["=1+1".into(), "علی".into()]], Locale::Fa, "گزارش").unwrap();
        let mut book = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let range = book.worksheet_range("گزارش").unwrap();
        assert_eq!(range.get_value((1, 0)).unwrap().to_string(), "'=1+1");
        assert_eq!(range.get_value((1, 1)).unwrap().to_string(), "علی");
    }
}
