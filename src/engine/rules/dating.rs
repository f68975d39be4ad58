//! The date dated checks judge a document against, and why: the `documentDate` setting, else
//! the dateline (a full date near the top), else a year or month in the title, else today.

use crate::engine::config::{Config, Locale};
use crate::engine::document::{Date, Document};
use crate::engine::lexicon::Entry;
use crate::engine::types::{Diagnostic, Severity};
use regex::Regex;
use std::sync::OnceLock;

/// Where the date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    Setting,
    Dateline,
    Title,
    Today,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    pub date: Date,
    pub basis: Basis,
}

impl Dated {
    /// "本文日期为2025-03-05（电头）" and its English counterpart.
    pub fn describe(&self, locale: Locale) -> String {
        let (y, m, d) = self.date;
        let day = format!("{y}-{m:02}-{d:02}");
        let (zh, en) = match self.basis {
            Basis::Setting => ("项目设置", "project setting"),
            Basis::Dateline => ("电头", "dateline"),
            Basis::Title => ("标题", "title"),
            Basis::Today => ("未标明日期，按今天", "undated, judged as of today"),
        };
        match (self.basis, locale) {
            (Basis::Today, Locale::ZhCn) => format!("本文{zh}（{day}）"),
            (Basis::Today, Locale::En) => format!("this document is {en} ({day})"),
            (_, Locale::ZhCn) => format!("本文日期为{day}（{zh}）"),
            (_, Locale::En) => format!("this document is dated {day} ({en})"),
        }
    }
}

/// The date a document states, by the `documentDate` setting or its dateline: what a finding
/// that applies only from some day on (`Diagnostic::not_before`) is judged against. A title's
/// year or today's date is no evidence the text is older.
pub(crate) fn stated_date(doc: &Document, config: &Config) -> Option<Date> {
    config.document_date.or(doc.date)
}

/// Whether `d` applies only from a day later than `date`.
fn before_its_time(d: &Diagnostic, date: Option<Date>) -> bool {
    matches!((d.not_before, date), (Some(first), Some(date)) if date < first)
}

/// How long a wording takes to settle: three calendar months. Published text keeps an old
/// wording for weeks after a congress changes it (新闻联播 of 2012-11-10, 11-15 and 11-30 still
/// wrote 全面建设小康社会, changed on 11-08) and lists a new slogan's older items for weeks after
/// it is proposed (伟大斗争、伟大工程、伟大事业 on 2017-09-25, two months after 四个伟大). In that
/// window a finding against the old wording is advice to update (information), not an error.
const TRANSITION_MONTHS: u32 = 3;

/// The last day of the transition after the change on `day`.
fn transition_end((y, m, d): Date) -> Date {
    let months = m - 1 + TRANSITION_MONTHS;
    (y + months / 12, months % 12 + 1, d)
}

/// Whether `date` falls in the transition after a change on `change`.
pub(crate) fn soon_after(change: Date, date: Date) -> bool {
    change <= date && date <= transition_end(change)
}

/// What a finding in the transition adds to its message.
pub(crate) fn soon_after_note(locale: Locale) -> &'static str {
    match locale {
        Locale::ZhCn => "，新提法启用不久",
        Locale::En => ", soon after the change",
    }
}

/// `d` as a document stated to be of `date` gets it: `None` when the document is older than
/// the finding's first day, information (with the note saying why) when it falls in the
/// transition after that day.
pub(crate) fn judged_on(
    mut d: Diagnostic,
    date: Option<Date>,
    locale: Locale,
) -> Option<Diagnostic> {
    if before_its_time(&d, date) {
        return None;
    }
    if let (Some(first), Some(date)) = (d.not_before, date) {
        if soon_after(first, date) {
            d.severity = Severity::Information;
            d.message.push_str(soon_after_note(locale));
        }
    }
    Some(d)
}

/// First day of `yyyy`, `yyyy-mm` or `yyyy-mm-dd`.
pub(crate) fn parse_from(s: &str) -> Option<Date> {
    let mut p = s.trim().split('-');
    let y = p.next()?.parse().ok()?;
    let m = p.next().map_or(Some(1), |m| m.parse().ok())?;
    let d = p.next().map_or(Some(1), |d| d.parse().ok())?;
    Some((y, m, d))
}

