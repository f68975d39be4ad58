//! Recognisers for the paragraph openers of a meeting report: 会议指出 sections, speaker
//! sections (丁中平指出, 省委书记王国生强调, 她指出), metadata, attendee and editor lines.
//! Each works on the text of one paragraph (or one segment of a paragraph) and returns the
//! byte length of the marker it found.

use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    cell.get_or_init(|| {
        // The lazy DFA's cache grows with every new paragraph opening it meets, to 2 MB by
        // default, per thread; these regexes only read a paragraph's first few dozen
        // characters, where a 64 KiB cache costs nothing measurable (1 MB of paragraphs: 3.0 -> 1.2 MB
        // retained, 13 -> 14 ms).
        RegexBuilder::new(pattern)
            .dfa_size_limit(DFA_CACHE)
            .build()
            .expect("valid built-in regex")
    })
}

const DFA_CACHE: usize = 64 << 10;

/// How much of a paragraph a speaker opener can span (its pattern's longest match is about
/// 100 characters, whitespace aside).
const OPENER_MAX_CHARS: usize = 200;

/// A 会议X opener: `(marker length, detail)`, e.g. `(12, "会议指出")`.
pub fn section(s: &str) -> Option<(usize, String)> {
    static STRICT: OnceLock<Regex> = OnceLock::new();
    static LOOSE: OnceLock<Regex> = OnceLock::new();
    let strict = re(
        &STRICT,
        r"^会议\s*(?:还|并|同时|最后|首先|随后|进一步|充分|一致|再次|专门|明确|特别)?(认为|指出|强调|要求|决定|确定|听取|审议|研究|部署|提出|号召|通报|传达|肯定|分析|总结)",
    );
    if let Some(c) = strict.captures(s) {
        let m = c.get(0)?;
        return Some((m.end(), format!("会议{}", &c[1])));
    }
    // 会议对统筹推进……进行具体安排部署
    let loose = re(
        &LOOSE,
        r"^会议(?:对|就)[^。；;，,]{1,40}?(?:进行了?|作出了?|作了)?(?:具体|全面|专题|再)?(?:安排)?(部署|强调|要求)",
    );
    let c = loose.captures(s)?;
    Some((c.get(0)?.end(), format!("会议{}", &c[1])))
}

/// An enumerated task opener (一是, 十二是, 第一，): `(marker length, number)`.
pub fn task(s: &str) -> Option<(usize, u32)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^(?:(?P<a>[一二三四五六七八九十]{1,3})是|第(?P<b>[一二三四五六七八九十]{1,3})[，,、：:])",
    );
    let c = r.captures(s)?;
    let num = c.name("a").or(c.name("b"))?;
    let n = super::headings::cn_value_pub(num.as_str())?;
    Some((c.get(0)?.end(), n))
}

/// Frequent single-character surnames (no character that also starts a common word such as
/// 全 in 全省 or 国 in 国务院).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫阎段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟应臧闵苟邬边卞姬师仇栾隋刁沙荣巫寇桑郎甄丛仲虞敖巩佘池查麻苑迟邝封谈匡鞠惠荆冀郁胥班储栗燕楚鄢劳谌奚皮粟冼蔺楼满闻厉伊仝郜阚权帅屠朴盖练廉禹井祖漆巴丰支卿狄索宣晋芮扈晁阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜逯隆茹诸慕危玉亢嵇哈湛宾戎勾茅揭尉冶檀昝幸衡尧习";
const COMPOUND_SURNAMES: [&str; 12] = [
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "令狐", "夏侯", "慕容", "公孙", "司徒",
];

/// Subjects that look like a two-to-four-character name but are not people.
const NOT_NAMES: [&str; 24] = [
    "会议",
    "大会",
    "全会",
    "我们",
    "他们",
    "她们",
    "大家",
    "文件",
    "通知",
    "报告",
    "讲话",
    "意见",
    "方案",
    "同志们",
    "与会人员",
    "与会同志",
    "有关部门",
    "中央",
    "党中央",
    "国务院",
    "总书记",
    "书记",
    "记者",
    "专家",
];

/// Endings that make a subject an institution or a group rather than a person.
const NOT_NAME_ENDINGS: &str = "局部委厅院办会省市区县府组们家方处室所站队团司校";

fn is_personal_name(name: &str, has_title: bool) -> bool {
    // 各地党员干部在收看了习近平总书记的讲话后表示: a title, then 的讲话后, no name.
    if NOT_NAMES.contains(&name) || name.contains(['的', '了']) {
        return false;
    }
    if name.contains('·') {
        return true;
    }
    let last = name.chars().next_back();
    if !has_title && last.is_some_and(|c| NOT_NAME_ENDINGS.contains(c)) {
        return false;
    }
    if has_title {
        return true;
    }
    let first = name.chars().next();
    first.is_some_and(|c| SURNAMES.contains(c))
        || COMPOUND_SURNAMES.iter().any(|s| name.starts_with(s))
}

