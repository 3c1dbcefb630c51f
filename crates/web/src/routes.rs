//! Every route of the application, registered through [`RouteTable`] so that tests can list
//! them (e.g. to prove that every state-changing route is CSRF-protected).

use crate::state::AppState;
use crate::{api, ops, pages};
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, on};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verb {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl Verb {
    fn filter(self) -> MethodFilter {
        match self {
            Verb::Get => MethodFilter::GET,
            Verb::Post => MethodFilter::POST,
            Verb::Put => MethodFilter::PUT,
            Verb::Patch => MethodFilter::PATCH,
            Verb::Delete => MethodFilter::DELETE,
        }
    }
    pub fn as_str(self) -> &'static str {
        match self {
            Verb::Get => "GET",
            Verb::Post => "POST",
            Verb::Put => "PUT",
            Verb::Patch => "PATCH",
            Verb::Delete => "DELETE",
        }
    }
    pub fn changes_state(self) -> bool {
        self != Verb::Get
    }
}

pub struct RouteTable {
    router: Router<AppState>,
    routes: Vec<(Verb, &'static str)>,
}

impl RouteTable {
    fn new() -> Self {
        Self { router: Router::new(), routes: Vec::new() }
    }
    fn add<H, T>(mut self, verb: Verb, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.router = self.router.route(path, on(verb.filter(), handler));
        self.routes.push((verb, path));
        self
    }
    fn get<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.add(Verb::Get, path, handler)
    }
    fn post<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.add(Verb::Post, path, handler)
    }
    fn put<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.add(Verb::Put, path, handler)
    }
    fn patch<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.add(Verb::Patch, path, handler)
    }
    fn delete<H: Handler<T, AppState>, T: 'static>(self, path: &'static str, handler: H) -> Self {
        self.add(Verb::Delete, path, handler)
    }
    pub fn routes(&self) -> &[(Verb, &'static str)] {
        &self.routes
    }
    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}

