//! Test harness: every test spawns the real server on its own port with its own fresh database.
//!
//! The backend comes from `HALQE_TEST_BACKEND` (`sqlite`, the default, or `postgres`); PostgreSQL
//! databases are created from `HALQE_TEST_PG_URL` and dropped when the test ends.

pub mod bodies;
pub mod evaluation;
pub mod smtp;
pub mod world;

use std::sync::Arc;

use halqe_app::accounts::create_user::{NewAccount, create_user};
use halqe_app::password::Passwords;
use halqe_app::storage::StorageSettings;
use halqe_app::{App, Settings, Storage};
use halqe_db::Db;
use halqe_domain::clock::ManualClock;
use halqe_domain::ids::{AgencyId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::user::Role;
use halqe_web::{AppState, WebConfig};
use reqwest::redirect::Policy;

/// 2026-11-28T08:00:00Z: tests start from a fixed, realistic instant.
pub const START_MS: i64 = 1_795_852_800_000;

/// The per-file upload limit of test servers (the production default).
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The password of every account the harness creates.
pub const PASSWORD: &str = "correct-horse-battery";

/// The metrics token of test servers (`Authorization: Bearer …` opens `/metrics`).
pub const METRICS_TOKEN: &str = "test-metrics-token-0123456789abcdef";

/// Which database the suite runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// `HALQE_TEST_BACKEND`: `sqlite` (also when unset) or `postgres`; any other value stops the run, so a
    /// misspelt name can never pass silently on SQLite.
    pub fn from_env() -> Self {
        match std::env::var("HALQE_TEST_BACKEND") {
            Err(std::env::VarError::NotPresent) => Self::Sqlite,
            Ok(name) => match name.as_str() {
                "sqlite" => Self::Sqlite,
                "postgres" => Self::Postgres,
                other => panic!("HALQE_TEST_BACKEND={other:?}: expected \"sqlite\" or \"postgres\""),
            },
            Err(e) => panic!("HALQE_TEST_BACKEND: {e}"),
        }
    }
}

/// Where a throw-away database lives; removed on drop.
pub struct Store(StoreKind);

enum StoreKind {
    Sqlite { _dir: tempfile::TempDir },
    Postgres { admin_url: String, name: String },
}

impl Drop for Store {
    fn drop(&mut self) {
        if let StoreKind::Postgres { admin_url, name } = &self.0 {
            let (admin_url, name) = (admin_url.clone(), name.clone());
            // Drop runs inside the test's runtime; a separate thread with its own runtime does the async cleanup.
            let _ = std::thread::spawn(move || {
                let Ok(rt) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                    return;
                };
                rt.block_on(async move {
                    use sqlx::Connection;
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&admin_url).await {
                        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                            .execute(&mut conn)
                            .await;
                    }
                });
            })
            .join();
        }
    }
}

/// Where and how a server starts, beyond the defaults of [`TestApp::spawn`] (the benchmarks choose).
#[derive(Debug, Clone)]
pub struct Launch {
    pub backend: Backend,
    /// Where throw-away PostgreSQL databases are made; `HALQE_TEST_PG_URL` when `None`.
    pub pg_admin_url: Option<String>,
    /// The server's database pool (`halqe serve` defaults to 10).
    pub max_connections: u32,
    /// Wraps the server's router (the benchmarks time each request with an outer layer).
    pub wrap: fn(axum::Router) -> axum::Router,
}

impl Launch {
    /// A test server on `backend`: a pool of 5, the router as it is.
    pub fn on(backend: Backend) -> Self {
        Self { backend, pg_admin_url: None, max_connections: 5, wrap: std::convert::identity }
    }
}

/// A running Halqe server with its own database and a clock the test controls.
pub struct TestApp {
    pub base: String,
    pub app: App,
    pub clock: Arc<ManualClock>,
    pub backend: Backend,
    pub database_url: String,
    /// The local directory behind the app's file storage.
    pub files_dir: std::path::PathBuf,
    /// This server's search index; tests apply the feed with [`TestApp::sync_index`].
    pub search: Arc<halqe_search::SearchIndex>,
    _store: Store,
    _files: tempfile::TempDir,
    /// Stops the job runner when the test app drops.
    _jobs: tokio::sync::watch::Sender<bool>,
}

/// The e5 model at `halqe_embed::default_model_path()` (`scripts/fetch-e5`, or `HALQE_E5_MODEL`), checked
/// and loaded as a node loads its model file.
pub fn model() -> Arc<halqe_app::search::semantic::Model> {
    let path = halqe_embed::default_model_path();
    let model = halqe_app::search::model::load_file(&path);
    Arc::new(model.unwrap_or_else(|e| panic!("the e5 model (scripts/fetch-e5, or HALQE_E5_MODEL): {e}")))
}

