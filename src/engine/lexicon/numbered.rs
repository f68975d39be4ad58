//! Numbered slogans the lexicon does not know: a quoted numeral phrase (“三个以案”“八严八控”
//! “七个一批”), an unquoted numeral + 个/大/项 phrase that makes up a whole list item
//! (…，三个加大力度，…), or an N字 formula (十六字方针). Hover says they are not in the lexicon
//! and offers to add them.

use super::Lexicon;
use crate::engine::types::Span;
use regex::Regex;
use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSlogan {
    pub range: Span,
    pub text: String,
}

const NUMERALS: &str = "一二两三四五六七八九十百";

fn quoted() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"[“"「]([一二两三四五六七八九十百][^“”"「」\s，。；：、,;:]{1,11})[”"」]"#)
            .expect("valid")
    })
}

fn unquoted() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"([两三四五六七八九十]{1,2}(?:个|大|项)\p{Han}{2,6})|([两三四五六七八九十]{1,3}字(?:方针|要求|诀|经|工作法|原则))")
            .expect("valid")
    })
}

/// Whether a quoted numeral phrase reads as a numbered slogan: a numeral of two or more
/// with a classifier (三个…, 六大…) or a single character (六稳), or two numerals (八严八控, 三降两少, 两不愁三保障).
fn is_numbered(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    let numerals = chars.iter().filter(|c| NUMERALS.contains(**c)).count();
    let lead_is_one =
        chars.first() == Some(&'一') && !chars.get(1).is_some_and(|c| NUMERALS.contains(*c));
    let classifier = chars
        .iter()
        .position(|c| !NUMERALS.contains(*c))
        .and_then(|i| chars.get(i));
    let classified = matches!(
        classifier,
        Some('个' | '大' | '项' | '条' | '种' | '类' | '字' | '化' | '是' | '抓' | '要')
    );
    // 六稳, 四早, 三防: a numeral and one character.
    let short = chars.len() == 2 && numerals == 1;
    (((classified || short) && !lead_is_one) || numerals >= 2) && !is_calendar_day(s)
}

/// A day of the year written in numerals (五一, 三八, 十一, 九一八, 九·一八, 一二·九): a date,
/// not a slogan. 十四五 is not one (no month 14 and no day 45).
fn is_calendar_day(s: &str) -> bool {
    let digits: Option<Vec<u32>> = s
        .chars()
        .filter(|c| *c != '·')
        .map(|c| "〇一二三四五六七八九十".find(c).map(|i| (i / 3) as u32))
        .collect();
    let Some(d) = digits else { return false };
    // A month or day in numerals: 一..九, 十, 十一.., 二十.., 三十一.
    let value = |ds: &[u32]| -> Option<u32> {
        match ds {
            [a] if (1..=9).contains(a) => Some(*a),
            [10] => Some(10),
            [10, b] if (1..=9).contains(b) => Some(10 + b),
            [a, 10] if (2..=3).contains(a) => Some(a * 10),
            [a, 10, b] if (2..=3).contains(a) && (1..=9).contains(b) => Some(a * 10 + b),
            // 一二·九, 九一八: written digit by digit.
            [a, b] if (1..=3).contains(a) && (0..=9).contains(b) => Some(a * 10 + b),
            _ => None,
        }
    };
    (1..d.len()).any(|k| {
        matches!(
            (value(&d[..k]), value(&d[k..])),
            (Some(m), Some(day)) if (1..=12).contains(&m) && (1..=31).contains(&day)
        )
    })
}

