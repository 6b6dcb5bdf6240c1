# دعوت به ارسال طرح برای چالش، پس‌گرفتن درخواست معرفی، چالش‌های هم‌خوان با پروفایل.
introduction-status-withdrawn = پس‌گرفته‌شده
introduction-event-withdrawn = پس گرفته شد
introduction-withdraw = پس‌گرفتن درخواست
introduction-withdraw-lead = نامزد هنوز پاسخ نداده است. با پس‌گرفتن، درخواست بسته می‌شود و به نامزد خبر داده می‌شود.
notification-challenge_invitation = { $agency } شما را به ارسال طرح برای چالش «{ $title }» دعوت کرد.
notification-introduction_withdrawn = { $name } درخواست «{ $title }» را پس گرفت.
notification-kind-challenge_invitation = دعوت به ارسال طرح برای چالش
notification-kind-introduction_withdrawn = پس‌گرفتن درخواست
mail-challenge-invitation-subject = دعوت { $agency } به ارسال طرح برای یک چالش
mail-challenge-invitation-body =
    سلام،

    { $agency } پروفایل شما را در سامانه حلقه دیده و شما را به ارسال طرح برای این چالش دعوت می‌کند:
    «{ $title }»

    تا دعوت را نپذیرید، نشانی ایمیل و تلفن همراه شما به دستگاه داده نمی‌شود. برای دیدن چالش و پاسخ به دعوت:
    { $link }
mail-challenge-invitation-claim-subject = دعوت { $agency } به ارسال طرح برای یک چالش
mail-challenge-invitation-claim-body =
    { $name } گرامی،

    { $agency } شما را در سامانه حلقه به ارسال طرح برای این چالش دعوت می‌کند:
    «{ $title }»

    پروفایلی به نام شما در حلقه هست. برای پاسخ، نخست پروفایل را با پیوند زیر دریافت کنید (اعتبار: نود روز)؛ سپس دعوت را در بخش «معرفی‌ها» می‌بینید:
    { $link }

    تا دعوت را نپذیرید، نشانی ایمیل و تلفن همراه شما به دستگاه داده نمی‌شود.
mail-introduction-withdrawn-subject = درخواستی که برای شما فرستاده شده بود پس گرفته شد
mail-introduction-withdrawn-body =
    سلام،

    { $name } درخواست «{ $title }» را پس گرفت. کاری لازم نیست.
    { $link }
invalid-already_invited_to_apply = این نامزد پیش‌تر به همین چالش دعوت شده است.
invalid-invitations_closed = دعوت تنها تا زمانی ممکن است که چالش منتشر شده و پذیرای طرح باشد.
invalid-not_eligible = این چالش این گونه نامزد را نمی‌پذیرد.
invalid-need_of_challenge = این نیاز از آنِ یک چالش است: تا چالش باز است، از صفحهٔ خود چالش دعوت کنید.
invalid-try_again = هم‌زمان کس دیگری این را تغییر داد؛ لطفاً دوباره بکوشید.
invitation-to-apply-badge = دعوت به ارسال طرح
invitation-to-apply-challenge = چالش
invitation-to-apply-answer-lead = اگر بپذیرید، دستگاه نشانی ایمیل و تلفن همراه شما را می‌بیند و می‌توانید برای چالش طرح پیشنهادی بنویسید. اگر نپذیرید، چیزی به اشتراک گذاشته نمی‌شود.
invitation-to-apply-next = گام بعد: طرح پیشنهادی شما
invitation-to-apply-next-lead = دعوت را پذیرفتید. متن کامل چالش را بخوانید و طرح پیشنهادی خود را پیش از مهلت آماده کنید.
invitation-to-apply-open-challenge = دیدن چالش
invitations-to-apply = دعوت‌ها به ارسال طرح
invitations-to-apply-lead = افراد و گروه‌هایی را که می‌خواهید دعوت کنید برگزینید. هر یک چالش را می‌بیند و خود تصمیم می‌گیرد؛ اطلاعات تماس تنها پس از پذیرش به شما می‌رسد.
invitations-to-apply-invite = دعوت از برگزیده‌ها
invitations-to-apply-select = دعوت
invitations-to-apply-note = یادداشت برای دعوت‌شدگان (اختیاری)
invitations-to-apply-sent = دعوت‌ها فرستاده شد: { $count }.
invitations-to-apply-none = هنوز دعوتی فرستاده نشده است.
invitations-to-apply-closed = دعوت تنها تا زمانی ممکن است که چالش منتشر شده و پذیرای طرح باشد.
invitations-to-apply-invited = دعوت‌شده
home-challenges-title = چالش‌های باز هم‌خوان با پروفایل شما
home-challenges-lead = به ترتیب هم‌خوانی، بر پایه واژه‌ها و حوزه‌های پروفایل شما.
home-challenges-none = هنوز چالش بازی با پروفایل شما هم‌خوان نیست.
home-challenges-no-profile = پروفایل خود را کامل کنید تا چالش‌های باز هم‌خوان با آن را ببینید.
home-challenges-why = هم‌خوان با پروفایل شما در: { $words }
home-challenges-deadline = مهلت ارسال طرح تا { $date }
mail-digest-challenges = چالش‌های باز هم‌خوان با پروفایل شما:
