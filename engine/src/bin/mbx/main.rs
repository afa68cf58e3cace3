//! `mbx`: the MessageBox Lab command line. It runs the same engine as the browser app, headless.
//! Bad input exits with code 2 and a message naming the file, line and reason.

mod bench;
mod bench_burst;
mod bench_world;
mod convert;
mod explain_json;
mod export;
mod import;
mod input;
mod plan;
mod route;
mod run;

use clap::{Parser, Subcommand, ValueEnum};

#[cfg(feature = "fast-alloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use messagebox_engine::scenario;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "mbx", version, about = "MessageBox Lab engine, headless")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the scenarios shipped with the engine, one JSON line each.
    Scenarios,
    /// Route messages against subscriptions: one JSON line per message with the subscriptions it matched.
    Route {
        /// Properties, one a line: NS.Name<TAB>xsd-type (a line starting with # is a comment).
        #[arg(long)]
        schema: PathBuf,
        /// Subscriptions, one a line: name<TAB>filter in orchestration syntax.
        #[arg(long)]
        filters: PathBuf,
        /// JSON lines: {"id": "...", "promoted": {"NS.Name": value}, "written": {...}}.
        #[arg(long)]
        messages: PathBuf,
        /// Add the per-predicate explanation, with the values seen.
        #[arg(long)]
        explain: bool,
    },
    /// Filter tools.
    Filter {
        #[command(subcommand)]
        command: FilterCommand,
    },
    /// Run a scenario headlessly and print its outcome as JSON (or, with --trace, its event trace as JSON
    /// lines).
    Run {
        scenario: PathBuf,
        /// Override the scenario's seed.
        #[arg(long)]
        seed: Option<u64>,
        /// Virtual milliseconds to run to; by default a minute after the last scripted command.
        #[arg(long)]
        until: Option<u64>,
        #[arg(long)]
        trace: bool,
    },
    /// Read a BizTalk binding file and print what was understood, with warnings for what is not simulated.
    ImportBindings {
        file: PathBuf,
        /// A BizTalk property schema (.xsd) the filters use; repeatable.
        #[arg(long)]
        schema: Vec<PathBuf>,
    },
    /// Plan moving an application to another group (the scenario's world at its start): what to import
    /// first and in which order, the subscriptions that leave, the bridge, the traffic and the risks, as
    /// JSON; --compare adds the scenario's orders run before and after the move.
    PlanMove {
        scenario: PathBuf,
        #[arg(long)]
        application: String,
        #[arg(long)]
        to: String,
        #[arg(long)]
        compare: bool,
    },
    /// Print a scenario's group at the start (or one application in it) as a BizTalk binding file; with
    /// --bridge and --to, the bridge proposed for moving that application from the group to another.
    ExportBindings {
        scenario: PathBuf,
        /// The group to export (or, with --bridge, the group the application leaves).
        #[arg(long)]
        group: String,
        /// Only this application's artifacts.
        #[arg(long, conflicts_with = "bridge")]
        application: Option<String>,
        /// The application to move; it is copied to --to (its references first) if not there yet.
        #[arg(long, requires = "to")]
        bridge: Option<String>,
        /// The group the application moves to.
        #[arg(long, requires = "bridge")]
        to: Option<String>,
        /// Which of the bridge's binding files: the send port's (for --group) or the receive port's (for --to).
        #[arg(long, value_enum, default_value = "send", requires = "bridge")]
        side: export::Side,
    },
    /// For every subscriber in a binding file: would this saved message context match, and why; and the
    /// verdict (delivered, held, routing failure) with the copies per port and every assumption made.
    Explain {
        #[arg(long)]
        bindings: PathBuf,
        #[arg(long)]
        context: PathBuf,
        /// A BizTalk property schema (.xsd) the filters or the context use; repeatable.
        #[arg(long)]
        schema: Vec<PathBuf>,
        /// A subscriber's state, NAME=Started|Stopped|Unenlisted, over the file's; repeatable.
        #[arg(long)]
        state: Vec<String>,
        /// Compare strings case-sensitively (by default case-insensitively, as SQL Server usually does).
        #[arg(long)]
        case_sensitive: bool,
    },
    /// Measure the indexed and the naive matcher on a generated BizTalk-like workload.
    Bench {
        #[arg(long, default_value_t = 10_000)]
        subscriptions: usize,
        #[arg(long, default_value_t = 20_000)]
        messages: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Run generated orders (a seeded mix of every path of domain.md 10.5) through the default
    /// scenario's deployment, or the split-groups one, and print one JSON line: work, time, memory and a
    /// digest of every order's outcome.
    BenchWorld {
        #[arg(long, default_value_t = 5_000)]
        orders: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The split-groups deployment (CableOrderApp moved to SRV-DUB behind the bridge, 10.6).
        #[arg(long)]
        split: bool,
        /// Stream every event as a JSON line to standard output (the result line then goes to standard
        /// error).
        #[arg(long)]
        trace: bool,
    },
    /// The app's compose burst natively: N distinct new orders submitted at once into the default
    /// scenario, run to the end; prints events per second (make bench-ui compares the page with it).
    BenchBurst {
        #[arg(long, default_value_t = 5_000)]
        orders: usize,
    },
}

