//! Reminding reviewers of reviews not yet submitted: some days before the due date
//! (`Settings::review_reminder_days`) and again on the last day, each told in blind terms as assignments
//! are (`notices`), in the app and by mail as the reviewer chose for this kind.
//!
//! The periodic task runs on every node; each reminder is claimed in `review_reminders` in the transaction
//! that tells it, so it goes out once whatever the nodes and restarts. Nothing is sent for a review
//! submitted, an assignment removed or conflicted, a proposal decided, or a due date already past (an
//! extension makes a new due date, reminded of anew); a disabled account is told nothing.

use halqe_db::review_reminders;
use halqe_db::{assignments, reviews};
use halqe_domain::evaluation::review as rules;
use halqe_domain::notification::Kind;

use crate::{App, DAY_MS, Result};

/// Which reminder: the codes stored in `review_reminders.kind` and passed to the mail as `when`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reminder {
    /// `review_reminder_days` before the due date.
    Before,
    /// Within the last day.
    LastDay,
}

impl Reminder {
    pub fn code(self) -> &'static str {
        match self {
            Self::Before => "before",
            Self::LastDay => "last_day",
        }
    }

    /// The reminder due at `now` for a review due at `due` of an assignment made at `created`, if any:
    /// the last day's within the last day; the earlier one within `days` before, unless the assignment was
    /// made inside that window (its reviewer was just told the date).
    pub fn at(now: i64, due: i64, created: i64, days: u32) -> Option<Self> {
        let left = due - now;
        if left <= 0 {
            return None;
        }
        if left <= DAY_MS {
            return Some(Self::LastDay);
        }
        let window = i64::from(days) * DAY_MS;
        (left <= window && created < due - window).then_some(Self::Before)
    }
}

/// Sends the reminders due now; returns how many reviewers were told.
pub async fn send_due(app: &App) -> Result<usize> {
    let now = app.now();
    let days = app.settings.review_reminder_days;
    let horizon = now + i64::from(days.max(1)) * DAY_MS;
    let pending = {
        let mut conn = app.db.conn().await?;
        review_reminders::pending(&mut conn, now, horizon).await?
    };
    let mut told = 0;
    for p in pending {
        let Some(reminder) = Reminder::at(now, p.due, p.row.created_at, days) else { continue };
        let mut tx = app.db.begin().await?;
        if !review_reminders::claim(&mut tx, &p.row.id, reminder.code(), p.due, now).await? {
            continue;
        }
        // Read again under the claim: submitted, removed or extended meanwhile, it waits or is dropped.
        let Some(row) = assignments::get(&mut tx, &p.row.id).await?.filter(|a| a.state == "active") else {
            continue;
        };
        let submitted = reviews::of_assignment(&mut tx, &row.id).await?.is_some_and(|r| r.submitted_at.is_some());
        let stage = reviews::stage(&mut tx, &row.stage_id).await?;
        if submitted || stage.and_then(|s| rules::due(s.reviews_due_at, row.due_at)) != Some(p.due) {
            continue;
        }
        if !super::conflicts::conflicted(app, &mut tx, std::slice::from_ref(&row)).await?.is_empty() {
            continue;
        }
        let when = [("when", reminder.code())];
        told +=
            super::notices::tell(app, &mut tx, Kind::ReviewReminder, std::slice::from_ref(&row), &when, now).await?;
        halqe_db::commit(tx).await?;
    }
    Ok(told)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reminder_due_depends_on_the_time_left_and_when_the_assignment_was_made() {
        let due = 100 * DAY_MS;
        let early = 0;
        assert_eq!(Reminder::at(due - 4 * DAY_MS, due, early, 3), None);
        assert_eq!(Reminder::at(due - 3 * DAY_MS, due, early, 3), Some(Reminder::Before));
        assert_eq!(Reminder::at(due - DAY_MS - 1, due, early, 3), Some(Reminder::Before));
        assert_eq!(Reminder::at(due - DAY_MS, due, early, 3), Some(Reminder::LastDay));
        assert_eq!(Reminder::at(due - 1, due, early, 3), Some(Reminder::LastDay));
        assert_eq!(Reminder::at(due, due, early, 3), None, "past due");
        assert_eq!(Reminder::at(due - 2 * DAY_MS, due, due - 2 * DAY_MS, 3), None, "assigned inside the window");
        assert_eq!(Reminder::at(due - 2 * DAY_MS, due, early, 0), None, "0: the last day only");
        assert_eq!(Reminder::at(due - 1, due, due - 2, 0), Some(Reminder::LastDay));
    }
}
