//! The user's channels, channel members and unread counts through the facade against the
//! stateful `FakeServer`: answers, the server's error ids, and reads reflecting writes
//! (marking a post unread changes the channel's and the team's unread counts).

use mattermost_sdk_mock::{fake, FakeServer};

mod common;
use common::{api_err, client_as};

#[tokio::test]
async fn my_channels_and_memberships_in_a_team() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let team = alice.user("me").team(fake::TEAM_ALPHA_ID);
    let channels = team.channels().await.unwrap();
    assert_eq!(channels.len(), 1);
    assert_eq!(channels[0].id, fake::CHANNEL_ALPHA_ID);
    assert_eq!(channels[0].display_name, "Town Square");
    assert_eq!(channels[0].team_id, fake::TEAM_ALPHA_ID);
    // Two seeded posts, and the seeded thread (a root and two replies).
    assert_eq!(channels[0].total_msg_count, 5, "the five seeded posts");

    let members = team.channel_members().await.unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].user_id, fake::USER_ID);
    assert_eq!(
        members[0].msg_count, 5,
        "a member starts with everything read"
    );

    // Bob is not in team beta: view_team; alice cannot read bob's: edit_other_users.
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    let (status, id) = api_err(bob.user("me").team(fake::TEAM_BETA_ID).channels().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.context.permissions.app_error")
    );
    let (status, _) = api_err(
        alice
            .user(fake::MFA_USER_ID)
            .team(fake::TEAM_ALPHA_ID)
            .unread()
            .await,
    );
    assert_eq!(status, 403);
    // An admin asking about a team the user has no channel in: the store's 404.
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let (status, id) = api_err(
        admin
            .user(fake::MFA_USER_ID)
            .team(fake::TEAM_BETA_ID)
            .channels()
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (404, "app.channel.get_channels.not_found.app_error")
    );
}

#[tokio::test]
async fn set_post_unread_is_seen_by_channel_and_team_unread() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let me = alice.user("me");
    let before = me.channel_unread(fake::CHANNEL_ALPHA_ID).await.unwrap();
    assert_eq!((before.msg_count, before.mention_count), (0, 0));
    assert_eq!(before.team_id, fake::TEAM_ALPHA_ID);

    // From the first post on: both posts unread, nothing read.
    let at = me.set_post_unread(fake::FLAGGED_POST_ID).await.unwrap();
    assert_eq!(at.channel_id, fake::CHANNEL_ALPHA_ID);
    assert_eq!(at.msg_count, 0);
    let after = me.channel_unread(fake::CHANNEL_ALPHA_ID).await.unwrap();
    // The two seeded posts and the seeded thread's three (fake::THREAD_ROOT_ID).
    assert_eq!(after.msg_count, 5);
    let team = me.team(fake::TEAM_ALPHA_ID).unread().await.unwrap();
    assert_eq!(
        (team.team_id.as_str(), team.msg_count),
        (fake::TEAM_ALPHA_ID, 5)
    );
    let members = me
        .team(fake::TEAM_ALPHA_ID)
        .channel_members()
        .await
        .unwrap();
    assert_eq!(members[0].msg_count, 0);
    assert_eq!(members[0].last_viewed_at, at.last_viewed_at);

    // From the second post on: one unread, and last_viewed_at just before that post.
    let at2 = me.set_post_unread(fake::REACTION_POST_ID).await.unwrap();
    assert_eq!(at2.msg_count, 1);
    assert!(at2.last_viewed_at > at.last_viewed_at);
    assert_eq!(
        me.channel_unread(fake::CHANNEL_ALPHA_ID)
            .await
            .unwrap()
            .msg_count,
        4
    );
    // Other users are not affected.
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let theirs = admin
        .user("me")
        .channel_unread(fake::CHANNEL_ALPHA_ID)
        .await
        .unwrap();
    assert_eq!(theirs.msg_count, 0);
}

#[tokio::test]
async fn unread_errors_follow_the_server() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    // Bob cannot read a channel of team beta.
    let (status, _) = api_err(bob.user("me").channel_unread(fake::CHANNEL_BETA_ID).await);
    assert_eq!(status, 403);
    // Someone else's unread: edit_other_users.
    let (status, _) = api_err(
        alice
            .user(fake::ADMIN_ID)
            .channel_unread(fake::CHANNEL_ALPHA_ID)
            .await,
    );
    assert_eq!(status, 403);
    // An admin asking for a non-member's unread: 404 app.channel.get_unread.app_error.
    let (status, id) = api_err(
        admin
            .user(fake::MFA_USER_ID)
            .channel_unread(fake::CHANNEL_BETA_ID)
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (404, "app.channel.get_unread.app_error")
    );
    // A missing post: 403 for a user, 404 app.post.get.app_error for an admin.
    let missing = "fakepostmissing00000000001";
    let (status, _) = api_err(alice.user("me").set_post_unread(missing).await);
    assert_eq!(status, 403);
    let (status, id) = api_err(admin.user("me").set_post_unread(missing).await);
    assert_eq!((status, id.as_str()), (404, "app.post.get.app_error"));
}

#[tokio::test]
async fn an_acknowledgement_appears_on_the_post_until_removed() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let me = alice.user("me");
    let ack = me.acknowledge_post(fake::FLAGGED_POST_ID).await.unwrap();
    assert_eq!(ack.user_id, fake::USER_ID);
    assert_eq!(ack.channel_id.as_deref(), Some(fake::CHANNEL_ALPHA_ID));
    // Alice flagged that post: the flagged list shows it with the acknowledgement.
    let flagged = me.get_flagged_posts().await.unwrap();
    let post = &flagged.posts[fake::FLAGGED_POST_ID];
    let meta = post.metadata.as_ref().expect("metadata");
    let acks = meta.acknowledgements.as_deref().expect("acknowledgements");
    assert_eq!(acks.len(), 1);
    assert_eq!(acks[0].user_id, fake::USER_ID);
    assert_eq!(acks[0].acknowledged_at, ack.acknowledged_at);
    assert_eq!(acks[0].channel_id.as_deref(), Some(fake::CHANNEL_ALPHA_ID));

    me.unacknowledge_post(fake::FLAGGED_POST_ID).await.unwrap();
    let flagged = me.get_flagged_posts().await.unwrap();
    let meta = flagged.posts[fake::FLAGGED_POST_ID].metadata.as_ref();
    assert!(meta.expect("metadata").acknowledgements.is_none());
    // None left: 404.
    let (status, id) = api_err(me.unacknowledge_post(fake::FLAGGED_POST_ID).await);
    assert_eq!(
        (status, id.as_str()),
        (404, "app.acknowledgement.get.app_error")
    );
    // Someone else's: edit_other_users; a post in a team bob is not in: 403.
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    let (status, _) = api_err(
        bob.user(fake::USER_ID)
            .acknowledge_post(fake::FLAGGED_POST_ID)
            .await,
    );
    assert_eq!(status, 403);
}

#[tokio::test]
async fn an_acknowledgement_can_only_be_removed_within_five_minutes() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let me = alice.user("me");
    me.acknowledge_post(fake::REACTION_POST_ID).await.unwrap();
    // The fake's clock moves one second per timestamp it hands out (each status change takes one).
    for _ in 0..301 {
        me.set_status(mattermost_sdk::models::StatusValue::Online)
            .await
            .unwrap();
    }
    let (status, id) = api_err(me.unacknowledge_post(fake::REACTION_POST_ID).await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.acknowledgement.delete.deadline.app_error")
    );
}
