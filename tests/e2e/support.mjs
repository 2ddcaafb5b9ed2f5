// Shared steps of the end-to-end tests: launching Chromium, choosing a ComEd offer on a demo
// page, and filling the details form with a made-up Chicago business.
//
// Tests import what they need; each step waits for the widget rather than for fixed times.

import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.SHOPPER_E2E_URL;
export const RESULTS_DIR = 'test-results';

// Timeouts in milliseconds. The first page load compiles the widget's WASM on a 2-core machine
// that may be busy, so waits are long. Every wait ends as soon as its condition holds.
export const STEP_TIMEOUT = 60_000;

// Flags for Debian's Chromium as root on a machine without general network access: no sandbox
// (root), and no background connections to Google services that would only be refused.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

// A made-up business at a real Chicago address in ComEd's area. ComEd account numbers have
// 10 digits.
export const BUSINESS = {
  legalName: 'Lakeshore Print Works LLC',
  businessType: 'llc',
  fein: '36-4123456',
  contactName: 'Dana Whitfield',
  contactTitle: 'Operations manager',
  email: 'dana.whitfield@example.com',
  phone: '(312) 555-0142',
  line1: '233 S Wacker Dr',
  city: 'Chicago',
  state: 'IL',
  zip: '60601',
  account: '0123456789',
};

// Launches headless Chromium, closed when the test ends, and returns it.
export async function launchBrowser(t) {
  assert.ok(BASE_URL, 'SHOPPER_E2E_URL must be the URL of a running proxy, such as http://127.0.0.1:8080');
  await mkdir(RESULTS_DIR, { recursive: true });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  t.after(() => browser.close());
  return browser;
}

// Opens a page in its own browser context, with page errors and console errors reported as test
// diagnostics. With `blockPopups`, `window.open` returns null, as it does when a browser's popup
// blocker stops a window. (Chromium's --block-new-web-contents switch is no stand-in: it returns
// a window object that is never shown.)
export async function newPage(t, browser, { blockPopups = false } = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  if (blockPopups) await context.addInitScript(() => (window.open = () => null));
  const page = await context.newPage();
  page.setDefaultTimeout(STEP_TIMEOUT);
  context.on('page', (opened) => opened.setDefaultTimeout(STEP_TIMEOUT));
  page.on('pageerror', (error) => t.diagnostic(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') t.diagnostic(`console error: ${message.text()}`);
  });
  return page;
}

// Step 1 on the demo page at `path`: ZIP 60601, electricity from ComEd, then the first
// (cheapest) offer.
export async function fillPricing(page, path = '/demo') {
  await page.goto(`${BASE_URL}${path}`);

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
  await offers.first().click();
}

// Step 2: the business, its signer and one ComEd account, then "Review and sign".
// `beforeSubmit`, when given, runs on the filled form, for example to take a screenshot.
export async function fillForms(page, beforeSubmit) {
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
  if (beforeSubmit) await beforeSubmit();

  await page.getByRole('button', { name: 'Review and sign' }).click();
}

// Selects an option in a <select> by label or value, or types into a text input, whichever the
// widget renders.
export async function setField(locator, value) {
  const tag = await locator.evaluate((element) => element.tagName);
  if (tag === 'SELECT') {
    const options = await locator.locator('option').evaluateAll((all) => all.map((option) => [option.value, option.label]));
    const match = options.find(([optionValue, label]) => optionValue === value || label === value);
    await locator.selectOption(match ? match[0] : value);
  } else {
    await locator.fill(value);
  }
}

// Returns true when the step heading named `name` has focus in the widget's shadow root.
export async function headingHasFocus(page, name) {
  return page.getByRole('heading', { name }).evaluate((heading) => heading.getRootNode().activeElement === heading);
}

// Returns a locator for a status timeline row that is marked done.
export function reachedMilestone(page, label) {
  return page.getByRole('listitem').filter({ hasText: label }).and(page.locator('[data-state="done"]'));
}
