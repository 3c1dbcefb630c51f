//! Layered configuration: defaults in code, then a TOML file, then `IDESPOR_…` environment
//! variables, then command-line flags. Unknown keys in the file are refused, naming the key.

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Address and port to listen on.
    pub bind: String,
    /// Where Idéspor keeps its SQLite database (and later attachments).
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; empty for SQLite in `data_dir`.
    pub database_url: String,
    /// The product the community is about.
    pub product_name: String,
    /// The address people use, e.g. `https://idespor.example.dk`; with https, cookies are Secure.
    pub public_url: String,
    /// Load the demo community at start.
    pub demo: bool,
    /// Allow the demo (with its published passwords) on a non-loopback address.
    pub allow_public_demo: bool,
    pub log: LogConfig,
    pub mail: MailConfig,
    /// How long personal data is kept (docs/PRIVACY.md).
    #[serde(default)]
    pub retention: idespor_domain::retention::Retention,
    /// Reverse proxies or load balancers (addresses or networks) whose `Forwarded` or
    /// `X-Forwarded-For` names the client; nobody else's is believed.
    #[serde(default)]
    pub trusted_proxies: Vec<String>,
    /// OpenID providers people may sign in with (`[[sso]]` tables; see README).
    #[serde(default)]
    pub sso: Vec<idespor_web::sso::SsoProviderConfig>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailConfig {
    /// The SMTP server: `smtp://127.0.0.1:25` (plain, a local relay), `smtp://host:587?tls=required`
    /// (STARTTLS), `smtps://user:password@host` (TLS). Empty: no mail is sent; it waits in the outbox.
    pub smtp_url: String,
    /// The sender, e.g. `Idéspor <idespor@kommune.dk>`.
    pub from: String,
    /// How often the outbox and the digest schedule are looked at, in milliseconds.
    pub poll_millis: u64,
}

impl Default for MailConfig {
    fn default() -> Self {
        Self { smtp_url: String::new(), from: "Idéspor <idespor@localhost>".into(), poll_millis: 5000 }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfig {
    /// A tracing filter, e.g. `info` or `info,idespor=debug`.
    pub level: String,
    /// `text` or `json`.
    pub format: String,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bind: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./data"),
            database_url: String::new(),
            product_name: "KMD Nexus".into(),
            public_url: String::new(),
            demo: false,
            allow_public_demo: false,
            log: LogConfig { level: "info,sqlx=warn".into(), format: "text".into() },
            mail: MailConfig::default(),
            retention: idespor_domain::retention::Retention::default(),
            trusted_proxies: Vec::new(),
            sso: Vec::new(),
        }
    }
}

/// Values given on the command line, which win over everything else.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub bind: Option<String>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub demo: bool,
    pub allow_public_demo: bool,
}

const ENV_KEYS: &[&str] = &[
    "bind",
    "data_dir",
    "database_url",
    "product_name",
    "public_url",
    "demo",
    "allow_public_demo",
    "log__level",
    "log__format",
    "mail__smtp_url",
    "retention__sign_in_history_days",
    "retention__read_notifications_days",
    "retention__sent_mail_days",
    "retention__audit_days",
    "mail__from",
    "mail__poll_millis",
];

