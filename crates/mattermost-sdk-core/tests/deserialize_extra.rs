//! Every struct in core that keeps unknown fields (`#[serde(flatten)]`) decodes through
//! `#[derive(DeserializeExtra)]`, not serde's `Deserialize` (which buffers every unknown
//! field in its `Content` before building the map). Models merged later are caught here.
//!
//! That the two derives decode alike is checked in `src/models/derive_equivalence.rs`.

use std::path::{Path, PathBuf};

/// A struct found in a source file: its name, its attributes' text, its body's text.
struct Found {
    file: PathBuf,
    name: String,
    attrs: String,
    body: String,
}

/// Every `struct` with a braced body in `text`, with the attribute lines above it.
fn structs(file: &Path, text: &str) -> Vec<Found> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let rest = ["pub struct ", "pub(crate) struct ", "struct "]
            .iter()
            .find_map(|p| t.strip_prefix(p));
        let Some(rest) = rest else { continue };
        if !t.contains('{') {
            continue;
        }
        let name = rest
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .next()
            .unwrap_or("")
            .to_owned();
        // Attributes and doc comments directly above (a multi-line attribute too).
        let mut j = i;
        while j > 0 {
            let above = lines[j - 1].trim();
            if above.starts_with("#[")
                || above.starts_with("///")
                || above.starts_with("//")
                || above.ends_with(")]")
                || above.ends_with(',')
            {
                j -= 1;
            } else {
                break;
            }
        }
        let attrs = lines[j..i].join("\n");
        // The body, by brace depth.
        let mut depth = 0i32;
        let mut body = String::new();
        for l in &lines[i..] {
            depth += l.matches('{').count() as i32 - l.matches('}').count() as i32;
            body.push_str(l);
            body.push('\n');
            if depth <= 0 {
                break;
            }
        }
        out.push(Found {
            file: file.to_owned(),
            name,
            attrs,
            body,
        });
    }
    out
}

/// The structs whose body has a `#[serde(flatten)]` field and whose derive list names
/// serde's `Deserialize` instead of `DeserializeExtra`.
/// Structs whose `Deserialize` is written by hand in one pass, without serde's flatten:
/// `ChannelMemberWithTeamData` decodes as its flattened `ChannelMember` and takes its own
/// three fields out of that member's `extra` (`models/membership.rs`).
const HAND_WRITTEN: &[&str] = &["ChannelMemberWithTeamData"];

fn offenders(found: &[Found]) -> Vec<String> {
    found
        .iter()
        .filter(|f| f.body.contains("#[serde(flatten)]"))
        .filter(|f| !HAND_WRITTEN.contains(&f.name.as_str()))
        .filter(|f| {
            let derives = f
                .attrs
                .split("#[")
                .filter(|a| a.trim_start().starts_with("derive("))
                .collect::<String>();
            let words: Vec<&str> = derives
                .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .collect();
            let fast = words.iter().any(|w| w.ends_with("DeserializeExtra"));
            let slow = words
                .iter()
                .any(|w| *w == "Deserialize" || w.ends_with("::Deserialize"));
            slow || !fast
        })
        .map(|f| format!("{} in {}", f.name, f.file.display()))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let path = entry.expect("dir entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_struct_with_a_flattened_extra_derives_deserialize_extra() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut all = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read source");
        all.extend(structs(file, &text));
    }
    let flattened = all
        .iter()
        .filter(|f| f.body.contains("#[serde(flatten)]"))
        .count();
    // 32 when this test was written (31 models and `MattermostError`); fewer means the scan
    // broke, not that models went away.
    assert!(
        flattened >= 32,
        "the scan found only {flattened} structs with a flattened field"
    );
    let bad = offenders(&all);
    assert!(
        bad.is_empty(),
        "these keep unknown fields with serde's Deserialize; derive \
         mattermost_sdk_derive::DeserializeExtra instead: {bad:#?}"
    );
}

/// The scan itself flags serde's derive, a multi-line derive list and a missing derive.
#[test]
fn the_scan_flags_serde_derive_on_a_flattened_struct() {
    let text = r#"
/// Slow.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Slow {
    #[serde(default)]
    pub id: String,
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// Slow too, over several lines.
#[derive(
    Debug,
    serde::Deserialize,
)]
#[non_exhaustive]
pub struct SlowMultiLine {
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// Fast.
#[derive(Debug, Clone, Serialize, DeserializeExtra)]
pub struct Fast {
    #[serde(flatten)]
    pub extra: JsonMap,
}

/// No flatten: serde's derive is fine.
#[derive(Debug, Deserialize)]
pub struct Plain {
    pub id: String,
}
"#;
    let found = structs(Path::new("x.rs"), text);
    assert_eq!(found.len(), 4);
    assert_eq!(offenders(&found), ["Slow in x.rs", "SlowMultiLine in x.rs"]);
}
