//! The DaemonSet editor: a textarea with line numbers and YAML colouring, the
//! reader's errors and warnings at their lines, and the picker when the text
//! holds several DaemonSets.
//!
//! The colouring is a `<pre>` under a textarea whose text is transparent: both
//! use the same font metrics and sit in one scrolling box (with the gutter),
//! so they line up without syncing scroll positions. The text being typed
//! lives here; the reducer sees it after a pause in typing (or at once with
//! Ctrl/Cmd+Enter), so keystrokes never re-plan the cluster.
//!
//! Keyboard, as CodeMirror does it: Tab indents, Shift+Tab outdents, Enter
//! keeps the line's indentation; Esc then Tab leaves the editor (the next Tab
//! after Esc is not captured), so the editor never traps keyboard users.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use dsplay_core::read::MAX_SOURCE_BYTES;
use dsplay_core::{Diagnostic, Severity};
use wasm_bindgen::JsCast;
use web_sys::{
    Element, Event, EventInit, HtmlDocument, HtmlSelectElement, HtmlTextAreaElement,
    ScrollIntoViewOptions,
};
use yew::prelude::*;

use crate::components::yaml_highlight::{highlight, PLAIN};
use crate::hooks::debouncer::{use_debouncer, Debouncer};
use crate::state::{Action, State};
use crate::class_list::class_list;

/// How long typing must pause before the text is applied.
pub const APPLY_DELAY: Duration = Duration::from_millis(300);

/// What Tab inserts and Shift+Tab removes.
const INDENT: &str = "  ";

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub state: UseReducerHandle<State>,
}

/// Applies the editor's text to the reducer: later (after a pause) or now.
#[derive(Clone)]
struct Applier {
    dispatcher: UseReducerDispatcher<State>,
    /// The last text this editor applied, or received from the state: when
    /// `inputs.yaml` differs from it, the text was changed elsewhere.
    applied: Rc<RefCell<String>>,
    pending: Debouncer,
}

impl Applier {
    fn cancel(&self) {
        self.pending.cancel();
    }

    fn now(&self, text: String) {
        self.cancel();
        *self.applied.borrow_mut() = text.clone();
        crate::perf::mark("dsplay:edit");
        self.dispatcher.dispatch(Action::Apply(text));
    }

    fn later(&self, text: String) {
        let this = self.clone();
        self.pending.after(APPLY_DELAY, move || this.now(text));
    }

    /// Like `later`, reading the textarea's text only when the pause is over:
    /// for a text over the reader's limit, copying it out at every keystroke
    /// was most of the time a keystroke took.
    fn later_from(&self, area: HtmlTextAreaElement) {
        let this = self.clone();
        self.pending.after(APPLY_DELAY, move || this.now(area.value()));
    }
}

