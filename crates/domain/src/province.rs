//! The 31 provinces of Iran: stable codes, Persian and English names, and lenient parsing.

use serde::{Deserialize, Serialize};

use crate::{Invalid, locale::Locale, text};

/// A province (استان) of Iran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Province {
    Alborz,
    Ardabil,
    Bushehr,
    ChaharmahalBakhtiari,
    EastAzerbaijan,
    Fars,
    Gilan,
    Golestan,
    Hamadan,
    Hormozgan,
    Ilam,
    Isfahan,
    Kerman,
    Kermanshah,
    Khuzestan,
    KohgiluyehBoyerAhmad,
    Kurdistan,
    Lorestan,
    Markazi,
    Mazandaran,
    NorthKhorasan,
    Qazvin,
    Qom,
    RazaviKhorasan,
    Semnan,
    SistanBaluchestan,
    SouthKhorasan,
    Tehran,
    WestAzerbaijan,
    Yazd,
    Zanjan,
}

impl Province {
    /// Every province, in Persian alphabetical order of [`Province::name_fa`] (the order of a Persian select list).
    pub const ALL: [Province; 31] = [
        Province::EastAzerbaijan,
        Province::WestAzerbaijan,
        Province::Ardabil,
        Province::Isfahan,
        Province::Alborz,
        Province::Ilam,
        Province::Bushehr,
        Province::Tehran,
        Province::ChaharmahalBakhtiari,
        Province::SouthKhorasan,
        Province::RazaviKhorasan,
        Province::NorthKhorasan,
        Province::Khuzestan,
        Province::Zanjan,
        Province::Semnan,
        Province::SistanBaluchestan,
        Province::Fars,
        Province::Qazvin,
        Province::Qom,
        Province::Kurdistan,
        Province::Kerman,
        Province::Kermanshah,
        Province::KohgiluyehBoyerAhmad,
        Province::Golestan,
        Province::Gilan,
        Province::Lorestan,
        Province::Mazandaran,
        Province::Markazi,
        Province::Hormozgan,
        Province::Hamadan,
        Province::Yazd,
    ];

