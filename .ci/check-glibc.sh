#!/usr/bin/env bash
# Fails unless the ELF binary $1 needs no GLIBC symbol version above $2 (or is static),
# has no packed relative relocations (DT_RELR needs glibc 2.36; build.rs adds them to native
# builds only), and has no symbol table left (stripped).
#   bash .ci/check-glibc.sh target/x86_64-unknown-linux-gnu/release/policy-lsp 2.17
set -euo pipefail
bin="$1"
max="$2"
if ! readelf -d "$bin" | grep -q NEEDED; then
  echo "glibc: $bin is static"
else
  highest="$(readelf -V --wide "$bin" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/^GLIBC_//' | sort -V | tail -1)"
  if [[ -z "$highest" ]]; then
    echo "glibc: $bin needs no versioned glibc symbol"
  elif [[ "$(printf '%s\n%s\n' "$highest" "$max" | sort -V | tail -1)" != "$max" ]]; then
    echo "glibc: $bin needs GLIBC_$highest, above the $max baseline" >&2
    exit 1
  else
    echo "glibc: $bin needs at most GLIBC_$highest (baseline $max)"
  fi
fi
if readelf -d "$bin" | grep -q '(RELR)'; then
  echo "glibc: $bin has packed relative relocations (DT_RELR), which glibc before 2.36 cannot load" >&2
  exit 1
fi
if readelf -S "$bin" | grep -q '\.symtab'; then
  echo "strip: $bin still has a symbol table" >&2
  exit 1
fi
echo "size: $(( $(stat -c %s "$bin") / 1024 )) KiB, stripped"
