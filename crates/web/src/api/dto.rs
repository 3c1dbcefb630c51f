//! What the API shows and accepts. Kept apart from the domain types so that the public shape
//! is chosen here, documented in the OpenAPI schema, and changes only on purpose.

use idespor_domain::group::{GroupMember, GroupSummary};
use idespor_domain::org::Organization;
use idespor_domain::store::ApiToken;
use idespor_domain::user::User;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDto {
    pub id: i64,
    /// municipality, region or vendor
    pub kind: String,
    pub name: String,
    pub official_name: String,
    /// A municipality's kommunekode (3 digits) or a region's code (4 digits).
    pub code: Option<String>,
    pub cvr: Option<String>,
    pub region_id: Option<i64>,
    pub created_at: String,
    /// Its people sign in through single sign-on only.
    pub sso_required: bool,
}

impl From<&Organization> for OrganizationDto {
    fn from(o: &Organization) -> Self {
        Self {
            id: o.id.0,
            kind: o.kind.as_str().into(),
            name: o.name.clone(),
            official_name: o.official_name.clone(),
            code: o.code.clone(),
            cvr: o.cvr.clone(),
            region_id: o.region_id.map(|r| r.0),
            created_at: o.created_at.to_string(),
            sso_required: o.sso_required,
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct OrganizationBody {
    #[schema(required = true)]
    pub kind: String,
    #[schema(required = true)]
    pub name: String,
    pub official_name: String,
    pub code: Option<String>,
    pub cvr: Option<String>,
    pub region_id: Option<i64>,
}

impl OrganizationBody {
    pub fn into_form(self) -> idespor_domain::org::OrganizationForm {
        idespor_domain::org::OrganizationForm {
            kind: self.kind,
            name: self.name,
            official_name: self.official_name,
            code: self.code.unwrap_or_default(),
            cvr: self.cvr.unwrap_or_default(),
            region_id: self.region_id.map(|r| r.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PersonDto {
    pub id: i64,
    pub name: String,
    pub organization: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganizationDetailDto {
    pub organization: OrganizationDto,
    pub region: Option<OrganizationDto>,
    pub groups: Vec<GroupDto>,
    pub people: Vec<PersonDto>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDto {
    pub id: i64,
    /// erfa, steering or product
    pub kind: String,
    pub name: String,
    pub description: String,
    pub region_id: Option<i64>,
}

impl From<&idespor_domain::group::Group> for GroupDto {
    fn from(g: &idespor_domain::group::Group) -> Self {
        Self {
            id: g.id.0,
            kind: g.kind.as_str().into(),
            name: g.name.clone(),
            description: g.description.clone(),
            region_id: g.region_id.map(|r| r.0),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupSummaryDto {
    #[serde(flatten)]
    pub group: GroupDto,
    pub member_count: i64,
    pub organization_count: i64,
    pub coordinators: Vec<PersonDto>,
}

impl From<&GroupSummary> for GroupSummaryDto {
    fn from(g: &GroupSummary) -> Self {
        Self {
            group: GroupDto::from(&g.group),
            member_count: g.member_count,
            organization_count: g.organization_count,
            coordinators: g
                .coordinators
                .iter()
                .map(|c| PersonDto { id: c.id.0, name: c.name.clone(), organization: c.org_name.clone() })
                .collect(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDto {
    pub user_id: i64,
    pub name: String,
    pub organization: Option<String>,
    /// member or coordinator
    pub role: String,
}

impl From<&GroupMember> for MemberDto {
    fn from(m: &GroupMember) -> Self {
        Self {
            user_id: m.user_id.0,
            name: m.name.clone(),
            organization: m.org_name.clone(),
            role: m.role.as_str().into(),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GroupDetailDto {
    pub group: GroupDto,
    pub organizations: Vec<OrganizationDto>,
    pub members: Vec<MemberDto>,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct GroupBody {
    #[schema(required = true)]
    pub kind: String,
    #[schema(required = true)]
    pub name: String,
    pub description: String,
    pub region_id: Option<i64>,
}

impl GroupBody {
    pub fn into_form(self) -> idespor_domain::group::GroupForm {
        idespor_domain::group::GroupForm {
            kind: self.kind,
            name: self.name,
            description: self.description,
            region_id: self.region_id.map(|r| r.to_string()).unwrap_or_default(),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct RoleBody {
    /// member or coordinator
    #[schema(required = true)]
    pub role: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct UserDto {
    pub id: i64,
    pub email: String,
    pub name: String,
    pub organization_id: Option<i64>,
    pub organization: Option<String>,
    /// da or en
    pub language: String,
    pub is_admin: bool,
    /// May redact passages and hide comments.
    pub is_moderator: bool,
    /// Signs in with a code after the password.
    pub two_factor: bool,
    pub active: bool,
    /// False while an invitation is not yet accepted.
    pub has_password: bool,
}

impl From<&User> for UserDto {
    fn from(u: &User) -> Self {
        Self {
            id: u.id.0,
            email: u.email.clone(),
            name: u.name.clone(),
            organization_id: u.org_id.map(|o| o.0),
            organization: u.org_name.clone(),
            language: u.language.as_str().into(),
            is_admin: u.is_admin,
            is_moderator: u.is_moderator,
            two_factor: u.two_factor,
            active: u.active,
            has_password: u.has_password,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeDto {
    pub user: UserDto,
    /// Send as `X-CSRF-Token` with writes that use the session cookie (not needed with a bearer token).
    pub csrf_token: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct ProfileBody {
    #[schema(required = true)]
    pub name: String,
    #[schema(required = true)]
    pub email: String,
    #[schema(required = true)]
    pub language: String,
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct UserBody {
    #[schema(required = true)]
    pub name: String,
    #[schema(required = true)]
    pub email: String,
    pub organization_id: Option<i64>,
    pub language: Option<String>,
    pub is_admin: bool,
    pub is_moderator: bool,
    pub active: Option<bool>,
}

impl UserBody {
    pub fn into_form(self) -> idespor_domain::user::UserAdminForm {
        let flag = |b: bool| if b { "on".to_string() } else { String::new() };
        idespor_domain::user::UserAdminForm {
            name: self.name,
            email: self.email,
            org_id: self.organization_id.map(|o| o.to_string()).unwrap_or_default(),
            language: self.language.unwrap_or_else(|| "da".into()),
            is_admin: flag(self.is_admin),
            is_moderator: flag(self.is_moderator),
            active: flag(self.active.unwrap_or(true)),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct InvitationDto {
    pub user: UserDto,
    /// The one-time link (path) the person opens to choose a password. Shown once.
    pub invitation_path: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenDto {
    pub id: i64,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

impl From<&ApiToken> for TokenDto {
    fn from(t: &ApiToken) -> Self {
        Self {
            id: t.id.0,
            name: t.name.clone(),
            created_at: t.created_at.to_string(),
            last_used_at: t.last_used_at.map(|t| t.to_string()),
        }
    }
}

#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(default)]
pub struct TokenBody {
    #[schema(required = true)]
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct NewTokenDto {
    pub token: TokenDto,
    /// The secret; shown once, stored only hashed.
    pub secret: String,
}
