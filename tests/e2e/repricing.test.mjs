// End-to-end test of a price that expires while the customer fills in the details form: the
// proxy checks the price again before it creates the contract. The widget shows today's price,
// and the customer accepts it before going on to signing.
//
// Sandbox prices are good until 6 PM Central, so the test makes the chosen price expire the
// way the clock would: it sets the quote's expiry in the proxy's SQLite database, named by
// SHOPPER_E2E_DATABASE, with the `sqlite3` command. `cargo xtask test` sets it and
// SHOPPER_E2E_URL. Screenshots go to test-results/repricing-*.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

import { RESULTS_DIR, fillForms, fillPricing, launchBrowser, newPage, reachedMilestone } from './support.mjs';

const DATABASE = process.env.SHOPPER_E2E_DATABASE;
const TEST_TIMEOUT = 300_000;

// Marks one quote as expired in the proxy's database.
function expireQuote(quoteId) {
  assert.match(quoteId, /^[A-Za-z0-9_-]+$/, 'a quote id is a plain token');
  const changed = execFileSync(
    'sqlite3',
    ['-cmd', '.timeout 5000', DATABASE, `UPDATE quotes SET expires_at = '2020-01-01T00:00:00Z' WHERE id = '${quoteId}'; SELECT changes();`],
    { encoding: 'utf8' },
  );
  assert.equal(changed.trim(), '1', `quote ${quoteId} is in ${DATABASE}`);
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

  await notice.getByRole('button', { name: 'Continue at the new price' }).click();
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
