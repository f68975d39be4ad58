//! What a document says it is about: its headline, and the agenda its lead names
//! (国务院常务会议，部署…，研究推行常住地提供基本公共服务有关工作，审议通过《…》; 中共中央政治局
//! …就扎实推进高质量发展进行第十一次集体学习). A phrase these name is the document's topic: the
//! drafter writes about it throughout, and a note that it recurs tells them nothing.

use super::tokens::is_break_char;
use super::{filter_words, long_body_heads};
use crate::engine::document::Document;
use crate::engine::outline::{headings, headline, is_clause_break, looks_like_lead, markers};
use crate::engine::text::floor_char_boundary;
use crate::engine::types::Span;

/// How many paragraphs after the headline the lead is looked for (a deck of subtitles, a
/// dateline and an author line come first).
const LEAD_WITHIN: usize = 8;

/// The lead is read up to this many bytes (about 400 characters), an agenda sentence up to
/// a third of that.
const MAX_LEAD_BYTES: usize = 1200;
const MAX_AGENDA_BYTES: usize = 400;

/// A news story's lede is read up to this many sentences: a feature opens on a scene or a
/// quotation and names its subject in the next (中部六省承东启西…。习近平总书记指出，…奋力开创
/// 中部地区崛起新局面。). The whole lead paragraph names too much (its background, its
/// formulas) to be read as the subject.
const LEDE_SENTENCES: usize = 2;

/// At most this many agenda sentences are read. A meeting takes up a handful of items; a
/// compilation of a year of reports would otherwise make every item's words a topic, and
/// cost a search per phrase and sentence.
const MAX_AGENDA_SENTENCES: usize = 16;

/// What `doc` says it is about.
#[derive(Debug, Default)]
pub struct Theme {
    /// The pieces that name its topics: the headline, the agenda clauses and the speech title
    /// of the lead, and the agenda sentences opening paragraphs (会议部署以冰雪运动高质量发展激发冰雪
    /// 经济活力的有关举措。), each item's topic in a report of several.
    pub pieces: Vec<Span>,
    /// The pieces that name the things it reports on: the first [`LEDE_SENTENCES`] sentences
    /// of a lede that names no agenda (今年以来，全国港口货物吞吐量、集装箱吞吐量节节攀升，…。)
    /// and the headings of the parts after the lead (a round-up's item titles, 《建议》's
    /// 十三、建设更高水平平安中国).
    /// Only a thing named there is a topic: a call to action in a lede or heading is the
    /// message, a formula the text may go on repeating (and the deck of slogans before the
    /// lead, 抓紧抓实抓细各项防控工作, is not read).
    pub names: Vec<Span>,
    /// The clause a news story's lede opens on, when it opens on its subject
    /// (树立和践行正确政绩观，事关党和国家事业发展大局…): what the story is about, even when it
    /// reads as a call to action.
    pub subject: Option<Span>,
}

/// A dateline ends within this many bytes of the lede's start (央视网消息（新闻联播）：,
/// 新华社北京3月19日电 ).
const MAX_DATELINE_BYTES: usize = 60;

/// The longest opening clause read as a lede's subject, in characters.
const MAX_OPENING_CHARS: usize = 24;

/// The clause the lede `lede` (a span of `text`) opens on after its dateline, if it is short.
fn opening_clause(text: &str, lede: Span) -> Option<Span> {
    let s = &text[lede.clone()];
    let head = &s[..floor_char_boundary(s, MAX_DATELINE_BYTES.min(s.len()))];
    let from = head
        .find('：')
        .map(|i| i + '：'.len_utf8())
        .or_else(|| head.find("电 ").map(|i| i + "电 ".len()))
        .or_else(|| head.find("电\u{3000}").map(|i| i + "电\u{3000}".len()))
        .unwrap_or(0);
    let rest = &s[from..];
    let end = rest.find(is_clause_break)?;
    let clause = rest[..end].trim();
    (!clause.is_empty() && clause.chars().count() <= MAX_OPENING_CHARS).then(|| {
        let at = lede.start + from + (rest.len() - rest.trim_start().len());
        at..at + clause.len()
    })
}

