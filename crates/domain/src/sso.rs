//! Single sign-on: what a provider vouches for after its token was checked, how that names an
//! organization, and the attempts that wait for the provider's answer.
//!
//! The protocol (discovery, the authorization code flow with PKCE, signatures, issuer, audience,
//! expiry, nonce) is the web layer's (`idespor-web`'s `sso` module, with the `openidconnect`
//! crate); what a verified identity may do here is the domain's (`service/sso.rs`).

use jiff::SignedDuration;

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
