//! Suffix array (prefix doubling with radix sort, O(n log n)), LCP array (Kasai, O(n)) and
//! the bottom-up traversal of LCP intervals, over a sequence of integer symbols.
//!
//! Every LCP interval `[lb, rb]` with value `lcp > 0` is an internal node of the suffix tree:
//! the `lcp`-symbol prefix shared by suffixes `sa[lb..=rb]` is a right-maximal repeat
//! occurring `rb - lb + 1` times.

/// The suffix array of `s`; symbols must be `< alphabet`.
///
/// Memory: three `u32` buffers of `n` and one of counts, reused across rounds.
pub fn suffix_array(s: &[u32], alphabet: usize) -> Vec<u32> {
    let n = s.len();
    if n == 0 {
        return Vec::new();
    }
    let mut sa: Vec<u32> = (0..n as u32).collect();
    let mut rank: Vec<u32> = s.to_vec();
    let mut tmp = vec![0u32; n];
    // Counts never exceed `n`, which fits in `u32` since positions do.
    let mut count = vec![0u32; alphabet.max(n) + 1];

    // Initial order by the first symbol.
    tmp.copy_from_slice(&sa);
    counting_sort(&tmp, &rank, &mut count, alphabet, &mut sa);
    // Re-rank densely.
    let mut classes = rerank(&sa, &rank, 0, &mut tmp);
    std::mem::swap(&mut rank, &mut tmp);

    let mut k = 1usize;
    while classes < n && k < n {
        // Order by the second key (rank[i + k], with "past the end" smallest): suffixes whose
        // second half is empty come first, then the others in the current order of i + k.
        let second = &mut tmp;
        let mut w = 0;
        for i in n - k..n {
            second[w] = i as u32;
            w += 1;
        }
        for &p in sa.iter() {
            if p as usize >= k {
                second[w] = p - k as u32;
                w += 1;
            }
        }
        // Stable sort by the first key.
        counting_sort(second, &rank, &mut count, classes, &mut sa);
        classes = rerank(&sa, &rank, k, &mut tmp);
        std::mem::swap(&mut rank, &mut tmp);
        k *= 2;
    }
    sa
}

/// Stable counting sort of `from` by `key[from[i]]` into `to`, keys `< alphabet`.
fn counting_sort(from: &[u32], key: &[u32], count: &mut [u32], alphabet: usize, to: &mut [u32]) {
    let count = &mut count[..alphabet + 1];
    count.iter_mut().for_each(|c| *c = 0);
    for &p in from {
        count[key[p as usize] as usize + 1] += 1;
    }
    for i in 1..count.len() {
        count[i] += count[i - 1];
    }
    for &p in from {
        let slot = &mut count[key[p as usize] as usize];
        to[*slot as usize] = p;
        *slot += 1;
    }
}

/// New dense ranks (written to `out`) for suffixes sorted by `(rank[i], rank[i + k])`;
/// returns the number of classes. With `k == 0` only the first key counts.
fn rerank(sa: &[u32], rank: &[u32], k: usize, out: &mut [u32]) -> usize {
    let n = sa.len();
    let key = |p: usize| {
        let second = if k == 0 {
            0
        } else if p + k < n {
            rank[p + k] as i64
        } else {
            -1
        };
        (rank[p], second)
    };
    let mut class = 0u32;
    out[sa[0] as usize] = 0;
    for w in 1..n {
        if key(sa[w] as usize) != key(sa[w - 1] as usize) {
            class += 1;
        }
        out[sa[w] as usize] = class;
    }
    class as usize + 1
}

/// `lcp[i]` = length of the longest common prefix of suffixes `sa[i - 1]` and `sa[i]`;
/// `lcp[0] = 0`.
pub fn lcp_array(s: &[u32], sa: &[u32]) -> Vec<u32> {
    let n = s.len();
    let mut rank = vec![0u32; n];
    for (i, &p) in sa.iter().enumerate() {
        rank[p as usize] = i as u32;
    }
    let mut lcp = vec![0u32; n];
    let mut h = 0usize;
    for p in 0..n {
        let r = rank[p] as usize;
        if r == 0 {
            h = 0;
            continue;
        }
        let q = sa[r - 1] as usize;
        while p + h < n && q + h < n && s[p + h] == s[q + h] {
            h += 1;
        }
        lcp[r] = h as u32;
        h = h.saturating_sub(1);
    }
    lcp
}