/// The DaemonSet YAML editor and what reading it said.
#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let state = &props.state;
    let text = use_state(|| state.inputs.yaml.clone());
    let applied = use_mut_ref(|| state.inputs.yaml.clone());
    let pending = use_debouncer();
    let escaped = use_memo((), |_| Rc::new(Cell::new(false)));
    let area_ref = use_node_ref();
    let gutter_ref = use_node_ref();
    let picker_ref = use_node_ref();
    let applier = Applier {
        dispatcher: state.dispatcher(),
        applied,
        pending,
    };

    // A preset, a share link or saved work replaced the text: show it.
    {
        let text = text.clone();
        let applier = applier.clone();
        use_effect_with(state.inputs.yaml.clone(), move |yaml| {
            if *yaml != *applier.applied.borrow() {
                applier.cancel();
                *applier.applied.borrow_mut() = yaml.clone();
                text.set(yaml.clone());
            }
        });
    }

    let oninput = {
        let text = text.clone();
        let applier = applier.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            // Over the reader's limit (and already shown as such) the textarea
            // alone holds the text until the pause: neither copied out nor set
            // back into it at each keystroke. `text_length` counts UTF-16 units,
            // never more than the UTF-8 bytes.
            if text.len() > MAX_SOURCE_BYTES && area.text_length() as usize > MAX_SOURCE_BYTES {
                applier.later_from(area);
                return;
            }
            let value = area.value();
            text.set(value.clone());
            applier.later(value);
        })
    };
    let onkeydown = {
        let applier = applier.clone();
        let escaped = (*escaped).clone();
        Callback::from(move |e: KeyboardEvent| on_key(&e, &applier, &escaped))
    };
    let onfocus = {
        let escaped = (*escaped).clone();
        Callback::from(move |_: FocusEvent| escaped.set(false))
    };

    let shown: &str = &text;
    // Text over the reader's limit is refused anyway. It is shown as a plain
    // textarea, without line numbers, colouring or marks: redrawing those for
    // a pasted 10 MB made each keystroke wait a second.
    let oversize = shown.len() > MAX_SOURCE_BYTES;
    let line_count = if oversize { 0 } else { shown.split('\n').count() };
    let marks = line_marks(&state.diagnostics, line_count);
    let spans = if oversize { Vec::new() } else { highlight(shown) };

    let gutter = (1..=line_count).map(|line| {
        let mark = marks.binary_search_by_key(&(line - 1), |(index, _, _)| *index).ok().and_then(|i| marks.get(i));
        html! {
            <div class="gutter-line" data-line={line.to_string()}>
                if let Some((_, severity, title)) = mark {
                    <span class={class_list(&[Some("marker"), Some(severity_class(*severity))])} title={title.clone()} />
                }
                { line }
            </div>
        }
    });
    let tints = marks.iter().map(|(index, severity, _)| {
        html! {
            <div class={class_list(&[Some("line-tint"), Some(severity_class(*severity))])} style={format!("--line:{index}")} />
        }
    });
    let tokens = spans.iter().map(|span| {
        let part = span.text(shown).to_string();
        if span.class == PLAIN {
            html! { { part } }
        } else {
            html! { <span class={span.class}>{ part }</span> }
        }
    });

    let diagnostics = state.diagnostics.iter().map(|d| {
        let severity = severity_class(d.severity);
        let body = html! {
            <>
                <span class="diag-severity">{ severity }</span>
                { " " }
                <span class="diag-text">{ d.located() }</span>
            </>
        };
        if d.line == 0 {
            return html! { <li class={class_list(&[Some("diagnostic"), Some(severity)])}><span class="diag-row">{ body }</span></li> };
        }
        let onclick = {
            let area_ref = area_ref.clone();
            let gutter_ref = gutter_ref.clone();
            let (line, column) = (d.line, d.column);
            Callback::from(move |_: MouseEvent| jump_to(&area_ref, &gutter_ref, line, column))
        };
        html! {
            <li class={class_list(&[Some("diagnostic"), Some(severity)])}>
                <button type="button" class="diag-row diag-jump" {onclick}
                    title={format!("Go to line {}", d.line)}>{ body }</button>
            </li>
        }
    });
    let count = |severity: Severity| {
        state
            .diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    };
    let summary = summary(
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    );

    let choices = &state.daemon_set_choices;
    let current = state
        .inputs
        .selected
        .clone()
        .filter(|s| choices.contains(s))
        .or_else(|| choices.first().cloned())
        .unwrap_or_default();
    {
        // Keep the <select> on the current DaemonSet when it changes from elsewhere.
        let picker_ref = picker_ref.clone();
        use_effect_with(current.clone(), move |current| {
            if let Some(select) = picker_ref.cast::<HtmlSelectElement>() {
                select.set_value(current);
            }
        });
    }
    let onpick = {
        let dispatcher = state.dispatcher();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            dispatcher.dispatch(Action::SelectDaemonSet(select.value()));
        })
    };

    html! {
        <section class="pane editor-pane" aria-labelledby="yaml-editor-label">
            <div class="editor-head">
                <label id="yaml-editor-label" class="pane-title" for="yaml-editor">{ "DaemonSet YAML" }</label>
                if !choices.is_empty() {
                    <span class="ds-picker">
                        <label for="daemonset-picker">{ "DaemonSet to simulate" }</label>
                        <select id="daemonset-picker" data-testid="daemonset-picker" ref={picker_ref} onchange={onpick}>
                            { for choices.iter().map(|c| html! {
                                <option key={c.clone()} value={c.clone()} selected={*c == current}>{ c }</option>
                            }) }
                        </select>
                    </span>
                }
            </div>
            <div class="editor-frame">
                <div class="editor-scroll">
                    <div class="editor-body">
                        <div class="editor-gutter" ref={gutter_ref.clone()} aria-hidden="true">{ for gutter }</div>
                        <div class={class_list(&[Some("editor-code"), oversize.then_some("oversize")])}>
                            { for tints }
                            <pre class="editor-highlight" aria-hidden="true"><code>{ for tokens }</code></pre>
                            <textarea
                                id="yaml-editor"
                                ref={area_ref.clone()}
                                class="editor-input"
                                data-testid="yaml-editor"
                                spellcheck="false"
                                autocomplete="off"
                                autocapitalize="off"
                                autocorrect="off"
                                wrap="off"
                                aria-describedby="yaml-editor-help"
                                aria-invalid={if state.stale { "true" } else { "false" }}
                                readonly={state.readonly}
                                value={(*text).clone()}
                                {oninput}
                                {onkeydown}
                                {onfocus}
                            />
                        </div>
                    </div>
                </div>
            </div>
            <p id="yaml-editor-help" class="editor-help">
                { "Changes apply after a pause in typing, or at once with " }
                <kbd>{ "Ctrl" }</kbd>{ "+" }<kbd>{ "Enter" }</kbd>{ " (" }<kbd>{ "⌘" }</kbd>{ "+" }<kbd>{ "Enter" }</kbd>{ "). " }
                <kbd>{ "Tab" }</kbd>{ " indents, " }<kbd>{ "Shift" }</kbd>{ "+" }<kbd>{ "Tab" }</kbd>{ " outdents; " }
                <kbd>{ "Esc" }</kbd>{ " then " }<kbd>{ "Tab" }</kbd>{ " leaves the editor." }
            </p>
            if state.stale {
                <p class="stale" data-testid="stale">
                    if state.good.is_some() {
                        { "The text has errors: the cluster shows the last DaemonSet that read cleanly." }
                    } else {
                        { "The text has errors, and no DaemonSet has read cleanly yet." }
                    }
                </p>
            }
            <p class="diag-summary" role="status">{ summary }</p>
            if !state.diagnostics.is_empty() {
                <ul class="diagnostics" data-testid="diagnostics" aria-label="Problems in the YAML">
                    { for diagnostics }
                </ul>
            }
        </section>
    }
}

