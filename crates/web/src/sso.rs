//! Single sign-on with OpenID Connect: the providers in the configuration, their discovery
//! documents and keys (fetched, cached, fetched again when a token is signed with a key we do
//! not know yet: the provider rotated its keys), the authorization code flow with PKCE, state
//! and nonce, and the checks of the ID token (signature, issuer, audience, expiry, nonce, and
//! for Microsoft Entra ID's multi-tenant issuer the tenant). The `openidconnect` crate does the
//! protocol; this module turns a provider's answer into the domain's `VerifiedIdentity`, whose
//! rules (`service/sso.rs`) decide what it may do.

use base64::Engine;
use idespor_domain::DomainResult;
use idespor_domain::service::Services;
use idespor_domain::sso::{OrgKey, VerifiedIdentity, normalise_cvr};
use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreJsonWebKeySet, CoreProviderMetadata};
use openidconnect::{
    AuthorizationCode, ClientId, ClientSecret, CsrfToken, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl,
    Scope, TokenResponse,
};

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a provider's discovery document and keys are used before they are fetched again.
const DISCOVERY_TTL: Duration = Duration::from_secs(3600);

/// The least time between two fetches forced by a token signed with a key we do not know.
const REFRESH_GAP: Duration = Duration::from_secs(60);

/// The largest discovery document, key set or token response read from a provider.
const RESPONSE_MAX: usize = 512 * 1024;

/// One OpenID provider: the domain's [`ProviderSettings`], from the configuration file
/// (`[[sso]]`) or kept by administrators in the administration.
pub use idespor_domain::sso::{ProviderSettings as SsoProviderConfig, TENANT_PLACEHOLDER};

/// Why a sign-in through a provider failed. The code picks the Danish page; the detail goes to
/// the log only (never a token).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoError {
    pub code: &'static str,
    pub detail: String,
}

impl SsoError {
    fn new(code: &'static str, detail: impl Into<String>) -> Self {
        Self { code, detail: detail.into() }
    }
}

/// A sign-in to send the browser to the provider with.
#[derive(Debug)]
pub struct Authorization {
    pub url: String,
    pub state: String,
    pub pkce_verifier: String,
    pub nonce: String,
}

struct Discovered {
    metadata: CoreProviderMetadata,
    end_session: Option<String>,
    fetched: Instant,
}

/// The providers: the configuration file's, and (read for each use, from the database) those
/// administrators keep; with what was fetched of them.
pub struct SsoProviders {
    /// The configuration file's.
    providers: Vec<SsoProviderConfig>,
    http: reqwest::Client,
    cache: tokio::sync::Mutex<HashMap<String, Arc<Discovered>>>,
    /// When each provider's keys were last fetched because a token named an unknown key.
    forced: tokio::sync::Mutex<HashMap<String, Instant>>,
}

impl std::fmt::Debug for SsoProviders {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SsoProviders").field("providers", &self.providers).finish()
    }
}

impl Default for SsoProviders {
    fn default() -> Self {
        Self::new(Vec::new())
    }
}

