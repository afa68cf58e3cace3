//! The glossary: each BizTalk term the lessons use, in one plain sentence, with the title of the
//! BizTalk documentation page it comes from. The lesson panel marks a term where it first appears in a
//! lesson (a tooltip on hover and keyboard focus); the help overlay lists them all.

/// One term.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Term {
    /// The term as the glossary lists it.
    pub term: &'static str,
    /// The words that count as the term in a lesson's text, matched whole and case-insensitively;
    /// longer forms win over shorter ones at the same place ("send port group" over "send port").
    pub forms: &'static [&'static str],
    /// What it means, in one plain sentence.
    pub sentence: &'static str,
    /// The BizTalk documentation page the sentence rests on, by its title.
    pub doc: &'static str,
}

const fn t(
    term: &'static str,
    forms: &'static [&'static str],
    sentence: &'static str,
    doc: &'static str,
) -> Term {
    Term {
        term,
        forms,
        sentence,
        doc,
    }
}

/// Every term, in the order a learner meets them.
pub const GLOSSARY: &[Term] = &[
    t("MessageBox", &["MessageBox", "MessageBoxes"],
      "The database at the heart of a BizTalk group: every message is published into it, and it gives a copy to each subscriber whose subscription matches.",
      "The MessageBox Database"),
    t("publish", &["publish", "publishes", "published", "publishing", "publisher", "publishers"],
      "To hand a message to the MessageBox, which then finds who subscribes to it; a publisher never names the receiver.",
      "Publish and Subscribe Architecture"),
    t("subscription", &["subscription", "subscriptions", "subscribe", "subscribes", "subscriber", "subscribers"],
      "A subscriber's standing request kept in the MessageBox: a filter on promoted properties, and what to do with a message that matches it.",
      "Publish and Subscribe Architecture"),
    t("activation subscription", &["activation subscription", "activation subscriptions"],
      "A subscription whose match starts a new instance of its subscriber (an orchestration's first Receive, or a send port's filter); it lasts while the subscriber is enlisted.",
      "Publish and Subscribe Architecture"),
    t("instance subscription", &["instance subscription", "instance subscriptions"],
      "A subscription that belongs to one running orchestration instance, so a match goes to that instance instead of starting a new one; it ends with the instance.",
      "Publish and Subscribe Architecture"),
    t("promoted property", &["promoted property", "promoted properties", "promoted", "promotes", "promote", "promoting", "promotion"],
      "A message context property that routing can see: only promoted properties can be used in filters and subscriptions.",
      "About BizTalk Message Context Properties"),
    t("written property", &["written property", "written properties", "written"],
      "A message context property that travels with the message but that routing ignores: a filter on it never matches.",
      "About BizTalk Message Context Properties"),
    t("property schema", &["property schema", "property schemas"],
      "A schema that declares properties (name, namespace and type) so that they can be promoted; it must be deployed in a group before filters there can use them.",
      "Property Schemas"),
    t("filter", &["filter", "filters", "filtered"],
      "The conditions a subscriber sets on promoted properties, such as Status == ACCEPTED And OrderMgrType == CABLEORDER: an OR of AND-groups.",
      "How to Configure Filters for a Send Port"),
    t("send port", &["send port", "send ports"],
      "A subscriber that delivers the messages it gets out of BizTalk to an address (a queue, a folder, a web address), retrying if the transport fails.",
      "Send Ports and Send Port Groups"),
    t("send port group", &["send port group", "send port groups"],
      "A named set of send ports, like a mailing list: a message routed to the group goes to every member.",
      "Send Ports and Send Port Groups"),
    t("receive port", &["receive port", "receive ports"],
      "A named set of receive locations; a message arriving on any of them is published into the MessageBox by the receive port.",
      "Receive Ports"),
    t("receive location", &["receive location", "receive locations"],
      "One way into a receive port: an address, the adapter that reads it, and a receive pipeline.",
      "Receive Locations"),
    t("pipeline", &["pipeline", "pipelines"],
      "The processing a message goes through on its way in or out of BizTalk; a receive pipeline reads the document and promotes its properties.",
      "Processing the Message"),
    t("XMLReceive", &["XMLReceive"],
      "The standard receive pipeline for XML documents: it finds the message type and promotes the document's properties that a deployed property schema declares.",
      "Processing the Message"),
    t("PassThru", &["PassThru"],
      "A pipeline that leaves the document untouched: it promotes none of the document's own properties, only system properties such as BTS.ReceivePortName.",
      "How to Use Message Context Properties"),
    t("orchestration", &["orchestration", "orchestrations"],
      "A business process deployed in BizTalk, drawn as a flow of shapes: its Receive shapes subscribe to messages and its Send shapes publish them.",
      "Orchestrations"),
    t("enlist", &["enlist", "enlists", "enlisted", "enlisting"],
      "To create a subscriber's subscriptions in the MessageBox; an enlisted subscriber's messages are routed to it, even while it is stopped.",
      "How to Enlist an Orchestration"),
    t("unenlist", &["unenlist", "unenlists", "unenlisted", "unenlisting"],
      "To remove a subscriber's subscriptions: a message that only it would have taken then matches nothing.",
      "How to Unenlist an Orchestration"),
    t("started / stopped", &["started", "stopped"],
      "A started subscriber processes the messages it gets; a stopped one is still enlisted, so its messages wait, suspended (resumable), until it starts.",
      "Send Ports and Send Port Groups"),
    t("suspended (resumable)", &["suspended", "suspends", "resumable"],
      "Set aside in the MessageBox with nothing lost: an administrator can resume it (carry on) or terminate it (discard it) from the Group Hub.",
      "Service Instance States"),
    t("Group Hub", &["Group Hub"],
      "The administration page of one BizTalk group that lists its suspended and running work and lets you resume or terminate it.",
      "Service Instance States"),
    t("routing failure", &["routing failure", "routing failures"],
      "A publish that matches no subscription: BizTalk writes a routing failure report and suspends the message, or throws an exception to the orchestration that published it.",
      "Types of Message Failures"),
    t("convoy", &["convoy", "convoys"],
      "Several related messages (an order and its updates) that must all reach the same orchestration instance.",
      "Working with Convoy Scenarios"),
    t("convoy set", &["convoy set", "convoy sets"],
      "The values the first message of a convoy carries (here Status, customer and order); later messages with the same values go to the instance already running.",
      "Working with Convoy Scenarios"),
    t("correlation", &["correlation", "correlates", "correlated"],
      "Finding the running instance a message belongs to by values it carries, such as the customer and order numbers.",
      "Correlation Sets"),
    t("BizTalk group", &["BizTalk group", "BizTalk groups"],
      "A set of BizTalk servers that share one configuration database and one MessageBox; subscriptions never reach across groups.",
      "BizTalk Groups"),
    t("bridge", &["bridge", "bridges"],
      "In this lab, a send port in one group and a receive port in another joined over the network, so orders published in the first reach subscribers in the second.",
      "Communication Between OrderBroker and OrderManager"),
    t("host", &["host", "hosts", "host instance", "host instances"],
      "A logical container that runs ports and orchestrations; a host instance is that host running on one server.",
      "Hosts"),
    t("binding", &["binding", "bindings"],
      "The settings that tie an application's logical ports to real ports, hosts and addresses; they travel in a binding file with an exported application.",
      "Binding Files and Application Deployment"),
    // The event log's own terms, which the lessons meet later or never.
    t("priority", &["priority", "priorities"],
      "The order in which a host takes the copies waiting in its work queue, from 1 (first) to 10 (last); in this lab send ports and running instances wait at 5, new orchestration instances at 7.",
      "How to Configure Transport Advanced Options for a Send Port"),
    t("dehydration", &["dehydration", "dehydrate", "dehydrates", "dehydrated", "rehydration", "rehydrate", "rehydrates", "rehydrated"],
      "An orchestration instance that waits for a message or a delay is saved to the database and taken out of memory; when its message comes it is rehydrated, loaded back to run on.",
      "Orchestration Dehydration and Rehydration"),
    t("transmission", &["transmission", "transmissions"],
      "In this lab, one send port's work on one message: its tries, its retries and its backup transport, numbered like an instance and suspended in the Group Hub when every try failed.",
      "How to Configure Transport Advanced Options for a Send Port"),
    t("backup transport", &["backup transport", "backup transports"],
      "A send port's second address and adapter, used once every retry on the first one has failed.",
      "How to Configure Backup Transport Options for a Send Port"),
    t("acknowledgement", &["acknowledgement", "acknowledgements", "delivery notification", "delivery notifications"],
      "A message BizTalk publishes when a send port has sent a message (ACK) or given up on it (NACK), for whoever subscribes to it; with no subscriber it is discarded.",
      "Using Acknowledgments"),
    t("scope", &["scope", "scopes"],
      "A shape in an orchestration that groups other shapes; its exception handler catches what they throw, so the instance carries on instead of being suspended.",
      "Catch Exception Blocks"),
];

