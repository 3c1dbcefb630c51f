//! Administration: organizations, groups and their membership, people and invitations.
//! Every handler calls a use case that checks the administrator right itself.

use super::NoticeQuery;
use crate::ctx::{Ctx, PageUser};
use crate::error::{OrPage, PageError, PageResult, render, render_with};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect};
use idespor_domain::audit::AuditRecord;
use idespor_domain::group::{GroupForm, GroupKind, GroupMember, GroupRole, GroupSummary};
use idespor_domain::org::{OrgFilter, OrgKind, Organization, OrganizationForm};
use idespor_domain::service::{Actor, GroupDetail};
use idespor_domain::user::{User, UserAdminForm};
use idespor_domain::{DomainError, FieldErrors, GroupId, OrgId, UserId};
use serde::Deserialize;

pub(crate) fn admin_ctx(state: &AppState, user: &PageUser) -> Result<Ctx, PageError> {
    let ctx = user.viewer.ctx(state, "admin");
    user.actor.require_admin().or_page(&ctx)?;
    Ok(ctx)
}

fn org_kinds() -> Vec<&'static str> {
    OrgKind::ALL.iter().map(|k| k.as_str()).collect()
}

#[derive(Template)]
#[template(path = "admin/index.html")]
pub struct AdminIndexPage {
    pub ctx: Ctx,
    pub audit: Vec<AuditRecord>,
    /// What the idea's journey lacks, until it is fixed.
    pub warnings: Vec<idespor_domain::group::SetupWarning>,
    /// The OpenID providers, of the configuration file and of the administration.
    pub providers: Vec<ProviderRow>,
    /// The pages open to visitors who are not signed in.
    pub public_pages: idespor_domain::public::PublicPages,
    pub notice: String,
}

/// One OpenID provider as the administration lists it.
pub struct ProviderRow {
    pub name: String,
    pub id: String,
    pub issuer: String,
    pub cvr_claim: String,
    /// How many tenants it trusts.
    pub tenants: usize,
    /// The redirect URI to register at the provider.
    pub redirect: String,
    /// From the configuration file (changed there), not kept in the administration.
    pub in_file: bool,
}

impl AdminIndexPage {
    /// A warning in words, with where to fix it.
    fn warning(&self, w: &idespor_domain::group::SetupWarning) -> (String, String) {
        use idespor_domain::group::SetupWarning;
        match w {
            SetupWarning::NoCoordinator { group, name } => {
                (self.ctx.t1("setup-no_coordinator", "group", name.as_str()), format!("/admin/groups/{group}"))
            }
            other => (self.ctx.t(&format!("setup-{}", other.code())), "/admin/groups".into()),
        }
    }
}

pub async fn index(State(state): State<AppState>, user: PageUser, Query(q): Query<NoticeQuery>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let public_pages = state.svc.public_pages().await.or_page(&ctx)?;
    let notice = q.text(&ctx);
    let audit = state.svc.audit_log(&user.actor, 50).await.or_page(&ctx)?;
    let warnings = state.svc.setup_warnings(&user.actor).await.or_page(&ctx)?;
    let configured = state.config.sso.configured_ids();
    let providers = state
        .config
        .sso
        .all(&state.svc)
        .await
        .or_page(&ctx)?
        .iter()
        .map(|p| ProviderRow {
            redirect: crate::pages::sso::callback_url(&state, &p.id),
            in_file: configured.contains(&p.id),
            name: p.name.clone(),
            id: p.id.clone(),
            issuer: p.issuer.clone(),
            cvr_claim: p.cvr_claim.clone(),
            tenants: p.tenants.len(),
        })
        .collect();
    Ok(render(&AdminIndexPage { ctx, audit, warnings, providers, public_pages, notice }))
}

/// The administration's form for the public pages: a checkbox per page, ticked to open it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublicPagesForm {
    pub roadmap: Option<String>,
    pub decisions: Option<String>,
    pub figures: Option<String>,
    pub releases: Option<String>,
}

/// An administrator opens pages to visitors (or closes them).
pub async fn set_public_pages(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<PublicPagesForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let pages = idespor_domain::public::PublicPages {
        roadmap: form.roadmap.is_some(),
        decisions: form.decisions.is_some(),
        figures: form.figures.is_some(),
        releases: form.releases.is_some(),
    };
    state.svc.set_public_pages(&user.actor, pages).await.or_page(&ctx)?;
    Ok(Redirect::to("/admin?notice=saved").into_response())
}

