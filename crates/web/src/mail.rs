//! E-mail: composing a mail from an outbox row (a notification or a digest, in the reader's
//! language, as plain text and HTML, with a one-click unsubscribe link), and the outbox worker
//! that hands mail to the SMTP server and digests to the outbox on schedule.

use crate::i18n::{FluentArg, format_date, format_datetime, t, t_args};
use crate::notice::{Notice, describe};
use askama::Template;
use idespor_domain::DomainResult;
use idespor_domain::mail::{DigestKind, OutboxKind, OutboxMessage};
use idespor_domain::meeting::Meeting;
use idespor_domain::notify::Notification;
use idespor_domain::service::{Digest, Services, UNSUBSCRIBE_ALL};
use idespor_domain::user::Language;
use jiff::SignedDuration;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// A composed mail, before it becomes a MIME message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub to: String,
    pub to_name: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address (RFC 8058), also linked in the body.
    pub unsubscribe_url: String,
}

/// What the templates get for each line.
pub struct Line {
    pub notice: Notice,
    pub url: String,
    pub at: String,
}

pub struct MeetingLine {
    pub title: String,
    pub group: String,
    pub when: String,
    pub place: String,
    pub url: String,
}

#[derive(Template)]
#[template(path = "mail/notification.txt")]
struct NotificationText<'a> {
    m: &'a MailCtx,
    line: &'a Line,
}

#[derive(Template)]
#[template(path = "mail/notification.html")]
struct NotificationHtml<'a> {
    m: &'a MailCtx,
    line: &'a Line,
}

pub struct Section {
    pub heading: String,
    pub lines: Vec<Line>,
}

#[derive(Template)]
#[template(path = "mail/digest.txt")]
struct DigestText<'a> {
    m: &'a MailCtx,
    intro: &'a str,
    sections: &'a [Section],
    meetings: &'a [MeetingLine],
}

#[derive(Template)]
#[template(path = "mail/digest.html")]
struct DigestHtml<'a> {
    m: &'a MailCtx,
    intro: &'a str,
    sections: &'a [Section],
    meetings: &'a [MeetingLine],
}

#[derive(Template)]
#[template(path = "mail/password_reset.txt")]
struct ResetText<'a> {
    m: &'a MailCtx,
    keys: &'a LinkMailKeys,
    url: &'a str,
    until: &'a str,
}

/// The words of a mail that carries a password link: asked for ("Glemt adgangskode") or an
/// invitation (a person created by an import).
pub struct LinkMailKeys {
    pub subject: &'static str,
    pub intro: &'static str,
    pub link: &'static str,
    pub not_you: &'static str,
}

pub const RESET_MAIL: LinkMailKeys = LinkMailKeys {
    subject: "reset-mail-subject",
    intro: "reset-mail-intro",
    link: "reset-mail-link",
    not_you: "reset-mail-not-you",
};

pub const INVITATION_MAIL: LinkMailKeys = LinkMailKeys {
    subject: "invitation-mail-subject",
    intro: "invitation-mail-intro",
    link: "invitation-mail-link",
    not_you: "invitation-mail-not-you",
};

#[derive(Template)]
#[template(path = "mail/password_reset.html")]
struct ResetHtml<'a> {
    m: &'a MailCtx,
    keys: &'a LinkMailKeys,
    url: &'a str,
    until: &'a str,
}

/// What every mail's frame needs.
pub struct MailCtx {
    pub lang: Language,
    pub name: String,
    pub product: String,
    pub base_url: String,
    pub preferences_url: String,
    pub unsubscribe_url: String,
}

impl MailCtx {
    pub fn t(&self, key: &str) -> String {
        t(self.lang, key)
    }
    pub fn lang_code(&self) -> &'static str {
        self.lang.as_str()
    }
}

fn line(lang: Language, base_url: &str, n: &Notification) -> Line {
    let notice = describe(lang, n);
    Line { url: format!("{base_url}{}", notice.path), at: format_datetime(lang, n.created_at), notice }
}

