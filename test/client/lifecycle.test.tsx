import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode } from 'react';
import { QueryClient } from '@tanstack/react-query';
import { http, HttpResponse, delay } from 'msw';
import { HelpdeskyTicketCenter, helpdeskyIdentityQueryOptions, preloadHelpdeskyTicketCenter } from 'helpdesky-react';
import { server } from './server.js';
import { alice, bob, ENDPOINT } from './handlers.js';
import { newQueryClient, renderTicketCenter } from './render.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';

let vendor: SimulatedVendor;
afterEach(() => vendor?.stop());

describe('on unmount', () => {
  it.each(['while embedding', 'once ready'])(
    '%s, leaves nothing behind: no script, preload link, container, content, observer, listener or timer',
    async (when) => {
      vendor = simulateVendor('manual');
      const observers = new Set<MutationObserver>();
      let observed = 0;
      const observe = MutationObserver.prototype.observe;
      const disconnect = MutationObserver.prototype.disconnect;
      vi.spyOn(MutationObserver.prototype, 'observe').mockImplementation(function (
        this: MutationObserver,
        target,
        options,
      ) {
        observers.add(this);
        observed++;
        return observe.call(this, target, options);
      });
      vi.spyOn(MutationObserver.prototype, 'disconnect').mockImplementation(function (this: MutationObserver) {
        observers.delete(this);
        return disconnect.call(this);
      });
      // Listeners on script elements that were added and not removed since.
      const listening = new Set<string>();
      const ids = new Map<unknown, number>();
      const id = (thing: unknown) => (ids.has(thing) ? ids.get(thing) : ids.set(thing, ids.size).get(thing));
      const keyOf = (target: unknown, type: string, listener: unknown) => `${id(target)} ${type} ${id(listener)}`;
      const add = EventTarget.prototype.addEventListener;
      const remove = EventTarget.prototype.removeEventListener;
      vi.spyOn(EventTarget.prototype, 'addEventListener').mockImplementation(function (
        this: EventTarget,
        type,
        listener,
        options,
      ) {
        if (this instanceof HTMLScriptElement) listening.add(keyOf(this, type, listener));
        return add.call(this, type, listener, options);
      });
      vi.spyOn(EventTarget.prototype, 'removeEventListener').mockImplementation(function (
        this: EventTarget,
        type,
        listener,
        options,
      ) {
        if (this instanceof HTMLScriptElement) listening.delete(keyOf(this, type, listener));
        return remove.call(this, type, listener, options);
      });
      const onError = vi.fn();

      const { unmount, root } = renderTicketCenter({ onError, readyTimeoutMs: 100 });
      await waitFor(() => expect(vendor.inserted).toHaveLength(1));
      if (when === 'once ready') {
        vendor.settle(vendor.inserted[0]!, 'render');
        await screen.findByText(`Conversations of ${alice.email}`);
      } else {
        expect(root()).toHaveAttribute('data-state', 'embedding');
      }
      const container = document.getElementById('hdh-ticket-center')!;
      const script = vendor.inserted[0]!;
      unmount();
      vi.restoreAllMocks();

      // Detached by the component itself, not only with React's wrapper: nothing holds them.
      expect(script.parentNode).toBeNull();
      expect(container.parentNode).toBeNull();
      expect(container.childNodes).toHaveLength(0);
      expect(document.querySelectorAll('script, link')).toHaveLength(0);
      expect(document.getElementById('hdh-ticket-center')).toBeNull();
      expect(document.body).not.toHaveTextContent(alice.email);
      expect(vendor.inserted[0]!.isConnected).toBe(false);
      expect(observed).toBeGreaterThan(0);
      expect(observers.size).toBe(0);
      expect(ids.size).toBeGreaterThan(0);
      expect([...listening]).toEqual([]);
      await new Promise((r) => setTimeout(r, 200)); // the ready timeout would have fired by now
      expect(onError).not.toHaveBeenCalled();
    },
  );

  it('does not let a script that was still downloading embed anything later', async () => {
    vendor = simulateVendor('manual');
    const { unmount } = renderTicketCenter();
    await waitFor(() => expect(vendor.inserted).toHaveLength(1));
    const script = vendor.inserted[0]!;
    unmount();

    // The user comes back (a new mount owns the container id) before the old download finishes.
    renderTicketCenter();
    await waitFor(() => expect(vendor.inserted).toHaveLength(2));
    vendor.settle(script, 'render'); // the stale script executes late, as browsers do
    expect(script).not.toHaveAttribute('data-email');
    expect(script).not.toHaveAttribute('data-signature');
    expect(document.getElementById('hdh-ticket-center')).toBeEmptyDOMElement();
  });
});

