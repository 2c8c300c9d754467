//! The fake server's data.

use std::collections::{BTreeMap, HashMap};

use bytes::Bytes;
use serde_json::{json, Map, Value};

use super::reply::Fail;

/// A JSON object.
pub(crate) type Obj = Map<String, Value>;

/// The clock's start: 2023-11-14T22:13:20Z in milliseconds.
pub(crate) const EPOCH_MS: i64 = 1_700_000_000_000;

/// A login session.
#[derive(Clone)]
pub(crate) struct Session {
    pub(crate) id: String,
    pub(crate) token: String,
    pub(crate) user_id: String,
    pub(crate) create_at: i64,
    pub(crate) device_id: String,
    pub(crate) platform: &'static str,
    /// Props set by `PUT /users/sessions/device` (`deviceNotificationDisabled`,
    /// `mobileVersion`).
    pub(crate) extra_props: BTreeMap<String, String>,
}

/// A personal access token (`model.UserAccessToken`).
#[derive(Clone)]
pub(crate) struct PersonalToken {
    pub(crate) id: String,
    pub(crate) token: String,
    pub(crate) user_id: String,
    pub(crate) description: String,
    pub(crate) is_active: bool,
}

impl PersonalToken {
    /// The token as the API lists it: the token string blanked (`token` is `omitempty`).
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "id": self.id,
            "user_id": self.user_id,
            "description": self.description,
            "is_active": self.is_active,
        })
    }
}

/// A preference row.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Pref {
    pub(crate) user_id: String,
    pub(crate) category: String,
    pub(crate) name: String,
    pub(crate) value: String,
}

impl Pref {
    pub(crate) fn to_json(&self) -> Value {
        json!({"user_id": self.user_id, "category": self.category, "name": self.name, "value": self.value})
    }
}

/// A reaction to a post.
#[derive(Clone)]
pub(crate) struct Reaction {
    pub(crate) user_id: String,
    pub(crate) post_id: String,
    pub(crate) emoji_name: String,
    pub(crate) create_at: i64,
}

impl Reaction {
    pub(crate) fn to_json(&self) -> Value {
        json!({
            "user_id": self.user_id,
            "post_id": self.post_id,
            "emoji_name": self.emoji_name,
            "create_at": self.create_at,
        })
    }
}

/// Everything the fake knows. Users, teams, posts and apps are JSON objects so that fields
/// the fake does not know survive.
#[derive(Default)]
pub(crate) struct State {
    pub(crate) users: BTreeMap<String, Obj>,
    pub(crate) passwords: HashMap<String, String>,
    pub(crate) mfa_secrets: HashMap<String, String>,
    pub(crate) sessions: Vec<Session>,
    /// Personal access tokens, oldest first.
    pub(crate) personal_tokens: Vec<PersonalToken>,
    pub(crate) teams: BTreeMap<String, Obj>,
    /// (team ID, user ID).
    pub(crate) memberships: Vec<(String, String)>,
    /// Channel ID → team ID.
    pub(crate) channels: BTreeMap<String, String>,
    pub(crate) posts: BTreeMap<String, Obj>,
    pub(crate) reactions: Vec<Reaction>,
    pub(crate) preferences: Vec<Pref>,
    pub(crate) statuses: HashMap<String, Value>,
    /// User ID → (the terms of service they accepted, when, ms since the epoch).
    pub(crate) user_terms: BTreeMap<String, (String, i64)>,
    pub(crate) oauth_apps: BTreeMap<String, Obj>,
    /// User ID → (content type, bytes).
    pub(crate) images: HashMap<String, (String, Bytes)>,
    pub(crate) log: Vec<super::FakeRequest>,
    /// The password policy `PUT /users/{id}/password` enforces.
    pub(crate) password_policy: super::rules::PasswordPolicy,
    /// Settings, bots, audits, groups and custom profile attributes.
    pub(crate) admin: super::handlers::admin::AdminState,
    /// Emails sent and emailed tokens (password reset, verification).
    pub(crate) account: super::handlers::account::AccountState,
    /// Used CWS tokens and unused SSO login codes (sign-in flows, issue 11).
    pub(crate) signin: super::handlers::signin::SigninState,
    /// Thread memberships (following, last viewed) of every user.
    pub(crate) threads: super::handlers::threads::ThreadState,
    /// Channel objects, read marks, acknowledgements, reminders and uploads.
    pub(crate) chan: super::channels::ChannelState,
    /// Sidebar categories of every user in every team (issue 12).
    pub(crate) sidebar: super::handlers::sidebar::SidebarState,
    counter: u64,
    ticks: i64,
    /// The optional rate limiter and injected faults (`limits.rs`).
    pub(crate) resilience: super::limits::Resilience,
    /// `(username, user ID)` of every user, sorted: built when a lookup by username or the
    /// plain `GET /users` listing first needs it, dropped whenever a user is added, replaced,
    /// edited through [`State::user_mut`] or removed. Keeps those requests from scanning or
    /// sorting every user (a fake seeded with 100,000 users serves pages in microseconds).
    username_index: Option<Vec<(String, String)>>,
}

