//! The precision gate of `recurring-phrase`: re-runs the rule on the evaluation set
//! (`eval/recurrence/stories.txt`: the seeds and 87 real meeting reports) and scores every
//! distinct flagged phrase against the hand annotations (`eval/recurrence/annotations.tsv`).
//! A phrase the rule starts flagging must be judged there before this passes.

#[path = "../eval/recurrence/evalcore.rs"]
mod evalcore;
#[path = "../eval/stories.rs"]
mod stories;

use evalcore::*;
use policy_lsp::engine::config::Config;
use std::collections::BTreeSet;

/// Floors and ceilings measured (see eval/recurrence/README.md); the targets are
/// ≤ 3 findings per 1,000 characters at information or above, no overlaps, ≤ 3% fragments
/// and ≥ 90% genuine. Round 4 (places, posts, documents and actors' clauses are no
/// formulas): the evaluation set 92.9% genuine, 1.8% fragments (56 phrases); the first
/// held-out set (2025 caijing stories) 94.4%, 0% (54); the second (2023 新闻联播) 94.4%, 0%
/// (18; its one miss is 低空经济, a lexicon slogan that a story is about); the third (2021
/// 新闻联播, labelled before round 4 changed anything: 95.7%, 0% then) 100%, 0% (44).
/// Round 6 (lines of work, the spirit of a named meeting, cut enumerations, a modifier of a
/// name written in a title): the evaluation set 96.3% genuine, 1.9% fragments (54 phrases).
///
/// Round 16 (a family the confidence model doubts gets no diagnostic,
/// `recurrence::confidence`): every floor and ceiling below re-measured. The model was fitted
/// on the labels of these sets, so they are no unseen check of it; its cross-validated figures
/// are in data/formulas/confidence.json, its unseen checks are sets 36-39, and
/// eval/recurrence/README.md has each set's before and after.
///
/// Round 17 (the model refitted on sets 1-41, threshold 0.74; then a collection of writings
/// names its thought, 4342d66): every floor and ceiling below re-measured; the refit drops 35
/// of the 993 phrases of sets 1-41 and the published annotations (14 of them not genuine, 21
/// genuine), so some floors rise and some fall. The per-gate notes below keep each set's
/// history up to round 16; eval/recurrence/README.md (round 17) lists each set's figures before
/// and after. The refit's unseen checks are sets 42-47.
///
/// Round 18 (a phrase that always runs on into a quotation is cut there; more titles of
/// office; a body's meeting is about what the body is named for; a phrase after 各 or an
/// enumeration's 等 is cut from them; the model refitted on sets 1-47, threshold 0.73, each
/// feature held inside its fitted range): every floor and ceiling below re-measured. Over sets
/// 1-47 and the published annotations the refit drops 11 genuine and 4 other phrases and
/// brings in 4 genuine and 1 other, so some floors fall (sets 16, 17, 26, 29, 34, 45);
/// eval/recurrence/README.md (round 18) lists each set's figures before and after. The refit's
/// unseen checks are sets 48-53.
///
/// Round 19 (formulas the document writes side by side, the same way each time, are one run,
/// `recurrence::joined`): the run is one genuine phrase where its two or three slogans were,
/// so the floors of sets 7, 14, 29 and 55 fall by that arithmetic (set 29 and 55 also lose the
/// findings the run's pieces had at the same places); every set's phrases were judged as
/// before. The new runs were judged blind (eval/recurrence/README.md, round 19).
const MAX_INFO_PER_1000: f64 = 3.0;
/// Round 7 (what the headline or agenda names is the document's topic; stories carry their
/// headline): 96.9% genuine, 3.1% fragments (32 phrases: the one fragment of round 6,
/// 社会主义现代化|强国, among fewer).
/// Round 8: 93.8% (30 of 32): seed 002's 疫情防控和经济社会发展, which the rule first shows
/// there since round 7, was judged again there, the topic of its meeting (entity).
/// Round 9: 93.3% (28 of 30): a feature's lede names 实体经济 (…把发展经济的着力点放在实体经济上),
/// which makes it what the story reports on, and one more formula a lede names.
/// Round 10 (names and field terms the lexicon marks with `kind` are no formulas: 十三五, 十四五,
/// 十五五, 七一勋章, 共和国勋章, 千万工程, 三夏, 一喷三防, 超长期特别国债, 三北; a place where a phrase goes
/// on into a fixed formulation is no use of it; phrases now first shown in another story judged
/// again there, blind): 96.4% (27 of 28; 十四五 and 十五五, labelled
/// formulas here, are names now), no fragment: 社会主义现代化 is no longer counted where it goes
/// on into 社会主义现代化强国, and is now shown first where it is used (基本实现社会主义现代化).
/// Round 12 (a place inside a document's title or a quoted name is no use): 96.2% (25 of 26):
/// 多边贸易体制 and 应对气候变化, each once in 《上合组织成员国元首理事会关于…的声明》, are used
/// twice in that report.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 96.0% (24 of 25): 可持续发展目标 (0.42) is no longer flagged.
const MIN_GENUINE: f64 = 0.954;
const MAX_FRAGMENTS: f64 = 0.0;
/// Round 7: held-out sets 1 to 6 at 97.6%, 94.4%, 97.3%, 100%, 100%, 94.2%, no fragment.
const HELD_OUT_MIN_GENUINE: f64 = 0.97;
const HELD_OUT_MAX_FRAGMENTS: f64 = 0.0;
/// Round 12: 93.8% (16; 数字中国 once in 《数字中国建设整体布局规划》, twice used).
const HELD_OUT_2_MIN_GENUINE: f64 = 0.937;
const HELD_OUT_2_MAX_FRAGMENTS: f64 = 0.0;
const HELD_OUT_3_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_3_MAX_FRAGMENTS: f64 = 0.0;
/// The fourth held-out set (2019 新闻联播, drawn after the round-4 change): 91.3%, 0% (23
/// phrases; main's rule had 75.0%, 3.6% on 28). Its misses, 中共十九大精神 and 纪检监察工作,
/// went in round 6: 100%, 0% (21).
/// Round 9: 100% (15): a state visit's lede names 一带一路 and 全面战略伙伴关系, now its topics;
/// 48 findings. Round 11 (lexicon/audit/kinds-r11.tsv: 主题教育, the story's campaign here, a
/// name): 100% (14), 41 findings. Round 12 (a place inside a standing body's name is no use:
/// 中央全面深化改革|委员会; nor inside a title): 38 findings.
const HELD_OUT_4_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_4_VOLUME: (usize, usize) = (34, 12);
const HELD_OUT_4_MAX_FRAGMENTS: f64 = 0.0;
/// The fifth held-out set (89 meeting reports of 2025-26 新闻联播, labelled before round 5
/// changed anything): main's rule 85.0% genuine, 2.5% fragments (40 phrases); round 5 (a
/// clause opening on a post tells the news; laws are names) 89.5%, 2.6% (38). Its misses:
/// topics (人民政协工作, 基本公共服务, 城市更新) and the modifier 生态环境保护|督察; round 6
/// (a line of work; a modifier of a name written in a title) 94.4%, 0% (36).
const HELD_OUT_5_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_5_MAX_FRAGMENTS: f64 = 0.0;
/// The sixth held-out set (85 meeting reports of 2022 新闻联播, labelled before round 6
/// changed anything): main's rule 82.3% genuine, 3.2% fragments (62 phrases); round 6
/// 89.5%, 0% (57). Its misses: topics (双碳, 三农, 农业强国, 就业优先政策, 生态环境保护,
/// 中央八项规定).
/// Round 8 (a topic named by its full form or most of its components: 双碳, 三农): 98.0% (50).
const HELD_OUT_6_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_6_MAX_FRAGMENTS: f64 = 0.0;
/// The seventh held-out set (118 meeting reports of 2020 新闻联播, drawn after round 6 and
/// never used to change the rule): main's rule (6650e46) 78.0% genuine (46 of 59), 3.4%
/// fragments (2). Its misses: topics a document names (主题教育, 三农, 十三五, 抗击新冠肺炎疫情,
/// 常态化疫情防控, 打赢脱贫攻坚战, 保护知识产权, 重大水利工程, 新冠肺炎疫情), a decision's name
/// (维护国家安全), an honour (共和国勋章), and two fragments (持续推动全党不忘初心|、牢记使命,
/// 加强|疫情防控一线工作人员). Round 7 (tuned on it): 86.5%, 1.9% (52 phrases).
/// Round 8 (a topic named with another verb or order: 打赢脱贫攻坚战, 保护知识产权; 十三五 judged
/// again where it is now flagged first: a formula there): 93.9%, no fragment (49).
/// Round 9 (what a story's lede names): 93.75% (48: a formula fewer).
const HELD_OUT_7_MIN_GENUINE: f64 = 0.975;
const HELD_OUT_7_MAX_FRAGMENTS: f64 = 0.0;
/// The eighth held-out set (75 meeting reports of 2024 新闻联播, drawn in round 7 and
/// labelled blind to any change of it): main's rule (9f03bb4) 50.0% genuine (23 of 46: 22
/// formulas, 1 close repeat), 2.2% fragments (1). Its misses: topics a document, an agenda
/// item or a study session names (银发经济, 高效办成一件事, 营商环境, 专精特新, 冰雪经济,
/// 长三角一体化发展, 中部地区崛起, 新质生产力, 推动高质量发展, 全面从严治党, 人民代表大会制度, 三农,
/// 主题教育 …), a regulation's name (防范化解金融风险) and one name cut (全国|生态环境保护|大会).
/// Round 7 (whose agenda tests were drawn from these misses): 73.3%, 0% (30 phrases).
/// Round 8 (推动高质量发展, 推动构建人类命运共同体 named with another verb; three phrases judged
/// again where they are now flagged first, formulas there): 89.3% (28).
const HELD_OUT_8_MIN_GENUINE: f64 = 0.913;
const HELD_OUT_8_MAX_FRAGMENTS: f64 = 0.0;
/// The ninth held-out set (100 meeting reports of 2018 新闻联播, drawn in round 7 and labelled
/// blind to any change of it): the rule of main 5f21cc9 with the stories' headlines (460173d)
/// 72.9% genuine (51 formulas of 70), no fragment. Its misses: topics a document, an agenda
/// item or a study session names (深化党和国家机构改革, 乡村振兴战略, 打赢脱贫攻坚战, 三农,
/// 中国特色大国外交, 习近平外交思想, 打好污染防治攻坚战, 生态环境保护, 营商环境, 全面停止军队有偿服务,
/// 一带一路, 十三五 …) and one procedural frame (主席团会议经过表决). Floors at what was
/// measured, below the 90%. Round 7's change, never tuned on it: 84.7%, 0% (59).
/// Round 8 (an inspection's subject, a body's agenda sentence, 的 left out, procedural frames):
/// 90.9% (55). Round 10: 89.1% (55), the same rule's figure once 党的建设新的伟大工程 was judged
/// again where it is now shown first (the topic of the organisation work conference there).
/// Round 12: 88.9% (54; 实现中华民族伟大复兴的中国梦, once in a report's title, twice used).
/// Round 14 (words of reportage, `REPORTAGE_SHARE`): 90.6% (53; 小微企业贷款 no longer flagged).
const HELD_OUT_9_MIN_GENUINE: f64 = 0.937;
const HELD_OUT_9_MAX_FRAGMENTS: f64 = 0.0;
/// The tenth held-out set (77 meeting reports of 2016 新闻联播, drawn after round 7's topic
/// change and labelled once, blind to which rule flags what, for the rule before it (06263f3)
/// and main's (01a5158)): before, 63.4% genuine (26 of 41), no fragment; after, 76.5% (26 of
/// 34: 25 formulas, 1 close repeat), no fragment. The change took out seven topics and no
/// genuine phrase. Its misses after: topics of an agenda item or a speech (农村贫困人口,
/// 党内政治生活, 建设世界科技强国, 科技强国, 一带一路), a body's name (全面深化改革 inside
/// 中央全面深化改革领导小组), a post (领导小组成员), organisations (中央和国家机关有关部门).
/// Floors at what was measured, below the 90%. Then a piece of a body's name (the next
/// word a bodyHeads word in most places), a post ending on 成员 and organisations ending on
/// 部门 went, and a slogan's places inside a body's name stopped counting (tuned on this set):
/// 83.9% (26 of 31). Round 11 (a statistical indicator is no formula: 农村贫困人口): 89.7% (26
/// of 29). Round 12 (一带一路 once in the title 《关于加强“一带一路”软力量建设的指导意见》, twice used): 92.9% (26 of 28).
const HELD_OUT_10_MIN_GENUINE: f64 = 0.923;
const HELD_OUT_10_MAX_FRAGMENTS: f64 = 0.0;
/// The eleventh held-out set (53 meeting reports of 2017 新闻联播, the whole pool, drawn after
/// round 7 and labelled once for main's final rule, 456719f, which was not changed after):
/// 82.4% genuine (14 formulas of 17), no fragment. Its misses: the topic an agenda clause
/// names (三农, one of the groups the inclusive-finance units serve), the story's topic (总书记的
/// 重要讲话, the speech it reports reactions to, 2 of 4 places cut from 习近平|总书记的重要讲话) and a
/// procedural frame (受委员长会议委托). Floors at what was measured, below the 90%.
/// Round 8 (受委员长会议委托 ends on a procedural verb): 87.5% (16). Round 10 (names and field terms the lexicon marks with `kind` are no formulas: 十三五, 十四五,
/// 十五五, 七一勋章, 共和国勋章, 千万工程, 三夏, 一喷三防, 超长期特别国债, 三北; a place where a phrase goes
/// on into a fixed formulation is no use of it; phrases now first shown in another story judged
/// again there, blind): 86.7% (15: 十三五, labelled a formula here, is a name now).
const HELD_OUT_11_MIN_GENUINE: f64 = 0.928;
const HELD_OUT_11_MAX_FRAGMENTS: f64 = 0.0;
/// The twelfth to fourteenth held-out sets (meeting reports of 2023, 2021 and 2019 新闻联播,
/// labelled for main's rule before round 8 changed anything): main's rule 81.1% (37), 88.1%
/// (42), 80.0% (30), no fragment; round 8 85.7% (35), 90.2% (41), 96.2% (26), part of its
/// change drawn from their misses (the consultation frame, 的 and generic heads, procedural
/// verbs) and 高质量发展 judged again in set 14 where it is now flagged first.
/// Round 10: 88.2% (34: 消防救援队伍 gone), 94.4% (36: 十四五 a name; 全国各族人民 judged again
/// where it is now shown first, a frame there), 96.0% (25: 十三五 a name).
/// Round 11 (the kinds audit: 主题教育 and 中央八项规定 names; 开展这次主题教育, which set 14 now
/// shows, judged blind: the story's topic there): 90.9% (33), 94.4% (36), 92.0% (25).
/// Round 14 (words of reportage, `REPORTAGE_SHARE`): set 13 97.1% (35; 基本医疗保险 no longer flagged).
const HELD_OUT_12_MIN_GENUINE: f64 = 0.906;
const HELD_OUT_13_MIN_GENUINE: f64 = 0.971;
const HELD_OUT_14_MIN_GENUINE: f64 = 0.956;
/// The fifteenth to seventeenth (meeting reports of 2015, 2014 and 2013, labelled for main's
/// rule and round 8's first change together, blind to which flags what): main's rule 46.2%
/// (13), 62.5% (16), 52.9% (17); round 8's first change 60.0% (10), 71.4% (14), 60.0% (15);
/// its second, drawn from their misses, 66.7% (9), 76.9% (13), 69.2% (13). Older reports use
/// few formulas: 42 to 74 findings, 6 to 10 genuine phrases a set. Floors at what was
/// measured, far below the 90%.
const HELD_OUT_15_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_16_MIN_GENUINE: f64 = 0.875;
const HELD_OUT_17_MIN_GENUINE: f64 = 0.875;
/// (findings, distinct genuine phrases) measured on sets 15 to 17.
/// Round 10: set 15 75.0% (8; 十三五 a name), 35 findings.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 85.7% (7; 高新技术企业, 0.11, no longer flagged), 33 findings.
const HELD_OUT_15_VOLUME: (usize, usize) = (31, 6);
/// Round 9 (what a lede or heading names is a topic): 66.7% (9), 90.0% (10), 66.7% (12); 48,
/// 33 and 72 findings. Round 12 (places in titles and quoted names): set 17 67 findings.
/// Round 13 (a speech's title in a story's opening paragraphs names its topic): set 17 61
/// findings (中国梦 not flagged in the report of a congress whose speech and report are titled
/// on it; still flagged in another story).
const HELD_OUT_16_VOLUME: (usize, usize) = (27, 7);
const HELD_OUT_17_VOLUME: (usize, usize) = (51, 7);
/// The eighteenth (the 57 meeting reports of 2012 the archive holds, sealed until round 8's
/// final rule and labelled for it and main's together, blind to which flags what): both rules
/// flag the same 11 phrases, 90.9% genuine (10), no fragment, 50 findings. Its one miss is an
/// agenda item named as the second object of 研究部署 (…，加强和改进最低生活保障工作).
const HELD_OUT_18_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_18_VOLUME: (usize, usize) = (39, 9);
/// Sets 1 to 14 have at least 60 findings (the fourth held-out set, the sparsest of them, 63 on
/// 17 distinct phrases) and, but for the eleventh (53 short reports of 2017, 14), at least 15
/// distinct genuine phrases.
const MIN_FINDINGS: usize = 60;
const MIN_GENUINE_PHRASES: usize = 15;
const HELD_OUT_11_MIN_GENUINE_PHRASES: usize = 13;

