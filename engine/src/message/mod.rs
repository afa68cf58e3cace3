//! Messages and their context (domain.md 1.3, 1.4). A message is built as a draft, whose context can be
//! changed, and becomes an immutable `Message` when the MessageBox takes it.

mod context;
mod draft;

pub use context::{Context, ContextError, ContextProperty};
pub use draft::MessageDraft;

use serde::{Deserialize, Serialize};

/// A published message's id, unique in its MessageBox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MessageId(pub u64);

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A published message: immutable, so its fields are read through accessors only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    id: MessageId,
    /// The body part; the simulator models one part (domain.md 1.3).
    body: String,
    context: Context,
}

impl Message {
    pub(crate) fn new(id: MessageId, draft: MessageDraft) -> Self {
        Self {
            id,
            body: draft.body,
            context: draft.context,
        }
    }

    pub fn id(&self) -> MessageId {
        self.id
    }

    pub fn body(&self) -> &str {
        &self.body
    }

    pub fn context(&self) -> &Context {
        &self.context
    }

    /// A new draft with this message's body and context: changing a message means building a new one.
    pub fn to_draft(&self) -> MessageDraft {
        MessageDraft {
            body: self.body.clone(),
            context: self.context.clone(),
        }
    }
}
