// The sibling embeds on the same core: <HelpdeskyContactForm>, <HelpdeskyWidget>, and the
// Ticket Center's signedOutFallback that shows the Contact Form to visitors who are not signed in.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { renderToString } from 'react-dom/server';
import { http, HttpResponse } from 'msw';
import { HelpdeskyContactForm, HelpdeskyTicketCenter, HelpdeskyWidget, resetHelpdeskyIdentity } from 'helpdesky-react';
import { server } from './server.js';
import { alice, ENDPOINT, HELPDESK_ID } from './handlers.js';
import { newQueryClient } from './render.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';

let vendor: SimulatedVendor;
afterEach(() => vendor?.stop());

const shadowForm = () => document.getElementById('hdh-contact-form')?.shadowRoot?.querySelector('form');
const launchers = () => document.querySelectorAll('[data-vendor-widget]');

describe('HelpdeskyContactForm', () => {
  it('embeds the form under StrictMode: container first, one execution, ready once it renders in its shadow root', async () => {
    vendor = simulateVendor('render');
    const onReady = vi.fn();
    const { container } = render(
      <StrictMode>
        <HelpdeskyContactForm helpdeskId={HELPDESK_ID} align="left" maxWidth="480px" onReady={onReady} />
      </StrictMode>,
    );

    await waitFor(() => expect(container.firstElementChild).toHaveAttribute('data-state', 'ready'));
    expect(shadowForm()).toBeTruthy();
    expect(screen.getByRole('status')).toBeEmptyDOMElement();
    expect(vendor.executions).toBe(1);
    expect(vendor.containerAtInsert).toEqual([true]);
    const script = vendor.inserted[0]!;
    expect(script.src).toBe('https://helpdesky.io/contact-form.js');
    expect(script.getAttribute('data-helpdesk-id')).toBe(HELPDESK_ID);
    expect(script.getAttribute('data-container')).toBe('hdh-contact-form');
    expect(script.getAttribute('data-align')).toBe('left');
    expect(script.getAttribute('data-max-width')).toBe('480px');
    expect(script.hasAttribute('data-email')).toBe(false);
    expect(script.hasAttribute('data-signature')).toBe(false);
    await waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
  });

  it('shows the loading state meanwhile, and in the server render, with no script', () => {
    const html = renderToString(<HelpdeskyContactForm helpdeskId={HELPDESK_ID} />);
    expect(html).toContain('data-state="loading"');
    expect(html).toContain('role="status"');
    expect(html).not.toMatch(/<script|hdh-contact-form/);
  });

  it('offers "Try again" after a blocked script, and embeds again', async () => {
    vendor = simulateVendor('fail');
    const onError = vi.fn();
    render(<HelpdeskyContactForm helpdeskId={HELPDESK_ID} onError={onError} />);
    const tryAgain = await screen.findByRole('button', { name: 'Try again' });
    expect(screen.getByRole('alert')).toHaveTextContent(/could not load/i);
    await waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'script-load' })));

    vendor.stop();
    vendor = simulateVendor('render');
    await userEvent.click(tryAgain);
    await waitFor(() => expect(shadowForm()).toBeTruthy());
    expect(vendor.scriptsInDocument()).toBe(1);
  });

  it('times out when the script renders nothing', async () => {
    vendor = simulateVendor('nothing');
    const onError = vi.fn();
    render(<HelpdeskyContactForm helpdeskId={HELPDESK_ID} readyTimeoutMs={50} onError={onError} />);
    expect(await screen.findByRole('alert')).toHaveTextContent(/did not respond in time/i);
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError.mock.calls[0]![0].message).toMatch(/contact-form\.js loaded, but nothing rendered within 50 ms/);
  });

  it('reports a second form on the page as duplicate-container, with no button', async () => {
    vendor = simulateVendor('render');
    const onError = vi.fn();
    render(
      <>
        <HelpdeskyContactForm helpdeskId={HELPDESK_ID} />
        <HelpdeskyContactForm helpdeskId={HELPDESK_ID} onError={onError} />
      </>,
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(/already open elsewhere/i);
    expect(screen.queryByRole('button')).toBeNull();
    await waitFor(() => expect(onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'duplicate-container' })));
  });

  it('leaves nothing behind on unmount', async () => {
    vendor = simulateVendor('render');
    const { unmount } = render(<HelpdeskyContactForm helpdeskId={HELPDESK_ID} />);
    await waitFor(() => expect(shadowForm()).toBeTruthy());
    unmount();
    expect(document.getElementById('hdh-contact-form')).toBeNull();
    expect(vendor.scriptsInDocument()).toBe(0);
    expect(document.body.innerHTML).toBe('<div></div>'); // Testing Library's own container, empty
  });

  it('says what is missing when helpdeskId is not given', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(() => render(<HelpdeskyContactForm helpdeskId="  " />)).toThrow(
      /HelpdeskyContactForm needs helpdeskId, got " {2}": the helpdesk's id from the Helpdesky dashboard/,
    );
    error.mockRestore();
  });
});

