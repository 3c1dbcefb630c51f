//! The community's privacy policy (privatlivspolitik): who the data controller is, how to reach
//! them, and what they want to add in their own words. Idéspor writes the rest itself on the
//! page: what it stores, why, where and for how long (always as the installation is configured,
//! so it cannot go stale), and the person's rights.

use crate::error::{DomainResult, FieldErrors};
use serde::{Deserialize, Serialize};

/// The community setting the policy is kept in, as JSON.
pub const SETTING: &str = "privacy_policy";
pub const CONTROLLER_MAX: usize = 200;
pub const CONTACT_MAX: usize = 200;
pub const TEXT_MAX: usize = 20_000;

/// What the administrator writes; empty fields are left out of the page.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PrivacyPolicy {
    /// The data controller, e.g. "Foreningen af Nexus-kommuner, CVR 12345678".
    pub controller: String,
    /// How to reach the controller or its data protection officer (an e-mail or an address).
    pub contact: String,
    /// More, in the controller's words (Markdown).
    pub text: String,
}

impl PrivacyPolicy {
    /// The policy as typed, trimmed, or the field errors.
    pub fn parse(form: &PrivacyPolicy) -> DomainResult<PrivacyPolicy> {
        let policy = PrivacyPolicy {
            controller: form.controller.trim().to_string(),
            contact: form.contact.trim().to_string(),
            text: form.text.trim().to_string(),
        };
        let mut errors = FieldErrors::new();
        crate::text::check_line(&mut errors, "controller", &policy.controller, CONTROLLER_MAX);
        crate::text::check_line(&mut errors, "contact", &policy.contact, CONTACT_MAX);
        crate::text::check(&mut errors, "text", &policy.text, TEXT_MAX);
        errors.into_result(policy)
    }
}
