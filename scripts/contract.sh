#!/usr/bin/env bash
# The spec contract run (tests/contract.rs), one command for CI and developers:
#
#   scripts/contract.sh
#
# 1. installs @stoplight/prism-cli into .ci/node (gitignored) unless that version is there;
# 2. picks two free loopback ports and starts `prism proxy --errors` with the repo's copy of the
#    current corrected spec (spec/mattermost-openapi-v4.users.json, made from
#    ../shared/spec/mattermost-openapi-v4.current.corrected.yaml by mattermost-sdk-spec-tool),
#    proxying to the second port;
# 3. runs `cargo test --workspace --test contract -- --ignored` (--workspace: the same feature
#    set, so the same build, as CI's `cargo test --workspace`; --ignored: without Prism a plain
#    `cargo test` shows the test as ignored), which serves the fake server
#    on that second port and sends every implemented operation through Prism, with the
#    reqwest transport and then with hyper. A 422 (our request breaks the spec) or a 500
#    (the fake's answer breaks it) fails the run, with Prism's violations in the output;
# 4. stops Prism, also when the test fails or the script is interrupted.
#
# Needs Node 18+ with npm, and the Rust toolchain. Environment:
#   MATTERMOST_SPEC   another spec file, YAML or JSON (default: spec/mattermost-openapi-v4.users.json)
#   PRISM_LOG         keep Prism's log at this path (default: a temp file, shown on failure)
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

prism_version=5.14.2
spec=${MATTERMOST_SPEC:-$root/spec/mattermost-openapi-v4.users.json}
node_dir=$root/.ci/node
prism=$node_dir/node_modules/.bin/prism

die() {
  echo "contract: $*" >&2
  exit 1
}

[ -f "$spec" ] || die "no spec at $spec (set MATTERMOST_SPEC to a spec file)"
command -v node >/dev/null || die "node is not installed (Node 18+ is needed for Prism)"
command -v npm >/dev/null || die "npm is not installed"

started=$SECONDS
if [ -x "$prism" ] && [ "$("$prism" --version 2>/dev/null)" = "$prism_version" ]; then
  echo "== prism $prism_version already in .ci/node"
else
  echo "== installing @stoplight/prism-cli@$prism_version into .ci/node"
  npm install --prefix "$node_dir" --no-audit --no-fund --loglevel=error \
    "@stoplight/prism-cli@$prism_version"
fi
installed=$SECONDS
echo "   (install: $((installed - started)) s)"

# Build before Prism starts, so it does not sit idle during a compile.
echo "== building the contract test"
cargo test --workspace --test contract --no-run

# Two free loopback ports: Prism's and the fake's.
read -r prism_port fake_port < <(node -e '
  const net = require("net");
  const a = net.createServer().listen(0, "127.0.0.1", () => {
    const b = net.createServer().listen(0, "127.0.0.1", () => {
      console.log(a.address().port, b.address().port);
      a.close(); b.close();
    });
  });')
[ -n "${fake_port:-}" ] || die "could not find free ports"

tmp=$(mktemp -d)
log=${PRISM_LOG:-$tmp/prism.log}
prism_pid=

cleanup() {
  local status=$?
  if [ -n "$prism_pid" ] && kill -0 "$prism_pid" 2>/dev/null; then
    kill "$prism_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
      kill -0 "$prism_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -9 "$prism_pid" 2>/dev/null || true
    wait "$prism_pid" 2>/dev/null || true
  fi
  if [ "$status" -ne 0 ] && [ -s "$log" ]; then
    echo "---- last lines of the Prism log ($log)" >&2
    tail -n 60 "$log" >&2
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

echo "== starting prism proxy on 127.0.0.1:$prism_port -> fake on 127.0.0.1:$fake_port"
"$prism" proxy --errors -h 127.0.0.1 -p "$prism_port" "$spec" "http://127.0.0.1:$fake_port" \
  >"$log" 2>&1 &
prism_pid=$!

# Prism takes a few seconds to read the spec; wait until its port accepts connections.
for i in $(seq 1 600); do
  kill -0 "$prism_pid" 2>/dev/null || die "prism exited while starting"
  if (exec 3<>"/dev/tcp/127.0.0.1/$prism_port") 2>/dev/null; then
    break
  fi
  [ "$i" -lt 600 ] || die "prism did not listen on port $prism_port within 60 s"
  sleep 0.1
done
echo "   (prism up after $((SECONDS - installed)) s)"

echo "== contract test (reqwest, then hyper)"
MATTERMOST_CONTRACT_PRISM_URL="http://127.0.0.1:$prism_port" \
  MATTERMOST_CONTRACT_FAKE_ADDR="127.0.0.1:$fake_port" \
  cargo test --workspace --test contract -- --ignored --nocapture
kill -0 "$prism_pid" 2>/dev/null || die "prism exited during the run"
echo "== contract passed (total $((SECONDS - started)) s)"