fn ids(path: &str) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

/// Runs the rule on the listed stories of `files` and checks the figures against the
/// annotations: every flagged phrase judged, no overlaps, volume, precision, fragments.
fn gate(list: &str, files: &[&str], annotations: &str, min_genuine: f64, max_fragments: f64) {
    gate_with(
        list,
        files,
        annotations,
        min_genuine,
        max_fragments,
        (MIN_FINDINGS, MIN_GENUINE_PHRASES),
    );
}

/// [`gate`] with the floors on findings and on distinct genuine phrases given (the sets of
/// 2013-2017 are sparse: their reports use fewer formulas).
fn gate_with(
    list: &str,
    files: &[&str],
    annotations: &str,
    min_genuine: f64,
    max_fragments: f64,
    (min_findings, min_genuine_phrases): (usize, usize),
) {
    let ids = ids(list);
    let stories = load(files, Some(&ids)).unwrap();
    assert_eq!(stories.len(), ids.len(), "every listed story is found");
    let ann = read_annotations(annotations).unwrap();
    let flags = run(&stories, &Config::default());
    let m = metrics(&stories, &flags, &ann);
    eprintln!("{m:?}");
    // The rule is not silenced: each set keeps the findings and genuine phrases measured.
    assert!(
        m.findings >= min_findings && m.genuine >= min_genuine_phrases,
        "the rule still finds formulas: {m:?}"
    );
    assert!(
        m.unannotated.is_empty(),
        "annotate these in {annotations}: {:?}",
        m.unannotated
    );
    assert_eq!(m.overlapping, 0, "recurring findings overlap");
    assert!(m.per_1000(m.info_plus) <= MAX_INFO_PER_1000, "{m:?}");
    assert!(m.precision() >= min_genuine, "genuine {:.3}", m.precision());
    assert!(
        m.fragment_rate() <= max_fragments,
        "fragments {:.3}",
        m.fragment_rate()
    );
}

#[test]
fn recurring_phrase_precision_on_annotated_meeting_reports() {
    gate(
        "eval/recurrence/stories.txt",
        &[
            "eval/published/xwlb.jsonl",
            "eval/recurrence/meetings.jsonl",
        ],
        "eval/recurrence/annotations.tsv",
        MIN_GENUINE,
        MAX_FRAGMENTS,
    );
}

/// The same on text the rule was not tuned on (eval/tools/extract_heldout.py).
#[test]
fn recurring_phrase_precision_on_held_out_stories() {
    gate(
        "eval/recurrence/heldout.txt",
        &["eval/recurrence/heldout.jsonl"],
        "eval/recurrence/heldout-annotations.tsv",
        HELD_OUT_MIN_GENUINE,
        HELD_OUT_MAX_FRAGMENTS,
    );
}

