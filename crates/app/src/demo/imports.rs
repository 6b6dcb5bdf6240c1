//! A first bulk import, as phase one brings them: a university's research office sends its researchers,
//! one row typed with Arabic letters, two with mistakes, one whose field of work and province are in the
//! office's own words, and a column Halqe does not know, so the import screens show a whole per-row report
//! and `/kept-values` a value waiting for staff on first run. Before it, the same office's workbook arrived
//! cut off in the mail: that run failed, and its page says why. Run by the demo staff member after the rest
//! of the demo data is in.

use halqe_domain::permissions::Actor;
use halqe_domain::user::Role;

use crate::imports::{Acting, Kind, Request, run};
use crate::{App, Error, Result};

/// The name the run is listed under.
const FILE_NAME: &str = "پژوهشگران-دانشگاه-علامه-طباطبایی-۱۴۰۵.csv";

/// The workbook that arrived first, cut off: the import's failed run.
const CUT_FILE_NAME: &str = "پژوهشگران-دانشگاه-علامه-طباطبایی-۱۴۰۵.xlsx";

/// Fictional people with made-up national IDs: row 4 has a wrong check digit, row 6 a field of work and a
/// province (the old, undivided Khorasan) that no list knows, row 7 repeats row 3's national ID; «سمت»
/// (position) is a column the importer does not know.
const CSV: &str = "\
کد ملی,نام,نام خانوادگی,ایمیل,موبایل,استان,مؤسسه,حوزه تخصص,مدرک,مهارت‌ها,سمت
0048127353,نرگس,صالحی,n.salehi@atu.demo,09123456781,تهران,دانشگاه علامه طباطبایی,تحلیل داده‌های منابع انسانی,دکتری,پیش‌بینی ترک خدمت؛ تحلیل پیمایش کارکنان,دانشیار
0059314869,حامد,نوروزی,h.nowruzi@atu.demo,09123456782,تهران,دانشگاه علامه طباطبایی,آزمون‌های استخدامی,کارشناسی ارشد,روان‌سنجی؛ طراحی آزمون,پژوهشگر
0062741595,سمیرا,کاظمی,s.kazemi@atu.demo,09123456783,تهران,دانشگاه علامه طباطبایی,مدیریت عملکرد,دکتری,ارزیابی ۳۶۰ درجه,استادیار
0073852600,علي,رضائي,a.rezaei@atu.demo,09123456784,البرز,دانشگاه علامه طباطبایی,حقوق، دستمزد و مزایا,کارشناسی ارشد,نظام پرداخت؛ طبقه‌بندی مشاغل,پژوهشگر
0084963719,مهسا,فرهادی,m.farhadi@atu.demo,09123456785,خراسان,دانشگاه علامه طباطبایی,بهبود فرایندهای اداری با داده‌کاوی,دکتری,مهندسی فرایند؛ داده‌کاوی,استادیار
0059314869,حامد,نوروزی,hamed.nowruzi@atu.demo,09123456786,تهران,دانشگاه علامه طباطبایی,آزمون‌های استخدامی,دکتری,روان‌سنجی,پژوهشگر
";

fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("demo import: {e}"))
}

/// The sample file as a workbook, cut off halfway as an attachment can be: an XLSX file that cannot be read.
fn cut_workbook() -> Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_right_to_left(true);
    for (r, line) in CSV.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            sheet
                .write_string(u32::try_from(r).map_err(internal)?, u16::try_from(c).map_err(internal)?, cell)
                .map_err(internal)?;
        }
    }
    let mut bytes = book.save_to_buffer().map_err(internal)?;
    bytes.truncate(bytes.len() / 2);
    Ok(bytes)
}

/// Imports the cut-off workbook (a failed run) and then the sample file, as the demo staff member.
pub async fn load(app: &App) -> Result<()> {
    let staff =
        super::USERS.iter().find(|u| u.roles.contains(&Role::Staff)).ok_or(Error::Internal("demo staff".into()))?;
    let actor = Actor { user_id: super::demo_id(staff.email), roles: staff.roles.to_vec(), agency_id: None };
    let cap = actor.staff().map_err(|_| Error::Internal("demo staff is not staff".into()))?;
    let dir = tempfile::tempdir().map_err(internal)?;
    for (name, bytes) in [(CUT_FILE_NAME, cut_workbook()?), (FILE_NAME, CSV.as_bytes().to_vec())] {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).map_err(internal)?;
        let req = Request { kind: Kind::People, path, file_name: name.to_owned(), dry_run: false };
        run(app, Acting::Staff(&cap), &req).await?;
    }
    Ok(())
}
