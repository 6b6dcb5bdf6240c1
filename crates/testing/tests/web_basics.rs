//! Health endpoints, security headers, localized error pages, static assets, translations, pending migrations, demo data.

use std::collections::BTreeSet;

use halqe_domain::locale::Locale;
use halqe_testing::TestApp;

#[tokio::test]
async fn health_and_readiness() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let r = c.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let r = c.get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let body: serde_json::Value = r.json().await.unwrap();
    assert_eq!(body["ready"], true);
    assert_eq!(body["pending_migrations"], 0);
}

#[tokio::test]
async fn readiness_reports_an_unreachable_database() {
    let app = TestApp::spawn().await;
    app.app.db.close().await;
    let r = app.client().get(app.url("/readyz")).send().await.unwrap();
    assert_eq!(r.status(), 503);
}

#[tokio::test]
async fn security_headers_on_every_page() {
    let app = TestApp::spawn().await;
    for path in ["/", "/login", "/no-such-page"] {
        let r = app.client().get(app.url(path)).send().await.unwrap();
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}: {csp}");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert_eq!(h["x-frame-options"], "DENY");
        assert!(h.contains_key("x-request-id"));
    }
}

#[tokio::test]
async fn pages_have_no_inline_script() {
    let app = TestApp::spawn().await;
    let html = app.client().get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    for chunk in html.split("<script").skip(1) {
        let tag_end = chunk.find('>').unwrap();
        assert!(chunk[..tag_end].contains("src="), "inline script found: <script{}", &chunk[..tag_end]);
    }
}

#[tokio::test]
async fn unknown_pages_get_a_localized_404() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let r = c.get(app.url("/no-such-page")).send().await.unwrap();
    assert_eq!(r.status(), 404);
    let body = r.text().await.unwrap();
    assert!(body.contains("صفحه پیدا نشد") && body.contains("dir=\"rtl\""), "{body}");
    app.post_form(&c, "/lang", &[("lang", "en")]).await;
    let body = c.get(app.url("/no-such-page")).send().await.unwrap().text().await.unwrap();
    assert!(body.contains("Page not found") && body.contains("dir=\"ltr\""), "{body}");
}

#[tokio::test]
async fn static_assets_are_served_from_the_binary() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let css = c.get(app.url("/static/app.css")).send().await.unwrap();
    assert_eq!(css.status(), 200);
    assert!(css.headers()["content-type"].to_str().unwrap().starts_with("text/css"));
    let font = c.get(app.url("/static/fonts/Vazirmatn[wght].woff2")).send().await.unwrap();
    assert_eq!(font.status(), 200);
    assert_eq!(font.headers()["content-type"], "font/woff2");
    assert_eq!(&font.bytes().await.unwrap()[..4], b"wOF2");
    let js = c.get(app.url("/static/htmx.min.js")).send().await.unwrap();
    assert!(js.text().await.unwrap().contains("htmx"));
    assert_eq!(c.get(app.url("/static/../Cargo.toml")).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn persian_by_default_english_on_request() {
    let app = TestApp::spawn().await;
    let c = app.client();
    let html = c.get(app.url("/")).header("accept-language", "en-US").send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"fa\" dir=\"rtl\">"), "Persian first, whatever the browser says");
    let r = app.post_form(&c, "/lang", &[("lang", "en"), ("next", "/login")]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/login");
    let html = c.get(app.url("/login")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\">") && html.contains("Sign in to Halqe"));
    let r = app.post_form(&c, "/lang", &[("lang", "en"), ("next", "//evil.example/")]).await;
    assert_eq!(r.headers()["location"], "/", "never redirect off-site");
    let r = app.post_form(&c, "/lang", &[("lang", "klingon")]).await;
    assert_eq!(r.status(), 400);
}

/// Message ids of a Fluent file.
fn ids(path: &str) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
        .map(|l| l.split(" =").next().unwrap().trim().to_owned())
        .collect()
}

