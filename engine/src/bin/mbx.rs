//! `mbx`: the MessageBox Lab command line. It runs the same engine as the browser app, headless.

use clap::{Parser, Subcommand};
use messagebox_engine::scenario;
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
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Scenarios => list_scenarios(),
    }
}

fn list_scenarios() -> ExitCode {
    match scenario::shipped() {
        Ok(all) => {
            for s in all {
                let line = serde_json::json!({
                    "file": s.file,
                    "id": s.summary.id,
                    "title": s.summary.title,
                    "groups": s.summary.groups.iter().map(|g| &g.name).collect::<Vec<_>>(),
                });
                println!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("mbx: shipped scenario is invalid: {e}");
            ExitCode::from(2)
        }
    }
}
