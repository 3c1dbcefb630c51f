//! The roadmap: releases with the ideas planned into and delivered in them, what is in
//! development and what is accepted but not yet planned; each idea with the erfagrupper and
//! municipalities that backed it; and what releases carry that did not come from customers, so
//! that the share from customers is honest.

use crate::error::{DomainResult, FieldErrors};
use crate::idea::{IdeaStatus, Release};
use crate::ids::{IdeaId, ReleaseId};
use serde::{Deserialize, Serialize};

pub const ITEM_TITLE_MAX: usize = 200;
pub const ITEM_DESCRIPTION_MAX: usize = 2000;

/// Where an item that is not a customer idea comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemSource {
    /// Required by law or by public authorities.
    Legislation,
    /// The vendor's own initiative.
    Vendor,
    Other,
}

impl ItemSource {
    pub const ALL: [ItemSource; 3] = [Self::Legislation, Self::Vendor, Self::Other];
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Legislation => "legislation",
            Self::Vendor => "vendor",
            Self::Other => "other",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseItem {
    pub id: i64,
    pub release_id: ReleaseId,
    pub title: String,
    pub source: ItemSource,
    pub description: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ReleaseItemForm {
    pub title: String,
    pub source: String,
    pub description: String,
}

impl ReleaseItemForm {
    pub fn parse(&self) -> DomainResult<(String, ItemSource, String)> {
        let mut errors = FieldErrors::new();
        let title = self.title.trim().to_string();
        if title.is_empty() {
            errors.add("title", "required");
        } else {
            crate::text::check_line(&mut errors, "title", &title, ITEM_TITLE_MAX);
        }
        let source = ItemSource::parse(self.source.trim());
        if source.is_none() {
            errors.add("source", "source_unknown");
        }
        let description = self.description.trim().to_string();
        crate::text::check(&mut errors, "description", &description, ITEM_DESCRIPTION_MAX);
        errors.into_result(()).map(|()| (title, source.unwrap_or(ItemSource::Other), description))
    }
}

/// An idea on the roadmap with those who backed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoadmapIdea {
    pub idea_id: IdeaId,
    pub title: String,
    pub status: IdeaStatus,
    pub release_id: Option<ReleaseId>,
    /// The erfagruppe it came from, then those of the supporting municipalities.
    pub groups: Vec<String>,
    /// The supporting organizations (the author's first).
    pub municipalities: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoadmapRelease {
    pub release: Release,
    pub ideas: Vec<RoadmapIdea>,
    pub items: Vec<ReleaseItem>,
}

impl RoadmapRelease {
    /// The share of the release's content that came from customers' ideas, in whole percent.
    pub fn customer_share(&self) -> Option<u32> {
        customer_share(self.ideas.len() as i64, self.items.len() as i64)
    }
}

/// The share of `customer_ideas` in a release that also carries `other_items`, in whole percent
/// (rounded down); `None` for an empty release.
pub fn customer_share(customer_ideas: i64, other_items: i64) -> Option<u32> {
    let total = customer_ideas + other_items;
    (total > 0).then(|| (customer_ideas * 100 / total) as u32)
}

/// A release's content counted: its customer ideas (accepted, planned, in development or
/// delivered) and the items that did not come from customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseShare {
    pub release: Release,
    pub customer_ideas: i64,
    pub other_items: i64,
}

impl ReleaseShare {
    pub fn customer_share(&self) -> Option<u32> {
        customer_share(self.customer_ideas, self.other_items)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Roadmap {
    /// Releases, newest planned first.
    pub releases: Vec<RoadmapRelease>,
    /// In development but not (yet) in a release.
    pub in_development: Vec<RoadmapIdea>,
    /// Accepted, not planned into a release yet.
    pub accepted: Vec<RoadmapIdea>,
}

/// Sorts the roadmap's ideas into their releases and stages.
pub fn assemble(releases: Vec<Release>, ideas: Vec<RoadmapIdea>, items: Vec<ReleaseItem>) -> Roadmap {
    let mut roadmap = Roadmap {
        releases: releases
            .into_iter()
            .map(|release| RoadmapRelease { release, ideas: Vec::new(), items: Vec::new() })
            .collect(),
        in_development: Vec::new(),
        accepted: Vec::new(),
    };
    // "Under udvikling" is everything being built now, whichever release it is planned for (so
    // its number agrees with the ideas' status); a release lists all its ideas.
    for idea in ideas {
        match idea.status {
            IdeaStatus::InDevelopment => roadmap.in_development.push(idea.clone()),
            IdeaStatus::Accepted if idea.release_id.is_none() => roadmap.accepted.push(idea.clone()),
            _ => {}
        }
        if let Some(rel) = idea.release_id.and_then(|r| roadmap.releases.iter_mut().find(|x| x.release.id == r)) {
            rel.ideas.push(idea);
        }
    }
    for item in items {
        if let Some(rel) = roadmap.releases.iter_mut().find(|x| x.release.id == item.release_id) {
            rel.items.push(item);
        }
    }
    roadmap
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_customer_share_counts_items_that_did_not_come_from_customers() {
        let release = Release {
            id: ReleaseId(1),
            version: "1".into(),
            planned_date: None,
            released_date: None,
            notes: String::new(),
        };
        let idea = |id: i64| RoadmapIdea {
            idea_id: IdeaId(id),
            title: String::new(),
            status: IdeaStatus::Delivered,
            release_id: Some(ReleaseId(1)),
            groups: Vec::new(),
            municipalities: Vec::new(),
        };
        let item = ReleaseItem {
            id: 1,
            release_id: ReleaseId(1),
            title: "Lovkrav".into(),
            source: ItemSource::Legislation,
            description: String::new(),
        };
        let roadmap = assemble(vec![release], vec![idea(1), idea(2), idea(3)], vec![item]);
        assert_eq!(roadmap.releases[0].customer_share(), Some(75));
        let empty = assemble(
            vec![Release {
                id: ReleaseId(2),
                version: "2".into(),
                planned_date: None,
                released_date: None,
                notes: String::new(),
            }],
            vec![],
            vec![],
        );
        assert_eq!(empty.releases[0].customer_share(), None);
    }

    #[test]
    fn what_is_in_development_is_counted_whichever_release_it_is_planned_for() {
        let release = |id: i64| Release {
            id: ReleaseId(id),
            version: id.to_string(),
            planned_date: None,
            released_date: None,
            notes: String::new(),
        };
        let idea = |id: i64, status: IdeaStatus, release: Option<i64>| RoadmapIdea {
            idea_id: IdeaId(id),
            title: String::new(),
            status,
            release_id: release.map(ReleaseId),
            groups: Vec::new(),
            municipalities: Vec::new(),
        };
        let ideas = vec![
            idea(1, IdeaStatus::InDevelopment, Some(1)),
            idea(2, IdeaStatus::InDevelopment, Some(2)),
            idea(3, IdeaStatus::InDevelopment, None),
            idea(4, IdeaStatus::Planned, Some(1)),
            idea(5, IdeaStatus::Accepted, None),
        ];
        let roadmap = assemble(vec![release(1), release(2)], ideas, vec![]);
        let ids = |list: &[RoadmapIdea]| list.iter().map(|i| i.idea_id.0).collect::<Vec<_>>();
        assert_eq!(ids(&roadmap.in_development), vec![1, 2, 3], "all three under development");
        assert_eq!(ids(&roadmap.accepted), vec![5]);
        assert_eq!(ids(&roadmap.releases[0].ideas), vec![1, 4], "a release lists all its ideas");
        assert_eq!(ids(&roadmap.releases[1].ideas), vec![2]);
    }
}
