// Scenarios 1 to 4 of the end-to-end suite: a signed-in user on the demo app (React StrictMode,
// the local Helpdesky emulator, Debian's Chromium). See docs/e2e.md.
import { describe, expect, it } from 'vitest';
import {
  ALICE_SUBJECTS,
  ALICE_PANEL_TEXTS,
  BOB_SUBJECTS,
  conversationsVisible,
  documentHtml,
  executions,
  go,
  open,
  scriptElements,
  signIn,
  signOut,
  ticketCenter,
  withDemo,
} from './demo.js';

const ctx = withDemo();

/** What is left of Alice's panel in the document, head included (empty: nothing). */
async function leftoversOfAlice({ signedOut = false } = {}) {
  const { page } = ctx.tab;
  const html = await documentHtml(page);
  const left = ALICE_PANEL_TEXTS.filter((text) => html.includes(text));
  if (await page.locator('script[data-email="alice@example.com"]').count()) left.push('a script with her email');
  if (signedOut) {
    if (html.toLowerCase().includes('alice@example.com')) left.push('her email');
    if (await scriptElements(page)) left.push('a script element');
    if (await page.locator('#hdh-ticket-center').count()) left.push('the container');
  }
  return left;
}

/**
 * Nothing of Alice's panel anywhere in the document: no script or container carrying her
 * identity, none of her conversations; with `signedOut`, not even her email. Polled: React
 * runs a transition's effect cleanups just after the new page is on screen.
 */
async function expectNothingOfAlice(options: { signedOut?: boolean } = {}) {
  await expect.poll(() => leftoversOfAlice(options)).toEqual([]);
}

describe('1. a signed-in user opens Support', () => {
  it('sees their own conversations; the vendor script executed once; one script element', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    await conversationsVisible(page, ALICE_SUBJECTS);
    await expect.poll(() => ticketCenter(page).getAttribute('data-state')).toBe('ready');

    expect(await page.getByText('Signed in as alice@example.com').count()).toBe(1);
    expect(await page.getByRole('heading', { name: BOB_SUBJECTS[0] }).count()).toBe(0);
    expect(await executions(page)).toBe(1);
    expect(await scriptElements(page)).toBe(1);
    expect(ctx.demo.emulator!.requests.filter((r) => r.kind === 'verify')).toEqual([
      { kind: 'verify', method: 'POST', status: 200, outcome: 'ok', email: 'alice@example.com' },
    ]);
  });

  it('sees them straight away on a page load of /support (no hover, no preload)', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await open(ctx.demo, page, '/support');
    await conversationsVisible(page, ALICE_SUBJECTS);
    expect(await executions(page)).toBe(1);
    expect(await scriptElements(page)).toBe(1);
  });
});

describe('2. an email stored as "  Alice@Example.COM "', () => {
  it('verifies: the endpoint trims and lowercases it, and sends what it signed', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice, stored untidily');
    await expect
      .poll(() => page.getByRole('region', { name: 'Account' }).textContent())
      .toContain('"  Alice@Example.COM "');
    await go(page, 'Support');
    await conversationsVisible(page, ALICE_SUBJECTS);
    expect(await page.locator('script[src*="ticket-center"]').getAttribute('data-email')).toBe('alice@example.com');
    expect(ctx.demo.emulator!.requests.filter((r) => r.kind === 'verify')).toEqual([
      { kind: 'verify', method: 'POST', status: 200, outcome: 'ok', email: 'alice@example.com' },
    ]);
    expect(await page.getByText('Verification failed').count()).toBe(0);
  });
});

describe('3. navigating away', () => {
  it('leaves no script, no container and no conversation text; twenty round trips later, one script and one execution per visit', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    await conversationsVisible(page, ALICE_SUBJECTS);
    await go(page, 'Home');
    await expectNothingOfAlice();
    await expect.poll(() => scriptElements(page)).toBe(0);
    expect(await page.locator('#hdh-ticket-center').count()).toBe(0);

    for (let visit = 2; visit <= 21; visit++) {
      await go(page, 'Support');
      await conversationsVisible(page, ALICE_SUBJECTS);
      expect(await scriptElements(page)).toBe(1);
      expect(await executions(page)).toBe(visit);
      await go(page, 'Home');
      await expect.poll(() => scriptElements(page)).toBe(0);
    }
    await expectNothingOfAlice();
    expect(await executions(page)).toBe(21);
    // The browser's back button is a navigation too.
    await page.goBack();
    await conversationsVisible(page, ALICE_SUBJECTS);
    expect(await scriptElements(page)).toBe(1);
    expect(await executions(page)).toBe(22);
  });
});

describe('4. signing out, then in as another user', () => {
  it('shows the Contact Form with nothing of the previous user; then only the new user’s conversations', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    await conversationsVisible(page, ALICE_SUBJECTS);

    await signOut(page);
    // The demo's Support page shows signed-out visitors the Contact Form (signedOutFallback).
    await page.getByRole('form', { name: 'Contact us' }).waitFor();
    expect(await ticketCenter(page).getAttribute('data-state')).toBe('error');
    await expectNothingOfAlice({ signedOut: true });

    await signIn(page, 'Bob');
    await conversationsVisible(page, BOB_SUBJECTS);
    await expectNothingOfAlice();
    expect(await page.locator('script[src*="ticket-center"]').getAttribute('data-email')).toBe('bob@example.com');
    expect(await scriptElements(page)).toBe(1);
    expect(await executions(page)).toBe(2);
  });

  it('never shows the previous user’s conversations when the switch happened on another page', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    await conversationsVisible(page, ALICE_SUBJECTS);
    await go(page, 'Home');
    await signOut(page);
    await expectNothingOfAlice({ signedOut: true });
    await signIn(page, 'Bob');
    // Watch the document from now on: any of Alice's subjects appearing, even for a moment,
    // counts. A slow identity endpoint makes a flash of her panel last long enough to see.
    await page.evaluate((subjects) => {
      const seen: string[] = [];
      Object.assign(window, { seenOfAlice: seen });
      new MutationObserver(() => {
        const text = document.body.textContent ?? '';
        for (const subject of subjects) if (text.includes(subject)) seen.push(subject);
      }).observe(document.body, { childList: true, subtree: true, characterData: true });
    }, ALICE_SUBJECTS);
    ctx.demo.setIdentityLatency(400);
    try {
      await go(page, 'Support');
      await conversationsVisible(page, BOB_SUBJECTS);
    } finally {
      ctx.demo.setIdentityLatency(0);
    }
    expect(await page.evaluate(() => (window as unknown as { seenOfAlice: string[] }).seenOfAlice)).toEqual([]);
    // Her identity was not even handed to the vendor script again.
    expect(ctx.demo.emulator!.requests.filter((r) => r.kind === 'verify').map((r) => r.email)).toEqual([
      'alice@example.com',
      'bob@example.com',
    ]);
    await expectNothingOfAlice();
  });
});
