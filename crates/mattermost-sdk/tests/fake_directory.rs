//! The directory facade against the stateful `FakeServer`: state stays consistent across
//! operations (a created user is found by every lookup and counted; a deactivated one moves
//! from `active` to `inactive` lists), permissions and error ids follow the server.

use mattermost_sdk::models::{NewUser, Role, StatusValue, UserSearch, UserSort};
use mattermost_sdk::{Client, Error};
use mattermost_sdk_mock::{fake, FakeServer};

mod common;
use common::client_as;

fn admin(fake: &FakeServer) -> Client {
    client_as(fake, fake::ADMIN_TOKEN)
}

fn alice(fake: &FakeServer) -> Client {
    client_as(fake, fake::USER_TOKEN)
}

fn api_err(e: Error) -> (u16, String) {
    let a = e
        .as_api()
        .unwrap_or_else(|| panic!("not an API error: {e}"));
    (a.status.as_u16(), a.id().unwrap_or_default().to_owned())
}

fn names(users: &[mattermost_sdk::models::User]) -> Vec<&str> {
    users.iter().map(|u| u.username.as_str()).collect()
}

#[tokio::test]
async fn a_created_user_is_found_everywhere_and_counted() {
    let fake = FakeServer::new();
    let c = admin(&fake);
    let before = c.users().stats().await.unwrap().total_users_count;
    let mut new = NewUser::new("dora", "Dora@Example.com", "Dora-Passw0rd!");
    new.first_name = Some("Dora".into());
    new.nickname = Some("explorer".into());
    let dora = c.users().create(new).await.unwrap();
    assert_eq!(dora.email, "dora@example.com");
    assert!(fake.check_password(&dora.id, "Dora-Passw0rd!"));

    assert_eq!(c.users().get(&dora).await.unwrap().username, "dora");
    assert_eq!(c.users().get_by_username("dora").await.unwrap().id, dora.id);
    assert_eq!(
        c.users().get_by_email("DORA@example.com").await.unwrap().id,
        dora.id
    );
    assert_eq!(
        names(&c.users().get_by_ids([dora.id.as_str()]).await.unwrap()),
        ["dora"]
    );
    assert_eq!(
        names(
            &c.users()
                .get_by_usernames(["dora", "nobody"])
                .await
                .unwrap()
        ),
        ["dora"]
    );
    assert_eq!(names(&c.users().search("dor").await.unwrap()), ["dora"]);
    assert_eq!(names(&c.users().search("explo").await.unwrap()), ["dora"]);
    assert_eq!(
        names(&c.users().autocomplete("do").await.unwrap().users),
        ["dora"]
    );
    assert_eq!(
        c.users().stats().await.unwrap().total_users_count,
        before + 1
    );
    assert!(names(&c.users().list().all().await.unwrap()).contains(&"dora"));
    // A fresh account is in no team.
    let no_team = c.users().list().without_team(true).await.unwrap();
    assert_eq!(names(&no_team), ["dora"]);
    // It can log in.
    let dora_client = Client::builder("https://fake.example.com")
        .transport(fake.clone())
        .build()
        .unwrap();
    dora_client.login("dora", "Dora-Passw0rd!").await.unwrap();
}

#[tokio::test]
async fn a_deactivated_user_leaves_active_lists_and_joins_inactive_ones() {
    let fake = FakeServer::new();
    let c = admin(&fake);
    let active = names(&c.users().list().active(true).await.unwrap()).join(",");
    assert!(active.contains("alice") && !active.contains("carol"));
    let inactive = c.users().list().inactive(true).await.unwrap();
    assert_eq!(names(&inactive), ["carol"]);
    let count = c.users().stats().await.unwrap().total_users_count;

    c.users().deactivate(fake::USER_ID).await.unwrap();
    let active = c.users().list().active(true).await.unwrap();
    assert!(!names(&active).contains(&"alice"));
    assert_eq!(
        names(&c.users().list().inactive(true).await.unwrap()),
        ["alice", "carol"]
    );
    assert_eq!(
        c.users().stats().await.unwrap().total_users_count,
        count - 1
    );
    let team = c
        .users()
        .list()
        .in_team(fake::TEAM_ALPHA_ID)
        .inactive(true)
        .await
        .unwrap();
    assert_eq!(names(&team), ["alice", "carol"]);
    // Search leaves deactivated users out unless asked.
    assert!(c.users().search("alice").await.unwrap().is_empty());
    let mut s = UserSearch::new("alice");
    s.allow_inactive = Some(true);
    assert_eq!(names(&c.users().search(s).await.unwrap()), ["alice"]);
    assert!(c
        .users()
        .autocomplete("ali")
        .await
        .unwrap()
        .users
        .is_empty());
    // Counting deactivated ones needs the flag.
    let all = c
        .users()
        .stats_filtered()
        .include_deleted(true)
        .await
        .unwrap();
    assert_eq!(all.total_users_count, count + 1);
}

