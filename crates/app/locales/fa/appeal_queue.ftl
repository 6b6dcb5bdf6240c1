## Appeals reaching center staff (issue 11): the notice of a filed appeal and the queue of those waiting.

notification-appeal_filed = برای طرح «{ $title }» درخواست تجدیدنظر ثبت شد.
notification-kind-appeal_filed = درخواست تجدیدنظر تازه (کارشناسان مرکز)
mail-appeal-filed-subject = درخواست تجدیدنظر تازه: «{ $title }»
mail-appeal-filed-body =
    سلام،

    متقاضیِ طرح «{ $title }» به تصمیمِ رد درخواست تجدیدنظر داده است. پاسخ را کسی جز تصمیم‌گیرندهٔ نخست می‌دهد.

    دلیل متقاضی: { $reason }

    { $link }
nav-appeals = تجدیدنظرها
appeals-title = درخواست‌های تجدیدنظرِ در انتظار پاسخ
appeals-lead = قدیمی‌ترین نخست. پاسخِ هر درخواست را کسی جز تصمیم‌گیرندهٔ ردِ آن می‌دهد.
appeals-empty = درخواستِ تجدیدنظری در انتظار پاسخ نیست.
appeals-proposal = طرح
appeals-where = فراخوان و مرحله
appeals-filed = ثبت درخواست
appeals-rejected = تاریخ رد
appeals-reason = دلیل متقاضی
appeals-own = ردِ این طرح را شما ثبت کرده‌اید؛ همکار دیگری باید پاسخ دهد.
appeals-answer = پاسخ دادن
