// End-to-end test of the flow a business customer follows on a broker's site: live prices for a
// Chicago ZIP, the customer and account forms, signing on the sandbox's signing page, and the
// live contract status until the supplier accepts.
//
// Needs a running shopper-proxy whose URL is in SHOPPER_E2E_URL; `cargo xtask test` starts one.
// Screenshots of each step go to test-results/: pricing.png, forms.png, signing.png and
// accepted.png, or failure.png when a step fails.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, BUSINESS, RESULTS_DIR, launchBrowser, newPage, reachedMilestone, setField } from './support.mjs';

const FLOW_TIMEOUT = 300_000;

test('business signs ComEd offer until accepted', { timeout: FLOW_TIMEOUT }, async (t) => {
  const browser = await launchBrowser(t);
  const page = await newPage(t, browser);
  page.on('response', (response) => {
    if (response.status() >= 400) t.diagnostic(`HTTP ${response.status()} for ${response.url()}`);
  });

  try {
    await choosePrice(page);
    await fillDetails(page);
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

// Step 2: the business, its signer and one ComEd account, then "Review and sign".
async function fillDetails(page) {
  await page.getByLabel('Legal business name').fill(BUSINESS.legalName);
  await setField(page.getByLabel('Business type'), BUSINESS.businessType);
  await page.getByLabel('Federal tax ID (FEIN)').fill(BUSINESS.fein);
  await page.getByLabel('Contact name').fill(BUSINESS.contactName);
  await page.getByLabel('Job title').fill(BUSINESS.contactTitle);
  await page.getByLabel('Email').fill(BUSINESS.email);
  await page.getByLabel('Phone').fill(BUSINESS.phone);
  await page.getByLabel('I am authorised to sign contracts for this business').check();

  const account = page.getByRole('group', { name: /^Account 1/ });
  await account.getByLabel(/account number/i).fill(BUSINESS.account);
  await account.getByLabel('Street address').fill(BUSINESS.line1);
  await account.getByLabel('City').fill(BUSINESS.city);
  await setField(account.getByLabel('State', { exact: true }), BUSINESS.state);
  await account.getByLabel('ZIP code', { exact: true }).fill(BUSINESS.zip);
  await page.screenshot({ path: `${RESULTS_DIR}/forms.png`, fullPage: true });

  await page.getByRole('button', { name: 'Review and sign' }).click();

  // Either the widget shows the new contract to sign, or the form shows why it was not accepted.
  const contractShown = page.getByRole('button', { name: 'Sign now' }).waitFor().then(() => null);
  const formAlert = page.getByRole('alert').first();
  const rejected = formAlert.waitFor().then(() => formAlert.textContent());
  const problem = await Promise.race([contractShown, rejected]);
  assert.equal(problem, null, `the details form was not accepted: ${problem}`);
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
