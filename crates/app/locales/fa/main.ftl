app-name = حلقه
skip-to-content = پرش به محتوا
nav-label = فهرست اصلی
nav-home = خانه
nav-agencies = دستگاه‌های اجرایی
nav-users = کاربران
nav-audit = سابقه رویدادها
nav-login = ورود
nav-logout = خروج
nav-register = ثبت‌نام
footer-text = حلقه — سامانه مرکز نوآوری نظام اداری و استخدامی کشور
lang-fa = فارسی
lang-en = انگلیسی
save = ذخیره
cancel = انصراف
select-placeholder = انتخاب کنید…
form-has-errors = لطفاً خطاهای مشخص‌شده را اصلاح کنید.

home-title = حلقه‌ای میان نوآوران و دستگاه‌های اجرایی
home-lead = مرکز نوآوری نظام اداری و استخدامی کشور ظرفیت‌های نخبگان، پژوهشگران، گروه‌های پژوهشی و شرکت‌های دانش‌بنیان را شناسایی می‌کند، افراد ذی‌صلاح را به دستگاه‌های اجرایی معرفی می‌کند و طرح‌ها را با دقت ارزیابی و پشتیبانی می‌کند.
home-cta-register = ثبت‌نام نوآوران
home-stats = آمار سامانه
home-stat-agencies = دستگاه اجرایی
home-stat-users = کاربر
home-stat-fields = حوزه نوآوری
home-loop-title = حلقه چگونه کار می‌کند
home-loop-capacities = شناسایی ظرفیت‌ها
home-loop-capacities-body = ثبت نوآوران و سازمان‌ها با پروفایل احرازشده و سوابق، و ورود گروهی تیم‌هایی که در مؤسسات وجود دارند.
home-loop-introduce = معرفی افراد ذی‌صلاح
home-loop-introduce-body = جست‌وجوی فارسی و تطبیق شفاف نیاز دستگاه‌ها با توانمندی‌ها، و معرفی با رضایت طرفین.
home-loop-evaluate = ارزیابی دقیق
home-loop-evaluate-body = داوری چندمرحله‌ای با جدول معیارها، بدون تعارض منافع، با تصمیم مستدل و سابقه غیرقابل‌دست‌کاری.
home-loop-support = پشتیبانی از گروه‌های پژوهشی
home-loop-support-body = تبدیل طرح‌های پذیرفته‌شده به پروژه یا اجرای آزمایشی با گام‌های اجرایی و پیگیری.
home-fields-title = حوزه‌های نوآوری
home-fields-empty = هنوز حوزه‌ای تعریف نشده است.

login-title = ورود به حلقه
login-submit = ورود
login-forgot = گذرواژه را فراموش کرده‌اید؟
login-failed = ایمیل یا گذرواژه نادرست است.
login-throttled = به دلیل تلاش‌های ناموفق پیاپی، ورود به این حساب از این نشانی موقتاً متوقف شده است. لطفاً کمی بعد دوباره تلاش کنید.
login-disabled = این حساب غیرفعال شده است. برای پیگیری با پشتیبانی مرکز تماس بگیرید.
account-disabled = غیرفعال
admin-disable = غیرفعال کردن حساب
admin-enable = فعال کردن دوبارهٔ حساب
admin-remove-role = برداشتن نقش
admin-end-agency-membership = پایان عضویت در دستگاه
admin-user-agency = دستگاه
admin-revoke-hint = هر تغییر، همهٔ نشست‌های این حساب را همان دم پایان می‌دهد و در سابقهٔ ممیزی ثبت می‌شود.
org-remove-member = برداشتن از اعضا
invalid-own_account = نمی‌توانید دسترسی حساب خودتان را بگیرید.
invalid-remove_owner = تنها مالک می‌تواند مالک دیگری را بردارد.
invalid-last_owner = آخرین مالک سازمان را نمی‌توان برداشت.
invalid-own_claim = دربارهٔ ادعای خودتان یا سازمانتان نمی‌توانید تصمیم بگیرید؛ کارشناس دیگری باید آن را بررسی کند.
identifier-review = شناسه‌ای که اعلام کردید را کارشناسان مرکز بررسی می‌کنند.
nav-kept-values = مقادیر حفظ‌شده
nav-identity-conflicts = شناسه‌های مورد اختلاف
conflicts-title = شناسه‌های مورد اختلاف
conflicts-lead = کد ملی یا شماره ثبتی که کسی برای خود اعلام کرده و رکورد دیگری آن را دارد. هر دو طرف نگه داشته می‌شوند؛ شما تصمیم می‌گیرید شناسه از آنِ کدام رکورد است.
conflicts-empty = موردی برای بررسی نیست.
conflicts-claimant = اعلام‌کننده
conflicts-holder = دارندهٔ کنونی
conflicts-opened = ثبت
conflicts-decided = تصمیم
conflicts-decide = شناسه از آنِ کیست؟
conflicts-to-claimant = اعلام‌کننده (از دارندهٔ کنونی برداشته می‌شود)
conflicts-to-holder = دارندهٔ کنونی بماند
conflicts-reason = دلیل
conflicts-submit = ثبت تصمیم
identifier-national_id = کد ملی
identifier-registration_number = شماره ثبت
conflict-status-open = باز
conflict-status-claimant = به اعلام‌کننده داده شد
conflict-status-holder = نزد دارنده ماند
invalid-own_case = در موردی که خودتان یا سازمانتان طرف آن هستید نمی‌توانید تصمیم بگیرید.
invalid-conflict_decided = دربارهٔ این مورد پیش‌تر تصمیم گرفته شده است.
notice-verified = نشانی ایمیل شما تأیید شد. اکنون می‌توانید وارد شوید.
notice-password-reset = گذرواژه شما تغییر کرد. با گذرواژه جدید وارد شوید.
notice-signed-out = از حساب خود خارج شدید.
demo-accounts-title = حساب‌های نمایشی
demo-accounts-body = گذرواژه همه حساب‌های نمایشی: { $password }

register-title = ثبت‌نام نوآور
register-lead = با ساختن حساب، می‌توانید ظرفیت‌های خود را معرفی کنید و در چالش‌های دستگاه‌های اجرایی شرکت کنید.
register-submit = ساختن حساب
register-done-title = ایمیل خود را بررسی کنید
register-done-body = پیوند تأیید به نشانی ایمیل شما فرستاده شد. برای فعال‌سازی حساب روی آن بزنید.
password-help = دست‌کم ۱۰ نویسه؛ عبارتی بلند و به‌یادماندنی بهتر از رمزی کوتاه و پیچیده است.

forgot-title = بازیابی گذرواژه
forgot-lead = نشانی ایمیل حساب خود را وارد کنید تا پیوند تعیین گذرواژه جدید برایتان فرستاده شود.
forgot-submit = فرستادن پیوند
forgot-done-title = ایمیل خود را بررسی کنید
forgot-done-body = اگر حسابی با این نشانی وجود داشته باشد، پیوند تعیین گذرواژه جدید به آن فرستاده شد. این پیوند یک ساعت اعتبار دارد.
reset-title = تعیین گذرواژه جدید
reset-submit = ذخیره گذرواژه

field-email = ایمیل
field-password = گذرواژه
field-new-password = گذرواژه جدید
field-display-name = نام و نام خانوادگی
field-agency-name = نام دستگاه
field-agency-name-fa = نام دستگاه (فارسی)
field-agency-name-en = نام دستگاه (انگلیسی)
field-agency-kind = نوع دستگاه
field-province = استان

account-title = حساب کاربری
account-verified = تأییدشده
account-unverified = تأییدنشده
verify-title = نشانی ایمیل خود را تأیید کنید
verify-lead = پیوند تأیید را به { $email } فرستادیم. تا این نشانی تأیید نشود، حساب شما به بخش‌های دیگر سامانه دسترسی ندارد.
verify-help = اگر نامه نرسیده است، پوشهٔ هرزنامه را ببینید یا پیوند را دوباره بفرستید.
verify-resend = فرستادن دوبارهٔ پیوند
verify-sent = پیوند تازه فرستاده شد.
verify-wait = به‌تازگی پیوندی فرستاده شده است؛ کمی بعد دوباره تلاش کنید.
error-email_unverified-title = نشانی ایمیل تأیید نشده است
error-email_unverified-body = ابتدا با پیوندی که به ایمیل شما فرستاده شد، نشانی خود را تأیید کنید.
account-roles = نقش‌ها
account-member-since = عضویت از
account-language = زبان

