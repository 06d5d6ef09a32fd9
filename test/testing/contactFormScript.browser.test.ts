// The emulated contact-form.js running in real Chromium (Debian's, driven by Playwright). A page
// server and the emulator listen on two ports of 127.0.0.1, so the script and its messages call
// are cross-origin, as with helpdesky.io. A browser that cannot start fails the file.
import { describe, expect, it } from 'vitest';
import { withEmulatorPage } from '../support/emulatorPage.js';

const ctx = withEmulatorPage({
  html: () => '<!doctype html><html><head><title>Contact test</title></head><body></body></html>',
  viewport: { width: 1000, height: 800 },
});
const { emulator } = ctx;

interface EmbedOptions {
  /** Id of the container to insert first; `null` inserts none. Default: `hdh-contact-form`. */
  container?: string | null;
  attributes?: Record<string, string>;
}

/** Inserts the container, then the script, as the vendor requires; resolves on load or error. */
function embed({ container = 'hdh-contact-form', attributes = {} }: EmbedOptions = {}) {
  const data = { 'data-helpdesk-id': emulator.helpdeskId, ...attributes };
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
    { container, src: `${ctx.emulatorOrigin}${emulator.contactFormScriptUrl}`, data },
  );
}

type EmulatorGlobal = { __helpdeskyEmulator?: Record<string, number> };
const counters = () => ctx.page.evaluate(() => ({ ...(window as EmulatorGlobal).__helpdeskyEmulator }));

/** What the container holds: light-DOM children, and its shadow root's mode and contents. */
const inspect = (id: string) =>
  ctx.page.evaluate((id) => {
    const container = document.getElementById(id)!;
    return {
      children: container.childNodes.length,
      shadowMode: container.shadowRoot?.mode ?? null,
      shadowForms: container.shadowRoot?.querySelectorAll('form').length ?? 0,
    };
  }, id);