/// reqwest is built without a bundled crypto provider (`rustls-no-provider`): rustls uses ring,
/// as lettre does, installed once per process before any HTTP client is built (tests that build
/// their own clients call this too).
pub fn install_crypto_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The HTTP client for providers: no redirects (a provider's answer that redirects is refused,
/// so a discovery document cannot send us elsewhere), short timeouts, TLS with the system's
/// certificates.
fn http_client() -> reqwest::Client {
    install_crypto_provider();
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .build()
        .unwrap_or_default()
}

impl SsoProviders {
    pub fn new(providers: Vec<SsoProviderConfig>) -> Self {
        Self {
            providers,
            http: http_client(),
            cache: tokio::sync::Mutex::new(HashMap::new()),
            forced: tokio::sync::Mutex::new(HashMap::new()),
        }
    }

    /// The configuration file's providers.
    pub fn configured(&self) -> &[SsoProviderConfig] {
        &self.providers
    }

    pub fn configured_ids(&self) -> Vec<String> {
        self.providers.iter().map(|p| p.id.clone()).collect()
    }

    /// Every provider: the configuration file's, then those administrators keep (read now, so
    /// that a change made on any node counts at once).
    pub async fn all(&self, svc: &Services) -> DomainResult<Vec<SsoProviderConfig>> {
        let mut all = self.providers.clone();
        let ids = self.configured_ids();
        all.extend(svc.stored_sso_providers().await?.into_iter().filter(|p| !ids.contains(&p.id)));
        Ok(all)
    }

    /// One provider by its id.
    pub async fn find(&self, svc: &Services, id: &str) -> DomainResult<Option<SsoProviderConfig>> {
        if let Some(p) = self.providers.iter().find(|p| p.id == id) {
            return Ok(Some(p.clone()));
        }
        Ok(svc.stored_sso_providers().await?.into_iter().find(|p| p.id == id))
    }

    async fn get_json(&self, address: &str) -> Result<Vec<u8>, SsoError> {
        let unreachable = |e: String| SsoError::new("sso_provider_unreachable", e);
        let response = self.http.get(address).send().await.map_err(|e| unreachable(e.to_string()))?;
        if !response.status().is_success() {
            return Err(unreachable(format!("{address} answered {}", response.status())));
        }
        let bytes = response.bytes().await.map_err(|e| unreachable(e.to_string()))?;
        if bytes.len() > RESPONSE_MAX {
            return Err(unreachable(format!("{address} sent more than {RESPONSE_MAX} bytes")));
        }
        Ok(bytes.to_vec())
    }

    /// The provider's discovery document and keys: from the cache, or fetched (again, with
    /// `refresh`, e.g. when a token names a key we do not have).
    async fn discovered(&self, provider: &SsoProviderConfig, refresh: bool) -> Result<Arc<Discovered>, SsoError> {
        // The lock is held only to look and to store, never across a fetch, so that one slow
        // provider does not hold up the others. A forced refresh (an unknown key) happens at
        // most once a minute per provider, so forged tokens cannot make us hammer it.
        // Cached under what it was fetched from: a provider whose addresses an administrator
        // changes is fetched anew.
        let key = format!("{}\n{}\n{}", provider.id, provider.issuer, provider.discovery_address());
        if let Some(found) = self.cache.lock().await.get(&key).cloned() {
            let fresh = found.fetched.elapsed() < DISCOVERY_TTL;
            if !refresh && fresh {
                return Ok(found);
            }
            if refresh {
                let mut forced = self.forced.lock().await;
                if forced.get(&provider.id).is_some_and(|at| at.elapsed() < REFRESH_GAP) {
                    return Ok(found);
                }
                forced.insert(provider.id.clone(), Instant::now());
            }
        }
        let discovered = Arc::new(self.fetch(provider).await?);
        self.cache.lock().await.insert(key, discovered.clone());
        Ok(discovered)
    }

    async fn fetch(&self, provider: &SsoProviderConfig) -> Result<Discovered, SsoError> {
        let bytes = self.get_json(&provider.discovery_address()).await?;
        let metadata: CoreProviderMetadata = serde_json::from_slice(&bytes)
            .map_err(|e| SsoError::new("sso_provider_unreachable", format!("discovery document: {e}")))?;
        // The document must be the configured issuer's (for Entra ID's multi-tenant issuer, the
        // template with its placeholder), as OpenID Connect Discovery requires.
        if metadata.issuer().as_str().trim_end_matches('/') != provider.issuer.trim_end_matches('/') {
            return Err(SsoError::new(
                "sso_provider_unreachable",
                format!("discovery names the issuer {}, not {}", metadata.issuer().as_str(), provider.issuer),
            ));
        }
        let raw: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        let end_session = raw.get("end_session_endpoint").and_then(|v| v.as_str()).map(str::to_string);
        let keys_bytes = self.get_json(metadata.jwks_uri().as_str()).await?;
        let keys: CoreJsonWebKeySet = serde_json::from_slice(&keys_bytes)
            .map_err(|e| SsoError::new("sso_provider_unreachable", format!("key set: {e}")))?;
        Ok(Discovered { metadata: metadata.set_jwks(keys), end_session, fetched: Instant::now() })
    }

    /// Where to send the browser to sign in, with the secrets the answer must match.
    pub async fn authorization(&self, provider: &SsoProviderConfig, redirect: &str) -> Result<Authorization, SsoError> {
        let discovered = self.discovered(provider, false).await?;
        let client = CoreClient::from_provider_metadata(
            discovered.metadata.clone(),
            ClientId::new(provider.client_id.clone()),
            secret(provider),
        )
        .set_redirect_uri(redirect_url(redirect)?);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request =
            client.authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random);
        for scope in provider.scopes.iter().filter(|s| s.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.set_pkce_challenge(challenge).url();
        Ok(Authorization {
            url: url.to_string(),
            state: state.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
            nonce: nonce.secret().clone(),
        })
    }

    /// Exchanges the provider's code for tokens and checks the ID token; what it vouches for.
    pub async fn finish(
        &self,
        provider: &SsoProviderConfig,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
        redirect: &str,
    ) -> Result<VerifiedIdentity, SsoError> {
        let discovered = self.discovered(provider, false).await?;
        let client = CoreClient::from_provider_metadata(
            discovered.metadata.clone(),
            ClientId::new(provider.client_id.clone()),
            secret(provider),
        )
        .set_redirect_uri(redirect_url(redirect)?);
        let http = ProviderHttp(&self.http);
        let response = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|e| SsoError::new("sso_provider_unreachable", e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
            .request_async(&http)
            .await
            .map_err(|e| {
                let code = match e {
                    openidconnect::RequestTokenError::ServerResponse(_) => "sso_provider_refused",
                    _ => "sso_provider_unreachable",
                };
                SsoError::new(code, format!("token request: {e}"))
            })?;
        let id_token =
            response.id_token().ok_or_else(|| SsoError::new("sso_token_refused", "the provider sent no ID token"))?;
        let nonce = Nonce::new(nonce.to_string());
        let multi_tenant = provider.issuer.contains(TENANT_PLACEHOLDER);
        let verify = |metadata: &CoreProviderMetadata| {
            let client = CoreClient::from_provider_metadata(
                metadata.clone(),
                ClientId::new(provider.client_id.clone()),
                secret(provider),
            );
            let verifier = client.id_token_verifier().require_issuer_match(!multi_tenant);
            id_token.claims(&verifier, &nonce).map(|c| c.issuer().as_str().to_string())
        };
        let issuer = match verify(&discovered.metadata) {
            Ok(issuer) => issuer,
            // Signed with a key we do not have: the provider may have rotated its keys.
            Err(openidconnect::ClaimsVerificationError::SignatureVerification(_)) => {
                let fresh = self.discovered(provider, true).await?;
                verify(&fresh.metadata).map_err(token_refused)?
            }
            Err(e) => return Err(token_refused(e)),
        };
        // The token is checked: its payload is the provider's word. The claims the core types
        // do not know (the CVR number, the tenant) are read from it.
        let payload = jwt_payload(&id_token.to_string())?;
        identity(provider, &payload, &issuer)
    }

    /// Where to end the provider's session too, if it offers that.
    pub async fn logout_url(&self, provider: &SsoProviderConfig, after: &str) -> Option<String> {
        let discovered = self.discovered(provider, false).await.ok()?;
        let mut url = url::Url::parse(discovered.end_session.as_deref()?).ok()?;
        url.query_pairs_mut()
            .append_pair("client_id", &provider.client_id)
            .append_pair("post_logout_redirect_uri", after);
        Some(url.to_string())
    }
}

/// The HTTP client as `openidconnect` calls it: bounded in size, never redirected. (A struct
/// rather than a closure, so that the future is `Send` for every lifetime, as axum needs.)
struct ProviderHttp<'a>(&'a reqwest::Client);

impl<'c> openidconnect::AsyncHttpClient<'c> for ProviderHttp<'_> {
    type Error = reqwest::Error;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<openidconnect::HttpResponse, reqwest::Error>> + Send + 'c>,
    >;

    fn call(&'c self, request: openidconnect::HttpRequest) -> Self::Future {
        Box::pin(async move {
            let (parts, body) = request.into_parts();
            let mut builder = self.0.request(parts.method, parts.uri.to_string()).body(body);
            for (name, value) in &parts.headers {
                builder = builder.header(name, value);
            }
            let response = builder.send().await?;
            let mut out = openidconnect::http::Response::builder().status(response.status().as_u16());
            for (name, value) in response.headers() {
                out = out.header(name.as_str(), value.as_bytes());
            }
            let bytes = response.bytes().await?;
            let body = if bytes.len() > RESPONSE_MAX { Vec::new() } else { bytes.to_vec() };
            Ok(out.body(body).unwrap_or_default())
        })
    }
}