#[derive(Subcommand)]
enum FilterCommand {
    /// Convert a filter between notations; the input notation is detected.
    Convert {
        #[arg(long, value_enum)]
        to: Notation,
        /// A property schema: the line format of `route`, or a BizTalk property schema (.xsd); by default
        /// the system, adapter and BPM demo properties.
        #[arg(long)]
        schema: Option<PathBuf>,
        /// The filter: orchestration syntax, rows (`Property | Operator | Value | And|Or` a line), or XML.
        expr: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum Notation {
    Orchestration,
    Rows,
    Xml,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Scenarios => list_scenarios(),
        Command::Route {
            schema,
            filters,
            messages,
            explain,
        } => route::run(&schema, &filters, &messages, explain),
        Command::Filter {
            command: FilterCommand::Convert { to, schema, expr },
        } => convert::run(to, schema.as_deref(), &expr),
        Command::ImportBindings { file, schema } => import::import_bindings_cmd(&file, &schema),
        Command::PlanMove {
            scenario,
            application,
            to,
            compare,
        } => plan::run(&scenario, &application, &to, compare),
        Command::ExportBindings {
            scenario,
            group,
            application,
            bridge,
            to,
            side,
        } => export::run(
            &scenario,
            &group,
            application.as_deref(),
            bridge
                .as_deref()
                .zip(to.as_deref())
                .map(|(application, to)| export::Bridge {
                    application,
                    to,
                    side,
                }),
        ),
        Command::Explain {
            bindings,
            context,
            schema,
            state,
            case_sensitive,
        } => import::explain_cmd(&import::ExplainArgs {
            bindings,
            context,
            schemas: schema,
            states: state,
            case_sensitive,
        }),
        Command::Run {
            scenario,
            seed,
            until,
            trace,
        } => run::run(&scenario, seed, until, trace),
        Command::Bench {
            subscriptions,
            messages,
            seed,
        } => bench::run(subscriptions, messages, seed),
        Command::BenchWorld {
            orders,
            seed,
            split,
            trace,
        } => bench_world::run(orders, seed, split, trace),
        Command::BenchBurst { orders } => bench_burst::run(orders),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("mbx: {message}");
            ExitCode::from(2)
        }
    }
}

fn list_scenarios() -> Result<(), String> {
    let all = scenario::shipped().map_err(|e| format!("shipped scenario is invalid: {e}"))?;
    for s in all {
        let line = serde_json::json!({
            "file": s.file,
            "id": s.summary.id,
            "title": s.summary.title,
            "groups": s.summary.groups.iter().map(|g| &g.name).collect::<Vec<_>>(),
        });
        println!("{line}");
    }
    Ok(())
}