/// The same on a second held-out set from another archive and year
/// (eval/tools/extract_heldout2.py: 2023 新闻联播 transcripts the background table doesn't
/// contain).
#[test]
fn recurring_phrase_precision_on_second_held_out_set() {
    gate(
        "eval/recurrence/heldout2.txt",
        &["eval/recurrence/heldout2.jsonl"],
        "eval/recurrence/heldout2-annotations.tsv",
        HELD_OUT_2_MIN_GENUINE,
        HELD_OUT_2_MAX_FRAGMENTS,
    );
}

/// The same on a third held-out set from another year (`eval/tools/extract_heldout2.py --year
/// 2021 --prefix held3`: 2021 新闻联播 transcripts the background table doesn't contain).
#[test]
fn recurring_phrase_precision_on_third_held_out_set() {
    gate(
        "eval/recurrence/heldout3.txt",
        &["eval/recurrence/heldout3.jsonl"],
        "eval/recurrence/heldout3-annotations.tsv",
        HELD_OUT_3_MIN_GENUINE,
        HELD_OUT_3_MAX_FRAGMENTS,
    );
}

/// The same on a fourth held-out set, drawn after the round-4 change as a check on text it
/// was not made on (`extract_heldout2.py --year 2019 --prefix held4`).
#[test]
fn recurring_phrase_precision_on_fourth_held_out_set() {
    gate_with(
        "eval/recurrence/heldout4.txt",
        &["eval/recurrence/heldout4.jsonl"],
        "eval/recurrence/heldout4-annotations.tsv",
        HELD_OUT_4_MIN_GENUINE,
        HELD_OUT_4_MAX_FRAGMENTS,
        HELD_OUT_4_VOLUME,
    );
}

/// The same on a fifth held-out set: meeting reports only, of 2025-26, from days the published
/// corpus leaves out (`extract_heldout2.py --meetings --year 2025 --to-year 2026 --prefix
/// held5`).
#[test]
fn recurring_phrase_precision_on_fifth_held_out_set() {
    gate(
        "eval/recurrence/heldout5.txt",
        &["eval/recurrence/heldout5.jsonl"],
        "eval/recurrence/heldout5-annotations.tsv",
        HELD_OUT_5_MIN_GENUINE,
        HELD_OUT_5_MAX_FRAGMENTS,
    );
}

/// The same on a sixth held-out set: meeting reports only, of 2022, a year no other set uses
/// (`extract_heldout2.py --meetings --year 2022 --prefix held6`).
#[test]
fn recurring_phrase_precision_on_sixth_held_out_set() {
    gate(
        "eval/recurrence/heldout6.txt",
        &["eval/recurrence/heldout6.jsonl"],
        "eval/recurrence/heldout6-annotations.tsv",
        HELD_OUT_6_MIN_GENUINE,
        HELD_OUT_6_MAX_FRAGMENTS,
    );
}

#[test]
fn recurring_phrase_precision_on_seventh_held_out_set() {
    gate(
        "eval/recurrence/heldout7.txt",
        &["eval/recurrence/heldout7.jsonl"],
        "eval/recurrence/heldout7-annotations.tsv",
        HELD_OUT_7_MIN_GENUINE,
        HELD_OUT_7_MAX_FRAGMENTS,
    );
}

/// The same on an eighth held-out set: meeting reports only, of 2024, from days neither the
/// background table nor the published corpus was read from (`extract_heldout2.py --meetings
/// --year 2024 --prefix held8`).
#[test]
fn recurring_phrase_precision_on_eighth_held_out_set() {
    gate(
        "eval/recurrence/heldout8.txt",
        &["eval/recurrence/heldout8.jsonl"],
        "eval/recurrence/heldout8-annotations.tsv",
        HELD_OUT_8_MIN_GENUINE,
        HELD_OUT_8_MAX_FRAGMENTS,
    );
}

/// The same on a ninth held-out set: meeting reports only, of 2018, from days the background
/// table was not mined from (`extract_heldout2.py --meetings --year 2018 --prefix held9`).
#[test]
fn recurring_phrase_precision_on_ninth_held_out_set() {
    gate(
        "eval/recurrence/heldout9.txt",
        &["eval/recurrence/heldout9.jsonl"],
        "eval/recurrence/heldout9-annotations.tsv",
        HELD_OUT_9_MIN_GENUINE,
        HELD_OUT_9_MAX_FRAGMENTS,
    );
}

/// The same on a tenth held-out set: meeting reports only, of 2016, from days the background
/// table was not mined from (`extract_heldout2.py --meetings --year 2016 --prefix held10`).
#[test]
fn recurring_phrase_precision_on_tenth_held_out_set() {
    gate(
        "eval/recurrence/heldout10.txt",
        &["eval/recurrence/heldout10.jsonl"],
        "eval/recurrence/heldout10-annotations.tsv",
        HELD_OUT_10_MIN_GENUINE,
        HELD_OUT_10_MAX_FRAGMENTS,
    );
}

/// The same on an eleventh held-out set: meeting reports only, of 2017, from days the
/// background table was not mined from (`extract_heldout2.py --meetings --year 2017 --prefix
/// held11`).
#[test]
fn recurring_phrase_precision_on_eleventh_held_out_set() {
    gate_with(
        "eval/recurrence/heldout11.txt",
        &["eval/recurrence/heldout11.jsonl"],
        "eval/recurrence/heldout11-annotations.tsv",
        HELD_OUT_11_MIN_GENUINE,
        HELD_OUT_11_MAX_FRAGMENTS,
        (MIN_FINDINGS, HELD_OUT_11_MIN_GENUINE_PHRASES),
    );
}

#[test]
fn seeds_keep_their_formula_families() {
    let config = Config::default();
    let mut names = BTreeSet::new();
    for (_, text) in policy_lsp::seeds::all() {
        for f in policy_lsp::cli::formulas_cmd::inventory(text, &config) {
            names.insert(f.name);
        }
    }
    for want in [
        "疫情防控和经济社会发展",
        "抓紧抓实抓细各项防控工作",
        "坚决打赢疫情防控攻坚战",
        "筑牢疫情防控屏障",
    ] {
        assert!(names.contains(want), "{want} not a family: {names:?}");
    }
}

/// A held-out set `n` of `eval/recurrence`, with no fragment allowed.
fn held_out(n: u32, min_genuine: f64, volume: (usize, usize)) {
    held_out_with(n, min_genuine, 0.0, volume);
}

/// [`held_out`] with the share of fragments allowed.
fn held_out_with(n: u32, min_genuine: f64, max_fragments: f64, volume: (usize, usize)) {
    gate_with(
        &format!("eval/recurrence/heldout{n}.txt"),
        &[&format!("eval/recurrence/heldout{n}.jsonl")],
        &format!("eval/recurrence/heldout{n}-annotations.tsv"),
        min_genuine,
        max_fragments,
        volume,
    );
}

#[test]
fn recurring_phrase_precision_on_twelfth_to_fourteenth_held_out_sets() {
    let volume = (MIN_FINDINGS, MIN_GENUINE_PHRASES);
    held_out(12, HELD_OUT_12_MIN_GENUINE, volume);
    held_out(13, HELD_OUT_13_MIN_GENUINE, volume);
    held_out(14, HELD_OUT_14_MIN_GENUINE, volume);
}

#[test]
fn recurring_phrase_precision_on_fifteenth_to_seventeenth_held_out_sets() {
    held_out(15, HELD_OUT_15_MIN_GENUINE, HELD_OUT_15_VOLUME);
    held_out(16, HELD_OUT_16_MIN_GENUINE, HELD_OUT_16_VOLUME);
    held_out(17, HELD_OUT_17_MIN_GENUINE, HELD_OUT_17_VOLUME);
}

#[test]
fn recurring_phrase_precision_on_eighteenth_held_out_set() {
    held_out(18, HELD_OUT_18_MIN_GENUINE, HELD_OUT_18_VOLUME);
}

/// The nineteenth: every story of 2026-06-12..07-01 (not only meetings; 58 stories from
/// Ming-H/xwlb-daily, sealed before round 9 and labelled for main's rule and round 9's
/// together, blind). Main 50.0% (20 phrases), round 9 50.0% (18): on news that is not a
/// meeting's report, half the recurring phrases are what the story reports on, and the rule
/// sees few of them. A floor at what was measured, far below the 90%.
/// Round 10 (names the lexicon marks: 十五五, 七一勋章, both entities here; the set is no longer
/// unseen for it, its labels among those the list was checked against): 56.2% (16), 36 findings.
/// Round 12 (全国优秀共产党员, once in the title of the decision 《中共中央关于表彰…》, twice
/// used): 60.0% (15), 34
/// findings.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 69.2% (13; 中国经济发展 and
/// 非物质文化遗产 no longer flagged), 29 findings.
const HELD_OUT_19_MIN_GENUINE: f64 = 0.888;
const HELD_OUT_19_VOLUME: (usize, usize) = (21, 8);

#[test]
fn recurring_phrase_precision_on_nineteenth_held_out_set() {
    held_out(19, HELD_OUT_19_MIN_GENUINE, HELD_OUT_19_VOLUME);
}

/// The twentieth: 100 stories of every kind of 2025-26 (china-data/xwlb, days the published
/// corpus was not read from, none another set holds), drawn after round 9's final rule and
/// labelled for main's rule and it together, blind. Main 38.9% (36 phrases), 5.6% fragments;
/// round 9 42.3% (26), 7.7% fragments (中越|命运共同体建设, 社会主义事业 cut from a longer
/// name). Round 10 reads a noun phrase's left edge by its own threshold
/// (`NOUN_MODIFIER_ENTROPY`), which those two fragments led to, so this set is no longer
/// unseen for it: 45.8% (24), no fragment. Then names the lexicon marks (十四五, 三夏,
/// 超长期特别国债, entities here): 52.4% (21), 68 findings. Floors at what was measured, far
/// below the 90%.
/// Round 11 (the kinds audit: 深入贯彻中央八项规定精神学习教育, the campaign a story reports on,
/// a name): 55.0% (20), 66 findings. Round 12 (城市更新, once in 《关于持续推进城市更新行动的
/// 意见》, twice used): 57.9% (19), 63 findings. Round 13 (体系 a generic head a topic is
/// named without: 全球治理体系 in the story on the 全球治理倡议): 61.1% (18), 60 findings.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 68.8% (16; 地级及以上城市 and
/// 社区卫生服务中心 no longer flagged), 56 findings.
const HELD_OUT_20_MIN_GENUINE: f64 = 0.733;
const HELD_OUT_20_VOLUME: (usize, usize) = (54, 11);

