// Scenario 8 of the end-to-end suite: a page with a strict Content-Security-Policy
// (`script-src 'nonce-…'`, nothing else allowed) and the component's `nonce` prop.
import { describe, expect, it } from 'vitest';
import {
  ALICE_SUBJECTS,
  conversationsVisible,
  executions,
  go,
  open,
  scriptElements,
  signIn,
  withDemo,
} from './demo.js';

const ctx = withDemo({ strictCsp: true });

describe('8. a page with a strict CSP and the nonce prop', () => {
  it('renders the panel, and the policy really blocks a script without the nonce', async () => {
    const { page } = ctx.tab;
    await page.addInitScript(() => {
      const violations: string[] = [];
      Object.assign(window, { cspViolations: violations });
      document.addEventListener('securitypolicyviolation', (event) =>
        violations.push(`${event.effectiveDirective} ${event.blockedURI}`),
      );
    });
    const response = await open(ctx.demo, page);
    const policy = response.headers()['content-security-policy'];
    expect(policy).toMatch(/^script-src 'nonce-[A-Za-z0-9+/=]{24}'; object-src 'none'; base-uri 'none'$/);

    await signIn(page, 'Alice');
    await go(page, 'Support');
    await conversationsVisible(page, ALICE_SUBJECTS);
    expect(await executions(page)).toBe(1);
    expect(await scriptElements(page)).toBe(1);
    const nonce = policy!.match(/'nonce-([^']+)'/)![1];
    // The browser hides the nonce attribute's value; the property keeps it.
    expect(
      await page.evaluate(() => (document.querySelector('script[src*="ticket-center"]') as HTMLScriptElement).nonce),
    ).toBe(nonce);

    // The control: the same page refuses a script inserted without the nonce.
    const ran = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const script = document.createElement('script');
          script.src = '/helpdesky-emulator/ticket-center.js?v=no-nonce';
          script.onload = () => resolve(true);
          script.onerror = () => resolve(false);
          document.body.appendChild(script);
        }),
    );
    expect(ran).toBe(false);
    expect(await executions(page)).toBe(1);
    expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([
      expect.stringMatching(/^script-src-elem .*ticket-center\.js\?v=no-nonce$/),
    ]);
  });
});
