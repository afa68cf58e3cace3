//! Why a MessageBox refused a command. A refused command changes nothing.

use std::fmt;

/// The product's text for a publish with no subscriber (domain.md 1.9).
pub const NO_SUBSCRIBERS_TEXT: &str = "The published message could not be routed because no subscribers were found. \
This error occurs if the subscribing orchestration or send port has not been enlisted, or if some of the \
message properties necessary for subscription evaluation have not been promoted. Please use the BizTalk \
Administration console to troubleshoot this failure.";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CommandError {
    /// The named thing does not exist.
    Unknown(String),
    /// The thing exists but the action does not apply in its state or breaks a rule.
    Refused(String),
    /// An orchestration's publish found no subscriber (domain.md 1.9).
    NoSubscribers { publisher: String },
}

impl fmt::Display for CommandError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CommandError::Unknown(what) => write!(f, "unknown {what}"),
            CommandError::Refused(why) => f.write_str(why),
            CommandError::NoSubscribers { publisher } => {
                write!(f, "{publisher}: {NO_SUBSCRIBERS_TEXT}")
            }
        }
    }
}

impl std::error::Error for CommandError {}
