//! `dsplay simulate`: the timeline of a flow, for a tutorial author to check
//! in a terminal what the page will animate.

use std::process::ExitCode;

use dsplay_core::node_edit::{new_node, parse_label_chip, parse_taint_chip};
use dsplay_core::simulation::{settle, simulate, SimulationOptions, Timeline, UserEvent, World};

use crate::args::{EventArg, SimulateArgs};
use crate::{read_inputs, EXIT_USAGE};

fn event(arg: &EventArg) -> Result<UserEvent, String> {
    Ok(match arg {
        EventArg::AddNode(spec) => {
            let mut parts = spec.split(',');
            let name = parts.next().unwrap_or_default();
            let mut node = new_node(name);
            dsplay_core::node_edit::rename_node(&mut node, name).map_err(|e| format!("--add-node: {e}"))?;
            for label in parts {
                let (key, value) = parse_label_chip(label).map_err(|e| format!("--add-node: {e}"))?;
                node.meta.labels.insert(key, value);
            }
            UserEvent::AddNode(Box::new(node))
        }
        EventArg::RemoveNode(node) => UserEvent::RemoveNode { node: node.clone() },
        EventArg::Taint(node, text) => {
            let taint = parse_taint_chip(text).map_err(|e| format!("--taint: {e}"))?;
            UserEvent::Taint { node: node.clone(), taint }
        }
        EventArg::Label(node, text) => {
            let (key, value) = parse_label_chip(text).map_err(|e| format!("--label: {e}"))?;
            UserEvent::Label { node: node.clone(), key, value: Some(value) }
        }
        EventArg::SetImage(text) => {
            let (container, image) = text.split_once('=').ok_or("--set-image takes CONTAINER=IMAGE")?;
            UserEvent::SetImage { container: container.into(), image: image.into() }
        }
    })
}

pub fn run(args: SimulateArgs) -> ExitCode {
    let events = match args.events.iter().map(event).collect::<Result<Vec<_>, _>>() {
        Ok(events) => events,
        Err(message) => {
            eprintln!("dsplay: {message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let (cluster, index) = match read_inputs(&args.files, args.daemon_set.as_deref()) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let ds = cluster.daemon_sets[index].clone();
    let options = SimulationOptions { name_seed: args.seed, ..Default::default() };
    let empty = World { daemon_set: None, nodes: cluster.nodes, pods: cluster.pods };
    let apply = [UserEvent::Apply(Box::new(ds))];
    let timeline = if events.is_empty() {
        simulate(empty, &apply, &options)
    } else {
        // Events play on the cluster as it stands once the DaemonSet has settled.
        simulate(settle(empty, &apply, &options), &events, &options)
    };
    let text = if args.json { serde_json::to_string_pretty(&timeline).unwrap_or_default() + "\n" } else { render(&timeline) };
    print!("{text}");
    ExitCode::SUCCESS
}

fn render(timeline: &Timeline) -> String {
    let mut out = String::new();
    for step in &timeline.steps {
        out.push_str(&format!("{:>7.1}s  {:<21} {}\n", step.time_ms as f64 / 1000.0, step.actor.label(), step.caption));
    }
    if let Some(why) = &timeline.truncated {
        out.push_str(&format!("(the simulation {why})\n"));
    }
    let last = timeline.snapshot_at(timeline.steps.len());
    let c = last.counts;
    out.push_str(&format!("\nSettled: {} pod(s) on {} node(s)", c.running + c.pending + c.container_creating, c.nodes));
    if let Some(s) = last.status {
        out.push_str(&format!(
            " (desired {}, current {}, ready {}, up to date {}, available {})",
            s.desired_number_scheduled, s.current_number_scheduled, s.number_ready, s.updated_number_scheduled, s.number_available
        ));
    }
    out.push_str(".\n");
    out
}
