//! The operator CLI end to end, on the configured test backend.
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use std::io::Write;
use std::process::{Command, Output, Stdio};

use halqe_testing::{Backend, fresh_database, sql_count};

fn halqe(data_dir: &std::path::Path, database_url: &str, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_halqe"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("HALQE_SEMANTIC_MODEL", "off")
        .env("HALQE_CONFIG", data_dir.join("none.toml"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr))
}

#[tokio::test]
async fn migrate_create_admin_demo_and_verify_the_audit_chain() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    let o = halqe(d, &url, &["migrate"], "");
    assert!(o.status.success(), "{}", text(&o));

    let o = halqe(
        d,
        &url,
        &["user", "create", "--email", "Root@Halqe.IR", "--name", "مدير", "--role", "admin"],
        "a-long-enough-password\n",
    );
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("created user"));

    let o = halqe(
        d,
        &url,
        &["user", "create", "--email", "root@halqe.ir", "--name", "x", "--role", "admin"],
        "another-long-password\n",
    );
    assert!(!o.status.success(), "a taken email is refused");
    assert!(text(&o).contains("email: email_taken"), "{}", text(&o));

    let o =
        halqe(d, &url, &["user", "create", "--email", "short@halqe.ir", "--name", "x", "--role", "staff"], "short\n");
    assert!(!o.status.success());
    assert!(text(&o).contains("password: password_too_short"), "{}", text(&o));

    let o = halqe(
        d,
        &url,
        &["user", "create", "--email", "o@halqe.ir", "--name", "x", "--role", "officer"],
        "a-long-enough-password\n",
    );
    assert!(!o.status.success(), "an officer needs an agency");

    for _ in 0..2 {
        let o = halqe(d, &url, &["demo"], "");
        assert!(o.status.success(), "{}", text(&o));
    }
    let o = halqe(d, &url, &["audit", "verify"], "");
    assert!(o.status.success(), "{}", text(&o));
    // The admin created above, the demo data, its open identity conflict, its two bulk imports (the cut-off
    // workbook that failed, then the file), its officer invitation (the dead letter), every recorded step
    // of its call and seven challenges (25), its call's two evaluation stages and their five criteria (7),
    // its questions' asking, answers, hiding and merging (11), its five invitations to apply with their
    // three answers or withdrawals (8), its proposals' eight submissions and one withdrawal (9), and on the
    // challenge in evaluation: two proposals entered, two decisions and one appeal (5), two more proposals
    // entered (2), the reviewer pool of two, the solve started and applied with its two assignments (6);
    // the second `demo` adds nothing.
    assert!(text(&o).contains("audit chain intact: 79 entries"), "{}", text(&o));
    // The challenge in evaluation: two proposals under review in screening, two reviewers, each proposal
    // assigned by the solver; one more advanced to expert review, and one rejected with an appeal pending.
    let screening = "SELECT COUNT(*) FROM proposal_evaluations e JOIN call_stages s ON s.id = e.stage_id \
        WHERE e.state = 'in_review' AND s.position = 1";
    assert_eq!(sql_count(&url, screening).await, 2);
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM call_reviewers").await, 2);
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM assignment_runs WHERE state = 'applied'").await, 1);
    assert_eq!(sql_count(&url, "SELECT COUNT(DISTINCT proposal_id) FROM assignments WHERE state = 'active'").await, 2);
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM decisions WHERE audit_seq IS NOT NULL").await, 2);
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM appeals WHERE state = 'pending'").await, 1);
    // Every proposal in evaluation came in while its challenge was published, and that challenge is now in
    // evaluation; the demo reviewer's registry profile gives the solver words, so an assignment has affinity.
    let outside = "SELECT COUNT(*) FROM proposal_evaluations e JOIN proposals p ON p.id = e.proposal_id \
        JOIN challenges c ON c.id = p.challenge_id WHERE c.status <> 'in_evaluation' OR p.submitted_at > c.deadline_at";
    assert_eq!(sql_count(&url, outside).await, 0);
    let matched = "SELECT COUNT(*) FROM assignments a JOIN users u ON u.id = a.user_id \
        WHERE u.email = 'reviewer@halqe.demo' AND a.state = 'active' AND a.affinity > 0";
    assert!(sql_count(&url, matched).await >= 1);
    // An auditor account, so the demo shows /audit.
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM user_roles WHERE role = 'auditor'").await, 1);
    // The demo's introductions carry their conversations and the notifications their parties got (the
    // going-on conversation's unread), and three demo accounts' own notification settings.
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM messages WHERE subject_kind = 'introduction'").await, 5);
    assert_eq!(
        sql_count(&url, "SELECT COUNT(*) FROM notifications WHERE read_at IS NULL AND kind = 'message'").await,
        3
    );
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM notification_settings").await, 3);
    // Its challenges carry questions in every state and one review conversation.
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM questions").await, 6);
    assert_eq!(sql_count(&url, "SELECT COUNT(*) FROM messages WHERE subject_kind = 'challenge'").await, 3);

    // The demo holds «پردازش زبان فارسی» in a profile and «استان فارس» in others: the explanation names
    // the words as written, and «فارسی» is not the province.
    let need = "پردازش زبان فارسی برای رسیدگی به شکایات";
    let o = halqe(d, &url, &["match", "--need", need, "--json"], "");
    assert!(o.status.success(), "{}", text(&o));
    let matches: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let words: Vec<(&str, &str)> = matches
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|m| m["matched_terms"].as_array().unwrap())
        .map(|t| (t["need"].as_str().unwrap(), t["profile"].as_str().unwrap()))
        .collect();
    assert!(words.contains(&("فارسی", "فارسی")) && words.contains(&("رسیدگی", "رسیدگی")), "{words:?}");
    for (need_word, profile_word) in &words {
        assert!(need.contains(need_word), "«{need_word}» is written in the need");
        assert!(!profile_word.is_empty() && *profile_word != "فارس", "{words:?}");
    }
    let o = halqe(d, &url, &["match", "--need", need], "");
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("words: ") && text(&o).contains("فارسی"), "{}", text(&o));
    let printed = text(&o);
    let lines: Vec<&str> = printed.lines().filter(|l| l.trim_start().starts_with("words: ")).collect();
    assert!(lines.iter().any(|l| l.contains("رسیدگی")), "{printed}");
    for stem in ["رسیدگ", "فارس"] {
        let as_word = |w: &str| w.trim_matches(|c: char| "(),".contains(c)) == stem;
        assert!(!lines.iter().any(|l| l.split_whitespace().any(as_word)), "no stem «{stem}»: {printed}");
    }

    // A rebuild of the index reports its progress; standard error is no terminal here, so as plain lines.
    let records = sql_count(
        &url,
        "SELECT (SELECT COUNT(*) FROM people) + (SELECT COUNT(*) FROM organizations) + (SELECT COUNT(*) FROM challenges)",
    )
    .await;
    let o = halqe(d, &url, &["reindex"], "");
    assert!(o.status.success(), "{}", text(&o));
    let progress = String::from_utf8_lossy(&o.stderr);
    for line in [format!("documents 0/{records} (0%)\n"), format!("documents {records}/{records} (100%)\n")] {
        assert!(progress.contains(&line), "{line:?} in {progress}");
    }
    assert!(String::from_utf8_lossy(&o.stdout).contains("reindexed "), "{}", text(&o));

    let o = halqe(d, &url, &["--help"], "");
    for cmd in ["serve", "migrate", "demo", "user", "audit"] {
        assert!(text(&o).contains(cmd), "--help lists {cmd}");
    }
}

