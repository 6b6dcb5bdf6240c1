//! Notifications: what happened on an object a user is party to, shown in the app with an unread count and
//! mailed as each user chose per kind (at once, in the daily digest, or not at all).

pub mod digest;
pub mod list;
pub mod read;
pub(crate) mod send;
pub mod settings;

pub use list::{Inbox, NotificationItem};
