//! Single sign-on: what a provider vouches for after its token was checked, how that names an
//! organization, and the attempts that wait for the provider's answer.
//!
//! The protocol (discovery, the authorization code flow with PKCE, signatures, issuer, audience,
//! expiry, nonce) is the web layer's (`idespor-web`'s `sso` module, with the `openidconnect`
//! crate); what a verified identity may do here is the domain's (`service/sso.rs`).

use jiff::SignedDuration;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The community setting that holds the providers administrators keep (a JSON list of
/// [`ProviderSettings`]).
pub const PROVIDERS_SETTING: &str = "sso_providers";

/// How long a sign-in begun at a provider may take to come back.
pub const ATTEMPT_LIFETIME: SignedDuration = SignedDuration::from_mins(10);

/// Callbacks that fail (an unknown or replayed state, a token refused) per network address
/// within `auth::LOGIN_WINDOW`.
pub const MAX_FAILED_PER_ADDRESS: i64 = 30;

/// The throttle key for sign-in callbacks from one network address.
pub fn callback_limits(peer: &str) -> Vec<(String, i64)> {
    vec![(format!("sso:address:{peer}"), MAX_FAILED_PER_ADDRESS)]
}

/// How a verified identity names its organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrgKey {
    /// A CVR number from the provider's claim (MitID Erhverv brokers pass it).
    Cvr(String),
    /// An organization's code or CVR number, configured for the provider's tenant (Entra ID).
    Configured(String),
}

/// What a provider vouched for, after the web layer checked the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifiedIdentity {
    /// The provider's id in the configuration.
    pub provider: String,
    /// The provider's stable subject for the person (`sub`).
    pub subject: String,
    pub email: Option<String>,
    /// Whether the provider vouches that the e-mail is the person's (`email_verified`, or the
    /// provider is configured as owning its addresses).
    pub email_verified: bool,
    pub name: Option<String>,
    pub org: Option<OrgKey>,
}

/// A sign-in waiting for the provider's answer, as the browser began it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoAttempt {
    pub provider: String,
    pub pkce_verifier: String,
    pub nonce: String,
    /// Where the person goes after signing in (a local path).
    pub next: String,
}

