//! Micro-benchmarks of the idea search and the idea list on SQLite, through the use cases as
//! the pages call them. Before the first benchmark, a database in a temporary directory is
//! seeded once with `idespor seed`'s generator (the demo community, then 5,000 ideas with people,
//! supports, comments and meetings in proportion to the community's sizes); each iteration is one
//! query, run to completion with the runtime's `block_on`.
//!
//! `cargo bench -p idespor --bench search`; `IDESPOR_BENCH_IDEAS=20000` seeds the whole
//! community's 20,000 ideas instead (slower to seed).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use divan::{Bencher, black_box};
use idespor::seed::{Sizes, seed};
use idespor_domain::clock::SystemClock;
use idespor_domain::idea::{IdeaFilter, IdeaSort};
use idespor_domain::service::{Actor, Services};
use std::sync::{Arc, OnceLock};
use std::time::Instant;
use tokio::runtime::Runtime;

const DEFAULT_IDEAS: usize = 5_000;
const VIEWER: &str = "maja.winther@idespor.test";
const QUERIES: [&str; 2] = ["medicin", "medicin dosering"];

struct Fixture {
    rt: Runtime,
    svc: Services,
    /// The storage beneath, for the store's own benchmarks.
    store: Arc<dyn idespor_domain::Store>,
    /// A member of an erfagruppe, as signed in on the idea pages.
    actor: Actor,
    dir: tempfile::TempDir,
}

static FIXTURE: OnceLock<Fixture> = OnceLock::new();

/// The seeded database, made once.
fn fixture() -> &'static Fixture {
    FIXTURE.get_or_init(|| {
        let ideas = std::env::var("IDESPOR_BENCH_IDEAS").ok().and_then(|n| n.parse().ok()).unwrap_or(DEFAULT_IDEAS);
        let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let (svc, store, actor) = rt.block_on(async {
            let db = idespor_storage::connect(&dir.path().join("idespor.db").to_string_lossy()).await.unwrap();
            idespor_storage::migrate(&db).await.unwrap();
            let store: Arc<dyn idespor_domain::Store> = Arc::new(idespor_storage::SqlStore::new(db.clone()));
            let svc = Services::new(store.clone(), Arc::new(SystemClock));
            let started = Instant::now();
            let summary = seed(&db, &svc, Sizes::COMMUNITY.with_ideas(ideas), 1).await.unwrap();
            eprintln!("Seeded {summary} in {:.1} s.", started.elapsed().as_secs_f64());
            let user = svc.person_by_email(VIEWER).await.unwrap().expect("the demo's viewer");
            let actor = Actor::new(user);
            for query in QUERIES {
                let found = svc.search_ideas(&actor, query, 1).await.unwrap();
                eprintln!("{query:?} finds {} ideas (the count stops at 1,000).", found.total);
            }
            (svc, store, actor)
        });
        Fixture { rt, svc, store, actor, dir }
    })
}

fn main() {
    // Seed before divan prints its table, so the seeder's line does not land inside it.
    if !std::env::args().any(|a| a == "--list") {
        fixture();
    }
    divan::main();
    if let Some(fixture) = FIXTURE.get() {
        // Statics are never dropped: remove the database by hand.
        let _ = std::fs::remove_dir_all(fixture.dir.path());
    }
}

/// The search box on the idea list: the query's Danish stems, matched by prefix against the
/// ideas' terms, ranked, the first page of 25 with its total.
#[divan::bench(args = QUERIES, sample_count = 50)]
fn search_ideas(bencher: Bencher, query: &str) {
    let f = fixture();
    let found = f.rt.block_on(f.svc.search_ideas(&f.actor, query, 1)).unwrap();
    assert!(found.total > 0 && !found.ideas.is_empty(), "{query:?} finds nothing");
    bencher.bench_local(|| f.rt.block_on(f.svc.search_ideas(&f.actor, black_box(query), 1)).unwrap());
}

/// The same through the store alone, with the stems already made.
#[divan::bench(args = QUERIES, sample_count = 50)]
fn store_search_ideas(bencher: Bencher, query: &str) {
    let f = fixture();
    let stems = idespor_domain::search::query_terms(query);
    bencher.bench_local(|| {
        f.rt.block_on(f.store.search_idea_ids(black_box(&stems), None, 1, idespor_domain::idea::PAGE_SIZE)).unwrap()
    });
}

/// The idea list with the default filter (every idea the viewer may see, drafts only their
/// own), newest first or most supported first: the first page of 25 with its total.
#[divan::bench(args = [IdeaSort::Newest, IdeaSort::MostSupported], sample_count = 50)]
fn list_ideas(bencher: Bencher, sort: IdeaSort) {
    let f = fixture();
    let filter = IdeaFilter::default();
    let page = f.rt.block_on(f.svc.list_ideas(&f.actor, &filter, sort, 1)).unwrap();
    assert_eq!(page.ideas.len(), 25);
    bencher.bench_local(|| f.rt.block_on(f.svc.list_ideas(&f.actor, black_box(&filter), sort, 1)).unwrap());
}
