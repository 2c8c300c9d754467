//! The spec ledger: every implemented endpoint is a real operation of the corrected spec
//! (same method, path template and operationId: no invented routes), and `ENDPOINTS.md`
//! lists every spec operation under `/api/v4/users` with the endpoint type implementing it.
//!
//! `ENDPOINTS.md` is generated; regenerate it with
//! `UPDATE_ENDPOINTS=1 cargo test -p mattermost-sdk-tests --test spec_ledger`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use mattermost_sdk_core::endpoints::ALL;
use mattermost_sdk_core::EndpointInfo;

/// The corrected spec, relative to this package's directory (CI clones `shared/` beside it).
const SPEC: &str = "../shared/spec/mattermost-openapi-v4.corrected.yaml";
/// The API prefix every spec path starts with; `EndpointInfo::path` is relative to it.
const API_PREFIX: &str = "/api/v4";
/// The area `ENDPOINTS.md` covers.
const USERS: &str = "/api/v4/users";
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
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read_spec() -> String {
    let path = root().join(SPEC);
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "cannot read the spec at {}: {e} (the `shared/` checkout must sit beside the repo)",
            path.display()
        )
    })
}

/// Reads the operations out of the PyYAML-dumped spec with a line scanner: `paths:` at
/// column 0, each path at 2 spaces, each method at 4, its `operationId` at 6.
fn scan_operations(spec: &str) -> Vec<SpecOp> {
    let mut ops = Vec::new();
    let mut in_paths = false;
    let mut path: Option<String> = None;
    let mut method: Option<String> = None;
    for (n, line) in spec.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let text = &line[indent..];
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        if indent == 0 {
            in_paths = text == "paths:";
            path = None;
            method = None;
            continue;
        }
        if !in_paths {
            continue;
        }
        match indent {
            2 => {
                let key = text.strip_suffix(':').unwrap_or_else(|| {
                    panic!("{SPEC}:{}: expected a path key, got {line:?}", n + 1)
                });
                let key = key.trim_matches(|c| c == '\'' || c == '"');
                assert!(key.starts_with('/'), "{SPEC}:{}: odd path {key:?}", n + 1);
                path = Some(key.to_string());
                method = None;
            }
            4 => {
                let key = text.strip_suffix(':').unwrap_or("");
                method = METHODS.contains(&key).then(|| key.to_ascii_uppercase());
            }
            6 => {
                if let (Some(p), Some(m), Some(id)) =
                    (&path, &method, text.strip_prefix("operationId: "))
                {
                    ops.push(SpecOp {
                        method: m.clone(),
                        path: p.clone(),
                        operation_id: id.trim().trim_matches('\'').to_string(),
                    });
                    method = None;
                }
            }
            _ => {}
        }
    }
    ops
}

fn spec_ops() -> Vec<SpecOp> {
    let ops = scan_operations(&read_spec());
    // The spec README: 425 operations, 112 under /api/v4/users. A scanner that finds far
    // fewer has lost track of the layout.
    assert!(
        ops.len() >= 400,
        "only {} operations found in {SPEC}",
        ops.len()
    );
    ops
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
        "Every operation under `{USERS}` in the corrected spec \
         (`../shared/spec/mattermost-openapi-v4.corrected.yaml`), and the endpoint type that \
         implements it. Generated by `{REGENERATE}`; `tests/spec_ledger.rs` fails when this \
         file is stale.\n\n"
    ));
    out.push_str(&format!(
        "Users API: {done} of {} operations implemented.\n\n",
        users.len()
    ));
    out.push_str("| operationId | method | path | endpoint |\n|---|---|---|---|\n");
    for op in users {
        let ty = implemented
            .get(&(op.method.as_str(), op.path.clone()))
            .map(|i| format!("`{}`", endpoint_type(i)))
            .unwrap_or_else(|| "not yet".to_string());
        out.push_str(&format!(
            "| {} | {} | `{}` | {ty} |\n",
            op.operation_id, op.method, op.path
        ));
    }
    out
}

#[test]
fn scanner_reads_the_layout() {
    let spec = "\
openapi: 3.0.0
info:
  title: x
paths:
  /api/v4/users:
    parameters:
    - name: q
    get:
      tags:
      - users
      operationId: GetUsers
      responses:
        '200':
          links:
            x:
              operationId: NotThis
    post:
      operationId: CreateUser
  '/api/v4/users/{user_id}':
    delete:
      operationId: DeleteUser
components:
  schemas:
    get:
      operationId: Nope
";
    let ops = scan_operations(spec);
    let got: Vec<(&str, &str, &str)> = ops
        .iter()
        .map(|o| (o.method.as_str(), o.path.as_str(), o.operation_id.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("GET", "/api/v4/users", "GetUsers"),
            ("POST", "/api/v4/users", "CreateUser"),
            ("DELETE", "/api/v4/users/{user_id}", "DeleteUser"),
        ]
    );
}

#[test]
fn spec_has_the_documented_users_operations() {
    let ops = spec_ops();
    let users = users_ops(&ops);
    assert_eq!(
        users.len(),
        112,
        "spec README: 112 operations under {USERS}"
    );
    let ids: BTreeSet<&str> = ops.iter().map(|o| o.operation_id.as_str()).collect();
    assert_eq!(
        ids.len(),
        ops.len(),
        "operationIds in the corrected spec are unique"
    );
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
                problems.push(format!(
                    "{} {} ({}) is not an operation of the spec{}",
                    info.method,
                    full,
                    info.operation_id,
                    same_id
                        .map(|o| format!(
                            "; the spec has {} at {} {}",
                            o.operation_id, o.method, o.path
                        ))
                        .unwrap_or_default()
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
