// The messages API the emulated contact-form.js posts to, without a browser: what it answers,
// what it records, and that reset() forgets it.
import { describe, expect, it } from 'vitest';
import { createHelpdeskyEmulator, type HelpdeskyEmulator } from 'helpdesky-react/testing';

const ORIGIN = 'http://127.0.0.1:4000';

function post(emulator: HelpdeskyEmulator, body: unknown, headers: Record<string, string> = {}) {
  return emulator.fetch(
    new Request(`${ORIGIN}${emulator.messagesUrl}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );
}

const submission = (
  emulator: HelpdeskyEmulator,
  email = 'visitor@example.com',
  message = 'Do you ship to Norway?',
) => ({
  helpdeskId: emulator.helpdeskId,
  email,
  message,
});

describe('the messages API', () => {
  describe('given a well-formed submission', () => {
    it('answers { ok: true } with CORS headers, and records it in emulator.messages', async () => {
      const emulator = createHelpdeskyEmulator();
      const sent = submission(emulator);
      const response = await post(emulator, sent);
      expect(response.status).toBe(200);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ ok: true });
      expect(emulator.messages).toEqual([sent]);
      expect(emulator.requests).toEqual([
        { kind: 'message', method: 'POST', status: 200, outcome: 'ok', email: sent.email },
      ]);
    });

    it('keeps submissions oldest first, exactly as sent, and drops extra fields', async () => {
      const emulator = createHelpdeskyEmulator({ helpdeskId: 'my-helpdesk' });
      const first = submission(emulator, 'Dana@Example.com', 'First');
      const second = submission(emulator, 'eve@example.com', '  Second, with spaces  ');
      await post(emulator, { ...first, origin: 'https://app.example', extra: 1 });
      await post(emulator, second);
      expect(emulator.messages).toEqual([first, second]);
      expect(emulator.messages.map((m) => m.helpdeskId)).toEqual(['my-helpdesk', 'my-helpdesk']);
    });
  });

  describe('given a malformed submission', () => {
    const emulator = createHelpdeskyEmulator();
    const good = submission(emulator);
    it.each([
      ['not JSON', 'email=visitor@example.com'],
      ['an array', [good]],
      ['missing the email', { helpdeskId: good.helpdeskId, message: good.message }],
      ['missing the message', { helpdeskId: good.helpdeskId, email: good.email }],
      ['missing the helpdesk id', { email: good.email, message: good.message }],
      ['an email that is not a string', { ...good, email: ['visitor@example.com'] }],
      ['a message that is not a string', { ...good, message: 42 }],
      ['an empty email', { ...good, email: '' }],
      ['a blank message', { ...good, message: ' \n\t ' }],
    ])('answers 400 bad-request for a body that is %s, and records no message', async (_name, body) => {
      emulator.reset();
      const response = await post(emulator, body);
      expect(response.status).toBe(400);
      const answer = await response.json();
      expect(answer).toMatchObject({ ok: false, error: 'bad-request' });
      expect(answer.message).toEqual(expect.any(String));
      expect(emulator.messages).toEqual([]);
      expect(emulator.requests).toMatchObject([{ kind: 'message', status: 400, outcome: 'bad-request' }]);
    });
  });

  it('answers 404 unknown-helpdesk for another helpdesk id', async () => {
    const emulator = createHelpdeskyEmulator();
    const response = await post(emulator, { ...submission(emulator), helpdeskId: `${emulator.helpdeskId}-other` });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ ok: false, error: 'unknown-helpdesk' });
    expect(emulator.messages).toEqual([]);
  });

  describe('given allowed embed domains', () => {
    it('refuses another origin with 403, saying what the verification API says', async () => {
      const emulator = createHelpdeskyEmulator({ allowedOrigins: ['https://app.example'] });
      const response = await post(emulator, submission(emulator), { origin: 'https://evil.example' });
      expect(response.status).toBe(403);
      const answer = await response.json();
      expect(answer).toMatchObject({ ok: false, error: 'origin-not-allowed' });

      const verify = await emulator.fetch(
        new Request(`${ORIGIN}${emulator.verifyUrl}`, {
          method: 'POST',
          headers: { origin: 'https://evil.example' },
          body: JSON.stringify({ helpdeskId: emulator.helpdeskId, email: 'a@example.com', signature: '0'.repeat(64) }),
        }),
      );
      expect(answer.message).toBe((await verify.json()).message);
      expect(emulator.messages).toEqual([]);
    });

    it('accepts a listed origin, from the header or, failing that, the body', async () => {
      const emulator = createHelpdeskyEmulator({ allowedOrigins: ['https://app.example'] });
      const fromHeader = await post(emulator, submission(emulator, 'a@example.com'), { origin: 'https://app.example' });
      expect(fromHeader.status).toBe(200);
      const fromBody = await post(emulator, {
        ...submission(emulator, 'b@example.com'),
        origin: 'https://app.example',
      });
      expect(fromBody.status).toBe(200);
      expect(emulator.messages.map((m) => m.email)).toEqual(['a@example.com', 'b@example.com']);
      // The header wins over the body, as it does for the verification API.
      const spoofed = await post(
        emulator,
        { ...submission(emulator), origin: 'https://app.example' },
        { origin: 'https://evil.example' },
      );
      expect(spoofed.status).toBe(403);
    });

    it('follows setOptions between requests', async () => {
      const emulator = createHelpdeskyEmulator();
      emulator.setOptions({ allowedOrigins: ['https://app.example'] });
      expect((await post(emulator, submission(emulator), { origin: 'http://localhost:5173' })).status).toBe(403);
      emulator.setOptions({ allowedOrigins: [] });
      expect((await post(emulator, submission(emulator), { origin: 'http://localhost:5173' })).status).toBe(200);
    });
  });

  it('answers a CORS preflight, and 405 to other methods', async () => {
    const emulator = createHelpdeskyEmulator();
    const preflight = await emulator.fetch(new Request(`${ORIGIN}${emulator.messagesUrl}`, { method: 'OPTIONS' }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');

    const get = await emulator.fetch(new Request(`${ORIGIN}${emulator.messagesUrl}`));
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect(emulator.requests).toEqual([{ kind: 'message', method: 'GET', status: 405 }]);
  });

  it('forgets messages and requests on reset()', async () => {
    const emulator = createHelpdeskyEmulator();
    await post(emulator, submission(emulator));
    expect(emulator.messages).toHaveLength(1);
    emulator.reset();
    expect(emulator.messages).toEqual([]);
    expect(emulator.requests).toEqual([]);
    await post(emulator, submission(emulator, 'again@example.com'));
    expect(emulator.messages.map((m) => m.email)).toEqual(['again@example.com']);
  });

  it('answers under basePath', async () => {
    const emulator = createHelpdeskyEmulator({ basePath: '/__helpdesky' });
    expect(emulator.messagesUrl).toBe('/__helpdesky/api/messages');
    expect((await post(emulator, submission(emulator))).status).toBe(200);
    const atRoot = await emulator.fetch(
      new Request(`${ORIGIN}/api/messages`, { method: 'POST', body: JSON.stringify(submission(emulator)) }),
    );
    expect(atRoot.status).toBe(404);
    expect(emulator.messages).toHaveLength(1);
  });
});
