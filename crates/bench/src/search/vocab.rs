//! The generator's vocabulary: real Persian stems of administration, employment, technology and research, expanded into word forms, plus English technical words, ranked for Zipf-like draws.

use crate::rng::{Rng, Zipf};

/// Nouns that take the «ها»/«های» plurals and the adjectival «ی» (or «‌ای» after «ه»).
const NOUNS: &[&str] = &[
    "سازمان",
    "اداره",
    "دستگاه",
    "وزارت",
    "معاونت",
    "استانداری",
    "فرمانداری",
    "شهرداری",
    "دولت",
    "حکمرانی",
    "سیاست",
    "قانون",
    "آیین‌نامه",
    "دستورالعمل",
    "بخشنامه",
    "مصوبه",
    "ضابطه",
    "فرایند",
    "رویه",
    "خدمت",
    "مراجعه",
    "بودجه",
    "اعتبار",
    "هزینه",
    "درآمد",
    "تشکیلات",
    "ساختار",
    "واحد",
    "بخش",
    "حوزه",
    "نظارت",
    "بازرسی",
    "حسابرسی",
    "گزارش",
    "پرونده",
    "مکاتبه",
    "دبیرخانه",
    "بایگانی",
    "سند",
    "مدرک",
    "مجوز",
    "استعلام",
    "پاسخگویی",
    "شفافیت",
    "فساد",
    "سلامت",
    "عدالت",
    "کارایی",
    "اثربخشی",
    "بهره‌وری",
    "کیفیت",
    "رضایت",
    "شکایت",
    "درخواست",
    "پیشنهاد",
    "طرح",
    "برنامه",
    "پروژه",
    "راهبرد",
    "هدف",
    "چشم‌انداز",
    "مأموریت",
    "شاخص",
    "معیار",
    "ارزیابی",
    "پایش",
    "سنجش",
    "عملکرد",
    "پیامد",
    "تحول",
    "نوآوری",
    "خلاقیت",
    "ایده",
    "تجربه",
    "الگو",
    "مدل",
    "چارچوب",
    "نظام",
    "سامانه",
    "پنجره",
    "درگاه",
    "پیشخوان",
    "استخدام",
    "آزمون",
    "مصاحبه",
    "گزینش",
    "جذب",
    "نیرو",
    "شغل",
    "حرفه",
    "مهارت",
    "شایستگی",
    "توانمندی",
    "آموزش",
    "دوره",
    "کارگاه",
    "ارتقا",
    "ترفیع",
    "انتصاب",
    "جابجایی",
    "بازنشستگی",
    "دستمزد",
    "پاداش",
    "رفاه",
    "بیمه",
    "قرارداد",
    "پیمان",
    "مرخصی",
    "حضور",
    "دورکاری",
    "انگیزه",
    "رهبری",
    "مدیریت",
    "سرپرستی",
    "کارآفرینی",
    "اشتغال",
    "بیکاری",
    "بازار",
    "داده",
    "پایگاه",
    "شبکه",
    "سرور",
    "نرم‌افزار",
    "سخت‌افزار",
    "برنامه‌نویسی",
    "الگوریتم",
    "هوش",
    "یادگیری",
    "ماشین",
    "پردازش",
    "تحلیل",
    "زبان",
    "متن",
    "تصویر",
    "گفتار",
    "رایانش",
    "امنیت",
    "رمزنگاری",
    "احراز",
    "هویت",
    "امضا",
    "زنجیره",
    "اینترنت",
    "حسگر",
    "ربات",
    "اتوماسیون",
    "همراه",
    "رابط",
    "کاربر",
    "طراحی",
    "توسعه",
    "پیاده‌سازی",
    "استقرار",
    "یکپارچگی",
    "تعامل",
    "زیرساخت",
    "معماری",
    "سکو",
    "داشبورد",
    "پژوهش",
    "تحقیق",
    "مطالعه",
    "بررسی",
    "مقاله",
    "کتاب",
    "پایان‌نامه",
    "رساله",
    "نشریه",
    "مجله",
    "همایش",
    "فرضیه",
    "روش",
    "پرسشنامه",
    "نمونه",
    "جامعه",
    "آمار",
    "رگرسیون",
    "مدل‌سازی",
    "شبیه‌سازی",
    "آزمایش",
    "آزمایشگاه",
    "دانشگاه",
    "دانشکده",
    "پژوهشکده",
    "پژوهشگاه",
    "نظریه",
    "مفهوم",
    "پیشینه",
    "یافته",
    "داوری",
    "دانش",
    "فناوری",
    "صنعت",
    "اقتصاد",
    "سرمایه",
    "ظرفیت",
    "توانایی",
    "بهبود",
    "چالش",
    "مسئله",
    "راهکار",
    "راه‌حل",
    "فرصت",
    "تهدید",
    "ریسک",
    "بحران",
    "تصمیم",
    "تصمیم‌گیری",
    "سیاست‌گذاری",
    "هدف‌گذاری",
    "سرمایه‌گذاری",
    "قیمت‌گذاری",
    "برنامه‌ریزی",
    "ارتباط",
    "همکاری",
    "مشارکت",
    "هماهنگی",
    "شورا",
    "کمیته",
    "کارگروه",
    "جلسه",
    "صورتجلسه",
    "تصویب",
    "اجرا",
    "ابلاغ",
    "پیگیری",
    "تعهد",
    "مسئولیت",
    "اختیار",
    "وظیفه",
    "نقش",
    "جایگاه",
    "منصب",
    "سابقه",
    "رزومه",
    "مصاحبه‌گر",
    "آگهی",
    "فراخوان",
    "ثبت‌نام",
    "پذیرش",
    "ظرفیت‌سازی",
    "تربیت",
    "استعداد",
    "نخبه",
    "مربی",
    "منتور",
    "مشاوره",
    "کوچینگ",
    "ارزش",
    "فرهنگ",
    "اخلاق",
    "رفتار",
    "نگرش",
    "انضباط",
    "تخلف",
    "رسیدگی",
    "هیئت",
    "دادرسی",
    "حقوق‌بگیر",
    "مستمری",
    "صندوق",
    "تأمین",
    "درمان",
    "سلامت‌محوری",
    "ایمنی",
    "بهداشت",
    "محیط",
    "مکان",
    "ساعت",
    "زمان‌بندی",
    "تقویم",
    "نوبت",
    "صف",
    "انتظار",
    "تماس",
    "پیامک",
    "ایمیل",
    "پورتال",
    "وبگاه",
    "اپلیکیشن",
    "نسخه",
    "به‌روزرسانی",
    "نگهداری",
    "پشتیبانی",
    "پشتیبان",
    "بازیابی",
    "ذخیره‌سازی",
    "انبار",
    "پیکربندی",
    "مجازی‌سازی",
    "ابر",
    "مرکز",
    "شعبه",
    "استان",
    "شهرستان",
    "روستا",
    "منطقه",
    "کشور",
    "جهان",
    "تجارت",
    "تولید",
    "مصرف",
    "انرژی",
    "حمل‌ونقل",
    "ترافیک",
    "مالیات",
    "گمرک",
    "ثبت",
    "احوال",
    "شناسنامه",
    "کارت",
    "گواهی",
    "گواهینامه",
    "پروانه",
    "صلاحیت",
    "رتبه",
    "رتبه‌بندی",
    "امتیاز",
    "وزن",
    "نمره",
    "کارنامه",
    "پیشرفت",
    "رشد",
    "توسعه‌یافتگی",
    "نابرابری",
    "تبعیض",
    "دسترسی",
    "معلولیت",
    "جنسیت",
    "جوان",
    "بانو",
    "خانواده",
    "کودک",
];

