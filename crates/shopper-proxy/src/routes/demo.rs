//! `GET /demo`: the home page of a made-up broker, "Summit Energy Partners", that embeds the
//! widget the way a real partner would: one script tag and nothing else of the widget.
//! `GET /demo/popup` is the same page with the demo key that signs in a popup window.
//! `GET /demo/logo.svg` serves the same logo for the widget's header.

use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{Html, IntoResponse};

use crate::config::DEMO_POPUP_KEY;

/// The publishable key of the built-in demo partner that signs by redirect.
const DEMO_KEY: &str = "pk_test_demo";

/// A mountain mark with the broker's name, 220×60 px.
const LOGO_SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="220" height="60" viewBox="0 0 220 60" role="img" aria-label="Summit Energy Partners">
  <rect width="220" height="60" rx="8" fill="#ffffff"/>
  <path d="M8 50 L26 18 L36 34 L44 24 L60 50 Z" fill="#1d4e89"/>
  <path d="M26 18 L31 27 L27 25 L23 29 Z" fill="#ffffff"/>
  <circle cx="50" cy="14" r="6" fill="#f2a900"/>
  <text x="68" y="30" font-family="Georgia, 'Times New Roman', serif" font-size="20" font-weight="bold" fill="#1d4e89">Summit</text>
  <text x="68" y="48" font-family="Helvetica, Arial, sans-serif" font-size="11" letter-spacing="2" fill="#4a5b6d">ENERGY PARTNERS</text>
</svg>"##;

pub async fn logo() -> impl IntoResponse {
    ([(CONTENT_TYPE, "image/svg+xml"), (CACHE_CONTROL, "public, max-age=3600")], LOGO_SVG)
}

/// The demo notice of the popup page: how it differs from `/demo`.
const POPUP_NOTICE: &str = " This copy of the page signs contracts in a popup window; <a href=\"/demo\">the main demo</a> signs on a full page.";

pub async fn demo_page() -> Html<String> {
    Html(render(DEMO_KEY, ""))
}

pub async fn popup_demo_page() -> Html<String> {
    Html(render(DEMO_POPUP_KEY, POPUP_NOTICE))
}

fn render(publishable_key: &str, notice: &str) -> String {
    PAGE.replace("{logo}", LOGO_SVG).replace("{key}", publishable_key).replace("{notice}", notice)
}

