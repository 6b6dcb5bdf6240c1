//! The capacity directory and need matching over this node's index: visibility, Persian analysis,
//! highlighting, facets, explanations, and the feed that keeps the index current.

use halqe_db::people::{self, PersonRow, Publication};
use halqe_domain::user::Role;
use halqe_testing::{START_MS, TestApp};

/// Inserts a person the way every write path does (which also appends to the search feed).
async fn person(app: &TestApp, id_hint: &str, name: (&str, &str), visibility: &str, skills: &str, bio: &str) -> String {
    app.insert_person(PersonRow {
        first_name: name.0.into(),
        last_name: name.1.into(),
        province: Some("isfahan".into()),
        skills: skills.into(),
        bio_fa: bio.into(),
        availability: "available".into(),
        visibility: visibility.into(),
        source: format!("test:{id_hint}"),
        ..PersonRow::default()
    })
    .await
}

async fn page(client: &reqwest::Client, url: String) -> (u16, String) {
    let r = client.get(url).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

#[tokio::test]
async fn the_directory_respects_each_profiles_visibility_for_every_role() {
    let app = TestApp::spawn().await;
    person(&app, "pub", ("زهرا", "عمومی‌نژاد"), "public", "آزمون استخدامی", "طراحی آزمون‌های استخدامی").await;
    person(&app, "agc", ("مریم", "دستگاهی‌فر"), "agencies", "آزمون استخدامی", "سنجش شایستگی").await;
    person(&app, "prv", ("علی", "خصوصی‌پور"), "private", "آزمون استخدامی", "پایگاه سؤالات آزمون").await;
    assert_eq!(app.sync_index().await, 3);

    let cases: [(Option<Role>, bool, bool); 6] = [
        (None, false, false),
        (Some(Role::Innovator), false, false),
        (Some(Role::Officer), true, false),
        (Some(Role::Reviewer), true, false),
        (Some(Role::Staff), true, true),
        (Some(Role::Admin), true, true),
    ];
    for (role, sees_agencies, sees_private) in cases {
        let client = match role {
            Some(r) => app.signed_in(&format!("{}@search.test", r.code()), &[r]).await,
            None => app.client(),
        };
        let (status, html) = page(&client, app.url("/directory?q=آزمون+استخدامی")).await;
        assert_eq!(status, 200);
        assert!(html.contains("عمومی‌نژاد"), "{role:?} sees the public profile");
        assert_eq!(html.contains("دستگاهی‌فر"), sees_agencies, "{role:?} and the agencies-only profile");
        assert_eq!(html.contains("خصوصی‌پور"), sees_private, "{role:?} and the private profile");
    }
}

#[tokio::test]
async fn persian_spelling_variants_find_each_other_and_matches_are_highlighted() {
    let app = TestApp::spawn().await;
    // Written with Arabic ي and ك, as much imported data is.
    person(&app, "ar", ("علي", "كاظمي"), "public", "مديريت كاركنان، سامانه‌هاي اطلاعاتي", "").await;
    person(&app, "other", ("سارا", "رضایی"), "public", "حقوق و دستمزد", "").await;
    app.sync_index().await;
    let client = app.client();
    for q in ["مدیریت کارکنان", "مديريت كاركنان", "سامانه های اطلاعاتی", "سامانه‌ها"]
    {
        let (_, html) = page(&client, app.url(&format!("/directory?q={q}"))).await;
        assert!(html.contains("كاظمي"), "query {q:?} finds the Arabic-letter profile");
        assert!(!html.contains("رضایی"), "query {q:?} does not return the unrelated profile");
        assert!(html.contains("<mark>"), "query {q:?} highlights the match");
    }
    let (_, html) = page(&client, app.url("/directory?q=<script>alert(1)</script>")).await;
    assert!(!html.contains("<script>alert"), "the query is escaped when shown back");
}

#[tokio::test]
async fn facets_count_results_and_filter_them() {
    let app = TestApp::spawn().await;
    person(&app, "a", ("الف", "یکم"), "public", "داده‌کاوی", "").await;
    person(&app, "b", ("ب", "دوم"), "public", "داده‌کاوی", "").await;
    let id = person(&app, "c", ("ج", "سوم"), "public", "داده‌کاوی", "").await;
    let mut tx = app.app.db.begin().await.unwrap();
    let mut row = people::by_id(&mut tx, &halqe_domain::ids::PersonId::from_db(id)).await.unwrap().unwrap();
    row.province = Some("fars".into());
    people::update(&mut tx, &row).await.unwrap();
    halqe_db::commit(tx).await.unwrap();
    app.sync_index().await;
    let client = app.client();
    let (_, html) = page(&client, app.url("/directory?q=داده‌کاوی")).await;
    assert!(html.contains("\u{2068}۳\u{2069} نتیجه"), "three results");
    assert!(html.contains("فارس") && html.contains("اصفهان"), "province facets are listed");
    let (_, html) = page(&client, app.url("/directory?q=داده‌کاوی&province=fars")).await;
    assert!(
        html.contains("\u{2068}۱\u{2069} نتیجه") && html.contains("سوم") && !html.contains("یکم"),
        "the province filter applies"
    );
}

#[tokio::test]
async fn officers_match_a_need_and_see_why_innovators_cannot() {
    let app = TestApp::spawn().await;
    let expert = person(
        &app,
        "exp",
        ("نرگس", "تحلیلگر"),
        "agencies",
        "تحلیل داده منابع انسانی، یادگیری ماشین",
        "پیش‌بینی ترک خدمت کارکنان دولت",
    )
    .await;
    person(&app, "far", ("رضا", "نامربوط"), "agencies", "معماری ساختمان", "طراحی داخلی").await;
    person(&app, "hidden", ("پنهان", "خصوصی"), "private", "تحلیل داده منابع انسانی", "ترک خدمت").await;
    let mut tx = app.app.db.begin().await.unwrap();
    people::add_publication(
        &mut tx,
        &Publication {
            id: halqe_domain::ids::PersonId::new().to_string(),
            person_id: expert.clone(),
            title: "پیش‌بینی ترک خدمت کارکنان با یادگیری ماشین".into(),
            created_at: START_MS,
            ..Publication::default()
        },
    )
    .await
    .unwrap();
    halqe_db::commit(tx).await.unwrap();
    app.sync_index().await;

    let officer = app.signed_in("officer@match.test", &[Role::Officer]).await;
    let need = "نیاز به تحلیل داده‌های منابع انسانی برای پیش‌بینی ترک خدمت کارکنان";
    let (status, html) = page(&officer, app.url(&format!("/match?need={need}"))).await;
    assert_eq!(status, 200);
    let first = html.find("تحلیلگر").expect("the expert is proposed");
    assert!(!html.contains("خصوصی</bdi>"), "private profiles are never proposed to officers");
    if let Some(other) = html.find("نامربوط") {
        assert!(first < other, "the expert ranks first");
    }
    assert!(html.contains("چرا این پیشنهاد؟") && html.contains("شباهت متن"), "each result explains its score");
    assert!(html.contains("پیش‌بینی ترک خدمت کارکنان با یادگیری ماشین"), "the matched publication is named");

    let innovator = app.signed_in("innovator@match.test", &[Role::Innovator]).await;
    let (status, _) = page(&innovator, app.url(&format!("/match?need={need}"))).await;
    assert_eq!(status, 403);
}

#[tokio::test]
async fn explanations_show_the_words_of_the_need_and_the_profile_never_stems() {
    let app = TestApp::spawn().await;
    let linguist = person(
        &app,
        "nlp",
        ("مریم", "زبان‌شناس"),
        "public",
        "پردازش زبان فارسی، پژوهشگر ترجمه ماشینی",
        "رسیدگی خودکار به درخواست‌ها با متن‌کاوی",
    )
    .await;
    person(&app, "fars", ("بهرام", "شیرازی"), "public", "مدیریت منابع آب", "کارشناس آب منطقه‌ای استان فارس").await;
    app.sync_index().await;
    let need = "پژوهشگران پردازش زبان فارسی برای رسیدگی به درخواست‌های مردم";

    let officer = app.signed_in("officer@words.test", &[Role::Officer]).await;
    let (status, html) = page(&officer, app.url(&format!("/match?need={need}"))).await;
    assert_eq!(status, 200);
    assert!(html.contains("زبان‌شناس"), "the linguist is proposed");
    assert!(!html.contains("شیرازی"), "«فارسی» does not find the province of Fars");
    for written in ["<bdi>پژوهشگران</bdi>", "<bdi>پژوهشگر</bdi>", "<bdi>رسیدگی</bdi>", "<bdi>درخواست‌های</bdi>"]
    {
        assert!(html.contains(written), "{written} is shown as written");
    }
    for stem in ["<bdi>رسیدگ</bdi>", "<bdi>فارس</bdi>", "<bdi>درخواست</bdi>"] {
        assert!(!html.contains(stem), "no analyzer stem is shown: {stem}");
    }

    let token = app.csrf(&officer).await;
    let r = officer
        .post(app.url("/api/v1/match"))
        .header("x-csrf-token", token)
        .json(&serde_json::json!({ "need": need }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let matches: serde_json::Value = r.json().await.unwrap();
    assert_eq!(matches.as_array().unwrap().len(), 1, "{matches}");
    assert_eq!(matches[0]["id"], linguist.as_str());
    let words: Vec<(&str, &str)> = matches[0]["matched_terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["need"].as_str().unwrap(), t["profile"].as_str().unwrap()))
        .collect();
    for pair in [("پژوهشگران", "پژوهشگر"), ("فارسی", "فارسی"), ("رسیدگی", "رسیدگی"), ("درخواست‌های", "درخواست‌ها")]
    {
        assert!(words.contains(&pair), "{pair:?} in {words:?}");
    }
    for (need_word, _) in &words {
        assert!(need.contains(need_word), "«{need_word}» is written in the need");
    }
}

#[tokio::test]
async fn the_feed_keeps_the_index_current_and_readyz_reports_the_lag() {
    let app = TestApp::spawn().await;
    let client = app.client();
    let id = person(&app, "feed", ("کامران", "پیگیر"), "public", "رایانش ابری", "").await;
    let ready: serde_json::Value = client.get(app.url("/readyz")).send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["search_index"]["lag"], 1, "one change not yet applied: {ready}");
    app.sync_index().await;
    let ready: serde_json::Value = client.get(app.url("/readyz")).send().await.unwrap().json().await.unwrap();
    assert_eq!(ready["search_index"]["lag"], 0);
    assert!(page(&client, app.url("/directory?q=رایانش")).await.1.contains("پیگیر"));

    // A change to the profile replaces its document; the old text no longer matches.
    let mut tx = app.app.db.begin().await.unwrap();
    let mut row = people::by_id(&mut tx, &halqe_domain::ids::PersonId::from_db(id.clone())).await.unwrap().unwrap();
    row.skills = "امنیت شبکه".into();
    row.visibility = "private".into();
    people::update(&mut tx, &row).await.unwrap();
    halqe_db::commit(tx).await.unwrap();
    app.sync_index().await;
    let html = page(&client, app.url("/directory?q=رایانش")).await.1;
    assert!(!html.contains("پیگیر"), "old text gone and the profile is now private");
    assert_eq!(app.search.num_docs(), 1);

    // A rebuild from the database gives the same result.
    let rebuilt = halqe_app::search::feed::reindex(&app.app, &app.search, None).await.unwrap();
    assert_eq!(rebuilt, 1);
    assert_eq!(app.search.applied_seq().unwrap(), 2);
}

#[tokio::test]
async fn the_api_searches_and_matches_with_the_same_permissions_as_the_pages() {
    let app = TestApp::spawn().await;
    let public = person(&app, "api-pub", ("لیلا", "رابط‌نویس"), "public", "طراحی رابط برنامه‌نویسی", "").await;
    person(&app, "api-agc", ("کاوه", "درگاه‌ساز"), "agencies", "طراحی رابط برنامه‌نویسی", "").await;
    let mut tx = app.app.db.begin().await.unwrap();
    let mut row = people::by_id(&mut tx, &halqe_domain::ids::PersonId::from_db(public.clone())).await.unwrap().unwrap();
    row.national_id = Some("0013542419".into());
    row.mobile = Some("09121234567".into());
    people::update(&mut tx, &row).await.unwrap();
    halqe_db::commit(tx).await.unwrap();
    app.sync_index().await;

    let anon = app.client();
    let r = anon.get(app.url("/api/v1/search?q=رابط برنامه‌نویسی")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body = r.text().await.unwrap();
    let json: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(json["total"], 1, "anonymous sees only the public profile: {json}");
    assert_eq!(json["hits"][0]["id"], public.as_str());
    assert!(!body.contains("0013542419") && !body.contains("09121234567"), "no personal identifiers in the API");

    let r = anon
        .post(app.url("/api/v1/match"))
        .json(&serde_json::json!({ "need": "رابط برنامه‌نویسی" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "without a session the CSRF check refuses first");
    let token = app.csrf(&anon).await;
    let r = anon
        .post(app.url("/api/v1/match"))
        .header("x-csrf-token", token)
        .json(&serde_json::json!({ "need": "رابط برنامه‌نویسی" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 401);
    let err: serde_json::Value = r.json().await.unwrap();
    assert_eq!(err["error"], "unauthenticated");

    let officer = app.signed_in("officer@api.test", &[Role::Officer]).await;
    let token = app.csrf(&officer).await;
    let r = officer
        .post(app.url("/api/v1/match"))
        .header("x-csrf-token", token.clone())
        .json(&serde_json::json!({ "need": "طراحی رابط برنامه‌نویسی برای سامانه‌های دولتی", "top": 5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let matches: serde_json::Value = r.json().await.unwrap();
    assert_eq!(matches.as_array().unwrap().len(), 2, "the officer sees both: {matches}");
    let signals = matches[0]["signals"].as_array().unwrap();
    let shares: f64 = signals.iter().map(|s| s["share"].as_f64().unwrap()).sum();
    assert!((shares - 1.0).abs() < 1e-3, "signal shares add up to the score: {signals:?}");
    assert!(!matches[0]["matched_terms"].as_array().unwrap().is_empty());

    // Each field and each left-out id is checked against every candidate: over their limits (32 and 2000)
    // a need is refused before any search, naming the field; it was ranked before, however long it took.
    let many = |n: usize| (0..n).map(|i| format!("f{i}")).collect::<Vec<_>>();
    for (body, field) in [
        (serde_json::json!({ "need": "رابط", "fields": many(33) }), "fields"),
        (serde_json::json!({ "need": "رابط", "exclude": many(2001) }), "exclude"),
    ] {
        let r = officer.post(app.url("/api/v1/match")).header("x-csrf-token", token.clone()).json(&body).send().await;
        let r = r.unwrap();
        assert_eq!(r.status(), 422, "{field}");
        let err: serde_json::Value = r.json().await.unwrap();
        assert_eq!(err["fields"][0]["field"], field, "{err}");
        assert_eq!(err["fields"][0]["code"], "too_many", "{err}");
    }
    let at_limit = serde_json::json!({ "need": "رابط", "fields": many(32), "exclude": many(2000) });
    let r = officer.post(app.url("/api/v1/match")).header("x-csrf-token", token.clone()).json(&at_limit).send().await;
    assert_eq!(r.unwrap().status(), 200, "at the limits a need is ranked");

    let r = officer.post(app.url("/api/v1/match")).header("x-csrf-token", token).body("not json").send().await.unwrap();
    assert_eq!(r.status(), 400);
    assert_eq!(r.json::<serde_json::Value>().await.unwrap()["error"], "bad_request");

    let innovator = app.signed_in("innovator@api.test", &[Role::Innovator]).await;
    let token = app.csrf(&innovator).await;
    let r = innovator
        .post(app.url("/api/v1/match"))
        .header("x-csrf-token", token)
        .json(&serde_json::json!({ "need": "x" }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
}

#[tokio::test]
async fn an_officer_of_no_agency_may_not_match_needs_or_ask_for_introductions() {
    let app = TestApp::spawn().await;
    person(&app, "exp", ("نرگس", "تحلیلگر"), "agencies", "تحلیل داده منابع انسانی", "ترک خدمت").await;
    app.sync_index().await;
    let officer = app.signed_in("left@agency.test", &[Role::Officer]).await;
    let need = "تحلیل داده منابع انسانی";
    assert_eq!(page(&officer, app.url(&format!("/match?need={need}"))).await.0, 200);

    // The officer's agency link ends (they left it); the role alone no longer lets them match.
    app.sql_exec("UPDATE users SET agency_id = NULL WHERE email = 'left@agency.test'").await;
    assert_eq!(page(&officer, app.url(&format!("/match?need={need}"))).await.0, 403, "the match page");
    let token = app.csrf(&officer).await;
    let r = officer
        .post(app.url("/api/v1/match"))
        .header("x-csrf-token", token.clone())
        .json(&serde_json::json!({ "need": need }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "the match API");
    let r = officer
        .post(app.url("/api/v1/introductions"))
        .header("x-csrf-token", token)
        .json(&serde_json::json!({ "need": need, "candidates": [] }))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403, "asking for introductions");
}
