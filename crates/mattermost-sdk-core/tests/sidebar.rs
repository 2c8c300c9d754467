//! The sidebar category endpoints: the request each builds (method, URI, body), what they
//! reject before I/O, and decoding the server's answers (`server/public/model/channel_sidebar.go`).

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{
    OrderedSidebarCategories, SidebarCategorySorting, SidebarCategoryType,
    SidebarCategoryWithChannels,
};
use mattermost_sdk_core::{parse_response, BuildError, Endpoint, UserId};
use serde_json::json;

const CP: &str =
    "users/4xp9fdt77pncbef59f4k1qe83o/teams/h3f3bh7tb3ye9mzq5aqw5ruz6e/channels/categories";

fn default_id(kind: &str) -> SidebarCategoryId {
    SidebarCategoryId::new(format!("{kind}_{U}_{T}")).unwrap()
}

fn custom_id() -> SidebarCategoryId {
    SidebarCategoryId::new(C).unwrap()
}

fn check<E: Endpoint>(ep: &E, method: &str, uri: &str) -> Option<serde_json::Value> {
    let req = build(ep);
    assert_eq!(req.method().as_str(), method, "{}", E::INFO.operation_id);
    assert_eq!(E::INFO.method, method);
    assert_eq!(req.uri().to_string(), format!("{ROOT}{uri}"));
    (!req.body().is_empty()).then(|| json_body(&req))
}

#[test]
fn every_sidebar_request_is_built_as_the_server_routes_it() {
    assert_eq!(
        check(
            &GetSidebarCategoriesForTeamForUser::new(uid(), tid()),
            "GET",
            CP
        ),
        None
    );
    assert_eq!(
        check(
            &GetSidebarCategoryOrderForTeamForUser::new(uid(), tid()),
            "GET",
            &format!("{CP}/order")
        ),
        None
    );
    assert_eq!(
        check(
            &GetSidebarCategoryForTeamForUser::new(uid(), tid(), default_id("channels")),
            "GET",
            &format!("{CP}/channels_{U}_{T}")
        ),
        None
    );
    assert_eq!(
        check(
            &RemoveSidebarCategoryForTeamForUser::new(uid(), tid(), custom_id()),
            "DELETE",
            &format!("{CP}/{C}")
        ),
        None
    );
    let order = vec![default_id("channels"), custom_id(), default_id("favorites")];
    assert_eq!(
        check(
            &UpdateSidebarCategoryOrderForTeamForUser::new(uid(), tid(), order),
            "PUT",
            &format!("{CP}/order")
        ),
        Some(json!([
            format!("channels_{U}_{T}"),
            C,
            format!("favorites_{U}_{T}")
        ]))
    );
}

#[test]
fn create_fills_the_path_user_and_team_into_a_blank_category() {
    let body = check(
        &CreateSidebarCategoryForTeamForUser::new(
            uid(),
            tid(),
            SidebarCategoryWithChannels::custom("Work", [C]),
        ),
        "POST",
        CP,
    )
    .unwrap();
    assert_eq!(body["user_id"], U);
    assert_eq!(body["team_id"], T);
    assert_eq!(body["display_name"], "Work");
    assert_eq!(body["type"], "custom");
    assert_eq!(body["sorting"], "");
    assert_eq!(body["channel_ids"], json!([C]));
    // Every field of the Go struct is sent (none is omitempty).
    for key in ["id", "sort_order", "muted", "collapsed"] {
        assert!(body.get(key).is_some(), "{key}");
    }
}

