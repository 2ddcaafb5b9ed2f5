//! The contract document: a PDF with the customer, the accounts, the supplier's price and terms,
//! the disclosures and a signature block, which gives the date of signing once the contract is
//! signed.
//!
//! The PDF uses Helvetica, one of the 14 standard fonts every PDF reader has, so no font is
//! embedded. Content streams are left uncompressed: the file stays small (one or two pages of
//! text) and its text can be checked in tests. The signature line carries the anchor text
//! [`SIGNATURE_ANCHOR`] in white, where a DocuSign envelope places its "Sign Here" tab.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use pdf_writer::{Content, Date, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use shopper_types::ContractStatus;

use crate::contracts::Contract;

/// Invisible text on the signature line that DocuSign anchors the signer's "Sign Here" tab to.
pub const SIGNATURE_ANCHOR: &str = "/sn1/";

/// US Letter, in points (1/72 inch).
const PAGE_WIDTH: f32 = 612.0;
const PAGE_HEIGHT: f32 = 792.0;
const MARGIN: f32 = 54.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;
/// Width of the label column of a label and value row.
const LABEL_WIDTH: f32 = 150.0;
/// The lowest baseline of body text; the footer sits below it.
const BOTTOM: f32 = MARGIN + 24.0;

const BODY_SIZE: f32 = 10.0;
const SMALL_SIZE: f32 = 8.5;
const HEADING_SIZE: f32 = 12.5;
const TITLE_SIZE: f32 = 18.0;
/// Line height as a multiple of the font size.
const LEADING: f32 = 1.35;

const REGULAR: Name<'static> = Name(b"F1");
const BOLD: Name<'static> = Name(b"F2");

/// Ink colours as RGB fractions.
const INK: [f32; 3] = [0.11, 0.15, 0.2];
const MUTED: [f32; 3] = [0.35, 0.4, 0.46];
const RULE: [f32; 3] = [0.8, 0.83, 0.86];

/// Renders the contract as a PDF dated the day it was created, so every copy is the same.
/// `base_url` is where the sandbox serves disclosure pages.
pub fn contract_pdf(contract: &Contract, base_url: &str) -> Vec<u8> {
    let prepared_at = contract.created_at;
    let mut layout = Layout::new();
    write_title(&mut layout, contract, prepared_at);
    write_customer(&mut layout, contract);
    write_accounts(&mut layout, contract);
    write_price(&mut layout, contract);
    write_disclosures(&mut layout, contract, base_url);
    write_signature_block(&mut layout, contract);
    layout.finish(contract, prepared_at)
}

fn write_title(layout: &mut Layout, contract: &Contract, prepared_at: DateTime<Utc>) {
    let price = &contract.price;
    layout.line("Commercial Energy Supply Agreement", BOLD, TITLE_SIZE, INK);
    layout.line(
        &format!("{} · {}", price.supplier, price.product_name),
        REGULAR,
        HEADING_SIZE,
        INK,
    );
    let prepared = prepared_at.format("%B %-d, %Y");
    let reference = format!(
        "Contract {} · Broker reference {} · Prepared {prepared}",
        contract.id, contract.external_reference
    );
    layout.line(&reference, REGULAR, SMALL_SIZE, MUTED);
    layout.paragraph(
        "Issued by the My Service Cloud Test environment. The supplier, prices and terms are synthetic sample data and \
         are not an offer from the named supplier.",
        REGULAR,
        SMALL_SIZE,
        MUTED,
    );
}

fn write_customer(layout: &mut Layout, contract: &Contract) {
    let customer = &contract.customer;
    layout.heading("Customer");
    layout.field("Legal business name", &customer.legal_name);
    layout.field("Contact", &customer.contact_name);
    layout.field("Email", &customer.email);
    layout.field("Phone", &format_phone(&customer.phone));
}