impl State {
    /// The next value of the shared counter.
    fn next(&mut self) -> u64 {
        self.counter += 1;
        self.counter
    }

    /// A new 26-character ID (`fake` + 22 digits).
    pub(crate) fn new_id(&mut self) -> String {
        format!("fake{:022}", self.next())
    }

    /// A new 26-character token (`tok` + 23 digits).
    pub(crate) fn new_token(&mut self) -> String {
        format!("tok{:023}", self.next())
    }

    /// A new request ID (`req` + 23 digits).
    pub(crate) fn new_request_id(&mut self) -> String {
        format!("req{:023}", self.next())
    }

    /// A new 32-character base32 MFA secret.
    pub(crate) fn new_mfa_secret(&mut self) -> String {
        const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let mut n = self.next();
        let mut out = String::from("FAKEMFA");
        while out.len() < 32 {
            out.push(ALPHABET[(n % 32) as usize] as char);
            n /= 32;
        }
        out
    }

    /// Moves the clock forward by `ms` milliseconds.
    pub(crate) fn advance(&mut self, ms: i64) {
        self.ticks += (ms.max(0) + 999) / 1000;
    }

    /// The fake clock, in ms: starts at [`EPOCH_MS`], one second later on every call.
    pub(crate) fn now(&mut self) -> i64 {
        self.ticks += 1;
        EPOCH_MS + self.ticks * 1000
    }

    pub(crate) fn user(&self, id: &str) -> Result<&Obj, Fail> {
        self.users.get(id).ok_or_else(Fail::user_not_found)
    }

    pub(crate) fn user_mut(&mut self, id: &str) -> Result<&mut Obj, Fail> {
        self.username_index = None;
        self.users.get_mut(id).ok_or_else(Fail::user_not_found)
    }

    /// Stores `user` under `id`, replacing any user with that ID.
    pub(crate) fn put_user(&mut self, id: String, user: Obj) {
        self.username_index = None;
        self.users.insert(id, user);
    }

    /// Removes the user `id`.
    pub(crate) fn remove_user(&mut self, id: &str) -> Option<Obj> {
        self.username_index = None;
        self.users.remove(id)
    }

    /// Every `(username, user ID)`, sorted by username (then ID).
    pub(crate) fn usernames_sorted(&mut self) -> &[(String, String)] {
        let users = &self.users;
        self.username_index.get_or_insert_with(|| {
            let mut index: Vec<(String, String)> = users
                .iter()
                .map(|(id, u)| {
                    let name = u.get("username").and_then(Value::as_str).unwrap_or("");
                    (name.to_owned(), id.clone())
                })
                .collect();
            index.sort();
            index
        })
    }

    /// The ID of the user named exactly `username`.
    pub(crate) fn id_by_username(&mut self, username: &str) -> Option<String> {
        let index = self.usernames_sorted();
        let at = index.partition_point(|(name, _)| name.as_str() < username);
        index
            .get(at)
            .filter(|(name, _)| name == username)
            .map(|(_, id)| id.clone())
    }

