import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { server } from './server.js';
import { alice, ENDPOINT } from './handlers.js';
import { renderTicketCenter } from './render.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';
import type { HelpdeskyError } from 'helpdesky-react';

let vendor: SimulatedVendor;
afterEach(() => vendor?.stop());

/**
 * Answers the endpoint with `respond`. Returns the requests that were not aborted: StrictMode's
 * first mount starts a request that its unmount cancels, as TanStack Query does for any query.
 */
function endpointAnswers(respond: (request: Request) => Response | Promise<Response>) {
  const requests: Request[] = [];
  const times: number[] = [];
  server.use(
    http.get(`*${ENDPOINT}`, ({ request }) => {
      requests.push(request);
      times.push(performance.now());
      return respond(request);
    }),
  );
  return {
    get length() {
      return requests.filter((r) => !r.signal.aborted).length;
    },
    /** Milliseconds between one request that was not aborted and the next. */
    get gaps() {
      const kept = times.filter((_, i) => !requests[i]!.signal.aborted);
      return kept.slice(1).map((time, i) => time - kept[i]!);
    },
    get last() {
      return requests.at(-1)!;
    },
  };
}

async function errorOf(onError: ReturnType<typeof vi.fn>): Promise<HelpdeskyError> {
  await waitFor(() => expect(onError).toHaveBeenCalled());
  return onError.mock.calls[0]![0] as HelpdeskyError;
}

describe('fetching the identity', () => {
  it('announces loading accessibly until the identity arrives', async () => {
    vendor = simulateVendor('render');
    let answer!: () => void;
    endpointAnswers(() => new Promise((resolve) => (answer = () => resolve(HttpResponse.json(alice)))));
    const { root } = renderTicketCenter();

    expect(await screen.findByRole('status')).toHaveTextContent(/loading/i);
    expect(root()).toHaveAttribute('data-state', 'loading');
    answer();
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(root()).toHaveAttribute('data-state', 'ready');
    // The live region stays, empty: its next change of text will be announced.
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('GETs the endpoint asking for JSON, with same-origin credentials by default', async () => {
    vendor = simulateVendor('render');
    const requests = endpointAnswers(() => HttpResponse.json(alice));
    renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    expect(requests.length).toBe(1);
    expect(requests.last.method).toBe('GET');
    expect(requests.last.headers.get('accept')).toBe('application/json');
    expect(requests.last.credentials).toBe('same-origin');
  });

  it('sends what an async fetchOptions function returns, such as a bearer token', async () => {
    vendor = simulateVendor('render');
    const requests = endpointAnswers((request) =>
      request.headers.get('authorization') === 'Bearer t0ken'
        ? HttpResponse.json(alice)
        : new HttpResponse(null, { status: 401 }),
    );
    renderTicketCenter({
      fetchOptions: async () => ({ headers: { Authorization: 'Bearer t0ken' }, credentials: 'omit' }),
    });

    await screen.findByText(`Conversations of ${alice.email}`);
    expect(requests.last.credentials).toBe('omit');
  });

  it('sends a plain fetchOptions object, such as credentials for an endpoint on another origin', async () => {
    vendor = simulateVendor('render');
    const requests = endpointAnswers(() => HttpResponse.json(alice));
    renderTicketCenter({ fetchOptions: { credentials: 'include', headers: { 'X-Requested-With': 'helpdesky' } } });

    await screen.findByText(`Conversations of ${alice.email}`);
    expect(requests.last.credentials).toBe('include');
    expect(requests.last.headers.get('x-requested-with')).toBe('helpdesky');
    expect(requests.last.headers.get('accept')).toBe('application/json');
  });

  it('aborts the request when unmounted', async () => {
    let aborted = false;
    endpointAnswers(
      ({ signal }) =>
        new Promise<Response>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
            resolve(HttpResponse.error());
          });
        }),
    );
    const { unmount } = renderTicketCenter();
    await screen.findByRole('status');
    await new Promise((r) => setTimeout(r, 20));
    unmount();
    await waitFor(() => expect(aborted).toBe(true));
  });
});

