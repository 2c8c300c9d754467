//! Sidebar categories through the facade against the stateful `FakeServer`: the default
//! categories, reads reflecting writes (create, update, order, remove), and the server's
//! error ids.

use mattermost_sdk::models::{
    SidebarCategorySorting, SidebarCategoryType, SidebarCategoryWithChannels,
};
use mattermost_sdk_mock::{fake, FakeServer};

mod common;
use common::{api_err, client_as};

/// A second channel in team alpha (its display name is its ID, sorting after "Town Square").
const TWO: &str = "fakechannelalphatwo0000001";

#[tokio::test]
async fn the_default_categories_hold_the_users_channels() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let team = alice.user(fake::USER_ID).team(fake::TEAM_ALPHA_ID);
    let all = team.sidebar_categories().await.unwrap();
    let kinds: Vec<_> = all
        .categories
        .iter()
        .map(|c| c.category_type.clone())
        .collect();
    assert_eq!(
        kinds,
        [
            SidebarCategoryType::Favorites,
            SidebarCategoryType::Channels,
            SidebarCategoryType::DirectMessages
        ]
    );
    let sort: Vec<i64> = all.categories.iter().map(|c| c.sort_order).collect();
    assert_eq!(sort, [0, 10, 20]);
    let channels = all.of_type(&SidebarCategoryType::Channels).unwrap();
    assert_eq!(
        channels.id,
        format!("channels_{}_{}", fake::USER_ID, fake::TEAM_ALPHA_ID)
    );
    assert_eq!(channels.channel_ids, [fake::CHANNEL_ALPHA_ID]);
    let dms = all.of_type(&SidebarCategoryType::DirectMessages).unwrap();
    assert_eq!(dms.sorting, SidebarCategorySorting::Recent);
    assert_eq!(team.sidebar_category_order().await.unwrap(), all.order);
    assert_eq!(
        team.sidebar_category(channels).get().await.unwrap(),
        *channels
    );
}

#[tokio::test]
async fn create_update_order_and_remove_are_seen_by_every_read() {
    let fake = FakeServer::builder()
        .with_default_data()
        .channel(TWO, fake::TEAM_ALPHA_ID)
        .build();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let team = alice.user(fake::USER_ID).team(fake::TEAM_ALPHA_ID);
    let before = team.sidebar_categories().await.unwrap();
    let channels_cat = before
        .of_type(&SidebarCategoryType::Channels)
        .unwrap()
        .clone();
    assert_eq!(channels_cat.channel_ids.len(), 2);

    // Create: custom, right after favorites, takes the channel from "channels"; a channel of
    // another team is dropped.
    let work = team
        .create_sidebar_category(SidebarCategoryWithChannels::custom(
            "Work",
            [fake::CHANNEL_ALPHA_ID, fake::CHANNEL_BETA_ID],
        ))
        .await
        .unwrap();
    assert_eq!(work.category_type, SidebarCategoryType::Custom);
    assert_eq!(work.sort_order, 10);
    assert_eq!(work.channel_ids, [fake::CHANNEL_ALPHA_ID]);
    let now = team.sidebar_categories().await.unwrap();
    assert_eq!(now.order[1], work.id);
    assert_eq!(now.get(&channels_cat.id).unwrap().channel_ids, [TWO]);
    assert_eq!(now.get(&channels_cat.id).unwrap().sort_order, 20);

    // Update one: rename and collapse.
    let mut renamed = work.clone();
    renamed.display_name = "Projects".into();
    renamed.collapsed = true;
    let got = team.sidebar_category(&work).update(renamed).await.unwrap();
    assert_eq!(
        (got.display_name.as_str(), got.collapsed),
        ("Projects", true)
    );
    assert_eq!(
        team.sidebar_category(&work)
            .get()
            .await
            .unwrap()
            .display_name,
        "Projects"
    );

    // A default category keeps its name; its channel order is the user's.
    let mut chans = team.sidebar_category(&channels_cat).get().await.unwrap();
    chans.display_name = "Mine".into();
    chans.channel_ids = vec![TWO.into()];
    chans.muted = true;
    let got = team.update_sidebar_categories([chans]).await.unwrap();
    assert_eq!(got[0].display_name, "Channels");
    assert!(got[0].muted);

    // Order: reversed, then read back with renumbered sort orders.
    let reversed: Vec<String> = now.order.iter().rev().cloned().collect();
    assert_eq!(
        team.set_sidebar_category_order(&reversed).await.unwrap(),
        reversed
    );
    let after = team.sidebar_categories().await.unwrap();
    assert_eq!(after.order, reversed);
    assert_eq!(
        after.categories[0].category_type,
        SidebarCategoryType::DirectMessages
    );
    assert_eq!(after.categories[0].sort_order, 0);
    let (status, id) = api_err(team.set_sidebar_category_order(&reversed[..2]).await);
    assert_eq!(
        (status, id.as_str()),
        (500, "app.channel.sidebar_categories.app_error")
    );

    // Remove: only custom; its channel goes back to "channels", first by display name.
    let (status, id) = api_err(team.sidebar_category(&channels_cat).remove().await);
    assert_eq!(
        (status, id.as_str()),
        (400, "app.channel.sidebar_categories.app_error")
    );
    team.sidebar_category(&work).remove().await.unwrap();
    let last = team.sidebar_categories().await.unwrap();
    assert_eq!(last.categories.len(), 3);
    assert!(last.get(&work.id).is_none());
    assert_eq!(
        last.get(&channels_cat.id).unwrap().channel_ids,
        [fake::CHANNEL_ALPHA_ID, TWO],
        "the freed channel first (no category), then the placed one"
    );
    let (status, _) = api_err(team.sidebar_category(&work).get().await);
    assert_eq!(status, 403, "gone: no longer the caller's category");
}

