use super::*;
use crate::engine::config::RecurringSettings;

fn find(text: &str) -> Vec<Recurrence> {
    let doc = Document::new(text, Vec::new());
    find_recurring(&doc, &RecurringSettings::default(), Lexicon::builtin())
}

/// The headline and text of story `id` of an evaluation set (`jsonl`, one story a line).
fn story(jsonl: &str, id: &str) -> (String, String) {
    let line = jsonl
        .lines()
        .find(|l| l.contains(&format!("\"{id}\"")))
        .unwrap_or_else(|| panic!("{id} is in the set"));
    let story: serde_json::Value = serde_json::from_str(line).unwrap();
    let field = |k: &str| story[k].as_str().unwrap_or_default().to_string();
    (field("title"), field("text"))
}

/// Whether `phrase` recurs in `text` as its topic (None: it is not found).
fn topic_of(text: &str, phrase: &str) -> Option<bool> {
    find(text)
        .into_iter()
        .find(|r| r.phrase == phrase)
        .map(|r| r.topic)
}

#[test]
fn spans_hold_the_phrase_in_order_without_overlap() {
    for (name, text) in crate::seeds::all() {
        for r in find(text) {
            assert!(r.spans.len() >= 3, "{name}: {r:?}");
            for w in r.spans.windows(2) {
                assert!(w[0].end <= w[1].start, "{name}: {r:?}");
            }
            for s in &r.spans {
                assert_eq!(&text[s.clone()], r.phrase, "{name}");
            }
        }
    }
}

#[test]
fn seed_000_counts() {
    let text = include_str!("../../../seeds/000_aeb186bd1e0d189c.txt");
    let found = find(text);
    let count = |p: &str| found.iter().find(|r| r.phrase == p).map(|r| r.spans.len());
    // Unknown to the background corpus and never a clause of its own here (部署|统筹做好…,
    // 增强|统筹做好…|的责任感): its places belong to the family of 疫情防控和经济社会发展.
    assert_eq!(count("统筹做好疫情防控和经济社会发展工作"), None);
    assert_eq!(count("疫情防控和经济社会发展"), Some(7));
    assert_eq!(count("习近平总书记"), None);
}

#[test]
fn contained_phrase_with_the_same_count_is_not_reported() {
    // 疫情防控攻坚战 only ever stands inside 坚决打赢疫情防控攻坚战 in this text.
    let t = "坚决打赢疫情防控攻坚战。\n要坚决打赢疫情防控攻坚战。\n必须坚决打赢疫情防控攻坚战,";
    let found = find(t);
    let phrases: Vec<&str> = found.iter().map(|r| r.phrase.as_str()).collect();
    assert_eq!(phrases, vec!["坚决打赢疫情防控攻坚战"]);
}

#[test]
fn overlapping_occurrences_are_counted_once() {
    // A run that overlaps itself: only non-overlapping occurrences count.
    let t = "加强党的领导加强党的领导加强党的领导加强党的领导";
    for r in find(t) {
        for w in r.spans.windows(2) {
            assert!(w[0].end <= w[1].start);
        }
    }
}

#[test]
fn masked_text_is_a_boundary() {
    let t = "统筹推进疫情防控和经济社会发展。统筹推进疫情防控和经济社会发展。统筹推进疫情防控和经济社会发展。";
    let phrases = |f: &[Recurrence]| f.iter().map(|r| r.phrase.clone()).collect::<Vec<_>>();
    assert_eq!(phrases(&find(t)), vec!["统筹推进疫情防控和经济社会发展"]);
    // Mask the middle of every occurrence: 疫情防控 can no longer join both halves.
    let masked: Vec<Span> = t
        .match_indices("疫情防控")
        .map(|(i, s)| i..i + s.len())
        .collect();
    let doc = Document::new(t, masked.clone());
    let found = find_recurring(&doc, &RecurringSettings::default(), Lexicon::builtin());
    for r in &found {
        assert!(
            r.spans
                .iter()
                .all(|s| !masked.iter().any(|m| overlaps(m, s))),
            "{r:?}"
        );
    }
    assert_eq!(phrases(&found), vec!["经济社会发展"]);
}

#[test]
fn segmenter_can_be_wrapped_by_a_cache() {
    let text = include_str!("../../../seeds/003_b7cc8050b06c14b8.txt");
    let doc = Document::new(text, Vec::new());
    let mut cache: HashMap<String, Arc<Vec<Token>>> = HashMap::new();
    let mut calls = 0;
    let mut seg = |p: &str| {
        calls += 1;
        cache
            .entry(p.to_string())
            .or_insert_with(|| segment_paragraph(p))
            .clone()
    };
    let a = find_recurring_with(
        &doc,
        &RecurringSettings::default(),
        Lexicon::builtin(),
        &mut seg,
    );
    let b = find_recurring_with(
        &doc,
        &RecurringSettings::default(),
        Lexicon::builtin(),
        &mut seg,
    );
    assert_eq!(a, b);
    assert_eq!(a, find(text));
    assert_eq!(calls, 2 * doc.paragraphs.len());
    assert_eq!(cache.len(), doc.paragraphs.len());
}

#[test]
#[ignore = "prints what the seeds yield; run with --ignored --nocapture"]
fn print_seed_recurrences() {
    for (name, text) in crate::seeds::all() {
        println!("== {name}");
        for r in find(text) {
            println!("  {} ×{} {:?}", r.phrase, r.spans.len(), r.entry_id);
        }
    }
}

#[test]
fn long_periodic_runs_are_not_formulas() {
    // The LSP stress test sends a 2 MB line of one character: junk, not a recurring phrase.
    // (That it stays linear is checked by `cargo bench --bench linearity`, not by a timer.)
    let t = format!("会议指出,{}", "议".repeat(200_000));
    let found = find(&t);
    assert!(found.is_empty(), "{:?}", found.first().map(|r| &r.phrase));
}

#[test]
fn filter_word_lists_load_from_data() {
    let w = super::filter_words();
    assert!(w.entity_heads.iter().any(|h| h == "论坛"));
    assert!(w.reporting_verbs.iter().any(|v| v == "表示"));
    assert!(w.date_pieces.iter().any(|d| d == "日"));
    assert_eq!(w.topic_heads.get("政策"), Some(&vec![String::new()]));
    assert!(w.topic_heads["思想"].iter().any(|f| f == "文选"));
    assert!(w.determiners.iter().any(|d| d == "各"));
}

#[test]
fn institutions_frames_and_date_tails_are_not_formulas() {
    // Real wording from eval/published/xwlb.jsonl (2024-05-28, 2024-12-15, 2024-03-22).
    let t = "开好新一届中非合作论坛峰会。办好中非合作论坛。中非合作论坛成果丰硕。\n\
             广大干部群众表示，信心更足。广大干部群众表示，干劲更大。广大干部群众表示，前景光明。\n\
             李强22日主持召开国务院常务会议。李强5日主持召开国务院常务会议。李强9日主持召开国务院常务会议。";
    let found: Vec<String> = find(t).into_iter().map(|r| r.phrase).collect();
    for bad in [
        "中非合作论坛",
        "广大干部群众表示",
        "日主持召开国务院常务会议",
        "主持召开国务院常务会议",
    ] {
        assert!(!found.iter().any(|p| p == bad), "{bad}: {found:?}");
    }
}

/// A verb phrase the background corpus doesn't know, repeated within one report but standing
/// as a whole clause only once, is the report's topic (国务院常务会议 of 2025-01-03,
/// https://tv.cctv.com/2025/01/03/VIDEFnvVjzuJVLqw1Q59CPOh250103.shtml); the seeds' own
/// formulas standing whole clause after clause are still found.
#[test]
fn own_wording_needs_whole_clauses() {
    let text = "国务院总理李强1月3日主持召开国务院常务会议，研究推进城市更新工作，听取保障农民工工资支付工作情况汇报。\n\
会议指出，保障农民工工资支付，是事关民生的大事。要指导各级政府和央企国企优先保障农民工工资支付、带头清理欠薪。\
要拿出制度性、长效性的举措，从源头上保障农民工工资支付。";
    assert!(
        !find(text)
            .iter()
            .any(|r| r.phrase.contains("农民工工资支付")),
        "{:?}",
        find(text)
    );
    let seed = include_str!("../../../seeds/003_b7cc8050b06c14b8.txt");
    assert!(find(seed)
        .iter()
        .any(|r| r.phrase == "抓紧抓实抓细各项防控工作" && r.background_df == 0));
}

/// Lexicon full forms are formulas whatever the background says (夺取…双胜利 for 双胜利);
/// a title chain is never one (农业和农村|委员会副主任).
#[test]
fn full_forms_and_title_chains() {
    let seed = include_str!("../../../seeds/003_b7cc8050b06c14b8.txt");
    assert!(find(seed)
        .iter()
        .any(|r| r.phrase == "夺取疫情防控和经济社会发展双胜利"));
    let text = "张桃林同志不再担任农业和农村委员会副主任，张杰同志不再担任教科卫委员会副主任，\
曹卫星同志不再担任环境与资源保护委员会副主任。";
    assert!(
        !find(text).iter().any(|r| r.phrase.ends_with("副主任")),
        "{:?}",
        find(text)
    );
}