const form = () => ctx.page.getByRole('form', { name: 'Contact us' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Fills and sends the form; resolves with the messages API's answer as the browser got it. */
async function send(email: string, message: string) {
  const answer = ctx.page.waitForResponse((response) => response.url().endsWith(emulator.messagesUrl));
  await ctx.page.getByRole('textbox', { name: 'Your email' }).fill(email);
  await ctx.page.getByRole('textbox', { name: 'Message' }).fill(message);
  await ctx.page.getByRole('button', { name: 'Send' }).click();
  return (await answer).json() as Promise<{ ok: boolean; message?: string }>;
}

describe('given a container', () => {
  it('renders a labelled form in an open shadow root of the data-container element, once', async () => {
    expect(await embed({ container: 'contact-here', attributes: { 'data-container': 'contact-here' } })).toBe('load');
    expect(await inspect('contact-here')).toEqual({ children: 0, shadowMode: 'open', shadowForms: 1 });
    await form().waitFor();

    const email = ctx.page.getByRole('textbox', { name: 'Your email' });
    const message = ctx.page.getByRole('textbox', { name: 'Message' });
    expect(await email.evaluate((input: HTMLInputElement) => [input.type, input.required])).toEqual(['email', true]);
    expect(await message.evaluate((area: HTMLTextAreaElement) => [area.tagName, area.required])).toEqual([
      'TEXTAREA',
      true,
    ]);
    expect(await form().getByRole('button', { name: 'Send' }).count()).toBe(1);
    expect(await counters()).toEqual({ contactFormExecutions: 1 });
    expect(ctx.pageErrors).toEqual([]);
  });

  it('centres a root of at most 560px in hdh-contact-form by default', async () => {
    await embed();
    await form().waitFor();
    const box = await ctx.page.evaluate(() => {
      const container = document.getElementById('hdh-contact-form')!;
      const root = container.shadowRoot!.firstElementChild!.getBoundingClientRect();
      const outer = container.getBoundingClientRect();
      return { width: root.width, left: root.left - outer.left, right: outer.right - root.right };
    });
    expect(box.width).toBe(560);
    expect(box.left).toBeGreaterThan(0);
    expect(box.left).toBeCloseTo(box.right, 0);
  });

  it('honours data-max-width and data-align', async () => {
    await embed({ attributes: { 'data-max-width': '420px', 'data-align': 'right' } });
    await form().waitFor();
    const measure = (id: string) =>
      ctx.page.evaluate((id) => {
        const container = document.getElementById(id)!;
        const root = container.shadowRoot!.firstElementChild!.getBoundingClientRect();
        const outer = container.getBoundingClientRect();
        return { width: root.width, left: root.left - outer.left, right: outer.right - root.right };
      }, id);
    const right = await measure('hdh-contact-form');
    expect(right.width).toBe(420);
    expect(right.right).toBeCloseTo(0, 0);
    expect(right.left).toBeGreaterThan(0);

    await ctx.page.evaluate(() => document.body.replaceChildren());
    await embed({ container: 'left-form', attributes: { 'data-container': 'left-form', 'data-align': 'left' } });
    const left = await measure('left-form');
    expect(left.width).toBe(560);
    expect(left.left).toBeCloseTo(0, 0);
  });

  it('records a submission in emulator.messages and thanks the visitor by email', async () => {
    await embed();
    const email = 'visitor@example.com';
    const message = 'Do you ship to Norway?';
    expect(await send(email, message)).toEqual({ ok: true });

    await ctx.page
      .getByRole('status')
      .filter({ hasText: `Thanks! We will reply to ${email}.` })
      .waitFor();
    expect(await form().count()).toBe(0);
    expect(emulator.messages).toEqual([{ helpdeskId: emulator.helpdeskId, email, message }]);
    expect(emulator.requests.filter((r) => r.kind === 'message')).toEqual([
      { kind: 'message', method: 'POST', status: 200, outcome: 'ok', email },
    ]);
    expect(ctx.pageErrors).toEqual([]);
  });

  it('sends what its script element said when it executed, even if the element changes later', async () => {
    await embed();
    await ctx.page.evaluate(() => {
      const script = document.querySelector('script[data-helpdesk-id]')!;
      script.setAttribute('data-helpdesk-id', 'changed-later');
    });
    expect(await send('later@example.com', 'Hello')).toEqual({ ok: true });
    expect(emulator.messages.map((m) => m.helpdeskId)).toEqual([emulator.helpdeskId]);
  });

  it('sends nothing while a required field is empty', async () => {
    await embed();
    await ctx.page.getByRole('textbox', { name: 'Your email' }).fill('visitor@example.com');
    await ctx.page.getByRole('button', { name: 'Send' }).click();
    await pause(300);
    expect(emulator.requests.filter((r) => r.kind === 'message')).toEqual([]);
    expect(await form().count()).toBe(1);
  });

  it("shows the API's refusal as an alert, keeps the form, and sends once allowed", async () => {
    emulator.setOptions({ allowedOrigins: ['https://app.example'] });
    await embed();
    const refused = await send('visitor@example.com', 'Hello?');
    expect(refused.ok).toBe(false);
    const alert = ctx.page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toBe(refused.message);
    expect(emulator.messages).toEqual([]);

    emulator.setOptions({ allowedOrigins: [new URL(ctx.pageUrl).origin] });
    expect(await send('visitor@example.com', 'Hello again')).toEqual({ ok: true });
    await ctx.page.getByRole('status').filter({ hasText: 'visitor@example.com' }).waitFor();
    expect(await ctx.page.getByRole('alert').count()).toBe(0);
    expect(emulator.messages.map((m) => m.message)).toEqual(['Hello again']);
  });

  it('shows a refusal for another helpdesk id', async () => {
    await embed({ attributes: { 'data-helpdesk-id': 'not-this-helpdesk' } });
    const refused = await send('visitor@example.com', 'Hello?');
    await ctx.page.getByRole('alert').filter({ hasText: refused.message }).waitFor();
    expect(emulator.requests.filter((r) => r.kind === 'message').map((r) => r.outcome)).toEqual(['unknown-helpdesk']);
  });
});

describe('given no container when the script executes', () => {
  it('executes, renders nothing, throws nothing, and never retries', async () => {
    expect(await embed({ container: null })).toBe('load');
    expect(await counters()).toEqual({ contactFormExecutions: 1 });
    await ctx.page.evaluate(() => {
      const div = document.createElement('div');
      div.id = 'hdh-contact-form';
      document.body.prepend(div);
    });
    await pause(300);
    expect(await inspect('hdh-contact-form')).toEqual({ children: 0, shadowMode: null, shadowForms: 0 });
    expect(await form().count()).toBe(0);
    expect(ctx.pageErrors).toEqual([]);
  });

  it('looks for data-container, not the default id', async () => {
    await embed({ attributes: { 'data-container': 'somewhere-else' } });
    expect(await inspect('hdh-contact-form')).toEqual({ children: 0, shadowMode: null, shadowForms: 0 });
    expect(await counters()).toEqual({ contactFormExecutions: 1 });
  });
});

describe('given test behaviours', () => {
  it('renderNothing: executes once and leaves the container without a shadow root', async () => {
    emulator.setOptions({ renderNothing: true });
    expect(await embed()).toBe('load');
    await pause(300);
    expect(await inspect('hdh-contact-form')).toEqual({ children: 0, shadowMode: null, shadowForms: 0 });
    expect(await counters()).toEqual({ contactFormExecutions: 1 });
  });

  it('failScript: the script fails to load and never executes, until unblocked', async () => {
    emulator.setOptions({ failScript: true });
    expect(await embed()).toBe('error');
    expect(await counters()).toEqual({});

    emulator.setOptions({ failScript: false });
    await ctx.page.evaluate(() => document.body.replaceChildren());
    expect(await embed()).toBe('load');
    await form().waitFor();
    expect(await counters()).toEqual({ contactFormExecutions: 1 });
  });

  it('scriptLatencyMs: the form appears only once the script arrives', async () => {
    emulator.setOptions({ scriptLatencyMs: 400 });
    const started = Date.now();
    const loaded = embed();
    await pause(150);
    expect(await inspect('hdh-contact-form')).toEqual({ children: 0, shadowMode: null, shadowForms: 0 });
    expect(await loaded).toBe('load');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await form().waitFor();
  });
});
