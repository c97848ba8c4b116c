//! How the page is shown, from its address: on its own, or embedded in a
//! tutorial (`?embed=1&preset=node-added&view=diagram&readonly=1&theme=dark&autoplay=1`).

use crate::location::query_param;

/// Which parts of the playground are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Everything: editor, cluster, flow, kubectl views.
    Split,
    /// The animated flow and the status line only.
    Diagram,
    /// The editor beside the cluster, without the flow.
    Editor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's system (prefers-color-scheme).
    System,
    Light,
    Dark,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageOptions {
    /// No page chrome; the page fits its frame; nothing is saved.
    pub embed: bool,
    pub view: View,
    /// Nothing can be edited; the flow can still be played.
    pub readonly: bool,
    pub theme: Theme,
    /// Play the opening flow at once.
    pub autoplay: bool,
}

impl Default for PageOptions {
    fn default() -> Self {
        PageOptions { embed: false, view: View::Split, readonly: false, theme: Theme::System, autoplay: false }
    }
}

fn flag(value: Option<String>) -> bool {
    value.is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes" | ""))
}

impl PageOptions {
    /// Parses the query parameters; unknown values fall back to the defaults.
    pub fn parse(param: impl Fn(&str) -> Option<String>) -> PageOptions {
        PageOptions {
            embed: flag(param("embed")),
            view: match param("view").as_deref() {
                Some("diagram") => View::Diagram,
                Some("editor") => View::Editor,
                _ => View::Split,
            },
            readonly: flag(param("readonly")),
            theme: match param("theme").as_deref() {
                Some("light") => Theme::Light,
                Some("dark") => Theme::Dark,
                _ => Theme::System,
            },
            autoplay: flag(param("autoplay")),
        }
    }

    pub fn from_address() -> PageOptions {
        PageOptions::parse(query_param)
    }

    pub fn shows_editor(&self) -> bool {
        self.view != View::Diagram
    }

    pub fn shows_flow(&self) -> bool {
        self.view != View::Editor
    }

    /// The `data-theme` of the document element ("" follows the system).
    pub fn theme_attribute(&self) -> &'static str {
        match self.theme {
            Theme::System => "",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &[(&str, &str)]) -> PageOptions {
        PageOptions::parse(|name| query.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string()))
    }

    #[test]
    fn defaults_and_embed_parameters() {
        assert_eq!(parse(&[]), PageOptions::default());
        let options = parse(&[("embed", "1"), ("view", "diagram"), ("readonly", "1"), ("theme", "dark"), ("autoplay", "1")]);
        assert!(options.embed && options.readonly && options.autoplay);
        assert_eq!(options.view, View::Diagram);
        assert!(!options.shows_editor() && options.shows_flow());
        assert_eq!(options.theme_attribute(), "dark");
        assert_eq!(parse(&[("view", "nonsense"), ("embed", "0")]), PageOptions::default());
    }
}
