//! Danish search: words are lower-cased and stemmed with the Snowball Danish stemmer, then
//! Danish nominal endings it leaves (-ering, -ning, -ation) are cut too, so "medicinering" meets
//! "medicin" and "planlægning" meets "planlægge". æ, ø and å are kept as they are. Queries match
//! stems by prefix, so "medicin" also finds "medicinlisten".

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Query terms beyond this many are ignored.
pub const MAX_QUERY_TERMS: usize = 8;

/// Weights of where a word stands in an idea.
pub const WEIGHT_TITLE: i32 = 3;
pub const WEIGHT_NEED: i32 = 2;
pub const WEIGHT_OTHER: i32 = 1;

const STOP_WORDS: &[&str] = &[
    "og", "i", "jeg", "det", "at", "en", "den", "til", "er", "som", "på", "de", "med", "han", "af", "for", "ikke",
    "der", "var", "mig", "sig", "men", "et", "har", "om", "vi", "min", "havde", "ham", "hun", "nu", "over", "da",
    "fra", "du", "ud", "sin", "dem", "os", "op", "man", "hans", "hvor", "eller", "hvad", "skal", "selv", "her", "alle",
    "vil", "blev", "kunne", "ind", "når", "være", "dog", "noget", "ville", "jo", "deres", "efter", "ned", "skulle",
    "denne", "end", "dette", "mit", "også", "under", "have", "dig", "anden", "hende", "mine", "alt", "meget", "sit",
    "sine", "vor", "mod", "disse", "hvis", "din", "nogle", "hos", "blive", "mange", "ad", "bliver", "hendes", "været",
    "thi", "jer", "sådan",
];

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::Danish))
}

/// The words of a text, lower-cased, in order.
pub fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

/// The stem of one lower-cased word.
pub fn stem(word: &str) -> String {
    let stemmed = stemmer().stem(word).into_owned();
    for ending in ["ering", "ning", "ation"] {
        if let Some(base) = stemmed.strip_suffix(ending)
            && base.chars().count() >= 4
        {
            return base.to_string();
        }
    }
    stemmed
}

fn is_stop_word(word: &str) -> bool {
    STOP_WORDS.contains(&word)
}

/// The terms to index for an idea: each stem once, with the weight of its best place.
pub fn index_terms(parts: &[(&str, i32)]) -> Vec<(String, i32)> {
    let mut terms: BTreeMap<String, i32> = BTreeMap::new();
    for (text, weight) in parts {
        for word in words(text) {
            if is_stop_word(&word) {
                continue;
            }
            let term = stem(&word);
            let entry = terms.entry(term).or_insert(*weight);
            *entry = (*entry).max(*weight);
        }
    }
    terms.into_iter().collect()
}

/// The stems of a query, without stop words and duplicates, at most [`MAX_QUERY_TERMS`].
pub fn query_terms(query: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for word in words(query) {
        if is_stop_word(&word) || word.chars().count() < 2 {
            continue;
        }
        let term = stem(&word);
        if !terms.contains(&term) {
            terms.push(term);
        }
        if terms.len() == MAX_QUERY_TERMS {
            break;
        }
    }
    terms
}

/// Whether a word of a text matches one of the query's stems (by prefix, like the search).
pub fn word_matches(word: &str, query_stems: &[String]) -> bool {
    let stemmed = stem(&word.to_lowercase());
    query_stems.iter().any(|q| stemmed.starts_with(q.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, text: &str) -> bool {
        let indexed = index_terms(&[(text, 1)]);
        query_terms(query).iter().all(|q| indexed.iter().any(|(t, _)| t.starts_with(q.as_str())))
    }

    #[test]
    fn danish_stemming_finds_related_words() {
        assert!(finds("borgere", "Borgeren får besøg"));
        assert!(finds("borger", "alle borgerne"));
        assert!(finds("medicinering", "Medicin til aften"));
        assert!(finds("medicin", "Medicineringen af borgere"));
        assert!(finds("medicin", "medicinlisten er lang"));
        assert!(finds("planlægning", "vi planlægger ruterne"));
        assert!(finds("dokumentation", "at dokumentere besøget"));
        assert!(!finds("medicin", "Kørelister om morgenen"));
    }

    #[test]
    fn aeoeaa_are_kept() {
        assert_eq!(query_terms("Ældre på Ærø"), vec!["ældr".to_string(), "ærø".to_string()]);
        assert!(!finds("aeldre", "ældre borgere"), "no ASCII folding");
    }

    #[test]
    fn stop_words_and_duplicates_are_dropped() {
        assert_eq!(query_terms("og i borger borgere"), vec!["borg".to_string()]);
        let terms = index_terms(&[("Borgeren", WEIGHT_TITLE), ("borgere og besøg", WEIGHT_OTHER)]);
        assert_eq!(terms, vec![("besøg".into(), 1), ("borg".into(), 3)]);
    }
}
