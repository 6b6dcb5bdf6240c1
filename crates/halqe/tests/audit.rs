//! `halqe audit …` end to end on the configured backend: signed checkpoints catch a history rewritten by
//! direct SQL (hashes and head recomputed), forged checkpoints, untrusted keys and deleted entries; an
//! auditor's exported copy still catches a rewrite after the stored checkpoints are deleted.
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::process::{Command, Output, Stdio};

use halqe_testing::{Backend, Store, fresh_database};
use sqlx::Connection;

/// A migrated database, a data directory (holding the key file) and the real binary.
struct Auditor {
    dir: tempfile::TempDir,
    url: String,
    _store: Option<Store>,
}

impl Auditor {
    async fn new() -> Self {
        let (url, store) = fresh_database(Backend::from_env()).await;
        let me = Self { dir: tempfile::tempdir().unwrap(), url, _store: Some(store) };
        let o = me.halqe(&["migrate"], &[]);
        assert!(o.status.success(), "{}", said(&o));
        me
    }

    /// Runs `halqe` with extra environment variables.
    fn halqe(&self, args: &[&str], env: &[(&str, &str)]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_halqe"))
            .arg("--data-dir")
            .arg(self.dir.path())
            .args(args)
            .env("DATABASE_URL", &self.url)
            .env("HALQE_SEMANTIC_MODEL", "off")
            .env("HALQE_CONFIG", self.dir.path().join("none.toml"))
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .output()
            .unwrap()
    }

    /// Runs `halqe` and expects success.
    fn ok(&self, args: &[&str]) -> String {
        let o = self.halqe(args, &[]);
        assert!(o.status.success(), "halqe {args:?}: {}", said(&o));
        said(&o)
    }

    /// Runs `halqe` and expects failure.
    fn fails(&self, args: &[&str]) -> String {
        let o = self.halqe(args, &[]);
        assert!(!o.status.success(), "halqe {args:?} should fail: {}", said(&o));
        said(&o)
    }

    async fn conn(&self) -> sqlx::AnyConnection {
        sqlx::any::install_default_drivers();
        sqlx::AnyConnection::connect(&self.url).await.unwrap()
    }

    async fn sql(&self, statement: &str) {
        sqlx::query(statement).execute(&mut self.conn().await).await.unwrap();
    }

    /// Appends `n` entries the way every use case does: one by one, or all in one batch.
    async fn append_as(&self, n: usize, batch: bool) {
        let db = halqe_db::Db::connect(&self.url, 1).await.unwrap();
        let mut tx = db.begin().await.unwrap();
        let details: Vec<serde_json::Value> = (0..n).map(|i| serde_json::json!({ "i": i })).collect();
        let entries: Vec<halqe_db::audit::Entry<'_>> = details
            .iter()
            .map(|details| halqe_db::audit::Entry {
                actor_id: None,
                action: "test.append",
                subject_type: "test",
                subject_id: "entry",
                details,
            })
            .collect();
        const AT: i64 = 1_795_852_800_000;
        if batch {
            halqe_db::audit::append_all(&mut tx, &entries, AT).await.unwrap();
        } else {
            for entry in &entries {
                halqe_db::audit::append(&mut tx, entry, AT).await.unwrap();
            }
        }
        halqe_db::commit(tx).await.unwrap();
        db.close().await;
    }

    async fn append(&self, n: usize) {
        self.append_as(n, false).await;
    }

    /// What a writer with database access does: edits entry `seq`, then recomputes every later hash and the
    /// head with plain SQL, so the chain alone checks out again.
    async fn rewrite(&self, seq: i64) {
        let mut conn = self.conn().await;
        let entries = halqe_db::audit::page(&mut conn, 0, 10_000).await.unwrap();
        let mut prev = "0".repeat(64);
        for mut e in entries {
            if e.seq == seq {
                e.details = r#"{"i":"rewritten"}"#.into();
            }
            if e.seq >= seq {
                e.prev_hash = prev.clone();
                e.hash = e.expected_hash();
                sqlx::query("UPDATE audit_log SET details = $1, prev_hash = $2, hash = $3 WHERE seq = $4")
                    .bind(&e.details)
                    .bind(&e.prev_hash)
                    .bind(&e.hash)
                    .bind(e.seq)
                    .execute(&mut conn)
                    .await
                    .unwrap();
            }
            prev = e.hash;
        }
        sqlx::query("UPDATE audit_head SET hash = $1").bind(&prev).execute(&mut conn).await.unwrap();
    }