#[test]
fn filter_words_parse() {
    let w: FilterWords =
        serde_json::from_str(include_str!("../../../data/formulas/words.json")).unwrap();
    assert!(w.title_words.iter().any(|t| t == "总书记"));
    assert!(!w.entity_heads.is_empty() && !w.reporting_verbs.is_empty());
    assert!(!w.date_pieces.is_empty());
}

/// Sentences of the held-out set (eval/recurrence/heldout.jsonl), round 3 of issue 12.
mod held_out {
    use super::find;

    fn phrases(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.phrase).collect()
    }

    #[test]
    fn a_phrase_mostly_inside_compounds_published_text_knows_is_not_a_formula() {
        // held-2025-12-08-002 (twice) and held-2025-11-16-004: 民营|经济, 海洋|经济 are units
        // of the background table, so 经济高质量发展 is cut in two of its three places.
        let t = "习近平总书记深刻阐明事关民营经济发展的一系列根本性、方向性问题，让广大民营企业和民营企业家吃下安心谋发展的“定心丸”，为促进民营经济高质量发展注入“强心剂”。\n\
主持召开中央财经委员会第六次会议，研究海洋经济高质量发展等问题，会议强调“要加强海洋生态环境保护”；\n\
决定稿对健全推动经济高质量发展体制机制、促进新质生产力发展作出部署。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p == "经济高质量发展"), "{p:?}");
    }

    #[test]
    fn the_last_item_of_an_enumeration_with_its_predicate_is_not_a_formula() {
        // held-2025-11-16-002 and held-2025-11-18-0: 党的领导、人民当家作主、依法治国有机统一.
        let t = "文中指出：坚持党的领导、人民当家作主、依法治国有机统一，最根本的是坚持党的领导。\n\
习近平强调，新征程上，要全面贯彻新时代中国特色社会主义法治思想，坚持党的领导、人民当家作主、依法治国有机统一，聚焦建设更加完善的中国特色社会主义法治体系、建设更高水平的社会主义法治国家。\n\
坚持党的领导、人民当家作主、依法治国有机统一，确保党的领导贯彻到全面依法治国全过程和各方面。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p == "依法治国有机统一"), "{p:?}");
        // A middle item, between two 、, is whole.
        assert!(p.iter().any(|p| p == "人民当家作主"), "{p:?}");
    }

    #[test]
    fn a_rare_noun_phrase_repeated_through_one_story_is_its_topic() {
        // held-2025-11-27-003: 巴勒斯坦人民 in 16 background stories, 12 times in this one.
        let t = "要尽快改善加沙人道局势，减轻巴勒斯坦人民苦难。\n\
巴勒斯坦问题的政治解决和国家事务的管理必须掌握在巴勒斯坦人民自己手中，不应受任何外部势力干预。\n\
加沙战后治理必须由巴勒斯坦人民自己主导，而非由外部强加治理模式，防止出现某些国家以“重建”为名干涉巴勒斯坦事务。\n\
习近平主席在贺电中表示，中国作为联合国安理会常任理事国，坚定支持巴勒斯坦人民恢复民族合法权利的正义事业。\n\
“中国一直在各个国际场合上捍卫巴勒斯坦人民的合法权利，这一立场从未改变。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.contains("巴勒斯坦人民")), "{p:?}");
        // held16-20140630-1 (tv.cctv.com, 2014-06-30): 党风廉政建设, in 26 background stories,
        // three times in a Politburo meeting's report (shortened) is a formula; five times, its topic.
        let sentences = [
            "会议指出，党的纪律检查体制改革是全面深化改革的重要组成部分，为党风廉政建设和反腐败斗争提供体制机制的制度保障。",
            "会议强调，深化党的纪律检查体制改革，关键在落实党风廉政建设主体责任和监督责任。",
            "各级党委的主体责任是前提、是基础，切实抓好党风廉政建设和反腐败工作。",
            "党委(党组)书记是第一责任人，其他成员对职责范围内的党风廉政建设负领导责任。",
            "对不认真履行职责、抓党风廉政建设不力的，要严肃追究责任。",
        ];
        let three = sentences[..3].join("\n");
        assert!(
            phrases(&three).iter().any(|p| p == "党风廉政建设"),
            "{three}"
        );
        let five = sentences.join("\n");
        assert!(
            !phrases(&five).iter().any(|p| p.contains("党风廉政建设")),
            "{five}"
        );
    }

    #[test]
    fn an_abbreviation_before_a_noun_phrase_cuts_it() {
        // held-2025-12-03-2: 老中|命运共同体建设, 中老|命运共同体建设.
        let t = "中方愿同老方一道落实好两党两国最高领导人战略共识，继续在台湾问题等涉及彼此核心利益和重大关切问题上坚定相互支持，加快推进中老命运共同体建设。\n\
通伦表示，当前老中关系处于历史最好时期，两国合作成果丰硕，愿推动老中命运共同体建设迈上更高水平。\n\
同辛拉冯会谈时，王沪宁表示，中国全国政协愿同老挝建国阵线加强交流合作，为推动中老命运共同体建设发挥积极作用。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p == "命运共同体建设"), "{p:?}");
    }
}

/// Sentences of the second held-out set (eval/recurrence/heldout2.jsonl, 2023 新闻联播), whose
/// names, places and procedural frames passed every test of dispersion and entropy (round 4).
mod held_out_2 {
    use super::find;

    fn phrases(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.phrase).collect()
    }

    #[test]
    fn a_place_is_not_a_formula_even_as_a_lexicon_slogan() {
        // held2-20230511-3: 雄安新区 is a lexicon entry and in 41 background stories.
        let t = "央视网消息（新闻联播）：习近平总书记近日在河北雄安新区考察，并主持召开高标准高质量推进雄安新区建设座谈会。\n\
他强调，雄安新区已进入大规模建设与承接北京非首都功能疏解并重阶段，工作重心已转向高质量建设、高水平管理、高质量疏解发展并举。\n\
习近平总书记考察的第一站是雄安站，这是雄安新区开工建设的第一个重大基础设施项目。\n\
离开社区时，总书记叮嘱大家，建设雄安新区是千年大计、国家大事，既不能心浮气躁，也不能等靠要，要踏实努力，久久为功。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.ends_with("雄安新区")), "{p:?}");
    }

    #[test]
    fn a_clause_naming_who_acts_or_how_a_vote_went_is_a_frame() {
        // held2-20231225-3 and held2-20230304-4: whole clauses unknown to published text, but
        // about an organisation (国务院) or a procedure (经过 inside).
        let t = "受国务院委托，海关总署署长俞建华、自然资源部部长王广华分别作了说明。\n\
受国务院委托，国务院港澳办副主任王灵桂作了说明。\n\
受国务院委托，外交部副部长邓励作了关于提请审议批准《中华人民共和国和博茨瓦纳共和国引渡条约》的议案的说明。\n\
会议经过表决，决定刘俊臣、孟祥锋、姜信治、刘建波、王超为大会副秘书长。\n\
会议经过表决，决定将相关人选提请各代表团酝酿后，提请大会全体会议表决。\n\
会议经过表决，决定大会期间代表提出议案的截止时间为3月7日12时。";
        let p = phrases(t);
        assert!(
            !p.iter().any(|p| p == "受国务院委托" || p == "会议经过表决"),
            "{p:?}"
        );
    }

    #[test]
    fn posts_and_groups_of_people_are_not_formulas() {
        // held2-20230304-4 (主席团|常务主席: the title is one jieba word) and held2-20230823-2.
        let t = "全国人大代表、中共中央政治局常委赵乐际在4日举行的十四届全国人大一次会议主席团第一次会议上，被推选为主席团常务主席。\n\
同时被推选为主席团常务主席的还有李干杰、李鸿忠、王东明、肖捷、郑建邦、丁仲礼、郝明金、蔡达峰、何维、武维华。\n\
根据全国人大议事规则，会议首先在十三届全国人大常委会委员长栗战书的主持下，推选大会主席团常务主席。\n\
南非为这次金砖国家领导人会晤作出精心筹备，我对此高度赞赏。\n\
我期待同金砖国家领导人一道，共商新时代金砖团结发展大计。\n\
感谢中方支持南非成功主办金砖国家领导人会晤。";
        let p = phrases(t);
        assert!(
            !p.iter()
                .any(|p| p.ends_with("常务主席") || p.ends_with("领导人")),
            "{p:?}"
        );
    }

    #[test]
    fn a_verb_before_a_quotation_is_cut_from_its_object() {
        // eval/published/xwlb.jsonl, xwlb-20260114-1: 深刻把握实现|“十五五”时期目标任务.
        let t = "深刻把握实现“十五五”时期目标任务对维护党的团结统一提出的更高要求，坚定不移推动全党拥护“两个确立”、做到“两个维护”；\
深刻把握实现“十五五”时期目标任务对把权力关进制度笼子提出的更高要求，坚定不移强化制度治权、依规用权；\
深刻把握实现“十五五”时期目标任务对保持党的先进性纯洁性提出的更高要求，坚定不移走好中国特色反腐败之路。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.ends_with("实现")), "{p:?}");
    }
}

