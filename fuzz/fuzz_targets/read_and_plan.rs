//! Any bytes as YAML: reading, validation, lints, eligibility and one sync must
//! never panic, whatever the input.
#![no_main]

use dsplay_core::{plan, read_sources, PlanOptions, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let outcome = read_sources(&[Source { name: "fuzz.yaml", text: &text }]);
    for diagnostic in &outcome.diagnostics {
        let _ = diagnostic.located();
    }
    let cluster = &outcome.cluster;
    for (ds, origin) in cluster.daemon_sets.iter().zip(&cluster.daemon_set_origins) {
        for error in dsplay_core::validation::validate_daemon_set(ds) {
            let _ = origin.locate(&error.field);
        }
        let _ = dsplay_core::lints::lint_daemon_set(ds);
        let plan = plan(ds, &cluster.nodes, &cluster.pods, &PlanOptions::default());
        let after = dsplay_core::apply(ds, &cluster.pods, &plan, 0);
        let _ = dsplay_core::plan(ds, &cluster.nodes, &after, &PlanOptions::default());
        for action in plan.actions.iter().filter(|a| matches!(a, dsplay_core::Action::Create { .. })) {
            let _ = dsplay_core::new_pod::daemon_pod_manifest(ds, action.node(), action.pod(), &plan.revision_hash, Some(1));
        }
    }
    let _ = dsplay_core::node_edit::nodes_to_yaml(&cluster.nodes);
    let _ = dsplay_core::node_edit::kubectl_commands(&cluster.nodes);
});
