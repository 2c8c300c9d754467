//! Issue 8, "Field reports", through the facade: `me` in bodies (case 2), credential headers
//! in `Debug` (case 7) and the login state under concurrency (case 9). The races are made
//! deterministic with a transport that holds chosen requests until the test releases them.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mattermost_sdk::core::endpoints::users::Login;
use mattermost_sdk::models::{Preference, StatusValue};
use mattermost_sdk::{Client, Secret, Transport, TransportError};
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::http::{Request, Response};
use serde_json::{json, Value};
use tokio::sync::Semaphore;

const A_ID: &str = "aaaaaaaaaaaaaaaaaaaaaaaaaa";
const B_ID: &str = "bbbbbbbbbbbbbbbbbbbbbbbbbb";
const SECRET: &str = "Sup3rS3cretSessionToken";

/// One request as sent: method, path, the token it carried, and its JSON body.
#[derive(Debug, Clone)]
struct Sent {
    method: String,
    path: String,
    token: Option<String>,
    body: Option<Value>,
}

/// A transport that answers as the server would for two sessions (token `A` is user
/// `A_ID`, token `B` is user `B_ID`) and, for requests whose path is in `held`, waits until
/// the test releases them, one permit per request.
#[derive(Debug, Clone)]
struct Gate {
    sent: Arc<Mutex<Vec<Sent>>>,
    held: Arc<Mutex<VecDeque<String>>>,
    permits: Arc<Semaphore>,
}

impl Gate {
    fn new() -> Self {
        Gate {
            sent: Arc::default(),
            held: Arc::default(),
            permits: Arc::new(Semaphore::new(0)),
        }
    }

    /// Holds the next request to `path` until [`Gate::release`].
    fn hold(&self, path: &str) {
        self.held.lock().unwrap().push_back(path.to_owned());
    }

    fn release(&self) {
        self.permits.add_permits(1);
    }

    fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }

    /// Waits until `n` requests were sent.
    async fn wait_for(&self, n: usize) {
        tokio::time::timeout(Duration::from_secs(5), async {
            while self.sent.lock().unwrap().len() < n {
                tokio::task::yield_now().await;
            }
        })
        .await
        .expect("the request was not sent");
    }

    fn answer(req: &Sent) -> Response<Bytes> {
        let user_of = |t: &Option<String>| match t.as_deref() {
            Some("A") => Some(A_ID),
            Some("B") => Some(B_ID),
            _ => None,
        };
        let json = |status: u16, v: Value, headers: &[(&str, &str)]| {
            let mut b = Response::builder().status(status);
            for (k, val) in headers {
                b = b.header(*k, *val);
            }
            b.header("content-type", "application/json")
                .body(Bytes::from(v.to_string()))
                .unwrap()
        };
        if req.path.ends_with("/users/login") {
            return json(
                200,
                json!({"id": A_ID, "username": "alice", "email": "a@x.io"}),
                &[("Token", "A")],
            );
        }
        let Some(me) = user_of(&req.token) else {
            return json(
                401,
                json!({"id": "api.context.session_expired.app_error", "message": "expired",
                       "detailed_error": format!("token={}", req.token.clone().unwrap_or_default())}),
                &[],
            );
        };
        match (req.method.as_str(), req.path.as_str()) {
            ("GET", "/api/v4/users/me") => json(
                200,
                json!({"id": me, "username": "u", "email": "u@x.io"}),
                &[],
            ),
            ("PUT", p) if p.ends_with("/status") => {
                let body = req.body.clone().unwrap_or_default();
                if body["user_id"] != me {
                    return json(
                        403,
                        json!({"id": "api.context.permissions.app_error", "message": "no"}),
                        &[],
                    );
                }
                json(200, json!({"user_id": me, "status": body["status"]}), &[])
            }
            ("PUT", p) if p.ends_with("/preferences") => {
                let body = req.body.clone().unwrap_or_default();
                let all_mine = body
                    .as_array()
                    .is_some_and(|a| a.iter().all(|p| p["user_id"] == me));
                if !all_mine {
                    return json(
                        403,
                        json!({"id": "api.preference.update_preferences.set.app_error", "message": "no"}),
                        &[],
                    );
                }
                json(200, json!({"status": "OK"}), &[])
            }
            ("POST", "/api/v4/users/logout") => json(200, json!({"status": "OK"}), &[]),
            _ => json(
                404,
                json!({"id": "api.context.404.app_error", "message": "nf"}),
                &[],
            ),
        }
    }
}

