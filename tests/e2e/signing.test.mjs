// End-to-end tests of signing in both modes a partner can choose: a full-page redirect on the
// demo page (`/demo`, key pk_test_demo) and a popup window on the popup demo page
// (`/demo/popup`, key pk_test_demo_popup). In each mode the customer leaves the signing page in
// every way a session can end. They sign until the supplier accepts, decline, cancel, come back
// to a used link, and sign by fax. They also try the sandbox page's other endings (an error, a
// timed-out session, finishing without signing), and sign with a fresh link after each. A
// blocked popup falls back to a redirect.
//
// Needs a running shopper-proxy with the built-in demo partners whose URL is in SHOPPER_E2E_URL;
// `cargo xtask test` starts one. Screenshots go to test-results/signing-*.png.

import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BUSINESS, RESULTS_DIR, fillForms, fillPricing, headingHasFocus, launchBrowser, newPage, reachedMilestone } from './support.mjs';

const TEST_TIMEOUT = 300_000;
const SIGNING_PAGE = /\/signing\/[0-9a-f]+$/;

// The sandbox page's endings without a signature, each with the widget's message and the button
// that leads back to signing.
const UNSIGNED_ENDINGS = [
  { button: 'Fail with an error', message: /^The signing page had a problem/, next: 'Try signing again', name: 'exception' },
  { button: 'Let the session time out', message: /^Your signing session timed out/, next: 'Get a new signing link', name: 'session-timeout' },
  { button: 'Finish without signing', message: /^You viewed the contract without signing/, next: 'Sign now', name: 'viewing-complete' },
];

// Reaches the review of a new contract on the demo page at `path`.
async function reviewContract(t, path, pageOptions) {
  const browser = await launchBrowser(t);
  const page = await newPage(t, browser, pageOptions);
  await fillPricing(page, path);
  await fillForms(page);
  await page.getByRole('button', { name: 'Sign now' }).waitFor();
  return page;
}

// Checks that the review's contract link serves the contract PDF for this business.
async function checkContractLink(page) {
  const link = page.getByRole('link', { name: 'Read the contract (PDF)' });
  const href = await link.getAttribute('href');
  assert.equal(await link.getAttribute('target'), '_blank', 'the contract opens in a new tab');

  const response = await page.request.get(href);
  assert.equal(response.status(), 200, `GET ${href}`);
  assert.equal(response.headers()['content-type'], 'application/pdf');
  const pdf = await response.body();
  assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  assert.ok(pdf.includes('Lakeshore Print Works LLC'), 'the PDF names the business');
}

async function waitForAccepted(page, screenshot) {
  await page.getByText(/^Thanks, your contract is signed/).waitFor();
  await reachedMilestone(page, 'Accepted').waitFor();
  assert.equal(await reachedMilestone(page, 'Signed').count(), 1, 'the Signed milestone is not marked done');
  assert.equal(await reachedMilestone(page, 'Submitted to supplier').count(), 1, 'the Submitted to supplier milestone is not marked done');
  await page.screenshot({ path: `${RESULTS_DIR}/${screenshot}`, fullPage: true });
}

