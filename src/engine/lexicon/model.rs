//! One lexicon entry, as documented in `lexicon/README.md`.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Confirmed,
    Unsure,
    /// Added by the workspace's user ("Add to workspace lexicon" writes it): their own entry,
    /// with no authoritative source, so `summary`, `origin` and `source` may be absent and
    /// hover shows it as the user's own, never as sourced. Never in the built-in lexicon.
    User,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scope {
    National,
    Local,
}

/// What kind of wording an entry is. Only a formulation is wording a drafter repeats as a
/// formula; a name or a field's term is written the same each time because it names one
/// thing, so its repeats are no finding (hover and the enumeration checks still know it).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A 提法: slogan, set formulation, goal or strategy (四个意识, 高质量发展).
    #[default]
    Formulation,
    /// The proper name of one thing: a plan period, honour, programme, instrument, region or
    /// body (十四五规划, 七一勋章, 三北工程, 超长期特别国债, 粤港澳大湾区, 两高).
    Name,
    /// A field's technical term (三夏, 一喷三防, 三新).
    Term,
}

impl Kind {
    pub fn is_formulation(&self) -> bool {
        *self == Kind::Formulation
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VariantStatus {
    /// A legitimate alternative; never flagged.
    Accepted,
    /// Canonical until `until`; flagged only in documents dated after that.
    EraBound,
    /// No longer used.
    Deprecated,
    /// A truncated or garbled form seen in scraped texts.
    Garbled,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Variant {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    pub status: VariantStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<String>,
    /// Why the form is wrong or right, in Chinese: shown in `slogan-variant` findings on it
    /// (lexicon/README.md), unlike an entry's curator `note`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// First day this form was in use (ISO date at known precision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    /// Last day this form was current: `outdated-formulation` flags it in documents dated
    /// later (a goal reached, a policy ended).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// The wording that replaced this form, offered as the fix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// Where the change of `valid_until` can be checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Words that, in the form's paragraph, show the text tells of the form's own time (its
    /// leaders, its periods): the dated rules then do not hold the form against a later
    /// document (`rules/narration.rs` lists the evidence they find without the lexicon).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub era_markers: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Origin {
    pub date: String,
    pub occasion: String,
    /// The date and occasion are the earliest report found, not a known first proposal.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub attested: bool,
}

impl Origin {
    /// Nothing known (a user's own entry without an origin).
    pub fn is_empty(&self) -> bool {
        self.date.is_empty() && self.occasion.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Examples {
    #[serde(default)]
    pub ok: Vec<String>,
    #[serde(default)]
    pub flag: Vec<String>,
}

/// Uses of an entry's enumeration that published text shows to be normal wording, so the
/// order and completeness checks leave them alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedUse {
    /// Partial lists are normal: a disciplinary announcement lists only the disciplines
    /// violated (政治纪律、组织纪律、廉洁纪律、工作纪律和生活纪律 of 六大纪律).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    /// The items are written in any order (获得感、安全感、幸福感).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub any_order: bool,
    /// Where such lists are written, in Chinese (curator note; never shown to users).
    pub note: String,
    /// A public page with such a list as published.
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub id: String,
    pub term: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    pub full: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<String>,
    /// Required unless `confidence` is `user` (then empty when absent).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_en: Option<String>,
    /// Required unless `confidence` is `user` (then empty when absent).
    #[serde(default, skip_serializing_if = "Origin::is_empty")]
    pub origin: Origin,
    /// Required unless `confidence` is `user` (then empty when absent).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Date of the source page (for a news transcript, the broadcast day).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_date: Option<String>,
    /// Title of the source page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_title: Option<String>,
    pub confidence: Confidence,
    /// Curator's note (what is unsure and why); never shown to users.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub scope: Scope,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Kind::is_formulation")]
    pub kind: Kind,
    /// The period in which the formulation was current (ISO dates at known precision).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<String>,
    /// The formulation that replaced it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub superseded_by: Option<String>,
    /// The formulation is itself a goal or directive: any use in a document dated after
    /// `valid_until` is outdated (not only its variant forms).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub flag_after_until: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<Variant>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub examples: Option<Examples>,
    /// Partial or reordered enumerations that are accepted wording.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub accepted_use: Option<AcceptedUse>,
}