fn secret(provider: &SsoProviderConfig) -> Option<ClientSecret> {
    (!provider.client_secret.is_empty()).then(|| ClientSecret::new(provider.client_secret.clone()))
}

fn redirect_url(redirect: &str) -> Result<RedirectUrl, SsoError> {
    RedirectUrl::new(redirect.to_string()).map_err(|e| SsoError::new("sso_unknown_provider", e.to_string()))
}

fn token_refused(e: openidconnect::ClaimsVerificationError) -> SsoError {
    use openidconnect::ClaimsVerificationError as E;
    let why = match &e {
        E::Expired(_) => "expired",
        E::InvalidAudience(_) => "wrong audience",
        E::InvalidIssuer(_) => "wrong issuer",
        E::InvalidNonce(_) => "wrong nonce",
        E::SignatureVerification(_) => "bad signature",
        _ => "invalid",
    };
    SsoError::new("sso_token_refused", format!("ID token {why}: {e}"))
}

/// The payload of a compact JWS, as JSON (call only after the signature was checked).
fn jwt_payload(token: &str) -> Result<serde_json::Value, SsoError> {
    let bad = |why: &str| SsoError::new("sso_token_refused", format!("ID token payload: {why}"));
    let part = token.split('.').nth(1).ok_or_else(|| bad("not a JWS"))?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(part).map_err(|_| bad("not base64url"))?;
    serde_json::from_slice(&bytes).map_err(|_| bad("not JSON"))
}

