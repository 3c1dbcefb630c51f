//! The command line and the storage contract, on SQLite and PostgreSQL: migrations give the
//! same schema, the demo loads idempotently, imports are all or nothing, bad configuration and
//! an unreachable database stop with a clear message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::idespor_command as idespor;
use common::{Backend, TestDb};
use std::process::Command;

fn db_args(db: &TestDb) -> Vec<String> {
    common::db_args(&db.config)
}

async fn counts(db: &TestDb) -> Vec<(String, i64)> {
    let database = idespor::startup::open_database(&db.config).await.unwrap();
    let mut out = Vec::new();
    for table in ["organizations", "community_groups", "group_organizations", "users", "group_members", "audit_log"] {
        let n = database.count(&format!("SELECT COUNT(*) FROM {table}"), &[]).await.unwrap();
        out.push((table.to_string(), n));
    }
    database.close().await;
    out
}

async fn demo_twice_changes_nothing(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let first = idespor().args(db_args(&db)).arg("demo").output().unwrap();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let after_first = counts(&db).await;
    let second = idespor().args(db_args(&db)).arg("demo").output().unwrap();
    assert!(second.status.success());
    assert_eq!(counts(&db).await, after_first);
    let users = after_first.iter().find(|(t, _)| t == "users").unwrap().1;
    assert_eq!(users as usize, idespor::demo::people_count());
    assert_eq!(after_first[0].1, 104, "98 municipalities, 5 regions, the vendor");
    assert_eq!(after_first[1].1, 7, "5 erfagrupper, the tovholdergruppe, the produktmanagergruppe");
    assert_eq!(after_first[2].1, 98, "every municipality in its region's erfagruppe");
}

async fn import_with_a_bad_row_writes_nothing(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let migrate = idespor().args(db_args(&db)).arg("migrate").output().unwrap();
    assert!(migrate.status.success(), "{}", String::from_utf8_lossy(&migrate.stderr));
    let said = String::from_utf8_lossy(&migrate.stdout);
    assert!(said.starts_with("Created a new database"), "a new database is said to be new: {said}");
    let again = idespor().args(db_args(&db)).arg("migrate").output().unwrap();
    let said = String::from_utf8_lossy(&again.stdout);
    assert!(said.contains("is up to date"), "the second time, nothing to do: {said}");
    let file = db.config.data_dir.join("orgs.csv");
    std::fs::write(
        &file,
        "kode,navn,cvr\n0573,Varde,29189757\n101,København,64942212\n12,Forkert,\n147,Frederiksberg,\n",
    )
    .unwrap();
    let bad = idespor().args(db_args(&db)).args(["import", "organizations"]).arg(&file).output().unwrap();
    assert!(!bad.status.success());
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("linje 4: kode: En kommunekode har 3 cifre"), "Danish, the line, the column: {stderr}");
    assert!(stderr.contains("Intet blev importeret."), "{stderr}");
    assert!(!stderr.contains("FieldError"), "never a debug dump: {stderr}");
    assert_eq!(counts(&db).await[0].1, 0, "nothing of the file is written");

    std::fs::write(&file, "kode;navn;cvr\n0573;Varde;29189757\n101;København;64942212\n").unwrap();
    let good = idespor().args(db_args(&db)).args(["import", "organizations"]).arg(&file).output().unwrap();
    assert!(good.status.success(), "{}", String::from_utf8_lossy(&good.stderr));
    assert!(String::from_utf8_lossy(&good.stdout).contains("2 new"));
    assert_eq!(counts(&db).await[0].1, 2);
    let again = idespor().args(db_args(&db)).args(["import", "organizations"]).arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("0 new, 2 updated"));

    // A region named by its name, with or without "Region"; missing regions created on request.
    std::fs::write(
        &file,
        "kode;navn;region
0851;Aalborg;Nordjylland
0751;Aarhus;region midtjylland
",
    )
    .unwrap();
    let unknown = idespor().args(db_args(&db)).args(["import", "organizations"]).arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&unknown.stderr);
    assert!(stderr.contains("linje 2: region: Vælg en region fra listen."), "no regions yet: {stderr}");
    let created =
        idespor().args(db_args(&db)).args(["import", "organizations", "--create-regions"]).arg(&file).output().unwrap();
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let said = String::from_utf8_lossy(&created.stdout);
    assert!(said.contains("Regions: 5 added") && said.contains("2 new"), "{said}");
    assert_eq!(counts(&db).await[0].1, 9, "2 + 5 regions + Aalborg and Aarhus");
}

