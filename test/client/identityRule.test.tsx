// "One user's tickets are never shown to another", with a host that never resets anything.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse, delay } from 'msw';
import { HelpdeskyTicketCenter, preloadHelpdeskyTicketCenter, resetHelpdeskyIdentity } from 'helpdesky-react';
import { render } from '@testing-library/react';
import { getDefaultQueryClient } from '../../src/react/getDefaultQueryClient.js';
import { server } from './server.js';
import { alice, bob, ENDPOINT } from './handlers.js';
import { newQueryClient, renderTicketCenter } from './render.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';

let vendor: SimulatedVendor;
afterEach(() => {
  vendor?.stop();
  getDefaultQueryClient().clear();
});

/** The session: who the endpoint answers for, and how many answers it gave. */
function session(user: typeof alice | null, latencyMs = 0) {
  const requests: Request[] = [];
  const state = {
    user,
    /** Requests answered and not cancelled (StrictMode's first mount starts one that its unmount cancels). */
    get answers() {
      return requests.filter((request) => !request.signal.aborted).length;
    },
  };
  server.use(
    http.get(`*${ENDPOINT}`, async ({ request }) => {
      requests.push(request);
      if (latencyMs) await delay(latencyMs);
      return state.user ? HttpResponse.json(state.user) : HttpResponse.json({ error: 'signed out' }, { status: 401 });
    }),
  );
  return state;
}

/** Records every node or attribute added from now on that mentions `text`. */
function watchFor(text: string) {
  const seen: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const value = (record.target as Element).getAttribute(record.attributeName!);
        if (value?.includes(text)) seen.push(`${record.attributeName}="${value}"`);
      }
      for (const node of record.addedNodes) {
        const markup = node instanceof Element ? node.outerHTML : node.textContent;
        if (markup?.includes(text)) seen.push(markup);
      }
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
  return {
    seen: () => (seen.push(...(observer.takeRecords().length ? ['(late records)'] : [])), seen),
    stop: () => observer.disconnect(),
  };
}

const returnToTab = () => act(() => void document.dispatchEvent(new Event('visibilitychange')));

describe('a Ticket Center mounted again soon after showing a panel', () => {
  it('waits for the endpoint before embedding anything: the previous user never shows', async () => {
    vendor = simulateVendor('render');
    const who = session(alice);
    const queryClient = newQueryClient();
    const first = renderTicketCenter({ queryClient });
    await screen.findByText(`Conversations of ${alice.email}`);
    first.unmount();

    // Bob signs in on another page of the app; the app resets nothing. Back to Support at once.
    who.user = bob;
    server.use(http.get(`*${ENDPOINT}`, async () => (await delay(50), HttpResponse.json(bob))));
    const watch = watchFor(alice.email);
    const { root } = renderTicketCenter({ queryClient });

    expect(root()).toHaveAttribute('data-state', 'loading');
    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
    expect(watch.seen()).toEqual([]);
    watch.stop();
    expect(vendor.inserted.map((script) => script.dataset.email)).toEqual([alice.email, bob.email]);
  });

  it('asks again even when the same user comes back, and shows the panel once answered', async () => {
    vendor = simulateVendor('render');
    const who = session(alice, 30);
    const queryClient = newQueryClient();
    const first = renderTicketCenter({ queryClient });
    await screen.findByText(`Conversations of ${alice.email}`);
    first.unmount();

    const { root } = renderTicketCenter({ queryClient });
    expect(root()).toHaveAttribute('data-state', 'loading');
    await screen.findByText(`Conversations of ${alice.email}`);
    expect(who.answers).toBe(2);
  });

  it('embeds a preloaded identity only once without asking: the next mount asks', async () => {
    vendor = simulateVendor('render');
    const who = session(alice);
    const queryClient = newQueryClient();
    await preloadHelpdeskyTicketCenter({ endpoint: ENDPOINT, queryClient });
    const first = renderTicketCenter({ queryClient });
    expect(first.root()).toHaveAttribute('data-state', 'embedding');
    await screen.findByText(`Conversations of ${alice.email}`);
    expect(who.answers).toBe(1);
    first.unmount();

    const second = renderTicketCenter({ queryClient });
    expect(second.root()).toHaveAttribute('data-state', 'loading');
    await screen.findByText(`Conversations of ${alice.email}`);
    expect(who.answers).toBe(2);
  });
});