fn write_accounts(layout: &mut Layout, contract: &Contract) {
    layout.heading(if contract.accounts.len() == 1 {
        "Utility account"
    } else {
        "Utility accounts"
    });
    for (index, account) in contract.accounts.iter().enumerate() {
        if index > 0 {
            layout.space(4.0);
        }
        let utility_name = crate::market::utility(&account.utility_code).map_or(account.utility_code.as_str(), |utility| utility.name);
        layout.field("Utility", utility_name);
        layout.field("Account number", &account.account_number);
        layout.field("Service address", &account.service_address);
    }
}

fn write_price(layout: &mut Layout, contract: &Contract) {
    let price = &contract.price;
    let unit = price.commodity.unit().label();
    layout.heading("Supplier, price and term");
    layout.field("Supplier", &price.supplier);
    layout.field("Product", &price.product_name);
    let commodity = match price.commodity {
        shopper_types::Commodity::Electricity => "Electricity",
        shopper_types::Commodity::Gas => "Natural gas",
    };
    layout.field("Commodity", commodity);
    layout.field(
        "Rate",
        &format!("${:.5} per {unit}, fixed for the whole term (supply only)", price.rate),
    );
    layout.field("Term", &format!("{} months", price.term_months));
    layout.field(
        "Start month",
        &format!("{}, from the first meter read", month_label(&price.start_month)),
    );
    layout.field("Early termination fee", &format!("${:.2}", price.early_termination_fee));
    layout.field(
        "Usage tolerance",
        &format!("{}% of the contracted annual usage", price.swing_percent),
    );
    if price.commodity == shopper_types::Commodity::Electricity {
        layout.field("Renewable content", &format!("{}%", price.green_percent));
    }
}

fn write_disclosures(layout: &mut Layout, contract: &Contract, base_url: &str) {
    let price = &contract.price;
    let unit = price.commodity.unit().label();
    layout.heading("Disclosures");
    let paragraphs = [
        format!(
            "1. Price. The supplier charges ${:.5} per {unit} for every {unit} used by the accounts above for {} months. \
             The price covers energy supply only. The utility still delivers the energy, reads the meters, answers outages \
             and bills its own delivery charges and taxes.",
            price.rate, price.term_months
        ),
        format!(
            "2. Usage tolerance. If the accounts use more than {}% more or less than the contracted annual usage, the \
             supplier may bill the difference at market prices.",
            price.swing_percent
        ),
        format!(
            "3. Early termination. Ending this agreement before the end of the term, or moving the accounts to another \
             supplier, costs an early termination fee of ${:.2}.",
            price.early_termination_fee
        ),
        "4. Enrollment. The supplier enrolls the accounts with the utility after signing. Supply starts with the first \
         meter read on or after the start month, usually within one or two billing cycles."
            .to_owned(),
        "5. Renewal. The supplier writes 45 to 60 days before the term ends with renewal options. Without a new \
         agreement, the accounts move to the supplier's month-to-month price, which can change every month."
            .to_owned(),
        "6. Broker. This agreement was arranged by an energy broker, who is paid by the supplier and whose fee is \
         included in the rate above."
            .to_owned(),
        format!("7. Product disclosure: {base_url}/disclosures/{}", price.product_slug),
    ];
    for text in &paragraphs {
        layout.paragraph(text, REGULAR, BODY_SIZE, INK);
        layout.space(2.0);
    }
}

