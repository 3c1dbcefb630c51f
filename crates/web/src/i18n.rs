//! All text the interface shows comes from the Fluent files in `locales/` (Danish first, English
//! second), and every date and time is shown the Danish way in Europe/Copenhagen.

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use idespor_domain::user::Language;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;
use unic_langid::{LanguageIdentifier, langid};

static_loader! {
    static LOCALES = {
        locales: "./locales",
        fallback_language: "da",
        // No Unicode isolation marks around arguments: they confuse screen readers and tests.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static DA: LanguageIdentifier = langid!("da");
static EN: LanguageIdentifier = langid!("en");

fn langid(lang: Language) -> &'static LanguageIdentifier {
    match lang {
        Language::Da => &DA,
        Language::En => &EN,
    }
}

/// The translated text for `key`; the key itself when it is missing (a test makes sure none is).
/// A message without arguments never changes while the process runs, so each is looked up
/// once per language (Fluent's lookup negotiates the language and walks the bundle every
/// time: a few microseconds, and a page asks for a hundred).
pub fn t(lang: Language, key: &str) -> String {
    use std::sync::RwLock;
    type Texts = RwLock<HashMap<String, String>>;
    static TEXTS: OnceLock<[Texts; 2]> = OnceLock::new();
    let texts = &TEXTS.get_or_init(Default::default)[match lang {
        Language::Da => 0,
        Language::En => 1,
    }];
    if let Some(text) = texts.read().ok().and_then(|t| t.get(key).cloned()) {
        return text;
    }
    let text = LOCALES.try_lookup(langid(lang), key).unwrap_or_else(|| key.to_string());
    if let Ok(mut texts) = texts.write() {
        // Keys are the messages' ids (a few hundred); a bound all the same, in case a key is
        // ever made of input.
        if texts.len() < 10_000 {
            texts.insert(key.to_string(), text.clone());
        }
    }
    text
}

/// The translated text for `key` with named arguments.
pub fn t_args(lang: Language, key: &str, args: &[(&'static str, FluentArg)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue> = args
        .iter()
        .map(|(name, value)| {
            let value = match value {
                FluentArg::Text(s) => FluentValue::from(s.clone()),
                FluentArg::Number(n) => FluentValue::from(*n),
            };
            (Cow::Borrowed(*name), value)
        })
        .collect();
    LOCALES.try_lookup_with_args(langid(lang), key, &args).unwrap_or_else(|| key.to_string())
}

#[derive(Debug, Clone)]
pub enum FluentArg {
    Text(String),
    Number(i64),
}

impl From<&str> for FluentArg {
    fn from(s: &str) -> Self {
        Self::Text(s.to_string())
    }
}
impl From<String> for FluentArg {
    fn from(s: String) -> Self {
        Self::Text(s)
    }
}
impl From<i64> for FluentArg {
    fn from(n: i64) -> Self {
        Self::Number(n)
    }
}
impl From<&i64> for FluentArg {
    fn from(n: &i64) -> Self {
        Self::Number(*n)
    }
}
impl From<&&i64> for FluentArg {
    fn from(n: &&i64) -> Self {
        Self::Number(**n)
    }
}
impl From<i32> for FluentArg {
    fn from(n: i32) -> Self {
        Self::Number(i64::from(n))
    }
}
impl From<&i32> for FluentArg {
    fn from(n: &i32) -> Self {
        Self::Number(i64::from(*n))
    }
}
impl From<&&i32> for FluentArg {
    fn from(n: &&i32) -> Self {
        Self::Number(i64::from(**n))
    }
}
impl From<&usize> for FluentArg {
    fn from(n: &usize) -> Self {
        Self::from(*n)
    }
}
impl From<usize> for FluentArg {
    fn from(n: usize) -> Self {
        Self::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// The language a visitor asks for before signing in: the first of Danish or English in
/// `Accept-Language`, Danish when neither or nothing is there.
pub fn from_accept_language(header: Option<&str>) -> Language {
    header.and_then(asked_language).unwrap_or(Language::Da)
}

/// The language an `Accept-Language` header prefers among those Idéspor speaks, if any.
pub fn asked_language(header: &str) -> Option<Language> {
    let mut best: Option<(f32, Language)> = None;
    for part in header.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let lang = match primary {
            "da" | "nb" | "no" | "nn" => Some(Language::Da),
            "en" => Some(Language::En),
            _ => None,
        };
        if let Some(lang) = lang
            && best.is_none_or(|(best_q, _)| q > best_q)
        {
            best = Some((q, lang));
        }
    }
    best.map(|(_, l)| l)
}

pub fn copenhagen() -> &'static TimeZone {
    static TZ: OnceLock<TimeZone> = OnceLock::new();
    TZ.get_or_init(idespor_domain::clock::copenhagen)
}

/// "11. maj 2026" in Danish, "11 May 2026" in English, in Copenhagen's calendar.
/// A reason as a reader reads it: a standard decline reason (its code) in the reader's
/// language, followed by the decider's own words, or just the words.
/// What is wrong with a field, in words: the code's message, naming the place in the text
/// where the problem has one.
pub fn field_message(lang: Language, error: &idespor_domain::FieldError) -> String {
    let key = format!("err-{}", error.code);
    match &error.place {
        Some(place) => t_args(
            lang,
            &format!("{key}-at"),
            &[("line", i64::from(place.line).into()), ("shown", place.shown.clone().into())],
        ),
        None => t(lang, &key),
    }
}

pub fn reason_text(lang: Language, code: Option<&str>, words: &str) -> String {
    let words = words.trim();
    match code {
        Some(code) if words.is_empty() => t(lang, &format!("decline-reason-{code}")),
        Some(code) => format!("{}: {words}", t(lang, &format!("decline-reason-{code}"))),
        None => words.to_string(),
    }
}

/// A number with one decimal, with the language's decimal mark: "2,5" in Danish, "2.5" in
/// English.
pub fn format_decimal(lang: Language, value: f64) -> String {
    let text = format!("{value:.1}");
    match lang {
        Language::Da => text.replace('.', ","),
        Language::En => text,
    }
}

pub fn format_date(lang: Language, ts: Timestamp) -> String {
    let zoned = ts.to_zoned_datetime(copenhagen().clone());
    let month = t(lang, &format!("month-{}", zoned.month()));
    match lang {
        Language::Da => format!("{}. {} {}", zoned.day(), month, zoned.year()),
        Language::En => format!("{} {} {}", zoned.day(), month, zoned.year()),
    }
}

/// A calendar date: "11. maj 2026".
pub fn format_civil_date(lang: Language, date: jiff::civil::Date) -> String {
    let month = t(lang, &format!("month-{}", date.month()));
    match lang {
        Language::Da => format!("{}. {} {}", date.day(), month, date.year()),
        Language::En => format!("{} {} {}", date.day(), month, date.year()),
    }
}

/// "11. maj 2026 kl. 17.30" in Danish, "11 May 2026 at 17:30" in English.
pub fn format_datetime(lang: Language, ts: Timestamp) -> String {
    let zoned = ts.to_zoned_datetime(copenhagen().clone());
    let date = format_date(lang, ts);
    match lang {
        Language::Da => format!("{date} kl. {:02}.{:02}", zoned.hour(), zoned.minute()),
        Language::En => format!("{date} at {:02}:{:02}", zoned.hour(), zoned.minute()),
    }
}

/// Every message id in a Fluent file, for the test that both languages have the same keys.
pub fn message_ids(ftl: &str) -> std::collections::BTreeSet<String> {
    ftl.lines()
        .filter(|l| l.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
        .filter_map(|l| l.split_once('=').map(|(k, _)| k.trim().to_string()))
        .collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn decimals_take_the_language_s_mark() {
        assert_eq!(format_decimal(Language::Da, 2.54), "2,5");
        assert_eq!(format_decimal(Language::En, 2.54), "2.5");
        assert_eq!(format_decimal(Language::Da, 12.0), "12,0");
    }

    #[test]
    fn danish_dates_in_copenhagen_time() {
        // 22:30 UTC on 10 May is 00:30 on 11 May in Copenhagen (summer time, UTC+2).
        let ts: Timestamp = "2026-05-10T22:30:00Z".parse().unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(format_date(Language::Da, ts), "11. maj 2026");
        assert_eq!(format_datetime(Language::Da, ts), "11. maj 2026 kl. 00.30");
        assert_eq!(format_date(Language::En, ts), "11 May 2026");
        // Winter time is UTC+1.
        let winter: Timestamp = "2026-12-24T16:30:00Z".parse().unwrap_or(Timestamp::UNIX_EPOCH);
        assert_eq!(format_datetime(Language::Da, winter), "24. december 2026 kl. 17.30");
    }

    #[test]
    fn accept_language_picks_danish_or_english() {
        assert_eq!(from_accept_language(None), Language::Da);
        assert_eq!(from_accept_language(Some("en-GB,en;q=0.9")), Language::En);
        assert_eq!(from_accept_language(Some("en;q=0.5, da")), Language::Da);
        assert_eq!(from_accept_language(Some("fr-FR")), Language::Da);
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let da = message_ids(include_str!("../locales/da/main.ftl"));
        let en = message_ids(include_str!("../locales/en/main.ftl"));
        let missing_in_en: Vec<_> = da.difference(&en).collect();
        let missing_in_da: Vec<_> = en.difference(&da).collect();
        assert!(missing_in_en.is_empty(), "missing in en: {missing_in_en:?}");
        assert!(missing_in_da.is_empty(), "missing in da: {missing_in_da:?}");
        assert!(da.len() > 50);
    }

    #[test]
    fn arguments_are_filled_in() {
        let text = t_args(Language::Da, "orgs-count", &[("count", 98i64.into())]);
        assert!(text.contains("98"), "{text}");
    }

    /// The fields the domain names in its errors, read from its source: where a field error is
    /// added (`errors.add("…"`, `invalid("…"`, a text check on `errors, "…"`, a time or date
    /// field `time("…"`, `at("…"`).
    fn fields_named_by_the_domain() -> std::collections::BTreeSet<String> {
        fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/src"), &mut files);
        let mut fields = std::collections::BTreeSet::new();
        for file in files {
            let source = std::fs::read_to_string(&file).unwrap();
            for opener in ["errors.add(\"", "invalid(\"", "errors, \"", "single(\"", "time(\"", "at(\""] {
                for (i, _) in source.match_indices(opener) {
                    let rest = &source[i + opener.len()..];
                    let name: String = rest.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                    if rest[name.len()..].starts_with('"') && !name.is_empty() {
                        fields.insert(name);
                    }
                }
            }
        }
        fields
    }

    /// Every field the domain can name in an error has a label in both languages, so that the
    /// summary above a form says which field ("Dato: Feltet skal udfyldes."), not only what.
    #[test]
    fn every_field_an_error_names_has_a_label() {
        let fields = fields_named_by_the_domain();
        assert!(fields.contains("title") && fields.contains("opens_date") && fields.len() > 40, "{fields:?}");
        for (lang, ftl) in
            [("da", include_str!("../locales/da/main.ftl")), ("en", include_str!("../locales/en/main.ftl"))]
        {
            let ids = message_ids(ftl);
            let missing: Vec<_> = fields.iter().filter(|f| !ids.contains(&format!("label-{f}"))).collect();
            assert!(missing.is_empty(), "{lang}: no label-… for {missing:?}");
        }
    }

    /// The messages' texts (not their ids), for a glossary check.
    fn values(ftl: &str) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        for line in ftl.lines() {
            if line.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                if let Some((k, v)) = line.split_once('=') {
                    out.push((k.trim().to_string(), v.trim().to_string()));
                }
            } else if line.starts_with(' ')
                && let Some(last) = out.last_mut()
            {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
        }
        out
    }

    /// One word for one thing, in each language: the Danish texts use the glossary's words
    /// (a status has one name; "udgivelse", not "release"; no English), the English texts no
    /// Danish words.
    #[test]
    fn both_languages_keep_to_the_glossary() {
        let da = values(include_str!("../locales/da/main.ftl"));
        let en = values(include_str!("../locales/en/main.ftl"));
        // Words that are not the glossary's, with the word to use instead.
        let not_danish = [
            ("release", "udgivelse"),
            ("backlog", "produktplanen"),
            ("feeds", "nyhedsstrømme"),
            ("konfiguration", "opsætning"),
            ("sammenlagt", "lagt sammen"),
        ];
        for (key, text) in &da {
            let lower = text.to_lowercase();
            for (word, instead) in not_danish {
                let found = lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == word || w == format!("{word}s"));
                assert!(!found, "da {key}: \"{word}\" should be \"{instead}\": {text}");
            }
        }
        // One name for each status, the same as its history event where the two are the same step.
        let get = |list: &[(String, String)], key: &str| list.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        for (status, event) in [("solved_by_configuration", "solve_by_configuration"), ("merged", "merge")] {
            assert_eq!(get(&da, &format!("status-{status}")), get(&da, &format!("event-{event}")), "{status}");
        }
        let danish_words = [" og ", " ikke ", " eller ", " idéen ", " udgivelse", " møde ", " beslutning "];
        for (key, text) in &en {
            let padded = format!(" {} ", text.to_lowercase());
            for word in danish_words {
                assert!(!padded.contains(word), "en {key}: Danish \"{}\" in: {text}", word.trim());
            }
        }
    }
}
