//! The directory endpoints: the wire form of each (method, URI, body), what is refused
//! before any I/O (exactly the server handler's 400s), what the server accepts and we must
//! not refuse, decoding of real answers, secrets, batching and paging.

mod common;

use std::collections::BTreeMap;

use common::*;
use mattermost_sdk_core::batch::Batched;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::CONTENT_TYPE;
use mattermost_sdk_core::models::{NewUser, Role, UserSearch, UserSort, UsersStats};
use mattermost_sdk_core::paging::Paged;
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, GroupId, Secret, UserId};
use serde_json::{json, Value};

const G: &str = "g7g7g7g7g7g7g7g7g7g7g7g7g7";

fn gid() -> GroupId {
    GroupId::new(G).unwrap()
}

/// The URI (relative to the API root) and JSON body (`None`: no body) of `ep`.
fn wire<E: Endpoint>(ep: &E) -> (String, String, Option<Value>) {
    let req = build(ep);
    assert_eq!(req.method().as_str(), E::INFO.method);
    let uri = req.uri().to_string();
    let rel = uri
        .strip_prefix(ROOT)
        .expect("under the API root")
        .to_owned();
    let body = if req.body().is_empty() {
        assert!(req.headers().get(CONTENT_TYPE).is_none());
        None
    } else {
        assert_eq!(req.headers().get(CONTENT_TYPE).unwrap(), "application/json");
        Some(json_body(&req))
    };
    (req.method().to_string(), rel, body)
}

fn refused<E: Endpoint>(ep: &E, param: &str) {
    match try_build(ep) {
        Err(BuildError::InvalidParam { param: p, .. }) => assert_eq!(p, param),
        other => panic!("expected InvalidParam({param}), got {other:?}"),
    }
}

#[test]
fn get_users_sends_every_filter() {
    let ep = GetUsers::new()
        .in_team(tid())
        .not_in_team(tid())
        .in_channel(cid())
        .not_in_channel(cid())
        .in_group(gid())
        .not_in_group(gid())
        .group_constrained(true)
        .without_team(false)
        .active(true)
        .inactive(false)
        .role(Role::SystemUser)
        .roles(vec![Role::SystemAdmin, Role::Other("custom_role".into())])
        .team_roles(vec![Role::Other("team_admin".into())])
        .channel_roles(vec![Role::Other("channel_admin".into())])
        .sort(UserSort::Status)
        .page(2)
        .per_page(50);
    let (method, uri, body) = wire(&ep);
    assert_eq!(method, "GET");
    assert_eq!(
        uri,
        ids(
            "users?in_team={T}&not_in_team={T}&in_channel={C}&not_in_channel={C}\
             &in_group=g7g7g7g7g7g7g7g7g7g7g7g7g7&not_in_group=g7g7g7g7g7g7g7g7g7g7g7g7g7\
             &group_constrained=true&without_team=false&active=true&inactive=false\
             &role=system_user&roles=system_admin%2Ccustom_role&team_roles=team_admin\
             &channel_roles=channel_admin&sort=status&page=2&per_page=50"
        )
    );
    assert_eq!(body, None);
    assert_eq!(wire(&GetUsers::new()).1, "users");
}

#[test]
fn get_users_refuses_what_the_handler_refuses() {
    // `if notInChannelId != "" && inTeamId == ""`
    refused(&GetUsers::new().not_in_channel(cid()), "in_team");
    // sorts outside their filters
    refused(&GetUsers::new().sort(UserSort::CreateAt), "sort");
    refused(
        &GetUsers::new()
            .in_team(tid())
            .in_channel(cid())
            .sort(UserSort::LastActivityAt),
        "sort",
    );
    refused(
        &GetUsers::new().in_team(tid()).sort(UserSort::Status),
        "sort",
    );
    refused(&GetUsers::new().sort(UserSort::Admin), "sort");
    refused(
        &GetUsers::new()
            .in_group(gid())
            .in_team(tid())
            .sort(UserSort::DisplayName),
        "sort",
    );
    // `if inactiveBool && activeBool`
    refused(&GetUsers::new().active(true).inactive(true), "inactive");
    // `model.CleanRoleNames`
    refused(
        &GetUsers::new().role(Role::Other("Not A Role".into())),
        "role",
    );
    refused(
        &GetUsers::new().roles(vec![Role::Other("bad-name".into())]),
        "roles",
    );
    refused(
        &GetUsers::new()
            .in_channel(cid())
            .channel_roles(vec![Role::Other("X".into())]),
        "channel_roles",
    );
    refused(
        &GetUsers::new()
            .in_team(tid())
            .team_roles(vec![Role::Other("x y".into())]),
        "team_roles",
    );
}