/// Sentences of the fifth held-out set (eval/recurrence/heldout5.jsonl, 2026 新闻联播 meeting
/// reports): a procedural clause opening on a post and the name of a law (round 5).
mod held_out_5 {
    use super::find;

    fn phrases(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.phrase).collect()
    }

    #[test]
    fn a_clause_opening_on_a_post_is_a_frame() {
        // held5-20260311-3: a whole clause unknown to published text, in three places, whose
        // subject is a post (主席团|常务主席).
        let t = "委员长会议认真研究了代表们的审议意见，对报告进行了修改。主席团常务主席根据代表们的审议意见和报告修改情况，建议批准常委会工作报告，并代拟了关于常委会工作报告的决议草案。\n\
最高人民法院、最高人民检察院认真研究了代表们的审议意见和有关方面的意见，对报告进行了修改。主席团常务主席根据代表们的审议意见和报告修改情况，建议批准最高人民法院工作报告、最高人民检察院工作报告。\n\
委员长会议认真研究了代表们的审议意见，对报告进行了修改。主席团常务主席根据代表们的审议意见和报告修改情况，建议批准这个报告，并代拟了关于批准的决定草案。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.contains("常务主席")), "{p:?}");
    }

    #[test]
    fn the_name_of_a_law_is_not_a_formula() {
        // held5-20260312-1: laws the session passed, each named several times.
        let t = "大会通过生态环境法典、民族团结进步促进法、国家发展规划法、关于批准全国人大常委会关于法律清理工作情况和有关法律和决定处理意见的报告的决定。\n\
会议经表决，通过了生态环境法典、民族团结进步促进法、国家发展规划法。生态环境法典自2026年8月15日起施行，民族团结进步促进法自2026年7月1日起施行，国家发展规划法自公布之日起施行。\n\
审议通过生态环境法典、民族团结进步促进法、国家发展规划法，会议成果体现了党的主张和人民意志的高度统一。";
        let p = phrases(t);
        assert!(
            !p.iter()
                .any(|p| p.ends_with("促进法") || p.ends_with("法典")),
            "{p:?}"
        );
    }
}

/// Sentences of the fifth and sixth held-out sets (eval/recurrence/heldout5.jsonl, 2025-26,
/// and heldout6.jsonl, 2022 新闻联播 meeting reports): cut enumerations, lines of work, the
/// spirit of a named meeting, a modifier of a name the document writes in a title (round 6).
mod held_out_6 {
    use super::super::spirit_of_meeting;
    use super::find;

    fn phrases(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.phrase).collect()
    }

    #[test]
    fn the_first_item_of_an_enumeration_with_short_items_is_cut() {
        // held6-20220701-1: 维护国家主权、安全、发展利益, three times; the slogan beside it
        // is still found.
        let t = "习近平强调，“一国两制”的根本宗旨是维护国家主权、安全、发展利益，保持香港、澳门长期繁荣稳定。\n\
维护国家主权、安全、发展利益是“一国两制”方针的最高原则，在这个前提下，香港、澳门保持原有的资本主义制度长期不变，享有高度自治权。\n\
我将带领管治团队全力以赴，团结香港社会各界，全面准确贯彻“一国两制”、“港人治港”、高度自治方针，维护宪法和基本法确定的特别行政区宪制秩序，维护国家主权、安全、发展利益，确保香港长期繁荣稳定，为实现中华民族伟大复兴作出贡献。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.starts_with("维护国家主权")), "{p:?}");
        assert!(p.iter().any(|p| p == "一国两制"), "{p:?}");
        // held6-20220618-1: 一体推进不敢腐、不能腐、不想腐.
        let t = "中共中央政治局6月17日下午就一体推进不敢腐、不能腐、不想腐进行第四十次集体学习。\n\
要加深对新形势下党风廉政建设和反腐败斗争的认识，提高一体推进不敢腐、不能腐、不想腐能力和水平，全面打赢反腐败斗争攻坚战、持久战。\n\
一体推进不敢腐、不能腐、不想腐，必须三者同时发力、同向发力、综合发力。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.contains("不敢腐")), "{p:?}");
    }

    #[test]
    fn a_line_of_work_is_not_a_formula() {
        // held5-20250304-1: the CPPCC's report on its own work.
        let t = "王沪宁总结了过去一年来人民政协工作。\n\
进一步领悟习近平总书记关于加强和改进人民政协工作的重要思想，聚焦进一步全面深化改革、推进中国式现代化重大问题建言献策。\n\
切实担负起把中共中央决策部署和对人民政协工作要求落实下去、把海内外中华儿女智慧和力量凝聚起来的政治责任。\n\
推动新时代新征程人民政协工作迈上新台阶，不断夯实团结奋斗的共同思想政治基础。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.ends_with("政协工作")), "{p:?}");
        // With a verb it is a formula (seed 000).
        let seed = include_str!("../../../seeds/000_aeb186bd1e0d189c.txt");
        assert!(
            phrases(seed)
                .iter()
                .any(|p| p.contains("疫情防控和经济社会发展")),
            "the seed's formula is still found"
        );
    }

    #[test]
    fn the_spirit_of_a_named_meeting_is_not_a_formula() {
        // held6-20221025-1: the meeting's agenda, five times.
        let t = "二十届中共中央政治局10月25日召开会议，研究部署学习宣传贯彻党的二十大精神。\n\
会议指出，学习宣传贯彻党的二十大精神是当前和今后一个时期全党全国的首要政治任务。\n\
组织好面向基层的宣讲，推动党的二十大精神走进基层、走进群众。\n\
会议强调，学习宣传贯彻党的二十大精神要联系实际、务求实效。\n\
让人民群众看到学习贯彻党的二十大精神的实际成效。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.ends_with("二十大精神")), "{p:?}");
        for named in [
            "党的二十大精神",
            "中共十九大精神",
            "四中全会精神",
            "全国教育大会精神",
        ] {
            assert!(spirit_of_meeting(named), "{named}");
        }
        for formula in [
            "伟大建党精神",
            "中央八项规定精神",
            "习近平总书记重要讲话精神",
            "上海精神",
        ] {
            assert!(!spirit_of_meeting(formula), "{formula}");
        }
    }

    #[test]
    fn a_modifier_of_a_name_written_in_a_title_is_cut_from_it() {
        // held5-20250331-1: 生态环境保护 before 督察 in three of four places, once in the
        // title of the regulation the meeting reviews.
        let t = "中共中央政治局3月31日召开会议，审议《生态环境保护督察工作条例》《关于二十届中央第四轮巡视情况的综合报告》。\n\
会议指出，中央生态环境保护督察是党中央推进生态文明建设的一项重大举措，从压实各级领导干部生态环境保护政治责任入手，严肃查处一批破坏生态环境的重大典型案件，取得良好效果。\n\
会议强调，要坚持和加强党对生态环境保护督察工作的领导，继续发挥督察利剑作用。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p == "生态环境保护"), "{p:?}");
    }
}

#[test]
fn paragraphs_too_short_for_any_finding_change_nothing() {
    // A seed with one-character lines between its paragraphs (left out of the sequence)
    // finds the same phrases, as often, as the seed alone; a slogan standing alone on a line
    // of its own is still counted.
    let seed = include_str!("../../../seeds/003_b7cc8050b06c14b8.txt");
    let summary = |text: &str| {
        let mut out: Vec<(String, usize)> = find(text)
            .into_iter()
            .map(|r| (r.phrase, r.spans.len()))
            .collect();
        out.sort();
        out
    };
    let padded: String = seed.lines().map(|l| format!("{l}\n议\na\n\n")).collect();
    let plain: String = seed.lines().map(|l| format!("{l}\n")).collect();
    let expected = summary(&plain);
    assert!(!expected.is_empty());
    assert_eq!(summary(&padded), expected);
    let lone = "做好六稳工作。\n六稳\n议\n六稳\n";
    assert!(find(lone)
        .iter()
        .any(|r| r.phrase == "六稳" && r.spans.len() == 3));
}

#[test]
fn counting_han_characters_stops_at_the_bound() {
    assert!(has_han_chars("a议b", 1));
    assert!(!has_han_chars("a议b", 2));
    assert!(has_han_chars("", 0));
    assert!(has_han_chars("𠮷议", 2));
    assert_eq!(floor_char_boundary("a𠮷", 3), 1);
    assert_eq!(floor_char_boundary("a𠮷", 9), 5);
}

