//! How sure the tool is that a recurring family is a formula a drafter would want pointed
//! out, rather than the document's own subject or a name it reports on: a logistic score
//! over evidence from the background corpus (how widely published text disperses the phrase,
//! whether it stands where the leadership's words are reported, whether ledes carry it) and
//! from the document (whether its lead names it, whether it is quoted, where it first
//! stands, how densely it recurs).
//!
//! The weights are data (`data/formulas/confidence.json`), fitted by
//! `eval/tools/fit_confidence.py` on the annotated evaluation sets from the features
//! `examples/recurrence_eval.rs --features` prints with this module's code, so what is
//! fitted is what runs. A family below the threshold is listed in the inventory and gets no
//! diagnostic.

use super::background;
use super::family::Family;
use super::theme;
use crate::engine::document::Document;
use crate::engine::outline::headline;
use crate::engine::types::Span;
use std::sync::OnceLock;

/// The evidence, in the order of [`FEATURES`].
pub type Evidence = [f64; FEATURES.len()];

/// The names of the evidence, as `data/formulas/confidence.json` lists its weights.
pub const FEATURES: [&str; 13] = [
    // ln(1 + background stories holding the name): dispersion across official text.
    "dispersion",
    // Whether the background table holds the name at all.
    "unknown",
    // Share of its background stories where it stands in a paragraph reporting what the
    // leadership or a meeting says or decides.
    "directive",
    // Share of its background stories where it stands in the first paragraph.
    "ledeShare",
    // Whether a place of the family stands in the document's lead paragraph.
    "inLead",
    // Whether a place stands in the lead's first sentence.
    "inFirstSentence",
    // Whether every place stands in one paragraph.
    "oneParagraph",
    // Whether a place is quoted (“一带一路”, 《…》).
    "quoted",
    // Where the first place stands, as a share of the document.
    "firstAt",
    // ln(characters of the document).
    "docLength",
    // ln(places).
    "places",
    // Places per 1,000 characters.
    "density",
    // Share of the name's character pairs that stand in the headline: a headline on the
    // same subject in other words (生态环境保护 under 坚持节约资源和保护环境基本国策).
    "headlineShare",
];

/// Where [`FEATURES`] has `docLength`.
const DOC_LENGTH: usize = 9;

/// What is read once per document for the evidence on each of its families.
pub struct Reader<'d> {
    doc: &'d Document<'d>,
    lead: Option<Span>,
    first_sentence: Option<Span>,
    headline: &'d str,
    chars: f64,
}

impl<'d> Reader<'d> {
    pub fn new(doc: &'d Document<'d>) -> Self {
        let head = headline(doc);
        let lead = theme::lead(doc, head.as_ref());
        let first_sentence = lead.as_ref().map(|l| {
            let para = &doc.text[l.clone()];
            l.start..l.start + para.find('。').unwrap_or(para.len())
        });
        let headline = head.map_or("", |h| &doc.text[h]);
        Reader {
            doc,
            lead,
            first_sentence,
            headline,
            chars: doc.text.chars().count().max(1) as f64,
        }
    }

    fn headline_share(&self, name: &str) -> f64 {
        // Each pair as a slice of `name`: from a character's start to the next one's end.
        let starts: Vec<usize> = name.char_indices().map(|(i, _)| i).collect();
        let pairs = starts.len().saturating_sub(1);
        if pairs == 0 || self.headline.is_empty() {
            return 0.0;
        }
        let end = |k: usize| starts.get(k + 2).copied().unwrap_or(name.len());
        let found = (0..pairs)
            .filter(|&k| self.headline.contains(&name[starts[k]..end(k)]))
            .count();
        found as f64 / pairs as f64
    }

    /// The `docLength` evidence: ln(characters of the document).
    pub fn doc_length(&self) -> f64 {
        self.chars.ln()
    }

