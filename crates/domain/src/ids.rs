//! Newtype ids, so that an organization id can never be passed where a user id is meant.

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($($name:ident),*) => {$(
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}

id_type!(
    OrgId,
    GroupId,
    UserId,
    TokenId,
    IdeaId,
    ProductAreaId,
    ReleaseId,
    CommentId,
    MeetingId,
    DecisionId,
    AgendaItemId,
    RoundId,
    NotificationId,
    OutboxId
);
