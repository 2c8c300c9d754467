//! Sign-in flows: switching an account's sign-in method (`switchAccountType`), the CWS
//! one-time login (`loginCWS`) and the mobile SSO code exchange (`loginSSOCodeExchange`),
//! in the order of checks of `server/channels/api4/user.go` and
//! `server/channels/app/{oauth,ldap,login}.go`. What a server's settings and licence decide
//! is in [`FakeSettings`](super::admin::FakeSettings); the fake has no LDAP and no SSO
//! provider but GitLab (when enabled), so those switches end where such a server's do.

#[allow(unused_imports)]
use super::*;

use http::header::{LOCATION, SET_COOKIE};
use mattermost_sdk_core::Token;

use super::super::FakeServer;

#[rustfmt::skip]
pub(in super::super) static ROUTES: &[Route] = &[
    Route("POST", "users/login/switch", false, switch_account_type),
    Route("POST", "users/login/cws", false, login_cws),
    Route("POST", "users/login/sso/code-exchange", false, sso_code_exchange),
];

/// The session cookies' lifetime: `ServiceSettings.SessionLengthWebInHours` (720 h by
/// default), in seconds.
const COOKIE_MAX_AGE: i64 = 720 * 60 * 60;

/// One SSO login code waiting for its exchange (a `model.Token` of type
/// `sso-code-exchange` whose extra holds these).
#[derive(Clone)]
struct SsoCode {
    user_id: String,
    code_challenge: String,
    method: String,
    state: String,
}

/// The CWS tokens used (the server stores each once used) and the SSO login codes not yet
/// exchanged.
#[derive(Default)]
pub(crate) struct SigninState {
    used_cws_tokens: Vec<String>,
    sso_codes: BTreeMap<String, SsoCode>,
}

impl FakeServer {
    /// Issues a one-time SSO login code for `user_id`, as the server does at the end of a
    /// mobile SAML sign-in, for `POST /users/login/sso/code-exchange`: the exchange must
    /// bring `state` and a `code_verifier` that matches `code_challenge` under `method`
    /// (`S256`: the verifier's SHA-256 in unpadded base64url; `""`: the verifier itself;
    /// `plain` and any other method are refused at the exchange, as on the server). The
    /// fake does not expire codes.
    pub fn issue_sso_login_code(
        &self,
        user_id: &str,
        code_challenge: &str,
        method: &str,
        state: &str,
    ) -> Token {
        let mut st = self.lock();
        let code = format!("{}{}", st.new_token(), st.new_token());
        st.signin.sso_codes.insert(
            code.clone(),
            SsoCode {
                user_id: user_id.to_owned(),
                code_challenge: code_challenge.to_owned(),
                method: method.to_owned(),
                state: state.to_owned(),
            },
        );
        Token::new(code)
    }
}

/// The PKCE `S256` challenge of `verifier`: its SHA-256 in unpadded base64url
/// (`base64.RawURLEncoding`), as `loginSSOCodeExchange` computes it.
pub fn s256_challenge(verifier: &str) -> String {
    let sum = ring::digest::digest(&ring::digest::SHA256, verifier.as_bytes());
    base64(sum.as_ref())
        .trim_end_matches('=')
        .replace('+', "-")
        .replace('/', "_")
}

fn forbidden(id: &'static str, message: &str) -> Fail {
    Fail::new(StatusCode::FORBIDDEN, id, message)
}

/// The user with this email (any case), or the server's 404 (`GetUserByEmail`).
fn user_id_by_email(st: &State, email: &str) -> Result<String, Fail> {
    st.users
        .values()
        .find(|u| {
            str_field(u, "email")
                .is_some_and(|e| !email.is_empty() && e.eq_ignore_ascii_case(email))
        })
        .and_then(|u| str_field(u, "id"))
        .map(str::to_owned)
        .ok_or_else(Fail::user_not_found)
}

/// `CheckPasswordAndAllCriteria` (`server/channels/app/authentication.go`): the password,
/// then the MFA code for an account with MFA.
fn check_password_and_mfa(st: &State, id: &str, password: &str, code: &str) -> Result<(), Fail> {
    if password.is_empty() || st.passwords.get(id).map(String::as_str) != Some(password) {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.check_user_password.invalid.app_error",
            "Login failed because of invalid password.",
        ));
    }
    super::auth::check_mfa_code(st.user(id)?, code)
}

/// The email sign-in checks of `SwitchOAuthToEmail` / `SwitchLdapToEmail`.
fn email_sign_in_allowed(st: &State) -> Result<(), Fail> {
    let s = &st.admin.settings;
    if !s.enable_sign_up_with_email {
        return Err(forbidden(
            "api.user.auth_switch.not_available.email_signup_disabled.app_error",
            "Authentication Transfer is not available as email signup is disabled.",
        ));
    }
    if !s.enable_sign_in_with_email && !s.enable_sign_in_with_username {
        return Err(forbidden(
            "api.user.auth_switch.not_available.login_disabled.app_error",
            "Authentication Transfer is not available as email and username login are disabled.",
        ));
    }
    Ok(())
}

