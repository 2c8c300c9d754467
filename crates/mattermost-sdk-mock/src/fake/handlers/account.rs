//! Account flows: password reset and email verification by emailed token, an admin's
//! verification of a user's email, and the legacy MFA check. Checks in the order of
//! `server/channels/api4/user.go`; token rules of `server/channels/app/user.go` (one hour of
//! validity, `PasswordRecoverExpiryTime`; the token is deleted once used).
//!
//! The fake sends no mail: it keeps every email it "sent" ([`SentEmail`], read with
//! [`FakeServer::sent_emails`] and [`FakeServer::last_email_to`]).

#[allow(unused_imports)]
use super::*;

use mattermost_sdk_core::Token;

use super::super::FakeServer;

#[rustfmt::skip]
pub(in super::super) static ROUTES: &[Route] = &[
    Route("POST", "users/password/reset/send", false, send_password_reset),
    Route("POST", "users/password/reset", false, reset_password),
    Route("POST", "users/email/verify/send", false, send_verification),
    Route("POST", "users/email/verify", false, verify_email),
    Route("POST", "users/{}/email/verify/member", true, verify_member),
    Route("POST", "users/mfa", false, check_mfa),
];

/// `model.TokenSize` (`server/public/model/token.go`).
const TOKEN_SIZE: usize = 64;
/// `PasswordRecoverExpiryTime` (`server/channels/app/user.go`): one hour, in ms. The
/// verification token uses the same limit (`VerifyEmailFromToken`).
const EXPIRY_MS: i64 = 60 * 60 * 1000;

/// What an email the fake "sent" was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EmailKind {
    /// A password reset link (`POST /users/password/reset/send`).
    PasswordReset,
    /// An email verification link (`POST /users/email/verify/send`).
    Verification,
}

/// An email the fake "sent": to whom, what for, and the token its link holds (redacted in
/// `Debug`).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct SentEmail {
    /// The address (as stored on the user).
    pub to: String,
    /// What the email is for.
    pub kind: EmailKind,
    /// The token in the email's link: 64 characters, single use, valid one hour.
    pub token: Token,
    /// When it was sent, in ms since the epoch (the fake's clock).
    pub sent_at: i64,
}

/// A stored emailed token (`model.Token`: type, creation time, extra = user and email).
#[derive(Clone)]
pub(crate) struct EmailToken {
    kind: EmailKind,
    user_id: String,
    email: String,
    create_at: i64,
}

/// The emails sent and the tokens still unused.
#[derive(Default)]
pub(crate) struct AccountState {
    pub(crate) sent: Vec<SentEmail>,
    /// Token → what it is for.
    tokens: BTreeMap<String, EmailToken>,
}

impl FakeServer {
    /// Every email the fake has "sent" (password reset and verification), oldest first.
    pub fn sent_emails(&self) -> Vec<SentEmail> {
        self.lock().account.sent.clone()
    }

    /// The newest email "sent" to `address` (compared case-insensitively), if any.
    pub fn last_email_to(&self, address: &str) -> Option<SentEmail> {
        self.lock()
            .account
            .sent
            .iter()
            .rev()
            .find(|e| e.to.eq_ignore_ascii_case(address))
            .cloned()
    }

    /// Moves the fake's clock forward by `ms` milliseconds, so that a test can let an
    /// emailed token (valid one hour) expire.
    pub fn advance_clock(&self, ms: i64) {
        self.lock().advance(ms);
    }
}

/// The body read as the server's `model.MapFromJSON` reads it: a JSON object of strings; any
/// other body (or any non-string value) makes the whole map empty.
pub(super) fn string_map(ctx: &Ctx<'_>) -> BTreeMap<String, String> {
    let Ok(Value::Object(m)) = serde_json::from_slice::<Value>(ctx.body) else {
        return BTreeMap::new();
    };
    let mut out = BTreeMap::new();
    for (k, v) in m {
        match v {
            Value::String(s) => {
                out.insert(k, s);
            }
            _ => return BTreeMap::new(),
        }
    }
    out
}

fn user_by_email(st: &State, email: &str) -> Option<String> {
    st.users
        .values()
        .find(|u| str_field(u, "email").is_some_and(|e| e.eq_ignore_ascii_case(email)))
        .and_then(|u| str_field(u, "id"))
        .map(str::to_owned)
}

fn is_sso(user: &Obj) -> bool {
    str_field(user, "auth_data").is_some_and(|d| !d.is_empty())
}

fn send(st: &mut State, kind: EmailKind, user_id: &str, email: &str) {
    let token = format!("{:0>64}", format!("mail{}", st.new_token()));
    let now = st.now();
    st.account.tokens.insert(
        token.clone(),
        EmailToken {
            kind,
            user_id: user_id.to_owned(),
            email: email.to_owned(),
            create_at: now,
        },
    );
    st.account.sent.push(SentEmail {
        to: email.to_owned(),
        kind,
        token: Token::new(token),
        sent_at: now,
    });
}

