//! Text as it leaves in a structured format: a mail header, an iCalendar property, XML (Atom
//! feeds, spreadsheets). What people type is checked when it is written (`idespor_domain::text`
//! refuses control characters, noncharacters and line breaks in names and titles); these keep
//! a text that got in some other way (older data, an import) from breaking out of its field or
//! breaking the whole document. Each is tested with hostile text below and where it is used.

/// Text for a header: one line, without control characters. Names and titles are refused with
/// line breaks when typed, but a header must hold whatever reaches it (older data, an import):
/// a line break in a header would start a header of its own.
pub fn header_text(text: &str) -> String {
    text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect()
}

/// Text as XML 1.0 can carry it: the characters it cannot (most C0 controls, U+FFFE, U+FFFF)
/// are dropped. They are refused when typed; this keeps one older or imported text from
/// breaking a whole feed for every reader.
pub fn xml_text(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..))
        .collect()
}

/// Text for an iCalendar TEXT value (RFC 5545 §3.3.11) before the calendar crate escapes it:
/// every line break (CR LF, a lone CR, LF) one LF, which it writes as `\n`; other control
/// characters dropped. A raw CR would end the property and start one of the reader's choosing.
pub fn ical_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || !c.is_control())
        .collect()
}

/// A TEXT value for a property the calendar crate writes as given (NAME, X-WR-CALNAME):
/// cleaned as `ical_text`, then escaped as RFC 5545 says (backslash, `;`, `,`, line breaks).
pub fn ical_escaped(text: &str) -> String {
    ical_text(text).replace('\\', "\\\\").replace(';', "\\;").replace(',', "\\,").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_keeps_what_xml_can_carry() {
        assert_eq!(xml_text("a\u{0}b\u{1b}c\u{FFFE}d\u{FFFF}e"), "abcde");
        assert_eq!(xml_text("tab\there\r\nlinje æøå 😀 \u{FFFD}"), "tab\there\r\nlinje æøå 😀 \u{FFFD}");
    }

    #[test]
    fn icalendar_text_has_no_raw_line_breaks() {
        assert_eq!(ical_text("a\r\nb\rc\nd\u{0}e\tf"), "a\nb\nc\nd".to_string() + "e\tf");
        assert_eq!(ical_escaped("Syd\r\nATTENDEE:mailto:x; y, z\\"), "Syd\\nATTENDEE:mailto:x\\; y\\, z\\\\");
    }

    #[test]
    fn a_header_is_one_line() {
        assert_eq!(header_text("Maja\r\nBcc: x\u{85}"), "Maja  Bcc: x ");
    }
}
