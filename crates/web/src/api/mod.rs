//! The JSON API under `/api/v1`: the same use cases as the pages, with bearer tokens or the
//! session cookie, errors as `{"error": "snake_case_code", "message": "..."}`, and an OpenAPI
//! document generated from the handlers.

pub mod community;
pub mod dto;
pub mod exports;
pub mod figures;
pub mod ideas;
pub mod mail;
pub mod meetings;
pub mod notifications;
pub mod roadmap;
pub mod rounds;

use crate::ctx::Viewer;
use crate::error::ApiError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use idespor_domain::service::Actor;
use serde::de::DeserializeOwned;
use utoipa::OpenApi;

/// A signed-in caller of the API; anyone else gets 401 `unauthenticated`.
pub struct ApiUser {
    pub actor: Actor,
    pub viewer: Viewer,
}

impl<S: Send + Sync> FromRequestParts<S> for ApiUser {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let viewer = parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or_else(|| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal"))?;
        match viewer.user.clone() {
            Some(user) => Ok(ApiUser { actor: Actor::new(user), viewer }),
            None => Err(ApiError::new(StatusCode::UNAUTHORIZED, "unauthenticated")),
        }
    }
}

/// JSON bodies with the API's own error codes: 400 `invalid_json`, 413 `payload_too_large`,
/// 415 `unsupported_media_type`.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(value)) => Ok(ApiJson(value)),
            Err(rejection) => Err(match rejection {
                JsonRejection::MissingJsonContentType(_) => {
                    ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type")
                }
                JsonRejection::BytesRejection(_) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large")
                }
                JsonRejection::BytesRejection(_) => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, "payload_too_large"),
                _ => ApiError::new(StatusCode::BAD_REQUEST, "invalid_json"),
            }),
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "Idéspor API", version = "1", description = "The community's ideas, groups and decisions. Authenticate with `Authorization: Bearer <personal API token>` (created on the profile page) or the session cookie plus an `X-CSRF-Token` header for writes."),
    paths(
        community::me, community::update_me,
        community::list_organizations, community::create_organization, community::get_organization, community::update_organization,
        community::list_groups, community::create_group, community::get_group, community::update_group,
        community::put_group_member, community::delete_group_member, community::put_group_organization, community::delete_group_organization,
        community::list_users, community::invite_user, community::get_user, community::update_user,
        community::list_tokens, community::create_token, community::delete_token,
        ideas::list, ideas::create, ideas::get, ideas::update, ideas::make_move, ideas::support, ideas::unsupport,
        ideas::follow, ideas::unfollow, ideas::comments, ideas::add_comment, ideas::edit_comment, ideas::queue,
        ideas::product_areas,
        notifications::notifications, notifications::read_notification, notifications::read_all_notifications,
        meetings::list_meetings, meetings::create_meeting, meetings::get_meeting, meetings::update_meeting,
        meetings::cancel_meeting, meetings::add_agenda_item, meetings::remove_agenda_item, meetings::invite_guest,
        meetings::record_attendance, meetings::save_minutes, meetings::record_decision, meetings::list_decisions,
        meetings::get_decision, meetings::mark_presented, meetings::outcomes,
        mail::get_preferences, mail::put_preferences, mail::outbox, mail::retry,
        rounds::list, rounds::create, rounds::get, rounds::cast, rounds::publish,
        roadmap::releases, roadmap::create_release, roadmap::update_release, roadmap::release_ideas, roadmap::roadmap, roadmap::add_release_item,
        exports::export, exports::export_ballots,
        figures::figures,
    ),
    components(schemas(crate::error::ErrorBody, crate::error::FieldErrorBody)),
    modifiers(&BearerAuth),
    security(("bearer" = [])),
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

pub async fn openapi_json() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