/// Calls `visit(lcp, lb, rb, state)` for every LCP interval with `lcp > 0`, children before
/// parents, where `state` folds `leaf(i)` (a value for suffix `sa[i]`) over the interval's
/// suffixes with `merge`, bottom-up: O(n) merges in all, whatever the nesting.
pub fn lcp_intervals<S: Copy>(
    lcp: &[u32],
    leaf: impl Fn(usize) -> S,
    merge: impl Fn(S, S) -> S,
    mut visit: impl FnMut(usize, usize, usize, S),
) {
    let n = lcp.len();
    if n == 0 {
        return;
    }
    // (lcp, lb, state so far); the bottom entry is the root (lcp 0), never visited.
    let mut stack: Vec<(u32, usize, Option<S>)> = vec![(0, 0, None)];
    let fold = |a: Option<S>, b: S| Some(a.map_or(b, |a| merge(a, b)));
    for i in 1..=n {
        let l = lcp.get(i).copied().unwrap_or(0);
        let mut last = leaf(i - 1);
        let mut lb = i - 1;
        while let Some(&(top_lcp, top_lb, top_state)) = stack.last() {
            if l >= top_lcp {
                break;
            }
            stack.pop();
            let state = fold(top_state, last).unwrap_or(last);
            visit(top_lcp as usize, top_lb, i - 1, state);
            last = state;
            lb = top_lb;
        }
        match stack.last_mut() {
            Some(top) if l == top.0 => top.2 = fold(top.2, last),
            _ => stack.push((l, lb, Some(last))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive_sa(s: &[u32]) -> Vec<u32> {
        let mut sa: Vec<u32> = (0..s.len() as u32).collect();
        sa.sort_by(|&a, &b| s[a as usize..].cmp(&s[b as usize..]));
        sa
    }

    #[test]
    fn matches_naive_construction() {
        let cases: Vec<Vec<u32>> = vec![
            vec![],
            vec![0],
            vec![1, 0, 1, 0, 1, 0],
            vec![2, 2, 2, 2, 2, 2, 2],
            vec![
                3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8, 9, 7, 9, 3, 2, 3, 8, 4, 6,
            ],
        ];
        for s in cases {
            let sa = suffix_array(&s, 10);
            assert_eq!(sa, naive_sa(&s), "{s:?}");
            let lcp = lcp_array(&s, &sa);
            for i in 1..s.len() {
                let a = &s[sa[i - 1] as usize..];
                let b = &s[sa[i] as usize..];
                let h = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                assert_eq!(lcp[i] as usize, h);
            }
        }
    }

    /// `len` symbols below `alpha` from a linear congruential generator in state `x`.
    fn pseudo_random(x: &mut u64, len: usize, alpha: u32) -> Vec<u32> {
        (0..len)
            .map(|_| {
                *x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((*x >> 33) % alpha as u64) as u32
            })
            .collect()
    }

    #[test]
    fn pseudo_random_sequences_match_naive() {
        let mut x: u64 = 12345;
        for len in [5usize, 17, 64, 300] {
            for alpha in [2u32, 3, 7] {
                let s = pseudo_random(&mut x, len, alpha);
                assert_eq!(suffix_array(&s, alpha as usize), naive_sa(&s));
            }
        }
    }

    #[test]
    fn intervals_of_a_small_string() {
        // "abab": "ab" twice (lcp 2), "b" twice (lcp 1).
        let s = [0, 1, 0, 1];
        let sa = suffix_array(&s, 2);
        let lcp = lcp_array(&s, &sa);
        let mut found = Vec::new();
        lcp_intervals(
            &lcp,
            |_| (),
            |_, _| (),
            |l, lb, rb, _| {
                let mut occ: Vec<u32> = sa[lb..=rb].to_vec();
                occ.sort();
                found.push((l, occ));
            },
        );
        found.sort();
        assert_eq!(found, vec![(1, vec![1, 3]), (2, vec![0, 2])]);
    }

    #[test]
    fn folded_state_matches_a_direct_computation() {
        // Fold the set of left symbols (as a bit mask) and compare with each interval's
        // suffixes, on pseudo-random sequences.
        let mut x: u64 = 99;
        for len in [10usize, 50, 200] {
            let s = pseudo_random(&mut x, len, 3);
            let sa = suffix_array(&s, 3);
            let lcp = lcp_array(&s, &sa);
            let left = |p: usize| if p == 0 { 1u32 << 3 } else { 1 << s[p - 1] };
            let mut n = 0;
            lcp_intervals(
                &lcp,
                |i| left(sa[i] as usize),
                |a, b| a | b,
                |_, lb, rb, mask| {
                    let direct = sa[lb..=rb].iter().fold(0, |m, &p| m | left(p as usize));
                    assert_eq!(mask, direct);
                    n += 1;
                },
            );
            assert!(n > 0);
        }
    }
}
