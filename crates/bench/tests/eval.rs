//! `halqe-bench eval expertise --out` writes predictions that the data set's own scorer
//! (`goldstandard_eval.py score`, from ../shared/eval) scores exactly as Halqe does. The predictions come
//! from the default build's ranking (`matching::rank`) without the model: the agreement of the two
//! scorers does not depend on the signals, and embedding the data set takes minutes on two cores (the
//! figures with the model are in docs/benchmarks.md).
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::path::PathBuf;
use std::process::Command;

/// The shared evaluation data beside the repository (CI always has it), or `HALQE_EVAL_DATA`.
fn eval_data() -> PathBuf {
    std::env::var_os("HALQE_EVAL_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval"))
}

/// The value after `key` in a line such as `loss 0.2525  easy-pair accuracy 0.8498 …` or `loss=0.2525 …`.
fn figure(line: &str, key: &str) -> f64 {
    let rest = &line[line.find(key).unwrap() + key.len()..];
    let number: String =
        rest.trim_start_matches(['=', ' ']).chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
    number.parse().unwrap()
}

#[test]
fn the_data_sets_own_scorer_agrees_with_halqe_on_its_predictions() {
    let data = eval_data();
    assert!(data.join("goldstandard_eval.py").is_file(), "no evaluation data at {}", data.display());
    let out = tempfile::tempdir().unwrap();
    // From the workspace root, as docs/benchmarks.md runs it.
    let o = Command::new(env!("CARGO_BIN_EXE_halqe-bench"))
        .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .args(["eval", "expertise", "--lexical", "--sets", "2", "--bootstrap", "0", "--data"])
        .arg(data.join("goldstandard"))
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{stdout}{}", String::from_utf8_lossy(&o.stderr));
    let ours = stdout.lines().last().unwrap();
    assert!(ours.starts_with("loss="), "{stdout}");

    let mut files: Vec<PathBuf> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    assert_eq!(names, ["halqe_d_20_1_ta.csv", "halqe_d_20_2_ta.csv"]);
    let o = Command::new("python3")
        .arg(data.join("goldstandard_eval.py"))
        .arg("--data")
        .arg(data.join("goldstandard"))
        .arg("score")
        .args(&files)
        .output()
        .unwrap();
    let theirs = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{theirs}{}", String::from_utf8_lossy(&o.stderr));
    let theirs = theirs.lines().find(|l| l.contains("loss")).unwrap();

    assert_eq!(figure(ours, "loss"), figure(theirs, "loss"), "{ours}\n{theirs}");
    assert_eq!(figure(ours, "easy_acc"), figure(theirs, "easy-pair accuracy"), "{ours}\n{theirs}");
    assert_eq!(figure(ours, "hard_acc"), figure(theirs, "hard-pair accuracy"), "{ours}\n{theirs}");
    // Not a constant predictor: the matcher orders papers.
    assert!(figure(ours, "loss") < 0.4, "{ours}");
}
