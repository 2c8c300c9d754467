//! Makes the repo's reduced copy of the Mattermost OpenAPI spec.
//!
//! The tests (the spec ledger in `tests/spec_ledger.rs`, the Prism contract in
//! `tests/contract.rs`) read `spec/mattermost-openapi-v4.users.json`, which this crate makes
//! from the shared current corrected spec
//! (`../shared/spec/mattermost-openapi-v4.current.corrected.yaml`, beside the repo), so a plain
//! clone with nothing beside it can run them. The copy keeps what the tests need and drops
//! the prose:
//!
//! - every path under `/api/v4/users` (all its operations) and the few others the tests or the
//!   fake use ([`EXTRA_PATHS`]);
//! - of each operation: operationId, parameters, request body, responses, security,
//!   `deprecated`; of the document: `openapi`, `info` (title and version), `servers`, the
//!   top-level `security`;
//! - every component the kept paths reference, transitively, and every security scheme a
//!   security requirement names;
//! - no `description`, `summary`, `example`, `examples`, `externalDocs`, `tags` or `x-*`
//!   extension (such keys are kept where they are names: a schema property called
//!   `description` stays).
//!
//! The output is JSON (Prism reads it as it reads YAML) with sorted keys and two-space
//! indentation, so the same input always gives the same bytes. Regenerate the committed copy
//! with [`REGENERATE`]; `tests/spec_ledger.rs` checks it is current when `../shared` is there.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

/// The shared spec the copy is made from, relative to the workspace root.
pub const SHARED_SPEC: &str = "../shared/spec/mattermost-openapi-v4.current.corrected.yaml";
/// The committed copy, relative to the workspace root.
pub const COMMITTED_SPEC: &str = "spec/mattermost-openapi-v4.users.json";
/// The command that rewrites [`COMMITTED_SPEC`] from [`SHARED_SPEC`].
pub const REGENERATE: &str = "cargo run -p mattermost-sdk-spec-tool";
/// Every path starting with this (the path itself, or it followed by `/`) is kept.
pub const USERS_PREFIX: &str = "/api/v4/users";
/// Paths outside [`USERS_PREFIX`] that are kept too, because the tests or the fake use them.
/// An implemented endpoint outside the users area needs its path here.
pub const EXTRA_PATHS: &[&str] = &[
    // The fake serves it (`crates/mattermost-sdk-mock/src/fake/handlers/auth.rs`).
    "/api/v4/system/ping",
];

/// Keys dropped wherever they are OpenAPI keywords (not names).
const PROSE: &[&str] = &[
    "description",
    "summary",
    "example",
    "examples",
    "externalDocs",
    "tags",
];

/// Keys whose value, when it is an object, maps names (of properties, schemas, status codes,
/// media types, headers, ...) to OpenAPI objects: its own keys are never dropped.
const NAME_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "paths",
    "responses",
    "headers",
    "content",
    "schemas",
    "parameters",
    "requestBodies",
    "securitySchemes",
    "links",
    "callbacks",
    "encoding",
    "variables",
    "mapping",
];

/// Why a spec could not be reduced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReduceError(String);

impl fmt::Display for ReduceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ReduceError {}

fn err(msg: impl Into<String>) -> ReduceError {
    ReduceError(msg.into())
}

/// The workspace root (this crate sits at `crates/mattermost-sdk-spec-tool`).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// Reads the YAML (or JSON) spec text `yaml` and returns the reduced copy as pretty JSON with
/// sorted keys and a final newline.
///
/// # Errors
/// The text is not YAML, is not an OpenAPI document with `paths`, keeps no path, or a kept
/// part references something that is not a component of the document.
pub fn reduce_yaml(yaml: &str) -> Result<String, ReduceError> {
    let spec: Value =
        serde_yaml_ng::from_str(yaml).map_err(|e| err(format!("the spec is not YAML: {e}")))?;
    let reduced = reduce(&spec)?;
    let mut text = serde_json::to_string_pretty(&reduced)
        .map_err(|e| err(format!("cannot write JSON: {e}")))?;
    text.push('\n');
    Ok(text)
}

