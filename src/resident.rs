//! Handing back the pages of embedded data that was only needed once.
//!
//! The segmenter's word list (4.7 MB) and the built-in lexicon's JSON are compiled into the
//! binary. Setting them up reads every byte, so every page becomes resident and stays
//! counted in the server's memory for the whole session, though afterwards the segmenter
//! only looks up the lines of words it meets and the lexicon is never read again.
//! `MADV_PAGEOUT` (Linux 5.4+) asks the kernel to reclaim those pages; the content is
//! kept either way (clean file-backed pages are simply read back from the binary if they are
//! touched again), so the hint is safe on any mapping. Elsewhere, or on an older kernel, it
//! does nothing.

/// Asks the kernel to reclaim the whole pages inside `data` (see the module doc).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
pub fn release(data: &'static [u8]) {
    const PAGE: usize = 4096;
    let start = (data.as_ptr() as usize).div_ceil(PAGE) * PAGE;
    let end = (data.as_ptr() as usize + data.len()) / PAGE * PAGE;
    if end <= start {
        return;
    }
    // SAFETY: the range lies inside `data`, a static that lives as long as the process, and
    // MADV_PAGEOUT keeps the content of the pages it reclaims; it changes no memory.
    unsafe {
        libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_PAGEOUT);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
pub fn release(_data: &'static [u8]) {}

#[cfg(test)]
mod tests {
    /// Several pages of embedded text, so the hint covers whole pages inside it.
    static DATA: &str = include_str!("../data/formulas/background.tsv");

    /// The pages handed back still read the same (the hint never changes memory), twice over.
    #[test]
    fn released_data_reads_the_same() {
        let before: u64 = DATA.bytes().map(u64::from).sum();
        let lines = DATA.lines().count();
        assert!(DATA.len() > 3 * 4096);
        for _ in 0..2 {
            super::release(DATA.as_bytes());
            assert_eq!(DATA.bytes().map(u64::from).sum::<u64>(), before);
            assert_eq!(DATA.lines().count(), lines);
        }
    }
}
