//! Access that can be taken back: admins disable and enable accounts and remove roles, organization
//! managers remove members; each change ends the affected sessions at once and is audited.

use halqe_domain::user::Role;
use halqe_testing::{PASSWORD, TestApp};
use reqwest::{Client, Response};

const DISABLED: &str = "این حساب غیرفعال شده است.";
const LOGIN_FAILED: &str = "ایمیل یا گذرواژه نادرست است.";

fn location(r: &Response) -> String {
    r.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

async fn signed_out(app: &TestApp, c: &Client) -> bool {
    let r = c.get(app.url("/account")).send().await.unwrap();
    location(&r).starts_with("/login?next=")
}

async fn audited(app: &TestApp, action: &str, subject: &str) -> i64 {
    app.sql_count(&format!("SELECT COUNT(*) FROM audit_log WHERE action = '{action}' AND subject_id = '{subject}'"))
        .await
}

#[tokio::test]
async fn a_disabled_account_is_signed_out_at_once_and_cannot_sign_in_until_enabled() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in("admin@revoke.test", &[Role::Admin]).await;
    let user = app.user("nasrin@revoke.test", &[Role::Innovator]).await;
    let (phone, laptop) = (app.client(), app.client());
    app.login(&phone, "nasrin@revoke.test", PASSWORD).await;
    app.login(&laptop, "nasrin@revoke.test", PASSWORD).await;

    let page = admin.get(app.url(&format!("/admin/users/{user}"))).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("غیرفعال کردن حساب"), "{page}");
    let r = app.post_form(&admin, &format!("/admin/users/{user}/disable"), &[]).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, format!("/admin/users/{user}")));
    assert!(signed_out(&app, &phone).await && signed_out(&app, &laptop).await, "every session ended");
    assert_eq!(app.sql_count(&format!("SELECT COUNT(*) FROM sessions WHERE user_id = '{user}'")).await, 0);
    assert_eq!(audited(&app, "user.disable", user.as_str()).await, 1);
    let listing = admin.get(app.url("/admin/users")).send().await.unwrap().text().await.unwrap();
    assert!(listing.contains("غیرفعال"), "the list shows it");

    // The right password learns that the account is disabled; a wrong one learns nothing more than ever.
    let r = app.post_form(&phone, "/login", &[("email", "nasrin@revoke.test"), ("password", PASSWORD)]).await;
    assert_eq!(r.status(), 403);
    assert!(r.text().await.unwrap().contains(DISABLED));
    let r = app.post_form(&phone, "/login", &[("email", "nasrin@revoke.test"), ("password", "wrong-password")]).await;
    assert_eq!(r.status(), 401);
    let html = r.text().await.unwrap();
    assert!(html.contains(LOGIN_FAILED) && !html.contains(DISABLED));

    let r = app.post_form(&admin, &format!("/admin/users/{user}/enable"), &[]).await;
    assert_eq!(r.status(), 303);
    assert_eq!(audited(&app, "user.enable", user.as_str()).await, 1);
    app.login(&phone, "nasrin@revoke.test", PASSWORD).await;
    assert!(!signed_out(&app, &phone).await);
}