fn write_signature_block(layout: &mut Layout, contract: &Contract) {
    // Keeps the whole block on one page.
    layout.ensure_space(170.0);
    layout.heading("Signature");
    layout.paragraph(
        &format!(
            "By signing, the customer agrees to buy {} from {} on the terms above, and confirms that the signer may sign \
             for {}.",
            contract.price.commodity.as_str(),
            contract.price.supplier,
            contract.customer.legal_name
        ),
        REGULAR,
        BODY_SIZE,
        INK,
    );
    // A copy printed after signing is a conformed copy: "/s/" and the signer's name on the line,
    // and when the signature was recorded, however it was given (on the signing page, by fax or
    // through DocuSign).
    let signed_at = contract
        .status_history
        .iter()
        .find(|change| change.status == ContractStatus::Signed)
        .map(|change| change.at);
    let conformed = signed_at.map(|_| format!("/s/ {}", contract.customer.contact_name));
    layout.space(28.0);
    layout.signature_line(conformed.as_deref());
    layout.field("Signed for", &contract.customer.legal_name);
    layout.field("Name", &contract.customer.contact_name);
    match signed_at {
        Some(signed_at) => {
            layout.field("Date", &signed_at.format("%B %-d, %Y").to_string());
            let recorded = signed_at.format("%B %-d, %Y, %H:%M UTC").to_string();
            layout.field("Signature recorded", &recorded);
        }
        None => layout.field("Date", ""),
    }
}

/// Formats ten digits as `(312) 555-0142`; other values are printed as stored.
fn format_phone(digits: &str) -> String {
    if digits.len() == 10 && digits.bytes().all(|byte| byte.is_ascii_digit()) {
        format!("({}) {}-{}", &digits[..3], &digits[3..6], &digits[6..])
    } else {
        digits.to_owned()
    }
}

/// Formats `YYYY-MM` as `March 2026`; other values are printed as stored.
/// Names a `YYYY-MM` month as "March 2026".
pub(crate) fn month_label(start_month: &str) -> String {
    NaiveDate::parse_from_str(&format!("{start_month}-01"), "%Y-%m-%d")
        .map(|date| date.format("%B %Y").to_string())
        .unwrap_or_else(|_| start_month.to_owned())
}

/// Places text top to bottom over as many pages as it needs.
struct Layout {
    pages: Vec<Content>,
    /// Baseline of the next line on the last page.
    y: f32,
}

impl Layout {
    fn new() -> Layout {
        Layout {
            pages: vec![Content::new()],
            y: PAGE_HEIGHT - MARGIN - TITLE_SIZE,
        }
    }

    fn page(&mut self) -> &mut Content {
        self.pages.last_mut().expect("a layout always has a page")
    }

    /// Starts a new page unless `height` points fit above the bottom margin.
    fn ensure_space(&mut self, height: f32) {
        if self.y - height < BOTTOM {
            self.pages.push(Content::new());
            self.y = PAGE_HEIGHT - MARGIN - BODY_SIZE;
        }
    }

    fn space(&mut self, height: f32) {
        self.y -= height;
    }

    fn line(&mut self, text: &str, font: Name<'static>, size: f32, color: [f32; 3]) {
        self.ensure_space(size * LEADING);
        let y = self.y;
        show_text(self.page(), text, font, size, color, MARGIN, y);
        self.y -= size * LEADING;
    }

    fn paragraph(&mut self, text: &str, font: Name<'static>, size: f32, color: [f32; 3]) {
        for line in wrap(text, font, size, TEXT_WIDTH) {
            self.line(&line, font, size, color);
        }
    }

    fn heading(&mut self, text: &str) {
        // A heading never ends a page: it needs room for itself and two lines after it.
        self.space(10.0);
        self.ensure_space(HEADING_SIZE * LEADING + 2.0 * BODY_SIZE * LEADING);
        self.line(text, BOLD, HEADING_SIZE, INK);
        let y = self.y + HEADING_SIZE * LEADING - 4.0;
        let page = self.page();
        page.set_stroke_rgb(RULE[0], RULE[1], RULE[2]);
        page.set_line_width(0.75);
        page.move_to(MARGIN, y);
        page.line_to(PAGE_WIDTH - MARGIN, y);
        page.stroke();
        self.y -= 4.0;
    }