/// What `doc` says it is about: see [`Theme`].
pub fn theme(doc: &Document) -> Theme {
    let mut out = Vec::new();
    let mut names = Vec::new();
    let mut subject = None;
    let head = headline(doc);
    let titled = head.is_some();
    let after = head.as_ref().map_or(0, |h| h.end);
    if let Some(h) = head {
        out.push(h);
    }
    let body = body_paragraphs(doc, after);
    // Title lines right under the headline are its deck (抓紧抓实抓细各项防控工作 under 做好疫情
    // 防控 · 有序复工复产): slogans, not the headings of parts.
    let body_from = body
        .clone()
        .find(|p| heading_len(doc.text[p.clone()].trim_start()).is_none())
        .map_or(doc.text.len(), |p| p.start);
    let mut lead_start = None;
    if let Some(lead) = find_lead(body, doc) {
        lead_start = Some(lead.start);
        let lead =
            lead.start..floor_char_boundary(doc.text, lead.end.min(lead.start + MAX_LEAD_BYTES));
        let first = &doc.text[lead.clone()];
        let lede_end = first
            .match_indices('。')
            .nth(LEDE_SENTENCES - 1)
            .map_or(first.len(), |(i, _)| i);
        let lede = lead.start..lead.start + lede_end;
        let before = out.len();
        agenda(doc.text, lead, &mut out);
        // A meeting's report says what it is about in its agenda, a news story in its lede
        // (a text without a headline is no story: an excerpt or a draft's paragraph).
        if titled && out.len() == before {
            subject = opening_clause(doc.text, lede.clone());
            names.push(lede.clone());
        }
        out.extend(meeting_held(doc.text, lede));
    }
    let (mut sentences, mut headings) = (0, 0);
    // A report of a speech often names its title only after the lead has set the scene
    // (习近平发表题为《深化合作、继往开来，推动中阿命运共同体建设跑出加速度》的主旨讲话, in the
    // fourth paragraph): the title names what the story is about wherever the opening
    // paragraphs give it.
    let lead_at = lead_start.unwrap_or(usize::MAX);
    let titles = body_paragraphs(doc, after)
        .take(SPEECH_TITLE_WITHIN)
        .filter(|p| p.start != lead_at)
        .flat_map(|p| {
            let subjects = SPEECH_TITLE.subjects(&doc.text[p.clone()]);
            subjects
                .into_iter()
                .map(move |s| p.start + s.start..p.start + s.end)
        });
    out.extend(titles.take(MAX_SPEECH_TITLES));
    for p in doc.paragraphs.iter().filter(|p| p.start >= after) {
        if sentences == MAX_AGENDA_SENTENCES && headings == MAX_HEADINGS {
            break;
        }
        let line = doc.text[p.clone()].trim_start();
        let from = p.end - line.len();
        if p.start >= body_from && headings < MAX_HEADINGS {
            if let Some(len) = heading_len(line) {
                names.push(from..from + len);
                headings += 1;
                continue;
            }
        }
        if sentences == MAX_AGENDA_SENTENCES {
            continue;
        }
        if opens_on_agenda(line) {
            let end = line
                .find(['。', '；'])
                .unwrap_or(line.len())
                .min(MAX_AGENDA_BYTES);
            out.push(from..from + floor_char_boundary(line, end));
            sentences += 1;
        }
    }
    Theme {
        pieces: out,
        names,
        subject,
    }
}

/// The meeting a lede reports being held, by its name: before 召开 or 举行
/// (全县巩固拓展脱贫攻坚成果同乡村振兴有效衔接工作推进会|召开, 县委城市工作会议|在县委党校|举行)
/// or after 召开 (县长主持召开|县政府2025年第16次常务会议). A work meeting's name says what it is
/// about, with a headline or without one (a draft often starts on its lede).
fn meeting_held(text: &str, lede: Span) -> Option<Span> {
    let s = &text[lede.clone()];
    let sentence = &s[..s.find('。').unwrap_or(s.len())];
    // The first meeting the sentence holds, whichever verb it is held with.
    let mut held: Vec<(usize, &str)> = sentence
        .match_indices("召开")
        .chain(sentence.match_indices("举行"))
        .collect();
    held.sort_unstable();
    for (at, verb) in held {
        // The name before the verb: from the clause's start, its date left out, up to a
        // place the meeting is held in (…会议|在县委党校|举行).
        let clause_start = sentence[..at].rfind(is_clause_break).map_or(0, |i| {
            i + sentence[i..].chars().next().map_or(0, char::len_utf8)
        });
        let before = &sentence[clause_start..at];
        let before = before.rfind('在').map_or(before, |i| &before[..i]);
        let name_start = clause_start + (before.len() - strip_time(before).len());
        let named = &sentence[name_start..clause_start + before.len()];
        if is_meeting_name(named) {
            return Some(lede.start + name_start..lede.start + name_start + named.len());
        }
        // 召开好这次会议: a verb and its complement, not a meeting held.
        let after = &sentence[at + verb.len()..];
        if after.starts_with(['好', '了', '过']) {
            continue;
        }
        let named = &after[..after.find(is_clause_break).unwrap_or(after.len())];
        if is_meeting_name(named) {
            let from = lede.start + at + verb.len();
            return Some(from..from + named.len());
        }
    }
    None
}

