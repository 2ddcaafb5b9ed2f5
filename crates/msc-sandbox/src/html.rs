//! A minimal HTML page shell for the signing and disclosure pages.

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// Renders a whole page. `title` is escaped here, but `head_extra` and `body` must already be HTML.
pub fn page(title: &str, head_extra: &str, body: &str) -> String {
    let title = escape(title);
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<link rel=\"icon\" href=\"data:,\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n{head_extra}\n<style>{STYLE}</style>\n</head>\n\
         <body>\n<header><strong>My Service Cloud</strong> <span class=\"badge\">Test environment</span></header>\n\
         <main>\n{body}\n</main>\n</body>\n</html>\n"
    )
}

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1d2733;background:#f4f6f8}\
header{background:#1d2733;color:#fff;padding:12px 24px}\
.badge{background:#f2b705;color:#1d2733;border-radius:4px;padding:2px 6px;font-size:12px;margin-left:8px}\
main{max-width:720px;margin:24px auto;background:#fff;padding:24px;border-radius:8px}\
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:6px;border-bottom:1px solid #e3e7eb}td{overflow-wrap:anywhere}\
.actions{display:flex;gap:12px;margin-top:24px}button{font-size:16px;padding:10px 20px;border-radius:6px;border:1px solid #1d2733;cursor:pointer}\
button.sign{background:#0a7a3d;color:#fff;border-color:#0a7a3d}\
details{margin-top:32px;border-top:1px solid #e3e7eb;padding-top:16px}summary{cursor:pointer;color:#4a5663}\
details .actions{flex-wrap:wrap}\
@media(max-width:600px){main{margin:0;border-radius:0;padding:16px}.actions{flex-wrap:wrap}}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_markup() {
        assert_eq!(escape("<b>\"A&B's\"</b>"), "&lt;b&gt;&quot;A&amp;B&#39;s&quot;&lt;/b&gt;");
    }
}
