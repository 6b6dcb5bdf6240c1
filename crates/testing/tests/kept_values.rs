//! Keeping every value an institution sends: a file as institutions make them (Persian headers, a field of
//! work in their own words, a province spelled the old way, a degree the lists lack, extra columns) loses
//! nothing; the kept values are shown, indexed and matched; staff map a value once, for the records that
//! carry it and for later imports.

use std::time::Duration;

use halqe_db::fields::{self, Field};
use halqe_domain::user::Role;
use halqe_testing::{TestApp, hidden_value};
use reqwest::Client;
use reqwest::multipart::{Form, Part};

const HEADER: &str = "ردیف,کد ملی,نام,نام خانوادگی,پست الکترونیک,استان,حوزه تخصص,مدرک,سمت";
const FATEMEH: &str = "۱,0013542419,فاطمه,موسوی,f.mousavi@mums.ac.ir,خراسان,کاربرد یادگیری عمیق در تصویربرداری پزشکی,دکترای حرفه‌ای,عضو هیئت علمی";
const REZA: &str =
    "۲,0499370899,رضا,کاظمی,r.kazemi@mums.ac.ir,خراسان رضوي,کاربرد یادگیری عمیق در تصویربرداری پزشكی,Ph.D,استادیار";

fn lines(rows: &[&str]) -> Vec<u8> {
    let mut text = format!("\u{FEFF}{}", rows.join("\r\n"));
    text.push_str("\r\n");
    text.into_bytes()
}

/// Two fields of the taxonomy.
async fn taxonomy(app: &TestApp) {
    let mut conn = app.app.db.conn().await.unwrap();
    for (i, (id, fa, en)) in
        [("ai", "هوش مصنوعی", "Artificial intelligence"), ("egov", "دولت الکترونیک", "E-government")]
            .into_iter()
            .enumerate()
    {
        let f = Field { id: id.into(), parent_id: None, name_fa: fa.into(), name_en: en.into(), position: i as i64 };
        fields::upsert(&mut conn, &f).await.unwrap();
    }
}

