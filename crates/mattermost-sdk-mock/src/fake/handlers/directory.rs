//! The user directory: list (`GET /users`), create, find by username, email, IDs and
//! usernames, known users, group-channel members, statuses by ID, invalid emails.
//! Permissions and error ids follow `server/channels/api4/user.go` and `status.go`.
//!
//! The fake's simplifications: a channel's members are its team's members (the fake has no
//! channel membership of its own); it has no groups (`in_group` / `not_in_group` name a
//! group that does not exist: 404) and no group message channels; its configuration is
//! the server's default except `EnableOpenServer = false` and
//! `RestrictCreationToDomains = "example.com"` (`FakeSettings::restrict_creation_to_domains`).

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users", true, list),
    Route("POST", "users", false, create),
    Route("GET", "users/username/{}", true, by_username),
    Route("GET", "users/email/{}", true, by_email),
    Route("POST", "users/ids", true, by_ids),
    Route("POST", "users/usernames", true, by_usernames),
    Route("POST", "users/group_channels", true, by_group_channels),
    Route("GET", "users/known", true, known),
    Route("GET", "users/invalid_emails", true, invalid_emails),
    Route("POST", "users/status/ids", true, statuses),
];

/// The domains of `TeamSettings.RestrictCreationToDomains`, lower-cased (none: no
/// restriction).
fn restricted_domains(st: &State) -> Vec<String> {
    st.admin
        .settings
        .restrict_creation_to_domains
        .split(',')
        .map(|d| d.trim().to_lowercase())
        .filter(|d| !d.is_empty())
        .collect()
}

/// Role names the fake's server knows (`GetAllRoles`): the built-in system, team and
/// channel roles.
const KNOWN_ROLES: &[&str] = &[
    "system_user",
    "system_admin",
    "system_guest",
    "system_user_manager",
    "system_read_only_admin",
    "system_manager",
    "system_user_access_token",
    "system_post_all",
    "system_post_all_public",
    "system_custom_group_admin",
    "team_user",
    "team_admin",
    "team_guest",
    "team_post_all",
    "team_post_all_public",
    "channel_user",
    "channel_admin",
    "channel_guest",
];

// ------------------------------------------------------------- shared helpers

/// `model.CleanRoleNames`: blank names skipped, the rest must be `[a-z0-9_]{1,64}`.
pub(super) fn clean_role_names(raw: &str) -> Option<Vec<String>> {
    let mut out = Vec::new();
    for name in raw.split(',') {
        if name.trim().is_empty() {
            continue;
        }
        let ok = name.len() <= 64
            && name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_');
        if !ok {
            return None;
        }
        out.push(name.to_owned());
    }
    Some(out)
}

/// A query flag as `strconv.ParseBool` reads it (anything else is false).
pub(super) fn flag(ctx: &Ctx<'_>, name: &str) -> bool {
    matches!(
        ctx.query(name),
        Some("1" | "t" | "T" | "true" | "TRUE" | "True")
    )
}

/// A non-empty query value.
pub(super) fn q<'a>(ctx: &'a Ctx<'_>, name: &str) -> Option<&'a str> {
    ctx.query(name).filter(|v| !v.is_empty())
}

pub(super) fn is_member(st: &State, team: &str, user: &str) -> bool {
    st.memberships.iter().any(|(t, u)| t == team && u == user)
}

/// The channel's members: its team's members (the fake's simplification).
pub(super) fn channel_members(st: &State, channel: &str) -> Vec<String> {
    match st.channels.get(channel) {
        Some(team) => st
            .memberships
            .iter()
            .filter(|(t, _)| t == team)
            .map(|(_, u)| u.clone())
            .collect(),
        None => Vec::new(),
    }
}

/// `view_team` on `team`: a member or an admin.
pub(super) fn can_view_team(st: &State, ctx: &Ctx<'_>, team: &str) -> Result<(), Fail> {
    if ctx.auth.admin || is_member(st, team, &ctx.auth.user_id) {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, "view_team"))
    }
}

/// `read_channel` on `channel`: a member (of its team) or an admin.
pub(super) fn can_read_channel(st: &State, ctx: &Ctx<'_>, channel: &str) -> Result<(), Fail> {
    if ctx.auth.admin || channel_members(st, channel).contains(&ctx.auth.user_id) {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, "read_channel"))
    }
}