/// A claim by its name (which may itself contain dots, as `nemlogin.cvr` does), else by a
/// dotted path into nested objects; strings and numbers as text.
fn claim(payload: &serde_json::Value, name: &str) -> Option<String> {
    let found = payload.get(name).or_else(|| name.split('.').try_fold(payload, |v, part| v.get(part)))?;
    match found {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// What a checked token vouches for. For a multi-tenant issuer, the tenant must be trusted and
/// the issuer must be the template with that tenant; for any provider with trusted tenants,
/// the tenant must be one of them.
fn identity(
    provider: &SsoProviderConfig,
    payload: &serde_json::Value,
    issuer: &str,
) -> Result<VerifiedIdentity, SsoError> {
    let tenant = claim(payload, &provider.tenant_claim);
    if !provider.tenants.is_empty() {
        let Some(tenant) = tenant.as_deref().filter(|t| provider.tenants.contains_key(*t)) else {
            return Err(SsoError::new("sso_unknown_organization", format!("tenant {tenant:?} is not trusted")));
        };
        if provider.issuer.contains(TENANT_PLACEHOLDER) && issuer != provider.issuer.replace(TENANT_PLACEHOLDER, tenant)
        {
            return Err(SsoError::new("sso_token_refused", format!("issuer {issuer} is not tenant {tenant}'s")));
        }
    }
    let subject =
        claim(payload, "sub").filter(|s| !s.is_empty()).ok_or_else(|| SsoError::new("sso_token_refused", "no sub"))?;
    // An Entra ID guest (`acct` 1) carries the tenant's id but not an address the tenant owns.
    let guest = claim(payload, "acct").as_deref() == Some("1");
    let email_verified = (provider.trust_email && !guest)
        || matches!(payload.get("email_verified"), Some(serde_json::Value::Bool(true)))
        || matches!(payload.get("email_verified"), Some(serde_json::Value::String(s)) if s == "true");
    let cvr = (!provider.cvr_claim.is_empty()).then(|| claim(payload, &provider.cvr_claim)).flatten();
    let org = match (cvr, tenant.and_then(|t| provider.tenants.get(&t).cloned())) {
        (Some(cvr), _) => Some(OrgKey::Cvr(normalise_cvr(&cvr).unwrap_or(cvr))),
        (None, Some(configured)) => Some(OrgKey::Configured(configured)),
        (None, None) => None,
    };
    Ok(VerifiedIdentity {
        provider: provider.id.clone(),
        subject,
        // Only `email`: a username (Entra's `preferred_username`) is no address to link by.
        email: claim(payload, "email"),
        email_verified,
        name: claim(payload, "name"),
        org,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use idespor_domain::sso::default_scopes;
    use serde_json::json;
    use std::collections::BTreeMap;

    fn provider() -> SsoProviderConfig {
        SsoProviderConfig {
            id: "entra".into(),
            name: "Entra ID".into(),
            issuer: "https://login.microsoftonline.com/{tenantid}/v2.0".into(),
            discovery_url: String::new(),
            client_id: "c".into(),
            client_secret: "s3cret".into(),
            scopes: default_scopes(),
            cvr_claim: String::new(),
            tenant_claim: "tid".into(),
            tenants: BTreeMap::from([("t-aarhus".into(), "751".into())]),
            trust_email: true,
        }
    }

    #[test]
    fn a_multi_tenant_issuer_takes_only_trusted_tenants_and_their_own_issuer() {
        let p = provider();
        let issuer = "https://login.microsoftonline.com/t-aarhus/v2.0";
        let ok = identity(&p, &json!({"sub": "s", "tid": "t-aarhus", "email": "a@aarhus.dk"}), issuer).unwrap();
        assert_eq!(ok.org, Some(OrgKey::Configured("751".into())));
        assert!(ok.email_verified, "trust_email vouches for the address");
        let other =
            identity(&p, &json!({"sub": "s", "tid": "t-evil"}), "https://login.microsoftonline.com/t-evil/v2.0");
        assert_eq!(other.unwrap_err().code, "sso_unknown_organization");
        // A trusted tenant's id in a token another tenant issued.
        let forged =
            identity(&p, &json!({"sub": "s", "tid": "t-aarhus"}), "https://login.microsoftonline.com/t-evil/v2.0");
        assert_eq!(forged.unwrap_err().code, "sso_token_refused");
        // A guest in a trusted tenant: known, but its address is not vouched for; a username is
        // no address.
        let guest = identity(&p, &json!({"sub": "g", "tid": "t-aarhus", "acct": 1, "email": "x@gmail.com"}), issuer);
        assert!(!guest.unwrap().email_verified);
        let username =
            identity(&p, &json!({"sub": "u", "tid": "t-aarhus", "preferred_username": "a@aarhus.dk"}), issuer);
        assert_eq!(username.unwrap().email, None);
        let none = identity(&p, &json!({"sub": "s"}), issuer);
        assert_eq!(none.unwrap_err().code, "sso_unknown_organization");
    }

    #[test]
    fn the_cvr_claim_is_read_by_its_configured_name_dotted_or_nested() {
        let p = SsoProviderConfig {
            cvr_claim: "nemlogin.cvr".into(),
            tenants: BTreeMap::new(),
            trust_email: false,
            ..provider()
        };
        let flat =
            identity(&p, &json!({"sub": "s", "nemlogin.cvr": "DK29189919", "email_verified": true}), "x").unwrap();
        assert_eq!(flat.org, Some(OrgKey::Cvr("29189919".into())));
        assert!(flat.email_verified);
        let nested = identity(&p, &json!({"sub": "s", "nemlogin": {"cvr": 29189919}}), "x").unwrap();
        assert_eq!(nested.org, Some(OrgKey::Cvr("29189919".into())));
        assert!(!nested.email_verified, "no email_verified and no trust: unverified");
        let p = SsoProviderConfig { cvr_claim: "cvrNumberIdentifier".into(), ..p };
        let other = identity(&p, &json!({"sub": "s", "cvrNumberIdentifier": "12345678"}), "x").unwrap();
        assert_eq!(other.org, Some(OrgKey::Cvr("12345678".into())));
    }

    #[test]
    fn configuration_problems_are_named_and_the_secret_never_printed() {
        assert!(provider().problems().is_empty());
        let bad = SsoProviderConfig {
            id: "Bad Id".into(),
            issuer: "http://idp.example.dk/{tenantid}/v2.0".into(),
            tenants: BTreeMap::new(),
            scopes: vec!["email".into()],
            ..provider()
        };
        let problems = bad.problems().join("\n");
        assert!(problems.contains("a–z"), "{problems}");
        assert!(problems.contains("https://"), "{problems}");
        assert!(problems.contains("trusted tenants"), "{problems}");
        assert!(problems.contains("openid"), "{problems}");
        let both = SsoProviderConfig { cvr_claim: "nemlogin.cvr".into(), ..provider() };
        assert!(both.problems().join(" ").contains("not both"));
        let loopback = SsoProviderConfig { issuer: "http://127.0.0.1:9000".into(), ..provider() };
        assert!(!loopback.problems().iter().any(|p| p.contains("https")));
        assert!(!format!("{:?}", provider()).contains("s3cret"));
    }
}
