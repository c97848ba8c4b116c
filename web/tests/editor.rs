//! The DaemonSet editor, rendered by Yew in headless Chromium:
//! `cargo test --target wasm32-unknown-unknown -p dsplay-web --test editor`.
//!
//! A small harness holds the app state (`use_reducer`) and renders the editor
//! beside what the reducer saw, so the tests watch both sides.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::time::Duration;

use dsplay_web::components::editor::{Editor, APPLY_DELAY};
use dsplay_web::components::yaml_highlight::{highlight, KEY, NUMBER, STRING};
use dsplay_web::state::{Action, Inputs, State};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    Element, Event, EventInit, HtmlElement, HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent,
    KeyboardEventInit,
};
use yew::prelude::*;

mod common;
use common::*;

wasm_bindgen_test_configure!(run_in_browser);

const DAEMON_SET: &str = "\
apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
      containers:
      - name: agent
        image: busybox:1.36
";

/// A YAML syntax error: `mapping values are not allowed in this context` at 4:10.
const BROKEN: &str = "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: a: b\nspec: {}\n";

thread_local! {
    /// The harness's dispatcher, to change the state from outside the editor.
    static DISPATCH: RefCell<Option<UseReducerDispatcher<State>>> = const { RefCell::new(None) };
}

#[derive(Properties, PartialEq)]
struct HarnessProps {
    yaml: AttrValue,
}

#[function_component(Harness)]
fn harness(props: &HarnessProps) -> Html {
    let state = use_reducer(|| {
        State::new(Inputs {
            yaml: props.yaml.to_string(),
            ..Inputs::default()
        })
    });
    DISPATCH.with(|d| *d.borrow_mut() = Some(state.dispatcher()));
    html! {
        <>
            <Editor state={state.clone()} />
            <pre data-testid="reduced">{ state.inputs.yaml.clone() }</pre>
            <span data-testid="selected">{ state.daemon_set_name().unwrap_or_default().to_string() }</span>
        </>
    }
}

async fn render(yaml: &str) -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            yaml: yaml.to_string().into(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    root
}

fn area(root: &Element) -> HtmlTextAreaElement {
    one(root, "[data-testid=yaml-editor]").dyn_into().unwrap()
}

/// What the reducer holds as the editor text.
fn reduced(root: &Element) -> String {
    text(root, "[data-testid=reduced]")
}

/// Types `value` into the editor as one input event (the debounce starts).
async fn type_text(root: &Element, value: &str) {
    let area = area(root);
    area.set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    area.dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
}

/// Presses `key` in the editor; returns false when the editor took it (preventDefault).
async fn press(root: &Element, key: &str, ctrl: bool, shift: bool) -> bool {
    let area = area(root);
    area.focus().unwrap();
    let init = KeyboardEventInit::new();
    init.set_key(key);
    init.set_ctrl_key(ctrl);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event = KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    let not_taken = area.dispatch_event(&event).unwrap();
    yew::scheduler::flush().await;
    not_taken
}

async fn sleep(duration: Duration) {
    yew::platform::time::sleep(duration).await;
    yew::scheduler::flush().await;
}

fn caret(root: &Element) -> (u32, u32) {
    let area = area(root);
    (
        area.selection_start().unwrap().unwrap(),
        area.selection_end().unwrap().unwrap(),
    )
}

#[wasm_bindgen_test]
async fn the_textarea_has_its_name_and_hooks() {
    let root = render(DAEMON_SET).await;
    let area = area(&root);
    assert_eq!(area.value(), DAEMON_SET);
    assert_eq!(area.get_attribute("spellcheck").as_deref(), Some("false"));
    let id = area.id();
    assert_eq!(text(&root, &format!("label[for={id}]")), "DaemonSet YAML");
    // The page's help says how to leave the editor.
    let help_id = area.get_attribute("aria-describedby").unwrap();
    let help = text(&root, &format!("#{help_id}"));
    assert!(help.contains("Esc then Tab leaves the editor"), "{help}");
    assert!(help.contains("Ctrl+Enter"), "{help}");
}

#[wasm_bindgen_test]
async fn the_text_is_coloured_and_numbered() {
    let root = render(DAEMON_SET).await;
    let pre = one(&root, ".editor-highlight");
    // The coloured copy holds exactly the text, so the overlay lines up.
    assert_eq!(pre.text_content().unwrap(), DAEMON_SET);
    let keys: Vec<String> = all(&pre, ".tok-key")
        .iter()
        .map(|k| k.text_content().unwrap())
        .collect();
    assert_eq!(keys[..4], ["apiVersion", "kind", "metadata", "name"]);
    assert!(keys.contains(&"containers".to_string()), "{keys:?}");
    assert_eq!(all(&pre, ".tok-dash").len(), 1);
    // One number per line of the textarea (the text ends with a line break: an empty last line).
    let lines = all(&root, ".editor-gutter .gutter-line");
    assert_eq!(lines.len(), DAEMON_SET.split('\n').count());
    assert_eq!(lines.last().unwrap().text_content().unwrap(), "17");

    // Typing re-colours at once (before the text is applied).
    type_text(&root, "port: 8080\nname: \"8080\"\n").await;
    let pre = one(&root, ".editor-highlight");
    assert_eq!(text(&pre, ".tok-number"), "8080");
    assert_eq!(text(&pre, ".tok-string"), "\"8080\"");
    assert_eq!(all(&root, ".gutter-line").len(), 3);
}

