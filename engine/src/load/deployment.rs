//! The worlds a load runs in: a shipped scenario's groups and programs with its deployment commands (the
//! split scenario's move of 10.6) but none of its own orders, faults or administration.

use crate::scenario::{shipped, Scenario, ScenarioError, ScriptItem};
use crate::world::Command;

/// Which shipped scenario's deployment the load runs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Deployment {
    /// `default.json`: the whole BPM solution in SRV-SEA (domain.md 10.1-10.4).
    OneGroup,
    /// `split-groups.json`: CableOrderApp moved to SRV-DUB behind the bridge (10.6).
    Split,
}

impl Deployment {
    fn file(self) -> &'static str {
        match self {
            Deployment::OneGroup => "default.json",
            Deployment::Split => "split-groups.json",
        }
    }

    /// The shipped scenario with its script cut down to the deployment commands.
    pub fn scenario(self) -> Result<Scenario, ScenarioError> {
        let file = self.file();
        let text = shipped()?
            .into_iter()
            .find(|s| s.file == file)
            .map(|s| s.text)
            .ok_or_else(|| ScenarioError {
                field: file.into(),
                reason: "not a shipped scenario".into(),
            })?;
        let mut scenario = Scenario::from_shipped(text)?;
        scenario.script.retain(|item| is_deployment(&item.command));
        Ok(scenario)
    }
}

/// Moving applications between groups: what the split scenario does before its orders.
fn is_deployment(command: &Command) -> bool {
    matches!(
        command,
        Command::CopyApplication { .. }
            | Command::ImportApplication { .. }
            | Command::StopApplication { .. }
            | Command::RemoveApplication { .. }
            | Command::StartApplication { .. }
            | Command::CreateBridge { .. }
    )
}

/// `deployed` (from `Deployment::scenario`) with these load commands after its own.
pub fn with_load(deployed: &Scenario, load: Vec<ScriptItem>) -> Scenario {
    let mut scenario = deployed.clone();
    scenario.script.extend(load);
    scenario
}
