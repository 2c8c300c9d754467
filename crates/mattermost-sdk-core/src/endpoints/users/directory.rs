//! The user directory: listing, finding, creating and counting users
//! (`/users`, `/users/ids`, `/users/usernames`, `/users/search`, `/users/stats`, ...).
//!
//! Every check here is one the server's handler makes (`server/channels/api4/user.go` and
//! `status.go`, mattermost/mattermost), quoted where it is made; nothing the server accepts
//! is refused. Where the server clamps a value instead of refusing it, the docs say so.

use std::collections::BTreeMap;
use std::fmt;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::{is_valid_id, ChannelId, GroupId, TeamId, UserId};
use crate::models::{
    NewUser, Role, Status, User, UserAutocomplete, UserSearch, UserSort, UsersStats,
};
use crate::path::{check_segment, PathSegment};
use crate::query::Query;

/// `model.UserSearchMaxLimit` (`server/public/model/user_search.go`): the most results a
/// search or an autocomplete returns.
pub const USER_SEARCH_MAX_LIMIT: u32 = 1000;

/// Rejects an empty list, as the batch handlers do (`getUsersByIds`:
/// `if err != nil || len(userIDs) == 0 { c.SetInvalidParamWithErr("user_ids", err) }`, and
/// the same for `usernames`, `channel_ids` and the statuses' `user_ids`).
fn non_empty<T>(param: &'static str, items: &[T]) -> Result<(), BuildError> {
    if items.is_empty() {
        return Err(BuildError::InvalidParam {
            param,
            reason: "at least one is required (the server rejects an empty list)".into(),
        });
    }
    Ok(())
}

/// Rejects `me` in a list of user IDs: a body names users by their real ID.
fn real_ids<'a>(param: &'static str, ids: &'a [UserId]) -> Result<Vec<&'a str>, BuildError> {
    ids.iter()
        .map(|id| {
            if id.is_me() {
                Err(BuildError::InvalidParam {
                    param,
                    reason: "`me` is not a user ID here; use the real 26-character ID".into(),
                })
            } else {
                Ok(id.as_str())
            }
        })
        .collect()
}