role-admin = مدیر سامانه
role-staff = کارشناس مرکز
role-officer = کارشناس دستگاه
role-reviewer = داور
role-innovator = نوآور

agency-kind-ministry = وزارتخانه
agency-kind-organization = سازمان
agency-kind-provincial_office = اداره کل استانی
agency-kind-state_company = شرکت دولتی
agency-kind-university = دانشگاه دولتی
agency-kind-other = سایر

agencies-title = دستگاه‌های اجرایی
agencies-new = ثبت دستگاه اجرایی
agencies-empty = هنوز دستگاهی ثبت نشده است.
agencies-officers = کارشناسان دستگاه
agencies-no-officers = هنوز کارشناسی برای این دستگاه عضو نشده است.
agencies-created = تاریخ ثبت
agencies-invite-title = دعوت کارشناس دستگاه
agencies-invite-submit = فرستادن دعوت‌نامه
agencies-invited = دعوت‌نامه فرستاده شد.
agencies-invited-at = تاریخ دعوت
agencies-invitation-status = وضعیت

invitation-title = دعوت‌نامه حلقه
invitation-accept = پذیرفتن دعوت
invitation-accepted = پذیرفته‌شده
invitation-pending = در انتظار
invitation-other-account = این دعوت‌نامه برای نشانی ایمیل دیگری است. برای پذیرفتن آن، از حساب فعلی خارج شوید.
invitation-sign-in-first = برای این نشانی ایمیل حساب وجود دارد. ابتدا وارد شوید تا دعوت را بپذیرید.
invitation-create-account = برای پذیرفتن دعوت، حساب خود را بسازید.

users-title = کاربران
audit-title = سابقه رویدادها
audit-intact = زنجیره سابقه رویدادها سالم است ({ $count } رویداد).
audit-broken = زنجیره سابقه رویدادها دست‌کاری شده است!
audit-when = زمان
audit-action = رویداد
audit-subject = موضوع
audit-hash = چکیده
audit-broken-at = رویداد { $seq } با زنجیره نمی‌خواند: ویرایش، افزوده یا حذف شده است ({ $count } رویداد پیش از آن درست است).
audit-finding-rewritten = سابقه بازنویسی شده است: نقطهٔ وارسی رویداد { $seq } که در { $at } امضا شده با زنجیره نمی‌خواند؛ تغییر میان رویدادهای { $from } تا { $seq } است.
audit-finding-truncated = رویدادهایی حذف شده است: نقطهٔ وارسی امضاشده در { $at } گواه { $seq } رویداد است، اما زنجیره در رویداد { $last } تمام می‌شود.
audit-finding-bad_signature = نقطه‌های وارسی با امضای نادرست (جعلی یا دست‌کاری‌شده): { $count }؛ نخستین آن‌ها در رویداد { $seq } است.
audit-finding-untrusted_key = نقطه‌های وارسی امضاشده با کلیدی که مورد اعتماد نیست: { $count }؛ نخستین آن‌ها در رویداد { $seq } است، با کلید { $key }.
audit-finding-no_public_key = نقطه‌های وارسی که بی کلید عمومی تنظیم‌شده بررسی نشدند: { $count }.
audit-finding-unreadable_lines = سطرهایی از پروندهٔ نقطه‌های وارسی که نقطهٔ وارسی نیستند: { $count }؛ نخستین آن‌ها سطر { $line } است.
audit-finding-no_checkpoints = هنوز هیچ نقطهٔ وارسی امضاشده‌ای نیست: بازنویسی کل زنجیره دیده نمی‌شود.
audit-finding-stale = تازه‌ترین نقطهٔ وارسی در { $at } امضا شده، حال آن‌که هر { $minutes } دقیقه یکی انتظار می‌رود: امضا متوقف شده یا نقطه‌های تازه‌تر حذف شده‌اند.
audit-entries-title = رویدادها
audit-newer = تازه‌تر
audit-older = قدیمی‌تر
audit-newest = تازه‌ترین‌ها
audit-verification-title = آخرین وارسی
audit-verified-at = وارسی‌شده در { $at }.
audit-verified-by-cli = (از خط فرمان)
audit-never-verified = زنجیره هنوز وارسی نشده است.
audit-verify-now = هم‌اکنون وارسی کن
audit-verify-hint = کل زنجیره پیموده و هر نقطهٔ وارسی بررسی می‌شود؛ برای سابقه‌ای بلند ممکن است زمان ببرد.
audit-checkpoints-title = نقطه‌های وارسی امضاشده
audit-checkpoints-count = شمار نقطه‌های وارسی: { $count }
audit-checkpoint-newest = تازه‌ترین آن‌ها تا رویداد { $seq } را در بر دارد و در { $at } امضا شده است؛ از آن پس { $count } رویداد افزوده شده است.
audit-checkpoint-none = هنوز هیچ نقطهٔ وارسی‌ای امضا نشده است.
audit-checkpoint-stale = تازه‌ترین نقطهٔ وارسی قدیمی‌تر از انتظار است.
audit-signing-key = این گره با این کلید عمومی امضا می‌کند:
audit-no-signing-key = این گره کلید امضا ندارد و نقطهٔ وارسی نمی‌سازد.
audit-checkpoints-download = دریافت پروندهٔ نقطه‌های وارسی
audit-checkpoints-hint = نسخه‌ای بیرون از این کارساز نگه دارید؛ این فرمان زنجیره را با آن می‌سنجد:

invalid-required = پر کردن این بخش الزامی است.
invalid-too_long = این مقدار بیش از حد طولانی است.
invalid-too_many = شمار موارد از حد مجاز بیشتر است.
invalid-national_id = کد ملی معتبر نیست؛ ۱۰ رقم با رقم کنترل درست وارد کنید.
invalid-mobile = شماره تلفن همراه معتبر نیست؛ مانند ۰۹۱۲۱۲۳۴۵۶۷.
invalid-postal_code = کد پستی معتبر نیست؛ ۱۰ رقم وارد کنید.
invalid-province = استان شناخته نشد.
invalid-email = نشانی ایمیل معتبر نیست.
invalid-email_taken = این نشانی ایمیل پیش‌تر ثبت شده است.
invalid-password_too_short = گذرواژه باید دست‌کم ۱۰ نویسه باشد.
invalid-password_too_long = گذرواژه بیش از حد طولانی است.
invalid-choice = یکی از گزینه‌ها را انتخاب کنید.
invalid-agency_name_taken = دستگاهی با این نام پیش‌تر ثبت شده است.
invalid-officer_agency = کارشناس دستگاه باید به یک دستگاه اجرایی تعلق داشته باشد.

error-status = کد خطا:
error-csrf-title = درخواست پذیرفته نشد
error-csrf-body = این فرم منقضی شده یا از جای دیگری فرستاده شده است. صفحه را دوباره بارگذاری و دوباره تلاش کنید.
error-forbidden-title = دسترسی مجاز نیست
error-forbidden-body = شما اجازه دیدن این صفحه یا انجام این کار را ندارید.
error-not_found-title = صفحه پیدا نشد
error-not_found-body = نشانی‌ای که باز کردید وجود ندارد یا جابه‌جا شده است.
error-bad_request-title = درخواست نادرست
error-bad_request-body = داده‌های فرستاده‌شده قابل خواندن نبود.
error-throttled-title = تلاش‌های بیش از حد
error-throttled-body = لطفاً کمی بعد دوباره تلاش کنید.
error-busy-title = سرور مشغول است
error-busy-body = هم‌اکنون گذرواژه‌های زیادی در حال بررسی است. لطفاً چند ثانیه دیگر دوباره تلاش کنید.
error-link_expired-title = پیوند منقضی شده است
error-link_expired-body = این پیوند پیش‌تر استفاده شده یا مهلت آن گذشته است. در صورت نیاز پیوند تازه درخواست کنید.
error-payload_too_large-title = حجم درخواست زیاد است
error-payload_too_large-body = داده فرستاده‌شده از حد مجاز بزرگ‌تر است.
error-internal-title = خطای داخلی
error-internal-body = مشکلی پیش آمد و ثبت شد. لطفاً دوباره تلاش کنید.

