// The Contact Form and the Widget in the demo, in Chromium: the Support page for every visitor,
// a submission reaching the emulator, the failure states, and the Widget's whole life.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import {
  ALICE_PANEL_TEXTS,
  ALICE_SUBJECTS,
  conversationsVisible,
  documentHtml,
  go,
  open,
  signIn,
  signOut,
  withDemo,
} from './demo.js';

const ctx = withDemo({ readyTimeoutMs: 1_500 });

type Counters = { executions?: number; contactFormExecutions?: number; widgetExecutions?: number };
const counters = (page: Page) =>
  page.evaluate(() => ({ ...(window as unknown as { __helpdeskyEmulator?: Counters }).__helpdeskyEmulator }));
const count = (page: Page, selector: string) => page.locator(selector).count();
const contactForm = (page: Page) => page.getByRole('form', { name: 'Contact us' });
const launcher = (page: Page) => page.getByRole('button', { name: 'Help', exact: true });

describe('the Support page for every visitor', () => {
  it('shows a signed-out visitor the Contact Form, once, and a message sent reaches the helpdesk', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page, '/support');
    await contactForm(page).waitFor();
    expect(await count(page, 'script[src*="contact-form"]')).toBe(1);
    expect(await count(page, 'script[src*="ticket-center"]')).toBe(0);
    expect((await counters(page)).contactFormExecutions).toBe(1);

    await page.getByLabel('Your email').fill('visitor@example.com');
    await page.getByLabel('Message').fill('Can I change my plan?');
    await page.getByRole('button', { name: 'Send' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Thanks/ })
      .waitFor();
    expect(ctx.demo.emulator!.messages).toEqual([
      expect.objectContaining({ email: 'visitor@example.com', message: 'Can I change my plan?' }),
    ]);
    // Only the browser's own network line for the endpoint's 401, which no script can silence.
    expect(ctx.tab.console.filter((line) => !/status of 401/.test(line))).toEqual([]);
  });

  it('switches to the Ticket Center on sign-in and back on sign-out, with nothing of the other left', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page, '/support');
    await contactForm(page).waitFor();

    await signIn(page, 'Alice');
    await conversationsVisible(page, ALICE_SUBJECTS);
    await expect.poll(() => count(page, '#hdh-contact-form, script[src*="contact-form"]')).toBe(0);

    await signOut(page);
    await contactForm(page).waitFor();
    await expect.poll(() => count(page, '#hdh-ticket-center, script[src*="ticket-center"]')).toBe(0);
    const html = await documentHtml(page);
    expect(ALICE_PANEL_TEXTS.filter((text) => html.includes(text))).toEqual([]);
  });

  it('shows the script-load error when contact-form.js answers 404, and "Try again" brings the form once it is back', async () => {
    const { page } = ctx.tab;
    ctx.demo.emulator!.setOptions({ failScript: true });
    await open(ctx.demo, page, '/support');
    await page.getByRole('alert').filter({ hasText: 'Support could not load' }).waitFor();
    ctx.demo.emulator!.setOptions({ failScript: false });
    await page.getByRole('button', { name: 'Try again' }).click();
    await contactForm(page).waitFor();
  });

  it('shows the timeout error when contact-form.js renders nothing', async () => {
    const { page } = ctx.tab;
    ctx.demo.emulator!.setOptions({ renderNothing: true });
    await open(ctx.demo, page, '/support');
    await page.getByRole('alert').filter({ hasText: 'Support did not respond in time.' }).waitFor();
    expect((await counters(page)).contactFormExecutions).toBe(1);
  });
});

describe('the Widget', () => {
  it('is on every page from one script that route changes never reload; unmounted, it leaves nothing', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await launcher(page).waitFor();
    await launcher(page).click();
    await page.getByRole('dialog', { name: 'Help center' }).waitFor();

    await go(page, 'Support');
    await go(page, 'Home');
    await go(page, 'Support');
    expect(await launcher(page).count()).toBe(1);
    expect(await count(page, 'script[src*="widget.js"]')).toBe(1);
    expect((await counters(page)).widgetExecutions).toBe(1);

    await page.getByLabel('Show the help Widget').uncheck();
    await expect.poll(() => count(page, '[data-helpdesky-emulator-widget], script[src*="widget.js"]')).toBe(0);
    expect(await launcher(page).count()).toBe(0);
  });
});

describe("the demo's navigation", () => {
  it('updates the title and moves focus to the new heading on a page change', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    expect(await page.title()).toBe('Home · Acme app');
    await go(page, 'Support');
    expect(await page.title()).toBe('Support · Acme app');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Support');
  });
});

describe("the demo's failure switch", () => {
  it('shows each failure state from the page itself, and recovers with None', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    await conversationsVisible(page, ALICE_SUBJECTS);
    const failure = page.getByLabel('Simulate a failure');
    try {
      await failure.selectOption('blocked-script');
      await page.getByRole('alert').filter({ hasText: 'Support could not load' }).waitFor();
      await failure.selectOption('server-error');
      await page
        .getByRole('alert')
        .filter({ hasText: 'Support is unavailable right now.' })
        .waitFor({ timeout: 10_000 });
      await failure.selectOption('renders-nothing');
      await page.getByRole('alert').filter({ hasText: 'Support did not respond in time.' }).waitFor();
      await failure.selectOption('none');
      await conversationsVisible(page, ALICE_SUBJECTS);
    } finally {
      await fetch(`${ctx.demo.url}/demo/failure`, { method: 'POST', body: JSON.stringify({ failure: 'none' }) });
    }
  });
});
