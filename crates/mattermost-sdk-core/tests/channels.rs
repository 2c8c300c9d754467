//! The user's channels, channel members and unread counts: the request each endpoint builds
//! and decoding the server's answers (unknown fields and channel types kept).

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::http::header::{ACCEPT, CONTENT_TYPE};
use mattermost_sdk_core::models::{ChannelType, ChannelUnreadAt};
use mattermost_sdk_core::{parse_response, Endpoint, UserId};
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
        Some(want) => assert_eq!(json_body(&req), want),
    }
}

#[test]
fn requests() {
    check(
        &GetChannelsForTeamForUser::new(uid(), tid()),
        "GET",
        "users/{U}/teams/{T}/channels",
        None,
    );
    check(
        &GetChannelsForTeamForUser::new(UserId::me(), tid())
            .include_deleted(true)
            .last_delete_at(1_700_000_000_000),
        "GET",
        "users/me/teams/{T}/channels?include_deleted=true&last_delete_at=1700000000000",
        None,
    );
    check(
        &GetChannelMembersForUser::new(uid(), tid()),
        "GET",
        "users/{U}/teams/{T}/channels/members",
        None,
    );
    check(
        &GetTeamUnread::new(uid(), tid()),
        "GET",
        "users/{U}/teams/{T}/unread",
        None,
    );
    check(
        &GetChannelUnread::new(UserId::me(), cid()),
        "GET",
        "users/me/channels/{C}/unread",
        None,
    );
    check(
        &SetPostUnread::new(uid(), pid()),
        "POST",
        "users/{U}/posts/{P}/set_unread",
        None,
    );
    check(
        &SetPostUnread::new(uid(), pid()).collapsed_threads_supported(true),
        "POST",
        "users/{U}/posts/{P}/set_unread",
        Some(json!({"collapsed_threads_supported": true})),
    );
    check(
        &SaveAcknowledgementForPost::new(UserId::me(), pid()),
        "POST",
        "users/me/posts/{P}/ack",
        None,
    );
    check(
        &DeleteAcknowledgementForPost::new(uid(), pid()),
        "DELETE",
        "users/{U}/posts/{P}/ack",
        None,
    );
}

#[test]
fn acknowledgements_decode_keeping_unknown_fields() {
    let ack = parse_response::<SaveAcknowledgementForPost>(json_response(
        200,
        &json!({"user_id": U, "post_id": P, "acknowledged_at": 1_700_000_000_000_i64,
                "remote_id": ""}),
    ))
    .unwrap();
    assert_eq!(ack.acknowledged_at, 1_700_000_000_000);
    assert_eq!(ack.channel_id, None, "older servers send no channel_id");
    assert_eq!(ack.extra["remote_id"], "");
    let err = parse_response::<DeleteAcknowledgementForPost>(json_response(
        403,
        &json!({"id": "api.acknowledgement.delete.deadline.app_error", "message": "x",
                "status_code": 403}),
    ))
    .unwrap_err();
    assert!(err.to_string().contains("deadline"), "{err}");
}

#[test]
fn channels_decode_keeping_unknown_fields_and_types() {
    let body = json!([
        {"id": C, "team_id": T, "type": "O", "display_name": "Town Square", "name": "town-square",
         "total_msg_count": 5, "last_post_at": 1_700_000_001_000_i64, "policy_id": null,
         "banner_info": {"enabled": false}},
        {"id": C, "team_id": T, "type": "X", "name": "future"}
    ]);
    let channels = parse_response::<GetChannelsForTeamForUser>(json_response(200, &body)).unwrap();
    assert_eq!(channels[0].channel_type, ChannelType::Open);
    assert_eq!(channels[0].total_msg_count, 5);
    assert_eq!(channels[0].extra["banner_info"], json!({"enabled": false}));
    assert_eq!(channels[1].channel_type, ChannelType::Unknown("X".into()));
    assert_eq!(serde_json::to_value(&channels[1]).unwrap()["type"], "X");
}

#[test]
fn unread_answers_decode() {
    let team = parse_response::<GetTeamUnread>(json_response(
        200,
        &json!({"team_id": T, "msg_count": 3, "mention_count": 1, "thread_count": 2}),
    ))
    .unwrap();
    assert_eq!(
        (team.msg_count, team.mention_count, team.thread_count),
        (3, 1, 2)
    );
    let at: ChannelUnreadAt = parse_response::<SetPostUnread>(json_response(
        200,
        &json!({"team_id": T, "user_id": U, "channel_id": C, "msg_count": 1,
                "mention_count": 0, "last_viewed_at": 1_700_000_000_999_i64}),
    ))
    .unwrap();
    assert_eq!((at.msg_count, at.last_viewed_at), (1, 1_700_000_000_999));
    let err = parse_response::<GetChannelUnread>(json_response(
        404,
        &json!({"id": "app.channel.get_unread.app_error", "message": "x", "status_code": 404}),
    ))
    .unwrap_err();
    assert!(
        err.to_string().contains("app.channel.get_unread.app_error"),
        "{err}"
    );
}