impl Config {
    /// Reads the layers. `file` is the `--config` file; without it, `./idespor.toml` is read if
    /// it exists.
    pub fn load(file: Option<&Path>, overrides: &Overrides) -> Result<Self, String> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        match file {
            Some(path) => {
                if !path.exists() {
                    return Err(format!("the config file {} does not exist", path.display()));
                }
                figment = figment.merge(Toml::file_exact(path));
            }
            None if Path::new("idespor.toml").exists() => figment = figment.merge(Toml::file_exact("idespor.toml")),
            None => {}
        }
        // Only our keys: IDESPOR_TEST_… and the like are not configuration. Environment variables
        // are upper case, the keys lower case.
        let ours = |key: &figment::value::UncasedStr| ENV_KEYS.iter().any(|k| key.as_str().eq_ignore_ascii_case(k));
        figment = figment.merge(Env::prefixed("IDESPOR_").filter(ours).split("__"));
        if let Some(bind) = &overrides.bind {
            figment = figment.merge(Serialized::default("bind", bind));
        }
        if let Some(dir) = &overrides.data_dir {
            figment = figment.merge(Serialized::default("data_dir", dir));
        }
        if let Some(url) = &overrides.database_url {
            figment = figment.merge(Serialized::default("database_url", url));
        }
        if overrides.demo {
            figment = figment.merge(Serialized::default("demo", true));
        }
        if overrides.allow_public_demo {
            figment = figment.merge(Serialized::default("allow_public_demo", true));
        }
        let config: Config = figment.extract().map_err(|e| format!("invalid configuration: {e}"))?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), String> {
        self.bind_addr()?;
        if !matches!(self.log.format.as_str(), "text" | "json") {
            return Err(format!(
                "invalid configuration: log.format must be \"text\" or \"json\", not {:?}",
                self.log.format
            ));
        }
        if !self.public_url.is_empty()
            && !self.public_url.starts_with("http://")
            && !self.public_url.starts_with("https://")
        {
            return Err(format!(
                "invalid configuration: public_url must start with http:// or https://, not {:?}",
                self.public_url
            ));
        }
        if !self.mail.smtp_url.is_empty()
            && !self.mail.smtp_url.starts_with("smtp://")
            && !self.mail.smtp_url.starts_with("smtps://")
        {
            return Err("invalid configuration: mail.smtp_url must start with smtp:// or smtps://".into());
        }
        if let Err(e) = idespor_web::proxy::parse_trusted(&self.trusted_proxies) {
            return Err(format!("invalid configuration: {e}"));
        }
        let mut problems: Vec<String> = self.sso.iter().flat_map(|p| p.problems()).collect();
        for (i, provider) in self.sso.iter().enumerate() {
            if self.sso[..i].iter().any(|p| p.id == provider.id) {
                problems.push(format!("sso provider id {:?} is used twice", provider.id));
            }
        }
        if !self.sso.is_empty() && !self.public_url.is_empty() && !self.public_url.starts_with("https://") {
            let loopback =
                self.public_url.starts_with("http://127.0.0.1") || self.public_url.starts_with("http://localhost");
            if !loopback {
                problems
                    .push("single sign-on needs an https:// public_url (the providers send people back there)".into());
            }
        }
        if !problems.is_empty() {
            return Err(format!("invalid configuration: {}", problems.join("; ")));
        }
        if let Some(key) = self.retention.problem() {
            return Err(format!(
                "invalid configuration: retention.{key} is too short (audit_days at least {}, the others at least 1)",
                idespor_domain::retention::MIN_AUDIT_DAYS
            ));
        }
        Ok(())
    }

    /// The address links in mails and feeds point to.
    pub fn base_url(&self) -> String {
        if self.public_url.is_empty() {
            format!("http://{}", self.bind)
        } else {
            self.public_url.trim_end_matches('/').to_string()
        }
    }

    pub fn bind_addr(&self) -> Result<SocketAddr, String> {
        self.bind.parse().map_err(|_| {
            format!("invalid configuration: bind must be ADDRESS:PORT such as 127.0.0.1:8080, not {:?}", self.bind)
        })
    }

    /// The database to open: the configured URL, or SQLite in the data directory.
    pub fn database_url(&self) -> String {
        if self.database_url.trim().is_empty() {
            format!("sqlite://{}", self.data_dir.join("idespor.db").display())
        } else {
            self.database_url.clone()
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.database_url().starts_with("postgres")
    }
}

/// `idespor config example`: every key with its default and what it does.
pub const EXAMPLE: &str = r#"# Idéspor configuration (TOML). Every key is optional; shown with its default.
# Each key can also be set in the environment: IDESPOR_BIND, IDESPOR_DATA_DIR,
# IDESPOR_DATABASE_URL, IDESPOR_PRODUCT_NAME, IDESPOR_PUBLIC_URL, IDESPOR_LOG__LEVEL, ...
# Command-line flags win over the environment, which wins over this file.

# Address and port to listen on.
bind = "127.0.0.1:8080"

# Where Idéspor keeps its SQLite database.
data_dir = "./data"

# Leave empty for SQLite in data_dir. For PostgreSQL:
#   database_url = "postgres://idespor:secret@127.0.0.1:5432/idespor"
database_url = ""

# The product the community is about; shown in the header.
product_name = "KMD Nexus"

# The address people use. With https://, cookies are only sent over HTTPS.
public_url = ""

# Behind a reverse proxy or load balancer: its addresses or networks. Only their Forwarded or
# X-Forwarded-For header is believed to name the client (for sign-in throttling); leave empty
# when Idéspor is reached directly.
#   trusted_proxies = ["10.0.0.0/8", "192.0.2.7"]
trusted_proxies = []

# Load the demo community at start (invented people; every password is idespor-demo).
demo = false

# The demo refuses to listen on anything but a loopback address unless this is true.
allow_public_demo = false

[log]
# A tracing filter: "info", "warn", "info,idespor=debug", ...
level = "info,sqlx=warn"
# "text" for people, "json" for log collectors.
format = "text"

[mail]
# The SMTP server. Empty: nothing is sent; mail waits in the outbox (Administration → Udbakke).
#   smtp_url = "smtp://127.0.0.1:25"                      a local relay, no TLS
#   smtp_url = "smtp://user:secret@mail.example.dk:587?tls=required"   STARTTLS
#   smtp_url = "smtps://user:secret@mail.example.dk"       TLS
smtp_url = ""
# The sender of every mail.
from = "Idéspor <idespor@localhost>"
# How often the outbox and the digest schedule are looked at (milliseconds).
poll_millis = 5000

