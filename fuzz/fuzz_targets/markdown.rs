//! Markdown from people, through the product's own renderer and sanitizer
//! (`crates/web/src/markdown.rs`, compiled from its source file): it never panics, and what it
//! returns, read back by an HTML tokenizer the way a browser reads it, holds nothing that runs:
//! no script, style, iframe, object, embed, frame, form, base, meta, link, svg or math element,
//! no `on…` event handler or `style`/`srcdoc`/`formaction` attribute, and no `javascript:`,
//! `vbscript:` or `data:` address in a link or source attribute.
#![no_main]

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts};
use libfuzzer_sys::fuzz_target;
use std::cell::RefCell;

#[path = "../../crates/web/src/markdown.rs"]
mod markdown;

const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "form",
    "base",
    "meta",
    "link",
    "svg",
    "math",
    "template",
    "noscript",
    "xmp",
    "plaintext",
    "textarea",
    "title",
    "noembed",
    "noframes",
];
const FORBIDDEN_ATTRIBUTES: &[&str] = &["style", "srcdoc", "formaction", "action", "background", "xmlns"];
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "cite", "poster", "data", "xlink:href", "srcset", "longdesc", "lowsrc"];
const FORBIDDEN_SCHEMES: &[&str] = &["javascript:", "vbscript:", "data:"];

#[derive(Default)]
struct Checker {
    problems: RefCell<Vec<String>>,
}

/// The address as a browser reads its scheme (the WHATWG URL parser): control characters and
/// spaces around it are trimmed, tabs and line breaks anywhere are removed, and the scheme is
/// compared case-insensitively. A space inside stays (`dat  a:` has no scheme: a relative address).
fn normalized(value: &str) -> String {
    let around = |c: char| c as u32 <= 0x20;
    value
        .trim_matches(around)
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .flat_map(char::to_lowercase)
        .collect()
}

impl TokenSink for Checker {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            let name = tag.name.to_ascii_lowercase();
            if FORBIDDEN_ELEMENTS.contains(&&*name) {
                self.problems.borrow_mut().push(format!("element <{name}> ({:?})", tag.kind));
            }
            if tag.kind == TagKind::StartTag {
                for attr in &tag.attrs {
                    let attr_name = attr.name.local.to_ascii_lowercase();
                    if attr_name.starts_with("on") || FORBIDDEN_ATTRIBUTES.contains(&&*attr_name) {
                        self.problems.borrow_mut().push(format!("attribute {attr_name} on <{name}>"));
                    }
                    if URL_ATTRIBUTES.contains(&&*attr_name) {
                        let value = normalized(&attr.value);
                        // srcset holds several addresses separated by commas; in the others a
                        // comma is part of a (relative) address.
                        let parts: Vec<&str> =
                            if &*attr_name == "srcset" { value.split(',').collect() } else { vec![value.as_str()] };
                        for part in parts {
                            if FORBIDDEN_SCHEMES.iter().any(|s| part.starts_with(s)) {
                                self.problems.borrow_mut().push(format!("{attr_name}={:?} on <{name}>", &*attr.value));
                            }
                        }
                    }
                }
            }
        }
        TokenSinkResult::Continue
    }
}

fuzz_target!(|data: &[u8]| {
    // Forms and the API only ever hand the renderer valid UTF-8 (axum refuses the rest); lossy
    // decoding keeps every input useful instead of discarding the invalid ones.
    let source = String::from_utf8_lossy(data);
    let html = markdown::render(&source);

    let tokenizer = Tokenizer::new(Checker::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(&html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let problems = tokenizer.sink.problems.borrow();
    assert!(
        problems.is_empty(),
        "executable construct in the sanitized output: {problems:?}\ninput: {source:?}\noutput: {html}"
    );
});