#[test]
fn recurring_phrase_precision_on_twentieth_held_out_set() {
    held_out(20, HELD_OUT_20_MIN_GENUINE, HELD_OUT_20_VOLUME);
}

/// The twenty-first: 100 stories of every kind of 2024-26 (china-data/xwlb, days the published
/// corpus was not read from, none another set holds), sealed before round 10 looked at it and
/// labelled once for main's rule (e9a5798) and round 10's final one, blind: both flag the same
/// 20 phrases, 45.0% genuine by the annotation policy (70% by a reviewer given only the
/// issue's words: agreement/set21-reviewer-C.tsv), no fragment, 79 findings, none at
/// information. What it misses is the story's own topic or a term of its field (三农 in the
/// rural-reform 意见, 高水平对外开放 in a story on opening up, 数字经济 in a statistics paragraph).
/// Floors at what was measured, far below the 90%.
/// Round 11, drawn from two of its misses and so no longer unseen for it (a time adverbial
/// ends on 以来, or on 来 after a number: 禁渔三年多来; a headline shortens a topic by a word:
/// 高水平开放 for 高水平对外开放): 50.0% (18); then the kinds audit (黄河流域生态保护和高质量发展, a
/// story's subject, a name): 52.9% (17), 71 findings. Round 12: 67 findings. Round 15 (a
/// slogan's component named as a task, 深化农村|改革, names 三农 as the topic): 56.2% (16), 64
/// findings.
const HELD_OUT_21_MIN_GENUINE: f64 = 0.6;
const HELD_OUT_21_VOLUME: (usize, usize) = (62, 9);

#[test]
fn recurring_phrase_precision_on_twenty_first_held_out_set() {
    held_out(21, HELD_OUT_21_MIN_GENUINE, HELD_OUT_21_VOLUME);
}

/// The twenty-second: 100 stories of every kind of 2024-26 (china-data/xwlb, days the published
/// corpus was not read from, none another set holds), sealed after round 11's first change was
/// tried on set 21 and before anything was looked at on it, labelled for main's rule (82a5107)
/// and a round-11 draft together, blind: main 85.7% (18 of 21), the draft 84.2% (16 of 19:
/// terms the kinds audit proposed, 数字经济 and 基层治理, are formulas here, which is why round 11
/// left every proposed term out), no fragment, 52 findings, none at information. A reader with only the words: 95.2% and 94.7%
/// (agreement/set22-reviewer-C.tsv). Its misses: a summit's theme, a story's subject its lede
/// names (生态文明建设) and a statistical indicator (制造业增加值). Then round 11 read a
/// statistical indicator's name as no formula (indicatorHeads of data/formulas/words.json),
/// drawn from that miss, so the set is no longer unseen for it: 90.0% (18 of 20), 55 findings.
/// Round 13: a speech's title in a story's opening paragraphs names its topic, so the summit's
/// theme (携手推进现代化, from 《携手推进现代化，共筑命运共同体》) is not flagged: 94.7% (18 of 19),
/// 51 findings. Floors at what was measured.
const HELD_OUT_22_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_22_VOLUME: (usize, usize) = (47, 17);

#[test]
fn recurring_phrase_precision_on_twenty_second_held_out_set() {
    held_out(22, HELD_OUT_22_MIN_GENUINE, HELD_OUT_22_VOLUME);
}

/// The twenty-third: 300 stories of every kind of 2024-26 (china-data/xwlb, days the published
/// corpus was not read from, none another set holds), sealed after round 11's last change was
/// drawn and labelled blind for main's rule (82a5107) and round 11's final one together. Both
/// flag the same 40 phrases: 70.0% genuine by the annotation policy, 80.0% by a reader given
/// only the words (agreement/set23-reviewer-C.tsv), 183 findings, none at information.
/// Its misses: names (中央广播电视总台, 中巴经济走廊, 中国人民抗日战争, 一带一路), the subject a story
/// reports on (巩固拓展脱贫攻坚成果, 加快建设文化大省, 澳门回归祖国), a frame (双方一致同意) and three
/// fragments, 7.5%: a formula cut inside a body's name (全面深化改革 in 中央全面深化改革领导小组), a
/// verb cut from the rest of its listed object (应对气候变化、海洋多样性等全球性挑战) and a head cut
/// from its modifier (体制机制改革 of 人才发展体制机制改革). Floors at
/// what was measured, below the 90% and above its 3% of fragments.
/// Round 12, drawn from its fragments and names, so no longer unseen: a place inside a body's
/// name, a document's title or a quoted name, or a verb before the list it governs, is no use
/// (全面深化改革 and 应对气候变化, judged again where now shown, are formulas there; 全国统一大市场,
/// once in 《全国统一大市场建设指引》, is used twice); 总台, 抗日战争, 走廊 end names and 一致同意
/// a frame: 82.9% (29 of 35), one fragment (体制机制改革 of 人才发展体制机制改革, 2.9%), 157
/// findings.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 82.4% (28 of 34; 战略性新兴产业,
/// 0.33, a formula here, is no longer flagged), the same fragment (2.9%), 155 findings.
const HELD_OUT_23_MIN_GENUINE: f64 = 0.933;
const HELD_OUT_23_MAX_FRAGMENTS: f64 = 0.034;
const HELD_OUT_23_VOLUME: (usize, usize) = (146, 28);

#[test]
fn recurring_phrase_precision_on_twenty_third_held_out_set() {
    held_out_with(
        23,
        HELD_OUT_23_MIN_GENUINE,
        HELD_OUT_23_MAX_FRAGMENTS,
        HELD_OUT_23_VOLUME,
    );
}

/// The twenty-fourth: 300 stories of every kind of 2024-26 (china-data/xwlb, days the published
/// corpus was not read from, none another set holds), sealed before round 12 changed anything
/// (12e6e97) and labelled blind for main's rule (82a5107) and round 12's first change (96627dc)
/// together: main 85.3% (29 of 34), round 12's first change 84.8% (28 of 33: 京津冀协同发展,
/// a name since round 11's kinds audit, is a formula here), two fragments (a formula inside
/// the course name “…思想概论” and inside a document's title); a reader with only the issue's
/// words 82.4% and 81.8% (agreement/set24-reviewer-C.tsv). Round 12's next change (a place
/// inside a title or a quoted name is no use) was drawn from those fragments, so the set is no
/// longer unseen for it: 90.3% (28 of 31), no fragment, 144 findings. Set 25 is its unseen check.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 93.1% (27 of 29; 高标准农田建设
/// and the close repeat 电信网络诈骗 no longer flagged), 139 findings.
const HELD_OUT_24_MIN_GENUINE: f64 = 0.961;
const HELD_OUT_24_VOLUME: (usize, usize) = (132, 25);

#[test]
fn recurring_phrase_precision_on_twenty_fourth_held_out_set() {
    held_out(24, HELD_OUT_24_MIN_GENUINE, HELD_OUT_24_VOLUME);
}

/// The twenty-fifth: the 211 stories of every kind of 2024-26 left in the archive (none another
/// set holds), sealed before round 12's last changes were drawn from set 24 (83cbe4b) and
/// labelled blind for main's rule (82a5107) and round 12's final one together: main 48.0% (12 of
/// 25), round 12 50.0% (12 of 24), 77 findings, 4 at information or above (0.02 per 1,000). Its
/// annotator read "fragment" more strictly than earlier ones: a formula with a modifier before
/// it or a head after it at the shown place (中国未来5年|经济社会发展, 守牢|美丽中国建设|安全底线),
/// 5 of 24 (20.8%); a reader with only the words found one fragment (科技创新中心 in
/// 上海（长三角）国际科技创新中心) and 50.0% genuine (agreement/set25-reviewer-C.tsv). The rest
/// is what a story reports on (生态文明建设 in the speech on it, 树立和践行正确政绩观 in its lede)
/// and names (习近平法治思想, 九二共识). Then, drawn from it (no longer unseen for this): the
/// clause a news story's lede opens on is its subject even as a call to action
/// (树立和践行正确政绩观，事关…): 52.2% (12 of 23), fragments 21.7%, 73 findings. Round 13: a
/// speech's title after the lead's scene (发表题为《…推动中阿命运共同体建设跑出加速度》的主旨讲话,
/// fourth paragraph) names the story's topic: 54.5% (12 of 22), the same five fragments
/// (22.7%), 71 findings. Floors at what was measured, far below the 90%.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 57.1% (12 of 21; the fragment
/// 科技创新中心 no longer flagged), four fragments (19.0%), 69 findings.
const HELD_OUT_25_MIN_GENUINE: f64 = 0.625;
const HELD_OUT_25_MAX_FRAGMENTS: f64 = 0.236;
const HELD_OUT_25_VOLUME: (usize, usize) = (57, 10);

#[test]
fn recurring_phrase_precision_on_twenty_fifth_held_out_set() {
    held_out_with(
        25,
        HELD_OUT_25_MIN_GENUINE,
        HELD_OUT_25_MAX_FRAGMENTS,
        HELD_OUT_25_VOLUME,
    );
}

/// The twenty-sixth: every 新闻联播 story of 2026-07-02..08-21 (145, after every other corpus
/// ends; yuekcc/cctv_news), sealed in 244b382 before anything was looked at on it, the unseen
/// check of rounds 12 and 13 (630a016 and 73e3367 flag the same 22 phrases): 72.7% genuine (16
/// of 22) by the annotation policy, 77.3% (17) by a reader with only the words
/// (agreement/set26-reviewer-C.tsv), no fragment by either, 58 findings, 2 at information.
/// Its misses are what a feature story reports on (人民城市 ×6 in one on city work, 基本公共服务,
/// 社会保障体系); the readers split on five more subjects. Then, drawn from it (no longer unseen
/// for this): 体系 is a generic head a topic is named without (社会保障体系 under the headline
/// 织就更密更暖的社会保障安全网): 76.2% (16 of 21), 56 findings. Floors at what was measured,
/// below the 90%.
const HELD_OUT_26_MIN_GENUINE: f64 = 0.777;
const HELD_OUT_26_VOLUME: (usize, usize) = (44, 14);