    /// The evidence on family `f`.
    pub fn evidence(&self, f: &Family) -> Evidence {
        let text = self.doc.text;
        let stats = background::lookup(&f.name);
        let places = &f.occurrences;
        let stands_in = |p: &Option<Span>| {
            p.as_ref().is_some_and(|p| {
                places
                    .iter()
                    .any(|o| p.start <= o.span.start && o.span.end <= p.end)
            })
        };
        let paragraph = |at: usize| self.doc.paragraphs.partition_point(|p| p.end < at);
        let one_paragraph = places.first().is_some_and(|o| {
            let first = paragraph(o.span.start);
            places.iter().all(|p| paragraph(p.span.start) == first)
        });
        let quoted = places.iter().any(|o| {
            let before = text[..o.span.start].chars().next_back();
            let after = text[o.span.end..].chars().next();
            matches!(
                (before, after),
                (Some('“'), Some('”')) | (Some('《'), Some('》')) | (Some('「'), Some('」'))
            )
        });
        // By bytes: Han text is three bytes a character throughout, and counting characters
        // up to each family's first place would cost a pass over the document per family.
        let first_at = places.first().map_or(0, |o| o.span.start) as f64 / text.len().max(1) as f64;
        let n = places.len().max(1) as f64;
        let flag = |b: bool| if b { 1.0 } else { 0.0 };
        [
            (1.0 + stats.map_or(0, |s| s.df) as f64).ln(),
            flag(stats.is_none()),
            stats.map_or(0.0, |s| s.directive_share as f64),
            stats.map_or(0.0, |s| s.lede_share as f64),
            flag(stands_in(&self.lead)),
            flag(stands_in(&self.first_sentence)),
            flag(one_paragraph),
            flag(quoted),
            first_at,
            self.doc_length(),
            n.ln(),
            n * 1000.0 / self.chars,
            self.headline_share(&f.name),
        ]
    }
}

/// The fitted model: `data/formulas/confidence.json` (see its `$comment`).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Model {
    pub features: Vec<String>,
    pub weights: Vec<f64>,
    pub bias: f64,
    /// A family scoring below this gets no diagnostic.
    pub threshold: f64,
    /// The least and greatest value of each feature over the phrases the model was fitted
    /// on.
    pub range: Vec<[f64; 2]>,
}

impl Model {
    /// The probability the model gives that a family with evidence `e` is a formula. Each
    /// feature is held inside the range it was fitted on: a linear model read far outside
    /// its data says nothing it learnt (a phrase three times in a 50-character snippet has
    /// a density eight times any fitted one).
    pub fn score(&self, e: &Evidence) -> f64 {
        let z = self.bias
            + self
                .weights
                .iter()
                .zip(&self.range)
                .zip(e)
                .map(|((w, [lo, hi]), x)| w * x.clamp(*lo, *hi))
                .sum::<f64>();
        1.0 / (1.0 + (-z).exp())
    }

    /// Whether the model has seen documents of `doc_length` (the `docLength` evidence): none
    /// it was fitted on is shorter. A few sentences say too little of where a phrase stands
    /// or how densely it recurs, so there every family is trusted, as before the model
    /// existed.
    pub fn judges(&self, doc_length: f64) -> bool {
        doc_length >= self.range[DOC_LENGTH][0]
    }

    /// Whether the model is usable with this build's evidence: one weight and one range per
    /// feature, named as [`FEATURES`] names them.
    fn fits(&self) -> bool {
        self.features.len() == FEATURES.len()
            && self.weights.len() == FEATURES.len()
            && self.range.len() == FEATURES.len()
            && self.range.iter().all(|[lo, hi]| lo <= hi)
            && self.features.iter().zip(FEATURES).all(|(a, b)| a == b)
    }
}

/// The embedded model, or none when it does not fit this build (then every family is
/// trusted, as before the model existed; a unit test keeps that from shipping).
pub fn model() -> Option<&'static Model> {
    static MODEL: OnceLock<Option<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            serde_json::from_str::<Model>(include_str!("../../../data/formulas/confidence.json"))
                .ok()
                .filter(Model::fits)
        })
        .as_ref()
}

