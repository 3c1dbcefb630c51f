//! Building the application from a configuration: open and migrate the database, assemble
//! the state, serve until SIGTERM or Ctrl-C.

use crate::config::Config;
use anyhow::Context;
use idespor_domain::clock::{Clock, SystemClock};
use idespor_domain::service::Services;
use idespor_storage::{Db, SqlStore};
use idespor_web::{AppState, WebConfig};
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;

/// Opens the configured database (creating the data directory for SQLite) and migrates it.
pub async fn open_database(config: &Config) -> anyhow::Result<Db> {
    Ok(migrate_database(config).await?.0)
}

/// Opens the database and brings its schema up to date; with how many migrations it had before
/// (0: it was new) and has now.
pub async fn migrate_database(config: &Config) -> anyhow::Result<(Db, i64, i64)> {
    if !config.is_postgres() {
        std::fs::create_dir_all(&config.data_dir)
            .with_context(|| format!("cannot create the data directory {}", config.data_dir.display()))?;
    }
    let db = idespor_storage::connect(&config.database_url())
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database: {e}"))?;
    // A database without the migrations' table has none yet.
    let applied = "SELECT COUNT(*) FROM _sqlx_migrations WHERE success = TRUE";
    let before = db.count(applied, &[]).await.unwrap_or(0);
    idespor_storage::migrate(&db).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let after = db.count(applied, &[]).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((db, before, after))
}

pub fn services(db: Db, clock: Arc<dyn Clock>) -> Services {
    Services::new(Arc::new(SqlStore::new(db)), clock)
}

pub fn web_config(config: &Config) -> WebConfig {
    WebConfig {
        product_name: config.product_name.clone(),
        secure_cookies: config.public_url.starts_with("https://"),
        base_url: config.base_url(),
        mail_configured: !config.mail.smtp_url.is_empty(),
        retention: config.retention,
        // Checked when the configuration is loaded (`Config::validate`).
        trusted_proxies: idespor_web::proxy::parse_trusted(&config.trusted_proxies).unwrap_or_default(),
        sso: std::sync::Arc::new(idespor_web::sso::SsoProviders::new(config.sso.clone())),
        ..WebConfig::default()
    }
}

/// The router with its state, as served.
pub fn app(svc: Services, config: &Config) -> axum::Router {
    idespor_web::app(AppState::new(svc, web_config(config)))
}

/// A started server: its address, and a handle to stop it.
pub struct Running {
    pub addr: SocketAddr,
    pub shutdown: tokio::sync::oneshot::Sender<()>,
    pub task: tokio::task::JoinHandle<std::io::Result<()>>,
}

/// Binds (port 0 picks a free port) and serves in the background until `shutdown` is sent.
pub async fn spawn(router: axum::Router, bind: SocketAddr) -> anyhow::Result<Running> {
    let listener = TcpListener::bind(bind).await.with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
            .with_graceful_shutdown(async {
                let _ = rx.await;
            })
            .await
    });
    Ok(Running { addr, shutdown: tx, task })
}

/// `idespor serve`: migrate, load the demo if asked, serve until SIGTERM or Ctrl-C.
pub async fn serve(config: Config) -> anyhow::Result<()> {
    let bind = config.bind_addr().map_err(|e| anyhow::anyhow!(e))?;
    if config.demo && !bind.ip().is_loopback() && !config.allow_public_demo {
        anyhow::bail!(
            "the demo community has published passwords; it listens only on a loopback address such as 127.0.0.1. \
             Use --allow-public-demo (or allow_public_demo = true) if you really mean to serve it on {bind}."
        );
    }
    let db = open_database(&config).await?;
    let svc = services(db.clone(), Arc::new(SystemClock));
    let demo_accounts = if config.demo { Some(crate::demo::load(&svc, &db).await?) } else { None };
    spawn_mail_worker(&svc, &config);
    spawn_housekeeping(&svc, &config);
    let router = app(svc, &config);
    let listener = TcpListener::bind(bind).await.with_context(|| format!("cannot listen on {bind}"))?;
    let addr = listener.local_addr()?;
    println!("Idéspor kører på http://{addr}/");
    if let Some(accounts) = demo_accounts {
        println!("{accounts}");
    }
    tracing::info!(%addr, backend = ?db.backend(), "listening");
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("stopped; closing the database");
    db.close().await;
    Ok(())
}

/// How often the housekeeping task looks for copies of people's data to gather.
const HOUSEKEEPING_TICK: std::time::Duration = std::time::Duration::from_secs(5);
/// Every how many ticks it looks whether this hour's retention run is made (5 minutes).
const RETENTION_EVERY_TICKS: u32 = 60;

/// Starts the housekeeping task: gathers the copies of their data people asked for (each by
/// one node), and removes personal data whose retention period has run out, once an hour
/// across all nodes (the run is recorded per hour; see `retention`).
pub fn spawn_housekeeping(svc: &Services, config: &Config) -> tokio::task::JoinHandle<()> {
    let (svc, policy) = (svc.clone(), config.retention);
    tokio::spawn(async move {
        let mut tick: u32 = 0;
        loop {
            loop {
                match svc.build_next_export().await {
                    Ok(true) => tracing::info!("a copy of a person's data is ready"),
                    Ok(false) => break,
                    Err(e) => {
                        tracing::warn!(error = %e, "could not gather a copy of a person's data");
                        break;
                    }
                }
            }
            if tick.is_multiple_of(RETENTION_EVERY_TICKS) {
                match svc.apply_retention(&policy).await {
                    Ok(Some(r)) => tracing::info!(
                        sessions = r.sessions,
                        invitations = r.invitations,
                        sign_in_failures = r.sign_in_failures,
                        sign_ins = r.sign_ins,
                        notifications = r.notifications,
                        mail_subjects = r.mail_subjects,
                        audit_entries = r.audit_entries,
                        exports = r.exports,
                        "retention: removed what had run out"
                    ),
                    Ok(None) => {}
                    Err(e) => tracing::warn!(error = %e, "retention: could not remove what had run out"),
                }
            }
            tick = tick.wrapping_add(1);
            tokio::time::sleep(HOUSEKEEPING_TICK).await;
        }
    })
}

/// Starts the outbox worker (mail and digests) when a mail server is configured.
pub fn spawn_mail_worker(svc: &Services, config: &Config) -> Option<tokio::task::JoinHandle<()>> {
    if config.mail.smtp_url.is_empty() {
        tracing::warn!("no mail server is set (mail.smtp_url): e-mail waits in the outbox");
        return None;
    }
    let settings = idespor_web::mail::MailSettings {
        smtp_url: config.mail.smtp_url.clone(),
        from: config.mail.from.clone(),
        base_url: config.base_url(),
        product: config.product_name.clone(),
        poll: std::time::Duration::from_millis(config.mail.poll_millis.max(50)),
    };
    Some(tokio::spawn(idespor_web::mail::run_worker(svc.clone(), settings)))
}

/// Resolves on SIGTERM (how service managers stop us) or Ctrl-C.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
