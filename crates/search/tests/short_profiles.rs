//! Fair to short profiles (issue 9): an imported-style profile — a few skills, no publications, no
//! track record — that covers most of a need's content words ranks at least as high as a plain TF-IDF
//! cosine over the whole profile would place it, among longer, verified profiles with publications
//! and past projects that share fewer of the need's words.

use std::collections::{HashMap, HashSet};

use halqe_search::analysis::terms;
use halqe_search::matching::{Need, Weights};
use halqe_search::query::Viewer;
use halqe_search::{IndexDoc, PublicationText, SearchIndex};

/// A profile as an import leaves it: one line of skills.
fn short(id: &str, skills: &str) -> IndexDoc {
    IndexDoc {
        id: id.into(),
        visibility: "public".into(),
        name: format!("نوآور {id}"),
        skills: skills.into(),
        ..IndexDoc::default()
    }
}

/// A profile its owner filled in: bio, publications, past government projects, verified.
fn long(id: &str, skills: &str, bio: &str, publications: &[&str], past_projects: &str, track_record: u64) -> IndexDoc {
    IndexDoc {
        id: id.into(),
        visibility: "public".into(),
        name: format!("پژوهشگر {id}"),
        skills: skills.into(),
        bio: bio.into(),
        publications: publications
            .iter()
            .map(|t| PublicationText { year: Some(2023), ..PublicationText::new(*t, "") })
            .collect(),
        past_projects: past_projects.into(),
        track_record,
        verified: true,
        ..IndexDoc::default()
    }
}

fn collection() -> Vec<IndexDoc> {
    vec![
        short("s-nlp", "پردازش زبان فارسی، رسیدگی به شکایات، متن‌کاوی"),
        short("s-complaints", "رسیدگی به شکایات مردمی، سامانه پاسخگویی هوشمند"),
        short(
            "s-archive",
            "رسیدگی به شکایات مردمی، سامانه‌های هوشمند، بایگانی اسناد، مستندسازی فرایندها، آموزش کارکنان",
        ),
        short("s-audit", "شاخص‌های ارزیابی عملکرد، ادارات استانی، حسابرسی، بودجه‌ریزی، گزارش‌نویسی، آمار"),
        short("s-retire", "یادگیری ماشین، پیش‌بینی بازنشستگی، Python"),
        short("s-kpi", "ارزیابی عملکرد ادارات استانی، شاخص‌های کلیدی"),
        short("s-security", "امنیت شبکه، پایش نفوذ"),
        short("s-budget", "حسابداری دولتی، بودجه‌ریزی"),
        short("s-water", "مدیریت منابع آب، استان فارس"),
        long(
            "l-egov",
            "دولت الکترونیک، مدیریت پروژه",
            "پژوهشگر حوزه دولت الکترونیک و سامانه‌های اطلاعاتی با بیش از پانزده سال سابقه در طراحی سامانه‌های هوشمند \
             برای وزارتخانه‌ها، مدیریت پروژه‌های فناوری اطلاعات و آموزش کارکنان دستگاه‌های اجرایی.",
            &["سامانه هوشمند مدیریت اسناد اداری", "معماری سامانه‌های دولت الکترونیک", "سامانه یکپارچه خدمات مردمی"],
            "سامانه نوبت‌دهی هوشمند ادارات؛ درگاه خدمات الکترونیک استان",
            4,
        ),
        long(
            "l-hr",
            "برنامه‌ریزی نیروی انسانی، جبران خدمت",
            "مشاور منابع انسانی و برنامه‌ریزی نیروی انسانی در دستگاه‌های دولتی، با تجربه طراحی نظام جبران خدمت، \
             آموزش مدیران و بازنگری ساختار سازمانی وزارتخانه‌ها.",
            &["برنامه‌ریزی نیروی انسانی در دولت", "نظام جبران خدمت کارکنان دولت", "آموزش مدیران دولتی"],
            "طرح جامع نیروی انسانی وزارت کار",
            3,
        ),
        long(
            "l-stats",
            "آمار، تحلیل داده",
            "آمارشناس و تحلیلگر داده با سابقه تحلیل داده‌های اقتصادی و اجتماعی، ساخت داشبوردهای مدیریتی و آموزش \
             روش‌های آماری به کارشناسان ادارات کل.",
            &["شاخص‌های اقتصادی استان‌ها", "داشبورد مدیریتی برای ادارات کل", "روش‌های آماری در ارزیابی برنامه‌ها"],
            "سامانه آمار استانی",
            2,
        ),
        long(
            "l-infra",
            "زیرساخت فناوری اطلاعات، مرکز داده",
            "مدیر زیرساخت فناوری اطلاعات با تجربه راه‌اندازی مراکز داده، شبکه‌های سازمانی و پشتیبانی سامانه‌های \
             دولتی در چند وزارتخانه.",
            &["طراحی مرکز داده سبز", "شبکه‌های سازمانی پایدار", "مدیریت زیرساخت دولتی"],
            "راه‌اندازی مرکز داده وزارتخانه",
            3,
        ),
        long(
            "l-ml",
            "هوش مصنوعی، بینایی ماشین",
            "پژوهشگر هوش مصنوعی با تمرکز بر بینایی ماشین و پردازش تصویر پزشکی؛ مدرس دوره‌های یادگیری عمیق.",
            &["تشخیص تصویر با یادگیری عمیق", "بینایی ماشین در صنعت", "یادگیری ماشین برای تصاویر پزشکی"],
            "سامانه تشخیص پلاک",
            2,
        ),
    ]
}

