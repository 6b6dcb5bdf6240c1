//! Latency percentiles and the machine facts a benchmark figure needs beside it.

use std::time::Duration;

use serde::Serialize;

/// Latency figures of one query set, in milliseconds.
#[derive(Debug, Clone, Serialize)]
pub struct Latency {
    pub queries: usize,
    pub p50_ms: f64,
    pub p90_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub mean_ms: f64,
    pub max_ms: f64,
    /// Queries per second, one after another on one thread.
    pub qps: f64,
}

/// Nearest-rank percentile of sorted values.
fn percentile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

impl Latency {
    pub fn of(times: &[Duration]) -> Self {
        let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
        ms.sort_by(f64::total_cmp);
        let total: f64 = ms.iter().sum();
        Self {
            queries: ms.len(),
            p50_ms: percentile(&ms, 0.50),
            p90_ms: percentile(&ms, 0.90),
            p95_ms: percentile(&ms, 0.95),
            p99_ms: percentile(&ms, 0.99),
            mean_ms: total / ms.len().max(1) as f64,
            max_ms: ms.last().copied().unwrap_or(0.0),
            qps: if total > 0.0 { ms.len() as f64 * 1000.0 / total } else { 0.0 },
        }
    }

    /// `p50 … p95 … p99 …` for the terminal.
    pub fn line(&self) -> String {
        format!(
            "p50 {:.2} ms, p95 {:.2} ms, p99 {:.2} ms, max {:.1} ms, {:.0} queries/s ({} queries)",
            self.p50_ms, self.p95_ms, self.p99_ms, self.max_ms, self.qps, self.queries
        )
    }
}

/// The machine a run was on, and how busy it was.
#[derive(Debug, Clone, Serialize)]
pub struct Machine {
    pub cpus: usize,
    pub cpu_model: String,
    pub memory_gib: f64,
    /// 1, 5 and 15 minute load averages.
    pub load: [f64; 3],
}

impl Machine {
    pub fn now() -> Self {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu_model = cpuinfo
            .lines()
            .find_map(|l| {
                l.strip_prefix("model name").and_then(|r| r.split_once(':')).map(|(_, m)| m.trim().to_owned())
            })
            .unwrap_or_else(|| "unknown".into());
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let kib: f64 = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|r| r.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        Self {
            cpus: std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            cpu_model,
            memory_gib: kib / 1024.0 / 1024.0,
            load: load(),
        }
    }
}

impl std::fmt::Display for Machine {
    /// `2 × AMD EPYC, 24 GiB; load 1.20 0.90 0.75`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [l1, l5, l15] = self.load;
        write!(f, "{} × {}, {:.0} GiB; load {l1:.2} {l5:.2} {l15:.2}", self.cpus, self.cpu_model, self.memory_gib)
    }
}

/// The load averages from /proc/loadavg (zeros where not reported).
pub fn load() -> [f64; 3] {
    let text = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let mut it = text.split_whitespace().map(|v| v.parse().unwrap_or(0.0));
    [it.next().unwrap_or(0.0), it.next().unwrap_or(0.0), it.next().unwrap_or(0.0)]
}

/// Bytes of all files under `dir`.
pub fn dir_size(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| match e.metadata() {
                    Ok(m) if m.is_dir() => dir_size(&e.path()),
                    Ok(m) => m.len(),
                    Err(_) => 0,
                })
                .sum()
        })
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let l = Latency::of(&times);
        assert_eq!((l.p50_ms, l.p90_ms, l.p95_ms, l.p99_ms, l.max_ms), (50.0, 90.0, 95.0, 99.0, 100.0));
        assert!((l.qps - 100.0 / 5.05).abs() < 1e-6);
        assert_eq!(Latency::of(&[]).p95_ms, 0.0);
    }
}
