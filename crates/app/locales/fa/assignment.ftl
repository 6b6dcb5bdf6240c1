## Reviewer pool, declared conflicts and reviewer assignment (issue 11).

invalid-no_account = حسابی با این ایمیل نیست.
invalid-not_a_reviewer = این حساب نقش داور ندارد.
invalid-pair_conflicted = این داور با این طرح تعارض منافع دارد و نمی‌توان او را تثبیت کرد.
invalid-run_not_proposed = این اجرا دیگر در انتظار تصمیم نیست.
invalid-run_stale = از زمان این اجرا، داوران یا تخصیص‌ها تغییر کرده‌اند؛ دوباره حل کنید.
invalid-not_found = پیدا نشد.

assignment-short-too-few = فقط { $eligible } داور مجاز (بدون تعارض، با ظرفیت خالی) دارد و { $need } داور لازم است.
assignment-short-full = داوران مجاز این طرح، ظرفیتشان را به طرح‌های دیگر همین گروه داده‌اند.

mail-review-assigned-subject = داوری تازه: { $title }
mail-review-assigned-body =
    سلام،

    داوری { $count } طرح پیشنهادی برای چالش { $title } به شما سپرده شد:
    { $link }