/// `s` without the date and time of day it opens on (9月25日上午, 2月10日).
fn strip_time(mut s: &str) -> &str {
    loop {
        let trimmed = s.trim_start_matches(|c: char| {
            c.is_ascii_digit() || c.is_whitespace() || "年月日号".contains(c)
        });
        let trimmed = TIMES_OF_DAY
            .iter()
            .find_map(|t| trimmed.strip_prefix(t))
            .unwrap_or(trimmed);
        if trimmed.len() == s.len() {
            return s;
        }
        s = trimmed;
    }
}

/// Times of day a lede's date may end on.
const TIMES_OF_DAY: [&str; 7] = ["上午", "下午", "中午", "晚上", "晚间", "凌晨", "早上"];

/// Whether `s` reads as a meeting's name: a few characters ending on 会 or 会议 (推进会,
/// 电视电话会, 常务会议), no sentence inside.
fn is_meeting_name(s: &str) -> bool {
    let n = s.chars().count();
    (MIN_MEETING_NAME_CHARS..=MAX_SUBJECT_CHARS).contains(&n)
        && (s.ends_with('会') || s.ends_with("会议"))
        && !s.contains(is_break_char)
}

/// The lead paragraph among the first paragraphs of `body` (the paragraphs after the
/// headline): the one that reads as a lead, after a deck, a dateline or an author line.
fn find_lead(mut body: impl Iterator<Item = Span>, doc: &Document) -> Option<Span> {
    body.by_ref()
        .take(LEAD_WITHIN)
        .find(|p| looks_like_lead(&doc.text[p.clone()]))
}

/// The lead paragraph of `doc`, after its headline `head` if it has one (see [`theme`]).
pub fn lead(doc: &Document, head: Option<&Span>) -> Option<Span> {
    let after = head.map_or(0, |h| h.end);
    find_lead(body_paragraphs(doc, after), doc)
}

/// The shortest meeting name read as a topic, in characters: 县委常委会 and longer; 会议 or
/// 大会 alone names nothing.
const MIN_MEETING_NAME_CHARS: usize = 4;

/// The paragraphs after byte `after` (the headline's end) that hold more than white space.
fn body_paragraphs<'d>(doc: &'d Document, after: usize) -> impl Iterator<Item = Span> + Clone + 'd {
    doc.paragraphs
        .iter()
        .filter(move |p| p.start >= after && !doc.text[p.clone()].trim().is_empty())
}

/// How many opening paragraphs of the body are read for a speech's title.
const SPEECH_TITLE_WITHIN: usize = 8;

/// At most this many speech titles are taken from the opening paragraphs: a story reports a
/// speech or two, and a page copied without line breaks (one paragraph) could otherwise give
/// a piece, searched for every recurring phrase, per title it cites.
const MAX_SPEECH_TITLES: usize = 4;

/// At most this many headings are read: a long document's parts, not a compilation's
/// hundreds of titles (each is searched for every recurring phrase).
const MAX_HEADINGS: usize = 64;

/// The longest heading, in characters.
const MAX_HEADING_CHARS: usize = 40;

