//! Reading an import file as a stream of rows: XLSX (streamed cell by cell) or CSV, whose encoding
//! (UTF-8 with or without BOM, UTF-16, Windows-1256) and delimiter (comma, semicolon, tab) are detected.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::ops::ControlFlow;
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE, WINDOWS_1256};
use halqe_domain::calendar;

use super::Kind;
use super::columns;
use super::problem::FileProblem;

/// How much of the file is looked at to tell its format, encoding and delimiter.
const SAMPLE_BYTES: usize = 64 * 1024;
/// Longest line of a CSV file; anything longer is refused as a damaged or hostile file.
pub const MAX_LINE_BYTES: usize = 1024 * 1024;
/// Cells right of this column are ignored (a sheet may claim a cell in column XFD).
pub const MAX_COLUMNS: usize = 256;

/// What a file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv { encoding: &'static Encoding, delimiter: u8 },
    Xlsx,
}

impl Format {
    /// A short description for the run's record, e.g. `CSV, windows-1256, semicolon`.
    pub fn describe(&self) -> String {
        match self {
            Self::Csv { encoding, delimiter } => {
                let d = match delimiter {
                    b'\t' => "tab",
                    b';' => "semicolon",
                    b'|' => "pipe",
                    _ => "comma",
                };
                format!("CSV, {}, {d}", encoding.name().to_lowercase())
            }
            Self::Xlsx => "XLSX".into(),
        }
    }
}

/// A non-empty row: its number as people see it (CSV line, sheet row) and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawRow {
    pub number: i64,
    pub cells: Vec<String>,
}

fn io_problem(e: &io::Error) -> FileProblem {
    FileProblem::Io(e.to_string())
}

/// Tells the format of a file, and for CSV its encoding and the delimiter that best matches `kind`'s headers.
pub fn detect(path: &Path, kind: Kind) -> Result<Format, FileProblem> {
    let mut sample = Vec::with_capacity(SAMPLE_BYTES);
    File::open(path).and_then(|f| f.take(SAMPLE_BYTES as u64).read_to_end(&mut sample)).map_err(|e| io_problem(&e))?;
    if sample.is_empty() {
        return Err(FileProblem::Empty);
    }
    if sample.starts_with(b"PK\x03\x04") || sample.starts_with(b"PK\x05\x06") {
        return Ok(Format::Xlsx);
    }
    if sample.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(FileProblem::Unsupported("xls".into()));
    }
    let encoding = encoding_of(&sample);
    if encoding != UTF_16LE && encoding != UTF_16BE && sample.contains(&0) {
        return Err(FileProblem::NotText);
    }
    let (text, _, _) = encoding.decode(&sample);
    if text.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}').is_empty() {
        return Err(FileProblem::Empty);
    }
    Ok(Format::Csv { encoding, delimiter: delimiter_of(&text, kind) })
}

/// UTF-8 when the sample is valid UTF-8 (a sequence cut at the sample's end is fine) or has a BOM;
/// UTF-16 by its BOM; otherwise Windows-1256, the encoding of Persian files saved by older Excel.
fn encoding_of(sample: &[u8]) -> &'static Encoding {
    if let Some((enc, _)) = Encoding::for_bom(sample) {
        return enc;
    }
    match std::str::from_utf8(sample) {
        Ok(_) => UTF_8,
        Err(e) if e.error_len().is_none() && sample.len() >= SAMPLE_BYTES => UTF_8,
        Err(_) => WINDOWS_1256,
    }
}

/// The delimiter under which the first record has the most recognised headers (comma on a tie).
fn delimiter_of(text: &str, kind: Kind) -> u8 {
    let mut best = (0, b',');
    for d in [b',', b';', b'\t', b'|'] {
        let mut reader =
            csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(d).from_reader(text.as_bytes());
        let mut record = csv::StringRecord::new();
        if reader.read_record(&mut record).unwrap_or(false) {
            let score = record.iter().filter(|h| columns::find(kind, h).is_some()).count();
            if score > best.0 {
                best = (score, d);
            }
        }
    }
    best.1
}

/// Calls `each` with every non-empty row in file order, the header row first, until it says stop.
pub fn rows(path: &Path, format: Format, each: impl FnMut(RawRow) -> ControlFlow<()>) -> Result<(), FileProblem> {
    match format {
        Format::Csv { encoding, delimiter } => csv_rows(path, encoding, delimiter, each),
        Format::Xlsx => xlsx_rows(path, each),
    }
}

