//! Idéspor's domain: the community's types, the rules that govern them, the use cases that
//! pages, API and jobs call, and the storage trait those use cases need.
//!
//! Nothing here knows HTTP or SQL. Adapters (the `idespor-web` router, the `idespor-storage`
//! backends, the CLI) translate to and from these types.

pub mod audit;
pub mod auth;
pub mod calendar;
pub mod clock;
pub mod collation;
pub mod error;
pub mod export;
pub mod figures;
pub mod group;
pub mod idea;
pub mod ids;
pub mod mail;
pub mod meeting;
pub mod moderation;
pub mod notify;
pub mod org;
pub mod outcome;
pub mod people;
pub mod privacy;
pub mod public;
pub mod retention;
pub mod roadmap;
pub mod round;
pub mod search;
pub mod service;
pub mod sso;
pub mod store;
pub mod text;
pub mod two_factor;
pub mod user;

pub use error::{DomainError, DomainResult, FieldError, FieldErrors, TextPlace};
pub use ids::{
    AgendaItemId, CommentId, DecisionId, GroupId, IdeaId, MeetingId, NotificationId, OrgId, OutboxId, ProductAreaId,
    ReleaseId, RoundId, TokenId, UserId,
};
pub use store::Store;
