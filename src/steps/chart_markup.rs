//! The cost chart's SVG markup, built as text: the drawing inside the `<svg>` and the legend's
//! list items. Names, labels and ids go through [`escape`]; numbers and the palette's colours
//! are written as they are. Writing to a `String` cannot fail, so `write!` results are ignored.

use std::fmt::Write;

use crate::format;
use crate::steps::chart_data::{self, Scale, Series};
use crate::steps::cost_chart::{BOTTOM, HEIGHT, INSET, LEFT, RIGHT, TOP, WIDTH, Y_TICKS};
use crate::text;

/// Builds the inside of the chart's `<svg>`: title and description, grid, axes, and one
/// `g.cs-chart-series` per supplier with a line and a dot per term.
pub fn drawing_markup(series: &[Series], styles: &[(&str, Option<&str>)], title_id: &str, desc_id: &str) -> String {
    let (x, y, terms, costs) = scales(series);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<title id="{}">{}</title>"#,
        escape(title_id),
        escape(text::CHART_TITLE)
    );
    let _ = write!(
        svg,
        r#"<desc id="{}">{}</desc>"#,
        escape(desc_id),
        escape(&description(series))
    );

    for cost in costs {
        let at = coordinate(y.at(cost));
        let (left, right) = (coordinate(LEFT), coordinate(WIDTH - RIGHT));
        let _ = write!(
            svg,
            r#"<line class="cs-chart-grid" x1="{left}" x2="{right}" y1="{at}" y2="{at}"/>"#
        );
        let (label_x, label_y) = (coordinate(LEFT - 8.0), coordinate(y.at(cost) + 4.0));
        let _ = write!(
            svg,
            r#"<text class="cs-chart-tick" x="{label_x}" y="{label_y}" text-anchor="end">{}</text>"#,
            escape(&whole_dollars(cost))
        );
    }
    let axis_y = coordinate(HEIGHT - BOTTOM);
    let _ = write!(
        svg,
        r#"<line class="cs-chart-axis" x1="{}" x2="{}" y1="{axis_y}" y2="{axis_y}"/>"#,
        coordinate(LEFT),
        coordinate(WIDTH - RIGHT)
    );
    let tick_y = coordinate(HEIGHT - BOTTOM + 18.0);
    for term in terms {
        let at = coordinate(x.at(f64::from(term)));
        let _ = write!(
            svg,
            r#"<text class="cs-chart-tick" x="{at}" y="{tick_y}" text-anchor="middle">{term}</text>"#
        );
    }
    let _ = write!(
        svg,
        r#"<text class="cs-chart-label" x="{}" y="{}" text-anchor="middle">{}</text>"#,
        coordinate((LEFT + WIDTH - RIGHT) / 2.0),
        coordinate(HEIGHT - 8.0),
        escape(text::CHART_X_AXIS)
    );
    let _ = write!(
        svg,
        r#"<text class="cs-chart-label" x="8" y="20" text-anchor="start">{}</text>"#,
        escape(text::CHART_Y_AXIS)
    );

    for (series, (color, dash)) in series.iter().zip(styles) {
        series_markup(&mut svg, series, x, y, color, *dash);
    }
    svg
}
/// Builds the legend's list items: a colour swatch and the supplier's name.
pub fn legend_markup(series: &[Series], styles: &[(&str, Option<&str>)]) -> String {
    let mut items = String::new();
    for (series, (color, _)) in series.iter().zip(styles) {
        let name = escape(&series.supplier);
        let _ = write!(
            items,
            r#"<li data-supplier="{name}"><svg class="cs-chart-swatch" viewBox="0 0 12 12" aria-hidden="true"><circle cx="6" cy="6" r="5" fill="{color}"/></svg>{name}</li>"#
        );
    }
    items
}
/// Returns the term scale, the cost scale, the terms to label and the costs to grid.
fn scales(series: &[Series]) -> (Scale, Scale, Vec<u32>, Vec<f64>) {
    let points = || series.iter().flat_map(|series| series.points.iter().copied());
    let mut terms: Vec<u32> = points().map(|(term, _)| term).collect();
    terms.sort_unstable();
    terms.dedup();
    let (low, high) = points().fold((f64::MAX, f64::MIN), |(low, high), (_, cost)| {
        (low.min(cost), high.max(cost))
    });
    let costs = chart_data::nice_ticks(low, high, Y_TICKS);

    let first_term = f64::from(terms.first().copied().unwrap_or_default());
    let last_term = f64::from(terms.last().copied().unwrap_or_default());
    let x = Scale {
        domain: (first_term, last_term),
        range: (LEFT + INSET, WIDTH - RIGHT - INSET),
    };
    let y = Scale {
        domain: (
            costs.first().copied().unwrap_or(low),
            costs.last().copied().unwrap_or(high),
        ),
        range: (HEIGHT - BOTTOM, TOP),
    };
    (x, y, terms, costs)
}
/// Appends one supplier's line and a dot per term; each dot's tooltip names the point.
fn series_markup(svg: &mut String, series: &Series, x: Scale, y: Scale, color: &str, dash: Option<&str>) {
    let place = |(term, cost): (u32, f64)| (coordinate(x.at(f64::from(term))), coordinate(y.at(cost)));
    let points: Vec<String> = series
        .points
        .iter()
        .map(|point| {
            let (px, py) = place(*point);
            format!("{px},{py}")
        })
        .collect();
    let dash = dash
        .map(|dash| format!(r#" stroke-dasharray="{dash}""#))
        .unwrap_or_default();

    let _ = write!(
        svg,
        r#"<g class="cs-chart-series" data-supplier="{}">"#,
        escape(&series.supplier)
    );
    let _ = write!(
        svg,
        r#"<polyline points="{}" fill="none" stroke="{color}" stroke-width="2"{dash}/>"#,
        points.join(" ")
    );
    for point in &series.points {
        let (px, py) = place(*point);
        let tooltip = text::chart_point(&series.supplier, point.0, &format::dollars(point.1));
        let _ = write!(
            svg,
            r#"<circle cx="{px}" cy="{py}" r="4" fill="{color}"><title>{}</title></circle>"#,
            escape(&tooltip)
        );
    }
    svg.push_str("</g>");
}

/// Sums the chart up in words for screen readers: each supplier's cheapest term and cost.
fn description(series: &[Series]) -> String {
    let lowest: Vec<String> = series
        .iter()
        .map(|series| {
            let (term, cost) = series.lowest();
            text::chart_lowest(&series.supplier, term, &format::dollars(cost))
        })
        .collect();
    text::chart_description(series.len(), &lowest)
}

/// Formats an SVG coordinate with one decimal. Fixed precision keeps the attributes short and
/// avoids linking the shortest-representation float printer into the WASM.
fn coordinate(value: f64) -> String {
    format!("{value:.1}")
}

/// Escapes text for use in markup, in element content and in quoted attribute values.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

fn whole_dollars(amount: f64) -> String {
    format!("${}", format::group_thousands(amount.round().max(0.0) as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_characters() {
        assert_eq!(
            escape(r#"A&B <"Energy"> 'Co'"#),
            "A&amp;B &lt;&quot;Energy&quot;&gt; &#39;Co&#39;"
        );
    }

    #[test]
    fn series_markup_has_line_and_dots() {
        let series = Series {
            supplier: "AEP & Sons".into(),
            points: vec![(12, 700.0), (24, 690.0)],
        };
        let scale = Scale {
            domain: (0.0, 1000.0),
            range: (0.0, 100.0),
        };
        let mut svg = String::new();
        series_markup(&mut svg, &series, scale, scale, "#0072B2", None);

        assert!(
            svg.starts_with(r#"<g class="cs-chart-series" data-supplier="AEP &amp; Sons">"#),
            "{svg}"
        );
        assert!(svg.contains(r#"<polyline points="1.2,70.0 2.4,69.0""#), "{svg}");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(!svg.contains("stroke-dasharray"));
    }
}