/// Words written one way only (broken plurals and the like).
const INVARIANT: &[&str] =
    &["اطلاعات", "مقررات", "اصلاحات", "مزایا", "منابع", "حقوق", "ادبیات", "خدمات", "امور", "مسائل"];

/// People nouns whose plural is «ان» (پژوهشگر → پژوهشگران).
const PEOPLE: &[&str] = &[
    "پژوهشگر",
    "کارمند",
    "کارشناس",
    "مدیر",
    "کارفرما",
    "کارکن",
    "متخصص",
    "مشاور",
    "مهندس",
    "تحلیلگر",
    "برنامه‌نویس",
    "طراح",
    "داور",
    "استاد",
    "دانشجو",
    "نخبه",
    "مربی",
    "شهروند",
    "متقاضی",
    "داوطلب",
    "کارآموز",
    "سرپرست",
    "بازرس",
    "حسابرس",
    "نماینده",
    "سیاست‌گذار",
    "تصمیم‌گیرنده",
    "کاربر",
    "مخاطب",
    "ذی‌نفع",
    "مدرس",
    "محقق",
    "نویسنده",
    "مؤلف",
    "مترجم",
    "ویراستار",
    "توسعه‌دهنده",
    "معمار",
    "مالک",
    "سهامدار",
    "کارآفرین",
    "مبتکر",
    "نوآور",
    "فعال",
    "داوطلب",
    "همکار",
    "رقیب",
    "مصرف‌کننده",
    "تولیدکننده",
    "بازنشسته",
];

