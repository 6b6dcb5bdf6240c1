//! Benchmarks, evaluations and the sample-data generator: they measure the product crates and ship apart
//! from them, as the `halqe-bench` binary (docs/benchmarks.md, bench/README.md).

pub mod assign;
pub mod crosslingual;
pub mod deadline_rush;
pub mod embed_speed;
pub mod eval;
pub mod forms;
pub mod import;
pub mod names;
pub mod rng;
pub mod sample;
pub mod search;
pub mod signin_burst;

/// The process's peak resident memory in KiB (`VmHWM`), if the system reports it.
pub fn peak_rss_kib() -> Option<u64> {
    status_kib("VmHWM:")
}

/// Resets the process's peak resident memory (`VmHWM`) to its current size, so each step reports its own.
pub fn reset_peak_rss() {
    // Linux: writing 5 to clear_refs resets the peak; elsewhere the figure is the process's whole-run peak.
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The process's resident memory now, in KiB (`VmRSS`), if the system reports it.
pub fn rss_kib() -> Option<u64> {
    status_kib("VmRSS:")
}

/// The process's resident memory now split in two, in KiB: anonymous (its heap: what it allocated) and
/// file-backed (pages of mapped files it touched, such as an index's; the kernel may drop them under
/// pressure and share them between processes).
pub fn rss_split_kib() -> Option<(u64, u64)> {
    Some((status_kib("RssAnon:")?, status_kib("RssFile:")?))
}

fn status_kib(key: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(key))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
