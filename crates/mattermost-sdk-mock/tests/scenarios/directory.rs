//! The user directory: `user_test.go` (TestGetUsers*, TestGetNewUsersInTeam,
//! TestGetRecentlyActiveUsersInTeam, TestGetActiveUsersInTeam, TestCreateUser*,
//! TestUserUnicodeNames, TestAutocompleteUsers*, TestGetUserByUsername, TestGetUserByEmail,
//! TestGetUsersByIds*, TestGetUsersByUsernames, TestGetUsersByNames,
//! TestGetUsersByGroupChannelIds, TestGetKnownUsers, TestSearchUsers*, TestGetTotalUsersStat,
//! TestGetFilteredUsersStats, TestGetUsersWithInvalidEmails) and `status_test.go`
//! (TestGetUsersStatusesByIds). The fake's handlers: `handlers/directory.rs`, `search.rs`,
//! `stats.rs`.

use super::{row, step, Check, Table, Who::*};

const PRIVACY: &str = "PrivacySettings.ShowEmailAddress/ShowFullName=false are not modelled: the fake runs with the defaults (both true)";
const GROUPS_CUSTOM: &str = "custom (non-LDAP) groups and group membership changes are not modelled: the fake has one seeded LDAP group";
const CHANNELS: &str =
    "channel membership is not modelled: a channel's members are its team's members";