/// Numbered slogans in `text` that are neither a name of a lexicon entry nor inside one.
pub fn unknown_numbered_slogans(text: &str, lexicon: &Lexicon) -> Vec<UnknownSlogan> {
    let names = lexicon.scan(text).names;
    let known = |r: &Span| {
        names
            .iter()
            .any(|h| h.range.start <= r.start && r.end <= h.range.end)
    };
    let mut out = Vec::new();
    for c in quoted().captures_iter(text) {
        let Some(m) = c.get(1) else { continue };
        if is_numbered(m.as_str()) && !known(&m.range()) {
            out.push(UnknownSlogan {
                range: m.range(),
                text: m.as_str().to_string(),
            });
        }
    }
    let is_edge =
        |c: Option<char>| c.is_none_or(|c| "，。；：、,;:！？!?".contains(c) || c.is_whitespace());
    for c in unquoted().captures_iter(text) {
        let Some(m) = c.get(1).or_else(|| c.get(2)) else {
            continue;
        };
        // Numeral + 个/大/项 phrases count only as a whole list item.
        let whole_item = is_edge(text[..m.start()].chars().next_back())
            && is_edge(text[m.end()..].chars().next());
        if c.get(1).is_some() && !whole_item {
            continue;
        }
        if !known(&m.range())
            && !out
                .iter()
                .any(|u| u.range.start <= m.start() && m.end() <= u.range.end)
        {
            out.push(UnknownSlogan {
                range: m.range(),
                text: m.as_str().to_string(),
            });
        }
    }
    out.sort_by_key(|u| u.range.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<String> {
        unknown_numbered_slogans(text, &super::super::test_lexicon())
            .into_iter()
            .map(|u| u.text)
            .collect()
    }

    #[test]
    fn numbered_slogans_the_lexicon_lacks() {
        let lex = Lexicon::from_json(r#"{"entries": []}"#).unwrap();
        let found_in = |t: &str| -> Vec<String> {
            unknown_numbered_slogans(t, &lex)
                .into_iter()
                .map(|u| u.text)
                .collect()
        };
        // Seed 000 and 001, against an empty lexicon.
        assert_eq!(
            found_in("扎实推进“七个一批”“三个加大力度”,完善防止返贫机制"),
            ["七个一批", "三个加大力度"]
        );
        assert_eq!(
            found_in("持续推深做实“八严八控”,完善强化疫防各项举措"),
            ["八严八控"]
        );
        assert_eq!(found_in("持续巩固“三个以案”警示教育成果"), ["三个以案"]);
        assert_eq!(found_in("实现“三降两少” ,坚决提高救治水平"), ["三降两少"]);
        // Unquoted, as a whole item; and an N字 formula.
        assert_eq!(
            found_in("要抓好“六稳”,三个加大力度,两个毫不动摇。"),
            ["六稳", "三个加大力度", "两个毫不动摇"]
        );
        assert_eq!(found_in("坚持十六字方针"), ["十六字方针"]);
    }

    #[test]
    fn slogans_the_lexicon_has_are_not_unknown() {
        let lex = crate::engine::lexicon::test_lexicon();
        let known = |t: &str| {
            lex.entries()
                .iter()
                .any(|e| e.term == t || e.aliases.iter().any(|a| a == t))
        };
        let t = "扎实推进“七个一批”“三个加大力度”,全面做好“六稳”工作,坚持十六字方针";
        let expected: Vec<&str> = ["七个一批", "三个加大力度", "六稳"]
            .into_iter()
            .filter(|s| !known(s))
            .chain(["十六字方针"])
            .collect();
        assert_eq!(found(t), expected);
    }

    #[test]
    fn ordinary_phrases_are_not_slogans() {
        // Seeds 001, 002, 004.
        assert!(found("会议分两个阶段进行,省委书记").is_empty());
        assert!(found("树牢“一盘棋”意识").is_empty());
        assert!(found("形成“一条心”的共识").is_empty());
        assert!(found("筑起了疫情防控的“万里长城”").is_empty());
        assert!(found("“十三五”规划").is_empty());
    }

    #[test]
    fn days_of_the_year_are_not_slogans() {
        let lex = Lexicon::from_json(r#"{"entries": []}"#).unwrap();
        let found_in = |t: &str| -> Vec<String> {
            unknown_numbered_slogans(t, &lex)
                .into_iter()
                .map(|u| u.text)
                .collect()
        };
        // 新闻联播 2022-04-06, 2022-05-26, 2022-12-13.
        for t in [
            "“五一”假期",
            "“六一”国际儿童节",
            "“九·一八”事变",
            "“九一八”",
            "“十一”黄金周",
            "“三八”红旗手",
        ] {
            assert!(found_in(t).is_empty(), "{t}");
        }
        assert_eq!(
            found_in("“十四五”“十五五”“六稳”“两个一百年”"),
            ["十四五", "十五五", "六稳", "两个一百年"]
        );
    }
}
