//! The conflation table: word pairs the analyzer must give the same terms, and pairs of different
//! meaning it must keep apart (issue 9). Add a pair here before changing a stemming rule.

use halqe_search::analysis::terms;
use halqe_search::directory::DirectoryQuery;
use halqe_search::query::Viewer;
use halqe_search::{IndexDoc, SearchIndex};

/// Inflections and spellings of one word: plurals, ezafe, adjective and comparative suffixes.
const MUST_CONFLATE: &[(&str, &str)] = &[
    // Plurals in «ان», «یان», «گان», «ها», «ات».
    ("پژوهشگران", "پژوهشگر"),
    ("کارشناسان", "کارشناس"),
    ("کاربران", "کاربر"),
    ("دانشجویان", "دانشجو"),
    ("نخبگان", "نخبه"),
    ("نمایندگان", "نماینده"),
    ("سامانه‌ها", "سامانه"),
    ("سامانه‌های", "سامانه"),
    ("کتاب ها", "کتاب"),
    ("اطلاعات", "اطلاع"),
    ("تحقیقات", "تحقیق"),
    ("سازمان‌ها", "سازمان"),
    ("استان‌ها", "استان"),
    ("بیمارستان‌ها", "بیمارستان"),
    ("شرکت‌های دانش‌بنیان", "شرکت دانش‌بنیان"),
    // Irregular (Arabic) plurals, by table.
    ("مقالات", "مقاله"),
    ("خدمات", "خدمت"),
    ("مطالعات", "مطالعه"),
    ("منابع", "منبع"),
    ("مسائل", "مسئله"),
    // Ezafe: «ی» after a vowel or «ه», «ِ» dropped with the other diacritics.
    ("توسعه‌ی", "توسعه"),
    ("توسعهٔ", "توسعه"),
    ("شورای", "شورا"),
    ("دانشجوی", "دانشجو"),
    ("مدیریتِ", "مدیریت"),
    // Adjectives in «ی» and «ای», and one suffix after another.
    ("دانشگاهی", "دانشگاه"),
    ("استخدامی", "استخدام"),
    ("سازمانی", "سازمان"),
    ("حرفه‌ای", "حرفه"),
    ("اجرایی", "اجرا"),
    ("تحقیقاتی", "تحقیق"),
    ("پژوهشگرانی", "پژوهشگر"),
    ("ایرانیان", "ایران"),
    // Comparatives and superlatives.
    ("بزرگ‌تر", "بزرگ"),
    ("بزرگ‌ترین", "بزرگ"),
    ("سریع‌تر", "سریع"),
    ("دکتری", "دکتر"),
    // Spellings: Arabic letter forms, ZWNJ or space.
    ("مديريت", "مدیریت"),
    ("نمی توانند", "نمی‌توانند"),
    ("حرف‌های", "حرف"),
    ("شبکه‌ای", "شبکه"),
    // English.
    ("researchers", "researcher"),
    ("organizations", "organization"),
    ("universities", "university"),
    ("recruiting", "recruitment"),
    ("experienced", "experience"),
];

/// Words that look like an inflection of another but mean something else.
const MUST_NOT_CONFLATE: &[(&str, &str)] = &[
    ("فارسی", "فارس"),
    ("کارت", "کار"),
    ("انگلیسی", "انگلیس"),
    ("ترکی", "ترک"),
    ("بازی", "باز"),
    ("کشتی", "کشت"),
    ("ماهی", "ماه"),
    ("گوشی", "گوش"),
    ("کیفی", "کیف"),
    ("مالی", "مال"),
    ("مالیات", "مالی"),
    ("ریاضی", "ریاض"),
    ("کرمان", "کرم"),
    ("انسان", "انس"),
    ("میزان", "میز"),
    ("پایان", "پای"),
    ("دوران", "دور"),
    ("بحران", "بحر"),
    ("جبران", "جبر"),
    ("ارزان", "ارز"),
    ("خیابان", "خیاب"),
    ("ساختمان", "ساختم"),
    ("ارگان", "اره"),
    ("رایگان", "رایه"),
    ("فیلتر", "فیل"),
    ("عملیات", "عملی"),
    ("ادبیات", "ادب"),
    ("استخدام", "استخد"),
    ("انجام", "انج"),
    ("پاداش", "پاد"),
    ("شورای", "شور"),
    // English words Snowball would join.
    ("organization", "organ"),
    ("university", "universe"),
    ("experience", "experiment"),
    ("authority", "author"),
];

#[test]
fn the_conflation_table_holds() {
    let mut wrong = Vec::new();
    for (a, b) in MUST_CONFLATE {
        let (ta, tb) = (terms(a), terms(b));
        if ta.is_empty() || ta != tb {
            wrong.push(format!("must conflate: {a} {ta:?} / {b} {tb:?}"));
        }
    }
    for (a, b) in MUST_NOT_CONFLATE {
        let (ta, tb) = (terms(a), terms(b));
        if ta.is_empty() || ta == tb {
            wrong.push(format!("must not conflate: {a} {ta:?} / {b} {tb:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_directory_tells_the_persian_language_from_the_province() {
    let index = SearchIndex::in_memory().unwrap();
    let person = |id: &str, bio: &str| IndexDoc {
        id: id.into(),
        visibility: "public".into(),
        name: id.into(),
        bio: bio.into(),
        ..IndexDoc::default()
    };
    index
        .upsert(&[
            person("language", "پردازش زبان فارسی و ترجمه ماشینی"),
            person("province", "مدیریت منابع آب در استان فارس"),
            person("both", "آموزش زبان فارسی به کودکان استان فارس"),
        ])
        .unwrap();
    index.commit().unwrap();
    let ids = |text: &str| {
        let q = DirectoryQuery { text: text.into(), viewer: Viewer::staff(), limit: 10, ..DirectoryQuery::default() };
        let mut ids: Vec<String> = index.directory(&q).unwrap().hits.into_iter().map(|h| h.doc.id).collect();
        ids.sort();
        ids
    };
    assert_eq!(ids("فارسی"), ["both", "language"]);
    assert_eq!(ids("فارس"), ["both", "province"]);
}