#[test]
fn get_users_accepts_what_the_handler_accepts() {
    // Combinations the server ignores, not refuses.
    for ep in [
        GetUsers::new()
            .in_team(tid())
            .in_channel(cid())
            .without_team(true)
            .in_group(gid()),
        GetUsers::new()
            .in_team(tid())
            .sort(UserSort::LastActivityAt),
        GetUsers::new()
            .in_team(tid())
            .not_in_channel(cid())
            .sort(UserSort::Status)
            .in_channel(cid()),
        GetUsers::new().in_group(gid()).sort(UserSort::DisplayName),
        GetUsers::new().active(true).inactive(false),
        // team/channel roles are only read (and checked) with their filter
        GetUsers::new().channel_roles(vec![Role::Other("NOT VALID".into())]),
        GetUsers::new().team_roles(vec![Role::Other("NOT VALID".into())]),
        // blank role names are skipped by CleanRoleNames
        GetUsers::new().roles(vec![Role::Other(" ".into()), Role::SystemUser]),
        // the server clamps per_page instead of refusing it
        GetUsers::new().per_page(500).page(0),
        GetUsers::new().per_page(0),
    ] {
        try_build(&ep).unwrap_or_else(|e| panic!("{ep:?} refused: {e}"));
    }
    let (_, uri, _) = wire(&GetUsers::new().roles(vec![Role::Other(" ".into()), Role::SystemUser]));
    assert_eq!(uri, "users?roles=system_user");
    let (_, uri, _) = wire(&GetUsers::new().channel_roles(vec![Role::Other("x".into())]));
    assert_eq!(
        uri, "users",
        "channel_roles without in_channel are not read: not sent"
    );
}

#[test]
fn get_users_pages_in_at_most_200() {
    assert_eq!(
        GetUsers::new().per_page(500).requested_per_page(),
        Some(200)
    );
    assert_eq!(GetUsers::new().requested_per_page(), None);
    let (_, uri, _) = wire(&GetUsers::new().in_team(tid()).at_page(3, 100));
    assert_eq!(uri, ids("users?in_team={T}&page=3&per_page=100"));
    let (_, uri, _) = wire(&GetUsersWithInvalidEmails::new().at_page(1, 20));
    assert_eq!(uri, "users/invalid_emails?page=1&per_page=20");
}

#[test]
fn create_user_with_invite_and_secret_password() {
    let mut user = NewUser::new("dora", "dora@example.com", "Dora-Passw0rd!");
    user.props = Some(BTreeMap::from([("k".to_owned(), "v".to_owned())]));
    user.extra.insert("future".into(), json!(1));
    let ep = CreateUser::new(user.clone())
        .invite_token("tok123".into())
        .invite_id("inv456".into());
    let (method, uri, body) = wire(&ep);
    assert_eq!(method, "POST");
    assert_eq!(uri, "users?t=tok123&iid=inv456");
    assert_eq!(
        body,
        Some(json!({"username": "dora", "email": "dora@example.com",
                    "password": "Dora-Passw0rd!", "props": {"k": "v"}, "future": 1}))
    );
    let shown = format!("{ep:?}");
    assert!(
        !shown.contains("Dora-Passw0rd!"),
        "the password leaked into Debug: {shown}"
    );
    // An LDAP account has no password at all.
    let mut ldap = NewUser {
        username: "erin".into(),
        email: "erin@example.com".into(),
        ..NewUser::default()
    };
    ldap.auth_service = Some("ldap".into());
    ldap.auth_data = Some("erin".into());
    assert_eq!(
        wire(&CreateUser::new(ldap)).2,
        Some(
            json!({"username": "erin", "email": "erin@example.com", "auth_service": "ldap", "auth_data": "erin"})
        )
    );
}

#[test]
fn create_user_refuses_blank_secrets_and_missing_names() {
    refused(
        &CreateUser::new(NewUser::new("dora", "dora@example.com", "  ")),
        "user.password",
    );
    refused(
        &CreateUser::new(NewUser::new("", "dora@example.com", "pw-long-enough")),
        "user.username",
    );
    refused(
        &CreateUser::new(NewUser::new("dora", "", "pw-long-enough")),
        "user.email",
    );
    let err = try_build(&CreateUser::new(NewUser::new("dora", "", "Sekr1t-Value"))).unwrap_err();
    assert!(!format!("{err} {err:?}").contains("Sekr1t-Value"));
}

