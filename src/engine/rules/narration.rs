//! Whether a paragraph tells of the time before a wording changed. A wording that was right in
//! its day (全面建设小康社会 until the 18th Party Congress, 决战脱贫攻坚 until the victory of
//! 2021) is still right when a later text narrates that day: 党的十六大提出了全面建设小康社会奋斗
//! 目标; 经过5年持续奋斗，…决战脱贫攻坚取得全面胜利. The dated rules (`slogan-variant` for
//! era-bound forms, `outdated-formulation`) ask this before holding the wording against the
//! document's date. The evidence, all in the wording's own paragraph:
//!
//! - a year before the change in the same sentence (2002年11月，…提出全面建设小康社会的奋斗目标);
//! - a look back that reaches before the change (过去的五年, 五年来, 经过10年, in a document dated
//!   so that the span starts before it);
//! - a Party congress or its plenums held before the change, as the time of an act (党的十六大提出,
//!   十八大以来, 十五届五中全会进一步提出; not 学习贯彻党的十九大精神, which is a task);
//! - a five-year plan period begun before the change (“十三五”时期);
//! - a word the lexicon gives for the form's own time (`era_markers`: 江泽民, 新世纪新阶段 …).

use crate::engine::document::Date;
use crate::engine::outline::headings::cn_value_pub;
use crate::engine::types::Span;
use regex::Regex;
use std::sync::OnceLock;

/// The national congresses of the Communist Party of China and their opening days, by
/// ordinal (中国共产党历次全国代表大会, 共产党员网 / 人民网 `cpc.people.com.cn/GB/64162/64168/`).
/// A plenum of the N-th Central Committee (十五届五中全会) counts from its congress.
const CONGRESSES: [(u32, Date); 11] = [
    (11, (1977, 8, 12)),
    (12, (1982, 9, 1)),
    (13, (1987, 10, 25)),
    (14, (1992, 10, 12)),
    (15, (1997, 9, 12)),
    (16, (2002, 11, 8)),
    (17, (2007, 10, 15)),
    (18, (2012, 11, 8)),
    (19, (2017, 10, 18)),
    (20, (2022, 10, 16)),
    (21, (2027, 12, 31)),
];

/// What, right after a congress's name, makes it the time of an act rather than a task.
const CONGRESS_ACTS: [&str; 11] = [
    "以来", "以后", "之后", "提出", "报告", "期间", "召开", "确定", "作出", "明确", "根据",
];

/// How far (characters) an act is looked for after a congress's name, within one clause.
const ACT_REACH: usize = 10;

fn year_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"((?:19|20)[0-9]{2})\s*年").expect("valid"))
}

/// 过去的五年, 近5年, 经过10年, 五年来, 十年间: the number of years looked back over.
fn look_back_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(
            r"(?:过去的?|近|这|经过)\s*([0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*个?年|([0-9]{1,3}|[一二两三四五六七八九十]{1,3})\s*多?年(?:来|间)",
        )
        .expect("valid")
    })
}

/// 党的十六大, 第十六次全国代表大会, 十五届五中全会: the congress's ordinal.
fn congress_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"(二十一|二十|十[一二三四五六七八九]?)(?:大|次全国代表大会|届[一二三四五六七八九]中全会)")
            .expect("valid")
    })
}

/// “十三五”时期, 十二五期间, “十三五”规划: the plan's ordinal digit after 十.
fn plan_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r"十([一二三四五])五[”\x22]?(?:时期|期间|以来|规划)").expect("valid")
    })
}

fn numeral(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse() {
        return Some(n);
    }
    cn_value_pub(&s.replace('两', "二"))
}

/// The paragraph (line) around `span` and, inside it, the sentence around `span`.
fn surroundings<'t>(text: &'t str, span: &Span) -> Option<(&'t str, &'t str)> {
    let before = text.get(..span.start)?;
    let after = text.get(span.end..)?;
    let from = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let to = after
        .find(['\n', '\r'])
        .map_or(text.len(), |i| span.end + i);
    let is_end = |c: char| matches!(c, '。' | '！' | '？' | '；' | '\n' | '\r');
    let s_from = before.rfind(is_end).map_or(0, |i| {
        i + before[i..].chars().next().map_or(1, char::len_utf8)
    });
    let s_to = after.find(is_end).map_or(text.len(), |i| span.end + i);
    Some((
        text.get(from..to)?,
        text.get(s_from.max(from)..s_to.min(to))?,
    ))
}

