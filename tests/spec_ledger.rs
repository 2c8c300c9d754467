//! The spec ledger, against the repo's copy of the current corrected spec
//! (`spec/mattermost-openapi-v4.users.json`, made by `mattermost-sdk-spec-tool` from
//! `../shared/spec/mattermost-openapi-v4.current.corrected.yaml`):
//!
//! - the committed copy is exactly what the tool makes from the shared spec (checked only when
//!   `../shared` is beside the repo; otherwise the test says it skipped the check);
//! - every implemented endpoint is a real operation of the spec (same method, path template
//!   and operationId: no invented routes);
//! - every implemented endpoint has a facade method, and every registered facade method sends
//!   an implemented endpoint (`mattermost_sdk::registry`);
//! - `ENDPOINTS.md` lists every spec operation under `/api/v4/users` with the endpoint type
//!   and the facade method(s) implementing it.
//!
//! `ENDPOINTS.md` is generated; regenerate it with
//! `UPDATE_ENDPOINTS=1 cargo test -p mattermost-sdk-tests --test spec_ledger`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};

use mattermost_sdk::registry::{methods_for, FACADE_METHODS};
use mattermost_sdk_core::endpoints::ALL;
use mattermost_sdk_core::EndpointInfo;
use mattermost_sdk_spec_tool::{
    reduce_file, COMMITTED_SPEC, EXTRA_PATHS, REGENERATE as REGENERATE_SPEC, SHARED_SPEC,
};
use serde_json::Value;

/// The API prefix every spec path starts with; `EndpointInfo::path` is relative to it.
const API_PREFIX: &str = "/api/v4";
/// The area `ENDPOINTS.md` covers.
const USERS: &str = "/api/v4/users";
/// Operations under [`USERS`] in the current spec (`../shared/spec/users-operations.md`).
const USERS_OPERATIONS: usize = 113;
/// The command that regenerates `ENDPOINTS.md`.
const REGENERATE: &str = "UPDATE_ENDPOINTS=1 cargo test -p mattermost-sdk-tests --test spec_ledger";
/// The HTTP methods OpenAPI allows as keys under a path.
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One operation of the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
struct SpecOp {
    /// Upper-case HTTP method.
    method: String,
    /// Full path template (`/api/v4/users/{user_id}`).
    path: String,
    operation_id: String,
    deprecated: bool,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_committed_spec() -> Value {
    let path = root().join(COMMITTED_SPEC);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the spec copy at {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!("{COMMITTED_SPEC} is not JSON: {e}; regenerate it with {REGENERATE_SPEC}")
    })
}

/// The operations of an OpenAPI document.
fn operations(spec: &Value) -> Vec<SpecOp> {
    let paths = spec["paths"]
        .as_object()
        .unwrap_or_else(|| panic!("{COMMITTED_SPEC} has no `paths`"));
    let mut ops = Vec::new();
    for (path, item) in paths {
        for (method, op) in item.as_object().into_iter().flatten() {
            if !METHODS.contains(&method.as_str()) {
                continue;
            }
            let operation_id = op["operationId"]
                .as_str()
                .unwrap_or_else(|| panic!("{method} {path} has no operationId"));
            ops.push(SpecOp {
                method: method.to_ascii_uppercase(),
                path: path.clone(),
                operation_id: operation_id.to_owned(),
                deprecated: op["deprecated"].as_bool().unwrap_or(false),
            });
        }
    }
    ops
}

fn spec_ops() -> Vec<SpecOp> {
    operations(&read_committed_spec())
}

fn users_ops(ops: &[SpecOp]) -> Vec<SpecOp> {
    let mut users: Vec<SpecOp> = ops
        .iter()
        .filter(|op| op.path == USERS || op.path.starts_with(&format!("{USERS}/")))
        .cloned()
        .collect();
    users.sort_by(|a, b| {
        (a.path.as_str(), method_rank(&a.method)).cmp(&(b.path.as_str(), method_rank(&b.method)))
    });
    users
}

fn method_rank(m: &str) -> usize {
    [
        "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE",
    ]
    .iter()
    .position(|x| *x == m)
    .unwrap_or(usize::MAX)
}

/// The Rust path of the endpoint type: the `endpoint!` macro names the struct after the
/// operationId and the module after the area (the first path segment).
fn endpoint_type(info: &EndpointInfo) -> String {
    let area = info
        .path
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or("");
    format!(
        "mattermost_sdk_core::endpoints::{area}::{}",
        info.operation_id
    )
}

