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

/// Walks the arguments: flags (`--flag value` or `--flag=value`) and files
/// (`-` is standard input).
struct Flags<'a> {
    rest: std::slice::Iter<'a, String>,
}

enum Arg<'a> {
    Flag(&'a str, Option<&'a str>),
    File(&'a str),
}

impl<'a> Flags<'a> {
    fn new(args: &'a [String]) -> Self {
        Flags { rest: args.iter() }
    }

    fn next(&mut self) -> Option<Arg<'a>> {
        let arg = self.rest.next()?.as_str();
        Some(match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") => Arg::Flag(flag, Some(value)),
            _ if arg.starts_with('-') && arg != "-" => Arg::Flag(arg, None),
            _ => Arg::File(arg),
        })
    }

    /// The flag's value: written after `=`, or the next argument.
    fn value(&mut self, flag: &str, inline: Option<&str>) -> Result<String, String> {
        inline.map(str::to_string).or_else(|| self.rest.next().cloned()).ok_or(format!("{flag} needs a value"))
    }
}

fn seed(text: String) -> Result<u64, String> {
    text.parse().map_err(|_| "--seed takes a whole number".to_string())
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
    let mut flags = Flags::new(args);
    while let Some(arg) = flags.next() {
        let (flag, inline) = match arg {
            Arg::File(file) => {
                plan.files.push(file.to_string());
                continue;
            }
            Arg::Flag(flag, inline) => (flag, inline),
        };
        match flag {
            "--output" | "-o" => {
                plan.output = match flags.value(flag, inline)?.as_str() {
                    "table" => Output::Table,
                    "wide" => Output::Wide,
                    "json" => Output::Json,
                    other => return Err(format!("--output must be table, wide or json, not {other:?}")),
                }
            }
            "--daemonset" => plan.daemon_set = Some(flags.value(flag, inline)?),
            "--current-revision-hash" => plan.current_revision_hash = Some(flags.value(flag, inline)?),
            "--now" => plan.now = Some(flags.value(flag, inline)?),
            "--failed-pod-backoff" => plan.failed_pod_backoff.push(flags.value(flag, inline)?),
            "--seed" => plan.seed = seed(flags.value(flag, inline)?)?,
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if plan.files.is_empty() {
        return Err("plan needs at least one FILE (or - for standard input)".into());
    }
    Ok(plan)
}

fn parse_simulate(args: &[String]) -> Result<SimulateArgs, String> {
    let mut sim = SimulateArgs { json: false, daemon_set: None, seed: 1, events: Vec::new(), files: Vec::new() };
    let mut flags = Flags::new(args);
    while let Some(arg) = flags.next() {
        let (flag, inline) = match arg {
            Arg::File(file) => {
                sim.files.push(file.to_string());
                continue;
            }
            Arg::Flag(flag, inline) => (flag, inline),
        };
        match flag {
            "--output" | "-o" => {
                sim.json = match flags.value(flag, inline)?.as_str() {
                    "text" => false,
                    "json" => true,
                    other => return Err(format!("--output must be text or json, not {other:?}")),
                }
            }
            "--daemonset" => sim.daemon_set = Some(flags.value(flag, inline)?),
            "--seed" => sim.seed = seed(flags.value(flag, inline)?)?,
            "--add-node" => sim.events.push(EventArg::AddNode(flags.value(flag, inline)?)),
            "--remove-node" => sim.events.push(EventArg::RemoveNode(flags.value(flag, inline)?)),
            "--set-image" => sim.events.push(EventArg::SetImage(flags.value(flag, inline)?)),
            "--taint" | "--label" => {
                let node = flags.value(flag, inline)?;
                let change = flags.value(&format!("{flag} {node}"), None)?;
                sim.events.push(if flag == "--taint" { EventArg::Taint(node, change) } else { EventArg::Label(node, change) });
            }
            _ => return Err(format!("unknown flag {flag}")),
        }
    }
    if sim.files.is_empty() {
        return Err("simulate needs at least one FILE (or - for standard input)".into());
    }
    Ok(sim)
}