#[tokio::test]
async fn list_applies_one_filter_family_by_priority() {
    let fake = FakeServer::new();
    let c = admin(&fake);
    // in_team beats in_channel: team beta has admin and alice.
    let beta = c
        .users()
        .list()
        .in_team(fake::TEAM_BETA_ID)
        .in_channel(fake::CHANNEL_ALPHA_ID)
        .await
        .unwrap();
    assert_eq!(names(&beta), ["admin", "alice"]);
    // not_in_team beats in_team.
    let outside = c
        .users()
        .list()
        .not_in_team(fake::TEAM_BETA_ID)
        .in_team(fake::TEAM_BETA_ID)
        .await
        .unwrap();
    assert_eq!(names(&outside), ["bob", "carol"]);
    // role filters apply to the plain listing.
    let admins = c.users().list().role(Role::SystemAdmin).await.unwrap();
    assert_eq!(names(&admins), ["admin"]);
    // sort=create_at with in_team alone.
    let newest = c
        .users()
        .list()
        .in_team(fake::TEAM_ALPHA_ID)
        .sort(UserSort::CreateAt)
        .await
        .unwrap();
    assert_eq!(newest.len(), 3, "active team members");
    // Groups: the fake has none.
    let e = c
        .users()
        .list()
        .in_group("g1g1g1g1g1g1g1g1g1g1g1g1g1")
        .await
        .unwrap_err();
    assert_eq!(api_err(e), (404, "app.group.no_rows".into()));
    // An unknown role name (well formed) is the server's 400.
    let e = c
        .users()
        .list()
        .role(Role::Other("no_such_role".into()))
        .await
        .unwrap_err();
    assert_eq!(
        api_err(e),
        (400, "api.context.invalid_body_param.app_error".into())
    );
    // Paging: per_page 1 walks every user one by one.
    let all = c.users().list().per_page(1).all().await.unwrap();
    assert_eq!(all.len(), fake.users().len());
}

#[tokio::test]
async fn permissions_and_error_ids_follow_the_server() {
    let fake = FakeServer::new();
    let a = alice(&fake);
    let e = a.users().list().without_team(true).await.unwrap_err();
    assert_eq!(
        api_err(e),
        (403, "api.context.permissions.app_error".into())
    );
    let e = a.users().stats_filtered().await.unwrap_err();
    assert_eq!(api_err(e).0, 403);
    let e = a.users().invalid_emails().await.unwrap_err();
    assert_eq!(api_err(e).0, 403);
    // Open sign-up is off on the fake; a regular user cannot create accounts.
    let e = a
        .users()
        .create(NewUser::new("eve", "eve@example.com", "Eve-Passw0rd!"))
        .await
        .unwrap_err();
    assert_eq!(
        api_err(e),
        (403, "api.user.create_user.no_open_server".into())
    );
    // An invite the fake does not know.
    let e = a
        .users()
        .create(NewUser::new("eve", "eve@example.com", "Eve-Passw0rd!"))
        .invite_token("nope")
        .await
        .unwrap_err();
    // An unknown token is a 404 (TestCreateUserWithToken, "WrongToken",
    // server/channels/api4/user_test.go).
    assert_eq!(
        api_err(e),
        (
            404,
            "api.user.create_user.signup_link_invalid.app_error".into()
        )
    );
    // Duplicates and short passwords.
    let c = admin(&fake);
    let e = c
        .users()
        .create(NewUser::new("alice", "other@example.com", "Long-Enough-1"))
        .await
        .unwrap_err();
    assert_eq!(
        api_err(e),
        (400, "app.user.save.username_exists.app_error".into())
    );
    let e = c
        .users()
        .create(NewUser::new("eve", "eve@example.com", "short"))
        .await
        .unwrap_err();
    // The password policy's id (TestCreateUserPasswordValidation, "TooShort",
    // server/channels/api4/user_test.go).
    assert_eq!(
        api_err(e),
        (400, "model.user.is_valid.pwd_min_length.app_error".into())
    );
    // Unknown lookups.
    let e = a.users().get_by_username("nobody").await.unwrap_err();
    assert_eq!(api_err(e), (404, "app.user.missing_account.const".into()));
    let e = a
        .users()
        .get_by_email("nobody@example.com")
        .await
        .unwrap_err();
    assert_eq!(api_err(e).0, 404);
    // Alice is not in team... every team has her; bob is only in alpha.
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    let e = bob
        .users()
        .list()
        .in_team(fake::TEAM_BETA_ID)
        .await
        .unwrap_err();
    assert_eq!(api_err(e).0, 403);
    let e = bob
        .users()
        .autocomplete("a")
        .in_team(fake::TEAM_BETA_ID)
        .await
        .unwrap_err();
    assert_eq!(api_err(e).0, 403);
}

