//! `idespor`: one binary with subcommands. Parses the command line, reads the configuration,
//! and hands over to the library.

use anyhow::anyhow;
use clap::{Args, Parser, Subcommand};
use idespor::config::{self, Config, Overrides};
use idespor::{demo, import, startup, telemetry};
use idespor_domain::clock::SystemClock;
use idespor_domain::group::GroupRole;
use idespor_domain::service::Actor;
use idespor_domain::user::UserAdminForm;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Parser)]
#[command(
    name = "idespor",
    version,
    about = "Idéspor: the community's ideas, from the customers to the product plan and back"
)]
struct Cli {
    /// A TOML config file (see `idespor config example`); default ./idespor.toml if present.
    #[arg(long, global = true, env = "IDESPOR_CONFIG")]
    config: Option<PathBuf>,
    #[command(flatten)]
    db: DbArgs,
    #[command(subcommand)]
    command: Command,
}

#[derive(Args, Clone, Default)]
struct DbArgs {
    /// Where the SQLite database lives [default: ./data] (env IDESPOR_DATA_DIR).
    #[arg(long, global = true)]
    data_dir: Option<PathBuf>,
    /// postgres://… to use PostgreSQL instead of SQLite (env IDESPOR_DATABASE_URL).
    #[arg(long, global = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve Idéspor over HTTP.
    Serve {
        /// ADDRESS:PORT to listen on [default: 127.0.0.1:8080] (env IDESPOR_BIND).
        #[arg(long)]
        bind: Option<String>,
        /// Load the demo community (invented people; password idespor-demo).
        #[arg(long)]
        demo: bool,
        /// Allow the demo on a non-loopback address.
        #[arg(long)]
        allow_public_demo: bool,
    },
    /// Create or update the database schema.
    Migrate,
    /// A real community's first day: the schema; Denmark's 5 regions and 98 municipalities (with
    /// codes, official names and CVR numbers, shipped with Idéspor), the vendor and the standard
    /// groups (an erfagruppe per region with its municipalities, the tovholdergruppe, the
    /// produktmanagergruppe); and the first administrator. Safe to run again: what is there is
    /// kept.
    Init {
        /// The first administrator's work e-mail (asked for when not given).
        #[arg(long)]
        admin_email: Option<String>,
        /// The first administrator's name (asked for when not given).
        #[arg(long)]
        admin_name: Option<String>,
        /// Their organization's kommunekode or name [default: the vendor] (asked for when
        /// neither e-mail nor name is given).
        #[arg(long)]
        admin_organization: Option<String>,
        /// The vendor's short name, as people say it (e.g. KMD).
        #[arg(long, default_value = "KMD")]
        vendor: String,
        /// The vendor's official name.
        #[arg(long, default_value = "KMD A/S")]
        vendor_official_name: String,
        /// Read the administrator's password from standard input (otherwise an invitation link
        /// is printed).
        #[arg(long)]
        password_stdin: bool,
        /// Only the schema and the administrator: no regions, municipalities or groups.
        #[arg(long)]
        no_reference_data: bool,
    },
    /// Administration tasks.
    #[command(subcommand)]
    Admin(AdminCommand),
    /// Groups and their members (on the operator's authority; each change is in the audit trail).
    #[command(subcommand)]
    Group(GroupCommand),
    /// Import data.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export data.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Load the demo community into the database without serving.
    Demo,
    /// Write a consistent backup of the database to FILE while the server may go on serving
    /// (SQLite: VACUUM INTO; PostgreSQL: pg_dump --format=custom).
    Backup { file: PathBuf },
    /// Restore a backup from FILE into an empty database (SQLite: checked, then put in place;
    /// PostgreSQL: pg_restore). A database that is not empty is refused.
    Restore {
        file: PathBuf,
        /// A list of erased people (`idespor erasures`, taken from the database being replaced):
        /// erased again in the restored database, so that a backup from before an erasure does
        /// not bring the person back.
        #[arg(long)]
        reapply_erasures: Option<PathBuf>,
    },
    /// Print the ids of the erased people (nothing else), one per line: keep it with the
    /// backups, and give it to `restore --reapply-erasures`.
    Erasures,
    /// Add a generated community to the demo, for benchmarks: `community` (5,000 people,
    /// 20,000 ideas, 150,000 moves, …) or `hosted` (twenty times that, meant for PostgreSQL).
    Seed {
        /// community or hosted.
        #[arg(long, default_value = "community")]
        scale: String,
        /// Fewer or more ideas than the scale says (the other sizes follow in proportion).
        #[arg(long)]
        ideas: Option<usize>,
        /// The same seed gives the same community.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Measure the retention run and a person's copy of their data on a seeded database (it
    /// removes what has run out: run it on a copy, never on production data).
    BenchPrivacy,
    /// Measure the weekly digest for many people (on a fresh database; not for production data).
    BenchDigest {
        /// How many people to add to the erfagrupper.
        #[arg(long, default_value_t = 5_000)]
        people: usize,
        /// Send the digests to this SMTP server (e.g. smtp://127.0.0.1:2525) instead of only composing them.
        #[arg(long)]
        smtp: Option<String>,
    },
}

#[derive(Subcommand)]
enum AdminCommand {
    /// Create a person. With --password-stdin the password is read from standard input;
    /// otherwise an invitation link is printed.
    CreateUser {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The organization's kommunekode or name.
        #[arg(long)]
        organization: Option<String>,
        /// Make the person an administrator.
        #[arg(long)]
        admin: bool,
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create a personal API token for a person and print it.
    CreateToken {
        email: String,
        #[arg(long, default_value = "Kommandolinje")]
        name: String,
    },
}

#[derive(Subcommand)]
enum GroupCommand {
    /// List the groups with their kind, members and coordinators.
    List,
    /// Create a group.
    Create {
        #[arg(long)]
        name: String,
        /// erfa (an erfagruppe), steering (the tovholdergruppe) or product (the
        /// produktmanagergruppe).
        #[arg(long)]
        kind: String,
        /// An erfagruppe's region: its code or name.
        #[arg(long)]
        region: Option<String>,
        #[arg(long, default_value = "")]
        description: String,
    },
    /// Add an organization (its kommunekode, CVR-less code or name) to a group.
    AddOrganization { group: String, organization: String },
    /// Make a person (by e-mail) a member of a group, or change their role there.
    AddMember {
        group: String,
        email: String,
        /// As the group's coordinator (tovholder).
        #[arg(long)]
        coordinator: bool,
    },
    /// Take a person (by e-mail) out of a group.
    RemoveMember { group: String, email: String },
}

#[derive(Subcommand)]
enum ExportCommand {
    /// Everyone, in the format `import people` reads (to standard output).
    People,
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Import people from CSV (navn;email;organisation;grupper;roller). Says what each line
    /// does; one refused line and nothing is written. New people are invited by mail.
    People {
        file: PathBuf,
        /// Only say what would happen.
        #[arg(long)]
        dry_run: bool,
    },
    /// Import organizations from CSV (kode, navn, officielt_navn, cvr, region, type). One bad row
    /// and nothing is written.
    Organizations {
        file: PathBuf,
        /// First add Denmark's 5 regions (shipped with Idéspor; a region already there by its
        /// code gets the official name again), so that rows can name them.
        #[arg(long)]
        create_regions: bool,
    },
}

#[derive(Subcommand)]
enum ConfigCommand {
    /// Print a documented example configuration.
    Example,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Config(ConfigCommand::Example) = cli.command {
        print!("{}", config::EXAMPLE);
        return ExitCode::SUCCESS;
    }
    let overrides = match &cli.command {
        Command::Serve { bind, demo, allow_public_demo } => {
            Overrides { bind: bind.clone(), demo: *demo, allow_public_demo: *allow_public_demo, ..Default::default() }
        }
        _ => Overrides::default(),
    };
    let overrides =
        Overrides { data_dir: cli.db.data_dir.clone(), database_url: cli.db.database_url.clone(), ..overrides };
    let config = match Config::load(cli.config.as_deref(), &overrides) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("idespor: {message}");
            return ExitCode::from(2);
        }
    };
    telemetry::init(&config.log);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("idespor: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli.command, config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("idespor: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A domain refusal in words for the command line: which field, and why.
fn refusal(e: idespor_domain::DomainError) -> anyhow::Error {
    match e {
        idespor_domain::DomainError::Invalid(errors) => {
            let words: Vec<String> = errors.0.iter().map(|f| format!("{}: {}", f.field, f.code)).collect();
            anyhow!("refused: {}", words.join(", "))
        }
        other => anyhow!("refused: {other}"),
    }
}

async fn group_command(svc: &idespor_domain::service::Services, command: GroupCommand) -> anyhow::Result<()> {
    let group = |name: String| async move {
        svc.group_by_name(&name).await?.ok_or_else(|| anyhow!("no group named {name:?} (idespor group list)"))
    };
    let person = |email: String| async move {
        svc.person_by_email(&email).await?.ok_or_else(|| anyhow!("no person with e-mail {email}"))
    };
    match command {
        GroupCommand::List => {
            let operator = svc.list_groups_as_operator().await?;
            for g in operator {
                let coordinators: Vec<&str> = g.coordinators.iter().map(|c| c.name.as_str()).collect();
                println!(
                    "{}\t{}\t{} members\tcoordinators: {}",
                    g.group.name,
                    g.group.kind.as_str(),
                    g.member_count,
                    if coordinators.is_empty() { "none".to_string() } else { coordinators.join(", ") }
                );
            }
        }
        GroupCommand::Create { name, kind, region, description } => {
            let region_id = match region {
                Some(key) => svc
                    .find_organization(&key)
                    .await?
                    .ok_or_else(|| anyhow!("no region with code or name {key:?}"))?
                    .id
                    .to_string(),
                None => String::new(),
            };
            let form = idespor_domain::group::GroupForm { kind, name, description, region_id };
            let created = svc.create_group_as_operator(&form).await.map_err(refusal)?;
            println!("Created the group {} (id {}).", created.name, created.id);
        }
        GroupCommand::AddOrganization { group: name, organization } => {
            let g = group(name).await?;
            let org = svc
                .find_organization(&organization)
                .await?
                .ok_or_else(|| anyhow!("no organization with code or name {organization:?}"))?;
            svc.add_group_organization_as_operator(g.id, org.id).await.map_err(refusal)?;
            println!("{} is in {}.", org.name, g.name);
        }
        GroupCommand::AddMember { group: name, email, coordinator } => {
            let g = group(name).await?;
            let p = person(email).await?;
            let role = if coordinator { GroupRole::Coordinator } else { GroupRole::Member };
            svc.set_group_member_as_operator(g.id, p.id, role).await.map_err(refusal)?;
            let as_what = if coordinator { "coordinator" } else { "member" };
            println!("{} is a {as_what} of {}.", p.name, g.name);
        }
        GroupCommand::RemoveMember { group: name, email } => {
            let g = group(name).await?;
            let p = person(email).await?;
            svc.remove_group_member_as_operator(g.id, p.id).await.map_err(refusal)?;
            println!("{} is no longer in {}.", p.name, g.name);
        }
    }
    Ok(())
}

/// Asks for one line on standard input; an answer is required.
fn ask(input: &mut impl BufRead, question: &str) -> anyhow::Result<String> {
    let answer = ask_optional(input, question)?;
    if answer.is_empty() {
        anyhow::bail!(
            "no answer to {:?} (give it as a flag, see idespor init --help)",
            question.trim_end_matches([':', ' '])
        );
    }
    Ok(answer)
}

/// Asks for one line on standard input (the question on standard error, so that the output
/// stays what `init` did); empty when there is none.
fn ask_optional(input: &mut impl BufRead, question: &str) -> anyhow::Result<String> {
    use std::io::Write;
    let mut stderr = std::io::stderr().lock();
    write!(stderr, "{question}")?;
    stderr.flush()?;
    let mut line = String::new();
    input.read_line(&mut line)?;
    Ok(line.trim().to_string())
}

async fn run(command: Command, config: Config) -> anyhow::Result<()> {
    match command {
        Command::Serve { .. } => startup::serve(config).await,
        Command::Init {
            admin_email,
            admin_name,
            admin_organization,
            vendor,
            vendor_official_name,
            password_stdin,
            no_reference_data,
        } => {
            let (db, before, after) = startup::migrate_database(&config).await?;
            println!(
                "{}",
                if before == 0 {
                    format!("Created a new database ({after} migrations applied).")
                } else {
                    "The database is up to date.".to_string()
                }
            );
            let svc = startup::services(db.clone(), Arc::new(SystemClock));
            // What the flags do not say is asked for, one line each on standard input (a person
            // at a terminal, or answers piped in).
            let interactive = admin_email.is_none() && admin_name.is_none();
            let mut input = std::io::stdin().lock();
            let admin_email = match admin_email {
                Some(email) => email,
                None => ask(&mut input, "The first administrator's work e-mail: ")?,
            };
            let admin_name = match admin_name {
                Some(name) => name,
                None => ask(&mut input, "Their name: ")?,
            };
            let admin_organization = match admin_organization {
                Some(org) => Some(org),
                None if interactive => {
                    let org =
                        ask_optional(&mut input, "Their organization's kommunekode or name (empty: the vendor): ")?;
                    (!org.is_empty()).then_some(org)
                }
                None => None,
            };
            let mut org_id = None;
            if !no_reference_data {
                let structure = demo::load_reference_data(&svc, &db, &vendor, &vendor_official_name).await?;
                println!(
                    "Reference data: {} organizations (regions, municipalities, {}), {} groups.",
                    structure.orgs.len(),
                    structure.vendor.name,
                    structure.groups.len()
                );
                org_id = Some(structure.vendor.id);
            }
            if let Some(key) = admin_organization {
                let org = svc.find_organization(&key).await?;
                org_id = Some(org.ok_or_else(|| anyhow!("no organization with code or name {key:?}"))?.id);
            }
            if let Some(existing) = svc.person_by_email(&admin_email).await? {
                println!("The administrator {} <{}> is there already.", existing.name, existing.email);
                return Ok(());
            }
            let form = UserAdminForm {
                name: admin_name,
                email: admin_email,
                org_id: org_id.map(|o| o.to_string()).unwrap_or_default(),
                language: "da".into(),
                is_admin: "on".into(),
                is_moderator: String::new(),
                active: "on".into(),
            };
            if password_stdin {
                let mut password = String::new();
                input.read_line(&mut password)?;
                let user = svc.create_user_with_password(None, &form, password.trim_end_matches(['\r', '\n'])).await?;
                println!(
                    "Created the administrator {} <{}>. Sign in at {}/login.",
                    user.name,
                    user.email,
                    config.base_url()
                );
            } else {
                let invitation = svc.invite_user_as_operator(&form).await?;
                println!("Created the administrator {} <{}>.", invitation.user.name, invitation.user.email);
                println!(
                    "Invitation link (valid for 7 days, works once): {}/invitation/{}",
                    config.base_url(),
                    invitation.secret
                );
            }
            println!(
                "Next: add each group's coordinators under Administration › Grupper (the front page says what is missing)."
            );
            Ok(())
        }
        Command::Migrate => {
            let (_, before, after) = startup::migrate_database(&config).await?;
            let place = if config.is_postgres() {
                "on the PostgreSQL server".to_string()
            } else {
                format!("in {}", config.data_dir.join("idespor.db").display())
            };
            if before == 0 {
                println!("Created a new database {place} ({after} migrations applied).");
            } else if after > before {
                println!("Updated the database {place}: {} new migrations applied.", after - before);
            } else {
                println!("The database {place} is up to date.");
            }
            Ok(())
        }
        Command::Backup { file } => {
            println!("{}", idespor::backup::backup(&config, &file).await?);
            Ok(())
        }
        Command::Restore { file, reapply_erasures } => {
            println!("{}", idespor::backup::restore(&config, &file).await?);
            if let Some(list) = reapply_erasures {
                println!("{}", idespor::backup::reapply_erasures(&config, &list).await?);
            }
            Ok(())
        }
        Command::Erasures => {
            let db = startup::open_database(&config).await?;
            for id in db.texts("SELECT CAST(user_id AS TEXT) FROM erasures ORDER BY user_id", &[]).await? {
                println!("{id}");
            }
            Ok(())
        }
        Command::Demo => {
            let db = startup::open_database(&config).await?;
            let svc = startup::services(db.clone(), Arc::new(SystemClock));
            println!("{}", demo::load(&svc, &db).await?);
            Ok(())
        }
        Command::Seed { scale, ideas, seed } => {
            let mut sizes = idespor::seed::Sizes::parse(&scale)
                .ok_or_else(|| anyhow::anyhow!("--scale must be community or hosted, not {scale:?}"))?;
            if let Some(ideas) = ideas {
                sizes = sizes.with_ideas(ideas);
            }
            let db = startup::open_database(&config).await?;
            let svc = startup::services(db.clone(), Arc::new(SystemClock));
            let started = std::time::Instant::now();
            let summary = idespor::seed::seed(&db, &svc, sizes, seed).await?;
            println!("Seeded {summary} in {:.1} s.", started.elapsed().as_secs_f64());
            Ok(())
        }
        Command::BenchPrivacy => idespor::bench_privacy::run(startup::open_database(&config).await?).await,
        Command::BenchDigest { people, smtp } => {
            let db = startup::open_database(&config).await?;
            idespor::bench_digest::run(db, idespor::bench_digest::Options { people, smtp_url: smtp }).await
        }
        Command::Admin(AdminCommand::CreateUser { email, name, organization, admin, password_stdin }) => {
            let svc = startup::services(startup::open_database(&config).await?, Arc::new(SystemClock));
            let org_id = match organization {
                Some(key) => {
                    let org = svc.find_organization(&key).await?;
                    Some(org.ok_or_else(|| anyhow!("no organization with code or name {key:?}"))?.id.to_string())
                }
                None => None,
            };
            let form = UserAdminForm {
                name,
                email,
                org_id: org_id.unwrap_or_default(),
                language: "da".into(),
                is_admin: if admin { "on".into() } else { String::new() },
                is_moderator: String::new(),
                active: "on".into(),
            };
            if password_stdin {
                let mut password = String::new();
                std::io::stdin().lock().read_line(&mut password)?;
                let user = svc.create_user_with_password(None, &form, password.trim_end_matches(['\r', '\n'])).await?;
                println!("Created {} <{}> (id {}).", user.name, user.email, user.id);
            } else {
                let invitation = svc.invite_user_as_operator(&form).await?;
                let base = config.public_url.trim_end_matches('/');
                let base = if base.is_empty() { format!("http://{}", config.bind) } else { base.to_string() };
                println!("Created {} <{}> (id {}).", invitation.user.name, invitation.user.email, invitation.user.id);
                println!("Invitation link (valid for 7 days, works once): {base}/invitation/{}", invitation.secret);
            }
            Ok(())
        }
        Command::Import(ImportCommand::People { file, dry_run }) => {
            let text = std::fs::read_to_string(&file).map_err(|e| anyhow!("{}: {e}", file.display()))?;
            let rows = idespor_web::people_csv::parse(&text).map_err(|p| {
                anyhow!(
                    "{}: {}",
                    file.display(),
                    idespor_web::i18n::t_args(
                        idespor_domain::user::Language::Da,
                        p.key,
                        &[("line", idespor_web::i18n::FluentArg::from(i64::try_from(p.line).unwrap_or(0)))],
                    )
                )
            })?;
            let svc = startup::services(startup::open_database(&config).await?, Arc::new(SystemClock));
            let planned = svc.plan_people_import(None, &rows).await?;
            let ctx_lang = idespor_domain::user::Language::Da;
            for p in &planned {
                let what = match &p.action {
                    idespor_domain::people::RowAction::Create => "opret".to_string(),
                    idespor_domain::people::RowAction::Update { changes } => format!("ændr {}", changes.join(", ")),
                    idespor_domain::people::RowAction::Unchanged => "uændret".to_string(),
                    idespor_domain::people::RowAction::Refused { errors } => {
                        let why: Vec<String> = errors
                            .0
                            .iter()
                            .map(|e| format!("{}: {}", e.field, idespor_web::i18n::field_message(ctx_lang, e)))
                            .collect();
                        format!("AFVIST ({})", why.join("; "))
                    }
                };
                println!("linje {}\t{}\t{what}", p.row.line, p.row.email);
            }
            if dry_run {
                return Ok(());
            }
            match svc.import_people(None, &rows).await {
                Ok(done) => {
                    println!(
                        "Imported: {} created, {} changed, {} unchanged; {} invitations in the outbox.",
                        done.created, done.updated, done.unchanged, done.invited
                    );
                    Ok(())
                }
                Err(idespor_domain::DomainError::Conflict("import_refused")) => {
                    Err(anyhow!("nothing was imported: fix the refused lines above"))
                }
                Err(e) => Err(e.into()),
            }
        }
        Command::Export(ExportCommand::People) => {
            let svc = startup::services(startup::open_database(&config).await?, Arc::new(SystemClock));
            let rows = svc.export_people(None).await?;
            use std::io::Write;
            std::io::stdout().lock().write_all(&idespor_web::people_csv::write(&rows))?;
            Ok(())
        }
        Command::Group(command) => {
            let svc = startup::services(startup::open_database(&config).await?, Arc::new(SystemClock));
            group_command(&svc, command).await
        }
        Command::Admin(AdminCommand::CreateToken { email, name }) => {
            let svc = startup::services(startup::open_database(&config).await?, Arc::new(SystemClock));
            let person = svc.person_by_email(&email).await?.ok_or_else(|| anyhow!("no person with e-mail {email}"))?;
            let (_, secret) = svc.create_api_token(&Actor::new(person), &name).await?;
            println!("{secret}");
            Ok(())
        }
        Command::Import(ImportCommand::Organizations { file, create_regions }) => {
            let text = std::fs::read_to_string(&file).map_err(|e| anyhow!("cannot read {}: {e}", file.display()))?;
            let rows =
                import::parse_organizations(&text, "municipality").map_err(|e| anyhow!("{}: {e}", file.display()))?;
            let svc = startup::services(startup::open_database(&config).await?, Arc::new(SystemClock));
            if create_regions {
                let regions = import::parse_organizations(import::REGIONS_CSV, "region")
                    .map_err(|e| anyhow!("the shipped regions: {e}"))?;
                let outcomes = svc.import_organizations(None, &regions).await.map_err(|e| {
                    anyhow!("{}", import::refusal(std::path::Path::new("regioner.csv"), e.line, &e.error))
                })?;
                let new = outcomes.iter().filter(|o| **o == idespor_domain::store::ImportOutcome::Inserted).count();
                println!("Regions: {new} added, {} already there (names refreshed).", outcomes.len() - new);
            }
            let bar = ProgressBar::new(rows.len() as u64);
            bar.set_style(
                ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len}")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message("Checking rows");
            for row in &rows {
                // The region is resolved (by code or name) when the rows are written.
                let form = idespor_domain::org::OrganizationForm { region_id: String::new(), ..row.form.clone() };
                if let Err(error) = form.parse() {
                    bar.abandon();
                    anyhow::bail!("{}", import::refusal(&file, row.line, &error));
                }
                bar.inc(1);
            }
            bar.set_message("Writing");
            let outcomes = svc
                .import_organizations(None, &rows)
                .await
                .map_err(|e| anyhow!("{}", import::refusal(&file, e.line, &e.error)))?;
            bar.finish_with_message("Done");
            let inserted = outcomes.iter().filter(|o| **o == idespor_domain::store::ImportOutcome::Inserted).count();
            println!(
                "Imported {} organizations: {inserted} new, {} updated.",
                outcomes.len(),
                outcomes.len() - inserted
            );
            Ok(())
        }
        Command::Config(ConfigCommand::Example) => Ok(()),
    }
}
