//! The routing debugger's inputs and answer, kept in the lab so they survive a switch to the canvas and
//! back (publish a context, watch it, return). Inputs are not saved with the run: a binding file can be
//! tens of megabytes and belongs to the user's disk, not the browser's storage.

use messagebox_engine::import::{
    debug_routing, parse_state, DebugInputs, PropertySchemaFile, RoutingDebug,
};
use messagebox_engine::messagebox::ServiceState;
use messagebox_engine::property::{Collation, PropertySchema};
use messagebox_engine::world::Command;
use std::rc::Rc;

/// A property schema file the user gave, by its file name.
#[derive(Clone, Debug, PartialEq)]
pub struct SchemaInput {
    pub name: String,
    pub text: String,
}

#[derive(Clone, Debug, Default)]
pub struct DebuggerForm {
    pub bindings: String,
    /// The file the binding file came from, if it was not pasted.
    pub bindings_from: Option<String>,
    pub context: String,
    pub context_from: Option<String>,
    /// The message body to publish with the context (optional; routing reads only the context).
    pub body: String,
    pub schemas: Vec<SchemaInput>,
    /// One `Name = Started | Stopped | Unenlisted` per line.
    pub states: String,
    pub case_sensitive: bool,
    /// The group whose deployed schemas are read and into which a context is published.
    pub group: Option<String>,
    pub search: String,
    /// The last answer, or why there is none.
    pub answer: Option<Result<Rc<RoutingDebug>, String>>,
}

/// One edit of the debugger's inputs.
#[derive(Clone, Debug, PartialEq)]
pub enum DebuggerEdit {
    /// Pasted or typed text.
    Bindings(String),
    Context(String),
    /// A file chosen or dropped: its name and text.
    BindingsFile(String, String),
    ContextFile(String, String),
    Body(String),
    AddSchema(SchemaInput),
    RemoveSchema(usize),
    States(String),
    CaseSensitive(bool),
    Group(String),
    Search(String),
    /// A file could not be read; the reason is shown where the answer goes.
    FileError(String),
    Explain,
}

/// Reads the states box: one `Name = State` per line, blank lines and `#` comments skipped. Errors name
/// the line and say what is accepted.
pub fn parse_states(text: &str) -> Result<Vec<(String, ServiceState)>, String> {
    let mut states = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = |reason: String| format!("subscriber states, line {}: {reason}", i + 1);
        let (name, state) = line
            .split_once('=')
            .ok_or_else(|| at(format!("`{line}` has no `=`; write Name = Stopped")))?;
        let (name, state) = (name.trim(), state.trim());
        if name.is_empty() {
            return Err(at("the subscriber's name is missing before `=`".into()));
        }
        let parsed = parse_state(state).ok_or_else(|| {
            at(format!(
                "`{state}` is not a state; write Started, Stopped (or Enlisted) or Unenlisted"
            ))
        })?;
        states.push((name.to_string(), parsed));
    }
    Ok(states)
}

impl DebuggerForm {
    pub fn edit(&mut self, edit: DebuggerEdit, base: Option<&PropertySchema>) {
        match edit {
            DebuggerEdit::Bindings(t) => (self.bindings, self.bindings_from) = (t, None),
            DebuggerEdit::Context(t) => (self.context, self.context_from) = (t, None),
            DebuggerEdit::BindingsFile(name, t) => {
                (self.bindings, self.bindings_from) = (t, Some(name));
            }
            DebuggerEdit::ContextFile(name, t) => {
                (self.context, self.context_from) = (t, Some(name))
            }
            DebuggerEdit::Body(t) => self.body = t,
            DebuggerEdit::AddSchema(s) => {
                // The same file chosen again replaces the earlier copy.
                self.schemas.retain(|old| old.name != s.name);
                self.schemas.push(s);
            }
            DebuggerEdit::RemoveSchema(i) => {
                if i < self.schemas.len() {
                    self.schemas.remove(i);
                }
            }
            DebuggerEdit::States(t) => self.states = t,
            DebuggerEdit::CaseSensitive(on) => self.case_sensitive = on,
            DebuggerEdit::Group(g) => self.group = Some(g),
            DebuggerEdit::Search(t) => self.search = t,
            DebuggerEdit::FileError(e) => self.answer = Some(Err(e)),
            DebuggerEdit::Explain => self.answer = Some(self.explain(base).map(Rc::new)),
        }
    }

    /// The answer for the current inputs, read with `base` (the chosen group's deployed schemas).
    pub fn explain(&self, base: Option<&PropertySchema>) -> Result<RoutingDebug, String> {
        if self.bindings.trim().is_empty() {
            return Err("binding file: none given; choose, drop or paste one".into());
        }
        if self.context.trim().is_empty() {
            return Err("message context: none given; choose, drop or paste one".into());
        }
        let schemas = self
            .schemas
            .iter()
            .map(|s| {
                PropertySchemaFile::parse(&s.name, &s.text).map_err(|e| format!("{}: {e}", s.name))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let states = parse_states(&self.states)?;
        debug_routing(&DebugInputs {
            bindings: &self.bindings,
            context: &self.context,
            schemas: &schemas,
            states: &states,
            base,
            collation: if self.case_sensitive {
                Collation::CaseSensitive
            } else {
                Collation::CaseInsensitive
            },
        })
    }

    /// The command that publishes the context (and body) into `group`, if a context is given.
    pub fn publish_command(&self, group: &str) -> Option<Command> {
        (!self.context.trim().is_empty()).then(|| Command::PublishContext {
            group: group.to_string(),
            context: self.context.clone(),
            body: (!self.body.trim().is_empty()).then(|| self.body.clone()),
        })
    }
}