#[test]
fn lookups_by_username_and_email() {
    let (m, uri, body) = wire(&GetUserByUsername::new(
        Username::new("alice.l-1_x").unwrap(),
    ));
    assert_eq!(
        (m.as_str(), uri.as_str(), body),
        ("GET", "users/username/alice.l-1_x", None)
    );
    let (_, uri, _) = wire(&GetUserByEmail::new(
        EmailAddress::new("a+b@example.com").unwrap(),
    ));
    assert_eq!(uri, "users/email/a%2Bb%40example.com");
    for bad in ["", "Alice", "al ice", "a/b", &"x".repeat(65)] {
        assert!(Username::new(bad).is_err(), "{bad:?} accepted");
    }
    for bad in ["", "alice", "a b@example.com"] {
        assert!(EmailAddress::new(bad).is_err(), "{bad:?} accepted");
    }
}

#[test]
fn batch_bodies_are_arrays_and_empty_lists_are_refused() {
    let (m, uri, body) = wire(&GetUsersByIds::new(vec![uid(), uid2()]).since(1_700_000_000_000));
    assert_eq!(
        (m.as_str(), uri.as_str()),
        ("POST", "users/ids?since=1700000000000")
    );
    assert_eq!(body, Some(json!([U, U2])));
    assert_eq!(
        wire(&GetUsersByUsernames::new(vec![
            "alice".into(),
            "bob".into()
        ]))
        .2,
        Some(json!(["alice", "bob"]))
    );
    assert_eq!(
        wire(&GetUsersByGroupChannelIds::new(vec![cid()])).1,
        "users/group_channels"
    );
    assert_eq!(
        wire(&GetUsersStatusesByIds::new(vec![uid()])).2,
        Some(json!([U]))
    );
    refused(&GetUsersByIds::new(vec![]), "user_ids");
    refused(&GetUsersByUsernames::new(vec![]), "usernames");
    refused(&GetUsersByGroupChannelIds::new(vec![]), "channel_ids");
    refused(&GetUsersStatusesByIds::new(vec![]), "user_ids");
    // `me` in a body is never a user ID (status.go: `len(userId) != 26`).
    refused(&GetUsersByIds::new(vec![UserId::me()]), "user_ids");
    refused(
        &GetUsersStatusesByIds::new(vec![uid(), UserId::me()]),
        "user_ids",
    );
}

#[test]
fn batches_split_under_the_request_limit_and_merge_in_order() {
    let many: Vec<String> = (0..2345).map(|i| format!("user{i}")).collect();
    let parts = GetUsersByUsernames::new(many.clone()).split();
    assert_eq!(parts.len(), 3);
    assert!(parts
        .iter()
        .all(|p| p.usernames.len() <= GetUsersByUsernames::CHUNK));
    let rejoined: Vec<String> = parts.iter().flat_map(|p| p.usernames.clone()).collect();
    assert_eq!(rejoined, many);
    for p in &parts {
        // each chunk is a body well under the server's 300000-byte default limit
        assert!(build(p).body().len() < 300_000);
    }
    let merged = GetUsersByGroupChannelIds::merge(vec![
        BTreeMap::from([("a".to_owned(), vec![])]),
        BTreeMap::from([("b".to_owned(), vec![])]),
    ]);
    assert_eq!(merged.keys().collect::<Vec<_>>(), ["a", "b"]);
    let since = GetUsersByIds::new(vec![uid(); 3]).since(5).dedup().split();
    assert_eq!(since.len(), 1);
    assert_eq!((since[0].user_ids.len(), since[0].since), (1, Some(5)));
}

