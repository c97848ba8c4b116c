//! Runs work after a pause: every new request cancels the one before it, so
//! only the last of a burst (keystrokes, edits) runs.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use yew::prelude::*;

#[derive(Clone, Default)]
pub struct Debouncer {
    /// Bumped by every request and cancel: pending work runs only if nothing came after it.
    generation: Rc<Cell<u64>>,
}

impl PartialEq for Debouncer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.generation, &other.generation)
    }
}

impl Debouncer {
    /// Forgets any pending work.
    pub fn cancel(&self) -> u64 {
        let next = self.generation.get().wrapping_add(1);
        self.generation.set(next);
        next
    }

    /// Runs `work` after `delay`, unless another request or a cancel comes first.
    pub fn after(&self, delay: Duration, work: impl FnOnce() + 'static) {
        self.after_boxed(delay, Box::new(work));
    }

    /// `after`, compiled once: the waiting future is not made again for every
    /// kind of work.
    fn after_boxed(&self, delay: Duration, work: Box<dyn FnOnce()>) {
        let ticket = self.cancel();
        let generation = self.generation.clone();
        yew::platform::spawn_local(async move {
            yew::platform::time::sleep(delay).await;
            if generation.get() == ticket {
                work();
            }
        });
    }
}

/// A debouncer that lives as long as the component, and cancels its pending
/// work when the component goes.
#[hook]
pub fn use_debouncer() -> Debouncer {
    let debouncer = (*use_memo((), |_| Debouncer::default())).clone();
    {
        let debouncer = debouncer.clone();
        use_effect_with((), move |_| move || {
            debouncer.cancel();
        });
    }
    debouncer
}
