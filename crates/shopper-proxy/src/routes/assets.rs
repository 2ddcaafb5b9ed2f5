//! The widget's static files: `/embed.js` and `/widget/*` from the Trunk output directory.
//!
//! Partner pages on other origins import the widget's module, CSS and WASM. These files are
//! public and carry no credentials, so they are served with `Access-Control-Allow-Origin: *`.
//!
//! The widget's build writes a brotli copy (`FILE.br`) beside each large file, compressed at a
//! quality too slow for each response. A browser that accepts brotli gets that copy; any other
//! gets the file, which the proxy's compression layer then compresses as the browser accepts.
//! Every response varies by `Accept-Encoding`, so a shared cache never hands brotli to a browser
//! that did not ask for it. The files keep their names from one release to the next, so browsers
//! must revalidate them on each load (`Cache-Control: no-cache`). An unchanged file then costs a
//! 304 response instead of a download.

use std::path::Path;

use axum::Router;
use axum::http::StatusCode;
use axum::http::HeaderValue;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::state::AppState;

/// Routes for the widget's files, or routes that explain how to build them when `assets_dir`
/// is missing.
pub fn router(assets_dir: Option<&Path>) -> Router<AppState> {
    let cors = CorsLayer::new().allow_origin(Any).allow_methods([axum::http::Method::GET]);
    let routes = match assets_dir {
        Some(dir) if dir.is_dir() => Router::new()
            .route_service("/embed.js", ServeFile::new(dir.join("embed.js")).precompressed_br())
            .nest_service("/widget", ServeDir::new(dir).precompressed_br())
            // The compression layer adds this to the responses it compresses, but not to the
            // brotli copies, which are already encoded.
            .layer(SetResponseHeaderLayer::appending(VARY, HeaderValue::from_static("accept-encoding")))
            .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static("no-cache"))),
        _ => {
            let dir_label = assets_dir.map(|dir| dir.display().to_string());
            match &dir_label {
                Some(dir) => {
                    tracing::warn!(assets_dir = %dir, "the widget assets directory does not exist; /embed.js returns 404")
                }
                None => tracing::info!("no --assets directory given; /embed.js returns 404"),
            }
            let not_built = move || {
                let dir_label = dir_label.clone();
                async move { widget_not_built(dir_label.as_deref()) }
            };
            Router::new().route("/embed.js", get(not_built.clone())).route("/widget/{*path}", get(not_built))
        }
    };
    routes.layer(cors)
}

fn widget_not_built(assets_dir: Option<&str>) -> Response {
    let reason = match assets_dir {
        Some(dir) => format!("the assets directory {dir} does not exist"),
        None => "the proxy was started without --assets".to_owned(),
    };
    let message = format!(
        "The Commercial Shopper widget is not built: {reason}.\n\
         Build it and start the proxy with `cargo xtask demo`, or run `trunk build --release` and pass --assets dist.\n"
    );
    (StatusCode::NOT_FOUND, [(CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}
