//! `halqe import` end to end on the configured backend, including an import killed
//! with SIGKILL (twice) and run again, compared with one clean run on a fresh database.
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

use halqe_testing::{Backend, Store, fresh_database};
use sqlx::Connection;

/// A fresh database and a data directory for the binary.
struct Site {
    dir: tempfile::TempDir,
    url: String,
    _store: Store,
}

impl Site {
    async fn new() -> Self {
        let (url, store) = fresh_database(Backend::from_env()).await;
        let site = Self { dir: tempfile::tempdir().unwrap(), url, _store: store };
        let o = site.run(&["migrate"]);
        assert!(o.status.success(), "{o:?}");
        site
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_halqe"));
        c.arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("DATABASE_URL", &self.url)
            .env("HALQE_SEMANTIC_MODEL", "off")
            .env("HALQE_CONFIG", self.dir.path().join("none.toml"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().unwrap()
    }

    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }

    async fn conn(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        sqlx::AnyConnection::connect(&self.url).await.unwrap()
    }

    async fn count(&self, sql: &str) -> i64 {
        sqlx::query_scalar(sql).fetch_one(&mut self.conn().await).await.unwrap()
    }
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn last_line(o: &Output) -> String {
    stdout(o).lines().last().unwrap_or_default().to_owned()
}

fn path_arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[tokio::test]
async fn the_command_line_reports_rows_writes_reports_and_ends_with_the_summary_line() {
    let site = Site::new().await;
    let csv = site.file(
        "people.csv",
        "national_id,first_name,last_name,email\n0013542419,علی,رضایی,ali@ut.ac.ir\n\
         0499370899,مریم,=1+2,maryam@ut.ac.ir\n0013542418,بد,چک,bad@ut.ac.ir\n"
            .as_bytes(),
    );
    let o = site.run(&["import", "people", path_arg(&csv), "--dry-run", "--lang", "en"]);
    assert!(o.status.success(), "{o:?}");
    let out = stdout(&o);
    assert!(out.contains("row 2\tcreated\tعلی رضایی"), "{out}");
    assert!(out.contains("row 4\trejected\tبد چک\tnational_id: Not a valid national ID"), "{out}");
    assert!(out.contains("dry run: nothing was changed"), "{out}");
    assert_eq!(last_line(&o), "created=2 updated=0 unchanged=0 rejected=1");
    assert_eq!(site.count("SELECT COUNT(*) FROM people").await, 0);

    let xlsx = site.dir.path().join("report.xlsx");
    let o = site.run(&["import", "people", path_arg(&csv), "--report", path_arg(&xlsx)]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(last_line(&o), "created=2 updated=0 unchanged=0 rejected=1");
    assert!(
        stdout(&o).contains("row 4\tرد شد\tبد چک\tکد ملی: کد ملی معتبر نیست"),
        "Persian by default: {}",
        stdout(&o)
    );
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"), "an XLSX workbook");

    let report = site.dir.path().join("report.csv");
    let o = site.run(&["import", "people", path_arg(&csv), "--quiet", "--report", path_arg(&report)]);
    assert_eq!(last_line(&o), "created=0 updated=0 unchanged=2 rejected=1");
    assert!(!stdout(&o).contains("row "), "--quiet prints no row lines");
    let report = std::fs::read_to_string(&report).unwrap();
    assert!(report.starts_with("\u{FEFF}ردیف,وضعیت,ستون,دلیل,national_id"), "{report}");
    assert_eq!(report.lines().count(), 2);
    assert_eq!(site.count("SELECT COUNT(*) FROM mail_outbox").await, 2, "each person invited once");
    assert_eq!(site.count("SELECT COUNT(*) FROM audit_log WHERE action = 'import.run'").await, 2);

    let empty = site.file("empty.csv", b"");
    let o = site.run(&["import", "people", path_arg(&empty), "--lang", "en"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("The file is empty."), "{o:?}");
    assert_eq!(last_line(&o), "created=0 updated=0 unchanged=0 rejected=0");

    let orgs = site.file("orgs.csv", "name_fa,kind,registration_number\nشرکت نمونه,startup,42\n".as_bytes());
    let o = site.run(&["import", "organizations", path_arg(&orgs)]);
    assert_eq!(last_line(&o), "created=1 updated=0 unchanged=0 rejected=0", "{o:?}");
}

/// Everything an import writes that must not depend on how often it was interrupted: registry rows,
/// invitations and mail (without ids, times and the random claim tokens), and the audit actions.
async fn dump(site: &Site) -> Vec<String> {
    let mut conn = site.conn().await;
    let text = |c: &str| format!("COALESCE(CAST({c} AS TEXT), '~')");
    let people = [
        "national_id",
        "first_name",
        "last_name",
        "name_en",
        "email",
        "mobile",
        "province",
        "city",
        "institution",
        "degree",
        "education_field",
        "university",
        "graduation_year",
        "primary_field",
        "skills",
        "bio_fa",
        "availability",
        "visibility",
        "source",
        "content_hash",
        "user_id",
        "claimed_at",
    ];
    let organizations = ["name_fa", "kind", "registration_number", "institution", "content_hash", "source"];
    let queries = [
        ("people", format!("SELECT {} FROM people", people.map(text).join(" || '|' || "))),
        ("organization", format!("SELECT {} FROM organizations", organizations.map(text).join(" || '|' || "))),
        (
            "person_field",
            "SELECT p.national_id || '|' || f.field_id FROM person_fields f JOIN people p ON p.id = f.person_id".into(),
        ),
        (
            "claim",
            "SELECT COALESCE(p.national_id, '~') || '|' || c.email || '|' || CAST(c.expires_at - c.created_at AS TEXT)
             FROM profile_claims c JOIN people p ON p.id = c.person_id"
                .into(),
        ),
        ("mail", "SELECT to_addr || '|' || subject || '|' || body_text FROM mail_outbox".into()),
        ("audit", "SELECT action FROM audit_log".into()),
    ];
    let mut out = Vec::new();
    for (table, sql) in queries {
        let rows: Vec<String> = sqlx::query_scalar(&sql).fetch_all(&mut conn).await.unwrap();
        let mut rows: Vec<String> = rows.into_iter().map(|r| format!("{table}: {}", without_token(&r))).collect();
        rows.sort();
        out.extend(rows);
    }
    out
}

/// A claim link with its random token replaced.
fn without_token(s: &str) -> String {
    match s.split_once("/claim/") {
        Some((before, after)) => {
            let rest = after.trim_start_matches(|c: char| c.is_ascii_hexdigit());
            format!("{before}/claim/TOKEN{rest}")
        }
        None => s.to_owned(),
    }
}

/// Starts an import and kills it with SIGKILL once its newest run has committed `rows` rows.
async fn kill_after(site: &Site, file: &Path, rows: i64) {
    let mut child: Child = site.command(&["import", "people", path_arg(file), "--quiet"]).spawn().unwrap();
    let newest = "SELECT COALESCE(MAX(rows_done), 0) FROM import_runs WHERE started_at = (SELECT MAX(started_at) FROM import_runs)";
    for _ in 0..6000 {
        if site.count("SELECT COUNT(*) FROM import_runs WHERE status = 'running'").await > 0
            && site.count(newest).await >= rows
        {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "the import ended before it could be killed");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let running = site.count("SELECT COUNT(*) FROM import_runs WHERE status = 'running' AND finished_at IS NULL").await;
    assert!(running >= 1, "the killed run was left unfinished");
}

#[tokio::test]
async fn an_import_killed_twice_and_run_again_ends_where_one_clean_run_does() {
    let killed = Site::new().await;
    let clean = Site::new().await;
    let mut bytes = Vec::new();
    let sample = halqe_bench::sample::write_people(&mut bytes, 12_000, 42, &[]).unwrap();
    let file = killed.file("people.csv", &bytes);

    kill_after(&killed, &file, 2_000).await;
    let after_first = killed.count("SELECT COUNT(*) FROM people").await;
    assert!(after_first > 0 && after_first < 12_000, "{after_first} people after the first kill");
    kill_after(&killed, &file, 6_000).await;
    let o = killed.run(&["import", "people", path_arg(&file), "--quiet"]);
    assert!(o.status.success(), "{o:?}");
    let resumed = last_line(&o);

    let o = clean.run(&["import", "people", path_arg(&file), "--quiet"]);
    assert!(o.status.success(), "{o:?}");
    let once = last_line(&o);
    let rejected = once.split("rejected=").nth(1).unwrap().parse::<u64>().unwrap();
    assert!(rejected > 0 && rejected <= sample.flawed, "{once} for {sample:?}");
    let created = once.split("created=").nth(1).unwrap().split(' ').next().unwrap().parse::<u64>().unwrap();
    assert_eq!(created + rejected, 12_000, "{once}");
    assert!(resumed.starts_with("created=") && resumed.ends_with(&format!("rejected={rejected}")), "{resumed}");
    assert!(!resumed.starts_with(&format!("created={created} ")), "the rerun found committed rows: {resumed}");

    let (a, b) = (dump(&killed).await, dump(&clean).await);
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert!(a.iter().filter(|l| l.starts_with("mail: ")).count() > 8_000, "invitations were sent");

    let o = clean.run(&["import", "people", path_arg(&file), "--quiet"]);
    assert_eq!(last_line(&o), format!("created=0 updated=0 unchanged={created} rejected={rejected}"));
}

/// The value after `key ` on a line of a command's output.
fn printed(o: &Output, key: &str) -> String {
    stdout(o).lines().find_map(|l| l.strip_prefix(key)).unwrap_or_else(|| panic!("no {key} in {o:?}")).trim().to_owned()
}

/// `halqe worker` with a short lease (longer than a batch's commit on a busy machine: SQLite makes the
/// heartbeat wait for it), its output dropped (it logs every mail it delivers).
fn worker(site: &Site) -> Child {
    site.command(&["worker"])
        .env("HALQE_JOB_LEASE_SECONDS", "8")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[tokio::test]
async fn a_queued_import_whose_worker_is_killed_resumes_and_ends_where_one_clean_run_does() {
    let killed = Site::new().await;
    let clean = Site::new().await;
    let mut bytes = Vec::new();
    halqe_bench::sample::write_people(&mut bytes, 12_000, 7, &[]).unwrap();
    let file = killed.file("people.csv", &bytes);

    let o = killed.run(&["import", "people", path_arg(&file), "--queue"]);
    assert!(o.status.success(), "{o:?}");
    let job = printed(&o, "job ");
    let progress = format!("SELECT progress_done FROM jobs WHERE id = '{job}'");
    let mut first = worker(&killed);
    let deadline = std::time::Instant::now() + Duration::from_secs(300);
    while std::time::Instant::now() < deadline {
        if killed.count(&progress).await >= 4_000 {
            break;
        }
        assert!(first.try_wait().unwrap().is_none(), "the worker stopped");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let at_kill = killed.count(&progress).await;
    assert!((4_000..12_000).contains(&at_kill), "{at_kill} rows done at the kill");
    let state = format!("SELECT COUNT(*) FROM jobs WHERE id = '{job}' AND state = 'running'");
    assert_eq!(killed.count(&state).await, 1, "the killed worker's job still holds its lease");

    let mut second = worker(&killed);
    let waited = killed.run(&["jobs", "--wait", &job]);
    second.kill().unwrap();
    second.wait().unwrap();
    assert!(waited.status.success(), "{waited:?}");
    let resumed = last_line(&waited);
    let history = format!("SELECT COUNT(*) FROM job_events WHERE job_id = '{job}' AND note = 'resumed'");
    assert_eq!(killed.count(&history).await, 1, "resumed once");
    let attempts = format!("SELECT attempts FROM jobs WHERE id = '{job}'");
    assert_eq!(killed.count(&attempts).await, 2);

    let o = clean.run(&["import", "people", path_arg(&file), "--quiet"]);
    assert!(o.status.success(), "{o:?}");
    assert_eq!(resumed, last_line(&o), "the resumed job's summary is one clean run's");
    assert!(resumed.starts_with("created=") && !resumed.starts_with("created=0 "), "{resumed}");

    // Mail is delivered (and may be rewritten) by the worker only on one side: compare the rest.
    let registry = |d: Vec<String>| d.into_iter().filter(|l| !l.starts_with("mail: ")).collect::<Vec<_>>();
    assert_eq!(registry(dump(&killed).await), registry(dump(&clean).await));
    let mails = "SELECT COUNT(*) FROM mail_outbox";
    assert_eq!(killed.count(mails).await, clean.count(mails).await, "no invitation twice, none lost");
}