#[test]
fn recurring_phrase_precision_on_twenty_sixth_held_out_set() {
    held_out(26, HELD_OUT_26_MIN_GENUINE, HELD_OUT_26_VOLUME);
}

/// The twenty-seventh: 250 新闻联播 stories of 2022-23 (yuekcc/cctv_news, no day the background
/// table was mined from, none another set holds, drawn from 1,370), sealed in 7e05d8d, the
/// unseen check of round 13 (630a016 and b26a3d9 flag the same 27 phrases): 81.5% genuine (22
/// of 27) by the annotation policy, 77.8% (21) by a reader with only the words
/// (agreement/set27-reviewer-C.tsv), 114 findings, 2 at information. One fragment by the policy
/// (3.7%): 营商环境 at a place where it opens the name 营商环境建设局. The rest of its misses is
/// what a story reports on (全球文明倡议 in the reactions to the speech proposing it, 数字经济,
/// 变群众上访为领导下访) and a place's name (北京城市副中心). Then, drawn from it (no longer
/// unseen for this): 副中心 ends a place's name (placeHeads): 84.6% (22 of 26), the one fragment
/// 3.8%, 111 findings. Floors at what was measured.
const HELD_OUT_27_MIN_GENUINE: f64 = 0.818;
const HELD_OUT_27_MAX_FRAGMENTS: f64 = 0.046;
const HELD_OUT_27_VOLUME: (usize, usize) = (94, 18);

#[test]
fn recurring_phrase_precision_on_twenty_seventh_held_out_set() {
    held_out_with(
        27,
        HELD_OUT_27_MIN_GENUINE,
        HELD_OUT_27_MAX_FRAGMENTS,
        HELD_OUT_27_VOLUME,
    );
}

/// The twenty-eighth: meeting reports of 2022-23 (103, every one left on days the background
/// table was not mined from that no other set holds; yuekcc/cctv_news), sealed in 9be4226, the
/// unseen check of round 13 on meeting reports (630a016 and af20048 flag the same 22 phrases):
/// 72.7% genuine (16 of 22) by the annotation policy, 81.8% (18) by a reader with only the
/// issue's words (agreement/set28-reviewer-C.tsv), no fragment by either, 79 findings, none at
/// information. Its misses: agendas' subjects (重大项目建设, 推进全面从严治党, 全面深化改革 in a
/// review of the reform committee's work), a topic said in other words (党的创新理论 in a study
/// of 习近平新时代中国特色社会主义思想) and a frame (广大干部群众|表示). Then, drawn from it (no
/// longer unseen for this): a phrase a reporting verb follows in most of its places is who
/// speaks, a frame: 76.2% (16 of 21), 77 findings. Floors at what was measured.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 80.0% (16 of 20; 重大项目建设
/// no longer flagged), 75 findings.
const HELD_OUT_28_MIN_GENUINE: f64 = 0.882;
const HELD_OUT_28_VOLUME: (usize, usize) = (69, 15);

#[test]
fn recurring_phrase_precision_on_twenty_eighth_held_out_set() {
    held_out(28, HELD_OUT_28_MIN_GENUINE, HELD_OUT_28_VOLUME);
}

/// The twenty-ninth: 250 more 新闻联播 stories of 2022-23 (yuekcc/cctv_news, no day the
/// background table was mined from, drawn from the 1,015 no other set holds), sealed in a552ad6,
/// the unseen check of round 13's rule (630a016 and c1285bd flag the same 42 phrases): 76.2%
/// genuine (32 of 42) by the annotation policy, 81.0% (34) by a reader with only the issue's
/// words (agreement/set29-reviewer-C.tsv; agreement 0.95), 203 findings, 3 at information.
/// Fragments: 7.1% by the policy (3), 4.8% by the issue reader (2): both 中东欧国家合作, the tail
/// of 中国—中东欧国家合作, and 推动两国关系, whose verb governs a clause (|再上新台阶, |发展).
/// The rest: stories' subjects (农村基础设施, 全过程人民民主, 三农, 全员核酸检测) and names
/// (国际原子能机构, 米尔济约耶夫). Then, drawn from it (no longer unseen for this): a place after
/// a name's one-character dash is no use: 78.0% (32 of 41), fragments 4.9%, 200 findings.
/// (Reading a verb's noun phrase followed by a verb in most places as a cut clause was tried
/// and dropped: it took out 构建人类命运共同体, 实现中华民族伟大复兴 and 坚持和发展中国特色社会主义
/// in other sets, and not 推动两国关系.) Floors at what was measured, below the 90%.
/// Round 14 (a phrase published text seldom uses in what the leadership or a meeting says is a
/// word of reportage, `REPORTAGE_SHARE`): 82.1% (32 of 39; 全员核酸检测 and
/// 国际原子能机构 no longer flagged), the same two fragments (5.1%), 195 findings. Then a foreign
/// name cut into a name's piece and single characters (米尔|济|约|耶|夫) is a name: 84.2% (32 of
/// 38), fragments 5.3%, 193 findings.
/// Round 19: 增强“四个意识”、坚定“四个自信”、做到“两个维护”, one run, where its slogans were two
/// phrases: 87.9% (29 of 33), the same one fragment (3.0% of fewer phrases), 171 findings.
const HELD_OUT_29_MIN_GENUINE: f64 = 0.878;
const HELD_OUT_29_MAX_FRAGMENTS: f64 = 0.031;
const HELD_OUT_29_VOLUME: (usize, usize) = (171, 29);

#[test]
fn recurring_phrase_precision_on_twenty_ninth_held_out_set() {
    held_out_with(
        29,
        HELD_OUT_29_MIN_GENUINE,
        HELD_OUT_29_MAX_FRAGMENTS,
        HELD_OUT_29_VOLUME,
    );
}

/// The thirtieth: 250 more 新闻联播 stories of 2022-23 (yuekcc/cctv_news, no day the background
/// table was mined from, drawn from the 752 no other set holds), sealed in c63fa84 before round
/// 14 changed anything, the unseen check of round 14's rule (88b0e9e and 5988c4a flag the same
/// 22 phrases, 97 findings, none at information): 72.7% genuine (16 of 22) by the annotation
/// policy, 100% (22) by a reader with only the words (agreement/set30-reviewer-C.tsv;
/// agreement 0.73). The policy's misses are what a story reports on (生态文明建设 in the story of
/// a book on it, 新时代的中国 in a feature on it, 推进乡村振兴, 高质量发展 as a forum's theme, the
/// anniversary of 中国改革开放) and one fragment, 4.5% (两岸融合发展 cut from 海峡两岸融合发展).
/// Floors at what was measured, below the 90%.
const HELD_OUT_30_MIN_GENUINE: f64 = 0.888;
const HELD_OUT_30_MAX_FRAGMENTS: f64 = 0.0;
const HELD_OUT_30_VOLUME: (usize, usize) = (88, 16);

#[test]
fn recurring_phrase_precision_on_thirtieth_held_out_set() {
    held_out_with(
        30,
        HELD_OUT_30_MIN_GENUINE,
        HELD_OUT_30_MAX_FRAGMENTS,
        HELD_OUT_30_VOLUME,
    );
}

/// The thirty-first: 250 more 新闻联播 stories of 2022-23 (yuekcc/cctv_news, no day the
/// background table was mined from, drawn from the 499 no other set holds), sealed in 1902555,
/// the unseen check of round 14's final rule (88b0e9e and 5988c4a flag the same 33 phrases, 117
/// findings, 2 at information): 84.8% genuine (28 of 33) by the annotation policy, 78.8% (26) by
/// a reader with only the words (agreement/set31-reviewer-C.tsv; agreement 0.88), no
/// fragment by either. The misses are what a story reports on (三农 in the rural-work document,
/// 自由贸易港建设, 国家粮食安全, 生态环境保护) and 枫桥经验 at its sixtieth anniversary. Floors at
/// what was measured, below the 90%. Then, drawn from it (no longer unseen for this):
/// a headline that puts a task's verb first names it (加快建设…自由贸易港 for 自由贸易港建设,
/// `taskHeads`): 87.5% (28 of 32), 114 findings.
const HELD_OUT_31_MIN_GENUINE: f64 = 0.896;
const HELD_OUT_31_VOLUME: (usize, usize) = (106, 26);

#[test]
fn recurring_phrase_precision_on_thirty_first_held_out_set() {
    held_out(31, HELD_OUT_31_MIN_GENUINE, HELD_OUT_31_VOLUME);
}

/// The thirty-second: the 247 新闻联播 stories of 2022-23 left in yuekcc/cctv_news on days the
/// background table was not mined from (none another set holds), sealed in 00c8bb7, the unseen
/// check of round 14's final rule. Round 13's (88b0e9e) flags 33 phrases, 146 findings: 87.9%
/// genuine by the annotation policy, 93.9% by a reader with only the words
/// (agreement/set32-reviewer-C.tsv; agreement 0.94), no fragment. Round 14's flags 29, 133
/// findings, none at information: 89.7% (26 of 29) and 96.6% (28 of 29). The reportage cut took
/// out 巴勒斯坦人民 (0.44) and three formulas a story reports others saying (坚定奉行一个中国原则
/// 0.33, 人道主义援助 0.29, 战略性新兴产业 0.33). Its misses: the Olympic Movement at a meeting
/// with the IOC's president, 中华民族伟大复兴 twice in the preface of a collection on it.
const HELD_OUT_32_MIN_GENUINE: f64 = 0.923;
const HELD_OUT_32_VOLUME: (usize, usize) = (124, 24);

#[test]
fn recurring_phrase_precision_on_thirty_second_held_out_set() {
    held_out(32, HELD_OUT_32_MIN_GENUINE, HELD_OUT_32_VOLUME);
}