    /// Stable snake_case code stored in the database and used in URLs, e.g. `east_azerbaijan`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Alborz => "alborz",
            Self::Ardabil => "ardabil",
            Self::Bushehr => "bushehr",
            Self::ChaharmahalBakhtiari => "chaharmahal_bakhtiari",
            Self::EastAzerbaijan => "east_azerbaijan",
            Self::Fars => "fars",
            Self::Gilan => "gilan",
            Self::Golestan => "golestan",
            Self::Hamadan => "hamadan",
            Self::Hormozgan => "hormozgan",
            Self::Ilam => "ilam",
            Self::Isfahan => "isfahan",
            Self::Kerman => "kerman",
            Self::Kermanshah => "kermanshah",
            Self::Khuzestan => "khuzestan",
            Self::KohgiluyehBoyerAhmad => "kohgiluyeh_boyer_ahmad",
            Self::Kurdistan => "kurdistan",
            Self::Lorestan => "lorestan",
            Self::Markazi => "markazi",
            Self::Mazandaran => "mazandaran",
            Self::NorthKhorasan => "north_khorasan",
            Self::Qazvin => "qazvin",
            Self::Qom => "qom",
            Self::RazaviKhorasan => "razavi_khorasan",
            Self::Semnan => "semnan",
            Self::SistanBaluchestan => "sistan_baluchestan",
            Self::SouthKhorasan => "south_khorasan",
            Self::Tehran => "tehran",
            Self::WestAzerbaijan => "west_azerbaijan",
            Self::Yazd => "yazd",
            Self::Zanjan => "zanjan",
        }
    }

    /// The official Persian name, without «استان».
    pub fn name_fa(self) -> &'static str {
        match self {
            Self::Alborz => "البرز",
            Self::Ardabil => "اردبیل",
            Self::Bushehr => "بوشهر",
            Self::ChaharmahalBakhtiari => "چهارمحال و بختیاری",
            Self::EastAzerbaijan => "آذربایجان شرقی",
            Self::Fars => "فارس",
            Self::Gilan => "گیلان",
            Self::Golestan => "گلستان",
            Self::Hamadan => "همدان",
            Self::Hormozgan => "هرمزگان",
            Self::Ilam => "ایلام",
            Self::Isfahan => "اصفهان",
            Self::Kerman => "کرمان",
            Self::Kermanshah => "کرمانشاه",
            Self::Khuzestan => "خوزستان",
            Self::KohgiluyehBoyerAhmad => "کهگیلویه و بویراحمد",
            Self::Kurdistan => "کردستان",
            Self::Lorestan => "لرستان",
            Self::Markazi => "مرکزی",
            Self::Mazandaran => "مازندران",
            Self::NorthKhorasan => "خراسان شمالی",
            Self::Qazvin => "قزوین",
            Self::Qom => "قم",
            Self::RazaviKhorasan => "خراسان رضوی",
            Self::Semnan => "سمنان",
            Self::SistanBaluchestan => "سیستان و بلوچستان",
            Self::SouthKhorasan => "خراسان جنوبی",
            Self::Tehran => "تهران",
            Self::WestAzerbaijan => "آذربایجان غربی",
            Self::Yazd => "یزد",
            Self::Zanjan => "زنجان",
        }
    }

    /// The usual English name, e.g. `Sistan and Baluchestan`.
    pub fn name_en(self) -> &'static str {
        match self {
            Self::Alborz => "Alborz",
            Self::Ardabil => "Ardabil",
            Self::Bushehr => "Bushehr",
            Self::ChaharmahalBakhtiari => "Chaharmahal and Bakhtiari",
            Self::EastAzerbaijan => "East Azerbaijan",
            Self::Fars => "Fars",
            Self::Gilan => "Gilan",
            Self::Golestan => "Golestan",
            Self::Hamadan => "Hamadan",
            Self::Hormozgan => "Hormozgan",
            Self::Ilam => "Ilam",
            Self::Isfahan => "Isfahan",
            Self::Kerman => "Kerman",
            Self::Kermanshah => "Kermanshah",
            Self::Khuzestan => "Khuzestan",
            Self::KohgiluyehBoyerAhmad => "Kohgiluyeh and Boyer-Ahmad",
            Self::Kurdistan => "Kurdistan",
            Self::Lorestan => "Lorestan",
            Self::Markazi => "Markazi",
            Self::Mazandaran => "Mazandaran",
            Self::NorthKhorasan => "North Khorasan",
            Self::Qazvin => "Qazvin",
            Self::Qom => "Qom",
            Self::RazaviKhorasan => "Razavi Khorasan",
            Self::Semnan => "Semnan",
            Self::SistanBaluchestan => "Sistan and Baluchestan",
            Self::SouthKhorasan => "South Khorasan",
            Self::Tehran => "Tehran",
            Self::WestAzerbaijan => "West Azerbaijan",
            Self::Yazd => "Yazd",
            Self::Zanjan => "Zanjan",
        }
    }

    /// The name in the given interface language.
    pub fn name(self, locale: Locale) -> &'static str {
        match locale {
            Locale::Fa => self.name_fa(),
            Locale::En => self.name_en(),
        }
    }

    /// Reads a code, an English name (any case; spaces, hyphens, "and", "province" ignored) or a
    /// Persian name (Arabic letters, «استان», spacing and ZWNJ differences tolerated).
    pub fn parse(s: &str) -> Result<Self, Invalid> {
        let s = s.trim();
        if text::normalize_fa(s).is_empty() {
            return Err(Invalid::Required);
        }
        let latin = if s.is_ascii() { latin_key(s) } else { String::new() };
        let persian = persian_key(s);
        Self::ALL
            .into_iter()
            .find(|p| {
                (!latin.is_empty()
                    && (latin == latin_key(p.code())
                        || latin == latin_key(p.name_en())
                        || p.aliases_en().iter().any(|a| latin == latin_key(a))))
                    || (!persian.is_empty()
                        && (persian == persian_key(p.name_fa())
                            || p.aliases_fa().iter().any(|a| persian == persian_key(a))))
            })
            .ok_or(Invalid::Province)
    }

    /// Other common English transliterations.
    fn aliases_en(self) -> &'static [&'static str] {
        match self {
            Self::Isfahan => &["Esfahan"],
            Self::Kurdistan => &["Kordestan"],
            Self::EastAzerbaijan => &["Azarbaijan Sharqi", "East Azarbaijan", "Azerbaijan East"],
            Self::WestAzerbaijan => &["Azarbaijan Gharbi", "West Azarbaijan", "Azerbaijan West"],
            Self::RazaviKhorasan => &["Khorasan Razavi"],
            Self::NorthKhorasan => &["Khorasan Shomali", "Khorasan North"],
            Self::SouthKhorasan => &["Khorasan Jonubi", "Khorasan South"],
            Self::SistanBaluchestan => &["Sistan Baluchistan"],
            Self::ChaharmahalBakhtiari => &["Chahar Mahal Bakhtiari", "Chaharmahal Bakhtiyari"],
            Self::KohgiluyehBoyerAhmad => &["Kohkiluyeh Boyer Ahmad", "Kohgiluyeh Boyerahmad"],
            Self::Hamadan => &["Hamedan"],
            Self::Bushehr => &["Bushher", "Boushehr"],
            Self::Mazandaran => &["Mazendaran"],
            _ => &[],
        }
    }

    /// Other common Persian spellings.
    fn aliases_fa(self) -> &'static [&'static str] {
        match self {
            Self::EastAzerbaijan => &["آذربایجان خاوری"],
            Self::WestAzerbaijan => &["آذربایجان باختری"],
            Self::ChaharmahalBakhtiari => &["چهار محال و بختیاری", "چهارمحال بختیاری"],
            Self::KohgiluyehBoyerAhmad => &["کهکیلویه و بویراحمد", "کهگیلویه و بویر احمد", "کهگیلویه بویراحمد"],
            Self::SistanBaluchestan => &["سیستان بلوچستان"],
            _ => &[],
        }
    }
}