async function waitForDeclined(page, screenshot) {
  await page.getByText(/^You declined to sign/).waitFor();
  await reachedMilestone(page, 'Declined').waitFor();
  await page.getByRole('button', { name: 'Start over' }).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/${screenshot}`, fullPage: true });
}

// Clicks "Sign now" (or another label) in redirect mode and returns the signing URL it led to.
async function signInPage(page, label = 'Sign now') {
  await page.getByRole('button', { name: label }).click();
  await page.waitForURL(SIGNING_PAGE);
  await page.getByRole('button', { name: 'Sign', exact: true }).waitFor();
  return page.url();
}

// Clicks a button that opens the signing window, and returns the window once it shows the
// signing page.
async function openSigningWindow(page, label = 'Sign now') {
  const opened = page.waitForEvent('popup');
  await page.getByRole('button', { name: label }).click();
  const popup = await opened;
  await popup.waitForURL(SIGNING_PAGE);
  await popup.getByRole('button', { name: 'Sign', exact: true }).waitFor();
  return popup;
}

// Presses a button of the sandbox's signing page in the popup, which the return page closes.
// `another way` opens the page's "End the session another way" section first.
async function pressInPopup(popup, action, { anotherWay = false } = {}) {
  const closed = popup.waitForEvent('close');
  if (anotherWay) await popup.getByText('End the session another way').click();
  await popup.getByRole('button', { name: action, exact: true }).click();
  await closed;
}

// Presses a button in the signing page's "End the session another way" section.
async function endAnotherWay(page, action) {
  await page.getByText('End the session another way').click();
  await page.getByRole('button', { name: action, exact: true }).click();
}

async function waitForFaxAccepted(page, screenshot) {
  await page.getByText(/^We are waiting for your faxed signature/).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/${screenshot}-waiting.png`, fullPage: true });
  await reachedMilestone(page, 'Accepted').waitFor();
  assert.equal(await reachedMilestone(page, 'Signed').count(), 1, 'the Signed milestone is not marked done');
  await page.getByText(/^Your faxed signature arrived/).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/${screenshot}-accepted.png`, fullPage: true });
}

test('redirect signing reaches accepted', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo');
  await checkContractLink(page);
  await page.screenshot({ path: `${RESULTS_DIR}/signing-redirect-review.png`, fullPage: true });

  const signingUrl = await signInPage(page);
  await page.getByRole('link', { name: 'Read the contract (PDF)' }).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/signing-redirect-page.png`, fullPage: true });
  await page.getByRole('button', { name: 'Sign', exact: true }).click();

  await page.waitForURL(/\/demo(\?|$)/);
  await waitForAccepted(page, 'signing-redirect-accepted.png');
  assert.ok(!page.url().includes('event='), `the widget removes the return parameters: ${page.url()}`);
  assert.ok(await headingHasFocus(page, 'Sign your contract'), 'focus moves to the step heading, so the outcome is announced');

  // Going back to the used signing link shows the signed contract, with no offer to sign again.
  await page.goto(signingUrl);
  await page.waitForURL(/\/demo(\?|$)/);
  await page.getByText(/^This contract is already signed/).waitFor();
  await reachedMilestone(page, 'Accepted').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Get a new signing link' }).count(), 0);
  await page.screenshot({ path: `${RESULTS_DIR}/signing-redirect-used-link-after-signing.png`, fullPage: true });

  // The expired link's page replaced itself in the history, so Back does not land on it again.
  await page.goBack();
  await page.waitForLoadState();
  assert.doesNotMatch(page.url(), SIGNING_PAGE, 'Back leaves the used signing link behind');
});

test('reload on step 3 keeps the contract', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo');
  const reference = await page.locator('.cs-contract .cs-mono').first().textContent();

  await page.reload();
  await page.getByRole('button', { name: 'Sign now' }).waitFor();
  assert.equal(await page.locator('.cs-contract .cs-mono').first().textContent(), reference, 'the same contract');

  // The chosen offer survives the reload, so the details can still be corrected.
  await page.getByRole('button', { name: 'Change your details' }).click();
  await page.getByRole('heading', { name: 'Tell us about the business' }).waitFor();
  assert.equal(await page.getByLabel('Legal business name').inputValue(), BUSINESS.legalName, 'the form keeps what was typed');
  await page.getByRole('button', { name: 'Review and sign' }).click();
  await page.getByRole('button', { name: 'Sign now' }).waitFor();
  assert.equal(await page.locator('.cs-contract .cs-mono').first().textContent(), reference, 'unchanged details keep the contract');

  await signInPage(page);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.waitForURL(/\/demo(\?|$)/);
  await page.getByText(/^Thanks, your contract is signed/).waitFor();

  // A reload before the platform's webhooks arrive still learns the signature from the stream.
  await page.reload();
  await page.getByText(/^This contract is already signed/).waitFor();
  await reachedMilestone(page, 'Accepted').waitFor();

  await page.reload();
  await page.getByText(/^This contract is already signed/).waitFor();
  await reachedMilestone(page, 'Accepted').waitFor();
  assert.equal(await page.getByRole('button', { name: 'Sign now' }).count(), 0, 'a signed contract offers no signing');
  await page.screenshot({ path: `${RESULTS_DIR}/signing-reload-after-signing.png`, fullPage: true });
});

test('redirect decline shows declined', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo');

  await signInPage(page);
  await page.getByRole('button', { name: 'Decline', exact: true }).click();

  await page.waitForURL(/\/demo(\?|$)/);
  await waitForDeclined(page, 'signing-redirect-declined.png');
});

test('redirect used link gets fresh one', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo');

  const firstUrl = await signInPage(page);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await page.getByText(/^You left the signing page before signing/).waitFor();
  await page.getByRole('button', { name: 'Change your details' }).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/signing-redirect-cancelled.png`, fullPage: true });

  // The link was used by the cancel, so a second visit is turned away and sent back.
  await page.goto(firstUrl);
  await page.getByText('This signing link has expired').waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/signing-redirect-link-expired.png`, fullPage: true });
  await page.waitForURL(/\/demo(\?|$)/);
  await page.getByText(/^The signing link expired before you finished/).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/signing-redirect-ttl-expired.png`, fullPage: true });

  const freshUrl = await signInPage(page, 'Get a new signing link');
  assert.notEqual(freshUrl, firstUrl, 'a fresh signing link is minted');
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.waitForURL(/\/demo(\?|$)/);
  await waitForAccepted(page, 'signing-redirect-fresh-accepted.png');
});

test('popup signing reaches accepted', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo/popup');
  await checkContractLink(page);
  const partnerPage = page.url();

  const popup = await openSigningWindow(page);
  await page.getByText(/^Sign your contract in the window that opened/).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/signing-popup-waiting.png`, fullPage: true });
  await popup.screenshot({ path: `${RESULTS_DIR}/signing-popup-window.png`, fullPage: true });
  await pressInPopup(popup, 'Sign');

  assert.equal(page.url(), partnerPage, 'the partner page stays where it was');
  await waitForAccepted(page, 'signing-popup-accepted.png');
});