/// Message ids of every Fluent file of a language (each feature keeps its own file).
fn all_ids(lang: &str) -> BTreeSet<String> {
    let dir = format!("{}/../app/locales/{lang}", env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().flat_map(|f| ids(f.to_str().unwrap())).collect()
}

#[test]
fn both_locales_have_the_same_keys() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../app/locales");
    let names = |lang: &str| -> BTreeSet<_> {
        std::fs::read_dir(format!("{root}/{lang}")).unwrap().map(|e| e.unwrap().file_name()).collect()
    };
    assert_eq!(names("fa"), names("en"), "each Fluent file in both languages");
    let fa = all_ids("fa");
    let en = all_ids("en");
    assert!(fa.len() > 100, "fa has {} keys", fa.len());
    let only_fa: Vec<_> = fa.difference(&en).collect();
    let only_en: Vec<_> = en.difference(&fa).collect();
    assert!(only_fa.is_empty() && only_en.is_empty(), "only in fa: {only_fa:?}; only in en: {only_en:?}");
    for key in &fa {
        for locale in Locale::ALL {
            assert!(halqe_app::i18n::has(locale, key), "{key} does not resolve in {locale:?}");
        }
    }
}

#[test]
fn every_key_used_in_templates_exists() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../web/templates");
    let fa = all_ids("fa");
    let mut stack = vec![std::path::PathBuf::from(root)];
    let mut missing = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for chunk in text.split("ctx.t(\"").skip(1).chain(text.split("ctx.t1(\"").skip(1)) {
                let key = chunk.split('"').next().unwrap();
                if !fa.contains(key) {
                    missing.push(format!("{}: {key}", path.display()));
                }
            }
        }
    }
    assert!(missing.is_empty(), "keys missing from the Fluent files: {missing:?}");
}

#[tokio::test]
async fn demo_data_loads_once_and_every_demo_role_can_sign_in() {
    let app = TestApp::spawn().await;
    use halqe_app::demo::{DEMO_PASSWORD, Loaded, USERS, load};
    assert_eq!(load(&app.app).await.unwrap(), Loaded::Fresh);
    let counts = (
        app.sql_count("SELECT COUNT(*) FROM agencies").await,
        app.sql_count("SELECT COUNT(*) FROM users").await,
        app.sql_count("SELECT COUNT(*) FROM fields").await,
    );
    assert!(counts.0 >= 10 && counts.2 >= 30, "{counts:?}");
    assert_eq!(load(&app.app).await.unwrap(), Loaded::AlreadyPresent);
    let again = (
        app.sql_count("SELECT COUNT(*) FROM agencies").await,
        app.sql_count("SELECT COUNT(*) FROM users").await,
        app.sql_count("SELECT COUNT(*) FROM fields").await,
    );
    assert_eq!(counts, again, "a second load changes nothing");
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM fields WHERE name_fa LIKE '%ي%' OR name_fa LIKE '%ك%'").await,
        0,
        "demo text uses Persian letters"
    );
    for u in USERS.iter().take(halqe_app::demo::ONE_PER_ROLE) {
        let c = app.client();
        app.login(&c, u.email, DEMO_PASSWORD).await;
        let html = c.get(app.url("/account")).send().await.unwrap().text().await.unwrap();
        assert!(html.contains(u.display_name), "{} sees their account", u.email);
    }
    let disabled = app.client();
    let r = app
        .post_form(&disabled, "/login", &[("email", halqe_app::demo::DISABLED_USER), ("password", DEMO_PASSWORD)])
        .await;
    assert_eq!(r.status(), 403, "the demo's disabled account cannot sign in");
    let home = app.client().get(app.url("/")).send().await.unwrap().text().await.unwrap();
    assert!(home.contains("آزمون‌های استخدامی") && home.contains("۱۵"), "home shows the taxonomy and Persian digits");
}
