// Error messages in development and in production builds. Development says how to fix each
// failure; production (process.env.NODE_ENV === "production", as apps ship) keeps the facts and
// points to the README's Troubleshooting, so the advice does not weigh on every user's download.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { http, HttpResponse } from 'msw';
import { HelpdeskyError } from 'helpdesky-react';
import { fetchHelpdeskyIdentity } from '../../src/core/fetchHelpdeskyIdentity.js';
import { mountEmbed } from '../../src/core/mountEmbed.js';
import { server } from './server.js';
import { alice, ENDPOINT } from './handlers.js';

const TROUBLESHOOTING = 'https://www.npmjs.com/package/helpdesky-react#troubleshooting';
const origin = 'http://localhost:3000'; // jsdom's page origin, as vitest configures it
const endpoint = `${origin}${ENDPOINT}`;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

async function failureOf(respond: () => Response | Promise<Response>): Promise<HelpdeskyError> {
  server.use(http.get(`*${ENDPOINT}`, respond));
  const error = await fetchHelpdeskyIdentity(endpoint, undefined).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(HelpdeskyError);
  return error as HelpdeskyError;
}

/** The embed's error when the script fails to load, or nothing renders within 100 ms. */
function embedFailureOf(outcome: 'script-load' | 'timeout'): HelpdeskyError {
  vi.useFakeTimers();
  const host = document.body.appendChild(document.createElement('div'));
  const onError = vi.fn();
  const dispose = mountEmbed(host, {
    ...alice,
    scriptSrc: 'https://helpdesky.io/ticket-center.js',
    containerId: 'hdh-ticket-center',
    readyTimeoutMs: 100,
    onReady: vi.fn(),
    onError,
  });
  vi.advanceTimersByTime(0); // the script goes in a task after the container
  if (outcome === 'script-load') host.querySelector('script')!.dispatchEvent(new Event('error'));
  else vi.advanceTimersByTime(100);
  dispose();
  host.remove();
  expect(onError).toHaveBeenCalledTimes(1);
  return onError.mock.calls[0]![0] as HelpdeskyError;
}

const cases = [
  ['http', () => failureOf(() => new HttpResponse(null, { status: 502 }))],
  ['unauthenticated', () => failureOf(() => new HttpResponse(null, { status: 401 }))],
  ['invalid-response', () => failureOf(() => HttpResponse.html('<!doctype html><div id="root"></div>'))],
  ['invalid-response', () => failureOf(() => HttpResponse.json({ ...alice, signature: 'abc' }))],
  ['network', () => failureOf(() => HttpResponse.error())],
  ['script-load', () => embedFailureOf('script-load')],
  ['timeout', () => embedFailureOf('timeout')],
] as const;

describe('in development', () => {
  it.each(cases)('a %s error says how to fix it', async (code, fail) => {
    const error = await fail();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(/^\[helpdesky\] /);
    // Each piece of advice is a sentence with a verb telling the developer what to do.
    expect(error.message).toMatch(/sign in|Check|Mount|must be|blocked it|allow its origin|Allowed Embed Domains/);
    expect(error.message).not.toContain(TROUBLESHOOTING);
  });
});

describe('in a production build', () => {
  it.each(cases)('a %s error keeps its code and the facts, and links to Troubleshooting', async (code, fail) => {
    vi.stubEnv('NODE_ENV', 'production');
    const error = await fail();
    expect(error.code).toBe(code);
    expect(error.message).toMatch(new RegExp(`^\\[helpdesky\\] ${code}: \\S`));
    expect(error.message.endsWith(`(see ${TROUBLESHOOTING})`)).toBe(true);
    expect(error.message).not.toMatch(/Check the|Mount the|Allowed Embed Domains|ad blocker/);
  });

  it('names the endpoint, its status and the broken field', async () => {
    vi.stubEnv('NODE_ENV', 'production');
    const http = await failureOf(() => new HttpResponse(null, { status: 502 }));
    expect(http.message).toContain(`${endpoint} answered 502`);
    expect(http.status).toBe(502);
    const html = await failureOf(() => HttpResponse.html('<!doctype html>'));
    expect(html.message).toContain(`${endpoint} answered HTML`);
    const field = await failureOf(() => HttpResponse.json({ ...alice, signature: 'abc' }));
    expect(field.message).toContain('"signature" must be 64 lowercase hex characters');
    expect(embedFailureOf('timeout').message).toContain('nothing rendered within 100 ms');
    expect(embedFailureOf('script-load').message).toContain('https://helpdesky.io/ticket-center.js');
  });
});
