//! Links the binaries with packed relative relocations (DT_RELR) when that is safe.
//!
//! A position-independent executable carries one 24-byte relocation entry for every pointer
//! in its data (vtables, string tables, panic locations): 1.2 MB for this server, read once at
//! start-up and resident for the rest of the session. `-z pack-relative-relocs` stores the same
//! relocations as a bitmap (19 KB). The loader must understand DT_RELR (glibc 2.36 or later),
//! so the flag is added only for a native build on such a glibc with the default linker:
//! never when cross-linking (the portable server built by `.ci/portable-server.sh` with
//! cargo-zigbuild targets glibc 2.17 and sets its own linker), and never off Linux/glibc.
//! `POLICY_LSP_NO_RELR=1` turns it off.

use std::env;
use std::process::Command;

fn glibc_version() -> Option<(u32, u32)> {
    let out = Command::new("getconf")
        .arg("GNU_LIBC_VERSION")
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let version = text.trim().strip_prefix("glibc ")?;
    let mut parts = version.split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=POLICY_LSP_NO_RELR");
    println!("cargo:rerun-if-env-changed=RUSTC_LINKER");
    let var = |k: &str| env::var(k).unwrap_or_default();
    let native = var("TARGET") == var("HOST");
    let linux_gnu = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    let default_linker = env::var_os("RUSTC_LINKER").is_none();
    let opted_out = env::var_os("POLICY_LSP_NO_RELR").is_some();
    if native
        && linux_gnu
        && default_linker
        && !opted_out
        && glibc_version().is_some_and(|v| v >= (2, 36))
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
