//! Reading the community: my overview, organizations and groups.

use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageResult, render};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use idespor_domain::group::GroupSummary;
use idespor_domain::org::{OrgFilter, OrgKind, Organization};
use idespor_domain::service::{GroupDetail, GroupOverview, OrgDetail, Overview};
use idespor_domain::{GroupId, OrgId};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "overview.html")]
pub struct OverviewPage {
    pub ctx: Ctx,
    pub overview: Overview,
}

pub async fn overview(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "overview");
    let overview = state.svc.overview(&user.actor).await.or_page(&ctx)?;
    Ok(render(&OverviewPage { ctx, overview }))
}

#[derive(Debug, Default, Deserialize)]
pub struct OrgQuery {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub region: String,
}

impl OrgQuery {
    pub fn filter(&self) -> OrgFilter {
        OrgFilter { kind: OrgKind::parse(&self.kind), region_id: self.region.parse().ok().map(OrgId) }
    }
}

#[derive(Template)]
#[template(path = "organizations.html")]
pub struct OrganizationsPage {
    pub ctx: Ctx,
    pub orgs: Vec<Organization>,
    pub regions: Vec<Organization>,
    pub kinds: Vec<&'static str>,
    pub kind: String,
    pub region: String,
}

impl OrganizationsPage {
    fn region_name(&self, id: &OrgId) -> &str {
        self.regions.iter().find(|r| r.id == *id).map(|r| r.name.as_str()).unwrap_or("")
    }
}

pub async fn organizations(State(state): State<AppState>, user: PageUser, Query(q): Query<OrgQuery>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "organizations");
    let orgs = state.svc.list_organizations(&user.actor, &q.filter()).await.or_page(&ctx)?;
    let regions = state.svc.list_regions(&user.actor).await.or_page(&ctx)?;
    Ok(render(&OrganizationsPage {
        ctx,
        orgs,
        regions,
        kinds: OrgKind::ALL.iter().map(|k| k.as_str()).collect(),
        kind: q.kind,
        region: q.region,
    }))
}

#[derive(Template)]
#[template(path = "organization.html")]
pub struct OrganizationPage {
    pub ctx: Ctx,
    pub d: OrgDetail,
}

pub async fn organization(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "organizations");
    let d = state.svc.organization_detail(&user.actor, OrgId(id)).await.or_page(&ctx)?;
    Ok(render(&OrganizationPage { ctx, d }))
}

#[derive(Template)]
#[template(path = "groups.html")]
pub struct GroupsPage {
    pub ctx: Ctx,
    pub groups: Vec<GroupSummary>,
}

pub async fn groups(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = user.viewer.ctx(&state, "groups");
    let groups = state.svc.list_groups(&user.actor).await.or_page(&ctx)?;
    Ok(render(&GroupsPage { ctx, groups }))
}

#[derive(Template)]
#[template(path = "group.html")]
pub struct GroupPage {
    pub ctx: Ctx,
    pub d: GroupOverview,
    /// The ideas the group holds, oldest first.
    pub page: idespor_domain::idea::IdeaPage,
    pub snippets: Vec<String>,
    pub mt: idespor_domain::service::GroupMeetings,
    /// The start of this group's private feed addresses (decisions.atom, meetings.ics).
    pub feed_base: String,
}

pub async fn group(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "groups");
    let d = state.svc.group_overview(&user.actor, GroupId(id)).await.or_page(&ctx)?;
    let page = state.svc.group_queue(&user.actor, GroupId(id), 1).await.or_page(&ctx)?;
    let mt = crate::pages::meetings::group_meetings(&state, &user, &ctx, GroupId(id)).await?;
    let token = state.svc.feed_token(&user.actor).await.or_page(&ctx)?;
    let feed_base = format!("{}/feeds/{}/{token}/groups/{id}", state.config.base_url, user.actor.user.id);
    Ok(render(&GroupPage { ctx, d, page, snippets: Vec::new(), mt, feed_base }))
}

#[derive(Template)]
#[template(path = "group_members.html")]
pub struct GroupMembersPage {
    pub ctx: Ctx,
    pub d: GroupDetail,
}

/// Everyone in a group, coordinators first, each A–Å.
pub async fn group_members(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = user.viewer.ctx(&state, "groups");
    let d = state.svc.group_detail(&user.actor, GroupId(id)).await.or_page(&ctx)?;
    Ok(render(&GroupMembersPage { ctx, d }))
}
