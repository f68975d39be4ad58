//! Across documents (in progress).
