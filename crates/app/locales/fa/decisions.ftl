# تصمیم‌ها دربارهٔ طرح‌های در حال ارزیابی، درخواست‌های تجدیدنظر و نمای حسابرس از سابقه (issue 11).
role-auditor = حسابرس
evaluation-record = ارزیابی
evaluation-stage-now = مرحله
evaluation-state = وضعیت
evaluation-state-in_review = در حال داوری
evaluation-state-rejected = ردشده
evaluation-state-appealed = در انتظار پاسخ تجدیدنظر
evaluation-state-awarded = برگزیده
evaluation-state-not_awarded = برگزیده نشد
evaluation-decisions-none = هنوز تصمیمی گرفته نشده است.
evaluation-outcome = تصمیم
evaluation-outcome-advance = راه‌یافته به مرحلهٔ بعد
evaluation-outcome-reject = رد
evaluation-outcome-award = برگزیده
evaluation-outcome-no_award = برگزیده نشد
evaluation-outcome-reinstate = بازگشت به داوری در پی تجدیدنظر
evaluation-answers-appeal = پاسخ به درخواست تجدیدنظر
evaluation-decision-open = تصمیم و ثبت‌های آن در سابقهٔ حسابرسی
evaluation-reason = دلیل
evaluation-decide = ثبت تصمیم
evaluation-decision = تصمیم
evaluation-decided-by = تصمیم‌گیرنده
evaluation-audit-entries = ثبت‌های سابقهٔ حسابرسی
evaluation-gate-title = تصمیم‌های مرحله
evaluation-gate-empty = طرحی در این مرحله نیست.
evaluation-score = امتیاز وزنی
evaluation-reviews-n = { $count } داوری
evaluation-proposed = پیشنهاد دروازه
evaluation-proposed-pass = پذیرفته
evaluation-proposed-tie = هم‌امتیاز در آخرین جایگاه: انتخاب با کارشناس
evaluation-proposed-below = نپذیرفته
evaluation-proposed-unscored = هنوز داوری نشده
evaluation-proposed-panel = تصمیم با هیئت
evaluation-bulk-help = همین تصمیم و دلیل برای هر طرحِ علامت‌خورده جداگانه ثبت می‌شود.
evaluation-bulk-decided = { $count } تصمیم ثبت شد.
appeal = درخواست تجدیدنظر
appeal-state-pending = در انتظار پاسخ
appeal-state-upheld = نپذیرفته: تصمیم پابرجاست
appeal-state-overturned = پذیرفته: بازگشت به داوری
appeal-answer = پاسخ
appeal-until = می‌توانید تا { $date } یک بار برای این تصمیم درخواست تجدیدنظر بدهید.
appeal-reason = چرا تصمیم باید بازبینی شود
appeal-file = ثبت درخواست تجدیدنظر
appeal-verdict = نتیجه
appeal-decide = پاسخ به درخواست تجدیدنظر
auditing-title = سابقهٔ حسابرسی
auditing-lead = همهٔ کارهای ثبت‌شده، از تازه‌ترین. بر پایهٔ نوع (کار یا آغاز آن، مانند evaluation.)، انجام‌دهنده، موضوع یا تاریخ پالایش کنید و آنچه می‌بینید را برون‌بری کنید.
auditing-kind = نوع
auditing-actor = انجام‌دهنده (ایمیل)
auditing-object = موضوع (شناسه)
auditing-from = از تاریخ
auditing-to = تا تاریخ
auditing-filter = پالایش
auditing-export-csv = برون‌بری CSV
auditing-export-jsonl = برون‌بری JSON Lines
auditing-empty = ثبتی با این پالایش نیست.
auditing-entry = ثبت حسابرسی
auditing-details = جزئیات
auditing-prev = درهم‌سازِ ثبت پیشین
invalid-decision_conflict = هم‌زمان با شما کس دیگری دربارهٔ این طرح تصمیم گرفت. صفحه را دوباره بارگذاری کنید تا تصمیم او را ببینید.
invalid-decision_wrong_state = دربارهٔ این طرح در این مرحله پیش‌تر تصمیم گرفته شده است.
invalid-decision_not_here = این تصمیم در این مرحله ممکن نیست.
invalid-decision_not_in_stage = این طرح دیگر در این مرحله نیست.
invalid-appeal_not_rejected = تنها برای تصمیمِ رد می‌توان درخواست تجدیدنظر داد.
invalid-appeal_once = برای این طرح پیش‌تر درخواست تجدیدنظر داده شده است؛ این درخواست تنها یک بار ممکن است.
invalid-appeal_period_over = مهلت درخواست تجدیدنظر برای این تصمیم گذشته است.
invalid-appeal_same_decider = پاسخ درخواست تجدیدنظر را باید کسی جز تصمیم‌گیرندهٔ نخست بدهد.
invalid-decision_conflicted = شما با این طرح تعارض منافع دارید (از سوی متقاضی یا در تیم آن هستید، داور آن بوده‌اید یا درخواست تجدیدنظر آن را داده‌اید): تصمیم را باید کس دیگری بگیرد.
invalid-decision_overturned_decider = رد این طرح از سوی شما در تجدیدنظر لغو شد: اکنون تصمیم را باید کس دیگری بگیرد.
invalid-appeal_answered = به این درخواست تجدیدنظر پیش‌تر پاسخ داده شده است.
invalid-evaluation_no_stage = فراخوانِ این چالش هنوز مرحلهٔ ارزیابی ندارد: پیش از آغاز ارزیابی مرحله‌ای بیفزایید.
notification-proposal_decided = دربارهٔ طرح پیشنهادی شما «{ $title }» تصمیمی ثبت شد.
notification-appeal_decided = به درخواست تجدیدنظر شما دربارهٔ طرح «{ $title }» پاسخ داده شد.
notification-kind-proposal_decided = تصمیم دربارهٔ طرح من
notification-kind-appeal_decided = پاسخ درخواست تجدیدنظر من
mail-proposal-decided-subject = تصمیم دربارهٔ طرح پیشنهادی «{ $title }»
mail-proposal-decided-body =
    سلام،

    دربارهٔ طرح پیشنهادی شما «{ $title }» تصمیمی ثبت شد: { $outcome ->
        [advance] به مرحلهٔ بعد راه یافت.
        [reject] رد شد.
        [award] برگزیده شد.
       *[no_award] برگزیده نشد.
    }

    دلیل: { $reason }

    تصمیم و، اگر رد شده است، راه درخواست تجدیدنظر:
    { $link }
mail-appeal-decided-subject = پاسخ درخواست تجدیدنظر شما دربارهٔ «{ $title }»
mail-appeal-decided-body =
    سلام،

    به درخواست تجدیدنظر شما دربارهٔ طرح «{ $title }» پاسخ داده شد: { $outcome ->
        [reinstate] درخواست پذیرفته شد و طرح به داوری بازمی‌گردد.
       *[reject] درخواست پذیرفته نشد و تصمیمِ رد پابرجاست.
    }

    پاسخ: { $reason }

    { $link }