    /// Writes a label in the left column and its value, wrapped, in the right one.
    fn field(&mut self, label: &str, value: &str) {
        let lines = wrap(value, REGULAR, BODY_SIZE, TEXT_WIDTH - LABEL_WIDTH);
        self.ensure_space(BODY_SIZE * LEADING * lines.len().max(1) as f32);
        let y = self.y;
        show_text(self.page(), label, BOLD, BODY_SIZE, MUTED, MARGIN, y);
        if lines.is_empty() {
            self.y -= BODY_SIZE * LEADING;
        }
        for line in lines {
            let y = self.y;
            show_text(self.page(), &line, REGULAR, BODY_SIZE, INK, MARGIN + LABEL_WIDTH, y);
            self.y -= BODY_SIZE * LEADING;
        }
    }

    /// Draws the line the signer signs on, with the DocuSign anchor in white at its start, and
    /// `conformed` on it once the contract is signed.
    fn signature_line(&mut self, conformed: Option<&str>) {
        let y = self.y;
        let page = self.page();
        show_text(
            page,
            SIGNATURE_ANCHOR,
            REGULAR,
            BODY_SIZE,
            [1.0, 1.0, 1.0],
            MARGIN + LABEL_WIDTH,
            y + 2.0,
        );
        page.set_stroke_rgb(INK[0], INK[1], INK[2]);
        page.set_line_width(0.75);
        page.move_to(MARGIN + LABEL_WIDTH, y);
        page.line_to(PAGE_WIDTH - MARGIN, y);
        page.stroke();
        if let Some(conformed) = conformed {
            show_text(page, conformed, REGULAR, HEADING_SIZE, INK, MARGIN + LABEL_WIDTH + 6.0, y + 4.0);
        }
        show_text(page, "Signature", BOLD, BODY_SIZE, MUTED, MARGIN, y);
        self.y -= BODY_SIZE * LEADING + 4.0;
    }

    /// Writes a footer on each page and assembles the PDF.
    fn finish(mut self, contract: &Contract, prepared_at: DateTime<Utc>) -> Vec<u8> {
        let page_count = self.pages.len();
        for (index, page) in self.pages.iter_mut().enumerate() {
            let footer = format!("Contract {} · Page {} of {page_count}", contract.id, index + 1);
            show_text(page, &footer, REGULAR, SMALL_SIZE, MUTED, MARGIN, MARGIN);
        }

        let catalog_id = Ref::new(1);
        let page_tree_id = Ref::new(2);
        let regular_id = Ref::new(3);
        let bold_id = Ref::new(4);
        let info_id = Ref::new(5);
        let first_page_id = 6;
        let page_ids: Vec<Ref> = (0..page_count)
            .map(|index| Ref::new(first_page_id + 2 * index as i32))
            .collect();

        let mut pdf = Pdf::new();
        pdf.catalog(catalog_id).pages(page_tree_id);
        pdf.pages(page_tree_id)
            .kids(page_ids.iter().copied())
            .count(page_count as i32);
        // WinAnsiEncoding maps the bytes that `encode` writes, Latin-1 and typographic marks.
        pdf.type1_font(regular_id)
            .base_font(Name(b"Helvetica"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.type1_font(bold_id)
            .base_font(Name(b"Helvetica-Bold"))
            .encoding_predefined(Name(b"WinAnsiEncoding"));
        pdf.document_info(info_id)
            .title(TextStr(&format!("Commercial Energy Supply Agreement {}", contract.id)))
            .author(TextStr(&contract.price.supplier))
            .creator(TextStr("My Service Cloud sandbox"))
            .creation_date(pdf_date(prepared_at));

        for (page_id, content) in page_ids.iter().zip(self.pages) {
            let content_id = Ref::new(page_id.get() + 1);
            let mut page = pdf.page(*page_id);
            page.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT));
            page.parent(page_tree_id);
            page.contents(content_id);
            let mut resources = page.resources();
            resources.fonts().pair(REGULAR, regular_id).pair(BOLD, bold_id);
            resources.finish();
            page.finish();
            pdf.stream(content_id, &content.finish());
        }
        pdf.finish()
    }
}

