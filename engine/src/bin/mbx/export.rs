//! `mbx export-bindings`: a scenario's group (or one application in it), or the bridge proposed for a
//! move, as a BizTalk binding file on standard output.

use super::input;
use clap::ValueEnum;
use messagebox_engine::export::{export_bindings, export_bridge};
use messagebox_engine::scenario::Scenario;
use messagebox_engine::world::{Command, World};
use std::path::Path;

/// Which of a bridge's two binding files to print.
#[derive(Clone, Copy, ValueEnum)]
pub enum Side {
    /// The send port, for the group the application leaves.
    Send,
    /// The receive port and location, for the group it moves to.
    Receive,
}

pub struct Bridge<'a> {
    pub application: &'a str,
    pub to: &'a str,
    pub side: Side,
}

pub fn run(
    path: &Path,
    group: &str,
    application: Option<&str>,
    bridge: Option<Bridge>,
) -> Result<(), String> {
    let text = input::read(path)?;
    let scenario = Scenario::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut world = scenario
        .build()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let file = match bridge {
        None => export_bindings(&world, group, application).map_err(|e| e.to_string())?,
        Some(b) => {
            copy_for_move(&mut world, group, b.to, b.application, &mut Vec::new())?;
            let proposal = world
                .propose_bridge(group, b.to, b.application)
                .map_err(|e| format!("bridge: {e}"))?;
            let files = export_bridge(&world, &proposal).map_err(|e| e.to_string())?;
            match b.side {
                Side::Send => files.send_side,
                Side::Receive => files.receive_side,
            }
        }
    };
    print!("{file}");
    Ok(())
}

/// Moves (copies) an application into the target group as the console's export and import would, its
/// referenced applications first, unless the target already has it. The bridge is proposed from the
/// application as it is in the target group.
fn copy_for_move(
    world: &mut World,
    from: &str,
    to: &str,
    application: &str,
    seen: &mut Vec<String>,
) -> Result<(), String> {
    let group = |w: &World, name: &str| {
        w.group(name)
            .map(|g| g.applications.clone())
            .ok_or_else(|| {
                let known: Vec<_> = w.groups.keys().cloned().collect();
                format!("no group {name} (groups: {})", known.join(", "))
            })
    };
    let target = group(world, to)?;
    if target.iter().any(|a| a.name == application) || seen.iter().any(|s| s == application) {
        return Ok(());
    }
    seen.push(application.to_string());
    let source = group(world, from)?;
    let app = source
        .iter()
        .find(|a| a.name == application)
        .ok_or_else(|| {
            let known: Vec<_> = source.iter().map(|a| a.name.as_str()).collect();
            format!(
                "no application {application} in group {from} (applications: {})",
                known.join(", ")
            )
        })?;
    for r in &app.references {
        copy_for_move(world, from, to, r, seen)?;
    }
    world
        .apply(Command::CopyApplication {
            from: from.into(),
            to: to.into(),
            application: application.into(),
        })
        .map(|_| ())
        .map_err(|e| format!("copying {application} to {to}: {e}"))
}
