//! Notification preferences, the e-mail outbox and its digests, and the signed links that let a
//! person unsubscribe from a mail or read a private feed without signing in.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult};
use crate::idea::MoveKind;
use crate::ids::UserId;
use crate::mail::{Cadence, DigestKind, LinkSigner, OutboxMessage, OutboxStatus, Preferences};
use crate::meeting::Meeting;
use crate::notify::{Notification, NotificationKind};
use crate::store::{DigestItem, MeetingFilter};
use crate::user::User;
use jiff::{SignedDuration, Timestamp};
use serde::Serialize;
use serde_json::json;

/// What "all" means in an unsubscribe link: every kind off.
pub const UNSUBSCRIBE_ALL: &str = "all";

/// One person's digest: the period's news, sorted into what it is to them.
#[derive(Debug, Clone, Serialize)]
pub struct Digest {
    pub user: User,
    pub kind: DigestKind,
    pub start: Timestamp,
    pub end: Timestamp,
    /// Decisions of the tovholdergruppe (and of the person's own groups).
    pub decisions: Vec<Notification>,
    /// What happened to the person's own ideas.
    pub my_ideas: Vec<Notification>,
    /// What happened to ideas the person's organization supports.
    pub supported: Vec<Notification>,
    /// Ideas newly submitted to the person's erfagrupper.
    pub new_ideas: Vec<Notification>,
    /// Other news of ideas the person follows or whose group they are in.
    pub other: Vec<Notification>,
    /// Meetings planned, changed or cancelled.
    pub meeting_changes: Vec<Notification>,
    /// The person's meetings in the next two weeks.
    pub upcoming: Vec<Meeting>,
}

impl Digest {
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
            && self.my_ideas.is_empty()
            && self.supported.is_empty()
            && self.new_ideas.is_empty()
            && self.other.is_empty()
            && self.meeting_changes.is_empty()
    }
}

impl Services {
    /// The key that signs unsubscribe and feed links: made once per installation, shared by
    /// every process through the database.
    pub async fn link_signer(&self) -> DomainResult<LinkSigner> {
        if let Some(signer) = self.signer.get() {
            return Ok(signer.clone());
        }
        let candidate = crate::auth::new_secret();
        let key = self.store.instance_secret("link_key", &candidate).await?;
        let signer = LinkSigner::new(key.as_bytes());
        let _ = self.signer.set(signer.clone());
        Ok(signer)
    }

    pub async fn preferences(&self, actor: &Actor) -> DomainResult<Preferences> {
        Ok(Preferences::from_stored(&self.store.preferences(actor.user.id).await?))
    }