describe('HelpdeskyWidget', () => {
  it('inserts one script per page for several instances under StrictMode, and warns once about the second', async () => {
    vendor = simulateVendor('render');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const onReady = vi.fn();
    const { container } = render(
      <StrictMode>
        <HelpdeskyWidget helpdeskId={HELPDESK_ID} onReady={onReady} />
        <HelpdeskyWidget helpdeskId={HELPDESK_ID} />
      </StrictMode>,
    );

    await waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
    expect(container.innerHTML).toBe(''); // the launcher is the UI
    expect(vendor.executions).toBe(1);
    expect(vendor.scriptsInDocument()).toBe(1);
    expect(vendor.inserted[0]!.src).toBe('https://helpdesky.io/widget.js');
    expect(vendor.inserted[0]!.hasAttribute('data-container')).toBe(false);
    expect(launchers()).toHaveLength(1);
    expect(warn.mock.calls).toEqual([[expect.stringMatching(/A second HelpdeskyWidget does nothing/)]]);
    warn.mockRestore();
  });

  it('keeps its script across re-renders with new callbacks, as across route changes', async () => {
    vendor = simulateVendor('render');
    const { rerender } = render(<HelpdeskyWidget helpdeskId={HELPDESK_ID} onReady={() => {}} />);
    await waitFor(() => expect(launchers()).toHaveLength(1));
    const script = vendor.inserted[0]!;
    rerender(<HelpdeskyWidget helpdeskId={HELPDESK_ID} onReady={() => {}} onError={() => {}} />);
    expect(vendor.inserted).toEqual([script]);
    expect(script.isConnected).toBe(true);
  });

  it('removes the script and its launcher when the last instance unmounts, not before', async () => {
    vendor = simulateVendor('render');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { rerender, unmount } = render(
      <>
        <HelpdeskyWidget helpdeskId={HELPDESK_ID} />
        <HelpdeskyWidget helpdeskId={HELPDESK_ID} />
      </>,
    );
    await waitFor(() => expect(launchers()).toHaveLength(1));

    rerender(
      <>
        <HelpdeskyWidget helpdeskId={HELPDESK_ID} />
      </>,
    );
    expect(launchers()).toHaveLength(1);
    expect(vendor.scriptsInDocument()).toBe(1);

    unmount();
    expect(launchers()).toHaveLength(0);
    expect(vendor.scriptsInDocument()).toBe(0);
    expect(document.body.innerHTML).toBe('<div></div>'); // Testing Library's own container, empty
    warn.mockRestore();
  });

  it('reports a blocked script through onError, and renders nothing', async () => {
    vendor = simulateVendor('fail');
    const onError = vi.fn();
    const { container } = render(<HelpdeskyWidget helpdeskId={HELPDESK_ID} onError={onError} />);
    await waitFor(() => expect(onError).toHaveBeenCalledTimes(1));
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'script-load' });
    expect(container.innerHTML).toBe('');
  });
});

describe('a Support page for every visitor: signedOutFallback', () => {
  it('shows the Contact Form, not the sign-in alert, on a 401; the Ticket Center once signed in, with nothing of the form left', async () => {
    vendor = simulateVendor('render');
    let user: typeof alice | null = null;
    server.use(
      http.get(`*${ENDPOINT}`, () =>
        user ? HttpResponse.json(user) : HttpResponse.json({ error: 'unauthenticated' }, { status: 401 }),
      ),
    );
    const queryClient = newQueryClient();
    const consoleError = vi.spyOn(console, 'error');
    render(
      <StrictMode>
        <HelpdeskyTicketCenter
          endpoint={ENDPOINT}
          queryClient={queryClient}
          signedOutFallback={<HelpdeskyContactForm helpdeskId={HELPDESK_ID} />}
        />
      </StrictMode>,
    );

    await waitFor(() => expect(shadowForm()).toBeTruthy());
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.querySelector('script[src*="ticket-center"]')).toBeNull();
    // Nobody signed in is a state, not a bug: nothing logged.
    expect(consoleError).not.toHaveBeenCalled();
    consoleError.mockRestore();

    user = alice;
    await act(() => resetHelpdeskyIdentity(queryClient));
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(document.getElementById('hdh-contact-form')).toBeNull();
    expect(document.querySelector('script[src*="contact-form"]')).toBeNull();
  });

  it('works on the server-signed path: identity={null} renders the form, a new identity the panel', async () => {
    vendor = simulateVendor('render');
    const page = (identity: typeof alice | null) => (
      <HelpdeskyTicketCenter
        identity={identity}
        signedOutFallback={<HelpdeskyContactForm helpdeskId={HELPDESK_ID} />}
      />
    );
    // The server's HTML already holds the form's loading state: no flash of the sign-in alert.
    const html = renderToString(page(null));
    expect(html).toMatch(
      /data-state="error"><div [^>]*data-state="loading"><div role="status"[^>]*><p>Loading support…/,
    );
    expect(html).not.toContain('role="alert"');

    const { rerender } = render(page(null));
    await waitFor(() => expect(shadowForm()).toBeTruthy());
    rerender(page(alice));
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(document.getElementById('hdh-contact-form')).toBeNull();
  });
});
