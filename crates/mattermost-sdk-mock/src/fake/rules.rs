//! Validation and clean-up rules the fake applies the way the server does: the password
//! policy, role names, Unicode sanitising of names, the shape of an MFA code and the
//! preference checks. Each rule names the server source it follows.

use http::StatusCode;

use super::reply::Fail;

/// The password policy [`FakeServer`](super::FakeServer) enforces when a password is set
/// (`PUT /users/{id}/password`). The default is the server's default configuration
/// (`PasswordSettings` in `server/public/model/config.go`): at least 8 bytes, at most 72
/// (`model.PasswordMaximumLength`), no character classes required. Change it with
/// [`FakeServer::set_password_policy`](super::FakeServer::set_password_policy).
///
/// A password that breaks it is a 400 whose id is built as the server builds it
/// (`server/channels/app/users/password.go`): `model.user.is_valid.pwd_min_length.app_error`,
/// `..._max_length...`, or `model.user.is_valid.pwd` followed by `_lowercase`, `_uppercase`,
/// `_number`, `_symbol` for each required class that is missing, then `.app_error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PasswordPolicy {
    /// Minimum length in bytes (`PasswordSettings.MinimumLength`, default 8).
    pub minimum_length: usize,
    /// Require a lowercase ASCII letter (default `false`).
    pub lowercase: bool,
    /// Require an uppercase ASCII letter (default `false`).
    pub uppercase: bool,
    /// Require an ASCII digit (default `false`).
    pub number: bool,
    /// Require a symbol (ASCII punctuation or space; default `false`).
    pub symbol: bool,
}

/// A test for one class of password characters.
type CharClass = fn(&u8) -> bool;

/// The longest password the server accepts, in bytes (`model.PasswordMaximumLength`).
pub const PASSWORD_MAXIMUM_LENGTH: usize = 72;

impl Default for PasswordPolicy {
    fn default() -> Self {
        PasswordPolicy {
            minimum_length: 8,
            lowercase: false,
            uppercase: false,
            number: false,
            symbol: false,
        }
    }
}

impl PasswordPolicy {
    /// `Err(id)` with the server's error id if `password` breaks the policy.
    pub fn check(&self, password: &str) -> Result<(), String> {
        if password.len() < self.minimum_length {
            return Err("model.user.is_valid.pwd_min_length.app_error".into());
        }
        if password.len() > PASSWORD_MAXIMUM_LENGTH {
            return Err("model.user.is_valid.pwd_max_length.app_error".into());
        }
        let mut id = String::from("model.user.is_valid.pwd");
        let classes: [(bool, &str, CharClass); 4] = [
            (self.lowercase, "_lowercase", u8::is_ascii_lowercase),
            (self.uppercase, "_uppercase", u8::is_ascii_uppercase),
            (self.number, "_number", u8::is_ascii_digit),
            (self.symbol, "_symbol", |b| {
                b.is_ascii_punctuation() || *b == b' '
            }),
        ];
        let mut missing = false;
        for (required, suffix, has) in classes {
            if required && !password.as_bytes().iter().any(has) {
                missing = true;
                id.push_str(suffix);
            }
        }
        if missing {
            id.push_str(".app_error");
            return Err(id);
        }
        Ok(())
    }

    /// The 400 the server answers for a password that breaks the policy.
    pub(crate) fn fail(&self, password: &str) -> Result<(), Fail> {
        self.check(password).map_err(|id| {
            Fail::new(
                StatusCode::BAD_REQUEST,
                leak_id(&id),
                format!(
                    "Your password does not meet the password policy (at least {} characters).",
                    self.minimum_length
                ),
            )
        })
    }
}

/// The error ids a policy can produce are finitely many; map each to a `'static` string.
fn leak_id(id: &str) -> &'static str {
    const IDS: &[&str] = &[
        "model.user.is_valid.pwd_min_length.app_error",
        "model.user.is_valid.pwd_max_length.app_error",
        "model.user.is_valid.pwd_lowercase.app_error",
        "model.user.is_valid.pwd_uppercase.app_error",
        "model.user.is_valid.pwd_number.app_error",
        "model.user.is_valid.pwd_symbol.app_error",
        "model.user.is_valid.pwd_lowercase_uppercase.app_error",
        "model.user.is_valid.pwd_lowercase_number.app_error",
        "model.user.is_valid.pwd_lowercase_symbol.app_error",
        "model.user.is_valid.pwd_uppercase_number.app_error",
        "model.user.is_valid.pwd_uppercase_symbol.app_error",
        "model.user.is_valid.pwd_number_symbol.app_error",
        "model.user.is_valid.pwd_lowercase_uppercase_number.app_error",
        "model.user.is_valid.pwd_lowercase_uppercase_symbol.app_error",
        "model.user.is_valid.pwd_lowercase_number_symbol.app_error",
        "model.user.is_valid.pwd_uppercase_number_symbol.app_error",
        "model.user.is_valid.pwd_lowercase_uppercase_number_symbol.app_error",
    ];
    IDS.iter()
        .copied()
        .find(|known| *known == id)
        .unwrap_or("model.user.is_valid.pwd.app_error")
}

