import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse, delay } from 'msw';
import { server } from './server.js';
import { alice, ENDPOINT } from './handlers.js';
import { preloadHelpdeskyTicketCenter } from 'helpdesky-react';
import { newQueryClient, renderTicketCenter } from './render.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';

let vendor: SimulatedVendor;
afterEach(() => vendor?.stop());

const preloadLinks = () => document.head.querySelectorAll('link[rel="preload"][as="script"]');

describe('embedding the Ticket Center', () => {
  it('renders the container first, then one classic script carrying the identity', async () => {
    vendor = simulateVendor('render');
    renderTicketCenter();

    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(vendor.inserted).toHaveLength(1);
    expect(vendor.containerAtInsert).toEqual([true]);
    const script = vendor.inserted[0]!;
    expect(script.getAttribute('src')).toBe('https://helpdesky.io/ticket-center.js');
    expect(script.type).toBe('');
    expect(script.dataset).toMatchObject({
      helpdeskId: alice.helpdeskId,
      email: alice.email,
      signature: alice.signature,
      container: 'hdh-ticket-center',
    });
    for (const optional of ['data-align', 'data-max-width', 'nonce']) expect(script).not.toHaveAttribute(optional);
    const container = document.getElementById('hdh-ticket-center')!;
    expect(container.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });

  it('passes containerId, align, maxWidth, nonce and scriptSrc through', async () => {
    vendor = simulateVendor('render');
    renderTicketCenter({
      containerId: 'support-panel',
      align: 'left',
      maxWidth: '40rem',
      nonce: 'r4nd0m',
      scriptSrc: 'https://cdn.example.test/ticket-center.js?v=2',
    });

    await screen.findByText(`Conversations of ${alice.email}`);
    const script = vendor.inserted[0]!;
    expect(document.getElementById('support-panel')).toHaveTextContent(alice.email);
    expect(script).toHaveAttribute('data-container', 'support-panel');
    expect(script).toHaveAttribute('data-align', 'left');
    expect(script).toHaveAttribute('data-max-width', '40rem');
    expect(script).toHaveAttribute('nonce', 'r4nd0m');
    expect(script).toHaveAttribute('src', 'https://cdn.example.test/ticket-center.js?v=2');
  });

  it('hints the script while the identity is in flight, and drops the hint when done', async () => {
    vendor = simulateVendor('render');
    server.use(http.get(`*${ENDPOINT}`, async () => (await delay(80), HttpResponse.json(alice))));
    const { unmount } = renderTicketCenter({ nonce: 'n1' });

    await waitFor(() => expect(preloadLinks()).toHaveLength(1));
    expect(preloadLinks()[0]).toHaveAttribute('href', 'https://helpdesky.io/ticket-center.js');
    expect(preloadLinks()[0]).toHaveAttribute('nonce', 'n1');
    expect(vendor.inserted).toHaveLength(0);

    await screen.findByText(`Conversations of ${alice.email}`);
    expect(preloadLinks()).toHaveLength(0);
    unmount();
    expect(preloadLinks()).toHaveLength(0);
  });

  it('keeps one hint per script URL however often a link is hovered, and drops it after the last', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const queryClient = newQueryClient();
      const hovers = Array.from({ length: 5 }, () =>
        preloadHelpdeskyTicketCenter({ endpoint: ENDPOINT, queryClient, nonce: 'n1' }),
      );
      expect(preloadLinks()).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(100);
      await Promise.all(hovers);
      expect(preloadLinks()).toHaveLength(1);
      await vi.advanceTimersByTimeAsync(10_000);
      expect(preloadLinks()).toHaveLength(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is ready when the embed renders into its container: data-state and onReady, once', async () => {
    vendor = simulateVendor('manual');
    const onReady = vi.fn();
    const { root } = renderTicketCenter({ onReady });

    await waitFor(() => expect(vendor.inserted).toHaveLength(1));
    expect(root()).toHaveAttribute('data-state', 'embedding');
    expect(screen.getByRole('status')).toBeInTheDocument();
    expect(onReady).not.toHaveBeenCalled();

    vendor.settle(vendor.inserted[0]!, 'render');
    await waitFor(() => expect(root()).toHaveAttribute('data-state', 'ready'));
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    await waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
  });
});

describe('given a blocked script', () => {
  it('shows a script-load error, and "Try again" starts over with a new script', async () => {
    vendor = simulateVendor('manual');
    const onError = vi.fn();
    const { root } = renderTicketCenter({ onError });
    await waitFor(() => expect(vendor.inserted).toHaveLength(1));
    vendor.settle(vendor.inserted[0]!, 'fail');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/ad blocker/i);
    expect(root()).toHaveAttribute('data-state', 'error');
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    const error = onError.mock.calls[0]![0];
    expect(error.code).toBe('script-load');
    expect(error.message).toMatch(/^\[helpdesky\] .*ad blocker.*Content-Security-Policy.*network/);

    await userEvent.click(screen.getByRole('button', { name: /try again/i }));
    await waitFor(() => expect(vendor.inserted).toHaveLength(2));
    expect(vendor.inserted[0]!.isConnected).toBe(false);
    expect(vendor.scriptsInDocument()).toBe(1);
    vendor.settle(vendor.inserted[1]!, 'render');
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});

describe('given an embed that renders nothing', () => {
  it('times out after readyTimeoutMs with a message pointing at the dashboard settings', async () => {
    vendor = simulateVendor('nothing');
    const onError = vi.fn();
    const { root } = renderTicketCenter({ onError, readyTimeoutMs: 150 });

    await waitFor(() => expect(vendor.executions).toBe(1));
    expect(root()).toHaveAttribute('data-state', 'embedding');
    expect(await screen.findByRole('alert')).toHaveTextContent('Support did not respond in time.');
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    const error = onError.mock.calls[0]![0];
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/150 ms.*messaging is enabled.*Allowed Embed Domains/);
  });
});

describe('readyTimeoutMs', () => {
  afterEach(() => vi.useRealTimers());

  it('defaults to 15 seconds', async () => {
    // Fake timeouts that also move with real time, so the fetch and React go on as usual.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    vendor = simulateVendor('nothing');
    const { root } = renderTicketCenter();
    await waitFor(() => expect(vendor.executions).toBe(1));

    act(() => vi.advanceTimersByTime(14_000));
    expect(root()).toHaveAttribute('data-state', 'embedding');
    act(() => vi.advanceTimersByTime(1_000));
    expect(await screen.findByRole('alert')).toHaveTextContent('Support did not respond in time.');
  });
});

describe('custom fallbacks and styling', () => {
  it('renders loadingFallback, then errorFallback with the error and a working retry', async () => {
    vendor = simulateVendor('manual');
    let status = 500;
    server.use(
      http.get(`*${ENDPOINT}`, () => (status === 200 ? HttpResponse.json(alice) : new HttpResponse(null, { status }))),
    );
    renderTicketCenter({
      loadingFallback: <p>Fetching your tickets</p>,
      errorFallback: ({ error, retry }) => (
        <button type="button" onClick={retry}>
          Failed with {error.code} {error.status}; retry
        </button>
      ),
      className: 'support',
      style: { minHeight: 300 },
    });

    expect(screen.getByText('Fetching your tickets')).toBeInTheDocument();
    const button = await screen.findByRole('button', { name: 'Failed with http 500; retry' }, { timeout: 3000 });
    expect(button.closest('[data-state]')).toHaveClass('support');
    expect(button.closest('[data-state]')).toHaveStyle({ minHeight: '300px' });
    status = 200;
    await userEvent.click(button);
    expect(await screen.findByText('Fetching your tickets')).toBeInTheDocument();
    await waitFor(() => expect(vendor.inserted).toHaveLength(1));
  });

  it('renders a node errorFallback as given', async () => {
    server.use(http.get(`*${ENDPOINT}`, () => new HttpResponse(null, { status: 401 })));
    renderTicketCenter({ errorFallback: <a href="/login">Log in for support</a> });
    expect(await screen.findByRole('link', { name: 'Log in for support' })).toBeInTheDocument();
  });
});