#[tokio::test]
async fn permissions_follow_the_server() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let alices = alice.user(fake::USER_ID).team(fake::TEAM_ALPHA_ID);
    let cats = alices.sidebar_categories().await.unwrap();

    // Another user's sidebar: edit_other_users.
    let (status, id) = api_err(
        bob.user(fake::USER_ID)
            .team(fake::TEAM_ALPHA_ID)
            .sidebar_categories()
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (403, "api.context.permissions.app_error")
    );
    let (status, _) = api_err(
        bob.user(fake::USER_ID)
            .team(fake::TEAM_ALPHA_ID)
            .sidebar_category(&cats.categories[0])
            .get()
            .await,
    );
    assert_eq!(status, 403);
    // A team bob is not in: view_team.
    let (status, _) = api_err(
        bob.user("me")
            .team(fake::TEAM_BETA_ID)
            .sidebar_category_order()
            .await,
    );
    assert_eq!(status, 403);
    // Alice's category inside bob's own request: 400 `category`.
    let mut mine = cats.categories[1].clone();
    mine.user_id = fake::MFA_USER_ID.into();
    let (status, id) = api_err(
        bob.user(fake::MFA_USER_ID)
            .team(fake::TEAM_ALPHA_ID)
            .update_sidebar_categories([mine])
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (400, "api.context.invalid_body_param.app_error")
    );

    // The admin may read and change alice's sidebar.
    let theirs = admin.user(fake::USER_ID).team(fake::TEAM_ALPHA_ID);
    assert_eq!(theirs.sidebar_categories().await.unwrap().order, cats.order);
    let made = theirs
        .create_sidebar_category(SidebarCategoryWithChannels::custom(
            "By admin",
            Vec::<String>::new(),
        ))
        .await
        .unwrap();
    assert!(
        made.channel_ids.is_empty(),
        "the server's null reads as no channel"
    );
    assert_eq!(alices.sidebar_category_order().await.unwrap()[1], made.id);
}
