#!/usr/bin/env bash
# Installs the pinned code-server (see code-server/package.json) into a cache
# directory, offline except for the npm registry:
#  * native modules (argon2, node-pty, kerberos, spdlog, ...) build from source,
#    so build-essential, pkg-config, libkrb5-dev, libxkbfile-dev, libsecret-1-dev
#    must be installed (the CI script does that);
#  * @vscode/ripgrep's postinstall would download rg from GitHub: we seed its
#    download cache with a tarball of Debian's /usr/bin/rg instead.
# Prints the path of the code-server launcher on its last line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
dest="${CODE_SERVER_DIR:-$root/.ci-cache/code-server-4.100.3}"
launcher="$dest/node_modules/code-server/out/node/entry.js"
stamp="$dest/.installed"

if [[ -f "$stamp" ]] && cmp -s "$stamp" "$here/code-server/package-lock.json" && [[ -f "$launcher" ]]; then
  echo "code-server already installed in $dest" >&2
  echo "$launcher"
  exit 0
fi

command -v rg >/dev/null || { echo "install-code-server: ripgrep (Debian package 'ripgrep') is required" >&2; exit 1; }
rm -rf "$dest"
mkdir -p "$dest/tmp"
cp "$here/code-server/package.json" "$here/code-server/package-lock.json" "$dest/"

# Seed @vscode/ripgrep's download cache for every version code-server pins.
tarball_dir="$dest/tmp/rg-pack"
mkdir -p "$tarball_dir"
cp "$(command -v rg)" "$tarball_dir/rg"
cs_tgz="$(cd "$dest/tmp" && npm pack --silent code-server@4.100.3 | tail -1)"
[[ -f "$dest/tmp/$cs_tgz" ]] || { echo "install-code-server: npm pack code-server failed" >&2; exit 1; }
rg_versions="$(tar xzOf "$dest/tmp/$cs_tgz" package/lib/vscode/npm-shrinkwrap.json \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const p=JSON.parse(s).packages;for(const k in p)if(k.endsWith("node_modules/@vscode/ripgrep"))console.log(p[k].version)})' \
  | sort -u)"
[[ -n "$rg_versions" ]] || { echo "install-code-server: no @vscode/ripgrep in code-server's shrinkwrap" >&2; exit 1; }
for v in $rg_versions; do
  mkdir -p "$dest/tmp/vscode-ripgrep-cache-$v"
  for target in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
    for rgv in v13.0.0-10 v13.0.0-4; do
      tar czf "$dest/tmp/vscode-ripgrep-cache-$v/ripgrep-$rgv-$target.tar.gz" -C "$tarball_dir" rg
    done
  done
done
rm -f "$dest"/tmp/code-server-*.tgz

(
  cd "$dest"
  export TMPDIR="$dest/tmp"
  export npm_config_dangerously_allow_all_scripts=true   # nested installs in lib/vscode need their scripts
  export npm_config_unsafe_perm=true
  export npm_config_yes=true                               # node-pty's build asks npx questions
  export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
  npm ci --no-audit --no-fund >&2
)
# Make sure code-server's ripgrep is Debian's (whatever the postinstall did).
find "$dest/node_modules/code-server/lib/vscode/node_modules/@vscode" -path '*/ripgrep/bin/rg' -exec cp "$(command -v rg)" {} \; 2>/dev/null || true
[[ -f "$launcher" ]] || { echo "install-code-server: $launcher missing after install" >&2; exit 1; }
cp "$here/code-server/package-lock.json" "$stamp"
echo "$launcher"
