//! The pages an administrator opens to visitors, and what a visitor reads there: the one place
//! that decides whether someone who is not signed in may read a page, for the pages and the API.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult};
use crate::figures::{Figures, Scope};
use crate::idea::{IdeaFilter, IdeaPage, IdeaSort, Release};
use crate::ids::{DecisionId, ReleaseId};
use crate::meeting::{Decision, DecisionFilter, Presentation};
use crate::public::{self, PublicPage, PublicPages, Reader};
use jiff::civil::Date;

impl Services {
    /// The pages open to visitors (anyone may ask: the sign-in page and the navigation show them).
    pub async fn public_pages(&self) -> DomainResult<PublicPages> {
        Ok(PublicPages::from_setting(self.store.setting(public::SETTING).await?.as_deref()))
    }

    /// An administrator opens or closes pages to visitors.
    pub async fn set_public_pages(&self, actor: &Actor, pages: PublicPages) -> DomainResult<()> {
        actor.require_admin()?;
        let audit = AuditEntry::new(self.now(), Some(actor.user.id), "settings.public_pages", "settings")
            .details(serde_json::json!({ "open": pages.open() }));
        self.store.set_setting(public::SETTING, &pages.to_setting(), actor.user.id, self.now(), audit).await
    }

    /// Whether the reader may read the page: a member always, a visitor only while it is open
    /// (otherwise: sign in first).
    pub async fn may_read(&self, reader: Reader<'_>, page: PublicPage) -> DomainResult<()> {
        match reader {
            Reader::Member(_) => Ok(()),
            Reader::Visitor if self.public_pages().await?.is_open(page) => Ok(()),
            Reader::Visitor => Err(DomainError::Unauthenticated),
        }
    }

    /// The roadmap, for a member or (when open) a visitor. It names groups and organizations
    /// only.
    pub async fn roadmap_for(&self, reader: Reader<'_>) -> DomainResult<crate::roadmap::Roadmap> {
        self.may_read(reader, PublicPage::Roadmap).await?;
        self.roadmap().await
    }

    /// The decision log.
    pub async fn decisions_for(&self, reader: Reader<'_>, filter: &DecisionFilter) -> DomainResult<Vec<Decision>> {
        self.may_read(reader, PublicPage::Decisions).await?;
        let decisions = self.decisions(filter).await?;
        Ok(match reader {
            Reader::Member(_) => decisions,
            Reader::Visitor => decisions.into_iter().map(public::decision_for_visitors).collect(),
        })
    }

    /// One decision and where it has been presented.
    pub async fn decision_for(
        &self,
        reader: Reader<'_>,
        id: DecisionId,
    ) -> DomainResult<(Decision, Vec<Presentation>)> {
        self.may_read(reader, PublicPage::Decisions).await?;
        let (decision, presentations) = self.decision(id).await?;
        Ok(match reader {
            Reader::Member(_) => (decision, presentations),
            Reader::Visitor => (
                public::decision_for_visitors(decision),
                presentations.into_iter().map(public::presentation_for_visitors).collect(),
            ),
        })
    }

    /// The influence figures of a scope and period. Figures name ideas, groups and
    /// organizations, never people.
    pub async fn figures_for(&self, reader: Reader<'_>, scope: Scope, from: Date, to: Date) -> DomainResult<Figures> {
        self.may_read(reader, PublicPage::Figures).await?;
        self.figures_counted(scope, from, to).await
    }

    /// The releases.
    pub async fn releases_for(&self, reader: Reader<'_>) -> DomainResult<Vec<Release>> {
        self.may_read(reader, PublicPage::Releases).await?;
        self.releases().await
    }

    /// A release and the customer ideas it carries (only submitted ideas are ever planned, so a
    /// visitor sees the same list; the page shows them without their authors).
    pub async fn release_for(&self, reader: Reader<'_>, id: ReleaseId) -> DomainResult<(Release, IdeaPage)> {
        self.may_read(reader, PublicPage::Releases).await?;
        match reader {
            Reader::Member(actor) => self.release_view(actor, id).await,
            Reader::Visitor => {
                let release = self.store.get_release(id).await?.ok_or(DomainError::NotFound("release"))?;
                let filter = IdeaFilter { release: Some(id), ..Default::default() };
                let mut page =
                    self.store.list_ideas(&filter, IdeaSort::MostSupported, 1, crate::idea::PAGE_SIZE).await?;
                for idea in &mut page.ideas {
                    // Nothing personal: the organization stands where the author's name was.
                    idea.author_name = idea.author_org_name.clone().unwrap_or_default();
                }
                Ok((release, page))
            }
        }
    }

    /// The groups the decision log can be filtered by.
    pub async fn decision_groups(&self, reader: Reader<'_>) -> DomainResult<Vec<crate::group::Group>> {
        self.may_read(reader, PublicPage::Decisions).await?;
        self.groups_in_order().await
    }

    /// The scopes the figures can be shown for: the community and each erfagruppe.
    pub async fn figure_scopes_for(&self, reader: Reader<'_>) -> DomainResult<Vec<(Scope, String)>> {
        self.may_read(reader, PublicPage::Figures).await?;
        self.scopes_of_figures().await
    }

    /// The organization typed on the figures page (a municipality's figures are public when the
    /// figures are).
    pub async fn figures_organization(
        &self,
        reader: Reader<'_>,
        text: &str,
    ) -> DomainResult<Option<crate::org::OrgChoice>> {
        self.may_read(reader, PublicPage::Figures).await?;
        self.organization_as_typed(text).await
    }

    /// Each release's share of customer ideas, as the figures page shows it.
    pub async fn release_shares_for(&self, reader: Reader<'_>) -> DomainResult<Vec<crate::roadmap::ReleaseShare>> {
        self.may_read(reader, PublicPage::Figures).await?;
        self.release_shares().await
    }
}
