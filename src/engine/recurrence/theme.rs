//! What a document says it is about: its headline, and the agenda its lead names
//! (国务院常务会议，部署…，研究推行常住地提供基本公共服务有关工作，审议通过《…》; 中共中央政治局
//! …就扎实推进高质量发展进行第十一次集体学习). A phrase these name is the document's topic: the
//! drafter writes about it throughout, and a note that it recurs tells them nothing.

use super::tokens::is_break_char;
use super::{filter_words, long_body_heads};
use crate::engine::document::Document;
use crate::engine::outline::{headline, looks_like_lead};
use crate::engine::text::floor_char_boundary;
use crate::engine::types::Span;

/// How many paragraphs after the headline the lead is looked for (a deck of subtitles, a
/// dateline and an author line come first).
const LEAD_WITHIN: usize = 8;

/// The lead is read up to this many bytes (about 400 characters), an agenda sentence up to
/// a third of that.
const MAX_LEAD_BYTES: usize = 1200;
const MAX_AGENDA_BYTES: usize = 400;

/// At most this many agenda sentences are read. A meeting takes up a handful of items; a
/// compilation of a year of reports would otherwise make every item's words a topic, and
/// cost a search per phrase and sentence.
const MAX_AGENDA_SENTENCES: usize = 16;

/// The pieces of `doc` that name what it is about: the headline, the agenda clauses and the
/// speech title of the lead, and the agenda sentences opening paragraphs (会议部署以冰雪运动
/// 高质量发展激发冰雪经济活力的有关举措。), each item's topic in a report of several.
pub fn theme(doc: &Document) -> Vec<Span> {
    let mut out = Vec::new();
    let head = headline(doc);
    let after = head.as_ref().map_or(0, |h| h.end);
    if let Some(h) = head {
        out.push(h);
    }
    let mut body = doc
        .paragraphs
        .iter()
        .filter(|p| p.start >= after && !doc.text[p.clone()].trim().is_empty());
    if let Some(lead) = body
        .by_ref()
        .take(LEAD_WITHIN)
        .find(|p| looks_like_lead(&doc.text[p.clone()]))
    {
        agenda(
            doc.text,
            lead.start..lead.end.min(lead.start + MAX_LEAD_BYTES),
            &mut out,
        );
    }
    let mut sentences = 0;
    for p in doc.paragraphs.iter().filter(|p| p.start >= after) {
        if sentences == MAX_AGENDA_SENTENCES {
            break;
        }
        let line = doc.text[p.clone()].trim_start();
        let from = p.end - line.len();
        if opens_on_agenda(line) {
            let end = line
                .find(['。', '；'])
                .unwrap_or(line.len())
                .min(MAX_AGENDA_BYTES);
            out.push(from..from + floor_char_boundary(line, end));
            sentences += 1;
        }
    }
    out
}

/// The longest subject an agenda sentence opens on, in characters (中央全面深化改革委员会第十
/// 次会议).
const MAX_SUBJECT_OF_AGENDA: usize = 24;

/// Whether `line` opens with a meeting or a standing body doing an agenda verb (会议审议…,
/// 全会听取…, 中共中央政治局听取了…, 主席团会议听取了…), or with a report made on a body's
/// behalf (受国务院委托，…报告了深入实施西部大开发战略工作的情况).
fn opens_on_agenda(line: &str) -> bool {
    if let Some(rest) = line.strip_prefix('受') {
        let by = rest.find(['，', ',']).map(|i| &rest[..i]);
        if by.is_some_and(|b| b.ends_with("委托") && b.chars().count() < MAX_SUBJECT_OF_AGENDA) {
            return true;
        }
    }
    // The subject holds no punctuation: it ends before the first break.
    let first_break = line
        .char_indices()
        .take(MAX_SUBJECT_OF_AGENDA + 1)
        .find(|&(_, c)| is_break_char(c))
        .map_or(line.len(), |(i, _)| i);
    line.char_indices()
        .take(MAX_SUBJECT_OF_AGENDA + 1)
        .skip(1)
        .take_while(|&(i, _)| i <= first_break)
        .any(|(i, _)| {
            let subject = &line[..i];
            let names_body = filter_words()
                .meeting_heads
                .iter()
                .map(String::as_str)
                .chain(long_body_heads())
                .any(|h| subject.ends_with(h));
            names_body && starts_with_agenda_verb(&line[i..])
        })
}

fn starts_with_agenda_verb(s: &str) -> bool {
    let s = s.strip_prefix('还').unwrap_or(s);
    filter_words()
        .agenda_verbs
        .iter()
        .any(|v| s.starts_with(v.as_str()))
}

