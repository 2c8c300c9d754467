//! Terms of service and custom status through the facade against the stateful
//! `FakeServer`: the answers, the server's error ids, and what `GetUser` and the
//! preferences then show.

use mattermost_sdk::models::CustomStatus;
use mattermost_sdk_mock::{fake, FakeServer};

mod common;
use common::{api_err, client_as};

#[tokio::test]
async fn terms_of_service_are_the_callers() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    assert_eq!(
        api_err(alice.user("me").terms_of_service().await),
        (
            404,
            "app.user_terms_of_service.get_by_user.no_rows.app_error".into()
        )
    );
    assert_eq!(
        api_err(
            alice
                .user("me")
                .register_terms_of_service_action("nosuchtermsofservice000001", true)
                .await
        ),
        (404, "app.terms_of_service.get.no_rows.app_error".into())
    );
    // The path names the admin, but the server records (and reads) the caller's.
    alice
        .user(fake::ADMIN_ID)
        .register_terms_of_service_action(fake::TERMS_OF_SERVICE_ID, true)
        .await
        .unwrap();
    let mine = alice.user(fake::ADMIN_ID).terms_of_service().await.unwrap();
    assert_eq!(mine.user_id, fake::USER_ID);
    assert_eq!(mine.terms_of_service_id, fake::TERMS_OF_SERVICE_ID);
    assert!(mine.create_at > 0);
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    assert_eq!(api_err(admin.user("me").terms_of_service().await).0, 404);

    // Declining deletes the acceptance.
    alice
        .user("me")
        .register_terms_of_service_action(fake::TERMS_OF_SERVICE_ID, false)
        .await
        .unwrap();
    assert_eq!(api_err(alice.user("me").terms_of_service().await).0, 404);
}

#[tokio::test]
async fn custom_status_shows_in_props_and_the_recent_list_is_kept() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let me = alice.user(fake::USER_ID);
    let holiday = CustomStatus::new("palm_tree", "On holiday").until("", "2099-01-01T00:00:00Z");
    me.set_custom_status(holiday).await.unwrap();
    let lunch = CustomStatus::new("hamburger", "x".repeat(120));
    me.set_custom_status(lunch).await.unwrap();

    let user = me.get().await.unwrap();
    let props = user.props.unwrap();
    let current: CustomStatus = serde_json::from_str(&props["customStatus"]).unwrap();
    // The server cut the text to 100 characters; no expiry reads as Go's zero time.
    assert_eq!(current.text, "x".repeat(100));
    assert_eq!(current.expires_at, "0001-01-01T00:00:00Z");

    let recent_of = |prefs: Vec<mattermost_sdk::models::Preference>| -> Vec<CustomStatus> {
        let p = prefs
            .into_iter()
            .find(|p| p.category == "custom_status" && p.name == "recent_custom_statuses")
            .expect("the recent list");
        serde_json::from_str(&p.value).unwrap()
    };
    let recent = recent_of(me.get_preferences().await.unwrap());
    assert_eq!(recent.len(), 2);
    assert_eq!(recent[0], current);
    // A blank duration with an expiry was recorded as date_and_time.
    assert_eq!(recent[1].duration, "date_and_time");

    // Unset clears props.customStatus; the recent list stays.
    me.unset_custom_status().await.unwrap();
    assert_eq!(me.get().await.unwrap().props.unwrap()["customStatus"], "");
    assert_eq!(recent_of(me.get_preferences().await.unwrap()).len(), 2);

    // Removing: exactly as listed (POST), then via DELETE; a second removal is refused.
    me.remove_recent_custom_status(recent[1].clone())
        .await
        .unwrap();
    me.remove_recent_custom_status_with_delete(recent[0].clone())
        .await
        .unwrap();
    assert!(recent_of(me.get_preferences().await.unwrap()).is_empty());
    assert_eq!(
        api_err(me.remove_recent_custom_status(recent[0].clone()).await),
        (
            400,
            "api.custom_status.recent_custom_statuses.delete.app_error".into()
        )
    );
}

#[tokio::test]
async fn custom_status_permissions_and_setting() {
    let fake = FakeServer::new();
    let alice = client_as(&fake, fake::USER_TOKEN);
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let cs = CustomStatus::new("coffee", "Break");
    assert_eq!(
        api_err(
            alice
                .user(fake::ADMIN_ID)
                .set_custom_status(cs.clone())
                .await
        ),
        (403, "api.context.permissions.app_error".into())
    );
    assert_eq!(
        api_err(alice.user(fake::ADMIN_ID).unset_custom_status().await).0,
        403
    );
    // An admin may set another user's; no recent list yet for the admin themself.
    admin
        .user(fake::USER_ID)
        .set_custom_status(cs.clone())
        .await
        .unwrap();
    assert_eq!(
        api_err(
            admin
                .user("me")
                .remove_recent_custom_status(cs.clone())
                .await
        ),
        (400, "app.preference.get.app_error".into())
    );
    fake.configure(|s| s.enable_custom_user_statuses = false);
    assert_eq!(
        api_err(alice.user("me").set_custom_status(cs).await),
        (501, "api.custom_status.disabled".into())
    );
    assert_eq!(api_err(alice.user("me").unset_custom_status().await).0, 501);
}
