//! Syntax colouring for the DaemonSet editor: a small, forgiving tokenizer for
//! block YAML, written for the overlay (a transparent textarea over a coloured
//! `<pre>`), so it never fails, never panics and runs in linear time.
//!
//! The spans it returns tile the text exactly: in order, without gap or
//! overlap, each on character boundaries, and together they hold every
//! character of the text (so the coloured copy lines up with the textarea).
//! Only spans of class [`PLAIN`] hold line breaks.
//!
//! It colours what a reader of Kubernetes YAML needs to tell apart: keys from
//! values, quoted strings (`"8080"` is a string) from numbers (`8080`),
//! `true`/`false`/`null` (the YAML 1.2 core schema, as dsplay's reader), and
//! the structure: comments, document markers, list dashes, anchors, aliases,
//! tags, flow punctuation and block scalar indicators with their content.

use std::ops::Range;

/// Text that is not coloured: indentation, line breaks, plain values.
pub const PLAIN: &str = "";
pub const COMMENT: &str = "tok-comment";
/// A mapping key (plain or quoted).
pub const KEY: &str = "tok-key";
/// A quoted string, or the content of a block scalar (`|`, `>`).
pub const STRING: &str = "tok-string";
pub const NUMBER: &str = "tok-number";
/// `true`, `false`, `null`, `~`.
pub const LITERAL: &str = "tok-literal";
/// `&anchor` and `*alias`.
pub const ANCHOR: &str = "tok-anchor";
/// `!tag`, `!!str`.
pub const TAG: &str = "tok-tag";
/// `---`, `...` and `%` directives.
pub const DOCUMENT: &str = "tok-document";
/// The `-` of a list item (and the `?` of an explicit key).
pub const DASH: &str = "tok-dash";
/// `|`, `>-`, `|+2`: a block scalar's header.
pub const BLOCK: &str = "tok-block";
/// `:`, `,`, `[`, `]`, `{`, `}`.
pub const PUNCT: &str = "tok-punct";

/// A run of the text (`range`, in bytes) and its CSS class.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Span {
    pub class: &'static str,
    pub range: Range<usize>,
}

impl Span {
    /// The span's text in `text` (the text it was computed from).
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.range.clone()).unwrap_or("")
    }
}

/// Colours `text`. See the module documentation for what the spans promise.
pub fn highlight(text: &str) -> Vec<Span> {
    let mut lexer = Lexer {
        text: text.as_bytes(),
        spans: Vec::new(),
        at: 0,
        line_start: 0,
        block: None,
        flow: 0,
    };
    let mut start = 0;
    while start <= text.len() {
        let end = text.as_bytes()[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(text.len(), |p| start + p);
        lexer.line(start, end);
        start = end + 1;
    }
    lexer.finish(text)
}

struct Lexer<'a> {
    text: &'a [u8],
    spans: Vec<Span>,
    /// Everything before `at` is in `spans`.
    at: usize,
    line_start: usize,
    /// Inside a block scalar: lines indented at least this much belong to it.
    block: Option<usize>,
    /// How deep inside `[` and `{` (flow collections may span lines).
    flow: usize,
}

fn is_blank(b: u8) -> bool {
    b == b' ' || b == b'\t' || b == b'\r'
}

fn is_flow_indicator(b: u8) -> bool {
    matches!(b, b',' | b'[' | b']' | b'{' | b'}')
}