describe('in React StrictMode', () => {
  it('inserts and executes the vendor script once per identity', async () => {
    vendor = simulateVendor('render');
    const { root } = renderTicketCenter({}, { strict: true });
    await screen.findByText(`Conversations of ${alice.email}`);
    await new Promise((r) => setTimeout(r, 50));

    expect(vendor.inserted).toHaveLength(1);
    expect(vendor.executions).toBe(1);
    expect(vendor.scriptsInDocument()).toBe(1);
    expect(root()).toHaveAttribute('data-state', 'ready');
  });

  it('inserts and executes it once when the identity is already cached at mount', async () => {
    vendor = simulateVendor('render');
    const queryClient = newQueryClient();
    await preloadHelpdeskyTicketCenter({ endpoint: ENDPOINT, queryClient });
    renderTicketCenter({ queryClient }, { strict: true });
    await screen.findByText(`Conversations of ${alice.email}`);
    await new Promise((r) => setTimeout(r, 50));

    expect(vendor.inserted).toHaveLength(1);
    expect(vendor.executions).toBe(1);
  });

  it('keeps one script through twenty unmount and mount round trips', async () => {
    vendor = simulateVendor('render');
    const queryClient = newQueryClient();
    for (let visit = 1; visit <= 20; visit++) {
      const { unmount } = renderTicketCenter({ queryClient });
      await screen.findByText(`Conversations of ${alice.email}`);
      expect(vendor.scriptsInDocument()).toBe(1);
      unmount();
      expect(vendor.scriptsInDocument()).toBe(0);
    }
    expect(vendor.inserted).toHaveLength(20);
    expect(vendor.executions).toBe(20);
  });
});

describe('when the user changes', () => {
  it('tears the previous user down completely before embedding the next one', async () => {
    vendor = simulateVendor('render');
    const { queryClient } = renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    server.use(http.get(`*${ENDPOINT}`, () => HttpResponse.json(bob)));
    await act(() => queryClient!.invalidateQueries());

    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
    expect(vendor.textAtInsert[1]).not.toContain(alice.email);
    expect(document.body).not.toHaveTextContent(alice.email);
    expect(vendor.scriptsInDocument()).toBe(1);
    expect(vendor.inserted[1]).toHaveAttribute('data-email', bob.email);
  });

  it('shows the sign-in state, with nothing of the user left, once the endpoint says 401', async () => {
    vendor = simulateVendor('render');
    const { queryClient, root } = renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    server.use(http.get(`*${ENDPOINT}`, () => new HttpResponse(null, { status: 401 })));
    await act(() => queryClient!.invalidateQueries());

    expect(await screen.findByRole('alert')).toHaveTextContent(/sign in/i);
    expect(root()).toHaveAttribute('data-state', 'error');
    expect(document.body).not.toHaveTextContent(alice.email);
    expect(document.querySelectorAll('script')).toHaveLength(0);
  });

  it('embeds the identity of a new endpoint after removing the old one', async () => {
    vendor = simulateVendor('render');
    server.use(http.get('*/api/bob', () => HttpResponse.json(bob)));
    const { rerenderWith } = renderTicketCenter();
    await screen.findByText(`Conversations of ${alice.email}`);

    rerenderWith({ endpoint: '/api/bob' });
    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
    expect(vendor.textAtInsert[1]).not.toContain(alice.email);
    expect(vendor.scriptsInDocument()).toBe(1);
  });

  it('never embeds a cached identity from an earlier visit before the endpoint confirms it', async () => {
    vendor = simulateVendor('render');
    const queryClient = newQueryClient();
    // Alice's visit a minute ago left her identity in the cache; Bob has signed in since.
    queryClient.setQueryData(helpdeskyIdentityQueryOptions({ endpoint: ENDPOINT }).queryKey, alice, {
      updatedAt: Date.now() - 60_000,
    });
    server.use(http.get(`*${ENDPOINT}`, async () => (await delay(60), HttpResponse.json(bob))));
    const { root } = renderTicketCenter({ queryClient });

    expect(root()).toHaveAttribute('data-state', 'loading');
    expect(document.body).not.toHaveTextContent(alice.email);
    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
    expect(vendor.inserted.map((s) => s.getAttribute('data-email'))).toEqual([bob.email]);
  });

  it('never embeds an identity invalidated by a sign-in on another page, however recent', async () => {
    vendor = simulateVendor('render');
    const queryClient = newQueryClient();
    await preloadHelpdeskyTicketCenter({ endpoint: ENDPOINT, queryClient });
    // Bob signs in elsewhere in the app, which invalidates the (inactive) identity as the README says.
    server.use(http.get(`*${ENDPOINT}`, async () => (await delay(60), HttpResponse.json(bob))));
    await queryClient.invalidateQueries({ queryKey: helpdeskyIdentityQueryOptions({ endpoint: ENDPOINT }).queryKey });
    const { root } = renderTicketCenter({ queryClient });

    expect(root()).toHaveAttribute('data-state', 'loading');
    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
    expect(vendor.inserted.map((s) => s.getAttribute('data-email'))).toEqual([bob.email]);
  });

  it('embeds an identity preloaded moments ago without fetching it again', async () => {
    vendor = simulateVendor('render');
    let requests = 0;
    server.use(http.get(`*${ENDPOINT}`, () => (requests++, HttpResponse.json(alice))));
    const queryClient = newQueryClient();

    await preloadHelpdeskyTicketCenter({ endpoint: ENDPOINT, queryClient });
    expect(document.head.querySelector('link[rel="preload"][as="script"]')).toHaveAttribute(
      'href',
      'https://helpdesky.io/ticket-center.js',
    );
    const { root } = renderTicketCenter({ queryClient });
    expect(root()).toHaveAttribute('data-state', 'embedding');
    await screen.findByText(`Conversations of ${alice.email}`);
    expect(requests).toBe(1);
  });
});

