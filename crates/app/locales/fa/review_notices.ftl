## What reviewers are told of their assignments (issue 11): only what the stage's blind mode lets them see.

notification-no-date = بدون مهلت
notification-review_assigned = داوری طرح «{ $title }» به شما سپرده شد.
notification-kind-review_assigned = داوری تازه به من سپرده شد
mail-review-assigned-subject = داوری تازه: «{ $title }»
mail-review-assigned-body =
    سلام،

    داوری طرح «{ $title }» در مرحلهٔ «{ $stage }» از فراخوان «{ $call }» به شما سپرده شد.
    مهلت داوری: { $date }

    طرح و فرم داوری:
    { $link }

assignment-late-conflict = تعارض منافعِ تازه: داوری‌اش شمرده نمی‌شود؛ برای جایگزینی دوباره حل کنید.

notification-review_reminder = یادآوری: مهلت داوری طرح «{ $title }» نزدیک است.
notification-kind-review_reminder = یادآوری مهلت داوری‌های من
mail-review-reminder-subject = { $when ->
        [last_day] آخرین روز داوری «{ $title }»
       *[before] یادآوری مهلت داوری «{ $title }»
    }
mail-review-reminder-body =
    سلام،

    داوری شما دربارهٔ طرح «{ $title }» در مرحلهٔ «{ $stage }» از فراخوان «{ $call }» هنوز ثبت نشده است.
    { $when ->
        [last_day] امروز آخرین روز داوری است؛ مهلت: { $date }
       *[before] مهلت داوری: { $date }
    }

    طرح و فرم داوری:
    { $link }