const NEEDS: &[&str] = &[
    "سامانه هوشمند رسیدگی به شکایات مردمی با پردازش زبان فارسی",
    "پیش‌بینی بازنشستگی کارکنان دولت با یادگیری ماشین",
    "طراحی شاخص‌های ارزیابی عملکرد ادارات کل استانی",
    "امنیت شبکه و پایش نفوذ در مراکز داده دولتی",
];

/// The profile's text as one bag of terms, name left out (it says nothing of expertise).
fn profile_terms(d: &IndexDoc) -> Vec<String> {
    let mut t = Vec::new();
    for part in [&d.skills, &d.bio, &d.past_projects, &d.capabilities] {
        t.extend(terms(part));
    }
    for p in &d.publications {
        t.extend(terms(&p.title));
        t.extend(terms(&p.text));
    }
    t
}

/// Plain TF-IDF cosine: sublinear term frequency, smoothed IDF over the collection, L2-normalized.
fn plain_cosines(docs: &[IndexDoc], need: &str) -> HashMap<String, f64> {
    let bags: Vec<Vec<String>> = docs.iter().map(profile_terms).collect();
    let n = docs.len() as f64;
    let df = |t: &str| bags.iter().filter(|b| b.iter().any(|x| x == t)).count() as f64;
    let vector = |bag: &[String]| {
        let mut v: HashMap<String, f64> = HashMap::new();
        for t in bag {
            *v.entry(t.clone()).or_default() += 1.0;
        }
        for (t, x) in v.iter_mut() {
            *x = (1.0 + x.ln()) * (((n + 1.0) / (df(t) + 1.0)).ln() + 1.0);
        }
        let norm = v.values().map(|x| x * x).sum::<f64>().sqrt().max(f64::EPSILON);
        v.values_mut().for_each(|x| *x /= norm);
        v
    };
    let q = vector(&terms(need));
    docs.iter()
        .zip(&bags)
        .map(|(d, bag)| {
            let v = vector(bag);
            (d.id.clone(), q.iter().map(|(t, x)| x * v.get(t).unwrap_or(&0.0)).sum())
        })
        .collect()
}

#[test]
fn a_short_profile_covering_most_of_a_need_ranks_at_least_where_plain_tf_idf_puts_it() {
    let docs = collection();
    let index = SearchIndex::in_memory().unwrap();
    index.upsert(&docs).unwrap();
    index.commit().unwrap();
    let mut checked = 0;
    let mut unfair = Vec::new();
    for need in NEEDS {
        let need_terms: HashSet<String> = terms(need).into_iter().collect();
        let plain = plain_cosines(&docs, need);
        let ranked = index
            .match_need(
                &Need { text: (*need).into(), viewer: Viewer::staff(), ..Need::default() },
                100,
                &Weights::default(),
            )
            .unwrap();
        let order: Vec<&str> = ranked.iter().map(|m| m.doc.id.as_str()).collect();
        for d in docs.iter().filter(|d| d.publications.is_empty()) {
            let covered = profile_terms(d).into_iter().collect::<HashSet<_>>().intersection(&need_terms).count();
            if 2 * covered < need_terms.len() {
                continue;
            }
            checked += 1;
            let plain_rank = 1 + order.iter().filter(|id| plain[**id] > plain[&d.id]).count();
            let rank = 1 + order.iter().position(|id| *id == d.id).expect("a covering profile is a candidate");
            if rank > plain_rank {
                unfair.push(format!("«{need}»: {} is {rank} in Halqe, {plain_rank} by plain TF-IDF: {order:?}", d.id));
            }
        }
    }
    assert!(checked >= 4, "the collection has short profiles covering most of a need ({checked})");
    assert!(unfair.is_empty(), "{}", unfair.join("\n"));
}