/// `requireGroupAccess` (server/channels/api4/user.go) for the fixture LDAP groups: the
/// LDAP-groups licence feature (403 `api.ldap_groups.license_error`), the group (404
/// `app.group.no_rows`), then for an LDAP group `sysconsole_read_user_management_groups`,
/// which only admins have here (403). Returns the group's member IDs.
pub(super) fn group_access(st: &State, ctx: &Ctx<'_>, group: &str) -> Result<Vec<String>, Fail> {
    if !st.admin.settings.ldap_groups {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.ldap_groups.license_error",
            "your license does not support ldap groups",
        ));
    }
    let (_, members) = st.admin.groups.get(group).ok_or_else(no_group)?;
    if !ctx.auth.admin {
        return Err(Fail::forbidden(
            &ctx.auth.user_id,
            "sysconsole_read_user_management_groups",
        ));
    }
    Ok(members.clone())
}

/// 404 for a group the fake does not have (`requireGroupAccess` → `GetGroup`).
pub(super) fn no_group() -> Fail {
    Fail::new(
        StatusCode::NOT_FOUND,
        "app.group.no_rows",
        "No matching group found.",
    )
}

pub(super) fn channel_not_found() -> Fail {
    Fail::new(
        StatusCode::NOT_FOUND,
        "app.channel.get.existing.app_error",
        "Unable to find the existing channel.",
    )
}

pub(super) fn active(u: &Obj) -> bool {
    u.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0
}

pub(super) fn is_bot(u: &Obj) -> bool {
    u.get("is_bot").and_then(Value::as_bool).unwrap_or(false)
}

/// A page of users with an `ETag` made of the IDs and `update_at`s it holds: `getUsers`
/// answers the plain, `in_team` and `not_in_team` listings through `c.HandleEtag`
/// (server/channels/api4/user.go), so a repeated request with `If-None-Match` is a 304.
fn user_list_etag(ctx: &Ctx<'_>, users: Vec<&Obj>) -> Reply {
    let tags: Vec<String> = users.iter().map(|u| user_etag(u)).collect();
    let etag = format!("{:016x}", fnv1a(tags.join(",").as_bytes()));
    let body = Value::Array(users.into_iter().cloned().map(Value::Object).collect());
    etag_reply(ctx, &etag, &body)
}