#[wasm_bindgen_test]
fn the_tokenizer_tiles_the_text() {
    let text = "a: 1 # c\nb: 'x'\n";
    let spans = highlight(text);
    assert_eq!(spans.iter().map(|s| s.text(text)).collect::<String>(), text);
    let classes: Vec<&str> = spans
        .iter()
        .map(|s| s.class)
        .filter(|c| !c.is_empty())
        .collect();
    assert!(
        classes.contains(&KEY) && classes.contains(&NUMBER) && classes.contains(&STRING),
        "{classes:?}"
    );
}

#[wasm_bindgen_test]
async fn a_syntax_error_is_marked_at_its_line_and_listed() {
    let root = render(DAEMON_SET).await;
    assert!(all(&root, ".marker.error").is_empty());
    type_text(&root, BROKEN).await;
    press(&root, "Enter", true, false).await;

    let markers = all(&root, ".editor-gutter .marker.error");
    assert_eq!(markers.len(), 1);
    let line = markers[0].parent_element().unwrap();
    assert_eq!(line.get_attribute("data-line").as_deref(), Some("4"));
    let title = markers[0].get_attribute("title").unwrap();
    assert!(title.contains("mapping values are not allowed"), "{title}");
    assert_eq!(all(&root, ".line-tint.error").len(), 1);

    let list = text(&root, "[data-testid=diagnostics]");
    assert!(
        list.contains("daemonset.yaml:4:10: mapping values are not allowed in this context"),
        "{list}"
    );
    // The last good DaemonSet stays on screen, and the page says so.
    assert!(text(&root, "[data-testid=stale]").contains("last DaemonSet that read cleanly"));
    assert_eq!(text(&root, "[data-testid=selected]"), "agent");
    assert_eq!(
        area(&root).get_attribute("aria-invalid").as_deref(),
        Some("true")
    );

    // Activating the diagnostic puts the caret at line 4, column 10.
    let jump: HtmlElement = one(&root, "[data-testid=diagnostics] button")
        .dyn_into()
        .unwrap();
    jump.click();
    yew::scheduler::flush().await;
    let offset = BROKEN
        .split('\n')
        .take(3)
        .map(|l| l.len() as u32 + 1)
        .sum::<u32>()
        + 9;
    assert_eq!(caret(&root), (offset, offset));
    let document = web_sys::window().unwrap().document().unwrap();
    assert_eq!(
        document.active_element().map(|e| e.id()),
        Some(area(&root).id())
    );
}

