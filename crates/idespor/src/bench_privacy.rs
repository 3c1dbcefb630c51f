//! `idespor bench-privacy`: on a seeded database (`idespor seed`), how long the housekeeping
//! job's work takes at community scale: the first retention run (as after an upgrade, with
//! everything that has run out still there) and gathering and packing the copy of their data for
//! the most active person, and a moderator's redaction of one idea. It removes what has run out,
//! marks a copy downloaded and redacts a word: run it on a copy, never on production data.

use idespor_domain::clock::FixedClock;
use idespor_domain::retention::Retention;
use idespor_domain::service::Actor;
use idespor_domain::store::AccountStore;
use idespor_domain::user::Language;
use idespor_domain::{DomainError, UserId};
use jiff::{SignedDuration, Timestamp};
use std::sync::Arc;
use std::time::Instant;

pub async fn run(db: idespor_storage::Db) -> anyhow::Result<()> {
    let e = |e: DomainError| anyhow::anyhow!("{e}");
    // The next whole hour: a run of its own, whatever ran before.
    let now = Timestamp::now() + SignedDuration::from_hours(1);
    let svc = crate::startup::services(db.clone(), Arc::new(FixedClock::at(now)));
    let store = idespor_storage::SqlStore::new(db.clone());

    let started = Instant::now();
    let removed = svc.apply_retention(&Retention::default()).await.map_err(e)?;
    let retention = started.elapsed();
    println!("retention run:             {:.1} ms, removed {removed:?}", retention.as_secs_f64() * 1000.0);
    let started = Instant::now();
    let again = svc.apply_retention(&Retention::default()).await.map_err(e)?;
    println!("the same hour again:       {:.1} ms ({again:?})", started.elapsed().as_secs_f64() * 1000.0);

    // The person with the most ideas and comments.
    let busiest = db
        .texts(
            "SELECT CAST(author_id AS TEXT) FROM (SELECT author_id FROM ideas UNION ALL SELECT author_id FROM comments) a \
             GROUP BY author_id ORDER BY COUNT(*) DESC LIMIT 1",
            &[],
        )
        .await
        .map_err(e)?;
    let id: i64 = busiest.first().ok_or_else(|| anyhow::anyhow!("no ideas: seed the database first"))?.parse()?;
    let user = store.get_user(UserId(id)).await.map_err(e)?.ok_or_else(|| anyhow::anyhow!("no user {id}"))?;
    let actor = Actor::new(user);
    let export = svc.request_export(&actor).await.map_err(e)?;
    let started = Instant::now();
    while svc.build_next_export().await.map_err(e)? {}
    let gathered = started.elapsed();
    let started = Instant::now();
    let data = svc.take_export(&actor, export.id).await.map_err(e)?;
    let taken = started.elapsed();
    let started = Instant::now();
    let archive = idespor_web::data_export::archive(Language::Da, &data).map_err(|e| anyhow::anyhow!(e))?;
    let packed = started.elapsed();
    let records: usize = data.values().filter_map(|v| v.as_array()).map(Vec::len).sum();
    let json: usize = data.values().map(|v| v.to_string().len()).sum();
    println!(
        "copy of the busiest person: {records} records; gathered {:.1} ms, taken {:.1} ms, packed {:.1} ms; \
         JSON {} kB, ZIP {} kB",
        gathered.as_secs_f64() * 1000.0,
        taken.as_secs_f64() * 1000.0,
        packed.as_secs_f64() * 1000.0,
        json / 1024,
        archive.len() / 1024
    );

    // A moderator removes a word from the busiest person's newest idea: the whole transaction,
    // with the scans of the mail subjects and the audit trail for copies.
    let idea = db
        .texts(&format!("SELECT CAST(MAX(id) AS TEXT) FROM ideas WHERE author_id = {id} AND status <> 'draft'"), &[])
        .await
        .map_err(e)?;
    let idea: i64 = idea.first().ok_or_else(|| anyhow::anyhow!("no shared idea of the busiest person"))?.parse()?;
    let need = db.texts(&format!("SELECT need FROM ideas WHERE id = {idea}"), &[]).await.map_err(e)?;
    let word = need
        .first()
        .and_then(|n| n.split_whitespace().find(|w| w.chars().count() >= 5).map(str::to_string))
        .ok_or_else(|| anyhow::anyhow!("idea {idea} has no word to remove"))?;
    let moderator = db.texts("SELECT CAST(MIN(id) AS TEXT) FROM users WHERE is_admin = TRUE", &[]).await.map_err(e)?;
    let moderator: i64 = moderator.first().ok_or_else(|| anyhow::anyhow!("no administrator"))?.parse()?;
    let moderator =
        Actor::new(store.get_user(UserId(moderator)).await.map_err(e)?.ok_or_else(|| anyhow::anyhow!("no moderator"))?);
    let form = idespor_domain::moderation::RedactionForm { passage: word, reason: "Benchmark".into() };
    let started = Instant::now();
    let replaced = svc
        .redact(&moderator, idespor_domain::moderation::Target::Idea(idespor_domain::IdeaId(idea)), &form)
        .await
        .map_err(e)?;
    println!("a redaction of one idea:   {:.1} ms ({replaced} texts)", started.elapsed().as_secs_f64() * 1000.0);
    if let Some(peak) = crate::bench_digest::peak_memory_kb() {
        println!("peak memory (VmHWM):       {} MB", peak / 1024);
    }
    Ok(())
}
