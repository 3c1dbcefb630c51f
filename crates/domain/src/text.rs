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
//!
//! Citizens' data has no place in Idéspor: ideas describe needs, not people. A CPR number
//! (ddmmyy-xxxx with a real date, written with a hyphen, a space or nothing between the parts)
//! in any text is refused, and the refusal names the line it is on, so the person finds it
//! (`cpr_number`, see [`find_cpr`]). Since 2007 not every CPR number passes the old modulus-11
//! check, so that check is not used; a date that cannot be is what tells a number from one.

use crate::error::{FieldErrors, TextPlace};

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
    } else if find_cpr(text).is_some() {
        Some("cpr_number")
    } else {
        None
    }
}

/// Where the first CPR number in a text is: its line (from 1) and the number with its last four
/// digits hidden, as a message may show it back to the person who typed it.
pub fn find_cpr(text: &str) -> Option<TextPlace> {
    let chars: Vec<char> = text.chars().collect();
    let digit = |i: usize| chars.get(i).is_some_and(|c| c.is_ascii_digit());
    let mut i = 0;
    while i < chars.len() {
        // A candidate starts a run of digits.
        if !digit(i) || (i > 0 && digit(i - 1)) {
            i += 1;
            continue;
        }
        let six = (i..i + 6).all(digit);
        let sep = usize::from(matches!(chars.get(i + 6), Some('-' | ' ' | '\u{2010}' | '\u{2011}' | '\u{2013}')));
        let rest = i + 6 + sep;
        if six && (rest..rest + 4).all(digit) && !digit(rest + 4) {
            let d: String = chars[i..i + 6].iter().collect();
            let n = |k: usize| d[k..k + 2].parse::<u32>().unwrap_or(0);
            if is_date(n(0), n(2), n(4)) {
                let line = chars[..i].iter().filter(|c| **c == '\n').count() as u32 + 1;
                return Some(TextPlace { line, shown: format!("{d}-••••") });
            }
        }
        i += 1;
    }
    None
}

/// Whether day, month and a two-digit year make a date (29 February in any year divisible by
/// four: the century is not known from the number).
fn is_date(day: u32, month: u32, year: u32) -> bool {
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if year.is_multiple_of(4) => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// The problem with a one-line text (a name, a title), if any: as `problem`, and `line_break`
/// for a tab, line feed or carriage return.
pub fn line_problem(text: &str, max: usize) -> Option<&'static str> {
    problem(text, max).or_else(|| text.contains(['\t', '\n', '\r']).then_some("line_break"))
}

/// Adds the problem with a one-line text, if any, to the field's errors.
pub fn check_line(errors: &mut FieldErrors, field: &'static str, text: &str, max: usize) {
    if let Some(code) = line_problem(text, max) {
        add(errors, field, code, text);
    }
}

/// Adds the problem with a text, if any, to the field's errors.
pub fn check(errors: &mut FieldErrors, field: &'static str, text: &str, max: usize) {
    if let Some(code) = problem(text, max) {
        add(errors, field, code, text);
    }
}

/// Adds a text's problem, with the place in the text where the problem is one of its places.
pub fn add(errors: &mut FieldErrors, field: &'static str, code: &'static str, text: &str) {
    match code {
        "cpr_number" => errors.add_at(field, code, find_cpr(text)),
        _ => errors.add(field, code),
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
    fn cpr_numbers_are_found_with_their_line_and_other_numbers_are_not() {
        let at = |line, shown: &str| Some(TextPlace { line, shown: shown.to_string() });
        assert_eq!(find_cpr("Borgeren 010190-1234 fik ikke besøg"), at(1, "010190-••••"));
        assert_eq!(find_cpr("linje et\nlinje to: 3112991234."), at(2, "311299-••••"), "without the hyphen");
        assert_eq!(find_cpr("a\nb\nCPR 290200 1234"), at(3, "290200-••••"), "with a space; 29 Feb in a leap year");
        assert_eq!(problem("Borgeren (010190-1234)", 1000), Some("cpr_number"));
        for harmless in [
            "290201-1234",         // 29 February 2001 was no day
            "320190-1234",         // day 32
            "011390-1234",         // month 13
            "000190-1234",         // day 0
            "Sag 01019012345",     // eleven digits
            "EAN 5790001234567",   // thirteen digits
            "tlf. 45 12 34 56 78", // a phone number
            "12345678 og 1234",    // a CVR number and a number
            "version 2026.1, 2026-12-07",
        ] {
            assert_eq!(find_cpr(harmless), None, "{harmless}");
        }
        assert!(find_cpr("ID0101901234").is_some(), "letters around it do not hide it");
        let mut errors = FieldErrors::new();
        check(&mut errors, "need", "Fru Hansen\n\n010190-1234 har brug for hjælp", 1000);
        assert_eq!(errors.0[0].code, "cpr_number");
        assert_eq!(errors.0[0].place, at(3, "010190-••••"));
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
