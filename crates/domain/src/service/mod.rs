//! Use cases: what a person (an [`Actor`]) can do, with the rules checked here, once, for the
//! pages, the API, the CLI and jobs alike.

mod account;
mod exports;
mod figures;
mod groups;
mod housekeeping;
mod ideas;
mod mail;
mod meetings;
mod moderation;
mod notifications;
mod orgs;
mod people;
mod public;
mod roadmap;
mod rounds;
mod sso;
mod two_factor;
mod users;

pub use account::SignedIn;
pub use figures::{DEFAULT_RESPONSE_TARGET_DAYS, figures_table};
pub use groups::{GroupDetail, GroupOverview};
pub use housekeeping::SIGN_INS_SHOWN;
pub use ideas::{COMMENT_EDIT_WINDOW, COMMENT_MAX, IdeaView, PRODUCT_AREA_MAX};
pub use mail::{Digest, UNSUBSCRIBE_ALL};
pub use meetings::{GroupMeetings, MeetingView};
pub use orgs::{ImportError, ImportRow, OrgDetail};
pub use people::PeopleImported;
pub use roadmap::ReleaseForm;
pub use rounds::RoundView;
pub use two_factor::TwoFactorSetup;
pub use users::{Invitation, Overview};

use crate::clock::Clock;
use crate::error::{DomainError, DomainResult};
use crate::store::Store;
use crate::user::User;
use std::sync::Arc;

/// The signed-in person on whose behalf a use case runs.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user: User,
}

impl Actor {
    pub fn new(user: User) -> Self {
        Self { user }
    }
    pub fn require_admin(&self) -> DomainResult<()> {
        if self.user.is_admin { Ok(()) } else { Err(DomainError::Forbidden("admin_only")) }
    }
    /// Moderators, and administrators (who give the role, and may take it themselves).
    pub fn may_moderate(&self) -> bool {
        self.user.is_moderator || self.user.is_admin
    }
    pub fn require_moderator(&self) -> DomainResult<()> {
        if self.may_moderate() { Ok(()) } else { Err(DomainError::Forbidden("moderator_only")) }
    }
}

/// The use cases with what they need: storage and a clock. Cheap to clone.
#[derive(Clone)]
pub struct Services {
    store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    /// The link-signing key, read from the database once.
    signer: Arc<std::sync::OnceLock<crate::mail::LinkSigner>>,
    /// Figures already counted (see [`Services::figures`]).
    figures_cache: figures::FiguresCache,
    /// Searches already ranked (see `Services::search_ideas`).
    searches: ideas::SearchCache,
}

impl Services {
    pub fn new(store: Arc<dyn Store>, clock: Arc<dyn Clock>) -> Self {
        Self {
            store,
            clock,
            signer: Arc::default(),
            figures_cache: figures::FiguresCache::new(),
            searches: ideas::SearchCache::new(),
        }
    }
    pub fn now(&self) -> jiff::Timestamp {
        self.clock.now()
    }

    /// Answers when the database answers (the health check).
    pub async fn ping(&self) -> DomainResult<()> {
        self.store.ping().await
    }
}

/// Runs CPU-heavy work (password hashing) off the async runtime's worker threads.
/// Who makes an administrative change: an administrator (checked), or the operator at the
/// command line (`None`, nothing to check); the audit trail's actor.
pub(crate) fn authorise(actor: Option<&Actor>) -> DomainResult<Option<crate::ids::UserId>> {
    match actor {
        Some(actor) => {
            actor.require_admin()?;
            Ok(Some(actor.user.id))
        }
        None => Ok(None),
    }
}

pub(crate) async fn blocking<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> DomainResult<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| DomainError::Internal(format!("blocking task failed: {e}")))
}