/// The thirty-third: 250 新闻联播 stories of 2021 of every kind (china-data/xwlb, days the
/// background table was not mined from, none another set holds), sealed in e4a8383, the unseen
/// check of round 15's final rule. Round 14's (6f70813) flags 32 phrases, 116 findings: 78.1%
/// genuine by the annotation policy, 81.2% by a reader with only the words
/// (agreement/set33-reviewer-C.tsv; agreement 0.97, kappa 0.90), no fragment. Round 15's flags
/// 30, 111 findings, 3 at information: 83.3% (25 of 30) and 86.7% (26 of 30); the meeting its
/// lede reports (党史学习教育专题民主生活会) took out 党史学习教育 and 开展党史学习教育. Its misses
/// are topics: 区域协调发展战略 under a headline on 区域协调发展, 扫黑除恶专项斗争 in a brief on
/// its exhibition, 应对气候变化 at the leaders' climate summit, 全面从严治党 in a story on the
/// Party's self-revolution. Then 战略 joined `topicHeads` (drawn from this set, no longer unseen
/// for it; no other set changes): 86.2% (25 of 29), 109 findings.
const HELD_OUT_33_MIN_GENUINE: f64 = 0.88;
const HELD_OUT_33_VOLUME: (usize, usize) = (95, 22);

#[test]
fn recurring_phrase_precision_on_thirty_third_held_out_set() {
    held_out(33, HELD_OUT_33_MIN_GENUINE, HELD_OUT_33_VOLUME);
}

/// The thirty-fourth: 250 新闻联播 stories of 2019 of every kind (china-data/xwlb, days the
/// background table was not mined from, none another set holds), sealed in f54245b, the unseen
/// check of round 15's final rule (0145247), which flags what round 14's (6f70813) flags: 24
/// phrases, 121 findings, 1 at information. 87.5% genuine (21 of 24) by the annotation policy,
/// 95.8% (23 of 24) by a reader with only the words (agreement/set34-reviewer-C.tsv;
/// agreement 0.92, kappa 0.47). One fragment by the policy (4.2%): 全面深化改革 where a story
/// writes 全面深化改革开放 once of its three places; two sub-forum themes (亚洲命运共同体,
/// 人类命运共同体) are the policy's topics.
const HELD_OUT_34_MIN_GENUINE: f64 = 0.863;
const HELD_OUT_34_MAX_FRAGMENTS: f64 = 0.046;
const HELD_OUT_34_VOLUME: (usize, usize) = (113, 19);

#[test]
fn recurring_phrase_precision_on_thirty_fourth_held_out_set() {
    held_out_with(
        34,
        HELD_OUT_34_MIN_GENUINE,
        HELD_OUT_34_MAX_FRAGMENTS,
        HELD_OUT_34_VOLUME,
    );
}

/// The thirty-fifth: 250 新闻联播 stories of 2018 of every kind (china-data/xwlb, days the
/// background table was not mined from, none another set holds), sealed in a7e766a, a second
/// unseen check of round 15's final rule (e48029f), which flags what round 14's (6f70813)
/// flags: 32 phrases, 168 findings, none at information. 84.4% genuine (27 of 32) by the
/// annotation policy, 78.1% (25 of 32) by a reader with only the words
/// (agreement/set35-reviewer-C.tsv; agreement 0.88, kappa 0.59), no fragment. The readers'
/// misses are topics: 营商环境 as its own round-up item's subject, 基层治理, 脱贫攻坚工作,
/// 中国改革开放 at an anniversary forum; the issue reader adds 乡村振兴战略 and 精准扶贫 in
/// stories on them. Then a round-up item's title that names its source before a colon
/// (国新办政策例行吹风会：多地优化营商环境) was read as a title (drawn from this set, no longer
/// unseen for it; no other set changes): 87.1% (27 of 31), 166 findings.
const HELD_OUT_35_MIN_GENUINE: f64 = 0.892;
const HELD_OUT_35_VOLUME: (usize, usize) = (157, 25);

#[test]
fn recurring_phrase_precision_on_thirty_fifth_held_out_set() {
    held_out(35, HELD_OUT_35_MIN_GENUINE, HELD_OUT_35_VOLUME);
}

/// Sets 36 to 39: 新闻联播 stories of 2020 (250), 2017 (250), 2022 (all 133 left) and 2023 (all
/// 159 left) of every kind (china-data/xwlb, days the background table was not mined from,
/// none another set holds), sealed in 4ea7f1b and 9e77514 before round 16 was built or looked
/// at on them: the unseen check of the confidence model. Judged blind by the annotation policy
/// and by a reader with only the words (agreement/set36- to set39-reviewer-C.tsv;
/// agreement 0.89, kappa 0.69 pooled). Pooled over the four sets, round 15's final rule
/// (bb88efa) flags 37 phrases: 73.0% genuine by the policy, 83.8% by the issue reader; round
/// 16's flags 32: 81.2% and 90.6%. The model took out 新冠肺炎疫情 (a named event),
/// 奥林匹克运动 at a meeting with the IOC's president, 生态文明建设 as a tour's purpose,
/// 带领中国人民 (a fragment to the policy), and one formula, 中国共产党的领导. What is left of
/// the policy's misses: 数字经济 and 中国特色社会主义 where places stand inside a longer name
/// (广州人工智能与数字经济试验区, 习近平新时代中国特色社会主义思想), 推动高质量发展 as a forum's
/// name, a letter-reading caption, 中国共产党和中国人民. Then a place before a zone's head is no
/// use (数字经济|试验区, drawn from set 36, no longer unseen for it): 数字经济 is shown first in
/// the G20 story, judged again there (the policy's entity, a section's subject; the issue
/// reader's genuine), and set 30 loses its fragment 两岸融合发展 (…建设两岸融合发展|示范区).
/// Floors at what was measured.
const HELD_OUT_36_MIN_GENUINE: f64 = 0.75;
const HELD_OUT_36_MAX_FRAGMENTS: f64 = 0.084;
const HELD_OUT_36_VOLUME: (usize, usize) = (33, 9);
const HELD_OUT_37_MIN_GENUINE: f64 = 0.937;
const HELD_OUT_37_VOLUME: (usize, usize) = (90, 15);
const HELD_OUT_38_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_38_VOLUME: (usize, usize) = (2, 1);
const HELD_OUT_39_MIN_GENUINE: f64 = 1.0;
const HELD_OUT_39_VOLUME: (usize, usize) = (2, 1);

#[test]
fn recurring_phrase_precision_on_thirty_sixth_to_thirty_ninth_held_out_sets() {
    held_out_with(
        36,
        HELD_OUT_36_MIN_GENUINE,
        HELD_OUT_36_MAX_FRAGMENTS,
        HELD_OUT_36_VOLUME,
    );
    held_out(37, HELD_OUT_37_MIN_GENUINE, HELD_OUT_37_VOLUME);
    held_out(38, HELD_OUT_38_MIN_GENUINE, HELD_OUT_38_VOLUME);
    held_out(39, HELD_OUT_39_MIN_GENUINE, HELD_OUT_39_VOLUME);
}

/// Sets 40 and 41: 250 新闻联播 stories each of 2016 and 2015 of every kind (china-data/xwlb,
/// days the background table was not mined from, none another set holds), sealed in 232c32b
/// after round 16's last change to the rule (8f60336): a second unseen check of it, judged
/// blind by the annotation policy and by a reader with only the words
/// (agreement/set40- and set41-reviewer-C.tsv; agreement 0.88, kappa 0.73 pooled). Pooled,
/// round 15's rule (bb88efa) flags 32 phrases: 59.4% genuine by the policy, 71.9% by the
/// issue reader; round 16's flags 30: 63.3% and 76.7% (the model took out 调结构转方式 and
/// 治疗用药豁免, both stories' subjects). The 2015-16 stories name their subjects in ways
/// the rule misses: 司法体制改革 in a year-end feature on the rule of law, 精准扶贫 under a
/// headline that asks (精准扶贫：钱怎么用到刀刃上？), 建立战略伙伴关系 at the state visit that
/// set it up, 中央八项规定精神 in a report on enforcing it, 全面从严治党 in the explanation of
/// two documents on it; fragments: 总书记的讲话 (cut from 习总书记), 中东欧国家合作, 全面深化改革
/// (to the policy: the story also writes it inside 中央全面深化改革领导小组, a place the rule
/// does not count). Then a short headline that asks or exclaims is a headline (drawn from set
/// 40, no longer unseen for it): 精准扶贫 is shown first in another story, judged again there
/// (the policy's entity, the issue reader's topic), 54 findings; no other set changes. And a
/// place after a name's hyphen is no use, as after its dash (中国-|中东欧国家合作, drawn from
/// set 40): 44.4% (4 of 9), fragments 22.2%, 52 findings. Floors at what was measured.
const HELD_OUT_40_MIN_GENUINE: f64 = 0.571;
const HELD_OUT_40_MAX_FRAGMENTS: f64 = 0.143;
const HELD_OUT_40_VOLUME: (usize, usize) = (47, 4);
const HELD_OUT_41_MIN_GENUINE: f64 = 0.833;
const HELD_OUT_41_VOLUME: (usize, usize) = (104, 15);

#[test]
fn recurring_phrase_precision_on_fortieth_and_forty_first_held_out_sets() {
    held_out_with(
        40,
        HELD_OUT_40_MIN_GENUINE,
        HELD_OUT_40_MAX_FRAGMENTS,
        HELD_OUT_40_VOLUME,
    );
    held_out(41, HELD_OUT_41_MIN_GENUINE, HELD_OUT_41_VOLUME);
}