describe('given a 401 or 403 from the endpoint', () => {
  it.each([
    [401, 'unauthenticated'],
    [403, 'forbidden'],
  ])('%i asks the user to sign in, once, without retrying', async (status, code) => {
    const requests = endpointAnswers(() => HttpResponse.json({ error: 'nope' }, { status }));
    const onError = vi.fn();
    const { root } = renderTicketCenter({ onError });

    expect(await screen.findByRole('alert')).toHaveTextContent(/sign in/i);
    expect(root()).toHaveAttribute('data-state', 'error');
    expect(screen.queryByRole('button', { name: /try again/i })).not.toBeInTheDocument();
    const error = await errorOf(onError);
    expect(error).toMatchObject({ name: 'HelpdeskyError', code, status });
    expect(error.message).toMatch(/^\[helpdesky\] .*\/api\/helpdesky.*sign in/);
    await new Promise((r) => setTimeout(r, 600));
    expect(requests.length).toBe(1);
    expect(onError).toHaveBeenCalledTimes(1);
  });
});

describe('given a failing server or network', () => {
  it('retries a 500 twice with backoff, then offers "Try again", which works', async () => {
    let failing = true;
    const requests = endpointAnswers(() =>
      failing ? new HttpResponse('boom', { status: 500 }) : HttpResponse.json(alice),
    );
    vendor = simulateVendor('render');
    const onError = vi.fn();
    renderTicketCenter({ onError });

    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('Support is unavailable right now.');
    expect(requests.length).toBe(3);
    // Backoff: 400 ms, then 800 ms (timers never fire early; a busy machine only adds).
    const [first, second] = requests.gaps;
    expect(first).toBeGreaterThanOrEqual(390);
    expect(second).toBeGreaterThanOrEqual(790);
    expect(await errorOf(onError)).toMatchObject({ code: 'http', status: 500 });

    failing = false;
    await userEvent.click(screen.getByRole('button', { name: /try again/i }));
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('retries an unreachable endpoint twice, then reports a network error with "Try again"', async () => {
    const requests = endpointAnswers(() => HttpResponse.error());
    const onError = vi.fn();
    renderTicketCenter({ onError });

    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('Support is unavailable right now.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
    expect(requests.length).toBe(3);
    const error = await errorOf(onError);
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/^\[helpdesky\] The identity endpoint \/api\/helpdesky could not be reached/);
  });
});

describe('given a 404 or another 4xx', () => {
  it('fails at once, without retrying: the same request would get the same answer', async () => {
    const requests = endpointAnswers(() => new HttpResponse('Not Found', { status: 404 }));
    const onError = vi.fn();
    renderTicketCenter({ onError });

    expect(await screen.findByRole('alert')).toHaveTextContent('Support is unavailable right now.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
    expect(await errorOf(onError)).toMatchObject({ code: 'http', status: 404 });
    await new Promise((r) => setTimeout(r, 600)); // past the first retry's 400 ms
    expect(requests.length).toBe(1);
  });
});

describe('given a malformed answer', () => {
  const cases: [string, () => Response, RegExp][] = [
    [
      'an HTML page (the route is not mounted)',
      () => HttpResponse.html('<!doctype html><html><body><div id="root"></div></body></html>'),
      /answered HTML.*answered an HTML page.*not mounted.*Mount the identity handler/,
    ],
    ['text that is not JSON', () => HttpResponse.text('ok'), /not JSON/],
    ['a JSON array', () => HttpResponse.json([alice]), /expected a JSON object/],
    ['a missing email', () => HttpResponse.json({ ...alice, email: undefined }), /"email" must be a non-empty string/],
    [
      'an empty helpdeskId',
      () => HttpResponse.json({ ...alice, helpdeskId: '  ' }),
      /"helpdeskId" must be a non-empty string/,
    ],
    [
      'a numeric signature',
      () => HttpResponse.json({ ...alice, signature: 42 }),
      /"signature" must be a non-empty string/,
    ],
    [
      'a signature that is not 64 hex characters',
      () => HttpResponse.json({ ...alice, signature: 'zz' + alice.signature.slice(2) }),
      /"signature" must be 64 lowercase hex characters/,
    ],
    [
      'a base64 signature',
      () => HttpResponse.json({ ...alice, signature: 'q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJ+8=' }),
      /"signature" must be 64 lowercase hex/,
    ],
  ];

  it.each(cases)(
    'rejects %s as invalid-response naming the endpoint, without retrying',
    async (_, respond, message) => {
      const requests = endpointAnswers(respond);
      vendor = simulateVendor('render');
      const onError = vi.fn();
      renderTicketCenter({ onError });

      expect(await screen.findByRole('alert')).toBeInTheDocument();
      const error = await errorOf(onError);
      expect(error.code).toBe('invalid-response');
      expect(error.status).toBe(200);
      expect(error.message).toMatch(/^\[helpdesky\] The identity endpoint \/api\/helpdesky answered/);
      expect(error.message).toMatch(message);
      expect(requests.length).toBe(1);
      expect(vendor.inserted).toHaveLength(0);
    },
  );
});