fn pdf_date(at: DateTime<Utc>) -> Date {
    Date::new(at.year() as u16)
        .month(at.month() as u8)
        .day(at.day() as u8)
        .hour(at.hour() as u8)
        .minute(at.minute() as u8)
        .utc_offset_hour(0)
}

fn show_text(page: &mut Content, text: &str, font: Name<'static>, size: f32, color: [f32; 3], x: f32, y: f32) {
    page.set_fill_rgb(color[0], color[1], color[2]);
    page.begin_text();
    page.set_font(font, size);
    page.next_line(x, y);
    page.show(Str(&encode(text)));
    page.end_text();
}

/// Encodes text in WinAnsiEncoding (Windows-1252). Characters it lacks become `?`.
fn encode(text: &str) -> Vec<u8> {
    text.chars()
        .map(|character| match character {
            ' '..='~' => character as u8,
            '\u{a0}'..='\u{ff}' => character as u32 as u8,
            '€' => 0x80,
            '…' => 0x85,
            '‘' => 0x91,
            '’' => 0x92,
            '“' => 0x93,
            '”' => 0x94,
            '•' => 0x95,
            '–' => 0x96,
            '—' => 0x97,
            _ => b'?',
        })
        .collect()
}

/// Splits text into lines no wider than `width` points, at spaces. A word wider than a line is
/// put on a line of its own.
fn wrap(text: &str, font: Name<'static>, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_owned()
        } else {
            format!("{current} {word}")
        };
        if !current.is_empty() && text_width(&candidate, font, size) > width {
            lines.push(std::mem::replace(&mut current, word.to_owned()));
        } else {
            current = candidate;
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// Estimates the width of text in points from Helvetica's glyph widths.
fn text_width(text: &str, font: Name<'static>, size: f32) -> f32 {
    // A printable ASCII glyph of Helvetica-Bold is at most 34% wider than the same Helvetica
    // glyph (Adobe's metrics as converted in groff's devps HB and HR files), so bold text is
    // measured as regular text scaled by that much.
    let scale = if font == BOLD { 1.34 } else { 1.0 };
    let units: u32 = encode(text).iter().map(|byte| u32::from(helvetica_width(*byte))).sum();
    units as f32 * size * scale / 1000.0
}

/// Returns the advance width of a WinAnsi byte in Helvetica, in 1/1000 em, from Adobe's
/// Helvetica metrics (groff's devps HR file). Bytes outside printable ASCII get a digit's width.
fn helvetica_width(byte: u8) -> u16 {
    const ASCII: [u16; 95] = [
        278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // space to /
        556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, // 0 to ?
        1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, // @ to O
        667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, // P to _
        333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, // ` to o
        556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, // p to ~
    ];
    match byte {
        b' '..=b'~' => ASCII[usize::from(byte - b' ')],
        _ => 556,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text =
            "The price covers energy supply only. The utility still delivers the energy and bills its own charges.";
        let lines = wrap(text, REGULAR, BODY_SIZE, 200.0);

        assert!(lines.len() > 1, "{lines:?}");
        for line in &lines {
            assert!(text_width(line, REGULAR, BODY_SIZE) <= 200.0, "{line:?} is too wide");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn encode_maps_to_win_ansi() {
        assert_eq!(encode("Café – “A”"), b"Caf\xe9 \x96 \x93A\x94");
        assert_eq!(encode("東"), b"?");
    }

    #[test]
    fn helvetica_widths_match_metrics() {
        assert_eq!(helvetica_width(b' '), 278);
        assert_eq!(helvetica_width(b'0'), 556);
        assert_eq!(helvetica_width(b'W'), 944);
        assert_eq!(helvetica_width(b'i'), 222);
        assert_eq!(helvetica_width(b'~'), 584);
    }

    #[test]
    fn phone_and_month_are_formatted() {
        assert_eq!(format_phone("3125550142"), "(312) 555-0142");
        assert_eq!(month_label("2026-03"), "March 2026");
        assert_eq!(month_label("soon"), "soon");
    }
}
