//! Sidebar categories through the facade, against `MockTransport` expectations: each method
//! sends exactly its wire form and decodes the server's answer.

use mattermost_sdk::core::endpoints::users::SidebarCategoryId;
use mattermost_sdk::models::{
    SidebarCategorySorting, SidebarCategoryType, SidebarCategoryWithChannels,
};
use mattermost_sdk::{BuildError, Error};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const T: &str = "t1t1t1t1t1t1t1t1t1t1t1t1t1";
const C: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1";
const K: &str = "k1k1k1k1k1k1k1k1k1k1k1k1k1";

fn category(id: &str, kind: &str, channels: &[&str]) -> serde_json::Value {
    json!({"id": id, "user_id": U, "team_id": T, "sort_order": 10, "sorting": "",
           "type": kind, "display_name": "Work", "muted": false, "collapsed": false,
           "channel_ids": channels})
}

#[tokio::test]
async fn team_level_operations_send_their_wire_form() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let team = c.user(U).team(T);
    let base = format!("/api/v4/users/{U}/teams/{T}/channels/categories");
    let fav = format!("favorites_{U}_{T}");

    mock.expect(Method::GET, &base)
        .header("authorization", "Bearer tok")
        .no_body()
        .respond_json(
            200,
            json!({"categories": [category(&fav, "favorites", &[]), category(K, "custom", &[C])],
                   "order": [fav, K]}),
        );
    let all = team.sidebar_categories().await.unwrap();
    assert_eq!(all.order, vec![fav.clone(), K.to_owned()]);
    assert_eq!(
        all.categories[0].category_type,
        SidebarCategoryType::Favorites
    );
    assert_eq!(all.get(K).unwrap().channel_ids, vec![C.to_owned()]);

    mock.expect(Method::POST, &base)
        .json_body(
            json!({"id": "", "user_id": U, "team_id": T, "sort_order": 0, "sorting": "",
                          "type": "custom", "display_name": "Work", "muted": false,
                          "collapsed": false, "channel_ids": [C]}),
        )
        .respond_json(200, category(K, "custom", &[C]));
    let made = team
        .create_sidebar_category(SidebarCategoryWithChannels::custom("Work", [C]))
        .await
        .unwrap();
    assert_eq!((made.id.as_str(), made.sort_order), (K, 10));

    let mut renamed = made.clone();
    renamed.display_name = "Play".into();
    renamed.sorting = SidebarCategorySorting::Recent;
    let mut sent = category(K, "custom", &[C]);
    sent["display_name"] = json!("Play");
    sent["sorting"] = json!("recent");
    mock.expect(Method::PUT, &base)
        .json_body(json!([sent.clone()]))
        .respond_json(200, json!([sent]));
    let updated = team.update_sidebar_categories([renamed]).await.unwrap();
    assert_eq!(updated[0].display_name, "Play");

    mock.expect(Method::GET, &format!("{base}/order"))
        .no_body()
        .respond_json(200, json!([fav, K]));
    let order = team.sidebar_category_order().await.unwrap();

    mock.expect(Method::PUT, &format!("{base}/order"))
        .json_body(json!([K, fav]))
        .respond_json(200, json!([K, fav]));
    let reversed: Vec<String> = order.into_iter().rev().collect();
    let set = team.set_sidebar_category_order(&reversed).await.unwrap();
    assert_eq!(set, reversed);
    mock.verify();
}

#[tokio::test]
async fn one_category_operations_send_their_wire_form() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let path = format!("/api/v4/users/{U}/teams/{T}/channels/categories/{K}");
    let handle = c.user(U).team(T).sidebar_category(K);
    assert_eq!(handle.id().unwrap().as_str(), K);

    mock.expect(Method::GET, &path)
        .no_body()
        .respond_json(200, category(K, "custom", &[C]));
    let mut got = handle.get().await.unwrap();

    got.muted = true;
    got.extra.insert("future".into(), json!(1));
    let mut sent = category(K, "custom", &[C]);
    sent["muted"] = json!(true);
    sent["future"] = json!(1);
    mock.expect(Method::PUT, &path)
        .json_body(sent.clone())
        .respond_json(200, sent);
    // The category names itself, too.
    let again = c
        .user(U)
        .team(T)
        .sidebar_category(&got)
        .update(got.clone())
        .await
        .unwrap();
    assert!(again.muted);
    assert_eq!(again.extra["future"], 1, "unknown fields survive");

    mock.expect(Method::DELETE, &path)
        .no_body()
        .respond_json(200, json!({"status": "OK"}));
    assert_eq!(handle.remove().await.unwrap().status, "OK");

    mock.expect(Method::DELETE, &format!("/api/v4/users/{U}/teams/{T}/channels/categories/channels_{U}_{T}"))
        .respond_json(
            400,
            json!({"id": "app.channel.sidebar_categories.app_error", "message": "m", "status_code": 400}),
        );
    let default = SidebarCategoryId::new(format!("channels_{U}_{T}")).unwrap();
    let err = c
        .user(U)
        .team(T)
        .sidebar_category(default)
        .remove()
        .await
        .unwrap_err();
    assert_eq!(
        err.api_error_id(),
        Some("app.channel.sidebar_categories.app_error")
    );
    mock.verify();
}

#[tokio::test]
async fn bad_input_fails_before_any_io() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let team = c.user(U).team(T);
    for bad in [
        team.sidebar_category("invalid_category_id")
            .get()
            .await
            .map(|_| ()),
        team.sidebar_category("order").remove().await.map(|_| ()),
        team.set_sidebar_category_order(["nope"]).await.map(|_| ()),
        team.set_sidebar_category_order(Vec::<String>::new())
            .await
            .map(|_| ()),
        team.set_sidebar_category_order([K, K]).await.map(|_| ()),
        c.user("me")
            .team(T)
            .create_sidebar_category(SidebarCategoryWithChannels::custom("x", [C]))
            .await
            .map(|_| ()),
        team.update_sidebar_categories([SidebarCategoryWithChannels::custom("no id", [C])])
            .await
            .map(|_| ()),
    ] {
        assert!(matches!(bad, Err(Error::Build(_))), "{bad:?}");
    }
    let mut other = SidebarCategoryWithChannels::custom("x", [C]);
    other.team_id = K.into();
    let wrong_team = team.create_sidebar_category(other).await;
    assert!(
        matches!(
            wrong_team,
            Err(Error::Build(BuildError::InvalidParam {
                param: "category.team_id",
                ..
            }))
        ),
        "{wrong_team:?}"
    );
    assert!(mock.requests().is_empty());
}
