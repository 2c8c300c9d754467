//! The starting data of [`FakeServer::new`](super::FakeServer::new); documented in the `fake` module.

use serde_json::json;

use super::state::{status_json, user_json, Pref, Reaction, Session, State};

/// The admin's user ID.
pub const ADMIN_ID: &str = "fakeadmin00000000000000001";
/// The admin's username.
pub const ADMIN_LOGIN: &str = "admin";
/// The admin's email.
pub const ADMIN_EMAIL: &str = "admin@example.com";
/// The admin's password.
pub const ADMIN_PASSWORD: &str = "Admin-Passw0rd!";
/// A session token of the admin.
pub const ADMIN_TOKEN: &str = "fakeadmintoken000000000001";
/// The admin's session ID (the one of [`ADMIN_TOKEN`]).
pub const ADMIN_SESSION_ID: &str = "fakesessionadmin0000000001";
/// A personal access token of the admin.
pub const ADMIN_PERSONAL_TOKEN: &str = "fakeadminpat00000000000001";
/// The ID of [`ADMIN_PERSONAL_TOKEN`] (what the token-ID operations take).
pub const ADMIN_PERSONAL_TOKEN_ID: &str = "fakeadminpatid000000000001";

/// A regular user ("alice", MFA off).
pub const USER_ID: &str = "fakeuser000000000000000001";
/// Alice's username.
pub const USER_LOGIN: &str = "alice";
/// Alice's email.
pub const USER_EMAIL: &str = "alice@example.com";
/// Alice's password.
pub const USER_PASSWORD: &str = "Alice-Passw0rd!";
/// Alice's web session token.
pub const USER_TOKEN: &str = "fakeusertoken0000000000001";
/// The session ID of [`USER_TOKEN`].
pub const USER_SESSION_ID: &str = "fakesessionuser00000000001";
/// Alice's second (mobile) session token.
pub const USER_MOBILE_TOKEN: &str = "fakemobiletoken00000000001";
/// The session ID of [`USER_MOBILE_TOKEN`].
pub const USER_MOBILE_SESSION_ID: &str = "fakesessionmobile000000001";

/// A regular user with MFA on ("bob").
pub const MFA_USER_ID: &str = "fakemfauser000000000000001";
/// Bob's username.
pub const MFA_USER_LOGIN: &str = "bob";
/// Bob's password.
pub const MFA_USER_PASSWORD: &str = "Bob-Passw0rd!";
/// Bob's session token.
pub const MFA_USER_TOKEN: &str = "fakemfausertoken0000000001";
/// The session ID of [`MFA_USER_TOKEN`].
pub const MFA_USER_SESSION_ID: &str = "fakesessionmfa000000000001";
/// The MFA code the fake accepts for every MFA user (login `token`, `PUT /mfa` `code`).
pub const MFA_CODE: &str = "123456";

/// A deactivated user ("carol").
pub const DEACTIVATED_USER_ID: &str = "fakedeactivated00000000001";
/// Carol's username.
pub const DEACTIVATED_LOGIN: &str = "carol";
/// Carol's password (login fails: the account is deactivated).
pub const DEACTIVATED_PASSWORD: &str = "Carol-Passw0rd!";

/// The first team (everyone is a member).
pub const TEAM_ALPHA_ID: &str = "faketeamalpha0000000000001";
/// The second team (admin and alice).
pub const TEAM_BETA_ID: &str = "faketeambeta00000000000001";
/// A channel in team alpha.
pub const CHANNEL_ALPHA_ID: &str = "fakechannelalpha0000000001";
/// A channel in team beta.
pub const CHANNEL_BETA_ID: &str = "fakechannelbeta00000000001";
/// A post in [`CHANNEL_ALPHA_ID`] that alice has flagged.
pub const FLAGGED_POST_ID: &str = "fakepostflagged00000000001";
/// A post in [`CHANNEL_ALPHA_ID`] alice reacted to.
pub const REACTION_POST_ID: &str = "fakepostreaction0000000001";
/// Alice's removable reaction on [`REACTION_POST_ID`] (she also reacted with `+1`).
pub const REACTION_EMOJI: &str = "thumbsup";
/// The root post of a thread in [`CHANNEL_ALPHA_ID`] (by the admin); its ID is the
/// thread's. The admin and bob follow it and have read it; alice does not follow it.
pub const THREAD_ROOT_ID: &str = "fakepostthreadroot00000001";
/// The first reply of [`THREAD_ROOT_ID`], by the admin, mentioning `@alice`.
pub const THREAD_REPLY_ID: &str = "fakepostthreadreply0000001";
/// The second reply of [`THREAD_ROOT_ID`], by bob.
pub const THREAD_REPLY2_ID: &str = "fakepostthreadreply0000002";
/// An OAuth app alice has authorized.
pub const OAUTH_APP_ID: &str = "fakeoauthapp00000000000001";