fn severity_class(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// "2 errors, 1 warning": what the live region announces (empty when all is well).
fn summary(errors: usize, warnings: usize, notes: usize) -> String {
    let part = |n: usize, one: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {one}s")),
    };
    [
        part(errors, "error"),
        part(warnings, "warning"),
        part(notes, "note"),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ")
}

/// The lines with diagnostics, in line order, each once: its 0-based index
/// (diagnostics past the end go to the last line), the worst severity and the
/// messages, one a line (the marker's title). Only the marked lines: the
/// editor redraws at every keystroke, and the gutter finds a line's mark by a
/// binary search.
fn line_marks(diagnostics: &[Diagnostic], line_count: usize) -> Vec<(usize, Severity, String)> {
    let last = line_count.max(1) - 1;
    let mut placed: Vec<(usize, &Diagnostic)> =
        diagnostics.iter().filter(|d| d.line > 0).map(|d| ((d.line as usize - 1).min(last), d)).collect();
    dsplay_core::sorting::sort_by_key(&mut placed, |(index, _)| *index);
    let mut marks: Vec<(usize, Severity, String)> = Vec::new();
    for (index, d) in placed {
        let message = format!("{}: {}", severity_class(d.severity), d.message);
        match marks.last_mut() {
            Some((at, severity, title)) if *at == index => {
                *severity = (*severity).min(d.severity);
                title.push('\n');
                title.push_str(&message);
            }
            _ => marks.push((index, d.severity, message)),
        }
    }
    marks
}

/// The keyboard: Ctrl/Cmd+Enter applies, Enter keeps the indentation, Tab and
/// Shift+Tab indent and outdent, unless Esc came just before.
fn on_key(e: &KeyboardEvent, applier: &Applier, escaped: &Cell<bool>) {
    if e.is_composing() {
        return;
    }
    let key = e.key();
    if matches!(
        key.as_str(),
        "Shift" | "Control" | "Alt" | "Meta" | "CapsLock"
    ) {
        return;
    }
    let after_escape = escaped.replace(key == "Escape");
    let area: HtmlTextAreaElement = e.target_unchecked_into();
    let modified = e.ctrl_key() || e.meta_key() || e.alt_key();
    let edit = match key.as_str() {
        "Enter" if e.ctrl_key() || e.meta_key() => {
            e.prevent_default();
            applier.now(area.value());
            return;
        }
        "Enter" if !modified && !e.shift_key() => newline(&area.value(), selection(&area)),
        // After Esc, Tab is the browser's: focus moves on.
        "Tab" if !modified && !after_escape => {
            if e.shift_key() {
                outdent(&area.value(), selection(&area))
            } else {
                indent(&area.value(), selection(&area))
            }
        }
        _ => return,
    };
    e.prevent_default();
    if let Some(edit) = edit {
        apply_edit(&area, &edit);
    }
}

fn selection(area: &HtmlTextAreaElement) -> (u32, u32) {
    let start = area.selection_start().ok().flatten().unwrap_or(0);
    let end = area.selection_end().ok().flatten().unwrap_or(start);
    (start.min(end), start.max(end))
}

/// Replace `start..end` (UTF-16 offsets, as the textarea counts) with
/// `insert`, then select `select`.
#[derive(Debug, PartialEq, Eq)]
pub struct Edit {
    pub start: u32,
    pub end: u32,
    pub insert: String,
    pub select: (u32, u32),
}

/// Types the edit, so that it is undoable and fires `input` like typing
/// (`insertText`); where the browser refuses, sets the text and fires `input`.
fn apply_edit(area: &HtmlTextAreaElement, edit: &Edit) {
    let _ = area.set_selection_range(edit.start, edit.end);
    let document = area
        .owner_document()
        .and_then(|d| d.dyn_into::<HtmlDocument>().ok());
    let typed = match document {
        Some(_) if edit.insert.is_empty() && edit.start == edit.end => true,
        Some(doc) if edit.insert.is_empty() => doc.exec_command("delete").unwrap_or(false),
        Some(doc) => doc
            .exec_command_with_show_ui_and_value("insertText", false, &edit.insert)
            .unwrap_or(false),
        None => false,
    };
    if !typed {
        let _ = area.set_range_text_with_start_and_end(&edit.insert, edit.start, edit.end);
        let init = EventInit::new();
        init.set_bubbles(true);
        if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
            let _ = area.dispatch_event(&event);
        }
    }
    let _ = area.set_selection_range(edit.select.0, edit.select.1);
}