/// FNV-1a, 64 bits: a stable digest for list `ETag`s.
fn fnv1a(data: &[u8]) -> u64 {
    data.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

fn user_list(users: Vec<&Obj>) -> Reply {
    json_reply(
        StatusCode::OK,
        &Value::Array(users.into_iter().cloned().map(Value::Object).collect()),
    )
}

/// The body as a JSON array of strings; `param` names it in the 400.
pub(super) fn string_array(ctx: &Ctx<'_>, param: &str) -> Result<Vec<String>, Fail> {
    serde_json::from_slice::<Vec<String>>(ctx.body)
        .map_err(|e| Fail::invalid_body(param).detail(e.to_string()))
}

/// Removes repeats, keeping the first of each.
fn dedup(items: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    items
        .into_iter()
        .filter(|x| seen.insert(x.clone()))
        .collect()
}

// ------------------------------------------------------------- GET /users

/// `getUsers`: the server's checks in its order, then ONE filter family, by priority.
pub(super) fn list(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let in_team = q(ctx, "in_team");
    let not_in_team = q(ctx, "not_in_team");
    let in_channel = q(ctx, "in_channel");
    let not_in_channel = q(ctx, "not_in_channel");
    let in_group = q(ctx, "in_group");
    let not_in_group = q(ctx, "not_in_group");
    let without_team = q(ctx, "without_team");
    let sort = q(ctx, "sort").unwrap_or("");
    if not_in_channel.is_some() && in_team.is_none() {
        return Err(Fail::invalid_url("team_id"));
    }
    if ![
        "",
        "last_activity_at",
        "create_at",
        "status",
        "admin",
        "display_name",
    ]
    .contains(&sort)
    {
        return Err(Fail::invalid_url("sort"));
    }
    let others = not_in_team.is_some()
        || in_channel.is_some()
        || not_in_channel.is_some()
        || without_team.is_some()
        || in_group.is_some()
        || not_in_group.is_some();
    let sort_ok = match sort {
        "last_activity_at" | "create_at" => in_team.is_some() && !others,
        "status" | "admin" => in_channel.is_some(),
        "display_name" => {
            in_group.is_some()
                && not_in_group.is_none()
                && in_team.is_none()
                && not_in_team.is_none()
                && in_channel.is_none()
                && not_in_channel.is_none()
                && without_team.is_none()
        }
        _ => true,
    };
    if !sort_ok {
        return Err(Fail::invalid_url("sort"));
    }
    let (want_active, want_inactive) = (flag(ctx, "active"), flag(ctx, "inactive"));
    if want_active && want_inactive {
        return Err(Fail::invalid_url("inactive"));
    }
    let known = |names: &[String]| names.iter().all(|n| KNOWN_ROLES.contains(&n.as_str()));
    let mut roles: Vec<String> = Vec::new();
    if let Some(role) = q(ctx, "role") {
        match clean_role_names(role) {
            Some(r) if known(&[role.to_owned()]) => roles = r,
            _ => return Err(Fail::invalid_body("role")),
        }
    }
    if let Some(raw) = q(ctx, "roles") {
        match clean_role_names(raw) {
            Some(r) if known(&r) => roles = r,
            _ => return Err(Fail::invalid_body("roles")),
        }
    }
    let mut channel_roles = Vec::new();
    if let (Some(raw), Some(_)) = (q(ctx, "channel_roles"), in_channel) {
        match clean_role_names(raw) {
            Some(r) if known(&r) => channel_roles = r,
            _ => return Err(Fail::invalid_body("channelRoles")),
        }
    }
    let mut team_roles = Vec::new();
    if let (Some(raw), Some(_)) = (q(ctx, "team_roles"), in_team) {
        match clean_role_names(raw) {
            Some(r) if known(&r) => team_roles = r,
            _ => return Err(Fail::invalid_body("teamRoles")),
        }
    }
    let (page, per_page) = paging(ctx, 60);
    if in_team.is_none() && !others && !want_active && !want_inactive && roles.is_empty() {
        // Every user, by username: the page straight from the sorted index.
        let index = st.usernames_sorted();
        let start = page.saturating_mul(per_page).min(index.len());
        let end = start.saturating_add(per_page).min(index.len());
        let ids: Vec<String> = index[start..end].iter().map(|(_, id)| id.clone()).collect();
        let users = ids.iter().filter_map(|id| st.users.get(id)).collect();
        return Ok(user_list_etag(ctx, users));
    }
    // The filters `UserGetOptions` carries (active, inactive, role(s)); team and channel
    // roles: every member of the fake is a plain `team_user` / `channel_user`.
    let options = |u: &&Obj| {
        (!want_active || active(u))
            && (!want_inactive || !active(u))
            && (roles.is_empty() || roles.iter().any(|r| super::super::state::has_role(u, r)))
    };
    let member_role =
        |wanted: &[String], plain: &str| wanted.is_empty() || wanted.iter().any(|r| r == plain);
    let by_name = |a: &&Obj, b: &&Obj| str_field(a, "username").cmp(&str_field(b, "username"));
    let all = || st.users.values();

    if flag(ctx, "without_team") {
        admin_only(ctx, "list_users_without_team")?;
        let mut users: Vec<&Obj> = all()
            .filter(|u| {
                !st.memberships
                    .iter()
                    .any(|(_, m)| Some(m.as_str()) == str_field(u, "id"))
            })
            .filter(options)
            .collect();
        users.sort_by(by_name);
        return Ok(user_list(page_of(users, page, per_page)));
    }
    if let Some(ch) = not_in_channel {
        can_read_channel(st, ctx, ch)?;
        let team = in_team.unwrap_or("");
        let inside = channel_members(st, ch);
        let mut users: Vec<&Obj> = all()
            .filter(|u| {
                let id = str_field(u, "id").unwrap_or("");
                is_member(st, team, id) && !inside.iter().any(|m| m == id)
            })
            .collect();
        users.sort_by(by_name);
        return Ok(user_list(page_of(users, page, per_page)));
    }
    if let Some(team) = not_in_team {
        can_view_team(st, ctx, team)?;
        let mut users: Vec<&Obj> = all()
            .filter(|u| !is_member(st, team, str_field(u, "id").unwrap_or("")))
            .collect();
        users.sort_by(by_name);
        return Ok(user_list_etag(ctx, page_of(users, page, per_page)));
    }
    if let Some(team) = in_team {
        can_view_team(st, ctx, team)?;
        let members = all().filter(|u| is_member(st, team, str_field(u, "id").unwrap_or("")));
        let mut users: Vec<&Obj> = match sort {
            "last_activity_at" | "create_at" => members.filter(|u| active(u)).collect(),
            _ => members
                .filter(options)
                .filter(|_| member_role(&team_roles, "team_user"))
                .collect(),
        };
        let at = |u: &Obj, k: &str| u.get(k).and_then(Value::as_i64).unwrap_or(0);
        match sort {
            "last_activity_at" => {
                users.sort_by_key(|u| std::cmp::Reverse(at(u, "last_activity_at")))
            }
            "create_at" => users.sort_by_key(|u| std::cmp::Reverse(at(u, "create_at"))),
            _ => users.sort_by(by_name),
        }
        let users = page_of(users, page, per_page);
        return Ok(if sort.is_empty() {
            user_list_etag(ctx, users)
        } else {
            user_list(users)
        });
    }
    if let Some(ch) = in_channel {
        if !st.channels.contains_key(ch) {
            return Err(channel_not_found());
        }
        can_read_channel(st, ctx, ch)?;
        let inside = channel_members(st, ch);
        let mut users: Vec<&Obj> = all()
            .filter(|u| {
                inside
                    .iter()
                    .any(|m| Some(m.as_str()) == str_field(u, "id"))
            })
            .filter(options)
            .filter(|_| member_role(&channel_roles, "channel_user"))
            .collect();
        users.sort_by(by_name);
        if sort == "status" {
            let rank = |u: &Obj| {
                let id = str_field(u, "id").unwrap_or("");
                match st.status_of(id).get("status").and_then(Value::as_str) {
                    Some("online") => 0,
                    Some("away") => 1,
                    Some("dnd") => 2,
                    _ => 3,
                }
            };
            users.sort_by_key(|u| rank(u));
        } else if sort == "admin" {
            users.sort_by_key(|u| !super::super::state::has_role(u, "system_admin"));
        }
        return Ok(user_list(page_of(users, page, per_page)));
    }
    if let Some(group) = in_group.or(not_in_group) {
        let members = group_access(st, ctx, group)?;
        let inside = in_group.is_some();
        let mut users: Vec<&Obj> = all()
            .filter(|u| {
                members
                    .iter()
                    .any(|m| Some(m.as_str()) == str_field(u, "id"))
                    == inside
            })
            .filter(options)
            .collect();
        users.sort_by(by_name);
        return Ok(user_list(page_of(users, page, per_page)));
    }
    let mut users: Vec<&Obj> = all().filter(options).collect();
    users.sort_by(by_name);
    Ok(user_list_etag(ctx, page_of(users, page, per_page)))
}

// ------------------------------------------------------------- POST /users

fn valid_username(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"._-".contains(&b))
}

