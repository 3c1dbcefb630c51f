//! What every text people type must be, wherever it is typed: not longer than its field's limit
//! (counted in characters, as the forms' `maxlength` counts), and free of control characters
//! other than tab, line feed and carriage return. NUL cannot be stored in PostgreSQL at all, and
//! the others (escape, backspace, the C1 controls) have no business in an idea; such text is
//! refused with the field named, never cleaned silently. Format characters such as the bidi and
//! zero-width marks are ordinary Unicode (Arabic and Hebrew names need them) and are kept as
//! typed, with one exception: a bidi embedding, override or isolate (U+202A–U+202E,
//! U+2066–U+2069) must be closed again within the text. Left open, a right-to-left override
//! reverses whatever a page shows after it on the same line (the author's name, the status),
//! which is how a title can spoof its surroundings.
//!
//! Unicode's noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF and the last two of every plane) are
//! refused too: XML cannot carry U+FFFE and U+FFFF, so one of them in a decision would break
//! every Atom feed and spreadsheet that shows it. A name or a title is one line: it goes into
//! mail headers, calendar properties and file names, where a line break starts a new field, so
//! single-line fields refuse tab, line feed and carriage return as well (`check_line`).

use crate::error::FieldErrors;

/// Whether a text holds a control character that may not be stored.
pub fn has_forbidden_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Whether a text holds a Unicode noncharacter.
pub fn has_noncharacter(text: &str) -> bool {
    text.chars().any(|c| {
        let n = c as u32;
        (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
    })
}

/// Whether the text leaves a bidi embedding, override or isolate open at its end.
pub fn leaves_direction_open(text: &str) -> bool {
    let (mut embeddings, mut isolates) = (0u32, 0u32);
    for c in text.chars() {
        match c {
            '\u{202A}' | '\u{202B}' | '\u{202D}' | '\u{202E}' => embeddings += 1,
            '\u{202C}' => embeddings = embeddings.saturating_sub(1),
            '\u{2066}' | '\u{2067}' | '\u{2068}' => isolates += 1,
            '\u{2069}' => isolates = isolates.saturating_sub(1),
            _ => {}
        }
    }
    embeddings > 0 || isolates > 0
}

/// The problem with a text for a field of at most `max` characters, if any: `too_long`,
/// `control_character` or `direction_unclosed`.
pub fn problem(text: &str, max: usize) -> Option<&'static str> {
    if text.chars().count() > max {
        Some("too_long")
    } else if has_forbidden_control(text) || has_noncharacter(text) {
        Some("control_character")
    } else if leaves_direction_open(text) {
        Some("direction_unclosed")
    } else {
        None
    }
}

/// The problem with a one-line text (a name, a title), if any: as `problem`, and `line_break`
/// for a tab, line feed or carriage return.
pub fn line_problem(text: &str, max: usize) -> Option<&'static str> {
    problem(text, max).or_else(|| text.contains(['\t', '\n', '\r']).then_some("line_break"))
}

/// Adds the problem with a one-line text, if any, to the field's errors.
pub fn check_line(errors: &mut FieldErrors, field: &'static str, text: &str, max: usize) {
    if let Some(code) = line_problem(text, max) {
        errors.add(field, code);
    }
}

/// Adds the problem with a text, if any, to the field's errors.
pub fn check(errors: &mut FieldErrors, field: &'static str, text: &str, max: usize) {
    if let Some(code) = problem(text, max) {
        errors.add(field, code);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_count_characters_and_controls_are_refused() {
        assert_eq!(problem(&"æ".repeat(10), 10), None);
        assert_eq!(problem(&"æ".repeat(11), 10), Some("too_long"));
        assert_eq!(problem("før\0efter", 100), Some("control_character"));
        assert_eq!(problem("escape \u{1b}[31m", 100), Some("control_character"));
        assert_eq!(problem("C1 \u{85}", 100), Some("control_character"));
        assert_eq!(problem("linje\r\nlinje\tfane", 100), None);
        assert_eq!(problem("højre\u{202e}venstre\u{202c} nul\u{200b}bredde", 100), None, "format characters are text");
        assert_eq!(problem("\u{2067}שלום\u{2069} og \u{200f}", 100), None, "a closed isolate and a mark are fine");
        assert_eq!(problem("titel\u{202e}fdp.exe", 100), Some("direction_unclosed"));
        assert_eq!(problem("\u{2066}\u{2066}x\u{2069}", 100), Some("direction_unclosed"));
        for nonchar in ['\u{FFFE}', '\u{FFFF}', '\u{FDD0}', '\u{FDEF}', '\u{1FFFE}', '\u{10FFFF}'] {
            assert_eq!(problem(&format!("beslutning {nonchar}"), 100), Some("control_character"), "{nonchar:?}");
        }
        assert_eq!(problem("\u{FFFD} \u{FDCF} \u{FDF0} \u{1F600}", 100), None, "their neighbours are text");
    }

    #[test]
    fn a_name_is_one_line() {
        assert_eq!(line_problem("Maja Winther", 100), None);
        for hostile in ["Maja\r\nBcc: alle@example.com", "Maja\rX", "Maja\nX", "Maja\tWinther"] {
            assert_eq!(line_problem(hostile, 100), Some("line_break"), "{hostile:?}");
        }
        assert_eq!(line_problem("Maja\u{1b}", 100), Some("control_character"));
        assert_eq!(line_problem(&"x".repeat(101), 100), Some("too_long"));
    }
}