fn csv_rows(
    path: &Path,
    encoding: &'static Encoding,
    delimiter: u8,
    mut each: impl FnMut(RawRow) -> ControlFlow<()>,
) -> Result<(), FileProblem> {
    let file = File::open(path).map_err(|e| io_problem(&e))?;
    let decoded = Decoded::new(BufReader::with_capacity(SAMPLE_BYTES, file), encoding);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .buffer_capacity(SAMPLE_BYTES)
        .from_reader(decoded);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => return Ok(()),
            Ok(true) => {
                let byte = record.position().map_or(0, csv::Position::byte);
                let number = reader.get_mut().line_at(byte);
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells = record.iter().map(str::to_owned).collect();
                if each(RawRow { number, cells }).is_break() {
                    return Ok(());
                }
            }
            Err(e) => {
                // The failing record starts where the reader stands.
                let byte = reader.position().byte();
                let line = reader.get_mut().line_at(byte);
                return Err(match e.into_kind() {
                    csv::ErrorKind::Io(io) if io.get_ref().is_some_and(|i| i.is::<LineTooLong>()) => {
                        FileProblem::RecordTooLong(line)
                    }
                    csv::ErrorKind::Io(io) => io_problem(&io),
                    other => FileProblem::Malformed(format!("{other:?}")),
                });
            }
        }
    }
}

fn xlsx_rows(path: &Path, mut each: impl FnMut(RawRow) -> ControlFlow<()>) -> Result<(), FileProblem> {
    super::workbook::check(path)?;
    let malformed = |e: calamine::XlsxError| FileProblem::Malformed(e.to_string());
    let file = File::open(path).map_err(|e| io_problem(&e))?;
    let mut book = Xlsx::new(BufReader::new(file)).map_err(malformed)?;
    let Some(sheet) = book.sheet_names().first().cloned() else {
        return Err(FileProblem::Empty);
    };
    let mut cells = book.worksheet_cells_reader(&sheet).map_err(malformed)?;
    let mut current: Option<RawRow> = None;
    while let Some(cell) = cells.next_cell().map_err(malformed)? {
        let (row, column) = cell.get_position();
        let column = column as usize;
        if column >= MAX_COLUMNS {
            continue;
        }
        let number = i64::from(row) + 1;
        // Excel writes rows in order; a sheet that goes back would give two rows one number.
        if current.as_ref().is_some_and(|r| number < r.number) {
            return Err(FileProblem::RowOutOfOrder(number));
        }
        if current.as_ref().is_some_and(|r| r.number != number)
            && let Some(done) = current.take().filter(|r| !is_blank(r))
            && each(done).is_break()
        {
            return Ok(());
        }
        let current = current.get_or_insert_with(|| RawRow { number, cells: Vec::new() });
        if current.cells.len() <= column {
            current.cells.resize(column + 1, String::new());
        }
        current.cells[column] = cell_text(cell.get_value());
    }
    if let Some(last) = current.filter(|r| !is_blank(r)) {
        let _ = each(last);
    }
    Ok(())
}

fn is_blank(r: &RawRow) -> bool {
    r.cells.iter().all(|c| c.trim().is_empty())
}

/// A cell as text: whole numbers without a decimal point (national IDs, mobiles), dates as `YYYY-MM-DD`.
fn cell_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => (*s).to_owned(),
        DataRef::Int(n) => n.to_string(),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        DataRef::Float(f) => f.to_string(),
        DataRef::Bool(b) => b.to_string(),
        DataRef::DateTime(d) if d.is_datetime() => excel_date(d.as_f64()),
        DataRef::DateTime(d) => d.as_f64().to_string(),
        DataRef::Error(e) => e.to_string(),
    }
}

/// Days since 1899-12-30 (Excel's serial dates) as a Gregorian `YYYY-MM-DD`.
fn excel_date(serial: f64) -> String {
    const UNIX_EPOCH_SERIAL: i64 = 25_569;
    let days = serial.floor() as i64 - UNIX_EPOCH_SERIAL;
    let t = calendar::tehran(days.saturating_mul(86_400_000).saturating_sub(calendar::TEHRAN_OFFSET_MS));
    format!("{:04}-{:02}-{:02}", t.year, t.month, t.day)
}

/// Marks a CSV line over [`MAX_LINE_BYTES`].
#[derive(Debug)]
struct LineTooLong;

impl std::fmt::Display for LineTooLong {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("line too long")
    }
}

impl std::error::Error for LineTooLong {}

