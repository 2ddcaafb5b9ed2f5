//! `GET /disclosures/{product}`: one small disclosure page per supplier product.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use shopper_types::Commodity;

use crate::html::{escape, page};
use crate::market::{SUPPLIERS, Supplier};
use crate::pricing::{product_name, product_slug};

/// Finds the supplier, commodity and renewable share that a product slug names.
fn find_product(slug: &str) -> Option<(&'static Supplier, Commodity, u8)> {
    SUPPLIERS.iter().find_map(|supplier| {
        [Commodity::Electricity, Commodity::Gas].into_iter().find_map(|commodity| {
            let shares: &[u8] = if commodity == Commodity::Gas { &[0] } else { supplier.green_options };
            shares
                .iter()
                .find(|share| product_slug(supplier, commodity, **share) == slug)
                .map(|share| (supplier, commodity, *share))
        })
    })
}

#[tracing::instrument]
pub async fn disclosure_page(Path(product): Path<String>) -> Response {
    let Some((supplier, commodity, green_percent)) = find_product(&product) else {
        let body = format!("<h1>Disclosure not found</h1><p>There is no product \"{}\".</p>", escape(&product));
        return (StatusCode::NOT_FOUND, Html(page("Disclosure not found", "", &body))).into_response();
    };

    let name = format!("{} {}", supplier.name, product_name(commodity, green_percent));
    let unit = commodity.unit().label();
    let green = match green_percent {
        0 => "This product includes no renewable energy beyond what state law requires.".to_owned(),
        share => format!("{share}% of the electricity you use is matched with renewable energy certificates from US wind and solar."),
    };
    let body = format!(
        "<h1>{title}</h1>\
         <p><em>A sample disclosure from the platform's Test environment. The terms are synthetic and \
         are not an offer from {supplier}.</em></p>\
         <table>\
         <tr><th>Price</th><td>A fixed supply price per {unit} for the whole term, as quoted; \
         utility delivery charges and taxes are billed separately.</td></tr>\
         <tr><th>Usage tolerance</th><td>If your usage moves more than {swing}% from the contracted annual usage, \
         the supplier may re-price the difference.</td></tr>\
         <tr><th>Renewable content</th><td>{green}</td></tr>\
         <tr><th>Early termination</th><td>Leaving before the end of the term costs the fee shown with the price.</td></tr>\
         <tr><th>Renewal</th><td>The supplier writes 45 to 60 days before the term ends with renewal options.</td></tr>\
         </table>",
        title = escape(&name),
        supplier = escape(supplier.name),
        swing = supplier.swing_percent,
    );
    Html(page(&name, "", &body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn product_slugs_resolve() {
        let (supplier, commodity, share) = find_product("engie-electricity-green-100").unwrap();
        assert_eq!((supplier.slug, commodity, share), ("engie", Commodity::Electricity, 100));
        assert!(find_product("igs-gas-green-0").is_some());
        assert!(find_product("igs-gas-green-100").is_none());
        assert!(find_product("nobody-electricity-green-0").is_none());
    }
}
