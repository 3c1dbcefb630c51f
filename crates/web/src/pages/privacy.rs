//! The privacy policy (privatlivspolitik), open to everyone and linked from every page: the
//! controller's own words, and what Idéspor stores about people, why, where and for how long,
//! written from the installation's configuration so that it cannot go stale.

use crate::ctx::{Ctx, Viewer};
use crate::error::{OrPage, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use idespor_domain::privacy::PrivacyPolicy;
use idespor_domain::retention::Retention;

/// How long one kind of personal data is kept.
pub enum Kept {
    /// As long as the person's account exists.
    WhileAccount,
    /// Until it expires (or, a link, is used).
    UntilExpired,
    /// A number of days.
    Days(i64),
    /// As long as the community exists: what the person wrote for the community.
    WithCommunity,
}

/// One kind of personal data Idéspor keeps: its name and purpose (i18n keys
/// `privacy-<key>` and `privacy-<key>-why`), where it is stored, and for how long.
pub struct PersonalData {
    pub key: &'static str,
    pub tables: &'static str,
    pub kept: Kept,
}

/// What Idéspor stores about people (docs/PRIVACY.md says the same, for the records of
/// processing).
pub fn personal_data(r: &Retention) -> Vec<PersonalData> {
    let row = |key, tables, kept| PersonalData { key, tables, kept };
    vec![
        row("profile", "users, group_members", Kept::WhileAccount),
        row("writing", "ideas, idea_revisions, comments, comment_revisions, decisions, meetings", Kept::WithCommunity),
        row("supports", "idea_supports, idea_followers, ballots", Kept::WhileAccount),
        row("secrets", "users (argon2id), api_tokens, feed_keys, two_factor, recovery_codes", Kept::WhileAccount),
        row("sso", "sso_identities", Kept::WhileAccount),
        row("sessions", "sessions, pending_sign_ins, sso_attempts", Kept::UntilExpired),
        row("invitations", "invitations, password_resets", Kept::UntilExpired),
        row("sign-in-failures", "login_failures", Kept::Days(1)),
        row("sign-ins", "sign_ins", Kept::Days(i64::from(r.sign_in_history_days))),
        row(
            "notifications",
            "notifications, notification_preferences",
            Kept::Days(i64::from(r.read_notifications_days)),
        ),
        row("mail", "outbox", Kept::Days(i64::from(r.sent_mail_days))),
        row("audit", "audit_log", Kept::Days(i64::from(r.audit_days))),
        row("exports", "data_exports", Kept::UntilExpired),
        row("moderation", "moderations", Kept::WithCommunity),
    ]
}

#[derive(Template)]
#[template(path = "privacy.html")]
pub struct PrivacyPage {
    pub ctx: Ctx,
    pub policy: PrivacyPolicy,
    pub data: Vec<PersonalData>,
}

pub async fn page(State(state): State<AppState>, viewer: Viewer) -> PageResult {
    let ctx = viewer.ctx(&state, "privacy");
    let policy = state.svc.privacy_policy().await.or_page(&ctx)?;
    Ok(render(&PrivacyPage { ctx, policy, data: personal_data(&state.config.retention) }))
}
