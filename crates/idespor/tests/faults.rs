//! Idéspor under faults, on loopback only: an online backup taken while writes go on is one
//! consistent snapshot and restores; a server killed with SIGKILL keeps every write it
//! acknowledged; PostgreSQL stopped under load gives 503 (never a hang) and Idéspor recovers by
//! itself when it is back; mail queued while the mail server is down arrives exactly once; a full
//! disk refuses writes clearly, keeps everything, and passes when space returns.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::mail::{SmtpServer, Worker, aiosmtpd_or_skip, decode_header, header_of, mails_to};
use common::{Backend, Demo, ServerProcess, TestApp, TestDb, db_args, free_port, idespor_command, require_all};
use idespor::config::Config;
use idespor_domain::idea::{IdeaForm, Move};
use idespor_domain::mail::{OutboxKind, OutboxStatus};
use idespor_domain::service::Actor;
use idespor_storage::Db;
use reqwest::{Method, StatusCode, header};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const DEMO: Demo = Demo::Full;

const MAJA: &str = "maja.winther@idespor.test"; // Varde, Erfagruppe Syd
const PETER: &str = "peter.hvid@idespor.test"; // Odense, Erfagruppe Syd
const GITTE: &str = "gitte.bonde@idespor.test"; // Erfagruppe Syd
const HANNE: &str = "hanne.bro@idespor.test"; // tovholder for Erfagruppe Syd
const METTE: &str = "mette.kragh@idespor.test"; // tovholder for Erfagruppe Nord

on_both_backends!(
    a_backup_taken_while_writes_go_on_is_a_consistent_snapshot_and_restores,
    people_supporting_and_following_at_once_are_all_counted,
    mail_queued_while_the_mail_server_is_down_arrives_exactly_once_when_it_is_up,
    a_restore_erases_again_those_erased_after_the_backup,
);

// ---------------------------------------------------------------------------------------------
// Helpers

