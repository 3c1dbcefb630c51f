//! The roadmap: releases kept by the product managers, the customer ideas planned into them and
//! what else they carry, and each release's share of customer ideas.

use super::{Actor, Services};
use crate::audit::AuditEntry;
use crate::error::{DomainError, DomainResult, FieldErrors};
use crate::group::GroupKind;
use crate::idea::{IdeaFilter, IdeaPage, IdeaSort, Release};
use crate::store::ReleaseInput;
use serde::Serialize;
use serde_json::json;

impl Services {
    pub async fn releases(&self) -> DomainResult<Vec<Release>> {
        self.store.list_releases().await
    }

    /// Product managers (and administrators) keep the releases.
    pub async fn may_keep_releases(&self, actor: &Actor) -> DomainResult<bool> {
        Ok(actor.user.is_admin
            || self.store.memberships_of_user(actor.user.id).await?.iter().any(|m| m.group.kind == GroupKind::Product))
    }

    pub async fn save_release(
        &self,
        actor: Option<&Actor>,
        id: Option<crate::ids::ReleaseId>,
        form: &ReleaseForm,
    ) -> DomainResult<Release> {
        if let Some(actor) = actor
            && !self.may_keep_releases(actor).await?
        {
            return Err(DomainError::Forbidden("only_product_manager"));
        }
        let input = form.parse()?;
        let today = super::ideas::today(self);
        if input.released_date.is_some_and(|d| d > today) {
            // Out is out: a date to come is the planned date.
            return Err(DomainError::invalid("released_date", "released_in_future"));
        }
        if let Some(id) = id
            && input.released_date.is_none()
        {
            // Ideas delivered in a release keep it out.
            let delivered = IdeaFilter {
                release: Some(id),
                status: Some(crate::idea::IdeaStatus::Delivered),
                ..Default::default()
            };
            if self.store.list_ideas(&delivered, IdeaSort::Newest, 1, 1).await?.total > 0 {
                return Err(DomainError::invalid("released_date", "release_has_deliveries"));
            }
        }
        let audit = AuditEntry::new(self.now(), actor.map(|a| a.user.id), "release.save", "release")
            .details(json!({ "version": input.version }));
        match id {
            Some(id) => self.store.update_release(id, &input, audit).await,
            None => self.store.insert_release(&input, audit).await,
        }
    }

    /// The roadmap for everyone: releases newest first with their ideas and other items, what is
    /// in development, what is accepted.
    pub async fn roadmap(&self) -> DomainResult<crate::roadmap::Roadmap> {
        let mut releases = self.store.list_releases().await?;
        releases.sort_by_key(|r| std::cmp::Reverse(r.planned_date.or(r.released_date)));
        let ideas = self.store.roadmap_ideas().await?;
        let items = self.store.release_items().await?;
        Ok(crate::roadmap::assemble(releases, ideas, items))
    }

    /// Each release's share of customer ideas (for the influence figures), newest planned first
    /// like the roadmap, without reading the roadmap's ideas.
    pub async fn release_shares(&self) -> DomainResult<Vec<crate::roadmap::ReleaseShare>> {
        let mut releases = self.store.list_releases().await?;
        releases.sort_by_key(|r| std::cmp::Reverse(r.planned_date.or(r.released_date)));
        let counts = self.store.release_counts().await?;
        Ok(releases
            .into_iter()
            .map(|release| {
                let (ideas, items) =
                    counts.iter().find(|(id, _, _)| *id == release.id).map(|(_, a, b)| (*a, *b)).unwrap_or((0, 0));
                crate::roadmap::ReleaseShare { release, customer_ideas: ideas, other_items: items }
            })
            .collect())
    }

    /// Product managers record what a release carries that did not come from customers.
    pub async fn add_release_item(
        &self,
        actor: Option<&Actor>,
        release: crate::ids::ReleaseId,
        form: &crate::roadmap::ReleaseItemForm,
    ) -> DomainResult<i64> {
        if let Some(actor) = actor
            && !self.may_keep_releases(actor).await?
        {
            return Err(DomainError::Forbidden("only_product_manager"));
        }
        self.store.get_release(release).await?.ok_or(DomainError::NotFound("release"))?;
        let (title, source, description) = form.parse()?;
        let audit = AuditEntry::new(self.now(), actor.map(|a| a.user.id), "release.item", "release")
            .id(release.0)
            .details(json!({ "title": title, "source": source.as_str() }));
        self.store
            .insert_release_item(release, (&title, source, &description), actor.map(|a| a.user.id), self.now(), audit)
            .await
    }

    /// A release with the ideas planned into or delivered in it.
    pub async fn release_view(&self, actor: &Actor, id: crate::ids::ReleaseId) -> DomainResult<(Release, IdeaPage)> {
        let release = self.store.get_release(id).await?.ok_or(DomainError::NotFound("release"))?;
        let filter = IdeaFilter { release: Some(id), ..Default::default() };
        let ideas = self.list_ideas(actor, &filter, IdeaSort::MostSupported, 1).await?;
        Ok((release, ideas))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize)]
#[serde(default)]
pub struct ReleaseForm {
    pub version: String,
    pub planned_date: String,
    pub released_date: String,
    pub notes: String,
}

impl ReleaseForm {
    pub fn parse(&self) -> DomainResult<ReleaseInput> {
        let mut errors = FieldErrors::new();
        let version = self.version.trim().to_string();
        if version.is_empty() {
            errors.add("version", "required");
        } else {
            crate::text::check_line(&mut errors, "version", &version, 40);
        }
        let mut date = |field: &'static str, raw: &str| -> Option<jiff::civil::Date> {
            let raw = raw.trim();
            if raw.is_empty() {
                return None;
            }
            match raw.parse() {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.add(field, "date_invalid");
                    None
                }
            }
        };
        let planned_date = date("planned_date", &self.planned_date);
        let released_date = date("released_date", &self.released_date);
        let notes = self.notes.trim().to_string();
        crate::text::check(&mut errors, "notes", &notes, 5000);
        errors.into_result(ReleaseInput { version, planned_date, released_date, notes })
    }
}