    /// Adds an active personal access token of `user_id` (a new ID unless `id` is given);
    /// returns its ID.
    pub(crate) fn add_personal_token(
        &mut self,
        id: Option<&str>,
        user_id: &str,
        token: &str,
        description: &str,
    ) -> String {
        let id = id.map_or_else(|| self.new_id(), str::to_owned);
        self.personal_tokens.push(PersonalToken {
            id: id.clone(),
            token: token.to_owned(),
            user_id: user_id.to_owned(),
            description: description.to_owned(),
            is_active: true,
        });
        id
    }

    /// The owner of `token` if it is a personal access token that authenticates: active,
    /// and `EnableUserAccessTokens` on unless the owner is a bot
    /// (`createSessionForUserAccessToken`, `server/channels/app/session.go`).
    pub(crate) fn personal_token_owner(&self, token: &str) -> Option<&str> {
        let t = self.personal_tokens.iter().find(|t| t.token == token)?;
        let bot = self
            .users
            .get(&t.user_id)
            .is_some_and(|u| u.get("is_bot").and_then(Value::as_bool).unwrap_or(false));
        (t.is_active && (self.admin.settings.enable_user_access_tokens || bot))
            .then_some(t.user_id.as_str())
    }

    pub(crate) fn is_admin(&self, id: &str) -> bool {
        self.users
            .get(id)
            .is_some_and(|u| has_role(u, "system_admin"))
    }

    pub(crate) fn is_active(&self, id: &str) -> bool {
        self.users
            .get(id)
            .is_some_and(|u| u.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0)
    }

    /// Adds a session for `user_id` and returns its token.
    pub(crate) fn add_session(
        &mut self,
        user_id: &str,
        device_id: &str,
        platform: &'static str,
    ) -> String {
        let id = self.new_id();
        let token = self.new_token();
        let create_at = self.now();
        self.sessions.push(Session {
            id,
            token: token.clone(),
            user_id: user_id.to_owned(),
            create_at,
            device_id: device_id.to_owned(),
            platform,
            extra_props: BTreeMap::new(),
        });
        token
    }

    /// A session as the API shows it: the token blanked.
    pub(crate) fn session_json(&self, s: &Session) -> Value {
        let roles = self
            .users
            .get(&s.user_id)
            .and_then(|u| u.get("roles"))
            .cloned()
            .unwrap_or(json!(""));
        let mut props = json!({"platform": s.platform, "os": "Linux", "browser": "fake/1.0"});
        if let Value::Object(m) = &mut props {
            for (k, v) in &s.extra_props {
                m.insert(k.clone(), json!(v));
            }
        }
        json!({
            "id": s.id,
            "token": "",
            "create_at": s.create_at,
            "expires_at": s.create_at + 30 * 24 * 3600 * 1000,
            "last_activity_at": s.create_at,
            "user_id": s.user_id,
            "device_id": s.device_id,
            "roles": roles,
            "is_oauth": false,
            "expired_notify": false,
            "props": props,
            "team_members": [],
            "local": false,
        })
    }

    /// Deactivates a user: sets `delete_at`, ends their sessions, sets them offline.
    pub(crate) fn deactivate(&mut self, id: &str) {
        let now = self.now();
        if let Some(u) = self.users.get_mut(id) {
            if u.get("delete_at").and_then(Value::as_i64).unwrap_or(0) == 0 {
                u.insert("delete_at".into(), json!(now));
            }
            u.insert("update_at".into(), json!(now));
        }
        self.sessions.retain(|s| s.user_id != id);
        self.statuses
            .insert(id.to_owned(), status_json(id, "offline", false, now, 0));
    }

    /// Reactivates a user.
    pub(crate) fn activate(&mut self, id: &str) {
        let now = self.now();
        if let Some(u) = self.users.get_mut(id) {
            u.insert("delete_at".into(), json!(0));
            u.insert("update_at".into(), json!(now));
        }
    }

