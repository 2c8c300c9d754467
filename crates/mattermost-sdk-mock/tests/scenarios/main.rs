//! FakeServer fidelity, measured against the Mattermost server's own API tests.
//!
//! Every operation the fake implements has a [`Table`] of [`Row`]s. A row is a fact taken
//! from a test in `server/channels/api4/*_test.go` of `mattermost/mattermost` (written by us:
//! who calls, with what, expecting which status and error id; no Go code is copied) and
//! names the test function it comes from. The runner sends each row to a fresh
//! [`FakeServer::new`] and checks the answer.
//!
//! # How to add scenarios
//!
//! - **A new operation** in an existing area: add a [`Table`] to that area's `TABLES` (file
//!   named like the fake's `handlers/<area>.rs`), with the operationId, the method and the
//!   route exactly as the fake's `ROUTES` table spells it (`users/{}/roles`).
//!   [`every_route_has_a_table`] fails until every route of the fake has one.
//! - **A new area**: create `<area>.rs` here with `pub(crate) static TABLES: &[Table]`, add
//!   `mod <area>;` and `<area>::TABLES` to [`AREAS`] below.
//! - **A row**: `row(from, who, method, path, body, status, error_id)`, where `from` is the
//!   server test function (`"TestUpdateUserRoles"`), `who` a [`Who`], `path` is below
//!   `/api/v4` and may carry a query, `body` is JSON text (or `""`), `status` is what the
//!   server answers (`0`: the server test only says "an error", any status ≥ 400 passes) and
//!   `error_id` the server's error id (`""` when the test does not check one). Then, as
//!   needed:
//!   - `.before(&[step(who, method, path, body), ...])`: requests that must succeed first;
//!   - `.expect(&[Check::...])`: checks on the answer or on state read afterwards;
//!   - `.header(name, value)`: one extra request header;
//!   - `.with(|fake| ...)`: configure the row's fresh fake first (a non-capturing closure:
//!     `fake.configure(|s| s.enable_api_user_deletion = true)`, `fake.set_password_policy(..)`),
//!     for scenarios that need a server setting or licence the fake does model;
//!   - `.skip("reason")`: the scenario needs configuration the fake does not model
//!     (licences, LDAP/SAML, plugins, email, permission schemes, ...): listed, not run;
//!   - `.differs("reason", status, error_id)`: the fake deliberately answers otherwise; the
//!     runner checks that it answers exactly so, and the fake's module docs say why.
//! - **Placeholders** in paths, bodies and headers: `{admin}`, `{alice}` (the "user"),
//!   `{bob}` (the "other" user), `{carol}` (deactivated), `{new}` (a user created for the row,
//!   as the server's `th.CreateUser()`), `{unknown}` (a well-formed ID nobody has),
//!   `{alice_session}`, `{alice_mobile_session}`, `{admin_session}`, `{flagged_post}`,
//!   `{reaction_post}`, `{channel}`, `{team}`, `{team_beta}`, `{thread}` (a thread alice does not
//!   follow; bob and the admin do), `{thread_reply}` (its first reply, mentioning alice),
//!   `{oauth_app}`, `{group}` (an LDAP group of alice and bob), `{cpa_field}` (a text custom
//!   profile attribute), `{admin_pat}` (the ID of the admin's personal access token), `{etag}`
//!   (the `ETag` of the
//!   last `before` step's answer), `{c*N}` (the character `c` N times) and `{prefs*N}`
//!   (N well-formed preferences of alice).
//!
//! Run with `cargo test -p mattermost-sdk-mock --test scenarios -- --nocapture` to see the
//! per-operation summary (agree / skipped / deliberate difference).

use std::collections::BTreeMap;
use std::fmt::Write as _;

use bytes::Bytes;
use http::{Request, Response};
use mattermost_sdk_mock::fake::{self, FakeServer};
use serde_json::Value;

mod account;
// issue 12, users 3 of 3
mod activity;
mod admin;
mod auth;
mod channels;
mod directory;
mod image;
mod posts;
mod preferences;
mod profile;
mod security;
mod sessions;
// sidebar categories (issue 12)
mod sidebar;
// sign-in flows (issue 11)
mod signin;
mod status;
mod terms_status;
mod threads;
mod tokens;

