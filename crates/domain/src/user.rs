//! People: their work identity (name, work e-mail, organization), language and rights.

use crate::error::{DomainResult, FieldErrors};
use crate::ids::{OrgId, UserId};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Language {
    #[default]
    Da,
    En,
}

impl Language {
    pub const ALL: [Language; 2] = [Language::Da, Language::En];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Da => "da",
            Self::En => "en",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct User {
    pub id: UserId,
    pub email: String,
    pub name: String,
    pub org_id: Option<OrgId>,
    pub org_name: Option<String>,
    pub language: Language,
    pub is_admin: bool,
    /// May redact passages and hide comments (given by an administrator).
    pub is_moderator: bool,
    /// Signs in with a code after the password (two-step sign-in is on).
    pub two_factor: bool,
    pub active: bool,
    /// False until an invited person has chosen a password.
    pub has_password: bool,
    pub created_at: Timestamp,
}

/// A work e-mail address, trimmed and lower-cased. Deliberately simple: one `@`, a dotted
/// domain, no spaces or control characters; the mail server is the final judge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err("required");
        }
        if email.len() > EMAIL_MAX {
            return Err("too_long");
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err("email_invalid");
        };
        let ok = !local.is_empty()
            && !domain.contains('@')
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !email.chars().any(|c| c.is_whitespace() || c.is_control() || "<>()[],;:\\\"".contains(c));
        if ok { Ok(Self(email)) } else { Err("email_invalid") }
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    pub fn into_string(self) -> String {
        self.0
    }
}

fn parse_name(raw: &str, errors: &mut FieldErrors) -> String {
    let name = raw.trim().to_string();
    if name.is_empty() {
        errors.add("name", "required");
    } else {
        crate::text::check_line(errors, "name", &name, NAME_MAX);
    }
    name
}

fn parse_email(raw: &str, errors: &mut FieldErrors) -> String {
    match Email::parse(raw) {
        Ok(email) => email.into_string(),
        Err(code) => {
            errors.add("email", code);
            String::new()
        }
    }
}

/// What a person may change about themselves.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    pub email: String,
    pub language: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileInput {
    pub name: String,
    pub email: String,
    pub language: Language,
}

impl ProfileForm {
    pub fn from_user(user: &User) -> Self {
        Self { name: user.name.clone(), email: user.email.clone(), language: user.language.as_str().into() }
    }
    pub fn parse(&self) -> DomainResult<ProfileInput> {
        let mut errors = FieldErrors::new();
        let name = parse_name(&self.name, &mut errors);
        let email = parse_email(&self.email, &mut errors);
        let language = Language::parse(self.language.trim());
        if language.is_none() {
            errors.add("language", "language_unknown");
        }
        errors.into_result(()).map(|()| ProfileInput { name, email, language: language.unwrap_or_default() })
    }
}

/// What an administrator sets when inviting or editing a person.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UserAdminForm {
    pub name: String,
    pub email: String,
    pub org_id: String,
    pub language: String,
    /// "on" (an HTML checkbox) or "true".
    pub is_admin: String,
    pub is_moderator: String,
    pub active: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserAdminInput {
    pub name: String,
    pub email: String,
    pub org_id: Option<OrgId>,
    pub language: Language,
    pub is_admin: bool,
    pub is_moderator: bool,
    pub active: bool,
}

fn checkbox(value: &str) -> bool {
    matches!(value.trim(), "on" | "true" | "1" | "yes")
}

impl UserAdminForm {
    pub fn from_user(user: &User) -> Self {
        Self {
            name: user.name.clone(),
            email: user.email.clone(),
            org_id: user.org_id.map(|o| o.to_string()).unwrap_or_default(),
            language: user.language.as_str().into(),
            is_admin: if user.is_admin { "on".into() } else { String::new() },
            is_moderator: if user.is_moderator { "on".into() } else { String::new() },
            active: if user.active { "on".into() } else { String::new() },
        }
    }
    pub fn parse(&self) -> DomainResult<UserAdminInput> {
        let mut errors = FieldErrors::new();
        let name = parse_name(&self.name, &mut errors);
        let email = parse_email(&self.email, &mut errors);
        let org_id = match self.org_id.trim() {
            "" => None,
            s => match s.parse::<i64>() {
                Ok(id) => Some(OrgId(id)),
                Err(_) => {
                    errors.add("org_id", "organization_unknown");
                    None
                }
            },
        };
        let language = match self.language.trim() {
            "" => Some(Language::Da),
            s => Language::parse(s),
        };
        if language.is_none() {
            errors.add("language", "language_unknown");
        }
        errors.into_result(()).map(|()| UserAdminInput {
            name,
            email,
            org_id,
            language: language.unwrap_or_default(),
            is_admin: checkbox(&self.is_admin),
            is_moderator: checkbox(&self.is_moderator),
            active: checkbox(&self.active),
        })
    }
}

/// The name an erased person's writing is shown under, beside their organization ("Tidligere
/// bruger, Varde Kommune"). Stored in the community's language: it replaces the name itself.
pub const ERASED_NAME: &str = "Tidligere bruger";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Mette@Varde.DK ").map(Email::into_string), Ok("mette@varde.dk".into()));
        for bad in
            ["", "mette", "mette@", "@varde.dk", "mette@varde", "me tte@varde.dk", "a@b@c.dk", "a@.dk", "<a>@b.dk"]
        {
            assert!(Email::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn profile_keeps_every_error() {
        let form = ProfileForm { name: " ".into(), email: "nope".into(), language: "xx".into() };
        let Err(crate::DomainError::Invalid(errors)) = form.parse() else { panic!("expected invalid") };
        assert_eq!(errors.for_field("name"), Some("required"));
        assert_eq!(errors.for_field("email"), Some("email_invalid"));
        assert_eq!(errors.for_field("language"), Some("language_unknown"));
    }
}
