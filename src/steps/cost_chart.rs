//! The cost chart: each supplier's lowest estimated monthly cost by contract length, drawn as
//! inline SVG with a legend. Colours are SVG attributes, not inline styles, so the chart works
//! under a Content-Security-Policy that forbids `style` attributes.

use leptos::prelude::*;
use shopper_types::api::Offer;

use crate::config::WidgetConfig;
use crate::steps::chart_data;
use crate::steps::chart_markup::{drawing_markup, legend_markup};

/// The drawing's size in SVG user units; the SVG scales to the widget's width.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 300.0;
/// Room for the axis labels, left of and below the plot.
pub const LEFT: f64 = 72.0;
pub const BOTTOM: f64 = 48.0;
/// Room above the plot for the cost axis's title.
pub const TOP: f64 = 32.0;
pub const RIGHT: f64 = 16.0;
/// Space between the axes and the first and last terms.
pub const INSET: f64 = 16.0;
pub const Y_TICKS: usize = 5;

/// Series colours from the Okabe–Ito palette, which stays distinct with colour blindness,
/// without its yellow (too light on white) and with a dark grey and brown added.
const COLORS: [&str; 8] = [
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#333333", "#8C564B",
];

/// Draws the chart for offers that pass the supplier and green filters, at every term.
///
/// The drawing is SVG markup built as a string and set as `innerHTML`: a tree of typed Leptos
/// SVG views compiles to several times more WASM. `chart_markup` escapes every text it places.
#[component]
pub fn CostChart(
    offers: Signal<Vec<Offer>>,
    /// Every supplier in the results, alphabetically, so each keeps its colour when filters
    /// change.
    suppliers: Vec<String>,
) -> impl IntoView {
    let config = expect_context::<WidgetConfig>();
    let title_id = config.element_id("chart-title");
    let desc_id = config.element_id("chart-desc");

    move || {
        let series = offers.with(|offers| chart_data::series(offers));
        if series.is_empty() {
            return None;
        }
        let styles: Vec<(&str, Option<&str>)> = series
            .iter()
            .map(|series| {
                let index = suppliers.iter().position(|name| *name == series.supplier).unwrap_or(0);
                let dash = (index >= COLORS.len()).then_some("6 3");
                (COLORS[index % COLORS.len()], dash)
            })
            .collect();

        let drawing = drawing_markup(&series, &styles, &title_id, &desc_id);
        let legend = legend_markup(&series, &styles);
        Some(view! {
            <figure class="cs-chart">
                <svg
                    class="cs-chart-svg"
                    viewBox=format!("0 0 {WIDTH:.0} {HEIGHT:.0}")
                    role="img"
                    aria-labelledby=format!("{title_id} {desc_id}")
                    inner_html=drawing
                ></svg>
                <figcaption>
                    <ul class="cs-chart-legend" inner_html=legend></ul>
                </figcaption>
            </figure>
        })
    }
}
