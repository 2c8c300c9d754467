//! The rest of one user's lists and actions (issue 12, users 3 of 3): the request each
//! endpoint builds, its bad input refused before any I/O, its paging rule, and decoding the
//! server's answers (unknown fields and enum values kept, `null` lists read as empty).

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::{ACCEPT, CONTENT_TYPE};
use mattermost_sdk_core::models::{PostReminder, UploadType};
use mattermost_sdk_core::paging::{PageRule, Paged};
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, UserId};
use serde_json::{json, Value};

/// Builds `ep` and checks method, URI (`{U}`-style placeholders) and JSON body.
fn check<E: Endpoint>(ep: &E, method: &str, uri: &str, body: Option<Value>) {
    let req = build(ep);
    assert_eq!(req.method().as_str(), method, "{}", E::INFO.operation_id);
    assert_eq!(E::INFO.method, method);
    assert_eq!(req.uri().to_string(), format!("{ROOT}{}", ids(uri)));
    assert_eq!(req.headers().get(ACCEPT).unwrap(), "application/json");
    match body {
        None => {
            assert!(req.body().is_empty(), "{}", E::INFO.operation_id);
            assert!(req.headers().get(CONTENT_TYPE).is_none());
        }
        Some(want) => {
            assert_eq!(req.headers().get(CONTENT_TYPE).unwrap(), "application/json");
            assert_eq!(json_body(&req), want);
        }
    }
}

#[test]
fn list_requests() {
    check(
        &GetChannelsForUser::new(uid()),
        "GET",
        "users/{U}/channels",
        None,
    );
    check(
        &GetChannelsForUser::new(UserId::me())
            .include_deleted(true)
            .last_delete_at(1_700_000_000_000),
        "GET",
        "users/me/channels?include_deleted=true&last_delete_at=1700000000000",
        None,
    );
    check(
        &GetChannelMembersWithTeamDataForUser::new(uid()),
        "GET",
        "users/{U}/channel_members",
        None,
    );
    check(
        &GetChannelMembersWithTeamDataForUser::new(uid())
            .page(2)
            .per_page(50),
        "GET",
        "users/{U}/channel_members?page=2&per_page=50",
        None,
    );
    check(
        &GetTeamMembersForUser::new(UserId::me()),
        "GET",
        "users/me/teams/members",
        None,
    );
    check(
        &GetTeamsUnreadForUser::new(uid()),
        "GET",
        "users/{U}/teams/unread",
        None,
    );
    check(
        &GetTeamsUnreadForUser::new(uid())
            .exclude_team(tid())
            .include_collapsed_threads(true),
        "GET",
        "users/{U}/teams/unread?exclude_team={T}&include_collapsed_threads=true",
        None,
    );
    check(
        &GetUploadsForUser::new(UserId::me()),
        "GET",
        "users/me/uploads",
        None,
    );
    check(
        &GetTeamPoliciesForUser::new(uid()).page(0).per_page(60),
        "GET",
        "users/{U}/data_retention/team_policies?page=0&per_page=60",
        None,
    );
    check(
        &GetChannelPoliciesForUser::new(uid()),
        "GET",
        "users/{U}/data_retention/channel_policies",
        None,
    );
}

#[test]
fn post_and_typing_requests() {
    check(
        &GetPostsAroundLastUnread::new(uid(), cid()),
        "GET",
        "users/{U}/channels/{C}/posts/unread",
        None,
    );
    check(
        &GetPostsAroundLastUnread::new(UserId::me(), cid())
            .limit_before(0)
            .limit_after(200)
            .skip_fetch_threads(true)
            .collapsed_threads(true)
            .collapsed_threads_extended(false),
        "GET",
        "users/me/channels/{C}/posts/unread?limit_before=0&limit_after=200&skipFetchThreads=true\
         &collapsedThreads=true&collapsedThreadsExtended=false",
        None,
    );
    check(
        &SetPostReminder::new(
            uid(),
            pid(),
            PostReminder {
                target_time: 1_800_000_000,
                ..PostReminder::default()
            },
        ),
        "POST",
        "users/{U}/posts/{P}/reminder",
        Some(json!({"target_time": 1_800_000_000})),
    );
    check(
        &PublishUserTyping::new(UserId::me(), cid()),
        "POST",
        "users/me/typing",
        Some(json!({"channel_id": C})),
    );
    check(
        &PublishUserTyping::new(uid(), cid()).parent_id(pid()),
        "POST",
        "users/{U}/typing",
        Some(json!({"channel_id": C, "parent_id": P})),
    );
    const { assert!(PublishUserTyping::INFO.idempotent) };
    const { assert!(!SetPostReminder::INFO.idempotent) };
}

#[test]
fn bad_limits_and_pages_fail_before_io() {
    let bad = |r: Result<_, BuildError>, param: &str| match r {
        Err(BuildError::InvalidParam { param: p, .. }) => assert_eq!(p, param),
        other => panic!("expected InvalidParam({param}), got {other:?}"),
    };
    let around = || GetPostsAroundLastUnread::new(uid(), cid());
    bad(try_build(&around().limit_after(0)), "limit_after");
    bad(try_build(&around().limit_after(201)), "limit_after");
    bad(try_build(&around().limit_before(201)), "limit_before");
    assert!(try_build(&around().limit_before(0).limit_after(1)).is_ok());
    bad(
        try_build(&GetChannelsForUser::new(uid()).last_delete_at(-1)),
        "last_delete_at",
    );
    bad(
        try_build(&GetChannelMembersWithTeamDataForUser::new(uid()).per_page(201)),
        "per_page",
    );
    bad(
        try_build(&GetTeamPoliciesForUser::new(uid()).per_page(0)),
        "per_page",
    );
}

