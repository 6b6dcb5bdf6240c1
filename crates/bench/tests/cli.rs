//! `halqe-bench generate` and `halqe-bench import` end to end: a realistic people file, then one imported
//! into a fresh SQLite database with its figures and the import's summary line.
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::process::{Command, Output};

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_halqe-bench")).args(args).output().unwrap()
}

#[test]
fn generates_and_imports_realistic_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("gen.csv");
    let o = run(&["generate", "--rows", "500", "--out", out.to_str().unwrap()]);
    assert!(o.status.success(), "{o:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("\u{FEFF}کد ملی,نام,نام خانوادگی"), "{}", &text[..200]);
    assert_eq!(text.lines().count(), 501);

    let o = run(&["import", "--rows", "3000"]);
    assert!(o.status.success(), "{o:?}");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("rows/s") && stdout.contains("peak RSS (VmHWM): "), "{stdout}");
    let last = stdout.lines().last().unwrap_or_default();
    assert!(last.starts_with("created=") && last.contains(" updated=0 unchanged=0 rejected="), "{stdout}");
}