impl Lexer<'_> {
    fn byte(&self, i: usize) -> Option<u8> {
        self.text.get(i).copied()
    }

    /// True when `i` is the end of the line or a blank.
    fn ends_token(&self, i: usize, end: usize) -> bool {
        i >= end || self.byte(i).is_some_and(is_blank)
    }

    fn skip_blanks(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.byte(i).is_some_and(is_blank) {
            i += 1;
        }
        i
    }

    /// Colours `start..end` (anything between the last span and `start` stays plain).
    fn mark(&mut self, class: &'static str, start: usize, end: usize) {
        let start = start.max(self.at);
        let end = end.max(start);
        if start > self.at {
            self.push(PLAIN, start);
        }
        if end > start {
            self.push(class, end);
        }
    }

    fn push(&mut self, class: &'static str, end: usize) {
        match self.spans.last_mut() {
            Some(last) if last.class == class && last.range.end == self.at => last.range.end = end,
            _ => self.spans.push(Span {
                class,
                range: self.at..end,
            }),
        }
        self.at = end;
    }

    /// Ends the spans at the text's end and moves every boundary onto a
    /// character boundary (all the tokenizer's delimiters are ASCII, so this
    /// only guards against surprises).
    fn finish(mut self, text: &str) -> Vec<Span> {
        if self.at < text.len() {
            self.push(PLAIN, text.len());
        }
        let mut out: Vec<Span> = Vec::with_capacity(self.spans.len());
        let mut start = 0;
        for span in self.spans {
            let mut end = span.range.end.min(text.len());
            while end < text.len() && !text.is_char_boundary(end) {
                end += 1;
            }
            if end <= start {
                continue;
            }
            out.push(Span {
                class: span.class,
                range: start..end,
            });
            start = end;
        }
        out
    }

    fn line(&mut self, start: usize, end: usize) {
        self.line_start = start;
        let indent = self.skip_spaces(start, end) - start;
        let first = self.byte(start);
        let marker = |s: &Self, c: u8| {
            end - start >= 3
                && (start..start + 3).all(|i| s.byte(i) == Some(c))
                && s.ends_token(start + 3, end)
        };
        let document = marker(self, b'-') || marker(self, b'.');
        if let Some(min) = self.block {
            let blank = start + indent >= end || self.skip_blanks(start, end) >= end;
            if !document && (blank || indent >= min) {
                self.mark(STRING, start + indent, end);
                return;
            }
            self.block = None;
        }
        if document {
            self.flow = 0;
            self.mark(DOCUMENT, start, start + 3);
            if first == Some(b'-') {
                // `--- |`: a document that is a block scalar takes any indentation.
                self.node(start + 3, end, 0);
            } else {
                self.trailing(start + 3, end);
            }
            return;
        }
        if first == Some(b'%') && self.flow == 0 {
            self.mark(DOCUMENT, start, end);
            return;
        }
        if self.flow > 0 {
            self.flow_part(start, end);
            return;
        }
        self.node(start, end, indent + 1);
    }

    fn skip_spaces(&self, mut i: usize, end: usize) -> usize {
        while i < end && self.byte(i) == Some(b' ') {
            i += 1;
        }
        i
    }

    /// A block node from `i`: list dashes, an explicit key or value, then a
    /// `key: value` or a lone value. `min` is the indentation a block scalar
    /// starting here needs.
    fn node(&mut self, mut i: usize, end: usize, mut min: usize) {
        loop {
            i = self.skip_blanks(i, end);
            let Some(c) = self.byte(i).filter(|_| i < end) else {
                return;
            };
            match c {
                b'#' => {
                    self.mark(COMMENT, i, end);
                    return;
                }
                b'-' | b'?' if self.ends_token(i + 1, end) => {
                    self.mark(DASH, i, i + 1);
                    min = i - self.line_start + 1;
                    i += 1;
                }
                b':' if self.ends_token(i + 1, end) => {
                    self.mark(PUNCT, i, i + 1);
                    self.value(i + 1, end, min);
                    return;
                }
                b'&' | b'!' => i = self.property(i, end),
                _ => break,
            }
        }
        if let Some((key_end, colon)) = self.find_key(i, end) {
            self.mark(KEY, i, key_end);
            self.mark(PUNCT, colon, colon + 1);
            self.value(colon + 1, end, i - self.line_start + 1);
        } else {
            self.value(i, end, min);
        }
    }

    /// An anchor, alias or tag at `i`; returns where it ends.
    fn property(&mut self, i: usize, end: usize) -> usize {
        let mut j = i + 1;
        while j < end
            && !self
                .byte(j)
                .is_some_and(|b| is_blank(b) || (self.flow > 0 && is_flow_indicator(b)))
        {
            j += 1;
        }
        let class = if self.byte(i) == Some(b'!') {
            TAG
        } else {
            ANCHOR
        };
        self.mark(class, i, j);
        j
    }

    /// Where a quoted scalar starting at `i` ends (after its closing quote),
    /// or `end` when the line ends first.
    fn quoted_end(&self, i: usize, end: usize) -> usize {
        let quote = self.byte(i);
        let mut j = i + 1;
        while j < end {
            let b = self.byte(j);
            if quote == Some(b'"') && b == Some(b'\\') {
                j += 2;
                continue;
            }
            if b == quote {
                // `''` inside single quotes is an escaped quote.
                if quote == Some(b'\'') && self.byte(j + 1) == Some(b'\'') && j + 1 < end {
                    j += 2;
                    continue;
                }
                return j + 1;
            }
            j += 1;
        }
        end
    }

    /// A block mapping key at `i`: `(end of the key, index of its colon)`.
    fn find_key(&self, i: usize, end: usize) -> Option<(usize, usize)> {
        match self.byte(i)? {
            b'"' | b'\'' => {
                let key_end = self.quoted_end(i, end).min(end);
                let colon = self.skip_blanks(key_end, end);
                (colon < end && self.byte(colon) == Some(b':') && self.ends_token(colon + 1, end))
                    .then_some((key_end, colon))
            }
            b'[' | b'{' | b'*' | b'|' | b'>' | b'#' => None,
            _ => {
                let mut j = i;
                while j < end {
                    match self.byte(j) {
                        Some(b':') if self.ends_token(j + 1, end) => {
                            let mut key_end = j;
                            while key_end > i && self.byte(key_end - 1).is_some_and(is_blank) {
                                key_end -= 1;
                            }
                            return Some((key_end, j));
                        }
                        Some(b'#') if j > i && self.byte(j - 1).is_some_and(is_blank) => {
                            return None
                        }
                        _ => j += 1,
                    }
                }
                None
            }
        }
    }

    /// A value after `key:` (or a lone node): properties, then a block scalar
    /// header, a quoted string, a flow collection or a plain scalar.
    fn value(&mut self, mut i: usize, end: usize, min: usize) {
        loop {
            i = self.skip_blanks(i, end);
            match self.byte(i).filter(|_| i < end) {
                Some(b'&' | b'*' | b'!') => i = self.property(i, end),
                _ => break,
            }
        }
        let Some(c) = self.byte(i).filter(|_| i < end) else {
            return;
        };
        match c {
            b'#' => self.mark(COMMENT, i, end),
            b'|' | b'>' => {
                let mut j = i + 1;
                while j < end
                    && self
                        .byte(j)
                        .is_some_and(|b| matches!(b, b'+' | b'-' | b'0'..=b'9'))
                {
                    j += 1;
                }
                let rest = self.skip_blanks(j, end);
                if self.ends_token(j, end) && (rest >= end || self.byte(rest) == Some(b'#')) {
                    self.mark(BLOCK, i, j);
                    self.block = Some(min);
                    self.trailing(j, end);
                } else {
                    self.plain(i, end);
                }
            }
            b'"' | b'\'' => {
                let q = self.quoted_end(i, end);
                self.mark(STRING, i, q);
                self.trailing(q, end);
            }
            b'[' | b'{' => self.flow_part(i, end),
            _ => self.plain(i, end),
        }
    }

    /// A plain scalar in block context, up to a comment or the line's end.
    fn plain(&mut self, i: usize, end: usize) {
        let mut j = i;
        while j < end
            && !(self.byte(j) == Some(b'#') && j > i && self.byte(j - 1).is_some_and(is_blank))
        {
            j += 1;
        }
        let mut scalar_end = j;
        while scalar_end > i && self.byte(scalar_end - 1).is_some_and(is_blank) {
            scalar_end -= 1;
        }
        let class = self.scalar_class(i, scalar_end);
        self.mark(class, i, scalar_end);
        self.trailing(j, end);
    }

    /// After a value: only a comment may follow.
    fn trailing(&mut self, i: usize, end: usize) {
        let i = self.skip_blanks(i, end);
        if i < end && self.byte(i) == Some(b'#') {
            self.mark(COMMENT, i, end);
        }
    }

    /// Inside `[...]` / `{...}`, possibly over several lines.
    fn flow_part(&mut self, mut i: usize, end: usize) {
        while i < end {
            let Some(c) = self.byte(i) else { return };
            match c {
                b' ' | b'\t' | b'\r' => i += 1,
                b'#' if i == self.line_start || self.byte(i - 1).is_some_and(is_blank) => {
                    self.mark(COMMENT, i, end);
                    return;
                }
                b'[' | b'{' => {
                    self.flow += 1;
                    self.mark(PUNCT, i, i + 1);
                    i += 1;
                }
                b']' | b'}' => {
                    self.flow = self.flow.saturating_sub(1);
                    self.mark(PUNCT, i, i + 1);
                    i += 1;
                }
                b',' => {
                    self.mark(PUNCT, i, i + 1);
                    i += 1;
                }
                b':' if self.flow_token_end(i + 1, end) => {
                    self.mark(PUNCT, i, i + 1);
                    i += 1;
                }
                b'&' | b'*' | b'!' => i = self.property(i, end).max(i + 1),
                b'"' | b'\'' => {
                    let q = self.quoted_end(i, end);
                    let next = self.skip_blanks(q, end);
                    let class = if q < end && self.byte(next) == Some(b':') {
                        KEY
                    } else {
                        STRING
                    };
                    self.mark(class, i, q);
                    i = q.max(i + 1);
                }
                _ => {
                    let mut j = i + 1;
                    while j < end {
                        match self.byte(j) {
                            Some(b) if is_flow_indicator(b) => break,
                            Some(b':') if self.flow_token_end(j + 1, end) => break,
                            Some(b'#') if self.byte(j - 1).is_some_and(is_blank) => break,
                            _ => j += 1,
                        }
                    }
                    let mut scalar_end = j;
                    while scalar_end > i && self.byte(scalar_end - 1).is_some_and(is_blank) {
                        scalar_end -= 1;
                    }
                    let class = if self.byte(j) == Some(b':') && j < end {
                        KEY
                    } else {
                        self.scalar_class(i, scalar_end)
                    };
                    self.mark(class, i, scalar_end);
                    i = j;
                }
            }
        }
    }

    /// True when `i` ends a token inside a flow collection.
    fn flow_token_end(&self, i: usize, end: usize) -> bool {
        i >= end
            || self
                .byte(i)
                .is_some_and(|b| is_blank(b) || is_flow_indicator(b))
    }

    /// The class of the plain scalar `start..end`: number, literal or plain.
    fn scalar_class(&self, start: usize, end: usize) -> &'static str {
        let word = self.text.get(start..end).unwrap_or_default();
        if is_literal(word) {
            LITERAL
        } else if is_number(word) {
            NUMBER
        } else {
            PLAIN
        }
    }
}

