use crate::helpers::{spawn_app, spawn_app_with_assets};

#[tokio::test]
async fn healthz_is_ok() {
    let app = spawn_app().await;

    let response = app.client.get(format!("{}/healthz", app.address)).send().await.unwrap();

    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    assert_eq!(body, serde_json::json!({ "status": "ok" }));
}

#[tokio::test]
async fn demo_page_embeds_one_script() {
    let app = spawn_app().await;

    let root = app.client.get(format!("{}/", app.address)).send().await.unwrap();
    let page = app.client.get(format!("{}/demo", app.address)).send().await.unwrap().text().await.unwrap();

    assert!(root.status().is_redirection());
    assert_eq!(root.headers()["location"], "/demo");
    assert_eq!(page.matches("<script").count(), 1, "exactly one script tag");
    assert!(page.contains(r#"<script src="/embed.js" data-key="pk_test_demo" async></script>"#));
    assert!(page.contains("Summit Energy Partners"));
    assert!(page.contains("<svg"), "the logo is inline");
}

#[tokio::test]
async fn popup_demo_page_uses_popup_partner() {
    let app = spawn_app().await;

    let page = app.client.get(format!("{}/demo/popup", app.address)).send().await.unwrap().text().await.unwrap();
    let config = app.client.get(format!("{}/v1/config", app.address)).header("X-Publishable-Key", "pk_test_demo_popup").send().await.unwrap();

    assert_eq!(page.matches("<script").count(), 1, "exactly one script tag");
    assert!(page.contains(r#"<script src="/embed.js" data-key="pk_test_demo_popup" async></script>"#));
    assert!(page.contains("popup window"));
    assert_eq!(config.status(), 200);
    let config: serde_json::Value = config.json().await.unwrap();
    assert_eq!(config["signing_mode"], "popup");
    assert_eq!(config["partner_name"], "Summit Energy Partners");
}

#[tokio::test]
async fn embed_without_assets_explains_build() {
    let app = spawn_app().await;

    let response = app.client.get(format!("{}/embed.js", app.address)).send().await.unwrap();

    assert_eq!(response.status(), 404);
    let text = response.text().await.unwrap();
    assert!(text.contains("cargo xtask demo"), "{text}");
}

#[tokio::test]
async fn assets_served_from_directory() {
    let assets = tempfile::tempdir().unwrap();
    std::fs::write(assets.path().join("embed.js"), "console.log('embed');").unwrap();
    std::fs::write(assets.path().join("widget.css"), ".widget { color: navy; }").unwrap();
    let app = spawn_app_with_assets(assets.path()).await;

    let embed = app.client.get(format!("{}/embed.js", app.address)).send().await.unwrap();
    let css = app
        .client
        .get(format!("{}/widget/widget.css", app.address))
        .header("Origin", "https://www.partner-site.example")
        .send()
        .await
        .unwrap();

    assert_eq!(embed.status(), 200);
    assert!(embed.headers()["content-type"].to_str().unwrap().contains("javascript"));
    assert_eq!(embed.text().await.unwrap(), "console.log('embed');");
    assert_eq!(css.status(), 200);
    assert_eq!(css.headers()["access-control-allow-origin"], "*");
    assert_eq!(css.text().await.unwrap(), ".widget { color: navy; }");
}

#[tokio::test]
async fn assets_compressed_for_browsers() {
    let assets = tempfile::tempdir().unwrap();
    // Repetitive bytes stand in for a WASM module, which compresses well.
    let module: Vec<u8> = (0..64_000u32).map(|index| (index % 251) as u8).collect();
    std::fs::write(assets.path().join("widget_bg.wasm"), &module).unwrap();
    let app = spawn_app_with_assets(assets.path()).await;
    let url = format!("{}/widget/widget_bg.wasm", app.address);

    let brotli = app.client.get(&url).header("Accept-Encoding", "br, gzip").send().await.unwrap();
    let gzip = app.client.get(&url).header("Accept-Encoding", "gzip").send().await.unwrap();
    let plain = app.client.get(&url).send().await.unwrap();

    assert_eq!(brotli.headers()["content-encoding"], "br");
    assert!(brotli.bytes().await.unwrap().len() < module.len() / 4);
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    assert!(plain.headers().get("content-encoding").is_none(), "clients that ask for nothing get the file as is");
    assert_eq!(plain.bytes().await.unwrap(), module);
}

#[tokio::test]
async fn brotli_copies_sent_when_accepted() {
    let assets = tempfile::tempdir().unwrap();
    let module: Vec<u8> = (0..64_000u32).map(|index| (index % 251) as u8).collect();
    std::fs::write(assets.path().join("widget_bg.wasm"), &module).unwrap();
    // The build's copies are real brotli; these stand-ins only show which bytes were sent.
    std::fs::write(assets.path().join("widget_bg.wasm.br"), b"brotli copy of the module").unwrap();
    std::fs::write(assets.path().join("embed.js"), "console.log('embed');".repeat(100)).unwrap();
    std::fs::write(assets.path().join("embed.js.br"), b"brotli copy of embed.js").unwrap();
    let app = spawn_app_with_assets(assets.path()).await;
    let url = format!("{}/widget/widget_bg.wasm", app.address);

    let brotli = app.client.get(&url).header("Accept-Encoding", "gzip, deflate, br").send().await.unwrap();
    let gzip = app.client.get(&url).header("Accept-Encoding", "gzip").send().await.unwrap();
    let embed = app
        .client
        .get(format!("{}/embed.js", app.address))
        .header("Accept-Encoding", "br")
        .send()
        .await
        .unwrap();

    assert_eq!(brotli.headers()["content-encoding"], "br");
    assert_eq!(brotli.headers()["content-type"], "application/wasm");
    assert_eq!(vary_accept_encoding(&brotli), 1, "caches keep the brotli copy apart");
    assert_eq!(vary_accept_encoding(&gzip), 1);
    assert_eq!(vary_accept_encoding(&embed), 1);
    assert_eq!(brotli.bytes().await.unwrap(), &b"brotli copy of the module"[..]);
    assert_eq!(gzip.headers()["content-encoding"], "gzip", "the file itself is compressed for other browsers");
    assert!(gzip.bytes().await.unwrap().len() < module.len() / 4);
    assert_eq!(embed.headers()["content-encoding"], "br");
    assert_eq!(embed.bytes().await.unwrap(), &b"brotli copy of embed.js"[..]);
}

/// Counts the `Vary` values that name `Accept-Encoding`.
fn vary_accept_encoding(response: &reqwest::Response) -> usize {
    response
        .headers()
        .get_all("vary")
        .iter()
        .flat_map(|value| value.to_str().unwrap().split(','))
        .filter(|name| name.trim().eq_ignore_ascii_case("accept-encoding"))
        .count()
}

#[tokio::test]
async fn assets_revalidated_on_each_load() {
    let assets = tempfile::tempdir().unwrap();
    std::fs::write(assets.path().join("widget.css"), ".widget { color: navy; }").unwrap();
    let app = spawn_app_with_assets(assets.path()).await;
    let url = format!("{}/widget/widget.css", app.address);

    let first = app.client.get(&url).send().await.unwrap();
    let last_modified = first.headers()["last-modified"].clone();
    let again = app.client.get(&url).header("If-Modified-Since", last_modified).send().await.unwrap();

    assert_eq!(first.headers()["cache-control"], "no-cache");
    assert_eq!(again.status(), 304, "an unchanged file is not downloaded again");
}