fn render_endpoints_md(users: &[SpecOp]) -> String {
    let implemented: BTreeMap<(&str, String), &EndpointInfo> = ALL
        .iter()
        .map(|i| ((i.method, format!("{API_PREFIX}{}", i.path)), i))
        .collect();
    let done = users
        .iter()
        .filter(|op| implemented.contains_key(&(op.method.as_str(), op.path.clone())))
        .count();
    let mut out = String::new();
    out.push_str("# Endpoints\n\n");
    out.push_str(&format!(
        "Every operation under `{USERS}` in the current corrected spec (the repo's copy \
         `{COMMITTED_SPEC}`, made by `{REGENERATE_SPEC}` from `{SHARED_SPEC}`), the endpoint \
         type that implements it and its facade method(s) (from `mattermost_sdk::registry`). \
         Generated by `{REGENERATE}`; `tests/spec_ledger.rs` fails when this file is stale.\n\n"
    ));
    out.push_str(&format!(
        "Users API: {done} of {} operations implemented.\n\n",
        users.len()
    ));
    out.push_str("| operationId | method | path | endpoint | facade |\n|---|---|---|---|---|\n");
    for op in users {
        let info = implemented.get(&(op.method.as_str(), op.path.clone()));
        let ty = info
            .map(|i| format!("`{}`", endpoint_type(i)))
            .unwrap_or_else(|| "not yet".to_string());
        let facade: Vec<String> = info
            .map(|i| {
                methods_for(i.operation_id)
                    .map(|m| format!("`{}`", m.call))
                    .collect()
            })
            .unwrap_or_default();
        let facade = facade.join("<br>");
        let deprecated = if op.deprecated { " (deprecated)" } else { "" };
        out.push_str(&format!(
            "| {}{deprecated} | {} | `{}` | {ty} | {facade} |\n",
            op.operation_id, op.method, op.path
        ));
    }
    out
}

/// Writes past the test harness's output capture, so a passing test still shows it.
fn say(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

#[test]
fn committed_spec_copy_is_what_the_tool_makes() {
    let shared = root().join(SHARED_SPEC);
    if !shared.exists() {
        say(&format!(
            "SKIPPED: {SHARED_SPEC} is not present, so the committed spec copy \
             ({COMMITTED_SPEC}) cannot be checked against it"
        ));
        return;
    }
    let want = reduce_file(&shared).unwrap_or_else(|e| panic!("{e}"));
    let path = root().join(COMMITTED_SPEC);
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        have == want,
        "{COMMITTED_SPEC} is not what the tool makes from {SHARED_SPEC} ({} bytes, want {}). \
         Regenerate it with:\n    {REGENERATE_SPEC}",
        have.len(),
        want.len()
    );
}