mail-verify-subject = تأیید نشانی ایمیل در حلقه
mail-verify-body =
    { $name } گرامی،

    برای تأیید نشانی ایمیل و فعال‌سازی حساب خود در حلقه، پیوند زیر را باز کنید:
    { $link }

    این پیوند دو روز اعتبار دارد. اگر شما ثبت‌نام نکرده‌اید، این پیام را نادیده بگیرید.
mail-already-registered-subject = تلاش برای ثبت‌نام دوباره در حلقه
mail-already-registered-body =
    کسی تلاش کرد با این نشانی ایمیل در حلقه ثبت‌نام کند، اما برای آن پیش‌تر حساب ساخته شده است.
    اگر گذرواژه خود را فراموش کرده‌اید، از این پیوند استفاده کنید:
    { $link }
mail-reset-subject = تعیین گذرواژه جدید در حلقه
mail-reset-body =
    { $name } گرامی،

    برای تعیین گذرواژه جدید، پیوند زیر را باز کنید (اعتبار: یک ساعت):
    { $link }

    اگر شما این درخواست را نداده‌اید، این پیام را نادیده بگیرید؛ گذرواژه شما تغییری نکرده است.
mail-invitation-officer-subject = دعوت به حلقه به‌عنوان کارشناس { $agency }
mail-invitation-officer-body =
    سلام،

    مرکز نوآوری نظام اداری و استخدامی شما را به‌عنوان کارشناس «{ $agency }» به سامانه حلقه دعوت کرده است.
    برای پذیرفتن دعوت، پیوند زیر را باز کنید (اعتبار: چهارده روز):
    { $link }

## verification
nav-claims = ادعاهای من
nav-verification = احراز
claims-title = ادعاهای من
claims-lead = عضویت در بنیاد ملی نخبگان، مدرک تحصیلی، گواهی دانش‌بنیان یا جایزه‌ای را که دارید اعلام کنید و مدرک آن را پیوست کنید تا کارشناس مرکز آن را احراز کند. ادعاهای تأییدشده با نشان «تأییدشده» نمایش داده می‌شوند.
claims-empty = هنوز ادعایی ثبت نکرده‌اید.
claims-declare = ثبت ادعای تازه
claims-declare-submit = ثبت و ارسال برای احراز
claims-back = بازگشت به ادعاهای من
claims-resubmit = ارسال دوباره با مدرک تازه
claims-resubmit-help = این ادعا رد شده است. با پیوست مدرک تازه، دوباره در نوبت احراز قرار می‌گیرد.
claims-resubmit-submit = ارسال دوباره
claims-field-title = عنوان
claims-field-kind = نوع
claims-field-subject = درباره
claims-subject-self = خودم
claims-field-status = وضعیت
claims-declared-at = تاریخ ثبت
claims-decided-at = تاریخ تصمیم
claims-reason = دلیل
claims-previous-reason = دلیل تصمیم پیشین
claims-status-pending = در انتظار احراز
claims-status-approved = تأییدشده
claims-status-rejected = ردشده
claims-kind-elite_foundation = عضویت در بنیاد ملی نخبگان
claims-kind-degree = مدرک تحصیلی
claims-kind-knowledge_based = گواهی دانش‌بنیان
claims-kind-award = جایزه یا افتخار
claims-kind-other = سایر
evidence-title = مدارک
evidence-files = فایل‌های مدرک
evidence-files-help = PDF، PNG، JPEG یا WebP؛ هر فایل حداکثر { $mib } مگابایت و هر بار تا پنج فایل.
evidence-empty = مدرکی پیوست نشده است.
evidence-file = فایل
evidence-size = حجم
evidence-size-kib = { $kib } کیلوبایت
evidence-uploaded-at = تاریخ بارگذاری
evidence-add = افزودن مدرک
evidence-add-submit = بارگذاری
verification-title = احراز ادعاها
verification-lead = ادعاهای در انتظار، به ترتیب زمان ثبت. هر تصمیم با دلیل ثبت می‌شود و به صاحب ادعا اطلاع داده می‌شود.
verification-empty = ادعایی در انتظار احراز نیست.
verification-resubmitted = ارسال دوباره
verification-back = بازگشت به فهرست احراز
verification-decide = تصمیم
verification-reason-help = دلیل تصمیم به صاحب ادعا نشان داده می‌شود.
verification-approve = تأیید
verification-reject = رد
invalid-evidence_required = دست‌کم یک فایل مدرک پیوست کنید.
invalid-too_many_files = هر بار حداکثر پنج فایل می‌توانید بفرستید.
invalid-file_empty = فایل خالی است.
invalid-file_too_large = حجم فایل از حد مجاز بیشتر است.
invalid-file_type = این نوع فایل پذیرفته نیست؛ فقط PDF، PNG، JPEG یا WebP.
invalid-claim_closed = این ادعا تأیید شده است و مدرک تازه نمی‌پذیرد.
invalid-claim_decided = درباره این ادعا پیش‌تر تصمیم گرفته شده است.
mail-claims-approved-subject = ادعای شما در حلقه تأیید شد
mail-claims-approved-body =
    سلام،

    کارشناس مرکز نوآوری ادعای «{ $title }» را تأیید کرد؛ از این پس با نشان «تأییدشده» نمایش داده می‌شود.
    دلیل: { $reason }

    { $link }
mail-claims-rejected-subject = ادعای شما در حلقه رد شد
mail-claims-rejected-body =
    سلام،

    کارشناس مرکز نوآوری ادعای «{ $title }» را رد کرد.
    دلیل: { $reason }

    می‌توانید با پیوست مدرک تازه آن را دوباره بفرستید:
    { $link }