/// Uploads a file and returns the run page once it has finished.
async fn import(app: &TestApp, c: &Client, kind: &str, bytes: Vec<u8>) -> String {
    let csrf = app.csrf(c).await;
    let form = Form::new().text("kind", kind.to_owned()).part("file", Part::bytes(bytes).file_name("مشهد.csv"));
    let r = c.post(app.url(&format!("/imports?_csrf={csrf}"))).multipart(form).send().await.unwrap();
    assert_eq!(r.status(), 303);
    let path = r.headers()["location"].to_str().unwrap().to_owned();
    for _ in 0..1200 {
        let html = c.get(app.url(&path)).send().await.unwrap().text().await.unwrap();
        if !html.contains("data-status=\"running\"") {
            return html;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("{path} did not finish");
}

fn summary(html: &str) -> String {
    let start = html.find("id=\"summary-line\">").expect("summary line") + "id=\"summary-line\">".len();
    html[start..].split('<').next().unwrap().to_owned()
}

async fn get(app: &TestApp, c: &Client, path: &str) -> (u16, String) {
    let r = c.get(app.url(path)).send().await.unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

/// The mapping form's `value_key` for the value shown as `value` on the staff page.
fn value_key(page: &str, value: &str) -> String {
    let at = page.find(&format!("<bdi>{value}</bdi>")).unwrap_or_else(|| panic!("{value} is not listed: {page}"));
    hidden_value(&page[at..], "value_key").expect("value_key")
}

async fn map(app: &TestApp, c: &Client, column: &str, key: &str, target: &str) -> reqwest::Response {
    app.post_form(c, "/kept-values/map", &[("column", column), ("value_key", key), ("target", target)]).await
}

async fn person_id(app: &TestApp, national_id: &str) -> String {
    let mut conn = app.app.db.conn().await.unwrap();
    let id: String = sqlx::query_scalar(&format!("SELECT id FROM people WHERE national_id = '{national_id}'"))
        .fetch_one(&mut *conn)
        .await
        .unwrap();
    id
}

#[tokio::test]
async fn an_institutions_own_words_are_kept_indexed_and_mapped_once_for_every_row_and_later_imports() {
    let app = TestApp::spawn().await;
    taxonomy(&app).await;
    let staff = app.signed_in("staff@kept.test", &[Role::Staff]).await;
    let html = import(&app, &staff, "people", lines(&[HEADER, FATEMEH, REZA])).await;
    assert_eq!(summary(&html), "created=2 updated=0 unchanged=0 rejected=0", "{html}");
    assert!(html.contains("کارشناسان مرکز می‌توانند آن را معادل‌گذاری کنند"), "the kept values are flagged: {html}");

    // Nothing is lost: what names no entry is kept as written, next to what does.
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM people WHERE primary_field IS NULL").await, 2);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM people WHERE province = 'razavi_khorasan' AND degree = 'doctorate'").await,
        1
    );
    for (column, n) in [("field", 2), ("province", 1), ("degree", 1), ("", 4)] {
        let sql = format!("SELECT COUNT(*) FROM kept_values WHERE column_code = '{column}'");
        assert_eq!(app.sql_count(&sql).await, n, "{column}");
    }
    let kept = "SELECT COUNT(*) FROM kept_values WHERE header = 'سمت' AND value = 'عضو هیئت علمی'";
    assert_eq!(app.sql_count(kept).await, 1, "an unknown column is kept under its header");

    // Shown on the profile, marked for staff; an unknown column only to staff and the person.
    let fatemeh = person_id(&app, "0013542419").await;
    let (_, profile) = get(&app, &staff, &format!("/people/{fatemeh}")).await;
    for shown in
        ["کاربرد یادگیری عمیق در تصویربرداری پزشکی", "خراسان", "دکترای حرفه‌ای", "عضو هیئت علمی", "هنوز معادل‌گذاری نشده"]
    {
        assert!(profile.contains(shown), "{shown} on the profile for staff");
    }
    let agency = app.agency("وزارت بهداشت").await;
    let officer = app.officer_of("officer@behdasht.test", &agency).await;
    let (status, profile) = get(&app, &officer, &format!("/people/{fatemeh}")).await;
    assert_eq!(status, 200);
    assert!(profile.contains("کاربرد یادگیری عمیق در تصویربرداری پزشکی") && profile.contains("خراسان"));
    assert!(!profile.contains("عضو هیئت علمی"), "an unknown column may hold anything: not for agencies");
    assert!(!profile.contains("هنوز معادل‌گذاری نشده"));

    // Indexed and matched: the directory and a need in those words find both people.
    app.sync_index().await;
    let (_, found) = get(&app, &officer, "/directory?q=تصویربرداری+پزشکی").await;
    assert!(found.contains("فاطمه") && found.contains("رضا"), "{found}");
    let (_, found) = get(&app, &officer, "/directory?q=خراسان").await;
    assert!(found.contains("فاطمه"), "the province as written is searchable: {found}");
    let (_, matched) = get(&app, &officer, "/match?need=یادگیری+عمیق+برای+تصویربرداری+پزشکی").await;
    assert!(matched.contains("فاطمه") && matched.contains("رضا"), "{matched}");

    // Listed for staff with counts and examples (two spellings of one value are one value).
    let (status, page) = get(&app, &staff, "/kept-values").await;
    assert_eq!(status, 200);
    assert!(page.contains("\u{2068}۲\u{2069} فرد") && page.contains("سمت") && page.contains("ردیف"), "{page}");
    assert_eq!(page.matches("data-test=\"kept-value\"").count(), 3, "field, province, degree: {page}");
    let field_key = value_key(&page, "کاربرد یادگیری عمیق در تصویربرداری پزشکی");

    // A mapping that names nothing, or a value nobody carries, changes nothing.
    let r = map(&app, &staff, "field", &field_key, "no-such-field").await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("یکی از گزینه‌ها را انتخاب کنید"));
    assert_eq!(map(&app, &staff, "field", "nothing-carries-this", "ai").await.status(), 404);
    assert_eq!(map(&app, &staff, "national_id", &field_key, "ai").await.status(), 404);
    assert_eq!(map(&app, &officer, "field", &field_key, "ai").await.status(), 403);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM value_mappings").await, 0);

    // Mapping once updates every row carrying the value, feeds the index, and is audited.
    let before = app.sql_count("SELECT COUNT(*) FROM search_changes").await;
    let r = map(&app, &staff, "field", &field_key, "ai").await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/kept-values?mapped=2");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM people WHERE primary_field = 'ai'").await, 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM kept_values WHERE column_code = 'field'").await, 0);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM search_changes").await, before + 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM audit_log WHERE action = 'kept_value.map'").await, 1);
    assert_eq!(app.sync_index().await, 2);
    let (_, page) = get(&app, &staff, "/kept-values?mapped=2").await;
    assert!(page.contains("\u{2068}۲\u{2069} پروفایل به‌روز شد"), "{page}");
    assert_eq!(page.matches("data-test=\"kept-value\"").count(), 2);
    let (_, found) = get(&app, &officer, "/directory?field=ai").await;
    assert!(found.contains("فاطمه") && found.contains("رضا"), "the index has the mapped field: {found}");

    // The province spelled the old way, mapped too.
    let province_key = value_key(&page, "خراسان");
    assert_eq!(map(&app, &staff, "province", &province_key, "razavi_khorasan").await.status(), 303);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM people WHERE province = 'razavi_khorasan'").await, 2);

    // The same file again changes nothing; a later file with the value (spelled another way) takes the mapping.
    let html = import(&app, &staff, "people", lines(&[HEADER, FATEMEH, REZA])).await;
    assert_eq!(summary(&html), "created=0 updated=0 unchanged=2 rejected=0", "{html}");
    let later =
        "۱,3750926123,سارا,کریمی,s.karimi@um.ac.ir,خراسان,کاربرد یادگیری‌عمیق در  تصویر برداری پزشکی,دکتری,پژوهشگر";
    let later = later.replace("تصویر برداری", "تصویربرداری");
    let html = import(&app, &staff, "people", lines(&[HEADER, &later])).await;
    assert_eq!(summary(&html), "created=1 updated=0 unchanged=0 rejected=0", "{html}");
    let sara = "SELECT COUNT(*) FROM people WHERE national_id = '3750926123' AND primary_field = 'ai'
        AND province = 'razavi_khorasan' AND degree = 'doctorate'";
    assert_eq!(app.sql_count(sara).await, 1, "later imports apply the mappings");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM kept_values WHERE column_code IN ('field', 'province')").await, 0);
    assert!(!html.contains("کارشناسان مرکز می‌توانند آن را معادل‌گذاری کنند"), "nothing is flagged: {html}");
}