/// A reader that decodes bytes of any encoding to UTF-8 as they stream by (undecodable bytes become
/// U+FFFD), turns CRLF and lone CR line ends into LF (so the CSV reader counts lines right) and refuses lines over
/// [`MAX_LINE_BYTES`].
struct Decoded<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    input: Box<[u8]>,
    in_start: usize,
    in_end: usize,
    output: Box<[u8]>,
    out_start: usize,
    out_end: usize,
    eof: bool,
    done: bool,
    since_newline: usize,
    /// A CR ended the last piece; whether it is half of a CRLF shows with the next piece.
    held_cr: bool,
    /// Bytes handed out before the current piece.
    emitted: u64,
    /// Offsets of the line feeds handed out and not yet passed by [`Decoded::line_at`].
    newlines: VecDeque<u64>,
    /// Line feeds already passed.
    lines_passed: u64,
}

impl<R: Read> Decoded<R> {
    fn new(inner: R, encoding: &'static Encoding) -> Self {
        Self {
            inner,
            decoder: encoding.new_decoder(),
            input: vec![0; SAMPLE_BYTES].into_boxed_slice(),
            in_start: 0,
            in_end: 0,
            output: vec![0; SAMPLE_BYTES * 3].into_boxed_slice(),
            out_start: 0,
            out_end: 0,
            eof: false,
            done: false,
            since_newline: 0,
            held_cr: false,
            emitted: 0,
            newlines: VecDeque::new(),
            lines_passed: 0,
        }
    }

    /// The 1-based line of the record the CSV reader reports at `byte`; the reader may report a record
    /// at the line feed before it (after a blank line or a CRLF), so line feeds at the start are passed.
    /// Offsets must not decrease from one call to the next.
    fn line_at(&mut self, byte: u64) -> i64 {
        let mut start = byte;
        while let Some(&at) = self.newlines.front() {
            if at > start {
                break;
            }
            if at == start {
                start += 1;
            }
            self.newlines.pop_front();
            self.lines_passed += 1;
        }
        i64::try_from(self.lines_passed + 1).unwrap_or(i64::MAX)
    }

    /// Decodes the next piece into `output`.
    fn refill(&mut self) -> io::Result<()> {
        if self.in_start == self.in_end && !self.eof {
            let n = self.inner.read(&mut self.input)?;
            self.in_start = 0;
            self.in_end = n;
            self.eof = n == 0;
        }
        // Byte 0 is kept free for a CR held back from the last piece.
        let (result, read, written, _) =
            self.decoder.decode_to_utf8(&self.input[self.in_start..self.in_end], &mut self.output[1..], self.eof);
        self.in_start += read;
        if self.eof && result == encoding_rs::CoderResult::InputEmpty {
            self.done = true;
        }
        let start = if std::mem::take(&mut self.held_cr) {
            self.output[0] = b'\r';
            0
        } else {
            1
        };
        let data_end = written + 1;
        let mut end = start;
        for i in start..data_end {
            let b = self.output[i];
            let mut b = b;
            if b == b'\r' {
                if i + 1 == data_end && !self.done {
                    self.held_cr = true;
                    continue;
                }
                if i + 1 < data_end && self.output[i + 1] == b'\n' {
                    continue;
                }
                // A lone CR ends a record for the CSV reader (old Mac files end every line so); counted as
                // a line end like any other, or two records would get the same line number.
                b = b'\n';
            }
            self.output[end] = b;
            end += 1;
        }
        self.out_start = start;
        self.out_end = end;
        let piece = &self.output[start..end];
        for (i, _) in piece.iter().enumerate().filter(|(_, b)| **b == b'\n') {
            self.newlines.push_back(self.emitted + i as u64);
        }
        self.emitted += piece.len() as u64;
        self.since_newline = match piece.iter().rposition(|&b| b == b'\n') {
            Some(i) => piece.len() - i - 1,
            None => self.since_newline + piece.len(),
        };
        if self.since_newline > MAX_LINE_BYTES {
            return Err(io::Error::new(io::ErrorKind::InvalidData, LineTooLong));
        }
        Ok(())
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.out_start == self.out_end {
            if self.done {
                return Ok(0);
            }
            self.refill()?;
        }
        let n = buf.len().min(self.out_end - self.out_start);
        buf[..n].copy_from_slice(&self.output[self.out_start..self.out_start + n]);
        self.out_start += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn file(bytes: &[u8]) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(bytes).unwrap();
        f
    }

