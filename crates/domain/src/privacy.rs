//! The community's privacy policy (privatlivspolitik): who the data controller is, how to reach
//! them, and what they want to add in their own words. Idéspor writes the rest itself on the
//! page: what it stores, why, where and for how long (always as the installation is configured,
//! so it cannot go stale), and the person's rights.

use crate::error::{DomainResult, FieldErrors};
use jiff::Timestamp;
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

/// How long a prepared copy of a person's data waits for its download.
pub const EXPORT_DAYS: i64 = 7;
/// A claim on an export older than this is taken to have died with its node and is made again.
pub const EXPORT_CLAIM_MINUTES: i64 = 10;

/// Where a person's copy of their data stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportStatus {
    /// Asked for; the background job has not gathered it yet.
    Queued,
    /// Being gathered.
    Building,
    /// Ready for its one download.
    Ready,
    /// Downloaded: gone.
    Used,
}

impl ExportStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Queued => "queued",
            Self::Building => "building",
            Self::Ready => "ready",
            Self::Used => "used",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Queued, Self::Building, Self::Ready, Self::Used].into_iter().find(|k| k.as_str() == s)
    }
}

/// A person's copy of their data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DataExport {
    pub id: i64,
    pub status: ExportStatus,
    pub requested_at: Timestamp,
    pub ready_at: Option<Timestamp>,
    /// After this it can no longer be downloaded, and it is removed.
    pub expires_at: Timestamp,
}

/// The sections of a person's data, in the order the copy lists them: each a list of records
/// (JSON objects whose keys are the data's names).
pub const SECTIONS: [&str; 14] = [
    "profile",
    "memberships",
    "ideas",
    "idea_revisions",
    "comments",
    "supports",
    "follows",
    "ballots",
    "notifications",
    "preferences",
    "sign_ins",
    "api_tokens",
    "sso_identities",
    "audit",
];
