// The emulator's fetch handler, without a browser: the verification API and the script route.
// Expected signatures come from node:crypto, independently of the emulator's Web Crypto code.
import { createHmac } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import {
  createHelpdeskyEmulator,
  HELPDESKY_EMULATOR_HELPDESK_ID,
  HELPDESKY_EMULATOR_SECRET,
  HELPDESKY_EMULATOR_USERS,
  type HelpdeskyEmulator,
} from 'helpdesky-react/testing';

const ORIGIN = 'http://127.0.0.1:4000';
const sign = (email: string, secret = HELPDESKY_EMULATOR_SECRET) =>
  createHmac('sha256', secret).update(email, 'utf8').digest('hex');

/** A promise, and whether it has settled yet. */
function settles<T>(promise: Promise<T>) {
  const tracked = { promise, done: false };
  promise.then(
    () => (tracked.done = true),
    () => (tracked.done = true),
  );
  return tracked;
}

/** Waits (on real macrotasks) until the code under test has set a (fake) timer. */
async function latencyTimerSet() {
  for (let turns = 0; vi.getTimerCount() === 0; turns++) {
    if (turns > 1_000) throw new Error('no timer was set');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function verify(emulator: HelpdeskyEmulator, body: unknown, headers: Record<string, string> = {}) {
  return emulator.fetch(
    new Request(`${ORIGIN}${emulator.verifyUrl}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

const identity = (email: string, signature = sign(email)) => ({
  helpdeskId: HELPDESKY_EMULATOR_HELPDESK_ID,
  email,
  signature,
});

describe('the verification API', () => {
  describe('given a correct signature', () => {
    it("answers that user's seeded conversations", async () => {
      const response = await verify(createHelpdeskyEmulator(), identity('alice@example.com'));
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const body = await response.json();
      expect(body).toMatchObject({ ok: true, email: 'alice@example.com', name: 'Alice Martin' });
      expect(body.conversations.map((c: { subject: string }) => c.subject)).toEqual([
        'Invoice #1042 was charged twice',
        'Exporting my projects to CSV',
      ]);
    });

    it("answers only Bob's conversations for Bob", async () => {
      const body = await (await verify(createHelpdeskyEmulator(), identity('bob@example.com'))).json();
      expect(body.conversations.map((c: { subject: string }) => c.subject)).toEqual([
        'Password reset email never arrives',
      ]);
    });

    it('verifies an email sent in upper case, signed lower case: the server lowercases it', async () => {
      const response = await verify(
        createHelpdeskyEmulator(),
        identity('Alice@Example.COM', sign('alice@example.com')),
      );
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ ok: true, email: 'alice@example.com' });
    });

    it('shows an empty panel for a correctly signed email that has no conversations', async () => {
      const body = await (await verify(createHelpdeskyEmulator(), identity('carol@example.com'))).json();
      expect(body).toEqual({ ok: true, email: 'carol@example.com', name: 'carol@example.com', conversations: [] });
    });

    it('uses the secret, helpdesk id and users it was given', async () => {
      const emulator = createHelpdeskyEmulator({
        secret: 'hdh_secret_custom',
        helpdeskId: 'my-helpdesk',
        users: [{ email: 'Dana@Example.com', name: 'Dana', conversations: [{ subject: 'Hello', messages: [] }] }],
      });
      const good = {
        helpdeskId: 'my-helpdesk',
        email: 'dana@example.com',
        signature: sign('dana@example.com', 'hdh_secret_custom'),
      };
      expect(await (await verify(emulator, good)).json()).toMatchObject({
        ok: true,
        name: 'Dana',
        conversations: [{ subject: 'Hello' }],
      });
      const signedWithDefault = { ...good, signature: sign('dana@example.com') };
      expect((await verify(emulator, signedWithDefault)).status).toBe(401);
    });

    it('agrees with node:crypto in emulator.sign()', async () => {
      expect(await createHelpdeskyEmulator().sign('bob@example.com')).toBe(sign('bob@example.com'));
    });
  });

  describe('given a wrong identity', () => {
    it.each([
      ['a signature of another email', identity('alice@example.com', sign('bob@example.com'))],
      [
        'a signature made with another secret',
        identity('alice@example.com', sign('alice@example.com', 'hdh_secret_other')),
      ],
      [
        'the secret with a trailing newline',
        identity('alice@example.com', sign('alice@example.com', `${HELPDESKY_EMULATOR_SECRET}\n`)),
      ],
      ['a signature in upper-case hex', identity('alice@example.com', sign('alice@example.com').toUpperCase())],
      ['a truncated signature', identity('alice@example.com', sign('alice@example.com').slice(0, 63))],
      // The vendor lowercases but does not trim: a library must trim before signing and sending.
      ['an email with surrounding spaces, signed trimmed', identity(' alice@example.com ', sign('alice@example.com'))],
    ])('answers 401 "Verification failed" for %s', async (_name, body) => {
      const response = await verify(createHelpdeskyEmulator(), body);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({
        ok: false,
        error: 'verification-failed',
        message: 'Verification failed',
      });
    });

    it('answers 404 "Helpdesk not found" for another helpdesk id', async () => {
      const response = await verify(createHelpdeskyEmulator(), { ...identity('alice@example.com'), helpdeskId: 'f00' });
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ ok: false, error: 'unknown-helpdesk' });
    });

    it.each([
      ['not JSON', 'email=alice'],
      ['missing the signature', { helpdeskId: HELPDESKY_EMULATOR_HELPDESK_ID, email: 'alice@example.com' }],
      ['an array', []],
    ])('answers 400 for a body that is %s', async (_name, body) => {
      const response = await verify(createHelpdeskyEmulator(), body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ ok: false, error: 'bad-request', message: 'Verification failed' });
    });
  });

  describe('given allowed embed domains', () => {
    const emulator = createHelpdeskyEmulator({ allowedOrigins: ['https://app.example'] });

    it('refuses another origin with "Origin not allowed"', async () => {
      const response = await verify(emulator, identity('alice@example.com'), { origin: 'https://evil.example' });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'origin-not-allowed', message: 'Origin not allowed' });
    });

    it('accepts a listed origin, from the header or, failing that, the body', async () => {
      expect((await verify(emulator, identity('alice@example.com'), { origin: 'https://app.example' })).status).toBe(
        200,
      );
      expect((await verify(emulator, { ...identity('alice@example.com'), origin: 'https://app.example' })).status).toBe(
        200,
      );
    });
  });

  it('answers a CORS preflight', async () => {
    const emulator = createHelpdeskyEmulator();
    const response = await emulator.fetch(new Request(`${ORIGIN}/api/verify`, { method: 'OPTIONS' }));
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('content-type');
  });

  it('records what it answered', async () => {
    const emulator = createHelpdeskyEmulator();
    await verify(emulator, identity('Alice@example.com', sign('alice@example.com')));
    await verify(emulator, identity('bob@example.com', '0'.repeat(64)));
    expect(emulator.requests).toEqual([
      { kind: 'verify', method: 'POST', status: 200, outcome: 'ok', email: 'Alice@example.com' },
      { kind: 'verify', method: 'POST', status: 401, outcome: 'verification-failed', email: 'bob@example.com' },
    ]);
    emulator.reset();
    expect(emulator.requests).toEqual([]);
  });
});

describe('the script route', () => {
  const getScript = (emulator: HelpdeskyEmulator, path = emulator.scriptUrl) =>
    emulator.fetch(new Request(`${ORIGIN}${path}`));

  it('serves JavaScript anyone may load, never cached, with or without a ?v= cache-buster', async () => {
    const emulator = createHelpdeskyEmulator();
    for (const path of ['/ticket-center.js', '/ticket-center.js?v=3']) {
      const response = await getScript(emulator, path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cache-control')).toBe('no-store');
      const source = await response.text();
      expect(source).toContain('TEST DOUBLE');
      expect(() => new Function(source)).not.toThrow();
    }
  });

  it('answers 404 while failScript is set, and the script again once unblocked', async () => {
    const emulator = createHelpdeskyEmulator({ failScript: true });
    expect((await getScript(emulator)).status).toBe(404);
    emulator.setOptions({ failScript: false });
    expect((await getScript(emulator)).status).toBe(200);
    emulator.reset();
    expect((await getScript(emulator)).status).toBe(404);
  });

  it('waits scriptLatencyMs before the script and verifyLatencyMs before verifying', async () => {
    // Fake setTimeout (only: undici's body streams need the real setImmediate), so the latency
    // is exact whatever else the machine is doing.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const emulator = createHelpdeskyEmulator({ scriptLatencyMs: 150 });
      const script = settles(getScript(emulator));
      await vi.advanceTimersByTimeAsync(149);
      expect(script.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await script.promise).status).toBe(200);

      // No latency: answered without any timer firing.
      emulator.setOptions({ scriptLatencyMs: 0, verifyLatencyMs: 150 });
      expect((await getScript(emulator)).status).toBe(200);

      const verified = settles(verify(emulator, identity('alice@example.com')));
      await latencyTimerSet(); // the emulator reads the request body first
      await vi.advanceTimersByTimeAsync(149);
      expect(verified.done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect((await verified.promise).status).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('bakes renderNothing into the served script', async () => {
    const emulator = createHelpdeskyEmulator({ renderNothing: true });
    expect(await (await getScript(emulator)).text()).toContain('"renderNothing":true');
  });

  it('answers under basePath only, and 404 for anything else', async () => {
    const emulator = createHelpdeskyEmulator({ basePath: '/__helpdesky/' });
    expect(emulator.scriptUrl).toBe('/__helpdesky/ticket-center.js');
    expect(emulator.verifyUrl).toBe('/__helpdesky/api/verify');
    expect(emulator.handles(`${ORIGIN}/__helpdesky/ticket-center.js?v=1`)).toBe(true);
    expect(emulator.handles(`${ORIGIN}/ticket-center.js`)).toBe(false);
    expect((await getScript(emulator)).status).toBe(200);
    expect((await getScript(emulator, '/ticket-center.js')).status).toBe(404);
    expect((await getScript(emulator, '/__helpdesky/other')).status).toBe(404);
  });

  it('is a detachable handler', async () => {
    const { handler } = createHelpdeskyEmulator();
    expect((await handler(new Request(`${ORIGIN}/ticket-center.js`))).status).toBe(200);
  });
});

describe('options', () => {
  it('seeds alice@example.com and bob@example.com by default, with distinct subjects', () => {
    expect(createHelpdeskyEmulator().users.map((u) => u.email)).toEqual(['alice@example.com', 'bob@example.com']);
    const subjects = HELPDESKY_EMULATOR_USERS.flatMap((u) => u.conversations.map((c) => c.subject));
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('rejects nonsense with a message saying how to fix it', () => {
    expect(() => createHelpdeskyEmulator({ secret: '' })).toThrow(/\[helpdesky-react\/testing\] "secret"/);
    expect(() => createHelpdeskyEmulator({ basePath: 'api' })).toThrow(/must start with "\/"/);
    expect(() => createHelpdeskyEmulator().setOptions({ verifyLatencyMs: -1 })).toThrow(TypeError);
  });
});
