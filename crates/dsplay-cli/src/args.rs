//! The command line, parsed by hand: two subcommands and a handful of flags do
//! not need a parser crate.

pub const USAGE: &str = "usage: dsplay plan [--output table|wide|json] [--daemonset [NAMESPACE/]NAME]
                   [--current-revision-hash H] [--now RFC3339] [--failed-pod-backoff NODE]...
                   [--seed N] FILE...
       dsplay simulate [--output text|json] [--daemonset [NAMESPACE/]NAME] [--seed N]
                   [--add-node NAME[,label=value...]] [--remove-node NAME]
                   [--taint NODE key=value:Effect] [--label NODE key=value]
                   [--set-image CONTAINER=IMAGE] FILE...

Both read DaemonSets, Nodes and Pods (multi-document YAML, `kubectl get nodes -o yaml`
lists; `-` is standard input).
plan prints what one sync of the DaemonSet controller would do. Exit status: 0 accepted,
3 the API server would reject the DaemonSet, 1 unreadable input, 2 usage error.
simulate prints the timeline of what the cluster does, step by step: with no event
flags, the DaemonSet being created; with event flags, those events played in order on
the settled cluster.";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output {
    Table,
    Wide,
    Json,
}

#[derive(Debug)]
pub struct PlanArgs {
    pub output: Output,
    pub daemon_set: Option<String>,
    pub current_revision_hash: Option<String>,
    pub now: Option<String>,
    pub failed_pod_backoff: Vec<String>,
    pub seed: u64,
    pub files: Vec<String>,
}

/// One `--add-node`, `--remove-node`, ... flag of `simulate`, in command-line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventArg {
    AddNode(String),
    RemoveNode(String),
    Taint(String, String),
    Label(String, String),
    SetImage(String),
}

#[derive(Debug)]
pub struct SimulateArgs {
    pub json: bool,
    pub daemon_set: Option<String>,
    pub seed: u64,
    pub events: Vec<EventArg>,
    pub files: Vec<String>,
}

pub enum Command {
    Plan(PlanArgs),
    Simulate(SimulateArgs),
    Help,
}

pub fn parse(args: &[String]) -> Result<Command, String> {
    match args.first().map(String::as_str) {
        Some("plan") => parse_plan(&args[1..]).map(Command::Plan),
        Some("simulate") => parse_simulate(&args[1..]).map(Command::Simulate),
        Some("-h" | "--help" | "help") | None => Ok(Command::Help),
        Some(other) => Err(format!("unknown command {other:?}")),
    }
}

fn parse_plan(args: &[String]) -> Result<PlanArgs, String> {
    let mut plan = PlanArgs {
        output: Output::Table,
        daemon_set: None,
        current_revision_hash: None,
        now: None,
        failed_pod_backoff: Vec::new(),
        seed: 0,
        files: Vec::new(),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        // Both `--flag value` and `--flag=value`.
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| rest.next().cloned()).ok_or(format!("{flag} needs a value"));
        match flag {
            "--output" | "-o" => {
                plan.output = match value()?.as_str() {
                    "table" => Output::Table,
                    "wide" => Output::Wide,
                    "json" => Output::Json,
                    other => return Err(format!("--output must be table, wide or json, not {other:?}")),
                }
            }
            "--daemonset" => plan.daemon_set = Some(value()?),
            "--current-revision-hash" => plan.current_revision_hash = Some(value()?),
            "--now" => plan.now = Some(value()?),
            "--failed-pod-backoff" => plan.failed_pod_backoff.push(value()?),
            "--seed" => plan.seed = value()?.parse().map_err(|_| "--seed takes a whole number".to_string())?,
            "-" => plan.files.push(arg.clone()),
            flag if flag.starts_with('-') => return Err(format!("unknown flag {flag}")),
            _ => plan.files.push(arg.clone()),
        }
    }
    if plan.files.is_empty() {
        return Err("plan needs at least one FILE (or - for standard input)".into());
    }
    Ok(plan)
}

fn parse_simulate(args: &[String]) -> Result<SimulateArgs, String> {
    let mut sim = SimulateArgs { json: false, daemon_set: None, seed: 1, events: Vec::new(), files: Vec::new() };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (arg.as_str(), None),
        };
        let mut value = || inline.clone().or_else(|| rest.next().cloned()).ok_or(format!("{flag} needs a value"));
        match flag {
            "--output" | "-o" => {
                sim.json = match value()?.as_str() {
                    "text" => false,
                    "json" => true,
                    other => return Err(format!("--output must be text or json, not {other:?}")),
                }
            }
            "--daemonset" => sim.daemon_set = Some(value()?),
            "--seed" => sim.seed = value()?.parse().map_err(|_| "--seed takes a whole number".to_string())?,
            "--add-node" => sim.events.push(EventArg::AddNode(value()?)),
            "--remove-node" => sim.events.push(EventArg::RemoveNode(value()?)),
            "--set-image" => sim.events.push(EventArg::SetImage(value()?)),
            "--taint" | "--label" => {
                let node = value()?;
                let change = rest.next().cloned().ok_or(format!("{flag} needs a NODE and a change"))?;
                sim.events.push(if flag == "--taint" { EventArg::Taint(node, change) } else { EventArg::Label(node, change) });
            }
            "-" => sim.files.push(arg.clone()),
            flag if flag.starts_with('-') => return Err(format!("unknown flag {flag}")),
            _ => sim.files.push(arg.clone()),
        }
    }
    if sim.files.is_empty() {
        return Err("simulate needs at least one FILE (or - for standard input)".into());
    }
    Ok(sim)
}
