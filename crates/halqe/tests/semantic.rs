//! The semantic signal on a serving node: the feed embeds profiles, matching embeds the need, and the
//! explanation shows the signal. Needs `scripts/fetch-e5` and `--features semantic`:
//! `cargo test -p halqe --features semantic --test semantic`; the default test run skips this file.
#![cfg(feature = "semantic")]

use halqe_db::people::{self, PersonRow, Publication};
use halqe_domain::user::Role;
use halqe_testing::TestApp;

/// An officer's need that shares no expertise word with either profile.
const NEED: &str = "کاهش زمان انتظار مراجعان در ادارات دولتی";

/// Two people whose work is described in other words: about waiting queues (first) and about taxes.
/// Candidates come from the index by the need's words, so each text shares one, «دولتی», and nothing
/// else with the need: the text signal cannot tell them apart, the semantic one must.
const WORK: [(&str, &str, &str); 2] = [
    ("queues", "نوبت‌دهی الکترونیک", "صف‌های طولانی و نوبت‌دهی الکترونیک در دفاتر پیشخوان دولتی"),
    ("taxes", "حسابداری مالیاتی", "حسابداری مالیاتی شرکت‌های دولتی"),
];

/// Adds the two people of [`WORK`], their work in their profile text or in their one publication, lets
/// the feed embed them, and returns their ids and the officer's `/api/v1/match` answer for [`NEED`].
async fn match_two(app: &TestApp, in_publication: bool) -> (Vec<String>, Vec<serde_json::Value>, reqwest::Client) {
    let mut ids = Vec::new();
    for (hint, skills, text) in WORK {
        let mut row = PersonRow {
            first_name: "نسرین".into(),
            last_name: hint.into(),
            availability: "available".into(),
            visibility: "agencies".into(),
            source: format!("test:{hint}"),
            ..PersonRow::default()
        };
        if !in_publication {
            (row.skills, row.bio_fa) = (skills.into(), text.into());
        }
        let id = app.insert_person(row).await;
        if in_publication {
            let mut conn = app.app.db.conn().await.unwrap();
            let publication = Publication {
                id: format!("pub-{hint}"),
                person_id: id.clone(),
                title: text.into(),
                year: Some(2024),
                ..Publication::default()
            };
            people::add_publication(&mut conn, &publication).await.unwrap();
        }
        ids.push(id);
    }
    let changes = if in_publication { 4 } else { 2 };
    assert_eq!(app.sync_index().await, changes, "one feed change per person and per publication");

    let officer = app.signed_in("officer@semantic.test", &[Role::Officer]).await;
    let token = app.csrf(&officer).await;
    let r = officer
        .post(app.url("/api/v1/match"))
        .header("x-csrf-token", token)
        .json(&serde_json::json!({ "need": NEED, "top": 5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let matches: Vec<serde_json::Value> = r.json().await.unwrap();
    assert_eq!(matches.len(), 2, "both profiles are candidates: {matches:?}");
    (ids, matches, officer)
}

/// The semantic signal's value and share in one candidate's explanation.
fn semantic(matches: &[serde_json::Value], id: &str) -> (f64, f64) {
    let m = matches.iter().find(|m| m["id"] == id).unwrap();
    let s = m["signals"].as_array().unwrap().iter().find(|s| s["signal"] == "semantic");
    let s = s.unwrap_or_else(|| panic!("no semantic signal in {m}"));
    (s["value"].as_f64().unwrap(), s["share"].as_f64().unwrap())
}

/// Checks the queue person has the larger semantic signal and ranks first; returns their signal's share.
fn queues_first(ids: &[String], matches: &[serde_json::Value]) -> f64 {
    let (queues, share) = semantic(matches, &ids[0]);
    let (taxes, _) = semantic(matches, &ids[1]);
    assert!(queues > taxes, "queues {queues} vs taxes {taxes}");
    assert_eq!(matches[0]["id"], ids[0].as_str(), "the semantic signal ranks the queue person first: {matches:?}");
    share
}

#[tokio::test]
async fn a_profile_about_the_same_problem_in_other_words_gets_the_larger_semantic_signal() {
    let app = TestApp::spawn_semantic().await;
    let (ids, matches, officer) = match_two(&app, false).await;
    let share = queues_first(&ids, &matches);
    assert!(share > 0.0 && share <= 1.0, "{share}");

    // The page names the signal in the viewer's language.
    let html = officer.get(app.url(&format!("/match?need={NEED}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("شباهت معنایی"), "the /match page shows the semantic signal");
}

#[tokio::test]
async fn publications_are_embedded_one_by_one_and_carry_the_signal_alone() {
    let app = TestApp::spawn_semantic().await;
    // Nothing but one publication each: no summary to embed, so any semantic signal comes from the
    // publication's own vector, stored by the feed and read back by the matcher.
    let (ids, matches, _) = match_two(&app, true).await;
    queues_first(&ids, &matches);
}