#[test]
fn what_a_theme_names() {
    // Headlines and leads of 2024 and 2020 新闻联播. The meeting of a body is about what the
    // body is named for (round 18: every such story in the evaluation sets is labelled so);
    // the body's name alone, here in an office of it, names no subject.
    let h = "习近平主持召开中央全面深化改革委员会第十次会议";
    assert!(names_topic(h, "全面深化改革"), "a body's meeting");
    let h = "中共中央总书记、中央全面深化改革委员会主任习近平";
    assert!(
        !names_topic(h, "全面深化改革"),
        "the start of a body's name"
    );
    let h = "中共中央政治局召开会议 审议《黄河流域生态保护和高质量发展规划纲要》";
    assert!(names_topic(h, "黄河流域生态保护和高质量发展"));
    // One modifier of up to four characters inserted, not two, not longer.
    let a = "审议《新时代推动中部地区加快崛起的若干政策措施》";
    assert!(names_topic(a, "中部地区崛起"));
    assert!(!names_topic(a, "推进中部崛起"));
    assert!(!names_topic(
        "推动中部地区在新时代的条件下加快崛起",
        "中部地区崛起"
    ));
    assert!(!names_topic("全面加强知识产权保护工作", "保护知识产权"));
    // One word of up to two characters left out, as headlines shorten (held21-20251228-1).
    let h = "【新思想引领新征程】高水平开放为中国式现代化注入强劲动能";
    assert!(names_topic(h, "高水平对外开放"));
    assert!(!names_topic(h, "推动高质量发展"));
    assert!(
        !names_topic("扩大开放", "扩大高水平对外开放"),
        "three characters left out"
    );
    // held10-20160222-1's agenda: 全国人民代表大会 is no shortened 全国各族人民.
    let a = "讨论国务院拟提请第十二届全国人民代表大会第四次会议审议的政府工作报告稿";
    assert!(!names_topic(a, "全国各族人民"));
}

#[test]
fn a_slogan_inside_a_bodys_name_is_not_used() {
    // 2016 中央全面深化改革领导小组 reports: the slogan stands in the group's name.
    let t = "中央全面深化改革领导小组召开会议。中央全面深化改革领导小组组长习近平主持会议。\n\
             会议审议了中央全面深化改革领导小组2016年工作要点。全面深化改革要抓落实。";
    assert!(
        !find(t).iter().any(|r| r.phrase == "全面深化改革"),
        "{:?}",
        find(t)
    );
    let used = "全面深化改革要抓落实。全面深化改革要见实效。全面深化改革要重协调。";
    assert!(find(used).iter().any(|r| r.phrase == "全面深化改革"));
}

#[test]
fn a_theme_names_a_topic_with_another_verb_order_or_full_form() {
    let names = |theme: &str, phrase: &str, full: Option<&str>| {
        names_topic(theme, phrase)
            || other_topic_forms(phrase, full)
                .iter()
                .any(|f| names_exactly(theme, f))
    };
    // 新闻联播 2024-02-01: 就扎实推进高质量发展进行第十一次集体学习.
    assert!(names("扎实推进高质量发展", "推动高质量发展", None));
    // 2020-04-30: the 《求是》 article 《在打好精准脱贫攻坚战座谈会上的讲话》.
    assert!(names(
        "在打好精准脱贫攻坚战座谈会上的讲话",
        "打赢脱贫攻坚战",
        None
    ));
    // 2024-06-28: the speech 《弘扬和平共处五项原则，携手构建人类命运共同体》.
    assert!(names(
        "弘扬和平共处五项原则，携手构建人类命运共同体",
        "推动构建人类命运共同体",
        None
    ));
    // 2020-12-01: 就加强我国知识产权保护工作举行第二十五次集体学习.
    assert!(names("加强我国知识产权保护工作", "保护知识产权", None));
    // 2022-01-25: 就努力实现碳达峰碳中和目标进行第三十六次集体学习.
    assert!(names(
        "努力实现碳达峰碳中和目标",
        "双碳",
        Some("碳达峰碳中和")
    ));
    assert!(!names("努力实现碳达峰碳中和目标", "双碳", None));
    // Seed 000: the agenda names the pandemic work, not the formulas the report uses on it.
    let agenda = "研究部署统筹做好全区疫情防控和经济社会发展工作";
    for formula in [
        "坚决打赢疫情防控攻坚战",
        "筑牢疫情防控屏障",
        "抓紧抓实抓细各项防控工作",
    ] {
        assert!(!names(agenda, formula, None), "{formula}");
    }
    // An object of fewer than four characters is a word every agenda uses.
    assert!(!names("研究部署深化改革", "全面深化改革", None));
    assert!(!names("研究推进改革", "深化改革", None));
}

#[test]
fn a_theme_names_a_topic_without_its_generic_head_or_by_its_components() {
    // 新闻联播 2019-12-25: the NPC standing committee hears 关于减税降费工作情况的报告.
    let forms = other_topic_forms("减税降费政策", None);
    assert!(forms
        .iter()
        .any(|f| names_exactly("审议审计查出问题整改情况报告 减税降费工作情况报告", f)));
    // 新闻联播 2021-07-26 (set 33): a strategy is named by what it is about, without 战略.
    assert!(other_topic_forms("区域协调发展战略", None)
        .iter()
        .any(|f| names_exactly("【新征程开局“十四五”】区域协调发展向着更高水平迈进", f)));
    // A name too short without its head is no topic name (发展 for 发展政策).
    assert!(!other_topic_forms("产业政策", None)
        .iter()
        .any(|f| f == "产业"));
    // 2022-12-24: 锚定建设农业强国目标 切实抓好农业农村工作 names two of 三农's three parts.
    let parts = ["农业".to_string(), "农村".to_string(), "农民".to_string()];
    assert!(names_most_components("切实抓好农业农村工作", &parts));
    assert!(!names_most_components("加快建设农业强国", &parts));
    // 2023-12-20: 中央农村工作会议在京召开 names one part as a line of work: a rural work
    // meeting is about 三农 (the 三农 ×10 in a report on rural work).
    assert!(names_most_components("中央农村工作会议在京召开", &parts));
    // 2025-02-23: the No. 1 document 关于进一步深化农村改革 扎实推进乡村全面振兴的意见 names
    // one as a task (农村|改革, a word of taskHeads).
    assert!(names_most_components(
        "《中共中央 国务院关于进一步深化农村改革 扎实推进乡村全面振兴的意见》发布",
        &parts
    ));
    assert!(!names_most_components(
        "加快建设农业强国 扎实推进乡村全面振兴",
        &parts
    ));
    let two = [
        "丝绸之路经济带".to_string(),
        "21世纪海上丝绸之路".to_string(),
    ];
    assert!(!names_most_components("共建丝绸之路经济带", &two));
}

#[test]
fn a_headline_names_a_thought_by_the_collection_of_writings_named_for_it() {
    // 新闻联播 2025-11-16 (set 46): the story on 《习近平法治文选》 is about 习近平法治思想,
    // which its second paragraph defines and its fourth names again; three readers judged
    // it the story's topic, not a formula to point out.
    let (headline, body) = story(
        include_str!("../../../eval/recurrence/heldout46.jsonl"),
        "held46-20251116-2",
    );
    let text = format!("{headline}\n{body}");
    assert_eq!(topic_of(&text, "习近平法治思想"), Some(true));
    // Without its headline, the thought is a formula of that text like any other.
    assert_eq!(topic_of(&body, "习近平法治思想"), Some(false));
    // Only a thought is named by its writings: 思想 is the head the collection replaces.
    assert!(other_topic_forms("习近平外交思想", None).contains(&"习近平外交文选".to_string()));
    assert!(!other_topic_forms("全面依法治国", None)
        .iter()
        .any(|f| f.ends_with("文选")));
    // A name too short without 思想 (毛泽东) is left alone.
    assert!(other_topic_forms("毛泽东思想", None).is_empty());
}

#[test]
fn procedural_frames_are_no_formulas() {
    // 新闻联播 2017-10-31, an NPC Standing Committee session: three reports made on the
    // chairmen's council's behalf.
    let t = "受委员长会议委托，全国人大常委会法制工作委员会副主任王超英作了关于提请审议刑法修正案(十)草案的议案的说明。\n\
             受委员长会议委托，全国人大常委会法制工作委员会副主任张荣顺作了关于增加香港特别行政区基本法附件三所列全国性法律的决定草案的说明。\n\
             受委员长会议委托，全国人大常委会副委员长李建国就关于在全国各地推开国家监察体制改革试点工作的决定草案的议案作了说明。\n";
    let found = find(t);
    assert!(
        !found.iter().any(|r| r.phrase.contains("委员长会议")),
        "{found:?}"
    );
    // The same three places with a formula in them keep the formula.
    let t = t.replace("作了", "坚持全面依法治国，作了");
    assert!(find(&t).iter().any(|r| r.phrase.contains("全面依法治国")));
}

#[test]
fn an_agenda_clause_is_the_meetings_procedure_not_a_formula() {
    // The shape of a county government's executive meeting report (2025): each item it
    // studied ends on the same agenda clause.
    let t = "县政府常务会议召开\n\
             5月23日，县长主持召开县政府2025年第16次常务会议。\n\
             会议传达学习了省委常委会会议精神，研究县政府贯彻意见。\n\
             会议传达学习了《党政机关厉行节约反对浪费条例》，研究县政府贯彻意见。\n\
             会议传达学习了全市防汛工作会议精神，研究县政府贯彻意见。\n";
    let found = find(t);
    assert!(
        !found.iter().any(|r| r.phrase.contains("贯彻意见")),
        "{found:?}"
    );
    // A clause of the document's own in the same places, opening on no agenda verb, is a
    // formula of it.
    let t = t.replace("研究县政府贯彻意见", "坚决守牢安全底线");
    let found = find(&t);
    assert!(
        found
            .iter()
            .any(|r| r.phrase == "坚决守牢安全底线" && !r.topic),
        "{found:?}"
    );
}

