//! Every user and administrator action on the world.

use crate::messagebox::{AdminAction, InstanceId, Owner, RefId, ReportId};
use serde::Serialize;

/// Written as JSON with the variant's name first, `{"do": "submit", ...}`; read by `command_json.rs`.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// Replace an orchestration's activation filter or a send port's (or send port group's) filter. The
    /// text is in any notation the filter editor speaks.
    SetFilter {
        group: String,
        owner: Owner,
        filter: String,
    },
    /// Change a receive location's pipeline (the PassThru mistake of domain.md 10.6).
    SetLocationPipeline {
        group: String,
        location: String,
        pipeline: super::config::Pipeline,
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
    /// Cut or restore the WAN link between two groups.
    SetLinkUp {
        a: String,
        b: String,
        up: bool,
    },
    /// Import an exported application package into a group (domain.md 5).
    ImportApplication {
        group: String,
        package: Box<super::Package>,
    },
    /// Publish a message whose context is a saved context (the Administration console's "Save to file"
    /// `MessageInfo` XML) straight into a group's MessageBox, with an optional body: the message a user
    /// brings, routed like any other. Its properties keep their promoted/written marks (domain.md 1.4).
    PublishContext {
        group: String,
        context: String,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// Import a BizTalk binding file into a group as a new, started application (its send ports,
    /// groups and receive locations; what is not simulated becomes warnings).
    ImportBindings {
        group: String,
        application: String,
        text: String,
    },
    /// Export an application from one group and import the package into another.
    CopyApplication {
        from: String,
        to: String,
        application: String,
    },
    StartApplication {
        group: String,
        application: String,
    },
    StopApplication {
        group: String,
        application: String,
        mode: super::StopMode,
    },
    /// Remove a fully stopped application from a group.
    RemoveApplication {
        group: String,
        application: String,
    },
    /// Create the bridge the engine proposes for an application moved from `from` to `to` (domain.md 5).
    CreateBridge {
        from: String,
        to: String,
        application: String,
    },
}
