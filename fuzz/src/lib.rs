//! What the fuzz targets share: reading an import file the way an import run reads it.

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::OnceLock;

use halqe_app::imports::Kind;
use halqe_app::imports::columns::map_headers;
use halqe_app::imports::read::{self, Format, MAX_COLUMNS, MAX_LINE_BYTES, RawRow};

/// Which reader a target aims at; other files are skipped so each target spends its time on one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    Csv,
    Xlsx,
}

/// A file of this process for the bytes under test (the readers take a path, as an upload is one).
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = if std::path::Path::new("/dev/shm").is_dir() { "/dev/shm".into() } else { std::env::temp_dir() };
        dir.join(format!("halqe-fuzz-import-{}", std::process::id()))
    })
}

/// Detects and reads `data` twice, as a run does (check, then import), and checks what it read.
pub fn read_import(data: &[u8], reader: Reader) {
    let zip = data.starts_with(b"PK");
    if zip != (reader == Reader::Xlsx) {
        return;
    }
    let kind = if data.len() % 2 == 0 { Kind::People } else { Kind::Organizations };
    let path = scratch();
    std::fs::write(path, data).expect("scratch file");
    let Ok(format) = read::detect(path, kind) else { return };
    let read_all = || {
        let mut rows: Vec<RawRow> = Vec::new();
        let outcome = read::rows(path, format, |row| {
            rows.push(row);
            ControlFlow::Continue(())
        });
        (rows, outcome)
    };
    let (rows, outcome) = read_all();
    for pair in rows.windows(2) {
        assert!(pair[0].number < pair[1].number, "rows in file order: {} then {}", pair[0].number, pair[1].number);
    }
    for row in &rows {
        assert!(row.number >= 1);
        assert!(row.cells.iter().any(|c| !c.trim().is_empty()), "blank row {} was passed on", row.number);
        match format {
            Format::Xlsx => assert!(row.cells.len() <= MAX_COLUMNS, "row {} has {} cells", row.number, row.cells.len()),
            Format::Csv { .. } => assert!(row.cells.iter().all(|c| c.len() <= MAX_LINE_BYTES)),
        }
    }
    if let Some(header) = rows.first() {
        let _ = map_headers(kind, &header.cells);
    }
    assert_eq!(read_all(), (rows, outcome), "a second read (the import after the check) sees the same file");
}
