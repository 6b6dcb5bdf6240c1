# پرسش‌های عمومی چالش، گفت‌وگوی بررسی آن و اعلان‌هایشان.
questions-title = پرسش و پاسخ
questions-lead = پاسخ‌ها عمومی است: همهٔ متقاضیان یک پاسخ را می‌خوانند و کسی راهنمایی خصوصی نمی‌گیرد. پرسشی که هنوز پاسخ ندارد را فقط پرسنده، دستگاه صاحب چالش و مرکز می‌بینند.
questions-empty = هنوز به پرسشی پاسخ داده نشده است.
questions-page-newer = پرسش‌های بعدی
questions-page-older = پرسش‌های پیشین
questions-count-unanswered = در انتظار پاسخ: { $count }
question-ask-label = پرسش شما
question-ask-help = حداکثر ۲٬۰۰۰ نویسه. نام شما کنار پرسش نمایش داده نمی‌شود؛ پاسخ برای همه منتشر می‌شود.
question-ask-submit = بپرسید
question-sign-in = برای پرسیدن وارد شوید.
question-closed = این چالش دیگر پرسش نمی‌پذیرد.
question-state-unanswered = در انتظار پاسخ
question-state-answered = پاسخ داده شد
question-state-hidden = پنهان‌شده
question-state-merged = ادغام‌شده
question-mine = پرسش شما
question-asked-by = پرسنده
question-hidden-reason = مرکز این پرسش را پنهان کرده است. دلیل:
question-merged-into = مرکز این پرسش را با پرسشی پیشین ادغام کرد؛ پاسخ آن پاسخ شما نیز هست.
question-see-original = دیدن پرسش اصلی
question-answer-label = پاسخ
question-answer-revise = اصلاح پاسخ
question-answer-help = حداکثر ۴٬۰۰۰ نویسه، برای همه نمایش داده می‌شود. با اصلاح، پاسخ پیشین در سابقه می‌ماند.
question-answer-submit = انتشار پاسخ
question-side-agency = پاسخ دستگاه
question-side-center = پاسخ مرکز نوآوری
question-edited = اصلاح‌شده
question-history = نسخه‌های پیشین پاسخ
question-hide-reason = دلیل پنهان کردن (پرسنده آن را می‌بیند)
question-hide-submit = پنهان کردن
question-merge-into = تکراریِ پرسش
question-merge-into-help = شناسهٔ یک پرسش پیشین؛ قدیمی‌ترین پرسش‌های باز پیشنهاد می‌شوند.
question-merge-submit = ادغام
question-moderation = مدیریت پرسش
questions-unanswered-title = پرسش‌های بی‌پاسخ
questions-unanswered-lead = پرسش‌های عمومی چالش‌های منتشرشده که در انتظار پاسخ‌اند، از قدیمی‌ترین.
questions-unanswered-empty = همهٔ پرسش‌ها پاسخ دارند.
questions-col-challenge = چالش
questions-col-question = پرسش
questions-col-asked = زمان پرسش
nav-questions = پرسش‌ها
challenge-conversation-lead = گفت‌وگوی بررسی میان کارشناسان دستگاه و مرکز؛ متقاضیان آن را نمی‌بینند.
invalid-challenge_not_open = این چالش دیگر پرسش نمی‌پذیرد.
invalid-question_hidden = این پرسش پنهان شده است.
invalid-question_merged = این پرسش با پرسش دیگری ادغام شده است.
invalid-question_answered = پرسشی که پاسخ دارد ادغام نمی‌شود؛ به پرسش اصلی پاسخ دهید.
invalid-question_not_earlier = یکی از پرسش‌های پیشین همین چالش را برگزینید.
invalid-too_many_open_questions = شما هم‌اکنون ۵ پرسش بی‌پاسخ در این چالش دارید؛ پس از پاسخ به آن‌ها دوباره بپرسید.
notification-question_asked = پرسش تازه‌ای دربارهٔ چالش «{ $title }» پرسیده شد.
notification-question_answered = به پرسش شما دربارهٔ چالش «{ $title }» پاسخ داده شد.
notification-kind-question_asked = پرسش تازه دربارهٔ چالش
notification-kind-question_answered = پاسخ به پرسش شما
mail-challenge-message-subject = پیام تازه در بررسی یک چالش
mail-challenge-message-body =
    سلام،

    { $name } در گفت‌وگوی بررسی چالش «{ $title }» پیامی نوشته است:
    { $link }
mail-question-asked-subject = پرسش تازه دربارهٔ یک چالش
mail-question-asked-body =
    سلام،

    یکی از متقاضیان دربارهٔ چالش «{ $title }» پرسشی پرسیده است. پاسخ برای همه منتشر می‌شود:
    { $link }
mail-question-answered-subject = به پرسش شما پاسخ داده شد
mail-question-answered-body =
    سلام،

    پرسش شما دربارهٔ چالش «{ $title }» پاسخی عمومی دارد:
    { $link }