fn meeting_line(lang: Language, base_url: &str, m: &Meeting) -> MeetingLine {
    MeetingLine {
        title: m.title.clone(),
        group: m.group_name.clone(),
        when: format_datetime(lang, m.starts_at),
        place: if m.place.is_empty() { m.online_url.clone() } else { m.place.clone() },
        url: format!("{base_url}/meetings/{}", m.id),
    }
}

/// Composes the mail an outbox row stands for; `None` when there is nothing (left) to say.
pub async fn compose(svc: &Services, base_url: &str, product: &str, msg: &OutboxMessage) -> DomainResult<Option<Mail>> {
    let Some(user_id) = msg.user_id else { return Ok(None) };
    let Some(user) = svc.mail_recipient(user_id).await? else { return Ok(None) };
    if !user.active {
        return Ok(None);
    }
    let signer = svc.link_signer().await?;
    let ctx_for = |what: &str| MailCtx {
        lang: user.language,
        name: user.name.clone(),
        product: product.to_string(),
        base_url: base_url.to_string(),
        preferences_url: format!("{base_url}/profile#notifications"),
        unsubscribe_url: format!(
            "{base_url}/unsubscribe/{}/{what}/{}",
            user.id,
            signer.unsubscribe_token(user.id, what)
        ),
    };
    match msg.kind {
        OutboxKind::Notification => {
            let Some(id) = msg.notification_id else { return Ok(None) };
            let Some((_, n)) = svc.mail_notification(id).await? else { return Ok(None) };
            let mut mail = compose_notification(&n, &ctx_for(n.kind.as_str()))?;
            mail.to = user.email.clone();
            mail.to_name = user.name.clone();
            Ok(Some(mail))
        }
        OutboxKind::Digest(kind) => {
            let (Some(start), Some(end)) = (msg.period_start, msg.period_end) else { return Ok(None) };
            let digest = svc.digest(&user, kind, start, end).await?;
            if digest.is_empty() {
                return Ok(None);
            }
            Ok(Some(compose_digest(&digest, &ctx_for(UNSUBSCRIBE_ALL))?))
        }
        OutboxKind::PasswordReset | OutboxKind::Invitation => {
            let Some(id) = msg.password_reset_id else { return Ok(None) };
            // A link used or run out meanwhile is not sent.
            let Some((user, path, expires_at)) = svc.password_reset_mail(id).await? else { return Ok(None) };
            let keys = if msg.kind == OutboxKind::Invitation { &INVITATION_MAIL } else { &RESET_MAIL };
            compose_password_link(&user, &format!("{base_url}{path}"), expires_at, product, base_url, keys).map(Some)
        }
    }
}

/// The mail with a password link: asked for (or an invitation), not subscribed to, so it has no
/// unsubscribe link.
pub fn compose_password_link(
    user: &idespor_domain::user::User,
    url: &str,
    expires_at: jiff::Timestamp,
    product: &str,
    base_url: &str,
    keys: &LinkMailKeys,
) -> DomainResult<Mail> {
    let ctx = MailCtx {
        lang: user.language,
        name: user.name.clone(),
        product: product.to_string(),
        base_url: base_url.to_string(),
        preferences_url: String::new(),
        unsubscribe_url: String::new(),
    };
    let until = t_args(
        user.language,
        "reset-mail-until",
        &[("time", FluentArg::from(format_datetime(user.language, expires_at)))],
    );
    Ok(Mail {
        to: user.email.clone(),
        to_name: user.name.clone(),
        subject: format!("{product} · {}", ctx.t(keys.subject)),
        text: ResetText { m: &ctx, keys, url, until: &until }.render().map_err(render_err)?,
        html: ResetHtml { m: &ctx, keys, url, until: &until }.render().map_err(render_err)?,
        unsubscribe_url: String::new(),
    })
}

/// One notification as a mail (to be addressed by the caller).
pub fn compose_notification(n: &Notification, ctx: &MailCtx) -> DomainResult<Mail> {
    let line = line(ctx.lang, &ctx.base_url, n);
    let subject = format!("{} {}", line.notice.text.trim_end_matches(" ·").trim(), line.notice.title);
    let text = NotificationText { m: ctx, line: &line }.render().map_err(render_err)?;
    let html = NotificationHtml { m: ctx, line: &line }.render().map_err(render_err)?;
    Ok(Mail {
        to: String::new(),
        to_name: ctx.name.clone(),
        subject: format!("{} · {subject}", ctx.product),
        text,
        html,
        unsubscribe_url: ctx.unsubscribe_url.clone(),
    })
}