/// Makes a fresh, empty database of `backend` and returns its URL; it is removed when the store drops.
pub async fn fresh_database(backend: Backend) -> (String, Store) {
    fresh_database_at(backend, None).await
}

/// Like [`fresh_database`], with PostgreSQL databases made through `pg_admin_url` (else `HALQE_TEST_PG_URL`).
pub async fn fresh_database_at(backend: Backend, pg_admin_url: Option<&str>) -> (String, Store) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("halqe.db").display());
            (url, Store(StoreKind::Sqlite { _dir: dir }))
        }
        Backend::Postgres => {
            use sqlx::Connection;
            let admin_url = pg_admin_url.map(str::to_owned).unwrap_or_else(|| {
                std::env::var("HALQE_TEST_PG_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
            });
            let name = format!("halqe_test_{}", uuid::Uuid::new_v4().simple());
            let mut conn = sqlx::PgConnection::connect(&admin_url).await.expect("connect to PostgreSQL");
            sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&mut conn).await.expect("create database");
            let (base, _) = admin_url.rsplit_once('/').expect("admin URL has a database path");
            (format!("{base}/{name}"), Store(StoreKind::Postgres { admin_url, name }))
        }
    }
}

impl TestApp {
    /// Starts a server on a fresh database of the configured backend.
    pub async fn spawn() -> Self {
        Self::spawn_with(Backend::from_env()).await
    }

    pub async fn spawn_with(backend: Backend) -> Self {
        Self::launch(Launch::on(backend)).await
    }

    /// Starts a server as `launch` says.
    pub async fn launch(launch: Launch) -> Self {
        Self::start(launch, false, Passwords::default(), true).await
    }

    /// Starts a server with no metrics token configured, as a production node starts by default.
    pub async fn spawn_without_metrics_token() -> Self {
        Self::start(Launch::on(Backend::from_env()), false, Passwords::default(), false).await
    }

    /// Starts a server on a fresh `backend` database whose router is wrapped by `wrap` (the benchmarks time
    /// each request with an outer layer).
    pub async fn spawn_wrapped(backend: Backend, wrap: fn(axum::Router) -> axum::Router) -> Self {
        Self::launch(Launch { wrap, ..Launch::on(backend) }).await
    }

    /// Starts a server whose password hashing has these slots (to watch the queue fill up).
    pub async fn spawn_with_passwords(passwords: Passwords) -> Self {
        Self::start(Launch::on(Backend::from_env()), false, passwords, true).await
    }

    /// Starts a server whose app has the e5 embedder, checked and loaded as a node loads a model file
    /// (`search::model::load_file`); panics without the model (`scripts/fetch-e5`, or `HALQE_E5_MODEL`).
    pub async fn spawn_semantic() -> Self {
        Self::start(Launch::on(Backend::from_env()), true, Passwords::default(), true).await
    }

