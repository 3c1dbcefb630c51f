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
pub mod moderation;
pub mod notifications;
pub mod people;
pub mod privacy;
pub mod public;
pub mod recovery;
pub mod roadmap;
pub mod rounds;
pub mod sso;
pub mod two_factor;

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

/// A caller of an operation an administrator may open to visitors: signed in or not. Whether a
/// caller without credentials may read is the domain's answer (401 `unauthenticated` while the
/// page is closed).
pub struct ApiReader {
    pub actor: Option<Actor>,
    pub viewer: Viewer,
}

impl ApiReader {
    pub fn reader(&self) -> idespor_domain::public::Reader<'_> {
        match &self.actor {
            Some(actor) => idespor_domain::public::Reader::Member(actor),
            None => idespor_domain::public::Reader::Visitor,
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for ApiReader {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let viewer = parts
            .extensions
            .get::<Viewer>()
            .cloned()
            .ok_or_else(|| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal"))?;
        Ok(ApiReader { actor: viewer.user.clone().map(Actor::new), viewer })
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

/// A JSON body that must be an object: for bodies whose fields may all be left out, which serde
/// would otherwise also read from an array. Refused as `ApiJson` refuses (400 `invalid_json`).
pub struct ApiObject<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiObject<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let ApiJson(object) = ApiJson::<serde_json::Map<String, serde_json::Value>>::from_request(req, state).await?;
        serde_json::from_value(serde_json::Value::Object(object))
            .map(ApiObject)
            .map_err(|_| ApiError::new(StatusCode::BAD_REQUEST, "invalid_json"))
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
        privacy::my_sign_ins, privacy::retention, privacy::policy, privacy::set_policy,
        privacy::request_export, privacy::current_export, privacy::download_export,
        privacy::erase_me, privacy::erase_user,
        moderation::log, moderation::get_target, moderation::redact, moderation::set_hidden,
        recovery::forgot, recovery::reset, community::setup_warnings,
        two_factor::start, two_factor::confirm, two_factor::off, two_factor::requirement, two_factor::set_requirement, public::public_pages, public::set_public_pages,
        sso::providers, sso::my_identities, sso::set_requirement, sso::kept_providers, sso::keep_provider, sso::remove_provider,
        people::import, people::export,
    ),
    components(schemas(crate::error::ErrorBody, crate::error::FieldErrorBody)),
    modifiers(&BearerAuth, &CommonResponses),
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

/// The answers any operation may give besides its own, each with the error body: 400 for a
/// malformed path or query value, 401 without a valid token or session, 403 for a forbidden
/// action (or a cookie-authenticated write without the CSRF token); 404 where the path names
/// something; 409 for a write that does not fit the current state; 413 and 415 where a JSON body
/// is read, and 422 where a body or query is read. Added where the operation does not
/// document them itself, so that the document tells every status the server answers.
struct CommonResponses;

impl utoipa::Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new().schema(Some(Ref::from_schema_name("ErrorBody"))).build(),
                )
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            let names_something = path.contains('{');
            let writes = [item.put.is_some(), item.post.is_some(), item.delete.is_some(), item.patch.is_some()];
            let operations = [
                (false, &mut item.get),
                (writes[0], &mut item.put),
                (writes[1], &mut item.post),
                (writes[2], &mut item.delete),
                (writes[3], &mut item.patch),
            ];
            for (writes, operation) in operations {
                let Some(operation) = operation.as_mut() else { continue };
                let reads_body = operation.request_body.is_some();
                let reads_query = operation.parameters.iter().flatten().any(|p| match p {
                    utoipa::openapi::RefOr::T(p) => p.parameter_in == utoipa::openapi::path::ParameterIn::Query,
                    utoipa::openapi::RefOr::Ref(_) => false,
                });
                let mut common = vec![
                    ("400", "A path or query value, or the JSON, is malformed (`bad_request`, `invalid_json`)."),
                    ("401", "No valid API token or session (`unauthenticated`, `invalid_token`)."),
                    ("403", "The caller may not do this, or a cookie-authenticated write lacks its CSRF token."),
                ];
                if names_something {
                    common.push(("404", "What the path names does not exist, or the caller may not see it."));
                }
                if writes {
                    common.push(("409", "The action does not fit what it acts on now (it changed since it was read, or its state forbids it); `error` says which."));
                }
                if reads_body {
                    common.push(("413", "The body is larger than the API takes (`payload_too_large`)."));
                    common.push(("415", "The body is not `application/json` (`unsupported_media_type`)."));
                }
                if reads_body || reads_query {
                    common.push(("422", "A field is not valid; `fields` names each one (`invalid_input`)."));
                }
                for (status, description) in common {
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error(description).into());
                }
            }
        }
    }
}

pub async fn openapi_json() -> axum::Json<utoipa::openapi::OpenApi> {
    axum::Json(ApiDoc::openapi())
}