/// A CVR number as eight digits: brokers send it bare, with spaces, or as "DK12345678" or
/// "CVR:12345678". `None` for anything else.
pub fn normalise_cvr(raw: &str) -> Option<String> {
    let upper = raw.trim().to_uppercase();
    let rest = upper.strip_prefix("CVR:").or_else(|| upper.strip_prefix("DK")).unwrap_or(&upper);
    let digits: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 8 && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

/// A person's name from what the provider sent, else the part of the e-mail before the `@`.
pub fn display_name(name: Option<&str>, email: &str) -> String {
    let name: String = name.unwrap_or_default().chars().filter(|c| !c.is_control()).collect();
    let name = name.trim();
    if name.is_empty() {
        email.split('@').next().unwrap_or(email).to_string()
    } else {
        name.chars().take(crate::user::NAME_MAX).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cvr_numbers_are_read_in_the_forms_brokers_send() {
        assert_eq!(normalise_cvr("29189919").as_deref(), Some("29189919"));
        assert_eq!(normalise_cvr(" DK29189919 ").as_deref(), Some("29189919"));
        assert_eq!(normalise_cvr("cvr:2918 9919").as_deref(), Some("29189919"));
        assert_eq!(normalise_cvr("2918991"), None);
        assert_eq!(normalise_cvr("291899190"), None);
        assert_eq!(normalise_cvr("29l89919"), None);
        assert_eq!(normalise_cvr(""), None);
    }

    #[test]
    fn a_name_comes_from_the_provider_or_else_the_e_mail() {
        assert_eq!(display_name(Some(" Maja Winther "), "mw@k.dk"), "Maja Winther");
        assert_eq!(display_name(Some("\u{7}"), "mw@k.dk"), "mw");
        assert_eq!(display_name(None, "mw@k.dk"), "mw");
        let long = "x".repeat(1000);
        assert_eq!(display_name(Some(&long), "a@b.dk").chars().count(), crate::user::NAME_MAX);
    }
}

/// Microsoft Entra ID's multi-tenant issuer names the tenant with this placeholder.
pub const TENANT_PLACEHOLDER: &str = "{tenantid}";

/// One OpenID provider, as the configuration file names it (`[[sso]]`) or an administrator
/// keeps it in the administration.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProviderSettings {
    /// A short name for addresses and the audit trail, e.g. `kl-broker` (a–z, 0–9, `-`).
    pub id: String,
    /// What the sign-in button says after "Log ind med", e.g. `MitID Erhverv`.
    pub name: String,
    /// The issuer: its discovery document is at `{issuer}/.well-known/openid-configuration`
    /// unless `discovery_url` says otherwise. Microsoft Entra ID's multi-tenant issuer is
    /// `https://login.microsoftonline.com/{tenantid}/v2.0` (with `discovery_url`
    /// `https://login.microsoftonline.com/organizations/v2.0/.well-known/openid-configuration`).
    pub issuer: String,
    #[serde(default)]
    pub discovery_url: String,
    pub client_id: String,
    #[serde(default)]
    pub client_secret: String,
    #[serde(default = "default_scopes")]
    pub scopes: Vec<String>,
    /// The claim that carries the organization's CVR number, e.g. `nemlogin.cvr` or
    /// `cvrNumberIdentifier` (brokers for MitID Erhverv); empty when the provider sends none.
    #[serde(default)]
    pub cvr_claim: String,
    /// The claim that names the person's tenant (Entra ID: `tid`).
    #[serde(default = "default_tenant_claim")]
    pub tenant_claim: String,
    /// Tenants trusted, each with the organization (its code or CVR number) their people belong
    /// to. When not empty, a token from any other tenant is refused.
    #[serde(default)]
    pub tenants: BTreeMap<String, String>,
    /// The provider owns the addresses it sends (an organization's own Entra ID tenant, which
    /// sends no `email_verified`): an account with the same e-mail may be linked.
    #[serde(default)]
    pub trust_email: bool,
}

pub fn default_scopes() -> Vec<String> {
    vec!["openid".into(), "email".into(), "profile".into()]
}

pub fn default_tenant_claim() -> String {
    "tid".into()
}

impl std::fmt::Debug for ProviderSettings {
    // The client secret never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProviderSettings")
            .field("id", &self.id)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("client_secret", &if self.client_secret.is_empty() { "" } else { "(set)" })
            .field("cvr_claim", &self.cvr_claim)
            .field("tenants", &self.tenants.len())
            .finish()
    }
}