/// The server's `model.CleanRoleNames` (`server/public/model/role.go`): blank names are
/// skipped, any other name must be 1 to 64 characters of `a-z 0-9 _` (`IsValidRoleName`)
/// or the handler answers 400. Returns the comma-joined names, `None` if none is left.
fn role_names(param: &'static str, roles: &[Role]) -> Result<Option<String>, BuildError> {
    let mut out = String::new();
    for role in roles {
        let name = role.as_str();
        if name.trim().is_empty() {
            continue;
        }
        let valid = name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !valid {
            return Err(BuildError::InvalidParam {
                param,
                reason: format!("{name:?} is not a role name (1 to 64 of a-z, 0-9, _)"),
            });
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(name);
    }
    Ok((!out.is_empty()).then_some(out))
}

/// `page` and `per_page` as the server's `web/params.go` reads them: any value is accepted,
/// `per_page` above 200 is clamped to 200 (`PerPageMaximum`), unset is 60.
fn page_query(q: &mut Query, page: Option<u32>, per_page: Option<u32>) {
    q.push_opt("page", page);
    q.push_opt("per_page", per_page);
}

fn invalid(param: &'static str, reason: impl Into<String>) -> BuildError {
    BuildError::InvalidParam {
        param,
        reason: reason.into(),
    }
}

endpoint! {
    /// Lists users, a page at a time (0-based `page`, `per_page` items; the server clamps
    /// `per_page` above 200 to 200 and uses 60 when it is unset). Every filter is optional.
    ///
    /// # Which filter applies
    ///
    /// The server (`getUsers` in `server/channels/api4/user.go`) does not combine the
    /// filter families: it takes the FIRST of these that is set and ignores the others:
    ///
    /// 1. `without_team=true`: users in no team (needs `list_users_without_team`); reads
    ///    `active`, `inactive`, `role`, `roles`;
    /// 2. `not_in_channel` (with the required `in_team`): team members outside the channel;
    ///    reads `group_constrained`;
    /// 3. `not_in_team`: users outside the team; reads `group_constrained`;
    /// 4. `in_team`: team members; `sort` `last_activity_at` or `create_at` (which read
    ///    nothing else), otherwise reads `active`, `inactive`, `role`, `roles`, `team_roles`;
    /// 5. `in_channel`: channel members; `sort` `status` or `admin`; reads `active`,
    ///    `inactive`, `role`, `roles`, `channel_roles`;
    /// 6. `in_group`: group members; `sort` `display_name`;
    /// 7. `not_in_group`: users outside the group;
    /// 8. none of them: every user the caller may see; reads `active`, `inactive`, `role`,
    ///    `roles`.
    ///
    /// # Rejected before sending (the handler's 400s)
    ///
    /// - `not_in_channel` without `in_team` (`if notInChannelId != "" && inTeamId == ""`);
    /// - a `sort` with filters it does not support: `last_activity_at` / `create_at` need
    ///   `in_team` and none of `not_in_team`, `in_channel`, `not_in_channel`,
    ///   `without_team`, `in_group`, `not_in_group`; `status` and `admin` need `in_channel`;
    ///   `display_name` needs `in_group` and none of the others;
    /// - `active=true` together with `inactive=true`
    ///   (`if inactiveBool && activeBool { c.SetInvalidURLParam("inactive") }`);
    /// - a malformed role name in `role`, `roles`, `channel_roles` (checked with
    ///   `in_channel` only) or `team_roles` (with `in_team` only): `model.CleanRoleNames`.
    ///   Role names that are well formed but unknown to the server are its 400, not ours.
    ///
    /// Paging (`.all()`): every branch is one SQL page (`LIMIT per_page OFFSET
    /// page*per_page`), so a short page is the last.
    GET "/users" => GetUsers -> Vec<User> {}
    optional {
        /// Members of this team.
        in_team: TeamId,
        /// Users not in this team.
        not_in_team: TeamId,
        /// Members of this channel.
        in_channel: ChannelId,
        /// Team members not in this channel (needs `in_team`).
        not_in_channel: ChannelId,
        /// Members of this group.
        in_group: GroupId,
        /// Users not in this group.
        not_in_group: GroupId,
        /// With `not_in_team` / `not_in_channel`: only users the group constraint allows.
        group_constrained: bool,
        /// Users in no team.
        without_team: bool,
        /// Only active users.
        active: bool,
        /// Only deactivated users.
        inactive: bool,
        /// Only users with this system role.
        role: Role,
        /// Only users with any of these system roles (sent comma-separated).
        roles: Vec<Role>,
        /// With `in_team`: only users with any of these team roles.
        team_roles: Vec<Role>,
        /// With `in_channel`: only users with any of these channel roles.
        channel_roles: Vec<Role>,
        /// The order (see [`UserSort`] for which filters allow which).
        sort: UserSort,
        /// The 0-based page.
        page: u32,
        /// Users per page (the server clamps above 200 to 200).
        per_page: u32,
    }
    path()
    query(|ep| ep.checked_query())
}

impl GetUsers {
    fn checked_query(&self) -> Result<Query, BuildError> {
        let flag = |b: Option<bool>| b.unwrap_or(false);
        if self.not_in_channel.is_some() && self.in_team.is_none() {
            return Err(invalid(
                "in_team",
                "not_in_channel needs in_team (the server answers 400)",
            ));
        }
        if let Some(sort) = self.sort {
            let others_than_team = self.not_in_team.is_some()
                || self.in_channel.is_some()
                || self.not_in_channel.is_some()
                || self.without_team.is_some()
                || self.in_group.is_some()
                || self.not_in_group.is_some();
            let ok = match sort {
                UserSort::LastActivityAt | UserSort::CreateAt => {
                    self.in_team.is_some() && !others_than_team
                }
                UserSort::Status | UserSort::Admin => self.in_channel.is_some(),
                UserSort::DisplayName => {
                    self.in_group.is_some()
                        && self.not_in_group.is_none()
                        && self.in_team.is_none()
                        && self.not_in_team.is_none()
                        && self.in_channel.is_none()
                        && self.not_in_channel.is_none()
                        && self.without_team.is_none()
                }
            };
            if !ok {
                return Err(invalid(
                    "sort",
                    format!("{sort} is not supported with these filters (see GetUsers)"),
                ));
            }
        }
        if flag(self.active) && flag(self.inactive) {
            return Err(invalid(
                "inactive",
                "active and inactive cannot both be true",
            ));
        }
        let role = match &self.role {
            Some(r) => role_names("role", std::slice::from_ref(r))?,
            None => None,
        };
        if self.role.is_some() && role.is_none() {
            // A blank role is not among the server's roles (`pUtils.Contains`).
            return Err(invalid("role", "a blank role name"));
        }
        let roles = role_names("roles", self.roles.as_deref().unwrap_or(&[]))?;
        let channel_roles = match self.in_channel {
            Some(_) => role_names(
                "channel_roles",
                self.channel_roles.as_deref().unwrap_or(&[]),
            )?,
            None => None,
        };
        let team_roles = match self.in_team {
            Some(_) => role_names("team_roles", self.team_roles.as_deref().unwrap_or(&[]))?,
            None => None,
        };
        let mut q = Query::new();
        q.push_opt("in_team", self.in_team.as_ref())
            .push_opt("not_in_team", self.not_in_team.as_ref())
            .push_opt("in_channel", self.in_channel.as_ref())
            .push_opt("not_in_channel", self.not_in_channel.as_ref())
            .push_opt("in_group", self.in_group.as_ref())
            .push_opt("not_in_group", self.not_in_group.as_ref())
            .push_opt("group_constrained", self.group_constrained)
            .push_opt("without_team", self.without_team)
            .push_opt("active", self.active)
            .push_opt("inactive", self.inactive)
            .push_opt("role", role)
            .push_opt("roles", roles)
            .push_opt("team_roles", team_roles)
            .push_opt("channel_roles", channel_roles)
            .push_opt("sort", self.sort);
        page_query(&mut q, self.page, self.per_page);
        Ok(q)
    }
}

endpoint! {
    /// Creates a user. Without a token or invite this is open sign-up (if the server allows
    /// it) or, for a system admin, an admin-created account; with `invite_token` (`t`, an
    /// email invitation's token) or `invite_id` (`iid`, a team's invite ID) the new user
    /// joins that team (`createUser`, `server/channels/api4/user.go`: `t` is tried first,
    /// then `iid`). Answers `201` with the created user.
    ///
    /// Rejected before sending: an empty `username` or `email` and a blank password, which
    /// the server's `User.IsValid` / password check refuse in every case.
    POST "/users" => CreateUser -> User {
        /// The new user; its password is a [`Secret`](crate::Secret).
        user: NewUser,
    }
    optional {
        /// `t`: the token of an email invitation.
        invite_token: String,
        /// `iid`: a team's invite ID.
        invite_id: String,
        /// `r`: where the web app goes after sign-up.
        redirect: String,
    }
    path()
    query(|ep| Ok(Query::new()
        .with_opt("t", ep.invite_token.as_ref())
        .with_opt("iid", ep.invite_id.as_ref())
        .with_opt("r", ep.redirect.as_ref())))
    body(|ep| {
        if ep.user.username.is_empty() {
            return Err(invalid("user.username", "a username is required"));
        }
        if ep.user.email.is_empty() {
            return Err(invalid("user.email", "an email is required"));
        }
        if ep.user.password.as_ref().is_some_and(|p| p.expose().trim().is_empty()) {
            return Err(invalid("user.password", "a blank password is never accepted; omit it for LDAP, SAML or OAuth accounts"));
        }
        Body::json(&ep.user)
    })
}

endpoint! {
    /// Suggests users whose username, nickname or (if the server shows them) full name
    /// starts with `name`: in a channel (`in_channel`, with the required `in_team`), in a
    /// team (`in_team`) or anywhere. Emails are never matched. `limit` defaults to 100; the
    /// server clamps it above 1000 to 1000 (`autocompleteUsers`).
    ///
    /// Rejected before sending: `in_channel` without `in_team` (the handler answers
    /// `api.user.autocomplete_users.missing_team_id.app_error`).
    GET "/users/autocomplete" => AutocompleteUsers -> UserAutocomplete {
        /// The prefix to complete (may be empty: then every visible user matches).
        name: String,
    }
    optional {
        /// Only team members (and, with `in_channel`, split by channel membership).
        in_team: TeamId,
        /// Split the team's matches into channel members and the rest (needs `in_team`).
        in_channel: ChannelId,
        /// Most results (default 100, clamped to 1000).
        limit: u32,
    }
    path()
    query(|ep| {
        if ep.in_channel.is_some() && ep.in_team.is_none() {
            return Err(invalid("in_team", "in_channel needs in_team (the server answers an error)"));
        }
        Ok(Query::new()
            .with_opt("in_team", ep.in_team.as_ref())
            .with_opt("in_channel", ep.in_channel.as_ref())
            .with("name", &ep.name)
            .with_opt("limit", ep.limit))
    })
}

/// A username as a path segment: 1 to 64 characters of `a-z 0-9 . - _`, as the server's
/// `RequireUsername` (`model.IsValidUsername`) demands; anything else is its 400.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Username(String);

impl Username {
    /// Validates and wraps a username.
    pub fn new(value: impl Into<String>) -> Result<Self, BuildError> {
        let value = value.into();
        let valid = (1..=64).contains(&value.len())
            && value
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b));
        if !valid {
            return Err(invalid(
                "username",
                format!("{value:?} is not a username (1 to 64 of a-z, 0-9, . - _)"),
            ));
        }
        check_segment("username", &value)?;
        Ok(Username(value))
    }

    /// The username.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Username {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PathSegment for Username {
    fn segment(&self) -> Result<&str, BuildError> {
        Ok(&self.0)
    }
}

