//! Markdown from people, rendered to HTML and then sanitized: only harmless tags and
//! attributes survive, links get `rel="noopener noreferrer nofollow"`.

use pulldown_cmark::{Options, Parser, html};

use std::sync::OnceLock;

/// The sanitizer, made once: building one fills a few hundred set entries (the allowed tags,
/// attributes and schemes), which cost more than cleaning a comment.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static SANITIZER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    SANITIZER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder.link_rel(Some("noopener noreferrer nofollow"));
        builder
    })
}

pub fn render(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let parser = Parser::new_ext(source, options);
    let mut unsafe_html = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut unsafe_html, parser);
    sanitizer().clean(&unsafe_html).to_string()
}

#[cfg(test)]
mod tests {
    use super::render;

    #[test]
    fn markdown_is_rendered_and_scripts_are_not() {
        assert_eq!(
            render("**Vigtigt** for *borgeren*").trim(),
            "<p><strong>Vigtigt</strong> for <em>borgeren</em></p>"
        );
        let hostile = render("<script>alert(1)</script>\n\n[klik](javascript:alert(1)) <img src=x onerror=alert(1)>");
        assert!(!hostile.contains("<script"), "{hostile}");
        assert!(!hostile.contains("href=\"javascript:"), "{hostile}");
        assert!(hostile.contains("klik"), "the text stays: {hostile}");
        assert!(!hostile.contains("onerror"), "{hostile}");
        let link = render("[FMK](https://fmk-online.dk)");
        assert!(link.contains("rel=\"noopener noreferrer nofollow\""), "{link}");
    }
}