#[tokio::test]
async fn a_removed_role_takes_effect_at_once_and_admins_cannot_lock_themselves_out() {
    let app = TestApp::spawn().await;
    let admin_id = app.user("admin@revoke.test", &[Role::Admin]).await;
    let admin = app.client();
    app.login(&admin, "admin@revoke.test", PASSWORD).await;
    let staff_id = app.user("staff@revoke.test", &[Role::Staff, Role::Reviewer]).await;
    let staff = app.client();
    app.login(&staff, "staff@revoke.test", PASSWORD).await;
    assert_eq!(staff.get(app.url("/verification")).send().await.unwrap().status(), 200);

    let r = app.post_form(&admin, &format!("/admin/users/{staff_id}/roles/staff/remove"), &[]).await;
    assert_eq!(r.status(), 303);
    assert!(signed_out(&app, &staff).await);
    app.login(&staff, "staff@revoke.test", PASSWORD).await;
    assert_eq!(staff.get(app.url("/verification")).send().await.unwrap().status(), 403, "no longer staff");
    assert_eq!(audited(&app, "user.remove_role", staff_id.as_str()).await, 1);

    for action in ["disable", "roles/admin/remove"] {
        let r = app.post_form(&admin, &format!("/admin/users/{admin_id}/{action}"), &[]).await;
        assert_eq!(r.status(), 422, "{action}");
        assert!(r.text().await.unwrap().contains("نمی‌توانید دسترسی حساب خودتان را بگیرید"), "{action}");
    }
    assert!(!signed_out(&app, &admin).await, "the admin is still signed in and still an admin");
    assert_eq!(admin.get(app.url("/admin/users")).send().await.unwrap().status(), 200);
    let r = app.post_form(&staff, &format!("/admin/users/{admin_id}/disable"), &[]).await;
    assert_eq!(r.status(), 403, "only admins");
}

#[tokio::test]
async fn organization_managers_remove_members_who_lose_it_at_once() {
    let app = TestApp::spawn().await;
    let owner = app.signed_in("owner@revoke.test", &[Role::Innovator]).await;
    let fields = [("name_fa", "شرکت دانش‌بنیان آزمون"), ("kind", "startup"), ("visibility", "private")];
    let r = app.post_form(&owner, "/organizations", &fields).await;
    assert_eq!(r.status(), 303, "organization created");
    let org = location(&r).trim_start_matches("/organizations/").to_owned();
    let org_id = halqe_domain::ids::OrganizationId::parse(&org).unwrap();
    let member_id = app.user("member@revoke.test", &[Role::Innovator]).await;
    {
        let mut conn = app.app.db.conn().await.unwrap();
        let role = halqe_domain::registry::MemberRole::Member;
        halqe_db::organizations::add_member(&mut conn, &org_id, &member_id, role, halqe_testing::START_MS)
            .await
            .unwrap();
    }
    let member = app.client();
    app.login(&member, "member@revoke.test", PASSWORD).await;
    assert_eq!(member.get(app.url(&format!("/organizations/{org}"))).send().await.unwrap().status(), 200);

    // A plain member cannot remove anyone.
    let members = format!("/organizations/{org}/members");
    let r = app.post_form(&member, &format!("{members}/{member_id}/remove"), &[]).await;
    assert_eq!(r.status(), 403);

    let page = owner.get(app.url(&members)).send().await.unwrap().text().await.unwrap();
    assert!(page.contains(&format!("{members}/{member_id}/remove")), "the page offers removal");
    let r = app.post_form(&owner, &format!("{members}/{member_id}/remove"), &[]).await;
    assert_eq!((r.status().as_u16(), location(&r)), (303, members.clone()));
    assert!(signed_out(&app, &member).await, "the member's sessions ended");
    app.login(&member, "member@revoke.test", PASSWORD).await;
    let r = member.get(app.url(&format!("/organizations/{org}"))).send().await.unwrap();
    assert_eq!(r.status(), 404, "a private organization is hidden from a former member");
    assert_eq!(audited(&app, "organization.remove_member", &org).await, 1);

    // The last owner stays.
    assert_eq!(app.sql_count("SELECT COUNT(*) FROM memberships").await, 1, "the owner alone");
    let html = owner.get(app.url(&members)).send().await.unwrap().text().await.unwrap();
    let own = html.split(&format!("{members}/")).nth(1).map(|s| s[..36].to_owned()).unwrap();
    let r = app.post_form(&owner, &format!("{members}/{own}/remove"), &[]).await;
    assert_eq!(r.status(), 422);
    assert!(r.text().await.unwrap().contains("آخرین مالک سازمان را نمی‌توان برداشت"));
}