#[test]
fn paging_rules_follow_the_handlers() {
    // Newer servers filter channel memberships after the cut; the policy stores do not.
    assert_eq!(
        GetChannelMembersWithTeamDataForUser::RULE,
        PageRule::EmptyPageEnds
    );
    assert_eq!(GetTeamPoliciesForUser::RULE, PageRule::ShortPageEnds);
    assert_eq!(GetChannelPoliciesForUser::RULE, PageRule::ShortPageEnds);
    let ep = GetTeamPoliciesForUser::new(uid()).at_page(3, 7);
    assert_eq!((ep.page, ep.per_page), (Some(3), Some(7)));
}

#[test]
fn memberships_decode_keeping_unknown_fields() {
    let members = parse_response::<GetChannelMembersWithTeamDataForUser>(json_response(
        200,
        &json!([{"channel_id": C, "user_id": U, "roles": "channel_user", "msg_count": 4,
                 "notify_props": {"push": "all"}, "scheme_user": true,
                 "team_display_name": "Team", "team_name": "team", "team_update_at": 7}]),
    ))
    .unwrap();
    let m = &members[0];
    assert_eq!((m.member.channel_id.as_str(), m.member.msg_count), (C, 4));
    assert_eq!(m.member.notify_props["push"], "all");
    assert_eq!((m.team_name.as_str(), m.team_update_at), ("team", 7));
    assert_eq!(m.member.extra["scheme_user"], true);
    assert!(
        !m.member.extra.contains_key("team_name"),
        "the team fields are named, not extra"
    );
    let back = serde_json::to_value(m).unwrap();
    assert_eq!(back["team_display_name"], "Team");
    assert_eq!(back["scheme_user"], true);

    let teams = parse_response::<GetTeamMembersForUser>(json_response(
        200,
        &json!([{"team_id": T, "user_id": U, "roles": "team_user", "delete_at": 0,
                 "scheme_admin": false, "scheme_user": true, "explicit_roles": "",
                 "create_at": 5, "new_field": 1}]),
    ))
    .unwrap();
    assert_eq!((teams[0].team_id.as_str(), teams[0].create_at), (T, 5));
    assert!(teams[0].scheme_user);
    assert_eq!(teams[0].extra["new_field"], 1);

    let unread = parse_response::<GetTeamsUnreadForUser>(json_response(
        200,
        &json!([{"team_id": T, "msg_count": 3, "mention_count": 1}]),
    ))
    .unwrap();
    assert_eq!((unread[0].msg_count, unread[0].thread_count), (3, 0));
}

#[test]
fn uploads_and_policies_decode() {
    let uploads = parse_response::<GetUploadsForUser>(json_response(
        200,
        &json!([
            {"id": "a", "type": "attachment", "create_at": 1, "user_id": U, "channel_id": C,
             "filename": "f.bin", "file_size": 10, "file_offset": 4, "remote_id": ""},
            {"id": "b", "type": "bulk", "user_id": U, "filename": "g.zip"}
        ]),
    ))
    .unwrap();
    assert_eq!(uploads[0].upload_type, UploadType::Attachment);
    assert_eq!((uploads[0].file_size, uploads[0].file_offset), (10, 4));
    assert_eq!(uploads[0].channel_id.as_deref(), Some(C));
    assert_eq!(uploads[0].extra["remote_id"], "");
    assert_eq!(uploads[1].upload_type, UploadType::Unknown("bulk".into()));
    let back = serde_json::to_value(&uploads[1]).unwrap();
    assert_eq!(back["type"], "bulk");
    assert!(back.get("channel_id").is_none(), "omitempty is respected");

    let none = parse_response::<GetTeamPoliciesForUser>(json_response(
        200,
        &json!({"policies": null, "total_count": 0}),
    ))
    .unwrap();
    assert!(none.policies.is_empty());
    let some = parse_response::<GetChannelPoliciesForUser>(json_response(
        200,
        &json!({"policies": [{"channel_id": C, "post_duration": 30}], "total_count": 3}),
    ))
    .unwrap();
    assert_eq!(some.total_count, 3);
    assert_eq!(
        GetChannelPoliciesForUser::items(some.clone())[0].post_duration,
        30
    );
    assert_eq!(GetChannelPoliciesForUser::key(&some.policies[0]), C);
}

#[test]
fn post_list_and_errors_decode() {
    let list = parse_response::<GetPostsAroundLastUnread>(json_response(
        200,
        &json!({"order": [P], "posts": {P: {"id": P, "channel_id": C, "message": "hi"}},
                "next_post_id": "", "prev_post_id": "x", "has_next": false}),
    ))
    .unwrap();
    assert_eq!(list.ordered().next().unwrap().message, "hi");
    assert_eq!(list.prev_post_id.as_deref(), Some("x"));
    let err = parse_response::<GetUploadsForUser>(json_response(
        403,
        &json!({"id": "api.user.get_uploads_for_user.forbidden.app_error", "message": "x",
                "status_code": 403}),
    ))
    .unwrap_err();
    assert!(err.to_string().contains("get_uploads_for_user"), "{err}");
    let ok = parse_response::<PublishUserTyping>(json_response(200, &json!({"status": "OK"})));
    assert!(ok.is_ok());
}
