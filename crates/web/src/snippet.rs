//! Search snippets: a window of the text around the first word that matches the query, HTML
//! escaped, with the matching words marked.

use idespor_domain::search::word_matches;

fn escape(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

/// Safe HTML: up to `max_words` words of `text` around the first match, matches in `<mark>`.
pub fn snippet(text: &str, stems: &[String], max_words: usize) -> String {
    // Split into alternating words and gaps, keeping every character.
    let mut pieces: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut in_word = None;
    for (i, c) in text.char_indices() {
        let is_word = c.is_alphanumeric();
        match in_word {
            Some(w) if w == is_word => {}
            Some(w) => {
                pieces.push((w, &text[start..i]));
                start = i;
                in_word = Some(is_word);
            }
            None => in_word = Some(is_word),
        }
    }
    if let Some(w) = in_word {
        pieces.push((w, &text[start..]));
    }
    let word_positions: Vec<usize> = pieces.iter().enumerate().filter(|(_, (w, _))| *w).map(|(i, _)| i).collect();
    let first_match = word_positions.iter().position(|&i| word_matches(pieces[i].1, stems)).unwrap_or(0);
    let from_word = first_match.saturating_sub(6);
    let to_word = (from_word + max_words).min(word_positions.len());
    if word_positions.is_empty() {
        return String::new();
    }
    let from = if from_word == 0 { 0 } else { word_positions[from_word] };
    let to = if to_word >= word_positions.len() { pieces.len() } else { word_positions[to_word] };
    let mut out = String::new();
    if from > 0 {
        out.push_str("… ");
    }
    for (is_word, piece) in &pieces[from..to] {
        if *is_word && word_matches(piece, stems) {
            out.push_str("<mark>");
            escape(piece, &mut out);
            out.push_str("</mark>");
        } else {
            escape(piece, &mut out);
        }
    }
    if to < pieces.len() {
        out.push_str(" …");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snippet;
    use idespor_domain::search::query_terms;

    #[test]
    fn marks_matches_and_escapes_the_rest() {
        let stems = query_terms("borgere medicinering");
        let text = "Når <b>borgeren</b> får medicin om aftenen & natten";
        let s = snippet(text, &stems, 30);
        assert_eq!(s, "Når &lt;b&gt;<mark>borgeren</mark>&lt;/b&gt; får <mark>medicin</mark> om aftenen &amp; natten");
    }

    #[test]
    fn long_texts_are_cut_around_the_first_match() {
        let text = format!("{} medicin {}", "ord ".repeat(50), "mere ".repeat(50));
        let s = snippet(&text, &query_terms("medicin"), 12);
        assert!(s.starts_with("… ") && s.ends_with(" …"), "{s}");
        assert!(s.contains("<mark>medicin</mark>"), "{s}");
        assert_eq!(s.matches("ord").count() + s.matches("mere").count(), 11);
    }
}