#[test]
fn a_category_for_another_user_or_team_fails_before_io() {
    let mut other_user = SidebarCategoryWithChannels::custom("x", [C]);
    other_user.user_id = U2.into();
    let mut other_team = SidebarCategoryWithChannels::custom("x", [C]);
    other_team.team_id = U2.into();
    for (cat, param) in [
        (other_user, "category.user_id"),
        (other_team, "category.team_id"),
    ] {
        for err in [
            try_build(&CreateSidebarCategoryForTeamForUser::new(
                uid(),
                tid(),
                cat.clone(),
            )),
            try_build(&UpdateSidebarCategoryForTeamForUser::new(
                uid(),
                tid(),
                custom_id(),
                cat.clone(),
            )),
        ] {
            match err {
                Err(BuildError::InvalidParam { param: p, .. }) => assert_eq!(p, param),
                other => panic!("{param}: {other:?}"),
            }
        }
    }
    // With `me` in the path the category must name the user: the server compares it with
    // the session's user.
    let blank = SidebarCategoryWithChannels::custom("x", [C]);
    match try_build(&CreateSidebarCategoryForTeamForUser::new(
        UserId::me(),
        tid(),
        blank.clone(),
    )) {
        Err(BuildError::InvalidParam { param, reason }) => {
            assert_eq!(param, "category.user_id");
            assert!(reason.contains("me"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
    let mut named = blank;
    named.user_id = U.into();
    let body = json_body(&build(&CreateSidebarCategoryForTeamForUser::new(
        UserId::me(),
        tid(),
        named,
    )));
    assert_eq!(body["user_id"], U);
}

#[test]
fn update_one_takes_the_id_from_the_path_and_keeps_unknown_fields() {
    let got: SidebarCategoryWithChannels = serde_json::from_value(json!({
        "id": "ignored", "user_id": U, "team_id": T, "sort_order": 10, "sorting": "manual",
        "type": "custom", "display_name": "A", "muted": false, "collapsed": true,
        "channel_ids": [C], "future_field": {"x": 1}
    }))
    .unwrap();
    let body = check(
        &UpdateSidebarCategoryForTeamForUser::new(uid(), tid(), custom_id(), got),
        "PUT",
        &format!("{CP}/{C}"),
    )
    .unwrap();
    assert_eq!(body["id"], C);
    assert_eq!(body["future_field"], json!({"x": 1}));
    assert_eq!(body["collapsed"], true);
    assert_eq!(body["sorting"], "manual");
}

#[test]
fn update_several_needs_category_ids() {
    let mut a = SidebarCategoryWithChannels::custom("A", [C]);
    a.id = format!("channels_{U}_{T}");
    let body = check(
        &UpdateSidebarCategoriesForTeamForUser::new(uid(), tid(), vec![a.clone()]),
        "PUT",
        CP,
    )
    .unwrap();
    assert_eq!(body[0]["id"], format!("channels_{U}_{T}"));
    assert_eq!(body[0]["user_id"], U);
    let blank = SidebarCategoryWithChannels::custom("B", [C]);
    match try_build(&UpdateSidebarCategoriesForTeamForUser::new(
        uid(),
        tid(),
        vec![a, blank],
    )) {
        Err(BuildError::InvalidParam { param, .. }) => assert_eq!(param, "categories.id"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_order_must_list_each_category_once() {
    let empty = UpdateSidebarCategoryOrderForTeamForUser::new(uid(), tid(), vec![]);
    assert!(matches!(
        try_build(&empty),
        Err(BuildError::InvalidParam { param: "order", .. })
    ));
    let twice =
        UpdateSidebarCategoryOrderForTeamForUser::new(uid(), tid(), vec![custom_id(), custom_id()]);
    match try_build(&twice) {
        Err(BuildError::InvalidParam { param, reason }) => {
            assert_eq!(param, "order");
            assert!(reason.contains(C), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn category_ids_take_what_the_server_validates() {
    // `model.IsValidCategoryId`: an ID or `{favorites|channels|direct_messages}_{id}_{id}`.
    for ok in [
        C.to_owned(),
        format!("favorites_{U}_{T}"),
        format!("channels_{U}_{T}"),
        format!("direct_messages_{U}_{T}"),
    ] {
        assert!(SidebarCategoryId::new(ok.as_str()).is_ok(), "{ok}");
    }
    for bad in [
        String::new(),
        "order".into(),
        "invalid_category_id".into(),
        format!("custom_{U}_{T}"),
        format!("channels_{U}_{T}x"),
        format!("channels_{U}-{T}"),
        format!("channels_{}_{T}", U.to_uppercase()),
        C.to_uppercase(),
        "../x".into(),
    ] {
        assert!(SidebarCategoryId::new(bad.as_str()).is_err(), "{bad}");
    }
}

#[test]
fn the_servers_answers_decode() {
    let ordered = json!({
        "categories": [
            {"id": format!("favorites_{U}_{T}"), "user_id": U, "team_id": T, "sort_order": 0,
             "sorting": "", "type": "favorites", "display_name": "Favorites", "muted": false,
             "collapsed": false, "channel_ids": []},
            {"id": C, "user_id": U, "team_id": T, "sort_order": 10, "sorting": "alpha",
             "type": "custom", "display_name": "Work", "muted": true, "collapsed": false,
             "channel_ids": [P]},
            {"id": format!("direct_messages_{U}_{T}"), "user_id": U, "team_id": T,
             "sort_order": 20, "sorting": "by_mood", "type": "threads", "display_name": "DMs",
             "muted": false, "collapsed": false, "channel_ids": null}
        ],
        "order": [format!("favorites_{U}_{T}"), C, format!("direct_messages_{U}_{T}")]
    });
    let got: OrderedSidebarCategories =
        parse_response::<GetSidebarCategoriesForTeamForUser>(json_response(200, &ordered)).unwrap();
    assert_eq!(got.order.len(), 3);
    assert_eq!(
        got.categories[0].category_type,
        SidebarCategoryType::Favorites
    );
    assert_eq!(
        got.categories[1].sorting,
        SidebarCategorySorting::Alphabetical
    );
    assert!(got.categories[1].muted);
    assert_eq!(got.get(C).unwrap().channel_ids, vec![P.to_owned()]);
    // Values this client does not know are kept, and go back unchanged.
    let odd = &got.categories[2];
    assert_eq!(
        odd.sorting,
        SidebarCategorySorting::Unknown("by_mood".into())
    );
    assert_eq!(
        odd.category_type,
        SidebarCategoryType::Unknown("threads".into())
    );
    assert!(odd.channel_ids.is_empty(), "null is no channel");
    let back = serde_json::to_value(odd).unwrap();
    assert_eq!(back["sorting"], "by_mood");
    assert_eq!(back["type"], "threads");
    assert_eq!(
        got.of_type(&SidebarCategoryType::Favorites)
            .unwrap()
            .display_name,
        "Favorites"
    );

    // A created category with no channels: Go's nil slice.
    let created = json!({"id": C, "user_id": U, "team_id": T, "sort_order": 10, "sorting": "",
        "type": "custom", "display_name": "Empty", "muted": false, "collapsed": false,
        "channel_ids": null});
    let got = parse_response::<CreateSidebarCategoryForTeamForUser>(json_response(200, &created))
        .unwrap();
    assert_eq!(got.sort_order, 10);
    assert!(got.channel_ids.is_empty());

    let many = parse_response::<UpdateSidebarCategoriesForTeamForUser>(json_response(
        200,
        &json!([created.clone(), created]),
    ))
    .unwrap();
    assert_eq!(many.len(), 2);
    let order =
        parse_response::<GetSidebarCategoryOrderForTeamForUser>(json_response(200, &json!([C])))
            .unwrap();
    assert_eq!(order, vec![C.to_owned()]);
    let ok = parse_response::<RemoveSidebarCategoryForTeamForUser>(json_response(
        200,
        &json!({"status": "OK"}),
    ));
    assert!(ok.is_ok());
    let err = parse_response::<RemoveSidebarCategoryForTeamForUser>(json_response(
        400,
        &json!({"id": "app.channel.sidebar_categories.app_error", "message": "m", "status_code": 400}),
    ))
    .unwrap_err();
    assert_eq!(
        err.api_error_id(),
        Some("app.channel.sidebar_categories.app_error")
    );
}