/// Whether a congress's name in `para` is the time of an act: `党的十六大提出`, `十八大以来`,
/// `第十六次全国代表大会上`.
fn congress_acts_before(para: &str, last: Date) -> bool {
    congress_re().captures_iter(para).any(|c| {
        let (Some(whole), Some(ord)) = (c.get(0), c.get(1)) else {
            return false;
        };
        let Some(n) = numeral(ord.as_str()) else {
            return false;
        };
        let Some(&(_, held)) = CONGRESSES.iter().find(|(k, _)| *k == n) else {
            return false;
        };
        if held >= last {
            return false;
        }
        let rest = &para[whole.end()..];
        if rest.starts_with('上') || rest.starts_with("会上") {
            return true;
        }
        let clause: String = rest
            .chars()
            .take_while(|c| !matches!(c, '，' | '。' | '；' | '：' | '、' | '！' | '？'))
            .take(ACT_REACH)
            .collect();
        CONGRESS_ACTS.iter().any(|a| clause.contains(a))
    })
}

/// Whether a look back in `para`, from a document of `now`, starts before `last`'s year.
fn looks_back_before(para: &str, last: Date, now: Date) -> bool {
    look_back_re().captures_iter(para).any(|c| {
        let Some(m) = c.get(1).or_else(|| c.get(2)) else {
            return false;
        };
        // 2000年来 is a year, not a span of 0 years.
        if para[..m.start()].ends_with(|ch: char| ch.is_ascii_digit()) {
            return false;
        }
        numeral(m.as_str()).is_some_and(|n| n > 0 && now.0.saturating_sub(n) < last.0)
    })
}

