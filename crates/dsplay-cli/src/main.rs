//! `dsplay`: the simulator from the terminal. A thin face on dsplay-core.

mod args;
mod report;
mod simulate;

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use args::{Command, Output, PlanArgs, USAGE};
use dsplay_core::timestamp::parse_rfc3339;
use dsplay_core::{read_sources, select_daemon_set, Cluster, PlanOptions, Severity, Source};

const EXIT_UNREADABLE: u8 = 1;
pub const EXIT_USAGE: u8 = 2;
const EXIT_REFUSED: u8 = 3;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args::parse(&args) {
        Ok(Command::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Command::Plan(plan)) => run_plan(plan),
        Ok(Command::Simulate(sim)) => simulate::run(sim),
        Err(message) => {
            eprintln!("dsplay: {message}\n\n{USAGE}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

fn read_file(name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let result = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(name).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    result.map_err(|e| format!("{name}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| format!("{name}: not UTF-8 text (invalid byte at offset {})", e.utf8_error().valid_up_to()))
}

/// Reads every file, prints the diagnostics on standard error, and picks the
/// DaemonSet. On failure, the exit code to stop with.
pub fn read_inputs(files: &[String], daemon_set: Option<&str>) -> Result<(Cluster, usize), ExitCode> {
    let mut texts = Vec::with_capacity(files.len());
    for file in files {
        match read_file(file) {
            Ok(text) => texts.push((if file == "-" { "<stdin>" } else { file.as_str() }, text)),
            Err(message) => {
                eprintln!("dsplay: {message}");
                return Err(ExitCode::from(EXIT_UNREADABLE));
            }
        }
    }
    let sources: Vec<Source> = texts.iter().map(|(name, text)| Source { name, text }).collect();
    let outcome = read_sources(&sources);
    for diagnostic in &outcome.diagnostics {
        let label = match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        eprintln!("{}", diagnostic.located().replacen(": ", &format!(": {label}: "), 1));
    }
    if outcome.has_errors() {
        return Err(ExitCode::from(EXIT_UNREADABLE));
    }
    match select_daemon_set(&outcome.cluster, daemon_set) {
        Ok(index) => Ok((outcome.cluster, index)),
        Err(message) => {
            eprintln!("dsplay: {message}");
            Err(ExitCode::from(EXIT_UNREADABLE))
        }
    }
}

fn run_plan(args: PlanArgs) -> ExitCode {
    let now = match args.now.as_deref() {
        Some(text) => match parse_rfc3339(text) {
            Some(t) => t,
            None => {
                eprintln!("dsplay: --now {text:?} is not an RFC 3339 time such as 2024-01-01T00:00:00Z");
                return ExitCode::from(EXIT_USAGE);
            }
        },
        None => SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64),
    };
    let (cluster, index) = match read_inputs(&args.files, args.daemon_set.as_deref()) {
        Ok(read) => read,
        Err(code) => return code,
    };
    let ds = &cluster.daemon_sets[index];
    let options = PlanOptions {
        current_revision_hash: args.current_revision_hash,
        now,
        failed_pod_backoff: args.failed_pod_backoff,
        name_seed: args.seed,
    };
    let plan = dsplay_core::plan(ds, &cluster.nodes, &cluster.pods, &options);
    let text = match args.output {
        Output::Json => serde_json::to_string_pretty(&plan).unwrap_or_default() + "\n",
        Output::Table | Output::Wide => report::render(ds, &cluster.nodes, &plan, args.output == Output::Wide),
    };
    // A closed pipe (`dsplay plan ... | head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    if plan.validation_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        if args.output == Output::Json {
            eprintln!("dsplay: {}", report::refusal(ds, &plan.validation_errors));
        }
        ExitCode::from(EXIT_REFUSED)
    }
}