## registry
nav-people = نوآوران
nav-organizations = سازمان‌های نوآور
nav-profile = پروفایل من
delete = حذف
edit = ویرایش
filter-clear = پاک کردن فیلترها
pager-label = صفحه‌ها
pager-prev = قبلی
pager-next = بعدی
badge-verified = تأییدشده
people-title = نوآوران
people-lead = پژوهشگران، نخبگان، متخصصان و دانشجویانی که ظرفیت خود را در حلقه معرفی کرده‌اند. هر کس فقط پروفایل‌هایی را می‌بیند که صاحبانشان برای او نمایان کرده‌اند.
people-filter = فیلتر
people-field = حوزه نوآوری
people-any-province = همه استان‌ها
people-any-field = همه حوزه‌ها
people-count = { $count } نوآور
people-empty = نوآوری با این مشخصات پیدا نشد.
people-you = شما
field-all-of = همه
profile-about = درباره
profile-no-bio = هنوز معرفی‌ای نوشته نشده است.
profile-expertise = تخصص
profile-education = تحصیلات
profile-links = پیوندها
profile-contact = اطلاعات هویتی و تماس
profile-contact-private = این بخش فقط به صاحب پروفایل و کارشناسان مرکز نمایش داده می‌شود.
profile-publications = انتشارات
profile-no-publications = هنوز انتشاری ثبت نشده است.
profile-past-projects = پروژه‌های پیشین
profile-no-past-projects = هنوز پروژه پیشینی ثبت نشده است.
profile-visibility = نمایش پروفایل
profile-completeness = تکمیل پروفایل: { $count }٪
profile-complete = پروفایل شما کامل است.
profile-missing-lead = برای کامل کردن پروفایل، این بخش‌ها را تکمیل کنید:
profile-edit = ویرایش پروفایل
profile-edit-lead = اطلاعات را به فارسی وارد کنید؛ نام و معرفی انگلیسی اختیاری است. ارقام را می‌توانید فارسی یا انگلیسی بنویسید.
profile-view-as-page = دیدن صفحه پروفایل
profile-verification = افتخارات و مدارک برای احراز
profile-saved = پروفایل ذخیره شد.
profile-section-identity = نام
profile-section-private = اطلاعات هویتی و تماس
profile-section-work = محل فعالیت
completeness-national_id = کد ملی
completeness-mobile = تلفن همراه
completeness-location = استان محل فعالیت
completeness-education = تحصیلات (مقطع و دانشگاه)
completeness-primary_field = حوزه اصلی نوآوری
completeness-skills = دست‌کم سه مهارت یا کلیدواژه
completeness-bio = معرفی کوتاه (دست‌کم ۱۰۰ نویسه)
completeness-publications = دست‌کم یک انتشار
completeness-past_projects = دست‌کم یک پروژه پیشین
completeness-links = ORCID، گوگل اسکالر یا وبگاه
completeness-verified = دست‌کم یک افتخار یا مدرک تأییدشده
visibility-public = عمومی
visibility-agencies = دستگاه‌های اجرایی و داوران
visibility-private = خصوصی
visibility-explain-public = همه، حتی بدون ورود، پروفایل را می‌بینند؛ کد ملی و اطلاعات تماس هرگز نمایش داده نمی‌شود.
visibility-explain-agencies = فقط کارشناسان دستگاه‌های اجرایی، داوران و کارشناسان مرکز پروفایل را می‌بینند.
visibility-explain-private = فقط شما و کارشناسان مرکز پروفایل را می‌بینید؛ در فهرست نوآوران نمایش داده نمی‌شود.
org-visibility-explain-public = همه، حتی بدون ورود، این سازمان را می‌بینند.
org-visibility-explain-agencies = فقط کارشناسان دستگاه‌های اجرایی، داوران و کارشناسان مرکز این سازمان را می‌بینند.
org-visibility-explain-private = فقط اعضای سازمان و کارشناسان مرکز آن را می‌بینند.
availability-available = آماده همکاری
availability-limited = ظرفیت محدود
availability-unavailable = فعلاً در دسترس نیست
degree-diploma = دیپلم
degree-associate = کاردانی
degree-bachelor = کارشناسی
degree-master = کارشناسی ارشد
degree-doctorate = دکتری
degree-postdoc = پسادکتری
field-first-name = نام
field-last-name = نام خانوادگی
field-name-en = نام و نام خانوادگی به انگلیسی
field-national-id = کد ملی
field-mobile = تلفن همراه
field-city = شهر
field-institution = محل فعالیت (دانشگاه، پژوهشگاه یا شرکت)
field-availability = آمادگی برای همکاری
field-degree = آخرین مقطع تحصیلی
field-education-field = رشته تحصیلی
field-university = دانشگاه
field-graduation-year = سال دانش‌آموختگی
field-primary-field = حوزه اصلی نوآوری
field-secondary-fields = حوزه‌های دیگر
field-skills = مهارت‌ها و کلیدواژه‌ها
field-bio-fa = معرفی (فارسی)
field-bio-en = معرفی (انگلیسی)
field-orcid = شناسه ORCID
field-scholar-url = پروفایل گوگل اسکالر
field-website = وبگاه
field-publication-title = عنوان
field-venue = محل انتشار
field-year = سال
field-doi = DOI
field-abstract = چکیده
field-past-project-title = عنوان پروژه
field-government = پروژه دولتی (برای یک دستگاه اجرایی)
field-agency-name-past-project = دستگاه اجرایی یا کارفرما
field-description = شرح
field-org-name-fa = نام سازمان (فارسی)
field-org-name-en = نام سازمان (انگلیسی)
field-org-kind = نوع سازمان
field-registration-number = شماره ثبت
field-certificate-number = شماره گواهی دانش‌بنیان
field-certificate-expires = تاریخ انقضای گواهی
field-org-institution = دانشگاه یا مؤسسه وابسته
field-description-fa = معرفی (فارسی)
field-description-en = معرفی (انگلیسی)
field-capabilities = توانمندی‌ها
field-products = محصولات و خدمات
field-member-role = نقش
help-name-en = مانند Ali Hosseini؛ برای همکاری‌های بین‌المللی.
help-national-id = ۱۰ رقم؛ فقط به شما و کارشناسان مرکز نمایش داده می‌شود.
help-mobile = مانند ۰۹۱۲۱۲۳۴۵۶۷
help-institution = جایی که اکنون در آن کار یا تحصیل می‌کنید.
help-year = سال شمسی (مانند ۱۴۰۲) یا میلادی (مانند 2023).
help-primary-field = حوزه‌ای که بیشترین توانمندی را در آن دارید.
help-secondary-fields = حداکثر هشت حوزه دیگر.
help-skills = با ویرگول جدا کنید؛ مانند: یادگیری ماشین، تحلیل داده، طراحی فرایند
help-bio = دست‌کم ۱۰۰ نویسه: سوابق، علایق و آنچه می‌توانید به دستگاه‌های اجرایی عرضه کنید.
help-orcid = مانند 0000-0002-1825-0097
help-url = نشانی کامل با ⁦https://⁩
help-venue = نشریه، همایش یا ناشر
help-doi = مانند 10.22034/jpai.2021.1234 (اختیاری)
help-agency-name = برای پروژه دولتی الزامی است.
help-registration-number = شماره ثبت در اداره ثبت شرکت‌ها و مؤسسات (اختیاری)
help-certificate = فقط برای شرکت‌های دانش‌بنیان، و برای آن‌ها الزامی است.
help-date = مانند ۱۴۰۵/۰۳/۱۵ یا 2026-06-05
help-org-institution = برای گروه‌های پژوهشی و آزمایشگاه‌های دانشگاهی
help-lines = هر مورد در یک سطر.
help-invite-email = دعوت‌نامه به این نشانی فرستاده می‌شود و فقط صاحب همین نشانی می‌تواند آن را بپذیرد.
publication-add = افزودن انتشار
publication-add-submit = افزودن انتشار
past-project-add = افزودن پروژه پیشین
past-project-add-submit = افزودن پروژه
past-project-government = پروژه دولتی
org-kind-research_group = گروه پژوهشی
org-kind-university_lab = آزمایشگاه دانشگاهی
org-kind-startup = استارتاپ
org-kind-knowledge_based = شرکت دانش‌بنیان
org-kind-ngo = سازمان مردم‌نهاد
org-kind-other = سایر
member-role-owner = مالک
member-role-admin = مدیر
member-role-member = عضو
membership-status-pending = در انتظار پاسخ
membership-status-accepted = پذیرفته‌شده
membership-status-declined = نپذیرفته
orgs-title = سازمان‌های نوآور
orgs-lead = گروه‌های پژوهشی، آزمایشگاه‌های دانشگاهی، استارتاپ‌ها و شرکت‌های دانش‌بنیانی که ظرفیت خود را در حلقه معرفی کرده‌اند.
orgs-new = ثبت سازمان نوآور
orgs-invitations = دعوت‌نامه‌های عضویت
orgs-invited-as = دعوت به عضویت به‌عنوان { $role } در
orgs-invited-by = از طرف { $name }
orgs-accept = می‌پذیرم
orgs-decline = نمی‌پذیرم
orgs-mine = سازمان‌های من
orgs-directory = فهرست سازمان‌ها
orgs-any-kind = همه انواع
orgs-count = { $count } سازمان
orgs-empty = سازمانی با این مشخصات پیدا نشد.
org-edit = ویرایش سازمان
org-saved = اطلاعات سازمان ذخیره شد.
org-facts = مشخصات
org-certificate-expired = منقضی‌شده
org-members = اعضا
org-members-manage = اعضا و دعوت‌ها
org-joined = تاریخ عضویت
org-invite-title = دعوت عضو تازه
org-invited = دعوت‌نامه فرستاده شد.
org-past-projects = پروژه‌های پیشین
org-section-identity = مشخصات سازمان
org-section-capacity = معرفی و توانمندی‌ها
invalid-url = نشانی معتبر نیست؛ نشانی کامل را با ⁦https://⁩ وارد کنید.
invalid-orcid = شناسه ORCID معتبر نیست؛ مانند 0000-0002-1825-0097.
invalid-doi = DOI معتبر نیست؛ مانند 10.1000/xyz123.
invalid-year = سال معتبر نیست؛ سال شمسی (مانند ۱۴۰۲) یا میلادی (مانند 2023) وارد کنید.
invalid-budget = مبلغ معتبر نیست؛ عددی از صفر تا یک میلیارد (میلیون ریال) بنویسید.
invalid-date = تاریخ معتبر نیست؛ مانند ۱۴۰۵/۰۳/۱۵ یا 2026-06-05.
invalid-too_many_fields = حداکثر هشت حوزه دیگر می‌توانید انتخاب کنید.
invalid-owner_only = فقط مالک سازمان می‌تواند مالک تازه دعوت کند.
invalid-already_member = این شخص پیش‌تر عضو سازمان شده است.
invalid-already_invited = برای این نشانی دعوت‌نامه‌ای در انتظار پاسخ است.
mail-membership-invitation-subject = دعوت به عضویت در { $organization }
mail-membership-invitation-body =
    سلام،

    { $name } شما را به عضویت در «{ $organization }» در سامانه حلقه به‌عنوان { $role } دعوت کرده است.
    برای پذیرفتن یا نپذیرفتن دعوت، با همین نشانی ایمیل وارد حلقه شوید و این صفحه را باز کنید:
    { $link }

    اگر هنوز حساب ندارید، ابتدا با همین نشانی ثبت‌نام کنید.