pub fn table() -> RouteTable {
    use api::community as a;
    use api::ideas as i;
    use pages::{account, admin, community, ideas};
    RouteTable::new()
        // Operations
        .get("/healthz", ops::healthz)
        .get("/metrics", ops::metrics)
        .get("/static/app.css", ops::stylesheet)
        .get("/static/app.js", ops::script)
        // Signing in
        .get("/login", account::login_form)
        .post("/login", account::login)
        .post("/logout", account::logout)
        .post("/login/sso/{provider}", pages::sso::start)
        .get("/login/sso/{provider}/callback", pages::sso::callback)
        .get("/login/code", pages::two_factor::code_form)
        .post("/login/code", pages::two_factor::code)
        .get("/profile/two-factor", pages::two_factor::setup_form)
        .post("/profile/two-factor", pages::two_factor::start)
        .post("/profile/two-factor/confirm", pages::two_factor::confirm)
        .post("/profile/two-factor/off", pages::two_factor::off)
        .post("/admin/two-factor", pages::two_factor::require_for_admins)
        .post("/admin/public-pages", pages::admin::set_public_pages)
        .get("/admin/sso/new", pages::admin::sso_new)
        .post("/admin/sso", pages::admin::sso_create)
        .get("/admin/sso/{id}", pages::admin::sso_edit)
        .post("/admin/sso/{id}", pages::admin::sso_update)
        .post("/admin/sso/{id}/delete", pages::admin::sso_delete)
        .get("/password/forgot", pages::recovery::forgot_form)
        .post("/password/forgot", pages::recovery::forgot)
        .get("/password/reset/{id}/{token}", pages::recovery::reset_form)
        .post("/password/reset/{id}/{token}", pages::recovery::reset)
        .get("/invitation/{token}", account::invitation_form)
        .post("/invitation/{token}", account::accept_invitation)
        // The community
        .get("/", community::overview)
        .get("/organizations", community::organizations)
        .get("/organizations/{id}", community::organization)
        .get("/groups", community::groups)
        .get("/groups/{id}", community::group)
        .get("/groups/{id}/members", community::group_members)
        .get("/groups/{id}/outcomes", pages::meetings::outcomes)
        // Ideas and releases
        .get("/ideas", ideas::list)
        .get("/ideas/new", ideas::new_form)
        .get("/ideas/similar", ideas::similar)
        .post("/ideas", ideas::create)
        .get("/ideas/{id}", ideas::show)
        .get("/ideas/{id}/edit", ideas::edit_form)
        .post("/ideas/{id}/edit", ideas::update)
        .post("/ideas/{id}/moves", ideas::make_move)
        .post("/ideas/{id}/support", ideas::support)
        .post("/ideas/{id}/follow", ideas::follow)
        .post("/ideas/{id}/comments", ideas::comment)
        .post("/comments/{id}/edit", ideas::edit_comment)
        .get("/releases", pages::roadmap::releases)
        .post("/releases", pages::roadmap::create_release)
        .get("/releases/{id}", pages::roadmap::release)
        .post("/releases/{id}", pages::roadmap::update_release)
        .post("/releases/{id}/items", pages::roadmap::add_release_item)
        .get("/roadmap", pages::roadmap::roadmap)
        // Meetings and decisions
        .get("/meetings", pages::meetings::my_meetings)
        .get("/groups/{id}/meetings/new", pages::meetings::new_meeting)
        .post("/groups/{id}/meetings", pages::meetings::create_meeting)
        .get("/meetings/{id}", pages::meetings::meeting)
        .get("/meetings/{id}/edit", pages::meetings::edit_meeting)
        .post("/meetings/{id}/edit", pages::meetings::update_meeting)
        .post("/meetings/{id}/cancel", pages::meetings::cancel_meeting)
        .post("/meetings/{id}/agenda", pages::meetings::add_agenda_item)
        .post("/meetings/{id}/agenda/{item}", pages::meetings::agenda_item_action)
        .post("/meetings/{id}/guests", pages::meetings::invite_guest)
        .post("/meetings/{id}/attendance", pages::meetings::record_attendance)
        .post("/meetings/{id}/minutes", pages::meetings::save_minutes)
        .post("/meetings/{id}/decisions", pages::meetings::record_decision)
        .get("/decisions", pages::meetings::decisions)
        .get("/decisions/{id}", pages::meetings::decision)
        .post("/decisions/{id}/presented", pages::meetings::mark_presented)
        // Prioritization rounds
        .get("/rounds", pages::rounds::rounds)
        .get("/rounds/new", pages::rounds::new_round)
        .post("/rounds", pages::rounds::create_round)
        .get("/rounds/{id}", pages::rounds::round)
        .get("/rounds/{id}/{file}", pages::exports::ballots_file)
        .get("/exports", pages::exports::exports)
        .get("/figures", pages::figures::figures)
        .get("/figures/{file}", pages::figures::figures_file)
        .post("/figures/target", pages::figures::set_target)
        .get("/exports/{file}", pages::exports::export_file)
        .post("/rounds/{id}/ballot", pages::rounds::cast_ballot)
        .post("/rounds/{id}/publish", pages::rounds::publish_round)
        // My notifications
        .get("/notifications", pages::notifications::list)
        .post("/notifications/read", pages::notifications::mark_all)
        .post("/notifications/{id}/read", pages::notifications::mark_one)
        // My profile
        .get("/profile", account::profile)
        .post("/profile", account::update_profile)
        .post("/profile/export", account::request_export)
        .post("/profile/erase", account::erase_me)
        .get("/profile/export/{id}", account::download_export)
        .post("/profile/password", account::change_password)
        .post("/profile/tokens", account::create_token)
        .post("/profile/tokens/{id}/revoke", account::revoke_token)
        .post("/profile/notifications", pages::mail::save_preferences)
        .post("/profile/feeds", pages::mail::renew_feeds)
        // Links from mails and feed readers: signed, no sign-in
        .get("/unsubscribe/{user}/{what}/{token}", pages::mail::unsubscribe_page)
        .post("/unsubscribe/{user}/{what}/{token}", pages::mail::unsubscribe)
        .get("/feeds/{user}/{token}/meetings.ics", pages::mail::my_meetings_ics)
        .get("/feeds/{user}/{token}/groups/{id}/meetings.ics", pages::mail::group_meetings_ics)
        .get("/feeds/{user}/{token}/groups/{id}/decisions.atom", pages::mail::group_decisions_atom)
        .get("/feeds/{user}/{token}/ideas/{id}/history.atom", pages::mail::idea_atom)
        // Administration
        .get("/admin", admin::index)
        .get("/admin/privacy", admin::privacy)
        .post("/admin/privacy", admin::save_privacy)
        .get("/privacy", pages::privacy::page)
        .get("/moderation", pages::moderation::log)
        .get("/moderation/{kind}/{id}", pages::moderation::target_page)
        .post("/moderation/{kind}/{id}/redact", pages::moderation::redact)
        .post("/moderation/comment/{id}/hide", pages::moderation::hide_comment)
        .post("/moderation/comment/{id}/show", pages::moderation::show_comment)
        .get("/admin/organizations", admin::organizations)
        .post("/admin/organizations", admin::create_organization)
        .get("/admin/organizations/{id}", admin::organization)
        .post("/admin/organizations/{id}", admin::update_organization)
        .post("/admin/organizations/{id}/sso", admin::set_organization_sso)
        .get("/admin/people/import", pages::people::form)
        .post("/admin/people/import/preview", pages::people::preview)
        .post("/admin/people/import", pages::people::import)
        .get("/admin/people/export.csv", pages::people::export)
        .get("/admin/groups", admin::groups)
        .post("/admin/groups", admin::create_group)
        .get("/admin/groups/{id}", admin::group)
        .post("/admin/groups/{id}", admin::update_group)
        .post("/admin/groups/{id}/members", admin::set_member)
        .post("/admin/groups/{id}/members/{user_id}/remove", admin::remove_member)
        .post("/admin/groups/{id}/organizations", admin::add_organization)
        .post("/admin/groups/{id}/organizations/{org_id}/remove", admin::remove_organization)
        .get("/admin/product-areas", admin::product_areas)
        .post("/admin/product-areas", admin::create_product_area)
        .get("/admin/users", admin::users)
        .post("/admin/users", admin::invite_user)
        .get("/admin/users/{id}", admin::user)
        .post("/admin/users/{id}", admin::update_user)
        .post("/admin/users/{id}/invite", admin::reinvite_user)
        .post("/admin/users/{id}/erase", admin::erase_user)
        .get("/admin/outbox", pages::mail::outbox)
        .post("/admin/outbox/{id}/retry", pages::mail::retry)
        // The API
        .get("/api/v1/openapi.json", api::openapi_json)
        .get("/api/v1/me", a::me)
        .patch("/api/v1/me", a::update_me)
        .get("/api/v1/organizations", a::list_organizations)
        .post("/api/v1/organizations", a::create_organization)
        .get("/api/v1/organizations/{id}", a::get_organization)
        .put("/api/v1/organizations/{id}", a::update_organization)
        .get("/api/v1/groups", a::list_groups)
        .post("/api/v1/groups", a::create_group)
        .get("/api/v1/groups/{id}", a::get_group)
        .put("/api/v1/groups/{id}", a::update_group)
        .put("/api/v1/groups/{id}/members/{user_id}", a::put_group_member)
        .delete("/api/v1/groups/{id}/members/{user_id}", a::delete_group_member)
        .put("/api/v1/groups/{id}/organizations/{org_id}", a::put_group_organization)
        .delete("/api/v1/groups/{id}/organizations/{org_id}", a::delete_group_organization)
        .get("/api/v1/users", a::list_users)
        .post("/api/v1/users", a::invite_user)
        .get("/api/v1/users/{id}", a::get_user)
        .put("/api/v1/users/{id}", a::update_user)
        .get("/api/v1/tokens", a::list_tokens)
        .post("/api/v1/tokens", a::create_token)
        .delete("/api/v1/tokens/{id}", a::delete_token)
        .get("/api/v1/ideas", i::list)
        .post("/api/v1/ideas", i::create)
        .get("/api/v1/ideas/{id}", i::get)
        .put("/api/v1/ideas/{id}", i::update)
        .post("/api/v1/ideas/{id}/moves", i::make_move)
        .put("/api/v1/ideas/{id}/support", i::support)
        .delete("/api/v1/ideas/{id}/support", i::unsupport)
        .put("/api/v1/ideas/{id}/follow", i::follow)
        .delete("/api/v1/ideas/{id}/follow", i::unfollow)
        .get("/api/v1/ideas/{id}/comments", i::comments)
        .post("/api/v1/ideas/{id}/comments", i::add_comment)
        .put("/api/v1/comments/{id}", i::edit_comment)
        .get("/api/v1/groups/{id}/queue", i::queue)
        .get("/api/v1/releases", api::roadmap::releases)
        .post("/api/v1/releases", api::roadmap::create_release)
        .put("/api/v1/releases/{id}", api::roadmap::update_release)
        .get("/api/v1/releases/{id}/ideas", api::roadmap::release_ideas)
        .get("/api/v1/product-areas", i::product_areas)
        .get("/api/v1/notifications", api::notifications::notifications)
        .post("/api/v1/notifications/{id}/read", api::notifications::read_notification)
        .post("/api/v1/notifications/read", api::notifications::read_all_notifications)
        .get("/api/v1/me/sign-ins", api::privacy::my_sign_ins)
        .get("/api/v1/admin/retention", api::privacy::retention)
        .get("/api/v1/privacy", api::privacy::policy)
        .post("/api/v1/me/export", api::privacy::request_export)
        .delete("/api/v1/me", api::privacy::erase_me)
        .delete("/api/v1/users/{id}", api::privacy::erase_user)
        .get("/api/v1/me/export", api::privacy::current_export)
        .get("/api/v1/me/export/{id}/download", api::privacy::download_export)
        .put("/api/v1/admin/privacy", api::privacy::set_policy)
        .post("/api/v1/me/two-factor", api::two_factor::start)
        .delete("/api/v1/me/two-factor", api::two_factor::off)
        .post("/api/v1/me/two-factor/confirm", api::two_factor::confirm)
        .get("/api/v1/admin/setup", api::community::setup_warnings)
        .get("/api/v1/admin/two-factor", api::two_factor::requirement)
        .put("/api/v1/admin/two-factor", api::two_factor::set_requirement)
        .get("/api/v1/public-pages", api::public::public_pages)
        .put("/api/v1/admin/public-pages", api::public::set_public_pages)
        .get("/api/v1/admin/sso-providers", api::sso::kept_providers)
        .put("/api/v1/admin/sso-providers/{id}", api::sso::keep_provider)
        .delete("/api/v1/admin/sso-providers/{id}", api::sso::remove_provider)
        .get("/api/v1/sso/providers", api::sso::providers)
        .post("/api/v1/people/import", api::people::import)
        .get("/api/v1/people/export", api::people::export)
        .get("/api/v1/me/sso", api::sso::my_identities)
        .put("/api/v1/organizations/{id}/sso", api::sso::set_requirement)
        .post("/api/v1/password/forgot", api::recovery::forgot)
        .post("/api/v1/password/reset", api::recovery::reset)
        .get("/api/v1/moderation", api::moderation::log)
        .get("/api/v1/moderation/{kind}/{id}", api::moderation::get_target)
        .post("/api/v1/moderation/{kind}/{id}/redactions", api::moderation::redact)
        .put("/api/v1/comments/{id}/hidden", api::moderation::set_hidden)
        .get("/api/v1/me/preferences", api::mail::get_preferences)
        .put("/api/v1/me/preferences", api::mail::put_preferences)
        .get("/api/v1/meetings", api::meetings::list_meetings)
        .post("/api/v1/groups/{id}/meetings", api::meetings::create_meeting)
        .get("/api/v1/meetings/{id}", api::meetings::get_meeting)
        .put("/api/v1/meetings/{id}", api::meetings::update_meeting)
        .post("/api/v1/meetings/{id}/cancel", api::meetings::cancel_meeting)
        .post("/api/v1/meetings/{id}/agenda", api::meetings::add_agenda_item)
        .delete("/api/v1/meetings/{id}/agenda/{item}", api::meetings::remove_agenda_item)
        .post("/api/v1/meetings/{id}/guests", api::meetings::invite_guest)
        .put("/api/v1/meetings/{id}/attendance", api::meetings::record_attendance)
        .put("/api/v1/meetings/{id}/minutes", api::meetings::save_minutes)
        .get("/api/v1/decisions", api::meetings::list_decisions)
        .post("/api/v1/groups/{id}/decisions", api::meetings::record_decision)
        .get("/api/v1/decisions/{id}", api::meetings::get_decision)
        .post("/api/v1/decisions/{id}/presentations", api::meetings::mark_presented)
        .get("/api/v1/groups/{id}/outcomes", api::meetings::outcomes)
        .get("/api/v1/roadmap", api::roadmap::roadmap)
        .post("/api/v1/releases/{id}/items", api::roadmap::add_release_item)
        .get("/api/v1/figures", api::figures::figures)
        .get("/api/v1/exports/{kind}", api::exports::export)
        .get("/api/v1/rounds/{id}/ballots", api::exports::export_ballots)
        .get("/api/v1/rounds", api::rounds::list)
        .post("/api/v1/rounds", api::rounds::create)
        .get("/api/v1/rounds/{id}", api::rounds::get)
        .put("/api/v1/rounds/{id}/ballot", api::rounds::cast)
        .post("/api/v1/rounds/{id}/publish", api::rounds::publish)
        .get("/api/v1/admin/outbox", api::mail::outbox)
        .post("/api/v1/admin/outbox/{id}/retry", api::mail::retry)
}