/// Every ID of the starting data, for tests that check their shape.
pub const ALL_FIXTURE_IDS: &[&str] = &[
    ADMIN_ID,
    ADMIN_SESSION_ID,
    USER_ID,
    USER_SESSION_ID,
    USER_MOBILE_SESSION_ID,
    MFA_USER_ID,
    MFA_USER_SESSION_ID,
    DEACTIVATED_USER_ID,
    TEAM_ALPHA_ID,
    TEAM_BETA_ID,
    CHANNEL_ALPHA_ID,
    CHANNEL_BETA_ID,
    FLAGGED_POST_ID,
    REACTION_POST_ID,
    OAUTH_APP_ID,
];

/// Every token of the starting data.
pub const ALL_FIXTURE_TOKENS: &[&str] = &[
    ADMIN_TOKEN,
    ADMIN_PERSONAL_TOKEN,
    USER_TOKEN,
    USER_MOBILE_TOKEN,
    MFA_USER_TOKEN,
];

fn obj(v: serde_json::Value) -> super::state::Obj {
    match v {
        serde_json::Value::Object(m) => m,
        _ => super::state::Obj::new(),
    }
}

/// Fills an empty state with the starting data.
pub(crate) fn seed(st: &mut State) {
    let at = st.now();

    let mut admin = user_json(
        ADMIN_ID,
        ADMIN_LOGIN,
        ADMIN_EMAIL,
        "system_admin system_user",
        ("Ada", "Admin"),
        at,
    );
    admin.insert("position".into(), json!("Administrator"));
    st.insert_user(admin, ADMIN_PASSWORD);

    let mut alice = user_json(
        USER_ID,
        USER_LOGIN,
        USER_EMAIL,
        "system_user",
        ("Alice", "Liddell"),
        at,
    );
    alice.insert("nickname".into(), json!("ali"));
    alice.insert("props".into(), json!({"customStatus": ""}));
    st.insert_user(alice, USER_PASSWORD);

    let mut bob = user_json(
        MFA_USER_ID,
        MFA_USER_LOGIN,
        "bob@example.com",
        "system_user",
        ("Bob", "Builder"),
        at,
    );
    bob.insert("mfa_active".into(), json!(true));
    st.insert_user(bob, MFA_USER_PASSWORD);
    st.mfa_secrets.insert(
        MFA_USER_ID.into(),
        "FAKEMFASEEDSECRETAAAAAAAAAAAAAAA".into(),
    );

    let mut carol = user_json(
        DEACTIVATED_USER_ID,
        DEACTIVATED_LOGIN,
        "carol@example.com",
        "system_user",
        ("Carol", "Gone"),
        at,
    );
    carol.insert("delete_at".into(), json!(at));
    st.insert_user(carol, DEACTIVATED_PASSWORD);

    for (id, name, display, kind) in [
        (TEAM_ALPHA_ID, "alpha", "Team Alpha", "O"),
        (TEAM_BETA_ID, "beta", "Team Beta", "I"),
    ] {
        st.teams.insert(
            id.into(),
            obj(json!({
                "id": id, "create_at": at, "update_at": at, "delete_at": 0,
                "display_name": display, "name": name, "description": "",
                "email": ADMIN_EMAIL, "type": kind, "company_name": "",
                "allowed_domains": "", "invite_id": "", "allow_open_invite": kind == "O",
                "scheme_id": null, "group_constrained": false, "policy_id": null,
            })),
        );
    }
    for (team, user) in [
        (TEAM_ALPHA_ID, ADMIN_ID),
        (TEAM_ALPHA_ID, USER_ID),
        (TEAM_ALPHA_ID, MFA_USER_ID),
        (TEAM_ALPHA_ID, DEACTIVATED_USER_ID),
        (TEAM_BETA_ID, ADMIN_ID),
        (TEAM_BETA_ID, USER_ID),
    ] {
        st.memberships.push((team.into(), user.into()));
    }
    st.channels
        .insert(CHANNEL_ALPHA_ID.into(), TEAM_ALPHA_ID.into());
    st.channels
        .insert(CHANNEL_BETA_ID.into(), TEAM_BETA_ID.into());
    for (id, name, display) in [
        (CHANNEL_ALPHA_ID, "town-square", "Town Square"),
        (CHANNEL_BETA_ID, "off-topic", "Off-Topic"),
    ] {
        st.chan.objects.insert(
            id.into(),
            obj(
                json!({"name": name, "display_name": display, "creator_id": ADMIN_ID,
                "create_at": at, "update_at": at}),
            ),
        );
    }

    for (id, user, message) in [
        (FLAGGED_POST_ID, ADMIN_ID, "Welcome to the fake server!"),
        (REACTION_POST_ID, USER_ID, "React to this."),
    ] {
        let t = st.now();
        st.posts.insert(
            id.into(),
            obj(json!({
                "id": id, "create_at": t, "update_at": t, "edit_at": 0, "delete_at": 0,
                "is_pinned": false, "user_id": user, "channel_id": CHANNEL_ALPHA_ID,
                "root_id": "", "original_id": "", "message": message, "type": "",
                "props": {}, "hashtags": "", "pending_post_id": "", "reply_count": 0,
                "metadata": {},
            })),
        );
    }
    for (id, user, root, message) in [
        (THREAD_ROOT_ID, ADMIN_ID, "", "Release planning: thoughts?"),
        (
            THREAD_REPLY_ID,
            ADMIN_ID,
            THREAD_ROOT_ID,
            "@alice can you review the plan?",
        ),
        (
            THREAD_REPLY2_ID,
            MFA_USER_ID,
            THREAD_ROOT_ID,
            "Looks good to me.",
        ),
    ] {
        let t = st.now();
        st.posts.insert(
            id.into(),
            obj(json!({
                "id": id, "create_at": t, "update_at": t, "edit_at": 0, "delete_at": 0,
                "is_pinned": false, "user_id": user, "channel_id": CHANNEL_ALPHA_ID,
                "root_id": root, "original_id": "", "message": message, "type": "",
                "props": {}, "hashtags": "", "pending_post_id": "",
                "reply_count": if root.is_empty() { 2 } else { 0 }, "metadata": {},
            })),
        );
    }
    for user in [ADMIN_ID, MFA_USER_ID] {
        let t = st.now();
        st.threads.members.insert(
            (user.into(), THREAD_ROOT_ID.into()),
            super::handlers::threads::Membership {
                following: true,
                last_viewed: t,
                last_updated: t,
            },
        );
    }
    for emoji in [REACTION_EMOJI, "+1"] {
        let t = st.now();
        st.reactions.push(Reaction {
            user_id: USER_ID.into(),
            post_id: REACTION_POST_ID.into(),
            emoji_name: emoji.into(),
            create_at: t,
        });
    }

    st.oauth_apps.insert(
        OAUTH_APP_ID.into(),
        obj(json!({
            "id": OAUTH_APP_ID, "creator_id": ADMIN_ID, "create_at": at, "update_at": at,
            "client_secret": "fakeclientsecret0000000001", "name": "Fake CI",
            "description": "A fake OAuth app", "icon_url": "",
            "callback_urls": ["https://ci.example.com/callback"],
            "homepage": "https://ci.example.com", "is_trusted": false,
            "mattermost_app_id": "",
        })),
    );

    for (user, category, name, value) in [
        (USER_ID, "display_settings", "use_military_time", "false"),
        (USER_ID, "display_settings", "name_format", "username"),
        (USER_ID, "theme", "", "{\"type\":\"Denim\"}"),
        (USER_ID, "flagged_post", FLAGGED_POST_ID, "true"),
        (USER_ID, "oauth_app", OAUTH_APP_ID, "user"),
        (ADMIN_ID, "display_settings", "use_military_time", "true"),
    ] {
        st.preferences.push(Pref {
            user_id: user.into(),
            category: category.into(),
            name: name.into(),
            value: value.into(),
        });
    }

    for (user, status) in [
        (ADMIN_ID, "online"),
        (USER_ID, "away"),
        (MFA_USER_ID, "dnd"),
        (DEACTIVATED_USER_ID, "offline"),
    ] {
        st.statuses.insert(
            user.into(),
            status_json(user, status, status == "dnd", at, 0),
        );
    }

    for (id, token, user, device, platform) in [
        (ADMIN_SESSION_ID, ADMIN_TOKEN, ADMIN_ID, "", "Linux"),
        (USER_SESSION_ID, USER_TOKEN, USER_ID, "", "Linux"),
        (
            USER_MOBILE_SESSION_ID,
            USER_MOBILE_TOKEN,
            USER_ID,
            "apple:fakedevice",
            "iPhone",
        ),
        (
            MFA_USER_SESSION_ID,
            MFA_USER_TOKEN,
            MFA_USER_ID,
            "",
            "Linux",
        ),
    ] {
        let t = st.now();
        st.sessions.push(Session {
            id: id.into(),
            token: token.into(),
            user_id: user.into(),
            create_at: t,
            device_id: device.into(),
            platform,
            extra_props: Default::default(),
        });
    }
    st.add_personal_token(
        Some(ADMIN_PERSONAL_TOKEN_ID),
        ADMIN_ID,
        ADMIN_PERSONAL_TOKEN,
        "seeded admin token",
    );
    super::handlers::admin::seed(st);
}

/// The image `GET /users/{id}/image` returns for a user without a stored one: a 1×1 PNG
/// (`image/png`).
pub const DEFAULT_PROFILE_IMAGE: &[u8] = &[
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
    0xde, 0x00, 0x00, 0x00, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x78, 0xda, 0x63, 0x90, 0x33, 0x8a, 0x01,
    0x00, 0x01, 0x1e, 0x00, 0xad, 0x9f, 0x54, 0x58, 0xba, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e,
    0x44, 0xae, 0x42, 0x60, 0x82,
];