/// A piece of text to show: plain, or a glossary term (the words as written, and the term).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece<'a> {
    Text(&'a str),
    Term(&'a str, &'static Term),
}

/// A word character, for whole-word matching: letters, digits, `_` and `-` (so "Written-SP" is not the
/// word "written", and "non-resumable" is not "resumable").
fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '-'
}

/// Every glossary term used in `text`, in order, as (byte start, byte end, term). At each place the longest
/// form wins; matches are whole words, case-insensitive.
pub fn uses(text: &str) -> Vec<(usize, usize, &'static Term)> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let before_ok = text[..at].chars().next_back().is_none_or(|c| !word_char(c));
        let here = text[at..].chars().next().expect("inside the text");
        if before_ok && word_char(here) {
            let best = GLOSSARY
                .iter()
                .flat_map(|term| term.forms.iter().map(move |f| (term, *f)))
                // Compared in place: the event log marks hundreds of lines each render.
                .filter(|(_, form)| {
                    let end = at + form.len();
                    text.get(at..end)
                        .is_some_and(|words| words.eq_ignore_ascii_case(form))
                        && text[end..].chars().next().is_none_or(|c| !word_char(c))
                })
                .max_by_key(|(_, form)| form.len());
            if let Some((term, form)) = best {
                out.push((at, at + form.len(), term));
                at += form.len();
                continue;
            }
        }
        at += here.len_utf8();
    }
    out
}

/// Splits `text` into pieces, marking the first use of each term not yet in `seen` (and adding it).
pub fn mark_first_uses<'a>(
    text: &'a str,
    seen: &mut std::collections::BTreeSet<&'static str>,
) -> Vec<Piece<'a>> {
    let mut pieces = Vec::new();
    let mut last = 0;
    for (start, end, term) in uses(text) {
        if !seen.insert(term.term) {
            continue;
        }
        if start > last {
            pieces.push(Piece::Text(&text[last..start]));
        }
        pieces.push(Piece::Term(&text[start..end], term));
        last = end;
    }
    if last < text.len() {
        pieces.push(Piece::Text(&text[last..]));
    }
    pieces
}

/// The terms a lesson has marked before step `step` (in the narration of steps 0..step).
pub fn seen_before(
    lesson: &super::Lesson,
    step: usize,
) -> std::collections::BTreeSet<&'static str> {
    let mut seen = std::collections::BTreeSet::new();
    for s in lesson.steps.iter().take(step) {
        mark_first_uses(s.narration, &mut seen);
    }
    seen
}
