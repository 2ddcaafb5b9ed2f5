// End-to-end test of the flow a business customer follows on a broker's site: live prices for a
// Chicago ZIP, the customer and account forms, signing on the sandbox's signing page, and the
// live contract status until the supplier accepts.
//
// Needs a running shopper-proxy whose URL is in SHOPPER_E2E_URL; `cargo xtask test` starts one.
// Screenshots of each step go to test-results/: pricing.png, forms.png, signing.png and
// accepted.png, or failure.png when a step fails. A second test goes as far as the signing page
// on a phone-sized screen and saves phone.png and phone-signing.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, BUSINESS, RESULTS_DIR, fillForms, fillPricing, launchBrowser, newPage, reachedMilestone } from './support.mjs';

const FLOW_TIMEOUT = 300_000;

test('business signs ComEd offer until accepted', { timeout: FLOW_TIMEOUT }, async (t) => {
  const browser = await launchBrowser(t);
  const page = await newPage(t, browser);
  page.on('response', (response) => {
    if (response.status() >= 400) t.diagnostic(`HTTP ${response.status()} for ${response.url()}`);
  });

  try {
    await choosePrice(page);
    await fillForms(page, () => page.screenshot({ path: `${RESULTS_DIR}/forms.png`, fullPage: true }));
    await signOnSandbox(page);
    await waitForAccepted(page);
  } catch (error) {
    await page.screenshot({ path: `${RESULTS_DIR}/failure.png`, fullPage: true });
    throw error;
  }
});

// Step 1: ZIP 60601, electricity from ComEd, then choose the first offer listed.
async function choosePrice(page) {
  await page.goto(`${BASE_URL}/demo`);

  const zip = page.getByLabel('Service ZIP code');
  await zip.fill(BUSINESS.zip);
  await zip.blur();
  await page.getByLabel('Electricity', { exact: true }).check();
  await page.getByText(/Served by .*ComEd/).waitFor();
  await page.getByLabel('Annual usage (kWh)').fill('120000');
  await page.getByRole('button', { name: 'See prices' }).click();

  // Each offer's button is named "Choose <supplier>, <rate>, <term>".
  const offers = page.getByRole('button', { name: /^Choose .+\/ kWh/ });
  await offers.first().waitFor();
  assert.ok(await offers.count() > 0, 'the offers list has no offer');
  await page.screenshot({ path: `${RESULTS_DIR}/pricing.png`, fullPage: true });

  await offers.first().click();
}

// Step 3: "Sign now" sends the browser to the sandbox's signing page, where the customer signs.
async function signOnSandbox(page) {
  await page.getByRole('button', { name: 'Sign now' }).click();
  await page.waitForURL(/\/signing\//);
  const sign = page.getByRole('button', { name: 'Sign', exact: true });
  await sign.waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/signing.png`, fullPage: true });

  await sign.click();
}

// Back on the partner's page, the status timeline follows the webhooks until "Accepted". The
// timeline lists every milestone from the start, so only a row marked done counts as reached.
async function waitForAccepted(page) {
  await page.waitForURL(/\/demo/);
  await page.getByText(/^Thanks, your contract is signed/).waitFor();

  await reachedMilestone(page, 'Accepted').waitFor();
  assert.equal(await reachedMilestone(page, 'Signed').count(), 1, 'the Signed milestone is not marked done');
  assert.equal(
    await reachedMilestone(page, 'Submitted to supplier').count(),
    1,
    'the Submitted to supplier milestone is not marked done',
  );
  await page.screenshot({ path: `${RESULTS_DIR}/accepted.png`, fullPage: true });
}

// A phone 390 CSS pixels wide, such as an iPhone 12 to 15.
const PHONE_WIDTH = 390;

// Fails when the page is wider than the phone's screen, so it scrolls sideways.
async function assertFitsPhone(page, where) {
  const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(pageWidth <= PHONE_WIDTH, `${where} is ${pageWidth} px wide on a ${PHONE_WIDTH} px screen`);
}

test('widget fits a phone screen', { timeout: FLOW_TIMEOUT }, async (t) => {
  const browser = await launchBrowser(t);
  const page = await newPage(t, browser);
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });

  await page.goto(`${BASE_URL}/demo`);
  await page.getByLabel('Service ZIP code').waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/phone.png`, fullPage: true });
  await assertFitsPhone(page, 'the demo page');

  await fillPricing(page);
  await fillForms(page);
  await page.getByRole('button', { name: 'Sign now' }).waitFor();
  await assertFitsPhone(page, 'step 3');

  // Customers sign on phones too, on the sandbox's page as on DocuSign's.
  await page.getByRole('button', { name: 'Sign now' }).click();
  await page.getByRole('button', { name: 'Sign', exact: true }).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/phone-signing.png`, fullPage: true });
  await assertFitsPhone(page, 'the signing page');
});