## imports
nav-imports = ورود گروهی
imports-title = ورود گروهی داده‌ها
imports-new = ورود فایل تازه
imports-empty = هنوز فایلی وارد نشده است.
import-kind-people = افراد
import-kind-organizations = سازمان‌های نوآور
import-new-title = ورود فایل افراد یا سازمان‌ها
import-field-kind = نوع داده‌ها
import-field-file = فایل (CSV یا XLSX)
import-field-dry-run = اجرای آزمایشی: فقط گزارش بده و چیزی ثبت نکن
import-submit = بارگذاری و ورود
import-help = سرستون‌ها می‌توانند فارسی یا انگلیسی باشند. فایل CSV با کدگذاری UTF-8 یا Windows-1256 و جداکننده ویرگول، نقطه‌ویرگول یا تب پذیرفته می‌شود. حداکثر حجم فایل در این فرم ۵۰ مگابایت است؛ فایل‌های بزرگ‌تر را با فرمان halqe import وارد کنید.
import-templates = الگوی فایل:
invalid-import_kind = نوع داده‌ها را انتخاب کنید.
invalid-import_file = فایلی برای بارگذاری انتخاب کنید.
invalid-import_too_large = حجم فایل از ۵۰ مگابایت بیشتر است؛ آن را با فرمان halqe import وارد کنید.
import-col-file = فایل
import-col-kind = نوع
import-col-status = وضعیت
import-col-started = آغاز
import-col-rows = ردیف‌ها
import-dry-run = آزمایشی
import-run-status-running = در حال ورود
import-run-status-done = پایان یافته
import-run-status-failed = ناموفق
import-run-status-interrupted = نیمه‌کاره
import-status-created = ایجاد شد
import-status-updated = به‌روز شد
import-status-unchanged = بدون تغییر
import-status-rejected = رد شد
import-flagged = نیازمند بررسی
import-run-summary = خلاصه
import-rows-done = ردیف‌های پردازش‌شده
import-format = قالب فایل
import-running-note = ورود فایل در جریان است؛ این صفحه هر چند ثانیه تازه می‌شود.
import-interrupted-note = این ورود پیش از پایان متوقف شده است. همان فایل را دوباره وارد کنید تا کامل شود؛ ردیف‌های ثبت‌شده دوباره ثبت نمی‌شوند.
import-dry-run-note = این اجرای آزمایشی بود و هیچ تغییری ثبت نشد؛ وضعیت هر ردیف نشان می‌دهد با ورود واقعی چه می‌شد.
import-failed-note = فایل وارد نشد:
import-report-title = گزارش ردیف‌ها
import-report-download = دریافت گزارش ردشده‌ها و موارد نیازمند بررسی:
import-filter-problems = فقط ردشده‌ها و نیازمند بررسی
import-filter-all = همه ردیف‌ها
import-no-rows = ردیفی برای نمایش نیست.
import-report-row = ردیف
import-report-status = وضعیت
import-report-column = ستون
import-report-reason = دلیل
import-report-name = نام
import-report-sheet = گزارش
import-problem-empty = فایل خالی است.
import-problem-not_text = این فایل نه CSV است و نه کارپوشه XLSX.
import-problem-unsupported = این قالب فایل پشتیبانی نمی‌شود ({ $name })؛ آن را به‌صورت XLSX یا CSV ذخیره کنید.
import-problem-malformed = فایل آسیب‌دیده یا ناقص است ({ $name }).
import-problem-no_header = ردیف اول هیچ سرستون شناخته‌شده‌ای ندارد؛ از الگوی فایل استفاده کنید.
import-problem-missing_columns = این ستون‌های لازم در فایل نیست: { $name }
import-problem-duplicate_column = این ستون دو بار آمده است: { $name }
import-problem-record_too_long = ردیف { $name } بیش از حد بلند است؛ فایل احتمالاً آسیب دیده است.
import-problem-io = فایل خوانده نشد ({ $name }).
import-problem-too_large = این کارپوشه پس از بازشدن از حد مجاز بزرگ‌تر می‌شود ({ $name })؛ آن را به‌صورت CSV ذخیره کنید یا به چند فایل بخش کنید.
import-problem-row_out_of_order = ردیف‌های کاربرگ به ترتیب نیستند: ردیف { $name } پس از ردیفی بعدتر آمده است؛ فایل احتمالاً آسیب دیده است. آن را دوباره در Excel ذخیره کنید.
import-problem-internal = خطای داخلی در ورود فایل رخ داد و ثبت شد؛ همان فایل را دوباره وارد کنید.
job-state-queued = در صف
job-state-running = در حال اجرا
job-state-succeeded = انجام شد
job-state-failed = ناموفق
job-state-cancelled = لغو شد
job-attempts = تلاش { $count }
job-failed-reason = علت توقف:
job-cancel-requested = درخواست لغو ثبت شد؛ پس از دستهٔ جاری متوقف می‌شود.
import-cancel = لغو ورود
import-problem-cancelled = ورود به درخواست کارشناس لغو شد؛ ردیف‌های ثبت‌شده می‌مانند.
import-issue-too_long = بیش از { $count } نویسه است.
import-issue-missing_key = نه کد ملی دارد نه ایمیل؛ یکی از این دو لازم است.
import-issue-duplicate_in_file = تکراری است؛ همین فرد یا سازمان در ردیف { $count } آمده است.
import-issue-email_taken = این ایمیل متعلق به فرد دیگری با کد ملی دیگر است.
import-issue-ambiguous = چند سازمان با این نام در این مؤسسه ثبت شده است؛ شماره ثبت را وارد کنید.
import-issue-cell_count = شمار خانه‌های این ردیف با سرستون‌ها ({ $count }) یکی نیست؛ ردیف ناقص یا آسیب‌دیده است.
import-issue-bad_encoding = نویسه‌هایی دارد که خوانده نشد؛ فایل را با کدگذاری UTF-8 ذخیره کنید.
import-issue-near_duplicate = نامی بسیار شبیه ردیف { $count } در همین مؤسسه دارد؛ بررسی کنید تکراری نباشد.
import-issue-claimed = صاحب این پروفایل آن را دریافت کرده است؛ تغییرات فایل اعمال نشد.
import-issue-managed = این پروفایل را اعضای سازمان اداره می‌کنند؛ تغییرات فایل اعمال نشد.
import-issue-kept = این مقدار در فهرست این ستون نیست؛ به همین صورت روی پروفایل ماند و کارشناسان مرکز می‌توانند آن را معادل‌گذاری کنند.
kept-title = به بیان مؤسسهٔ فرستنده
kept-help = این مقدارها از فایل ورود گروهی آمده‌اند و هنوز با فهرست‌های حلقه معادل‌گذاری نشده‌اند.
kept-unmapped = هنوز معادل‌گذاری نشده
kept-column-field = حوزه تخصص
kept-column-province = استان
kept-column-degree = مدرک
kept-column-kind = نوع سازمان
kept-values-title = مقادیر حفظ‌شده
kept-values-lead = مقدارهایی از فایل‌های ورود گروهی که با هیچ حوزهٔ نوآوری، استان، مدرک یا نوع سازمانی جور نشدند. هیچ‌کدام دور ریخته نشده‌اند: به همان صورت روی پروفایل مانده‌اند و در جست‌وجو و تطبیق نیاز به کار می‌روند. با یک بار معادل‌گذاری، همهٔ پروفایل‌هایی که این مقدار را دارند و ورودهای گروهی بعدی گزینهٔ انتخاب‌شده را می‌گیرند.
kept-values-mapped = معادل‌گذاری ثبت شد و { $count } پروفایل به‌روز شد.
kept-values-empty = مقداری در انتظار معادل‌گذاری نیست.
kept-values-people = { $count } فرد
kept-values-organizations = { $count } سازمان
kept-values-examples = نمونه‌ها
kept-values-target = معادل آن در فهرست
kept-values-submit = معادل‌گذاری
kept-values-columns = ستون‌های ناشناخته
kept-values-columns-help = ستون‌هایی از فایل‌ها که حلقه آن‌ها را نمی‌شناسد. مقدارشان روی پروفایل نگه داشته شده و فقط خود فرد یا سازمان و کارشناسان مرکز آن را می‌بینند؛ در جست‌وجو نمی‌آید، چون معلوم نیست چه داده‌ای در آن است.
kept-values-header = عنوان ستون
kept-values-people-count = افراد
kept-values-organizations-count = سازمان‌ها
import-issue-unknown_field = این حوزه در فهرست حوزه‌های نوآوری نیست و خالی ماند.
import-issue-identity_conflict = این شناسه را پیش‌تر پروفایلی که صاحبش ساخته بود اعلام کرده بود. اکنون رکورد واردشده آن را دارد و کارشناسان تصمیم می‌گیرند (تعارض‌های هویتی).
import-issue-bad-degree = مدرک شناخته نشد (دیپلم، کاردانی، کارشناسی، کارشناسی ارشد، دکتری، پسادکتری).
import-issue-bad-kind = نوع سازمان شناخته نشد (گروه پژوهشی، آزمایشگاه دانشگاهی، استارتاپ، شرکت دانش‌بنیان، سمن، سایر).
import-issue-bad-website = نشانی وب‌سایت معتبر نیست.
import-issue-bad-certificate_expiry = تاریخ معتبر نیست؛ مانند ۱۴۰۴/۰۵/۱۲ یا 2025-08-03 بنویسید.
profile-claim-title = دریافت پروفایل در حلقه
profile-claim-lead = مرکز نوآوری پروفایلی به نام شما در حلقه ساخته است. با دریافت آن، پروفایل به حساب شما پیوند می‌خورد و می‌توانید آن را کامل کنید.
profile-claim-profile = پروفایل
profile-claim-create-account = برای دریافت پروفایل، حسابی با همین نشانی ایمیل بسازید:
profile-claim-sign-in-first = برای این نشانی ایمیل پیش‌تر حساب ساخته شده است؛ ابتدا وارد شوید.
profile-claim-other-account = با حساب دیگری وارد شده‌اید؛ با حساب همین نشانی ایمیل وارد شوید.
profile-claim-link-account = پیوند پروفایل به حساب من
profile-claim-submit = ساخت حساب و دریافت پروفایل
mail-profile-claim-subject = پروفایل شما در حلقه آماده است
mail-profile-claim-body =
    { $name } گرامی،

    مرکز نوآوری نظام اداری و استخدامی پروفایلی به نام شما در سامانه حلقه ساخته است.
    برای دریافت و تکمیل پروفایل، پیوند زیر را باز کنید (اعتبار: نود روز):
    { $link }

    اگر این پروفایل به شما مربوط نیست، این پیام را نادیده بگیرید.