impl ProviderSettings {
    /// The problems of one provider's configuration, in words for the operator.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            problems.push(format!("sso provider id {:?}: use 1–40 of a–z, 0–9 and -", self.id));
        }
        if self.name.trim().is_empty() {
            problems.push(format!("sso provider {}: name is empty", self.id));
        }
        if self.client_id.trim().is_empty() {
            problems.push(format!("sso provider {}: client_id is empty", self.id));
        }
        for (what, address) in [("issuer", &self.issuer), ("discovery_url", &self.discovery_url)] {
            if what == "discovery_url" && address.is_empty() {
                continue;
            }
            if !secure_or_loopback(address) {
                problems.push(format!("sso provider {}: {what} must be an https:// address", self.id));
            }
        }
        if self.issuer.contains(TENANT_PLACEHOLDER) && self.tenants.is_empty() {
            problems.push(format!(
                "sso provider {}: a multi-tenant issuer needs the trusted tenants ([sso.tenants])",
                self.id
            ));
        }
        if !self.cvr_claim.is_empty() && !self.tenants.is_empty() {
            problems.push(format!(
                "sso provider {}: use cvr_claim or tenants, not both (a tenant's people must not name another organization)",
                self.id
            ));
        }
        if !self.scopes.iter().any(|s| s == "openid") {
            problems.push(format!("sso provider {}: scopes must include openid", self.id));
        }
        problems
    }

    /// The same rules as [`ProviderSettings::problems`], per field, for the administration's
    /// form and the API.
    pub fn validate(&self) -> crate::FieldErrors {
        let mut errors = crate::FieldErrors::new();
        let id_ok = !self.id.is_empty()
            && self.id.len() <= 40
            && self.id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            errors.add("provider_id", "sso_id_invalid");
        }
        if self.name.trim().is_empty() {
            errors.add("name", "required");
        } else {
            crate::text::check_line(&mut errors, "name", &self.name, 100);
        }
        if self.client_id.trim().is_empty() {
            errors.add("client_id", "required");
        }
        // Addresses, ids and claim names on one line, without control characters (no CPR check:
        // a tenant's or client's GUID can look like one).
        let unfit = |v: &str| {
            crate::text::has_forbidden_control(v) || crate::text::has_noncharacter(v) || v.contains(['\t', '\n', '\r'])
        };
        for (field, value) in [
            ("issuer", &self.issuer),
            ("discovery_url", &self.discovery_url),
            ("client_id", &self.client_id),
            ("cvr_claim", &self.cvr_claim),
        ] {
            if unfit(value) {
                errors.add(field, "line_break");
            }
        }
        if self.client_secret.contains(['\n', '\r']) {
            errors.add("client_secret", "line_break");
        }
        if self.tenants.iter().any(|(t, o)| unfit(t) || unfit(o)) {
            errors.add("tenants", "line_break");
        }
        if self.issuer.trim().is_empty() {
            errors.add("issuer", "required");
        } else if !secure_or_loopback(&self.issuer) {
            errors.add("issuer", "sso_address_insecure");
        }
        if !self.discovery_url.is_empty() && !secure_or_loopback(&self.discovery_url) {
            errors.add("discovery_url", "sso_address_insecure");
        }
        if self.issuer.contains(TENANT_PLACEHOLDER) && self.tenants.is_empty() {
            errors.add("tenants", "sso_tenants_needed");
        }
        if !self.cvr_claim.is_empty() && !self.tenants.is_empty() {
            errors.add("cvr_claim", "sso_cvr_or_tenants");
        }
        if !self.scopes.iter().any(|s| s == "openid") {
            errors.add("scopes", "sso_scopes_openid");
        }
        let too_long = [&self.issuer, &self.discovery_url, &self.client_id, &self.client_secret, &self.cvr_claim]
            .iter()
            .any(|v| v.len() > 2000);
        if too_long || self.tenants.len() > 500 {
            errors.add("issuer", "too_long");
        }
        errors
    }

    pub fn discovery_address(&self) -> String {
        if self.discovery_url.is_empty() {
            format!("{}/.well-known/openid-configuration", self.issuer.trim_end_matches('/'))
        } else {
            self.discovery_url.clone()
        }
    }
}

/// https everywhere, except a provider on this machine (the tests' provider, a broker beside
/// Idéspor).
fn secure_or_loopback(address: &str) -> bool {
    let Ok(url) = url::Url::parse(address) else { return false };
    match url.scheme() {
        "https" => true,
        "http" => matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]")),
        _ => false,
    }
}

/// A provider as the administration's form and the API write it: the scopes separated by
/// spaces, the trusted tenants one per line (`tenant-id = organization code or CVR`), the client
/// secret empty to keep the one stored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProviderForm {
    pub provider_id: String,
    pub name: String,
    pub issuer: String,
    pub discovery_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: String,
    pub cvr_claim: String,
    pub tenants: String,
    pub trust_email: bool,
}

impl ProviderForm {
    /// The form for a provider kept already (the secret is never shown again).
    pub fn from_settings(p: &ProviderSettings) -> Self {
        Self {
            provider_id: p.id.clone(),
            name: p.name.clone(),
            issuer: p.issuer.clone(),
            discovery_url: p.discovery_url.clone(),
            client_id: p.client_id.clone(),
            client_secret: String::new(),
            scopes: p.scopes.join(" "),
            cvr_claim: p.cvr_claim.clone(),
            tenants: p.tenants.iter().map(|(t, o)| format!("{t} = {o}")).collect::<Vec<_>>().join("\n"),
            trust_email: p.trust_email,
        }
    }