[retention]
# How long personal data is kept, in days (docs/PRIVACY.md). Expired sessions and used or
# expired invitation links are removed within the hour, sign-in failures after a day; mail
# bodies are never stored. The job runs every hour, once across all nodes.
# A person's sign-in history.
sign_in_history_days = 180
# Notifications the person has read (unread ones are kept until read).
read_notifications_days = 365
# The subject and error text of sent or failed mail; the delivery record stays.
sent_mail_days = 90
# The audit trail (at least 365).
audit_days = 1826

# Sign-in through the workplace (OpenID Connect): one [[sso]] table per provider (none by
# default). The provider sends people back to {public_url}/login/sso/{id}/callback: register it.
# A MitID Erhverv broker that passes the organization's CVR number (brokers name the claim
# "nemlogin.cvr" or "cvrNumberIdentifier"):
#   [[sso]]
#   id = "mitid-erhverv"
#   name = "MitID Erhverv"
#   issuer = "https://broker.example.dk"
#   client_id = "idespor"
#   client_secret = "..."
#   cvr_claim = "nemlogin.cvr"
# Microsoft Entra ID with several municipalities' tenants (each tenant to an organization's
# code or CVR number; tokens from any other tenant are refused):
#   [[sso]]
#   id = "entra"
#   name = "Microsoft (kommunens konto)"
#   issuer = "https://login.microsoftonline.com/{tenantid}/v2.0"
#   discovery_url = "https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration"
#   client_id = "..."
#   client_secret = "..."
#   trust_email = true
#   [sso.tenants]
#   "00000000-0000-0000-0000-000000000000" = "751"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_is_a_valid_config_with_the_defaults() {
        let parsed: Config = toml::from_str(EXAMPLE).unwrap_or_else(|e| panic!("{e}"));
        let defaults = Config::default();
        assert_eq!(parsed.bind, defaults.bind);
        assert_eq!(parsed.product_name, defaults.product_name);
        assert_eq!(parsed.log.level, defaults.log.level);
        assert_eq!(parsed.retention, defaults.retention, "the example states the retention defaults");
    }

    #[test]
    fn unknown_keys_and_bad_values_name_the_key_and_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("idespor.toml");
        std::fs::write(&path, "bind = \"127.0.0.1:8080\"\nport = 80\n").unwrap_or_else(|e| panic!("{e}"));
        let err = Config::load(Some(&path), &Overrides::default()).err().unwrap_or_default();
        assert!(err.contains("port"), "{err}");
        assert!(err.contains("idespor.toml"), "{err}");

        std::fs::write(&path, "bind = \"not an address\"\n").unwrap_or_else(|e| panic!("{e}"));
        let err = Config::load(Some(&path), &Overrides::default()).err().unwrap_or_default();
        assert!(err.contains("bind"), "{err}");
    }

    #[test]
    fn the_example_s_providers_parse_and_bad_ones_are_named() {
        // The commented [[sso]] examples, uncommented, are a valid configuration.
        let providers: String = EXAMPLE
            .lines()
            .skip_while(|l| !l.contains("[[sso]]"))
            .filter_map(|l| l.strip_prefix("#   "))
            .collect::<Vec<_>>()
            .join("\n");
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("idespor.toml");
        let file = format!("public_url = \"https://idespor.example.dk\"\n{providers}\n");
        std::fs::write(&path, &file).unwrap_or_else(|e| panic!("{e}"));
        let config = Config::load(Some(&path), &Overrides::default()).unwrap_or_else(|e| panic!("{e}\n{file}"));
        assert_eq!(config.sso.len(), 2);
        assert_eq!(config.sso[0].cvr_claim, "nemlogin.cvr");
        assert_eq!(config.sso[1].tenants.len(), 1);

        let twice = format!(
            "{providers}\n[[sso]]\nid = \"entra\"\nname = \"x\"\nissuer = \"https://a.dk\"\nclient_id = \"c\"\n"
        );
        std::fs::write(&path, twice).unwrap_or_else(|e| panic!("{e}"));
        let err = Config::load(Some(&path), &Overrides::default()).err().unwrap_or_default();
        assert!(err.contains("\"entra\" is used twice"), "{err}");

        let plain = format!("public_url = \"http://idespor.example.dk\"\n{providers}\n");
        std::fs::write(&path, plain).unwrap_or_else(|e| panic!("{e}"));
        let err = Config::load(Some(&path), &Overrides::default()).err().unwrap_or_default();
        assert!(err.contains("https:// public_url"), "{err}");
    }

    #[test]
    fn flags_win_over_the_file() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("c.toml");
        std::fs::write(&path, "bind = \"127.0.0.1:9000\"\nproduct_name = \"Testprodukt\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let overrides = Overrides { bind: Some("127.0.0.1:9001".into()), ..Default::default() };
        let config = Config::load(Some(&path), &overrides).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(config.bind, "127.0.0.1:9001");
        assert_eq!(config.product_name, "Testprodukt");
        assert!(config.database_url().starts_with("sqlite://"));
    }
}