#[test]
fn search_body_and_refusals() {
    let mut s = UserSearch::new("ali");
    s.team_id = Some(tid());
    s.not_in_channel_id = Some(cid());
    s.allow_inactive = Some(true);
    s.limit = Some(10);
    s.roles = Some(vec![Role::SystemUser]);
    let (m, uri, body) = wire(&SearchUsers::new(s));
    assert_eq!((m.as_str(), uri.as_str()), ("POST", "users/search"));
    assert_eq!(
        body,
        Some(json!({"term": "ali", "team_id": T, "not_in_channel_id": C,
                    "allow_inactive": true, "limit": 10, "roles": ["system_user"]}))
    );
    refused(&SearchUsers::new(UserSearch::new("")), "term");
    let mut s = UserSearch::new("x");
    s.not_in_channel_id = Some(cid());
    refused(&SearchUsers::new(s), "team_id");
    let mut s = UserSearch::new("x");
    s.limit = Some(1001);
    refused(&SearchUsers::new(s), "limit");
    // 0 is the default (100), 1000 the maximum: both accepted.
    for limit in [0, 1000] {
        let mut s = UserSearch::new("x");
        s.limit = Some(limit);
        assert!(try_build(&SearchUsers::new(s)).is_ok());
    }
}

#[test]
fn autocomplete_known_stats_and_statuses() {
    let (_, uri, body) = wire(
        &AutocompleteUsers::new("al".into())
            .in_team(tid())
            .in_channel(cid())
            .limit(5000),
    );
    assert_eq!(
        uri,
        ids("users/autocomplete?in_team={T}&in_channel={C}&name=al&limit=5000")
    );
    assert_eq!(body, None);
    refused(
        &AutocompleteUsers::new("al".into()).in_channel(cid()),
        "in_team",
    );
    assert!(
        try_build(&AutocompleteUsers::new(String::new())).is_ok(),
        "an empty name is accepted"
    );
    assert_eq!(wire(&GetKnownUsers::new()).1, "users/known");
    assert_eq!(wire(&GetTotalUsersStats::new()).1, "users/stats");
    let (_, uri, _) = wire(
        &GetTotalUsersStatsFiltered::new()
            .in_team(tid())
            .include_deleted(true)
            .include_bots(false)
            .include_remote_users(true)
            .roles(vec![Role::SystemAdmin, Role::SystemUser])
            .team_roles(vec![Role::Other("team_admin".into())])
            .channel_roles(vec![Role::Other("ignored".into())]),
    );
    assert_eq!(
        uri,
        ids(
            "users/stats/filtered?in_team={T}&include_deleted=true&include_bots=false\
             &include_remote_users=true&roles=system_admin%2Csystem_user&team_roles=team_admin"
        )
    );
    refused(
        &GetTotalUsersStatsFiltered::new().roles(vec![Role::Other("Admin!".into())]),
        "roles",
    );
}

#[test]
fn answers_decode_and_keep_unknown_fields() {
    let stats = parse_response::<GetTotalUsersStats>(json_response(
        200,
        &json!({"total_users_count": 42, "new": "x"}),
    ))
    .unwrap();
    assert_eq!(
        stats,
        UsersStats {
            total_users_count: 42,
            extra: serde_json::from_value(json!({"new": "x"})).unwrap()
        }
    );
    let auto = parse_response::<AutocompleteUsers>(json_response(
        200,
        &json!({"users": [{"id": U, "username": "alice"}], "out_of_channel": [{"id": U2, "username": "bob"}], "agents": []}),
    ))
    .unwrap();
    assert_eq!(auto.users[0].username, "alice");
    assert_eq!(auto.out_of_channel.unwrap()[0].username, "bob");
    assert!(auto.extra.contains_key("agents"));
    let gm = parse_response::<GetUsersByGroupChannelIds>(json_response(
        200,
        &json!({C: [{"id": U, "username": "alice"}]}),
    ))
    .unwrap();
    assert_eq!(gm[C][0].id, U);
    let known = parse_response::<GetKnownUsers>(json_response(200, &json!([U, U2]))).unwrap();
    assert_eq!(known, [U, U2]);
    let statuses = parse_response::<GetUsersStatusesByIds>(json_response(
        200,
        &json!([{"user_id": U, "status": "online"}]),
    ))
    .unwrap();
    assert_eq!(statuses[0].user_id, U);
    let created =
        parse_response::<CreateUser>(json_response(201, &json!({"id": U, "username": "dora"})))
            .unwrap();
    assert_eq!(created.id, U);
    let err = parse_response::<SearchUsers>(json_response(
        400,
        &json!({"id": "api.context.invalid_body_param.app_error", "status_code": 400}),
    ))
    .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
}

#[test]
fn new_user_debug_hides_the_password() {
    let u = NewUser::new("x", "x@example.com", Secret::new("hunter22-secret"));
    assert!(!format!("{u:?}").contains("hunter22-secret"));
}