/// Whether the text around `span` tells of the time before `last`, the wording's last day, in
/// a document of `now`; `markers` are the words the lexicon gives for the wording's own time.
pub(crate) fn tells_of_before(
    text: &str,
    span: &Span,
    last: Date,
    now: Date,
    markers: &[String],
) -> bool {
    let Some((para, sentence)) = surroundings(text, span) else {
        return false;
    };
    let early_year = year_re()
        .captures_iter(sentence)
        .filter_map(|c| c.get(1)?.as_str().parse::<u32>().ok())
        .any(|y| y < last.0);
    let early_plan = plan_re().captures_iter(para).any(|c| {
        c.get(1)
            .and_then(|m| numeral(m.as_str()))
            // The 3rd plan began in 1966, each later one five years on (十三五: 2016).
            .is_some_and(|d| 1966 + 5 * (d + 10 - 3) < last.0)
    });
    early_year
        || early_plan
        || markers
            .iter()
            .any(|m| !m.is_empty() && para.contains(m.as_str()))
        || congress_acts_before(para, last)
        || looks_back_before(para, last, now)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, form: &str) -> Span {
        let i = text.find(form).expect("form in text");
        i..i + form.len()
    }

    const XIAOKANG: Date = (2012, 11, 8);

    /// Sentences of 新闻联播 transcripts (eval/recurrence/heldout*.jsonl) that narrate the
    /// years of 全面建设小康社会 after the 18th Congress renamed the goal.
    #[test]
    fn published_narration_of_the_old_goal() {
        let none: Vec<String> = Vec::new();
        for (t, now) in [
            // 2012-11-09, 胡锦涛参加江苏代表团讨论.
            ("胡锦涛指出，党的十六大提出了全面建设小康社会奋斗目标，党的十七大根据形势发展提出了实现全面建设小康社会奋斗目标的新要求。", (2012, 11, 9)),
            // 2012-12-06, 农工党十五大贺词.
            ("贺词指出，过去的5年，是我们在中国特色社会主义道路上奋勇前进的5年，是我们经受住各种困难和风险考验、夺取全面建设小康社会新胜利的5年。", (2012, 12, 6)),
            // 2013-02-01, 全国政协十一届常委会第二十次会议闭幕.
            ("普遍认为，五年来，在中共中央的正确领导下，…为全面建设小康社会、加快推进社会主义现代化建设作出了重要贡献。", (2013, 2, 1)),
            // 2021-11-16, 《中共中央关于党的百年奋斗重大成就和历史经验的决议》.
            ("党的十六大以后，以胡锦涛同志为主要代表的中国共产党人，团结带领全党全国各族人民，在全面建设小康社会进程中推进实践创新、理论创新、制度创新，", (2021, 11, 16)),
            // 2022-12-02, 江泽民伟大光辉的一生.
            ("2002年11月，在中国共产党第十六次全国代表大会上，江泽民作题为《全面建设小康社会，开创中国特色社会主义事业新局面》的报告，提出全面建设小康社会的奋斗目标。", (2022, 12, 2)),
            ("中共十五届五中全会进一步提出，从新世纪开始，我国将进入全面建设小康社会、加快推进社会主义现代化的新的发展阶段。", (2022, 12, 2)),
        ] {
            let form = "全面建设小康社会";
            let span = t.rfind(form).map(|i| i..i + form.len()).unwrap();
            assert!(tells_of_before(t, &span, XIAOKANG, now, &none), "{t}");
        }
        // A paragraph of the same life, told through its subject's name alone: the lexicon's
        // marker carries it.
        let t = "关于中国特色社会主义经济建设，江泽民提出，…他强调，…统筹城乡经济社会发展、建设现代农业、发展农村经济、增加农民收入是全面建设小康社会的重大任务。";
        let span = at(t, "全面建设小康社会");
        assert!(!tells_of_before(t, &span, XIAOKANG, (2022, 12, 2), &none));
        assert!(tells_of_before(
            t,
            &span,
            XIAOKANG,
            (2022, 12, 2),
            &["江泽民".to_string()]
        ));
    }

    /// Later text that uses the old goal as its own: nothing in it tells of the old years.
    #[test]
    fn the_old_goal_as_a_present_task_is_not_narration() {
        for (t, now) in [
            // 2020-10-16, 【“十三五”成就巡礼】: 五年来 reaches back to 2015 only.
            ("“十三五”规划首次将绿色发展理念纳入国家的五年规划，着力补齐全面建设小康社会的短板。五年来，我国生态文明建设力度之大前所未有。", (2020, 10, 16)),
            // 2014-09-29, 中央民族工作会议.
            ("会议指出，新中国成立以来，少数民族和民族地区得到了很大发展，但一些民族地区群众困难多，困难群众多，同全国一道实现全面建设小康社会目标难度较大。", (2014, 9, 29)),
            // A task, not a time: the congress's spirit to study.
            ("深入学习贯彻党的十七大精神，全面建设小康社会。", (2026, 3, 5)),
        ] {
            let span = at(t, "全面建设小康社会");
            assert!(!tells_of_before(t, &span, XIAOKANG, now, &[]), "{t}");
        }
    }

    /// 决战脱贫攻坚 (until 2021-02-25) and 决胜全面建成小康社会 (until 2021-07-01) told as
    /// history, in the transcripts of 2021-02-26, 2022-07-04 and 2023-10-30.
    #[test]
    fn published_narration_of_ended_campaigns() {
        let cases = [
            ("会议指出，“十三五”时期我国经济社会发展取得举世瞩目的成就。经过5年持续奋斗，“十三五”规划主要目标任务胜利完成，全面建成小康社会取得伟大历史性成就，决战脱贫攻坚取得全面胜利。", "决战脱贫攻坚", (2021, 2, 25), (2021, 2, 26)),
            ("党的十八大以来，54.6万名教师、医生、科技人员等各类人才奔赴边远贫困地区、边疆民族地区和革命老区，决战脱贫攻坚、助力乡村振兴。", "决战脱贫攻坚", (2021, 2, 25), (2022, 7, 4)),
            ("过去5年，各级妇联组织认真贯彻落实党中央决策部署，…动员组织广大妇女在推动高质量发展、决胜全面建成小康社会、决战脱贫攻坚、抗击新冠疫情等主战场上奋勇拼搏。", "决胜全面建成小康社会", (2021, 7, 1), (2023, 10, 30)),
        ];
        for (t, form, last, now) in cases {
            assert!(tells_of_before(t, &at(t, form), last, now, &[]), "{t}");
        }
        // The same campaign named as today's task in 2026.
        let t = "2026年要坚决打好决战脱贫攻坚这场硬仗。";
        assert!(!tells_of_before(
            t,
            &at(t, "决战脱贫攻坚"),
            (2021, 2, 25),
            (2026, 3, 1),
            &[]
        ));
        // A five-year plan begun after the change is no history of it.
        let t = "“十四五”时期，决战脱贫攻坚。";
        assert!(!tells_of_before(
            t,
            &at(t, "决战脱贫攻坚"),
            (2021, 2, 25),
            (2026, 3, 1),
            &[]
        ));
    }

    #[test]
    fn evidence_stays_in_its_paragraph_and_years_in_their_sentence() {
        let t = "党的十六大提出了奋斗目标。\n全面建设小康社会。";
        assert!(!tells_of_before(
            t,
            &at(t, "全面建设小康社会"),
            XIAOKANG,
            (2026, 1, 1),
            &[]
        ));
        let t = "2002年的数字。全面建设小康社会。";
        assert!(!tells_of_before(
            t,
            &at(t, "全面建设小康社会"),
            XIAOKANG,
            (2026, 1, 1),
            &[]
        ));
        // A year written 2000年来 is not a look back of 0 years.
        assert!(!looks_back_before("2000年来", XIAOKANG, (2026, 1, 1)));
        assert!(looks_back_before("20年来", XIAOKANG, (2026, 1, 1)));
        // 𠮷 and emoji around the form are fine.
        let t = "𠮷😀十年来全面建设小康社会😀";
        assert!(tells_of_before(
            t,
            &at(t, "全面建设小康社会"),
            XIAOKANG,
            (2020, 1, 1),
            &[]
        ));
        assert!(!tells_of_before(
            t,
            &at(t, "全面建设小康社会"),
            XIAOKANG,
            (2026, 1, 1),
            &[]
        ));
        // Out-of-range spans are no evidence and no panic.
        assert!(!tells_of_before(
            "短",
            &(0..99),
            XIAOKANG,
            (2026, 1, 1),
            &[]
        ));
    }
}
