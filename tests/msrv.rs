//! The declared MSRV is true: every workspace member inherits the workspace's `rust-version`,
//! and every package in the committed `Cargo.lock` (all platforms, all features) declares a
//! `rust-version` at or below it.
//!
//! Reads `cargo metadata --format-version 1 --locked`, which lists every locked package with
//! its manifest's `rust_version`. `--locked` makes a stale lock a failure here too. Only the
//! installed toolchain is run: that the code really builds on the MSRV toolchain is not
//! checked by this test (clippy's `incompatible_msrv` lint, on in the workspace lints, catches
//! uses of newer std APIs).

use std::process::Command;

use serde_json::Value;

/// `1.88`, `1.88.0` → `(1, 88, 0)`.
fn parse_version(v: &str) -> Option<(u64, u64, u64)> {
    let mut parts = v.trim().split('.').map(|p| p.parse::<u64>().ok());
    let major = parts.next()??;
    let minor = parts.next().unwrap_or(Some(0))?;
    let patch = parts.next().unwrap_or(Some(0))?;
    parts.next().is_none().then_some((major, minor, patch))
}

fn metadata() -> Value {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let out = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run cargo metadata");
    assert!(
        out.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("cargo metadata prints JSON")
}

/// Packages above `msrv`, as `name version (rust-version)`.
fn above(packages: &[Value], msrv: (u64, u64, u64)) -> Vec<String> {
    packages
        .iter()
        .filter_map(|p| {
            let rv = p["rust_version"].as_str()?;
            let parsed = parse_version(rv);
            (parsed.is_none() || parsed > Some(msrv))
                .then(|| format!("{} {} ({rv})", p["name"], p["version"]))
        })
        .collect()
}

#[test]
fn version_parsing_and_the_comparison_can_fail() {
    assert_eq!(parse_version("1.88"), Some((1, 88, 0)));
    assert_eq!(parse_version("1.88.1"), Some((1, 88, 1)));
    assert_eq!(parse_version("1.x"), None);
    let pkgs = [
        serde_json::json!({"name": "old", "version": "1.0.0", "rust_version": "1.70"}),
        serde_json::json!({"name": "new", "version": "2.0.0", "rust_version": "1.89"}),
        serde_json::json!({"name": "none", "version": "3.0.0", "rust_version": null}),
    ];
    assert_eq!(above(&pkgs, (1, 88, 0)), [r#""new" "2.0.0" (1.89)"#]);
    assert!(above(&pkgs, (1, 89, 0)).is_empty());
}

#[test]
fn every_locked_package_builds_with_the_declared_msrv() {
    let meta = metadata();
    let members: Vec<&str> = meta["workspace_members"]
        .as_array()
        .expect("workspace_members")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let packages = meta["packages"].as_array().expect("packages");

    // Every member declares the same rust-version (inherited from [workspace.package]).
    let member_versions: Vec<(String, Option<&str>)> = packages
        .iter()
        .filter(|p| members.contains(&p["id"].as_str().unwrap_or_default()))
        .map(|p| (p["name"].to_string(), p["rust_version"].as_str()))
        .collect();
    assert_eq!(member_versions.len(), members.len());
    let declared = member_versions[0]
        .1
        .expect("members declare a rust-version");
    for (name, rv) in &member_versions {
        assert_eq!(*rv, Some(declared), "{name} does not inherit rust-version");
    }
    let msrv = parse_version(declared).expect("a valid rust-version");

    let offenders = above(packages, msrv);
    assert!(
        offenders.is_empty(),
        "locked packages need a newer Rust than the declared {declared}: {offenders:?}"
    );
    // The declaration is not loose either: some locked package needs exactly it (otherwise
    // it could be lowered).
    let highest = packages
        .iter()
        .filter(|p| !members.contains(&p["id"].as_str().unwrap_or_default()))
        .filter_map(|p| parse_version(p["rust_version"].as_str()?))
        .max()
        .expect("some package declares a rust-version");
    assert_eq!(highest, msrv, "the MSRV could be lowered to {highest:?}");
}
