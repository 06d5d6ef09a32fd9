// The routes of the sibling embeds' scripts (contact-form.js, widget.js) beside ticket-center.js,
// without a browser: what each serves, and how each script behaviour applies to all three.
import { describe, expect, it, vi } from 'vitest';
import { createHelpdeskyEmulator, type HelpdeskyEmulator, type HelpdeskyEmulatorScript } from 'helpdesky-react/testing';

const ORIGIN = 'http://127.0.0.1:4000';

const SCRIPT_URLS: [HelpdeskyEmulatorScript, (emulator: HelpdeskyEmulator) => string][] = [
  ['ticket-center', (emulator) => emulator.scriptUrl],
  ['contact-form', (emulator) => emulator.contactFormScriptUrl],
  ['widget', (emulator) => emulator.widgetScriptUrl],
];

const get = (emulator: HelpdeskyEmulator, path: string, init?: RequestInit) =>
  emulator.fetch(new Request(`${ORIGIN}${path}`, init));

/** A promise, and whether it has settled yet. */
function settles<T>(promise: Promise<T>) {
  const tracked = { promise, done: false };
  promise.then(
    () => (tracked.done = true),
    () => (tracked.done = true),
  );
  return tracked;
}

describe('the script routes', () => {
  it('serve the documented paths, under basePath', () => {
    const atRoot = createHelpdeskyEmulator();
    expect([atRoot.contactFormScriptUrl, atRoot.widgetScriptUrl]).toEqual(['/contact-form.js', '/widget.js']);
    const under = createHelpdeskyEmulator({ basePath: '/__helpdesky/' });
    expect([under.contactFormScriptUrl, under.widgetScriptUrl]).toEqual([
      '/__helpdesky/contact-form.js',
      '/__helpdesky/widget.js',
    ]);
  });

  it.each(SCRIPT_URLS)(
    '%s: serves JavaScript anyone may load, never cached, with or without ?v=, and records it',
    async (script, url) => {
      const emulator = createHelpdeskyEmulator();
      for (const path of [url(emulator), `${url(emulator)}?v=3`]) {
        const response = await get(emulator, path);
        expect(response.status).toBe(200);
        expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
        expect(response.headers.get('access-control-allow-origin')).toBe('*');
        expect(response.headers.get('cache-control')).toBe('no-store');
        const source = await response.text();
        expect(source).toContain('TEST DOUBLE');
        expect(source).not.toContain('innerHTML');
        expect(() => new Function(source)).not.toThrow();
      }
      expect(emulator.requests).toEqual([
        { kind: 'script', script, method: 'GET', status: 200 },
        { kind: 'script', script, method: 'GET', status: 200 },
      ]);
    },
  );

  it('serves a different script on each route', async () => {
    const emulator = createHelpdeskyEmulator();
    const sources = await Promise.all(SCRIPT_URLS.map(async ([, url]) => (await get(emulator, url(emulator))).text()));
    expect(new Set(sources).size).toBe(SCRIPT_URLS.length);
  });

  it.each(SCRIPT_URLS)('%s: answers HEAD without a body, and 405 to a POST', async (script, url) => {
    const emulator = createHelpdeskyEmulator();
    const head = await get(emulator, url(emulator), { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const posted = await get(emulator, url(emulator), { method: 'POST', body: '{}' });
    expect(posted.status).toBe(405);
    expect(posted.headers.get('allow')).toBe('GET, HEAD');
    expect(emulator.requests).toEqual([
      { kind: 'script', script, method: 'HEAD', status: 200 },
      { kind: 'script', script, method: 'POST', status: 405 },
    ]);
  });

  it.each(SCRIPT_URLS)('%s: answers 404 while failScript is set, until unblocked or reset', async (script, url) => {
    const emulator = createHelpdeskyEmulator({ failScript: true });
    expect((await get(emulator, url(emulator))).status).toBe(404);
    emulator.setOptions({ failScript: false });
    expect((await get(emulator, url(emulator))).status).toBe(200);
    emulator.reset();
    expect((await get(emulator, url(emulator))).status).toBe(404);
    expect(emulator.requests).toEqual([{ kind: 'script', script, method: 'GET', status: 404 }]);
  });

  it.each(SCRIPT_URLS)('%s: bakes renderNothing into the served copy', async (_script, url) => {
    const emulator = createHelpdeskyEmulator();
    const normal = await (await get(emulator, url(emulator))).text();
    emulator.setOptions({ renderNothing: true });
    const broken = await (await get(emulator, url(emulator))).text();
    expect(normal).toContain('"renderNothing":false');
    expect(broken).toContain('"renderNothing":true');
    emulator.reset();
    expect(await (await get(emulator, url(emulator))).text()).toBe(normal);
  });

  it.each(SCRIPT_URLS)('%s: waits scriptLatencyMs before answering', async (_script, url) => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const emulator = createHelpdeskyEmulator({ scriptLatencyMs: 150 });
      const answered = settles(get(emulator, url(emulator)));
      await vi.advanceTimersByTimeAsync(149);
      expect(answered.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await answered.promise).status).toBe(200);

      // A failing script waits too: a blocked script is not faster than a served one.
      emulator.setOptions({ failScript: true });
      const failed = settles(get(emulator, url(emulator)));
      await vi.advanceTimersByTimeAsync(149);
      expect(failed.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await failed.promise).status).toBe(404);

      emulator.setOptions({ scriptLatencyMs: 0, failScript: false });
      expect((await get(emulator, url(emulator))).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('handles() and the 404', () => {
  const emulator = createHelpdeskyEmulator({ basePath: '/__helpdesky' });
  const routes = [
    emulator.scriptUrl,
    emulator.contactFormScriptUrl,
    emulator.widgetScriptUrl,
    emulator.verifyUrl,
    emulator.messagesUrl,
  ];

  it('claims every route, on any origin and with a query, and nothing else', () => {
    for (const path of routes) {
      expect(emulator.handles(`${ORIGIN}${path}?v=1`), path).toBe(true);
      expect(emulator.handles(new URL(path, 'https://helpdesky.io')), path).toBe(true);
      expect(emulator.handles(new Request(`${ORIGIN}${path}`)), path).toBe(true);
      expect(emulator.handles(path.replace('/__helpdesky', '')), path).toBe(false);
    }
    expect(emulator.handles(`${ORIGIN}/__helpdesky/api/other`)).toBe(false);
    expect(emulator.handles(`${ORIGIN}/__helpdesky/`)).toBe(false);
  });

  it('names every route in the 404 for anything else', async () => {
    const response = await get(emulator, '/__helpdesky/other.js');
    expect(response.status).toBe(404);
    const text = await response.text();
    for (const path of routes) expect(text).toContain(path);
    expect(emulator.requests).toEqual([]);
  });
});
