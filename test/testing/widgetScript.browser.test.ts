// The emulated widget.js running in real Chromium (Debian's, driven by Playwright), served
// cross-origin from the emulator as helpdesky.io serves it. A browser that cannot start fails.
import { describe, expect, it } from 'vitest';
import { withEmulatorPage } from '../support/emulatorPage.js';
import { HELPDESKY_EMULATOR_WIDGET_ATTRIBUTE } from 'helpdesky-react/testing';

const ctx = withEmulatorPage({
  html: (request, emulatorOrigin) => {
    // /in-head: the vendor's snippet may sit anywhere, even in <head> before <body> exists.
    const head =
      request.url === '/in-head'
        ? `<script src="${emulatorOrigin}${emulator.widgetScriptUrl}" data-helpdesk-id="${emulator.helpdeskId}"></script>`
        : '';
    return `<!doctype html><html><head><title>Widget test</title>${head}</head><body><main>App</main></body></html>`;
  },
  viewport: { width: 1000, height: 800 },
});
const { emulator } = ctx;

/** Inserts a script element, as the vendor's snippet does; resolves on load or error. */
function insertScript(path: string, attributes: Record<string, string> = { 'data-helpdesk-id': emulator.helpdeskId }) {
  return ctx.page.evaluate(
    ({ src, attributes }) =>
      new Promise<'load' | 'error'>((resolve) => {
        const script = document.createElement('script');
        for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
        script.src = src;
        script.onload = () => resolve('load');
        script.onerror = () => resolve('error');
        document.body.append(script);
      }),
    { src: `${ctx.emulatorOrigin}${path}`, attributes },
  );
}

const embedWidget = () => insertScript(emulator.widgetScriptUrl);

type EmulatorGlobal = { __helpdeskyEmulator?: Record<string, number> };
const counters = () => ctx.page.evaluate(() => ({ ...(window as EmulatorGlobal).__helpdeskyEmulator }));

/** What <body> holds besides scripts, and the widget hosts among it. */
const bodyNodes = () =>
  ctx.page.evaluate((attribute) => {
    const nodes = [...document.body.children].filter((node) => node.tagName !== 'SCRIPT');
    const hosts = nodes.filter((node) => node.hasAttribute(attribute));
    return {
      others: nodes.filter((node) => !node.hasAttribute(attribute)).map((node) => node.tagName),
      hosts: hosts.map((host) => ({
        tag: host.tagName,
        helpdeskId: host.getAttribute('data-helpdesk-id'),
        shadowMode: host.shadowRoot?.mode ?? null,
        lightChildren: host.childNodes.length,
      })),
    };
  }, HELPDESKY_EMULATOR_WIDGET_ATTRIBUTE);

const launcher = () => ctx.page.getByRole('button', { name: 'Help' });
const dialog = () => ctx.page.getByRole('dialog', { name: 'Help center' });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Runs in the ctx.page: whether `node` sits in a shadow root and is the focused element there. */
const hasFocusInItsShadowRoot = (node: Element) => {
  const root = node.getRootNode();
  return root instanceof ShadowRoot && root.activeElement === node;
};

