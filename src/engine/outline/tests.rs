use super::*;
use crate::engine::residue;
use crate::seeds::SEEDS;

fn outline(text: &str) -> Vec<OutlineNode> {
    let runs = residue::find(text);
    let doc = Document::new(text, residue::spans(&runs));
    build(&doc, &Config::default())
}

/// `depth kind name` lines, for readable assertions.
fn flat(nodes: &[OutlineNode]) -> Vec<String> {
    fn walk(nodes: &[OutlineNode], depth: usize, out: &mut Vec<String>) {
        for n in nodes {
            let kind = match n.kind {
                OutlineKind::Heading(l) => format!("h{l}"),
                k => format!("{k:?}").to_lowercase(),
            };
            out.push(format!("{}{kind} {}", "  ".repeat(depth), n.name));
            walk(&n.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(nodes, 0, &mut out);
    out
}

fn details(nodes: &[OutlineNode], kind: OutlineKind) -> Vec<String> {
    fn walk(nodes: &[OutlineNode], kind: OutlineKind, out: &mut Vec<String>) {
        for n in nodes {
            if n.kind == kind {
                out.push(n.detail.clone().unwrap_or_default());
            }
            walk(&n.children, kind, out);
        }
    }
    let mut out = Vec::new();
    walk(nodes, kind, &mut out);
    out
}

/// Every node's selection lies in its range, children lie in their parent, siblings do not
/// overlap, and all offsets are char boundaries.
fn check_ranges(text: &str, nodes: &[OutlineNode], parent: Option<&Span>) {
    let mut prev_end = 0;
    for n in nodes {
        assert!(n.range.start <= n.range.end && n.range.end <= text.len());
        assert!(text.is_char_boundary(n.range.start) && text.is_char_boundary(n.range.end));
        assert!(text.is_char_boundary(n.selection.start) && text.is_char_boundary(n.selection.end));
        assert!(
            n.range.start <= n.selection.start && n.selection.end <= n.range.end,
            "{}: selection {:?} outside {:?}",
            n.name,
            n.selection,
            n.range
        );
        if let Some(p) = parent {
            assert!(
                p.start <= n.range.start && n.range.end <= p.end,
                "{}",
                n.name
            );
        }
        assert!(n.range.start >= prev_end, "{} overlaps its sibling", n.name);
        prev_end = n.range.end;
        assert!(!n.name.is_empty());
        check_ranges(text, &n.children, Some(&n.range));
    }
}

#[test]
fn seed_000_title_block_lead_sections_attendees_editor() {
    let t = SEEDS[0].1;
    let o = outline(t);
    check_ranges(t, &o, None);
    assert_eq!(
        flat(&o),
        vec![
            "title 自治区召开新冠肺炎疫情防控工作视频会议",
            "  metadata 来源:新疆日报 发布时间: 2020-02-23 11:52:58 作者:姚彤 王兴瑞",
            "  title 自治区召开视频会议传达学习中共中央政治局会议精神,研究部署统筹做好疫情防控和经济社会发展工作",
            "  title 坚决贯彻以习近平同志为核心的党中央决策部署",
            "  title 坚定不移夺取疫情防控和经济社会发展双胜利",
            "  title 陈全国出席会议并讲话",
            "lead 新疆平安网讯 2月22日上午,自治区召开新冠肺炎疫情防控工作…",
            "section 会议指出,新冠肺炎疫情发生后",
            "section 会议强调,要坚持提高站位",
            "section 会议强调,要坚持毫不放松",
            "section 会议强调,要坚持统筹兼顾",
            "section 会议指出,要坚持压实责任",
            "attendees 雪克来提·扎克尔、肖开提·依明、努尔兰·阿不都满金、孙金龙、…",
            "editor 责任编辑:李晓晓",
        ]
    );
    // The selection of a section is its marker.
    let s = &o[2];
    assert_eq!(&t[s.selection.clone()], "会议指出");
    assert_eq!(s.detail.as_deref(), Some("会议指出"));
}

#[test]
fn seed_001_skips_residue_and_splits_a_merged_paragraph() {
    let t = SEEDS[1].1;
    let o = outline(t);
    check_ranges(t, &o, None);
    let f = flat(&o);
    assert!(
        f[0].starts_with("title 省委常委会会议暨全省疫情防控工作电视电话会议强调"),
        "{f:#?}"
    );
    // The metadata line is listed without its view counter.
    assert_eq!(f[1], "  metadata 来源:安徽日报 时间:2020-02-06");
    assert!(f[2].starts_with("lead 本报讯"), "{f:#?}");
    assert!(f[3].starts_with("attendees 会议分两个阶段进行"), "{f:#?}");
    let sections = details(&o, OutlineKind::Section);
    // Twelve 会议指出/强调 paragraphs, one of them glued to the previous line.
    assert_eq!(
        sections,
        vec![
            "会议指出",
            "会议强调",
            "会议指出",
            "会议强调",
            "会议指出",
            "会议强调",
            "会议指出",
            "会议强调",
            "会议指出",
            "会议强调"
        ]
    );
    assert!(
        f.iter()
            .any(|l| l == "section 会议强调,要聚焦“生产生活平稳有序”"),
        "{f:#?}"
    );
    assert!(
        f.last()
            .unwrap()
            .starts_with("attendees 会议以电视电话会议形式召开"),
        "{f:#?}"
    );
    assert!(!f
        .iter()
        .any(|l| l.contains("博源国际") || l.contains("XML")));
}

#[test]
fn seed_002_no_title_lead_first_and_spam_kept_out_of_names() {
    let t = SEEDS[2].1;
    let o = outline(t);
    check_ranges(t, &o, None);
    let f = flat(&o);
    assert!(f[0].starts_with("lead 2月24日,全省统筹推进"), "{f:#?}");
    assert_eq!(
        details(&o, OutlineKind::Section),
        vec![
            "会议指出",
            "会议指出",
            "会议强调",
            "会议指出",
            "会议指出",
            "会议要求",
            "会议要求",
            "会议部署"
        ]
    );
    assert!(f
        .last()
        .unwrap()
        .starts_with("attendees 会议以视频形式召开"));
    assert!(
        !f.iter().any(|l| l.contains("足球") || l.contains("bet")),
        "{f:#?}"
    );
}

#[test]
fn seed_003_speaker_sections() {
    let t = SEEDS[3].1;
    let o = outline(t);
    check_ranges(t, &o, None);
    let f = flat(&o);
    assert_eq!(
        f,
        vec![
            "title 做好疫情防控·有序复工复产",
            "  title 抓紧抓实抓细各项防控工作",
            "  title 夺取疫情防控和经济社会发展双胜利",
            "lead 2月24日,我区召开统筹推进新冠肺炎疫情防控和经济社会发展工…",
            "attendees 区委副书记、区长、领导小组组长、执行总指挥长张兴益主持会议;…",
            "speaker 丁中平指出,疫情发生以来",
            "speaker 丁中平要求,要毫不放松抓好疫情防控工作",
            "speaker 丁中平强调,要坚持“两手抓、两手硬”",
            "speaker 丁中平强调,要强化组织领导",
            "speaker 张兴益指出,要坚定必胜信心",
            "attendees 区级有关部门主要负责人在主会场参加会议;区级有关部门班子成员…",
            "editor 本条编辑:韦雪",
        ],
    );
}

#[test]
fn seed_004_headings_inside_the_scraped_line() {
    let t = SEEDS[4].1;
    let o = outline(t);
    check_ranges(t, &o, None);
    let f = flat(&o);
    assert_eq!(
        f,
        vec![
            "title 坚持人民至上生命至上全力以赴抓好疫情防控",
            "lead 始终坚持人民至上生命至上坚决打赢疫情防控攻坚战6月22日,在…",
            "h1 一、要始终坚持一切为了人民、依靠人民,坚决打赢疫情防控攻坚战",
            "h1 二、要始终做到急群众之所急、解群众之所忧,坚决打赢疫情防控攻…",
            "h1 三、要善于发广泛汇聚民智、凝聚民力,坚决打赢疫情防控攻坚战",
        ]
    );
    // Headings tile the rest of the line.
    assert_eq!(o[2].range.end, o[3].range.start);
    assert_eq!(&t[o[2].selection.clone()], "一、");
}

#[test]
fn synthetic_report_one_section_per_line_with_crlf() {
    let t = "全市安全生产工作会议召开\r\n来源：市政府网站 2021-03-02\r\n3月1日，全市安全生产工作会议召开。市长李明出席会议并讲话。\r\n会议听取了各区县安全生产工作汇报。\r\n会议认为，全市安全生产形势总体平稳。\r\n会议指出，要压实各方责任。\r\n补充说明：各区县要抓好落实。\r\n会议强调，要抓好重点行业领域整治。\r\n会议要求，各级各部门要强化值班值守。\r\n会议决定，成立专项整治工作专班。\r\n会议号召，全市上下要凝心聚力。\r\n李明指出，要坚持人民至上。\r\n市委书记王强强调，要守住底线。\r\n各区县、市直有关部门负责同志参加会议。\r\n责任编辑：张三\r\n";
    let o = outline(t);
    check_ranges(t, &o, None);
    assert_eq!(
        details(&o, OutlineKind::Section),
        vec![
            "会议听取",
            "会议认为",
            "会议指出",
            "会议强调",
            "会议要求",
            "会议决定",
            "会议号召"
        ]
    );
    assert_eq!(
        details(&o, OutlineKind::Speaker),
        vec!["李明指出", "王强强调"]
    );
    // The unmarked paragraph belongs to the section before it.
    let s = o
        .iter()
        .find(|n| n.detail.as_deref() == Some("会议指出"))
        .unwrap();
    assert!(t[s.range.clone()].ends_with("各区县要抓好落实。"));
    assert_eq!(o.last().unwrap().kind, OutlineKind::Editor);
    assert_eq!(o[o.len() - 2].kind, OutlineKind::Attendees);
}

#[test]
fn synthetic_document_with_four_heading_levels() {
    let t = "关于做好2021年工作的意见\n\n为做好今年工作，提出如下意见。\n\n一、总体要求\n\n（一）指导思想。坚持稳中求进。\n\n1.坚持人民至上。要做好六稳。\n\n（1）稳就业。\n\n（2）稳金融。\n\n2.坚持系统观念。\n\n（二）目标任务。\n\n二、重点工作\n\n会议强调，要狠抓落实。\n";
    let o = outline(t);
    check_ranges(t, &o, None);
    assert_eq!(
        flat(&o),
        vec![
            "title 关于做好2021年工作的意见",
            "lead 为做好今年工作，提出如下意见。",
            "h1 一、总体要求",
            "  h2 （一）指导思想",
            "    h3 1.坚持人民至上",
            "      h4 （1）稳就业",
            "      h4 （2）稳金融",
            "    h3 2.坚持系统观念",
            "  h2 （二）目标任务",
            "h1 二、重点工作",
            "  section 会议强调，要狠抓落实",
        ]
    );
    // 一、 covers up to 二、.
    let h1 = &o[2];
    assert!(t[h1.range.clone()].ends_with("（二）目标任务。"));
}

#[test]
fn mid_paragraph_speaker_is_not_a_section() {
    let t = "标题\n3月1日，会议召开。\n会议指出，要坚持。习近平总书记指出，要抓落实。\n";
    let o = outline(t);
    assert_eq!(details(&o, OutlineKind::Section), vec!["会议指出"]);
    assert!(details(&o, OutlineKind::Speaker).is_empty());
}

#[test]
fn english_details() {
    let t = SEEDS[0].1;
    let runs = residue::find(t);
    let doc = Document::new(t, residue::spans(&runs));
    let cfg = Config {
        locale: crate::engine::Locale::En,
        ..Config::default()
    };
    let o = build(&doc, &cfg);
    assert_eq!(o[1].detail.as_deref(), Some("lead"));
}

#[test]
fn never_panics_and_stays_in_bounds() {
    for t in [
        "",
        "\r",
        "\n\n\n",
        "𠮷",
        "一、",
        "（一）",
        "会议指出",
        "她指出",
        "。一、二、",
        "标题\r\r导语。一、甲。二、乙。\r",
        "e\u{301}会议强调，😀",
        "（",
        "1.",
    ] {
        let o = outline(t);
        check_ranges(t, &o, None);
    }
}

#[test]
fn a_large_document_is_fast() {
    let mut t = String::new();
    for s in SEEDS.iter() {
        t.push_str(s.1);
        t.push('\n');
    }
    while t.len() < 1_000_000 {
        t.push_str(SEEDS[2].1);
    }
    let start = std::time::Instant::now();
    let o = outline(&t);
    let took = start.elapsed();
    assert!(!o.is_empty());
    // Generous for debug builds on a shared machine; release is far faster.
    assert!(took.as_secs_f64() < 5.0, "{took:?}");
}

/// Timing of this module's parts on realistic corpora: `cargo test --release --lib
/// outline_perf -- --ignored --nocapture`.
#[test]
#[ignore]
fn outline_perf() {
    for size in [20_000, 1_000_000] {
        let t = crate::seeds::corpus(size);
        let cfg = Config::default();
        let time = |f: &dyn Fn()| {
            let start = std::time::Instant::now();
            for _ in 0..5 {
                f();
            }
            start.elapsed() / 5
        };
        let runs = residue::find(&t);
        let doc = Document::new(&t, residue::spans(&runs));
        let r = time(&|| {
            residue::find(&t);
        });
        let o = time(&|| {
            build(&doc, &cfg);
        });
        let mut line = format!("{} bytes: residue {r:?}, outline {o:?}", t.len());
        for id in [
            "heading-sequence",
            "unpaired-mark",
            "web-residue",
            "halfwidth-punct",
        ] {
            let rule = crate::engine::rules::find(id).unwrap();
            let d = time(&|| {
                let mut out = Vec::new();
                rule.check(&doc, &cfg, &mut out);
            });
            line.push_str(&format!(", {id} {d:?}"));
        }
        println!("{line}");
    }
}

/// The 中央经济工作会议 story of 2025-12-11 (新华社, as carried by 央视网; read from the archive
/// github.com/caijing666666/xinwenlianbo, data/news/2025-12-11-001.json), abridged: labels
/// are the document's own words, speakers in their national forms, and the eight tasks are
/// children of the section that announces them.
#[test]
fn central_economic_work_conference_tasks_are_children() {
    let t = "中央经济工作会议在北京举行 习近平发表重要讲话\n\
             新华社北京12月11日电　中央经济工作会议12月10日至11日在北京举行。中共中央总书记、国家主席、中央军委主席习近平出席会议并发表重要讲话。\n\
             习近平在重要讲话中总结2025年经济工作，分析当前经济形势，部署2026年经济工作。李强作总结讲话，对贯彻落实习近平总书记重要讲话精神、做好明年经济工作提出要求。\n\
             会议指出，今年是很不平凡的一年。\n\
             会议确定，明年经济工作抓好以下重点任务。\n\
             一是坚持内需主导，建设强大国内市场。深入实施提振消费专项行动。\n\
             二是坚持创新驱动，加紧培育壮大新动能。制定一体推进教育科技人才发展方案。\n\
             会议还研究了其他事项。\n";
    let f = flat(&outline(t));
    assert!(
        f.contains(&"speaker 习近平在重要讲话中总结2025年经济工作".to_string()),
        "{f:#?}"
    );
    assert!(
        f.contains(&"section 会议确定，明年经济工作抓好以下重点任务。".to_string())
            || f.contains(&"section 会议确定，明年经济工作抓好以下重点任务".to_string()),
        "{f:#?}"
    );
    assert!(
        f.contains(&"  task 一是坚持内需主导，建设强大国内市场".to_string()),
        "{f:#?}"
    );
    assert!(
        f.contains(&"  task 二是坚持创新驱动，加紧培育壮大新动能".to_string()),
        "{f:#?}"
    );
    // Verbatim: no comma inserted into the verb phrase.
    assert!(
        f.contains(&"section 会议还研究了其他事项。".to_string())
            || f.contains(&"section 会议还研究了其他事项".to_string()),
        "{f:#?}"
    );
}

#[test]
fn markdown_headings_are_named_without_their_hashes() {
    let t = "# 关于做好2021年工作的意见\n\n为做好今年工作，提出如下意见。\n\n## 一、总体要求\n\n坚持稳中求进。\n\n## 二、重点工作\n";
    let f = flat(&outline(t));
    assert_eq!(f[0], "title 关于做好2021年工作的意见", "{f:#?}");
    assert!(f.contains(&"h1 一、总体要求".to_string()), "{f:#?}");
    assert!(f.contains(&"h1 二、重点工作".to_string()), "{f:#?}");
}

/// 新闻联播 2020-03-08 (https://tv.cctv.com/2020/03/08/VIDEPw4R3xcNwVEgOpJW25RQ200308.shtml)
/// and 2020-01-14 (https://tv.cctv.com/2020/01/14/VIDEkj0ehkIsz2p1nPD5PLnZ200114.shtml):
/// stories of reactions quote a past speech, 在X上强调, that the lead calls 在X上的重要讲话; it
/// is not a speaker of the story. 在收看了习近平总书记的讲话后表示 names no speaker.
#[test]
fn a_quoted_past_speech_is_not_a_speaker_section() {
    let t = "确保如期高质量完成脱贫攻坚任务——习近平总书记在决战决胜脱贫攻坚座谈会上的重要讲话在各地引发强烈反响\n\
央视网消息（新闻联播）：习近平总书记在决战决胜脱贫攻坚座谈会上的重要讲话，在各地区各部门干部群众中引发强烈反响。大家表示，要充分认识决战决胜脱贫攻坚的重要性艰巨性紧迫性。\n\
习近平总书记在决战决胜脱贫攻坚座谈会上强调，高质量完成脱贫攻坚目标任务，对各地脱贫攻坚成效进行全面检验，确保经得起历史和人民检验。\n\
各地党员干部在收看了习近平总书记的讲话后表示，总书记的论述指明了方向，在今后的工作中，要重心下移，扎根基层，干事创业，为民服务。\n";
    let all = details(&outline(t), OutlineKind::Speaker);
    assert!(all.is_empty(), "{all:?}");
    let cached = crate::engine::outline(t, &Config::default());
    assert!(details(&cached, OutlineKind::Speaker).is_empty());
    // The report of a meeting keeps its speaker, even when named with the meeting.
    let t = "丁薛祥出席卓越工程师培养改革座谈会\n\
新华社北京电 卓越工程师培养改革座谈会在京召开。中共中央政治局常委、国务院副总理丁薛祥出席会议并讲话。\n\
丁薛祥在卓越工程师培养改革座谈会上强调，要加大卓越工程师培养力度。\n";
    assert_eq!(details(&outline(t), OutlineKind::Speaker), ["丁薛祥强调"]);
}

/// Past meetings cited mid-paragraph (新华社 stories in the caijing666666/xinwenlianbo mirror,
/// data/news/2025-12-08-002.json and 2025-11-27-002.json) do not open 会议X sections.
#[test]
fn a_past_meeting_cited_mid_paragraph_is_not_a_section() {
    let t = "标题\n新华社北京12月8日电 题：应变克难开新局。\n\
今年是我国巩固拓展脱贫攻坚成果同乡村振兴有效衔接5年过渡期的最后一年。7月30日召开的中央政治局会议强调，巩固拓展脱贫攻坚成果，确保不发生规模性返贫致贫。\n\
2024年11月召开的中央社会工作会议强调，大力弘扬志愿精神，完善志愿服务制度和工作体系。\n\
正如党的二十大报告指出的，高质量发展是全面建设社会主义现代化国家的首要任务。\n";
    let nodes = outline(t);
    assert!(
        details(&nodes, OutlineKind::Section).is_empty(),
        "{:?}",
        flat(&nodes)
    );
    assert!(
        details(&nodes, OutlineKind::Speaker).is_empty(),
        "{:?}",
        flat(&nodes)
    );
}

/// Plain paragraphs between headings are kept as one nameless item per run, reaching the
/// run's furthest end: the outline (and the heading's range over them) is unchanged, and a
/// document of many one-line paragraphs holds a few items, not one per line.
#[test]
fn runs_of_plain_paragraphs_are_kept_as_one_item() {
    let other = |start: usize, end: usize| Item {
        kind: OutlineKind::Other,
        span: start..end,
        selection: start..end,
        name: "议".to_string(),
        detail: None,
    };
    let mut items = Vec::new();
    for k in 0..1000 {
        push_compact(&mut items, other(2 * k, 2 * k + 1));
    }
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].span, 0..1999);
    assert!(items[0].name.is_empty());

    let text = format!(
        "一、加强党的领导\n{}二、推动高质量发展\n{}",
        "议\n".repeat(300),
        "议\n".repeat(300)
    );
    let nodes = outline(&text);
    let headings: Vec<_> = nodes
        .iter()
        .filter(|n| matches!(n.kind, OutlineKind::Heading(_)))
        .collect();
    assert_eq!(headings.len(), 2, "{:?}", flat(&nodes));
    // Each heading reaches the end of the last plain paragraph under it.
    let second = text.find("二、").unwrap();
    assert_eq!(headings[0].range.end, second - 1, "{:?}", headings[0]);
    assert_eq!(headings[1].range.end, text.len() - 1);
}

#[test]
fn a_speakers_news_headline_is_the_title() {
    // 新闻联播 2020-12-29: before, the speaker's verb made the headline a speaker section.
    let t = "习近平在中央农村工作会议上强调 坚持把解决好“三农”问题作为全党工作重中之重\n中央农村工作会议12月28日至29日在北京举行。中共中央总书记习近平出席会议并发表重要讲话。\n习近平指出，全党务必充分认识新发展阶段做好“三农”工作的重要性和紧迫性。";
    let roots = outline(t);
    assert_eq!(roots[0].kind, OutlineKind::Title, "{roots:?}");
    assert!(
        roots[0].name.starts_with("习近平在中央农村工作会议上强调"),
        "{roots:?}"
    );
}

#[test]
fn a_feature_s_asking_headline_is_the_title() {
    // 新闻联播 2016-01-10 (held40-20160110-1): a series' feature asks in its headline.
    let t = "【治国理政新实践·脱贫军令状】精准扶贫：钱怎么用到刀刃上？\n央视网消息(新闻联播)：摘掉穷帽子，过上好日子，这是习总书记心中对7000多万贫困人口的牵挂，也是全国人民的心愿。全面实现小康，这块短板如何补齐？这根硬骨头如何去啃？时间只有五年。";
    let roots = outline(t);
    assert_eq!(roots[0].kind, OutlineKind::Title, "{roots:?}");
    assert!(roots[0].name.contains("精准扶贫"), "{roots:?}");
    // A long line that asks is a paragraph of the body.
    assert!(super::looks_like_lead(
        "全面实现小康，这块短板如何补齐？这根硬骨头如何去啃？时间只有五年，省市县乡村立下五级军令状吗？"
    ));
}

/// The government work report of 2016 (eval/published/reports.jsonl) opens on its salutation:
/// neither the title nor the lead, which is the paragraph after it; its parts open on a year.
#[test]
fn a_work_report_opens_on_its_salutation() {
    let t = "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协各位委员提出意见。\n一、2015年工作回顾\n过去一年，我国发展面临多重困难和严峻挑战。在以习近平同志为总书记的党中央坚强领导下，全国各族人民以坚定的信心和非凡的勇气，攻坚克难，开拓进取，经济社会发展稳中有进、稳中有好，完成了全年主要目标任务。\n二、“十三五”时期主要目标任务和重大举措\n“十三五”时期是全面建成小康社会决胜阶段。";
    let nodes = outline(t);
    check_ranges(t, &nodes, None);
    let f = flat(&nodes);
    assert!(f[0].starts_with("lead 现在，我代表国务院"), "{f:?}");
    assert!(!f.iter().any(|l| l.starts_with("title")), "{f:?}");
    assert!(
        f.iter().any(|l| l.starts_with("h1 一、2015年工作回顾")),
        "{f:?}"
    );
    assert!(f.iter().any(|l| l.starts_with("h1 二、“十三五”")), "{f:?}");
    assert!(markers::salutation("女士们、先生们："));
    assert!(!markers::salutation("一、总体要求"));
}
