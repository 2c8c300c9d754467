//! Writes the repo's reduced spec copy from the shared spec.
//!
//! ```text
//! cargo run -p mattermost-sdk-spec-tool                 # ../shared/... -> spec/...users.json
//! cargo run -p mattermost-sdk-spec-tool -- IN.yaml OUT.json
//! ```
//!
//! Relative default paths are taken from the workspace root, wherever it is run from.

use std::path::PathBuf;
use std::process::ExitCode;

use mattermost_sdk_spec_tool::{reduce_file, workspace_root, COMMITTED_SPEC, SHARED_SPEC};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (input, output) = match args.as_slice() {
        [] => (
            workspace_root().join(SHARED_SPEC),
            workspace_root().join(COMMITTED_SPEC),
        ),
        [i, o] => (PathBuf::from(i), PathBuf::from(o)),
        _ => {
            eprintln!("usage: mattermost-sdk-spec-tool [IN.yaml OUT.json]");
            return ExitCode::from(2);
        }
    };
    let text = match reduce_file(&input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("mattermost-sdk-spec-tool: {e}");
            return ExitCode::FAILURE;
        }
    };
    if let Some(dir) = output.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!(
                "mattermost-sdk-spec-tool: cannot create {}: {e}",
                dir.display()
            );
            return ExitCode::FAILURE;
        }
    }
    if let Err(e) = std::fs::write(&output, &text) {
        eprintln!(
            "mattermost-sdk-spec-tool: cannot write {}: {e}",
            output.display()
        );
        return ExitCode::FAILURE;
    }
    println!(
        "wrote {} ({} bytes) from {}",
        output.display(),
        text.len(),
        input.display()
    );
    ExitCode::SUCCESS
}
