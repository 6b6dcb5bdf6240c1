//! What the tests and the forms benchmark alike need before a proposal or a question can be written: a
//! challenge taken through review to publication by the real routes, and an innovator with a registry
//! profile (inserted as every write path does).

use halqe_app::DAY_MS;
use halqe_domain::ids::UserId;
use halqe_domain::user::Role;
use reqwest::Client;

use crate::{PASSWORD, START_MS, TestApp};

/// The day `days` after [`START_MS`] as an officer types a deadline: Solar Hijri, Persian digits.
pub fn deadline_in(days: i64) -> String {
    let day = halqe_domain::calendar::date_input(START_MS + days * DAY_MS, halqe_domain::locale::Locale::Fa);
    halqe_domain::text::to_persian_digits(&day)
}

/// Takes challenge `id` through review to publication: its officer submits it, staff approve and publish it.
pub async fn publish(app: &TestApp, officer: &Client, staff: &Client, id: &str) {
    for (who, step) in [(officer, "submit"), (staff, "approve"), (staff, "publish")] {
        let r = app.post_form(who, &format!("/challenges/{id}/steps"), &[("step", step), ("reason", "")]).await;
        assert_eq!(r.status(), 303, "{step}: {}", r.text().await.unwrap_or_default());
    }
}

/// The officer writes a challenge from the editor's fields `form`, then it is [`publish`]ed; returns its id.
pub async fn published(app: &TestApp, officer: &Client, staff: &Client, form: &[(&str, &str)]) -> String {
    let r = app.post_form(officer, "/challenges", form).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap_or_default());
    let id = r.headers()["location"].to_str().expect("location").trim_start_matches("/challenges/").to_owned();
    publish(app, officer, staff, &id).await;
    id
}

/// A signed-in innovator with a public profile in `province`; returns the client, the account and the profile.
pub async fn innovator(app: &TestApp, email: &str, last_name: &str, province: &str) -> (Client, UserId, String) {
    let user = app.user(email, &[Role::Innovator]).await;
    let row = halqe_db::people::PersonRow {
        user_id: Some(user.to_string()),
        first_name: "مریم".into(),
        last_name: last_name.into(),
        province: Some(province.into()),
        availability: "available".into(),
        visibility: "public".into(),
        source: "test".into(),
        ..halqe_db::people::PersonRow::default()
    };
    let person = app.insert_person(row).await;
    let client = app.client();
    app.login(&client, email, PASSWORD).await;
    (client, user, person)
}
