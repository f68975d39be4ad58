//! Hover over a slogan: its term, full formulation, numbered components in canonical order,
//! summary, first proposal, source, an "unsure" marker and how often the document uses it.
//! Over an unknown numbered slogan (“三个以案”): a note that the lexicon lacks it.

use super::config::{Config, Locale};
use super::lexicon::{occurrences, unknown_numbered_slogans, Confidence, Entry, Lexicon, NameKind};
use super::types::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HoverInfo {
    pub range: Span,
    pub markdown: String,
}

/// What is under the cursor at byte `offset`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A use of a lexicon entry (name or enumeration); the innermost one.
    Slogan { range: Span, entry_id: String },
    /// A numbered slogan the lexicon does not know.
    Unknown { range: Span, text: String },
}

fn contains(r: &Span, offset: usize) -> bool {
    r.start <= offset && offset < r.end
}

/// The slogan or unknown numbered slogan at `offset` (a cursor right after one counts).
pub fn target_at(text: &str, offset: usize, lexicon: &Lexicon) -> Option<Target> {
    let occ = occurrences(text, lexicon);
    let pick = |at: usize| {
        occ.iter()
            .filter(|o| contains(&o.range, at))
            .min_by_key(|o| o.range.len())
            .cloned()
    };
    let found = pick(offset).or_else(|| offset.checked_sub(1).and_then(pick));
    if let Some(o) = found {
        return Some(Target::Slogan {
            range: o.range,
            entry_id: o.entry_id,
        });
    }
    unknown_numbered_slogans(text, lexicon)
        .into_iter()
        .find(|u| contains(&u.range, offset) || (offset > 0 && contains(&u.range, offset - 1)))
        .map(|u| Target::Unknown {
            range: u.range,
            text: u.text,
        })
}

/// Markdown for one entry; `uses` is how many times the document uses it.
pub fn entry_markdown(entry: &Entry, locale: Locale, uses: Option<usize>) -> String {
    let en = locale == Locale::En;
    let mut md = format!("**{}**", entry.term);
    if !entry.aliases.is_empty() {
        let sep = if en { ", " } else { "、" };
        md.push_str(&format!(
            " ({}{})",
            if en { "also " } else { "又作" },
            entry.aliases.join(sep)
        ));
    }
    if entry.confidence == Confidence::Unsure {
        md.push_str(if en {
            " ⚠ *unsure*"
        } else {
            " ⚠ *待核实*"
        });
    }
    md.push_str("\n\n");
    if entry.full != entry.term {
        md.push_str(&format!("> {}\n\n", entry.full));
    }
    for (i, c) in entry.components.iter().enumerate() {
        md.push_str(&format!("{}. {c}\n", i + 1));
    }
    if !entry.components.is_empty() {
        md.push('\n');
    }
    let summary = match (&entry.summary_en, en) {
        (Some(s), true) if !s.is_empty() => s.as_str(),
        _ => entry.summary.as_str(),
    };
    if !summary.is_empty() {
        md.push_str(summary);
        md.push_str("\n\n");
    }
    let mut facts: Vec<String> = Vec::new();
    if !entry.origin.date.is_empty() || !entry.origin.occasion.is_empty() {
        facts.push(format!(
            "{}{}{}{}",
            if en {
                "First proposed: "
            } else {
                "首次提出："
            },
            entry.origin.date,
            if en { ", " } else { "，" },
            entry.origin.occasion
        ));
    }
    if !entry.source.is_empty() {
        facts.push(format!(
            "{}[{}]({})",
            if en { "Source: " } else { "出处：" },
            entry.source,
            entry.source
        ));
    }
    if let Some(region) = &entry.region {
        facts.push(format!(
            "{}{region}",
            if en { "Region: " } else { "地区：" }
        ));
    }
    if entry.confidence == Confidence::Unsure {
        let note = entry.note.as_deref().unwrap_or("");
        facts.push(if en {
            format!("⚠ Unsure: not fully verified. {note}")
        } else {
            format!("⚠ 待核实：{note}")
        });
    } else if let Some(note) = &entry.note {
        facts.push(format!("{}{note}", if en { "Note: " } else { "说明：" }));
    }
    if let Some(n) = uses {
        facts.push(if en {
            format!(
                "Used {n} time{} in this document",
                if n == 1 { "" } else { "s" }
            )
        } else {
            format!("本文使用 {n} 次")
        });
    }
    for f in facts {
        md.push_str(&format!("- {f}\n"));
    }
    md.trim_end().to_string()
}