/// The roles a default server knows (`server/public/model/role.go`, the built-in system, team,
/// channel, playbook and run roles). `PUT /users/{id}/roles` refuses any other name with
/// 400 `app.role.check_roles_exist.role_not_found` (`App.CheckRolesExist`).
pub const BUILT_IN_ROLES: &[&str] = &[
    "system_guest",
    "system_user",
    "system_admin",
    "system_post_all",
    "system_post_all_public",
    "system_user_access_token",
    "system_user_manager",
    "system_read_only_admin",
    "system_manager",
    "system_custom_group_admin",
    "team_guest",
    "team_user",
    "team_admin",
    "team_post_all",
    "team_post_all_public",
    "channel_guest",
    "channel_user",
    "channel_admin",
    "playbook_admin",
    "playbook_member",
    "run_admin",
    "run_member",
];

/// `model.IsValidRoleName`: 1 to 64 bytes of `[a-z0-9_]`.
pub(crate) fn is_valid_role_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// `model.SanitizeUnicode` (`server/public/model/utils.go`): drops the characters of the
/// W3C "not suitable for markup" list (deprecated combining marks, line/paragraph separators,
/// BiDi embedding controls, interlinear annotation, BOM, object replacement, musical
/// formatting symbols and language tags). Nothing else is changed, not even spaces.
pub(crate) fn sanitize_unicode(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !matches!(
                *c,
                '\u{0340}'
                    | '\u{0341}'
                    | '\u{17A3}'
                    | '\u{17D3}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{202A}'..='\u{202E}'
                    | '\u{206A}'..='\u{206F}'
                    | '\u{FFF9}'..='\u{FFFB}'
                    | '\u{FEFF}'
                    | '\u{FFFC}'
                    | '\u{1D173}'..='\u{1D17A}'
                    | '\u{E0000}'..='\u{E007F}'
            )
        })
        .collect()
}

/// True if `token` has the shape an authenticator code must have before it is compared
/// (`dgoogauth.OTPConfig.Authenticate`, used by `mfa.ValidateToken`): six digits, or eight
/// digits not starting with 0 (a scratch code). Anything else is the 400
/// `mfa.validate_token.authenticate.app_error`; a well-formed wrong code is the 401
/// `api.user.check_user_mfa.bad_code.app_error` (`App.CheckUserMfa`).
pub(crate) fn is_well_formed_mfa_code(token: &str) -> bool {
    let token = token.trim();
    let digits = token.bytes().all(|b| b.is_ascii_digit());
    digits && (token.len() == 6 || (token.len() == 8 && !token.starts_with('0')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy_ids_follow_the_server() {
        let p = PasswordPolicy::default();
        assert_eq!(
            p.check("short").unwrap_err(),
            "model.user.is_valid.pwd_min_length.app_error"
        );
        assert_eq!(
            p.check(&"x".repeat(73)).unwrap_err(),
            "model.user.is_valid.pwd_max_length.app_error"
        );
        assert!(p.check("longenough").is_ok());
        let strict = PasswordPolicy {
            minimum_length: 5,
            lowercase: true,
            uppercase: true,
            number: true,
            symbol: true,
        };
        assert_eq!(
            strict.check("asdasdasdasdasdasd").unwrap_err(),
            "model.user.is_valid.pwd_uppercase_number_symbol.app_error"
        );
        assert!(strict.check("asdASD!@#123").is_ok());
        for missing in [
            "AAAAAAAAAAASD123!@#",
            "aaaaaaaaaaaaasd123!@#",
            "asasdasdsadASD!@#",
            "asdasdasdasdasdASD123",
        ] {
            let id = strict.check(missing).unwrap_err();
            assert_eq!(leak_id(&id), id);
        }
    }

    #[test]
    fn sanitize_unicode_drops_the_block_list_only() {
        assert_eq!(sanitize_unicode("wiggin\u{fff9}"), "wiggin");
        assert_eq!(
            sanitize_unicode("Ender\u{0340} \u{fffc}Wiggin"),
            "Ender Wiggin"
        );
        assert_eq!(
            sanitize_unicode("\u{E0000}Ender\u{206d} Wiggin\u{E007F}"),
            "Ender Wiggin"
        );
        assert_eq!(sanitize_unicode("\u{1d173}Andrew\u{1d17a}"), "Andrew");
        assert_eq!(sanitize_unicode(" a b "), " a b ");
    }

    #[test]
    fn mfa_code_shapes() {
        assert!(is_well_formed_mfa_code("123456"));
        assert!(is_well_formed_mfa_code("12345678"));
        assert!(!is_well_formed_mfa_code("01234567"));
        assert!(!is_well_formed_mfa_code(""));
        assert!(!is_well_formed_mfa_code("abcdefgh"));
        assert!(!is_well_formed_mfa_code("FAKEMFASEEDSECRETAAAAAAAAAAAAAAA"));
    }
}
