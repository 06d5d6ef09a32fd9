// The emulated ticket-center.js running in real Chromium (Debian's, driven by Playwright).
// A page server and the emulator listen on two ports of 127.0.0.1, so the script and its
// verification call are cross-origin, as with helpdesky.io. A browser that cannot start fails.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { withEmulatorPage } from '../support/emulatorPage.js';
import { HELPDESKY_EMULATOR_HELPDESK_ID, HELPDESKY_EMULATOR_SECRET } from 'helpdesky-react/testing';

const sign = (email: string) => createHmac('sha256', HELPDESKY_EMULATOR_SECRET).update(email).digest('hex');

const ctx = withEmulatorPage({
  html: () => '<!doctype html><html><head><title>Embed test</title></head><body></body></html>',
});
const { emulator } = ctx;

interface EmbedOptions {
  /** Id of the container to insert first; `null` inserts none. Default: `hdh-ticket-center`. */
  container?: string | null;
  email?: string;
  signature?: string;
  attributes?: Record<string, string>;
}

/** Inserts the container, then the script, as the vendor requires; resolves on load or error. */
function embed({
  container = 'hdh-ticket-center',
  email = 'alice@example.com',
  signature,
  attributes = {},
}: EmbedOptions = {}) {
  const data: Record<string, string> = {
    'data-helpdesk-id': HELPDESKY_EMULATOR_HELPDESK_ID,
    'data-email': email,
    'data-signature': signature ?? sign(email.toLowerCase()),
    ...attributes,
  };
  return ctx.page.evaluate(
    ({ container, src, data }) =>
      new Promise<'load' | 'error'>((resolve) => {
        if (container !== null) {
          const div = document.createElement('div');
          div.id = container;
          document.body.append(div);
        }
        const script = document.createElement('script');
        for (const [name, value] of Object.entries(data)) script.setAttribute(name, value);
        script.src = src;
        script.onload = () => resolve('load');
        script.onerror = () => resolve('error');
        document.body.append(script);
      }),
    { container, src: `${ctx.emulatorOrigin}${emulator.scriptUrl}`, data },
  );
}

const executions = () =>
  ctx.page.evaluate(
    () => (window as { __helpdeskyEmulator?: { executions: number } }).__helpdeskyEmulator?.executions ?? 0,
  );
const containerHtml = (id = 'hdh-ticket-center') =>
  ctx.page.evaluate((id) => document.getElementById(id)?.innerHTML, id);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('given a container and a correctly signed identity', () => {
  it("shows a loading line, then the user's conversations, after exactly one execution", async () => {
    emulator.setOptions({ verifyLatencyMs: 300 });
    expect(await embed()).toBe('load');
    await ctx.page.getByRole('status').filter({ hasText: 'Loading your conversations' }).waitFor();

    await ctx.page.getByRole('heading', { name: 'Invoice #1042 was charged twice' }).waitFor();
    await ctx.page.getByRole('heading', { name: 'Exporting my projects to CSV' }).waitFor();
    expect(await ctx.page.getByText('Signed in as alice@example.com').count()).toBe(1);
    expect(await ctx.page.getByText('Password reset email never arrives').count()).toBe(0);
    expect(await ctx.page.locator('#hdh-ticket-center > [data-helpdesky-emulator]').count()).toBe(1);
    expect(await executions()).toBe(1);
    expect(ctx.pageErrors).toEqual([]);
  });

  it('centres a root of at most 864px by default', async () => {
    await embed();
    const style = await ctx.page.locator('[data-helpdesky-emulator]').evaluate((root: HTMLElement) => ({
      maxWidth: root.style.maxWidth,
      left: root.style.marginLeft,
      right: root.style.marginRight,
    }));
    expect(style).toEqual({ maxWidth: '864px', left: 'auto', right: 'auto' });
  });

  it('honours data-container, data-max-width and data-align', async () => {
    await embed({
      container: 'support-panel',
      attributes: { 'data-container': 'support-panel', 'data-max-width': '600px', 'data-align': 'right' },
    });
    await ctx.page.getByRole('heading', { name: 'Invoice #1042 was charged twice' }).waitFor();
    const box = await ctx.page.locator('#support-panel > [data-helpdesky-emulator]').evaluate((root: HTMLElement) => {
      const rect = root.getBoundingClientRect();
      return { width: rect.width, right: rect.right, viewport: document.body.getBoundingClientRect().right };
    });
    expect(box.width).toBe(600);
    expect(box.right).toBeCloseTo(box.viewport, 0);

    await ctx.page.evaluate(() => document.body.replaceChildren());
    await embed({ attributes: { 'data-align': 'left', 'data-max-width': '50%' } });
    const left = await ctx.page.locator('[data-helpdesky-emulator]').evaluate((root: HTMLElement) => ({
      maxWidth: root.style.maxWidth,
      left: root.style.marginLeft,
      right: root.style.marginRight,
    }));
    expect(left).toEqual({ maxWidth: '50%', left: '0px', right: 'auto' });
  });

  it('verifies an upper-case email signed in lower case, since the server lowercases', async () => {
    await embed({ email: 'Bob@Example.COM', signature: sign('bob@example.com') });
    await ctx.page.getByRole('heading', { name: 'Password reset email never arrives' }).waitFor();
  });

  it('appends a reply locally from the reply box', async () => {
    await embed({ email: 'bob@example.com' });
    await ctx.page.getByRole('textbox', { name: 'Reply' }).fill('Found it in spam, thanks!');
    await ctx.page.getByRole('button', { name: 'Send' }).click();
    await ctx.page.getByText('Found it in spam, thanks!').waitFor();
    expect(await ctx.page.getByRole('textbox', { name: 'Reply' }).inputValue()).toBe('');
    expect(await ctx.page.locator('article').first().locator('li').count()).toBe(3);
  });
});

