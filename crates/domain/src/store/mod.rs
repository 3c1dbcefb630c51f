//! The storage the use cases need, one trait per area (community, accounts, ideas,
//! notifications, meetings and decisions, rounds, mail, roadmap, figures, exports, housekeeping, moderation), combined by
//! [`Store`]. Implemented in `idespor-storage`, each area in the file of the same name. Each
//! write method is one transaction, and takes the audit entry that it writes with it.

use crate::error::DomainResult;
use async_trait::async_trait;

mod accounts;
mod community;
mod exports;
mod figures;
mod housekeeping;
mod ideas;
mod mail;
mod meetings;
mod moderation;
mod notifications;
mod roadmap;
mod rounds;
mod sso;
mod two_factor;

pub use accounts::AccountStore;
pub use accounts::{ApiToken, LoginCandidate, PasswordReset};
pub use community::CommunityStore;
pub use community::{ImportOutcome, Membership};
pub use exports::ExportStore;
pub use figures::FigureStore;
pub use housekeeping::HousekeepingStore;
pub use ideas::IdeaStore;
pub use ideas::MoveRecord;
pub use mail::DigestItem;
pub use mail::MailStore;
pub use meetings::MeetingStore;
pub use meetings::{DecisionMove, MeetingFilter, NewDecision, NewMeeting};
pub use moderation::ModerationStore;
pub use notifications::NotificationStore;
pub use roadmap::ReleaseInput;
pub use roadmap::RoadmapStore;
pub use rounds::RoundStore;
pub use sso::{LinkedIdentity, SsoStore};
pub use two_factor::TwoFactorStore;

/// All of storage: one trait per area, each implemented in the storage file of the same name.
#[async_trait]
pub trait Store:
    CommunityStore
    + AccountStore
    + IdeaStore
    + NotificationStore
    + MeetingStore
    + RoundStore
    + MailStore
    + RoadmapStore
    + FigureStore
    + ExportStore
    + HousekeepingStore
    + ModerationStore
    + TwoFactorStore
    + SsoStore
    + Send
    + Sync
{
    /// Answers when the database answers.
    async fn ping(&self) -> DomainResult<()>;
}