/// Sentences of the twentieth held-out set (eval/recurrence/heldout20.jsonl, 2025 新闻联播),
/// whose two fragments were noun phrases cut from the compounds a noun before them opens.
mod held_out_20 {
    use super::find;

    fn phrases(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.phrase).collect()
    }

    #[test]
    fn a_noun_phrase_mostly_after_a_noun_it_seldom_follows_is_cut_from_a_compound() {
        // held20-20250415-1: 中越|命运共同体建设 twice of three (left entropy 3.1 in published
        // text): the pair's community, not a formula of its own.
        let t = "确保中越命运共同体建设行稳致远，为构建人类命运共同体作出新的更大贡献。\n\
习近平就深化中越命运共同体建设提出六点举措。\n\
此访必将成为两党两国友好交往史上新的里程碑，推动两国具有战略意义的命运共同体建设取得新的进展。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.contains("命运共同体建设")), "{p:?}");
        // held20-20250419-1: 中国特色|社会主义事业, 世界|社会主义事业, 两国|社会主义事业 (3.2).
        let t = "加快构建具有战略意义的中越命运共同体，共同推动社会主义事业在世界百年变局中发展壮大。\n\
中国特色社会主义事业在习近平总书记坚强领导下取得历史性成就。\n\
勉励中越青年为两国社会主义事业和中越命运共同体建设贡献青春力量。\n\
为世界社会主义事业和人类发展进步作出新贡献。\n\
习近平总书记此访增强了越方战胜风险挑战和推进社会主义事业的信心。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p == "社会主义事业"), "{p:?}");
    }

    #[test]
    fn a_clause_after_its_subject_is_no_modifiers_head() {
        // held19-20260701-2: 我们党|团结带领全国各族人民, 中国共产党|团结带领…: the noun
        // before a clause is its subject, whatever published text puts there.
        let t = "105年来，我们党团结带领全国各族人民不懈奋斗，创造了伟大成就。\n\
紧紧依靠和团结带领全国各族人民奋进新征程、建功新时代，奋力创造新的历史辉煌。\n\
全面回顾总结了105年来中国共产党团结带领全国各族人民走过的光辉历程。";
        let p = phrases(t);
        assert!(p.iter().any(|p| p == "团结带领全国各族人民"), "{p:?}");
    }
}

/// Round 10 of issue 12: names the lexicon marks (`kind`), and places where a phrase goes on
/// into a fixed formulation.
mod round_10 {
    use super::find;

    fn phrases(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.phrase).collect()
    }

    #[test]
    fn a_name_or_term_the_lexicon_marks_is_not_a_recurring_formula() {
        // held19-20260701-2 (an honour), held20-20250412-1 (a plan period).
        let t = "中共中央总书记、国家主席、中央军委主席习近平向“七一勋章”获得者颁授勋章并发表重要讲话。\n\
上午9时许，“七一勋章”获得者集体乘坐礼宾车从住地出发，由礼宾摩托车队护卫前往人民大会堂。\n\
“七一勋章”获得者沿着红毯拾级而上，进入人民大会堂。\n\
此后，党的十九届五中全会对构建新发展格局作出全面部署，加快构建新发展格局被写入“十四五”规划建议。\n\
眼下，“十四五”规划部署的102项重大工程，98%已经开工建设或建成。\n\
今年，是“十四五”规划收官、“十五五”规划谋篇布局之年，中国办好自己的事。\n\
围绕加快构建新发展格局，一系列重大部署相继推出、加速落地。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p == "七一勋章" || p == "十四五"), "{p:?}");
        // A formulation of the same text still is one.
        assert!(p.iter().any(|p| p.contains("新发展格局")), "{p:?}");
    }

    #[test]
    fn where_a_phrase_goes_on_into_a_fixed_formulation_it_is_not_used() {
        // xwlb-20260227-1: 基本实现社会主义现代化 three times, and once 全面建成|社会主义现代化
        // |强国 (社会主义现代化 right entropy 1.6; 社会主义现代化强国 in 64 background stories).
        let t = "会议认为，“十五五”时期是基本实现社会主义现代化夯实基础、全面发力的关键时期。\n\
为基本实现社会主义现代化奠定更加坚实的基础，具有重大意义。\n\
会议强调，围绕全面建成社会主义现代化强国、实现第二个百年奋斗目标，推动经济实现质的有效提升和量的合理增长。\n\
确保基本实现社会主义现代化取得决定性进展。";
        let found = find(t);
        let r = found
            .iter()
            .find(|r| r.phrase == "社会主义现代化")
            .expect("three uses");
        assert_eq!(r.spans.len(), 3, "{r:?}");
        let strong = t.find("社会主义现代化强国").unwrap();
        assert!(r.spans.iter().all(|s| s.start != strong), "{r:?}");
        // Two uses and the piece of the longer formulation: no recurring formula.
        let two: String = t.lines().skip(1).take(2).collect::<Vec<_>>().join("\n") + "\n";
        let two = two + "会议认为，“十五五”时期是基本实现社会主义现代化夯实基础的关键时期。";
        let p = phrases(&two);
        assert!(!p.iter().any(|p| p == "社会主义现代化"), "{p:?}");
    }
}

/// Round 11 of issue 12: time adverbials and topics a headline abbreviates.
mod round_11 {
    use super::find;

    fn phrases(text: &str) -> Vec<String> {
        find(text).into_iter().map(|r| r.phrase).collect()
    }

    #[test]
    fn a_duration_with_its_time_suffix_is_no_formula() {
        // held21-20240515-4: 禁渔三年多来, a time adverbial (how long since the ban began).
        let t = "水生生物资源恢复向好，见证了长江十年禁渔三年多来的阶段性成果。\n\
禁渔三年多来，相关评估显示，长江干流和鄱阳湖、洞庭湖水生生物完整性指数由禁渔前最差的“无鱼”提升了两个等级。\n\
禁渔三年多来，有关部门对23.1万退捕渔民逐一建档立卡，多渠道提升就业、社保水平。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.ends_with('来')), "{p:?}");
    }

    #[test]
    fn a_regional_strategy_the_audit_names_is_no_formula() {
        // xwlb-20241130-1: 黄河流域生态保护和高质量发展, a national strategy named by its place,
        // three times; lexicon/audit/kinds-r11.tsv marks it a name.
        let t = "党的十八大以来，以习近平同志为核心的党中央将黄河流域生态保护和高质量发展上升为国家战略，习近平总书记亲自谋划、亲自部署、亲自推动，走遍了黄河上中下游9省区，对推动黄河流域生态保护和高质量发展作出全面部署。党的二十届三中全会提出，优化黄河流域生态保护和高质量发展机制。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.contains("黄河流域")), "{p:?}");
    }

    #[test]
    fn a_statistical_indicator_is_no_formula() {
        // xwlb-20241020-6: 社会消费品零售总额, the name of a figure, three times.
        let t = "在此带动下，三季度的社会消费品零售总额增速比二季度加快0.1个百分点。\n\
前三季度，线上消费快速增长，实物商品网上零售额同比增长7.9%，增速快于社会消费品零售总额4.6个百分点，占社会消费品零售总额的比重为25.7%，比1—8月份提高0.1个百分点。";
        let p = phrases(t);
        assert!(!p.iter().any(|p| p.ends_with("总额")), "{p:?}");
    }
}

/// Round 12 of issue 12: places where a phrase is cut from what it stands in.
mod round_12 {
    use super::{find, topic_of};

    #[test]
    fn a_place_inside_a_standing_bodys_name_is_no_use() {
        // held23-20240714-1: 全面深化改革 four times, once in the name 中央全面深化改革领导小组.
        let t = "在“五位一体”总体布局中对文化建设作出战略部署，在全面深化改革中纵深推进文化体制改革。\n\
《深化文化体制改革实施方案》是中央全面深化改革领导小组审议通过的第一个专项小组改革方案。\n\
全面深化改革进程中，当代中国的价值取向、道德观念日趋多元多样。\n\
应历史之变、解时代之问。全面深化改革的实践，展现着“不谋全局者，不足谋一域”的深刻智慧。";
        let named = t.find("中央全面深化改革领导小组").unwrap() + "中央".len();
        let found = find(t);
        let r = found
            .iter()
            .find(|r| r.phrase == "全面深化改革")
            .expect("three uses");
        assert_eq!(r.spans.len(), 3, "{r:?}");
        assert!(r.spans.iter().all(|s| s.start != named), "{r:?}");
    }