## search
nav-directory = فهرست ظرفیت‌ها
nav-match = تطبیق نیاز
directory-title = فهرست ظرفیت‌های کشور
directory-query = جست‌وجو در نوآوران و سازمان‌ها
directory-placeholder = مثلاً «آزمون استخدامی» یا «تحلیل داده منابع انسانی»
directory-submit = جست‌وجو
directory-facets = پالایش نتایج
directory-verified-only = فقط احرازشده‌ها
directory-verified = تأییدشده
directory-facet-kind = نوع
directory-facet-field = حوزه تخصص
directory-facet-province = استان
directory-facet-org-kind = نوع سازمان
directory-total = { $count } نتیجه
directory-empty = نتیجه‌ای پیدا نشد. واژه‌های دیگری را بیازمایید یا پالایه‌ها را بردارید.
doc-kind-person = فرد
doc-kind-organization = سازمان
doc-kind-need = نیاز
pagination = صفحه‌ها
pagination-prev = قبلی
pagination-next = بعدی
match-title = تطبیق نیاز با ظرفیت‌ها
match-lead = نیاز دستگاه را بنویسید؛ حلقه افراد و تیم‌های مناسب را رتبه‌بندی می‌کند و دلیل هر پیشنهاد را نشان می‌دهد.
match-need = شرح نیاز
match-field = حوزه نوآوری
match-org-kind = نوع سازمان
match-submit = یافتن افراد ذی‌صلاح
match-results = پیشنهادها
match-empty = کسی با این نیاز تطبیق نیافت.
match-why = چرا این پیشنهاد؟
match-by-meaning = یافته بر پایهٔ معنا: واژهٔ مشترکی با نیاز ندارد، اما با واژه‌ها یا زبانی دیگر به آن پاسخ می‌دهد
directory-related = مرتبط بر پایهٔ معنا
directory-related-hint = این واژه‌ها در پروفایل‌های کمی آمده‌اند؛ این پروفایل‌ها همین موضوع را با واژه‌ها یا زبانی دیگر شرح می‌دهند.
match-signal-value = مقدار
match-terms = واژه‌های مشترک
match-term-in-profile = در پروفایل
match-in = در بخش‌های
match-publications = نزدیک‌ترین انتشارات
signal-text = شباهت متن
signal-taxonomy = هم‌پوشانی حوزه‌ها
signal-track_record = سابقه احرازشده
signal-semantic = شباهت معنایی
profile-part-name = نام
profile-part-skills = مهارت‌ها
profile-part-capabilities = توانمندی‌ها
profile-part-publications = انتشارات
profile-part-past_projects = پروژه‌های پیشین
profile-part-bio = معرفی
error-unauthenticated-title = ورود لازم است
error-unauthenticated-body = برای این درخواست ابتدا وارد شوید.
error-invalid_input-title = داده‌های فرستاده‌شده پذیرفته نشد
error-invalid_input-body = یک یا چند بخش درخواست نادرست است؛ پیام هر بخش را ببینید.

## introductions
nav-introductions = معرفی‌ها
introductions-title = معرفی‌ها
introductions-lead = درخواست‌های معرفی که شما در آن‌ها طرف هستید، با وضعیت هر یک.
introductions-empty = هنوز معرفی‌ای نیست.
introductions-col-need = نیاز
introductions-col-candidate = معرفی‌شده
introductions-col-agency = درخواست‌کننده
introductions-col-status = وضعیت
introductions-col-date = تاریخ
introduction-status-requested = در انتظار پاسخ
introduction-status-accepted = پذیرفته‌شده
introduction-status-declined = نپذیرفته
introduction-status-engaged = همکاری آغاز شد
introduction-status-not_engaged = همکاری انجام نشد
introduction-center = مرکز نوآوری
introduction-title = معرفی
introduction-back = بازگشت به معرفی‌ها
introduction-need = نیاز
introduction-candidate = معرفی‌شده
introduction-agency = درخواست‌کننده
introduction-requested-by = فرستنده درخواست
introduction-note = یادداشت درخواست
introduction-outcome-reason-shown = دلیل
introduction-why = چرا این معرفی؟
introduction-why-none = توضیح تطبیق برای این معرفی در دسترس نیست.
introduction-contact = اطلاعات تماس
introduction-contact-hidden = اطلاعات تماس پس از پذیرش درخواست از سوی معرفی‌شده نمایش داده می‌شود.
introduction-contact-none = اطلاعات تماسی ثبت نشده است.
introduction-contact-email = ایمیل
introduction-contact-mobile = تلفن همراه
introduction-answer = پاسخ به درخواست معرفی
introduction-answer-lead = با پذیرش، نشانی ایمیل و تلفن همراه شما به دستگاه درخواست‌کننده نشان داده می‌شود.
introduction-accept = می‌پذیرم
introduction-decline = نمی‌پذیرم
introduction-outcome = ثبت نتیجه
introduction-outcome-field = نتیجه
introduction-outcome-engaged = همکاری آغاز شد
introduction-outcome-not_engaged = همکاری انجام نشد
introduction-outcome-reason = دلیل
introduction-outcome-reason-help = اگر همکاری انجام نشد، دلیل آن را بنویسید.
introduction-outcome-submit = ثبت نتیجه
introduction-timeline = روند معرفی
introduction-event-requested = درخواست معرفی فرستاده شد
introduction-event-accepted = درخواست پذیرفته شد
introduction-event-declined = درخواست پذیرفته نشد
introduction-event-engaged = همکاری آغاز شد
introduction-event-not_engaged = همکاری انجام نشد
conversation-title = گفت‌وگو
conversation-empty = هنوز پیامی نوشته نشده است.
conversation-message-body = پیام
conversation-send = فرستادن پیام
match-select = انتخاب برای معرفی
match-introduce = معرفی انتخاب‌شده‌ها
match-introduce-note = یادداشت برای معرفی‌شدگان (اختیاری)
match-introduce-submit = فرستادن درخواست معرفی
match-saved-need = نیاز ذخیره‌شده
match-saved-lead = کسانی که برای این نیاز معرفی شده‌اند در پیشنهادها نمی‌آیند.
match-new-need = نیاز تازه
match-sent = { $count } درخواست معرفی فرستاده شد.
match-introduced = معرفی‌های این نیاز
invalid-already_introduced = این نامزد پیش‌تر برای همین نیاز معرفی شده است.
invalid-too_many_candidates = هر بار حداکثر پنجاه نامزد را می‌توانید معرفی کنید.
invalid-introduction_wrong_state = این گام در وضعیت کنونی معرفی ممکن نیست.
mail-introduction-request-subject = درخواست معرفی از طرف { $agency }
mail-introduction-request-body =
    سلام،

    { $agency } در سامانه حلقه می‌خواهد برای این نیاز با شما آشنا شود:
    «{ $title }»

    تا درخواست را نپذیرید، نشانی ایمیل و تلفن همراه شما به دستگاه داده نمی‌شود. برای دیدن درخواست و پاسخ به آن:
    { $link }
