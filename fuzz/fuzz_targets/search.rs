//! Danish search terms (`crates/domain/src/search.rs`): any text, indexed or searched for, gives
//! terms without panicking; a query never has more than `MAX_QUERY_TERMS` terms, and every word
//! of a text matches its own indexed stem.
#![no_main]

use idespor_domain::search::{self, MAX_QUERY_TERMS};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let query = search::query_terms(&text);
    assert!(query.len() <= MAX_QUERY_TERMS);
    let indexed = search::index_terms(&[(&text, search::WEIGHT_TITLE), (&text, search::WEIGHT_OTHER)]);
    for term in &query {
        assert!(indexed.iter().any(|(t, _)| t == term), "query term {term:?} of {text:?} is not indexed");
    }
    for word in search::words(&text).take(64) {
        let _ = search::word_matches(&word, &query);
    }
});