    async fn start(launch: Launch, semantic: bool, passwords: Passwords, metrics: bool) -> Self {
        let Launch { backend, pg_admin_url, max_connections, wrap } = launch;
        let embedder = semantic.then(model);
        let (database_url, store) = fresh_database_at(backend, pg_admin_url.as_deref()).await;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("addr"));
        let db = Db::connect(&database_url, max_connections).await.expect("connect");
        db.migrate().await.expect("migrate");
        let clock = Arc::new(ManualClock::new(START_MS));
        let settings = Settings { base_url: base.clone(), ..Settings::default() };
        let files = tempfile::tempdir().expect("files dir");
        let files_dir = files.path().to_path_buf();
        let storage = Storage::open(&StorageSettings::local(&files_dir, MAX_UPLOAD_BYTES)).expect("storage");
        let audit_key = halqe_app::audit::key::SigningKey::generate().expect("audit key");
        let audit_keys = halqe_app::audit::key::Keys::new(Some(audit_key), Vec::new(), halqe_app::HOUR_MS);
        let app = App::new(db, clock.clone(), settings, storage)
            .with_embedder(embedder)
            .with_audit_keys(audit_keys)
            .with_passwords(passwords);
        let web = WebConfig {
            secret_key: b"test-secret-key-0123456789abcdef".to_vec(),
            cookies_secure: false,
            // The test's own requests come from loopback: as a proxy, they may pose as any client address
            // with `X-Forwarded-For` (see [`TestApp::post_form_from`]).
            trusted_proxies: halqe_web::TrustedProxies::parse(&["127.0.0.1", "::1"]).expect("loopback"),
            demo: false,
            max_body_bytes: 2 * 1024 * 1024,
            metrics_token: metrics.then(|| halqe_web::MetricsToken::parse(METRICS_TOKEN).expect("metrics token")),
        };
        let search = Arc::new(halqe_search::SearchIndex::in_memory().expect("search index"));
        let router = wrap(halqe_web::router(AppState::new(app.clone(), web, search.clone())));
        // Queued jobs (uploaded imports) run as on a serving node; periodic tasks are left to the tests.
        let (stop, stopped) = tokio::sync::watch::channel(false);
        tokio::spawn(halqe_app::jobs::runner::run(app.clone(), "test".into(), &[], stopped));
        tokio::spawn(async move {
            axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .await
                .expect("serve");
        });
        Self { base, app, clock, backend, database_url, files_dir, search, _store: store, _files: files, _jobs: stop }
    }

    /// Stops this server's job runner: queued jobs stay queued, for a test to claim and run them itself.
    pub fn stop_jobs(&self) {
        let _ = self._jobs.send(true);
    }

    /// Applies pending search-feed changes to this server's index (the serve loop does this every 400 ms).
    pub async fn sync_index(&self) -> usize {
        halqe_app::search::feed::catch_up(&self.app, &self.search).await.expect("search feed")
    }

    /// Runs the embedding job here until no document waits for vectors (a serving node's runner queues it
    /// every few seconds); returns how many texts it embedded.
    pub async fn embed_documents(&self) -> u64 {
        halqe_app::search::embedding::run_here(&self.app).await.expect("embedding job")
    }

    /// Another node on this server's database, as a second `halqe serve` would be: its own app (with its
    /// own copy of the model when this one has one) and its own, empty index.
    pub async fn second_node(&self) -> (App, Arc<halqe_search::SearchIndex>) {
        let db = Db::connect(&self.database_url, 5).await.expect("connect");
        let storage = Storage::open(&StorageSettings::local(&self.files_dir, MAX_UPLOAD_BYTES)).expect("storage");
        let model = self.app.embedder.get().map(|_| model());
        let app = App::new(db, self.clock.clone(), (*self.app.settings).clone(), storage).with_embedder(model);
        (app, Arc::new(halqe_search::SearchIndex::in_memory().expect("search index")))
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// A browser-like client: keeps cookies, does not follow redirects (tests check them).
    pub fn client(&self) -> reqwest::Client {
        reqwest::Client::builder().cookie_store(true).redirect(Policy::none()).build().expect("client")
    }

    /// Creates a verified account with these roles; officers get a fresh agency.
    pub async fn user(&self, email: &str, roles: &[Role]) -> UserId {
        let agency_id =
            if roles.contains(&Role::Officer) { Some(self.agency("دستگاه آزمایشی").await) } else { None };
        let account = NewAccount {
            email: email.into(),
            display_name: "کاربر آزمایشی".into(),
            password: PASSWORD.into(),
            roles: roles.to_vec(),
            agency_id,
            locale: Locale::Fa,
        };
        create_user(&self.app, &account).await.expect("create user")
    }

    /// Inserts an agency directly and returns its id.
    pub async fn agency(&self, name_fa: &str) -> AgencyId {
        let id = AgencyId::new();
        let mut conn = self.app.db.conn().await.expect("conn");
        let new = halqe_db::agencies::NewAgency {
            id: &id,
            name_fa: &format!("{name_fa} {}", &id.as_str()[24..]),
            name_en: "Test agency",
            kind: halqe_domain::agency::AgencyKind::Ministry,
            province: halqe_domain::province::Province::Tehran,
        };
        halqe_db::agencies::insert(&mut conn, &new, None, START_MS).await.expect("agency");
        id
    }

    /// A signed-in officer of an existing `agency` (display name «کارشناس دستگاه»).
    pub async fn officer_of(&self, email: &str, agency: &AgencyId) -> reqwest::Client {
        let account = NewAccount {
            email: email.into(),
            display_name: "کارشناس دستگاه".into(),
            password: PASSWORD.into(),
            roles: vec![Role::Officer],
            agency_id: Some(agency.clone()),
            locale: Locale::Fa,
        };
        create_user(&self.app, &account).await.expect("create officer");
        let client = self.client();
        self.login(&client, email, PASSWORD).await;
        client
    }

    /// Inserts a person «نسرین <last_name>» visible to agencies the way every write path does (with the
    /// search feed), with optional contact details `(email, mobile)`, optionally linked to an account;
    /// returns the person's id. Call [`TestApp::sync_index`] before matching.
    pub async fn person(
        &self,
        last_name: &str,
        skills: &str,
        contact: Option<(&str, &str)>,
        user: Option<&UserId>,
    ) -> String {
        let row = halqe_db::people::PersonRow {
            user_id: user.map(UserId::to_string),
            first_name: "نسرین".into(),
            last_name: last_name.into(),
            email: contact.map(|c| c.0.to_owned()),
            mobile: contact.map(|c| c.1.to_owned()),
            province: Some("tehran".into()),
            skills: skills.into(),
            bio_fa: "پیش‌بینی ترک خدمت کارکنان دولت با یادگیری ماشین".into(),
            availability: "available".into(),
            visibility: "agencies".into(),
            source: "test".into(),
            ..halqe_db::people::PersonRow::default()
        };
        self.insert_person(row).await
    }

    /// Inserts `row` the way every write path does (with the search feed), with a new id and [`START_MS`]
    /// times; returns the id. Call [`TestApp::sync_index`] before searching.
    pub async fn insert_person(&self, row: halqe_db::people::PersonRow) -> String {
        let id = halqe_domain::ids::PersonId::new().to_string();
        let row = halqe_db::people::PersonRow { id: id.clone(), created_at: START_MS, updated_at: START_MS, ..row };
        let mut tx = self.app.db.begin().await.expect("begin");
        halqe_db::people::insert(&mut tx, &row).await.expect("insert person");
        halqe_db::commit(tx).await.expect("commit");
        id
    }

    /// Signs `client` in through the login form; panics unless it succeeds.
    pub async fn login(&self, client: &reqwest::Client, email: &str, password: &str) {
        let r = self.post_form(client, "/login", &[("email", email), ("password", password)]).await;
        assert_eq!(r.status(), 303, "login as {email} failed");
    }

    /// A client signed in as a new user with these roles.
    pub async fn signed_in(&self, email: &str, roles: &[Role]) -> reqwest::Client {
        self.user(email, roles).await;
        let client = self.client();
        self.login(&client, email, PASSWORD).await;
        client
    }

    /// The CSRF token the server gives this client, read from a page's form (the home page, or the page it
    /// redirects to, e.g. an unverified account's verification page).
    pub async fn csrf(&self, client: &reqwest::Client) -> String {
        let mut r = client.get(self.url("/")).send().await.expect("GET /");
        if let Some(to) = r.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_owned) {
            r = client.get(self.url(&to)).send().await.expect("GET the redirect");
        }
        let html = r.text().await.expect("body");
        hidden_value(&html, "_csrf").expect("page has a CSRF field")
    }

    /// Posts a form with the client's CSRF token added.
    pub async fn post_form(&self, client: &reqwest::Client, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf(client).await;
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("_csrf", &token));
        client.post(self.url(path)).form(&body).send().await.expect("POST")
    }

    /// Posts a form as if from client address `from`, forwarded by the (trusted) loopback proxy.
    pub async fn post_form_from(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
        from: &str,
    ) -> reqwest::Response {
        let token = self.csrf(client).await;
        let mut body: Vec<(&str, &str)> = fields.to_vec();
        body.push(("_csrf", &token));
        client.post(self.url(path)).header("x-forwarded-for", from).form(&body).send().await.expect("POST")
    }

    /// How many password hashes this server has run.
    pub fn hashes_run(&self) -> u64 {
        self.app.passwords.hashes_run()
    }

    /// Mail queued for an address, newest first.
    pub async fn mail_to(&self, address: &str) -> Vec<halqe_db::outbox::Mail> {
        let mut conn = self.app.db.conn().await.expect("conn");
        halqe_db::outbox::to_address(&mut conn, address).await.expect("outbox")
    }

    /// Runs raw SQL against the test database (for tampering tests and row counts).
    pub async fn sql_count(&self, sql: &str) -> i64 {
        sql_count(&self.database_url, sql).await
    }

    /// Runs a query for one text value against the test database.
    pub async fn sql_text(&self, sql: &str) -> String {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&self.database_url).await.expect("connect");
        sqlx::query_scalar(sql).fetch_one(&mut conn).await.expect("text")
    }

    /// Runs a raw statement against the test database.
    pub async fn sql_exec(&self, sql: &str) {
        use sqlx::Connection;
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&self.database_url).await.expect("connect");
        sqlx::query(sql).execute(&mut conn).await.expect("exec");
    }
}

/// Runs a counting query (one integer) on the database at `url`.
pub async fn sql_count(url: &str, sql: &str) -> i64 {
    use sqlx::Connection;
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(url).await.expect("connect");
    sqlx::query_scalar(sql).fetch_one(&mut conn).await.expect("count")
}

/// The `value` of the first hidden input named `name`.
pub fn hidden_value(html: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker)? + marker.len();
    let end = html[start..].find('"')?;
    Some(html[start..start + end].to_owned())
}

/// The first `http…` link in a text, up to whitespace.
pub fn link_in(text: &str) -> Option<String> {
    let start = text.find("http")?;
    Some(text[start..].split_whitespace().next()?.to_owned())
}

/// Path and query of an absolute link.
pub fn path_of(link: &str) -> String {
    let after_scheme = link.split_once("://").map(|(_, r)| r).unwrap_or(link);
    after_scheme.find('/').map(|i| after_scheme[i..].to_owned()).unwrap_or_else(|| "/".into())
}
