//! Whether a formula says what to do (坚决打赢疫情防控攻坚战, 筑牢疫情防控屏障, 降低全社会物流成本)
//! or names a thing (集装箱吞吐量, 社会消费品零售总额, 伊朗伊斯兰革命卫队, 基本公共服务均等化).
//!
//! The difference decides what a close repeat is worth telling: a drafter who writes the same
//! call to action twice in a few sentences can say it another way, but a name, a statistical
//! indicator or a term is written the same every time, in published text as in a draft, and
//! advice to vary it is wrong (the same reason a fixed formulation is never told to vary).

use crate::engine::segment;

/// Auxiliaries jieba tags as plain verbs: 可|持续发展目标 is a noun phrase.
const MODALS: &[&str] = &[
    "可", "能", "会", "应", "要", "可以", "能够", "应当", "应该", "需要",
];

/// How many words of manner may come before the verb (坚决|打赢…, 毫不放松|抓好…,
/// 坚定不移|走…).
const MAX_MANNER_WORDS: usize = 2;

/// jieba's tags of words of manner: adjectives (团结|带领), adverbs (坚决, 切实, 不断) and
/// idioms (毫不放松, 因地制宜). Nouns are not among them: 科技|创新成果 and 载人|飞行任务
/// name things.
fn is_manner(tag: &str) -> bool {
    matches!(tag, "a" | "ad" | "d" | "vd" | "i" | "l")
}

/// Whether `phrase` is a verb phrase: it opens on a plain verb, after at most
/// [`MAX_MANNER_WORDS`] words of manner, and goes on after the verb (an object or a second
/// verb). Decided by the segmenter's part-of-speech tags, so a verb the dictionary tags
/// only as a verbal noun (深化, 建设) does not open one: 深化党和国家机构改革 reads as a name.
pub fn says_what_to_do(phrase: &str) -> bool {
    let tags = segment::jieba().tag(phrase, false);
    let manner = tags
        .iter()
        .take(MAX_MANNER_WORDS)
        .take_while(|t| is_manner(t.tag))
        .count();
    tags.get(manner)
        .is_some_and(|t| t.tag == "v" && !MODALS.contains(&t.word))
        && manner + 1 < tags.len()
}

#[cfg(test)]
mod tests {
    use super::says_what_to_do;

    #[test]
    fn calls_to_action_from_the_seeds() {
        for p in [
            "坚决打赢疫情防控攻坚战",
            "筑牢疫情防控屏障",
            "抓紧抓实抓细各项防控工作",
            "统筹推进疫情防控和经济社会发展",
            "毫不放松抓好疫情防控",
            "降低全社会物流成本",
            "团结带领全国各族人民",
        ] {
            assert!(says_what_to_do(p), "{p}");
        }
    }

    #[test]
    fn names_terms_and_indicators_from_published_news() {
        for p in [
            "集装箱吞吐量",
            "社会消费品零售总额",
            "伊朗伊斯兰革命卫队",
            "可持续发展目标",
            "载人飞行任务",
            "科技创新成果",
            "基本公共服务均等化",
            "疫情防控和经济社会发展",
            "稳健的货币政策",
            "推进",
            "",
            "𠮷😀",
        ] {
            assert!(!says_what_to_do(p), "{p}");
        }
    }
}