/// Marks which of `fams`, the families of `doc`, the model trusts enough for a diagnostic.
/// A lexicon slogan is always trusted: it is a known 提法 by definition. The document's
/// topics are not judged: they get no diagnostic anyway.
pub fn assess(doc: &Document, fams: &mut [Family]) {
    let Some(model) = model() else {
        return;
    };
    let mut judged = fams
        .iter_mut()
        .filter(|f| f.entry_id.is_none() && !f.topic)
        .peekable();
    if judged.peek().is_none() {
        return;
    }
    let reader = Reader::new(doc);
    if !model.judges(reader.doc_length()) {
        return;
    }
    for f in judged {
        f.confident = model.score(&reader.evidence(f)) >= model.threshold;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::config::Config;
    use crate::engine::recurrence::formula_families;

    /// 新闻联播 2024-12-04 (tv.cctv.com, eval/published/xwlb.jsonl): a story on cutting
    /// logistics costs, whose lede opens on the task it goes on to repeat; its headline and
    /// first seven paragraphs, longer than the shortest story the model was fitted on.
    const LOGISTICS: &str = "【锚定现代化 改革再深化】物流降本提质增效 服务经济高质量发展\n\
        央视网消息（新闻联播）：习近平总书记指出，降低全社会物流成本是提高经济运行效率的重要举措。\
        党的二十届三中全会强调，要完善流通体制，加快发展物联网，健全一体衔接的流通规则和标准，降低全社会物流成本。\
        眼下，各地正打通流通领域的堵点、卡点，出台一系列改革措施，加快推进物流降本提质增效。\n\
        日前，国铁乌鲁木齐局与上海一物流企业在铁路95306平台签发全国首张集装箱多式联运“一单制”运单。\
        这是铁路降低物流成本改革的重要举措，标志着铁路多式联运“一单制”改革迈出扎实步伐。\n\
        习近平总书记高度重视现代物流和产业协同发展。\n\
        2023年12月，习近平总书记在中央经济工作会议上指出，深化重点领域改革。\
        加快全国统一大市场建设，着力破除各种形式的地方保护和市场分割。\
        有效降低全社会物流成本。\n\
        今年2月，在中央财经委员会第四次会议上，习近平总书记强调，物流是实体经济的“筋络”，联系生产和消费、内贸和外贸，必须有效降低全社会物流成本，增强产业核心竞争力，提高经济运行效率。\n\
        7月，党的二十届三中全会通过的《中共中央关于进一步全面深化改革、推进中国式现代化的决定》提出，要“完善流通体制，加快发展物联网，健全一体衔接的流通规则和标准，降低全社会物流成本”。\n\
        今年以来，我国陆续出台多项政策推进物流降本提质增效。\n";

    fn family(doc: &Document, name: &str) -> Family {
        let config = Config::default();
        formula_families(doc, &config.recurring, &config.lexicon)
            .into_iter()
            .find(|f| f.name == name)
            .unwrap_or_else(|| panic!("{name} is no family"))
    }

    fn feature(e: &Evidence, name: &str) -> f64 {
        e[FEATURES.iter().position(|f| *f == name).unwrap()]
    }

    #[test]
    fn the_embedded_model_fits_this_build() {
        let m = model().expect("data/formulas/confidence.json parses and names FEATURES");
        assert!(m.weights.iter().all(|w| w.is_finite()) && m.bias.is_finite());
        assert!(m.threshold > 0.0 && m.threshold < 1.0, "{}", m.threshold);
        assert_eq!(FEATURES[DOC_LENGTH], "docLength");
    }

    #[test]
    fn a_document_shorter_than_any_fitted_is_not_judged() {
        // Seed 000's own wording three times (no lexicon slogan, so the model would judge it):
        // a few dozen characters say nothing of where a phrase stands, so it is trusted.
        let doc = Document::new(
            "全区工作会议\n完善防止返贫机制,扎实推进\n完善防止返贫机制,扎实推进\n完善防止返贫机制,扎实推进",
            Vec::new(),
        );
        let f = family(&doc, "完善防止返贫机制");
        let m = model().unwrap();
        let reader = Reader::new(&doc);
        assert!(f.entry_id.is_none() && !f.topic);
        assert!(!m.judges(reader.doc_length()) && f.confident);
        // Judged anyway, the model would doubt it: the length test is what keeps it.
        assert!(m.score(&reader.evidence(&f)) < m.threshold);
        // The logistics story is long enough: judged, and doubted.
        let doc = Document::new(LOGISTICS, Vec::new());
        let f = family(&doc, "降低全社会物流成本");
        assert!(m.judges(Reader::new(&doc).doc_length()) && !f.confident);
        // Past the fitted range a feature counts as its bound.
        let mut e = Reader::new(&doc).evidence(&f);
        let density = FEATURES.iter().position(|&n| n == "density").unwrap();
        e[density] = m.range[density][1];
        let at_bound = m.score(&e);
        e[density] = 1e6;
        assert_eq!(m.score(&e), at_bound);
    }

    #[test]
    fn evidence_reads_the_lead_and_the_headline() {
        let doc = Document::new(LOGISTICS, Vec::new());
        let f = family(&doc, "降低全社会物流成本");
        let e = Reader::new(&doc).evidence(&f);
        assert_eq!(feature(&e, "inLead"), 1.0);
        assert_eq!(feature(&e, "inFirstSentence"), 1.0);
        assert_eq!(feature(&e, "oneParagraph"), 0.0);
        assert_eq!(feature(&e, "quoted"), 0.0);
        // 物流 of its eight character pairs stands in the headline.
        assert_eq!(feature(&e, "headlineShare"), 1.0 / 8.0);
        assert!((feature(&e, "places") - 5f64.ln()).abs() < 1e-9);
        let first = LOGISTICS.find("降低全社会物流成本").unwrap() as f64;
        assert!((feature(&e, "firstAt") - first / LOGISTICS.len() as f64).abs() < 1e-9);
    }

    #[test]
    fn a_story_s_own_subject_is_doubted() {
        let doc = Document::new(LOGISTICS, Vec::new());
        assert!(!family(&doc, "降低全社会物流成本").confident);
    }

    #[test]
    fn a_doubted_family_gets_no_diagnostic_but_stays_in_the_inventory() {
        let config = Config::default();
        let found = crate::engine::analyze(LOGISTICS, &config).diagnostics;
        assert!(
            !found.iter().any(|d| d.rule == "recurring-phrase"),
            "{found:?}"
        );
        let listed = crate::cli::formulas_cmd::inventory(LOGISTICS, &config);
        let f = listed.iter().find(|f| f.name == "降低全社会物流成本");
        assert!(f.is_some_and(|f| f.occurrences.len() == 5 && !f.confident));
    }

    #[test]
    fn a_formula_quoted_in_running_text_is_seen_quoted() {
        // Seed 004 writes its general principle in quotation marks (three of its sentences).
        let text =
            "毫不动摇坚持“外防输入、内防反弹”总策略和“动态清零”总方针,坚决克服麻痹思想、厌战情绪。\
坚持“动态清零”总方针,是坚持人民至上、生命至上的必然要求。\
疫情形势越是严峻,越要保持清醒头脑,越要继续坚持“动态清零”总方针不犹豫不动摇。";
        let doc = Document::new(text, Vec::new());
        let fams = formula_families(
            &doc,
            &Config::default().recurring,
            &Config::default().lexicon,
        );
        let f = fams
            .iter()
            .find(|f| f.name == "动态清零")
            .expect("a family");
        assert_eq!(feature(&Reader::new(&doc).evidence(f), "quoted"), 1.0);
        // A lexicon slogan is never judged by the model.
        assert!(f.entry_id.is_some() && f.confident);
    }
}
