//! A bounded, process-wide cache of results keyed by content, shared by every document and
//! thread, so that an edit recomputes only what it changed.
//!
//! Two generations approximate LRU without bookkeeping per hit: hits move to `young`; when
//! `young` reaches its budget, `old` is dropped and `young` becomes `old`. Anything used by
//! the last analysis of a document therefore survives at least one more rotation, and the
//! whole cache never holds more than two budgets.
//!
//! Entries are found by a 64-bit hash and then confirmed against their full key, so a hash
//! collision costs a comparison, never a wrong result. Callers hash with [`ContentHasher`],
//! which reads eight bytes at a time: a megabyte of keys hashes in a few tens of
//! microseconds, where SipHash would take most of a millisecond.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A fast, non-cryptographic hasher for content keys. Inputs are not adversarial here (a
/// collision only costs a key comparison), so speed wins over flooding resistance.
#[derive(Default, Clone, Copy)]
pub struct ContentHasher {
    h: u64,
}

const MUL: u64 = 0x9E37_79B9_7F4A_7C15;

impl ContentHasher {
    fn mix(&mut self, word: u64) {
        self.h = (self.h.rotate_left(23) ^ word).wrapping_mul(MUL);
    }
}

impl Hasher for ContentHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Four independent lanes over 32-byte blocks: the multiplications overlap instead of
        // waiting on each other, which makes long keys about four times faster.
        let word = |c: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            u64::from_le_bytes(w)
        };
        let mut blocks = bytes.chunks_exact(32);
        let mut lanes = [self.h, self.h ^ 1, self.h ^ 2, self.h ^ 3];
        for b in &mut blocks {
            for (k, lane) in lanes.iter_mut().enumerate() {
                *lane = (lane.rotate_left(23) ^ word(&b[8 * k..8 * k + 8])).wrapping_mul(MUL);
            }
        }
        for lane in lanes {
            self.mix(lane);
        }
        let mut chunks = blocks.remainder().chunks_exact(8);
        for c in &mut chunks {
            self.mix(word(c));
        }
        let rest = chunks.remainder();
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        // The length tells "ab" from "ab\0".
        self.mix(u64::from_le_bytes(w) ^ ((bytes.len() as u64) << 56));
    }

    fn write_u64(&mut self, n: u64) {
        self.mix(n);
    }

    fn finish(&self) -> u64 {
        // A last avalanche so the low bits (which pick the bucket) depend on every input bit.
        let mut x = self.h;
        x ^= x >> 33;
        x = x.wrapping_mul(0xFF51_AFD7_ED55_8CCD);
        x ^= x >> 33;
        x
    }
}

/// The hash of `bytes` followed by `extra` (a caller's context word).
pub fn content_hash(bytes: &[u8], extra: u64) -> u64 {
    let mut h = ContentHasher::default();
    h.write(bytes);
    h.write_u64(extra);
    h.finish()
}

/// The map type of one generation: already-hashed keys, so the map's own hasher passes them
/// through.
type Generation<K, V> = HashMap<u64, Vec<(K, V)>, BuildHasherDefault<PassThrough>>;

/// A map keyed by [`content_hash`]es, which it uses as they are.
pub(crate) type HashedMap<V> = HashMap<u64, V, BuildHasherDefault<PassThrough>>;

#[derive(Default)]
pub(crate) struct PassThrough(u64);

impl Hasher for PassThrough {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// The two-generation cache. `cost` of an entry (e.g. its key's length plus an estimate of
/// its value's size) counts against `budget` per generation.
pub struct TwoGenCache<K, V> {
    young: Generation<K, V>,
    old: Generation<K, V>,
    young_cost: usize,
    budget: usize,
}

impl<K, V: Clone> TwoGenCache<K, V> {
    pub fn new(budget: usize) -> Self {
        TwoGenCache {
            young: Generation::default(),
            old: Generation::default(),
            young_cost: 0,
            budget,
        }
    }

    /// The value stored under `hash` whose key satisfies `is_key`, promoted to the young
    /// generation if it was old. `cost` is the entry's cost, as given to `insert`.
    pub fn get(
        &mut self,
        hash: u64,
        is_key: impl Fn(&K) -> bool,
        cost: impl Fn(&K, &V) -> usize,
    ) -> Option<V> {
        if let Some(bucket) = self.young.get(&hash) {
            if let Some((_, v)) = bucket.iter().find(|(k, _)| is_key(k)) {
                return Some(v.clone());
            }
        }
        let bucket = self.old.get_mut(&hash)?;
        let at = bucket.iter().position(|(k, _)| is_key(k))?;
        let (k, v) = bucket.swap_remove(at);
        if bucket.is_empty() {
            self.old.remove(&hash);
        }
        let c = cost(&k, &v);
        self.insert_young(hash, k, v.clone(), c);
        Some(v)
    }

    /// Stores `value` under `key` (hashed as `hash`), counting `cost` against the budget.
    pub fn insert(&mut self, hash: u64, key: K, value: V, cost: usize) {
        self.insert_young(hash, key, value, cost);
    }

    fn insert_young(&mut self, hash: u64, key: K, value: V, cost: usize) {
        if self.young_cost + cost > self.budget && !self.young.is_empty() {
            self.old = std::mem::take(&mut self.young);
            self.young_cost = 0;
        }
        self.young_cost += cost;
        self.young.entry(hash).or_default().push((key, value));
    }

    /// Entries held, both generations.
    pub fn len(&self) -> usize {
        self.young
            .values()
            .chain(self.old.values())
            .map(Vec::len)
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.young.is_empty() && self.old.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key_is(s: &'static str) -> impl Fn(&&str) -> bool {
        move |k: &&str| *k == s
    }

    fn cost(k: &&str, _: &u32) -> usize {
        k.len()
    }

    #[test]
    fn collisions_are_told_apart_by_the_key() {
        let mut c: TwoGenCache<&'static str, u32> = TwoGenCache::new(100);
        c.insert(7, "甲", 1, 3);
        c.insert(7, "乙", 2, 3);
        assert_eq!(c.get(7, key_is("甲"), cost), Some(1));
        assert_eq!(c.get(7, key_is("乙"), cost), Some(2));
        assert_eq!(c.get(7, key_is("丙"), cost), None);
        assert_eq!(c.get(8, key_is("甲"), cost), None);
    }

    #[test]
    fn recently_used_entries_survive_a_rotation_and_the_rest_go() {
        let mut c: TwoGenCache<&'static str, u32> = TwoGenCache::new(10);
        c.insert(1, "aaaa", 1, 4);
        c.insert(2, "bbbb", 2, 4);
        // Over budget: young (a, b) becomes old.
        c.insert(3, "cccc", 3, 4);
        assert_eq!(c.get(1, key_is("aaaa"), cost), Some(1)); // promoted
        c.insert(4, "dddd", 4, 4); // rotates again: b is dropped
        assert_eq!(c.get(2, key_is("bbbb"), cost), None);
        assert_eq!(c.get(1, key_is("aaaa"), cost), Some(1));
        assert!(c.len() <= 4);
    }

    #[test]
    fn hashes_differ_on_content_length_and_context() {
        assert_ne!(content_hash(b"ab", 0), content_hash(b"ab\0", 0));
        assert_ne!(content_hash(b"ab", 0), content_hash(b"ab", 1));
        assert_ne!(
            content_hash("会议指出".as_bytes(), 0),
            content_hash("会议强调".as_bytes(), 0)
        );
        assert_eq!(content_hash(b"", 5), content_hash(b"", 5));
    }
}
