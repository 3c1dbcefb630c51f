//! Structured logs: one line per request (see `idespor_web::middleware::observe`), text for
//! people or JSON for collectors. Secrets never reach a log line: requests are logged by route
//! template, and database URLs are redacted before they are printed.

use crate::config::LogConfig;
use tracing_subscriber::EnvFilter;

pub fn init(config: &LogConfig) {
    let filter = EnvFilter::try_new(&config.level).unwrap_or_else(|_| EnvFilter::new("info"));
    // Logs go to standard error (standard output is for what a command prints for people),
    // coloured only when a person is watching.
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_target(false)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal());
    // A second init (tests) is harmless: the first subscriber stays.
    let _ = if config.format == "json" { builder.json().try_init() } else { builder.try_init() };
}