mail-introduction-request-claim-subject = درخواست معرفی از طرف { $agency }
mail-introduction-request-claim-body =
    { $name } گرامی،

    { $agency } در سامانه حلقه می‌خواهد برای این نیاز با شما آشنا شود:
    «{ $title }»

    پروفایلی به نام شما در حلقه هست. برای پاسخ، نخست پروفایل را با پیوند زیر دریافت کنید (اعتبار: نود روز)؛ سپس درخواست را در بخش «معرفی‌ها» می‌بینید:
    { $link }

    تا درخواست را نپذیرید، نشانی ایمیل و تلفن همراه شما به دستگاه داده نمی‌شود.
mail-introduction-accepted-subject = { $name } درخواست معرفی را پذیرفت
mail-introduction-accepted-body =
    سلام،

    { $name } درخواست معرفی برای نیاز «{ $title }» را پذیرفت. اطلاعات تماس در صفحه معرفی است:
    { $link }
mail-introduction-declined-subject = { $name } درخواست معرفی را نپذیرفت
mail-introduction-declined-body =
    سلام،

    { $name } درخواست معرفی برای نیاز «{ $title }» را نپذیرفت.
    { $link }
mail-introduction-engaged-subject = { $agency } همکاری با شما را آغاز کرد
mail-introduction-engaged-body =
    سلام،

    { $agency } نتیجه معرفی برای نیاز «{ $title }» را «همکاری آغاز شد» ثبت کرد. جزئیات در صفحه معرفی است:
    { $link }
mail-introduction-not-engaged-subject = { $agency } این معرفی را بدون همکاری بست
mail-introduction-not-engaged-body =
    سلام،

    { $agency } نتیجه معرفی برای نیاز «{ $title }» را «همکاری انجام نشد» ثبت کرد. دلیل آن در صفحه معرفی است:
    { $link }
mail-introduction-message-subject = پیام تازه درباره یک معرفی
mail-introduction-message-body =
    سلام،

    { $name } درباره معرفی برای نیاز «{ $title }» پیامی نوشته است:
    { $link }

nav-mail = صندوق نامه‌ها
outbox-title = صندوق نامه‌های خروجی
outbox-hint = نامه‌ها پس از هر تغییر در صف قرار می‌گیرند و با چند بار تلاش ارسال می‌شوند؛ نامه‌ای که ارسال نشد در فهرست نامه‌های برگشتی می‌ماند تا دوباره فرستاده شود.
outbox-pending = در صف ارسال: { $count }
outbox-dead = برگشتی: { $count }
outbox-sent = ارسال‌شده (در دوره نگهداری): { $count }
outbox-dead-title = نامه‌های برگشتی
outbox-no-dead = نامهٔ برگشتی‌ای نیست.
outbox-to = گیرنده
outbox-subject = موضوع
outbox-attempts = تلاش‌ها
outbox-dead-at = زمان توقف
outbox-last-error = آخرین خطا
outbox-retry = ارسال دوباره

# The communication loop: notifications and their settings
nav-notifications = اعلان‌ها
notifications-title = اعلان‌ها
notifications-lead = آنچه در معرفی‌ها و گفت‌وگوهایی که در آن‌ها طرف هستید رخ داده است. با باز کردن هر اعلان، آن اعلان خوانده می‌شود.
notifications-empty = هنوز اعلانی ندارید.
notifications-unread = { $count } اعلان خوانده‌نشده
notifications-unread-none = اعلان خوانده‌نشده‌ای ندارید
notifications-new = تازه
notifications-mark-all = همه را خوانده‌شده علامت بزن
notifications-mark-read = خوانده شد
notifications-settings-link = تنظیم اعلان‌ها
notification-message = { $name } در گفت‌وگوی «{ $title }» پیام تازه‌ای نوشت.
notification-introduction_requested = { $agency } درخواست معرفی برای نیاز «{ $title }» فرستاد.
notification-introduction_accepted = { $name } درخواست معرفی برای نیاز «{ $title }» را پذیرفت.
notification-introduction_declined = { $name } درخواست معرفی برای نیاز «{ $title }» را نپذیرفت.
notification-introduction_engaged = { $agency } برای نیاز «{ $title }» همکاری را آغاز کرد.
notification-introduction_not_engaged = { $agency } معرفی برای نیاز «{ $title }» را بدون همکاری بست.
notification-settings-title = تنظیم اعلان‌ها
notification-settings-lead = همهٔ اعلان‌ها در صفحهٔ اعلان‌ها می‌مانند. برای هر نوع، انتخاب کنید که ایمیل آن کی به دستتان برسد.
notification-settings-kind = نوع اعلان
notification-settings-delivery = ایمیل
notification-settings-save = ذخیرهٔ تنظیمات
notification-settings-saved = تنظیمات اعلان ذخیره شد.
notification-kind-message = پیام تازه در گفت‌وگو
notification-kind-introduction_requested = درخواست معرفی
notification-kind-introduction_accepted = پذیرش درخواست معرفی
notification-kind-introduction_declined = نپذیرفتن درخواست معرفی
notification-kind-introduction_engaged = آغاز همکاری
notification-kind-introduction_not_engaged = پایان معرفی بدون همکاری
notification-delivery-immediately = بی‌درنگ
notification-delivery-digest = خلاصهٔ روزانه
notification-delivery-off = خاموش
mail-digest-subject = خلاصهٔ روزانهٔ حلقه: { $count } اعلان تازه
mail-digest-body =
    سلام،

    از آخرین خلاصه، { $count } اعلان تازه در حلقه برای شما هست:
mail-digest-footer =
    همهٔ اعلان‌ها و تنظیم آن‌ها:
    { $link }
