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
        let run = || std::hint::black_box(plan(std::hint::black_box(&ds), &nodes, &[], &options));
        // Warm up for a second, as the page is warm after its first edits: V8
        // first runs wasm in its baseline compiler and only then optimizes
        // the functions that stay hot.
        let warm_until = js_sys::Date::now() + 1_000.0;
        while js_sys::Date::now() < warm_until {
            run();
        }
        // Then, as divan does natively, many samples, and their median.
        let runs_per_sample = (100_000 / size).max(20);
        let mut samples: Vec<f64> = (0..25)
            .map(|_| {
                let started = js_sys::Date::now();
                for _ in 0..runs_per_sample {
                    run();
                }
                (js_sys::Date::now() - started) / runs_per_sample as f64
            })
            .collect();
        samples.sort_by(f64::total_cmp);
        console_log!(
            "plan_new_daemon_set/{size}: median {:.3} ms per run in wasm, fastest {:.3} ({} samples of {runs_per_sample} runs)",
            samples[samples.len() / 2],
            samples[0],
            samples.len()
        );
    }
}
