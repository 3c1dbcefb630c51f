//! `idespor seed`: a community with many ideas for benchmarks, deterministic from a seed number.
//! Every idea is written and moved through the domain's own use cases (so the data obeys the
//! rules), with a clock set back over two years. The text is recombined from the demo ideas.

use crate::demo_ideas::IDEAS;
use anyhow::anyhow;
use idespor_domain::clock::FixedClock;
use idespor_domain::idea::{IdeaForm, Move};
use idespor_domain::service::{Actor, Services};
use idespor_domain::{GroupId, ReleaseId};
use indicatif::{ProgressBar, ProgressStyle};
use jiff::SignedDuration;
use std::sync::Arc;

/// A small deterministic generator (xorshift64*): the same seed gives the same community.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Adds `count` ideas to the demo community (loading it first if needed).
pub async fn seed(svc: &Services, count: usize, seed: u64) -> anyhow::Result<()> {
    crate::demo::load(svc).await?;
    let e = |e: idespor_domain::DomainError| anyhow!("{e}");
    let store = &svc.store;
    let mut rng = Rng(seed.max(1));
    let users = store.list_users().await.map_err(e)?;
    let mut people: Vec<(Actor, GroupId)> = Vec::new();
    for user in users.iter().filter(|u| u.org_id.is_some()) {
        let actor = Actor::new(user.clone());
        if let Some(group) = svc.submit_groups(&actor).await.map_err(e)?.first() {
            people.push((actor, group.id));
        }
    }
    let coordinators: Vec<(GroupId, Actor)> = {
        let mut out = Vec::new();
        for group in store.groups_of_kind(idespor_domain::group::GroupKind::Erfa).await.map_err(e)? {
            let members = store.group_members(group.id).await.map_err(e)?;
            if let Some(c) = members.iter().find(|m| m.role == idespor_domain::group::GroupRole::Coordinator)
                && let Some(user) = store.get_user(c.user_id).await.map_err(e)?
            {
                out.push((group.id, Actor::new(user)));
            }
        }
        out
    };
    let find = |email: &str| users.iter().find(|u| u.email == email).cloned().map(Actor::new);
    let steering = find("henrik.dam@idespor.test").ok_or_else(|| anyhow!("demo steering member missing"))?;
    let pm = find("lone.kjaergaard@idespor.test").ok_or_else(|| anyhow!("demo product manager missing"))?;
    let areas = svc.product_areas().await.map_err(e)?;
    let releases: Vec<ReleaseId> = store.list_releases().await.map_err(e)?.iter().map(|r| r.id).collect();
    let now = svc.now();
    let clock = FixedClock::at(now);
    let at = Services::new(store.clone(), Arc::new(clock.clone()));
    let bar = ProgressBar::new(count as u64);
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {pos}/{len} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar.set_message("Ideas");
    for n in 0..count {
        let (author, group) = &people[rng.below(people.len())];
        let a = &IDEAS[rng.below(IDEAS.len())];
        let b = &IDEAS[rng.below(IDEAS.len())];
        let form = IdeaForm {
            title: format!("{} ({})", a.title, n + 1),
            role: b.role.into(),
            situation: b.situation.into(),
            need: format!("{} {}", a.need, b.need),
            effect: a.effect.into(),
            product_area_id: areas[rng.below(areas.len())].id.to_string(),
        };
        let start = now - SignedDuration::from_secs(rng.below(730 * 86_400) as i64);
        clock.set(start);
        let idea = at.create_idea(author, &form).await.map_err(e)?;
        // How far along the delivered path it gets, and whether it turns off it.
        let depth = rng.below(9);
        let coordinator = coordinators.iter().find(|(g, _)| g == group).map(|(_, c)| c.clone());
        let release = releases[rng.below(releases.len())];
        let path: Vec<(Actor, Move)> = [
            (author.clone(), Move::Submit { group: *group }),
            (coordinator.clone().unwrap_or_else(|| steering.clone()), Move::Forward),
            (steering.clone(), Move::Prioritize { rank: 1 + rng.below(20) as i32 }),
            (steering.clone(), Move::SendToProduct),
            (pm.clone(), Move::Accept),
            (pm.clone(), Move::Plan { release }),
            (pm.clone(), Move::Start),
            (pm.clone(), Move::Deliver { release }),
        ]
        .into_iter()
        .take(depth)
        .collect();
        let span = (now.as_second() - start.as_second()).max(3600);
        let steps = path.len() as i64 + 1;
        for (i, (actor, mv)) in path.into_iter().enumerate() {
            clock.set(start + SignedDuration::from_secs(span * (i as i64 + 1) / (steps + 1)));
            let current = store.get_idea(idea.id).await.map_err(e)?.ok_or_else(|| anyhow!("seeded idea vanished"))?;
            at.move_idea(&actor, idea.id, current.version, mv).await.map_err(e)?;
            if i == 0 {
                for _ in 0..rng.below(8) {
                    let (supporter, _) = &people[rng.below(people.len())];
                    at.support_idea(supporter, idea.id, true).await.map_err(e)?;
                }
            }
        }
        if depth > 0 && depth < 4 && rng.below(5) == 0 {
            let current = store.get_idea(idea.id).await.map_err(e)?.ok_or_else(|| anyhow!("seeded idea vanished"))?;
            let actor = if depth == 1 { coordinator.unwrap_or_else(|| steering.clone()) } else { steering.clone() };
            at.move_idea(&actor, idea.id, current.version, Move::Decline { reason: "Fortrængt af lovgivning".into() })
                .await
                .map_err(e)?;
        }
        bar.inc(1);
    }
    bar.finish_with_message("Done");
    Ok(())
}
