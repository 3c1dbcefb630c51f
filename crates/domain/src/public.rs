//! A public face, when wanted: the pages an administrator can open to visitors who are not
//! signed in (politicians, citizens, the press), and what those visitors may see there.
//!
//! All of it is closed until an administrator opens it. What an open page shows a visitor is
//! what it shows a member, with one rule: no person is named. Where a page would name the
//! person who recorded or presented something, a visitor reads the person's organization
//! instead (a municipality or region is a public body; its employee is not public).

use crate::group::PersonRef;
use crate::meeting::{Decision, Presentation};
use crate::service::Actor;
use serde::{Deserialize, Serialize};

/// The community setting that holds the open pages, as their names separated by commas.
pub const SETTING: &str = "public_pages";

/// A page that can be opened to visitors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublicPage {
    /// The roadmap (`/roadmap`).
    Roadmap,
    /// The decision log and each decision (`/decisions`).
    Decisions,
    /// The influence figures (`/figures`).
    Figures,
    /// The releases and the ideas each carries (`/releases`).
    Releases,
}

impl PublicPage {
    pub const ALL: [PublicPage; 4] =
        [PublicPage::Roadmap, PublicPage::Decisions, PublicPage::Figures, PublicPage::Releases];

    pub fn as_str(self) -> &'static str {
        match self {
            PublicPage::Roadmap => "roadmap",
            PublicPage::Decisions => "decisions",
            PublicPage::Figures => "figures",
            PublicPage::Releases => "releases",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Which pages are open to visitors. The default (and an unreadable setting) opens none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicPages {
    pub roadmap: bool,
    pub decisions: bool,
    pub figures: bool,
    pub releases: bool,
}

impl PublicPages {
    pub fn is_open(&self, page: PublicPage) -> bool {
        match page {
            PublicPage::Roadmap => self.roadmap,
            PublicPage::Decisions => self.decisions,
            PublicPage::Figures => self.figures,
            PublicPage::Releases => self.releases,
        }
    }

    pub fn any(&self) -> bool {
        PublicPage::ALL.into_iter().any(|p| self.is_open(p))
    }

    /// The open pages, in the order the navigation shows them.
    pub fn open(&self) -> Vec<PublicPage> {
        PublicPage::ALL.into_iter().filter(|p| self.is_open(*p)).collect()
    }

    /// From the stored setting; names it does not know are ignored (closed).
    pub fn from_setting(value: Option<&str>) -> Self {
        let mut pages = PublicPages::default();
        for name in value.unwrap_or_default().split(',').map(str::trim) {
            match PublicPage::parse(name) {
                Some(PublicPage::Roadmap) => pages.roadmap = true,
                Some(PublicPage::Decisions) => pages.decisions = true,
                Some(PublicPage::Figures) => pages.figures = true,
                Some(PublicPage::Releases) => pages.releases = true,
                None => {}
            }
        }
        pages
    }

    pub fn to_setting(self) -> String {
        self.open().iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")
    }
}

/// Who reads a page that may be open to the public.
#[derive(Debug, Clone, Copy)]
pub enum Reader<'a> {
    /// A signed-in person: they see what members see.
    Member(&'a Actor),
    /// Someone who is not signed in: they see an open page, with no person named.
    Visitor,
}

impl Reader<'_> {
    pub fn is_visitor(&self) -> bool {
        matches!(self, Reader::Visitor)
    }
}

/// A person as a visitor reads them: their organization, or nothing when they have none.
pub fn as_organization(person: &PersonRef) -> Option<PersonRef> {
    person.org_name.as_ref().map(|org| PersonRef { id: person.id, name: org.clone(), org_name: Some(org.clone()) })
}

/// A decision as a visitor reads it: "recorded by" names the organization.
pub fn decision_for_visitors(mut decision: Decision) -> Decision {
    decision.decided_by = decision.decided_by.as_ref().and_then(as_organization);
    decision
}

/// Where a decision was presented, as a visitor reads it: the erfagruppe that presented it (the
/// row names it), not the coordinator who marked it.
pub fn presentation_for_visitors(mut presentation: Presentation) -> Presentation {
    presentation.presented_by = None;
    presentation
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::UserId;

    #[test]
    fn the_setting_round_trips_and_ignores_what_it_does_not_know() {
        assert_eq!(PublicPages::from_setting(None), PublicPages::default());
        assert!(!PublicPages::from_setting(None).any());
        let pages = PublicPages::from_setting(Some("figures, roadmap,ideas,,admin"));
        assert_eq!(pages, PublicPages { roadmap: true, figures: true, ..Default::default() });
        assert_eq!(pages.to_setting(), "roadmap,figures");
        assert_eq!(pages.open(), vec![PublicPage::Roadmap, PublicPage::Figures]);
        let all = PublicPages { roadmap: true, decisions: true, figures: true, releases: true };
        assert_eq!(PublicPages::from_setting(Some(&all.to_setting())), all);
    }

    #[test]
    fn a_visitor_reads_the_organization_not_the_person() {
        let person =
            PersonRef { id: UserId(7), name: "Mette Frederiksen".into(), org_name: Some("Aarhus Kommune".into()) };
        let shown = as_organization(&person).map(|p| p.name);
        assert_eq!(shown.as_deref(), Some("Aarhus Kommune"));
        let without = PersonRef { org_name: None, ..person };
        assert_eq!(as_organization(&without), None);
    }
}