/// The length in bytes of the heading `line` opens with, if it opens with one: a numbered
/// heading up to its first full stop (（44）稳步推进基本公共服务均等化。建立…), or a short line
/// with no sentence punctuation (a round-up's item title: 《2025版防范电信网络诈骗宣传手册》发布).
fn heading_len(line: &str) -> Option<usize> {
    let line = line.trim_end();
    // Only the first characters are read: a paragraph of a page copied without line breaks
    // can be tens of kilobytes, and this runs on every paragraph.
    let short = |s: &str| s.chars().nth(MAX_HEADING_CHARS).is_none();
    if headings::parse_at(line, 0).is_some() {
        let end = line.find('。').unwrap_or(line.len());
        return short(&line[..end]).then_some(end);
    }
    // A title may name its source before a colon (国新办政策例行吹风会：多地优化营商环境); a line
    // ending on one introduces what follows, and neither a byline (央视网消息(新闻联播)：…) nor a
    // source, date or author line (来源：新疆日报) is a title.
    let titled = |l: &str| {
        !markers::metadata(l)
            && l.split_once(['：', ':'])
                .map_or(!l.contains(is_clause_break), |(head, tail)| {
                    !head.is_empty()
                        && !tail.is_empty()
                        && !head.contains(is_clause_break)
                        && !head.contains(['(', '（'])
                        && !head.contains("消息")
                        && !tail.contains(is_clause_break)
                })
    };
    (!line.is_empty() && short(line) && titled(line)).then_some(line.len())
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

/// Whether `s` opens on an agenda verb of `agendaVerbs` (研究, 部署, 审议 …), after 还 or not.
pub(super) fn starts_with_agenda_verb(s: &str) -> bool {
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
    SPEECH_TITLE,
];

/// A speech's title (发表题为《|…|》的重要讲话): read in the lead with the other frames, and in
/// the opening paragraphs after it.
const SPEECH_TITLE: Frame = Frame {
    open: "题为《",
    closes: &["》"],
    not_before: "",
    quoted: false,
};

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
        theme(&doc).pieces.into_iter().map(|s| &text[s]).collect()
    }

    fn names(text: &str) -> Vec<&str> {
        let doc = Document::new(text, Vec::new());
        theme(&doc).names.into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn a_heading_is_short_and_has_no_clause_break() {
        assert_eq!(
            heading_len("第9届中国—南亚博览会开幕"),
            Some("第9届中国—南亚博览会开幕".len())
        );
        let numbered = "（44）稳步推进基本公共服务均等化。建立基本公共服务均等化评价标准。";
        assert_eq!(heading_len(numbered), numbered.find('。'));
        assert_eq!(heading_len("今天，博览会开幕"), None);
        assert_eq!(heading_len(&"长".repeat(41)), None);
        assert_eq!(heading_len(&"长".repeat(40)), Some(120));
        assert_eq!(heading_len(""), None);
    }

    #[test]
    fn a_round_up_names_each_item_by_its_title() {
        // 国内联播快讯 of 2025-06-19 (tv.cctv.com), two of its items.
        let t = "国内联播快讯\n央视网消息（新闻联播）：\n\
                 《2025版防范电信网络诈骗宣传手册》发布\n\
                 公安部近日发布《2025版防范电信网络诈骗宣传手册》（以下简称《手册》），梳理了10类高发电信网络诈骗类型，构筑拦截电信网络诈骗的“防火墙”。\n\
                 第9届中国—南亚博览会开幕\n\
                 今天（6月19日），第9届中国—南亚博览会在云南昆明开幕，为期6天。\n";
        let n = names(t);
        assert!(
            n.contains(&"《2025版防范电信网络诈骗宣传手册》发布"),
            "{n:?}"
        );
        assert!(n.contains(&"第9届中国—南亚博览会开幕"), "{n:?}");
        // A sentence is no title.
        assert!(!n.iter().any(|s| s.starts_with("今天")), "{n:?}");
        // 联播快讯 of 2018-07-27 (set 35): a title names its source before a colon; a byline
        // with a colon is no title.
        assert_eq!(
            heading_len("国新办政策例行吹风会：多地优化营商环境"),
            Some("国新办政策例行吹风会：多地优化营商环境".len())
        );
        assert_eq!(
            heading_len("央视网消息(新闻联播)：李克强主持召开国务院常务会议"),
            None
        );
        assert_eq!(heading_len("会议指出："), None);
        assert_eq!(heading_len("来源：新疆日报"), None);
    }

    #[test]
    fn a_story_names_its_subject_in_its_lede() {
        // 绿色智慧港口引领我国水运高质量发展, 2024-06-05 (tv.cctv.com).
        let t = "绿色智慧港口引领我国水运高质量发展\n\
                 央视网消息（新闻联播）：今年以来，全国港口货物吞吐量、集装箱吞吐量节节攀升，一批新设备、新技术的应用全面推动我国传统港口向智慧绿色港口迭代升级。不久前，全球最大集装箱船型靠泊天津港。码头再度刷新全球效率纪录。\n";
        let n = names(t);
        assert_eq!(n.len(), 1, "{n:?}");
        assert!(n[0].contains("集装箱吞吐量节节攀升"), "{n:?}");
        assert!(n[0].contains("不久前"), "{n:?}");
        assert!(!n[0].contains("码头"), "{n:?}");
    }

    #[test]
    fn a_meeting_lede_is_read_for_its_agenda_and_a_deck_not_at_all() {
        // Seed 003: a deck of slogans under the headline, then a lead with an agenda.
        let t = include_str!("../../../seeds/003_b7cc8050b06c14b8.txt");
        let n = names(t);
        assert!(
            !n.iter().any(|s| s.contains("抓紧抓实抓细各项防控工作")),
            "{n:?}"
        );
        assert!(!n.iter().any(|s| s.contains("学习贯彻")), "{n:?}");
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
    fn the_meeting_a_lede_reports_names_its_topic() {
        // Seed 002 has no headline: its lede names the meeting, held in a place.
        let t = include_str!("../../../seeds/002_890bb6c2d9a226d6.txt");
        assert!(
            pieces(t).contains(&"全省统筹推进新冠肺炎疫情防控和经济社会发展工作电视电话会议"),
            "{:?}",
            pieces(t)
        );
        // Seed 003: the meeting after 召开.
        let t = include_str!("../../../seeds/003_b7cc8050b06c14b8.txt");
        let p = pieces(t);
        assert!(
            p.contains(&"统筹推进新冠肺炎疫情防控和经济社会发展工作部署会议"),
            "{p:?}"
        );
        // A date before the name is left out; 召开好 holds no meeting.
        assert_eq!(
            meeting_name(
                "2月24日,全省统筹推进新冠肺炎疫情防控和经济社会发展工作电视电话会议在郑州召开。"
            ),
            Some("全省统筹推进新冠肺炎疫情防控和经济社会发展工作电视电话会议")
        );
        assert_eq!(
            meeting_name("会议认为，这就是要在新起点上召开好这次会议。"),
            None
        );
        assert_eq!(
            meeting_name(
                "21日,习近平总书记主持召开中共中央政治局会议,再次研究新冠肺炎疫情防控工作。"
            ),
            Some("中共中央政治局会议")
        );
        assert_eq!(meeting_name("会议召开。"), None);
        // The date and time of day go, a name's first characters stay (中共中央…).
        assert_eq!(
            meeting_name("2月5日下午省委常委会会议在合肥召开。"),
            Some("省委常委会会议")
        );
        assert_eq!(
            meeting_name("中共中央政治局常务委员会召开会议。"),
            Some("中共中央政治局常务委员会")
        );
    }

    fn meeting_name(s: &str) -> Option<&str> {
        meeting_held(s, 0..s.len()).map(|m| &s[m])
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
                "国务院常务会议",
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
    fn a_speech_title_after_the_scene_names_the_topic() {
        // 新闻联播 2024-05-30 (tv.cctv.com): the lead calls to action, the fourth paragraph
        // gives the speech's title.
        let t = "习近平出席中阿合作论坛第十届部长级会议开幕式并发表主旨讲话\n\
                 央视网消息（新闻联播）：5月30日上午，国家主席习近平在北京钓鱼台国宾馆出席中阿合作论坛第十届部长级会议开幕式并发表主旨讲话。\n\
                 维夏之月，万物茂盛。钓鱼台芳华苑内，中国和阿拉伯国家国旗以及阿盟旗帜相映成辉。\n\
                 习近平同巴林国王哈马德、埃及总统塞西一一握手并集体合影。\n\
                 在热烈的掌声中，习近平发表题为《深化合作、继往开来，推动中阿命运共同体建设跑出加速度》的主旨讲话。\n";
        let p = pieces(t);
        assert!(
            p.contains(&"深化合作、继往开来，推动中阿命运共同体建设跑出加速度"),
            "{p:?}"
        );
        // Only the opening paragraphs are read: a title far into a long story is background.
        let mut far = String::from("会见外宾\n央视网消息（新闻联播）：今天，会见在北京举行。\n");
        for _ in 0..SPEECH_TITLE_WITHIN {
            far.push_str("双方表示，愿共同努力。\n");
        }
        far.push_str("2013年，他发表题为《携手建设中国—东盟命运共同体》的演讲。\n");
        assert_eq!(pieces(&far), vec!["会见外宾"]);
        // A page copied without line breaks citing many titles gives a bounded number.
        let many = format!(
            "会见外宾\n央视网消息（新闻联播）：今天，会见在北京举行。\n{}",
            "他发表题为《携手建设命运共同体》的演讲。".repeat(100)
        );
        assert_eq!(pieces(&many).len(), 1 + MAX_SPEECH_TITLES);
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
