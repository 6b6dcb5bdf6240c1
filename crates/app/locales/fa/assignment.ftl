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

pool-title = داوران فراخوان
pool-lead = حساب‌هایی با نقش داور، با سقف بار هر داور در این فراخوان. تخصص و تعارض منافع هر داور از پروفایل او در ثبت خوانده می‌شود.
pool-empty = هنوز داوری به این فراخوان افزوده نشده است.
pool-reviewer = داور
pool-load = بار فعلی / سقف
pool-state = وضعیت
pool-no-profile = پروفایل ثبت‌شده ندارد؛ تخصص و تعارض منافعش سنجیده نمی‌شود.
pool-removed = کنار گذاشته شده در
pool-available = در دسترس
pool-unavailable = در دسترس نیست
pool-max-load = سقف بار
pool-save = ذخیره
pool-reason = دلیل
pool-remove = کنار گذاشتن
pool-add-title = افزودن داور
pool-email = ایمیل حساب داور
pool-add = افزودن

declared-title = تعارض منافع اعلام‌شده
declared-lead = اگر با طرحی، سازمانی یا شخصی رابطه‌ای دارید که بی‌طرفی شما را زیر سؤال می‌برد، اینجا اعلام کنید؛ هیچ طرحی از آن‌ها به شما سپرده نمی‌شود.
declared-empty = تعارضی اعلام نکرده‌اید.
declared-about-proposal = طرح پیشنهادی
declared-about-organization = سازمان
declared-about-person = شخص
declared-withdraw = پس گرفتن
declared-new = اعلام تعارض
declared-field-about = درباره
declared-field-about-id = شناسه
declared-help-about-id = برای طرح، شناسهٔ نشانی صفحهٔ داوری خودتان؛ برای سازمان یا شخص، شناسهٔ نشانی صفحهٔ آن.
declared-unnamed = (نام نشان داده نمی‌شود)
declared-field-note = توضیح
declared-add = اعلام

assignment-title = تخصیص داوران
assignment-lead = هر طرح { $count } داور لازم دارد. داوران دارای تعارض منافع هرگز تخصیص نمی‌یابند.
assignment-mode = هدف
assignment-mode-total = بیشترین تناسب کل
assignment-mode-fair = منصفانه: اول بهترین برای کم‌بهره‌ترین طرح
assignment-start = حل تخصیص
assignment-run = اجرا
assignment-state-running = در حال حل
assignment-state-proposed = پیشنهاد شده، در انتظار تصمیم
assignment-state-infeasible = شدنی نیست
assignment-state-failed = ناموفق
assignment-state-cancelled = لغو شده
assignment-state-applied = اعمال شده
assignment-state-discarded = کنار گذاشته شده
assignment-total = تناسب کل
assignment-proven = بهینه بودن اثبات شده
assignment-cancel = لغو
assignment-apply = اعمال تخصیص
assignment-discard = کنار گذاشتن
assignment-proposal = طرح
assignment-proposed = پیشنهاد این اجرا
assignment-in-force = تخصیص‌های جاری
assignment-conflicts = تعارض منافع
assignment-pinned = تثبیت‌شده
assignment-rules = تثبیت و منع
assignment-rules-empty = قاعده‌ای گذاشته نشده است.
assignment-rule = قاعده
assignment-rule-pin = تثبیت
assignment-rule-forbid = منع
assignment-rule-set = ثبت قاعده
assignment-rule-clear = برداشتن
assignment-runs = اجراها