/// `createUser`: with `t` (a token: the fake has none, so it is always invalid: 404, as
/// the token lookup fails in `App.CreateUserWithToken`), with `iid` (a team's non-empty
/// `invite_id`), as an admin, or as open sign-up (off: 403). As `User.PreSave` and
/// `User.IsValid` (server/public/model/user.go) do, names are cleaned of the Unicode
/// characters the server filters and the username and email lower-cased; a body that
/// names an `id` is refused (400 `app.user.save.existing.app_error`); the password must
/// pass the [`PasswordPolicy`](super::super::PasswordPolicy); an email account outside
/// `FakeSettings::restrict_creation_to_domains` is refused (400
/// `api.user.create_user.accepted_domain.app_error`, `App.CheckUserDomain`), LDAP and SAML
/// accounts are exempt.
pub(super) fn create(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let body = body_obj(ctx, "user")?;
    let mut team_to_join = None;
    if q(ctx, "t").is_some() {
        return Err(Fail::new(
            StatusCode::NOT_FOUND,
            "api.user.create_user.signup_link_invalid.app_error",
            "The signup link does not appear to be valid.",
        ));
    } else if let Some(iid) = q(ctx, "iid") {
        let team = st
            .teams
            .iter()
            .find(|(_, t)| str_field(t, "invite_id") == Some(iid))
            .map(|(id, _)| id.clone())
            .ok_or_else(|| {
                Fail::new(
                    StatusCode::NOT_FOUND,
                    "app.team.get_by_invite_id.finding.app_error",
                    "Unable to find the existing team.",
                )
            })?;
        team_to_join = Some(team);
    } else if !ctx.auth.admin {
        return Err(Fail::new(
            StatusCode::FORBIDDEN,
            "api.user.create_user.no_open_server",
            "This server does not allow open signups. Please speak with your Administrator to receive an invitation.",
        ));
    }
    if str_field(&body, "id").is_some_and(|id| !id.is_empty()) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "app.user.save.existing.app_error",
            "Must call update for existing user.",
        ));
    }
    let username = sanitize_unicode(str_field(&body, "username").unwrap_or("")).to_lowercase();
    if !valid_username(&username) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "model.user.is_valid.username.app_error",
            "Invalid username.",
        ));
    }
    let email = str_field(&body, "email").unwrap_or("").to_lowercase();
    // `model.IsValidEmail`: one address, nothing around it.
    if !email.contains('@') || email.chars().any(char::is_whitespace) {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "model.user.is_valid.email.app_error",
            "Invalid email.",
        ));
    }
    let auth_service = str_field(&body, "auth_service").unwrap_or("").to_owned();
    let password = str_field(&body, "password").unwrap_or("").to_owned();
    let sso = ["ldap", "saml"].contains(&auth_service.as_str());
    if !sso {
        let domain = email.rsplit('@').next().unwrap_or("");
        let domains = restricted_domains(st);
        let allowed = domains.is_empty() || domains.iter().any(|d| d == domain);
        if !allowed {
            return Err(Fail::new(
                StatusCode::BAD_REQUEST,
                "api.user.create_user.accepted_domain.app_error",
                "The email you provided does not belong to an accepted domain. Please contact your administrator or sign up with a different email.",
            ));
        }
    }
    if auth_service.is_empty() {
        st.password_policy.fail(&password)?;
    }
    if st
        .users
        .values()
        .any(|u| str_field(u, "username") == Some(username.as_str()))
    {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "app.user.save.username_exists.app_error",
            "An account with that username already exists.",
        ));
    }
    if st
        .users
        .values()
        .any(|u| str_field(u, "email").is_some_and(|e| e.eq_ignore_ascii_case(&email)))
    {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "app.user.save.email_exists.app_error",
            "An account with that email already exists.",
        ));
    }
    for key in ["props", "notify_props", "timezone"] {
        if body
            .get(key)
            .is_some_and(|v| !v.is_object() && !v.is_null())
        {
            return Err(Fail::invalid_body("user").detail(format!("{key} must be an object")));
        }
    }
    let id = st.new_id();
    let at = st.now();
    let first = sanitize_unicode(str_field(&body, "first_name").unwrap_or(""));
    let last = sanitize_unicode(str_field(&body, "last_name").unwrap_or(""));
    let mut user =
        super::super::state::user_json(&id, &username, &email, "system_user", (&first, &last), at);
    if let Some(nickname) = str_field(&body, "nickname") {
        user.insert("nickname".into(), json!(sanitize_unicode(nickname)));
    }
    for key in ["position", "locale", "auth_data", "auth_service"] {
        if let Some(v) = str_field(&body, key) {
            user.insert(key.into(), json!(v));
        }
    }
    for key in ["props", "notify_props", "timezone"] {
        if let Some(Value::Object(m)) = body.get(key) {
            let merged = match user.get(key) {
                Some(Value::Object(old)) => {
                    let mut o = old.clone();
                    o.extend(m.clone());
                    o
                }
                _ => m.clone(),
            };
            user.insert(key.into(), Value::Object(merged));
        }
    }
    // Only an admin's request may set the email as verified (`SanitizeInput`).
    if !ctx.auth.admin {
        user.insert("email_verified".into(), json!(false));
    } else if let Some(v) = body.get("email_verified").and_then(Value::as_bool) {
        user.insert("email_verified".into(), json!(v));
    }
    st.insert_user(user.clone(), &password);
    if let Some(team) = team_to_join {
        st.memberships.push((team, id));
    }
    Ok(json_reply(StatusCode::CREATED, &Value::Object(user)))
}

