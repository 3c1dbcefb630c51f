//! Properties of the journey as stored, on SQLite: whatever people do, an idea's history only
//! grows (earlier entries never change), and support is counted per organization, never twice.

use crate::common::{Backend, TestApp};
use idespor_domain::idea::{IdeaForm, Move};
use idespor_domain::service::{Actor, Services};
use idespor_domain::{GroupId, IdeaId};
use proptest::prelude::*;
use std::collections::HashSet;

const PEOPLE: [&str; 6] = [
    "maja.winther@idespor.test",   // Varde
    "hanne.bro@idespor.test",      // Varde, tovholder Syd
    "peter.hvid@idespor.test",     // Odense
    "gitte.bonde@idespor.test",    // Esbjerg
    "mette.kragh@idespor.test",    // Aalborg
    "jesper.aagaard@idespor.test", // Aalborg
];

async fn actor(svc: &Services, email: &str) -> Actor {
    Actor::new(svc.person_by_email(email).await.unwrap().unwrap())
}

async fn fresh_idea(app: &TestApp) -> (IdeaId, GroupId) {
    let svc = &app.svc;
    let maja = actor(svc, PEOPLE[0]).await;
    let area = svc.product_areas().await.unwrap()[0].id;
    let form = IdeaForm {
        title: "Egenskab".into(),
        role: "Sygeplejerske".into(),
        situation: "Aften".into(),
        need: "Et behov".into(),
        effect: "Ro".into(),
        product_area_id: area.to_string(),
    };
    let idea = svc.create_idea(&maja, &form).await.unwrap();
    let group = app.store.find_group_by_name("Erfagruppe Syd").await.unwrap().unwrap().id;
    svc.move_idea(&maja, idea.id, idea.version, Move::Submit { group }).await.unwrap();
    (idea.id, group)
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, .. ProptestConfig::default() })]

    /// Supports and withdrawals in any order: the count is always the number of distinct
    /// organizations among the people who support now.
    #[test]
    fn support_is_counted_per_organization(actions in proptest::collection::vec((0..PEOPLE.len(), any::<bool>()), 1..16)) {
        runtime().block_on(async {
            let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
            let (id, _) = fresh_idea(&app).await;
            let mut supporting: HashSet<usize> = HashSet::new();
            for (person, support) in actions {
                let who = actor(&app.svc, PEOPLE[person]).await;
                app.svc.support_idea(&who, id, support).await.unwrap();
                if support { supporting.insert(person); } else { supporting.remove(&person); }
                let orgs: HashSet<_> = futures_orgs(&app, &supporting).await;
                let idea = app.store.get_idea(id).await.unwrap().unwrap();
                assert_eq!(idea.support_count as usize, orgs.len());
                let supporters = app.store.supporters(id).await.unwrap();
                assert_eq!(supporters.len(), orgs.len(), "each organization listed once");
            }
        });
    }

    /// Any sequence of moves by anyone: refused moves change nothing, and the history is only
    /// ever appended to.
    #[test]
    fn history_only_grows(moves in proptest::collection::vec((0..PEOPLE.len(), 0..6usize), 1..12)) {
        runtime().block_on(async {
            let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
            let (id, _) = fresh_idea(&app).await;
            let mut before = app.store.idea_events(id).await.unwrap();
            for (person, kind) in moves {
                let who = actor(&app.svc, PEOPLE[person]).await;
                let idea = app.store.get_idea(id).await.unwrap().unwrap();
                let mv = match kind {
                    0 => Move::Forward,
                    1 => Move::Decline { reason: "Nej".into(), standard: None },
                    2 => Move::Withdraw,
                    3 => Move::SolveByConfiguration { solution: "Opsætning".into() },
                    4 => Move::Prioritize { rank: 1 },
                    _ => Move::SendToProduct,
                };
                let result = app.svc.move_idea(&who, id, idea.version, mv).await;
                let after = app.store.idea_events(id).await.unwrap();
                let now = app.store.get_idea(id).await.unwrap().unwrap();
                match result {
                    Ok(_) => assert_eq!(after.len(), before.len() + 1),
                    Err(_) => {
                        assert_eq!(after.len(), before.len(), "a refused move records nothing");
                        assert_eq!(now.version, idea.version, "and changes nothing");
                    }
                }
                assert_eq!(&after[..before.len()], &before[..], "earlier entries never change");
                before = after;
            }
        });
    }
}

async fn futures_orgs(app: &TestApp, people: &HashSet<usize>) -> HashSet<i64> {
    let mut orgs = HashSet::new();
    for person in people {
        let user = app.store.find_login_candidate(PEOPLE[*person]).await.unwrap().unwrap().user;
        orgs.insert(user.org_id.unwrap().0);
    }
    orgs
}
