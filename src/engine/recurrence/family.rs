//! Families of formulas: recurring phrases whose occurrences overlap or nest are one formula
//! written in variants (统筹推进疫情防控和经济社会发展 / 统筹做好疫情防控和经济社会发展工作 /
//! 夺取疫情防控和经济社会发展双胜利). Each place the family stands is one occurrence, spanning
//! the longest form written there, so no two occurrences overlap.

use super::Recurrence;
use crate::engine::types::Span;

/// One place a family stands: the span of the longest form written there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    /// Index into [`Family::variants`].
    pub variant: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Family {
    /// The member phrase standing in most occurrences (the longer on a tie): the formula the
    /// variants share.
    pub name: String,
    /// In text order, non-overlapping.
    pub occurrences: Vec<Occurrence>,
    /// The written forms with their counts, most frequent first.
    pub variants: Vec<(String, usize)>,
    /// The lexicon entry of a member that is a lexicon slogan.
    pub entry_id: Option<String>,
    /// Background dispersion of the name (see [`super::background`]).
    pub background_df: u32,
    /// Whether the document's headline or agenda names a member: the family is what the
    /// document is about, its topic (see [`super::theme`]).
    pub topic: bool,
    /// Whether the evidence says the family is a formula a drafter wants pointed out, not the
    /// document's own subject or a name it reports on ([`super::confidence`]): a family
    /// the model doubts is listed in the inventory without a diagnostic.
    pub confident: bool,
}

/// A formula standing in at least this many background stories (经济社会发展, 高质量发展) is a
/// building block of many formulas, not a variant of the longer ones it stands in: it never
/// joins their family or names it, and only its free-standing occurrences count for it.
pub const BUILDING_BLOCK_DF: u32 = 200;

fn root(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        parent[x] = parent[parent[x]];
        x = parent[x];
    }
    x
}

