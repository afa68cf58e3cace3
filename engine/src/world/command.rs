//! Every user and administrator action on the world.

use crate::messagebox::{AdminAction, InstanceId, Owner, RefId, ReportId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "do", rename_all = "camelCase")]
pub enum Command {
    /// A message arrives at a receive location (the CSR form's Submit, a file dropped in a folder).
    Submit {
        group: String,
        location: String,
        body: String,
    },
    Administer {
        group: String,
        owner: Owner,
        action: AdminAction,
    },
    SetLocationEnabled {
        group: String,
        location: String,
        enabled: bool,
    },
    SetHostRunning {
        group: String,
        host: String,
        running: bool,
    },
    SetEndpointAvailable {
        group: String,
        endpoint: String,
        available: bool,
    },
    SetResponderRunning {
        group: String,
        responder: String,
        running: bool,
    },
    ResumeReference {
        group: String,
        reference: RefId,
    },
    TerminateReference {
        group: String,
        reference: RefId,
    },
    TerminateReport {
        group: String,
        report: ReportId,
    },
    /// Resume a suspended orchestration instance or send port transmission.
    ResumeInstance {
        group: String,
        instance: InstanceId,
    },
    TerminateInstance {
        group: String,
        instance: InstanceId,
    },
    SetConfig {
        key: String,
        value: String,
    },
}