/// Reads `shared` (the shared spec) and returns its reduced copy; see [`reduce_yaml`].
///
/// # Errors
/// The file cannot be read, or [`reduce_yaml`] fails.
pub fn reduce_file(shared: &Path) -> Result<String, ReduceError> {
    let text = std::fs::read_to_string(shared)
        .map_err(|e| err(format!("cannot read {}: {e}", shared.display())))?;
    reduce_yaml(&text)
}

/// Whether the tests keep `path` (a full path template such as `/api/v4/users/{user_id}`).
pub fn keeps_path(path: &str) -> bool {
    path == USERS_PREFIX
        || path
            .strip_prefix(USERS_PREFIX)
            .is_some_and(|rest| rest.starts_with('/'))
        || EXTRA_PATHS.contains(&path)
}

/// The reduced document; see the crate docs for what is kept.
///
/// # Errors
/// As [`reduce_yaml`].
pub fn reduce(spec: &Value) -> Result<Value, ReduceError> {
    let doc = spec
        .as_object()
        .ok_or_else(|| err("the spec is not a mapping"))?;
    let paths = doc
        .get("paths")
        .and_then(Value::as_object)
        .ok_or_else(|| err("the spec has no `paths`"))?;

    let mut out = Map::new();
    if let Some(v) = doc.get("openapi") {
        out.insert("openapi".into(), v.clone());
    }
    let info = doc.get("info").and_then(Value::as_object);
    let mut info_out = Map::new();
    for key in ["title", "version"] {
        if let Some(v) = info.and_then(|i| i.get(key)) {
            info_out.insert(key.into(), v.clone());
        }
    }
    out.insert("info".into(), Value::Object(info_out));
    for key in ["servers", "security"] {
        if let Some(v) = doc.get(key) {
            out.insert(key.into(), strip(v, false));
        }
    }

    let mut kept = Map::new();
    for (path, item) in paths {
        if keeps_path(path) {
            kept.insert(path.clone(), strip(item, false));
        }
    }
    if kept.is_empty() {
        return Err(err(format!(
            "no path of the spec starts with {USERS_PREFIX}"
        )));
    }
    for extra in EXTRA_PATHS {
        if !kept.contains_key(*extra) {
            return Err(err(format!("the spec has no path {extra} (EXTRA_PATHS)")));
        }
    }
    let kept = Value::Object(kept);

    // Components: everything the kept parts reference, transitively.
    let components = doc.get("components").and_then(Value::as_object);
    let mut chosen: BTreeMap<String, Map<String, Value>> = BTreeMap::new();
    let mut todo: Vec<String> = Vec::new();
    collect_refs(&kept, &mut todo);
    for key in ["servers", "security"] {
        if let Some(v) = out.get(key) {
            collect_refs(v, &mut todo);
        }
    }
    let mut done = BTreeSet::new();
    while let Some(reference) = todo.pop() {
        if !done.insert(reference.clone()) {
            continue;
        }
        let (kind, name) = reference
            .strip_prefix("#/components/")
            .and_then(|r| r.split_once('/'))
            .filter(|(_, name)| !name.contains('/'))
            .ok_or_else(|| {
                err(format!(
                    "unsupported $ref {reference:?} (only #/components/KIND/NAME)"
                ))
            })?;
        let name = name.replace("~1", "/").replace("~0", "~");
        let target = components
            .and_then(|c| c.get(kind))
            .and_then(|k| k.get(&name))
            .ok_or_else(|| err(format!("$ref {reference:?} does not resolve")))?;
        let stripped = strip(target, false);
        collect_refs(&stripped, &mut todo);
        chosen
            .entry(kind.to_owned())
            .or_default()
            .insert(name, stripped);
    }

    // Security schemes: every one a kept security requirement names.
    let mut schemes = BTreeSet::new();
    collect_schemes(out.get("security"), &mut schemes);
    for item in kept.as_object().into_iter().flat_map(|m| m.values()) {
        for op in item.as_object().into_iter().flat_map(|m| m.values()) {
            collect_schemes(op.get("security"), &mut schemes);
        }
    }
    for scheme in schemes {
        let def = components
            .and_then(|c| c.get("securitySchemes"))
            .and_then(|s| s.get(&scheme))
            .ok_or_else(|| err(format!("security scheme {scheme:?} is not declared")))?;
        chosen
            .entry("securitySchemes".to_owned())
            .or_default()
            .insert(scheme, strip(def, false));
    }

    let mut kept = kept;
    for item in kept
        .as_object_mut()
        .into_iter()
        .flat_map(|m| m.values_mut())
    {
        for op in item
            .as_object_mut()
            .into_iter()
            .flat_map(|m| m.values_mut())
        {
            if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
                responses.values_mut().for_each(describe_response);
            }
        }
    }
    if let Some(responses) = chosen.get_mut("responses") {
        responses.values_mut().for_each(describe_response);
    }
    out.insert("paths".into(), kept);
    out.insert(
        "components".into(),
        Value::Object(
            chosen
                .into_iter()
                .map(|(k, v)| (k, Value::Object(v)))
                .collect(),
        ),
    );
    Ok(Value::Object(out))
}