/// An email address as a path segment. The server lower-cases it and answers 400 for an
/// address `model.IsValidEmail` refuses (`SanitizeEmail`); one without `@` is refused here.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Validates and wraps an address.
    pub fn new(value: impl Into<String>) -> Result<Self, BuildError> {
        let value = value.into();
        if !value.contains('@') || value.chars().any(char::is_whitespace) {
            return Err(invalid(
                "email",
                format!("{value:?} is not an email address"),
            ));
        }
        check_segment("email", &value)?;
        Ok(EmailAddress(value))
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PathSegment for EmailAddress {
    fn segment(&self) -> Result<&str, BuildError> {
        Ok(&self.0)
    }
}

endpoint! {
    /// Gets a user by username (`getUserByUsername`).
    GET "/users/username/{username}" => GetUserByUsername -> User {
        /// The username.
        username: Username,
    }
    path(username)
}

endpoint! {
    /// Gets a user by email. Unless the server shows email addresses, only a system admin
    /// may (`api.user.get_user_by_email.permissions.app_error`, 403).
    GET "/users/email/{email}" => GetUserByEmail -> User {
        /// The address.
        email: EmailAddress,
    }
    path(email)
}

endpoint! {
    /// Gets users by ID; unknown IDs are left out, duplicates are removed by the server. With
    /// `since` (ms), only users updated after it. The facade splits long lists.
    POST "/users/ids" => GetUsersByIds -> Vec<User> {
        /// The users (real IDs, not `me`); at least one.
        user_ids: Vec<UserId>,
    }
    optional {
        /// Only users updated after this time, ms since the epoch.
        since: i64,
    }
    path()
    query(|ep| Ok(Query::new().with_opt("since", ep.since)))
    body(|ep| {
        non_empty("user_ids", &ep.user_ids)?;
        Body::json(&real_ids("user_ids", &ep.user_ids)?)
    })
    // Safe to repeat? a pure read: `getUsersByIds` in `server/channels/api4/user.go` only reads the store.
    idempotent(true)
}

endpoint! {
    /// Gets users by username; unknown usernames are left out. The facade splits long lists.
    POST "/users/usernames" => GetUsersByUsernames -> Vec<User> {
        /// The usernames; at least one.
        usernames: Vec<String>,
    }
    path()
    body(|ep| {
        non_empty("usernames", &ep.usernames)?;
        Body::json(&ep.usernames)
    })
    // Safe to repeat? a pure read: `getUsersByNames` in `server/channels/api4/user.go`.
    idempotent(true)
}

endpoint! {
    /// The members of group message channels: channel ID → its users (the caller left out).
    /// The facade splits long lists.
    POST "/users/group_channels" => GetUsersByGroupChannelIds -> BTreeMap<String, Vec<User>> {
        /// The group channels; at least one.
        channel_ids: Vec<ChannelId>,
    }
    path()
    body(|ep| {
        // `getUsersByGroupChannelIds`: `if len(channelIds) == 0 { c.SetInvalidParam("channel_ids") }`.
        non_empty("channel_ids", &ep.channel_ids)?;
        Body::json(&ep.channel_ids)
    })
    // Safe to repeat? a pure read: `getUsersByGroupChannelIds` in `server/channels/api4/user.go`.
    idempotent(true)
}

endpoint! {
    /// The IDs of every user the caller shares a channel with (`getKnownUsers`).
    GET "/users/known" => GetKnownUsers -> Vec<String> {}
    path()
}

endpoint! {
    /// Searches users (`searchUsers`). Results are capped by `limit` (default 100); there
    /// are no pages.
    ///
    /// Rejected before sending, as the handler does: an empty `term`
    /// (`if props.Term == "" { c.SetInvalidParam("term") }`), `not_in_channel_id` without
    /// `team_id` (`c.SetInvalidParam("team_id")`), and a `limit` above 1000
    /// (`if props.Limit <= 0 || props.Limit > model.UserSearchMaxLimit`, checked after a 0
    /// became the default 100).
    POST "/users/search" => SearchUsers -> Vec<User> {
        /// What to search for, and how.
        search: UserSearch,
    }
    path()
    body(|ep| {
        let s = &ep.search;
        if s.term.is_empty() {
            return Err(invalid("term", "the search term must not be empty"));
        }
        if s.not_in_channel_id.is_some() && s.team_id.is_none() {
            return Err(invalid("team_id", "not_in_channel_id needs team_id"));
        }
        if s.limit.is_some_and(|l| l > USER_SEARCH_MAX_LIMIT) {
            return Err(invalid("limit", format!("at most {USER_SEARCH_MAX_LIMIT}")));
        }
        Body::json(s)
    })
    // Safe to repeat? a pure read: `searchUsers` in `server/channels/api4/user.go`.
    idempotent(true)
}

endpoint! {
    /// How many users the caller may see (`getTotalUsersStats`): active, non-bot users.
    GET "/users/stats" => GetTotalUsersStats -> UsersStats {}
    path()
}

endpoint! {
    /// Counts users by filter (`getFilteredUsersStats`); needs
    /// `sysconsole_read_user_management_users`. Without flags it counts active, non-bot,
    /// local users.
    ///
    /// Rejected before sending: a malformed role name in `roles`, in `channel_roles` (with
    /// `in_channel`) or in `team_roles` (with `in_team`), as `model.CleanRoleNames` does
    /// there; the server ignores `channel_roles` / `team_roles` without their filter.
    GET "/users/stats/filtered" => GetTotalUsersStatsFiltered -> UsersStats {}
    optional {
        /// Only members of this team.
        in_team: TeamId,
        /// Only members of this channel.
        in_channel: ChannelId,
        /// Count deactivated users too.
        include_deleted: bool,
        /// Count bots too.
        include_bots: bool,
        /// Count users of shared-channel remotes too.
        include_remote_users: bool,
        /// Only users with any of these system roles.
        roles: Vec<Role>,
        /// With `in_channel`: only users with any of these channel roles.
        channel_roles: Vec<Role>,
        /// With `in_team`: only users with any of these team roles.
        team_roles: Vec<Role>,
    }
    path()
    query(|ep| {
        let roles = role_names("roles", ep.roles.as_deref().unwrap_or(&[]))?;
        let channel_roles = match ep.in_channel {
            Some(_) => role_names("channel_roles", ep.channel_roles.as_deref().unwrap_or(&[]))?,
            None => None,
        };
        let team_roles = match ep.in_team {
            Some(_) => role_names("team_roles", ep.team_roles.as_deref().unwrap_or(&[]))?,
            None => None,
        };
        Ok(Query::new()
            .with_opt("in_team", ep.in_team.as_ref())
            .with_opt("in_channel", ep.in_channel.as_ref())
            .with_opt("include_deleted", ep.include_deleted)
            .with_opt("include_bots", ep.include_bots)
            .with_opt("include_remote_users", ep.include_remote_users)
            .with_opt("roles", roles)
            .with_opt("channel_roles", channel_roles)
            .with_opt("team_roles", team_roles))
    })
}

endpoint! {
    /// The statuses of users (`getUserStatusesByIds`, `server/channels/api4/status.go`).
    /// The facade splits long lists.
    ///
    /// Rejected before sending: an empty list and any entry that is not a 26-character ID
    /// (`if len(userId) != 26 { c.SetInvalidParam("user_ids") }`), so `me` too.
    POST "/users/status/ids" => GetUsersStatusesByIds -> Vec<Status> {
        /// The users (real IDs); at least one.
        user_ids: Vec<UserId>,
    }
    path()
    body(|ep| {
        non_empty("user_ids", &ep.user_ids)?;
        let ids = real_ids("user_ids", &ep.user_ids)?;
        debug_assert!(ids.iter().all(|id| is_valid_id(id)));
        Body::json(&ids)
    })
    // Safe to repeat? a pure read: `getUserStatusesByIds` in `server/channels/api4/status.go`.
    idempotent(true)
}

endpoint! {
    /// Active, non-guest, non-bot email-login users whose address is outside the server's
    /// `RestrictCreationToDomains` (`getUsersWithInvalidEmails`); needs
    /// `sysconsole_read_user_management_users`, and the server refuses it (400
    /// `api.users.invalid_emails.enable_open_server.app_error`) while open server is on.
    ///
    /// Paging: one SQL page (`Offset(page*perPage).Limit(perPage)` in the user store), so a
    /// short page is the last; the server clamps `per_page` above 200 to 200.
    GET "/users/invalid_emails" => GetUsersWithInvalidEmails -> Vec<User> {}
    optional {
        /// The 0-based page.
        page: u32,
        /// Users per page (clamped to 200 by the server).
        per_page: u32,
    }
    path()
    query(|ep| {
        let mut q = Query::new();
        page_query(&mut q, ep.page, ep.per_page);
        Ok(q)
    })
}