/// The text as UTF-16 units, and the start of the line holding `at`.
fn line_start(units: &[u16], at: usize) -> usize {
    units[..at.min(units.len())]
        .iter()
        .rposition(|&u| u == u16::from(b'\n'))
        .map_or(0, |p| p + 1)
}

fn line_end(units: &[u16], at: usize) -> usize {
    let at = at.min(units.len());
    units[at..]
        .iter()
        .position(|&u| u == u16::from(b'\n'))
        .map_or(units.len(), |p| at + p)
}

fn leading_spaces(units: &[u16]) -> usize {
    units.iter().take_while(|&&u| u == u16::from(b' ')).count()
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Enter: a line break, then the current line's indentation.
pub fn newline(text: &str, (start, end): (u32, u32)) -> Option<Edit> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (start as usize, end as usize);
    let from = line_start(&units, start);
    let indent = leading_spaces(&units[from..start.clamp(from, units.len())]);
    let insert = format!("\n{}", " ".repeat(indent));
    let caret = offset(start + 1 + indent);
    Some(Edit {
        start: offset(start),
        end: offset(end),
        insert,
        select: (caret, caret),
    })
}

/// Tab: two spaces at the caret, or two more at the start of every selected line.
pub fn indent(text: &str, (start, end): (u32, u32)) -> Option<Edit> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (
        (start as usize).min(units.len()),
        (end as usize).min(units.len()),
    );
    let width = INDENT.len();
    if !units[start..end].contains(&u16::from(b'\n')) {
        let caret = offset(start + width);
        return Some(Edit {
            start: offset(start),
            end: offset(end),
            insert: INDENT.into(),
            select: (caret, caret),
        });
    }
    let (from, to) = selected_lines(&units, start, end);
    let mut insert = String::new();
    let mut added = 0;
    for (i, line) in String::from_utf16_lossy(&units[from..to])
        .split('\n')
        .enumerate()
    {
        if i > 0 {
            insert.push('\n');
        }
        if !line.is_empty() {
            insert.push_str(INDENT);
            added += width;
        }
        insert.push_str(line);
    }
    let first_grew = units.get(from).is_some_and(|&u| u != u16::from(b'\n')) && from < to;
    let select = (
        offset(start + if first_grew { width } else { 0 }),
        offset(end + added),
    );
    Some(Edit {
        start: offset(from),
        end: offset(to),
        insert,
        select,
    })
}

