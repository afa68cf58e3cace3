//! The ten lessons. Their facts follow the project's domain notes (BizTalk's documentation); the text
//! the learner reads names no file, only, where useful, a documentation page by its title. Their goals
//! are checked in the engine.

use super::{admin, order, started, Goal, Lesson, ShowMe, Step, Who, DUB, SEA};
use crate::lab::ports::{create_port, PortDraft};
use messagebox_engine::messagebox::{AdminAction, ServiceState};
use messagebox_engine::world::config::Pipeline;
use messagebox_engine::world::{Command, StopMode};

const MANAGER: Who = Who::Orchestration("OrderManager");
const VIP: Who = Who::Orchestration("VipOrderManager");
const AUDIT: Who = Who::SendPort("VIP-Audit-SP");
const WRITTEN: Who = Who::SendPort("Written-SP");
const MESSAGING: &str = "BTSScn.BPM.MessagingApp";
const CABLE: &str = "BTSScn.BPM.CableOrderApp";

fn run(n: u64) -> ShowMe {
    ShowMe::Run(n)
}

fn act(c: Command) -> ShowMe {
    ShowMe::Do(c)
}

fn manager_for(group: &'static str, mark: &'static str) -> Goal {
    Goal::Activated {
        group,
        orchestration: "OrderManager",
        mark: Some(mark),
    }
}

/// The move to Dublin (the domain notes' phase 2, steps 1-4): the split-groups scenario's own scripted commands at time 0,
/// so the lessons and the scenario cannot drift apart.
fn the_move() -> Vec<Command> {
    let all = messagebox_engine::scenario::shipped().expect("the shipped scenarios parse");
    let split = all
        .iter()
        .find(|s| s.file == "split-groups.json")
        .expect("split-groups.json is shipped");
    messagebox_engine::scenario::Scenario::from_shipped(split.text)
        .expect("the shipped scenario parses")
        .script
        .into_iter()
        .filter(|item| item.at == 0)
        .map(|item| item.command)
        .collect()
}

fn set_filter(who: Who, filter: &str) -> Command {
    Command::SetFilter {
        group: SEA.into(),
        owner: who.owner(),
        filter: filter.into(),
    }
}

/// The filters lesson 2 has the learner type, in send-port syntax (values not quoted).
pub const WRITTEN_FILTER: &str = "BTS.ReceiveLocationName | == | Order-RP-TestRL | And";
pub const PROMOTED_FILTER: &str = "BTS.ReceivePortName | == | Order-RP | And";

fn written_port() -> Vec<ShowMe> {
    create_port(
        SEA,
        &PortDraft {
            receive: false,
            name: "Written-SP".into(),
            filter: WRITTEN_FILTER.into(),
            address: "WrittenQ".into(),
            pass_thru: false,
        },
    )
    .expect("a valid port")
    .into_iter()
    .map(act)
    .collect()
}

/// The ten lessons, built once.
pub fn lessons() -> &'static [Lesson] {
    static LESSONS: std::sync::OnceLock<Vec<Lesson>> = std::sync::OnceLock::new();
    LESSONS.get_or_init(build)
}