const SSO: &[&str] = &["saml", "gitlab", "google", "office365", "openid"];

/// `POST /users/login/switch` (`switchAccountType`): the body is `model.SwitchRequest`,
/// decoded strictly by type (a field that is not a string is a 400 `switch_request`); the
/// pair of services picks one of four switches, any other pair is a 400.
fn switch_account_type(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let body = body_obj(ctx, "switch_request")?;
    let field = |k: &str| -> Result<String, Fail> {
        match body.get(k) {
            None | Some(Value::Null) => Ok(String::new()),
            Some(Value::String(s)) => Ok(s.clone()),
            Some(_) => Err(Fail::invalid_body("switch_request").detail(format!(
                "json: cannot unmarshal into Go struct field SwitchRequest.{k} of type string"
            ))),
        }
    };
    let (current, new) = (field("current_service")?, field("new_service")?);
    let (email, password) = (field("email")?, field("password")?);
    let (new_password, mfa) = (field("new_password")?, field("mfa_code")?);
    let _ldap_id = field("ldap_id")?;
    let transfer = st.admin.settings.enable_authentication_transfer;
    let link = if current == "email" && SSO.contains(&new.as_str()) {
        // `SwitchEmailToOAuth` (server/channels/app/oauth.go).
        if !transfer {
            return Err(forbidden(
                "api.user.email_to_oauth.not_available.app_error",
                "Authentication Transfer not configured or available on this server.",
            ));
        }
        let id = user_id_by_email(st, &email)?;
        check_password_and_mfa(st, &id, &password, &mfa)?;
        let token = st.new_token();
        let site = st.admin.settings.site_url.clone();
        match new.as_str() {
            "saml" => format!("{site}/login/sso/saml?action=email_to_sso&email_token={token}"),
            "gitlab" if st.admin.settings.enable_gitlab => format!(
                "https://gitlab.example.com/oauth/authorize?response_type=code&client_id=fake-gitlab&state={token}"
            ),
            _ => {
                return Err(Fail::new(
                    StatusCode::NOT_IMPLEMENTED,
                    "api.user.authorize_oauth_user.unsupported.app_error",
                    "Unsupported OAuth service provider.",
                )
                .detail(format!("service={new}")))
            }
        }
    } else if SSO.contains(&current.as_str()) && new == "email" {
        // `SwitchOAuthToEmail`, after `c.SessionRequired()`.
        if ctx.auth.user_id.is_empty() {
            return Err(Fail::session_expired());
        }
        if !transfer {
            return Err(forbidden(
                "api.user.oauth_to_email.not_available.app_error",
                "Authentication Transfer not configured or available on this server.",
            ));
        }
        email_sign_in_allowed(st)?;
        let id = user_id_by_email(st, &email)?;
        if id != ctx.auth.user_id {
            return Err(forbidden(
                "api.user.oauth_to_email.context.app_error",
                "Update password failed because context user_id did not match provided user's id.",
            ));
        }
        st.password_policy.fail(&new_password)?;
        st.passwords.insert(id.clone(), new_password);
        let user = st.user_mut(&id)?;
        user.insert("auth_service".into(), json!(""));
        user.insert("auth_data".into(), Value::Null);
        user.insert("failed_attempts".into(), json!(0));
        set_now(st, &id, "last_password_update");
        st.sessions.retain(|s| s.user_id != id);
        "/login?extra=signin_change".to_owned()
    } else if current == "email" && new == "ldap" {
        // `SwitchEmailToLdap` (server/channels/app/ldap.go): sessions end before the LDAP
        // step, which a server without LDAP (the fake) cannot take.
        if !transfer {
            return Err(forbidden(
                "api.user.email_to_ldap.not_available.app_error",
                "AD/LDAP not available on this server.",
            ));
        }
        let id = user_id_by_email(st, &email)?;
        check_password_and_mfa(st, &id, &password, &mfa)?;
        st.sessions.retain(|s| s.user_id != id);
        return Err(Fail::new(
            StatusCode::NOT_IMPLEMENTED,
            "api.user.email_to_ldap.not_available.app_error",
            "AD/LDAP not available on this server.",
        ));
    } else if current == "ldap" && new == "email" {
        // `SwitchLdapToEmail`.
        if !transfer {
            return Err(forbidden(
                "api.user.ldap_to_email.not_available.app_error",
                "AD/LDAP not available on this server.",
            ));
        }
        email_sign_in_allowed(st)?;
        let id = user_id_by_email(st, &email)?;
        if str_field(st.user(&id)?, "auth_service") != Some("ldap") {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "api.user.ldap_to_email.not_ldap_account.app_error",
                "This account does not use AD/LDAP.",
            ));
        }
        return Err(Fail::new(
            StatusCode::NOT_IMPLEMENTED,
            "api.user.ldap_to_email.not_available.app_error",
            "AD/LDAP not available on this server.",
        ));
    } else {
        return Err(Fail::invalid_body("switch_request"));
    };
    Ok(json_reply(StatusCode::OK, &json!({ "follow_link": link })))
}

