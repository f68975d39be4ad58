#!/usr/bin/env bash
# Builds the Linux x86-64 server that the .vsix bundles: stripped, and linked against the
# glibc 2.17 symbol versions (CentOS 7, Debian 8, Ubuntu 14.04 and everything newer), with
# cargo-zigbuild and zig, both installed from PyPI into a venv under the cache. Then checks
# the highest GLIBC symbol version the binary needs. Prints the binary's path last.
#
#   bash .ci/portable-server.sh
#
# Environment: EDITORS_CACHE (default <repo>/.ci-cache), where the venv lives.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cache="${EDITORS_CACHE:-$root/.ci-cache}"
venv="$cache/zig-venv"
zigbuild_version=0.24.1
zig_version=0.17.1
glibc_max=2.17
target=x86_64-unknown-linux-gnu

log() { echo "[portable-server] $*" >&2; }

if ! "$venv/bin/cargo-zigbuild" --version 2>/dev/null | grep -q "$zigbuild_version" \
  || ! "$venv/bin/python" -c "import ziglang" 2>/dev/null; then
  log "installing cargo-zigbuild $zigbuild_version and ziglang $zig_version (PyPI) into $venv"
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check \
    "cargo-zigbuild==$zigbuild_version" "ziglang==$zig_version"
fi

log "cargo zigbuild --release --target $target.$glibc_max (stripped)"
# cargo-zigbuild finds zig through the venv's python (the ziglang package).
PATH="$venv/bin:$PATH" CARGO_PROFILE_RELEASE_STRIP=symbols \
  cargo zigbuild --release --quiet --target "$target.$glibc_max" >&2
bin="${CARGO_TARGET_DIR:-$root/target}/$target/release/policy-lsp"
[[ -x "$bin" ]] || { log "no binary at $bin"; exit 1; }

bash "$root/.ci/check-glibc.sh" "$bin" "$glibc_max" >&2
echo "$bin"