    fn all_rows(f: &tempfile::NamedTempFile, kind: Kind) -> Result<Vec<RawRow>, FileProblem> {
        let format = detect(f.path(), kind)?;
        let mut out = Vec::new();
        rows(f.path(), format, |r| {
            out.push(r);
            ControlFlow::Continue(())
        })?;
        Ok(out)
    }

    const PERSIAN: &str = "کد ملی;نام;نام خانوادگی\n0013542419;علی;رضایی\n";

    #[test]
    fn utf8_with_and_without_bom_and_windows_1256() {
        let plain = file(PERSIAN.as_bytes());
        let with_bom = file(&[b"\xEF\xBB\xBF".as_slice(), PERSIAN.as_bytes()].concat());
        // Windows-1256 has no Persian ی: files saved in it carry the Arabic ي.
        let arabic_yeh = PERSIAN.replace('ی', "ي");
        let (cp1256, _, unmappable) = WINDOWS_1256.encode(&arabic_yeh);
        assert!(!unmappable);
        let legacy = file(&cp1256);
        for (f, enc) in [(&plain, "utf-8"), (&with_bom, "utf-8"), (&legacy, "windows-1256")] {
            let format = detect(f.path(), Kind::People).unwrap();
            assert_eq!(format.describe(), format!("CSV, {enc}, semicolon"));
            let rows = all_rows(f, Kind::People).unwrap();
            let persian = |s: &str| s.replace('ي', "ی");
            assert_eq!(
                rows[0].cells.iter().map(|c| persian(c)).collect::<Vec<_>>(),
                vec!["کد ملی", "نام", "نام خانوادگی"]
            );
            assert_eq!(rows[1].number, 2);
            assert_eq!(
                rows[1].cells.iter().map(|c| persian(c)).collect::<Vec<_>>(),
                vec!["0013542419", "علی", "رضایی"]
            );
        }
    }

