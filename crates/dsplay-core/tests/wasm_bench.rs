//! `plan` timed in WebAssembly in headless Chromium, as the page runs it. A
//! benchmark, not a test: ignored by `cargo test`, run by scripts/bench-wasm
//! (`--include-ignored`), and it prints its numbers instead of asserting them.
#![cfg(target_arch = "wasm32")]

#[path = "../benches/cluster.rs"]
mod cluster;

use dsplay_core::{plan, PlanOptions};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
#[ignore]
fn plan_new_daemon_set_in_wasm() {
    for size in [100usize, 1_000, 5_000] {
        let (ds, nodes) = cluster::cluster(size);
        let options = PlanOptions::default();
        // Enough runs for the millisecond clock to resolve microseconds.
        let runs = (200_000 / size).max(20);
        let _ = plan(&ds, &nodes, &[], &options);
        let started = js_sys::Date::now();
        for _ in 0..runs {
            std::hint::black_box(plan(std::hint::black_box(&ds), &nodes, &[], &options));
        }
        let per_run_ms = (js_sys::Date::now() - started) / runs as f64;
        console_log!("plan_new_daemon_set/{size}: {:.3} ms per run in wasm ({runs} runs)", per_run_ms);
    }
}