/// The YAML 1.2 core schema's booleans and null.
fn is_literal(word: &[u8]) -> bool {
    matches!(
        word,
        b"true"
            | b"True"
            | b"TRUE"
            | b"false"
            | b"False"
            | b"FALSE"
            | b"null"
            | b"Null"
            | b"NULL"
            | b"~"
    )
}

/// The YAML 1.2 core schema's integers and floats.
fn is_number(word: &[u8]) -> bool {
    let digits =
        |s: &[u8], radix: u32| !s.is_empty() && s.iter().all(|&b| char::from(b).is_digit(radix));
    if let Some(rest) = word.strip_prefix(b"0x") {
        return digits(rest, 16);
    }
    if let Some(rest) = word.strip_prefix(b"0o") {
        return digits(rest, 8);
    }
    let unsigned = match word.first() {
        Some(b'+' | b'-') => &word[1..],
        _ => word,
    };
    if matches!(unsigned, b".inf" | b".Inf" | b".INF")
        || matches!(word, b".nan" | b".NaN" | b".NAN")
    {
        return true;
    }
    // [0-9]* ( . [0-9]* )? ( [eE] [-+]? [0-9]+ )?, with at least one digit before the exponent.
    let (mantissa, exponent) = match unsigned.iter().position(|&b| b == b'e' || b == b'E') {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.iter().position(|&b| b == b'.') {
        Some(at) => (&mantissa[..at], Some(&mantissa[at + 1..])),
        None => (mantissa, None),
    };
    let mantissa_ok = (digits(whole, 10) || whole.is_empty())
        && fraction.is_none_or(|f| f.is_empty() || digits(f, 10))
        && (digits(whole, 10) || fraction.is_some_and(|f| digits(f, 10)));
    let exponent_ok = exponent.is_none_or(|e| {
        let e = match e.first() {
            Some(b'+' | b'-') => &e[1..],
            _ => e,
        };
        digits(e, 10)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `(class, text)` of the coloured spans only.
    fn coloured(text: &str) -> Vec<(&'static str, &str)> {
        highlight(text)
            .iter()
            .filter(|s| s.class != PLAIN)
            .map(|s| (s.class, s.text(text)))
            .collect()
    }

    /// The spans tile the text: in order, no gap, no overlap, on char boundaries.
    fn assert_tiles(text: &str) {
        let spans = highlight(text);
        let mut at = 0;
        for span in &spans {
            assert_eq!(span.range.start, at, "{text:?}: {spans:?}");
            assert!(span.range.end > span.range.start, "{text:?}: {spans:?}");
            assert!(text.is_char_boundary(span.range.end), "{text:?}: {spans:?}");
            if span.class != PLAIN {
                assert!(!span.text(text).contains('\n'), "{text:?}: {spans:?}");
            }
            at = span.range.end;
        }
        assert_eq!(at, text.len(), "{text:?}: {spans:?}");
        assert_eq!(spans.iter().map(|s| s.text(text)).collect::<String>(), text);
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn keys_values_and_comments() {
        let text = "# a comment\nkind: DaemonSet # trailing\nmetadata:\n  name: \"fluentd\"\n  port: '8080'\n";
        assert_eq!(
            coloured(text),
            [
                (COMMENT, "# a comment"),
                (KEY, "kind"),
                (PUNCT, ":"),
                (COMMENT, "# trailing"),
                (KEY, "metadata"),
                (PUNCT, ":"),
                (KEY, "name"),
                (PUNCT, ":"),
                (STRING, "\"fluentd\""),
                (KEY, "port"),
                (PUNCT, ":"),
                (STRING, "'8080'"),
            ]
        );
        assert_tiles(text);
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn numbers_literals_and_plain_values() {
        let text = "a: 1\nb: -2.5e3\nc: 0x1F\nd: true\ne: null\nf: ~\ng: 100m\nh: 64Mi\ni: .inf\nj: yes\nk: 1.2.3\n";
        assert_eq!(
            coloured(text)
                .into_iter()
                .filter(|(c, _)| *c != KEY && *c != PUNCT)
                .collect::<Vec<_>>(),
            [
                (NUMBER, "1"),
                (NUMBER, "-2.5e3"),
                (NUMBER, "0x1F"),
                (LITERAL, "true"),
                (LITERAL, "null"),
                (LITERAL, "~"),
                (NUMBER, ".inf")
            ]
        );
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn lists_documents_anchors_and_tags() {
        let text = "---\n- name: a\n  image: quay.io/x:v1\n- &base {cpu: 1, m: \"2\"}\n- *base\n- !!str 5\n...\n%YAML 1.2\n";
        assert_eq!(
            coloured(text),
            [
                (DOCUMENT, "---"),
                (DASH, "-"),
                (KEY, "name"),
                (PUNCT, ":"),
                (KEY, "image"),
                (PUNCT, ":"),
                (DASH, "-"),
                (ANCHOR, "&base"),
                (PUNCT, "{"),
                (KEY, "cpu"),
                (PUNCT, ":"),
                (NUMBER, "1"),
                (PUNCT, ","),
                (KEY, "m"),
                (PUNCT, ":"),
                (STRING, "\"2\""),
                (PUNCT, "}"),
                (DASH, "-"),
                (ANCHOR, "*base"),
                (DASH, "-"),
                (TAG, "!!str"),
                (NUMBER, "5"),
                (DOCUMENT, "..."),
                (DOCUMENT, "%YAML 1.2"),
            ]
        );
        assert_tiles(text);
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn block_scalars_run_while_indented() {
        let text =
            "args:\n- |\n  echo: 1 # not a comment\n\n  done\n- key: >-\n    folded\n  other: 2\n";
        assert_eq!(
            coloured(text),
            [
                (KEY, "args"),
                (PUNCT, ":"),
                (DASH, "-"),
                (BLOCK, "|"),
                (STRING, "echo: 1 # not a comment"),
                (STRING, "done"),
                (DASH, "-"),
                (KEY, "key"),
                (PUNCT, ":"),
                (BLOCK, ">-"),
                (STRING, "folded"),
                (KEY, "other"),
                (PUNCT, ":"),
                (NUMBER, "2"),
            ]
        );
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn flow_collections_span_lines() {
        let text = "command: [\"sh\",\n  \"-c\", x] # c\nnext: 1\n";
        assert_eq!(
            coloured(text),
            [
                (KEY, "command"),
                (PUNCT, ":"),
                (PUNCT, "["),
                (STRING, "\"sh\""),
                (PUNCT, ","),
                (STRING, "\"-c\""),
                (PUNCT, ","),
                (PUNCT, "]"),
                (COMMENT, "# c"),
                (KEY, "next"),
                (PUNCT, ":"),
                (NUMBER, "1"),
            ]
        );
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn broken_and_odd_input_still_tiles() {
        for text in [
            "",
            "\n",
            "a",
            ":",
            "- ",
            "-",
            "key: \"unterminated\nnext: 'also",
            "a: 'it''s'\nb: \"esc \\\" q\" # c",
            "bad: [\n  unclosed: {\n",
            "]]]}}}: ,,,",
            "é: ü # ß\n  - 日本: \"語\"\n😀: &😀 *😀 !😀",
            "a:\tb\r\nc: d\r\n",
            "\"\\",
            "'",
            "x: |",
            "x: |9+ junk",
            "--- |\nbody\n...\n",
            "#\n#x\n \t# y",
            "? complex\n: value\n",
        ] {
            assert_tiles(text);
        }
    }

    /// Pseudo-random texts from YAML's special characters: no panic, exact tiling.
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn random_input_never_breaks_it() {
        let pieces = [
            "a", "key", ":", ": ", " ", "  ", "\n", "\t", "-", "- ", "#", " #", "\"", "'", "\\",
            "|", ">", "[", "]", "{", "}", ",", "&", "*", "!", "%", "---", "...", "1", "0x", "é",
            "日", "😀", "\r", "?",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..1500 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            assert_tiles(&text);
        }
    }

    /// Long lines and many lines stay linear (this would take minutes if quadratic).
    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn large_input_is_linear() {
        for text in [
            "a".repeat(200_000),
            ":a".repeat(100_000),
            "[".repeat(100_000),
            "\"".repeat(100_000),
            "- ".repeat(100_000),
            "key: value # c\n".repeat(20_000),
            "x: |\n".to_string() + &"  line\n".repeat(30_000),
        ] {
            let spans = highlight(&text);
            assert_eq!(
                spans.iter().map(|s| s.range.len()).sum::<usize>(),
                text.len()
            );
        }
    }
}
