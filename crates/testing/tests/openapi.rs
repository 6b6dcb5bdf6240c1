//! The OpenAPI document against the route table: every `/api` route is described, and nothing else is.

use halqe_testing::TestApp;
use serde_json::Value;

#[tokio::test]
async fn every_api_route_is_in_the_openapi_document() {
    let app = TestApp::spawn().await;
    let doc: Value = app.client().get(app.url("/api/openapi.json")).send().await.unwrap().json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().unwrap();

    let routed: Vec<(String, String)> = halqe_web::routes::specs()
        .into_iter()
        .filter(|s| s.path.starts_with("/api/") && s.path != "/api/openapi.json")
        .map(|s| (s.method.to_lowercase(), s.path.to_owned()))
        .collect();
    assert!(!routed.is_empty());
    let missing: Vec<_> =
        routed.iter().filter(|(m, p)| !paths.get(p).is_some_and(|item| item[m].is_object())).collect();
    assert!(missing.is_empty(), "routes missing from the OpenAPI document: {missing:?}");

    // And the document promises nothing the router does not serve.
    for (path, item) in paths {
        for (method, op) in item.as_object().unwrap() {
            assert!(routed.contains(&(method.clone(), path.clone())), "documented but not routed: {method} {path}");
            // OpenAPI requires a description on every response.
            for (status, response) in op["responses"].as_object().unwrap() {
                assert!(response["description"].as_str().is_some_and(|d| !d.is_empty()), "{method} {path} {status}");
            }
        }
    }
}
