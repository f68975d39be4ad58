//! policy-lsp: a language server for drafting Chinese official texts.
//!
//! - [`engine`]: pure analysis of `&str` into diagnostics, outline and slogan occurrences.
//! - [`server`]: the LSP layer (tower-lsp), the only place that knows positions and encodings.
//! - [`cli`]: `policy-lsp check|outline|explain|lexicon|rules`, rendering engine output.
//! - [`userfile`]: reading a file a user or a repository names (regular files only, size cap).
//! - [`encoding`]: decoding user files (BOM, UTF-8, GB18030/GBK, UTF-16) and writing them back.
//! - [`resident`]: handing back the pages of embedded data read once at start-up.

pub mod cli;
pub mod encoding;
pub mod engine;
pub mod resident;
pub mod seeds;
pub mod server;
pub mod userfile;

/// glibc gives each thread that allocates concurrently its own arena (up to 8 per core) and
/// keeps freed memory in each, and raises its mmap threshold after large frees so later large
/// buffers come from those arenas too. The server analyses on tokio's blocking pool, where
/// successive analyses land on different threads: a 1 MB document left several arenas each
/// holding an analysis' worth of freed memory. One arena, a fixed mmap threshold (large
/// buffers go back to the system when freed) and an eager trim keep the resident size close
/// to what is live. Call it first, before any thread exists (`main`, and examples that
/// measure memory the way the server uses it).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn tune_malloc() {
    // SAFETY: mallopt only sets allocator parameters; no other thread is running yet.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 * 1024);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 128 * 1024);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn tune_malloc() {}