/// Groups `found` into families, longest phrases first: a phrase with occurrences inside (or
/// across) occurrences of families already formed joins them (merging them when it bridges
/// several), its free-standing occurrences becoming theirs; otherwise it forms its own family.
/// Families standing in fewer than `min_count` places are dropped. `text` is the document. Families
/// come in order of their first occurrence.
pub fn families(text: &str, found: &[Recurrence], min_count: usize) -> Vec<Family> {
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(found[i].phrase.chars().count()),
            std::cmp::Reverse(found[i].spans.len()),
            i,
        )
    });
    // Occurrence spans of every family so far: start -> (end, family). Never overlapping.
    let mut claimed: std::collections::BTreeMap<usize, (usize, usize)> =
        std::collections::BTreeMap::new();
    let mut parent: Vec<usize> = Vec::new();
    let mut members: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let r = &found[i];
        let mut inside: Vec<usize> = Vec::new(); // families hit
        let mut hits = 0usize;
        let mut free: Vec<Span> = Vec::new();
        for s in &r.spans {
            let hit = claimed
                .range(..s.end)
                .next_back()
                .filter(|(_, &(end, _))| end > s.start)
                .map(|(&start, &(end, f))| (start <= s.start && s.end <= end, f));
            match hit {
                // Across a place of another family: the longer form wins, no kinship.
                Some((false, _)) => {}
                Some((true, f)) => {
                    hits += 1;
                    let f = root(&mut parent, f);
                    if !inside.contains(&f) {
                        inside.push(f);
                    }
                }
                None => free.push(s.clone()),
            }
        }
        let building_block = r.background_df >= BUILDING_BLOCK_DF;
        let family = if hits > 0 && !building_block {
            let target = inside[0];
            for &other in &inside[1..] {
                parent[other] = target;
                let moved = std::mem::take(&mut members[other]);
                members[target].extend(moved);
            }
            target
        } else if !free.is_empty() {
            parent.push(parent.len());
            members.push(Vec::new());
            parent.len() - 1
        } else {
            continue;
        };
        members[family].push(i);
        for s in free {
            claimed.insert(s.start, (s.end, family));
        }
    }
    let mut places: std::collections::BTreeMap<usize, Vec<Span>> =
        std::collections::BTreeMap::new();
    for (&start, &(end, f)) in &claimed {
        let f = root(&mut parent, f);
        places.entry(f).or_default().push(start..end);
    }
    let mut out = Vec::with_capacity(places.len());
    for (f, spans) in places {
        if spans.len() < min_count.max(2) {
            continue;
        }
        // The name: the member standing in most occurrences, then the longer, then the first.
        let in_places = |m: usize| {
            spans
                .iter()
                .filter(|p| {
                    found[m]
                        .spans
                        .iter()
                        .any(|s| p.start <= s.start && s.end <= p.end)
                })
                .count()
        };
        let Some(&name_ix) = members[f].iter().max_by(|&&a, &&b| {
            in_places(a)
                .cmp(&in_places(b))
                .then(found[a].phrase.len().cmp(&found[b].phrase.len()))
                .then(b.cmp(&a))
        }) else {
            continue;
        };
        let mut variants: Vec<(String, usize)> = Vec::new();
        let mut occurrences = Vec::with_capacity(spans.len());
        for span in &spans {
            let written = text.get(span.clone()).unwrap_or("");
            let v = match variants.iter().position(|(w, _)| w == written) {
                Some(v) => v,
                None => {
                    variants.push((written.to_string(), 0));
                    variants.len() - 1
                }
            };
            variants[v].1 += 1;
            occurrences.push(Occurrence {
                span: span.clone(),
                variant: v,
            });
        }
        // Most frequent first (stable: first written first on a tie), indices remapped.
        let mut order: Vec<usize> = (0..variants.len()).collect();
        order.sort_by_key(|&v| std::cmp::Reverse(variants[v].1));
        let mut new_index = vec![0; variants.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        for o in &mut occurrences {
            o.variant = new_index[o.variant];
        }
        let variants: Vec<(String, usize)> = order.iter().map(|&v| variants[v].clone()).collect();
        // A written form standing in at least half the places names the family when it is
        // one of its phrases (坚决打赢疫情防控攻坚战 rather than the shared 坚决打赢疫情防控).
        let name_ix = members[f]
            .iter()
            .copied()
            .find(|&m| found[m].phrase == variants[0].0 && 2 * variants[0].1 >= spans.len())
            .unwrap_or(name_ix);
        let entry_id = found[name_ix]
            .entry_id
            .clone()
            .or_else(|| members[f].iter().find_map(|&m| found[m].entry_id.clone()));
        out.push(Family {
            name: found[name_ix].phrase.clone(),
            occurrences,
            variants,
            entry_id,
            background_df: found[name_ix].background_df,
            topic: members[f].iter().any(|&m| found[m].topic),
            confident: true,
        });
    }
    out.sort_by_key(|f| f.occurrences.first().map_or(0, |o| o.span.start));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::engine::recurrence::recurrence_of as rec;

    #[test]
    fn nested_and_overlapping_phrases_are_one_family_without_overlaps() {
        // Seed 003's wording.
        let t = "统筹做好疫情防控和经济社会发展工作。坚决夺取疫情防控和经济社会发展双胜利。\
                 统筹做好疫情防控和经济社会发展工作。疫情防控和经济社会发展。夺取疫情防控和经济社会发展双胜利。";
        let found = vec![
            rec(t, "疫情防控和经济社会发展"),
            rec(t, "统筹做好疫情防控和经济社会发展工作"),
            rec(t, "夺取疫情防控和经济社会发展双胜利"),
        ];
        let f = families(t, &found, 3);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].name, "疫情防控和经济社会发展");
        assert_eq!(f[0].occurrences.len(), 5);
        assert_eq!(
            f[0].variants,
            vec![
                ("统筹做好疫情防控和经济社会发展工作".to_string(), 2),
                ("夺取疫情防控和经济社会发展双胜利".to_string(), 2),
                ("疫情防控和经济社会发展".to_string(), 1),
            ]
        );
        for w in f[0].occurrences.windows(2) {
            assert!(w[0].span.end <= w[1].span.start);
        }
    }

    #[test]
    fn separate_formulas_stay_apart() {
        let t =
            "筑牢疫情防控屏障，坚决打赢疫情防控攻坚战。筑牢疫情防控屏障，坚决打赢疫情防控攻坚战。";
        let f = families(
            t,
            &[rec(t, "筑牢疫情防控屏障"), rec(t, "坚决打赢疫情防控攻坚战")],
            2,
        );
        let names: Vec<&str> = f.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, vec!["筑牢疫情防控屏障", "坚决打赢疫情防控攻坚战"]);
        assert!(families(t, &[], 2).is_empty());
    }
}
