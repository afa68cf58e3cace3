//! A small indented XML writer for the fixed layout of a binding file. Text and attribute values are
//! escaped here, once; a character XML 1.0 cannot carry at all (most control characters) is refused,
//! naming the artifact being written, rather than written into a file no parser would read.

/// Builds the document. The first unwritable text is kept as the error and `finish` returns it.
pub(super) struct Xml {
    out: String,
    depth: usize,
    /// What is being written (`send port X`), to name it in an error.
    context: String,
    error: Option<(String, char)>,
}

/// Whether XML 1.0 can carry the character at all, even as a character reference.
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}')
        || c >= '\u{10000}'
}

impl Xml {
    pub fn new() -> Self {
        Self {
            out: String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"),
            depth: 0,
            context: String::new(),
            error: None,
        }
    }

    /// Names what the next elements belong to, for errors.
    pub fn context(&mut self, what: impl Into<String>) {
        self.context = what.into();
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            let escaped = self.escape(value, true);
            self.out.push_str(&escaped);
            self.out.push('"');
        }
    }

    /// `<name attrs>` on its own line; the children follow, indented.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    pub fn close(&mut self, name: &str) {
        self.depth -= 1;
        self.indent();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    /// `<name attrs />`
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str(" />\n");
    }

    /// `<name xsi:nil="true" />`, the console's way of writing "none".
    pub fn nil(&mut self, name: &str) {
        self.empty(name, &[("xsi:nil", "true")]);
    }

    /// `<name>text</name>`, or `<name />` for an empty text.
    pub fn text(&mut self, name: &str, text: &str) {
        if text.is_empty() {
            self.empty(name, &[]);
            return;
        }
        self.start(name, &[]);
        self.out.push('>');
        let escaped = self.escape(text, false);
        self.out.push_str(&escaped);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn flag(&mut self, name: &str, value: bool) {
        self.text(name, if value { "true" } else { "false" });
    }

    /// Escapes a text or an attribute value. Attribute values keep their tabs and line breaks as
    /// character references (a parser would turn them into spaces); texts keep a carriage return the
    /// same way (a parser would turn it into a line feed). Quotes stay as they are in a text, as the
    /// console writes them.
    fn escape(&mut self, value: &str, attribute: bool) -> String {
        let mut out = String::with_capacity(value.len());
        for c in value.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' if attribute => out.push_str("&quot;"),
                '\r' => out.push_str("&#13;"),
                '\t' if attribute => out.push_str("&#9;"),
                '\n' if attribute => out.push_str("&#10;"),
                c if allowed(c) => out.push(c),
                c => {
                    if self.error.is_none() {
                        self.error = Some((self.context.clone(), c));
                    }
                }
            }
        }
        out
    }

    /// The document, or what could not be written: the artifact and the character.
    pub fn finish(self) -> Result<String, (String, char)> {
        match self.error {
            Some(e) => Err(e),
            None => Ok(self.out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_and_attributes_are_escaped_for_a_parser_to_read_back() {
        let mut x = Xml::new();
        x.open("A", &[("Name", "a&b<c>\"d\"\te\nf\rg")]);
        x.text("T", "x&y<z>\"q\"\r\n\tw");
        x.close("A");
        let text = x.finish().unwrap();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let a = doc.root_element();
        assert_eq!(a.attribute("Name"), Some("a&b<c>\"d\"\te\nf\rg"));
        let t = a.children().find(|n| n.is_element()).unwrap();
        assert_eq!(t.text(), Some("x&y<z>\"q\"\r\n\tw"));
    }

    #[test]
    fn a_character_xml_cannot_carry_is_refused_with_what_held_it() {
        let mut x = Xml::new();
        x.context("send port P");
        x.text("Address", "a\u{1}b");
        assert_eq!(
            x.finish().unwrap_err(),
            ("send port P".to_string(), '\u{1}')
        );
    }
}
