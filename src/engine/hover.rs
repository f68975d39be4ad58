//! Hover over a slogan: a reference card (term, full formulation, numbered components in
//! canonical order, definition, period and successor, first proposal, source with its address
//! decoded, an "unsure" marker) and, last, how often and where the document uses it.
//! Over an unknown numbered slogan (“三个以案”): a note that the lexicon lacks it.

use super::config::{Config, Locale};
use super::lexicon::{
    occurrences, unknown_numbered_slogans, Confidence, Entry, Lexicon, NameKind, Variant,
    VariantStatus,
};
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

/// Markdown for one entry, as a reference card: the term, the full formulation and its items,
/// the definition, then the period and successor, the first proposal, the source (its address
/// shown decoded) and whether it is verified. Curator notes are never shown. `uses`: how often
/// and where the document uses it, appended last by [`hover_at`].
pub fn entry_markdown(entry: &Entry, locale: Locale, uses: Option<usize>) -> String {
    let mut md = card(entry, locale);
    if let Some(n) = uses {
        md.push_str(&format!("\n- {}", uses_line(locale, n, &[])));
    }
    md
}

fn card(entry: &Entry, locale: Locale) -> String {
    let en = locale == Locale::En;
    let mut md = format!("**{}**", entry.term);
    if !entry.aliases.is_empty() {
        md.push_str(&if en {
            format!(" (also {})", entry.aliases.join(", "))
        } else {
            format!("（又作{}）", entry.aliases.join("、"))
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
    if let Some(p) = period(entry, locale) {
        facts.push(p);
    }
    // A user's own entry is never shown as sourced: no origin or source line, whatever the
    // file holds, and a line saying whose entry it is.
    let users_own = entry.confidence == Confidence::User;
    let o = &entry.origin;
    if !users_own && (!o.date.is_empty() || !o.occasion.is_empty()) {
        let label = match (o.attested, en) {
            (false, false) => "首次提出：",
            (true, false) => "最早见于：",
            (false, true) => "First proposed: ",
            (true, true) => "Earliest report found: ",
        };
        let sep = if o.date.is_empty() || o.occasion.is_empty() {
            ""
        } else if en {
            ", "
        } else {
            "，"
        };
        facts.push(format!("{label}{}{sep}{}", o.date, o.occasion));
    }
    if !users_own && !entry.source.is_empty() {
        facts.push(source_line(entry, locale));
    }
    if let Some(region) = &entry.region {
        facts.push(format!(
            "{}{region}",
            if en { "Region: " } else { "地区：" }
        ));
    }
    if users_own {
        facts.push(
            if en {
                "Your own entry (added in this workspace): no authoritative source"
            } else {
                "本工作区自行添加的词条，无权威出处"
            }
            .to_string(),
        );
    }
    if entry.confidence == Confidence::Unsure {
        facts.push(
            if en {
                "⚠ Not fully verified against the source"
            } else {
                "⚠ 待核实：部分内容未能与出处逐一核对"
            }
            .to_string(),
        );
    }
    for f in facts {
        md.push_str(&format!("- {f}\n"));
    }
    md.trim_end().to_string()
}

/// "使用时期：2021-01-01至2025-12-31；其后为「十五五规划」".
fn period(entry: &Entry, locale: Locale) -> Option<String> {
    let en = locale == Locale::En;
    let (from, until) = (entry.valid_from.as_deref(), entry.valid_until.as_deref());
    let mut s = match (from, until, en) {
        (None, None, _) => return None,
        (Some(f), Some(u), false) => format!("使用时期：{f}至{u}"),
        (Some(f), None, false) => format!("使用时期：{f}起"),
        (None, Some(u), false) => format!("使用至：{u}"),
        (Some(f), Some(u), true) => format!("In use: {f} to {u}"),
        (Some(f), None, true) => format!("In use since {f}"),
        (None, Some(u), true) => format!("In use until {u}"),
    };
    if let Some(next) = &entry.superseded_by {
        s.push_str(&if en {
            format!("; followed by \"{next}\"")
        } else {
            format!("；其后为「{next}」")
        });
    }
    Some(s)
}

/// The source as a link whose text is the decoded address, with the page's date and title
/// when known.
fn source_line(entry: &Entry, locale: Locale) -> String {
    let en = locale == Locale::En;
    let shown = percent_decoded(&entry.source);
    let mut about = String::new();
    if let Some(d) = &entry.source_date {
        about.push_str(d);
    }
    if let Some(t) = &entry.source_title {
        if !about.is_empty() {
            about.push(' ');
        }
        about.push_str(&if en {
            format!("\"{t}\"")
        } else {
            format!("《{t}》")
        });
    }
    let label = if en { "Source: " } else { "出处：" };
    if about.is_empty() {
        format!("{label}[{shown}]({})", entry.source)
    } else {
        format!("{label}{about} [{shown}]({})", entry.source)
    }
}

/// `url` with `%XX` sequences decoded where they form UTF-8 (中文 addresses read as text); the
/// address itself is left as it is.
pub fn percent_decoded(url: &str) -> String {
    let b = url.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        if b[i] == b'%' && i + 2 < b.len() {
            if let (Some(h), Some(l)) = (hex(b[i + 1]), hex(b[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| url.to_string())
}

/// "本文出现 7 次：第 3、9、12 行等" — short, and last.
fn uses_line(locale: Locale, n: usize, lines: &[usize]) -> String {
    const SHOWN: usize = 3;
    let en = locale == Locale::En;
    let list: Vec<String> = lines.iter().take(SHOWN).map(|l| l.to_string()).collect();
    let more = n > SHOWN && !list.is_empty();
    match (en, list.is_empty()) {
        (false, true) => format!("本文出现 {n} 次"),
        (false, false) => format!(
            "本文出现 {n} 次：第 {} 行{}",
            list.join("、"),
            if more { "等" } else { "" }
        ),
        (true, true) => format!(
            "Used {n} time{} in this document",
            if n == 1 { "" } else { "s" }
        ),
        (true, false) => format!(
            "Used {n} time{} in this document: line {}{}",
            if n == 1 { "" } else { "s" },
            list.join(", "),
            if more { ", …" } else { "" }
        ),
    }
}

/// How a variant is written, in words.
fn variant_status(v: &Variant, locale: Locale) -> &'static str {
    let en = locale == Locale::En;
    match (v.status, en) {
        (VariantStatus::Accepted, false) => "可接受的写法",
        (VariantStatus::EraBound, false) => "特定时期的提法",
        (VariantStatus::Deprecated, false) => "已不再使用的写法",
        (VariantStatus::Garbled, false) => "残缺或错误的写法",
        (VariantStatus::Accepted, true) => "an accepted form",
        (VariantStatus::EraBound, true) => "a form of a past period",
        (VariantStatus::Deprecated, true) => "a form no longer used",
        (VariantStatus::Garbled, true) => "a garbled or truncated form",
    }
}

/// The hover at byte `offset` of `text`, or `None` when there is no slogan there.
pub fn hover_at(text: &str, offset: usize, config: &Config) -> Option<HoverInfo> {
    let lex = &config.lexicon;
    let en = config.locale == Locale::En;
    match target_at(text, offset.min(text.len()), lex)? {
        Target::Slogan { range, entry_id } => {
            let entry = lex.get(&entry_id)?;
            let mut markdown = card(entry, config.locale);
            // Written as a variant: say which, after the card.
            let variant = lex.scan(text).names.iter().find_map(|h| match h.kind {
                NameKind::VariantForm(v)
                    if h.range == range && h.entry == index_of(lex, &entry_id)? =>
                {
                    entry.variants.get(v)
                }
                _ => None,
            });
            if let Some(v) = variant {
                let what = variant_status(v, config.locale);
                markdown.push_str(&if en {
                    format!("\n- Written here as {what}")
                } else {
                    format!("\n- 此处为{what}")
                });
            }
            // Occurrences last and short.
            let starts: Vec<usize> = occurrences(text, lex)
                .iter()
                .filter(|o| o.entry_id == entry_id)
                .map(|o| o.range.start)
                .collect();
            let lines = line_numbers(text, &starts);
            markdown.push_str(&format!(
                "\n- {}",
                uses_line(config.locale, starts.len(), &lines)
            ));
            Some(HoverInfo { range, markdown })
        }
        Target::Unknown { range, text: term } => Some(HoverInfo {
            range,
            markdown: if en {
                format!("**{term}** is not in the slogan lexicon.\n\nUse the code action *Add to workspace lexicon* to add it to `.policy-lsp/lexicon.json`.")
            } else {
                format!("**{term}** 不在提法词库中。\n\n可用代码操作“加入工作区词库”把它添加到工作区词库文件 `.policy-lsp/lexicon.json`。")
            },
        }),
    }
}

/// 1-based line numbers (lines end at `\n`) of sorted byte offsets.
fn line_numbers(text: &str, starts: &[usize]) -> Vec<usize> {
    let mut sorted = starts.to_vec();
    sorted.sort_unstable();
    let mut out = Vec::with_capacity(sorted.len());
    let mut line = 1;
    let mut at = 0;
    for s in sorted {
        let s = s.min(text.len());
        line += text.as_bytes()[at..s]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        at = s;
        out.push(line);
    }
    out
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
        assert!(
            md.ends_with("本文出现 1 次：第 12 行") || md.contains("- 本文出现 1 次：第"),
            "{md}"
        );
        assert!(
            md.trim_end().lines().last().unwrap().contains("本文出现"),
            "{md}"
        );
    }

    #[test]
    fn spelled_out_enumeration_unsure_marker_and_english() {
        let at = SEED_000.find("集中专家").unwrap();
        let h = hover_at(SEED_000, at, &test_config()).unwrap();
        assert!(h.markdown.starts_with("**四集中**"), "{}", h.markdown);
        let t = "做到“两个维护”";
        let h = hover_at(t, t.find("维护").unwrap(), &test_config()).unwrap();
        assert!(h.markdown.contains("待核实"), "{}", h.markdown);
        // The curator's note stays out.
        let note = test_config()
            .lexicon
            .get("liang-ge-weihu")
            .unwrap()
            .note
            .clone()
            .unwrap();
        assert!(!h.markdown.contains(&note), "{}", h.markdown);
        let cfg = crate::engine::Config {
            locale: Locale::En,
            ..test_config()
        };
        let h = hover_at(t, t.find("维护").unwrap(), &cfg).unwrap();
        assert!(
            h.markdown.contains("Not fully verified") && h.markdown.contains("Used 1 time"),
            "{}",
            h.markdown
        );
    }

    #[test]
    fn garbled_form_and_unknown_numbered_slogan() {
        let t = "在以同志为核心的党中央坚强领导下";
        let h = hover_at(t, t.find("同志").unwrap(), &test_config()).unwrap();
        assert!(
            h.markdown.contains("以习近平同志为核心的党中央")
                && h.markdown.contains("此处为残缺或错误的写法")
        );
        let t = "坚持十六字方针,完善防止返贫机制";
        let h = hover_at(t, t.find("六字").unwrap(), &test_config()).unwrap();
        assert_eq!(&t[h.range.clone()], "十六字方针");
        assert!(h.markdown.contains("不在提法词库中"));
        assert!(hover_at(t, t.find("完善").unwrap(), &test_config()).is_none());
        assert!(hover_at("", 0, &test_config()).is_none());
        assert!(hover_at("四个意识", 99, &test_config()).is_some());
    }

    #[test]
    fn reference_card_for_new_terms_period_source_and_short_occurrences() {
        let t = "全面从严治党永远在路上。\n坚持全面从严治党。\n全面从严治党\n全面从严治党\n全面从严治党";
        let h = hover_at(t, 0, &test_config()).unwrap();
        let md = &h.markdown;
        assert!(md.starts_with("**全面从严治党**"), "{md}");
        assert!(
            md.contains("出处：") && md.contains("https://tv.cctv.com/"),
            "{md}"
        );
        let last = md.lines().last().unwrap();
        assert_eq!(last, "- 本文出现 5 次：第 1、2、3 行等", "{md}");
        // Definition before the facts, the occurrences after them.
        assert!(
            md.find("四个全面").unwrap() < md.find("出处").unwrap(),
            "{md}"
        );
        // Period and successor.
        let t = "“十四五”规划";
        let md = hover_at(t, 3, &test_config()).unwrap().markdown;
        assert!(
            md.contains("使用时期：2021-01-01至2025-12-31；其后为「十五五规划」"),
            "{md}"
        );
        // No English in the Chinese card, no percent-encoding.
        for id in ["yidai-yilu", "san-ge-daibiao", "dongtai-qingling"] {
            let e = test_config().lexicon.get(id).cloned().unwrap();
            let md = entry_markdown(&e, Locale::ZhCn, Some(2));
            let outside_links: String = md
                .split('(')
                .map(|p| p.split(')').next_back().unwrap_or(""))
                .collect();
            assert!(!outside_links.contains('%'), "{md}");
            assert!(
                !md.contains("garbled") && !md.contains("accepted") && !md.contains("Source"),
                "{md}"
            );
        }
        assert_eq!(
            percent_decoded("https://example.org/wiki/%E4%B8%89%E5%86%9C"),
            "https://example.org/wiki/三农"
        );
        assert_eq!(percent_decoded("a%ZZ%E4"), "a%ZZ%E4");
    }
}