fn build() -> Vec<Lesson> {
    vec![
        Lesson {
            id: "the-messagebox",
            title: "The MessageBox: publishers, subscribers, nothing sent directly",
            scenario: "default.json",
            setup: vec![],
            steps: vec![
                Step {
                    narration: "Orders arrive at the receive location Order-RP-TestRL. Its receive port does not know who wants them: it publishes each one into the MessageBox, BizTalk's central store, and leaves it to the MessageBox to find who wants it. Open the Compose tab in the right-hand panel, keep customer 1, order 1 and code NS, and press Submit.",
                    highlight: "compose-form",
                    goal: Goal::Received { group: SEA },
                    goal_text: "An order was published by the receive port",
                    hint: "Compose is a tab of the right-hand panel; Submit is under its form.",
                    show_me: vec![act(order("1", "1", 1, "NS"))],
                },
                Step {
                    narration: "The MessageBox checks every subscription against the order's promoted properties (the values routing can see). The OrderBroker orchestration's activation subscription matches a CSR order, so a new OrderBroker instance starts. Press Step (or the Right arrow key) a few times and watch the MessageBox's table on the canvas; the run pauses by itself when the goal below is reached.",
                    highlight: "messagebox-SRV-SEA",
                    goal: Goal::Activated { group: SEA, orchestration: "OrderBroker", mark: None },
                    goal_text: "An OrderBroker instance was activated by the order",
                    hint: "Step is in the controls bar; each press runs one piece of scheduled work.",
                    show_me: vec![run(200)],
                },
                Step {
                    narration: "The broker marks the order for an order manager and publishes it again. It never names the OrderManager: the manager's own subscription, Status == ACCEPTED and OrderMgrType == CABLEORDER, picks the order up. Press Play and watch the blue CABLEORDER token; the run pauses when an OrderManager instance starts.",
                    highlight: "messagebox-SRV-SEA",
                    goal: manager_for(SEA, "CABLEORDER"),
                    goal_text: "An OrderManager instance was activated by an order marked CABLEORDER",
                    hint: "Play is in the controls bar (or press Space). Click a token to inspect its message.",
                    show_me: vec![run(200)],
                },
            ],
            summary: [
                "Publishers publish into the MessageBox; every subscriber whose subscription matches gets a copy.",
                "Nothing is sent directly, so a publisher never needs to know who will process a message.",
            ],
        },
        Lesson {
            id: "promoted-vs-written",
            title: "Promoted versus written properties",
            scenario: "default.json",
            setup: vec![],
            steps: vec![
                Step {
                    narration: "A message carries a context of properties. A promoted property is visible to routing; a written property travels with the message, but routing ignores it. When a receive location takes an order, BizTalk promotes BTS.ReceivePortName but only writes BTS.ReceiveLocationName (the documentation page \"Promoting Properties\" gives this very example). Make a send port that filters on the written one: click SRV-SEA's title on the canvas and, under Create a port, fill in name Written-SP, filter BTS.ReceiveLocationName | == | Order-RP-TestRL | And, address WrittenQ, and press Create and start. A send-port filter is written as Property | Operator | Value | Group by, and its value is not in quotes. The port is created, enlisted and started.",
                    highlight: "inspector",
                    goal: started(SEA, WRITTEN),
                    goal_text: "Send port Written-SP exists and is started",
                    hint: "The group panel opens in the right-hand panel when you click the group's title (SRV-SEA) on the canvas.",
                    show_me: written_port(),
                },
                Step {
                    narration: "Submit an order from Compose and press Play; the run pauses when the OrderBroker has it. The order's context does hold ReceiveLocationName = Order-RP-TestRL, but written, not promoted: click the order's token (or its line in the event log) and read the explanation for Written-SP. It gets no copy.",
                    highlight: "inspector",
                    goal: Goal::All(vec![
                        Goal::Activated { group: SEA, orchestration: "OrderBroker", mark: None },
                        Goal::Not(Box::new(Goal::Delivered { group: SEA, who: WRITTEN })),
                    ]),
                    goal_text: "The OrderBroker got the order and Written-SP got no copy",
                    hint: "Compose, Submit, then Play.",
                    show_me: vec![act(order("1", "1", 1, "NS")), run(200)],
                },
                Step {
                    narration: "Only promoted properties route. Click Written-SP on the canvas. In its filter editor, set the row's Property to BTS.ReceivePortName and its Value to Order-RP (no quotes), press Apply, then submit another order and press Play.",
                    highlight: "filter-editor",
                    goal: Goal::All(vec![
                        Goal::FilterMentions { group: SEA, who: WRITTEN, text: "ReceivePortName" },
                        Goal::Delivered { group: SEA, who: WRITTEN },
                    ]),
                    goal_text: "Written-SP filters on a promoted property and got a copy",
                    hint: "The filter editor is under Written-SP's buttons. As one line of text: BTS.ReceivePortName | == | Order-RP | And",
                    show_me: vec![act(set_filter(WRITTEN, PROMOTED_FILTER)), act(order("2", "1", 1, "NS")), run(200)],
                },
            ],
            summary: [
                "A filter sees only promoted properties; written ones travel with the message but are invisible to routing.",
                "BizTalk's advice: filter on BTS.ReceivePortName, not the written BTS.ReceiveLocationName; written and distinguished fields never route.",
            ],
        },
        Lesson {
            id: "marking",
            title: "Marking: how the OrderBroker chooses an order manager",
            scenario: "default.json",
            setup: vec![],
            steps: vec![
                Step {
                    narration: "The broker marks each order by setting the promoted property OrderMgrType, with rules that stand in for BizTalk's Business Rules Engine: customers 900 and 901 are VIPORDER; codes NS, ND, XS, XD, CS and CD are CABLEORDER; the broadband codes NB and XB are BROADBANDORDER; anything else is UNASSIGNED. In Compose, set Customer ID 900, press Submit, then press Play: the broker publishes the order marked VIPORDER.",
                    highlight: "compose-form",
                    goal: Goal::Published { group: SEA, mark: "VIPORDER" },
                    goal_text: "A message marked VIPORDER was published",
                    hint: "Customer ID 900, then Submit and Play.",
                    show_me: vec![act(order("900", "7", 1, "ND")), run(200)],
                },
                Step {
                    narration: "The VIP order reaches the VipOrderManager, whose subscription asks for OrderMgrType == VIPORDER; the OrderManager's subscription does not match it. Press Play; the run pauses when a VipOrderManager instance starts.",
                    highlight: "messagebox-SRV-SEA",
                    goal: Goal::Activated { group: SEA, orchestration: "VipOrderManager", mark: Some("VIPORDER") },
                    goal_text: "A VipOrderManager instance was activated by the VIP order",
                    hint: "Play is in the controls bar (or press Space).",
                    show_me: vec![run(200)],
                },
                Step {
                    narration: "Now submit a cable order (customer 1, code NS) and press Play: marked CABLEORDER, it goes to the OrderManager instead. (A broadband order, code NB, would wait: its BroadbandOrderManager is stopped. Lesson 7 shows why it waits.)",
                    highlight: "compose-form",
                    goal: manager_for(SEA, "CABLEORDER"),
                    goal_text: "An OrderManager instance was activated by a CABLEORDER order",
                    hint: "Customer ID 1, code NS, Submit, Play.",
                    show_me: vec![act(order("1", "1", 1, "NS")), run(200)],
                },
            ],
            summary: [
                "The broker decides who processes an order by setting one promoted property, OrderMgrType.",
                "A new kind of order manager needs a marking rule and a subscriber; the broker's sends do not change.",
            ],
        },
        Lesson {
            id: "filters",
            title: "Filters: AND and OR groups",
            scenario: "default.json",
            setup: vec![],
            steps: vec![
                Step {
                    narration: "Click VipOrderManager on the canvas. Its filter is one AND-group, two rows in the editor: SV.Status == ACCEPTED And SV.OrderMgrType == VIPORDER. Make cable orders reach it too: add an OR-group for CABLEORDER, and press Apply. In the rows: set the second row's Group by to Or, then add two rows below it, SV.Status == ACCEPTED (Group by And) and SV.OrderMgrType == CABLEORDER, values unquoted as rows take them; or type the text, where an orchestration filter puts its string values in double quotes. In BizTalk this filter lives in the orchestration's activating Receive shape, so changing it means rebuilding and redeploying the orchestration; the lab lets you edit it live so you can see the effect at once.",
                    highlight: "filter-editor",
                    goal: Goal::All(vec![
                        Goal::FilterMentions { group: SEA, who: VIP, text: "VIPORDER" },
                        Goal::FilterMentions { group: SEA, who: VIP, text: "CABLEORDER" },
                        Goal::FilterMentions { group: SEA, who: VIP, text: "||" },
                    ]),
                    goal_text: "VipOrderManager's filter is VIPORDER or CABLEORDER",
                    hint: "As text: (SV.Status == \"ACCEPTED\" && SV.OrderMgrType == \"VIPORDER\") || (SV.Status == \"ACCEPTED\" && SV.OrderMgrType == \"CABLEORDER\")",
                    show_me: vec![act(set_filter(VIP, r#"(SV.Status == "ACCEPTED" && SV.OrderMgrType == "VIPORDER") || (SV.Status == "ACCEPTED" && SV.OrderMgrType == "CABLEORDER")"#))],
                },
                Step {
                    narration: "Submit a cable order (customer 1) and press Play. Both the OrderManager and the VipOrderManager now match it, so the MessageBox gives each a copy.",
                    highlight: "messagebox-SRV-SEA",
                    goal: Goal::Activated { group: SEA, orchestration: "VipOrderManager", mark: Some("CABLEORDER") },
                    goal_text: "The VipOrderManager was activated by a CABLEORDER order",
                    hint: "Compose, Submit, Play.",
                    show_me: vec![act(order("1", "1", 1, "NS")), run(200)],
                },
                Step {
                    narration: "An AND narrows a group. Add SV.CustID == \"2\" to the CABLEORDER group (a row with And), press Apply, then submit a cable order for customer 5 and press Play: every condition of that group must hold, so now only the OrderManager gets it.",
                    highlight: "filter-editor",
                    goal: Goal::All(vec![
                        Goal::FilterMentions { group: SEA, who: VIP, text: "CustID" },
                        manager_for(SEA, "CABLEORDER"),
                        Goal::Not(Box::new(Goal::Activated { group: SEA, orchestration: "VipOrderManager", mark: Some("CABLEORDER") })),
                    ]),
                    goal_text: "A cable order for another customer reached only the OrderManager",
                    hint: "As text: (SV.Status == \"ACCEPTED\" && SV.OrderMgrType == \"VIPORDER\") || (SV.Status == \"ACCEPTED\" && SV.OrderMgrType == \"CABLEORDER\" && SV.CustID == \"2\")",
                    show_me: vec![
                        act(set_filter(VIP, r#"(SV.Status == "ACCEPTED" && SV.OrderMgrType == "VIPORDER") || (SV.Status == "ACCEPTED" && SV.OrderMgrType == "CABLEORDER" && SV.CustID == "2")"#)),
                        act(order("5", "1", 1, "NS")),
                        run(200),
                    ],
                },
            ],
            summary: [
                "Within an AND-group every predicate must hold; a message matches a filter when any one OR-group holds.",
                "A filter change applies to the next message the MessageBox routes; messages already routed are not evaluated again.",
            ],
        },
        Lesson {
            id: "copies",
            title: "Several subscribers, several copies: the audit port",
            scenario: "default.json",
            setup: vec![],
            steps: vec![
                Step {
                    narration: "VIP-Audit-SP, a send port, also subscribes to VIP orders. Submit an order for customer 900 and press Play: watch the MessageBox give a copy to each subscriber that matches.",
                    highlight: "messagebox-SRV-SEA",
                    goal: Goal::All(vec![Goal::Copies { group: SEA, copies: 2 }, Goal::Delivered { group: SEA, who: AUDIT }]),
                    goal_text: "One VIP message went to two subscribers, the audit port among them",
                    hint: "Customer ID 900, Submit, Play.",
                    show_me: vec![act(order("900", "7", 1, "ND")), run(200)],
                },
                Step {
                    narration: "Click VIP-Audit-SP on the canvas and press Stop. A stopped port is still enlisted, so its subscription keeps matching. Submit another VIP order (customer 901) and press Play: the VipOrderManager still gets its copy; the audit port's copy waits for it, suspended (resumable).",
                    highlight: "inspector",
                    goal: Goal::Held { group: SEA, who: AUDIT },
                    goal_text: "A copy waits for the stopped audit port",
                    hint: "Stop is among VIP-Audit-SP's buttons in the right-hand panel. Subscribers do not know about each other.",
                    show_me: vec![act(admin(SEA, AUDIT, AdminAction::Stop)), act(order("901", "8", 1, "ND")), run(200)],
                },
                Step {
                    narration: "Click VIP-Audit-SP and press Start, then press Play: the waiting copy is released and delivered.",
                    highlight: "inspector",
                    goal: Goal::Delivered { group: SEA, who: AUDIT },
                    goal_text: "The audit port received the waiting copy",
                    hint: "Select VIP-Audit-SP, press Start, then Play.",
                    show_me: vec![act(admin(SEA, AUDIT, AdminAction::Start)), run(200)],
                },
            ],
            summary: [
                "Each matching subscriber gets its own copy, a reference to the one stored message.",
                "Subscribers are independent: adding or stopping the audit port changed nothing for the order manager.",
            ],
        },
        Lesson {
            id: "routing-failures",
            title: "Routing failures and the Group Hub",
            scenario: "split-groups.json",
            setup: the_move(),
            steps: vec![
                Step {
                    narration: "This lesson starts after a move: the cable OrderManager now runs in SRV-DUB (Dublin), another BizTalk group with its own MessageBox. A bridge joins the two: Seattle's bridge send port forwards cable orders, and Dublin's receive port publishes them there. Click the OrderManager in the SRV-DUB region and press Unenlist: its subscriptions are removed.",
                    highlight: "group-SRV-DUB",
                    goal: Goal::ServiceIs { group: DUB, who: MANAGER, state: ServiceState::Unenlisted },
                    goal_text: "Dublin's OrderManager is unenlisted",
                    hint: "The SRV-DUB region is the second group on the canvas; the OrderManager box is inside it.",
                    show_me: vec![act(admin(DUB, MANAGER, AdminAction::Unenlist))],
                },
                Step {
                    narration: "Submit a cable order and press Play. In Dublin nothing subscribes to it: BizTalk writes a routing failure report and suspends the message, resumable (documentation: \"Types of Message Failures\"). Then open the Group Hub tab, choose SRV-DUB, and find both.",
                    highlight: "group-hub",
                    goal: Goal::RoutingFailure { group: DUB },
                    goal_text: "A routing failure in Dublin",
                    hint: "Compose, Submit, Play; then the Group Hub tab, group SRV-DUB.",
                    show_me: vec![act(order("1", "1", 1, "NS")), run(200)],
                },
                Step {
                    narration: "Fix the subscription first: click Dublin's OrderManager and press Start (Start enlists it too). Then, in the Group Hub for SRV-DUB, press Resume on the suspended order, and press Play. Resuming publishes the order again, checked against the subscriptions as they are now. It comes back under a new message number: in BizTalk, resuming a message that failed to route runs the receive pipeline again, which builds a new message; the suspended one is marked resumed and published again.",
                    highlight: "group-hub",
                    goal: manager_for(DUB, "CABLEORDER"),
                    goal_text: "Dublin's OrderManager was activated by the resumed order",
                    hint: "The routing failure report cannot be resumed; the suspended message can. Then Play.",
                    show_me: vec![act(admin(DUB, MANAGER, AdminAction::Start)), ShowMe::ResumeMessage(DUB), run(200)],
                },
            ],
            summary: [
                "A messaging publish that matches no subscription leaves a routing failure report and the message suspended, resumable.",
                "Fix the subscriber first, then resume: the message is evaluated again against the subscriptions as they are now.",
            ],
        },
        Lesson {
            id: "stopped-vs-unenlisted",
            title: "Stopped versus unenlisted",
            scenario: "default.json",
            setup: vec![],
            steps: vec![
                Step {
                    narration: "Click the OrderManager in SRV-SEA and press Stop. Stopped still means enlisted: its subscription stays and keeps matching.",
                    highlight: "inspector",
                    goal: Goal::ServiceIs { group: SEA, who: MANAGER, state: ServiceState::Stopped },
                    goal_text: "The OrderManager is stopped",
                    hint: "Click the OrderManager box on the canvas.",
                    show_me: vec![act(admin(SEA, MANAGER, AdminAction::Stop))],
                },
                Step {
                    narration: "Submit a cable order and press Play: the manager's copy is held, suspended (resumable), waiting for the manager to start.",
                    highlight: "messagebox-SRV-SEA",
                    goal: Goal::Held { group: SEA, who: MANAGER },
                    goal_text: "A copy waits for the stopped OrderManager",
                    hint: "Compose, Submit, Play.",
                    show_me: vec![act(order("1", "1", 1, "NS")), run(200)],
                },
                Step {
                    narration: "Click the OrderManager and press Start, then press Play: the held order flows to it.",
                    highlight: "inspector",
                    goal: manager_for(SEA, "CABLEORDER"),
                    goal_text: "The held order activated an OrderManager",
                    hint: "Select the OrderManager, Start, then Play.",
                    show_me: vec![act(admin(SEA, MANAGER, AdminAction::Start)), run(200)],
                },
                Step {
                    narration: "BizTalk refuses to unenlist an orchestration while it has running instances, so let that order finish first: press Play and watch the line under the goal, which counts the OrderManager instances still running. The run pauses when none is left.",
                    highlight: "messagebox-SRV-SEA",
                    goal: Goal::NoneRunning { group: SEA, orchestration: "OrderManager" },
                    goal_text: "No OrderManager instance is running",
                    hint: "Play; the order goes through its two stages, then the instance completes.",
                    show_me: vec![run(400)],
                },
                Step {
                    narration: "Now click the OrderManager and press Unenlist, then submit another cable order and press Play. With no subscription at all, the broker's publish of the marked order fails: the routing failure comes back to the OrderBroker as an exception, which its error handler reports. Look for it in the event log.",
                    highlight: "event-log",
                    goal: Goal::All(vec![
                        Goal::ServiceIs { group: SEA, who: MANAGER, state: ServiceState::Unenlisted },
                        Goal::PublishFailed { group: SEA, orchestration: "OrderBroker" },
                    ]),
                    goal_text: "The OrderManager is unenlisted and the broker's publish failed",
                    hint: "Unenlist, then Compose, Submit, Play; the failure is in the event log.",
                    show_me: vec![act(admin(SEA, MANAGER, AdminAction::Unenlist)), act(order("2", "1", 1, "NS")), run(200)],
                },
            ],
            summary: [
                "Stopped keeps the subscription: matching messages wait, suspended resumable, and flow on start.",
                "Unenlisted removes it: the same message becomes a routing failure.",
            ],
        },
        Lesson {
            id: "moving-the-manager",
            title: "Moving the OrderManager to another group",
            scenario: "default.json",
            setup: vec![],
            steps: vec![
                Step {
                    narration: "SRV-DUB (Dublin) is another BizTalk group, with its own MessageBox; subscriptions never reach across groups. Applications move between groups by export and import, as BizTalk does with an installer package. Dublin needs the property schema first (it declares the SV properties the filters use): click SRV-SEA's title, press Export on BTSScn.BPM.MessagingApp, then click SRV-DUB's title and import the downloaded package.",
                    highlight: "inspector",
                    goal: Goal::Application { group: DUB, name: MESSAGING, present: true },
                    goal_text: "MessagingApp is deployed in SRV-DUB",
                    hint: "Export downloads a .package.json file; Import an application package reads it.",
                    show_me: vec![act(Command::CopyApplication { from: SEA.into(), to: DUB.into(), application: MESSAGING.into() })],
                },
                Step {
                    narration: "Now export BTSScn.BPM.CableOrderApp from SRV-SEA and import it into SRV-DUB, with its bindings (the ports and host it runs on). The import needs MessagingApp there, which is why it came first.",
                    highlight: "inspector",
                    goal: Goal::Application { group: DUB, name: CABLE, present: true },
                    goal_text: "CableOrderApp is deployed in SRV-DUB",
                    hint: "Same as before, with CableOrderApp.",
                    show_me: vec![act(Command::CopyApplication { from: SEA.into(), to: DUB.into(), application: CABLE.into() })],
                },
                Step {
                    narration: "In SRV-SEA's panel, press Full stop on CableOrderApp (it unenlists its orchestrations), then Remove: the OrderManager, its stages and helpers leave Seattle. Full stop and Remove each ask to confirm first, in the panel, saying what they will do: answer Full stop, then Remove it.",
                    highlight: "inspector",
                    goal: Goal::Application { group: SEA, name: CABLE, present: false },
                    goal_text: "CableOrderApp is gone from SRV-SEA",
                    hint: "SRV-SEA's panel: Full stop, then Remove, confirming each.",
                    show_me: vec![
                        act(Command::StopApplication { group: SEA.into(), application: CABLE.into(), mode: StopMode::Full }),
                        act(Command::RemoveApplication { group: SEA.into(), application: CABLE.into() }),
                    ],
                },
                Step {
                    narration: "In SRV-DUB's panel, press Start on both applications, so that their orchestrations are enlisted and started. Then press Create bridge, which SRV-DUB's panel proposes: a send port in SRV-SEA with the manager's own filter, sending to a receive port in SRV-DUB that publishes into Dublin's MessageBox.",
                    highlight: "inspector",
                    goal: Goal::All(vec![started(DUB, MANAGER), Goal::BridgeCreated]),
                    goal_text: "Dublin's OrderManager is started and the bridge exists",
                    hint: "SRV-DUB's panel: Start on each application, then Create bridge from SRV-SEA.",
                    show_me: vec![
                        act(Command::StartApplication { group: DUB.into(), application: MESSAGING.into() }),
                        act(Command::StartApplication { group: DUB.into(), application: CABLE.into() }),
                        act(Command::CreateBridge { from: SEA.into(), to: DUB.into(), application: CABLE.into() }),
                    ],
                },
                Step {
                    narration: "Submit a cable order in Seattle and press Play. The bridge send port's subscription matches it, it crosses the WAN link, and Dublin's OrderManager is activated. Neither orchestration was changed.",
                    highlight: "canvas",
                    goal: manager_for(DUB, "CABLEORDER"),
                    goal_text: "Dublin's OrderManager was activated by a CABLEORDER order",
                    hint: "Compose, Submit, Play.",
                    show_me: vec![act(order("1", "1", 1, "NS")), run(200)],
                },
            ],
            summary: [
                "Moving a subscriber to another group takes a bridge: a send port with the subscriber's filter and a receive port that publishes into the other MessageBox.",
                "The orchestrations did not change because they only ever talk to their own MessageBox.",
            ],
        },
        Lesson {
            id: "bridge-breaks",
            title: "When the bridge breaks",
            scenario: "split-groups.json",
            setup: the_move(),
            steps: vec![
                Step {
                    narration: "Here the OrderManager already runs in SRV-DUB behind a bridge. Click a group's title and press Cut to cut the WAN link, then submit a cable order and press Play. Seattle's bridge send port cannot reach Dublin's queue: it retries.",
                    highlight: "canvas",
                    goal: Goal::All(vec![Goal::LinkUp { up: false }, Goal::TransmitRetried { group: SEA }]),
                    goal_text: "The link is cut and the bridge port is retrying",
                    hint: "The link's Cut button is in either group's panel.",
                    show_me: vec![act(Command::SetLinkUp { a: SEA.into(), b: DUB.into(), up: false }), act(order("1", "1", 1, "NS")), run(200)],
                },
                Step {
                    narration: "Press Play and let it run: after its retries (3, five minutes apart, BizTalk's defaults) the transmission is suspended, resumable, and the run pauses there. The line under the goal shows the failed tries and when the next one is due; idle minutes of virtual time pass at once.",
                    highlight: "group-hub",
                    goal: Goal::TransmissionSuspended { group: SEA },
                    goal_text: "The bridge transmission is suspended in SRV-SEA",
                    hint: "Play; idle minutes pass at once.",
                    show_me: vec![run(200)],
                },
                Step {
                    narration: "Restore the link (a group's title, Restore), then open the Group Hub for SRV-SEA, press Resume on the suspended transmission, and press Play: the order reaches Dublin's OrderManager.",
                    highlight: "group-hub",
                    goal: Goal::All(vec![Goal::LinkUp { up: true }, manager_for(DUB, "CABLEORDER")]),
                    goal_text: "The link is up and Dublin's OrderManager got the order",
                    hint: "Restore in the group panel; Resume in the Group Hub (SRV-SEA); then Play.",
                    show_me: vec![act(Command::SetLinkUp { a: SEA.into(), b: DUB.into(), up: true }), ShowMe::ResumeTransmission(SEA), run(200)],
                },
                Step {
                    narration: "The PassThru mistake. A receive pipeline such as XMLReceive reads the document and promotes its properties; PassThru leaves the document untouched and promotes none of the document's own properties, only system ones such as BTS.ReceivePortName. Click Dublin's bridge receive location, DUB-FromSEA-CableOrder-RL, press Use PassThru, then submit another order and press Play. Only the body crossed the link, so SV.Status and SV.OrderMgrType are not promoted in Dublin and nothing matches there.",
                    highlight: "group-hub",
                    goal: Goal::All(vec![Goal::PassThru { group: DUB }, Goal::RoutingFailure { group: DUB }]),
                    goal_text: "Dublin's bridge location uses PassThru and an order failed to route there",
                    hint: "Click the location in the SRV-DUB region, then Use PassThru; then Compose, Submit, Play.",
                    show_me: vec![
                        act(Command::SetLocationPipeline { group: DUB.into(), location: "DUB-FromSEA-CableOrder-RL".into(), pipeline: Pipeline::PassThru }),
                        act(order("2", "1", 1, "NS")),
                        run(200),
                    ],
                },
            ],
            summary: [
                "A send port retries, then suspends its transmission, resumable: resume it once the far end is reachable.",
                "Only the body crosses groups, so the receiving pipeline must promote the routing properties again; PassThru does not.",
            ],
        },
        Lesson {
            id: "convoys",
            title: "Updates, duplicates and convoys",
            scenario: "default.json",
            setup: vec![Command::SetResponderRunning { group: SEA.into(), responder: "Facilities".into(), running: false }],
            steps: vec![
                Step {
                    narration: "In this lesson the facilities system is stopped, so an order's manager waits in its first stage. In Compose, submit customer 3, order 1, sequence number 1, code NS, and press Play.",
                    highlight: "compose-form",
                    goal: manager_for(SEA, "CABLEORDER"),
                    goal_text: "An OrderManager instance is running the order",
                    hint: "Customer 3, order 1, sequence 1, Submit, Play.",
                    show_me: vec![act(order("3", "1", 1, "NS")), run(200)],
                },
                Step {
                    narration: "Submit the same order with sequence number 2 (code ND), an update, and press Play. An order and its updates must reach the one instance already running it: a convoy. The first message set the manager's convoy set (Status, customer, order), and the running instance holds an instance subscription on those values, so the update goes to that instance, not to a new one. A higher SeqNum interrupts the stage and restarts it (documentation: \"Working with Convoy Scenarios\").",
                    highlight: "event-log",
                    goal: Goal::All(vec![Goal::ConvoyMatched { group: SEA }, Goal::Logged { group: SEA, text: "was interrupted by the update" }]),
                    goal_text: "The update went to the running instance, which restarted with it",
                    hint: "Customer 3, order 1, sequence 2, Submit, Play.",
                    show_me: vec![act(order("3", "1", 2, "ND")), run(200)],
                },
                Step {
                    narration: "Submit sequence number 2 again and press Play: equal to the current one, it is a duplicate. The manager reports an error to operations; no new instance.",
                    highlight: "event-log",
                    goal: Goal::PublishedWith { group: SEA, property: "Error", value: "DUPLICATE" },
                    goal_text: "The duplicate was reported",
                    hint: "The same order, sequence 2, Submit, Play.",
                    show_me: vec![act(order("3", "1", 2, "ND")), run(200)],
                },
            ],
            summary: [
                "In a convoy, every later message of the same order goes to the one running instance, through its instance subscription.",
                "The OrderManager compares SeqNum: higher is an update (interrupt and restart), equal is a duplicate.",
            ],
        },
    ]
}