/// Gradable adjectives, also written with «‌تر»/«‌ترین».
const GRADABLE: &[&str] = &[
    "هوشمند",
    "یکپارچه",
    "شفاف",
    "چابک",
    "ساده",
    "روان",
    "کوچک",
    "متمرکز",
    "امن",
    "پایدار",
    "منعطف",
    "کارآمد",
    "جامع",
    "هماهنگ",
    "پیشرفته",
    "نوین",
    "رقابتی",
    "هدفمند",
    "فراگیر",
    "سریع",
    "دقیق",
    "مؤثر",
    "ارزان",
    "پیچیده",
];

/// Relational adjectives, written one way.
const RELATIONAL: &[&str] = &[
    "بومی",
    "استاندارد",
    "خودکار",
    "دیجیتال",
    "مجازی",
    "الکترونیکی",
    "برخط",
    "غیرمتمرکز",
    "شبکه‌ای",
    "فرهنگی",
    "تخصصی",
    "عمومی",
    "ملی",
    "محلی",
    "بین‌المللی",
    "نظام‌مند",
    "ماشینی",
    "آماری",
    "کمی",
    "کیفی",
    "راهبردی",
    "عملیاتی",
    "سازمانی",
    "اداری",
    "استخدامی",
    "آموزشی",
    "پژوهشی",
    "فناورانه",
    "مردمی",
    "اجتماعی",
    "اقتصادی",
    "حقوقی",
    "مالی",
    "انسانی",
    "رفتاری",
    "شناختی",
    "زبانی",
    "فارسی",
];

/// Stems of «‌سازی» compounds (هوشمند → هوشمندسازی), a lemma of their own as the analyzer sees them.
const MADE: &[&str] = &[
    "هوشمند",
    "یکپارچه",
    "شفاف",
    "چابک",
    "بومی",
    "استاندارد",
    "خودکار",
    "مستند",
    "بهینه",
    "ساده",
    "روان",
    "کوچک",
    "متمرکز",
    "مجازی",
    "امن",
    "پایدار",
    "همسان",
    "شبکه",
    "فرهنگ",
    "دیجیتال",
    "یکسان",
    "فعال",
    "آماده",
    "برون",
    "جریان",
    "الگو",
    "گفتمان",
    "مردمی",
    "تصمیم",
    "زمینه",
];

