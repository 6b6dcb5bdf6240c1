//! The import reader on CSV files: format and encoding detection, then every row, read twice.
#![no_main]

use halqe_fuzz::{Reader, read_import};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| read_import(data, Reader::Csv));