// ------------------------------------------------------------- lookups

/// `getUserByUsername`: like `GET /users/{id}`, with the user's `ETag` (a matching
/// `If-None-Match` is a 304; server/channels/api4/user.go).
pub(super) fn by_username(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    if !valid_username(&p[0]) {
        return Err(Fail::invalid_url("username"));
    }
    let id = st.id_by_username(&p[0]).ok_or_else(Fail::user_not_found)?;
    let user = st.user(&id)?;
    Ok(etag_reply(
        ctx,
        &user_etag(user),
        &Value::Object(user.clone()),
    ))
}

/// `getUserByEmail`: lower-cased; the fake shows emails (`ShowEmailAddress`, the default),
/// so every session may look one up. Answers with the user's `ETag`, as `getUserByEmail` does.
pub(super) fn by_email(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let email = p[0].to_lowercase();
    if !email.contains('@') {
        return Err(Fail::invalid_url("email"));
    }
    let user = st
        .users
        .values()
        .find(|u| str_field(u, "email").is_some_and(|e| e.eq_ignore_ascii_case(&email)))
        .ok_or_else(Fail::user_not_found)?;
    Ok(etag_reply(
        ctx,
        &user_etag(user),
        &Value::Object(user.clone()),
    ))
}

pub(super) fn by_ids(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let ids = string_array(ctx, "user_ids")?;
    if ids.is_empty() {
        return Err(Fail::invalid_body("user_ids"));
    }
    let since = match ctx.query("since") {
        None | Some("") => None,
        Some(v) => Some(
            v.parse::<i64>()
                .map_err(|e| Fail::invalid_body("since").detail(e.to_string()))?,
        ),
    };
    let users: Vec<&Obj> = dedup(ids)
        .iter()
        .filter_map(|id| st.users.get(id))
        .filter(|u| {
            since.is_none_or(|s| u.get("update_at").and_then(Value::as_i64).unwrap_or(0) > s)
        })
        .collect();
    Ok(user_list(users))
}

