//! Messages and their context (domain.md 1.3, 1.4). A message is built as a draft, whose context can be
//! changed, and becomes an immutable `Message` when the MessageBox takes it.

mod context;
mod draft;
mod part;
mod scan;

pub use context::{Context, ContextError, ContextProperty};
pub use draft::MessageDraft;
pub use part::{message_type_of, Part};
pub use scan::{element_text, root_and_texts, FieldIndex};

use serde::{Deserialize, Serialize};

/// A published message's id, unique in its MessageBox.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MessageId(pub u64);

impl std::fmt::Display for MessageId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "#{}", self.0)
    }
}

/// A published message: immutable once in the MessageBox (domain.md 1.3), so its fields are read through
/// accessors only.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Message {
    id: MessageId,
    parts: std::sync::Arc<Vec<Part>>,
    body_part: usize,
    context: Context,
}

impl Message {
    pub(crate) fn new(id: MessageId, draft: MessageDraft) -> Self {
        Self {
            id,
            parts: draft.parts,
            body_part: draft.body_part,
            context: draft.context,
        }
    }

    pub fn id(&self) -> MessageId {
        self.id
    }

    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The body part's content.
    pub fn body(&self) -> &str {
        &self.parts[self.body_part].content
    }

    /// The message type, from the body part (domain.md 1.3). Routing sees it only once promoted as
    /// `BTS.MessageType`.
    pub fn message_type(&self) -> Option<String> {
        message_type_of(self.body())
    }

    pub fn context(&self) -> &Context {
        &self.context
    }

    /// A new draft with this message's body and context: changing a message means building a new one.
    pub fn to_draft(&self) -> MessageDraft {
        MessageDraft::from_parts(self.parts.clone(), self.body_part, self.context.clone())
    }
}
