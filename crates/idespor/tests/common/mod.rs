//! `TestApp`: Idéspor served on a free port over a fresh database (SQLite in a temporary
//! directory, or a throwaway PostgreSQL database), with the demo community loaded, and an HTTP
//! client that keeps cookies like a browser.
//!
//! The demo is loaded once per test process, backend and demo size, into a template (a file on
//! SQLite, a database on PostgreSQL), and every test gets a copy of it (`CREATE DATABASE …
//! TEMPLATE` on PostgreSQL): a copy takes milliseconds where loading took seconds.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod mail;

use idespor::config::Config;
use idespor::startup;
use idespor_domain::clock::{Clock, ShiftedClock, SystemClock, parse_instant};
use idespor_domain::service::Services;
use reqwest::StatusCode;
use reqwest::cookie::{CookieStore, Jar};
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

pub const PASSWORD: &str = "idespor-demo";
pub const ADMIN: &str = "admin@idespor.test";
pub const MEMBER: &str = "maja.winther@idespor.test";

fn postgres_server_url() -> String {
    std::env::var("IDESPOR_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

/// An HTTP client builder for tests: reqwest is built with rustls but without a bundled crypto
/// provider, so the one Idéspor uses (ring) is installed first.
pub fn http() -> reqwest::ClientBuilder {
    idespor_web::sso::install_crypto_provider();
    reqwest::Client::builder()
}

/// Whether the run requires everything (`IDESPOR_REQUIRE_ALL=1`, as CI sets): a skip is a failure.
pub fn require_all() -> bool {
    std::env::var("IDESPOR_REQUIRE_ALL").is_ok_and(|v| v == "1")
}

/// Says that a test is skipped where a person sees it: straight to the process's standard error,
/// which the test harness does not capture (it captures `eprintln!`), in a line that
/// `scripts/test-all` counts. Under `IDESPOR_REQUIRE_ALL=1` a skip fails the test instead.
pub fn skip(what: &str, why: &str) {
    use std::io::Write;
    if require_all() {
        panic!("{what} is required (IDESPOR_REQUIRE_ALL=1) but {why}");
    }
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {what}: {why}");
}

/// The clock the application under test runs on, the demo included: the real one, or, when
/// `IDESPOR_TEST_NOW` is set (`scripts/test-all` sets it for its second pass, e.g.
/// `2028-12-25T00:05`), the real one moved to start at that instant and run on from there. A
/// test that only holds on some days fails in that pass the day it is written.
pub fn test_clock() -> Arc<dyn Clock> {
    match std::env::var("IDESPOR_TEST_NOW") {
        Ok(text) if !text.trim().is_empty() => {
            let start = parse_instant(&text).unwrap_or_else(|e| panic!("IDESPOR_TEST_NOW: {e}"));
            Arc::new(ShiftedClock::starting_at(start))
        }
        _ => Arc::new(SystemClock),
    }
}

/// The storage of a database, to look at what the application stored.
pub fn storage(db: &idespor_storage::Db) -> Arc<dyn idespor_domain::Store> {
    Arc::new(idespor_storage::SqlStore::new(db.clone()))
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// A database for one test, removed when dropped.
pub struct TestDb {
    pub url: String,
    pub config: Config,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

impl TestDb {
    /// A fresh database, or `None` (after a loud SKIPPED line) when PostgreSQL is not there and
    /// the run does not require it.
    pub async fn new(backend: Backend) -> Option<TestDb> {
        let dir = tempfile::tempdir().expect("temporary directory");
        let mut config = Config { data_dir: dir.path().to_path_buf(), bind: "127.0.0.1:0".into(), ..Config::default() };
        let mut pg_name = None;
        if backend == Backend::Postgres {
            let server = postgres_server_url();
            let name = format!("idespor_test_{}", &idespor_domain::auth::new_secret()[..16]);
            match sqlx::PgPool::connect(&server).await {
                Ok(pool) => {
                    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                        .execute(&pool)
                        .await
                        .expect("create the test database");
                    pool.close().await;
                }
                Err(e) => {
                    skip(
                        "a PostgreSQL test",
                        &format!("{server} does not answer ({e}); set IDESPOR_TEST_POSTGRES_URL"),
                    );
                    return None;
                }
            }
            let base = server.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(server.clone());
            config.database_url = format!("{base}/{name}");
            pg_name = Some(name);
        }
        Some(TestDb { url: config.database_url(), config, _dir: Some(dir), pg_name })
    }

    /// A copy of the demo of the given size (see the module's documentation), or `None` when
    /// PostgreSQL is not there and the run does not require it.
    pub async fn with_demo(backend: Backend, demo: Demo) -> Option<TestDb> {
        let db = TestDb::new(backend).await?;
        if demo == Demo::None {
            return Some(db);
        }
        let template = template(backend, demo).await;
        match (&db.pg_name, template) {
            (None, Template::Sqlite(file)) => {
                std::fs::copy(file, db.config.data_dir.join("idespor.db")).expect("copy the template");
            }
            (Some(name), Template::Postgres(template)) => {
                let pool = sqlx::PgPool::connect(&postgres_server_url()).await.expect("PostgreSQL");
                // DROP the empty database made above and copy the template under its name.
                sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE {name}"))).execute(&pool).await.expect("drop");
                sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name} TEMPLATE {template}")))
                    .execute(&pool)
                    .await
                    .expect("copy the template database");
                pool.close().await;
            }
            _ => unreachable!("a template of the other backend"),
        }
        Some(db)
    }

    /// A fresh SQLite database in `dir`, which the caller keeps (e.g. on a small file system).
    pub fn sqlite_in(dir: &std::path::Path) -> TestDb {
        let config = Config { data_dir: dir.to_path_buf(), bind: "127.0.0.1:0".into(), ..Config::default() };
        TestDb { url: config.database_url(), config, _dir: None, pg_name: None }
    }
}

/// The `idespor` binary, without any `IDESPOR_…` settings of the environment it runs in.
pub fn idespor_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_idespor"));
    for (key, _) in std::env::vars() {
        if key.starts_with("IDESPOR_") {
            command.env_remove(key);
        }
    }
    command
}

/// The command-line flags that point the binary at a configuration's database.
pub fn db_args(config: &Config) -> Vec<String> {
    vec![
        "--data-dir".into(),
        config.data_dir.display().to_string(),
        "--database-url".into(),
        config.database_url.clone(),
    ]
}

/// `idespor serve` as a separate process on a free loopback port, its log in `log`; killed
/// (SIGKILL) when dropped.
pub struct ServerProcess {
    pub child: std::process::Child,
    pub base: String,
    pub log: std::path::PathBuf,
}

impl ServerProcess {
    pub async fn start(config: &Config, log: &std::path::Path) -> ServerProcess {
        Self::start_with(config, log, &[]).await
    }

    /// The same with more settings from the environment (e.g. `IDESPOR_MAIL__SMTP_URL`).
    pub async fn start_with(config: &Config, log: &std::path::Path, env: &[(&str, String)]) -> ServerProcess {
        let port = free_port();
        let log_file = std::fs::OpenOptions::new().create(true).append(true).open(log).expect("the server's log");
        let child = idespor_command()
            .args(db_args(config))
            .args(["serve", "--bind", &format!("127.0.0.1:{port}")])
            .env("IDESPOR_LOG__LEVEL", "warn")
            .envs(env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(log_file)
            .spawn()
            .expect("start idespor serve");
        let mut server = ServerProcess { child, base: format!("http://127.0.0.1:{port}"), log: log.to_path_buf() };
        let client = crate::common::http().timeout(std::time::Duration::from_secs(5)).build().unwrap();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
        loop {
            if let Ok(response) = client.get(server.url("/healthz")).send().await
                && response.status() == StatusCode::OK
            {
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!("idespor serve stopped ({status}): {}", std::fs::read_to_string(log).unwrap_or_default());
            }
            assert!(std::time::Instant::now() < deadline, "idespor serve does not answer on {}", server.base);
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Whether the process still runs.
    pub fn running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    /// SIGKILL: no graceful shutdown, no flushing, no closing of the database.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = self.pg_name.take() {
            let server = postgres_server_url();
            // Drop runs outside async; a short-lived runtime on its own thread does the cleanup.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().ok()?;
                rt.block_on(async {
                    let pool = sqlx::PgPool::connect(&server).await.ok()?;
                    sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                        .execute(&pool)
                        .await
                        .ok()?;
                    pool.close().await;
                    Some(())
                })
            })
            .join();
        }
    }
}

/// A loaded demo to copy: an SQLite file, or a PostgreSQL database's name.
#[derive(Debug, Clone)]
enum Template {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

/// Where this process keeps its SQLite templates: under the target directory, one folder per
/// process (those of processes that have ended are removed).
fn template_dir() -> std::path::PathBuf {
    let root = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("idespor-templates");
    let _ = std::fs::create_dir_all(&root);
    if let Ok(entries) = std::fs::read_dir(&root) {
        for entry in entries.flatten() {
            let pid = entry.file_name().to_string_lossy().parse::<u32>().ok();
            if pid
                .is_some_and(|pid| pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists())
            {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
    let dir = root.join(std::process::id().to_string());
    std::fs::create_dir_all(&dir).expect("the template folder");
    dir
}

/// The template of a backend and demo size, made on first use by any test of this process.
async fn template(backend: Backend, demo: Demo) -> Template {
    use tokio::sync::OnceCell;
    static TEMPLATES: [OnceCell<Template>; 4] =
        [OnceCell::const_new(), OnceCell::const_new(), OnceCell::const_new(), OnceCell::const_new()];
    let slot = match (backend, demo) {
        (Backend::Sqlite, Demo::Full) => 0,
        (Backend::Sqlite, _) => 1,
        (Backend::Postgres, Demo::Full) => 2,
        (Backend::Postgres, _) => 3,
    };
    TEMPLATES[slot]
        .get_or_init(|| async move {
            // The demo is loaded on a thread of its own with its own runtime, so that the pools it
            // opens live and die with it, whichever test's runtime asked first.
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()
                    .expect("runtime");
                rt.block_on(make_template(backend, demo))
            })
            .join()
            .expect("making the template")
        })
        .await
        .clone()
}

async fn make_template(backend: Backend, demo: Demo) -> Template {
    let tag = if demo == Demo::Full { "full" } else { "community" };
    let db = TestDb::new(backend).await.expect("the template's database");
    let database = startup::open_database(&db.config).await.expect("open the template");
    let svc = startup::services(database.clone(), test_clock());
    match demo {
        Demo::Full => idespor::demo::load(&svc, &database).await.map(|_| ()).expect("load the demo"),
        _ => idespor::demo::load_community(&svc, &database).await.map(|_| ()).expect("load the demo community"),
    }
    match backend {
        Backend::Sqlite => {
            // Everything into the main file, so that the file alone is the database.
            database.execute("PRAGMA wal_checkpoint(TRUNCATE)").await.expect("checkpoint");
            database.close().await;
            drop(svc);
            let file = template_dir().join(format!("{tag}.db"));
            std::fs::copy(db.config.data_dir.join("idespor.db"), &file).expect("keep the template");
            Template::Sqlite(file)
        }
        Backend::Postgres => {
            database.close().await;
            drop(svc);
            let server = postgres_server_url();
            let pool = sqlx::PgPool::connect(&server).await.expect("PostgreSQL");
            // Templates of processes that have ended.
            let stale: Vec<String> =
                sqlx::query_scalar("SELECT datname::TEXT FROM pg_database WHERE datname LIKE 'idespor_tpl_%'")
                    .fetch_all(&pool)
                    .await
                    .expect("list templates");
            for name in stale {
                let pid = name.trim_start_matches("idespor_tpl_").split('_').next().and_then(|p| p.parse::<u32>().ok());
                if pid.is_some_and(|pid| {
                    pid != std::process::id() && !std::path::Path::new(&format!("/proc/{pid}")).exists()
                }) {
                    let _ = sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                        .execute(&pool)
                        .await;
                }
            }
            let template = format!("idespor_tpl_{}_{tag}", std::process::id());
            let source = db.pg_name.clone().expect("a PostgreSQL database");
            sqlx::query(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {template} WITH (FORCE)")))
                .execute(&pool)
                .await
                .expect("drop an old template");
            sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {template} TEMPLATE {source}")))
                .execute(&pool)
                .await
                .expect("keep the template");
            pool.close().await;
            Template::Postgres(template)
        }
    }
}

/// How much of the demo a test starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Demo {
    /// Organizations, groups, people and the 64 demo ideas.
    Full,
    /// Organizations, groups and people only.
    Community,
    /// Nothing (e.g. a restart on an existing database).
    None,
}

pub struct TestApp {
    pub base: String,
    /// The storage under the application, to look at what it stored (tests only: the
    /// application itself reaches it through the use cases).
    pub store: Arc<dyn idespor_domain::Store>,
    pub client: reqwest::Client,
    pub jar: Arc<Jar>,
    pub svc: Services,
    /// The pool the server uses, e.g. to close it and see the server cope.
    pub pool: idespor_storage::Db,
    pub db: TestDb,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl TestApp {
    /// Idéspor with the whole demo (community and ideas) on a fresh database of the given backend.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        Self::spawn_with(backend, Demo::Full).await
    }

    pub async fn spawn_with(backend: Backend, demo: Demo) -> Option<TestApp> {
        let db = TestDb::with_demo(backend, demo).await?;
        Some(Self::start(db, Demo::None).await)
    }

    /// Serves the application on the given database (e.g. again, to simulate a restart).
    pub async fn start(db: TestDb, demo: Demo) -> TestApp {
        let database = startup::open_database(&db.config).await.expect("open the database");
        let svc = startup::services(database.clone(), test_clock());
        match demo {
            Demo::Full => idespor::demo::load(&svc, &database).await.map(|_| ()).expect("load the demo"),
            Demo::Community => {
                idespor::demo::load_community(&svc, &database).await.map(|_| ()).expect("load the demo community")
            }
            Demo::None => {}
        }
        let router = startup::app(svc.clone(), &db.config);
        let running = startup::spawn(router, db.config.bind_addr().expect("bind")).await.expect("serve");
        let jar = Arc::new(Jar::default());
        let client = crate::common::http()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        TestApp {
            base: format!("http://{}", running.addr),
            store: storage(&database),
            client,
            jar,
            svc,
            pool: database,
            db,
            shutdown: Some(running.shutdown),
        }
    }

    /// Stops the server and hands back the database, for a restart.
    pub fn stop(mut self) -> (TestDb, Arc<Jar>) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        (self.db, self.jar)
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn cookie(&self, name: &str) -> Option<String> {
        let url: reqwest::Url = self.base.parse().ok()?;
        let header = self.jar.cookies(&url)?;
        header.to_str().ok()?.split("; ").find_map(|c| c.strip_prefix(&format!("{name}=")).map(str::to_string))
    }

    /// The CSRF token of this client (visiting a page first if there is none yet).
    pub async fn csrf(&self) -> String {
        if self.cookie("idespor_csrf").is_none() {
            self.get("/login").await;
        }
        self.cookie("idespor_csrf").expect("csrf cookie")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    pub async fn get_text(&self, path: &str) -> (StatusCode, String) {
        let response = self.get(path).await;
        let status = response.status();
        (status, response.text().await.expect("body"))
    }

    /// Posts a form the way a page of ours does: with the CSRF token.
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let token = self.csrf().await;
        let mut fields: Vec<(&str, &str)> = fields.to_vec();
        fields.push(("csrf_token", &token));
        self.client.post(self.url(path)).form(&fields).send().await.expect("POST")
    }

    pub async fn login(&self, email: &str, password: &str) -> reqwest::Response {
        self.post_form("/login", &[("email", email), ("password", password)]).await
    }

    pub async fn login_ok(&self, email: &str) {
        let response = self.login(email, PASSWORD).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign-in of {email} failed");
    }

    /// A personal API token for a demo account, made through the domain.
    pub async fn token_for(&self, email: &str) -> String {
        let candidate = self.store.find_login_candidate(email).await.unwrap().unwrap();
        let actor = idespor_domain::service::Actor::new(candidate.user);
        self.svc.create_api_token(&actor, "test").await.unwrap().1
    }

    pub fn api(&self, method: reqwest::Method, path: &str, token: &str) -> reqwest::RequestBuilder {
        crate::common::http().build().unwrap().request(method, self.url(path)).bearer_auth(token)
    }
}

// Dropping a TestApp drops its shutdown sender, which stops the server gracefully.

/// Runs each listed test function once on SQLite and once on PostgreSQL, starting from the
/// demo given by the test file's `DEMO` constant.
#[macro_export]
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::common::TestApp::spawn_with($crate::common::Backend::Sqlite, super::DEMO).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    if let Some(app) = $crate::common::TestApp::spawn_with($crate::common::Backend::Postgres, super::DEMO).await {
                        super::$name(app).await;
                    }
                }
            )*
        }
    };
}