/// The meeting a speaker opener names (`习近平总书记在决战决胜脱贫攻坚座谈会上强调` names
/// `决战决胜脱贫攻坚座谈会`), when it names one.
pub fn named_meeting(marker: &str) -> Option<&str> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"在([^，,。；;]{2,16}?(?:会议|全会|大会|座谈会|论坛|峰会|典礼|仪式|会))上",
    );
    Some(r.captures(marker)?.get(1)?.as_str())
}

/// A speaker opener at the start of a paragraph: `(marker length, detail)`, e.g.
/// `(15, "丁中平指出")` for 丁中平指出, or the pronoun form 她指出.
pub fn speaker(s: &str) -> Option<(usize, String)> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^(?:(?:会上|会议上|随后|最后|会前)[，,]?\s*)?(?:(?P<pron>她|他)|(?P<title>[\p{Han}、，,]{0,30}?(?:书记|省长|市长|区长|县长|州长|旗长|镇长|乡长|主任|部长|主席|局长|厅长|处长|总理|委员|组长|秘书长|指挥长|院长|校长|董事长|总经理|理事长|会长|司令员|政委|检察长|行长|常委|社长|台长|总编辑|主编|巡视员|调研员))?(?P<name>\p{Han}{1,6}·\p{Han}{1,8}|\p{Han}{2,4}?)(?P<suffix>总书记|书记|省长|市长|区长|县长|主席|总理|部长|主任|同志)?)(?:同志)?(?:在[^，,。；;]{0,16}?(?:上|中|时))?(?:还|并|也|再次|进一步|最后|同时|首先)?(?P<verb>指出|强调|要求|表示|提出|认为|总结|作总结讲话|作重要讲话|发表重要讲话|作讲话|出席会议并讲话|出席并讲话|主持会议并讲话)",
    );
    // The opener is anchored and at most ~100 characters long: reading captures over a whole
    // paragraph made the regex engines' per-thread scratch space grow with the longest
    // paragraph seen (2.6 MB at the peak with 1 MB of text open).
    let head = match s.char_indices().nth(OPENER_MAX_CHARS) {
        Some((i, _)) => &s[..i],
        None => s,
    };
    let c = r.captures(head)?;
    let m = c.get(0)?;
    let verb = c.name("verb")?.as_str();
    // 陈全国出席会议并讲话 on its own is a headline, not a speaker's paragraph.
    if verb.ends_with("讲话") && !s.contains('。') {
        return None;
    }
    let who = if let Some(p) = c.name("pron") {
        p.as_str().to_string()
    } else {
        let name = c.name("name")?.as_str();
        let has_title = c.name("title").is_some() || c.name("suffix").is_some();
        if !is_personal_name(name, has_title) {
            return None;
        }
        name.to_string()
    };
    Some((m.end(), format!("{who}{verb}")))
}

const META_KEYS: &str = r"(?:来源|信息来源|稿源|发布时间|发布日期|时间|日期|作者|记者|通讯员|编辑|浏览量?|阅读量?|点击数?|字号)\s*[:：]";

/// A source/date/author line (来源:新疆日报 发布时间: 2020-02-23 作者:姚彤).
pub fn metadata(s: &str) -> bool {
    static START: OnceLock<Regex> = OnceLock::new();
    static ANY: OnceLock<Regex> = OnceLock::new();
    static DATE: OnceLock<Regex> = OnceLock::new();
    if s.chars().count() > 160 || s.contains('。') {
        return false;
    }
    let start = re(&START, &format!("^[【\\[（(]?{META_KEYS}"));
    if start.is_match(s) {
        return true;
    }
    let any = re(&ANY, META_KEYS);
    let keys = any.find_iter(s).count();
    let date = re(&DATE, r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}");
    keys >= 2 || (keys >= 1 && date.is_match(s))
}

/// A salutation opening a speech or report (各位代表：, 同志们：, 女士们、先生们：): a short line
/// ending on a colon. It addresses the audience; it is neither the title nor the lead.
pub fn salutation(s: &str) -> bool {
    let t = s.trim();
    let n = t.chars().count();
    (2..=16).contains(&n) && t.ends_with(['：', ':']) && !t.contains(['。', '，', ','])
}

/// An editor line (责任编辑:李晓晓, 本条编辑:韦雪): the marker length.
pub fn editor(s: &str) -> Option<usize> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"^[（(【\[]?\s*(?:责任编辑|本条编辑|本文编辑|网络编辑|值班编辑|编辑|责编|审核|审校|校对|编审|终审|监制|签发)\s*[:：]",
    );
    if s.chars().count() > 80 {
        return None;
    }
    r.find(s).map(|m| m.end())
}

