## What reviewers are told of their assignments (issue 11): only what the stage's blind mode lets them see.

notification-no-date = no due date
notification-review_assigned = You were asked to review the proposal “{ $title }”.
notification-kind-review_assigned = A review assigned to me
mail-review-assigned-subject = A new review: "{ $title }"
mail-review-assigned-body =
    Hello,

    You have been asked to review the proposal "{ $title }" in the stage "{ $stage }" of the call "{ $call }".
    Reviews are due: { $date }

    The proposal and the review form:
    { $link }

assignment-late-conflict = Conflict found since: the review counts nowhere; solve again to replace the reviewer.

notification-review_reminder = Reminder: your review of “{ $title }” is due soon.
notification-kind-review_reminder = Reminders of my reviews' due dates
mail-review-reminder-subject = { $when ->
        [last_day] Last day to review "{ $title }"
       *[before] Reminder: your review of "{ $title }" is due soon
    }
mail-review-reminder-body =
    Hello,

    Your review of the proposal "{ $title }" in the stage "{ $stage }" of the call "{ $call }" is not submitted yet.
    { $when ->
        [last_day] Today is the last day; reviews are due: { $date }
       *[before] Reviews are due: { $date }
    }

    The proposal and the review form:
    { $link }