impl Transport for Gate {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl std::future::Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        let sent = Sent {
            method: req.method().to_string(),
            path: req.uri().path().to_owned(),
            token: req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "))
                .map(str::to_owned),
            body: serde_json::from_slice(req.body()).ok(),
        };
        let this = self.clone();
        async move {
            let hold = {
                let mut held = this.held.lock().unwrap();
                let pos = held.iter().position(|p| *p == sent.path);
                pos.map(|i| held.remove(i)).is_some()
            };
            this.sent.lock().unwrap().push(sent.clone());
            if hold {
                this.permits.acquire().await.unwrap().forget();
            }
            Ok(Gate::answer(&sent))
        }
    }
}

fn client(gate: &Gate, token: Option<&str>) -> Client {
    let b = Client::builder("https://chat.example.com").transport(gate.clone());
    match token {
        Some(t) => b.token(t).build().unwrap(),
        None => b.build().unwrap(),
    }
}

// ---------------------------------------------------------------------------------------
// 2. `me` inside a body
// ---------------------------------------------------------------------------------------

/// The example: `client.user("me").set_preferences([Preference::new("me", ..)])` sends the
/// real ID, resolved once, as `set_status` does.
#[tokio::test]
async fn case2_set_preferences_for_me_sends_the_real_id() {
    let gate = Gate::new();
    let c = client(&gate, Some("A"));
    c.user("me")
        .set_preferences([
            Preference::new("me", "display_settings", "use_military_time", "true"),
            Preference::new("", "display_settings", "name_format", "username"),
        ])
        .await
        .expect("the server accepts the real ID");
    let put = gate.sent().into_iter().find(|s| s.method == "PUT").unwrap();
    let body = put.body.unwrap();
    for p in body.as_array().unwrap() {
        assert_eq!(p["user_id"], A_ID, "{body}");
    }
}

/// Under a real user ID the preferences get that ID, without a lookup.
#[tokio::test]
async fn case2_preferences_under_a_real_id_take_the_path_user() {
    let gate = Gate::new();
    let c = client(&gate, Some("A"));
    c.user(A_ID)
        .delete_preferences([Preference::new("me", "display_settings", "x", "")])
        .await
        .ok();
    let sent = gate.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0].body.as_ref().unwrap()[0]["user_id"], A_ID);
}

// ---------------------------------------------------------------------------------------
// 7. Credential headers in `Debug`
// ---------------------------------------------------------------------------------------

/// The example: `client.call(Login::new(..)).with_response()` then `{:?}`.
#[tokio::test]
async fn case7_login_with_response_debug_hides_the_token_header() {
    #[derive(Debug, Clone)]
    struct TokenHeader;
    impl Transport for TokenHeader {
        async fn send(&self, _req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
            Ok(Response::builder()
                .status(200)
                .header("Token", SECRET)
                .header("Set-Cookie", format!("MMAUTHTOKEN={SECRET}; Path=/"))
                .body(Bytes::from(
                    json!({"id": A_ID, "username": "a", "email": "a@x.io"}).to_string(),
                ))
                .unwrap())
        }
    }
    let c = Client::builder("https://chat.example.com")
        .transport(TokenHeader)
        .build()
        .unwrap();
    let resp = c
        .call(Login::new("alice".into(), Secret::new("pw")))
        .with_response()
        .await
        .unwrap();
    assert_eq!(resp.header("token"), Some(SECRET), "still readable");
    let shown = format!("{resp:?} {resp:#?}");
    assert!(!shown.contains(SECRET), "{shown}");
}