/// The digest mail: sections in a fixed order, each only when it has news.
pub fn compose_digest(digest: &Digest, ctx: &MailCtx) -> DomainResult<Mail> {
    let lang = ctx.lang;
    let lines = |list: &[Notification]| list.iter().map(|n| line(lang, &ctx.base_url, n)).collect::<Vec<_>>();
    let sections: Vec<Section> = [
        ("digest-decisions", &digest.decisions),
        ("digest-my-ideas", &digest.my_ideas),
        ("digest-supported", &digest.supported),
        ("digest-new-ideas", &digest.new_ideas),
        ("digest-other", &digest.other),
        ("digest-meeting-changes", &digest.meeting_changes),
    ]
    .into_iter()
    .filter(|(_, list)| !list.is_empty())
    .map(|(key, list)| Section { heading: t(lang, key), lines: lines(list) })
    .collect();
    let meetings: Vec<MeetingLine> = digest.upcoming.iter().map(|m| meeting_line(lang, &ctx.base_url, m)).collect();
    let period = t_args(
        lang,
        "digest-period",
        &[
            ("from", FluentArg::from(format_date(lang, digest.start))),
            ("to", FluentArg::from(format_date(lang, digest.end - SignedDuration::from_secs(1)))),
        ],
    );
    let subject_key = match digest.kind {
        DigestKind::Daily => "digest-subject-daily",
        DigestKind::Weekly => "digest-subject-weekly",
    };
    let subject =
        format!("{} · {}", ctx.product, t_args(lang, subject_key, &[("period", FluentArg::from(period.clone()))]));
    let text =
        DigestText { m: ctx, intro: &period, sections: &sections, meetings: &meetings }.render().map_err(render_err)?;
    let html =
        DigestHtml { m: ctx, intro: &period, sections: &sections, meetings: &meetings }.render().map_err(render_err)?;
    Ok(Mail {
        to: digest.user.email.clone(),
        to_name: digest.user.name.clone(),
        subject,
        text,
        html,
        unsubscribe_url: ctx.unsubscribe_url.clone(),
    })
}

fn render_err(e: askama::Error) -> idespor_domain::DomainError {
    idespor_domain::DomainError::Internal(format!("mail template: {e}"))
}

/// The MIME message: text and HTML alternatives, with RFC 8058 one-click unsubscribe headers.
pub fn to_message(mail: &Mail, from: &Mailbox) -> Result<Message, String> {
    let to = Mailbox::new(
        Some(crate::encode::header_text(&mail.to_name)),
        mail.to.parse().map_err(|e| format!("address: {e}"))?,
    );
    let mut builder = Message::builder().from(from.clone()).to(to).subject(crate::encode::header_text(&mail.subject));
    // A mail asked for (a password link) has nothing to unsubscribe from.
    if !mail.unsubscribe_url.is_empty() {
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe"),
            format!("<{}>", mail.unsubscribe_url),
        ));
        builder = builder.raw_header(HeaderValue::new(
            HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
            "List-Unsubscribe=One-Click".into(),
        ));
    }
    builder
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(mail.text.clone()))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(mail.html.clone())),
        )
        .map_err(|e| format!("message: {e}"))
}

/// Where and as whom mail is sent.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://host:port` (plain, for a local relay), `smtp://…?tls=required` (STARTTLS) or `smtps://host`.
    pub smtp_url: String,
    pub from: String,
    pub base_url: String,
    pub product: String,
    /// How often the worker looks for due mail and digests.
    pub poll: Duration,
}