#[tokio::test]
async fn an_organizations_unknown_kind_and_province_are_kept_then_mapped() {
    let app = TestApp::spawn().await;
    let staff = app.signed_in("staff@kept.test", &[Role::Staff]).await;
    let file = lines(&[
        "نام,نوع,استان,توانمندی‌ها,مدیرعامل",
        "پژوهشکدهٔ فناوری‌های نوین زاگرس,پژوهشکده,کهگیلویه,پایش سدها، سنجش از دور,دکتر امیری",
        "شرکت داده‌نگار زاگرس,شرکت دانش‌بنیان,کهگیلویه و بویراحمد,تحلیل داده,",
    ]);
    let html = import(&app, &staff, "organizations", file).await;
    assert_eq!(summary(&html), "created=2 updated=0 unchanged=0 rejected=0", "{html}");
    let kept = "SELECT COUNT(*) FROM organizations WHERE kind = 'other' AND province IS NULL";
    assert_eq!(app.sql_count(kept).await, 1, "an unknown kind is 'other' until mapped");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM kept_values WHERE organization_id IS NOT NULL").await, 3);
    let (_, page) = get(&app, &staff, "/kept-values").await;
    assert!(page.contains("\u{2068}۱\u{2069} سازمان") && page.contains("مدیرعامل"), "{page}");
    let kind = value_key(&page, "پژوهشکده");
    assert_eq!(map(&app, &staff, "kind", &kind, "research_group").await.status(), 303);
    let province = value_key(&page, "کهگیلویه");
    assert_eq!(map(&app, &staff, "province", &province, "kohgiluyeh_boyer_ahmad").await.status(), 303);
    let mapped =
        "SELECT COUNT(*) FROM organizations WHERE kind = 'research_group' AND province = 'kohgiluyeh_boyer_ahmad'";
    assert_eq!(app.sql_count(mapped).await, 1);
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM kept_values").await, 1, "only the unknown column is left");
}

#[tokio::test]
async fn a_mapping_never_overrides_what_a_claimed_profiles_owner_chose() {
    let app = TestApp::spawn().await;
    taxonomy(&app).await;
    let staff = app.signed_in("staff@kept.test", &[Role::Staff]).await;
    let html = import(&app, &staff, "people", lines(&[HEADER, FATEMEH, REZA])).await;
    assert_eq!(summary(&html), "created=2 updated=0 unchanged=0 rejected=0", "{html}");
    // Fatemeh claims her profile and chooses her own primary field and province.
    let owner = app.user("f.mousavi@mums.ac.ir", &[Role::Innovator]).await;
    app.sql_exec(&format!(
        "UPDATE people SET user_id = '{}', primary_field = 'egov', province = 'tehran' WHERE national_id = '0013542419'",
        owner.as_str()
    ))
    .await;
    let (_, page) = get(&app, &staff, "/kept-values").await;
    let field = value_key(&page, "کاربرد یادگیری عمیق در تصویربرداری پزشکی");
    let province = value_key(&page, "خراسان");
    assert_eq!(map(&app, &staff, "field", &field, "ai").await.status(), 303);
    assert_eq!(map(&app, &staff, "province", &province, "razavi_khorasan").await.status(), 303);
    let fatemeh = "SELECT COUNT(*) FROM people WHERE national_id = '0013542419' AND primary_field = 'egov'
        AND province = 'tehran'";
    assert_eq!(app.sql_count(fatemeh).await, 1, "her own choices stay");
    assert_eq!(
        app.sql_count("SELECT COUNT(*) FROM person_fields WHERE field_id = 'ai'").await,
        1,
        "the field joins hers"
    );
    let reza = "SELECT COUNT(*) FROM people WHERE national_id = '0499370899' AND primary_field = 'ai'";
    assert_eq!(app.sql_count(reza).await, 1, "an unclaimed record takes the mapping");
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM kept_values WHERE column_code <> ''").await, 1, "the degree waits");
}