#[tokio::test]
async fn serve_answers_and_stops_gracefully_on_sigterm() {
    let (url, _store) = fresh_database(Backend::from_env()).await;
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let mut child = Command::new(env!("CARGO_BIN_EXE_halqe"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--listen", &format!("127.0.0.1:{port}")])
        .env("DATABASE_URL", &url)
        .env("HALQE_SEMANTIC_MODEL", "off")
        .stdout(Stdio::piped())
        // A file, not a pipe nobody reads while it runs: a full pipe would stall the server.
        .stderr(std::fs::File::create(dir.path().join("log")).unwrap())
        .spawn()
        .unwrap();
    let (lines_tx, lines) = std::sync::mpsc::channel();
    let stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in std::io::BufRead::lines(stdout).map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let client = reqwest::Client::new();
    let mut ready = false;
    for _ in 0..100 {
        if let Ok(r) = client.get(format!("http://127.0.0.1:{port}/readyz")).send().await {
            ready = r.status() == 200;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "server became ready");
    // The demo's audit record gets a signed checkpoint at start, with a key file only its owner can read.
    let mut checkpoints = 0;
    for _ in 0..50 {
        checkpoints = sql_count(&url, "SELECT COUNT(*) FROM audit_checkpoints").await;
        if checkpoints > 0 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(checkpoints, 1, "one checkpoint signed at start");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let key = std::fs::metadata(dir.path().join("audit-signing.key")).unwrap();
        assert_eq!(key.permissions().mode() & 0o777, 0o600);
    }
    // The demo opens /metrics with a token of its own, printed once beside the demo accounts.
    let mut printed = Vec::new();
    while !printed.last().is_some_and(|l: &String| l.starts_with("Metrics: ")) {
        printed.push(lines.recv_timeout(std::time::Duration::from_secs(10)).expect("the metrics line"));
    }
    let token = printed.last().unwrap().split("Bearer ").nth(1).unwrap().split('\'').next().unwrap().to_owned();
    let metrics = format!("http://127.0.0.1:{port}/metrics");
    assert_eq!(client.get(&metrics).send().await.unwrap().status(), 401);
    let r = client.get(&metrics).bearer_auth(&token).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.text().await.unwrap().contains("halqe_jobs{state=\"queued\"}"));
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful exit after SIGTERM: {exit:?}");
    let stdout = printed.join("\n");
    assert!(stdout.contains("Halqe is running at") && stdout.contains("admin@halqe.demo"), "{stdout}");
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(log.contains("INFO") && !log.contains('\u{1b}'), "plain-text logs when not on a terminal: {log:?}");
    assert!(!log.contains(&token), "the metrics token is never logged");
}