/// An HTTP client that gives up after `seconds`: a hang becomes a failure, not a stuck test.
fn client(seconds: u64) -> reqwest::Client {
    crate::common::http()
        .timeout(Duration::from_secs(seconds))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

fn idea_body(title: &str, area: i64) -> Value {
    json!({
        "title": title,
        "role": "Sygeplejerske",
        "situation": "Ved aftenbesøget",
        "need": "Vi mangler overblik over borgerens medicin",
        "effect": "Færre fejl",
        "product_area_id": area
    })
}

async fn actor(svc: &idespor_domain::service::Services, email: &str) -> Actor {
    Actor::new(svc.person_by_email(email).await.unwrap().expect(email))
}

async fn token(svc: &idespor_domain::service::Services, email: &str) -> String {
    svc.create_api_token(&actor(svc, email).await, "fault test").await.unwrap().1
}

/// The community with one product area, a token for Maja, on the configured database; the
/// connection is closed again so that another process can serve it. Returns (token, area).
async fn prepare_community(config: &Config) -> (String, i64) {
    let db = idespor::startup::open_database(config).await.unwrap();
    let svc = idespor::startup::services(db.clone(), Arc::new(idespor_domain::clock::SystemClock));
    idespor::demo::load_community(&svc, &db).await.unwrap();
    let area = svc.create_product_area(None, "Medicin").await.unwrap().id.0;
    let token = token(&svc, MAJA).await;
    db.close().await;
    (token, area)
}

/// Runs the binary with a configuration's database and arguments; panics with its output on failure.
fn run_idespor(config: &Config, args: &[&str]) -> String {
    let output = idespor_command().args(db_args(config)).args(args).output().unwrap();
    assert!(
        output.status.success(),
        "idespor {args:?} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Every row of `table` (the named columns, or all), as text, sorted: comparable across databases
/// of the same backend.
async fn rows(db: &Db, table: &str, columns: Option<&[&str]>) -> Vec<Vec<Option<String>>> {
    let columns: Vec<String> = match columns {
        Some(columns) => columns.iter().map(|c| c.to_string()).collect(),
        None => db.columns(table).await.unwrap().into_iter().map(|c| c.column).collect(),
    };
    assert!(!columns.is_empty(), "{table} has columns");
    // As text: SQLite's quote() takes any value (blobs too), PostgreSQL casts.
    let list: Vec<String> = columns
        .iter()
        .map(|c| match db.backend() {
            idespor_storage::Backend::Sqlite => format!("quote(\"{c}\")"),
            idespor_storage::Backend::Postgres => format!("CAST(\"{c}\" AS TEXT)"),
        })
        .collect();
    let order: Vec<String> = (1..=columns.len()).map(|i| i.to_string()).collect();
    let sql = format!("SELECT {} FROM \"{table}\" ORDER BY {}", list.join(", "), order.join(", "));
    db.text_rows(&sql, columns.len()).await.unwrap()
}

async fn tables(db: &Db) -> Vec<String> {
    let mut tables = db.tables().await.unwrap();
    tables.push("_sqlx_migrations".into());
    tables.sort();
    tables
}

async fn scalar_ids(db: &Db, sql: &'static str) -> Vec<i64> {
    db.int_rows(sql, 1).await.unwrap().into_iter().map(|r| r[0]).collect()
}

/// Ideas whose counters on the row disagree with their child rows: (id, what, on the row, counted).
async fn counter_mismatches(db: &Db) -> Vec<(i64, &'static str, i64, i64)> {
    let sql = "SELECT i.id, i.support_count, \
                      (SELECT COUNT(DISTINCT s.organization_id) FROM idea_supports s WHERE s.idea_id = i.id), \
                      i.comment_count, (SELECT COUNT(*) FROM comments c WHERE c.idea_id = i.id), \
                      i.follower_count, (SELECT COUNT(*) FROM idea_followers f WHERE f.idea_id = i.id) \
               FROM ideas i ORDER BY i.id";
    let found = db.int_rows(sql, 7).await.unwrap();
    let mut out = Vec::new();
    for row in found {
        let [id, supports, counted_supports, comments, counted_comments, followers, counted_followers] = row[..] else {
            unreachable!()
        };
        for (what, on_row, counted) in [
            ("supports", supports, counted_supports),
            ("comments", comments, counted_comments),
            ("followers", followers, counted_followers),
        ] {
            if on_row != counted {
                out.push((id, what, on_row, counted));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// 1. Online backup and restore

/// The columns of an idea row that the write stream below does not change (it adds supports,
/// comments and followers, which change only the counters).
const IDEA_COLUMNS: &[&str] = &[
    "id",
    "title",
    "role",
    "situation",
    "need",
    "effect",
    "product_area_id",
    "author_id",
    "author_org_id",
    "erfa_group_id",
    "status",
    "holder_group_id",
    "merged_into",
    "resolution",
    "version",
    "created_at",
    "status_changed_at",
];

/// One acknowledged idea of the write stream: when its request was sent and answered.
#[derive(Debug, Clone, Copy)]
struct Acked {
    writer: usize,
    id: i64,
    sent: Instant,
    answered: Instant,
}

async fn a_backup_taken_while_writes_go_on_is_a_consistent_snapshot_and_restores(app: TestApp) {
    let backend = if app.db.config.is_postgres() { Backend::Postgres } else { Backend::Sqlite };
    let open = scalar_ids(
        &app.pool,
        "SELECT id FROM ideas WHERE status IN ('submitted', 'forwarded', 'prioritized', 'in_assessment') ORDER BY id",
    )
    .await;
    assert!(open.len() >= 3, "the demo has open ideas to support: {open:?}");
    let area = app.svc.product_areas().await.unwrap()[0].id.0;
    let maja_token = app.token_for(MAJA).await;

    // Five people write at once: an idea, a support and a comment, again and again.
    let stop = Arc::new(AtomicBool::new(false));
    let acked: Arc<Mutex<Vec<Acked>>> = Arc::default();
    let failures: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut writers = Vec::new();
    for (w, email) in [MAJA, PETER, GITTE, HANNE, METTE].into_iter().enumerate() {
        let token = app.token_for(email).await;
        let (base, open, stop, acked, failures) =
            (app.base.clone(), open.clone(), stop.clone(), acked.clone(), failures.clone());
        writers.push(tokio::spawn(async move {
            let http = client(30);
            let send = |method: Method, path: String, body: Option<Value>| {
                let mut request = http.request(method, format!("{base}{path}")).bearer_auth(&token);
                if let Some(body) = body {
                    request = request.json(&body);
                }
                request.send()
            };
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let sent = Instant::now();
                let response =
                    send(Method::POST, "/api/v1/ideas".into(), Some(idea_body(&format!("Strøm {w}-{i}"), area))).await;
                match response {
                    Ok(r) if r.status() == StatusCode::CREATED => {
                        let id = r.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
                        acked.lock().unwrap().push(Acked { writer: w, id, sent, answered: Instant::now() });
                    }
                    other => failures.lock().unwrap().push(format!("create: {other:?}")),
                }
                let target = open[(i * 3 + w) % open.len()];
                for (method, path, body) in [
                    (Method::PUT, format!("/api/v1/ideas/{target}/support"), None),
                    (Method::PUT, format!("/api/v1/ideas/{target}/follow"), None),
                    (
                        Method::POST,
                        format!("/api/v1/ideas/{target}/comments"),
                        Some(json!({"body": format!("Ja {w}-{i}")})),
                    ),
                ] {
                    match send(method, path.clone(), body).await {
                        Ok(r) if r.status().is_success() => {}
                        other => failures.lock().unwrap().push(format!("{path}: {other:?}")),
                    }
                }
            }
        }));
    }
    let wait_for_acks = |n: usize| {
        let acked = acked.clone();
        async move {
            let deadline = Instant::now() + Duration::from_secs(30);
            while acked.lock().unwrap().len() < n {
                assert!(Instant::now() < deadline, "the writers are stuck");
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }
    };
    wait_for_acks(15).await;

    // The backup, by the binary, while the writers go on.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("midstream.backup");
    let backup_started = Instant::now();
    let (config, path) = (app.db.config.clone(), file.clone());
    let printed =
        tokio::task::spawn_blocking(move || run_idespor(&config, &["backup", path.to_str().unwrap()])).await.unwrap();
    let backup_ended = Instant::now();
    assert!(printed.contains("Backup written"), "{printed}");
    assert!(file.is_file());
    let at_end = acked.lock().unwrap().len();
    wait_for_acks(at_end + 15).await;
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    assert_eq!(failures.lock().unwrap().clone(), Vec::<String>::new(), "the backup made no write fail");
    assert!(
        !run_idespor_fails(&app.db.config, &["backup", file.to_str().unwrap()]).is_empty(),
        "a backup never overwrites a file"
    );

    // Restored into a fresh database: one consistent moment of the source.
    let target = TestDb::new(backend).await.unwrap();
    let printed = run_idespor(&target.config, &["restore", file.to_str().unwrap()]);
    assert!(printed.contains("Restored"), "{printed}");
    let restored = idespor_storage::connect(&target.url).await.unwrap();
    assert_eq!(restored.integrity_problems().await.unwrap(), Vec::<String>::new());
    assert_eq!(counter_mismatches(&restored).await, vec![], "counters agree with their rows: a consistent snapshot");
    assert_eq!(counter_mismatches(&app.pool).await, vec![], "(and in the source)");

    let source_ideas: BTreeMap<String, Vec<Option<String>>> =
        rows(&app.pool, "ideas", Some(IDEA_COLUMNS)).await.into_iter().map(|r| (r[0].clone().unwrap(), r)).collect();
    let restored_ideas = rows(&restored, "ideas", Some(IDEA_COLUMNS)).await;
    for idea in &restored_ideas {
        assert_eq!(source_ideas.get(idea[0].as_deref().unwrap()), Some(idea), "a restored idea equals the source's");
    }
    let restored_ids: BTreeSet<i64> =
        restored_ideas.iter().map(|r| r[0].as_deref().unwrap().parse().unwrap()).collect();
    let acked = acked.lock().unwrap().clone();
    for a in &acked {
        if a.answered < backup_started {
            assert!(restored_ids.contains(&a.id), "idea {} was acknowledged before the backup began", a.id);
        }
        if a.sent > backup_ended {
            assert!(!restored_ids.contains(&a.id), "idea {} was asked for after the backup ended", a.id);
        }
    }
    assert!(restored_ids.len() < source_ideas.len(), "the copy was taken mid-stream");
    for table in ["idea_supports", "idea_followers", "comments"] {
        let source: BTreeSet<_> = rows(&app.pool, table, None).await.into_iter().collect();
        for row in rows(&restored, table, None).await {
            assert!(source.contains(&row), "{table}: {row:?} is in the source");
        }
    }
    restored.close().await;

    // Restoring into a database that is not empty is refused, and changes nothing.
    let refused = run_idespor_fails(&target.config, &["restore", file.to_str().unwrap()]);
    assert!(refused.contains("not empty"), "{refused}");

    // A backup taken when all is quiet is the source, table by table, row by row.
    let quiet = dir.path().join("quiet.backup");
    run_idespor(&app.db.config, &["backup", quiet.to_str().unwrap()]);
    let copy = TestDb::new(backend).await.unwrap();
    run_idespor(&copy.config, &["restore", quiet.to_str().unwrap()]);
    let copied = idespor_storage::connect(&copy.url).await.unwrap();
    let names = tables(&app.pool).await;
    assert_eq!(tables(&copied).await, names);
    assert!(names.len() > 30, "{names:?}");
    for table in &names {
        assert_eq!(rows(&copied, table, None).await, rows(&app.pool, table, None).await, "table {table}");
    }
    // The copy serves: a token made on the source works on it, and finds Maja's last draft.
    copied.close().await;
    let copy_app = TestApp::start(copy, Demo::None).await;
    let last = acked.iter().filter(|a| a.writer == 0).map(|a| a.id).max().unwrap();
    let response = copy_app.api(Method::GET, &format!("/api/v1/ideas/{last}"), &maja_token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

/// Runs the binary expecting failure; returns what it said.
fn run_idespor_fails(config: &Config, args: &[&str]) -> String {
    let output = idespor_command().args(db_args(config)).args(args).output().unwrap();
    assert!(!output.status.success(), "idespor {args:?} should fail");
    String::from_utf8_lossy(&output.stderr).into_owned()
}
/// Found by the backup test: concurrent follows on PostgreSQL lost one from the idea's count.
async fn people_supporting_and_following_at_once_are_all_counted(app: TestApp) {
    let idea = scalar_ids(&app.pool, "SELECT id FROM ideas WHERE status = 'forwarded' ORDER BY id").await[0];
    let emails: Vec<String> = app
        .pool
        .texts("SELECT email FROM users WHERE organization_id IS NOT NULL AND active = TRUE", &[])
        .await
        .unwrap();
    assert!(emails.len() >= 10, "{emails:?}");
    for round in 0..3 {
        let mut tasks = Vec::new();
        for email in &emails {
            let person = actor(&app.svc, email).await;
            let svc = app.svc.clone();
            tasks.push(tokio::spawn(async move {
                let id = idespor_domain::IdeaId(idea);
                let on = round != 1;
                svc.follow_idea(&person, id, on).await.unwrap();
                svc.support_idea(&person, id, on).await.unwrap();
            }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        assert_eq!(counter_mismatches(&app.pool).await, vec![], "round {round}");
    }
}

// ---------------------------------------------------------------------------------------------
// 2. SIGKILL in the middle of a stream of writes

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_every_acknowledged_write_through_a_sigkill() {
    acknowledged_writes_survive_a_sigkill(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_every_acknowledged_write_through_a_sigkill() {
    acknowledged_writes_survive_a_sigkill(Backend::Postgres).await;
}

async fn acknowledged_writes_survive_a_sigkill(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let (token, area) = prepare_community(&db.config).await;
    let log = db.config.data_dir.join("serve.log");
    let mut server = ServerProcess::start(&db.config, &log).await;

    // Four writers create ideas as fast as they are answered; each 201 is a promise.
    let acked: Arc<Mutex<Vec<(i64, String)>>> = Arc::default();
    let refused: Arc<Mutex<Vec<String>>> = Arc::default();
    let mut writers = Vec::new();
    for w in 0..4 {
        let (base, token, acked, refused) = (server.base.clone(), token.clone(), acked.clone(), refused.clone());
        writers.push(tokio::spawn(async move {
            let http = client(30);
            for i in 0.. {
                let title = format!("Før nedbruddet {w}-{i}");
                let response = http
                    .post(format!("{base}/api/v1/ideas"))
                    .bearer_auth(&token)
                    .json(&idea_body(&title, area))
                    .send()
                    .await;
                match response {
                    Ok(r) if r.status() == StatusCode::CREATED => match r.json::<Value>().await {
                        Ok(idea) => acked.lock().unwrap().push((idea["id"].as_i64().unwrap(), title)),
                        Err(_) => return, // killed while answering: not acknowledged
                    },
                    Ok(r) => refused.lock().unwrap().push(format!("{}", r.status())),
                    Err(_) => return, // the server is gone
                }
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while acked.lock().unwrap().len() < 40 {
        assert!(Instant::now() < deadline, "the writers are stuck: {}", std::fs::read_to_string(&log).unwrap());
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.kill();
    for writer in writers {
        writer.await.unwrap();
    }
    assert_eq!(refused.lock().unwrap().clone(), Vec::<String>::new(), "no write was refused before the kill");
    let acked = acked.lock().unwrap().clone();

    // Started again on the same database: every acknowledged idea is there, as written.
    let server = ServerProcess::start(&db.config, &log).await;
    let http = client(30);
    for (id, title) in &acked {
        let response = http.get(server.url(&format!("/api/v1/ideas/{id}"))).bearer_auth(&token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "acknowledged idea {id} is lost");
        let idea: Value = response.json().await.unwrap();
        assert_eq!(idea["idea"]["title"], json!(title), "idea {id}");
    }
    // It takes writes again, and the database passes its checks.
    let response = http
        .post(server.url("/api/v1/ideas"))
        .bearer_auth(&token)
        .json(&idea_body("Efter", area))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let database = idespor_storage::connect(&db.url).await.unwrap();
    assert_eq!(database.integrity_problems().await.unwrap(), Vec::<String>::new());
    assert_eq!(counter_mismatches(&database).await, vec![]);
    let stored = scalar_ids(&database, "SELECT id FROM ideas").await.into_iter().collect::<BTreeSet<i64>>();
    assert!(acked.iter().all(|(id, _)| stored.contains(id)));
    database.close().await;
}

// ---------------------------------------------------------------------------------------------
// 3. PostgreSQL stopped and started under load

/// No request may take longer than this while PostgreSQL is away (the pool gives up acquiring a
/// connection after 5 s and answers 503): a slower answer fails the request, and the test.
const OUTAGE_LIMIT: u64 = 15;

/// A PostgreSQL cluster of the test's own (initdb into a temporary directory, pg_ctl on a free
/// port), stopped and removed when dropped. Never the machine's shared server.
struct PrivatePostgres {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_root: bool,
}

impl PrivatePostgres {
    /// The newest PostgreSQL server binaries on the machine.
    fn binaries() -> Option<PathBuf> {
        let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
            .ok()?
            .filter_map(Result::ok)
            .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
            .filter(|(_, bin): &(u32, PathBuf)| bin.join("initdb").is_file() && bin.join("pg_ctl").is_file())
            .collect();
        found.sort();
        found.pop().map(|(_, bin)| bin)
    }

    async fn start() -> Option<PrivatePostgres> {
        let Some(bin) = Self::binaries() else {
            let why = "PostgreSQL's server binaries (initdb, pg_ctl) are not under /usr/lib/postgresql/*/bin \
                       (Debian: postgresql)";
            if require_all() {
                panic!("the PostgreSQL restart test is required (IDESPOR_REQUIRE_ALL=1) but {why}");
            }
            eprintln!("SKIPPED: postgres_restarted_under_load: {why}");
            return None;
        };
        let as_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0\n"));
        let dir = tempfile::tempdir().unwrap();
        if as_root {
            // initdb refuses to run as root: the cluster belongs to the postgres user.
            let status = Command::new("chown").args(["-R", "postgres:"]).arg(dir.path()).status().unwrap();
            assert!(status.success(), "chown the cluster's directory to postgres");
        }
        let cluster = PrivatePostgres { dir, bin, port: free_port(), as_root };
        let data = cluster.data();
        cluster.run(
            "initdb",
            &["-D", data.to_str().unwrap(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"],
        );
        cluster.pg_ctl_start();
        Some(cluster)
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    fn url(&self, db: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{db}", self.port)
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let program = self.bin.join(tool);
        let mut command = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        let output = command.args(args).stdin(Stdio::null()).output().unwrap();
        assert!(
            output.status.success(),
            "{tool} {args:?}: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }

    fn pg_ctl_start(&self) {
        let options = format!(
            "-p {} -k {} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("postgres.log");
        self.run(
            "pg_ctl",
            &[
                "-D",
                self.data().to_str().unwrap(),
                "-l",
                log.to_str().unwrap(),
                "-w",
                "-t",
                "30",
                "-o",
                &options,
                "start",
            ],
        );
    }

    fn pg_ctl_stop(&self, mode: &str) {
        self.run("pg_ctl", &["-D", self.data().to_str().unwrap(), "-m", mode, "-w", "-t", "30", "stop"]);
    }
}

impl Drop for PrivatePostgres {
    fn drop(&mut self) {
        let program = self.bin.join("pg_ctl");
        let data = self.data();
        let mut command = if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(program);
            c
        } else {
            Command::new(program)
        };
        let _ = command.arg("-D").arg(data).args(["-m", "immediate", "stop"]).output();
    }
}

/// A client that keeps cookies, signed in to the server's pages as `email`.
async fn signed_in(base: &str, email: &str) -> reqwest::Client {
    let jar = Arc::new(reqwest::cookie::Jar::default());
    let http = crate::common::http()
        .cookie_provider(jar.clone())
        .redirect(reqwest::redirect::Policy::none())
        .timeout(Duration::from_secs(OUTAGE_LIMIT))
        .build()
        .unwrap();
    http.get(format!("{base}/login")).send().await.unwrap();
    use reqwest::cookie::CookieStore;
    let cookies = jar.cookies(&base.parse().unwrap()).unwrap();
    let csrf = cookies.to_str().unwrap().split("; ").find_map(|c| c.strip_prefix("idespor_csrf=")).unwrap().to_string();
    let response = http
        .post(format!("{base}/login"))
        .form(&[("email", email), ("password", common::PASSWORD), ("csrf_token", &csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::SEE_OTHER, "sign-in");
    http
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_under_load_gives_503_and_idespor_recovers_by_itself() {
    let Some(cluster) = PrivatePostgres::start().await else { return };
    let admin = sqlx::PgPool::connect(&cluster.url("postgres")).await.unwrap();
    sqlx::query("CREATE DATABASE idespor").execute(&admin).await.unwrap();
    admin.close().await;
    let app_dir = tempfile::tempdir().unwrap();
    let config =
        Config { data_dir: app_dir.path().to_path_buf(), database_url: cluster.url("idespor"), ..Config::default() };
    let (token, area) = prepare_community(&config).await;
    let mut server = ServerProcess::start(&config, &app_dir.path().join("serve.log")).await;
    let pages = signed_in(&server.base, MAJA).await;

    // Load: two clients reading and writing through the API all the time.
    let stop = Arc::new(AtomicBool::new(false));
    let seen: Arc<Mutex<Vec<Result<u16, String>>>> = Arc::default();
    let mut load = Vec::new();
    for w in 0..2 {
        let (base, token, stop, seen) = (server.base.clone(), token.clone(), stop.clone(), seen.clone());
        load.push(tokio::spawn(async move {
            let http = client(OUTAGE_LIMIT);
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                i += 1;
                let request = if i % 2 == 0 {
                    http.get(format!("{base}/api/v1/ideas"))
                } else {
                    http.post(format!("{base}/api/v1/ideas")).json(&idea_body(&format!("Last {w}-{i}"), area))
                };
                let outcome = request.bearer_auth(&token).send().await.map(|r| r.status().as_u16());
                seen.lock().unwrap().push(outcome.map_err(|e| e.to_string()));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        }));
    }
    let ok_count = |seen: &Arc<Mutex<Vec<Result<u16, String>>>>| {
        seen.lock().unwrap().iter().filter(|s| matches!(s, Ok(200 | 201))).count()
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while ok_count(&seen) < 10 {
        assert!(Instant::now() < deadline, "no load got through: {:?}", seen.lock().unwrap());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }

    // PostgreSQL stops (a fast shutdown: sessions are ended).
    cluster.pg_ctl_stop("fast");
    let http = client(OUTAGE_LIMIT);
    let api = http.get(server.url("/api/v1/ideas")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(api.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(api.headers().get(header::RETRY_AFTER).is_some(), "Retry-After on the API's 503");
    assert_eq!(api.json::<Value>().await.unwrap()["error"], json!("unavailable"));
    let write =
        http.post(server.url("/api/v1/ideas")).bearer_auth(&token).json(&idea_body("Under nedbrud", area)).send().await;
    let write = write.unwrap();
    assert_eq!(write.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(write.json::<Value>().await.unwrap()["error"], json!("unavailable"));
    let page = pages.get(server.url("/ideas")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(page.headers().get(header::RETRY_AFTER).is_some(), "Retry-After on the page's 503");
    assert!(page.headers()[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"));
    let body = page.text().await.unwrap();
    assert!(body.contains("<html lang=\"da\""), "a Danish page: {body}");
    assert!(body.contains("Idéspor er ikke tilgængelig lige nu"), "{body}");
    assert!(body.contains("Prøv igen om lidt"), "{body}");
    assert_eq!(http.get(server.url("/healthz")).send().await.unwrap().status(), StatusCode::SERVICE_UNAVAILABLE);

    // PostgreSQL starts again: Idéspor, never restarted, answers again by itself.
    cluster.pg_ctl_start();
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let response = http.get(server.url("/api/v1/ideas")).bearer_auth(&token).send().await.unwrap();
        if response.status() == StatusCode::OK {
            break;
        }
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(Instant::now() < deadline, "Idéspor does not recover after PostgreSQL is back");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(server.running(), "the same process");
    let write =
        http.post(server.url("/api/v1/ideas")).bearer_auth(&token).json(&idea_body("Efter nedbrud", area)).send().await;
    assert_eq!(write.unwrap().status(), StatusCode::CREATED);
    assert_eq!(pages.get(server.url("/ideas")).send().await.unwrap().status(), StatusCode::OK);
    assert_eq!(http.get(server.url("/healthz")).send().await.unwrap().status(), StatusCode::OK);

    let before = ok_count(&seen);
    let deadline = Instant::now() + Duration::from_secs(20);
    while ok_count(&seen) < before + 4 {
        assert!(Instant::now() < deadline, "the load does not get through again");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    stop.store(true, Ordering::Relaxed);
    for task in load {
        task.await.unwrap();
    }
    // Under load, every request was answered (none hung past OUTAGE_LIMIT), and only
    // with success or 503: never a 500.
    let seen = seen.lock().unwrap().clone();
    let odd: Vec<_> = seen.iter().filter(|s| !matches!(s, Ok(200 | 201 | 503))).collect();
    assert!(odd.is_empty(), "unexpected answers under load: {odd:?}");
    assert!(seen.iter().any(|s| matches!(s, Ok(503))), "the load saw the outage");
    drop(server);
}

// ---------------------------------------------------------------------------------------------
// 4. The mail server down, then up

async fn mail_queued_while_the_mail_server_is_down_arrives_exactly_once_when_it_is_up(app: TestApp) {
    if !aiosmtpd_or_skip("mail_queued_while_the_mail_server_is_down") {
        return;
    }
    // Three members of Erfagruppe Syd want to hear of moves at once, and nothing else by mail.
    let people = [MAJA, PETER, GITTE];
    let mut ids = Vec::new();
    for email in people {
        ids.push(common::mail::only_moves_by_mail_at_once(&app.svc, email).await.user.id);
    }
    let maja = actor(&app.svc, MAJA).await;
    let syd = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id;
    let area = app.svc.product_areas().await.unwrap()[0].id;
    let mut ideas = Vec::new();
    for title in ["Påmindelse om medicin", "Kørelister på mobilen", "Besked ved aflyst besøg"] {
        let form = IdeaForm {
            title: title.into(),
            role: "Sygeplejerske".into(),
            situation: "Ved aftenbesøget".into(),
            need: "Vi mangler overblik".into(),
            effect: "Færre fejl".into(),
            product_area_id: area.to_string(),
        };
        let draft = app.svc.create_idea(&maja, &form).await.unwrap();
        ideas.push(app.svc.move_idea(&maja, draft.id, draft.version, Move::Submit { group: syd }).await.unwrap());
    }

    // The worker runs; the mail server is not there.
    let port = free_port();
    let dir = tempfile::tempdir().unwrap();
    let maildir = dir.path().join("maildir");
    let mut config = app.db.config.clone();
    config.public_url = app.base.clone();
    config.mail.smtp_url = format!("smtp://127.0.0.1:{port}");
    config.mail.from = "Idéspor <noreply@idespor.test>".into();
    config.mail.poll_millis = 100;
    let _worker = Worker(idespor::startup::spawn_mail_worker(&app.svc, &config).unwrap());

    // Hanne forwards the three ideas. Mail at once: each submission told Peter and Gitte (not
    // Maja, who made it), each forward tells all three.
    const MAILS: usize = 3 * 2 + 3 * 3;
    let hanne = actor(&app.svc, HANNE).await;
    for idea in &ideas {
        app.svc.move_idea(&hanne, idea.id, idea.version, Move::Forward).await.unwrap();
    }
    let ours = || async {
        app.store
            .list_outbox(None, 500)
            .await
            .unwrap()
            .into_iter()
            .filter(|m| m.kind == OutboxKind::Notification && m.user_id.is_some_and(|u| ids.contains(&u)))
            .collect::<Vec<_>>()
    };
    let deadline = Instant::now() + Duration::from_secs(15);
    let waiting = loop {
        let rows = ours().await;
        if rows.len() == MAILS && rows.iter().all(|m| m.attempts >= 1 && m.status == OutboxStatus::Queued) {
            break rows;
        }
        assert!(Instant::now() < deadline, "not every mail has failed once yet: {rows:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(waiting.iter().all(|m| m.last_error.is_some()), "each failure is kept");
    assert!(mails_to(&maildir, MAJA).is_empty());

    // The mail server comes up; the operator sends the waiting mail now instead of at the backoff.
    let _smtp = SmtpServer::start(port, &maildir).await;
    let admin = actor(&app.svc, common::ADMIN).await;
    for mail in &waiting {
        let deadline = Instant::now() + Duration::from_secs(5);
        while let Err(e) = app.svc.retry_mail(&admin, mail.id).await {
            assert!(Instant::now() < deadline, "mail {} could not be retried: {e}", mail.id);
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
    let deadline = Instant::now() + Duration::from_secs(20);
    let sent = loop {
        let rows = ours().await;
        if rows.iter().all(|m| m.status == OutboxStatus::Sent) {
            break rows;
        }
        assert!(Instant::now() < deadline, "not all mail was sent: {rows:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    assert_eq!(sent.len(), MAILS);
    // Let a duplicate, if the worker were to send one, arrive before counting.
    tokio::time::sleep(Duration::from_secs(1)).await;

    // Every mail arrived exactly once: per recipient and subject.
    let by_user: HashMap<_, _> = people.iter().zip(&ids).map(|(e, id)| (*id, *e)).collect();
    let mut expected: BTreeMap<(String, String), usize> = BTreeMap::new();
    for mail in &sent {
        let email = by_user[&mail.user_id.unwrap()].to_string();
        *expected.entry((email, mail.subject.clone().expect("a sent mail's subject"))).or_default() += 1;
    }
    assert_eq!(expected.values().sum::<usize>(), MAILS);
    let mut delivered: BTreeMap<(String, String), usize> = BTreeMap::new();
    for email in people {
        for mail in mails_to(&maildir, email) {
            let subject = decode_header(header_of(&mail, "Subject").expect("a Subject"));
            *delivered.entry((email.to_string(), subject)).or_default() += 1;
        }
    }
    assert_eq!(delivered, expected, "each notification arrived once");
}

// ---------------------------------------------------------------------------------------------
// 5. A full disk (SQLite)

/// A small tmpfs mounted on a temporary directory, unmounted when dropped.
struct SmallFs {
    dir: tempfile::TempDir,
}

impl SmallFs {
    fn mount(megabytes: u32) -> Option<SmallFs> {
        let dir = tempfile::tempdir().unwrap();
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={megabytes}m,mode=0700"), "tmpfs"])
            .arg(dir.path())
            .output();
        match output {
            Ok(o) if o.status.success() => Some(SmallFs { dir }),
            other => {
                let why = format!(
                    "cannot mount a small tmpfs (needs root or CAP_SYS_ADMIN): {}",
                    other.map(|o| String::from_utf8_lossy(&o.stderr).into_owned()).unwrap_or_else(|e| e.to_string())
                );
                if require_all() {
                    panic!("the full-disk test is required (IDESPOR_REQUIRE_ALL=1) but it {why}");
                }
                eprintln!("SKIPPED: a_full_disk: {why}");
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Fills the file system to the last byte with `filler`.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.path().join("filler");
        let mut file = std::fs::File::create(&filler).unwrap();
        let chunk = vec![0u8; 64 * 1024];
        loop {
            match file.write(&chunk) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    assert_eq!(e.raw_os_error(), Some(28), "ENOSPC, not {e}");
                    break;
                }
            }
        }
        // The last partial chunk.
        let small = vec![0u8; 512];
        while file.write(&small).is_ok_and(|n| n > 0) {}
        filler
    }
}

impl Drop for SmallFs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_full_disk_refuses_writes_clearly_keeps_everything_and_recovers_when_space_returns() {
    let Some(fs) = SmallFs::mount(64) else { return };
    let app = TestApp::start(TestDb::sqlite_in(&fs.path().join("data")), Demo::Community).await;
    let area = app.svc.create_product_area(None, "Medicin").await.unwrap().id.0;
    let token = app.token_for(MAJA).await;
    let create = |title: String| {
        let request = app.api(Method::POST, "/api/v1/ideas", &token).json(&idea_body(&title, area));
        async move { request.send().await.unwrap() }
    };
    let mut acked = Vec::new();
    for i in 0..5 {
        let response = create(format!("Før disken blev fuld {i}")).await;
        assert_eq!(response.status(), StatusCode::CREATED);
        acked.push(response.json::<Value>().await.unwrap()["id"].as_i64().unwrap());
    }
    app.login_ok(MAJA).await;
    assert_eq!(app.get("/ideas/new").await.status(), StatusCode::OK);

    // The WAL is emptied into the database, so the next write needs new space; then the disk fills.
    app.pool.execute("PRAGMA wal_checkpoint(TRUNCATE)").await.unwrap();
    let filler = fs.fill();

    // The API says so with a stable code; nothing is saved.
    let response = create("Mens disken er fuld".into()).await;
    let status = response.status();
    let retry_after = response.headers().get(header::RETRY_AFTER).is_some();
    let body: Value = response.json().await.unwrap();
    assert_eq!(status, StatusCode::INSUFFICIENT_STORAGE, "{body}");
    assert!(retry_after);
    assert_eq!(body["error"], json!("storage_full"), "{body}");
    // The page keeps what was typed and says why, in Danish.
    let response = app
        .post_form(
            "/ideas",
            &[
                ("title", "Skrevet mens disken var fuld"),
                ("role", "Sygeplejerske"),
                ("situation", "Om natten"),
                ("need", "Vi mangler et nattelys i appen"),
                ("effect", "Bedre søvn"),
                ("product_area_id", &area.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::INSUFFICIENT_STORAGE);
    assert!(response.headers().get(header::RETRY_AFTER).is_some());
    let page = response.text().await.unwrap();
    assert!(page.contains("serveren mangler plads"), "{page}");
    assert!(page.contains("value=\"Skrevet mens disken var fuld\""), "the title is kept: {page}");
    assert!(page.contains("Vi mangler et nattelys i appen"), "the text is kept");
    // Reading goes on.
    let response = app.api(Method::GET, &format!("/api/v1/ideas/{}", acked[0]), &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);

    // More refused writes, so that every connection of the pool meets the full disk.
    for i in 0..8 {
        let response = create(format!("Igen mens disken er fuld {i}")).await;
        assert_eq!(response.status(), StatusCode::INSUFFICIENT_STORAGE);
    }

    // Space returns: writes work again, in the same process, on every connection.
    std::fs::remove_file(&filler).unwrap();
    for i in 0..10 {
        let response = create(format!("Efter oprydningen {i}")).await;
        let status = response.status();
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::CREATED, "write {i} after space returned: {body}");
        acked.push(body["id"].as_i64().unwrap());
    }

    // Nothing was lost or half-written.
    assert_eq!(app.pool.integrity_problems().await.unwrap(), Vec::<String>::new());
    let titles = app.pool.texts("SELECT title FROM ideas ORDER BY id", &[]).await.unwrap();
    assert_eq!(titles.len(), acked.len(), "{titles:?}");
    assert!(
        !titles.iter().any(|t| t.contains("fuld") && !t.starts_with("Før")),
        "refused writes left nothing: {titles:?}"
    );
    for id in &acked {
        let response = app.api(Method::GET, &format!("/api/v1/ideas/{id}"), &token).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK, "idea {id}");
    }
    let (db, _) = app.stop();
    drop(db);
    drop(fs);
}

// ---------------------------------------------------------------------------------------------
// 6. A read-only database (SQLite)

/// Sets `PRAGMA query_only` on every connection of the server's pool.
async fn set_query_only(app: &TestApp, on: bool) {
    app.pool.sqlite_query_only(on).await.unwrap();
}

/// A stand-in: a file system cannot be remounted read-only while the server holds the database
/// open for writing (the kernel refuses with EBUSY), so the database is made read-only where
/// SQLite sees it, with `PRAGMA query_only` on every connection of the server's pool. Writes
/// then fail with SQLITE_READONLY, the code a read-only database file gives.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_read_only_database_refuses_writes_clearly_and_recovers_when_writable_again() {
    let app = TestApp::spawn_with(Backend::Sqlite, Demo::Community).await.unwrap();
    let area = app.svc.create_product_area(None, "Medicin").await.unwrap().id.0;
    let token = app.token_for(MAJA).await;
    let create = |title: String| {
        let request = app.api(Method::POST, "/api/v1/ideas", &token).json(&idea_body(&title, area));
        async move { request.send().await.unwrap() }
    };
    let response = create("Før".into()).await;
    assert_eq!(response.status(), StatusCode::CREATED);
    let before = response.json::<Value>().await.unwrap()["id"].as_i64().unwrap();
    app.login_ok(MAJA).await;
    app.csrf().await;

    set_query_only(&app, true).await;
    for i in 0..10 {
        let response = create(format!("Skrivebeskyttet {i}")).await;
        let (status, retry_after) = (response.status(), response.headers().get(header::RETRY_AFTER).is_some());
        let body: Value = response.json().await.unwrap();
        assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
        assert!(retry_after);
        assert_eq!(body["error"], json!("unavailable"));
    }
    let response = app
        .post_form(
            "/ideas",
            &[
                ("title", "Skrevet mens databasen var skrivebeskyttet"),
                ("need", "Et behov"),
                ("product_area_id", &area.to_string()),
            ],
        )
        .await;
    assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = response.text().await.unwrap();
    assert!(page.contains("Prøv igen om lidt"), "{page}");
    assert!(page.contains("value=\"Skrevet mens databasen var skrivebeskyttet\""), "the input is kept");
    let response = app.api(Method::GET, &format!("/api/v1/ideas/{before}"), &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK, "reading goes on");

    set_query_only(&app, false).await;
    for i in 0..10 {
        let response = create(format!("Efter {i}")).await;
        assert_eq!(response.status(), StatusCode::CREATED, "write {i} once writable again");
    }
    assert_eq!(app.pool.integrity_problems().await.unwrap(), Vec::<String>::new());
    let titles = app.pool.texts("SELECT title FROM ideas ORDER BY id", &[]).await.unwrap();
    assert_eq!(titles.len(), 11, "{titles:?}");
    assert_eq!(titles[0], "Før");
    assert!(!titles.iter().any(|t| t.starts_with("Skrive")), "nothing refused was saved");
}

/// A backup taken before an erasure brings the person back when restored, unless the list of
/// erasures (ids only) is applied again: `idespor erasures` writes it, `restore
/// --reapply-erasures` applies it.
async fn a_restore_erases_again_those_erased_after_the_backup(app: TestApp) {
    let backend = if app.db.config.is_postgres() { Backend::Postgres } else { Backend::Sqlite };
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("before.backup");
    let printed = run_idespor(&app.db.config, &["backup", file.to_str().unwrap()]);
    assert!(printed.contains("Backup written"), "{printed}");
    // After the backup, Maja is erased.
    let admin = Actor::new(app.store.find_login_candidate(common::ADMIN).await.unwrap().unwrap().user);
    let maja = app.store.find_login_candidate(MAJA).await.unwrap().unwrap().user.id;
    app.svc.erase_person(&admin, maja).await.unwrap();
    let list = dir.path().join("erasures.txt");
    let printed = run_idespor(&app.db.config, &["erasures"]);
    assert_eq!(printed.trim(), maja.0.to_string(), "the list holds her id and nothing else");
    std::fs::write(&list, &printed).unwrap();

    // Restored without the list, she is back; with it, she is erased again.
    let without = TestDb::new(backend).await.unwrap();
    run_idespor(&without.config, &["restore", file.to_str().unwrap()]);
    let restored = idespor_storage::connect(&without.url).await.unwrap();
    assert_eq!(
        restored.count("SELECT COUNT(*) FROM users WHERE email = $1", &[MAJA]).await.unwrap(),
        1,
        "the backup holds her"
    );
    restored.close().await;
    let with = TestDb::new(backend).await.unwrap();
    let printed =
        run_idespor(&with.config, &["restore", file.to_str().unwrap(), "--reapply-erasures", list.to_str().unwrap()]);
    assert!(printed.contains("Erased 1 people again"), "{printed}");
    let restored = idespor_storage::connect(&with.url).await.unwrap();
    assert_eq!(
        restored.count("SELECT COUNT(*) FROM users WHERE email = $1", &[MAJA]).await.unwrap(),
        0,
        "erased again"
    );
    let sql = format!("SELECT COUNT(*) FROM erasures WHERE user_id = {}", maja.0);
    assert_eq!(restored.count(&sql, &[]).await.unwrap(), 1);
    let sql = format!("SELECT COUNT(*) FROM ideas WHERE author_id = {}", maja.0);
    assert!(restored.count(&sql, &[]).await.unwrap() > 0, "her ideas stay");
    restored.close().await;
}
