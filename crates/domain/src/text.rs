//! What every text people type must be, wherever it is typed: not longer than its field's limit
//! (counted in characters, as the forms' `maxlength` counts), and free of control characters
//! other than tab, line feed and carriage return. NUL cannot be stored in PostgreSQL at all, and
//! the others (escape, backspace, the C1 controls) have no business in an idea; such text is
//! refused with the field named, never cleaned silently. Format characters such as the bidi and
//! zero-width marks are ordinary Unicode (Arabic and Hebrew names need them) and are kept as
//! typed; pages escape them like any other text.

use crate::error::FieldErrors;

/// Whether a text holds a control character that may not be stored.
pub fn has_forbidden_control(text: &str) -> bool {
    text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// The problem with a text for a field of at most `max` characters, if any: `too_long` or
/// `control_character`.
pub fn problem(text: &str, max: usize) -> Option<&'static str> {
    if text.chars().count() > max {
        Some("too_long")
    } else if has_forbidden_control(text) {
        Some("control_character")
    } else {
        None
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
        assert_eq!(problem("højre\u{202e}venstre\u{200b}", 100), None, "format characters are text");
    }
}