// ---------------------------------------------------------------------------------------
// 9. Login state under concurrency
// ---------------------------------------------------------------------------------------

/// `resolve_me` started with token A finishes after `set_token(B)`: A's ID must not be
/// stored as B's, and the next `set_status("me")` sends B with B's ID.
#[tokio::test]
async fn case9_resolve_me_write_back_only_lands_on_its_own_session() {
    let gate = Gate::new();
    let c = client(&gate, Some("A"));
    gate.hold("/api/v4/users/me");
    let c2 = c.clone();
    let task = tokio::spawn(async move { c2.resolve_me().await });
    gate.wait_for(1).await;
    c.set_token("B");
    gate.release();
    let got = task.await.unwrap().unwrap();
    assert_eq!(got.as_str(), A_ID, "the call answers for its own session");
    assert_eq!(c.user_id(), None, "A's ID was stored for token B");

    c.user("me").set_status(StatusValue::Away).await.unwrap();
    let put = gate.sent().into_iter().find(|s| s.method == "PUT").unwrap();
    assert_eq!(put.token.as_deref(), Some("B"));
    assert_eq!(put.body.unwrap()["user_id"], B_ID);
}

/// A `set_status("me")` that spans a `set_token` uses one session from start to end: its
/// GET and its PUT both carry A, with A's ID.
#[tokio::test]
async fn case9_a_call_uses_one_session_snapshot() {
    let gate = Gate::new();
    let c = client(&gate, Some("A"));
    gate.hold("/api/v4/users/me");
    let c2 = c.clone();
    let task = tokio::spawn(async move { c2.user("me").set_status(StatusValue::Online).await });
    gate.wait_for(1).await;
    c.set_token("B");
    gate.release();
    let status = task
        .await
        .unwrap()
        .expect("the PUT matches its own session");
    assert_eq!(status.user_id, A_ID);
    let sent = gate.sent();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(
        sent.iter().all(|s| s.token.as_deref() == Some("A")),
        "{sent:?}"
    );
    assert_eq!(c.user_id(), None, "A's ID is not B's");
}

/// A logout in flight with A that finishes after `set_token(B)` does not throw B away.
#[tokio::test]
async fn case9_logout_ends_only_the_session_it_was_sent_with() {
    let gate = Gate::new();
    let c = client(&gate, Some("A"));
    gate.hold("/api/v4/users/logout");
    let c2 = c.clone();
    let task = tokio::spawn(async move { c2.logout().await });
    gate.wait_for(1).await;
    c.set_token("B");
    gate.release();
    task.await.unwrap().unwrap();
    assert!(c.is_authenticated(), "B was thrown away");
    let me = c.me().await.unwrap();
    assert_eq!(me.id, B_ID);
    assert_eq!(gate.sent()[0].token.as_deref(), Some("A"));

    // Without a race, logout ends the session.
    c.logout().await.unwrap();
    assert!(!c.is_authenticated());
}

/// A login that finishes after `set_token(B)` does not replace B.
#[tokio::test]
async fn case9_login_write_back_only_lands_if_its_session_is_current() {
    let gate = Gate::new();
    let c = client(&gate, None);
    gate.hold("/api/v4/users/login");
    let c2 = c.clone();
    let task = tokio::spawn(async move { c2.login("alice", "pw").await });
    gate.wait_for(1).await;
    c.set_token("B");
    gate.release();
    task.await.unwrap().unwrap();
    let me = c.me().await.unwrap();
    assert_eq!(me.id, B_ID, "the stale login replaced B");
    assert_eq!(c.user_id(), None);

    // Without a race, a login sets token and user ID together.
    let c = client(&gate, None);
    c.login("alice", "pw").await.unwrap();
    assert_eq!(
        c.user_id().map(|u| u.as_str().to_owned()).as_deref(),
        Some(A_ID)
    );
    assert_eq!(c.me().await.unwrap().id, A_ID);
}