describe('given two instances with the same containerId', () => {
  it('embeds the first and shows a duplicate-container error in the second, reported once, to onError only', async () => {
    vendor = simulateVendor('render');
    const warn = vi.spyOn(console, 'warn');
    const consoleError = vi.spyOn(console, 'error');
    const onError = vi.fn();
    const queryClient = newQueryClient();
    render(
      <StrictMode>
        <HelpdeskyTicketCenter endpoint={ENDPOINT} queryClient={queryClient} />
        <HelpdeskyTicketCenter endpoint={ENDPOINT} queryClient={queryClient} onError={onError} />
      </StrictMode>,
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('Support is already open elsewhere on this page.');
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError.mock.calls[0]![0].code).toBe('duplicate-container');
    expect(onError.mock.calls[0]![0].message).toMatch(/id="hdh-ticket-center".*containerId/);
    // onError was given: nothing in the console.
    expect(warn).not.toHaveBeenCalled();
    expect(consoleError).not.toHaveBeenCalled();
    expect(document.querySelectorAll('#hdh-ticket-center')).toHaveLength(1);
    expect(vendor.scriptsInDocument()).toBe(1);
    // "Try again" would only refetch the identity both share, and re-embed the working one.
    expect(screen.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    warn.mockRestore();
    consoleError.mockRestore();
  });

  it('logs the duplicate once in development when there is no onError', async () => {
    vendor = simulateVendor('render');
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
    const warn = vi.spyOn(console, 'warn');
    const queryClient = newQueryClient();
    render(
      <StrictMode>
        <HelpdeskyTicketCenter endpoint={ENDPOINT} queryClient={queryClient} />
        <HelpdeskyTicketCenter endpoint={ENDPOINT} queryClient={queryClient} />
      </StrictMode>,
    );
    await screen.findByRole('alert');
    await waitFor(() => expect(consoleError).toHaveBeenCalledTimes(1));
    expect(consoleError.mock.calls[0]![0]).toMatchObject({ code: 'duplicate-container' });
    expect(warn).not.toHaveBeenCalled();
    consoleError.mockRestore();
    warn.mockRestore();
  });
});

describe("whatever the host QueryClient's defaults", () => {
  it('refetches an old cached identity on mount, even with refetchOnMount: false', async () => {
    vendor = simulateVendor('render');
    const requests: Request[] = [];
    server.use(http.get(`*${ENDPOINT}`, ({ request }) => (requests.push(request), HttpResponse.json(alice))));
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnMount: false } } });
    const { queryKey } = helpdeskyIdentityQueryOptions({ endpoint: ENDPOINT });
    queryClient.setQueryData(queryKey, bob, { updatedAt: Date.now() - 60_000 }); // an earlier visit's

    renderTicketCenter({ queryClient });
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    // StrictMode's first mount starts a request that its unmount cancels.
    expect(requests.filter((request) => !request.signal.aborted)).toHaveLength(1);
    expect(vendor.inserted.map((script) => script.dataset.email)).toEqual([alice.email]);
  });

  it('keeps the panel through a refetch of the same identity, even with structuralSharing: false', async () => {
    vendor = simulateVendor('render');
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, structuralSharing: false } } });
    const { queryKey } = helpdeskyIdentityQueryOptions({ endpoint: ENDPOINT });

    renderTicketCenter({ queryClient });
    await screen.findByText(`Conversations of ${alice.email}`);
    await act(() => queryClient.refetchQueries({ queryKey }));
    await new Promise((r) => setTimeout(r, 50)); // a re-embed would insert its script by now
    expect(vendor.inserted).toHaveLength(1);
    expect(vendor.executions).toBe(1);
    expect(screen.getByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
  });
});