describe('widget.js', () => {
  it('appends exactly one shadow host to <body>, with the helpdesk id, after one execution', async () => {
    expect(await embedWidget()).toBe('load');
    expect(await bodyNodes()).toEqual({
      others: ['MAIN'],
      hosts: [{ tag: 'DIV', helpdeskId: emulator.helpdeskId, shadowMode: 'open', lightChildren: 0 }],
    });
    expect(await counters()).toEqual({ widgetExecutions: 1 });
    expect(ctx.pageErrors).toEqual([]);
  });

  it('executes and shows nothing without a helpdesk id (a copy stripped by a teardown)', async () => {
    expect(await insertScript(emulator.widgetScriptUrl, {})).toBe('load');
    expect((await bodyNodes()).hosts).toEqual([]);
    expect(await counters()).toEqual({ widgetExecutions: 1 });
  });

  it('shows a fixed "Help" launcher at the bottom right that opens and closes the help center', async () => {
    await embedWidget();
    await launcher().waitFor();
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    expect(await dialog().isVisible()).toBe(false);

    const placement = await launcher().evaluate((button) => {
      const rect = button.getBoundingClientRect();
      return {
        position: getComputedStyle(button).position,
        fromRight: window.innerWidth - rect.right,
        fromBottom: window.innerHeight - rect.bottom,
        fromLeft: rect.left,
        fromTop: rect.top,
      };
    });
    expect(placement.position).toBe('fixed');
    expect(placement.fromRight).toBeLessThan(placement.fromLeft);
    expect(placement.fromBottom).toBeLessThan(placement.fromTop);

    await launcher().click();
    await dialog().waitFor();
    expect(await launcher().getAttribute('aria-expanded')).toBe('true');
    expect(await dialog().getByRole('heading').count()).toBe(1);
    const search = dialog().getByRole('searchbox', { name: 'Search help' });
    expect(await search.evaluate(hasFocusInItsShadowRoot)).toBe(true);
    await search.fill('refund');
    expect(await search.inputValue()).toBe('refund');

    await launcher().click();
    await dialog().waitFor({ state: 'hidden' });
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
  });

  it('closes the help center on Escape and gives focus back to the launcher', async () => {
    await embedWidget();
    await launcher().click();
    await dialog().waitFor();
    await ctx.page.keyboard.press('Escape');
    await dialog().waitFor({ state: 'hidden' });
    expect(await launcher().getAttribute('aria-expanded')).toBe('false');
    expect(await launcher().evaluate(hasFocusInItsShadowRoot)).toBe(true);
  });

  it('mounts once <body> exists when its snippet sits in <head>', async () => {
    await ctx.page.goto(new URL('/in-head', ctx.pageUrl).href);
    await launcher().waitFor();
    expect((await bodyNodes()).hosts).toHaveLength(1);
    expect(await counters()).toEqual({ widgetExecutions: 1 });
    expect(ctx.pageErrors).toEqual([]);
  });

  it('counts its executions apart from the other embeds, in the same global', async () => {
    await embedWidget();
    await insertScript(emulator.contactFormScriptUrl); // no container: executes, renders nothing
    await insertScript(emulator.scriptUrl); // no container either
    await embedWidget();
    expect(await counters()).toEqual({ widgetExecutions: 2, contactFormExecutions: 1, executions: 1 });
    // One host per execution: the vendor's React advice is to insert the script once.
    expect((await bodyNodes()).hosts).toHaveLength(2);
    expect(emulator.requests.filter((r) => r.kind === 'script').map((r) => r.script)).toEqual([
      'widget',
      'contact-form',
      'ticket-center',
      'widget',
    ]);
  });
});

describe('given test behaviours', () => {
  it('renderNothing: executes once and appends nothing', async () => {
    emulator.setOptions({ renderNothing: true });
    expect(await embedWidget()).toBe('load');
    await pause(300);
    expect(await bodyNodes()).toEqual({ others: ['MAIN'], hosts: [] });
    expect(await counters()).toEqual({ widgetExecutions: 1 });
  });

  it('failScript: the script fails to load and never executes, until unblocked', async () => {
    emulator.setOptions({ failScript: true });
    expect(await embedWidget()).toBe('error');
    expect(await counters()).toEqual({});
    expect((await bodyNodes()).hosts).toEqual([]);

    emulator.setOptions({ failScript: false });
    expect(await embedWidget()).toBe('load');
    await launcher().waitFor();
    expect(await counters()).toEqual({ widgetExecutions: 1 });
  });

  it('scriptLatencyMs: the launcher appears only once the script arrives', async () => {
    emulator.setOptions({ scriptLatencyMs: 400 });
    const started = Date.now();
    const loaded = embedWidget();
    await pause(150);
    expect((await bodyNodes()).hosts).toEqual([]);
    expect(await loaded).toBe('load');
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await launcher().waitFor();
  });
});