/// Sets 42 to 44: 250 新闻联播 stories each of every kind of 2024-01..2026-06 (sets 42, 43) and
/// the 44 meeting reports of 2024-01..2026-08 (set 44) that yuekcc/cctv_news holds and no other
/// set or the published corpus does, sealed in 26adc5b and the commit after it, before round
/// 17 refitted the confidence model on sets 1 to 41 (adding 36 to 41): the unseen check of
/// that refit, judged blind by the annotation policy and by a reader with only the words
/// (agreement/set42- to set44-reviewer-C.tsv). Pooled, round 16's model flags 50 phrases:
/// 58.0% genuine by the policy, 94.0% by the issue reader; the refitted model flags 43: 62.8%
/// and 95.3% (it takes out 商务大数据显示, a frame to both, and 经济社会发展 twice, 农业农村现代化,
/// 重要指示精神, 党的创新理论 and 重要讲话精神, which the two readers judge apart). The two agree
/// on 32 of 50: the policy calls a formula the story reports on its topic (人民城市 in the
/// opinions on urban work, 教育强国 in a talk to educators), the issue reader a formula. A
/// second policy annotator reading the earlier sets' labels as precedent
/// (agreement/setNN-reviewer-D.tsv) judges 80.0% and 79.1%. The policy's fragment
/// 全面深化改革 (its other places stand inside 中央全面深化改革委员会) is flagged only on the 3
/// places outside the committee's name. Then a headline naming a collection of writings names
/// the thought (4342d66, drawn from sets 42 and 46): 习近平经济思想 goes, 10 of 17 (58.8%).
/// Round 18: a phrase every use of which runs on into a quotation is cut there, which takes out
/// set 44's fragment 深刻回答了我们党 (8 of 11, 72.7%, no fragment); and a body's meeting is
/// about what the body is named for, which takes out set 42's 全面深化改革 (10 of 16, 62.5%, no
/// fragment). Floors at what was measured.
const HELD_OUT_42_MIN_GENUINE: f64 = 0.625;
const HELD_OUT_42_MAX_FRAGMENTS: f64 = 0.0;
const HELD_OUT_42_VOLUME: (usize, usize) = (58, 10);
const HELD_OUT_43_MIN_GENUINE: f64 = 0.692;
const HELD_OUT_43_VOLUME: (usize, usize) = (36, 9);
const HELD_OUT_44_MIN_GENUINE: f64 = 0.727;
const HELD_OUT_44_MAX_FRAGMENTS: f64 = 0.0;
const HELD_OUT_44_VOLUME: (usize, usize) = (51, 8);

#[test]
fn recurring_phrase_precision_on_forty_second_to_forty_fourth_held_out_sets() {
    held_out_with(
        42,
        HELD_OUT_42_MIN_GENUINE,
        HELD_OUT_42_MAX_FRAGMENTS,
        HELD_OUT_42_VOLUME,
    );
    held_out(43, HELD_OUT_43_MIN_GENUINE, HELD_OUT_43_VOLUME);
    held_out_with(
        44,
        HELD_OUT_44_MIN_GENUINE,
        HELD_OUT_44_MAX_FRAGMENTS,
        HELD_OUT_44_VOLUME,
    );
}

/// Sets 45 and 46: the 335 新闻联播 stories of every kind of 2024-01..2026-06 left in
/// yuekcc/cctv_news once sets 42-44 held theirs (250 drawn by SHA-1, then the 85 left), sealed
/// in 7e58da7 after the refit and before anything was looked at on them: a second unseen
/// check of the refitted model (4686aab), judged blind by the three readers of sets 42-44.
/// Set 45: 16 of 17 genuine by the policy annotator and reviewer D, 17 of 17 by reviewer C.
/// Set 46: 5, 6 and 7 of 11; all three call the thought a story on its 文选 reports on its topic
/// (习近平法治思想, 习近平生态文明思想, 习近平外交思想). Then, drawn from this set and set 42
/// (no longer unseen for it): a headline naming a collection of writings names the thought
/// (4342d66): set 46 5 of 8 by the policy annotator, 6 of 8 by reviewer D, 7 of 8 by reviewer
/// C; set 45 unchanged (round 18's refit then took one genuine phrase out of it). Floors at
/// what was measured.
const HELD_OUT_45_MIN_GENUINE: f64 = 0.937;
const HELD_OUT_45_VOLUME: (usize, usize) = (46, 15);
const HELD_OUT_46_MIN_GENUINE: f64 = 0.625;
const HELD_OUT_46_VOLUME: (usize, usize) = (18, 5);

#[test]
fn recurring_phrase_precision_on_forty_fifth_and_forty_sixth_held_out_sets() {
    held_out(45, HELD_OUT_45_MIN_GENUINE, HELD_OUT_45_VOLUME);
    held_out(46, HELD_OUT_46_MIN_GENUINE, HELD_OUT_46_VOLUME);
}

/// Set 47: the 153 新闻联播 stories of 2021 left in china-data/xwlb (set 33 drew 250 of that
/// pool), sealed in 0810059 before round 17's change drawn from sets 42 and 46 (a collection of
/// writings names its thought): the unseen check of round 17's rule, judged blind by the three
/// readers. 10 of 13 genuine by the policy annotator (a fragment, 强调这一时期党领导人民创造的伟大
/// 成就, cut from the clause it opens; 生育支持 and 数字经济 the story's subject), 12 of 13 by the
/// issue reader, 13 of 13 by reviewer D. Floors at what was measured.
const HELD_OUT_47_MIN_GENUINE: f64 = 0.769;
const HELD_OUT_47_MAX_FRAGMENTS: f64 = 0.077;
const HELD_OUT_47_VOLUME: (usize, usize) = (42, 10);

#[test]
fn recurring_phrase_precision_on_forty_seventh_held_out_set() {
    held_out_with(
        47,
        HELD_OUT_47_MIN_GENUINE,
        HELD_OUT_47_MAX_FRAGMENTS,
        HELD_OUT_47_VOLUME,
    );
}

/// Sets 48 and 49: the 99 meeting reports of 2022-23 left in yuekcc/cctv_news and 250 stories
/// of every kind of the 374 left after them, sealed in 42559ad before round 18's refit: its
/// unseen checks, judged blind by the three readers (the union of what 4a7bdea and the refit
/// flag, 60 phrases). Set 48 after round 18 (its title chain 最高人民检察院检察长 taken out by
/// the offices titleWords gained from it): 35 of 37 genuine by the policy annotator (全面深化改革
/// at a meeting of the commission named for it, 全球发展倡议 at its own meeting); 35 of 36 once
/// a body's meeting is about what the body is named for (from sets 42 and 48, with sets 10, 16
/// and 28 as precedent). Set 49 after the
/// refit: 18 of 20 (实现可持续发展, cut from 可持续发展目标, a fragment to all three readers;
/// 中华优秀传统文化 in a feature on carrying on Chinese culture). Floors at what was measured.
const HELD_OUT_48_MIN_GENUINE: f64 = 0.972;
const HELD_OUT_48_MAX_FRAGMENTS: f64 = 0.0;
const HELD_OUT_48_VOLUME: (usize, usize) = (168, 35);
const HELD_OUT_49_MIN_GENUINE: f64 = 0.9;
const HELD_OUT_49_MAX_FRAGMENTS: f64 = 0.05;
const HELD_OUT_49_VOLUME: (usize, usize) = (79, 18);

#[test]
fn recurring_phrase_precision_on_forty_eighth_and_forty_ninth_held_out_sets() {
    held_out_with(
        48,
        HELD_OUT_48_MIN_GENUINE,
        HELD_OUT_48_MAX_FRAGMENTS,
        HELD_OUT_48_VOLUME,
    );
    held_out_with(
        49,
        HELD_OUT_49_MIN_GENUINE,
        HELD_OUT_49_MAX_FRAGMENTS,
        HELD_OUT_49_VOLUME,
    );
}

/// Sets 50 and 51: 250 新闻联播 stories of 2014 and 250 of 2013 from china-data/xwlb, sealed in
/// 548bb4f after round 18's changes: their unseen check, judged blind by the three readers.
/// Round 18's rule flags what 4a7bdea flags on them (33 phrases). Set 50: 7 of 8 genuine by the
/// policy annotator (两国关系发展, stock wording of a state visit, a frame), 8 of 8 by the other
/// two. Set 51: 21 of 25 by the policy annotator (中央八项规定精神 and 转变政府职能 the subjects
/// their leads name, all three readers agree; 推动两国关系 and 发挥积极作用 stock wording of
/// audiences), 23 of 25 by the issue reader. These older reports use few formulas (0.10 and
/// 0.28 findings per 1,000 characters). Floors at what was measured.
const HELD_OUT_50_MIN_GENUINE: f64 = 0.875;
const HELD_OUT_50_VOLUME: (usize, usize) = (30, 7);
const HELD_OUT_51_MIN_GENUINE: f64 = 0.84;
const HELD_OUT_51_VOLUME: (usize, usize) = (78, 21);

#[test]
fn recurring_phrase_precision_on_fiftieth_and_fifty_first_held_out_sets() {
    held_out(50, HELD_OUT_50_MIN_GENUINE, HELD_OUT_50_VOLUME);
    held_out(51, HELD_OUT_51_MIN_GENUINE, HELD_OUT_51_VOLUME);
}

/// Set 52: 300 新闻联播 stories of 2017-2020 from china-data/xwlb, sealed in 720458e after
/// round 18's changes: an unseen check of them, judged blind by the three readers (28 phrases,
/// the same for 4a7bdea). 23 of 28 genuine by the policy annotator, 22 by reviewer D, 25 by the
/// issue reader. Three fragments to the policy annotator: 推动物质文明 and 包括全体社会主义劳动者,
/// each a verb cut from the enumeration it governs in the quoted old and new text of the 2018
/// constitutional amendment (the last item goes on into what the list shares, 生态文明|协调发展,
/// and one item is a noun with a clause before it, 拥护社会主义的爱国者: the enumeration reader
/// took both for parallel clauses; reading every item opening on a noun as the verb's object
/// took out 11 formulas elsewhere), and 基础设施建设等领域, the end of a list in two of its
/// four places. 三农 in a report on a village's rural revitalisation and 营商环境 are topics to
/// the policy. Round 20: the next item ending on the phrase's own head (物质文明、政治文明;
/// 劳动者、建设者) marks the verb's object listed, and the two cut verbs are gone (nothing else
/// changes on sets 1-56; on set 58 it drops one phrase the readers call genuine): 23 of 26
/// genuine, one fragment. Floors at what was measured.
const HELD_OUT_52_MIN_GENUINE: f64 = 0.884;
const HELD_OUT_52_MAX_FRAGMENTS: f64 = 0.039;
const HELD_OUT_52_VOLUME: (usize, usize) = (114, 23);