/// OpenAPI 3.0 requires `description` on a Response Object: without it Prism ignores the
/// response (a 200 declared so is "not defined"). The prose is dropped, the key kept empty.
fn describe_response(response: &mut Value) {
    if let Some(map) = response.as_object_mut() {
        if !map.contains_key("$ref") {
            map.insert("description".into(), Value::String(String::new()));
        }
    }
}

/// A copy of `v` without prose. `names`: `v` is a name map (its keys are names, kept).
fn strip(v: &Value, names: bool) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| names || !(PROSE.contains(&k.as_str()) || k.starts_with("x-")))
                .map(|(k, child)| {
                    let child_names = !names && NAME_MAPS.contains(&k.as_str());
                    (k.clone(), strip(child, child_names))
                })
                .collect(),
        ),
        // A list of OpenAPI objects (parameters, allOf, ...); lists of names are scalars.
        Value::Array(items) => Value::Array(items.iter().map(|i| strip(i, false)).collect()),
        other => other.clone(),
    }
}

/// Pushes every `$ref` (and discriminator mapping target) found in `v` onto `out`.
fn collect_refs(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                match (k.as_str(), child) {
                    ("$ref", Value::String(r)) => out.push(r.clone()),
                    ("mapping", Value::Object(m)) => out.extend(
                        m.values()
                            .filter_map(Value::as_str)
                            .filter(|s| s.starts_with("#/"))
                            .map(str::to_owned),
                    ),
                    _ => collect_refs(child, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_refs(i, out)),
        _ => {}
    }
}

