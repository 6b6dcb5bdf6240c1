//! Realistic Persian people files for benchmarks and tests: valid national IDs, Persian names and
//! provinces, about 5% typed with Arabic ي/ك, and a few invalid or duplicated rows (about 2.5%).

use std::io::Write;

use halqe_domain::province::Province;

use halqe_app::imports::columns::PEOPLE;

use crate::names;
use crate::rng::Rng;

const UNIVERSITIES: &[&str] = &[
    "دانشگاه تهران",
    "دانشگاه صنعتی شریف",
    "دانشگاه صنعتی امیرکبیر",
    "دانشگاه علم و صنعت ایران",
    "دانشگاه شیراز",
    "دانشگاه فردوسی مشهد",
    "دانشگاه صنعتی اصفهان",
    "دانشگاه تبریز",
    "دانشگاه یزد",
    "دانشگاه کاشان",
    "دانشگاه شهید بهشتی",
    "دانشگاه تربیت مدرس",
    "دانشگاه کردستان",
    "دانشگاه گیلان",
    "پژوهشگاه نیرو",
    "دانشگاه اصفهان",
    "دانشگاه رازی",
    "دانشگاه ارومیه",
    "دانشگاه زنجان",
    "دانشگاه سمنان",
    "دانشگاه بوعلی سینا",
    "دانشگاه شهید چمران اهواز",
    "دانشگاه کرمان",
    "دانشگاه قم",
    "دانشگاه مازندران",
];
const FACULTIES: &[&str] = &[
    "دانشکده برق",
    "دانشکده کامپیوتر",
    "دانشکده مکانیک",
    "دانشکده عمران",
    "دانشکده شیمی",
    "دانشکده فیزیک",
    "دانشکده ریاضی",
    "دانشکده مدیریت",
    "دانشکده اقتصاد",
    "دانشکده کشاورزی",
    "دانشکده پزشکی",
    "دانشکده داروسازی",
    "دانشکده مواد",
    "دانشکده صنایع",
    "دانشکده معماری",
    "دانشکده زیست‌شناسی",
    "دانشکده زمین‌شناسی",
    "دانشکده علوم اجتماعی",
    "دانشکده حقوق",
    "دانشکده روان‌شناسی",
    "دانشکده ادبیات",
    "دانشکده محیط زیست",
    "دانشکده نفت",
    "دانشکده هوافضا",
];
const DOMAINS: &[&str] = &["ut", "sharif", "aut", "iust", "shirazu", "um", "iut", "tabrizu"];
const DEGREES: &[&str] = &["کارشناسی", "کارشناسی ارشد", "دکتری", "پسادکتری", "کاردانی", "دیپلم"];
const SKILLS: &[&str] = &[
    "یادگیری ماشین",
    "تحلیل داده",
    "پایتون",
    "مدیریت پروژه",
    "هوش مصنوعی",
    "اینترنت اشیا",
    "طراحی مدار",
    "انرژی خورشیدی",
    "بیوتکنولوژی",
    "شبکه",
    "امنیت اطلاعات",
    "رابط کاربری",
    "پردازش زبان فارسی",
    "رباتیک",
];

/// A valid national ID for the `n`th person: a nine-digit prefix unique per `n` (below a billion) and its check digit.
pub fn national_id(n: u64) -> String {
    // 7919 is prime and shares no factor with 10⁹, so n ↦ n·7919 mod 10⁹ never repeats.
    let prefix = format!("{:09}", (n.wrapping_mul(7919).wrapping_add(123_456)) % 1_000_000_000);
    let sum: u32 = prefix.bytes().zip((2..=10).rev()).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let r = sum % 11;
    format!("{prefix}{}", if r < 2 { r } else { 11 - r })
}

/// Arabic ي/ك for Persian ی/ک, as older keyboards type them.
fn arabic(s: &str) -> String {
    s.replace('ی', "ي").replace('ک', "ك")
}

/// What a generated file holds besides valid rows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sample {
    pub rows: u64,
    /// Rows made invalid on purpose (bad checksum, malformed email, unknown province) or repeated.
    pub flawed: u64,
}

/// Writes a people file of `rows` data rows (Persian headers, UTF-8 with BOM); `fields` are taxonomy names to use.
pub fn write_people(out: impl Write, rows: u64, seed: u64, fields: &[String]) -> std::io::Result<Sample> {
    let mut out = std::io::BufWriter::new(out);
    out.write_all("\u{FEFF}".as_bytes())?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(PEOPLE.iter().map(|c| c.fa))?;
    let mut rng = Rng::new(seed, 0, 0);
    let mut sample = Sample { rows, flawed: 0 };
    let mut previous_id = national_id(0);
    for n in 0..rows {
        let mut id = national_id(n);
        let mut email = if rng.chance(0.8) { format!("u{n}@{}.ac.ir", *rng.pick(DOMAINS)) } else { String::new() };
        let mut province = Province::ALL[rng.below(Province::ALL.len())].name_fa().to_owned();
        let flaw = rng.below(1000);
        match flaw {
            0..=9 => id.replace_range(9.., if id.ends_with('0') { "1" } else { "0" }),
            10..=14 => email = format!("u{n}@"),
            15..=19 => province = "استان ناموجود".into(),
            20..=24 => id.clone_from(&previous_id),
            _ => {}
        }
        sample.flawed += u64::from(flaw < 25);
        previous_id.clone_from(&id);
        let (first, last) = names::person(&mut rng);
        let (mut first, mut last) = (first.to_owned(), last);
        let institution = format!("{} {}", *rng.pick(FACULTIES), *rng.pick(UNIVERSITIES));
        if rng.chance(0.05) {
            first = arabic(&first);
            last = arabic(&last);
        }
        let field = if fields.is_empty() { "" } else { fields[rng.below(fields.len())].as_str() };
        let skills = [*rng.pick(SKILLS), *rng.pick(SKILLS)].join("، ");
        let mobile = format!("09{:09}", rng.next_u64() % 1_000_000_000);
        writer.write_record([
            id.as_str(),
            &first,
            &last,
            &email,
            &mobile,
            &province,
            &institution,
            field,
            *rng.pick(DEGREES),
            &skills,
        ])?;
    }
    writer.flush()?;
    Ok(sample)
}

#[cfg(test)]
mod tests {
    use super::*;
    use halqe_domain::iran::NationalId;

    #[test]
    fn national_ids_are_valid_and_distinct() {
        let mut seen = std::collections::HashSet::new();
        for n in 0..20_000 {
            let id = national_id(n);
            assert!(seen.insert(id.clone()), "{id} repeats");
            if NationalId::parse(&id).is_err() {
                assert!(id.bytes().all(|b| b == id.as_bytes()[0]), "{id} only fails for all-same digits");
            }
        }
    }

    #[test]
    fn the_same_seed_writes_the_same_file() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let sa = write_people(&mut a, 500, 7, &[]).unwrap();
        write_people(&mut b, 500, 7, &[]).unwrap();
        assert_eq!(a, b);
        assert!(sa.flawed > 0 && sa.flawed < 30, "{sa:?}");
        let text = String::from_utf8(a).unwrap();
        assert!(text.contains('ي') || text.contains('ك'), "some rows use Arabic letters");
    }
}