async fn create_user_and_token_from_the_command_line(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    assert!(idespor().args(db_args(&db)).arg("demo").output().unwrap().status.success());
    let mut child = idespor()
        .args(db_args(&db))
        .args([
            "admin",
            "create-user",
            "--email",
            "Ny.Admin@Idespor.test",
            "--name",
            "Ny Admin",
            "--organization",
            "573",
            "--admin",
            "--password-stdin",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(b"en lang hemmelig saetning\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let token = idespor().args(db_args(&db)).args(["admin", "create-token", "ny.admin@idespor.test"]).output().unwrap();
    assert!(token.status.success());
    let token = String::from_utf8(token.stdout).unwrap().trim().to_string();
    assert!(token.starts_with("idespor_"));
    let database = idespor::startup::open_database(&db.config).await.unwrap();
    let svc = idespor::startup::services(database, std::sync::Arc::new(idespor_domain::clock::SystemClock));
    let user = svc.user_for_token(&token).await.unwrap().expect("the token works");
    assert!(user.is_admin);
    assert_eq!(user.org_name.as_deref(), Some("Varde"));
    let invited = idespor()
        .args(db_args(&db))
        .args(["admin", "create-user", "--email", "inv@idespor.test", "--name", "Inviteret"])
        .output()
        .unwrap();
    assert!(invited.status.success(), "{}", String::from_utf8_lossy(&invited.stderr));
    assert!(String::from_utf8_lossy(&invited.stdout).contains("/invitation/"));
}

/// `idespor init`: a real community's first day (issue 14, item 4), twice without harm.
async fn init_prepares_a_real_community_once(backend: Backend) {
    use std::io::Write;
    let Some(db) = TestDb::new(backend).await else { return };
    let run = || {
        let mut child = idespor()
            .args(db_args(&db))
            .args(["init", "--admin-email", "anne@varde.dk", "--admin-name", "Anne Jensen", "--admin-organization"])
            .args(["573", "--password-stdin"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(b"et godt langt kodeord\n").unwrap();
        child.wait_with_output().unwrap()
    };
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let said = String::from_utf8_lossy(&first.stdout);
    assert!(
        said.contains("Created a new database") && said.contains("Created the administrator Anne Jensen"),
        "{said}"
    );
    let after_first = counts(&db).await;
    assert_eq!(after_first[0].1, 104, "98 municipalities, 5 regions, the vendor");
    assert_eq!(after_first[1].1, 7, "5 erfagrupper, the tovholdergruppe, the produktmanagergruppe");
    assert_eq!(after_first[2].1, 98, "every municipality in its region's erfagruppe");
    assert_eq!(after_first[3].1, 1, "the administrator");
    let database = idespor::startup::open_database(&db.config).await.unwrap();
    let admin = database
        .texts(
            "SELECT o.code FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.is_admin = TRUE \
             AND u.password_hash IS NOT NULL",
            &[],
        )
        .await
        .unwrap();
    assert_eq!(admin, ["573"], "an administrator in Varde with a password");
    let cvr = database.count("SELECT COUNT(*) FROM organizations WHERE kind = 'municipality' AND cvr IS NOT NULL", &[]);
    assert_eq!(cvr.await.unwrap(), 98, "every municipality has its CVR number");
    database.close().await;

    let second = run();
    assert!(second.status.success(), "{}", String::from_utf8_lossy(&second.stderr));
    assert!(String::from_utf8_lossy(&second.stdout).contains("is there already"));
    assert_eq!(counts(&db).await[..4], after_first[..4], "nothing twice");
}

/// `init` without the administrator's flags asks for them, one line each on standard input; a
/// missing answer stops it with the flag to use, before anyone is created.
async fn init_asks_for_what_the_flags_do_not_say(backend: Backend) {
    use std::io::Write;
    let Some(db) = TestDb::new(backend).await else { return };
    let run = |answers: &str| {
        let mut child = idespor()
            .args(db_args(&db))
            .args(["init", "--no-reference-data"])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(answers.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let unanswered = run("anne@varde.dk\n");
    assert!(!unanswered.status.success());
    let said = String::from_utf8_lossy(&unanswered.stderr);
    assert!(said.contains("Their name") && said.contains("idespor init --help"), "{said}");
    assert_eq!(counts(&db).await[3].1, 0, "nobody was created");
    let answered = run("anne@varde.dk\nAnne Jensen\n\n");
    assert!(answered.status.success(), "{}", String::from_utf8_lossy(&answered.stderr));
    let said = String::from_utf8_lossy(&answered.stdout);
    assert!(said.contains("Created the administrator Anne Jensen <anne@varde.dk>"), "{said}");
    assert!(said.contains("/invitation/"), "an invitation link: {said}");
}

/// `idespor group …`: groups and memberships from the command line, with the same rules as the
/// administration (a bad kind is refused, naming the field), each change in the audit trail.
async fn groups_and_memberships_from_the_command_line(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let run = |args: &[&str]| idespor().args(db_args(&db)).args(args).output().unwrap();
    let init =
        run(&["init", "--admin-email", "anne@varde.dk", "--admin-name", "Anne Jensen", "--admin-organization", "573"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let ok = |args: &[&str]| {
        let out = run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let created =
        ok(&["group", "create", "--name", "Temagruppe Hjemmepleje", "--kind", "erfa", "--region", "Region Syddanmark"]);
    assert!(created.contains("Created the group Temagruppe Hjemmepleje"), "{created}");
    assert!(ok(&["group", "add-organization", "Temagruppe Hjemmepleje", "573"]).contains("Varde"));
    ok(&["group", "add-member", "Temagruppe Hjemmepleje", "anne@varde.dk", "--coordinator"]);
    let list = ok(&["group", "list"]);
    let line = list.lines().find(|l| l.starts_with("Temagruppe Hjemmepleje")).expect("listed");
    assert!(line.contains("1 members") && line.contains("coordinators: Anne Jensen"), "{line}");
    ok(&["group", "remove-member", "Temagruppe Hjemmepleje", "anne@varde.dk"]);
    let list = ok(&["group", "list"]);
    assert!(
        list.lines().any(|l| l.starts_with("Temagruppe Hjemmepleje") && l.contains("coordinators: none")),
        "{list}"
    );

    let bad_kind = run(&["group", "create", "--name", "X", "--kind", "klub"]);
    assert!(!bad_kind.status.success());
    assert!(String::from_utf8_lossy(&bad_kind.stderr).contains("refused: kind:"), "names the field");
    let unknown = run(&["group", "add-member", "Ingen gruppe", "anne@varde.dk"]);
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no group named \"Ingen gruppe\""));
    let database = idespor::startup::open_database(&db.config).await.unwrap();
    let actions = database
        .texts("SELECT action FROM audit_log WHERE action LIKE 'group.%' AND actor_id IS NULL ORDER BY id", &[])
        .await
        .unwrap();
    let tail: Vec<&str> = actions.iter().rev().take(4).rev().map(String::as_str).collect();
    assert_eq!(tail, ["group.create", "group.add_organization", "group.set_member", "group.remove_member"]);
    database.close().await;
}

/// `idespor import people` says what each line does and writes all or nothing; `idespor export
/// people` writes the same format.
async fn people_from_a_file_on_the_command_line(backend: Backend) {
    let Some(db) = TestDb::new(backend).await else { return };
    let run = |args: &[&str]| idespor().args(db_args(&db)).args(args).output().unwrap();
    let init =
        run(&["init", "--admin-email", "anne@varde.dk", "--admin-name", "Anne Jensen", "--admin-organization", "573"]);
    assert!(init.status.success(), "{}", String::from_utf8_lossy(&init.stderr));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("personer.csv");
    std::fs::write(
        &file,
        "navn;email;organisation;grupper\nBo Holm;bo@aarhus.dk;751;Erfagruppe Midt:tovholder\nX;x@y.dk;999;\n",
    )
    .unwrap();
    let file_arg = file.to_str().unwrap();
    let refused = run(&["import", "people", file_arg]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stdout);
    assert!(said.contains("linje 2\tbo@aarhus.dk\topret"), "{said}");
    assert!(said.contains("linje 3\tx@y.dk\tAFVIST (organisation: Ingen organisation"), "{said}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("nothing was imported"));
    assert_eq!(counts(&db).await[3].1, 1, "only the administrator");
    std::fs::write(&file, "navn;email;organisation;grupper\nBo Holm;bo@aarhus.dk;751;Erfagruppe Midt:tovholder\n")
        .unwrap();
    let dry = run(&["import", "people", file_arg, "--dry-run"]);
    assert!(dry.status.success());
    assert_eq!(counts(&db).await[3].1, 1, "a dry run writes nothing");
    let done = run(&["import", "people", file_arg]);
    assert!(done.status.success(), "{}", String::from_utf8_lossy(&done.stderr));
    assert!(String::from_utf8_lossy(&done.stdout).contains("1 created, 0 changed, 0 unchanged; 1 invitations"));
    let export = run(&["export", "people"]);
    let text = String::from_utf8_lossy(&export.stdout);
    assert!(text.contains("Bo Holm;bo@aarhus.dk;751;Erfagruppe Midt:tovholder;"), "{text}");
}

#[tokio::test]
async fn people_from_a_file_on_the_command_line_sqlite() {
    people_from_a_file_on_the_command_line(Backend::Sqlite).await;
}
#[tokio::test]
async fn people_from_a_file_on_the_command_line_postgres() {
    people_from_a_file_on_the_command_line(Backend::Postgres).await;
}
#[tokio::test]
async fn groups_and_memberships_from_the_command_line_sqlite() {
    groups_and_memberships_from_the_command_line(Backend::Sqlite).await;
}
#[tokio::test]
async fn groups_and_memberships_from_the_command_line_postgres() {
    groups_and_memberships_from_the_command_line(Backend::Postgres).await;
}
#[tokio::test]
async fn init_asks_for_what_the_flags_do_not_say_sqlite() {
    init_asks_for_what_the_flags_do_not_say(Backend::Sqlite).await;
}
#[tokio::test]
async fn init_asks_for_what_the_flags_do_not_say_postgres() {
    init_asks_for_what_the_flags_do_not_say(Backend::Postgres).await;
}
#[tokio::test]
async fn init_prepares_a_real_community_once_sqlite() {
    init_prepares_a_real_community_once(Backend::Sqlite).await;
}
#[tokio::test]
async fn init_prepares_a_real_community_once_postgres() {
    init_prepares_a_real_community_once(Backend::Postgres).await;
}
#[tokio::test]
async fn demo_twice_changes_nothing_sqlite() {
    demo_twice_changes_nothing(Backend::Sqlite).await;
}
#[tokio::test]
async fn demo_twice_changes_nothing_postgres() {
    demo_twice_changes_nothing(Backend::Postgres).await;
}
#[tokio::test]
async fn import_with_a_bad_row_writes_nothing_sqlite() {
    import_with_a_bad_row_writes_nothing(Backend::Sqlite).await;
}
#[tokio::test]
async fn import_with_a_bad_row_writes_nothing_postgres() {
    import_with_a_bad_row_writes_nothing(Backend::Postgres).await;
}
#[tokio::test]
async fn create_user_and_token_from_the_command_line_sqlite() {
    create_user_and_token_from_the_command_line(Backend::Sqlite).await;
}
#[tokio::test]
async fn create_user_and_token_from_the_command_line_postgres() {
    create_user_and_token_from_the_command_line(Backend::Postgres).await;
}

/// Both migration folders give the same schema: the same tables, the same columns with the same
/// kinds of values and the same nullability, and the same indexes on the same columns (unique
/// or not, partial with the same condition).
#[tokio::test]
async fn both_backends_have_the_same_schema() {
    let Some(sqlite) = TestDb::new(Backend::Sqlite).await else { return };
    let Some(postgres) = TestDb::new(Backend::Postgres).await else { return };
    let lite = idespor::startup::open_database(&sqlite.config).await.unwrap();
    let pg = idespor::startup::open_database(&postgres.config).await.unwrap();
    let tables = lite.tables().await.unwrap();
    assert_eq!(tables, pg.tables().await.unwrap());
    assert!(tables.len() > 20, "{tables:?}");
    let mut columns = 0;
    for table in &tables {
        let (a, b) = (lite.columns(table).await.unwrap(), pg.columns(table).await.unwrap());
        assert_eq!(a, b, "the columns of {table}");
        columns += a.len();
    }
    assert!(columns > 100);
    let (a, b) = (lite.indexes().await.unwrap(), pg.indexes().await.unwrap());
    assert!(a.len() > 20, "{a:?}");
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(a.len(), b.len());
}

#[test]
fn invalid_config_names_the_key_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("idespor.toml");
    std::fs::write(&file, "bind = \"127.0.0.1:8080\"\n[log]\nlevel = \"info\"\ncolour = true\n").unwrap();
    let out = idespor().arg("--config").arg(&file).arg("migrate").output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("colour") && stderr.contains("idespor.toml"), "{stderr}");
}

#[test]
fn unreachable_database_stops_with_a_clear_message() {
    let out = idespor()
        .args(["--database-url", "postgres://idespor:hemmelig@127.0.0.1:1/idespor", "migrate"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("cannot open the database"), "{stderr}");
    assert!(!stderr.contains("hemmelig"), "no password in messages: {stderr}");
}

#[test]
fn demo_refuses_a_public_address() {
    let dir = tempfile::tempdir().unwrap();
    let out =
        idespor().arg("--data-dir").arg(dir.path()).args(["serve", "--demo", "--bind", "0.0.0.0:0"]).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
}

#[test]
fn settings_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    // The environment's bind address is used: the demo refuses it for not being loopback.
    let out = idespor()
        .env("IDESPOR_DATA_DIR", dir.path())
        .env("IDESPOR_BIND", "0.0.0.0:0")
        .env("IDESPOR_LOG__LEVEL", "warn")
        .args(["serve", "--demo"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("0.0.0.0:0"), "{}", String::from_utf8_lossy(&out.stderr));
    // A flag wins over the environment.
    let out = idespor()
        .env("IDESPOR_BIND", "not an address")
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--bind", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn config_example_is_printed() {
    let out = idespor().args(["config", "example"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("bind = \"127.0.0.1:8080\"") && text.contains("database_url"));
}

/// `serve` logs one line per request without secrets, and stops cleanly on SIGTERM.
#[tokio::test]
async fn serve_logs_requests_without_secrets_and_stops_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let log = std::fs::File::create(dir.path().join("log")).unwrap();
    let mut child = idespor()
        .arg("--data-dir")
        .arg(dir.path())
        .args(["serve", "--demo", "--bind", &format!("127.0.0.1:{port}")])
        .stdout(std::process::Stdio::null())
        .stderr(log)
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut ready = false;
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(ready, "the server did not start");
    let page = client.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    let marker = "name=\"csrf_token\" value=\"";
    let start = page.find(marker).unwrap() + marker.len();
    let csrf = page[start..start + 64].to_string();
    let login = client
        .post(format!("{base}/login"))
        .form(&[("email", "admin@idespor.test"), ("password", "idespor-demo"), ("csrf_token", &csrf)])
        .send()
        .await
        .unwrap();
    let session = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .find_map(|v| v.to_str().ok()?.strip_prefix("idespor_session=").map(|s| s[..64].to_string()))
        .unwrap();
    client.get(format!("{base}/organizations?kind=region")).send().await.unwrap();
    let status = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(status.success());
    let exit = child.wait().unwrap();
    assert!(exit.success(), "graceful shutdown exits 0, got {exit:?}");
    let log = std::fs::read_to_string(dir.path().join("log")).unwrap();
    assert!(log.contains("route=/login") && log.contains("status=303"), "{log}");
    assert!(log.contains("route=/organizations"), "{log}");
    for secret in ["idespor-demo", &session, &csrf] {
        assert!(!log.contains(secret), "a secret reached the log: {secret}");
    }
    assert!(log.contains("shutting down"), "{log}");
}

/// The commands of README's "Running it for real", run as written (by `sh`, in an empty
/// folder, with this build's `idespor` first on the PATH): the configuration, `init`, `serve`.
/// Only the address `serve` listens on is moved (`IDESPOR_BIND`), so that tests running at the
/// same time do not collide on port 8080. Then the first administrator uses the invitation
/// link `init` printed, signs in, and the administration says what the journey still lacks.
#[tokio::test]
async fn readme_first_day_steps_work_as_written() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let section = readme.split("## Running it for real").nth(1).expect("the section");
    let block = section.split("```sh").nth(1).and_then(|b| b.split("```").next()).expect("its commands");
    // Each command without its comment; lines that are only comments continue the one above.
    let commands: Vec<String> = block
        .lines()
        .map(|l| l.split(" #").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    assert_eq!(commands.len(), 3, "config, init, serve: {commands:?}");
    assert!(commands[2].starts_with("idespor serve"), "{commands:?}");
    let dir = tempfile::tempdir().unwrap();
    let bin_dir = std::path::Path::new(env!("CARGO_BIN_EXE_idespor")).parent().unwrap().to_path_buf();
    let path = format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap_or_default());
    let sh = |command: &str| {
        let mut sh = Command::new("sh");
        sh.arg("-c").arg(command).current_dir(dir.path()).env("PATH", &path);
        for (key, _) in std::env::vars().filter(|(k, _)| k.starts_with("IDESPOR_")) {
            sh.env_remove(key);
        }
        sh
    };
    let mut printed = String::new();
    for command in &commands[..2] {
        let out = sh(command).output().unwrap();
        assert!(out.status.success(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
        printed.push_str(&String::from_utf8_lossy(&out.stdout));
    }
    assert!(dir.path().join("idespor.toml").exists(), "the documented configuration was written");
    assert!(printed.contains("Created a new database"), "{printed}");
    let link = printed.split("/invitation/").nth(1).and_then(|l| l.split_whitespace().next()).expect("a link");

    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    // `exec`, so that the server is the process stopped at the end (not a shell around it).
    let mut serve = sh(&format!("exec {}", commands[2]))
        .env("IDESPOR_BIND", format!("127.0.0.1:{port}"))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let base = format!("http://127.0.0.1:{port}");
    let client = crate::common::http().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let mut ready = false;
    for _ in 0..200 {
        if client.get(format!("{base}/healthz")).send().await.is_ok_and(|r| r.status().is_success()) {
            ready = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(ready, "idespor serve did not answer");
    let form = client.get(format!("{base}/invitation/{link}")).send().await.unwrap().text().await.unwrap();
    assert!(form.contains("Anne Jensen"), "the invitation greets the administrator: {form}");
    const FIELD: &str = "name=\"csrf_token\" value=\"";
    let at = form.find(FIELD).expect("a CSRF token") + FIELD.len();
    let token = form[at..at + 64].to_string();
    let accepted = client
        .post(format!("{base}/invitation/{link}"))
        .form(&[("password", "et godt langt kodeord"), ("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(accepted.status(), reqwest::StatusCode::SEE_OTHER, "the invitation was accepted");
    let login = client.get(format!("{base}/login")).send().await.unwrap().text().await.unwrap();
    let at = login.find(FIELD).expect("a CSRF token") + FIELD.len();
    let token = login[at..at + 64].to_string();
    let signed_in = client
        .post(format!("{base}/login"))
        .form(&[("email", "anne@kommune.dk"), ("password", "et godt langt kodeord"), ("csrf_token", &token)])
        .send()
        .await
        .unwrap();
    assert_eq!(signed_in.status(), reqwest::StatusCode::SEE_OTHER, "the administrator signs in");
    let admin = client.get(format!("{base}/admin")).send().await.unwrap().text().await.unwrap();
    assert!(admin.contains("Erfagruppe Nord har ingen tovholder"), "the administration says what is missing: {admin}");
    let _ = Command::new("kill").arg("-TERM").arg(serve.id().to_string()).status();
    let _ = serve.wait();
}
