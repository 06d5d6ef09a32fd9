// Scenarios 5 to 7 of the end-to-end suite: what the user sees when the endpoint, the script or
// the embed fails, on the demo app (React StrictMode, the emulator, Debian's Chromium).
import { describe, expect, it } from 'vitest';
import {
  ALICE_SUBJECTS,
  conversationsVisible,
  executions,
  go,
  open,
  scriptElements,
  signIn,
  ticketCenter,
  withDemo,
} from './demo.js';

/** The component's error state: its alert, and the code onError received (the demo prints it). */
async function errorShown(page: import('playwright').Page) {
  await expect.poll(() => ticketCenter(page).getAttribute('data-state')).toBe('error');
  await ticketCenter(page).getByRole('alert').waitFor();
  const details = page.getByRole('complementary', { name: 'Developer details' });
  return { code: await details.locator('code').textContent(), text: await details.textContent() };
}

describe('5. the endpoint answers HTML (a route mounted nowhere)', () => {
  // The app calls /api/helpdesk-identity, which the server never mounted: the single-page
  // fallback answers with the app's own index.html, as most hosts do.
  const ctx = withDemo({ endpoint: '/api/helpdesk-identity' });

  it('shows the error state; no vendor script element is inserted and the script never executes', async () => {
    const { page } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    const answer = page.waitForResponse((response) => response.url().endsWith('/api/helpdesk-identity'));
    await go(page, 'Support');
    expect((await answer).headers()['content-type']).toContain('text/html');

    const { code, text } = await errorShown(page);
    expect(code).toBe('invalid-response');
    expect(text).toContain('answered an HTML page');
    expect(await ticketCenter(page).getByRole('button', { name: 'Try again' }).count()).toBe(1);
    expect(await scriptElements(page)).toBe(0);
    expect(await page.locator('#hdh-ticket-center').count()).toBe(0);
    // A preload hint may have fetched the script; it never executed, and nothing was verified.
    expect(await executions(page)).toBeUndefined();
    expect(ctx.demo.emulator!.requests.filter((r) => r.kind === 'verify')).toEqual([]);
    // "Try again" asks the endpoint again and lands in the same state, still without a script.
    // (Wait for that second answer: until then the first error is still on screen.)
    const again = page.waitForResponse((response) => response.url().endsWith('/api/helpdesk-identity'));
    await ticketCenter(page).getByRole('button', { name: 'Try again' }).click();
    await again;
    await errorShown(page);
    expect(await scriptElements(page)).toBe(0);
    expect(await executions(page)).toBeUndefined();
  });
});

describe('the script and the embed', () => {
  const ctx = withDemo({ readyTimeoutMs: 1_500 });

  it('6. a blocked script (404) shows the script-load error; once unblocked, "Try again" brings the panel', async () => {
    const { page } = ctx.tab;
    ctx.demo.emulator!.setOptions({ failScript: true });
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    const { code } = await errorShown(page);
    expect(code).toBe('script-load');
    expect(await executions(page)).toBeUndefined();
    expect(ctx.demo.emulator!.requests.some((r) => r.kind === 'script' && r.status === 404)).toBe(true);

    ctx.demo.emulator!.setOptions({ failScript: false });
    await ticketCenter(page).getByRole('button', { name: 'Try again' }).click();
    await conversationsVisible(page, ALICE_SUBJECTS);
    await expect.poll(() => ticketCenter(page).getAttribute('data-state')).toBe('ready');
    expect(await page.getByRole('complementary', { name: 'Developer details' }).count()).toBe(0);
    expect(await scriptElements(page)).toBe(1);
    expect(await executions(page)).toBe(1);
  });

  it('7. an embed that renders nothing shows the timeout error after readyTimeoutMs', async () => {
    const { page } = ctx.tab;
    ctx.demo.emulator!.setOptions({ renderNothing: true });
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    await expect.poll(() => executions(page)).toBe(1);
    const executedAt = Date.now();
    expect(await ticketCenter(page).getAttribute('data-state')).toBe('embedding');
    expect(await ticketCenter(page).getByRole('status').count()).toBe(1);

    const { code, text } = await errorShown(page);
    const waited = Date.now() - executedAt;
    expect(code).toBe('timeout');
    expect(text).toContain('loaded, but nothing rendered within 1500 ms');
    expect(waited).toBeGreaterThan(1_000);
    expect(waited).toBeLessThan(6_000); // well short of the 15 s default
    expect(await executions(page)).toBe(1);
  });
});