/// `POST /users/password/reset/send` (`sendPasswordReset`, `App.SendPasswordReset`): a blank
/// email is a 400; an unknown one a 200 with nothing sent; an SSO account a 400.
fn send_password_reset(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let email = string_map(ctx)
        .remove("email")
        .unwrap_or_default()
        .to_lowercase();
    if email.is_empty() {
        return Err(Fail::invalid_body("email"));
    }
    let Some(id) = user_by_email(st, &email) else {
        return Ok(status_ok());
    };
    let user = st.user(&id)?;
    if is_sso(user) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.send_password_reset.sso.app_error",
            "Unable to reset password for SSO accounts.",
        ));
    }
    let to = str_field(user, "email").unwrap_or(&email).to_owned();
    send(st, EmailKind::PasswordReset, &id, &to);
    Ok(status_ok())
}

/// `POST /users/password/reset` (`resetPassword`, `App.ResetPasswordFromToken`).
fn reset_password(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let props = string_map(ctx);
    let token = props.get("token").map(String::as_str).unwrap_or("");
    if token.len() != TOKEN_SIZE {
        return Err(Fail::invalid_body("token"));
    }
    let new_password = props.get("new_password").map(String::as_str).unwrap_or("");
    let invalid = || {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.reset_password.invalid_link.app_error",
            "The reset link does not appear to be valid.",
        )
    };
    let expired = || {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.reset_password.link_expired.app_error",
            "The password reset link has expired.",
        )
    };
    let t = st.account.tokens.get(token).cloned().ok_or_else(invalid)?;
    if t.kind != EmailKind::PasswordReset {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.reset_password.broken_token.app_error",
            "The reset password token does not appear to be valid.",
        ));
    }
    if st.now() - t.create_at >= EXPIRY_MS {
        return Err(expired());
    }
    let user = st.user(&t.user_id)?;
    if str_field(user, "email") != Some(t.email.as_str()) {
        return Err(expired());
    }
    if is_sso(user) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.reset_password.sso.app_error",
            "Cannot reset password for SSO accounts.",
        ));
    }
    st.password_policy.fail(new_password)?;
    st.passwords
        .insert(t.user_id.clone(), new_password.to_owned());
    // `SqlUserStore.UpdatePassword` also clears the failed login attempts.
    st.user_mut(&t.user_id)?
        .insert("failed_attempts".into(), json!(0));
    set_now(st, &t.user_id, "last_password_update");
    st.account.tokens.remove(token);
    Ok(status_ok())
}

/// `POST /users/email/verify/send` (`sendVerificationEmail`): a blank email is a 400; any
/// other is a 200, sent only to a known account.
fn send_verification(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let email = string_map(ctx)
        .remove("email")
        .unwrap_or_default()
        .to_lowercase();
    if email.is_empty() {
        return Err(Fail::invalid_body("email"));
    }
    if let Some(id) = user_by_email(st, &email) {
        let to = str_field(st.user(&id)?, "email")
            .unwrap_or(&email)
            .to_owned();
        send(st, EmailKind::Verification, &id, &to);
    }
    Ok(status_ok())
}

/// `POST /users/email/verify` (`verifyUserEmail`, `App.VerifyEmailFromToken`): every failure
/// after the length check is a 400 `api.user.verify_email.bad_link.app_error`.
fn verify_email(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let props = string_map(ctx);
    let token = props.get("token").map(String::as_str).unwrap_or("");
    if token.len() != TOKEN_SIZE {
        return Err(Fail::invalid_body("token"));
    }
    let bad_link = || {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.verify_email.bad_link.app_error",
            "Bad verify email link.",
        )
    };
    let t = st
        .account
        .tokens
        .get(token)
        .cloned()
        .filter(|t| t.kind == EmailKind::Verification)
        .ok_or_else(bad_link)?;
    if st.now() - t.create_at >= EXPIRY_MS || !st.users.contains_key(&t.user_id) {
        return Err(bad_link());
    }
    st.user_mut(&t.user_id)?
        .insert("email_verified".into(), json!(true));
    set_now(st, &t.user_id, "update_at");
    st.account.tokens.remove(token);
    Ok(status_ok())
}

/// `POST /users/{id}/email/verify/member` (`verifyUserEmailWithoutToken`): the user is read
/// first (404), then `manage_system` is checked (403); the answer is the user as read before
/// the change.
fn verify_member(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let before = st.user(&id)?.clone();
    admin_only(ctx, "manage_system")?;
    st.user_mut(&id)?
        .insert("email_verified".into(), json!(true));
    set_now(st, &id, "update_at");
    Ok(json_reply(StatusCode::OK, &Value::Object(before)))
}

/// `POST /users/mfa`: current servers do not register it (404); with
/// [`FakeSettings::legacy_mfa`] on, the older servers' `checkUserMfa`: a blank `login_id` is
/// a 400, an unknown one `false`, a known one the user's `mfa_active`.
fn check_mfa(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    if !st.admin.settings.legacy_mfa {
        return Err(Fail::no_route());
    }
    let login_id = string_map(ctx).remove("login_id").unwrap_or_default();
    if login_id.is_empty() {
        return Err(Fail::invalid_body("login_id"));
    }
    let required = st
        .users
        .values()
        .find(|u| {
            [str_field(u, "username"), str_field(u, "email")]
                .into_iter()
                .flatten()
                .any(|v| v.eq_ignore_ascii_case(&login_id))
        })
        .and_then(|u| u.get("mfa_active").and_then(Value::as_bool))
        .unwrap_or(false);
    Ok(json_reply(
        StatusCode::OK,
        &json!({ "mfa_required": required }),
    ))
}
