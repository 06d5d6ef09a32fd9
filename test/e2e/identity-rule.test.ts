// "Never another user's tickets", in Chromium, on an app that never resets the identity query:
// the session cookie changes behind the app's back (another tab, an expiry, a server-side
// switch), and the Ticket Center alone must show only the right user. See docs/e2e.md.
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import {
  ALICE_PANEL_TEXTS,
  BOB_SUBJECTS,
  conversationsVisible,
  go,
  open,
  signIn,
  ticketCenter,
  withDemo,
} from './demo.js';

const ctx = withDemo();

/** Changes the session cookie without the app knowing: it resets nothing. */
async function setSessionBehindTheAppsBack(page: Page, user: 'bob' | null) {
  await page.evaluate(async (id) => {
    const response = await fetch('/session', {
      method: id ? 'POST' : 'DELETE',
      headers: id ? { 'content-type': 'application/json' } : {},
      body: id ? JSON.stringify({ user: id }) : null,
    });
    if (!response.ok) throw new Error(`/session answered ${response.status}`);
  }, user);
}

/**
 * From now on, records every node or attribute added to the document that carries something of
 * Alice's: her email, a subject or a message of her conversations.
 */
async function watchForAlice(page: Page) {
  await page.evaluate(
    (texts) => {
      const seen: string[] = [];
      const mentions = (value: string | null | undefined) => !!value && texts.some((text) => value.includes(text));
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          if (record.type === 'attributes') {
            const value = (record.target as Element).getAttribute(record.attributeName!);
            if (mentions(value)) seen.push(`${record.attributeName}="${value}"`);
          } else if (record.type === 'characterData') {
            if (mentions(record.target.textContent)) seen.push(record.target.textContent!);
          }
          for (const node of record.addedNodes) {
            const markup = node instanceof Element ? node.outerHTML : node.textContent;
            if (mentions(markup)) seen.push(markup!.slice(0, 200));
          }
        }
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
      (window as unknown as { __aliceSeen: () => string[] }).__aliceSeen = () => {
        observer.takeRecords();
        return seen;
      };
    },
    ['alice@example.com', ...ALICE_PANEL_TEXTS],
  );
}
const aliceSeen = (page: Page) =>
  page.evaluate(() => (window as unknown as { __aliceSeen: () => string[] }).__aliceSeen());

async function aliceOnSupport(page: Page) {
  await open(ctx.demo, page);
  await signIn(page, 'Alice');
  await go(page, 'Support');
  await page.getByText('Signed in as alice@example.com').waitFor();
}

describe('the user changes while Support is closed, and the app resets nothing', () => {
  it.each([
    ['1 s', 'the Support link (hover preloads)', 1_000],
    ['1 s', 'the back and forward buttons (no preload)', 1_000],
    ['10 s', 'the back and forward buttons (no preload)', 10_000],
  ])('after %s, coming back through %s shows only Bob', { timeout: 40_000 }, async (_, how, wait) => {
    const { page } = ctx.tab;
    await aliceOnSupport(page);
    if (how.startsWith('the Support link')) await go(page, 'Home');
    else await page.goBack();
    await page.getByRole('heading', { level: 1, name: 'Home' }).waitFor();

    await setSessionBehindTheAppsBack(page, 'bob');
    await page.waitForTimeout(wait);
    await watchForAlice(page);
    if (how.startsWith('the Support link')) await go(page, 'Support');
    else await page.goForward();

    await conversationsVisible(page, BOB_SUBJECTS);
    await expect.poll(() => ticketCenter(page).getAttribute('data-state')).toBe('ready');
    expect(await aliceSeen(page)).toEqual([]);
    expect(await page.getByText('Signed in as bob@example.com').count()).toBe(1);
  });
});

describe('a sign-out in a second page of the same browser while the first shows the panel', () => {
  it('tears the panel down and shows the signed-out state when the first page is looked at again', async () => {
    const { page, context } = ctx.tab;
    await aliceOnSupport(page);

    const second = await context.newPage();
    await open(ctx.demo, second);
    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByText('Sign in as:').waitFor();
    await second.close();

    await watchForAlice(page);
    // Back to the first page: headless Chromium keeps every page "visible", so the return is
    // the window's focus event (a tab switch fires visibilitychange; both revalidate).
    await page.bringToFront();
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));

    await expect.poll(() => ticketCenter(page).getAttribute('data-state')).toBe('error');
    // The demo's signed-out Support page: the Contact Form (signedOutFallback).
    await page.getByRole('form', { name: 'Contact us' }).waitFor();
    expect(await aliceSeen(page)).toEqual([]);
    const html = await page.evaluate(() => document.documentElement.outerHTML);
    expect(ALICE_PANEL_TEXTS.filter((text) => html.includes(text))).toEqual([]);
    expect(await page.locator('script[src*="ticket-center"], #hdh-ticket-center').count()).toBe(0);
  });
});