/// Runs until the process stops: every `poll`, queues due digests and sends due mail. Several
/// processes may run it against one database: claims keep each mail to one of them.
pub async fn run_worker(svc: Services, settings: MailSettings) {
    let transport = match AsyncSmtpTransport::<Tokio1Executor>::from_url(&settings.smtp_url) {
        Ok(builder) => Some(builder.timeout(Some(Duration::from_secs(20))).build()),
        Err(e) => {
            tracing::error!(error = %e, "the mail server address is not understood; mail stays in the outbox");
            None
        }
    };
    let from: Option<Mailbox> = match settings.from.parse() {
        Ok(from) => Some(from),
        Err(e) => {
            tracing::error!(error = %e, "the sender address is not understood; mail stays in the outbox");
            None
        }
    };
    loop {
        if let Err(e) = svc.enqueue_due_digests().await {
            tracing::warn!(error = %e, "could not queue digests");
        }
        if let (Some(transport), Some(from)) = (&transport, &from)
            && let Err(e) = send_due(&svc, &settings, transport, from).await
        {
            tracing::warn!(error = %e, "could not read the outbox");
        }
        tokio::time::sleep(settings.poll).await;
    }
}

/// How many mails one process hands to the SMTP server at once (the transport pools connections).
const SEND_CONCURRENCY: i64 = 8;