/// Lower-cased ASCII letters and digits only, with the words "and" and "province" dropped.
fn latin_key(s: &str) -> String {
    s.split(|c: char| !c.is_ascii_alphanumeric())
        .map(str::to_ascii_lowercase)
        .filter(|w| !w.is_empty() && w != "and" && w != "province" && w != "ostan")
        .collect()
}

/// The text after [`text::normalize_fa`], without «استان», spaces, ZWNJ, «و» between words or
/// diacritics, and with alef and heh variants folded.
fn persian_key(s: &str) -> String {
    let s = text::normalize_fa(s);
    let s = s.strip_prefix("استان").unwrap_or(&s);
    s.split(' ')
        .filter(|w| !w.is_empty() && *w != "و")
        .flat_map(str::chars)
        .filter_map(|c| match c {
            'آ' | 'أ' | 'إ' | 'ٱ' => Some('ا'),
            'ة' | 'ۀ' => Some('ه'),
            'ؤ' => Some('و'),
            '\u{200C}' | '\u{200D}' | 'ـ' | '\u{064B}'..='\u{0655}' | '\u{0670}' => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn all_is_complete_and_distinct() {
        let codes: HashSet<_> = Province::ALL.iter().map(|p| p.code()).collect();
        let fa: HashSet<_> = Province::ALL.iter().map(|p| p.name_fa()).collect();
        let en: HashSet<_> = Province::ALL.iter().map(|p| p.name_en()).collect();
        let variants: HashSet<_> = Province::ALL.iter().collect();
        assert_eq!((codes.len(), fa.len(), en.len(), variants.len()), (31, 31, 31, 31));
        for p in Province::ALL {
            let code = p.code();
            assert!(code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{code}");
        }
    }

    #[test]
    fn persian_names_are_normalized() {
        for p in Province::ALL {
            let name = p.name_fa();
            assert_eq!(text::normalize_fa(name), name, "{p:?}");
            assert!(!name.contains(['ي', 'ك', 'ى']), "{p:?}");
        }
    }

    #[test]
    fn all_is_in_persian_alphabetical_order() {
        const ALPHABET: &str = "اآبپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی ";
        let rank = |c: char| ALPHABET.chars().position(|a| a == c).map_or(usize::MAX, |i| if i == 1 { 0 } else { i });
        let keys: Vec<Vec<usize>> = Province::ALL.iter().map(|p| p.name_fa().chars().map(rank).collect()).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{:?}", Province::ALL);
    }

    #[test]
    fn round_trips() {
        for p in Province::ALL {
            assert_eq!(Province::parse(p.code()), Ok(p), "{p:?}");
            assert_eq!(Province::parse(p.name_fa()), Ok(p), "{p:?}");
            assert_eq!(Province::parse(p.name_en()), Ok(p), "{p:?}");
            assert_eq!(Province::parse(&p.name_en().to_uppercase()), Ok(p), "{p:?}");
            assert_eq!(Province::parse(&format!("استان {}", p.name_fa())), Ok(p), "{p:?}");
            assert_eq!(Province::parse(&format!("{} Province", p.name_en())), Ok(p), "{p:?}");
            assert_eq!(p.name(Locale::Fa), p.name_fa());
            assert_eq!(p.name(Locale::En), p.name_en());
        }
    }

    #[test]
    fn serde_uses_the_code() {
        use serde::de::{IntoDeserializer, value::Error};
        for p in Province::ALL {
            let de = IntoDeserializer::<Error>::into_deserializer(p.code());
            assert_eq!(Province::deserialize(de), Ok(p), "{p:?}");
        }
        assert_eq!(Province::EastAzerbaijan.code(), "east_azerbaijan");
        assert_eq!(Province::KohgiluyehBoyerAhmad.code(), "kohgiluyeh_boyer_ahmad");
    }

    #[test]
    fn lenient_spellings() {
        let cases = [
            ("tehran", Province::Tehran),
            ("  Tehran  ", Province::Tehran),
            ("TEHRAN", Province::Tehran),
            ("Tehran Province", Province::Tehran),
            ("east-azerbaijan", Province::EastAzerbaijan),
            ("East_Azerbaijan", Province::EastAzerbaijan),
            ("eastazerbaijan", Province::EastAzerbaijan),
            ("Kohgiluyeh & Boyer-Ahmad", Province::KohgiluyehBoyerAhmad),
            ("kohgiluyeh boyer ahmad", Province::KohgiluyehBoyerAhmad),
            ("Sistan & Baluchestan", Province::SistanBaluchestan),
            ("Chaharmahal Bakhtiari", Province::ChaharmahalBakhtiari),
            ("Esfahan", Province::Isfahan),
            ("Kordestan", Province::Kurdistan),
            ("Khorasan Razavi", Province::RazaviKhorasan),
            ("تهران", Province::Tehran),
            ("استان تهران", Province::Tehran),
            ("  استان   تهران ", Province::Tehran),
            ("استان‌تهران", Province::Tehran),
            ("آذربايجان شرقي", Province::EastAzerbaijan),
            ("آذربايجان غربي", Province::WestAzerbaijan),
            ("اذربایجان شرقی", Province::EastAzerbaijan),
            ("آذربایجان‌شرقی", Province::EastAzerbaijan),
            ("اصفهان", Province::Isfahan),
            ("استان اصفهان", Province::Isfahan),
            ("خوزستان", Province::Khuzestan),
            ("كرمان", Province::Kerman),
            ("كرمانشاه", Province::Kermanshah),
            ("کرمانشاه", Province::Kermanshah),
            ("كهگيلويه و بويراحمد", Province::KohgiluyehBoyerAhmad),
            ("کهگیلویه و بویر احمد", Province::KohgiluyehBoyerAhmad),
            ("سيستان و بلوچستان", Province::SistanBaluchestan),
            ("چهار محال و بختياري", Province::ChaharmahalBakhtiari),
            ("خراسان رضوي", Province::RazaviKhorasan),
            ("خراسان شمالي", Province::NorthKhorasan),
            ("خراسان جنوبي", Province::SouthKhorasan),
            ("مركزي", Province::Markazi),
            ("قم", Province::Qom),
            ("يزد", Province::Yazd),
            ("ايلام", Province::Ilam),
            ("گيلان", Province::Gilan),
        ];
        for (input, want) in cases {
            assert_eq!(Province::parse(input), Ok(want), "{input:?}");
        }
    }

    #[test]
    fn refused() {
        let cases = [
            ("", Invalid::Required),
            ("   ", Invalid::Required),
            ("\u{200C}", Invalid::Required),
            ("تهران1", Invalid::Province),
            ("تهرانabc", Invalid::Province),
            ("Tehrān", Invalid::Province),
            ("tehran2", Invalid::Province),
            ("استان", Invalid::Province),
            ("province", Invalid::Province),
            ("-", Invalid::Province),
            ("tehran city", Invalid::Province),
            ("teh", Invalid::Province),
            ("Azerbaijan", Invalid::Province),
            ("Khorasan", Invalid::Province),
            ("Baluchestan", Invalid::Province),
            ("Karaj", Invalid::Province),
            ("Mashhad", Invalid::Province),
            ("کرج", Invalid::Province),
            ("مشهد", Invalid::Province),
            ("خراسان", Invalid::Province),
            ("آذربایجان", Invalid::Province),
            ("شرقی", Invalid::Province),
            ("تهران بزرگ", Invalid::Province),
            ("1", Invalid::Province),
            ("0", Invalid::Province),
        ];
        for (input, want) in cases {
            assert_eq!(Province::parse(input), Err(want), "{input:?}");
        }
    }
}