    fn path(&self, name: &str) -> String {
        self.dir.path().join(name).to_str().unwrap().to_owned()
    }
}

fn said(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

/// The public key `halqe audit keygen` printed.
fn public_key(keygen: &str) -> String {
    keygen.lines().find_map(|l| l.strip_prefix("public key: ")).unwrap().to_owned()
}

#[tokio::test]
async fn a_rewritten_history_fails_verification_naming_the_entries() {
    let a = Auditor::new().await;
    let keygen = a.ok(&["audit", "keygen"]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(a.path("audit-signing.key")).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the key file is its owner's alone");
    }
    assert!(a.fails(&["audit", "keygen"]).contains("already exists"), "a key is never replaced");
    a.append(4).await;
    assert!(a.ok(&["audit", "checkpoint"]).contains("checkpoint signed: entry 4"));
    a.append(4).await;
    assert!(a.ok(&["audit", "checkpoint"]).contains("checkpoint signed: entry 8"));
    a.append(2).await;
    let out = a.ok(&["audit", "verify"]);
    assert!(out.contains("audit chain intact: 10 entries, 2 checkpoints verified"), "{out}");
    assert!(!out.contains("warning"), "{out}");
    let out = a.ok(&["audit", "verify", "--public-key", &public_key(&keygen)]);
    assert!(out.contains("2 checkpoints verified"), "{out}");
    let exported = a.halqe(&["audit", "export-checkpoints"], &[]);
    assert!(exported.status.success());
    assert_eq!(String::from_utf8_lossy(&exported.stdout).lines().count(), 2);
    std::fs::write(a.path("kept-elsewhere.jsonl"), &exported.stdout).unwrap();

    a.rewrite(6).await;
    let out = a.fails(&["audit", "verify"]);
    assert!(out.contains("the checkpoint of entry 8") && out.contains("the change lies in entries 5 to 8"), "{out}");
    assert!(!out.contains("does not match the chain: it was edited"), "the chain alone checks out: {out}");

    // Deleting the stored checkpoints as well hides the rewrite from the database alone (a warning)…
    a.sql("DELETE FROM audit_checkpoints").await;
    let out = a.ok(&["audit", "verify"]);
    assert!(out.contains("warning: There is no signed checkpoint yet"), "{out}");
    // …but not from the copy the auditor kept.
    let out = a.fails(&["audit", "verify", "--checkpoints", &a.path("kept-elsewhere.jsonl")]);
    assert!(out.contains("the change lies in entries 5 to 8"), "{out}");

    std::fs::write(a.path("garbled.jsonl"), "{\"seq\": 1}\n").unwrap();
    let out = a.fails(&["audit", "verify", "--checkpoints", &a.path("garbled.jsonl")]);
    assert!(out.contains("Lines of the checkpoint file that are not checkpoints: 1; the first is line 1"), "{out}");
}

#[tokio::test]
async fn a_forged_checkpoint_or_an_untrusted_key_fails_verification() {
    let a = Auditor::new().await;
    let ours = public_key(&a.ok(&["audit", "keygen"]));
    a.append(3).await;
    a.ok(&["audit", "checkpoint"]);

    // A checkpoint signed with another key (say, an intruder's).
    let other_file = a.path("intruder.key");
    let env = [("HALQE_AUDIT_KEY_FILE", other_file.as_str())];
    let theirs = public_key(&said(&a.halqe(&["audit", "keygen"], &env)));
    assert!(a.halqe(&["audit", "checkpoint"], &env).status.success());
    let out = a.fails(&["audit", "verify"]);
    assert!(out.contains("Checkpoints signed by a key that is not trusted: 1") && out.contains(&theirs), "{out}");
    // Trusting it explicitly (e.g. another node's key) makes both pass; trusting only it fails ours.
    let out = a.ok(&["audit", "verify", "--public-key", &ours, "--public-key", &theirs]);
    assert!(out.contains("2 checkpoints verified"), "{out}");
    let out = a.fails(&["audit", "verify", "--public-key", &theirs]);
    assert!(out.contains("signed by a key that is not trusted"), "{out}");
    assert!(a.fails(&["audit", "verify", "--public-key", "abc"]).contains("not an Ed25519 public key"));

    // The intruder's checkpoint claiming our key: its signature does not verify.
    a.sql(&format!("UPDATE audit_checkpoints SET public_key = '{ours}' WHERE public_key = '{theirs}'")).await;
    let out = a.fails(&["audit", "verify"]);
    assert!(
        out.contains("Checkpoints whose signature does not verify (forged or altered): 1") && out.contains("entry 3"),
        "{out}"
    );
}

#[tokio::test]
async fn entries_deleted_after_a_checkpoint_are_reported() {
    let a = Auditor::new().await;
    assert!(a.fails(&["audit", "checkpoint"]).contains("no audit signing key at"), "signing needs the key file");
    a.ok(&["audit", "keygen"]);
    a.append(6).await;
    a.ok(&["audit", "checkpoint"]);
    // The last two entries removed and the head moved back: the chain alone is consistent again.
    let mut conn = a.conn().await;
    let hash: String =
        sqlx::query_scalar("SELECT hash FROM audit_log WHERE seq = 4").fetch_one(&mut conn).await.unwrap();
    a.sql("DELETE FROM audit_log WHERE seq > 4").await;
    a.sql(&format!("UPDATE audit_head SET seq = 4, hash = '{hash}'")).await;
    let out = a.fails(&["audit", "verify"]);
    assert!(out.contains("attests 6 entries, but the chain ends at entry 4"), "{out}");
}

#[tokio::test]
async fn entries_appended_in_one_batch_chain_like_single_ones() {
    let a = Auditor::new().await;
    a.ok(&["audit", "keygen"]);
    a.append(2).await;
    // Past the 100 rows of one multi-row statement, so the batch spans two.
    a.append_as(150, true).await;
    a.append(1).await;
    assert!(a.ok(&["audit", "checkpoint"]).contains("checkpoint signed: entry 153"));
    let out = a.ok(&["audit", "verify"]);
    assert!(out.contains("audit chain intact: 153 entries, 1 checkpoints verified"), "{out}");
    let mut conn = a.conn().await;
    let (seq, hash) = halqe_db::audit::head(&mut conn).await.unwrap();
    assert_eq!(Some(hash), halqe_db::audit::hash_at(&mut conn, seq).await.unwrap(), "the head is the last link");
    // An entry inside the batch rewritten with every later hash recomputed is caught by the checkpoint.
    a.rewrite(100).await;
    let out = a.fails(&["audit", "verify"]);
    assert!(out.contains("the checkpoint of entry 153"), "{out}");
}

#[tokio::test]
async fn a_tampered_decision_fails_verification() {
    use halqe_domain::user::Role;
    let app = halqe_testing::TestApp::spawn().await;
    let w = halqe_testing::evaluation::world(&app, &[("panel", 0)], 1).await;
    let staff = app.signed_in("staff@tamper.test", &[Role::Staff]).await;
    assert_eq!(w.open(&app, &staff).await, 303);
    let p = &w.applicants[0].proposal;
    let reason = "طرح با هدف چالش همخوان نیست";
    let fields = [("outcome", "no_award"), ("reason", reason), ("revision", "0")];
    let r = app.post_form(&staff, &format!("/proposals/{p}/decisions"), &fields).await;
    assert_eq!(r.status(), 303);
    let seq = app.sql_count(&format!("SELECT audit_seq FROM decisions WHERE proposal_id = '{p}'")).await;
    let a = Auditor { dir: tempfile::tempdir().unwrap(), url: app.database_url.clone(), _store: None };
    a.ok(&["audit", "keygen"]);
    assert!(a.ok(&["audit", "verify"]).contains("audit chain intact"));
    // Someone with database access makes the decision read as an award.
    a.sql(&format!("UPDATE audit_log SET details = REPLACE(details, 'no_award', 'award') WHERE seq = {seq}")).await;
    let out = a.fails(&["audit", "verify"]);
    assert!(out.contains(&format!("Entry {seq} does not match the chain")), "the edited entry is named: {out}");
}
