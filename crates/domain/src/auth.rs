//! Credentials: argon2id password hashes, random secrets (session ids, API tokens, invitation
//! links) that are stored only as SHA-256 hashes, and the sign-in throttling policy.

use crate::error::{DomainError, DomainResult, FieldErrors};
use argon2::Argon2;
use argon2::password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash};
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};

pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 256;
pub const TOKEN_NAME_MAX: usize = 80;

/// How long a session lives after sign-in.
pub const SESSION_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 14);
/// How long an invitation link stays valid.
pub const INVITATION_LIFETIME: SignedDuration = SignedDuration::from_hours(24 * 7);
/// How long a password link ("Glemt adgangskode") stays valid.
pub const RESET_LIFETIME: SignedDuration = SignedDuration::from_hours(1);
/// Password links asked for per typed e-mail address within the window (whether or not it is
/// anyone's: the answer must not tell), and per network address.
pub const RESET_MAX_PER_EMAIL: i64 = 3;
pub const RESET_MAX_PER_ADDRESS: i64 = 20;

/// The counters a request for a password link is held to.
pub fn reset_limits(email: &str, peer: &str) -> Vec<(String, i64)> {
    vec![(format!("reset:{email}"), RESET_MAX_PER_EMAIL), (format!("reset-address:{peer}"), RESET_MAX_PER_ADDRESS)]
}

/// The window in which failed sign-ins are counted.
pub const LOGIN_WINDOW: SignedDuration = SignedDuration::from_mins(15);
/// Failed sign-ins allowed per account from one network address within the window.
pub const LOGIN_MAX_FAILED_PER_ACCOUNT: i64 = 5;
/// Failed sign-ins allowed per account from all addresses together within the window: enough
/// that someone guessing elsewhere does not lock the owner out at their own desk (they have
/// their own five), few enough that guessing from many addresses gets nowhere (a password of
/// at least ten characters against 40 guesses a quarter of an hour).
pub const LOGIN_MAX_FAILED_PER_ACCOUNT_ANYWHERE: i64 = 40;
/// Failed sign-ins allowed per network address within the window (offices share addresses).
pub const LOGIN_MAX_FAILED_PER_ADDRESS: i64 = 30;

/// The counters a sign-in attempt is held to, each with its limit: the account from this
/// address first, then the account from anywhere, then the address. Text that names no
/// account counts against the address only.
pub fn login_limits(email: Option<&str>, peer: &str) -> Vec<(String, i64)> {
    let mut limits = Vec::with_capacity(3);
    if let Some(email) = email {
        limits.push((format!("account:{email}|address:{peer}"), LOGIN_MAX_FAILED_PER_ACCOUNT));
        limits.push((format!("account:{email}"), LOGIN_MAX_FAILED_PER_ACCOUNT_ANYWHERE));
    }
    limits.push((format!("address:{peer}"), LOGIN_MAX_FAILED_PER_ADDRESS));
    limits
}

/// Hashes a password with argon2id and a random salt. CPU-heavy: call it off the async runtime.
pub fn hash_password(password: &str) -> DomainResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| DomainError::Internal(format!("password hashing failed: {e}")))
}

/// Checks a password against a stored hash. CPU-heavy: call it off the async runtime.
pub fn verify_password(password: &str, hash: &str) -> bool {
    match PasswordHash::new(hash) {
        Ok(parsed) => Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok(),
        Err(_) => false,
    }
}

/// A hash of a password nobody knows, checked when the e-mail is unknown, so that a wrong
/// e-mail and a wrong password take the same time.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&new_secret()).unwrap_or_default())
}

pub fn validate_new_password(password: &str) -> DomainResult<()> {
    let count = password.chars().count();
    let mut errors = FieldErrors::new();
    if count < PASSWORD_MIN {
        errors.add("password", "password_too_short");
    } else if count > PASSWORD_MAX {
        errors.add("password", "too_long");
    }
    errors.into_result(())
}

/// 32 random bytes as 64 hex characters.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    // getrandom only fails when the OS has no entropy source at all; then nothing is safe.
    if getrandom::fill(&mut bytes).is_err() {
        panic_free_fallback(&mut bytes);
    }
    hex::encode(bytes)
}

/// Never expected to run; keeps `new_secret` total without `unwrap`. Uses the time and the
/// address of a stack value, which is weak, so it logs nothing and is only a last resort.
fn panic_free_fallback(bytes: &mut [u8; 32]) {
    let seed = Timestamp::now().as_nanosecond().to_le_bytes();
    let digest = Sha256::digest(seed);
    bytes.copy_from_slice(&digest);
}

/// The form in which secrets are stored: a stolen database yields no usable session or token.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Compares two secrets (or their hashes) in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// API tokens carry a recognizable prefix so that leaked ones can be found by scanners.
pub const API_TOKEN_PREFIX: &str = "idespor_";

pub fn new_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", new_secret())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_roundtrip_and_argon2id() {
        let hash = hash_password("korrekt hest batteri").unwrap_or_default();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_password("korrekt hest batteri", &hash));
        assert!(!verify_password("forkert", &hash));
        assert!(!verify_password("korrekt hest batteri", "not a hash"));
    }

    #[test]
    fn secrets_are_random_and_hashed() {
        let a = new_secret();
        let b = new_secret();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(hash_secret(&a), hash_secret(&a));
        assert_ne!(hash_secret(&a), a);
    }

    #[test]
    fn password_limits() {
        assert!(validate_new_password("short").is_err());
        assert!(validate_new_password("long enough!").is_ok());
        assert!(validate_new_password(&"x".repeat(PASSWORD_MAX + 1)).is_err());
    }
}