describe('given no container when the script executes', () => {
  it('executes, renders nothing, throws nothing, and never retries', async () => {
    expect(await embed({ container: null })).toBe('load');
    expect(await executions()).toBe(1);
    await ctx.page.evaluate(() => {
      const div = document.createElement('div');
      div.id = 'hdh-ticket-center';
      document.body.prepend(div);
    });
    await pause(300);
    expect(await containerHtml()).toBe('');
    expect(await ctx.page.locator('[data-helpdesky-emulator]').count()).toBe(0);
    expect(emulator.requests.filter((r) => r.kind === 'verify')).toEqual([]);
    expect(ctx.pageErrors).toEqual([]);
  });
});

describe('given a failing identity', () => {
  it('shows "Verification failed" for a wrong signature', async () => {
    await embed({ signature: sign('bob@example.com') });
    await ctx.page.getByRole('alert').filter({ hasText: 'Verification failed' }).waitFor();
    expect(await ctx.page.getByText('Invoice #1042').count()).toBe(0);
  });

  it('shows "Origin not allowed" when the ctx.page is not an allowed embed domain', async () => {
    emulator.setOptions({ allowedOrigins: ['https://app.example'] });
    await embed();
    await ctx.page.getByRole('alert').filter({ hasText: 'Origin not allowed' }).waitFor();
    emulator.setOptions({ allowedOrigins: [new URL(ctx.pageUrl).origin] });
    await ctx.page.evaluate(() => document.body.replaceChildren());
    await embed();
    await ctx.page.getByRole('heading', { name: 'Invoice #1042 was charged twice' }).waitFor();
  });
});

describe('given test behaviours', () => {
  it('renderNothing: executes once and leaves the container empty', async () => {
    emulator.setOptions({ renderNothing: true });
    expect(await embed()).toBe('load');
    await pause(400);
    expect(await containerHtml()).toBe('');
    expect(await executions()).toBe(1);
  });

  it('failScript: the script fails to load and never executes, until unblocked', async () => {
    emulator.setOptions({ failScript: true });
    expect(await embed()).toBe('error');
    expect(await executions()).toBe(0);

    emulator.setOptions({ failScript: false });
    await ctx.page.evaluate(() => document.body.replaceChildren());
    expect(await embed()).toBe('load');
    await ctx.page.getByRole('heading', { name: 'Invoice #1042 was charged twice' }).waitFor();
    expect(await executions()).toBe(1);
  });
});

describe('given a teardown while verification is in flight', () => {
  it('does not render into a container removed from the document', async () => {
    emulator.setOptions({ verifyLatencyMs: 300 });
    await embed();
    await ctx.page.evaluate(() => {
      const container = document.getElementById('hdh-ticket-center')!;
      (window as { detached?: Element }).detached = container;
      container.remove();
    });
    await pause(600);
    expect(emulator.requests.filter((r) => r.kind === 'verify')).toHaveLength(1);
    const detached = await ctx.page.evaluate(() => (window as { detached?: Element }).detached?.textContent);
    expect(detached).not.toContain('Invoice');
    expect(await ctx.page.evaluate(() => document.body.textContent)).not.toContain('Invoice');
    expect(ctx.pageErrors).toEqual([]);
  });

  it('does not render into a container whose contents were discarded (StrictMode remount)', async () => {
    emulator.setOptions({ verifyLatencyMs: 300 });
    await embed();
    await ctx.page.evaluate(() => {
      document.getElementById('hdh-ticket-center')!.replaceChildren();
      document.querySelector('script[data-helpdesk-id]')!.remove();
    });
    await pause(600);
    expect(await containerHtml()).toBe('');
    expect(ctx.pageErrors).toEqual([]);
  });
});
