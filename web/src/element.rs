//! Elements built by calls instead of `html!`.
//!
//! `html!` writes out every element where it stands: the tag, each attribute,
//! each listener and the list of children become stores inlined into the
//! component's view, a few hundred bytes of wasm per element. The page's views
//! hold a few hundred elements, and that inlined code was a quarter of the wasm
//! the page ships. Here each element is a chain of calls into one shared copy
//! of the code: `el("p").class("flow-summary").text(summary).into()`.
//!
//! The result is the same `VTag` that `html!` builds, reconciled by Yew the same
//! way; only the attributes differ in form (a map built at run time instead of a
//! static list), which costs nothing measurable at the size of these views. The
//! hot paths (the node cards, the flow diagram's boxes) keep `html!`.

use std::rc::Rc;

use yew::html::{onchange, onclick, oninput, onkeydown, onsubmit};
use yew::virtual_dom::{Key, Listener, VTag, VText};
use yew::{AttrValue, Callback, Html, NodeRef};

/// An element under construction. Turn it into `Html` with `.into()`.
pub struct El(VTag);

/// A new element: `el("section")`.
#[inline(never)]
pub fn el(tag: &'static str) -> El {
    El(VTag::new(AttrValue::Static(tag)))
}

/// Text, as `{ text }` in `html!`: always rendered as text, never as markup.
#[inline(never)]
pub fn text(text: impl Into<AttrValue>) -> Html {
    Html::VText(VText::new(text.into()))
}

/// Nodes side by side, as `<>...</>` in `html!`.
pub fn fragment(children: impl IntoIterator<Item = Html>) -> Html {
    children.into_iter().collect()
}

impl El {
    /// An attribute, as `name={value}` in `html!`.
    pub fn attr(self, name: &'static str, value: impl Into<AttrValue>) -> El {
        self.set(name, value.into())
    }

    /// An attribute that is there only when `value` is `Some`.
    pub fn attr_opt(self, name: &'static str, value: Option<impl Into<AttrValue>>) -> El {
        match value {
            Some(value) => self.set(name, value.into()),
            None => self,
        }
    }

    /// A boolean attribute (`disabled`, `selected`, `hidden`): there when `on`.
    pub fn flag(self, name: &'static str, on: bool) -> El {
        if on {
            self.set(name, AttrValue::Static(name))
        } else {
            self
        }
    }

    /// `class="..."`.
    pub fn class(self, value: impl Into<AttrValue>) -> El {
        self.set("class", value.into())
    }

    /// `class="..."` from the names that are there: `.classes(&[Some("flow-step"),
    /// current.then_some("current")])` (the `classes!` of `html!`, without its set).
    #[inline(never)]
    pub fn classes(self, names: &[Option<&str>]) -> El {
        let mut joined = String::new();
        for name in names.iter().flatten() {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(name);
        }
        self.set("class", AttrValue::from(joined))
    }

    /// `data-testid="..."`: what the tests find the element by.
    pub fn testid(self, value: &'static str) -> El {
        self.set("data-testid", AttrValue::Static(value))
    }

    #[inline(never)]
    fn set(mut self, name: &'static str, value: AttrValue) -> El {
        self.0.add_attribute(name, value);
        self
    }

    /// A child node.
    #[inline(never)]
    pub fn child(mut self, child: Html) -> El {
        self.0.add_child(child);
        self
    }

    /// A child element.
    pub fn push(self, child: El) -> El {
        self.child(child.into())
    }

    /// A child element that is there only when `child` is `Some`.
    pub fn push_opt(self, child: Option<El>) -> El {
        match child {
            Some(child) => self.child(child.into()),
            None => self,
        }
    }

    /// Children, in order.
    pub fn children(mut self, children: impl IntoIterator<Item = Html>) -> El {
        self.0.add_children(children);
        self
    }

    /// A text child.
    pub fn text(self, value: impl Into<AttrValue>) -> El {
        self.child(text(value))
    }

    /// `key={...}`: how Yew matches this element among its siblings.
    #[inline(never)]
    pub fn key(mut self, key: impl Into<Key>) -> El {
        self.0.key = Some(key.into());
        self
    }

    /// `ref={...}`.
    #[inline(never)]
    pub fn node_ref(mut self, node_ref: NodeRef) -> El {
        self.0.node_ref = node_ref;
        self
    }

    /// An `<input>`'s or `<textarea>`'s value, set as the property (as `html!` does).
    #[inline(never)]
    pub fn value(mut self, value: impl Into<AttrValue>) -> El {
        self.0.set_value(value.into());
        self
    }

    /// A checkbox's `checked`, set as the property (as `html!` does).
    #[inline(never)]
    pub fn checked(mut self, checked: bool) -> El {
        self.0.set_checked(checked);
        self
    }

    #[inline(never)]
    fn listen(mut self, listener: Rc<dyn Listener>) -> El {
        self.0.add_listener(listener);
        self
    }

    pub fn on_click(self, callback: Callback<web_sys::MouseEvent>) -> El {
        self.listen(Rc::new(onclick::Wrapper::new(callback)))
    }

    pub fn on_change(self, callback: Callback<web_sys::Event>) -> El {
        self.listen(Rc::new(onchange::Wrapper::new(callback)))
    }

    pub fn on_input(self, callback: Callback<web_sys::InputEvent>) -> El {
        self.listen(Rc::new(oninput::Wrapper::new(callback)))
    }

    pub fn on_keydown(self, callback: Callback<web_sys::KeyboardEvent>) -> El {
        self.listen(Rc::new(onkeydown::Wrapper::new(callback)))
    }

    pub fn on_submit(self, callback: Callback<web_sys::SubmitEvent>) -> El {
        self.listen(Rc::new(onsubmit::Wrapper::new(callback)))
    }
}

impl From<El> for Html {
    #[inline(never)]
    fn from(element: El) -> Html {
        Html::VTag(Rc::new(element.0))
    }
}