#[wasm_bindgen_test]
async fn an_unknown_field_is_a_warning_at_its_line() {
    let root = render(DAEMON_SET).await;
    let text_with_replicas =
        DAEMON_SET.replace("spec:\n  selector:", "spec:\n  replicas: 3\n  selector:");
    type_text(&root, &text_with_replicas).await;
    press(&root, "Enter", true, false).await;
    // (The DaemonSet has no resource requests: a lint warns at its container too.)
    let marker = one(&root, ".editor-gutter [data-line='6'] .marker");
    assert_eq!(marker.class_name(), "marker warning");
    assert!(marker
        .get_attribute("title")
        .unwrap()
        .contains("unknown field \"spec.replicas\""));
    assert!(root
        .query_selector(".editor-gutter .marker.error")
        .unwrap()
        .is_none());
    assert!(text(&root, "[data-testid=diagnostics]")
        .contains("daemonset.yaml:6:3: unknown field \"spec.replicas\""));
    assert!(root
        .query_selector("[data-testid=stale]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn typing_applies_after_a_pause() {
    let root = render(DAEMON_SET).await;
    let edited = DAEMON_SET.replace("name: agent\nspec", "name: agent-2\nspec");
    type_text(&root, &edited).await;
    // Keystrokes do not reach the reducer...
    assert_eq!(reduced(&root), DAEMON_SET);
    sleep(APPLY_DELAY / 2).await;
    assert_eq!(reduced(&root), DAEMON_SET);
    // ...until typing pauses.
    sleep(APPLY_DELAY * 2).await;
    assert_eq!(reduced(&root), edited);
    assert_eq!(text(&root, "[data-testid=selected]"), "agent-2");
}

#[wasm_bindgen_test]
async fn every_keystroke_restarts_the_pause() {
    let root = render(DAEMON_SET).await;
    type_text(&root, &DAEMON_SET.replace("agent\nspec", "b\nspec")).await;
    sleep(APPLY_DELAY * 2 / 3).await;
    let last = DAEMON_SET.replace("agent\nspec", "bc\nspec");
    type_text(&root, &last).await;
    sleep(APPLY_DELAY * 2 / 3).await;
    assert_eq!(reduced(&root), DAEMON_SET, "applied before the pause");
    sleep(APPLY_DELAY).await;
    assert_eq!(reduced(&root), last);
}

#[wasm_bindgen_test]
async fn ctrl_enter_applies_at_once() {
    let root = render(DAEMON_SET).await;
    let edited = DAEMON_SET.replace("busybox:1.36", "busybox:1.37");
    type_text(&root, &edited).await;
    assert_eq!(reduced(&root), DAEMON_SET);
    assert!(
        !press(&root, "Enter", true, false).await,
        "Ctrl+Enter inserts no line break"
    );
    assert_eq!(reduced(&root), edited);
    assert_eq!(area(&root).value(), edited);
    // Nothing pending applies an older text later.
    sleep(APPLY_DELAY * 2).await;
    assert_eq!(reduced(&root), edited);
}

#[wasm_bindgen_test]
async fn tab_indents_and_esc_then_tab_leaves() {
    let root = render("a:\nb: 1\n").await;
    let area = area(&root);
    area.focus().unwrap();
    area.set_selection_range(3, 3).unwrap();
    assert!(
        !press(&root, "Tab", false, false).await,
        "Tab is the editor's"
    );
    assert_eq!(area.value(), "a:\n  b: 1\n");
    assert_eq!(caret(&root), (5, 5));
    // The highlighted copy follows the edit.
    assert_eq!(
        one(&root, ".editor-highlight").text_content().unwrap(),
        "a:\n  b: 1\n"
    );

    assert!(
        !press(&root, "Tab", false, true).await,
        "Shift+Tab outdents"
    );
    assert_eq!(area.value(), "a:\nb: 1\n");

    // Esc, then Tab: not captured, nothing inserted (the browser moves focus on).
    assert!(press(&root, "Escape", false, false).await);
    assert!(
        press(&root, "Tab", false, false).await,
        "the Tab after Esc is not taken"
    );
    assert_eq!(area.value(), "a:\nb: 1\n");
    // Esc then Shift (held) then Shift+Tab leaves backwards, too.
    press(&root, "Escape", false, false).await;
    press(&root, "Shift", false, true).await;
    assert!(press(&root, "Tab", false, true).await);
    // Only the next Tab: after that, Tab indents again.
    area.set_selection_range(0, 0).unwrap();
    assert!(!press(&root, "Tab", false, false).await);
    assert_eq!(area.value(), "  a:\nb: 1\n");
}

#[wasm_bindgen_test]
async fn enter_keeps_the_indentation() {
    let root = render("spec:\n  template:").await;
    let area = area(&root);
    area.focus().unwrap();
    let end = area.value().len() as u32;
    area.set_selection_range(end, end).unwrap();
    assert!(!press(&root, "Enter", false, false).await);
    assert_eq!(area.value(), "spec:\n  template:\n  ");
    assert_eq!(caret(&root), (end + 3, end + 3));
    assert_eq!(all(&root, ".gutter-line").len(), 3);
}

#[wasm_bindgen_test]
async fn a_text_set_elsewhere_replaces_the_editor_text() {
    let root = render(DAEMON_SET).await;
    type_text(&root, "kind: DaemonSet\n").await;
    DISPATCH.with(|d| {
        d.borrow()
            .as_ref()
            .unwrap()
            .dispatch(Action::LoadPreset("gpu".into()))
    });
    yew::scheduler::flush().await;
    let preset = dsplay_core::presets::preset("gpu").unwrap().daemon_set;
    assert_eq!(area(&root).value(), preset);
    assert_eq!(
        one(&root, ".editor-highlight").text_content().unwrap(),
        preset
    );
    // The pending keystrokes were dropped, not applied over the preset.
    sleep(APPLY_DELAY * 2).await;
    assert_eq!(reduced(&root), preset);
    assert_eq!(area(&root).value(), preset);
}

#[wasm_bindgen_test]
async fn several_daemonsets_get_a_picker() {
    let root = render(DAEMON_SET).await;
    assert!(root
        .query_selector("[data-testid=daemonset-picker]")
        .unwrap()
        .is_none());
    let two = format!(
        "{DAEMON_SET}---\n{}",
        DAEMON_SET.replace("name: agent\nspec", "name: other\nspec")
    );
    type_text(&root, &two).await;
    press(&root, "Enter", true, false).await;

    let select: HtmlSelectElement = one(&root, "[data-testid=daemonset-picker]")
        .dyn_into()
        .unwrap();
    assert_eq!(
        text(&root, &format!("label[for={}]", select.id())),
        "DaemonSet to simulate"
    );
    let options: Vec<String> = all(&root, "[data-testid=daemonset-picker] option")
        .iter()
        .map(|o| o.text_content().unwrap())
        .collect();
    assert_eq!(options, ["default/agent", "default/other"]);
    assert_eq!(select.value(), "default/agent");
    assert_eq!(text(&root, "[data-testid=selected]"), "agent");

    select.set_value("default/other");
    let init = EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    assert_eq!(text(&root, "[data-testid=selected]"), "other");
    assert_eq!(select.value(), "default/other");
}