    pub async fn set_preferences(&self, actor: &Actor, prefs: &[(NotificationKind, Cadence)]) -> DomainResult<()> {
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "preferences.update", "user")
            .id(actor.user.id.0)
            .details(json!(prefs.iter().map(|(k, c)| (k.as_str(), c.as_str())).collect::<Vec<_>>()));
        self.store.set_preferences(actor.user.id, prefs, audit).await
    }

    /// One-click unsubscribe (RFC 8058): the signed link turns one kind (or all) off, without
    /// signing in.
    pub async fn unsubscribe(&self, user: UserId, what: &str, token: &str) -> DomainResult<User> {
        let signer = self.link_signer().await?;
        if !signer.verify(&format!("unsubscribe:{user}:{what}"), token) {
            return Err(DomainError::Forbidden("link_invalid"));
        }
        let person = self.store.get_user(user).await?.ok_or(DomainError::Forbidden("link_invalid"))?;
        let kinds: Vec<NotificationKind> = if what == UNSUBSCRIBE_ALL {
            NotificationKind::ALL.to_vec()
        } else {
            vec![NotificationKind::parse(what).ok_or(DomainError::Forbidden("link_invalid"))?]
        };
        let prefs: Vec<_> = kinds.into_iter().map(|k| (k, Cadence::Off)).collect();
        let audit = AuditEntry::new(self.now(), None, "preferences.unsubscribe", "user")
            .id(user.0)
            .details(json!({ "what": what }));
        self.store.set_preferences(user, &prefs, audit).await?;
        Ok(person)
    }

    /// The token in a person's private feed links.
    pub async fn feed_token(&self, actor: &Actor) -> DomainResult<String> {
        let generation = self.store.feed_generation(actor.user.id).await?;
        Ok(self.link_signer().await?.feed_token(actor.user.id, generation))
    }

    /// Makes new feed links; the old ones stop working.
    pub async fn renew_feed_token(&self, actor: &Actor) -> DomainResult<String> {
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "feed.renew", "user").id(actor.user.id.0);
        let generation = self.store.new_feed_generation(actor.user.id, audit).await?;
        Ok(self.link_signer().await?.feed_token(actor.user.id, generation))
    }

    /// The person a feed link belongs to, if its token is valid (and the person active).
    pub async fn feed_reader(&self, user: UserId, token: &str) -> DomainResult<Actor> {
        let generation = self.store.feed_generation(user).await?;
        let signer = self.link_signer().await?;
        if !signer.verify(&format!("feed:{user}:{generation}"), token) {
            return Err(DomainError::Unauthenticated);
        }
        match self.store.get_user(user).await? {
            Some(u) if u.active => Ok(Actor::new(u)),
            _ => Err(DomainError::Unauthenticated),
        }
    }

    /// Queues the digests of the periods that have ended (daily and weekly). Safe to call from
    /// every process as often as wanted: each person's digest for a period is queued once.
    pub async fn enqueue_due_digests(&self) -> DomainResult<u64> {
        let now = self.now();
        let mut queued = 0;
        for kind in [DigestKind::Daily, DigestKind::Weekly] {
            let (start, end, key) = crate::mail::last_digest_period(kind, now);
            // A digest more than a day late is not worth sending (e.g. after a long stop).
            if now.duration_since(end) > SignedDuration::from_hours(24) {
                continue;
            }
            queued += self.store.enqueue_digests(kind, &key, start, end, now).await?;
        }
        Ok(queued)
    }

    /// A person's digest for a period.
    pub async fn digest(
        &self,
        user: &User,
        kind: DigestKind,
        start: Timestamp,
        end: Timestamp,
    ) -> DomainResult<Digest> {
        let items = self.store.digest_notifications(user.id, user.org_id, start, end, kind.cadence()).await?;
        let upcoming = self
            .store
            .list_meetings(&MeetingFilter {
                invited: Some(user.id),
                ends_after: Some(end),
                starts_before: Some(end + SignedDuration::from_hours(24 * 14)),
                limit: 20,
                ..Default::default()
            })
            .await?;
        let mut digest = Digest {
            user: user.clone(),
            kind,
            start,
            end,
            decisions: Vec::new(),
            my_ideas: Vec::new(),
            supported: Vec::new(),
            new_ideas: Vec::new(),
            other: Vec::new(),
            meeting_changes: Vec::new(),
            upcoming,
        };
        for DigestItem { notification, idea_is_mine, idea_supported_by_my_org } in items {
            let list = match notification.kind {
                NotificationKind::Decision => &mut digest.decisions,
                NotificationKind::Meeting => &mut digest.meeting_changes,
                _ if idea_is_mine => &mut digest.my_ideas,
                _ if idea_supported_by_my_org => &mut digest.supported,
                NotificationKind::Moved if notification.move_kind == Some(MoveKind::Submit) => &mut digest.new_ideas,
                _ => &mut digest.other,
            };
            list.push(notification);
        }
        Ok(digest)
    }

    /// The outbox for operators.
    pub async fn outbox(
        &self,
        actor: &Actor,
        status: Option<OutboxStatus>,
    ) -> DomainResult<(Vec<OutboxMessage>, Vec<(OutboxStatus, i64)>)> {
        actor.require_admin()?;
        Ok((self.store.list_outbox(status, 200).await?, self.store.outbox_counts().await?))
    }

    /// The mail worker takes up to `limit` mails that are due, for this process, for
    /// [`crate::mail::CLAIM_SECONDS`] (another process takes them again if this one dies).
    pub async fn claim_mail(&self, limit: i64) -> DomainResult<Vec<OutboxMessage>> {
        let now = self.now();
        let until = now + SignedDuration::from_secs(crate::mail::CLAIM_SECONDS);
        self.store.claim_outbox(now, until, limit, crate::mail::MAX_ATTEMPTS).await
    }

    /// The mail worker sent a claimed mail.
    pub async fn mail_sent(&self, id: crate::ids::OutboxId, subject: &str) -> DomainResult<()> {
        self.store.outbox_sent(id, subject, self.now()).await
    }

    /// A claimed mail was not sent: tried again after the backoff while attempts remain and the
    /// cause may pass (`retry`), failed for good otherwise.
    pub async fn mail_not_sent(&self, msg: &OutboxMessage, error: &str, retry: bool) -> DomainResult<()> {
        let next = (retry && msg.attempts < crate::mail::MAX_ATTEMPTS)
            .then(|| self.now() + crate::mail::backoff(msg.attempts));
        self.store.outbox_failed(msg.id, error, next).await
    }

    /// Whom a mail goes to: the person, if they still exist.
    pub async fn mail_recipient(&self, user: UserId) -> DomainResult<Option<User>> {
        self.store.get_user(user).await
    }

    /// The notification a mail tells of, with its recipient.
    pub async fn mail_notification(
        &self,
        id: crate::ids::NotificationId,
    ) -> DomainResult<Option<(UserId, Notification)>> {
        self.store.get_notification(id).await
    }

    /// An operator sends a mail again now.
    pub async fn retry_mail(&self, actor: &Actor, id: crate::ids::OutboxId) -> DomainResult<()> {
        actor.require_admin()?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "outbox.retry", "outbox").id(id.0);
        if self.store.retry_outbox(id, self.now(), audit).await? {
            Ok(())
        } else {
            Err(DomainError::Conflict("mail_not_retryable"))
        }
    }
}