test('popup decline shows declined', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo/popup');

  const popup = await openSigningWindow(page);
  await pressInPopup(popup, 'Decline');

  await waitForDeclined(page, 'signing-popup-declined.png');
});

test('popup used link gets fresh one', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo/popup');

  const first = await openSigningWindow(page);
  const firstUrl = first.url();
  await pressInPopup(first, 'Cancel');
  await page.getByText(/^You left the signing page before signing/).waitFor();

  // A second window opens on a new link; there the customer comes back to the used first link.
  const second = await openSigningWindow(page);
  assert.notEqual(second.url(), firstUrl, 'each click mints a new signing link');
  const closed = second.waitForEvent('close');
  await second.goto(firstUrl);
  await closed;
  await page.getByText(/^The signing link expired before you finished/).waitFor();
  await page.screenshot({ path: `${RESULTS_DIR}/signing-popup-ttl-expired.png`, fullPage: true });

  const fresh = await openSigningWindow(page, 'Get a new signing link');
  assert.notEqual(fresh.url(), firstUrl);
  await pressInPopup(fresh, 'Sign');
  await waitForAccepted(page, 'signing-popup-fresh-accepted.png');
});

test('redirect unsigned endings lead back to signing', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo');

  let label = 'Sign now';
  for (const ending of UNSIGNED_ENDINGS) {
    await signInPage(page, label);
    await endAnotherWay(page, ending.button);
    await page.waitForURL(/\/demo(\?|$)/);
    await page.getByText(ending.message).waitFor();
    await page.screenshot({ path: `${RESULTS_DIR}/signing-redirect-${ending.name}.png`, fullPage: true });
    label = ending.next;
  }

  await signInPage(page, label);
  await page.getByRole('button', { name: 'Sign', exact: true }).click();
  await page.waitForURL(/\/demo(\?|$)/);
  await waitForAccepted(page, 'signing-redirect-after-endings-accepted.png');
});

test('redirect fax signature is followed to accepted', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo');

  await signInPage(page);
  await endAnotherWay(page, 'Sign by fax instead');
  await page.waitForURL(/\/demo(\?|$)/);

  await waitForFaxAccepted(page, 'signing-redirect-fax');
});

test('popup unsigned endings lead back to signing', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo/popup');

  let label = 'Sign now';
  for (const ending of UNSIGNED_ENDINGS) {
    const popup = await openSigningWindow(page, label);
    await pressInPopup(popup, ending.button, { anotherWay: true });
    await page.getByText(ending.message).waitFor();
    assert.ok(await headingHasFocus(page, 'Sign your contract'), `focus moves to the step heading after ${ending.name}`);
    await page.screenshot({ path: `${RESULTS_DIR}/signing-popup-${ending.name}.png`, fullPage: true });
    label = ending.next;
  }

  const popup = await openSigningWindow(page, label);
  await pressInPopup(popup, 'Sign');
  await waitForAccepted(page, 'signing-popup-after-endings-accepted.png');
});

test('popup fax signature is followed to accepted', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo/popup');

  const popup = await openSigningWindow(page);
  await pressInPopup(popup, 'Sign by fax instead', { anotherWay: true });

  await waitForFaxAccepted(page, 'signing-popup-fax');
});

test('blocked popup falls back to redirect', { timeout: TEST_TIMEOUT }, async (t) => {
  const page = await reviewContract(t, '/demo/popup', { blockPopups: true });
  let popups = 0;
  page.on('popup', () => (popups += 1));

  await signInPage(page);
  assert.equal(popups, 0, 'no window opened');
  await page.screenshot({ path: `${RESULTS_DIR}/signing-blocked-popup-page.png`, fullPage: true });
  await page.getByRole('button', { name: 'Sign', exact: true }).click();

  await page.waitForURL(/\/demo\/popup(\?|$)/);
  await waitForAccepted(page, 'signing-blocked-popup-accepted.png');
  assert.ok(!page.url().includes('event='), `the widget removes the return parameters: ${page.url()}`);
});