describe('returning to the tab while a panel is shown', () => {
  it('revalidates quietly: the same answer changes nothing on screen', async () => {
    vendor = simulateVendor('render');
    const who = session(alice);
    const { root } = renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);
    const states: string[] = [];
    const observer = new MutationObserver(() => states.push(root().dataset.state!));
    observer.observe(root(), { attributes: true, childList: true, subtree: true });

    await returnToTab();
    await waitFor(() => expect(who.answers).toBe(2));
    await act(() => new Promise((r) => setTimeout(r, 50)));
    observer.disconnect();

    expect(states).toEqual([]); // no loading flash, no re-embed
    expect(vendor.inserted).toHaveLength(1);
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
  });

  it('makes one request when the tab becomes visible and the window gets focus together', async () => {
    vendor = simulateVendor('render');
    const who = session(alice, 30);
    renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    await act(() => {
      document.dispatchEvent(new Event('visibilitychange'));
      window.dispatchEvent(new Event('focus'));
    });
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect(who.answers).toBe(2);
  });

  it.each([
    ['the tab becomes visible', returnToTab],
    ['the window gets focus', () => act(() => void window.dispatchEvent(new Event('focus')))],
  ])('shows the new user at once when %s after a switch in another tab', async (_, comeBack) => {
    vendor = simulateVendor('render');
    const who = session(alice);
    renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    who.user = bob; // another tab signed Bob in
    const watch = watchFor(alice.email);
    await comeBack();

    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(alice.email);
    expect(watch.seen()).toEqual([]);
    watch.stop();
    expect(vendor.scriptsInDocument()).toBe(1);
  });

  it('tears the panel down and asks to sign in after a sign-out in another tab', async () => {
    vendor = simulateVendor('render');
    const who = session(alice);
    const { root } = renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    who.user = null;
    await returnToTab();

    expect(await screen.findByRole('alert')).toHaveTextContent(/sign in/i);
    expect(root()).toHaveAttribute('data-state', 'error');
    expect(document.body).not.toHaveTextContent(alice.email);
    expect(document.querySelectorAll('script, #hdh-ticket-center')).toHaveLength(0);
  });

  it('keeps the panel when the revalidation only fails on the network', async () => {
    vendor = simulateVendor('render');
    session(alice);
    const queryClient = newQueryClient();
    renderTicketCenter({ queryClient, onError: vi.fn() });
    await screen.findByText(`Conversations of ${alice.email}`);

    server.use(http.get(`*${ENDPOINT}`, () => HttpResponse.error()));
    await returnToTab();
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(screen.getByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
  });
});

describe('resetHelpdeskyIdentity', () => {
  it("drops the previous user's panel at once and embeds the new user's, on the host's client", async () => {
    vendor = simulateVendor('render');
    const who = session(alice, 30);
    const { queryClient } = renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    who.user = bob;
    await act(() => void resetHelpdeskyIdentity(queryClient));
    // TanStack Query notifies on its next tick: the loading state is the first thing shown.
    expect(await screen.findByRole('status')).toHaveTextContent(/loading/i);
    expect(document.body).not.toHaveTextContent(alice.email);
    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
  });

  it('uses the private client by default, the one a component without a provider uses', async () => {
    vendor = simulateVendor('render');
    const who = session(alice, 30);
    render(<HelpdeskyTicketCenter endpoint={ENDPOINT} />);
    await screen.findByText(`Conversations of ${alice.email}`);

    who.user = null;
    await act(() => void resetHelpdeskyIdentity());
    expect(await screen.findByRole('alert')).toHaveTextContent(/sign in/i);
    expect(document.body).not.toHaveTextContent(alice.email);
  });
});

describe('given an endpoint that never finishes its answer', () => {
  it('gives up after identityTimeoutMs, retries like a network error, then offers "Try again"', async () => {
    let requests = 0;
    let finish = false;
    server.use(
      http.get(`*${ENDPOINT}`, () => {
        requests++;
        if (finish) return HttpResponse.json(alice);
        // Headers at once, then a body that never ends.
        const body = new ReadableStream({ start: (controller) => controller.enqueue(new TextEncoder().encode('{')) });
        return new HttpResponse(body, { headers: { 'content-type': 'application/json' } });
      }),
    );
    vendor = simulateVendor('render');
    const onError = vi.fn();
    // Not in StrictMode, whose first mount starts a request of its own that its unmount cancels.
    renderTicketCenter({ identityTimeoutMs: 100, onError }, { strict: false });

    expect(await screen.findByRole('alert', {}, { timeout: 4000 })).toHaveTextContent(
      'Support is unavailable right now.',
    );
    expect(requests).toBe(3);
    const error = onError.mock.calls[0]![0];
    expect(error).toMatchObject({ code: 'network' });
    expect(error.message).toMatch(/\/api\/helpdesky did not answer within 100 ms/);

    finish = true;
    await userEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
  });
});

describe('given an endpoint that redirects to a sign-in page', () => {
  it('says so, and that the endpoint should answer 401 instead', async () => {
    server.use(
      http.get(`*${ENDPOINT}`, () => HttpResponse.redirect(new URL('/login', location.href).href, 302)),
      http.get('*/login', () => HttpResponse.html('<!doctype html><form>Sign in</form>')),
    );
    const onError = vi.fn();
    renderTicketCenter({ onError });

    await screen.findByRole('alert');
    const error = onError.mock.calls[0]![0];
    expect(error.code).toBe('invalid-response');
    expect(error.message).toMatch(/answered HTML after a redirect.*probably a sign-in page: answer 401 instead/);
    expect(error.message).not.toMatch(/not mounted/);
  });
});