    #[test]
    fn a_verb_before_a_listed_object_is_cut_from_it() {
        // held23-20240507-6: 应对 governs 气候变化、海洋多样性等全球性挑战 and 气候变化、乌克兰危机
        // 等全球性挑战; 应对气候变化 is used once, in the first sentence.
        let t = "中国新能源产品不仅丰富了全球供给，缓解了全球通胀压力，也为全球应对气候变化和绿色转型作出巨大贡献。\n\
法方希望同中方紧密合作，应对气候变化、海洋多样性等全球性挑战。\n\
同中国保持良好关系对欧盟至关重要，也将决定能否更好应对气候变化、乌克兰危机等全球性挑战。";
        let r = find(t);
        assert!(
            !r.iter().any(|r| r.phrase.contains("应对气候变化")),
            "{r:?}"
        );
        // Where the next item is a clause of its own, the phrase is whole (held6-20220120-1).
        let t = "聚焦把握新发展阶段、贯彻新发展理念、构建新发展格局。\n\
完整准确全面贯彻新发展理念，推动高质量发展。\n\
要立足新发展阶段、贯彻新发展理念、构建新发展格局、推动高质量发展。";
        let r = find(t);
        assert!(
            r.iter()
                .any(|r| r.phrase.contains("贯彻新发展理念") && r.spans.len() == 3),
            "{r:?}"
        );
        // The next item ends on the phrase's own head: the verb governs both, whatever verbs
        // later items hold (held52-20180225-2, the 2018 proposal to amend the constitution).
        let t = "“推动物质文明、政治文明和精神文明协调发展，把我国建设成为富强、民主、文明的社会主义国家”修改为“推动物质文明、政治文明、精神文明、社会文明、生态文明协调发展，把我国建设成为富强民主文明和谐美丽的社会主义现代化强国，实现中华民族伟大复兴”。\n\
发展社会主义民主，健全社会主义法治，贯彻新发展理念，自力更生，艰苦奋斗，逐步实现工业、农业、国防和科学技术的现代化，推动物质文明、政治文明、精神文明、社会文明、生态文明协调发展。\n\
“包括全体社会主义劳动者、社会主义事业的建设者、拥护社会主义的爱国者和拥护祖国统一的爱国者的广泛的爱国统一战线”修改为“包括全体社会主义劳动者、社会主义事业的建设者、拥护社会主义的爱国者、拥护祖国统一和致力于中华民族伟大复兴的爱国者的广泛的爱国统一战线”。\n\
已经结成由中国共产党领导的，有各民主党派和各人民团体参加的，包括全体社会主义劳动者、社会主义事业的建设者、拥护社会主义的爱国者、拥护祖国统一和致力于中华民族伟大复兴的爱国者的广泛的爱国统一战线。";
        let r = find(t);
        assert!(
            !r.iter()
                .any(|r| r.phrase.starts_with("推动物质文明") || r.phrase.starts_with("包括")),
            "{r:?}"
        );
        // Nor is it cut where a later item is a clause (held13-20211112-7, held13-20210820-4).
        let t = "发布会上，相关负责人还就发展全过程人民民主、文化建设成就、推进共同富裕、中国创造经济奇迹的“秘诀”等问题回答了记者提问。\n\
人民代表大会制度是发展全过程人民民主、保证中国人民当家作主的重要途径和最高实现形式。\n\
体现了发展全过程人民民主的要求，是发展全过程人民民主的可靠制度保障。";
        let r = find(t);
        assert!(
            r.iter()
                .any(|r| r.phrase == "发展全过程人民民主" && r.spans.len() == 4),
            "{r:?}"
        );
    }

    #[test]
    fn a_place_inside_a_title_or_a_quoted_name_is_no_use() {
        // held24-20240512-1: the course “习近平新时代中国特色社会主义思想概论” and the book
        // 《习近平新时代中国特色社会主义思想学生读本》 are names; the thought is used once.
        let t = "进入新时代以来，教育系统紧紧围绕用习近平新时代中国特色社会主义思想铸魂育人，思政课课程教材建设不断取得进展。\n\
目前，我国各地高校已经全面开设“习近平新时代中国特色社会主义思想概论”课，统编教材出版，还编写出版大中小学《习近平新时代中国特色社会主义思想学生读本》，深入推进大中小学思想政治教育一体化建设。";
        let r = find(t);
        assert!(
            !r.iter().any(|r| r.phrase.contains("特色社会主义思想")),
            "{r:?}"
        );
        // A quotation holding punctuation is quoted speech, a use (held18-20121121-8, the
        // title of a speech; held24-20250804-3).
        let t = "何丕洁常委代表民革中央作了“坚持以科学发展观为指导，加快推进以保障和改善民生为重点的社会建设”的发言。\n\
以习近平同志为核心的党中央坚持以人民为中心的发展思想，高度重视保障和改善民生工作。\n\
要不忘初心，把造福人民作为根本价值取向，坚持在发展中保障和改善民生，稳步推动共同富裕。";
        let r = find(t);
        assert!(
            r.iter()
                .any(|r| r.phrase.contains("保障和改善民生") && r.spans.len() == 3),
            "{r:?}"
        );
    }

    #[test]
    fn a_title_that_is_a_sentence_uses_the_phrase() {
        // held-2025-11-16-002: the title of a speech is a clause with its comma.
        let t = "《推进全面依法治国，发挥法治在国家治理体系和治理能力现代化中的积极作用》（2020年2月5日）\n\
要坚持顶层设计和法治实践相结合，提升法治促进国家治理体系和治理能力现代化的效能。\n\
坚持在法治轨道上推进国家治理体系和治理能力现代化；坚持建设中国特色社会主义法治体系。";
        let r = find(t);
        assert!(
            r.iter()
                .any(|r| r.phrase.contains("国家治理体系和治理能力现代化") && r.spans.len() == 3),
            "{r:?}"
        );
    }

    #[test]
    fn quoted_wording_with_a_verb_uses_the_phrase() {
        // held23-20240810-1: “完善城乡融合发展体制机制” quotes the plenum's wording.
        let t = "党的二十届三中全会对完善城乡融合发展体制机制作出系统部署，明确了农村改革的重点。\n\
党的二十届三中全会对“完善城乡融合发展体制机制”作出系统部署，指出“城乡融合发展是中国式现代化的必然要求”。\n\
四川的城乡融合发展综合改革试点开始于2018年。";
        let quoted = t.find("“完善").unwrap() + "“完善".len();
        let r = find(t);
        let r = r
            .iter()
            .find(|r| r.phrase == "城乡融合发展")
            .expect("four uses");
        assert!(r.spans.iter().any(|s| s.start == quoted), "{r:?}");
    }

    #[test]
    fn a_broadcaster_a_war_and_a_corridor_are_names() {
        // held23-20240501-11, held23-20250507-2, held23-20240607-2 (words.json: 总台, 抗日战争,
        // 走廊).
        for (t, name) in [
            (
                "“诚信之星”发布特别节目将于5月4日晚在中央广播电视总台财经频道播出。\n\
当地时间4月30日，由中国公共外交协会、中央广播电视总台、中国驻法使馆联合主办的“中法高级别人文交流论坛”在法国巴黎举办。\n\
由中华全国总工会、中央广播电视总台联合举办的2024年“中国梦·劳动美”庆祝“五一”国际劳动节心连心特别节目，今晚（5月1日）8时在总台综合频道、综艺频道同步推出。",
                "中央广播电视总台",
            ),
            (
                "他们曾在苏联伟大卫国战争和中国人民抗日战争战场上浴血奋战。\n\
在中国人民抗日战争的艰难时刻，苏联援华航空队在南京、武汉、重庆等地“鹰击长空”、阻击日寇。\n\
中国人民抗日战争开始时间最早、持续时间最长。",
                "中国人民抗日战争",
            ),
            (
                "以打造中巴经济走廊“升级版”为中心，共建增长、民生、创新、绿色、开放“五大走廊”，推动高质量共建中巴经济走廊走深走实，助力巴基斯坦经济社会发展。\n\
中巴经济走廊有力促进了巴基斯坦国家发展，实实在在地造福了巴基斯坦人民。",
                "中巴经济走廊",
            ),
        ] {
            let r = find(t);
            assert!(!r.iter().any(|r| r.phrase.contains(name)), "{r:?}");
        }
    }

    #[test]
    fn both_sides_agreeing_is_a_news_frame() {
        // held23-20250511-2: 双方一致同意 opens three paragraphs of a joint statement.
        let t = "双方一致同意继续做大合作蛋糕，夯实经贸和能源合作基本盘。\n\
双方一致同意继续加强教育、青年、媒体、电影等领域合作，不断增进两国人民相知相亲。\n\
双方一致同意继续践行和平共处五项原则、弘扬万隆精神，推动中缅命运共同体建设走深走实。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.contains("同意")), "{r:?}");
    }

    #[test]
    fn the_subject_a_lede_opens_on_is_the_storys_topic() {
        // held25-20260319-1: the feature opens on 树立和践行正确政绩观, the campaign it reports.
        let body = "党的十八大以来，习近平总书记对树立和践行正确政绩观作出一系列重要论述，引领激励广大党员干部为人民出政绩、以实干出政绩。\n\
当前，全党正在开展树立和践行正确政绩观学习教育，这是今年党的建设的重要任务。\n\
2026年1月20日，省部级主要领导干部学习贯彻党的二十届四中全会精神专题研讨班开班，习近平总书记谆谆告诫，要树立和践行正确政绩观，坚持从实际出发、按规律办事。";
        let story = format!(
            "【新思想引领新征程】为人民出政绩 以实干出政绩\n\
央视网消息（新闻联播）：树立和践行正确政绩观，事关党和国家事业发展大局、事关人民群众切身利益、事关中国式现代化建设进程。\n{body}"
        );
        let topic = |t: &str| topic_of(t, "树立和践行正确政绩观");
        assert_eq!(topic(&story), Some(true));
        // Opening elsewhere in the lede, a call to action stays a formula the text repeats.
        let story = format!(
            "【新思想引领新征程】为人民出政绩 以实干出政绩\n\
央视网消息（新闻联播）：事关党和国家事业发展大局，要树立和践行正确政绩观。\n{body}"
        );
        assert_eq!(topic(&story), Some(false));
    }
}