/// An attendance statement (……出席会议。 …在主会场参加会议; …设分会场。): the marker's range
/// within `s`.
pub fn attendees(s: &str) -> Option<std::ops::Range<usize>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let r = re(
        &RE,
        r"(?:出席|参加|列席|参会)了?(?:会议|大会|会)?(?:并讲话|并致辞|并作讲话)?\s*(?:[。；;.]|$)|在(?:主|分)会场(?:参加会议|参会|收听收看)|设(?:立)?分会场|(?:视频|电视电话)会议形式召开",
    );
    r.find(s).map(|m| m.range())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sp(s: &str) -> Option<String> {
        speaker(s).map(|(len, d)| format!("{}|{d}", &s[..len]))
    }

    #[test]
    fn sections() {
        assert_eq!(section("会议指出,新冠肺炎").unwrap().1, "会议指出");
        assert_eq!(section("会议强调 ,当前我省").unwrap().1, "会议强调");
        assert_eq!(section("会议还听取了汇报").unwrap().1, "会议听取");
        assert_eq!(
            section("会议对统筹推进疫情防控和经济社会发展进行具体安排部署,强调")
                .unwrap()
                .1,
            "会议部署"
        );
        assert!(section("会议以视频形式召开。").is_none());
        assert!(section("会议分两个阶段进行,省委书记").is_none());
        assert!(section("会议室已消毒").is_none());
    }

    #[test]
    fn speakers_in_the_forms_of_national_reports() {
        // 中央经济工作会议 / 政治局会议 stories (新华社, 2025-12).
        assert_eq!(
            sp("习近平在重要讲话中指出，今年是“十四五”规划收官之年").unwrap(),
            "习近平在重要讲话中指出|习近平指出"
        );
        assert_eq!(
            sp("李强作总结讲话，对贯彻落实习近平总书记重要讲话精神提出要求。").unwrap(),
            "李强作总结讲话|李强作总结讲话"
        );
        assert_eq!(
            sp("习近平在重要讲话中总结2025年经济工作").unwrap(),
            "习近平在重要讲话中总结|习近平总结"
        );
        assert_eq!(
            section("会议确定，明年经济工作抓好以下重点任务。")
                .unwrap()
                .1,
            "会议确定"
        );
        assert_eq!(
            sp("刘国中出席会议并讲话。").unwrap(),
            "刘国中出席会议并讲话|刘国中出席会议并讲话"
        );
    }

    #[test]
    fn speakers_from_seeds_and_general_forms() {
        assert_eq!(
            sp("丁中平指出,疫情发生以来").unwrap(),
            "丁中平指出|丁中平指出"
        );
        assert_eq!(
            sp("丁中平要求,要毫不放松").unwrap(),
            "丁中平要求|丁中平要求"
        );
        assert_eq!(
            sp("张兴益指出,要坚定必胜信心").unwrap(),
            "张兴益指出|张兴益指出"
        );
        assert_eq!(sp("她指出,要准确把握").unwrap(), "她指出|她指出");
        assert_eq!(
            sp("省委书记王国生强调,要坚持").unwrap(),
            "省委书记王国生强调|王国生强调"
        );
        assert_eq!(
            sp("雪克来提·扎克尔指出,要").unwrap(),
            "雪克来提·扎克尔指出|雪克来提·扎克尔指出"
        );
        assert_eq!(
            sp("习近平总书记指出,要坚持").unwrap(),
            "习近平总书记指出|习近平指出"
        );
        assert_eq!(
            sp("李锦斌在讲话中强调,要坚持").unwrap(),
            "李锦斌在讲话中强调|李锦斌强调"
        );
        assert_eq!(sp("欧阳明同志指出,").unwrap(), "欧阳明同志指出|欧阳明指出");
    }

    #[test]
    fn non_speakers() {
        for s in [
            "会议指出,要坚持",
            "会议强调,要坚持",
            "与会人员表示,要坚持",
            "我们要求各地",
            "全省表示",
            "国务院强调",
            "有关部门表示",
            "区委副书记张孝卫参加会议",
            "李锦斌主持第一阶段会议",
            "当前,疫情防控正处在最吃劲的关键阶段",
        ] {
            assert!(sp(s).is_none(), "{s}: {:?}", sp(s));
        }
    }

    #[test]
    fn metadata_lines() {
        assert!(metadata(
            "来源:新疆日报   发布时间: 2020-02-23 11:52:58  作者:姚彤 王兴瑞"
        ));
        assert!(metadata("来源:安徽日报 时间:2020-02-06 浏览量 :4864"));
        assert!(metadata("2020-02-23 11:52 来源：新华网"));
        assert!(!metadata("会议指出,要坚持。"));
        assert!(!metadata("坚定不移夺取疫情防控和经济社会发展双胜利"));
    }

    #[test]
    fn editor_and_attendee_lines() {
        assert!(editor("责任编辑:李晓晓").is_some());
        assert!(editor("本条编辑:韦雪").is_some());
        assert!(editor("编辑部要求").is_none());
        assert!(attendees("雪克来提·扎克尔、孙金龙、李鹏新出席会议。").is_some());
        assert!(attendees("区级有关部门主要负责人在主会场参加会议;").is_some());
        assert!(attendees("各省辖市、济源示范区、县(市、区)设分会场。").is_some());
        assert!(attendees("要坚持问题导向,靠前指挥。").is_none());
    }
}