/// English technical words as they appear in Persian profiles.
const ENGLISH: &[&str] = &[
    "python",
    "sql",
    "postgresql",
    "kubernetes",
    "docker",
    "tensorflow",
    "pytorch",
    "bert",
    "transformer",
    "nlp",
    "api",
    "rest",
    "graphql",
    "microservices",
    "erp",
    "crm",
    "bpm",
    "bpmn",
    "etl",
    "dashboard",
    "tableau",
    "powerbi",
    "spss",
    "stata",
    "matlab",
    "hadoop",
    "spark",
    "kafka",
    "elasticsearch",
    "redis",
    "linux",
    "devops",
    "agile",
    "scrum",
    "kanban",
    "lean",
    "okr",
    "kpi",
    "scorecard",
    "hris",
    "lms",
    "moodle",
    "blockchain",
    "iot",
    "gis",
    "arcgis",
    "rpa",
    "uipath",
    "ocr",
    "chatbot",
    "llm",
    "gpt",
    "embedding",
    "clustering",
    "regression",
    "classification",
    "forecasting",
    "optimization",
    "simulation",
    "analytics",
    "governance",
    "compliance",
    "audit",
    "cybersecurity",
    "encryption",
    "authentication",
    "oauth",
    "saml",
    "pki",
    "rust",
    "java",
    "golang",
    "javascript",
    "typescript",
    "react",
    "vue",
    "angular",
    "django",
    "flask",
    "spring",
    "dotnet",
    "oracle",
    "sap",
    "sharepoint",
    "excel",
    "vba",
    "figma",
    "ux",
    "accessibility",
    "usability",
    "survey",
    "psychometrics",
    "irt",
    "assessment",
    "recruitment",
    "onboarding",
    "payroll",
    "workforce",
    "retention",
    "engagement",
    "wellbeing",
    "telework",
    "egovernment",
    "opendata",
    "transparency",
    "interoperability",
    "ontology",
    "semantic",
    "knowledge",
    "graph",
    "sparql",
    "datawarehouse",
    "olap",
    "mlops",
    "cloud",
    "azure",
    "openstack",
    "ansible",
    "terraform",
    "grafana",
    "prometheus",
    "nginx",
    "benchmark",
    "dataset",
    "annotation",
    "corpus",
    "tokenization",
    "stemming",
];

const ZWNJ: &str = "\u{200C}";

/// One vocabulary entry and the ways it is written, each with how often.
#[derive(Debug, Clone)]
pub struct Lemma {
    pub forms: Vec<String>,
    /// Cumulative weights of `forms`, ending at 1.
    cdf: Vec<f64>,
}

impl Lemma {
    fn new(weighted: Vec<(String, f64)>) -> Self {
        let total: f64 = weighted.iter().map(|w| w.1).sum();
        let mut acc = 0.0;
        let cdf = weighted
            .iter()
            .map(|w| {
                acc += w.1 / total;
                acc
            })
            .collect();
        Self { forms: weighted.into_iter().map(|w| w.0).collect(), cdf }
    }

    fn one(word: &str) -> Self {
        Self::new(vec![(word.to_owned(), 1.0)])
    }
}

/// A noun, its plurals with ZWNJ (most), a space or joined (typed without ZWNJ), and its adjective.
fn noun(stem: &str) -> Lemma {
    let mut forms = vec![(stem.to_owned(), 0.45)];
    for suffix in ["ها", "های"] {
        forms.push((format!("{stem}{ZWNJ}{suffix}"), 0.12));
        forms.push((format!("{stem} {suffix}"), 0.03));
        forms.push((format!("{stem}{suffix}"), 0.05));
    }
    let adjective = if stem.ends_with('ه') {
        Some(format!("{stem}{ZWNJ}ای"))
    } else if stem.ends_with(['ا', 'و']) {
        Some(format!("{stem}یی"))
    } else {
        (!stem.ends_with('ی')).then(|| format!("{stem}ی"))
    };
    forms.extend(adjective.map(|a| (a, 0.15)));
    Lemma::new(forms)
}

