// Scenario 9 of the end-to-end suite: the server signs with a secret other than Helpdesky's
// (here the emulator's), the most common cause of "Verification failed". The panel says so,
// and the CLI's `check`, run against the demo's endpoint with the user's cookie, names it.
import { describe, expect, it } from 'vitest';
import { HELPDESKY_EMULATOR_HELPDESK_ID, HELPDESKY_EMULATOR_SECRET } from 'helpdesky-react/testing';
import { main } from '../../src/cli/main.js';
import { SESSION_COOKIE } from '../../demo/server.mjs';
import { ALICE_SUBJECTS, executions, go, open, signIn, withDemo } from './demo.js';

const ctx = withDemo({ serverSecret: 'hdh_secret_an_old_secret_the_dashboard_has_since_regenerated' });

describe('9. the server’s secret differs from Helpdesky’s', () => {
  it('shows "Verification failed", and `helpdesky-react check` reports the signature mismatch', async () => {
    const { page, context } = ctx.tab;
    await open(ctx.demo, page);
    await signIn(page, 'Alice');
    await go(page, 'Support');
    await page.getByRole('alert').filter({ hasText: 'Verification failed' }).waitFor();
    for (const subject of ALICE_SUBJECTS) expect(await page.getByText(subject).count()).toBe(0);
    expect(await executions(page)).toBe(1);
    expect(ctx.demo.emulator!.requests.filter((r) => r.kind === 'verify')).toEqual([
      { kind: 'verify', method: 'POST', status: 401, outcome: 'verification-failed', email: 'alice@example.com' },
    ]);

    // What a developer does next: copy the session cookie from the browser and run the CLI
    // with the dashboard's secret in their shell.
    const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE)!;
    const out: string[] = [];
    const status = await main(
      ['check', `${ctx.demo.url}/api/helpdesky`, '-H', `Cookie: ${cookie.name}=${cookie.value}`],
      {
        out: (line) => out.push(line),
        err: (line) => out.push(line),
        env: {
          HELPDESKY_HMAC_SECRET: HELPDESKY_EMULATOR_SECRET,
          HELPDESKY_HELPDESK_ID: HELPDESKY_EMULATOR_HELPDESK_ID,
        },
      },
    );
    const report = out.join('\n');
    expect(status, report).toBe(1);
    expect(report).toMatch(/^\s*ok\s+status: 200/m);
    expect(report).toMatch(/^\s*FAIL\s+signature: /m);
    expect(report).toMatch(/^FAIL: \d+ passed, 1 failed/m);
    expect(report).not.toContain(HELPDESKY_EMULATOR_SECRET);

    // With the server's own secret the same check passes: the endpoint itself is sound.
    const same: string[] = [];
    const ok = await main(['check', `${ctx.demo.url}/api/helpdesky`, '-H', `Cookie: ${cookie.name}=${cookie.value}`], {
      out: (line) => same.push(line),
      err: (line) => same.push(line),
      env: { HELPDESKY_HMAC_SECRET: 'hdh_secret_an_old_secret_the_dashboard_has_since_regenerated' },
    });
    expect(ok, same.join('\n')).toBe(0);
  });
});