#[tokio::test]
async fn known_statuses_group_channels_and_invalid_emails() {
    let fake = FakeServer::new();
    let a = alice(&fake);
    let mut known = a.users().known().await.unwrap();
    known.sort();
    let mut want = vec![fake::ADMIN_ID, fake::MFA_USER_ID, fake::DEACTIVATED_USER_ID];
    want.sort();
    assert_eq!(known, want);

    a.user("me").set_status(StatusValue::Away).await.unwrap();
    let statuses = a.users().statuses(["me", fake::ADMIN_ID]).await.unwrap();
    assert_eq!(statuses.len(), 2);
    assert_eq!(statuses[0].user_id, fake::USER_ID);
    assert_eq!(statuses[0].status, StatusValue::Away);
    let seeded = fake.status_of(fake::ADMIN_ID);
    assert_eq!(
        statuses[1].status.as_str(),
        seeded["status"].as_str().unwrap()
    );

    let gm = a
        .users()
        .get_by_group_channel_ids([fake::CHANNEL_ALPHA_ID])
        .await
        .unwrap();
    assert!(gm.is_empty(), "the fake has no group message channels");

    let c = admin(&fake);
    assert!(c.users().invalid_emails().all().await.unwrap().is_empty());
    // As in TestGetUsersWithInvalidEmails (server/channels/api4/user_test.go), the account
    // is created before the domains are restricted: with a restriction, POST /users refuses
    // an email account outside it (api.user.create_user.accepted_domain.app_error).
    fake.configure(|s| s.restrict_creation_to_domains.clear());
    let odd = c
        .users()
        .create(NewUser::new(
            "frank",
            "frank@elsewhere.org",
            "Frank-Passw0rd!",
        ))
        .await
        .unwrap();
    fake.configure(|s| s.restrict_creation_to_domains = "example.com".into());
    let invalid = c.users().invalid_emails().all().await.unwrap();
    assert_eq!(names(&invalid), ["frank"]);
    c.users().deactivate(&odd).await.unwrap();
    assert!(c.users().invalid_emails().all().await.unwrap().is_empty());
}

#[tokio::test]
async fn autocomplete_in_channel_splits_and_stats_by_team() {
    let fake = FakeServer::new();
    let c = admin(&fake);
    let auto = c
        .users()
        .autocomplete("")
        .in_team(fake::TEAM_ALPHA_ID)
        .in_channel(fake::CHANNEL_ALPHA_ID)
        .await
        .unwrap();
    assert_eq!(names(&auto.users), ["admin", "alice", "bob"]);
    assert_eq!(auto.out_of_channel.map(|v| v.len()), Some(0));
    let beta = c
        .users()
        .stats_filtered()
        .in_team(fake::TEAM_BETA_ID)
        .await
        .unwrap();
    assert_eq!(beta.total_users_count, 2);
    let admins = c
        .users()
        .stats_filtered()
        .roles([Role::SystemAdmin])
        .await
        .unwrap();
    assert_eq!(admins.total_users_count, 1);
    let mut s = UserSearch::new("a");
    s.team_id = Some(fake::TEAM_BETA_ID.parse().unwrap());
    s.limit = Some(1);
    assert_eq!(names(&c.users().search(s).await.unwrap()), ["admin"]);
}