    /// The provider the form describes, and what is wrong with it (all of it, per field).
    pub fn settings(&self) -> (ProviderSettings, crate::FieldErrors) {
        let mut tenants = BTreeMap::new();
        let mut tenant_line_wrong = false;
        for line in self.tenants.lines().map(str::trim).filter(|l| !l.is_empty()) {
            match line.split_once('=') {
                Some((tenant, org)) if !tenant.trim().is_empty() && !org.trim().is_empty() => {
                    tenants.insert(tenant.trim().to_string(), org.trim().to_string());
                }
                _ => tenant_line_wrong = true,
            }
        }
        let scopes: Vec<String> = self.scopes.split_whitespace().map(str::to_string).collect();
        let settings = ProviderSettings {
            id: self.provider_id.trim().to_string(),
            name: self.name.trim().to_string(),
            issuer: self.issuer.trim().to_string(),
            discovery_url: self.discovery_url.trim().to_string(),
            client_id: self.client_id.trim().to_string(),
            client_secret: self.client_secret.trim().to_string(),
            scopes: if scopes.is_empty() { default_scopes() } else { scopes },
            cvr_claim: self.cvr_claim.trim().to_string(),
            tenant_claim: default_tenant_claim(),
            tenants,
            trust_email: self.trust_email,
        };
        let mut errors = settings.validate();
        if tenant_line_wrong {
            errors.add("tenants", "sso_tenant_line");
        }
        (settings, errors)
    }
}

#[cfg(test)]
mod provider_tests {
    use super::*;

    fn form() -> ProviderForm {
        ProviderForm {
            provider_id: "kl-maegler".into(),
            name: "MitID Erhverv".into(),
            issuer: "https://broker.example.dk".into(),
            client_id: "idespor".into(),
            client_secret: "s".into(),
            scopes: "openid email".into(),
            cvr_claim: "nemlogin.cvr".into(),
            ..Default::default()
        }
    }

    fn codes(form: &ProviderForm) -> Vec<(String, String)> {
        let (_, errors) = form.settings();
        errors.0.iter().map(|e| (e.field.to_string(), e.code.to_string())).collect()
    }

    #[test]
    fn a_right_provider_passes_and_each_mistake_is_named_at_its_field() {
        assert_eq!(codes(&form()), Vec::<(String, String)>::new());
        let (settings, _) = form().settings();
        assert_eq!(settings.scopes, vec!["openid".to_string(), "email".to_string()]);
        let cases: Vec<(ProviderForm, (&str, &str))> = vec![
            (ProviderForm { provider_id: "KL".into(), ..form() }, ("provider_id", "sso_id_invalid")),
            (ProviderForm { name: " ".into(), ..form() }, ("name", "required")),
            (ProviderForm { name: "MitID\r\nBcc: x".into(), ..form() }, ("name", "line_break")),
            (ProviderForm { issuer: "http://broker.example.dk".into(), ..form() }, ("issuer", "sso_address_insecure")),
            (ProviderForm { issuer: "https://broker.example.dk\n/evil".into(), ..form() }, ("issuer", "line_break")),
            (ProviderForm { client_id: "id\u{0}".into(), ..form() }, ("client_id", "line_break")),
            (ProviderForm { scopes: "email".into(), ..form() }, ("scopes", "sso_scopes_openid")),
            (ProviderForm { tenants: "t = 751".into(), ..form() }, ("cvr_claim", "sso_cvr_or_tenants")),
            (
                ProviderForm { tenants: "no equals sign".into(), cvr_claim: String::new(), ..form() },
                ("tenants", "sso_tenant_line"),
            ),
            (
                ProviderForm {
                    issuer: "https://login.microsoftonline.com/{tenantid}/v2.0".into(),
                    cvr_claim: String::new(),
                    ..form()
                },
                ("tenants", "sso_tenants_needed"),
            ),
        ];
        for (case, (field, code)) in cases {
            let found = codes(&case);
            assert!(found.contains(&(field.to_string(), code.to_string())), "{case:?}: {found:?}");
        }
        // Loopback may speak http (a broker beside Idéspor, the tests' provider).
        assert_eq!(codes(&ProviderForm { issuer: "http://127.0.0.1:4000".into(), ..form() }), vec![]);
        // A tenant GUID that looks like a CPR number is no CPR number.
        let guid = ProviderForm {
            cvr_claim: String::new(),
            tenants: "12010190-1234-4abc-8def-123456789abc = 751".into(),
            ..form()
        };
        assert_eq!(codes(&guid), vec![]);
    }
}