pub(super) fn by_usernames(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let names = string_array(ctx, "usernames")?;
    if names.is_empty() {
        return Err(Fail::invalid_body("usernames"));
    }
    let ids: Vec<String> = dedup(names)
        .iter()
        .filter_map(|n| st.id_by_username(n))
        .collect();
    let users: Vec<&Obj> = ids.iter().filter_map(|id| st.users.get(id)).collect();
    Ok(user_list(users))
}

/// `getUsersByGroupChannelIds`: the fake has no group message channels, so the map is
/// empty for every channel (the server only answers for channels of type `G`).
pub(super) fn by_group_channels(_: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let ids = serde_json::from_slice::<Vec<String>>(ctx.body).unwrap_or_default();
    if ids.is_empty() {
        return Err(Fail::invalid_body("channel_ids"));
    }
    Ok(json_reply(StatusCode::OK, &json!({})))
}

/// `getKnownUsers`: everyone sharing a channel (here: a team) with the caller.
pub(super) fn known(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let me = ctx.auth.user_id.as_str();
    let teams: Vec<&str> = st
        .memberships
        .iter()
        .filter(|(_, u)| u == me)
        .map(|(t, _)| t.as_str())
        .collect();
    let mut ids: Vec<String> = st
        .memberships
        .iter()
        .filter(|(t, u)| u != me && teams.contains(&t.as_str()))
        .map(|(_, u)| u.clone())
        .collect();
    ids.sort();
    ids.dedup();
    Ok(json_reply(StatusCode::OK, &json!(ids)))
}

/// `getUsersWithInvalidEmails`: active, non-bot, non-guest, email-login users whose email
/// is outside `FakeSettings::restrict_creation_to_domains`, a page at a time.
pub(super) fn invalid_emails(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    admin_only(ctx, "sysconsole_read_user_management_users")?;
    let (page, per_page) = paging(ctx, 60);
    let domains = restricted_domains(st);
    let users: Vec<&Obj> = st
        .users
        .values()
        .filter(|u| active(u) && !is_bot(u))
        .filter(|u| str_field(u, "roles") != Some("system_guest"))
        .filter(|u| str_field(u, "auth_service").unwrap_or("").is_empty())
        .filter(|u| {
            let email = str_field(u, "email").unwrap_or("").to_lowercase();
            domains.iter().all(|d| !email.contains(d.as_str()))
        })
        .collect();
    Ok(user_list(page_of(users, page, per_page)))
}

/// `getUserStatusesByIds` (`status.go`): every entry must be 26 characters; users with no
/// status are `offline`.
pub(super) fn statuses(st: &mut State, ctx: &Ctx<'_>, _: &[String]) -> Res {
    let ids = serde_json::from_slice::<Vec<String>>(ctx.body).unwrap_or_default();
    if ids.is_empty() || ids.iter().any(|id| id.len() != 26) {
        return Err(Fail::invalid_body("user_ids"));
    }
    let list: Vec<Value> = dedup(ids).iter().map(|id| st.status_of(id)).collect();
    Ok(json_reply(StatusCode::OK, &Value::Array(list)))
}
