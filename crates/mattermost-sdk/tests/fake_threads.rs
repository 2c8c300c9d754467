//! The thread operations through the facade against the stateful `FakeServer`: following a
//! thread lists it, marking it read or unread changes its counts and the totals, and the
//! errors are the server's.

use futures_util::TryStreamExt;
use mattermost_sdk::Error;
use mattermost_sdk_mock::{fake, FakeServer};

mod common;
use common::{api_err, client_as};

#[tokio::test]
async fn follow_unread_read_and_unfollow_are_seen_by_the_listing() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let team = alice.user("me").team(fake::TEAM_ALPHA_ID);
    let thread = team.thread(fake::THREAD_ROOT_ID);

    // Not followed yet: not listed, and no membership to get.
    let list = team.threads().await.unwrap();
    assert_eq!((list.total, list.threads.len()), (0, 0));
    assert_eq!(
        api_err(thread.get().await),
        (
            404,
            "app.user.get_thread_membership_for_user.not_found".into()
        )
    );

    // Following lists it, read (the server marks it viewed when following).
    thread.follow().await.unwrap();
    let list = team.threads().await.unwrap();
    assert_eq!(list.total, 1);
    assert_eq!(list.threads[0].id, fake::THREAD_ROOT_ID);
    assert_eq!(list.threads[0].reply_count, 2);
    assert_eq!(list.threads[0].unread_replies, 0);

    // Unread from the first reply: both replies unread, one mentions alice.
    let t = thread.set_unread(fake::THREAD_REPLY_ID).await.unwrap();
    assert_eq!((t.unread_replies, t.unread_mentions), (2, 1));
    let list = team.threads().await.unwrap();
    assert_eq!(
        (list.total_unread_threads, list.total_unread_mentions),
        (1, 1)
    );
    assert_eq!(team.threads().unread(true).await.unwrap().threads.len(), 1);

    // Read up to the last reply: counts cleared, in the listing too.
    let got = thread.get().await.unwrap();
    let t = thread.mark_read(got.last_reply_at).await.unwrap();
    assert_eq!((t.unread_replies, t.unread_mentions), (0, 0));
    assert_eq!(t.last_viewed_at, got.last_reply_at);
    let list = team.threads().await.unwrap();
    assert_eq!(
        (list.total_unread_threads, list.total_unread_mentions),
        (0, 0)
    );

    // Unread again, then everything in the team read.
    thread.mark_read(0).await.unwrap();
    assert_eq!(team.threads().await.unwrap().total_unread_threads, 1);
    team.mark_all_threads_read().await.unwrap();
    assert_eq!(team.threads().await.unwrap().total_unread_threads, 0);

    // Unfollowing removes it from the listing; the membership stays.
    thread.unfollow().await.unwrap();
    assert_eq!(team.threads().await.unwrap().total, 0);
    assert_eq!(thread.get().await.unwrap().id, fake::THREAD_ROOT_ID);
}

#[tokio::test]
async fn all_follows_the_cursor_to_the_end() {
    let fake = FakeServer::new();
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    let team = bob.user("me").team(fake::TEAM_ALPHA_ID);
    // One followed thread, pages of one: a full page, then `before` it an empty one.
    let all = team.threads().per_page(1).all().await.unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].id, fake::THREAD_ROOT_ID);
    // The cursor sent: no `before` on the first page, the last thread's ID on the next.
    let listings: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.path.ends_with("/threads"))
        .collect();
    assert_eq!(listings.len(), 2);
    assert_eq!(listings[0].query("before"), None);
    assert_eq!(listings[0].query("per_page").as_deref(), Some("1"));
    assert_eq!(
        listings[1].query("before").as_deref(),
        Some(fake::THREAD_ROOT_ID)
    );
    assert_eq!(listings[1].query("per_page").as_deref(), Some("1"));
    let streamed: Vec<_> = team
        .threads()
        .per_page(1)
        .stream()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(streamed, all);
}

#[tokio::test]
async fn thread_errors_are_the_servers() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    let perm = (403, "api.context.permissions.app_error".to_owned());

    // Someone else's threads.
    let others = alice.user(fake::MFA_USER_ID).team(fake::TEAM_ALPHA_ID);
    assert_eq!(api_err(others.threads().await), perm);
    assert_eq!(
        api_err(others.thread(fake::THREAD_ROOT_ID).follow().await),
        perm
    );
    // A team bob is not in: no `view_team`.
    let beta = bob.user("me").team(fake::TEAM_BETA_ID);
    assert_eq!(api_err(beta.threads().await), perm);
    // An unknown thread fails the channel permission check.
    let unknown = alice
        .user("me")
        .team(fake::TEAM_ALPHA_ID)
        .thread("zzzzzzzzzzzzzzzzzzzzzzzzzz");
    assert_eq!(api_err(unknown.follow().await), perm);
    // A post outside the thread.
    let thread = alice
        .user("me")
        .team(fake::TEAM_ALPHA_ID)
        .thread(fake::THREAD_ROOT_ID);
    assert_eq!(
        api_err(thread.set_unread(fake::FLAGGED_POST_ID).await),
        (
            400,
            "app.user.update_thread_read_for_user_by_post.app_error".into()
        )
    );
    // Reading a thread one has no membership of.
    let other_thread = bob
        .user("me")
        .team(fake::TEAM_ALPHA_ID)
        .thread(fake::THREAD_ROOT_ID);
    other_thread.unfollow().await.unwrap();
    let never = alice
        .user("me")
        .team(fake::TEAM_ALPHA_ID)
        .thread(fake::THREAD_ROOT_ID);
    // (alice's membership was created by the failed set_unread's follow step, as on the
    // server, so it exists now.)
    assert!(never.mark_read(1).await.is_ok());
    // Not routed by the server: 404 from the router.
    assert_eq!(
        api_err(
            alice
                .user("me")
                .team(fake::TEAM_ALPHA_ID)
                .thread_mention_counts()
                .await
        ),
        (404, "api.context.404.app_error".into())
    );
    // Bad input never leaves the client.
    let before = fake.requests().len();
    assert!(matches!(thread.mark_read(-1).await, Err(Error::Build(_))));
    assert!(matches!(
        alice
            .user("me")
            .team(fake::TEAM_ALPHA_ID)
            .threads()
            .before(fake::THREAD_ROOT_ID)
            .after(fake::THREAD_ROOT_ID)
            .await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        alice.user("me").team("nope").threads().await,
        Err(Error::Build(_))
    ));
    assert_eq!(fake.requests().len(), before);
}
