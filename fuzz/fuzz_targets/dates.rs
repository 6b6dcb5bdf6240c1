//! Typed dates (`calendar::parse_date`: Solar Hijri or Gregorian) and years (`Year::parse`), and the
//! Tehran-time formatting of any instant that shows them back.
#![no_main]

use halqe_domain::calendar::{self, MAX_DATE_INPUT_BYTES};
use halqe_domain::locale::Locale;
use halqe_domain::profile::Year;
use halqe_domain::{Invalid, clock::Millis};
use libfuzzer_sys::fuzz_target;

const DAY_MS: Millis = 86_400_000;

fuzz_target!(|input: (Millis, u16, &str)| {
    let (instant, latest, s) = input;
    // The app passes this year plus a few; beyond 2120 a Persian year (1500+) no longer reads as one.
    let latest = 2026 + i64::from(latest % 95);

    match calendar::parse_date(s) {
        Ok(day) => {
            assert!(s.len() <= MAX_DATE_INPUT_BYTES);
            let t = calendar::tehran(day);
            assert_eq!((t.hour, t.minute), (0, 0), "a date is the start of Tehran's day");
            for locale in Locale::ALL {
                assert_eq!(calendar::parse_date(&calendar::date_input(day, locale)), Ok(day), "{locale:?}");
            }
        }
        Err(e) if s.len() > MAX_DATE_INPUT_BYTES => assert_eq!(e, Invalid::TooLong),
        Err(e) => assert!(matches!(e, Invalid::Date | Invalid::Required), "{e:?}"),
    }

    match Year::parse(s, latest) {
        Ok(year) => {
            assert!((Year::EARLIEST..=latest).contains(&year.gregorian()));
            for locale in Locale::ALL {
                assert_eq!(Year::parse(&year.input(locale), latest), Ok(year), "{locale:?}");
                assert!(!year.show(locale).is_empty());
            }
        }
        Err(e) if s.len() > Year::MAX_INPUT_BYTES => assert_eq!(e, Invalid::TooLong),
        Err(e) => assert!(matches!(e, Invalid::Year | Invalid::Required), "{e:?}"),
    }

    // Any instant shows without panicking; in the span dates are typed in (Solar Hijri 1300-1499), the
    // date a user of either language sees in a form reads back as the start of that Tehran day.
    let (year, month, day) = calendar::solar_hijri(instant);
    assert!((1..=12).contains(&month) && (1..=31).contains(&day));
    for locale in Locale::ALL {
        assert!(!calendar::format_datetime(instant, locale).is_empty());
        assert!(!calendar::format_number(instant, locale).is_empty());
        if (1300..1500).contains(&year) {
            let start = calendar::parse_date(&calendar::date_input(instant, locale));
            assert!(start.is_ok_and(|s| s <= instant && instant - s < DAY_MS), "{locale:?} {instant}: {start:?}");
        }
    }
});