    /// The user's status, or `offline` if none was ever set.
    pub(crate) fn status_of(&self, id: &str) -> Value {
        self.statuses
            .get(id)
            .cloned()
            .unwrap_or_else(|| status_json(id, "offline", false, 0, 0))
    }

    pub(crate) fn prefs_of(&self, user_id: &str) -> impl Iterator<Item = &Pref> + '_ {
        let user_id = user_id.to_owned();
        self.preferences
            .iter()
            .filter(move |p| p.user_id == user_id)
    }

    /// Inserts or replaces a preference.
    pub(crate) fn upsert_pref(&mut self, pref: Pref) {
        match self.preferences.iter_mut().find(|p| {
            p.user_id == pref.user_id && p.category == pref.category && p.name == pref.name
        }) {
            Some(existing) => existing.value = pref.value,
            None => self.preferences.push(pref),
        }
    }

    /// Saves the preferences the server creates for every new user (`createUserOrGuest` in
    /// `server/channels/app/user.go`): `recommended_next_steps`/`hide` = `false`,
    /// `tutorial_step`/(user ID) = `0` and `system_notice`/`GMasDM` = `true`.
    pub(crate) fn add_new_user_preferences(&mut self, user_id: &str) {
        for (category, name, value) in [
            ("recommended_next_steps", "hide", "false"),
            ("tutorial_step", user_id, "0"),
            ("system_notice", "GMasDM", "true"),
        ] {
            self.upsert_pref(Pref {
                user_id: user_id.to_owned(),
                category: category.to_owned(),
                name: name.to_owned(),
                value: value.to_owned(),
            });
        }
    }

    /// Adds a user with a password; returns the user object as stored.
    pub(crate) fn insert_user(&mut self, user: Obj, password: &str) {
        if let Some(id) = user.get("id").and_then(Value::as_str).map(str::to_owned) {
            self.passwords.insert(id.clone(), password.to_owned());
            self.put_user(id, user);
        }
    }
}

/// True if the user object's space-separated `roles` has `role`.
pub(crate) fn has_role(user: &Obj, role: &str) -> bool {
    user.get("roles")
        .and_then(Value::as_str)
        .unwrap_or("")
        .split_whitespace()
        .any(|r| r == role)
}

/// A status object.
pub(crate) fn status_json(
    user_id: &str,
    status: &str,
    manual: bool,
    last_activity_at: i64,
    dnd_end_time: i64,
) -> Value {
    json!({
        "user_id": user_id,
        "status": status,
        "manual": manual,
        "last_activity_at": last_activity_at,
        "dnd_end_time": dnd_end_time,
    })
}

/// A full user object with Mattermost's usual fields.
pub(crate) fn user_json(
    id: &str,
    username: &str,
    email: &str,
    roles: &str,
    names: (&str, &str),
    at: i64,
) -> Obj {
    let v = json!({
        "id": id,
        "create_at": at,
        "update_at": at,
        "delete_at": 0,
        "username": username,
        "auth_data": "",
        "auth_service": "",
        "email": email,
        "email_verified": true,
        "nickname": "",
        "first_name": names.0,
        "last_name": names.1,
        "position": "",
        "roles": roles,
        "props": {},
        "notify_props": {
            "channel": "true",
            "comments": "never",
            "desktop": "mention",
            "desktop_sound": "true",
            "email": "true",
            "first_name": "false",
            "mention_keys": "",
            "push": "mention",
            "push_status": "away"
        },
        "last_password_update": at,
        "last_picture_update": 0,
        "failed_attempts": 0,
        "locale": "en",
        "timezone": {
            "automaticTimezone": "",
            "manualTimezone": "",
            "useAutomaticTimezone": "true"
        },
        "mfa_active": false,
        "is_bot": false,
        "disable_welcome_email": false
    });
    match v {
        Value::Object(m) => m,
        _ => Obj::new(),
    }
}