/// Every area's tables.
static AREAS: &[&[Table]] = &[
    auth::TABLES,
    profile::TABLES,
    security::TABLES,
    image::TABLES,
    status::TABLES,
    tokens::TABLES,
    account::TABLES,
    terms_status::TABLES,
    sessions::TABLES,
    preferences::TABLES,
    posts::TABLES,
    directory::TABLES,
    admin::TABLES,
    account::TABLES,
    threads::TABLES,
    channels::TABLES,
    // sidebar categories (issue 12)
    sidebar::TABLES,
    // issue 12, users 3 of 3
    activity::TABLES,
    // sign-in flows (issue 11)
    signin::TABLES,
];

/// Who sends a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Who {
    /// The system admin (`th.SystemAdminClient`).
    Admin,
    /// Alice, a regular user (`th.Client` logged in as `th.BasicUser`).
    User,
    /// Bob, another regular user (`th.BasicUser2`).
    Other,
    /// A user created for the row (`th.CreateUser()`), logged in.
    New,
    /// Nobody (logged out).
    Anonymous,
}

/// A request that must succeed (2xx) before the row's own request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Step {
    pub(crate) who: Who,
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    pub(crate) body: &'static str,
}

/// A `before` step.
pub(crate) const fn step(
    who: Who,
    method: &'static str,
    path: &'static str,
    body: &'static str,
) -> Step {
    Step {
        who,
        method,
        path,
        body,
    }
}

