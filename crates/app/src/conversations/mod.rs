//! Conversations: one thread of messages per object (an introduction, a challenge's review thread),
//! between exactly the parties the object's own rule lets see it (`subjects`).

pub mod list;
pub mod post;
pub mod show;
pub mod subjects;

pub use halqe_db::conversations::MessageListed;
pub use list::ConversationItem;
pub use show::Thread;
pub use subjects::SubjectView;