// Personal data

#[derive(Template)]
#[template(path = "admin/privacy.html")]
pub struct AdminPrivacyPage {
    pub ctx: Ctx,
    pub data: Vec<super::privacy::PersonalData>,
    pub runs: Vec<idespor_domain::retention::RetentionRun>,
    pub form: idespor_domain::privacy::PrivacyPolicy,
    pub errors: FieldErrors,
    pub notice: String,
}

impl AdminPrivacyPage {
    async fn build(state: &AppState, user: &PageUser, ctx: Ctx) -> Result<Self, PageError> {
        let runs = state.svc.retention_runs(&user.actor, 24).await.or_page(&ctx)?;
        let form = state.svc.privacy_policy().await.or_page(&ctx)?;
        let data = super::privacy::personal_data(&state.config.retention);
        Ok(Self { ctx, data, runs, form, errors: FieldErrors::new(), notice: String::new() })
    }
}

pub async fn privacy(State(state): State<AppState>, user: PageUser, Query(q): Query<NoticeQuery>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let mut page = AdminPrivacyPage::build(&state, &user, ctx).await?;
    page.notice = q.text(&page.ctx);
    Ok(render(&page))
}

pub async fn save_privacy(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<idespor_domain::privacy::PrivacyPolicy>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.set_privacy_policy(&user.actor, &form).await {
        Ok(_) => Ok(Redirect::to("/admin/privacy?notice=saved").into_response()),
        Err(DomainError::Invalid(errors)) => {
            let mut page = AdminPrivacyPage::build(&state, &user, ctx).await?;
            page.form = form;
            page.errors = errors;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

// Organizations

#[derive(Template)]
#[template(path = "admin/organizations.html")]
pub struct AdminOrgsPage {
    pub ctx: Ctx,
    pub orgs: Vec<Organization>,
    pub regions: Vec<Organization>,
    pub kinds: Vec<&'static str>,
    pub form: OrganizationForm,
    pub errors: FieldErrors,
    pub action: String,
    pub submit: String,
    pub notice: String,
}

async fn orgs_page(
    state: &AppState,
    actor: &Actor,
    ctx: Ctx,
    form: OrganizationForm,
    errors: FieldErrors,
) -> Result<AdminOrgsPage, PageError> {
    let orgs = state.svc.list_organizations(actor, &OrgFilter::default()).await.or_page(&ctx)?;
    let regions = state.svc.list_regions(actor).await.or_page(&ctx)?;
    let submit = ctx.t("admin-org-create");
    Ok(AdminOrgsPage {
        ctx,
        orgs,
        regions,
        kinds: org_kinds(),
        form,
        errors,
        action: "/admin/organizations".into(),
        submit,
        notice: String::new(),
    })
}

pub async fn organizations(State(state): State<AppState>, user: PageUser, Query(q): Query<NoticeQuery>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let form = OrganizationForm { kind: "municipality".into(), ..Default::default() };
    let mut page = orgs_page(&state, &user.actor, ctx, form, FieldErrors::new()).await?;
    page.notice = q.text(&page.ctx);
    Ok(render(&page))
}

pub async fn create_organization(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<OrganizationForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.create_organization(&user.actor, &form).await {
        Ok(org) => Ok(Redirect::to(&format!("/admin/organizations/{}?notice=created", org.id)).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let page = orgs_page(&state, &user.actor, ctx, form, errors).await?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "admin/organization.html")]
pub struct AdminOrgPage {
    pub ctx: Ctx,
    pub title: String,
    pub regions: Vec<Organization>,
    pub kinds: Vec<&'static str>,
    pub form: OrganizationForm,
    pub errors: FieldErrors,
    pub action: String,
    pub submit: String,
    pub notice: String,
    /// Whether the organization requires single sign-on (None on the new-organization page).
    pub sso_required: Option<bool>,
    /// Whether any OpenID provider is configured (else the requirement cannot be set).
    pub sso_available: bool,
}

async fn org_page(
    state: &AppState,
    user: &PageUser,
    ctx: Ctx,
    id: i64,
    form: Option<OrganizationForm>,
    errors: FieldErrors,
) -> Result<AdminOrgPage, PageError> {
    let detail = state.svc.organization_detail(&user.actor, OrgId(id)).await.or_page(&ctx)?;
    let regions = state.svc.list_regions(&user.actor).await.or_page(&ctx)?;
    let submit = ctx.t("form-save");
    let sso_available = !state.config.sso.all(&state.svc).await.or_page(&ctx)?.is_empty();
    Ok(AdminOrgPage {
        title: detail.organization.name.clone(),
        form: form.unwrap_or_else(|| OrganizationForm::from_org(&detail.organization)),
        ctx,
        regions,
        kinds: org_kinds(),
        errors,
        action: format!("/admin/organizations/{id}"),
        submit,
        notice: String::new(),
        sso_required: Some(detail.organization.sso_required),
        sso_available,
    })
}

pub async fn organization(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let mut page = org_page(&state, &user, ctx, id, None, FieldErrors::new()).await?;
    page.notice = q.text(&page.ctx);
    Ok(render(&page))
}

pub async fn update_organization(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<OrganizationForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.update_organization(&user.actor, OrgId(id), &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/organizations/{id}?notice=saved")).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let page = org_page(&state, &user, ctx, id, Some(form), errors).await?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SsoRequirementForm {
    pub required: String,
}

/// An administrator requires (or no longer requires) single sign-on for an organization.
pub async fn set_organization_sso(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<SsoRequirementForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let required = matches!(form.required.as_str(), "on" | "true");
    state.svc.set_sso_required(&user.actor, OrgId(id), required).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/admin/organizations/{id}?notice=saved")).into_response())
}

// Groups

fn group_kinds() -> Vec<&'static str> {
    GroupKind::ALL.iter().map(|k| k.as_str()).collect()
}

#[derive(Template)]
#[template(path = "admin/groups.html")]
pub struct AdminGroupsPage {
    pub ctx: Ctx,
    pub groups: Vec<GroupSummary>,
    pub regions: Vec<Organization>,
    pub kinds: Vec<&'static str>,
    pub form: GroupForm,
    pub errors: FieldErrors,
    pub action: String,
    pub submit: String,
}

async fn groups_page(
    state: &AppState,
    actor: &Actor,
    ctx: Ctx,
    form: GroupForm,
    errors: FieldErrors,
) -> Result<AdminGroupsPage, PageError> {
    let groups = state.svc.list_groups(actor).await.or_page(&ctx)?;
    let regions = state.svc.list_regions(actor).await.or_page(&ctx)?;
    let submit = ctx.t("admin-group-create");
    Ok(AdminGroupsPage {
        ctx,
        groups,
        regions,
        kinds: group_kinds(),
        form,
        errors,
        action: "/admin/groups".into(),
        submit,
    })
}

pub async fn groups(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let form = GroupForm { kind: "erfa".into(), ..Default::default() };
    Ok(render(&groups_page(&state, &user.actor, ctx, form, FieldErrors::new()).await?))
}

pub async fn create_group(State(state): State<AppState>, user: PageUser, Form(form): Form<GroupForm>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.create_group(&user.actor, &form).await {
        Ok(group) => Ok(Redirect::to(&format!("/admin/groups/{}?notice=created", group.id)).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let page = groups_page(&state, &user.actor, ctx, form, errors).await?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "admin/group.html")]
pub struct AdminGroupPage {
    pub ctx: Ctx,
    pub d: GroupDetail,
    pub people: Vec<GroupMember>,
    pub users: Vec<User>,
    pub all_orgs: Vec<Organization>,
    pub regions: Vec<Organization>,
    pub kinds: Vec<&'static str>,
    pub roles: Vec<&'static str>,
    pub form: GroupForm,
    pub errors: FieldErrors,
    pub action: String,
    pub submit: String,
    pub notice: String,
}

async fn group_page(
    state: &AppState,
    user: &PageUser,
    ctx: Ctx,
    id: i64,
    form: Option<GroupForm>,
    errors: FieldErrors,
) -> Result<AdminGroupPage, PageError> {
    let d = state.svc.group_detail(&user.actor, GroupId(id)).await.or_page(&ctx)?;
    let users = state.svc.list_users(&user.actor).await.or_page(&ctx)?;
    let all_orgs = state.svc.list_organizations(&user.actor, &OrgFilter::default()).await.or_page(&ctx)?;
    let regions = state.svc.list_regions(&user.actor).await.or_page(&ctx)?;
    let people: Vec<GroupMember> = d.coordinators.iter().chain(d.members.iter()).cloned().collect();
    let submit = ctx.t("form-save");
    Ok(AdminGroupPage {
        form: form.unwrap_or_else(|| GroupForm::from_group(&d.group)),
        d,
        people,
        users: users.into_iter().filter(|u| u.active).collect(),
        all_orgs,
        regions,
        kinds: group_kinds(),
        roles: GroupRole::ALL.iter().map(|r| r.as_str()).collect(),
        errors,
        action: format!("/admin/groups/{id}"),
        submit,
        notice: String::new(),
        ctx,
    })
}

pub async fn group(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let mut page = group_page(&state, &user, ctx, id, None, FieldErrors::new()).await?;
    page.notice = q.text(&page.ctx);
    Ok(render(&page))
}

pub async fn update_group(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<GroupForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.update_group(&user.actor, GroupId(id), &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/groups/{id}?notice=saved")).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let page = group_page(&state, &user, ctx, id, Some(form), errors).await?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct MemberForm {
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub role: String,
}

pub async fn set_member(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<MemberForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let user_id =
        form.user_id.parse::<i64>().map_err(|_| DomainError::invalid("user_id", "user_unknown")).or_page(&ctx)?;
    let role = GroupRole::parse(&form.role).ok_or(DomainError::invalid("role", "role_unknown")).or_page(&ctx)?;
    state.svc.set_group_member(&user.actor, GroupId(id), UserId(user_id), role).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/admin/groups/{id}?notice=member_saved")).into_response())
}

pub async fn remove_member(
    State(state): State<AppState>,
    user: PageUser,
    Path((id, user_id)): Path<(i64, i64)>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    state.svc.remove_group_member(&user.actor, GroupId(id), UserId(user_id)).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/admin/groups/{id}?notice=member_removed")).into_response())
}

#[derive(Debug, Default, Deserialize)]
pub struct GroupOrgForm {
    #[serde(default)]
    pub org_id: String,
}

pub async fn add_organization(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<GroupOrgForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let org_id =
        form.org_id.parse::<i64>().map_err(|_| DomainError::invalid("org_id", "organization_unknown")).or_page(&ctx)?;
    state.svc.add_group_organization(&user.actor, GroupId(id), OrgId(org_id)).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/admin/groups/{id}?notice=organization_added")).into_response())
}

pub async fn remove_organization(
    State(state): State<AppState>,
    user: PageUser,
    Path((id, org_id)): Path<(i64, i64)>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    state.svc.remove_group_organization(&user.actor, GroupId(id), OrgId(org_id)).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/admin/groups/{id}?notice=organization_removed")).into_response())
}

// People

#[derive(Template)]
#[template(path = "admin/users.html")]
pub struct AdminUsersPage {
    pub ctx: Ctx,
    pub users: Vec<User>,
    pub orgs: Vec<Organization>,
    pub form: UserAdminForm,
    pub errors: FieldErrors,
    pub action: String,
    pub submit: String,
    pub show_active: bool,
    pub invitation_link: String,
    /// The community requires two-step sign-in of administrators.
    pub two_factor_required: bool,
}

async fn users_page(
    state: &AppState,
    actor: &Actor,
    ctx: Ctx,
    form: UserAdminForm,
    errors: FieldErrors,
) -> Result<AdminUsersPage, PageError> {
    let users = state.svc.list_users(actor).await.or_page(&ctx)?;
    let orgs = state.svc.list_organizations(actor, &OrgFilter::default()).await.or_page(&ctx)?;
    let submit = ctx.t("admin-user-invite-submit");
    let two_factor_required = state.svc.two_factor_requirement(actor).await.or_page(&ctx)?;
    Ok(AdminUsersPage {
        two_factor_required,
        ctx,
        users,
        orgs,
        form,
        errors,
        action: "/admin/users".into(),
        submit,
        show_active: false,
        invitation_link: String::new(),
    })
}

pub async fn users(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let form = UserAdminForm { language: "da".into(), ..Default::default() };
    Ok(render(&users_page(&state, &user.actor, ctx, form, FieldErrors::new()).await?))
}

/// The link an invited person opens; until mail exists it is shown to the administrator.
fn invitation_link(secret: &str) -> String {
    format!("/invitation/{secret}")
}

pub async fn invite_user(State(state): State<AppState>, user: PageUser, Form(form): Form<UserAdminForm>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.invite_user(&user.actor, &form).await {
        Ok(invitation) => {
            let blank = UserAdminForm { language: "da".into(), ..Default::default() };
            let mut page = users_page(&state, &user.actor, ctx, blank, FieldErrors::new()).await?;
            page.invitation_link = invitation_link(&invitation.secret);
            Ok(render_with(StatusCode::CREATED, &page))
        }
        Err(DomainError::Invalid(errors)) => {
            let page = users_page(&state, &user.actor, ctx, form, errors).await?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

#[derive(Template)]
#[template(path = "admin/user.html")]
pub struct AdminUserPage {
    pub ctx: Ctx,
    pub title: String,
    pub user_id: i64,
    pub orgs: Vec<Organization>,
    pub form: UserAdminForm,
    pub errors: FieldErrors,
    pub action: String,
    pub submit: String,
    pub show_active: bool,
    pub notice: String,
    pub invitation_link: String,
}

async fn user_page(
    state: &AppState,
    actor: &Actor,
    ctx: Ctx,
    id: i64,
    form: Option<UserAdminForm>,
    errors: FieldErrors,
) -> Result<AdminUserPage, PageError> {
    let person = state.svc.get_user(actor, UserId(id)).await.or_page(&ctx)?;
    let orgs = state.svc.list_organizations(actor, &OrgFilter::default()).await.or_page(&ctx)?;
    let submit = ctx.t("form-save");
    Ok(AdminUserPage {
        title: person.name.clone(),
        user_id: id,
        form: form.unwrap_or_else(|| UserAdminForm::from_user(&person)),
        ctx,
        orgs,
        errors,
        action: format!("/admin/users/{id}"),
        submit,
        show_active: true,
        notice: String::new(),
        invitation_link: String::new(),
    })
}

pub async fn user(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let mut page = user_page(&state, &user.actor, ctx, id, None, FieldErrors::new()).await?;
    page.notice = q.text(&page.ctx);
    Ok(render(&page))
}

pub async fn update_user(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<UserAdminForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.update_user(&user.actor, UserId(id), &form).await {
        Ok(_) => Ok(Redirect::to(&format!("/admin/users/{id}?notice=saved")).into_response()),
        Err(DomainError::Invalid(errors)) => {
            let page = user_page(&state, &user.actor, ctx, id, Some(form), errors).await?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

pub async fn reinvite_user(State(state): State<AppState>, user: PageUser, Path(id): Path<i64>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let invitation = state.svc.reinvite_user(&user.actor, UserId(id)).await.or_page(&ctx)?;
    let mut page = user_page(&state, &user.actor, ctx, id, None, FieldErrors::new()).await?;
    page.invitation_link = invitation_link(&invitation.secret);
    Ok(render(&page))
}

#[derive(Debug, Default, Deserialize)]
pub struct EraseConfirm {
    #[serde(default)]
    pub confirm: String,
}

/// An administrator erases a person, having ticked that they mean it.
pub async fn erase_user(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<i64>,
    Form(form): Form<EraseConfirm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    if form.confirm != "yes" {
        let page = user_page(&state, &user.actor, ctx, id, None, FieldErrors::single("confirm", "required")).await?;
        return Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &page));
    }
    state.svc.erase_person(&user.actor, UserId(id)).await.or_page(&ctx)?;
    Ok(Redirect::to(&format!("/admin/users/{id}?notice=person_erased")).into_response())
}

// Product areas

#[derive(Template)]
#[template(path = "admin/product_areas.html")]
pub struct ProductAreasPage {
    pub ctx: Ctx,
    pub areas: Vec<idespor_domain::idea::ProductArea>,
    pub name: String,
    pub errors: FieldErrors,
}

pub async fn product_areas(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let areas = state.svc.product_areas().await.or_page(&ctx)?;
    Ok(render(&ProductAreasPage { ctx, areas, name: String::new(), errors: FieldErrors::new() }))
}

#[derive(Debug, Default, Deserialize)]
pub struct ProductAreaForm {
    #[serde(default)]
    pub name: String,
}

pub async fn create_product_area(
    State(state): State<AppState>,
    user: PageUser,
    Form(form): Form<ProductAreaForm>,
) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    match state.svc.create_product_area(Some(&user.actor), &form.name).await {
        Ok(_) => Ok(Redirect::to("/admin/product-areas").into_response()),
        Err(DomainError::Invalid(errors)) => {
            let areas = state.svc.product_areas().await.or_page(&ctx)?;
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &ProductAreasPage { ctx, areas, name: form.name, errors }))
        }
        Err(error) => Err(PageError::new(error, ctx)),
    }
}

// Single sign-on providers kept in the administration

#[derive(Template)]
#[template(path = "admin/sso_provider.html")]
pub struct AdminSsoProviderPage {
    pub ctx: Ctx,
    pub form: idespor_domain::sso::ProviderForm,
    pub errors: FieldErrors,
    /// `None` while adding one; the provider's id while changing it.
    pub editing: Option<String>,
    /// The redirect URI to register at the provider (when its id is known).
    pub redirect: String,
}

/// The form as the browser sends it (a ticked checkbox sends "on").
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SsoProviderFormInput {
    pub provider_id: String,
    pub name: String,
    pub issuer: String,
    pub discovery_url: String,
    pub client_id: String,
    pub client_secret: String,
    pub scopes: String,
    pub cvr_claim: String,
    pub tenants: String,
    pub trust_email: Option<String>,
}

impl SsoProviderFormInput {
    fn form(self, id: Option<&str>) -> idespor_domain::sso::ProviderForm {
        idespor_domain::sso::ProviderForm {
            // A provider's id is fixed once it is kept (its people's links name it).
            provider_id: id.map(str::to_string).unwrap_or(self.provider_id),
            name: self.name,
            issuer: self.issuer,
            discovery_url: self.discovery_url,
            client_id: self.client_id,
            client_secret: self.client_secret,
            scopes: self.scopes,
            cvr_claim: self.cvr_claim,
            tenants: self.tenants,
            trust_email: self.trust_email.is_some(),
        }
    }
}

fn sso_page(
    state: &AppState,
    ctx: Ctx,
    form: idespor_domain::sso::ProviderForm,
    errors: FieldErrors,
    editing: Option<String>,
) -> AdminSsoProviderPage {
    let redirect = match &editing {
        Some(id) => crate::pages::sso::callback_url(state, id),
        None => String::new(),
    };
    AdminSsoProviderPage { ctx, form, errors, editing, redirect }
}

pub async fn sso_new(State(state): State<AppState>, user: PageUser) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let form = idespor_domain::sso::ProviderForm { scopes: "openid email profile".into(), ..Default::default() };
    Ok(render(&sso_page(&state, ctx, form, FieldErrors::new(), None)))
}

pub async fn sso_edit(State(state): State<AppState>, user: PageUser, Path(id): Path<String>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let kept = state.svc.sso_providers_kept(&user.actor).await.or_page(&ctx)?;
    let provider = kept
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| PageError::new(DomainError::NotFound("sso_provider"), ctx.clone()))?;
    let form = idespor_domain::sso::ProviderForm::from_settings(provider);
    Ok(render(&sso_page(&state, ctx, form, FieldErrors::new(), Some(id))))
}

async fn sso_save(state: AppState, user: PageUser, id: Option<String>, input: SsoProviderFormInput) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    let mut form = input.form(id.as_deref());
    let configured = state.config.sso.configured_ids();
    match state.svc.save_sso_provider(&user.actor, &form, &configured, id.is_none()).await {
        Ok(_) => Ok(Redirect::to("/admin?notice=saved").into_response()),
        Err(DomainError::Invalid(errors)) => {
            // The secret typed is not sent back into the page.
            form.client_secret.clear();
            Ok(render_with(StatusCode::UNPROCESSABLE_ENTITY, &sso_page(&state, ctx, form, errors, id)))
        }
        Err(e) => Err(PageError::new(e, ctx)),
    }
}

pub async fn sso_create(
    State(state): State<AppState>,
    user: PageUser,
    Form(input): Form<SsoProviderFormInput>,
) -> PageResult {
    sso_save(state, user, None, input).await
}

pub async fn sso_update(
    State(state): State<AppState>,
    user: PageUser,
    Path(id): Path<String>,
    Form(input): Form<SsoProviderFormInput>,
) -> PageResult {
    sso_save(state, user, Some(id), input).await
}

pub async fn sso_delete(State(state): State<AppState>, user: PageUser, Path(id): Path<String>) -> PageResult {
    let ctx = admin_ctx(&state, &user)?;
    state.svc.remove_sso_provider(&user.actor, &id).await.or_page(&ctx)?;
    Ok(Redirect::to("/admin?notice=sso_removed").into_response())
}