const INVITES: &str = "team invitations (tokens, the seeded teams' invite_id) are not modelled";

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetUsers",
        method: "GET",
        route: "users",
        rows: &[
            row("TestGetUsers", User, "GET", "/users?page=0&per_page=60", "", 200, ""),
            row("TestGetUsers", User, "GET", "/users?page=0&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsers", User, "GET", "/users?page=1&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsers", User, "GET", "/users?page=10000&per_page=100", "", 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsers", User, "GET", "/users", "", 200, ""),
            row("TestGetUsers", User, "GET", "/users?page=0&per_page=5&in_channel=random_channel_id&channel_roles=random_role_doesnt_exist", "", 400, "api.context.invalid_body_param.app_error"),
            row("TestGetUsers", User, "GET", "/users?page=0&per_page=5&in_team=random_channel_id&team_roles=random_role_doesnt_exist", "", 400, "api.context.invalid_body_param.app_error"),
            row("TestGetUsers", User, "GET", "/users?page=0&per_page=5&roles=random_role_doesnt_exist%2Csystem_user", "", 400, "api.context.invalid_body_param.app_error"),
            row("TestGetUsers", User, "GET", "/users?page=0&per_page=5&role=random_role_doesnt_exist", "", 400, "api.context.invalid_body_param.app_error"),
            row("TestGetUsers", Anonymous, "GET", "/users?page=0&per_page=60", "", 401, ""),
            row("TestGetNewUsersInTeam", User, "GET", "/users?in_team={team}&sort=create_at&page=0&per_page=60", "", 200, ""),
            row("TestGetNewUsersInTeam", User, "GET", "/users?in_team={team}&sort=create_at&page=1&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetNewUsersInTeam", Anonymous, "GET", "/users?in_team={team}&sort=create_at&page=1&per_page=1", "", 401, ""),
            row("TestGetRecentlyActiveUsersInTeam", User, "GET", "/users?in_team={team}&sort=last_activity_at&page=0&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetRecentlyActiveUsersInTeam", User, "GET", "/users?in_team={team}&sort=last_activity_at&page=0&per_page=60", "", 200, "")
                .skip("last_activity_at is not modelled (set by activity on the server)"),
            row("TestGetRecentlyActiveUsersInTeam", Anonymous, "GET", "/users?in_team={team}&sort=last_activity_at&page=0&per_page=1", "", 401, ""),
            // Carol (deactivated) is in team alpha with admin, alice and bob.
            row("TestGetActiveUsersInTeam", User, "GET", "/users?in_team={team}&active=true&page=0&per_page=60", "", 200, "").expect(&[Check::Len("", 3)]),
            row("TestGetActiveUsersInTeam", User, "GET", "/users?in_team={team}&active=true&page=0&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetActiveUsersInTeam", User, "GET", "/users?inactive=true&active=true", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetActiveUsersInTeam", Anonymous, "GET", "/users?in_team={team}&active=true&page=0&per_page=1", "", 401, ""),
            row("TestGetUsersWithoutTeam", User, "GET", "/users?without_team=true&page=0&per_page=100", "", 403, "api.context.permissions.app_error"),
            // The row's new user is the only one without a team.
            row("TestGetUsersWithoutTeam", Admin, "GET", "/users?without_team=true&page=0&per_page=100", "", 200, "")
                .expect(&[Check::Len("", 1), Check::Json("/0/username", r#""newbie""#)]),
            row("TestGetUsersInTeam", User, "GET", "/users?in_team={team}&page=0&per_page=60", "", 200, ""),
            row("TestGetUsersInTeam", User, "GET", "/users?in_team={team}&page=0&per_page=60", "", 304, "")
                .before(&[step(User, "GET", "/users?in_team={team}&page=0&per_page=60", "")])
                .header("If-None-Match", "{etag}"),
            row("TestGetUsersInTeam", User, "GET", "/users?in_team={team}&page=0&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersInTeam", User, "GET", "/users?in_team={team}&page=1&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersInTeam", User, "GET", "/users?in_team={team}&page=10000&per_page=100", "", 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersInTeam", Anonymous, "GET", "/users?in_team={team}&page=0&per_page=60", "", 401, ""),
            row("TestGetUsersInTeam", New, "GET", "/users?in_team={team}&page=0&per_page=60", "", 403, "api.context.permissions.app_error"),
            row("TestGetUsersInTeam", Admin, "GET", "/users?in_team={team}&page=0&per_page=60", "", 200, ""),
            // Only the row's new user is outside team alpha.
            row("TestGetUsersNotInTeam", User, "GET", "/users?not_in_team={team}&page=0&per_page=60", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersNotInTeam", User, "GET", "/users?not_in_team={team}&page=0&per_page=60", "", 304, "")
                .before(&[step(User, "GET", "/users?not_in_team={team}&page=0&per_page=60", "")])
                .header("If-None-Match", "{etag}"),
            row("TestGetUsersNotInTeam", User, "GET", "/users?not_in_team={team}&page=0&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersNotInTeam", User, "GET", "/users?not_in_team={team}&page=2&per_page=1", "", 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersNotInTeam", Anonymous, "GET", "/users?not_in_team={team}&page=0&per_page=60", "", 401, ""),
            row("TestGetUsersNotInTeam", New, "GET", "/users?not_in_team={team}&page=0&per_page=60", "", 403, "api.context.permissions.app_error"),
            row("TestGetUsersNotInTeam", Admin, "GET", "/users?not_in_team={team}&page=0&per_page=60", "", 200, ""),
            row("TestGetUsersInChannel", User, "GET", "/users?in_channel={channel}&page=0&per_page=60", "", 200, ""),
            row("TestGetUsersInChannel", User, "GET", "/users?in_channel={channel}&page=0&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersInChannel", User, "GET", "/users?in_channel={channel}&page=1&per_page=1", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersInChannel", User, "GET", "/users?in_channel={channel}&page=10000&per_page=100", "", 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersInChannel", Anonymous, "GET", "/users?in_channel={channel}&page=0&per_page=60", "", 401, ""),
            row("TestGetUsersInChannel", New, "GET", "/users?in_channel={channel}&page=0&per_page=60", "", 403, "api.context.permissions.app_error"),
            row("TestGetUsersInChannel", Admin, "GET", "/users?in_channel={channel}&page=0&per_page=60", "", 200, ""),
            row("TestGetUsersInChannel", User, "GET", "/users?in_channel={channel}&page=0&per_page=1000", "", 200, "")
                .skip("archived channels are not modelled"),
            row("TestGetUsersNotInChannel", User, "GET", "/users?in_team={team}&not_in_channel={channel}&page=0&per_page=60", "", 200, ""),
            row("TestGetUsersNotInChannel", User, "GET", "/users?in_team={team}&not_in_channel={channel}&page=0&per_page=1", "", 200, "")
                .expect(&[Check::Len("", 1)]).skip(CHANNELS),
            row("TestGetUsersNotInChannel", User, "GET", "/users?in_team={team}&not_in_channel={channel}&page=10000&per_page=100", "", 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersNotInChannel", Anonymous, "GET", "/users?in_team={team}&not_in_channel={channel}&page=0&per_page=60", "", 401, ""),
            row("TestGetUsersNotInChannel", New, "GET", "/users?in_team={team}&not_in_channel={channel}&page=0&per_page=60", "", 403, "api.context.permissions.app_error"),
            row("TestGetUsersNotInChannel", Admin, "GET", "/users?in_team={team}&not_in_channel={channel}&page=0&per_page=60", "", 200, ""),
            row("TestGetUsersInGroup", Admin, "GET", "/users?in_group={group}&page=0&per_page=60", "", 403, "")
                .with(|f| f.configure(|s| s.ldap_groups = false)),
            row("TestGetUsersInGroup", User, "GET", "/users?in_group={group}&page=0&per_page=60", "", 403, ""),
            row("TestGetUsersInGroup", Admin, "GET", "/users?in_group={group}&page=0&per_page=60", "", 200, "").expect(&[Check::Len("", 2)]),
            row("TestGetUsersInGroup", Admin, "GET", "/users?in_group={group}&page=5&per_page=60", "", 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersInGroup", User, "GET", "/users?in_group={unknown}&page=0&per_page=60", "", 200, "").skip(GROUPS_CUSTOM),
            row("TestGetUsersInGroupByDisplayName", Admin, "GET", "/users?in_group={group}&sort=display_name&page=0&per_page=1", "", 200, "")
                .skip("the display_settings name_format preference does not steer sorting in the fake"),
        ],
    },
    Table {
        operation: "CreateUser",
        method: "POST",
        route: "users",
        rows: &[
            row("TestCreateUser", Admin, "POST", "/users", r#"{"id":"{unknown}","email":"corey@example.com","nickname":"Corey Hulen","password":"hello123","username":"corey"}"#, 400, ""),
            // Roles, delete_at and times are the server's; an admin's request may verify the email.
            row("TestCreateUser", Admin, "POST", "/users",
                r#"{"email":"corey@example.com","nickname":"Corey Hulen","password":"hello123","username":"corey","roles":"system_admin system_user","email_verified":true,"delete_at":1,"create_at":1,"update_at":1,"last_activity_at":1}"#, 201, "")
                .expect(&[
                    Check::Json("/roles", r#""system_user""#),
                    Check::Json("/delete_at", "0"),
                    Check::Json("/nickname", r#""Corey Hulen""#),
                    Check::Json("/email_verified", "true"),
                    Check::Then(Anonymous, "POST", "/users/login", r#"{"login_id":"corey@example.com","password":"hello123"}"#, 200),
                ]),
            row("TestCreateUser", Admin, "POST", "/users", r#"{"email":"alice@example.com","password":"passwd12","username":"corey"}"#, 400, "app.user.save.email_exists.app_error"),
            row("TestCreateUser", Admin, "POST", "/users", r#"{"email":"corey@example.com","password":"passwd12","username":"alice"}"#, 400, "app.user.save.username_exists.app_error"),
            row("TestCreateUser", Admin, "POST", "/users", r#"{"email":"","password":"passwd12","username":"corey"}"#, 400, "model.user.is_valid.email.app_error"),
            row("TestCreateUser", Admin, "POST", "/users", r#"{"email":"corey@example.com","password":"passwd12","username":"testinvalid+++"}"#, 400, "model.user.is_valid.username.app_error"),
            row("TestCreateUser", Admin, "POST", "/users", "garbage", 400, "api.context.invalid_body_param.app_error"),
            row("TestCreateUser", Admin, "POST", "/users", r#"{"email":" alice@example.com  ","password":"Password1","username":"corey"}"#, 400, ""),
            row("TestCreateUser", Anonymous, "POST", "/users", r#"{"email":"corey@example.com","password":"hello123","username":"corey"}"#, 201, "")
                .skip("TeamSettings.EnableOpenServer=true is not modelled: the fake runs the server's default (off), so open sign-up is 403 api.user.create_user.no_open_server"),
            row("TestCreateUserPasswordValidation", Admin, "POST", "/users", r#"{"email":"corey@example.com","password":"xx","username":"corey"}"#, 400, "model.user.is_valid.pwd_min_length.app_error"),
            row("TestCreateUserPasswordValidation", Admin, "POST", "/users", r#"{"email":"corey@example.com","password":"{x*73}","username":"corey"}"#, 400, "model.user.is_valid.pwd_max_length.app_error"),
            row("TestCreateUserPasswordValidation", Admin, "POST", "/users", r#"{"email":"corey@example.com","password":"{x*72}","username":"corey"}"#, 201, ""),
            row("TestCreateUserPasswordValidation", Admin, "POST", "/users", r#"{"email":"corey@example.com","password":"asdasdasdasdasdasd","username":"corey"}"#, 400, "model.user.is_valid.pwd_uppercase_number_symbol.app_error")
                .with(|f| f.set_password_policy(mattermost_sdk_mock::fake::PasswordPolicy { minimum_length: 8, lowercase: true, uppercase: true, number: true, symbol: true })),
            row("TestCreateUserPasswordValidation", Admin, "POST", "/users", r#"{"email":"corey@example.com","password":"asdASD!@#123","username":"corey"}"#, 201, "")
                .with(|f| f.set_password_policy(mattermost_sdk_mock::fake::PasswordPolicy { minimum_length: 8, lowercase: true, uppercase: true, number: true, symbol: true })),
            // RestrictCreationToDomains is example.com in the fake; SSO accounts are exempt.
            row("TestCreateUserInputFilter", Admin, "POST", "/users", r#"{"email":"foobar+testdomainrestriction@mattermost.org","password":"Password1","username":"corey"}"#, 400, ""),
            row("TestCreateUserInputFilter", Admin, "POST", "/users", r#"{"email":"foobar+testdomainrestriction@mattermost.org","username":"corey","auth_service":"ldap","auth_data":"999099"}"#, 201, "")
                .expect(&[Check::Json("/auth_service", r#""ldap""#), Check::Json("/auth_data", r#""999099""#)]),
            row("TestCreateUserInputFilter", Admin, "POST", "/users", r#"{"id":"AAAAAAAAAAAAAAAAAAAAAAAAAA","email":"foobar+testinvalidid@example.com","password":"Password1","username":"corey"}"#, 400, ""),
            row("TestGetUsers", Admin, "POST", "/users", r#"{"email":"ldapuser@example.com","username":"ldapuser","auth_service":"ldap","auth_data":"ldapid"}"#, 201, "")
                .expect(&[Check::Json("/auth_service", r#""ldap""#), Check::Json("/auth_data", r#""ldapid""#)]),
            row("TestCreateUserWithToken", Anonymous, "POST", "/users?t=wrong", r#"{"email":"corey@example.com","password":"hello123","username":"corey"}"#, 404, "api.user.create_user.signup_link_invalid.app_error"),
            row("TestCreateUserWithToken", Anonymous, "POST", "/users?t=x", "", 201, "").skip(INVITES),
            row("TestCreateUserWithInviteId", Anonymous, "POST", "/users?iid={unknown}", r#"{"email":"corey@example.com","password":"hello123","username":"corey"}"#, 404, "app.team.get_by_invite_id.finding.app_error"),
            row("TestCreateUserWithInviteId", Anonymous, "POST", "/users?iid=x", "", 201, "").skip(INVITES),
            row("TestUserUnicodeNames", Admin, "POST", "/users",
                r#"{"email":"wiggin@example.com","first_name":"Andrew\u202e","last_name":"\ufeffWiggin","nickname":"Ender\u2028 Wiggin","password":"hello123","username":"\ufeffwiggin77"}"#, 201, "")
                .expect(&[
                    Check::Json("/username", r#""wiggin77""#),
                    Check::Json("/first_name", r#""Andrew""#),
                    Check::Json("/last_name", r#""Wiggin""#),
                    Check::Json("/nickname", r#""Ender Wiggin""#),
                ]),
        ],
    },
    Table {
        operation: "AutocompleteUsers",
        method: "GET",
        route: "users/autocomplete",
        rows: &[
            row("TestAutocompleteUsersInChannel", User, "GET", "/users/autocomplete?in_team={team}&in_channel={channel}&name=alice&limit=100", "", 200, "").expect(&[Check::Len("/users", 1)]),
            row("TestAutocompleteUsersInChannel", User, "GET", "/users/autocomplete?in_team={team}&in_channel={channel}&name=amazonses&limit=100", "", 200, "").expect(&[Check::Len("/users", 0)]),
            row("TestAutocompleteUsersInChannel", User, "GET", "/users/autocomplete?in_team={team}&in_channel={channel}&name=&limit=100", "", 200, ""),
            row("TestAutocompleteUsersInChannel", User, "GET", "/users/autocomplete?in_channel={channel}&name=&limit=100", "", 0, "api.user.autocomplete_users.missing_team_id.app_error"),
            row("TestAutocompleteUsersInChannel", Anonymous, "GET", "/users/autocomplete?in_team={team}&in_channel={channel}&name=alice&limit=100", "", 401, ""),
            row("TestAutocompleteUsersInChannel", New, "GET", "/users/autocomplete?in_team={team}&in_channel={channel}&name=alice&limit=100", "", 403, ""),
            row("TestAutocompleteUsersInChannel", User, "GET", "/users/autocomplete?in_team=otherTeamId&in_channel={channel}&name=alice&limit=100", "", 0, "api.context.permissions.app_error"),
            row("TestAutocompleteUsersInChannel", User, "GET", "/users/autocomplete?in_team={team}&in_channel={channel}&name=alice", "", 200, "").skip(PRIVACY),
            row("TestAutocompleteUsersInTeam", User, "GET", "/users/autocomplete?in_team={team}&name=alice&limit=100", "", 200, "").expect(&[Check::Len("/users", 1)]),
            row("TestAutocompleteUsersInTeam", User, "GET", "/users/autocomplete?in_team={team}&name=amazonses&limit=100", "", 200, "").expect(&[Check::Len("/users", 0)]),
            row("TestAutocompleteUsersInTeam", User, "GET", "/users/autocomplete?in_team={team}&name=&limit=100", "", 200, ""),
            row("TestAutocompleteUsersInTeam", Anonymous, "GET", "/users/autocomplete?in_team={team}&name=alice&limit=100", "", 401, ""),
            row("TestAutocompleteUsersInTeam", New, "GET", "/users/autocomplete?in_team={team}&name=alice&limit=100", "", 403, ""),
            row("TestAutocompleteUsersInTeam", User, "GET", "/users/autocomplete?in_team={team}&name=alice", "", 200, "").skip(PRIVACY),
            row("TestAutocompleteUsers", User, "GET", "/users/autocomplete?name=alice&limit=100", "", 200, "").expect(&[Check::Len("/users", 1)]),
            row("TestAutocompleteUsers", User, "GET", "/users/autocomplete?name=amazonses&limit=100", "", 200, "").expect(&[Check::Len("/users", 0)]),
            row("TestAutocompleteUsers", User, "GET", "/users/autocomplete?name=&limit=100", "", 200, ""),
            row("TestAutocompleteUsers", Anonymous, "GET", "/users/autocomplete?name=alice&limit=100", "", 401, ""),
            row("TestAutocompleteUsers", New, "GET", "/users/autocomplete?name=alice&limit=100", "", 200, ""),
            row("TestAutocompleteUsers", User, "GET", "/users/autocomplete?name=alice", "", 200, "").skip(PRIVACY),
        ],
    },
    Table {
        operation: "GetUserByUsername",
        method: "GET",
        route: "users/username/{}",
        rows: &[
            row("TestGetUserByUsername", User, "GET", "/users/username/alice", "", 200, "")
                .expect(&[Check::Json("/email", r#""alice@example.com""#), Check::Json("/notify_props/email", r#""true""#)]),
            row("TestGetUserByUsername", User, "GET", "/users/username/alice", "", 304, "")
                .before(&[step(User, "GET", "/users/username/alice", "")])
                .header("If-None-Match", "{etag}"),
            row("TestGetUserByUsername", User, "GET", "/users/username/nosuchuser", "", 404, ""),
            row("TestGetUserByUsername", Anonymous, "GET", "/users/username/alice", "", 401, ""),
            row("TestGetUserByUsername", Admin, "GET", "/users/username/alice", "", 200, "").expect(&[Check::Json("/first_name", r#""Alice""#)]),
            row("TestGetUserByUsername", User, "GET", "/users/username/bob", "", 200, "").skip(PRIVACY),
            row("TestGetUserByUsernameWithAcceptedTermsOfService", User, "GET", "/users/username/alice", "", 200, "")
                .skip("terms of service are not modelled"),
        ],
    },
    Table {
        operation: "GetUserByEmail",
        method: "GET",
        route: "users/email/{}",
        rows: &[
            row("TestGetUserByEmail", User, "GET", "/users/email/bob@example.com", "", 200, "").expect(&[Check::Json("/email", r#""bob@example.com""#)]),
            row("TestGetUserByEmail", User, "GET", "/users/email/email%2Fwith%2Fslashes@example.com", "", 200, "")
                .before(&[step(Admin, "POST", "/users", r#"{"email":"email/with/slashes@example.com","username":"slashed","password":"Pa$$word11"}"#)])
                .expect(&[Check::Json("/username", r#""slashed""#)]),
            row("TestGetUserByEmail", User, "GET", "/users/email/bob@example.com", "", 304, "")
                .before(&[step(User, "GET", "/users/email/bob@example.com", "")])
                .header("If-None-Match", "{etag}"),
            row("TestGetUserByEmail", User, "GET", "/users/email/notanemail", "", 400, ""),
            row("TestGetUserByEmail", User, "GET", "/users/email/nobody@example.com", "", 404, ""),
            row("TestGetUserByEmail", User, "GET", "/users/email/bob@example.com", "", 403, "").skip(PRIVACY),
            row("TestGetUserByEmail", Admin, "GET", "/users/email/bob@example.com", "", 200, "").expect(&[Check::Json("/first_name", r#""Bob""#)]),
        ],
    },
    Table {
        operation: "GetUsersByIds",
        method: "POST",
        route: "users/ids",
        rows: &[
            row("TestGetUsersByIds", User, "POST", "/users/ids", r#"["{alice}"]"#, 200, "").expect(&[Check::Json("/0/username", r#""alice""#)]),
            row("TestGetUsersByIds", User, "POST", "/users/ids", "[]", 400, ""),
            row("TestGetUsersByIds", User, "POST", "/users/ids", r#"["junk"]"#, 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersByIds", User, "POST", "/users/ids", r#"["junk","{alice}"]"#, 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersByIds", User, "POST", "/users/ids", r#"["{alice}","{alice}","{alice}"]"#, 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersByIds", Anonymous, "POST", "/users/ids", r#"["{alice}"]"#, 401, ""),
            row("TestGetUsersByIdsWithOptions", User, "POST", "/users/ids?since=9999999999999", r#"["{alice}","{bob}"]"#, 200, "").expect(&[Check::Len("", 0)]),
        ],
    },
    Table {
        operation: "GetUsersByUsernames",
        method: "POST",
        route: "users/usernames",
        rows: &[
            row("TestGetUsersByUsernames", User, "POST", "/users/usernames", r#"["alice"]"#, 200, "").expect(&[Check::Json("/0/username", r#""alice""#)]),
            row("TestGetUsersByUsernames", User, "POST", "/users/usernames", r#"["junk"]"#, 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersByUsernames", User, "POST", "/users/usernames", r#"["junk","alice"]"#, 200, "").expect(&[Check::Len("", 1)]),
            row("TestGetUsersByUsernames", Anonymous, "POST", "/users/usernames", r#"["alice"]"#, 401, ""),
            row("TestGetUsersByNames", User, "POST", "/users/usernames", r#"["alice","bob"]"#, 200, "").expect(&[Check::Len("", 2)]),
            row("TestGetUsersByNames", User, "POST", "/users/usernames", r#"["invalid1","invalid2"]"#, 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersByNames", User, "POST", "/users/usernames", "[]", 400, ""),
            row("TestGetUsersByNames", Admin, "POST", "/users/usernames", r#"["alice"]"#, 200, "").expect(&[Check::Len("", 1)]),
        ],
    },
    Table {
        operation: "GetUsersByGroupChannelIds",
        method: "POST",
        route: "users/group_channels",
        rows: &[
            row("TestGetUsersByGroupChannelIds", User, "POST", "/users/group_channels", r#"["{unknown}"]"#, 200, "")
                .skip("group message channels are not modelled"),
            // A channel the caller is in no group message with: no entry for it.
            row("TestGetUsersByGroupChannelIds", Other, "POST", "/users/group_channels", r#"["{unknown}"]"#, 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersByGroupChannelIds", Anonymous, "POST", "/users/group_channels", r#"["{unknown}"]"#, 401, ""),
        ],
    },
    Table {
        operation: "GetKnownUsers",
        method: "GET",
        route: "users/known",
        rows: &[
            row("TestGetKnownUsers", New, "GET", "/users/known", "", 200, "").expect(&[Check::Len("", 0)]),
            // Alice shares the channels of team alpha with admin, bob and carol.
            row("TestGetKnownUsers", User, "GET", "/users/known", "", 200, "").expect(&[Check::Len("", 3)]),
            row("TestGetKnownUsers", Other, "GET", "/users/known", "", 200, "").skip(CHANNELS),
        ],
    },
    Table {
        operation: "SearchUsers",
        method: "POST",
        route: "users/search",
        rows: &[
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice"}"#, 200, "").expect(&[Check::Json("/0/username", r#""alice""#)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"bob","allow_inactive":false}"#, 200, "")
                .before(&[step(Admin, "PUT", "/users/{bob}/active", r#"{"active":false}"#)])
                .expect(&[Check::Len("", 0)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"bob","allow_inactive":true}"#, 200, "")
                .before(&[step(Admin, "PUT", "/users/{bob}/active", r#"{"active":false}"#)])
                .expect(&[Check::Len("", 1)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","team_id":"{team}"}"#, 200, "").expect(&[Check::Len("", 1)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","team_id":"{team}","not_in_channel_id":"{channel}"}"#, 200, "").expect(&[Check::Len("", 0)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","in_channel_id":"{channel}"}"#, 200, "").expect(&[Check::Len("", 1)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","not_in_channel_id":"{channel}"}"#, 400, ""),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","not_in_channel_id":"{unknown}","team_id":"{unknown}"}"#, 403, ""),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","team_id":"{unknown}"}"#, 403, ""),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","in_channel_id":"{unknown}"}"#, 403, ""),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","not_in_team_id":"{team}"}"#, 200, "").expect(&[Check::Len("", 0)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"newbie","not_in_team_id":"{team}"}"#, 200, "").expect(&[Check::Len("", 1)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","not_in_team_id":"{unknown}"}"#, 403, ""),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"bob@example.com"}"#, 200, "").skip(PRIVACY),
            // With both in_channel_id and not_in_channel_id, the server searches in the channel.
            row("TestSearchUsers", Admin, "POST", "/users/search", r#"{"term":"Alice","in_channel_id":"{channel}","not_in_channel_id":"{channel}","team_id":"{team}"}"#, 200, "")
                .expect(&[Check::Len("", 1)]),
            row("TestSearchUsers", Admin, "POST", "/users/search", r#"{"term":"alice","in_group_id":"{group}"}"#, 403, "")
                .with(|f| f.configure(|s| s.ldap_groups = false)),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","in_group_id":"{group}"}"#, 403, ""),
            row("TestSearchUsers", Admin, "POST", "/users/search", r#"{"term":"alice","in_group_id":"{group}"}"#, 200, "").expect(&[Check::Json("/0/username", r#""alice""#)]),
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"alice","not_in_group_id":"{unknown}"}"#, 200, "").skip(GROUPS_CUSTOM),
            // A regular user does not see an SSO account's auth_data; an admin does.
            row("TestSearchUsers", User, "POST", "/users/search", r#"{"term":"ldapuser"}"#, 200, "")
                .before(&[step(Admin, "POST", "/users", r#"{"email":"ldapuser@example.com","username":"ldapuser","auth_service":"ldap","auth_data":"some auth data"}"#)])
                .expect(&[Check::Len("", 1), Check::Json("/0/auth_data", "null")]),
            row("TestSearchUsers", Admin, "POST", "/users/search", r#"{"term":"ldapuser"}"#, 200, "")
                .before(&[step(Admin, "POST", "/users", r#"{"email":"ldapuser@example.com","username":"ldapuser","auth_service":"ldap","auth_data":"some auth data"}"#)])
                .expect(&[Check::Len("", 1), Check::Json("/0/auth_data", r#""some auth data""#)]),
            row("TestSearchUsersWithMfaEnforced", User, "POST", "/users/search", r#"{"term":"user"}"#, 403, "api.context.mfa_required.app_error")
                .skip("ServiceSettings.EnforceMultifactorAuthentication is not modelled"),
        ],
    },
    Table {
        operation: "GetTotalUsersStats",
        method: "GET",
        route: "users/stats",
        rows: &[
            // Active users, bots included: admin, alice, bob and the row's new user.
            row("TestGetTotalUsersStat", User, "GET", "/users/stats", "", 200, "").expect(&[Check::Json("/total_users_count", "4")]),
            row("TestGetTotalUsersStat", User, "GET", "/users/stats", "", 200, "")
                .before(&[step(Admin, "POST", "/users/{new}/convert_to_bot", "")])
                .expect(&[Check::Json("/total_users_count", "4")]),
            row("TestGetTotalUsersStat", Anonymous, "GET", "/users/stats", "", 401, ""),
        ],
    },
    Table {
        operation: "GetTotalUsersStatsFiltered",
        method: "GET",
        route: "users/stats/filtered",
        rows: &[
            row("TestGetFilteredUsersStats", Admin, "GET", "/users/stats/filtered?in_team={team}&include_deleted=false&include_bots=false", "", 200, "")
                .expect(&[Check::Json("/total_users_count", "3")]),
            row("TestGetFilteredUsersStats", User, "GET", "/users/stats/filtered?in_team={team}&include_deleted=false&include_bots=false", "", 403, "api.context.permissions.app_error"),
            row("TestGetFilteredUsersStats", Admin, "GET", "/users/stats/filtered?in_team=invalid_team_id", "", 200, "")
                .expect(&[Check::Json("/total_users_count", "0")]),
            row("TestGetFilteredUsersStats", Admin, "GET", "/users/stats/filtered?in_team={team}&roles=system_user", "", 200, "")
                .expect(&[Check::Json("/total_users_count", "3")]),
            row("TestGetFilteredUsersStats", Admin, "GET", "/users/stats/filtered?in_team={team}&team_roles=team_user", "", 200, "")
                .expect(&[Check::Json("/total_users_count", "3")]),
        ],
    },
    Table {
        operation: "GetUsersStatusesByIds",
        method: "POST",
        route: "users/status/ids",
        rows: &[
            row("TestGetUsersStatusesByIds", User, "POST", "/users/status/ids", "[]", 400, ""),
            row("TestGetUsersStatusesByIds", User, "POST", "/users/status/ids", r#"["invalid_user_id","invalid_user_id"]"#, 400, ""),
            row("TestGetUsersStatusesByIds", User, "POST", "/users/status/ids", r#"["{alice}","invalid_user_id"]"#, 400, ""),
            row("TestGetUsersStatusesByIds", User, "POST", "/users/status/ids", r#"["{new}"]"#, 200, "").expect(&[Check::Json("/0/status", r#""offline""#)]),
            row("TestGetUsersStatusesByIds", User, "POST", "/users/status/ids", r#"["{alice}"]"#, 200, "")
                .before(&[step(User, "PUT", "/users/{alice}/status", r#"{"user_id":"{alice}","status":"online"}"#)])
                .expect(&[Check::Json("/0/status", r#""online""#)]),
            row("TestGetUsersStatusesByIds", User, "POST", "/users/status/ids", r#"["{alice}"]"#, 200, "")
                .before(&[step(User, "PUT", "/users/{alice}/status", r#"{"user_id":"{alice}","status":"dnd"}"#)])
                .expect(&[Check::Json("/0/status", r#""dnd""#)]),
            row("TestGetUsersStatusesByIds", Anonymous, "POST", "/users/status/ids", r#"["{alice}"]"#, 401, ""),
            row("TestGetUserStatusActiveChannel", Other, "POST", "/users/status/ids", r#"["{alice}","{bob}"]"#, 200, "")
                .expect(&[Check::Len("", 2), Check::Json("/0/active_channel", "null")]),
        ],
    },
    Table {
        operation: "GetUsersWithInvalidEmails",
        method: "GET",
        route: "users/invalid_emails",
        rows: &[
            // Restricted to other domains, the active email accounts (admin, alice, bob, the
            // row's new user; not carol, deactivated) are outside them.
            row("TestGetUsersWithInvalidEmails", Admin, "GET", "/users/invalid_emails?page=0&per_page=50", "", 200, "")
                .with(|f| f.configure(|s| s.restrict_creation_to_domains = "localhost,simulator.amazonses.com".into()))
                .expect(&[Check::Len("", 4)]),
            row("TestGetUsersWithInvalidEmails", Admin, "GET", "/users/invalid_emails?page=0&per_page=50", "", 200, "").expect(&[Check::Len("", 0)]),
            row("TestGetUsersWithInvalidEmails", Admin, "GET", "/users/invalid_emails?page=0&per_page=50", "", 400, "")
                .skip("TeamSettings.EnableOpenServer=true is not modelled (the server refuses the listing then)"),
            row("TestGetUsersWithInvalidEmails", User, "GET", "/users/invalid_emails?page=0&per_page=50", "", 403, "api.context.permissions.app_error"),
        ],
    },
];