/// Sends what is due now; returns how many were sent. Mails of a claimed batch go out
/// concurrently, each marked sent or failed on its own.
pub async fn send_due(
    svc: &Services,
    settings: &MailSettings,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
) -> DomainResult<usize> {
    let mut sent = 0;
    loop {
        let batch = svc.claim_mail(SEND_CONCURRENCY * 4).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        let mut tasks = tokio::task::JoinSet::new();
        for chunk in batch.chunks(batch.len().div_ceil(SEND_CONCURRENCY as usize).max(1)) {
            let (svc, settings, transport, from) = (svc.clone(), settings.clone(), transport.clone(), from.clone());
            let chunk = chunk.to_vec();
            tasks.spawn(async move {
                let mut sent = 0;
                for msg in chunk {
                    // Each mail in a task of its own: a mail that makes composing or sending
                    // panic fails for good, and the others of its batch go out.
                    let one = {
                        let (svc, settings, transport, from, msg) =
                            (svc.clone(), settings.clone(), transport.clone(), from.clone(), msg.clone());
                        tokio::spawn(async move { send_one(&svc, &settings, &transport, &from, &msg).await })
                    };
                    match one.await {
                        Ok(outcome) => sent += usize::from(outcome?),
                        Err(e) => {
                            tracing::error!(outbox = msg.id.0, error = %e, "sending a mail failed unexpectedly; it is given up");
                            svc.mail_not_sent(&msg, "internal error while composing or sending", false).await?;
                        }
                    }
                }
                Ok::<usize, idespor_domain::DomainError>(sent)
            });
        }
        // Every task finishes (an early return would abort sends in flight); the first error
        // is reported after.
        let mut failure = None;
        while let Some(done) = tasks.join_next().await {
            match done.map_err(|e| idespor_domain::DomainError::Internal(format!("mail task: {e}"))).and_then(|r| r) {
                Ok(n) => sent += n,
                Err(e) => failure = failure.or(Some(e)),
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
    }
}

/// Composes and sends one claimed mail and records the outcome; true when it went out.
async fn send_one(
    svc: &Services,
    settings: &MailSettings,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    from: &Mailbox,
    msg: &OutboxMessage,
) -> DomainResult<bool> {
    let mail = match compose(svc, &settings.base_url, &settings.product, msg).await {
        Ok(Some(mail)) => mail,
        Ok(None) => {
            svc.mail_not_sent(msg, "nothing to send (person or content gone)", false).await?;
            return Ok(false);
        }
        Err(e) => {
            svc.mail_not_sent(msg, &format!("compose: {e}"), true).await?;
            return Ok(false);
        }
    };
    let message = match to_message(&mail, from) {
        Ok(message) => message,
        Err(e) => {
            // A message that cannot be built will not build next time either.
            svc.mail_not_sent(msg, &e, false).await?;
            return Ok(false);
        }
    };
    match transport.send(message).await {
        Ok(_) => {
            svc.mail_sent(msg.id, &mail.subject).await?;
            Ok(true)
        }
        Err(e) => {
            tracing::warn!(outbox = msg.id.0, attempts = msg.attempts, error = %e, "mail not sent; will retry");
            svc.mail_not_sent(msg, &e.to_string(), true).await?;
            Ok(false)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use idespor_domain::idea::{IdeaStatus, MoveKind};
    use idespor_domain::notify::{MeetingChange, NotificationKind};
    use idespor_domain::{DecisionId, IdeaId, MeetingId, UserId};
    use jiff::Timestamp;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn notification(kind: NotificationKind) -> Notification {
        Notification {
            id: idespor_domain::NotificationId(1),
            kind,
            idea_id: None,
            idea_title: None,
            meeting_id: None,
            meeting_title: None,
            meeting_starts_at: None,
            meeting_change: None,
            decision_id: None,
            decision_title: None,
            group_name: None,
            actor_name: Some("Henrik Dam".into()),
            move_kind: None,
            to_status: None,
            created_at: at("2026-11-18T09:00:00Z"),
            read_at: None,
        }
    }

    /// A digest of a fixed week with one item of every section, rendered as the plain-text
    /// mail: the snapshot below is the mail as a reader gets it.
    fn digest() -> Digest {
        let user = idespor_domain::user::User {
            id: UserId(7),
            email: "maja.winther@idespor.test".into(),
            name: "Maja Winther".into(),
            org_id: None,
            org_name: None,
            language: Language::Da,
            is_admin: false,
            is_moderator: false,
            two_factor: false,
            active: true,
            has_password: true,
            created_at: at("2025-01-01T00:00:00Z"),
        };
        let decision = Notification {
            decision_id: Some(DecisionId(3)),
            decision_title: Some("Medicinoverblik prioriteres som nr. 1".into()),
            group_name: Some("Tovholdergruppen".into()),
            ..notification(NotificationKind::Decision)
        };
        let mine = Notification {
            idea_id: Some(IdeaId(12)),
            idea_title: Some("Overblik over dagens medicin".into()),
            move_kind: Some(MoveKind::Prioritize),
            to_status: Some(IdeaStatus::Prioritized),
            ..notification(NotificationKind::Moved)
        };
        let meeting = Notification {
            meeting_id: Some(MeetingId(5)),
            meeting_title: Some("Erfamøde i Syd".into()),
            meeting_starts_at: Some(at("2026-12-03T08:30:00Z")),
            meeting_change: Some(MeetingChange::Planned),
            group_name: Some("Erfagruppe Syd".into()),
            ..notification(NotificationKind::Meeting)
        };
        Digest {
            user,
            kind: DigestKind::Weekly,
            start: at("2026-11-16T06:00:00Z"),
            end: at("2026-11-23T06:00:00Z"),
            decisions: vec![decision],
            my_ideas: vec![mine],
            supported: Vec::new(),
            new_ideas: Vec::new(),
            other: Vec::new(),
            meeting_changes: vec![meeting],
            upcoming: Vec::new(),
        }
    }

    fn ctx() -> MailCtx {
        MailCtx {
            lang: Language::Da,
            name: "Maja Winther".into(),
            product: "KMD Nexus".into(),
            base_url: "https://idespor.example.dk".into(),
            preferences_url: "https://idespor.example.dk/profile#notifications".into(),
            unsubscribe_url: "https://idespor.example.dk/unsubscribe/7/all/abc".into(),
        }
    }

    #[test]
    fn the_weekly_digest_reads_as_expected() {
        let mail = compose_digest(&digest(), &ctx()).unwrap();
        assert_eq!(mail.subject, "KMD Nexus · Ugens overblik fra 16. november 2026 til 23. november 2026.");
        let expected = "Kære Maja Winther

Her er, hvad der er sket fra 16. november 2026 til 23. november 2026.

Beslutninger

* Tovholdergruppen har truffet en beslutning · Medicinoverblik prioriteres som nr. 1
  https://idespor.example.dk/decisions/3

Dine idéer

* Henrik Dam: Prioriteret · Overblik over dagens medicin
  https://idespor.example.dk/ideas/12

Møder

* Erfagruppe Syd: møde 3. december 2026 kl. 09.30 er planlagt · Erfamøde i Syd
  https://idespor.example.dk/meetings/5

-- 
Du får dette overblik, fordi du har valgt at samle nyhederne i et overblik.
Vælg hvad og hvor ofte: https://idespor.example.dk/profile#notifications
Afmeld alle mails: https://idespor.example.dk/unsubscribe/7/all/abc";
        assert_eq!(mail.text.trim_end(), expected);
        // The HTML alternative carries the same links, escaped.
        assert!(mail.html.contains("<a href=\"https://idespor.example.dk/decisions/3\""));
        assert!(mail.html.contains("lang=\"da\""));
    }

    #[test]
    fn a_notification_mail_reads_as_expected() {
        let n = Notification {
            idea_id: Some(IdeaId(12)),
            idea_title: Some("Overblik over dagens medicin".into()),
            move_kind: Some(MoveKind::Decline),
            to_status: Some(IdeaStatus::Declined),
            ..notification(NotificationKind::Moved)
        };
        let mut ctx = ctx();
        ctx.unsubscribe_url = "https://idespor.example.dk/unsubscribe/7/moved/abc".into();
        let mail = compose_notification(&n, &ctx).unwrap();
        assert_eq!(mail.subject, "KMD Nexus · Henrik Dam: Afvist Overblik over dagens medicin");
        let expected = "Kære Maja Winther

Henrik Dam: Afvist · Overblik over dagens medicin
https://idespor.example.dk/ideas/12
18. november 2026 kl. 10.00

-- 
Du får denne mail, fordi du har valgt at høre om den slags med det samme.
Vælg hvad og hvor ofte: https://idespor.example.dk/profile#notifications
Afmeld denne slags mails: https://idespor.example.dk/unsubscribe/7/moved/abc";
        assert_eq!(mail.text.trim_end(), expected);
        assert!(mail.html.contains("<a href=\"https://idespor.example.dk/ideas/12\""));
    }

    #[test]
    fn a_mail_carries_one_click_unsubscribe_headers_and_an_encoded_danish_subject() {
        let mail = compose_digest(&digest(), &ctx()).unwrap();
        let from: Mailbox = "Idéspor <idespor@example.dk>".parse().unwrap();
        let message = to_message(&mail, &from).unwrap();
        let raw = String::from_utf8(message.formatted()).unwrap();
        assert!(raw.contains("List-Unsubscribe: <https://idespor.example.dk/unsubscribe/7/all/abc>"), "{raw}");
        assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));
        // Non-ASCII headers are RFC 2047 encoded words, never raw UTF-8.
        let subject = raw.lines().find(|l| l.starts_with("Subject:")).unwrap();
        assert!(subject.contains("=?utf-8?"), "{subject}");
        assert!(raw.contains("Content-Type: multipart/alternative"));
    }

    #[test]
    fn hostile_names_and_titles_stay_inside_their_headers() {
        let mut mail = compose_digest(&digest(), &ctx()).unwrap();
        let from: Mailbox = "Idéspor <idespor@example.dk>".parse().unwrap();
        for (name, subject) in [
            ("Maja\r\nBcc: alle@example.com", "Idé\r\nX-Injected: 1"),
            ("Maja\rBcc: alle@example.com", "Idé\nX-Injected: 1"),
            ("Maja\u{0}\u{1b}[31m", "Idé\u{85}X-Injected: 1"),
            ("Maja \"Winther\" <evil@example.com>", "Linje 1\r\n\r\nbody"),
        ] {
            mail.to_name = name.into();
            mail.subject = subject.into();
            let raw = String::from_utf8(to_message(&mail, &from).unwrap().formatted()).unwrap();
            let headers = &raw[..raw.find("\r\n\r\n").unwrap()];
            for line in headers.split("\r\n") {
                assert!(!line.starts_with("Bcc") && !line.starts_with("X-Injected"), "{name:?}: {headers}");
                assert!(!line.contains('\r') && !line.contains('\n'), "{name:?}: {headers}");
            }
            let to: Vec<&str> = headers.split("\r\n").filter(|l| l.starts_with("To:")).collect();
            assert_eq!(to.len(), 1, "{headers}");
            assert!(to[0].contains("<maja.winther@idespor.test>"), "one recipient, the real one: {headers}");
        }
    }
}
