//! The application state: one cloneable struct handed to every handler; no globals.

use idespor_domain::service::Services;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle, PrometheusRecorder};
use std::sync::Arc;

/// What the web layer needs to know of the configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// The product the community is about, e.g. "KMD Nexus".
    pub product_name: String,
    /// Send cookies only over HTTPS (set when the public address is https://).
    pub secure_cookies: bool,
    /// The largest request body accepted, in bytes.
    pub body_limit: usize,
    /// The address links in feeds and mails point to, without a trailing slash.
    pub base_url: String,
    /// Whether mail is handed to an SMTP server (otherwise it waits in the outbox).
    pub mail_configured: bool,
    /// How long personal data is kept (shown to people; the job runs in `idespor`).
    pub retention: idespor_domain::retention::Retention,
    /// Reverse proxies whose forwarding headers name the client (see `proxy`).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The OpenID providers people may sign in with.
    pub sso: Arc<crate::sso::SsoProviders>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            product_name: "KMD Nexus".into(),
            secure_cookies: false,
            body_limit: 2 * 1024 * 1024,
            base_url: "http://127.0.0.1:8080".into(),
            mail_configured: false,
            retention: idespor_domain::retention::Retention::default(),
            trusted_proxies: Vec::new(),
            sso: Arc::new(crate::sso::SsoProviders::default()),
        }
    }
}

#[derive(Clone)]
pub struct AppState {
    pub svc: Services,
    pub config: Arc<WebConfig>,
    pub metrics: Arc<Metrics>,
}

impl AppState {
    pub fn new(svc: Services, config: WebConfig) -> Self {
        Self { svc, config: Arc::new(config), metrics: Arc::new(Metrics::new()) }
    }
}

/// Request metrics, kept per application (not in a global recorder) so that tests can build
/// several apps in one process.
pub struct Metrics {
    pub recorder: PrometheusRecorder,
    pub handle: PrometheusHandle,
}

impl Metrics {
    fn new() -> Self {
        let builder = PrometheusBuilder::new();
        let builder = builder
            .set_buckets(&[0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0])
            .unwrap_or_else(|_| PrometheusBuilder::new());
        let recorder = builder.build_recorder();
        let handle = recorder.handle();
        Self { recorder, handle }
    }
}
