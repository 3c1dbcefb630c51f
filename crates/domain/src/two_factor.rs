//! Two-step sign-in for password accounts: a time-based one-time code (RFC 6238: six digits,
//! a new one every 30 seconds, HMAC-SHA1, one step of clock skew either way, as every
//! authenticator app expects) after the password, or one of ten single-use recovery codes.
//! Each code works once (`last_step`), and guesses are throttled like passwords.

use crate::error::{DomainError, DomainResult};
use jiff::{SignedDuration, Timestamp};
use totp_rs::{Builder, Secret, Totp};

/// How long a sign-in waits for its code after the password.
pub const PENDING_LIFETIME: SignedDuration = SignedDuration::from_mins(10);
/// Wrong codes allowed per person within the sign-in window.
pub const CODE_MAX_FAILED: i64 = 5;
pub const RECOVERY_CODES: usize = 10;
/// The community setting that requires two-step sign-in of administrators ("true"/"false").
pub const REQUIRE_FOR_ADMINS: &str = "require_two_factor_admins";

/// The counter wrong codes are held to: per person, wherever they type.
pub fn code_limits(user: crate::ids::UserId) -> Vec<(String, i64)> {
    vec![(format!("code:{}", user.0), CODE_MAX_FAILED)]
}

/// A new secret: 20 random bytes (160 bits, as RFC 4226 recommends), in base32 as the apps
/// take it.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    if getrandom::fill(&mut bytes).is_err() {
        // No entropy at all: refuse rather than hand out a predictable secret.
        return String::new();
    }
    Secret::from(bytes).to_base32()
}

fn totp(secret: &str, account: &str, issuer: &str) -> DomainResult<Totp> {
    let secret =
        Secret::try_from_base32(secret).map_err(|e| DomainError::Internal(format!("two-factor secret: {e}")))?;
    // The otpauth label may not contain a colon.
    let clean = |s: &str| s.replace(':', " ");
    Builder::new()
        .with_secret(secret)
        .with_account_name(clean(account))
        .with_issuer(Some(clean(issuer)))
        .build()
        .map_err(|e| DomainError::Internal(format!("two-factor: {e}")))
}

/// The `otpauth://` address an authenticator app reads (from a QR code or a tap on a phone).
pub fn otpauth_url(secret: &str, account: &str, issuer: &str) -> DomainResult<String> {
    totp(secret, account, issuer)?.to_url().map_err(|e| DomainError::Internal(format!("two-factor url: {e}")))
}

/// The step a code is valid for at `now` (within one step either way), if it is valid.
pub fn code_step(secret: &str, code: &str, now: Timestamp) -> DomainResult<Option<u64>> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let time = u64::try_from(now.as_second()).unwrap_or(0);
    Ok(totp(secret, "x", "x")?.check(&code, time))
}

/// The code for `now`: for tests and for showing that setup worked (never sent anywhere).
pub fn code_at(secret: &str, now: Timestamp) -> DomainResult<String> {
    let time = u64::try_from(now.as_second()).unwrap_or(0);
    Ok(totp(secret, "x", "x")?.generate(time).to_string())
}

/// Ten recovery codes, as the person writes them down: `xxxx-xxxx-xx` from an alphabet without
/// look-alikes (about 50 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 10];
            let _ = getrandom::fill(&mut bytes);
            let chars: String = bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect();
            format!("{}-{}-{}", &chars[..4], &chars[4..8], &chars[8..])
        })
        .collect()
}

/// A recovery code as typed, in the form it is hashed in: lower case, without spaces.
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_lowercase()
}

/// The person's two-step sign-in as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwoFactor {
    pub secret: String,
    pub confirmed_at: Option<Timestamp>,
    pub last_step: i64,
    pub recovery_codes_left: i64,
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_code_works_for_its_step_and_the_ones_beside_it_only() {
        let secret = new_secret();
        assert_eq!(secret.len(), 32, "160 bits in base32");
        let now = Timestamp::from_second(1_800_000_000).unwrap();
        let code = code_at(&secret, now).unwrap();
        let step = code_step(&secret, &code, now).unwrap().unwrap();
        assert_eq!(step, 1_800_000_000 / 30);
        assert!(code_step(&secret, &code, now + SignedDuration::from_secs(30)).unwrap().is_some(), "skew of one step");
        assert!(code_step(&secret, &code, now + SignedDuration::from_secs(90)).unwrap().is_none(), "not later");
        assert!(code_step(&secret, "12345", now).unwrap().is_none());
        assert!(code_step(&secret, "abcdef", now).unwrap().is_none());
        let spaced = format!("{} {}", &code[..3], &code[3..]);
        assert_eq!(code_step(&secret, &spaced, now).unwrap(), Some(step), "spaces as the apps show them");
    }

    #[test]
    fn the_rfc_6238_test_vector_holds() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59: 94287082 (8 digits);
        // six digits are its last six.
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(code_at(&secret, Timestamp::from_second(59).unwrap()).unwrap(), "287082");
    }

    #[test]
    fn the_app_address_names_the_person_and_the_product() {
        let url = otpauth_url(&new_secret(), "maja@varde.dk", "Idéspor: test").unwrap();
        assert!(url.starts_with("otpauth://totp/"), "{url}");
        assert!(url.contains("maja%40varde.dk") || url.contains("maja@varde.dk"), "{url}");
    }

    #[test]
    fn recovery_codes_are_ten_different_and_typed_loosely() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 10);
        assert_eq!(normalise_recovery_code(" ABCD-efgh-jk "), "abcd-efgh-jk");
    }
}