/// Round 13: a system (体系) is named by its field in a headline; 副中心 ends a place's name;
/// who speaks (广大干部群众|表示) is a frame; a place after a name's dash (中国—|…) is no use.
mod round_13 {
    use super::{find, topic_of};

    #[test]
    fn a_headline_names_a_system_by_its_field() {
        // held26-20260811-2: the story on 社会保障 names 社会保障体系 three times.
        let body = "央视网消息（新闻联播）：习近平总书记指出：“社会保障是保障和改善民生、维护社会公平、增进人民福祉的基本制度保障。”\n\
党的十八大以来，以习近平同志为核心的党中央把社会保障体系建设摆上更加突出的位置。\n\
习近平总书记明确：“要加大再分配力度，强化互助共济功能，把更多人纳入社会保障体系，为广大人民群众提供更可靠、更充分的保障。”\n\
我国已建成具有鲜明中国特色、世界上规模最大、功能完备的社会保障体系。";
        let topic = |headline: &str| topic_of(&format!("{headline}\n{body}"), "社会保障体系");
        assert_eq!(
            topic("【新思想引领新征程】织就更密更暖的社会保障安全网"),
            Some(true)
        );
        // Under a headline on something else it is a formula the story uses.
        assert_eq!(
            topic("【新思想引领新征程】让人民群众获得感成色更足"),
            Some(false)
        );
    }

    #[test]
    fn a_city_sub_centre_is_a_place() {
        // held27-20220627-2 (tv.cctv.com, 2022-06-27): 北京城市副中心 four times.
        let t = "高水平规划建设北京城市副中心，与河北雄安新区形成北京新的两翼，是以习近平同志为核心的党中央作出的重大决策部署。\n\
习近平总书记两次考察北京城市副中心，走进建设工地、大运河森林公园等地，强调建设北京城市副中心，是北京建城立都以来具有里程碑意义的一件大事。\n\
落实总书记指示要求，北京城市副中心加速建设。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.contains("副中心")), "{r:?}");
    }

    #[test]
    fn who_speaks_in_a_reaction_story_is_a_frame() {
        // held28-20231217-4 (tv.cctv.com, 2023-12-17): reactions to the economic work conference.
        let t = "今年是全面贯彻党的二十大精神的开局之年。广大干部群众认为，今年以来，中国经济顶住了压力，稳定了规模，提升了质量。\n\
会议要求，明年要坚持稳中求进、以进促稳、先立后破。广大干部群众表示，这是党中央深入分析国内外形势作出的重大部署。\n\
一分部署，九分落实。广大干部群众表示，要认真学习贯彻中央经济工作会议精神。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.contains("干部群众")), "{r:?}");
        // Told what they do rather than what they say, the same people are a repeat.
        let t = t
            .replace("广大干部群众认为", "广大干部群众看到")
            .replace("广大干部群众表示", "广大干部群众坚信");
        let r = find(&t);
        assert!(r.iter().any(|r| r.phrase == "广大干部群众"), "{r:?}");
    }

    #[test]
    fn a_name_joined_by_a_dash_is_not_cut() {
        // held29-20220206-7 (tv.cctv.com, 2022-02-06): 中国—中东欧国家合作, a mechanism's name.
        let t = "双方要进一步对接共建“一带一路”倡议、中国—中东欧国家合作和波方疫后复苏计划等发展战略。\n\
习近平指出，今年是中国—中东欧国家合作启动10周年，机制发展面临新的机遇。\n\
希望波方继续为中国—中东欧国家合作和中欧关系发展作出积极贡献。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.contains("国家合作")), "{r:?}");
        // After a double dash, which opens an explanation, the phrase stands on its own.
        let t = t.replace("中国—中东欧", "这个——中东欧");
        let r = find(&t);
        assert!(r.iter().any(|r| r.phrase == "中东欧国家合作"), "{r:?}");
    }
}

/// Round 14: a word a report tells its news with, seldom in what the leadership or a meeting
/// says in published text, is no formula (`directive_share` of the background table).
mod round_14 {
    use super::{find, topic_of};

    #[test]
    fn a_word_of_reportage_is_no_formula() {
        // held29-20221121-11 (tv.cctv.com, 2022-11-21): the rules on nucleic-acid testing;
        // 全员核酸检测 stands in a directive paragraph in 14% of its background stories.
        let t = "《新冠肺炎疫情防控核酸检测实施办法》明确：在常态化监测中，没有发生疫情的地区，一般不按行政区域开展全员核酸检测。\n\
发生疫情后，经流调研判，疫情存在扩散风险时，疫情所在区每日开展1次全员核酸检测，连续3次核酸检测无社会面感染者后，间隔3天再开展1次全员核酸检测，无社会面感染者可停止全员核酸检测。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.contains("全员核酸")), "{r:?}");
        // A formula of what is decided (常态化疫情防控, 78%) in the same places is one.
        let r = find(&t.replace("全员核酸检测", "常态化疫情防控"));
        assert!(r.iter().any(|r| r.phrase == "常态化疫情防控"), "{r:?}");
    }

    #[test]
    fn a_headline_names_a_task_verb_first() {
        // held31-20220413-1 (tv.cctv.com, 2022-04-13): 自由贸易港建设 under a headline that
        // builds the port: 加快建设具有世界影响力的中国特色自由贸易港.
        let body = "央视网消息（新闻联播）：中共中央总书记、国家主席、中央军委主席习近平近日在海南考察时强调，要坚决贯彻党中央决策部署，坚持稳中求进工作总基调。\n\
习近平强调，推动港口发展同洋浦经济开发区、自由贸易港建设相得益彰、互促共进。\n\
他指出，党中央选派干部来自由贸易港挂职，既体现了党中央对自由贸易港建设的关心和支持。\n\
习近平指出，推进自由贸易港建设是一个复杂的系统工程，要做好长期奋斗的思想准备和工作准备。";
        let topic = |headline: &str| topic_of(&format!("{headline}\n{body}"), "自由贸易港建设");
        assert_eq!(
            topic("习近平在海南考察时强调 解放思想 开拓创新 团结奋斗 攻坚克难 加快建设具有世界影响力的中国特色自由贸易港"),
            Some(true)
        );
        // The verb in one clause and the object in the next name no task.
        assert_eq!(
            topic("习近平在海南考察时强调 加快建设 团结奋斗 攻坚克难 办好中国特色自由贸易港"),
            Some(false)
        );
    }

    #[test]
    fn a_foreign_name_cut_around_one_character_is_a_name() {
        // held29-20220918-1 (tv.cctv.com, 2022-09-18): jieba cuts 米尔|济|约|耶|夫.
        let t = "习近平主席同托卡耶夫总统、米尔济约耶夫总统的会谈气氛热烈友好，成果务实丰硕。\n\
米尔济约耶夫表示，习近平主席的这次历史性访问，将乌中全面战略伙伴关系提升至新高度。\n\
米尔济约耶夫总统表示，习近平主席是当今世界伟大的政治家。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.contains("约耶夫")), "{r:?}");
    }
}

/// Round 16 of issue 12: a place inside a zone's name.
mod round_16 {
    use super::find;

    #[test]
    fn a_place_before_a_zone_s_head_is_no_use() {
        // held30-20220713-3: 两岸融合发展 three times, once in the name 两岸融合发展示范区.
        let t = "他指出，深化两岸融合发展，契合两岸同胞共同心愿，是实现祖国和平统一的必由之路。\n\
要支持福建探索海峡两岸融合发展新路，推进闽台应通尽通，建设两岸融合发展示范区。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase == "两岸融合发展"), "{r:?}");
        // Without the zone, the three uses recur.
        let t = t.replace("示范区", "新格局");
        let r = find(&t);
        assert!(r.iter().any(|r| r.phrase == "两岸融合发展"), "{r:?}");
    }

    #[test]
    fn a_place_after_a_name_s_hyphen_is_no_use() {
        // held40-20160621-1 (2016) joins the names with a hyphen: 中国-中东欧国家合作.
        let t = "习近平就开展“一带一路”建设、中国-中东欧国家合作、中波合作提出5点建议。\n\
第三，紧密协作，推动中国-中东欧国家合作更加紧密地同“一带一路”建设对接，构建持久务实的中国-中东欧国家合作。";
        let r = find(t);
        assert!(
            !r.iter().any(|r| r.phrase.contains("中东欧国家合作")),
            "{r:?}"
        );
        // Written without the name before it, the phrase is used.
        let t = t.replace("中国-", "");
        let r = find(&t);
        assert!(r.iter().any(|r| r.phrase == "中东欧国家合作"), "{r:?}");
    }
}

/// Round 18 of issue 12: a phrase that always runs on into a quotation; more titles of office;
/// a body's meeting names what the body is named for; a head after 各 or an enumeration's 等.
mod round_18 {
    use super::find;
    use crate::engine::recurrence::names_exactly;