#[test]
fn recurring_phrase_precision_on_fifty_second_held_out_set() {
    held_out_with(
        52,
        HELD_OUT_52_MIN_GENUINE,
        HELD_OUT_52_MAX_FRAGMENTS,
        HELD_OUT_52_VOLUME,
    );
}

/// Set 53: 300 新闻联播 stories of 2015-2016 from china-data/xwlb, sealed in 4e87cd5 after
/// round 18's changes and judged blind by the three readers (19 phrases, the same for
/// 4a7bdea): 16 of 19 genuine by the policy annotator, 15 by reviewer D and by the issue
/// reader. One fragment to all three, 领域交流合作, each of its places after 各 or an
/// enumeration's 等; then, drawn from it (no longer unseen for this), a phrase every place of
/// which follows one of `determiners` is cut from that noun phrase: 16 of 18 (88.9%), no
/// fragment. The policy's two entities are the subjects of their stories (全面战略合作伙伴关系
/// at the summit that upgraded it, 应对气候变化 at the signing of the Paris Agreement).
/// Floors at what was measured.
const HELD_OUT_53_MIN_GENUINE: f64 = 0.888;
const HELD_OUT_53_VOLUME: (usize, usize) = (98, 16);

#[test]
fn recurring_phrase_precision_on_fifty_third_held_out_set() {
    held_out(53, HELD_OUT_53_MIN_GENUINE, HELD_OUT_53_VOLUME);
}

/// Set 54: 250 新闻联播 stories of 2012 from china-data/xwlb, and set 55: 240 of 2017-2020,
/// sealed together in 120cc5c at 386c0bc, before round 19 looked at anything on them, and
/// judged blind by the three readers (no rule changed after). Set 54: 10 of 11 genuine to
/// each reader; 基础设施建设 is the theme of the APEC business summit it recurs in. Set 55:
/// 29 of 32 by the policy annotator, 27 by reviewer D, 30 by the issue reader; no fragment to
/// any. The rest are subjects of their stories to one reader or another (构建人类命运共同体 at
/// the dialogue themed on it, 保持战略定力 under the headline 定力与攻坚) and 自由贸易协定, two of
/// whose three places name one agreement. Floors at what was measured. Then, drawn from set 55
/// (reviewer C: three slogans flagged at the same places), slogans written side by side are one
/// run: set 55 27 of 30 (增强“四个意识”、坚定“四个自信”、做到“两个维护” one genuine phrase where
/// its three slogans were three), 123 findings; set 54 unchanged.
const HELD_OUT_54_MIN_GENUINE: f64 = 0.909;
const HELD_OUT_54_VOLUME: (usize, usize) = (91, 10);
const HELD_OUT_55_MIN_GENUINE: f64 = 0.9;
const HELD_OUT_55_VOLUME: (usize, usize) = (123, 27);

#[test]
fn recurring_phrase_precision_on_fifty_fourth_and_fifty_fifth_held_out_sets() {
    held_out(54, HELD_OUT_54_MIN_GENUINE, HELD_OUT_54_VOLUME);
    held_out(55, HELD_OUT_55_MIN_GENUINE, HELD_OUT_55_VOLUME);
}

/// Set 56: 300 新闻联播 stories of 2013-2016 from china-data/xwlb, sealed in 5414939 after
/// round 19's change and judged blind by the three readers (15 phrases, the same for 386c0bc):
/// 10 genuine by the policy annotator, 12 by reviewer D and by the issue reader; no fragment to
/// any. Rejected by all three: 知识产权保护, four times in the paragraph of a press conference
/// that opens 关于知识产权保护 (its subject there), and 自由贸易协定, the China-New Zealand
/// agreement the talks are on. Making 协定 an ending of names (as 条例 is) takes these out in
/// sets 55 and 56 and a formula in set 36, so it was not shipped. Floors at what was measured.
const HELD_OUT_56_MIN_GENUINE: f64 = 0.666;
const HELD_OUT_56_VOLUME: (usize, usize) = (50, 10);

#[test]
fn recurring_phrase_precision_on_fifty_sixth_held_out_set() {
    held_out(56, HELD_OUT_56_MIN_GENUINE, HELD_OUT_56_VOLUME);
}

/// Set 57: the last 69 新闻联播 stories of 2012-2020 left in china-data/xwlb, sealed in 99fa08c
/// before round 20's changes and judged blind by the three readers (15 phrases, the same for
/// 9df4299 and 85e5de6). 13 genuine by the policy annotator, 12 by reviewer D and by the issue
/// reader. Two fragments to the policy: 总统的亲切问候, cut from a name and its title in the
/// protocol frame 转达…总统的亲切问候, and 推动两国关系, a verb phrase stopped before its
/// predicate (迈上新台阶, 取得更大发展). Round 21: a courtesy's wording (…问候, …感谢) is no
/// formula, which takes 总统的亲切问候 out (14 phrases, 13 genuine). Floors at what was
/// measured.
const HELD_OUT_57_MIN_GENUINE: f64 = 0.928;
const HELD_OUT_57_MAX_FRAGMENTS: f64 = 0.072;
const HELD_OUT_57_VOLUME: (usize, usize) = (43, 13);

/// Set 58: 427 人民日报 and 新华社 items of January 2026 (exposir/RSS's full-text feeds), a
/// newspaper's and a news agency's own text, sealed in 2768c77 and judged blind by the three
/// readers (46 phrases at 9df4299, 45 at 85e5de6). 42 of 45 genuine by the policy annotator and
/// by reviewer D, 40 by the issue reader; no fragment. Not genuine: 基层治理 and 治理新污染物,
/// the subjects of a commentary and of a report, and 请问对此有何评论, a press conference's
/// question frame. 85e5de6 drops 提升乡村产业发展水平, genuine to all three: in Xi's words
/// 要提升乡村产业发展水平、乡村建设水平、乡村治理水平 its verb governs the three items, and the two
/// places left are too few. Round 21: a phrase that is a question at every place is the
/// reporter's frame, which takes 请问对此有何评论 out (44 phrases, 42 genuine). Floors at what
/// was measured.
const HELD_OUT_58_MIN_GENUINE: f64 = 0.954;
const HELD_OUT_58_VOLUME: (usize, usize) = (177, 42);

/// Set 59: the 31 provincial government work reports of 2026, the genre the tool is used on,
/// sealed in 2768c77 and judged blind by the three readers (81 phrases, the same for 9df4299
/// and 85e5de6). 75 genuine by the policy annotator, 74 by the issue reader, 63 by reviewer D,
/// who read a phrase heading a part of the report as that part's topic. Not genuine to all
/// three: 自由贸易港建设 in Hainan's report (its subject, inside 海南自由贸易港建设), 全面深化改革
/// cut from 全面深化改革开放试验区 at every place, 数字中国 inside the names of a summit and a
/// pilot, and Sichuan's own programmes “双向揭榜挂帅” and “网链共享计划”. Volume 1.5 findings per
/// 1,000 characters, all hints. Round 20: a name may add up to two characters before its head
/// (全面深化改革|开放|试验区), which takes Hainan's 全面深化改革 out; the phrase is then first met
/// in Gansu's report, whole at its three places (我们全面深化改革扩大开放, 把全面深化改革作为…), a
/// formula to all three readers: 76 of 81 genuine, two fragments. Round 21: headings that open
/// on a number or a phrase with 一 (一、2025年工作回顾, 二、一张蓝图绘到底，奋力谱写中国式现代化福建
/// 篇章) are read as headings, so Fujian's 中国式现代化, named in a heading, is read as a theme
/// of the report and its seven places go (928 -> 922 findings, the same 81 phrases). Floors at
/// what was measured.
const HELD_OUT_59_MIN_GENUINE: f64 = 0.938;
const HELD_OUT_59_MAX_FRAGMENTS: f64 = 0.025;
const HELD_OUT_59_VOLUME: (usize, usize) = (922, 76);

#[test]
fn recurring_phrase_precision_on_fifty_seventh_to_fifty_ninth_held_out_sets() {
    held_out_with(
        57,
        HELD_OUT_57_MIN_GENUINE,
        HELD_OUT_57_MAX_FRAGMENTS,
        HELD_OUT_57_VOLUME,
    );
    held_out(58, HELD_OUT_58_MIN_GENUINE, HELD_OUT_58_VOLUME);
    held_out_with(
        59,
        HELD_OUT_59_MIN_GENUINE,
        HELD_OUT_59_MAX_FRAGMENTS,
        HELD_OUT_59_VOLUME,
    );
}

/// Set 60: the 32 national documents drafters copy from, a genre no other set holds — the
/// State Council's government work reports of 2000-2025 and the reports to the 14th-20th Party
/// Congresses (`eval/published/reports.jsonl`, ids in heldout60.txt) — judged blind by the three
/// readers in round 21 (176 phrases; the recurrence rule was never changed on this text). 168
/// genuine by the policy annotator, 165 by reviewer D, 166 by the issue reader (169 by two of
/// three). Not genuine to all three: the work reports' thanks (表示诚挚感谢, 表示衷心感谢,
/// 表示诚挚的感谢: a courtesy, not a formula) and three fragments (坚持马克思主义|基本原理,
/// 积极参与全球|治理, 依法严厉打击|…的违法犯罪行为). Volume 2.1 findings per 1,000 characters,
/// 0.08 at information. Then a courtesy's wording (…感谢, …问候) is no formula, which takes
/// the three thanks out, and a set phrase ending on a verb before a noun (依法严厉打击|…) is
/// cut like a verb (172 phrases, 168 genuine, 1,380 findings); the set is in sample for those
/// changes. Floors at what was measured.
const HELD_OUT_60_MIN_GENUINE: f64 = 0.976;
const HELD_OUT_60_MAX_FRAGMENTS: f64 = 0.024;
const HELD_OUT_60_VOLUME: (usize, usize) = (1380, 168);

#[test]
fn recurring_phrase_precision_on_the_national_reports() {
    gate_with(
        "eval/recurrence/heldout60.txt",
        &["eval/published/reports.jsonl"],
        "eval/recurrence/heldout60-annotations.tsv",
        HELD_OUT_60_MIN_GENUINE,
        HELD_OUT_60_MAX_FRAGMENTS,
        HELD_OUT_60_VOLUME,
    );
}