/// A check beyond status and error id.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Check {
    /// The answer's JSON at a pointer (`/roles`) equals this JSON text (`"\"system_user\""`).
    Json(&'static str, &'static str),
    /// The answer's JSON at a pointer is an array or object of this many items.
    Len(&'static str, usize),
    /// After the row: this GET (as this caller) answers 2xx and its JSON at the pointer equals
    /// the JSON text.
    After(Who, &'static str, &'static str, &'static str),
    /// The JSON at the pointer of this GET is the same before and after the row.
    Unchanged(Who, &'static str, &'static str),
    /// The JSON at the pointer of this GET differs before and after the row.
    Changed(Who, &'static str, &'static str),
    /// After the row: this request (caller, method, path, body) answers this status.
    Then(Who, &'static str, &'static str, &'static str, u16),
}

/// How a row is judged.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Verdict {
    /// The fake must answer as the server does.
    Agree,
    /// Not run: needs server configuration the fake does not model.
    Skip(&'static str),
    /// The fake deliberately answers otherwise: this status and error id, for this reason.
    Differs(&'static str, u16, &'static str),
}

/// One scenario.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Row {
    pub(crate) from: &'static str,
    pub(crate) who: Who,
    pub(crate) method: &'static str,
    pub(crate) path: &'static str,
    pub(crate) body: &'static str,
    pub(crate) status: u16,
    pub(crate) error_id: &'static str,
    pub(crate) before: &'static [Step],
    pub(crate) checks: &'static [Check],
    pub(crate) header: Option<(&'static str, &'static str)>,
    pub(crate) with: Option<fn(&FakeServer)>,
    pub(crate) verdict: Verdict,
}

/// A row the fake must agree with; see the module docs.
pub(crate) const fn row(
    from: &'static str,
    who: Who,
    method: &'static str,
    path: &'static str,
    body: &'static str,
    status: u16,
    error_id: &'static str,
) -> Row {
    Row {
        from,
        who,
        method,
        path,
        body,
        status,
        error_id,
        before: &[],
        checks: &[],
        header: None,
        with: None,
        verdict: Verdict::Agree,
    }
}

impl Row {
    pub(crate) const fn before(mut self, steps: &'static [Step]) -> Row {
        self.before = steps;
        self
    }
    pub(crate) const fn expect(mut self, checks: &'static [Check]) -> Row {
        self.checks = checks;
        self
    }
    pub(crate) const fn header(mut self, name: &'static str, value: &'static str) -> Row {
        self.header = Some((name, value));
        self
    }
    pub(crate) const fn with(mut self, configure: fn(&FakeServer)) -> Row {
        self.with = Some(configure);
        self
    }
    pub(crate) const fn skip(mut self, reason: &'static str) -> Row {
        self.verdict = Verdict::Skip(reason);
        self
    }
    pub(crate) const fn differs(
        mut self,
        reason: &'static str,
        status: u16,
        id: &'static str,
    ) -> Row {
        self.verdict = Verdict::Differs(reason, status, id);
        self
    }
}

/// The rows of one operation.
#[derive(Debug)]
pub(crate) struct Table {
    /// The operationId (`UpdateUserRoles`).
    pub(crate) operation: &'static str,
    /// The method, as in the fake's route table.
    pub(crate) method: &'static str,
    /// The route below `/api/v4/` with `{}` for parameters, as in the fake's route table.
    pub(crate) route: &'static str,
    pub(crate) rows: &'static [Row],
}

// ------------------------------------------------------------------ running

/// A fake with the seed data and one extra user for `{new}`.
struct World {
    fake: FakeServer,
    new_id: String,
    new_token: String,
    etag: String,
}

impl World {
    fn new() -> World {
        let fake = FakeServer::new();
        let new_id = fake.add_user("newbie", "Newbie-Passw0rd!", "system_user");
        let new_token = fake.create_session(&new_id).unwrap_or_default();
        World {
            fake,
            new_id,
            new_token,
            etag: String::new(),
        }
    }

    fn token(&self, who: Who) -> Option<&str> {
        match who {
            Who::Admin => Some(fake::ADMIN_TOKEN),
            Who::User => Some(fake::USER_TOKEN),
            Who::Other => Some(fake::MFA_USER_TOKEN),
            Who::New => Some(&self.new_token),
            Who::Anonymous => None,
        }
    }

    /// Replaces the placeholders of the module docs.
    fn fill(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for (key, value) in [
            ("{admin}", fake::ADMIN_ID),
            ("{alice}", fake::USER_ID),
            ("{bob}", fake::MFA_USER_ID),
            ("{carol}", fake::DEACTIVATED_USER_ID),
            ("{new}", &self.new_id),
            ("{unknown}", "zzzzzzzzzzzzzzzzzzzzzzzzzz"),
            ("{alice_session}", fake::USER_SESSION_ID),
            ("{alice_mobile_session}", fake::USER_MOBILE_SESSION_ID),
            ("{admin_session}", fake::ADMIN_SESSION_ID),
            ("{flagged_post}", fake::FLAGGED_POST_ID),
            ("{reaction_post}", fake::REACTION_POST_ID),
            ("{channel}", fake::CHANNEL_ALPHA_ID),
            ("{team}", fake::TEAM_ALPHA_ID),
            ("{team_beta}", fake::TEAM_BETA_ID),
            ("{thread}", fake::THREAD_ROOT_ID),
            ("{thread_reply}", fake::THREAD_REPLY_ID),
            ("{oauth_app}", fake::OAUTH_APP_ID),
            ("{group}", fake::GROUP_ID),
            ("{cpa_field}", fake::CPA_FIELD_ID),
            ("{admin_pat}", fake::ADMIN_PERSONAL_TOKEN_ID),
            ("{etag}", &self.etag),
        ] {
            out = out.replace(key, value);
        }
        // `{c*N}` and `{prefs*N}`: a brace pair holding no quote or brace, with `*` and a count.
        let mut from = 0;
        while let Some(offset) = out[from..].find('{') {
            let start = from + offset;
            let Some(len) = out[start..].find('}') else {
                break;
            };
            let inner = &out[start + 1..start + len];
            let repeat = (!inner.contains(['{', '"']))
                .then(|| inner.rsplit_once('*'))
                .flatten()
                .and_then(|(what, n)| Some((what, n.parse::<usize>().ok()?)));
            let Some((what, n)) = repeat else {
                from = start + 1;
                continue;
            };
            let expanded = if what == "prefs" {
                let items: Vec<String> = (0..n)
                    .map(|i| {
                        format!(
                            r#"{{"user_id":"{}","category":"bulk","name":"p{i}","value":"v"}}"#,
                            fake::USER_ID
                        )
                    })
                    .collect();
                items.join(",")
            } else {
                what.repeat(n)
            };
            out.replace_range(start..start + len + 1, &expanded);
            from = start + expanded.len();
        }
        out
    }

    /// Sends one request; `image:<text>` bodies become a multipart upload of `<text>`.
    fn send(
        &self,
        who: Who,
        method: &str,
        path: &str,
        body: &str,
        header: Option<(&str, &str)>,
    ) -> Response<Bytes> {
        let uri = format!("http://fake.test/api/v4{}", self.fill(path));
        let mut req = Request::builder().method(method).uri(uri);
        if let Some(token) = self.token(who) {
            req = req.header("Authorization", format!("Bearer {token}"));
        }
        if let Some((name, value)) = header {
            req = req.header(name, self.fill(value));
        }
        let body = self.fill(body);
        let bytes = if let Some(image) = body.strip_prefix("image:") {
            let boundary = "scenario-boundary";
            req = req.header(
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            );
            Bytes::from(format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"p.png\"\r\nContent-Type: image/png\r\n\r\n{image}\r\n--{boundary}--\r\n"
            ))
        } else {
            if !body.is_empty() {
                req = req.header("Content-Type", "application/json");
            }
            Bytes::from(body)
        };
        match req.body(bytes) {
            Ok(r) => self.fake.handle(r),
            Err(e) => panic!("scenario request {method} {path} does not build: {e}"),
        }
    }

    fn json_at(&self, who: Who, path: &str, pointer: &str) -> Result<Value, String> {
        let resp = self.send(who, "GET", path, "", None);
        if !resp.status().is_success() {
            return Err(format!("GET {path} answered {}", resp.status()));
        }
        let v: Value = serde_json::from_slice(resp.body()).map_err(|e| e.to_string())?;
        v.pointer(pointer)
            .cloned()
            .ok_or_else(|| format!("GET {path}: nothing at {pointer}"))
    }
}

