//! Account flows without a session on [`Users`] (password reset and email verification by
//! emailed token, the deprecated MFA check) and an admin's verification of a user's email on
//! [`UserHandle`].

use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::{Secret, Token};

use crate::client::Call;
use crate::users::{UserHandle, Users};
use crate::IdArg;
use mattermost_sdk_core::UserId;

crate::users::user_ops! {
    /// `POST /users/{user_id}/email/verify/member`: marks the user's email verified without
    /// a token (`manage_system`). Returns the user as read before the change.
    fn mark_email_verified() -> VerifyUserEmailWithoutToken = |id| Ok(VerifyUserEmailWithoutToken::new(id));
}

impl Users {
    /// `POST /users/password/reset/send`: emails a password reset link to the account with
    /// this address (200 for an unknown address too). No session needed.
    pub fn send_password_reset_email(
        &self,
        email: impl Into<String>,
    ) -> Call<SendPasswordResetEmail> {
        Call::new(self.client(), Ok(SendPasswordResetEmail::new(email.into())))
    }

    /// `POST /users/password/reset`: sets `new_password` with the token of a reset email
    /// (64 characters, single use, valid one hour). No session needed.
    pub fn reset_password(
        &self,
        token: impl Into<Token>,
        new_password: impl Into<Secret>,
    ) -> Call<ResetPassword> {
        Call::new(
            self.client(),
            Ok(ResetPassword::new(token.into(), new_password.into())),
        )
    }

    /// `POST /users/email/verify/send`: emails a verification link to the account with this
    /// address (always 200). `.redirect(url)` sets where the link leads. No session needed.
    pub fn send_verification_email(&self, email: impl Into<String>) -> Call<SendVerificationEmail> {
        Call::new(self.client(), Ok(SendVerificationEmail::new(email.into())))
    }

    /// `POST /users/email/verify`: verifies an email with the token of a verification email
    /// (64 characters, single use, valid one hour). No session needed.
    pub fn verify_email(&self, token: impl Into<Token>) -> Call<VerifyUserEmail> {
        Call::new(self.client(), Ok(VerifyUserEmail::new(token.into())))
    }

    /// `POST /users/mfa`: whether the account needs an MFA code to log in.
    #[deprecated(
        note = "current Mattermost servers no longer register POST /users/mfa (404); older ones only with legacy MFA on: log in and handle the MFA error instead"
    )]
    #[allow(deprecated)]
    pub fn check_mfa(&self, login_id: impl Into<String>) -> Call<CheckUserMfa> {
        Call::new(self.client(), Ok(CheckUserMfa::new(login_id.into())))
    }
}

impl Call<SendVerificationEmail> {
    /// Where the emailed link leads after verifying (query `r`).
    pub fn redirect(self, url: impl Into<String>) -> Self {
        self.map(|ep| ep.redirect(url.into()))
    }
}

#[allow(deprecated)]
pub(crate) const OTHER_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
    SendPasswordResetEmail => "client.users().send_password_reset_email(email)",
    ResetPassword => "client.users().reset_password(token, new_password)",
    SendVerificationEmail => "client.users().send_verification_email(email)",
    VerifyUserEmail => "client.users().verify_email(token)",
    CheckUserMfa => "client.users().check_mfa(login_id) (deprecated)",
];
