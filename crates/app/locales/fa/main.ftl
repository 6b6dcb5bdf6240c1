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
login-throttled = به دلیل تلاش‌های ناموفق پیاپی، ورود به این حساب موقتاً مسدود شده است. لطفاً پانزده دقیقه دیگر دوباره تلاش کنید.
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

invalid-required = پر کردن این بخش الزامی است.
invalid-too_long = این مقدار بیش از حد طولانی است.
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
