//! The semantic signal on a serving node: the feed embeds profiles, matching embeds the need, and the
//! explanation shows the signal. Needs `scripts/fetch-e5` and `--features semantic`:
//! `cargo test -p halqe --features semantic --test semantic`; the default test run skips this file.
#![cfg(feature = "semantic")]

use halqe_db::people::PersonRow;
use halqe_domain::user::Role;
use halqe_testing::TestApp;

/// An officer's need that shares no expertise word with either profile.
const NEED: &str = "کاهش زمان انتظار مراجعان در ادارات دولتی";

#[tokio::test]
async fn a_profile_about_the_same_problem_in_other_words_gets_the_larger_semantic_signal() {
    let app = TestApp::spawn_semantic().await;
    // Candidates come from the index by the need's words, so each profile shares one, «دولتی», and
    // nothing else with the need: the text signal cannot tell them apart, the semantic one must.
    let profiles = [
        ("queues", "نوبت‌دهی الکترونیک", "صف‌های طولانی و نوبت‌دهی الکترونیک در دفاتر پیشخوان دولتی"),
        ("taxes", "حسابداری مالیاتی", "حسابداری مالیاتی شرکت‌های دولتی"),
    ];
    let mut ids = Vec::new();
    for (hint, skills, bio) in profiles {
        let row = PersonRow {
            first_name: "نسرین".into(),
            last_name: hint.into(),
            skills: skills.into(),
            bio_fa: bio.into(),
            availability: "available".into(),
            visibility: "agencies".into(),
            source: format!("test:{hint}"),
            ..PersonRow::default()
        };
        ids.push(app.insert_person(row).await);
    }
    assert_eq!(app.sync_index().await, 2);

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
    let matches: serde_json::Value = r.json().await.unwrap();
    let matches = matches.as_array().unwrap();
    assert_eq!(matches.len(), 2, "both profiles are candidates: {matches:?}");
    let semantic = |id: &str| {
        let m = matches.iter().find(|m| m["id"] == id).unwrap();
        let s = m["signals"].as_array().unwrap().iter().find(|s| s["signal"] == "semantic");
        let s = s.unwrap_or_else(|| panic!("no semantic signal in {m}"));
        (s["value"].as_f64().unwrap(), s["share"].as_f64().unwrap())
    };
    let (queues, queues_share) = semantic(&ids[0]);
    let (taxes, _) = semantic(&ids[1]);
    assert!(queues > taxes, "queues {queues} vs taxes {taxes}");
    assert!(queues_share > 0.0 && queues_share <= 1.0, "{queues_share}");
    assert_eq!(matches[0]["id"], ids[0].as_str(), "the semantic signal ranks the queue profile first: {matches:?}");

    // The page names the signal in the viewer's language.
    let html = officer.get(app.url(&format!("/match?need={NEED}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("شباهت معنایی"), "the /match page shows the semantic signal");
}