/// The agenda in `lead`: clauses opening on an agenda verb (研究, 部署, 审议 …, after 并 /
/// 会议 …), the subject of a study session (就X进行…集体学习) or of a consultation
/// (以“X”为议题), and the title of the speech the report is about (发表题为《X》的重要讲话).
fn agenda(text: &str, lead: Span, out: &mut Vec<Span>) {
    let words = filter_words();
    let para = &text[lead.start..floor_char_boundary(text, lead.end).max(lead.start)];
    for frame in &FRAMES {
        for s in frame.subjects(para) {
            out.push(lead.start + s.start..lead.start + s.end);
        }
    }
    let mut at = 0;
    for clause in para.split(['，', ',', '；', ';', '：', ':', '。']) {
        let start = lead.start + at;
        at += clause.len() + clause_break_len(para, at + clause.len());
        let mut body = clause.trim_start();
        let mut stripped = true;
        while stripped {
            stripped = false;
            for c in &words.agenda_openers {
                if let Some(rest) = body.strip_prefix(c.as_str()) {
                    body = rest;
                    stripped = true;
                }
            }
        }
        if starts_with_agenda_verb(body) {
            let from = start + (clause.len() - body.len());
            out.push(from..start + clause.len());
        }
    }
}

/// What opens and closes the subject of an agenda in a lead.
struct Frame {
    open: &'static str,
    closes: &'static [&'static str],
    /// Characters after `open` that make it another word (就|业, 就|是): no subject there.
    not_before: &'static str,
    /// The subject is quoted (围绕“…”): a close past another closing quotation mark belongs to
    /// another quotation.
    quoted: bool,
}

/// The subject of a study session (就|扎实推进高质量发展|进行第十一次集体学习), of an inspection,
/// a hearing or a press conference (就|进一步扩大开放|到商务部…考察), of a consultation
/// (以“|坚持实施就业优先政策|”为主题, 围绕“|办好人民满意的教育|”协商议政) and a speech's title
/// (发表题为《|…|》的重要讲话).
const FRAMES: [Frame; 4] = [
    Frame {
        open: "就",
        closes: &["进行", "举行", "考察", "调研", "听取", "回答", "召开"],
        // 就业, 就是, 就要, 就此 …: a word of its own or an adverb, not the preposition.
        not_before: "业是要会能在此近地医读职任绪餐诊座位像算可得不没已都把将这那",
        quoted: false,
    },
    Frame {
        open: "以",
        closes: &["为主题", "为议题"],
        not_before: "",
        quoted: false,
    },
    Frame {
        open: "围绕“",
        closes: &["”协商", "”建言", "”议政", "”开展"],
        not_before: "",
        quoted: true,
    },
    Frame {
        open: "题为《",
        closes: &["》"],
        not_before: "",
        quoted: false,
    },
];

/// The longest framed subject, in characters.
const MAX_SUBJECT_CHARS: usize = 80;

impl Frame {
    /// The subjects this frame holds in `s` (2 to [`MAX_SUBJECT_CHARS`] characters up to the
    /// nearest close, quotation marks around them left out), as byte ranges of `s`.
    fn subjects(&self, s: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut from = 0;
        while let Some(i) = s[from..].find(self.open) {
            let start = from + i + self.open.len();
            from = start;
            if s[start..].starts_with(|c| self.not_before.contains(c)) {
                continue;
            }
            let window = &s[start..floor_char_boundary(s, start + 4 * MAX_SUBJECT_CHARS)];
            let Some(end) = self.closes.iter().filter_map(|c| window.find(c)).min() else {
                continue;
            };
            let subject = &window[..end];
            if self.quoted && subject.contains('”') {
                continue;
            }
            let inner = subject.trim_start_matches(['“', '「']);
            let inner = inner.trim_end_matches(['”', '」']);
            let at = start + (subject.len() - subject.trim_start_matches(['“', '「']).len());
            if (2..=MAX_SUBJECT_CHARS).contains(&inner.chars().count()) {
                out.push(at..at + inner.len());
            }
        }
        out
    }
}

