// End-to-end tests of the details step on the demo partner's page: a contract with two ComEd
// accounts through to signing, and a reload in the middle of the form that keeps everything
// typed.
//
// Needs a running shopper-proxy whose URL is in SHOPPER_E2E_URL; `cargo xtask test` starts one
// and runs `node --test tests/e2e/`. Screenshots go to test-results/.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE_URL, RESULTS_DIR, launchBrowser, newPage } from './support.mjs';

const TEST_TIMEOUT = 240_000;

// A made-up business with two ComEd accounts in Chicago. ComEd account numbers have 10 digits.
const BUSINESS = {
  legalName: 'Lakeshore Print Works LLC',
  dba: 'Lakeshore Print',
  businessType: 'Corporation',
  fein: '36-4123456',
  contactName: 'Dana Whitfield',
  contactTitle: 'Operations manager',
  email: 'dana.whitfield@example.com',
  phone: '(312) 555-0142',
};
const ACCOUNTS = [
  { number: '0123456789', line1: '233 S Wacker Dr', city: 'Chicago', state: 'IL', zip: '60601' },
  { number: '9876543210', line1: '1 N State St', city: 'Chicago', state: 'IL', zip: '60602' },
];

async function openPage(t) {
  const browser = await launchBrowser(t);
  return newPage(t, browser);
}

// Step 1: prices for ZIP 60601 (ComEd electricity), then the first offer.
async function choosePrice(page) {
  await page.goto(`${BASE_URL}/demo`);
  const zip = page.getByLabel('Service ZIP code');
  await zip.fill('60601');
  await zip.blur();
  await page.getByLabel('Electricity', { exact: true }).check();
  await page.getByText(/Served by .*ComEd/).waitFor();
  await page.getByLabel('Annual usage (kWh)').fill('120000');
  await page.getByRole('button', { name: 'See prices' }).click();
  const offers = page.getByRole('button', { name: /^Choose .+\/ kWh/ });
  await offers.first().click();
  await page.getByRole('group', { name: 'Account 1: ComEd' }).getByLabel('Account number').waitFor();
}

async function fillBusiness(page) {
  await page.getByLabel('Legal business name').fill(BUSINESS.legalName);
  await page.getByLabel('Doing business as (optional)').fill(BUSINESS.dba);
  await page.getByLabel('Business type').selectOption({ label: BUSINESS.businessType });
  await page.getByLabel('Federal tax ID (FEIN)').fill(BUSINESS.fein);
  await page.getByLabel('Contact name').fill(BUSINESS.contactName);
  await page.getByLabel('Job title').fill(BUSINESS.contactTitle);
  await page.getByLabel('Email').fill(BUSINESS.email);
  await page.getByLabel('Phone').fill(BUSINESS.phone);
  await page.getByLabel('I am authorised to sign contracts for this business').check();
}

function account(page, index) {
  return page.getByRole('group', { name: `Account ${index + 1}: ComEd` });
}

async function fillAccount(page, index) {
  const group = account(page, index);
  const values = ACCOUNTS[index];
  await group.getByLabel('Account number').fill(values.number);
  await group.getByLabel('Street address').fill(values.line1);
  await group.getByLabel('City').fill(values.city);
  await group.getByLabel('State', { exact: true }).fill(values.state);
  await group.getByLabel('ZIP code', { exact: true }).fill(values.zip);
}

// Waits for the created contract's "Sign now", or fails with the alert the form shows instead.
async function contractCreated(page) {
  const created = page.getByRole('button', { name: 'Sign now' }).waitFor().then(() => null);
  const alert = page.getByRole('alert').first();
  const rejected = alert.waitFor().then(() => alert.textContent());
  const problem = await Promise.race([created, rejected]);
  if (problem !== null) await page.screenshot({ path: `${RESULTS_DIR}/forms-failure.png`, fullPage: true });
  assert.equal(problem, null, `the details form was not accepted: ${problem}`);
}

test('contract with two ComEd accounts reaches signing', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await openPage(t);
  await choosePrice(page);
  await fillBusiness(page);
  await fillAccount(page, 0);
  await page.getByRole('button', { name: 'Add another account' }).click();
  await fillAccount(page, 1);
  await page.screenshot({ path: `${RESULTS_DIR}/forms-two-accounts.png`, fullPage: true });

  await page.getByRole('button', { name: 'Review and sign' }).click();
  await contractCreated(page);
  await page.getByRole('button', { name: 'Sign now' }).click();
  await page.waitForURL(/\/signing\//);
  const sign = page.getByRole('button', { name: 'Sign', exact: true });
  await sign.waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/forms-two-accounts-signing.png`, fullPage: true });
  await sign.click();

  await page.waitForURL(/\/demo/);
  await page.getByText(/^Thanks, your contract is signed/).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/forms-two-accounts-signed.png`, fullPage: true });
});

test('reload mid-form keeps everything typed', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await openPage(t);
  await choosePrice(page);
  await fillBusiness(page);
  await page.getByLabel('The business is exempt from sales tax on energy').check();
  await fillAccount(page, 0);
  await page.getByRole('button', { name: 'Add another account' }).click();
  await account(page, 1).getByLabel('Account number').fill(ACCOUNTS[1].number);
  await page.getByLabel('Same as the service address of account 1').uncheck();
  const billing = page.getByRole('group', { name: 'Billing address' });
  await billing.getByLabel('Street address').fill('PO Box 4410');

  await page.reload();

  await account(page, 1).getByLabel('Account number').waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/forms-after-reload.png`, fullPage: true });
  assert.equal(await page.getByLabel('Legal business name').inputValue(), BUSINESS.legalName);
  assert.equal(await page.getByLabel('Doing business as (optional)').inputValue(), BUSINESS.dba);
  assert.equal(await page.getByLabel('Business type').inputValue(), 'corporation');
  assert.equal(await page.getByLabel('Federal tax ID (FEIN)').inputValue(), BUSINESS.fein);
  assert.equal(await page.getByLabel('Job title').inputValue(), BUSINESS.contactTitle);
  assert.equal(await page.getByLabel('Phone').inputValue(), BUSINESS.phone);
  assert.ok(await page.getByLabel('The business is exempt from sales tax on energy').isChecked());
  assert.ok(await page.getByLabel('I am authorised to sign contracts for this business').isChecked());
  assert.equal(await account(page, 0).getByLabel('Account number').inputValue(), ACCOUNTS[0].number);
  assert.equal(await account(page, 0).getByLabel('ZIP code', { exact: true }).inputValue(), ACCOUNTS[0].zip);
  assert.equal(await account(page, 1).getByLabel('Account number').inputValue(), ACCOUNTS[1].number);
  assert.equal(await page.getByLabel('Same as the service address of account 1').isChecked(), false);
  assert.equal(await billing.getByLabel('Street address').inputValue(), 'PO Box 4410');

  // Nothing personal is kept in localStorage.
  const local = await page.evaluate(() => JSON.stringify(window.localStorage));
  assert.ok(!local.includes(BUSINESS.legalName), `localStorage holds the business name: ${local}`);
});