fn body_json(resp: &Response<Bytes>) -> Value {
    serde_json::from_slice(resp.body()).unwrap_or(Value::Null)
}

/// Runs one row; `Err` says how the fake disagreed.
fn run(row: &Row) -> Result<(), String> {
    let mut world = World::new();
    if let Some(configure) = row.with {
        configure(&world.fake);
    }
    for s in row.before {
        let resp = world.send(s.who, s.method, s.path, s.body, None);
        if !resp.status().is_success() {
            return Err(format!(
                "before step {} {} answered {} {}",
                s.method,
                s.path,
                resp.status(),
                String::from_utf8_lossy(resp.body())
            ));
        }
        world.etag = resp
            .headers()
            .get("etag")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
    }
    let mut probes = Vec::new();
    for check in row.checks {
        if let Check::Unchanged(who, path, pointer) | Check::Changed(who, path, pointer) = *check {
            probes.push(world.json_at(who, path, pointer)?);
        }
    }
    let resp = world.send(row.who, row.method, row.path, row.body, row.header);
    let got_status = resp.status().as_u16();
    let got = body_json(&resp);
    let got_id = got.get("id").and_then(Value::as_str).unwrap_or("");
    let (want_status, want_id) = match row.verdict {
        Verdict::Differs(_, status, id) => (status, id),
        _ => (row.status, row.error_id),
    };
    let status_ok = if want_status == 0 {
        got_status >= 400
    } else {
        got_status == want_status
    };
    if !status_ok || (!want_id.is_empty() && got_id != want_id) {
        return Err(format!(
            "want {} {want_id}, got {got_status} {got_id}",
            if want_status == 0 {
                "an error".to_owned()
            } else {
                want_status.to_string()
            }
        ));
    }
    let mut probes = probes.into_iter();
    for check in row.checks {
        match *check {
            Check::Json(pointer, want) => {
                let want: Value = serde_json::from_str(want).map_err(|e| e.to_string())?;
                let have = got.pointer(pointer).cloned().unwrap_or(Value::Null);
                if have != want {
                    return Err(format!("at {pointer}: want {want}, got {have}"));
                }
            }
            Check::Len(pointer, n) => {
                let have = match got.pointer(pointer) {
                    Some(Value::Array(a)) => a.len(),
                    Some(Value::Object(o)) => o.len(),
                    _ => usize::MAX,
                };
                if have != n {
                    return Err(format!("at {pointer}: want {n} items, got {have}"));
                }
            }
            Check::After(who, path, pointer, want) => {
                let want: Value = serde_json::from_str(want).map_err(|e| e.to_string())?;
                let have = world.json_at(who, path, pointer)?;
                if have != want {
                    return Err(format!("after, {path} {pointer}: want {want}, got {have}"));
                }
            }
            Check::Unchanged(who, path, pointer) | Check::Changed(who, path, pointer) => {
                let before = probes.next().unwrap_or(Value::Null);
                let after = world.json_at(who, path, pointer)?;
                let same = before == after;
                if same != matches!(check, Check::Unchanged(..)) {
                    return Err(format!(
                        "{path} {pointer}: before {before}, after {after} ({})",
                        if same { "unchanged" } else { "changed" }
                    ));
                }
            }
            Check::Then(who, method, path, body, status) => {
                let resp = world.send(who, method, path, body, None);
                if resp.status().as_u16() != status {
                    return Err(format!(
                        "then {method} {path}: want {status}, got {}",
                        resp.status()
                    ));
                }
            }
        }
    }
    Ok(())
}

