//! Any bytes as a cluster plus a few events: the simulation must never panic
//! and always end (step and round limits).
#![no_main]

use dsplay_core::model::Taint;
use dsplay_core::simulation::{simulate, SimulationOptions, UserEvent, World};
use dsplay_core::{read_sources, Source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The last bytes choose the events; the rest is the YAML.
    let split = data.len().saturating_sub(4);
    let (yaml, choices) = data.split_at(split);
    let text = String::from_utf8_lossy(yaml);
    let outcome = read_sources(&[Source { name: "fuzz.yaml", text: &text }]);
    let cluster = outcome.cluster;
    let Some(ds) = cluster.daemon_sets.first().cloned() else { return };
    // Keep executions fast: the simulation's cost grows with the cluster.
    let nodes: Vec<_> = cluster.nodes.into_iter().take(40).collect();
    let first = nodes.first().map(|n| n.meta.name.clone()).unwrap_or_default();
    let mut events = vec![UserEvent::Apply(Box::new(ds))];
    for &choice in choices {
        events.push(match choice % 6 {
            0 => UserEvent::RemoveNode { node: first.clone() },
            1 => UserEvent::Taint {
                node: first.clone(),
                taint: Taint { key: "k".into(), value: String::new(), effect: if choice & 8 == 0 { "NoExecute".into() } else { "NoSchedule".into() } },
            },
            2 => UserEvent::AddNode(Box::new(dsplay_core::node_edit::new_node(&format!("n{choice}")))),
            3 => UserEvent::SetImage { container: "main".into(), image: format!("x:{choice}") },
            4 => UserEvent::SetReady { node: first.clone(), ready: choice & 8 == 0 },
            _ => UserEvent::Label { node: first.clone(), key: "k".into(), value: Some(choice.to_string()) },
        });
    }
    let options = SimulationOptions { max_steps: 400, ..Default::default() };
    let timeline = simulate(World { daemon_set: None, nodes, pods: cluster.pods }, &events, &options);
    let _ = timeline.snapshot_at(timeline.steps.len() / 2);
});