/// A `302 Found` to `location` with no body (Go's `http.Redirect` writes none for a POST).
fn found(location: &str) -> Reply {
    let mut resp = bytes_reply(StatusCode::FOUND, "text/plain; charset=utf-8", Bytes::new());
    resp.headers_mut().remove(CONTENT_TYPE);
    if let Ok(v) = HeaderValue::try_from(location) {
        resp.headers_mut().insert(LOCATION, v);
    }
    resp
}

/// Starts a session for `id` and sets its cookies on `resp` (`AttachSessionCookies`,
/// `server/channels/app/login.go`); returns the token and the CSRF token.
fn attach_session(st: &mut State, id: &str, resp: &mut Reply) -> (String, String) {
    let token = st.add_session(id, "", "fake");
    let csrf = st.new_token();
    for (name, value, http_only) in [
        ("MMAUTHTOKEN", token.as_str(), true),
        ("MMUSERID", id, false),
        ("MMCSRF", csrf.as_str(), false),
    ] {
        let cookie = format!(
            "{name}={value}; Path=/; Max-Age={COOKIE_MAX_AGE}{}",
            if http_only { "; HttpOnly" } else { "" }
        );
        if let Ok(v) = HeaderValue::try_from(cookie) {
            resp.headers_mut().append(SET_COOKIE, v);
        }
    }
    (token, csrf)
}

/// `POST /users/login/cws` (`loginCWS`): needs a Cloud licence (401); reads `login_id` and
/// `cws_token` from the form body (and the query, as `r.ParseForm()` does); any refusal is
/// a `302` to the site URL without cookies; success is the same `302` with the session
/// cookies. The token must equal the server's `CWS_CLOUD_TOKEN` and is used up.
fn login_cws(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    if !st.admin.settings.cloud_license {
        return Err(Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.user.login_cws.license.error",
            "Not a cloud licence.",
        ));
    }
    let is_form = ctx
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
    let mut form = if is_form {
        crate::util::query_pairs(std::str::from_utf8(ctx.body).ok())
    } else {
        Vec::new()
    };
    form.extend(ctx.query.iter().cloned());
    let first = |k: &str| {
        form.iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let (login_id, token) = (first("login_id"), first("cws_token"));
    let site = st.admin.settings.site_url.clone();
    // `AuthenticateUserForLogin` (server/channels/app/login.go) with a CWS token.
    let user = (!token.is_empty() && !login_id.is_empty())
        .then(|| {
            st.users.values().find(|u| {
                [str_field(u, "username"), str_field(u, "email")]
                    .into_iter()
                    .flatten()
                    .any(|v| v.eq_ignore_ascii_case(&login_id))
            })
        })
        .flatten()
        .filter(|u| u.get("is_bot").and_then(Value::as_bool) != Some(true))
        .and_then(|u| str_field(u, "id"))
        .map(str::to_owned);
    let accepted = st
        .admin
        .settings
        .cws_cloud_token
        .as_ref()
        .is_some_and(|t| t.expose() == token)
        && !st.signin.used_cws_tokens.contains(&token);
    let (Some(id), true) = (user, accepted) else {
        return Ok(found(&site));
    };
    st.signin.used_cws_tokens.push(token);
    let mut resp = found(&site);
    attach_session(st, &id, &mut resp);
    Ok(resp)
}

/// `POST /users/login/sso/code-exchange` (`loginSSOCodeExchange`).
fn sso_code_exchange(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let bad = |detail: &str| {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.oauth.get_access_token.bad_request.app_error",
            "invalid_request: Bad request.",
        )
        .detail(detail)
    };
    if !st.admin.settings.mobile_sso_code_exchange {
        return Err(bad("feature disabled"));
    }
    let props = super::account::string_map(ctx);
    let get = |k: &str| props.get(k).cloned().unwrap_or_default();
    let (code, verifier, state) = (get("login_code"), get("code_verifier"), get("state"));
    if code.is_empty() || verifier.is_empty() || state.is_empty() {
        return Err(Fail::invalid_body("login_code | code_verifier | state"));
    }
    // `ConsumeTokenOnce`: the code is gone whatever follows.
    let Some(stored) = st.signin.sso_codes.remove(&code) else {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "api.user.create_user.signup_link_invalid.app_error",
            "The signup link does not appear to be valid.",
        ));
    };
    if stored.user_id.is_empty() || stored.code_challenge.is_empty() || stored.state.is_empty() {
        return Err(bad(""));
    }
    if stored.state != state {
        return Err(bad("state mismatch"));
    }
    let computed = match stored.method.to_uppercase().as_str() {
        "S256" => s256_challenge(&verifier),
        "" => verifier,
        "PLAIN" => return Err(bad("plain SAML challenge method not supported")),
        _ => return Err(bad("unsupported SAML challenge method")),
    };
    if computed != stored.code_challenge {
        return Err(bad("SAML challenge mismatch"));
    }
    st.user(&stored.user_id)?;
    let mut resp = json_reply(StatusCode::OK, &json!({}));
    let (token, csrf) = attach_session(st, &stored.user_id, &mut resp);
    let body = json!({ "token": token, "csrf": csrf }).to_string();
    *resp.body_mut() = Bytes::from(body);
    Ok(resp)
}