/// Shift+Tab: up to two spaces fewer at the start of the current (or every selected) line.
pub fn outdent(text: &str, (start, end): (u32, u32)) -> Option<Edit> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let (start, end) = (
        (start as usize).min(units.len()),
        (end as usize).min(units.len()),
    );
    let (from, to) = selected_lines(&units, start, end);
    let mut insert = String::new();
    let mut removed_total = 0;
    let mut removed_first = 0;
    for (i, line) in String::from_utf16_lossy(&units[from..to])
        .split('\n')
        .enumerate()
    {
        if i > 0 {
            insert.push('\n');
        }
        let removed = line
            .bytes()
            .take(INDENT.len())
            .take_while(|&b| b == b' ')
            .count();
        if i == 0 {
            removed_first = removed;
        }
        removed_total += removed;
        insert.push_str(&line[removed..]);
    }
    if removed_total == 0 {
        return None;
    }
    let select_start = start.saturating_sub(removed_first).max(from);
    let select_end = end.saturating_sub(removed_total).max(select_start);
    Some(Edit {
        start: offset(from),
        end: offset(to),
        insert,
        select: (offset(select_start), offset(select_end)),
    })
}

/// The lines a selection touches (a selection ending at a line's start leaves that line out).
fn selected_lines(units: &[u16], start: usize, end: usize) -> (usize, usize) {
    let from = line_start(units, start);
    let last = if end > start && line_start(units, end) == end {
        end - 1
    } else {
        end
    };
    (from, line_end(units, last.max(from)))
}

/// The UTF-16 offset of 1-based `line` and `column` (characters) in `text`,
/// clamped to the line.
pub fn caret_offset(text: &str, line: u32, column: u32) -> u32 {
    let mut at = 0usize;
    for (n, content) in text.split('\n').enumerate() {
        if n + 1 == line as usize {
            let chars = content.chars().take(column.saturating_sub(1) as usize);
            return offset(at + chars.map(char::len_utf16).sum::<usize>());
        }
        at += content.encode_utf16().count() + 1;
    }
    offset(text.encode_utf16().count())
}

