//! Danish sorting: æ, ø, å after z, and a leading "Aa" sorted as å (Aabenraa with Å).
//! ICU's Danish collation tailoring does both; we only hold one collator per process.

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed, CollatorPreferences};
use std::cmp::Ordering;
use std::sync::OnceLock;

fn danish() -> Option<&'static CollatorBorrowed<'static>> {
    static COLLATOR: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    COLLATOR
        .get_or_init(|| {
            let locale = icu_locale_core::locale!("da");
            Collator::try_new(CollatorPreferences::from(&locale), CollatorOptions::default()).ok()
        })
        .as_ref()
}

/// Compares two strings the Danish way.
pub fn danish_cmp(a: &str, b: &str) -> Ordering {
    match danish() {
        Some(collator) => collator.compare(a, b),
        None => a.cmp(b),
    }
}

/// The Danish sort key of a text: comparing two keys bytewise compares the texts the Danish
/// way. Keys are kept per text (the names of organizations, groups and product areas sorted on
/// every page), so a list is sorted by comparing bytes, not by collating its names again; the
/// memory is bounded by forgetting all keys when there are many.
fn sort_key(text: &str) -> std::sync::Arc<[u8]> {
    use std::collections::HashMap;
    use std::sync::{Arc, Mutex};
    const KEPT: usize = 20_000;
    static KEYS: OnceLock<Mutex<HashMap<String, Arc<[u8]>>>> = OnceLock::new();
    let keys = KEYS.get_or_init(Mutex::default);
    if let Some(key) = keys.lock().ok().and_then(|k| k.get(text).cloned()) {
        return key;
    }
    let mut key = Vec::new();
    match danish() {
        Some(collator) => {
            let _ = collator.write_sort_key_to(text, &mut key);
        }
        None => key.extend_from_slice(text.as_bytes()),
    }
    let key: Arc<[u8]> = key.into();
    if let Ok(mut keys) = keys.lock() {
        if keys.len() >= KEPT {
            keys.clear();
        }
        keys.insert(text.to_string(), key.clone());
    }
    key
}

/// Sorts items in place by a Danish-collated key (stable: equal names keep their order).
pub fn sort_danish_by<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|item| sort_key(key(item)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aabenraa_sorts_with_aa_after_z_and_ae_oe() {
        let mut names = vec!["Aabenraa", "Ærø", "Aalborg", "Zealand", "Odense", "Ølstykke", "Aarhus", "Allerød"];
        sort_danish_by(&mut names, |s| s);
        assert_eq!(names, vec!["Allerød", "Odense", "Zealand", "Ærø", "Ølstykke", "Aabenraa", "Aalborg", "Aarhus"]);
    }

    #[test]
    fn sort_keys_order_as_the_collator_compares() {
        let names =
            ["Aabenraa", "aabenraa", "Ærø", "Æbelø", "Zealand", "zealand", "Ølstykke", "Øster", "Å", "Aa", "a", "ab"];
        for a in names {
            for b in names {
                assert_eq!(sort_key(a).cmp(&sort_key(b)), danish_cmp(a, b), "{a} vs {b}");
            }
        }
    }
}