    #[test]
    fn a_noun_running_on_into_a_quotation_is_cut_from_its_phrase() {
        // eval/recurrence/heldout44.jsonl, held44-20240110-4: each use of 深刻回答了我们党 goes
        // on into a quotation and what it heads (我们党|“为什么要自我革命”的重大问题).
        let t = "这一重要思想深刻回答了我们党“为什么要自我革命”的重大问题，指明了确保全党永葆初心、担当使命的根本任务；\
深刻回答了我们党“为什么能自我革命”的重大问题，坚定了全党用好“第二个答案”、解决大党独有难题的信心决心；\
深刻回答了我们党“怎样推进自我革命”的重大问题，展现了党永葆生机活力、走好新的赶考之路的光明前景。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.ends_with("我们党")), "{r:?}");
    }

    #[test]
    fn a_prosecutor_general_is_a_title_chain() {
        // eval/recurrence/heldout48.jsonl, held48-20230311-3: the NPC elects and swears in the
        // holders of offices; 最高人民检察院检察长 names a post five times, as 最高人民法院院长 does.
        let t = "选举国家监察委员会主任；选举最高人民法院院长；选举最高人民检察院检察长；选举第十四届全国人民代表大会常务委员会委员。\n\
国家监察委员会主任的人选，最高人民法院院长的人选，最高人民检察院检察长的人选，十四届全国人大常委会委员的人选，主席团提名后，各代表团酝酿。\n\
张军同志当选为中华人民共和国最高人民法院院长。\n\
应勇同志当选为中华人民共和国最高人民检察院检察长。\n\
国务院总理李强、国家监察委员会主任刘金国、最高人民法院院长张军、最高人民检察院检察长应勇，分别进行了宪法宣誓。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.contains("检察长")), "{r:?}");
    }

    #[test]
    fn a_body_s_meeting_is_about_what_the_body_is_named_for() {
        // eval/recurrence/heldout42.jsonl, held42-20240219-1: the headline and lede report a
        // meeting of 中央全面深化改革委员会; the report's uses of 全面深化改革 outside the
        // body's name are its subject.
        let t = "习近平主持召开中央全面深化改革委员会第四次会议强调 增强土地要素对优势地区高质量发展保障能力 进一步提升基层应急管理能力\n\
中共中央总书记、国家主席、中央军委主席、中央全面深化改革委员会主任习近平2月19日下午主持召开中央全面深化改革委员会第四次会议，审议通过了《关于改革土地管理制度增强对优势地区高质量发展保障能力的意见》、《关于促进经济社会发展全面绿色转型的意见》。\n\
会议指出，过去一年，我们全面贯彻落实党的二十大精神，深刻把握推进中国式现代化对全面深化改革提出的新要求，科学谋划新起点上改革工作。\n\
今年是全面深化改革又一个重要年份，主要任务是谋划进一步全面深化改革，这既是党的十八届三中全会以来全面深化改革的实践续篇，也是新征程推进中国式现代化的时代新篇。";
        let r = find(t);
        assert!(
            !r.iter().any(|r| r.phrase == "全面深化改革" && !r.topic),
            "{r:?}"
        );
        // The meeting, numbered or not, plenary or not (二十届首都规划建设委员会第六次全体会议,
        // meet-2025-11-20-6 of eval/recurrence/meetings.jsonl); an office of the body
        // (…委员会主任习近平) says nothing of the subject.
        assert!(names_exactly(
            "二十届首都规划建设委员会第六次全体会议在京召开",
            "首都规划建设"
        ));
        assert!(names_exactly(
            "韩正主持召开京津冀协同发展领导小组会议",
            "京津冀协同发展"
        ));
        assert!(!names_exactly(
            "中央全面深化改革委员会主任习近平",
            "全面深化改革"
        ));
    }

    #[test]
    fn a_head_after_each_or_an_enumeration_s_deng_is_cut_from_them() {
        // eval/recurrence/heldout53.jsonl, held53-20151105-4: 领域交流合作 three times, each
        // after 等 or 各, the head of the noun phrase they close or open.
        let t = "四是加强双方在两军、联合国维和事务、安全保卫、禁毒、出入境管理、打击电信诈骗、网络安全等领域交流合作。\n\
当前，两国都面临革新发展的重任，双方加强各领域交流合作符合两国共同利益，也有利于本地区和平与发展。\n\
欢迎中方加大对越南基础设施、高新技术领域投资，拓展双方在人文、防务、安全、打击犯罪、地方等领域交流合作。";
        let r = find(t);
        assert!(!r.iter().any(|r| r.phrase.starts_with("领域")), "{r:?}");
    }
}

#[test]
fn slogans_written_side_by_side_each_time_are_one_formula() {
    // 新闻联播 2020-05-23 (set 55): three NPC deputies each say 增强“四个意识”、坚定“四个自信”、
    // 做到“两个维护”. The run is one formula, flagged once at each place, not as three
    // slogans side by side; and with its first verb, which the other two slogans have too
    // (three readers called the run without 增强 a fragment).
    let (headline, body) = story(
        include_str!("../../../eval/recurrence/heldout55.jsonl"),
        "held55-20200523-11",
    );
    let text = format!("{headline}\n{body}");
    let doc = Document::new(&text, Vec::new());
    let fams = formula_families(&doc, &RecurringSettings::default(), Lexicon::builtin());
    let run = "增强“四个意识”、坚定“四个自信”、做到“两个维护”";
    let family = fams
        .iter()
        .find(|f| f.variants.iter().any(|(w, _)| w == run))
        .unwrap_or_else(|| panic!("{fams:?}"));
    assert!(family.entry_id.is_some());
    // Three places, all the run: the slogans' other places are their own.
    assert_eq!(family.occurrences.len(), 3, "{family:?}");
    assert_eq!(family.variants.len(), 1, "{family:?}");
    let within = |o: &crate::engine::recurrence::family::Occurrence| {
        family
            .occurrences
            .iter()
            .any(|r| r.span.start <= o.span.start && o.span.end <= r.span.end)
    };
    // No other family stands inside the run.
    for f in fams.iter().filter(|f| f.name != family.name) {
        assert!(!f.occurrences.iter().any(within), "{f:?}");
    }
    // 增强“四个意识”… also follows 思想，once, and 思想为指导，twice: only the run recurs alike.
    assert!(!family.variants.iter().any(|(w, _)| w.contains("思想")));
}

#[test]
fn a_name_may_add_a_word_before_its_head() {
    // 2026 海南省政府工作报告 (held59-20260202-3): 全面深化改革|开放|试验区 is a zone's name.
    assert!(super::name_head_within(
        "开放试验区、国家生态文明试验区、国际旅游消费中心"
    ));
    // The same words as a task (…全面深化改革开放，扎实推进高质量发展) and 2026 甘肃省政府工作报告's
    // 把全面深化改革作为加快高质量发展的根本动力 name no zone.
    assert!(!super::name_head_within("开放，扎实推进高质量发展"));
    assert!(!super::name_head_within("作为加快高质量发展的根本动力"));
    assert!(!super::name_head_within("扩大开放，有效激发发展活力"));
    // held32-20231221-1: 要成为中国式现代化的示范区、引领地 describes, it names no zone.
    assert!(!super::name_head_within("的示范区、引领地"));
}

/// Round 21: the wording of a courtesy, a reporter's question, and a set phrase cut from its
/// object are no formulas.
#[test]
fn courtesies_and_questions_are_no_formulas() {
    // The closing thanks of the government work reports of 2024 and 2011
    // (eval/published/reports.jsonl), each said three times, to each party thanked.
    let reports = include_str!("../../../eval/published/reports.jsonl");
    for (id, phrase) in [("gwr-2024", "表示衷心感谢"), ("gwr-2011", "表示诚挚感谢")] {
        let (_, text) = story(reports, id);
        assert!(text.matches(phrase).count() >= 3, "{id}");
        let r = find(&text);
        assert!(
            !r.iter().any(|r| r.phrase.contains(phrase)),
            "{id}: {phrase}"
        );
        // The same report's formulas are still found.
        assert!(r.iter().any(|r| !r.topic), "{id}");
    }
    // A set phrase ending on a verb, cut from its object at each place (the 2006 report's
    // 依法严厉打击|各种违法犯罪活动, |金融领域的违法犯罪行为, |严重暴力性犯罪).
    let (_, text) = story(reports, "gwr-2006");
    assert_eq!(text.matches("依法严厉打击").count(), 3);
    let r = find(&text);
    assert!(!r.iter().any(|r| r.phrase.ends_with("严厉打击")), "{r:?}");
    // A press conference's question, three times (人民日报 / 新华社, 2026-01-30).
    let set = include_str!("../../../eval/recurrence/heldout58.jsonl");
    let (_, text) = story(set, "held58-20260130-108");
    assert!(text.matches("请问对此有何评论？").count() >= 3);
    let r = find(&text);
    assert!(!r.iter().any(|r| r.phrase.contains("有何评论")), "{r:?}");
    // Stated instead of asked, the words would recur as the document's own.
    let stated = text.replace("请问对此有何评论？", "请问对此有何评论。");
    let r = find(&stated);
    assert!(r.iter().any(|r| r.phrase.contains("有何评论")), "{r:?}");
}