#[test]
fn operations_reads_methods_and_ids() {
    let spec = serde_json::json!({"paths": {
        "/api/v4/users": {
            "parameters": [{"name": "q", "in": "query"}],
            "get": {"operationId": "GetUsers", "responses": {"200": {"links": {"x": {"operationId": "NotThis"}}}}},
            "post": {"operationId": "CreateUser", "deprecated": true}
        },
        "/api/v4/users/{user_id}": {"delete": {"operationId": "DeleteUser"}}
    }});
    let ops = operations(&spec);
    let got: Vec<(&str, &str, &str, bool)> = ops
        .iter()
        .map(|o| {
            (
                o.method.as_str(),
                o.path.as_str(),
                o.operation_id.as_str(),
                o.deprecated,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("GET", "/api/v4/users", "GetUsers", false),
            ("POST", "/api/v4/users", "CreateUser", true),
            ("DELETE", "/api/v4/users/{user_id}", "DeleteUser", false),
        ]
    );
}

#[test]
fn spec_has_the_documented_users_operations() {
    let ops = spec_ops();
    let users = users_ops(&ops);
    assert_eq!(
        users.len(),
        USERS_OPERATIONS,
        "the spec README: {USERS_OPERATIONS} operations under {USERS} in the current spec"
    );
    let ids: BTreeSet<&str> = ops.iter().map(|o| o.operation_id.as_str()).collect();
    assert_eq!(
        ids.len(),
        ops.len(),
        "operationIds in the spec copy are unique"
    );
    for extra in EXTRA_PATHS {
        assert!(
            ops.iter().any(|o| o.path == *extra),
            "{extra} (EXTRA_PATHS) is in the spec copy"
        );
    }
}

#[test]
fn every_implemented_endpoint_is_a_spec_operation() {
    let ops = spec_ops();
    let by_route: BTreeMap<(&str, &str), &SpecOp> = ops
        .iter()
        .map(|o| ((o.method.as_str(), o.path.as_str()), o))
        .collect();
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for info in ALL {
        if !seen.insert(info.operation_id) {
            problems.push(format!(
                "{} is listed twice in endpoints::ALL",
                info.operation_id
            ));
        }
        if !info.path.starts_with('/') {
            problems.push(format!(
                "{}: path {:?} must start with `/` (it is relative to {API_PREFIX})",
                info.operation_id, info.path
            ));
        }
        let full = format!("{API_PREFIX}{}", info.path);
        match by_route.get(&(info.method, full.as_str())) {
            None => {
                let same_id = ops.iter().find(|o| o.operation_id == info.operation_id);
                let outside = !(full == USERS || full.starts_with(&format!("{USERS}/")));
                problems.push(format!(
                    "{} {} ({}) is not an operation of the spec copy{}{}",
                    info.method,
                    full,
                    info.operation_id,
                    same_id
                        .map(|o| format!(
                            "; the spec has {} at {} {}",
                            o.operation_id, o.method, o.path
                        ))
                        .unwrap_or_default(),
                    if outside {
                        format!(
                            " (paths outside {USERS} are kept only when listed in EXTRA_PATHS of \
                             crates/mattermost-sdk-spec-tool; add it there and run {REGENERATE_SPEC})"
                        )
                    } else {
                        String::new()
                    }
                ));
            }
            Some(op) if op.operation_id != info.operation_id => problems.push(format!(
                "{} {}: the spec's operationId is {}, ours is {}",
                info.method, full, op.operation_id, info.operation_id
            )),
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_implemented_endpoint_has_a_facade_method() {
    let missing: Vec<&str> = ALL
        .iter()
        .map(|i| i.operation_id)
        .filter(|id| methods_for(id).next().is_none())
        .collect();
    assert!(
        missing.is_empty(),
        "implemented endpoints without a facade method (add one, written with a registering \
         macro such as `user_ops!` or listed in `mattermost_sdk::registry::HAND_WRITTEN`): \
         {missing:?}"
    );
}

#[test]
fn every_facade_method_sends_an_implemented_endpoint() {
    let implemented: BTreeSet<&str> = ALL.iter().map(|i| i.operation_id).collect();
    let stray: Vec<String> = FACADE_METHODS
        .iter()
        .flat_map(|list| list.iter())
        .filter(|m| !implemented.contains(m.operation_id))
        .map(|m| format!("{} ({})", m.call, m.operation_id))
        .collect();
    assert!(
        stray.is_empty(),
        "facade methods whose operation is not in mattermost_sdk_core::endpoints::ALL: {stray:?}"
    );
    let calls: Vec<&str> = FACADE_METHODS
        .iter()
        .flat_map(|list| list.iter())
        .map(|m| m.call)
        .collect();
    let unique: BTreeSet<&str> = calls.iter().copied().collect();
    assert_eq!(
        unique.len(),
        calls.len(),
        "a facade method is registered twice: {calls:?}"
    );
}

#[test]
fn endpoints_md_is_current() {
    let users = users_ops(&spec_ops());
    let want = render_endpoints_md(&users);
    let path = root().join("ENDPOINTS.md");
    let have = std::fs::read_to_string(&path).ok();
    if have.as_deref() == Some(want.as_str()) {
        return;
    }
    if std::env::var_os("UPDATE_ENDPOINTS").is_some_and(|v| v == "1") {
        write(&path, &want);
        println!("wrote {}", path.display());
        return;
    }
    let Some(have) = have else {
        panic!("ENDPOINTS.md is missing. Generate it with:\n    {REGENERATE}");
    };
    let first_diff = have
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or_else(|| have.lines().count().min(want.lines().count()));
    panic!(
        "ENDPOINTS.md is stale (first difference at line {}: have {:?}, want {:?}).\n\
         Regenerate it with:\n    {REGENERATE}",
        first_diff + 1,
        have.lines().nth(first_diff).unwrap_or("<end of file>"),
        want.lines().nth(first_diff).unwrap_or("<end of file>"),
    );
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}
