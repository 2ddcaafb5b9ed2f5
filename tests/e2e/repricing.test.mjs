// End-to-end tests of a price that expires before the customer signs. When it expires while
// the customer fills in the details form, the proxy finds it when it creates the contract. When
// it expires after the contract is created, the proxy finds it when the customer clicks "Sign
// now", in either signing mode. Each time the widget shows today's price, and the customer
// accepts it before signing.
//
// Sandbox prices are good until 6 PM Central, so the tests make a price expire the way the
// clock would: they set the quote's expiry in the proxy's SQLite database, named by
// SHOPPER_E2E_DATABASE, with the `sqlite3` command. `cargo xtask test` sets it and
// SHOPPER_E2E_URL. Screenshots go to test-results/repricing-*.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { RESULTS_DIR, fillForms, fillPricing, headingHasFocus, launchBrowser, newPage, reachedMilestone } from './support.mjs';

const SIGNING_PAGE = /\/signing\/[0-9a-f]+$/;

const DATABASE = process.env.SHOPPER_E2E_DATABASE;
const TEST_TIMEOUT = 300_000;

// Marks the quotes that `where` selects as expired in the proxy's database, and checks that
// it selected exactly one.
function expireQuotes(where, id) {
  assert.match(id, /^[A-Za-z0-9_-]+$/, 'ids are plain tokens');
  const sql = `UPDATE quotes SET expires_at = '2020-01-01T00:00:00Z' WHERE ${where.replace('?', `'${id}'`)}; SELECT changes();`;
  const changed = execFileSync('sqlite3', ['-cmd', '.timeout 5000', DATABASE, sql], { encoding: 'utf8' });
  assert.equal(changed.trim(), '1', `one quote matches ${where} for ${id} in ${DATABASE}`);
}

const expireQuote = (quoteId) => expireQuotes('id = ?', quoteId);
const expireContractPrice = (contractId) => expireQuotes('id = (SELECT quote_id FROM contracts WHERE id = ?)', contractId);

// Returns the widget's contract reference, such as ct_0123….
async function contractReference(page) {
  const text = await page.locator('.cs-contract .cs-mono').first().textContent();
  assert.match(text, /^ct_[0-9a-f]+$/);
  return text;
}

test('price that expired before the contract is re-priced', { timeout: TEST_TIMEOUT }, async (t) => {
  assert.ok(DATABASE, 'SHOPPER_E2E_DATABASE must name the running proxy\'s shopper.db');
  const browser = await launchBrowser(t);
  const page = await newPage(t, browser);
  await fillPricing(page, '/demo');

  const chosenRate = (await page.locator('.cs-summary').textContent()).match(/\$\d+\.\d{5}/)[0];

  // The first contract request finds its price expired, and the second one carries today's quote.
  const quoteIds = [];
  await page.route('**/v1/contracts', async (route) => {
    const request = route.request();
    if (request.method() === 'POST') {
      const { quote_id: quoteId } = request.postDataJSON();
      if (quoteIds.length === 0) expireQuote(quoteId);
      quoteIds.push(quoteId);
    }
    await route.continue();
  });
  await fillForms(page);

  const notice = page.getByRole('alert').filter({ hasText: /^The price you chose has expired/ });
  await notice.waitFor();
  assert.match(await notice.textContent(), new RegExp(chosenRate.replace(/[$.]/g, '\\$&')), 'the notice names the rate');
  await page.screenshot({ path: `${RESULTS_DIR}/repricing-expired.png`, fullPage: true });
  assert.equal(quoteIds.length, 1, 'no contract is created before the customer accepts the new price');

  await notice.getByRole('button', { name: /^Continue at (the new|this) price$/ }).click();
  await page.getByRole('button', { name: 'Sign now' }).waitFor();
  assert.equal(quoteIds.length, 2);
  assert.notEqual(quoteIds[1], quoteIds[0], 'the contract uses the new quote');
  await page.screenshot({ path: `${RESULTS_DIR}/repricing-review.png`, fullPage: true });

  await page.getByRole('button', { name: 'Sign now' }).click();
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.waitForURL(/\/demo(\?|$)/);
  await page.getByText(/^Thanks, your contract is signed/).waitFor();
  await reachedMilestone(page, 'Accepted').waitFor();
});

for (const mode of ['redirect', 'popup']) {
  test(`${mode} price that expired before signing is re-priced`, { timeout: TEST_TIMEOUT }, async (t) => {
    assert.ok(DATABASE, 'SHOPPER_E2E_DATABASE must name the running proxy\'s shopper.db');
    const browser = await launchBrowser(t);
    const page = await newPage(t, browser);
    await fillPricing(page, mode === 'popup' ? '/demo/popup' : '/demo');
    await fillForms(page);
    await page.getByRole('button', { name: 'Sign now' }).waitFor();
    const contractId = await contractReference(page);
    const contractRate = (await page.locator('.cs-contract').textContent()).match(/\$\d+\.\d{5} \/ kWh/)[0];
    expireContractPrice(contractId);

    await page.getByRole('button', { name: 'Sign now' }).click();
    // Within a day the platform's price is unchanged, so the notice names the contract's rate as
    // still offered. Across 6 PM Central it names the expired rate and then today's.
    const rate = contractRate.replace(/[$.]/g, '\\$&');
    const namesExpiredRate = new RegExp(`^The price of your contract(, ${rate}, expired| expired before you signed it\\. .+ still offers ${rate} today)`);
    const notice = page.getByRole('alert').filter({ hasText: /^The price of your contract/ });
    await notice.waitFor();
    const words = await notice.textContent();
    assert.match(words, namesExpiredRate, 'the notice names the contract\'s rate as soon as it appears');
    const accept = words.includes('still offers') ? 'Continue at this price' : 'Continue at the new price';
    await notice.getByRole('button', { name: accept }).waitFor();
    assert.ok(await headingHasFocus(page, 'Sign your contract'), 'focus leaves the removed Sign now button for the heading');
    await page.screenshot({ path: `${RESULTS_DIR}/repricing-${mode}-before-signing.png`, fullPage: true });
    assert.equal(page.context().pages().length, 1, 'no signing window stays open');

    await notice.getByRole('button', { name: /^Continue at (the new|this) price$/ }).click();
    await page.getByRole('button', { name: 'Sign now' }).waitFor();
    assert.equal(await contractReference(page), contractId, 'the contract keeps its reference');

    if (mode === 'popup') {
      const opened = page.waitForEvent('popup');
      await page.getByRole('button', { name: 'Sign now' }).click();
      const popup = await opened;
      await popup.waitForURL(SIGNING_PAGE);
      const closed = popup.waitForEvent('close');
      await popup.getByRole('button', { name: 'Sign', exact: true }).click();
      await closed;
    } else {
      await page.getByRole('button', { name: 'Sign now' }).click();
      await page.waitForURL(SIGNING_PAGE);
      await page.getByRole('button', { name: 'Sign', exact: true }).click();
      await page.waitForURL(/\/demo(\?|$)/);
    }
    await page.getByText(/^Thanks, your contract is signed/).waitFor();
    await reachedMilestone(page, 'Accepted').waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/repricing-${mode}-accepted.png`, fullPage: true });
  });
}