/// True if the filled path (without its query) has the table's route shape.
fn matches_route(route: &str, path: &str) -> bool {
    let path = path.split('?').next().unwrap_or("");
    let segs: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let parts: Vec<&str> = route.split('/').collect();
    segs.len() == parts.len() && parts.iter().zip(&segs).all(|(p, s)| *p == "{}" || p == s)
}

#[test]
fn every_row_agrees_or_says_why() {
    let mut failures = Vec::new();
    let mut summary = String::new();
    let mut totals = [0usize; 3];
    for table in AREAS.iter().flat_map(|a| a.iter()) {
        let mut counts = [0usize; 3];
        for (i, row) in table.rows.iter().enumerate() {
            let at = format!("{} row {i} ({})", table.operation, row.from);
            if row.method != table.method {
                failures.push(format!(
                    "{at}: method {} is not {}",
                    row.method, table.method
                ));
            }
            match row.verdict {
                Verdict::Skip(_) => {
                    counts[1] += 1;
                    continue;
                }
                Verdict::Agree => counts[0] += 1,
                Verdict::Differs(..) => counts[2] += 1,
            }
            if let Err(e) = run(row) {
                failures.push(format!("{at}: {} {}: {e}", row.method, row.path));
            }
        }
        for k in 0..3 {
            totals[k] += counts[k];
        }
        let _ = writeln!(
            summary,
            "{:<36} agree {:>3}  skipped {:>3}  differs {:>3}",
            table.operation, counts[0], counts[1], counts[2]
        );
    }
    let _ = writeln!(
        summary,
        "{:<36} agree {:>3}  skipped {:>3}  differs {:>3}",
        "TOTAL", totals[0], totals[1], totals[2]
    );
    println!("{summary}");
    assert!(
        failures.is_empty(),
        "{} scenario(s) disagree with the server:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn rows_are_well_formed() {
    let mut problems = Vec::new();
    for table in AREAS.iter().flat_map(|a| a.iter()) {
        if table.rows.is_empty() {
            problems.push(format!("{} has no rows", table.operation));
        }
        for row in table.rows {
            if !row.from.contains("Test") && !row.from.contains("_test.go") {
                problems.push(format!(
                    "{}: `from` must name a server test, not {:?}",
                    table.operation, row.from
                ));
            }
            if let Verdict::Skip(reason) | Verdict::Differs(reason, ..) = row.verdict {
                if reason.trim().is_empty() {
                    problems.push(format!(
                        "{}: a skip or difference needs a reason",
                        table.operation
                    ));
                }
            }
            // Rows about a path the router cannot match (e.g. an empty segment) say so by
            // expecting the router's 404.
            if row.error_id != "api.context.404.app_error" && !matches_route(table.route, row.path)
            {
                problems.push(format!(
                    "{}: path {} is not {}",
                    table.operation, row.path, table.route
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_route_has_a_table() {
    let tables: BTreeMap<(&str, &str), &str> = AREAS
        .iter()
        .flat_map(|a| a.iter())
        .map(|t| ((t.method, t.route), t.operation))
        .collect();
    let missing: Vec<String> = FakeServer::routes()
        .into_iter()
        .filter(|key| !tables.contains_key(key))
        .map(|(m, r)| format!("{m} {r}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes of the fake without a scenario table (add one, see the module docs):\n{}",
        missing.join("\n")
    );
    let stale: Vec<String> = tables
        .iter()
        .filter(|(key, _)| !FakeServer::routes().contains(key))
        .map(|((m, r), op)| format!("{op}: {m} {r}"))
        .collect();
    assert!(
        stale.is_empty(),
        "tables for routes the fake does not have:\n{}",
        stale.join("\n")
    );
}