/// Adds the scheme names of a `security` list (`[{bearerAuth: []}, ...]`) to `out`.
fn collect_schemes(security: Option<&Value>, out: &mut BTreeSet<String>) {
    for req in security.and_then(Value::as_array).into_iter().flatten() {
        if let Some(m) = req.as_object() {
            out.extend(m.keys().cloned());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SPEC: &str = r##"
openapi: 3.0.0
info:
  title: Mattermost API
  version: 4.0.0
  description: long prose
tags:
- name: users
servers:
- url: '{u}'
  description: the server
  variables:
    u:
      default: http://localhost:8065
      description: prose
paths:
  /api/v4/users:
    get:
      tags: [users]
      summary: Get users
      description: prose
      operationId: GetUsers
      x-codeSamples: [{lang: go}]
      parameters:
      - name: page
        in: query
        description: prose
        schema: {type: integer, example: 0}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: '#/components/schemas/User'}
              examples: {one: {value: 1}}
        '400': {$ref: '#/components/responses/BadRequest'}
  /api/v4/users/{user_id}:
    delete:
      operationId: DeleteUser
      security: [{bearerAuth: []}]
      responses:
        '200': {description: ok}
  /api/v4/usersx:
    get: {operationId: NotUsers}
  /api/v4/system/ping:
    get: {operationId: GetPing, security: []}
  /api/v4/teams:
    get:
      operationId: GetTeams
      responses:
        '200':
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Team'}
components:
  securitySchemes:
    bearerAuth: {type: http, scheme: bearer, description: prose}
    other: {type: http, scheme: basic}
  responses:
    BadRequest:
      description: bad
      content:
        application/json:
          schema: {$ref: '#/components/schemas/AppError'}
  schemas:
    User:
      type: object
      description: a user
      properties:
        description: {type: string, description: the user's own text}
        example: {type: string}
        props: {$ref: '#/components/schemas/StringMap'}
    StringMap:
      type: object
      additionalProperties: {type: string}
    AppError:
      type: object
      properties:
        id: {type: string}
    Team:
      type: object
security:
- bearerAuth: []
"##;

    #[test]
    fn keeps_what_the_tests_need_and_drops_prose() {
        let got: Value = serde_json::from_str(&reduce_yaml(SPEC).unwrap()).unwrap();
        let want = json!({
            "openapi": "3.0.0",
            "info": {"title": "Mattermost API", "version": "4.0.0"},
            "servers": [{"url": "{u}", "variables": {"u": {"default": "http://localhost:8065"}}}],
            "security": [{"bearerAuth": []}],
            "paths": {
                "/api/v4/users": {"get": {
                    "operationId": "GetUsers",
                    "parameters": [{"name": "page", "in": "query", "schema": {"type": "integer"}}],
                    "responses": {
                        "200": {"description": "", "content": {"application/json": {"schema": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/User"}
                        }}}},
                        "400": {"$ref": "#/components/responses/BadRequest"}
                    }
                }},
                "/api/v4/users/{user_id}": {"delete": {
                    "operationId": "DeleteUser",
                    "security": [{"bearerAuth": []}],
                    "responses": {"200": {"description": ""}}
                }},
                "/api/v4/system/ping": {"get": {"operationId": "GetPing", "security": []}}
            },
            "components": {
                "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
                "responses": {"BadRequest": {"description": "", "content": {"application/json":
                    {"schema": {"$ref": "#/components/schemas/AppError"}}}}},
                "schemas": {
                    "User": {"type": "object", "properties": {
                        "description": {"type": "string"},
                        "example": {"type": "string"},
                        "props": {"$ref": "#/components/schemas/StringMap"}
                    }},
                    "StringMap": {"type": "object", "additionalProperties": {"type": "string"}},
                    "AppError": {"type": "object", "properties": {"id": {"type": "string"}}}
                }
            }
        });
        assert_eq!(got, want);
    }

    #[test]
    fn response_objects_keep_an_empty_description() {
        let out: Value = serde_json::from_str(&reduce_yaml(SPEC).unwrap()).unwrap();
        let ok = &out["paths"]["/api/v4/users/{user_id}"]["delete"]["responses"]["200"];
        assert_eq!(ok["description"], "", "{ok}");
        for (_, r) in out["components"]["responses"].as_object().unwrap() {
            assert_eq!(r["description"], "", "{r}");
        }
    }

    #[test]
    fn output_is_sorted_and_ends_with_a_newline() {
        let text = reduce_yaml(SPEC).unwrap();
        assert!(text.ends_with("}\n"));
        let components = text.find("\"components\"").unwrap();
        let info = text.find("\"info\"").unwrap();
        let paths = text.find("\"paths\"").unwrap();
        assert!(components < info && info < paths, "keys are sorted");
        assert_eq!(text, reduce_yaml(SPEC).unwrap());
    }

    #[test]
    fn a_dangling_ref_is_an_error() {
        let spec = SPEC.replace(
            "'#/components/schemas/StringMap'",
            "'#/components/schemas/Nope'",
        );
        let e = reduce_yaml(&spec).unwrap_err();
        assert!(e.to_string().contains("#/components/schemas/Nope"), "{e}");
    }

    #[test]
    fn a_missing_extra_path_is_an_error() {
        let spec = SPEC.replace("/api/v4/system/ping", "/api/v4/system/pong");
        let e = reduce_yaml(&spec).unwrap_err();
        assert!(e.to_string().contains("/api/v4/system/ping"), "{e}");
    }

    #[test]
    fn keeps_users_paths_only_at_a_segment_boundary() {
        assert!(keeps_path("/api/v4/users"));
        assert!(keeps_path("/api/v4/users/{user_id}"));
        assert!(!keeps_path("/api/v4/usersx"));
        assert!(!keeps_path("/api/v4/teams"));
        assert!(keeps_path("/api/v4/system/ping"));
    }
}