/// A people noun and its «ان» plural (پژوهشگر → پژوهشگران, نخبه → نخبگان, دانشجو → دانشجویان).
fn person(stem: &str) -> Lemma {
    let plural = match stem.strip_suffix('ه') {
        Some(head) => format!("{head}گان"),
        None if stem.ends_with(['ا', 'و']) => format!("{stem}یان"),
        None => format!("{stem}ان"),
    };
    Lemma::new(vec![(stem.to_owned(), 0.6), (plural, 0.3), (format!("{stem}{ZWNJ}های"), 0.1)])
}

fn gradable(stem: &str) -> Lemma {
    Lemma::new(vec![(stem.to_owned(), 0.8), (format!("{stem}{ZWNJ}تر"), 0.12), (format!("{stem}{ZWNJ}ترین"), 0.08)])
}

fn made(stem: &str) -> Lemma {
    let made = format!("{stem}{ZWNJ}سازی");
    Lemma::new(vec![(made.clone(), 0.7), (format!("{stem}سازی"), 0.15), (format!("{made}{ZWNJ}ها"), 0.15)])
}

/// Persian lemmas in rank order (a fixed shuffle, so rank does not follow the lists above) and English words.
#[derive(Debug)]
pub struct Vocab {
    pub persian: Vec<Lemma>,
    pub english: Vec<&'static str>,
    pub persian_zipf: Zipf,
    pub english_zipf: Zipf,
}

impl Vocab {
    /// The vocabulary every run uses (independent of the seed, so figures compare across seeds).
    pub fn new() -> Self {
        let mut persian: Vec<Lemma> = NOUNS.iter().map(|s| noun(s)).collect();
        persian.extend(INVARIANT.iter().chain(RELATIONAL).map(|s| Lemma::one(s)));
        persian.extend(PEOPLE.iter().map(|s| person(s)));
        persian.extend(GRADABLE.iter().map(|s| gradable(s)));
        persian.extend(MADE.iter().map(|s| made(s)));
        let mut seen = std::collections::HashSet::new();
        persian.retain(|l| seen.insert(l.forms[0].clone()));
        let mut rng = Rng::new(0x5EED, 0, 0);
        rng.shuffle(&mut persian);
        let mut english = ENGLISH.to_vec();
        english.dedup();
        rng.shuffle(&mut english);
        let persian_zipf = Zipf::new(persian.len(), 1.0);
        let english_zipf = Zipf::new(english.len(), 1.0);
        Self { persian, english, persian_zipf, english_zipf }
    }

    /// Distinct written forms of all Persian lemmas.
    pub fn form_count(&self) -> usize {
        self.persian.iter().map(|l| l.forms.len()).sum()
    }

    /// A written form of lemma `rank`, as often as real text writes it.
    pub fn form(&self, rank: usize, rng: &mut Rng) -> &str {
        let lemma = &self.persian[rank];
        let u = rng.unit();
        let i = lemma.cdf.partition_point(|c| *c <= u).min(lemma.forms.len() - 1);
        &lemma.forms[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_thousand_forms_from_a_few_hundred_stems() {
        let v = Vocab::new();
        assert!(v.persian.len() > 400, "{}", v.persian.len());
        assert!(v.form_count() > 2500, "{}", v.form_count());
        assert!(v.persian.iter().all(|l| l.cdf.len() == l.forms.len() && (l.cdf[l.cdf.len() - 1] - 1.0).abs() < 1e-9));
        assert!(v.persian.iter().all(|l| l.forms.iter().all(|f| !f.is_empty())));
    }

    #[test]
    fn every_form_is_one_analyzed_term() {
        let v = Vocab::new();
        for l in &v.persian {
            for f in &l.forms {
                assert_eq!(halqe_search::analysis::terms(f).len(), 1, "{f} in {:?}", l.forms);
            }
        }
    }
}
