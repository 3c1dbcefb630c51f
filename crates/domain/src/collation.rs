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

/// Sorts items in place by a Danish-collated key.
pub fn sort_danish_by<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by(|a, b| danish_cmp(key(a), key(b)));
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
}
