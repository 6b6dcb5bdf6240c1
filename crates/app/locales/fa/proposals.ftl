# Proposals (طرح پیشنهادی): pages, errors, notifications and mail.
nav-proposals = طرح‌های من
proposal = طرح پیشنهادی
proposals-mine = طرح‌های پیشنهادی من
proposals-mine-lead = طرح‌هایی که برای خودتان یا سازمانتان می‌نویسید، طرح‌هایی که در تیم آن‌ها هستید و دعوت‌هایی که پاسخ می‌خواهند.
proposals-none = هنوز طرحی ندارید. از فهرست چالش‌ها یکی را برگزینید و طرح بنویسید:
proposal-untitled = طرح بی‌عنوان
proposal-status = وضعیت
proposal-status-draft = پیش‌نویس
proposal-status-submitted = ارسال‌شده
proposal-status-withdrawn = پس‌گرفته
proposal-to = برای چالش
proposal-role-owner = نویسنده
proposal-role-member = عضو تیم
proposal-role-invited = دعوت به تیم؛ در انتظار پاسخ شما
proposal-deadline = مهلت ارسال
proposal-write = نوشتن طرح پیشنهادی
proposal-open-mine = ادامهٔ طرح شما
proposal-applicant = ارائه‌دهنده
proposal-applicant-person = شخص
proposal-applicant-organization = سازمان
proposal-count = طرح‌های ارسال‌شده: { $count }
proposals-submitted = طرح‌های ارسال‌شده
proposals-submitted-lead = آخرین نسخهٔ ارسال‌شدهٔ هر طرح؛ پیش‌نویس‌ها فقط از آنِ ارائه‌دهنده‌اند.
proposals-none-submitted = هنوز طرحی ارسال نشده است.
proposal-back-to-challenge = بازگشت به چالش
proposal-back = بازگشت به طرح
proposal-challenge = چالش
proposal-versions = نسخه‌ها
proposal-versions-none = هنوز نسخه‌ای ارسال نشده است.
proposal-version-n = نسخهٔ { $n }
proposal-tracking-code = کد رهگیری
proposal-submitted-at = زمان ارسال
proposal-receipt = رسید ارسال
proposal-receipt-help = این کد رهگیری را نگه دارید؛ رسید به ایمیل شما هم فرستاده شد. این نسخه دیگر تغییر نمی‌کند؛ تا پایان مهلت می‌توانید نسخهٔ تازه‌ای بفرستید.
proposal-working-copy = آنچه می‌بینید نسخهٔ در دست ویرایش است؛ دستگاه فقط نسخه‌های ارسال‌شده را می‌بیند.
proposal-team = تیم
proposal-team-none = کسی در تیم نیست.
proposal-team-help = اعضا از فهرست افراد حلقه دعوت می‌شوند و باید حساب کاربری داشته باشند. پیوند یا شناسهٔ پروفایل عضو را بنویسید. پیش از ارسال، همهٔ اعضا باید دعوت را پذیرفته باشند.
proposal-member-invited = در انتظار پاسخ
proposal-member-accepted = پذیرفته
proposal-member-declined = نپذیرفته
proposal-member-remove = برداشتن
proposal-member-invite = دعوت به تیم
proposal-field-member = پروفایل عضو
proposal-help-member = مانند https://halqe.example/people/… یا شناسهٔ پروفایل
proposal-files = پیوست‌ها
proposal-files-none = پیوستی نیست.
proposal-attach = افزودن پیوست
proposal-withdrawn-at = پس گرفته شد در
proposal-withdrawn-note = این طرح پس گرفته شده است.
proposal-actions = کارها
proposal-edit = ویرایش طرح
proposal-withdraw = پس گرفتن طرح
proposal-withdraw-help = تا پایان مهلت می‌توانید طرح را پس بگیرید؛ نسخه‌های ارسال‌شده در سابقه می‌مانند و پس گرفتن بازگشت ندارد.
proposal-invitation = دعوت به تیم طرح
proposal-invitation-lead = { $name } شما را به تیم این طرح پیشنهادی دعوت کرده است.
proposal-invitation-help = با پذیرفتن، متن طرح و گفت‌وگوی آن را می‌بینید و نام شما در نسخه‌های ارسالی می‌آید.
proposal-accept = می‌پذیرم
proposal-decline = نمی‌پذیرم
proposal-section-text = متن طرح
proposal-section-plan = بودجه و زمان‌بندی
proposal-section-declarations = تعهدها
proposal-field-title = عنوان طرح
proposal-field-summary = خلاصه
proposal-field-approach = رویکرد و روش اجرا
proposal-field-budget = بودجهٔ درخواستی (میلیون ریال)
proposal-field-timeline = زمان‌بندی
proposal-field-expected-results = نتایج مورد انتظار
proposal-field-conflicts-note = تعارض منافع (اگر هست)
proposal-help-summary = در چند جمله: چه می‌کنید و چرا کار می‌کند.
proposal-help-approach = روش، مراحل و آنچه از دستگاه لازم دارید.
proposal-help-budget = عددی از صفر تا یک میلیارد؛ با رقم فارسی یا لاتین.
proposal-help-timeline = مراحل کار با مدت هر مرحله.
proposal-declare-originality = تعهد می‌کنم این طرح کار خود ما است و حق دیگران در آن رعایت شده است.
proposal-declare-conflicts = تعهد می‌کنم تعارض منافعی با دستگاه صاحب چالش ندارم، یا آن را در زیر نوشته‌ام.
proposal-autosave = متن هنگام نوشتن ذخیره می‌شود.
proposal-saved-at = ذخیره شد: { $time }
proposal-submit = ارسال طرح
proposal-submit-again = ارسال نسخهٔ تازه
proposal-submit-help = با ارسال، نسخه‌ای تغییرناپذیر با کد رهگیری ساخته می‌شود و رسید آن به ایمیل شما می‌رسد.
invalid-proposal_deadline_passed = مهلت ارسال طرح برای این چالش به پایان رسیده است؛ طرح دیگر تغییر نمی‌کند.
invalid-proposal_withdrawn = این طرح پس گرفته شده است و تغییر نمی‌کند.
invalid-proposal_already_submitted = این نسخه پیش‌تر ارسال شده است (شاید از زبانهٔ دیگری)؛ صفحه را دوباره باز کنید.
invalid-proposal_too_many_versions = این پیشنهاد به بیشترین شمار نسخه‌های مجاز رسیده است؛ به‌جای نسخهٔ تازه، در گفت‌وگوی پیشنهاد به دستگاه بنویسید.
invalid-team_not_accepted = همهٔ اعضای تیم باید دعوت را پذیرفته باشند؛ کسی را که نپذیرفته بردارید یا منتظر پاسخش بمانید.
invalid-declaration_required = برای ارسال، این تعهد لازم است.
invalid-applicant_not_yours = فقط برای خودتان یا سازمانی که مدیر آن هستید می‌توانید طرح بنویسید.
invalid-applicant_not_eligible = این چالش از این ارائه‌دهنده طرح نمی‌پذیرد (نوع ارائه‌دهنده یا استان).
invalid-member_not_found = پروفایلی با این نشانی پیدا نشد.
invalid-member_no_account = این شخص حساب کاربری در حلقه ندارد و نمی‌تواند دعوت را بپذیرد.
invalid-member_is_applicant = ارائه‌دهندهٔ طرح خود عضو تیم نمی‌شود.
invalid-member_already_listed = این شخص پیش‌تر در تیم است.
invalid-member_already_answered = به این دعوت پیش‌تر پاسخ داده‌اید.
notification-proposal_invited = { $name } شما را به تیم طرح «{ $title }» دعوت کرد.
notification-proposal_team_accepted = { $name } عضویت در تیم طرح «{ $title }» را پذیرفت.
notification-proposal_team_declined = { $name } عضویت در تیم طرح «{ $title }» را نپذیرفت.
notification-proposal_submitted = { $name } طرح «{ $title }» را برای چالش شما فرستاد.
notification-kind-proposal_invited = دعوت به تیم طرح
notification-kind-proposal_team_accepted = پذیرش دعوت تیم طرح
notification-kind-proposal_team_declined = نپذیرفتن دعوت تیم طرح
notification-kind-proposal_submitted = ارسال طرح برای چالش
mail-proposal-receipt-subject = رسید طرح پیشنهادی: کد رهگیری { $code }
mail-proposal-receipt-body =
    سلام،

    طرح پیشنهادی «{ $title }» برای چالش «{ $challenge }» دریافت شد.
    کد رهگیری: { $code }
    نسخه: { $version }

    این نسخه دیگر تغییر نمی‌کند. برای دیدن رسید و طرح:
    { $link }
mail-proposal-message-subject = پیام تازه دربارهٔ یک طرح پیشنهادی
mail-proposal-message-body =
    سلام،

    { $name } دربارهٔ طرح «{ $title }» پیامی نوشته است:
    { $link }
mail-proposal-invited-subject = دعوت به تیم یک طرح پیشنهادی
mail-proposal-invited-body =
    سلام،

    { $name } شما را به تیم طرح «{ $title }» دعوت کرده است. برای پذیرفتن یا نپذیرفتن:
    { $link }
mail-proposal-team-accepted-subject = { $name } دعوت تیم را پذیرفت
mail-proposal-team-accepted-body =
    سلام،

    { $name } عضویت در تیم طرح «{ $title }» را پذیرفت:
    { $link }
mail-proposal-team-declined-subject = { $name } دعوت تیم را نپذیرفت
mail-proposal-team-declined-body =
    سلام،

    { $name } عضویت در تیم طرح «{ $title }» را نپذیرفت. پیش از ارسال، او را از تیم بردارید:
    { $link }
mail-proposal-submitted-subject = طرح تازه برای چالش { $agency }
mail-proposal-submitted-body =
    سلام،

    { $name } طرح «{ $title }» را برای چالش { $agency } فرستاد:
    { $link }
