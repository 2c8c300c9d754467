//! The rest of one user's lists and actions through the facade against the stateful
//! `FakeServer` (issue 12, users 3 of 3): answers, the server's error ids, and reads
//! reflecting writes (a reminder recorded, typing seen, uploads listed for their user,
//! marking a post unread moving the unread counts and the posts around the last unread).

use mattermost_sdk::models::UploadType;
use mattermost_sdk_mock::{fake, FakeServer};

mod common;
use common::{api_err, client_as};

#[tokio::test]
async fn memberships_across_teams() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let me = alice.user("me");

    let channels = me.all_channels().await.unwrap();
    let ids: Vec<&str> = channels.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, [fake::CHANNEL_ALPHA_ID, fake::CHANNEL_BETA_ID]);

    let members = me.channel_memberships().per_page(1).all().await.unwrap();
    assert_eq!(members.len(), 2, "walked past two pages of one");
    assert_eq!(members[1].member.channel_id, fake::CHANNEL_BETA_ID);
    assert_eq!(members[1].team_display_name, "Team Beta");
    assert_eq!(members[0].member.user_id, fake::USER_ID);

    let teams = me.team_members().await.unwrap();
    let teams: Vec<&str> = teams.iter().map(|t| t.team_id.as_str()).collect();
    assert_eq!(teams, [fake::TEAM_ALPHA_ID, fake::TEAM_BETA_ID]);

    // Someone else's lists: edit_other_users (admins have it).
    let (status, id) = api_err(alice.user(fake::MFA_USER_ID).all_channels().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.context.permissions.app_error")
    );
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let bobs = admin.user(fake::MFA_USER_ID).team_members().await.unwrap();
    assert_eq!(bobs.len(), 1);
}

#[tokio::test]
async fn unread_counts_and_posts_follow_set_post_unread() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let me = alice.user("me");
    let before = me.teams_unread().await.unwrap();
    assert!(before.iter().all(|t| t.msg_count == 0));
    // Nothing unread: the channel's newest posts.
    let newest = me
        .posts_around_last_unread(fake::CHANNEL_ALPHA_ID)
        .limit_before(2)
        .await
        .unwrap();
    assert_eq!(newest.order.len(), 2);
    assert_eq!(newest.next_post_id.as_deref(), Some(""));

    me.set_post_unread(fake::REACTION_POST_ID).await.unwrap();
    let after = me
        .teams_unread()
        .exclude_team(fake::TEAM_BETA_ID)
        .await
        .unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].team_id, fake::TEAM_ALPHA_ID);
    assert_eq!(
        after[0].msg_count, 4,
        "the reaction post and the three after it"
    );

    let around = me
        .posts_around_last_unread(fake::CHANNEL_ALPHA_ID)
        .limit_before(1)
        .limit_after(2)
        .await
        .unwrap();
    assert_eq!(
        around.order.len(),
        3,
        "one after, the first unread, one before"
    );
    assert_eq!(around.order[1], fake::REACTION_POST_ID);
    assert_eq!(around.order[2], fake::FLAGGED_POST_ID);
    assert_eq!(around.prev_post_id.as_deref(), Some(""));
    assert!(around.posts.contains_key(fake::REACTION_POST_ID));

    let (status, id) = api_err(
        me.posts_around_last_unread("zzzzzzzzzzzzzzzzzzzzzzzzzz")
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (404, "app.channel.get.existing.app_error")
    );
}

#[tokio::test]
async fn a_reminder_is_recorded_and_replaced() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    assert_eq!(
        fake.post_reminder(fake::FLAGGED_POST_ID, fake::USER_ID),
        None
    );
    let ok = alice
        .user("me")
        .set_post_reminder(fake::FLAGGED_POST_ID, 1_800_000_000)
        .await
        .unwrap();
    assert_eq!(ok.status, "OK");
    assert_eq!(
        fake.post_reminder(fake::FLAGGED_POST_ID, fake::USER_ID),
        Some(1_800_000_000)
    );
    alice
        .users()
        .set_post_reminder(fake::USER_ID, fake::FLAGGED_POST_ID, 1_900_000_000)
        .await
        .unwrap();
    assert_eq!(
        fake.post_reminder(fake::FLAGGED_POST_ID, fake::USER_ID),
        Some(1_900_000_000)
    );
    // Bob's reminder: edit_other_users.
    let (status, _) = api_err(
        alice
            .user(fake::MFA_USER_ID)
            .set_post_reminder(fake::FLAGGED_POST_ID, 1)
            .await,
    );
    assert_eq!(status, 403);
    assert_eq!(
        fake.post_reminder(fake::FLAGGED_POST_ID, fake::MFA_USER_ID),
        None
    );
}

#[tokio::test]
async fn typing_is_accepted_only_in_the_users_channels() {
    let fake = FakeServer::new();
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    bob.user("me")
        .publish_typing(fake::CHANNEL_ALPHA_ID)
        .parent_id(fake::THREAD_ROOT_ID)
        .await
        .unwrap();
    let events = fake.typing_events();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0]["user_id"], fake::MFA_USER_ID);
    assert_eq!(events[0]["parent_id"], fake::THREAD_ROOT_ID);
    // Bob is not in team beta, so not in its channel: create_post.
    let (status, id) = api_err(bob.user("me").publish_typing(fake::CHANNEL_BETA_ID).await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.context.permissions.app_error")
    );
    assert_eq!(
        fake.typing_events().len(),
        1,
        "a refused notice is not published"
    );
}

#[tokio::test]
async fn uploads_are_listed_for_their_user_only() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    assert!(alice.user("me").uploads().await.unwrap().is_empty());
    let id = fake.add_upload(fake::USER_ID, fake::CHANNEL_ALPHA_ID, "big.bin", 8 << 20);
    fake.add_upload(fake::MFA_USER_ID, fake::CHANNEL_ALPHA_ID, "bobs.bin", 1);
    let uploads = alice.user(fake::USER_ID).uploads().await.unwrap();
    assert_eq!(uploads.len(), 1);
    assert_eq!(uploads[0].id, id);
    assert_eq!(uploads[0].upload_type, UploadType::Attachment);
    assert_eq!((uploads[0].file_size, uploads[0].file_offset), (8 << 20, 0));
    // Not even an admin may list another user's uploads.
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let (status, id) = api_err(admin.user(fake::USER_ID).uploads().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.user.get_uploads_for_user.forbidden.app_error")
    );
}

#[tokio::test]
async fn retention_policies_are_empty_unless_seeded() {
    let plain = FakeServer::new();
    let alice = client_as(&plain, fake::USER_TOKEN);
    let none = alice.user("me").team_retention_policies().await.unwrap();
    assert!(none.policies.is_empty());
    assert_eq!(none.total_count, 0);

    let fake = FakeServer::builder()
        .with_default_data()
        .team_retention_policy(fake::TEAM_ALPHA_ID, 30)
        .team_retention_policy(fake::TEAM_BETA_ID, 90)
        .channel_retention_policy(fake::CHANNEL_BETA_ID, 7)
        .build();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let page = alice
        .user("me")
        .team_retention_policies()
        .per_page(1)
        .await
        .unwrap();
    assert_eq!((page.policies.len(), page.total_count), (1, 2));
    let all = alice
        .user("me")
        .team_retention_policies()
        .per_page(1)
        .all()
        .await
        .unwrap();
    let days: Vec<i64> = all.iter().map(|p| p.post_duration).collect();
    assert_eq!(days, [30, 90]);
    let channels = alice.user("me").channel_retention_policies().await.unwrap();
    assert_eq!(channels.policies[0].channel_id, fake::CHANNEL_BETA_ID);
    // Bob is only in team alpha; alice may not read his: manage_system.
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    assert_eq!(
        bob.user("me")
            .team_retention_policies()
            .await
            .unwrap()
            .total_count,
        1
    );
    let (status, _) = api_err(
        alice
            .user(fake::MFA_USER_ID)
            .channel_retention_policies()
            .await,
    );
    assert_eq!(status, 403);
}
