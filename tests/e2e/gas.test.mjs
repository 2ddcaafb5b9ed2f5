// End-to-end tests of a natural gas quote on a broker's site: ZIP 60540 (Naperville, IL) is
// served by ComEd for electricity and Nicor Gas for gas. The customer requests gas prices in
// therms, checks the offers, and chooses one whose price has expired, which the widget
// re-prices before going on.
//
// Needs a running shopper-proxy whose URL is in SHOPPER_E2E_URL; `cargo xtask test` starts one
// and runs `node --test tests/e2e/`. Screenshots go to test-results/.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, RESULTS_DIR, launchBrowser, newPage } from './support.mjs';

const TEST_TIMEOUT = 180_000;

const ZIP = '60540';
const ANNUAL_THERMS = '8000';

// Prices are good until 6 PM Central on the day they are quoted, so a day later every price
// shown has expired.
const ONE_DAY_LATER = '25:00:00';

async function openDemo(t, { fakeClock = false } = {}) {
  const browser = await launchBrowser(t);
  const page = await newPage(t, browser);
  if (fakeClock) {
    // Installed before the page loads, so the widget's clock and timers run on it from the start.
    await page.clock.install();
  }
  await page.goto(`${BASE_URL}/demo`);
  return page;
}

// Asks for gas prices at ZIP 60540 in therms and returns the offers' "Choose" buttons.
async function seeGasOffers(page) {
  const zip = page.getByLabel('Service ZIP code');
  await zip.fill(ZIP);
  await zip.blur();
  await page.getByText(/Served by ComEd and Nicor Gas/).waitFor();

  await page.getByLabel('Natural gas', { exact: true }).check();
  await page.getByLabel('Annual usage (therms)').fill(ANNUAL_THERMS);
  await page.getByRole('button', { name: 'See prices' }).click();

  // Each offer's button is named "Choose <supplier>, <rate>, <term>".
  const offers = page.getByRole('button', { name: /^Choose .+\/ therm/ });
  await offers.first().waitFor();
  return offers;
}

test('gas quote in Nicor Gas territory is priced per therm', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await openDemo(t);
  const offers = await seeGasOffers(page);

  assert.ok(await offers.count() > 0, 'the offers list has no offer');
  const rates = await page.locator('.cs-offer-rate').allTextContents();
  for (const rate of rates) {
    assert.match(rate, /\$\d+\.\d{5} \/ therm$/);
  }
  await page.getByText('Costs are estimated for 8,000 therms a year.').waitFor();
  assert.equal(await page.getByRole('button', { name: /\/ kWh/ }).count(), 0, 'a gas quote lists an electricity offer');

  const chart = page.getByRole('img', { name: /Estimated monthly supply cost by contract length/ });
  await chart.waitFor();
  const suppliers = await page.locator('select[name="supplier"] option:not([value=""])').count();
  assert.equal(await chart.locator('.cs-chart-series').count(), suppliers);

  await page.screenshot({ path: `${RESULTS_DIR}/gas-offers.png`, fullPage: true });
});

test('expired gas price is re-priced before it is chosen', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await openDemo(t, { fakeClock: true });
  await seeGasOffers(page);

  const card = page.locator('.cs-offer').first();
  const supplier = (await card.locator('.cs-offer-supplier').textContent()).trim();
  const term = await card.getAttribute('data-term');
  const sameOffer = page.locator(`.cs-offer[data-term="${term}"]`).filter({ hasText: supplier });
  await sameOffer.getByText(/^Price good for /).waitFor();

  await page.clock.fastForward(ONE_DAY_LATER);
  await sameOffer.getByText('Price expired').waitFor();

  await sameOffer.getByRole('button', { name: /^Choose / }).click();
  const notice = sameOffer.getByRole('status').filter({ hasText: /Choose again to continue/ });
  await notice.waitFor();
  assert.match(await notice.textContent(), /\$\d+\.\d{5} \/ therm/);
  await page.screenshot({ path: `${RESULTS_DIR}/gas-repriced.png`, fullPage: true });

  await sameOffer.getByRole('button', { name: /^Choose / }).click();
  await page.locator('[aria-current="step"]').filter({ hasText: 'Your details' }).waitFor();
});