/// Puts the caret at a diagnostic's line and column and scrolls it into view.
fn jump_to(area_ref: &NodeRef, gutter_ref: &NodeRef, line: u32, column: u32) {
    let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
        return;
    };
    let at = caret_offset(&area.value(), line, column);
    let options = web_sys::FocusOptions::new();
    options.set_prevent_scroll(true);
    let _ = area.focus_with_options(&options);
    let _ = area.set_selection_range(at, at);
    let row = gutter_ref.cast::<Element>().and_then(|g| {
        g.children()
            .item(line.saturating_sub(1))
            .or_else(|| g.last_element_child())
    });
    if let Some(row) = row {
        let options = ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        row.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(edit: Option<Edit>, text: &str) -> (String, (u32, u32)) {
        let edit = edit.expect("an edit");
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut out = String::from_utf16_lossy(&units[..edit.start as usize]);
        out.push_str(&edit.insert);
        out.push_str(&String::from_utf16_lossy(&units[edit.end as usize..]));
        (out, edit.select)
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn enter_keeps_the_indentation() {
        let text = "spec:\n    name: x";
        assert_eq!(
            run(newline(text, (17, 17)), text),
            ("spec:\n    name: x\n    ".into(), (22, 22))
        );
        assert_eq!(
            run(newline(text, (0, 0)), text),
            ("\nspec:\n    name: x".into(), (1, 1))
        );
        // The caret inside the indentation keeps only what is left of it.
        assert_eq!(
            run(newline(text, (8, 8)), text),
            ("spec:\n  \n    name: x".into(), (11, 11))
        );
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn tab_indents_and_shift_tab_outdents() {
        let text = "a:\n  b: 1\n  c: 2\n";
        assert_eq!(
            run(indent(text, (3, 3)), text),
            ("a:\n    b: 1\n  c: 2\n".into(), (5, 5))
        );
        // Several lines: each grows, the selection follows.
        assert_eq!(
            run(indent(text, (3, 15)), text),
            ("a:\n    b: 1\n    c: 2\n".into(), (5, 19))
        );
        assert_eq!(
            run(outdent(text, (7, 7)), text),
            ("a:\nb: 1\n  c: 2\n".into(), (5, 5))
        );
        assert_eq!(
            run(outdent(text, (3, 16)), text),
            ("a:\nb: 1\nc: 2\n".into(), (3, 12))
        );
        assert_eq!(outdent(text, (1, 1)), None);
        // A selection ending at the start of a line leaves that line alone.
        assert_eq!(
            run(indent(text, (0, 3)), text),
            ("  a:\n  b: 1\n  c: 2\n".into(), (2, 5))
        );
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn carets_count_utf16_units() {
        let text = "a: é\n😀: x\nlast";
        assert_eq!(caret_offset(text, 1, 1), 0);
        assert_eq!(caret_offset(text, 2, 4), 5 + 3 + 1);
        assert_eq!(caret_offset(text, 3, 99), 15);
        assert_eq!(caret_offset(text, 9, 1), 15);
    }

    #[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
    #[cfg_attr(not(target_arch = "wasm32"), test)]
    fn markers_take_the_worst_severity_and_every_message() {
        let d = |severity, line, message: &str| Diagnostic {
            severity,
            file: "daemonset.yaml".into(),
            line,
            column: 1,
            message: message.into(),
        };
        let marks = line_marks(
            &[
                d(Severity::Warning, 2, "w"),
                d(Severity::Error, 2, "e"),
                d(Severity::Note, 0, "n"),
                d(Severity::Error, 40, "eof"),
            ],
            3,
        );
        assert_eq!(
            marks,
            [
                (1, Severity::Error, "warning: w\nerror: e".to_string()),
                (2, Severity::Error, "error: eof".to_string()),
            ]
        );
        assert_eq!(summary(1, 2, 0), "1 error, 2 warnings");
        assert_eq!(summary(0, 0, 0), "");
    }
}