/// The byte length of the clause break at `at` in `s` (0 at its end).
fn clause_break_len(s: &str, at: usize) -> usize {
    s[at..].chars().next().map_or(0, char::len_utf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(text: &str) -> Vec<&str> {
        let doc = Document::new(text, Vec::new());
        theme(&doc).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn headline_and_agenda_of_seed_000() {
        let t = include_str!("../../../seeds/000_aeb186bd1e0d189c.txt");
        let p = pieces(t);
        assert_eq!(p[0], "自治区召开新冠肺炎疫情防控工作视频会议");
        assert!(
            p.contains(&"研究部署统筹做好全区疫情防控和经济社会发展工作"),
            "{p:?}"
        );
        // Studying the spirit of a meeting is what every report does, not its agenda.
        assert!(!p.iter().any(|s| s.starts_with("传达学习")), "{p:?}");
    }

    #[test]
    fn agenda_of_a_state_council_meeting_and_a_study_session() {
        let t = "李强主持召开国务院常务会议\n央视网消息（新闻联播）：国务院总理李强1月9日主持召开国务院常务会议，部署实施财政金融协同促内需一揽子政策，研究推行常住地提供基本公共服务有关工作，审议通过《中华人民共和国自然保护区条例（修订草案）》。\n会议指出，推行由常住地提供基本公共服务……";
        assert_eq!(
            pieces(t),
            vec![
                "李强主持召开国务院常务会议",
                "部署实施财政金融协同促内需一揽子政策",
                "研究推行常住地提供基本公共服务有关工作",
                "审议通过《中华人民共和国自然保护区条例（修订草案）》",
            ]
        );
        let t = "中共中央政治局1月31日下午就扎实推进高质量发展进行第十一次集体学习。中共中央总书记习近平在主持学习时强调……";
        assert_eq!(pieces(t), vec!["扎实推进高质量发展"]);
        let t = "全国政协常委会会议闭幕\n政协第十三届全国委员会常务委员会第二十三次会议24日在京闭幕，会议以“坚持实施就业优先政策”为主题协商议政。";
        assert_eq!(pieces(t)[1], "坚持实施就业优先政策");
        // 和平共处五项原则发表70周年纪念大会 (2024-06-28): the speech's title.
        let t = "纪念大会在北京隆重举行\n6月28日上午，纪念大会在北京人民大会堂隆重举行。国家主席习近平出席纪念大会并发表题为《弘扬和平共处五项原则，携手构建人类命运共同体》的重要讲话。";
        assert_eq!(pieces(t)[1], "弘扬和平共处五项原则，携手构建人类命运共同体");
        // A preposition 就 with no close within reach: nothing.
        assert_eq!(pieces("标题\n会议就有关问题交换了意见。").len(), 1);
    }

    #[test]
    fn inspections_consultations_and_bodies_name_their_subject() {
        // 新闻联播 2018-05-22: an inspection's subject.
        let t = "李克强考察商务部 海关总署并主持召开座谈会\n央视网消息（新闻联播）：21日，中共中央政治局常委、国务院总理李克强就进一步扩大开放到商务部、海关总署考察并主持召开座谈会。";
        assert_eq!(pieces(t)[1], "进一步扩大开放到商务部、海关总署");
        // 2019-08-26: a consultation's subject.
        let t = "全国政协十三届常委会第八次会议开幕\n央视网消息（新闻联播）：政协第十三届全国委员会常务委员会第八次会议26日上午在京开幕，围绕“办好人民满意的教育”协商议政。";
        assert_eq!(
            pieces(t),
            vec!["全国政协十三届常委会第八次会议开幕", "办好人民满意的教育"]
        );
        // 2013-10-22: a report made on a body's behalf names its item.
        let t = "十二届全国人大常委会第五次会议举行第二次全体会议\n受国务院委托，国家发展改革委主任徐绍史报告了深入实施西部大开发战略工作的情况。他说，……\n受到广泛欢迎，委托方满意。";
        assert_eq!(
            pieces(t)[1],
            "受国务院委托，国家发展改革委主任徐绍史报告了深入实施西部大开发战略工作的情况"
        );
        assert_eq!(pieces(t).len(), 2);
        // 2018-02-24: a standing body opening a paragraph on an agenda verb.
        let t = "中共中央政治局召开会议\n中共中央政治局2月24日召开会议。\n中共中央政治局听取了《中共中央关于深化党和国家机构改革的决定》稿的情况报告。\n主席团会议听取了关于代表提出议案处理意见的报告。";
        let p = pieces(t);
        assert!(
            p.contains(
                &"中共中央政治局听取了《中共中央关于深化党和国家机构改革的决定》稿的情况报告"
            ),
            "{p:?}"
        );
        assert!(
            p.contains(&"主席团会议听取了关于代表提出议案处理意见的报告"),
            "{p:?}"
        );
        // An adverb 就, a quotation that is no consultation's subject, a ministry (a one-character
        // head) and a subject longer than a body's name frame nothing.
        let t = "会议召开\n会议认为，这就是要在新起点上召开好这次会议，围绕“六稳”工作，在“六保”上协商。\n国家发展改革委研究制定了方案。\n各地区各部门要认真学习贯彻全会精神并研究制定落实举措。";
        assert_eq!(pieces(t), vec!["会议召开"]);
    }

    #[test]
    fn a_compilation_reads_a_bounded_agenda() {
        let mut t = String::from("国务院常务会议汇编\n");
        for i in 0..40 {
            t.push_str(&format!("会议研究第{i}项工作。\n"));
        }
        let p = pieces(&t);
        // The headline, the lead's agenda clause, and the first sentences opening paragraphs
        // (the lead's among them) up to the bound.
        assert_eq!(p.len(), 2 + MAX_AGENDA_SENTENCES, "{p:?}");
        assert_eq!(p[1], "研究第0项工作");
        assert_eq!(p[p.len() - 1], "会议研究第15项工作");
    }

    #[test]
    fn no_headline_no_lead() {
        assert!(pieces("").is_empty());
        assert!(pieces("一、总体要求\n（一）指导思想。坚持……").is_empty());
        // Astral characters and emoji don't break the clause offsets.
        let t = "𠮷😀会议\n会议召开，研究𠮷😀工作，部署下一步。";
        assert_eq!(pieces(t), vec!["𠮷😀会议", "研究𠮷😀工作", "部署下一步"]);
    }
}
