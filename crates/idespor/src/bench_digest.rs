//! `idespor bench-digest`: the weekly digest for a community of thousands of people, measured
//! (not a test). Loads the demo into a fresh database, adds people to the erfagrupper, makes a
//! week of news through the use cases (a tovholdergruppe decision for everyone, meetings, moves
//! and comments), then queues the weekly digests and composes (or, with an SMTP server, sends)
//! every one of them, and reports the times and the peak memory.

use crate::demo;
use anyhow::anyhow;
use idespor_domain::audit::AuditEntry;
use idespor_domain::clock::{Clock, FixedClock};
use idespor_domain::group::{GroupKind, GroupRole};
use idespor_domain::idea::{IdeaStatus, Move};
use idespor_domain::mail::{CLAIM_SECONDS, DigestKind, MAX_ATTEMPTS, OutboxKind, OutboxStatus};
use idespor_domain::meeting::{DecisionForm, MeetingForm};
use idespor_domain::service::{Actor, Services};
use idespor_domain::user::{Language, UserAdminInput};
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;
use std::time::Instant;

pub struct Options {
    pub people: usize,
    /// `smtp://…` to send the digests there; without it they are composed only.
    pub smtp_url: Option<String>,
}

/// Runs the benchmark on `svc`'s (fresh) database and prints the report.
pub async fn run(db: idespor_storage::Db, options: Options) -> anyhow::Result<()> {
    let e = |e: idespor_domain::DomainError| anyhow!("{e}");
    // A fixed week: news on Wednesday 2 December 2026, digests on Monday 7 December at 7.05.
    let clock = FixedClock::at("2026-12-02T09:00:00Z".parse::<Timestamp>()?);
    let storage: Arc<dyn idespor_domain::Store> = Arc::new(idespor_storage::SqlStore::new(db.clone()));
    let svc = Services::new(storage.clone(), Arc::new(clock.clone()));
    let store = &storage;
    let started = Instant::now();
    demo::load(&svc, &db).await?;
    let erfa = store.groups_of_kind(GroupKind::Erfa).await.map_err(e)?;
    let orgs: Vec<Vec<_>> = {
        let mut out = Vec::new();
        for g in &erfa {
            out.push(store.group_organizations(g.id).await.map_err(e)?.into_iter().map(|o| o.id).collect());
        }
        out
    };
    eprintln!("adding {} people to {} erfagrupper …", options.people, erfa.len());
    for n in 0..options.people {
        let group = n % erfa.len();
        let org = orgs[group].get(n / erfa.len() % orgs[group].len().max(1)).copied();
        let input = UserAdminInput {
            name: format!("Bruger {n}"),
            email: format!("bruger{n}@bench.idespor.test"),
            org_id: org,
            language: Language::Da,
            is_admin: false,
            is_moderator: false,
            active: true,
        };
        let audit = AuditEntry::new(clock.now(), None, "user.create", "user");
        let user = store.insert_user(&input, None, None, audit).await.map_err(e)?;
        let audit = AuditEntry::new(clock.now(), None, "group.set_member", "group");
        store.set_group_member(erfa[group].id, user.id, GroupRole::Member, audit).await.map_err(e)?;
    }
    let setup = started.elapsed();

    // A week of news.
    let person = |email: &'static str| async move {
        let c = store.find_login_candidate(email).await.map_err(e)?;
        c.map(|c| Actor::new(c.user)).ok_or_else(|| anyhow!("demo person {email} missing"))
    };
    let henrik = person("henrik.dam@idespor.test").await?;
    let steering = store.groups_of_kind(GroupKind::Steering).await.map_err(e)?[0].id;
    let news = Instant::now();
    let decision = DecisionForm {
        title: "Kundekonferencen 2027 holdes i Middelfart".into(),
        body: "Tovholdergruppen har besluttet sted og dato for kundekonferencen.".into(),
        ..Default::default()
    };
    svc.record_decision(&henrik, steering, &decision).await.map_err(e)?;
    for g in &erfa {
        let keeper = store.group_members(g.id).await.map_err(e)?.into_iter().find(|m| m.role == GroupRole::Coordinator);
        let Some(keeper) = keeper else { continue };
        let keeper = Actor::new(store.get_user(keeper.user_id).await.map_err(e)?.ok_or_else(|| anyhow!("keeper"))?);
        let form = MeetingForm {
            kind: "erfa".into(),
            title: format!("Erfamøde i {}", g.name),
            date: "2026-12-15".into(),
            start_time: "9.30".into(),
            end_time: "12.00".into(),
            ..Default::default()
        };
        svc.plan_meeting(&keeper, g.id, &form).await.map_err(e)?;
        // The erfagruppe forwards what waits, and comments on it.
        for idea in svc.group_queue(&keeper, g.id, 1).await.map_err(e)?.ideas.iter().take(4) {
            if idea.status == IdeaStatus::Submitted {
                svc.move_idea(&keeper, idea.id, idea.version, Move::Forward).await.map_err(e)?;
            }
            svc.add_comment(&keeper, idea.id, "Drøftet på mødet; vi følger op.").await.map_err(e)?;
        }
    }
    let news = news.elapsed();

    clock.set("2026-12-07T06:05:00Z".parse()?);
    let queue = Instant::now();
    let queued = svc.enqueue_due_digests().await.map_err(e)?;
    let queue = queue.elapsed();

    let deliver = Instant::now();
    let mut delivered = 0usize;
    let mut bytes = 0usize;
    match &options.smtp_url {
        Some(url) => {
            let settings = idespor_web::mail::MailSettings {
                smtp_url: url.clone(),
                from: "Idéspor <idespor@bench.idespor.test>".into(),
                base_url: "https://idespor.example.dk".into(),
                product: "KMD Nexus".into(),
                poll: std::time::Duration::from_millis(100),
            };
            let transport = lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)?.build();
            let from = settings.from.parse()?;
            delivered = idespor_web::mail::send_due(&svc, &settings, &transport, &from).await.map_err(e)?;
        }
        None => {
            let now = clock.now();
            loop {
                let batch = store
                    .claim_outbox(now, now + SignedDuration::from_secs(CLAIM_SECONDS), 200, MAX_ATTEMPTS)
                    .await
                    .map_err(e)?;
                if batch.is_empty() {
                    break;
                }
                for msg in batch {
                    if let Some(mail) =
                        idespor_web::mail::compose(&svc, "https://idespor.example.dk", "KMD Nexus", &msg)
                            .await
                            .map_err(e)?
                    {
                        bytes += mail.text.len() + mail.html.len();
                        delivered += 1;
                    }
                    store.outbox_sent(msg.id, "bench", now).await.map_err(e)?;
                }
            }
        }
    }
    let deliver = deliver.elapsed();
    let digests = store
        .list_outbox(Some(OutboxStatus::Sent), 1_000_000)
        .await
        .map_err(e)?
        .iter()
        .filter(|m| m.kind == OutboxKind::Digest(DigestKind::Weekly))
        .count();
    let per = deliver.as_secs_f64() * 1000.0 / delivered.max(1) as f64;
    println!("people in erfagrupper:     {} (+ the demo's 40)", options.people);
    println!("setup (demo + people):     {:.1} s", setup.as_secs_f64());
    println!(
        "a week of news:            {:.2} s (1 steering decision, 5 meetings, moves and comments)",
        news.as_secs_f64()
    );
    println!("weekly digests queued:     {queued} in {:.0} ms", queue.as_secs_f64() * 1000.0);
    println!(
        "digests {}:        {delivered} (all mail {}) in {:.1} s = {per:.2} ms per digest",
        if options.smtp_url.is_some() { "sent by SMTP" } else { "composed   " },
        digests,
        deliver.as_secs_f64()
    );
    if bytes > 0 {
        println!("average digest size:       {} bytes (text + HTML)", bytes / delivered.max(1));
    }
    if let Some(peak) = peak_memory_kb() {
        println!("peak memory (VmHWM):       {} MB", peak / 1024);
    }
    Ok(())
}

pub(crate) fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
