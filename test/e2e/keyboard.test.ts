// Keyboard only, on the demo app in Debian's Chromium: real key presses (Playwright's keyboard,
// trusted events), no mouse and no element.click(). Sign in, open Support, meet a blocked
// script, and bring the panel back with "Try again", following where focus goes at each step.
import type { Page } from 'playwright';
import { describe, expect, it } from 'vitest';
import { ALICE_SUBJECTS, conversationsVisible, open, ticketCenter, withDemo } from './demo.js';

/** What has focus: its tag, its text or label, and whether it is the component's root. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    return {
      tag: element?.tagName.toLowerCase() ?? 'none',
      name: (element?.getAttribute('aria-label') ?? element?.textContent ?? '').trim(),
      isRoot: !!element?.matches('main [data-state]'),
    };
  });

/** Presses Tab until the element named `name` has focus, as a keyboard user would; fails after 30 presses. */
async function tabTo(page: Page, name: string) {
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).name === name) return;
  }
  throw new Error(
    `"${name}" was not reached with Tab in 30 presses; focus is on ${JSON.stringify(await focused(page))}`,
  );
}

describe('keyboard only', () => {
  const ctx = withDemo();

  it('signs in, opens Support, and brings a blocked panel back with "Try again": focus stays in the component', async () => {
    const { page } = ctx.tab;
    ctx.demo.emulator!.setOptions({ failScript: true });
    await open(ctx.demo, page);

    await tabTo(page, 'Alice');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Sign out' }).waitFor();

    await tabTo(page, 'Support');
    await page.keyboard.press('Enter');
    // A page change moves focus to the new page's heading.
    await expect.poll(() => focused(page)).toMatchObject({ tag: 'h1', name: 'Support' });

    await ticketCenter(page).getByRole('alert').waitFor();
    await tabTo(page, 'Try again');
    // The stylesheet's focus ring shows for keyboard focus (:focus-visible).
    const ring = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(ring).toBe('solid');

    ctx.demo.emulator!.setOptions({ failScript: false });
    await page.keyboard.press('Enter');
    // The button is gone: focus is on the component's root, which holds the next state, not on <body>.
    await expect.poll(async () => (await focused(page)).isRoot).toBe(true);
    await conversationsVisible(page, ALICE_SUBJECTS);
    await expect.poll(() => ticketCenter(page).getAttribute('data-state')).toBe('ready');
    expect((await focused(page)).isRoot).toBe(true);
    // And the next Tab moves on from there, into or past the panel, never back to the top.
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => {
      const root = document.querySelector('main [data-state]')!;
      const active = document.activeElement!;
      return {
        body: active === document.body,
        after: !!(root.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) || root.contains(active),
      };
    });
    expect(next).toEqual({ body: false, after: true });
  });
});