    #[test]
    fn utf16_from_excel_unicode_text() {
        let text = PERSIAN.replace(';', "\t");
        let mut bytes = vec![0xFF, 0xFE];
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&unit.to_le_bytes());
        }
        let f = file(&bytes);
        assert_eq!(detect(f.path(), Kind::People).unwrap().describe(), "CSV, utf-16le, tab");
        assert_eq!(all_rows(&f, Kind::People).unwrap()[1].cells[1], "علی");
    }

    #[test]
    fn delimiters_are_detected_by_the_headers() {
        for d in [",", ";", "\t"] {
            let text = format!("national_id{d}first_name{d}last_name\n1{d}\"a, b; c\"{d}x\n");
            let rows = all_rows(&file(text.as_bytes()), Kind::People).unwrap();
            assert_eq!(rows[1].cells, vec!["1", "a, b; c", "x"], "{d:?}");
        }
    }

    #[test]
    fn blank_lines_are_skipped_and_numbers_are_lines() {
        let rows =
            all_rows(&file(b"national_id,first_name\n\n,\n1,a\r\n2,\"multi\r\nline\"\n3,c"), Kind::People).unwrap();
        let numbers: Vec<i64> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, vec![1, 4, 5, 7]);
        assert_eq!(rows[2].cells, vec!["2", "multi\nline"]);
        assert_eq!(rows[3].cells, vec!["3", "c"], "a last line without a newline is read");
        let crlf = all_rows(&file(b"national_id\r\n\r\n1\r\n2\r\n\r\n\r\n3\r\n"), Kind::People).unwrap();
        assert_eq!(crlf.iter().map(|r| r.number).collect::<Vec<_>>(), vec![1, 3, 4, 7]);
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        // Found by fuzzing: the CSV reader ended a record at a lone CR but lines were counted at LFs only,
        // so two rows had the same number and the run failed on import_rows' primary key.
        let rows = all_rows(&file(b"national_id,first_name\r1,a\r2,\"x\ry\"\n3,c\r\n4,d"), Kind::People).unwrap();
        assert_eq!(rows.iter().map(|r| r.number).collect::<Vec<_>>(), vec![1, 2, 3, 5, 6]);
        assert_eq!(rows[2].cells, vec!["2", "x\ny"]);
    }

    #[test]
    fn refuses_what_is_not_a_csv() {
        assert_eq!(detect(file(b"").path(), Kind::People), Err(FileProblem::Empty));
        assert_eq!(detect(file(b"\xEF\xBB\xBF \r\n").path(), Kind::People), Err(FileProblem::Empty));
        assert_eq!(detect(file(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").path(), Kind::People), Err(FileProblem::NotText));
        assert!(matches!(
            detect(file(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1]).path(), Kind::People),
            Err(FileProblem::Unsupported(_))
        ));
        let truncated_zip = file(b"PK\x03\x04\x14\x00\x00\x00\x08\x00garbage");
        assert!(matches!(all_rows(&truncated_zip, Kind::People), Err(FileProblem::Malformed(_))));
    }

    #[test]
    fn an_endless_line_is_refused_not_swallowed() {
        let mut text = b"national_id,first_name\n1,".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 10));
        assert_eq!(all_rows(&file(&text), Kind::People), Err(FileProblem::RecordTooLong(2)));
    }

    #[test]
    fn malformed_utf8_after_the_sample_becomes_replacement_characters() {
        let mut text = b"national_id,first_name\n".to_vec();
        while text.len() < SAMPLE_BYTES + 10 {
            text.extend_from_slice("1,علی\n".as_bytes());
        }
        text.extend_from_slice(b"2,\xFF\xFE\n");
        let rows = all_rows(&file(&text), Kind::People).unwrap();
        assert!(rows.last().unwrap().cells[1].contains('\u{FFFD}'));
    }

    #[test]
    fn xlsx_cells_stream_as_text() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "کد ملی").unwrap();
        sheet.write_string(0, 1, "موبایل").unwrap();
        sheet.write_string(0, 3, "تاریخ").unwrap();
        sheet.write_number(1, 0, 13542419.0).unwrap();
        sheet.write_number(1, 1, 9121234567.0).unwrap();
        sheet.write_number(1, 2, 2.5).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 8, 3).unwrap();
        let format = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
        sheet.write_datetime_with_format(1, 3, &date, &format).unwrap();
        sheet.write_string(3, 0, "=1+1").unwrap();
        let f = file(&book.save_to_buffer().unwrap());
        let rows = all_rows(&f, Kind::People).unwrap();
        assert_eq!(rows[1].cells, vec!["13542419", "9121234567", "2.5", "2025-08-03"]);
        assert_eq!(rows[2], RawRow { number: 4, cells: vec!["=1+1".into()] });
    }

    /// A two-row people workbook whose first worksheet's XML went through `edit`.
    fn edited_workbook(edit: impl Fn(&str) -> String) -> tempfile::NamedTempFile {
        use std::io::{Read, Write};
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "کد ملی").unwrap();
        sheet.write_string(1, 0, "0013542419").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for i in 0..archive.len() {
            let mut part = archive.by_index(i).unwrap();
            let name = part.name().unwrap().to_string();
            let mut xml = String::new();
            part.read_to_string(&mut xml).unwrap();
            if name == "xl/worksheets/sheet1.xml" {
                xml = edit(&xml);
            }
            out.start_file(name, zip::write::SimpleFileOptions::default()).unwrap();
            out.write_all(xml.as_bytes()).unwrap();
        }
        file(&out.finish().unwrap().into_inner())
    }

    /// Found by the `import_xlsx` fuzz target: a sheet listing row 2 before row 1 gave two rows one number.
    #[test]
    fn a_worksheet_whose_rows_go_back_is_refused() {
        let f = edited_workbook(|xml| {
            let (start, mid, end) = (
                xml.find("<row r=\"1\"").unwrap(),
                xml.find("<row r=\"2\"").unwrap(),
                xml.find("</sheetData>").unwrap(),
            );
            format!("{}{}{}{}", &xml[..start], &xml[mid..end], &xml[start..mid], &xml[end..])
        });
        assert_eq!(all_rows(&f, Kind::People), Err(FileProblem::RowOutOfOrder(1)));
    }

    /// Found by the `import_xlsx` fuzz target (docs/security.md finding 12): calamine 0.38 reads a reference's
    /// column in a `u32` unchecked, so `AAAAAAAAA2` panicked with overflow checks (and wrapped without).
    #[test]
    fn a_cell_reference_beyond_any_worksheet_is_refused_before_calamine_reads_it() {
        for (from, to) in [("r=\"A2\"", "r=\"AAAAAAAAA2\""), ("r=\"A2\"", "r=\"A99999999999\"")] {
            let f = edited_workbook(|xml| xml.replacen(from, to, 1));
            match all_rows(&f, Kind::People) {
                Err(FileProblem::Malformed(detail)) => assert!(detail.contains("cell reference"), "{detail}"),
                other => panic!("{to}: {other:?}"),
            }
        }
        let untouched = edited_workbook(str::to_owned);
        assert_eq!(all_rows(&untouched, Kind::People).unwrap().len(), 2);
    }
}