/// The hover at byte `offset` of `text`, or `None` when there is no slogan there.
pub fn hover_at(text: &str, offset: usize, config: &Config) -> Option<HoverInfo> {
    let lex = &config.lexicon;
    let en = config.locale == Locale::En;
    match target_at(text, offset.min(text.len()), lex)? {
        Target::Slogan { range, entry_id } => {
            let entry = lex.get(&entry_id)?;
            let uses = occurrences(text, lex)
                .iter()
                .filter(|o| o.entry_id == entry_id)
                .count();
            let mut markdown = entry_markdown(entry, config.locale, Some(uses));
            // Written as a variant: say which.
            let variant = lex.scan(text).names.iter().find_map(|h| match h.kind {
                NameKind::VariantForm(v)
                    if h.range == range && h.entry == index_of(lex, &entry_id)? =>
                {
                    entry.variants.get(v)
                }
                _ => None,
            });
            if let Some(v) = variant {
                let status = serde_json::to_value(v.status)
                    .ok()
                    .and_then(|s| s.as_str().map(str::to_string))
                    .unwrap_or_default();
                markdown.push_str(&if en {
                    format!("\n\n*Written here as a variant ({status}).*")
                } else {
                    format!("\n\n*此处为变体写法（{status}）。*")
                });
            }
            Some(HoverInfo { range, markdown })
        }
        Target::Unknown { range, text: term } => Some(HoverInfo {
            range,
            markdown: if en {
                format!("**{term}** is not in the slogan lexicon.\n\nUse the code action *Add to workspace lexicon* to add it to `.policy-lsp/lexicon.json`.")
            } else {
                format!("**{term}** 不在提法词库中。\n\n可用代码操作“加入工作区词库”把它添加到 `.policy-lsp/lexicon.json`。")
            },
        }),
    }
}

fn index_of(lex: &Lexicon, id: &str) -> Option<usize> {
    lex.entries().iter().position(|e| e.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::test_config;

    const SEED_000: &str = include_str!("../../seeds/000_aeb186bd1e0d189c.txt");

    #[test]
    fn seed_000_four_consciousnesses() {
        let at = SEED_000.find("四个意识").unwrap() + 3;
        let h = hover_at(SEED_000, at, &test_config()).unwrap();
        assert_eq!(&SEED_000[h.range.clone()], "四个意识");
        let md = &h.markdown;
        let pos: Vec<usize> = ["1. 政治意识", "2. 大局意识", "3. 核心意识", "4. 看齐意识"]
            .iter()
            .map(|s| md.find(s).unwrap_or_else(|| panic!("{s} in {md}")))
            .collect();
        assert!(pos.windows(2).all(|w| w[0] < w[1]), "{md}");
        assert!(
            md.contains("2016-01-29") && md.contains("中央政治局会议"),
            "{md}"
        );
        assert!(md.contains("http://qstheory.cn/"), "{md}");
        assert!(md.contains("本文使用 1 次"), "{md}");
    }

    #[test]
    fn spelled_out_enumeration_unsure_marker_and_english() {
        let at = SEED_000.find("集中专家").unwrap();
        let h = hover_at(SEED_000, at, &test_config()).unwrap();
        assert!(h.markdown.starts_with("**四集中**"), "{}", h.markdown);
        let t = "做到“两个维护”";
        let h = hover_at(t, t.find("维护").unwrap(), &test_config()).unwrap();
        assert!(h.markdown.contains("待核实"), "{}", h.markdown);
        let cfg = crate::engine::Config {
            locale: Locale::En,
            ..test_config()
        };
        let h = hover_at(t, t.find("维护").unwrap(), &cfg).unwrap();
        assert!(
            h.markdown.contains("Unsure") && h.markdown.contains("Used 1 time"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn garbled_form_and_unknown_numbered_slogan() {
        let t = "在以同志为核心的党中央坚强领导下";
        let h = hover_at(t, t.find("同志").unwrap(), &test_config()).unwrap();
        assert!(
            h.markdown.contains("以习近平同志为核心的党中央") && h.markdown.contains("garbled")
        );
        let t = "坚持十六字方针,完善防止返贫机制";
        let h = hover_at(t, t.find("六字").unwrap(), &test_config()).unwrap();
        assert_eq!(&t[h.range.clone()], "十六字方针");
        assert!(h.markdown.contains("不在提法词库中"));
        assert!(hover_at(t, t.find("完善").unwrap(), &test_config()).is_none());
        assert!(hover_at("", 0, &test_config()).is_none());
        assert!(hover_at("四个意识", 99, &test_config()).is_some());
    }
}