/// A slogan rule's finding on `entry`'s list, marked with the slogan's first day (none when
/// its origin is only the earliest report found), or `None` in a document stated to be older
/// than the slogan (information in one of its first months: [`judged_on`]). A line judged
/// alone has no date; the assembly applies the document's.
pub(crate) fn since_origin(
    d: Diagnostic,
    entry: &Entry,
    doc: &Document,
    config: &Config,
) -> Option<Diagnostic> {
    let first = Some(&entry.origin)
        .filter(|o| !o.attested)
        .and_then(|o| parse_from(&o.date));
    judged_on(d.not_before(first), stated_date(doc, config), config.locale)
}

/// The date `doc` is judged against.
pub fn document_date(doc: &Document, config: &Config) -> Dated {
    if let Some(date) = config.document_date {
        return Dated {
            date,
            basis: Basis::Setting,
        };
    }
    if let Some(date) = doc.date {
        return Dated {
            date,
            basis: Basis::Dateline,
        };
    }
    if let Some(date) = title_date(doc.text) {
        return Dated {
            date,
            basis: Basis::Title,
        };
    }
    Dated {
        date: today(),
        basis: Basis::Today,
    }
}

/// A year (2025年…) or year and month (2025年3月) in the title, the first non-blank line, read
/// as its first day: 《2025年政府工作报告》 is judged as of 2025-01-01, so a change later in
/// the year is not held against it.
pub fn title_date(text: &str) -> Option<Date> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE
        .get_or_init(|| Regex::new(r"((?:19|20)\d{2})\s*年(?:\s*(\d{1,2})\s*月)?").expect("valid"));
    let title = text.lines().map(str::trim).find(|l| !l.is_empty())?;
    let caps = re.captures(title)?;
    let y: u32 = caps[1].parse().ok()?;
    let m: u32 = caps
        .get(2)
        .and_then(|m| m.as_str().parse().ok())
        .filter(|m| (1..=12).contains(m))
        .unwrap_or(1);
    Some((y, m, 1))
}

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    civil_from_days((secs / 86_400) as i64)
}

/// The proleptic Gregorian date `days` after 1970-01-01 (H. Hinnant's algorithm).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y as u32, m as u32, d as u32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::lexicon::test_config;

    #[test]
    fn transition_ends_three_months_on() {
        assert_eq!(transition_end((2012, 11, 8)), (2013, 2, 8));
        assert_eq!(transition_end((2017, 7, 26)), (2017, 10, 26));
        assert_eq!(transition_end((2020, 12, 31)), (2021, 3, 31));
        assert!(soon_after((2012, 11, 8), (2012, 11, 30)));
        assert!(soon_after((2012, 11, 8), (2013, 2, 8)));
        assert!(!soon_after((2012, 11, 8), (2013, 2, 9)));
        assert!(!soon_after((2012, 11, 8), (2012, 11, 7)));
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_417), (2023, 3, 1));
        assert_eq!(civil_from_days(20_150), (2025, 3, 3));
        assert!(today() >= (2025, 1, 1));
    }

    #[test]
    fn setting_over_dateline_over_title_over_today() {
        let dated = "2023年3月5日\n国务院总理李强";
        let titled = "2025年政府工作报告\n国务院总理李强";
        let undated = "国务院总理李强";
        let cfg = test_config();
        let at = |t: &str, c: &Config| document_date(&Document::new(t, Vec::new()), c);
        assert_eq!(at(dated, &cfg).date, (2023, 3, 5));
        assert_eq!(at(dated, &cfg).basis, Basis::Dateline);
        assert_eq!(at(titled, &cfg).date, (2025, 1, 1));
        assert_eq!(at(titled, &cfg).basis, Basis::Title);
        assert_eq!(at(undated, &cfg).basis, Basis::Today);
        let set = Config {
            document_date: Some((2019, 6, 1)),
            ..test_config()
        };
        assert_eq!(at(dated, &set).date, (2019, 6, 1));
        assert_eq!(at(dated, &set).basis, Basis::Setting);
        assert_eq!(title_date("2024年5月全省工作会议"), Some((2024, 5, 1)));
        assert_eq!(title_date("\n\n会议召开"), None);
    }
}