const PAGE: &str = r##"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <link rel="icon" href="/demo/logo.svg" type="image/svg+xml">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Summit Energy Partners | Business electricity and natural gas brokers</title>
  <meta name="description" content="Summit Energy Partners compares fixed-rate electricity and natural gas contracts from licensed suppliers for businesses in Illinois, Texas and Pennsylvania.">
  <style>
    :root { --navy: #1d4e89; --amber: #f2a900; --ink: #1f2a36; --muted: #4a5b6d; --paper: #f6f8fb; }
    * { box-sizing: border-box; }
    body { margin: 0; font-family: "Helvetica Neue", Helvetica, Arial, sans-serif; color: var(--ink); background: #fff; line-height: 1.55; }
    a { color: var(--navy); }
    .demo-notice { background: #fff6d9; color: #5b4500; font-size: 0.85rem; text-align: center; padding: 0.4rem 1rem; }
    header.site { display: flex; align-items: center; justify-content: space-between; gap: 1rem; flex-wrap: wrap; padding: 0.75rem 2rem; border-bottom: 1px solid #e3e8ef; }
    header.site nav a { margin-left: 1.5rem; text-decoration: none; font-weight: 600; color: var(--ink); }
    header.site .phone { font-weight: 700; color: var(--navy); margin-left: 1.5rem; }
    .hero { background: linear-gradient(135deg, var(--navy), #2f6db3); color: #fff; padding: 3.5rem 2rem 3rem; }
    .hero h1 { font-family: Georgia, "Times New Roman", serif; font-size: 2.4rem; margin: 0 0 0.75rem; max-width: 40rem; }
    .hero p { font-size: 1.15rem; max-width: 38rem; margin: 0; opacity: 0.95; }
    .hero ul { display: flex; flex-wrap: wrap; gap: 1.5rem; list-style: none; padding: 0; margin: 1.5rem 0 0; font-weight: 600; }
    .hero li::before { content: "\2713  "; color: var(--amber); }
    main { max-width: 68rem; margin: 0 auto; padding: 0 2rem; }
    section { padding: 2.5rem 0; }
    h2 { font-family: Georgia, "Times New Roman", serif; color: var(--navy); font-size: 1.7rem; margin: 0 0 0.5rem; }
    .lead { color: var(--muted); margin-top: 0; }
    .quote-panel { background: var(--paper); border: 1px solid #e3e8ef; border-radius: 12px; padding: 1.5rem; margin-top: 1rem; min-height: 12rem; }
    .steps, .markets { display: grid; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); gap: 1.25rem; }
    .card { border: 1px solid #e3e8ef; border-radius: 10px; padding: 1.25rem; }
    .card h3 { margin: 0 0 0.4rem; font-size: 1.05rem; }
    .card p { margin: 0; color: var(--muted); }
    .step-number { display: inline-block; width: 1.8rem; height: 1.8rem; border-radius: 50%; background: var(--amber); color: var(--ink); text-align: center; font-weight: 700; line-height: 1.8rem; margin-bottom: 0.5rem; }
    blockquote { margin: 0; padding: 1.5rem; border-left: 4px solid var(--amber); background: var(--paper); font-size: 1.1rem; }
    blockquote footer { margin-top: 0.75rem; font-size: 0.95rem; color: var(--muted); }
    footer.site { background: var(--ink); color: #cfd8e3; padding: 2rem; font-size: 0.9rem; }
    footer.site .columns { max-width: 68rem; margin: 0 auto; display: flex; flex-wrap: wrap; gap: 2rem; justify-content: space-between; }
    footer.site a { color: #fff; }
  </style>
</head>
<body>
  <div class="demo-notice">Demo site: Summit Energy Partners is a made-up broker, and prices come from a test environment.{notice}</div>
  <header class="site">
    <a href="/demo" aria-label="Summit Energy Partners home">{logo}</a>
    <nav aria-label="Main">
      <a href="#prices">Compare prices</a>
      <a href="#how-it-works">How it works</a>
      <a href="#markets">Markets</a>
      <a href="#about">About us</a>
      <span class="phone">(312) 555-0186</span>
    </nav>
  </header>

  <div class="hero">
    <h1>Fixed energy rates for your business, without the phone tag.</h1>
    <p>We compare electricity and natural gas contracts from licensed retail suppliers, so you can lock in a rate in minutes and get back to running your business.</p>
    <ul>
      <li>No fee to compare</li>
      <li>Licensed suppliers only</li>
      <li>Sign online</li>
    </ul>
  </div>

  <main>
    <section id="prices" aria-labelledby="prices-title">
      <h2 id="prices-title">Compare today's business energy prices</h2>
      <p class="lead">Enter your ZIP code and annual usage from a recent bill. Prices are set each morning and are valid until 6 PM Central.</p>
      <div class="quote-panel">
        <div data-commercial-shopper></div>
        <script src="/embed.js" data-key="{key}" async></script>
      </div>
    </section>

    <section id="how-it-works" aria-labelledby="how-title">
      <h2 id="how-title">How it works</h2>
      <div class="steps">
        <div class="card"><span class="step-number">1</span><h3>Compare offers</h3><p>See fixed rates from several suppliers for your utility, term and start month.</p></div>
        <div class="card"><span class="step-number">2</span><h3>Add your details</h3><p>Your business name and utility account number, exactly as they appear on your bill.</p></div>
        <div class="card"><span class="step-number">3</span><h3>Sign online</h3><p>Review the contract and sign electronically. We follow the enrollment with your utility until it is accepted.</p></div>
      </div>
    </section>

    <section id="markets" aria-labelledby="markets-title">
      <h2 id="markets-title">Markets we serve</h2>
      <div class="markets">
        <div class="card"><h3>Illinois</h3><p>ComEd and Ameren Illinois electricity, Nicor Gas and Peoples Gas natural gas.</p></div>
        <div class="card"><h3>Texas</h3><p>Oncor, CenterPoint, AEP Texas and TNMP service areas in ERCOT.</p></div>
        <div class="card"><h3>Pennsylvania</h3><p>PECO and PPL Electric customers, plus PECO natural gas.</p></div>
      </div>
    </section>

    <section id="about" aria-labelledby="about-title">
      <h2 id="about-title">Why businesses work with us</h2>
      <blockquote>
        "We run three bakery locations on the North Side. Summit found us a 24-month rate below what we were paying, and the paperwork took ten minutes."
        <footer>Operations manager, a Chicago bakery group</footer>
      </blockquote>
    </section>
  </main>

  <footer class="site">
    <div class="columns">
      <div><strong>Summit Energy Partners</strong><br>200 W Example Ave, Suite 1400<br>Chicago, IL 60606</div>
      <div>Questions? Call (312) 555-0186<br>or write to <a href="mailto:hello@summit-energy.example">hello@summit-energy.example</a></div>
      <div>Summit Energy Partners is an energy broker, not a supplier or utility.<br>Your utility still delivers your energy and answers outages.</div>
    </div>
  </footer>
</body>
</html>
"##;