## Challenges and calls
nav-challenges = چالش‌ها
nav-my-challenges = چالش‌های دستگاه
nav-challenge-review = بررسی چالش‌ها
challenges-title = چالش‌ها
challenges-lead = مسائل دستگاه‌های اجرایی که برای راه‌حل به نوآوران سپرده شده‌اند.
challenges-feed = خوراک چالش‌های تازه (Atom)
challenges-feed-title = چالش‌های تازهٔ حلقه
challenges-search = جست‌وجو در چالش‌ها
challenges-any = همه
challenges-total = { $count } چالش
challenges-none = چالشی با این ویژگی‌ها پیدا نشد.
challenges-empty = هنوز چالشی نیست.
challenges-mine = چالش‌های دستگاه
challenges-mine-lead = چالش‌هایی که کارشناسان دستگاه شما نوشته‌اند، با وضعیت هر کدام.
challenges-review = بررسی چالش‌ها
challenges-review-lead = چالش‌هایی که برای بررسی فرستاده شده‌اند، و چالش‌های تأییدشده‌ای که منتظر انتشارند.
challenge-new = چالش تازه
challenge-edit = ویرایش چالش
challenge-edit-back-to-review = ویرایش چالش منتشرشده یا تأییدشده آن را دوباره به بررسی مرکز می‌فرستد.
challenge-form-lead = مسئله را چنان بنویسید که نوآوری که دستگاه شما را نمی‌شناسد بتواند برایش راه‌حل پیشنهاد دهد.
challenge-back = بازگشت به چالش‌ها
challenge-section-problem = مسئله
challenge-section-outcome = نتیجهٔ مطلوب
challenge-section-terms = بودجه، پشتیبانی و مهلت
challenge-section-eligibility = چه کسانی می‌توانند شرکت کنند
challenge-field-title = عنوان چالش
challenge-field-problem = مسئلهٔ امروز
challenge-field-affected = چه کسانی از آن آسیب می‌بینند
challenge-field-evidence = شواهد و آمار کنونی
challenge-field-outcome = نتیجهٔ مطلوب
challenge-field-success-measure = سنجهٔ موفقیت
challenge-field-constraints = محدودیت‌ها (حقوقی، داده، سامانه‌ها)
challenge-field-fields = حوزه‌های نوآوری
challenge-field-maturity = سطح آمادگی مورد انتظار
challenge-field-budget-min = کمینهٔ بودجه (میلیون ریال)
challenge-field-budget-max = بیشینهٔ بودجه (میلیون ریال)
challenge-field-support = پشتیبانی دستگاه
challenge-field-support-note = توضیح پشتیبانی
challenge-field-deadline = مهلت ارسال طرح
challenge-field-eligibility = شرکت‌کنندگان
challenge-field-provinces = استان‌ها
challenge-help-title = کوتاه و روشن؛ تا ۲۰۰ نویسه.
challenge-help-problem = وضع امروز را با جزئیات بنویسید؛ تا ۴٬۰۰۰ نویسه.
challenge-help-evidence = عددها و گزارش‌هایی که مسئله را نشان می‌دهند.
challenge-help-success-measure = چه عددی، چه اندازه، تا کی.
challenge-help-constraints = قانون‌ها، داده‌های در دسترس یا نادسترس، سامانه‌هایی که باید با آن‌ها کار کرد.
challenge-help-budget = با رقم‌های فارسی یا لاتین؛ خالی یعنی تعیین‌نشده.
challenge-help-deadline = روز پایانی به تاریخ خورشیدی، مانند ۱۴۰۵/۰۳/۱۵؛ ارسال تا پایان همان روز به وقت تهران.
challenge-help-provinces = اگر هیچ استانی را برنگزینید، چالش برای همهٔ استان‌ها باز است.
challenge-help-fields = تا پنج حوزه.
challenge-provinces-all = همهٔ استان‌ها
challenge-budget = بودجه
challenge-budget-unit = میلیون ریال
challenge-days-left = { $days } روز مانده
challenge-hours-left = { $hours } ساعت مانده
challenge-deadline-passed = مهلت گذشته است
challenge-call = فراخوان
challenge-call-choose = قرار دادن در فراخوان
challenge-call-none = بدون فراخوان
challenge-attachments = پیوست‌ها
challenge-attachments-none = پیوستی ندارد.
challenge-attach = افزودن پیوست
challenge-attach-help = PDF، PNG، JPEG یا WebP؛ هر بار تا پنج پرونده و برای هر چالش تا ده پرونده.
challenge-attach-submit = بارگذاری
challenge-actions = اقدام‌ها
challenge-history = سابقهٔ چالش
challenge-changed = بخش‌های تغییرکرده
challenge-col-title = عنوان
challenge-col-agency = دستگاه اجرایی
challenge-col-status = وضعیت
challenge-col-deadline = مهلت
challenge-col-updated = آخرین تغییر
challenge-status-draft = پیش‌نویس
challenge-status-submitted = در انتظار بررسی
challenge-status-returned = بازگشت برای اصلاح
challenge-status-approved = تأییدشده
challenge-status-published = منتشرشده
challenge-status-closed = پایان دریافت طرح
challenge-status-in_evaluation = در حال ارزیابی
challenge-status-awarded = برگزیده اعلام شد
challenge-status-no_award = بدون برگزیده
challenge-status-archived = بایگانی‌شده
challenge-step-submit = فرستادن برای بررسی مرکز
challenge-step-return = بازگرداندن با توضیح
challenge-step-approve = تأیید
challenge-step-publish = انتشار
challenge-step-close = پایان دریافت طرح
challenge-step-evaluate = آغاز ارزیابی
challenge-step-award = اعلام برگزیده
challenge-step-no_award = پایان بدون برگزیده
challenge-step-archive = بایگانی
challenge-reason-return = توضیح برای دستگاه
challenge-reason-no_award = دلیل
challenge-event-create = نوشته شد
challenge-event-edit = ویرایش شد
challenge-event-submit = برای بررسی فرستاده شد
challenge-event-return = با توضیح بازگردانده شد
challenge-event-approve = تأیید شد
challenge-event-publish = منتشر شد
challenge-event-close = دریافت طرح پایان یافت
challenge-event-evaluate = ارزیابی آغاز شد
challenge-event-award = برگزیده اعلام شد
challenge-event-no_award = بدون برگزیده پایان یافت
challenge-event-archive = بایگانی شد
challenge-changed-title = عنوان
challenge-changed-problem = مسئله
challenge-changed-affected = آسیب‌دیدگان
challenge-changed-evidence = شواهد
challenge-changed-outcome = نتیجهٔ مطلوب
challenge-changed-success_measure = سنجهٔ موفقیت
challenge-changed-constraints = محدودیت‌ها
challenge-changed-fields = حوزه‌ها
challenge-changed-maturity = سطح آمادگی
challenge-changed-budget_min = کمینهٔ بودجه
challenge-changed-budget_max = بیشینهٔ بودجه
challenge-changed-support = پشتیبانی
challenge-changed-support_note = توضیح پشتیبانی
challenge-changed-deadline = مهلت
challenge-changed-eligibility = شرکت‌کنندگان
challenge-changed-provinces = استان‌ها
challenge-changed-attachments = پیوست‌ها
challenge-maturity-idea = ایده
challenge-maturity-design = طراحی
challenge-maturity-prototype = نمونهٔ اولیه
challenge-maturity-pilot_ready = آمادهٔ اجرای آزمایشی
challenge-eligibility-people = افراد
challenge-eligibility-organizations = سازمان‌ها
challenge-eligibility-both = افراد و سازمان‌ها
challenge-support-data_access = دسترسی به داده
challenge-support-pilot_site = محل اجرای آزمایشی
challenge-support-mentoring = راهنمایی کارشناسان
challenge-deadline-open = باز
challenge-deadline-soon = رو به پایان (۱۴ روز)
calls-title = فراخوان‌ها
calls-lead = دوره‌هایی که چالش‌ها در آن‌ها با تاریخ و قاعدهٔ مشخص منتشر می‌شوند.
calls-empty = هنوز فراخوانی منتشر نشده است.
calls-back = بازگشت به فراخوان‌ها
call-new = فراخوان تازه
call-field-title = عنوان فراخوان
call-field-rules = قواعد فراخوان
call-field-opens = روز آغاز
call-field-closes = روز پایان
call-dates = بازهٔ فراخوان
call-challenges = چالش‌های این فراخوان
call-publish = انتشار فراخوان
call-status-draft = پیش‌نویس
call-status-published = منتشرشده
invalid-budget_range = کمینهٔ بودجه از بیشینهٔ آن بیشتر است.
invalid-deadline_past = مهلت گذشته است؛ روزی در آینده بنویسید.
invalid-challenge_wrong_state = این گام در وضعیت کنونی چالش ممکن نیست.
invalid-challenge_not_editable = این چالش در وضعیت کنونی ویرایش نمی‌شود.
invalid-challenge_changed_meanwhile = کسی دیگر در این میان چالش را ویرایش کرده است؛ صفحه را دوباره باز کنید.
invalid-closes_before_opens = روز پایان باید پس از روز آغاز باشد.
invalid-call_already_published = این فراخوان پیش‌تر منتشر شده است.
invalid-challenge_still_draft = پیش‌نویس را نمی‌توان در فراخوان گذاشت.
invalid-file_required = پرونده‌ای برگزینید.
challenge-matches = نوآوران و گروه‌های هم‌خوان
challenge-matches-back = بازگشت به چالش
challenge-matches-lead = نوآوران و سازمان‌هایی که بیشترین هم‌خوانی را با متن این چالش دارند، با دلیل هر کدام؛ فقط کسانی که می‌توانند در آن شرکت کنند.
