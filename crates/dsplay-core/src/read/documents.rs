//! Splitting a multi-document YAML stream into documents that remember where they
//! start, so that every message can name a line of the user's file.

/// One YAML document of a file: its text and the 1-based line it starts on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<'a> {
    pub text: &'a str,
    pub first_line: u32,
}

/// Splits at `---` lines (a document start marker, optionally followed by
/// content or a comment) and drops `...` end markers. serde_yaml's own
/// multi-document reader does not say where a document starts; this does.
pub fn split_documents(text: &str) -> Vec<Document<'_>> {
    let mut documents = Vec::new();
    let mut start = 0usize;
    let mut start_line = 1u32;
    let mut offset = 0usize;
    for (line_no, line) in (1u32..).zip(text.split_inclusive('\n')) {
        let bare = line.trim_end_matches(['\n', '\r']);
        let is_start = is_marker(bare, "---");
        let is_end = is_marker(bare, "...");
        if (is_start || is_end) && offset > start {
            documents.push(Document { text: &text[start..offset], first_line: start_line });
        }
        if is_start || is_end {
            // A start marker's line belongs to the next document (it may carry content);
            // an end marker's line belongs to no document.
            start = if is_end { offset + line.len() } else { offset };
            start_line = if is_end { line_no + 1 } else { line_no };
        }
        offset += line.len();
    }
    if offset > start {
        documents.push(Document { text: &text[start..offset], first_line: start_line });
    }
    documents
}

fn is_marker(line: &str, marker: &str) -> bool {
    line.strip_prefix(marker)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_markers_and_keeps_line_numbers() {
        let text = "# head\na: 1\n---\nb: 2\n--- # c\nc: 3\n...\n";
        let docs = split_documents(text);
        assert_eq!(docs.len(), 3);
        assert_eq!(docs[0], Document { text: "# head\na: 1\n", first_line: 1 });
        assert_eq!(docs[1], Document { text: "---\nb: 2\n", first_line: 3 });
        assert_eq!(docs[2], Document { text: "--- # c\nc: 3\n", first_line: 5 });
    }

    #[test]
    fn a_marker_inside_a_value_is_not_a_marker() {
        let docs = split_documents("a: '---'\n----\nb: ---x\n");
        assert_eq!(docs.len(), 1);
    }

    #[test]
    fn no_trailing_newline_and_empty_input() {
        assert_eq!(split_documents("a: 1").len(), 1);
        assert!(split_documents("").is_empty());
    }
}
