// The Ticket Center with an identity signed during the server render: `identity={…}`.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { http, HttpResponse } from 'msw';
import { HelpdeskyTicketCenter, type HelpdeskyError, type HelpdeskyIdentity } from 'helpdesky-react';
import { server } from './server.js';
import { alice, bob, ENDPOINT } from './handlers.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';

let vendor: SimulatedVendor;
afterEach(() => vendor?.stop());

/** Counts every request to the identity endpoint (there must be none on this path). */
function countIdentityRequests() {
  const counter = { requests: 0 };
  server.use(
    http.get(`*${ENDPOINT}`, () => {
      counter.requests++;
      return HttpResponse.json(alice);
    }),
  );
  return counter;
}

const signedIn = (identity: HelpdeskyIdentity | null, props: { onError?: (error: HelpdeskyError) => void } = {}) => (
  <StrictMode>
    <HelpdeskyTicketCenter identity={identity} {...props} />
  </StrictMode>
);

describe('identity={…} signed on the server', () => {
  it('embeds the identity without any request: container first, one execution under StrictMode', async () => {
    vendor = simulateVendor('render');
    const identity = countIdentityRequests();
    const onReady = vi.fn();
    const { container } = render(
      <StrictMode>
        <HelpdeskyTicketCenter identity={alice} onReady={onReady} />
      </StrictMode>,
    );

    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(container.firstElementChild).toHaveAttribute('data-state', 'ready');
    expect(vendor.executions).toBe(1);
    expect(vendor.containerAtInsert).toEqual([true]);
    const script = vendor.inserted[0]!;
    expect(script.getAttribute('data-email')).toBe(alice.email);
    expect(script.getAttribute('data-signature')).toBe(alice.signature);
    expect(script.getAttribute('data-helpdesk-id')).toBe(alice.helpdeskId);
    await waitFor(() => expect(onReady).toHaveBeenCalledTimes(1));
    expect(identity.requests).toBe(0);
  });

  it('shows the sign-in alert for identity={null}: no "Try again", no script, no request', async () => {
    vendor = simulateVendor('render');
    const identity = countIdentityRequests();
    const onError = vi.fn();
    const { container } = render(signedIn(null, { onError }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/sign in/i);
    expect(screen.queryByRole('button')).toBeNull();
    expect(container.firstElementChild).toHaveAttribute('data-state', 'error');
    expect(document.querySelector('script')).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError.mock.calls[0]![0]).toMatchObject({ code: 'unauthenticated' });
    expect(identity.requests).toBe(0);
  });

  it.each([
    ['an upper-case signature', { ...alice, signature: alice.signature.toUpperCase() }, /"signature".*upper case/],
    ['no email', { signature: alice.signature, helpdeskId: alice.helpdeskId }, /"email" must be a non-empty string/],
    ['a promise (a missing await)', Promise.resolve(alice), /a Promise: await createHelpdeskyIdentity/],
  ])('reports %s as invalid-response naming the field, and embeds nothing', async (_, identity, message) => {
    vendor = simulateVendor('render');
    const onError = vi.fn();
    render(signedIn(identity as unknown as HelpdeskyIdentity, { onError }));

    expect(await screen.findByRole('alert')).toHaveTextContent(/not set up/i);
    // Rendering again cannot fix a wrong prop: the server has to.
    expect(screen.queryByRole('button')).toBeNull();
    const error = onError.mock.calls[0]![0] as HelpdeskyError;
    expect(error.code).toBe('invalid-response');
    expect(error.message).toMatch(/^\[helpdesky\] The identity prop is invalid: /);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/createHelpdeskyIdentity\(email\)/);
    expect(document.querySelector('script')).toBeNull();
  });

  it('keeps the panel when the same identity is rendered again as a new object', async () => {
    vendor = simulateVendor('render');
    const { rerender } = render(signedIn({ ...alice }));
    await screen.findByText(`Conversations of ${alice.email}`);

    rerender(signedIn({ ...alice }));
    rerender(signedIn(JSON.parse(JSON.stringify(alice))));

    expect(screen.getByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(vendor.inserted).toHaveLength(1);
    expect(vendor.scriptsInDocument()).toBe(1);
  });

  it("tears the previous user's embed down before the next user's, leaving nothing of it", async () => {
    vendor = simulateVendor('render');
    const { rerender } = render(signedIn(alice));
    await screen.findByText(`Conversations of ${alice.email}`);
    const aliceScript = vendor.inserted[0]!;

    rerender(signedIn(bob));

    expect(await screen.findByText(`Conversations of ${bob.email}`)).toBeInTheDocument();
    expect(aliceScript.isConnected).toBe(false);
    expect(vendor.scriptsInDocument()).toBe(1);
    // When Bob's script went in, nothing of Alice was left in the document.
    expect(vendor.textAtInsert[1]).not.toContain(alice.email);
    expect(document.documentElement.outerHTML).not.toContain(alice.email);
    expect(document.documentElement.outerHTML).not.toContain(alice.signature);
  });

  it('drops the panel in the same render that shows the sign-in state, when the server says signed out', async () => {
    vendor = simulateVendor('render');
    const { rerender } = render(signedIn(alice, { onError: () => {} }));
    await screen.findByText(`Conversations of ${alice.email}`);

    act(() => rerender(signedIn(null, { onError: () => {} })));

    expect(screen.getByRole('alert')).toHaveTextContent(/sign in/i);
    expect(document.documentElement.outerHTML).not.toContain(alice.email);
    expect(vendor.scriptsInDocument()).toBe(0);
  });

  it('embeds again on "Try again" after the script failed to load', async () => {
    vendor = simulateVendor('fail');
    render(signedIn(alice, { onError: () => {} }));
    const tryAgain = await screen.findByRole('button', { name: 'Try again' });
    vendor.stop();
    vendor = simulateVendor('render');
    await userEvent.click(tryAgain);
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(vendor.scriptsInDocument()).toBe(1);
  });

  it('takes exactly one of endpoint and identity: neither or both is a clear error', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    // @ts-expect-error neither endpoint nor identity
    expect(() => render(<HelpdeskyTicketCenter />)).toThrow(
      /exactly one of endpoint and identity, got neither.*null when nobody is signed in/,
    );
    // @ts-expect-error both endpoint and identity
    expect(() => render(<HelpdeskyTicketCenter endpoint={ENDPOINT} identity={alice} />)).toThrow(/got both/);
    error.mockRestore();
  });
});

describe('identity={…} in the server render', () => {
  it('starts the script download from the HTML (a preload hint with the nonce), and hydrates without a mismatch', async () => {
    vendor = simulateVendor('render');
    const ui = (
      <HelpdeskyTicketCenter identity={alice} nonce="n0nce" scriptSrc="https://helpdesky.io/ticket-center.js" />
    );
    const html = renderToString(ui);

    expect(html).toMatch(
      /<link rel="preload" href="https:\/\/helpdesky.io\/ticket-center.js" as="script" nonce="n0nce"\/>/,
    );
    expect(html).toContain('data-state="loading"');
    expect(html).not.toMatch(/<script|hdh-ticket-center/);

    const host = document.createElement('div');
    host.innerHTML = html.replace(/<link[^>]*>/, '');
    document.body.appendChild(host);
    const recoverable = vi.fn();
    const consoleError = vi.spyOn(console, 'error');
    const root = await act(async () => hydrateRoot(host, ui, { onRecoverableError: recoverable }));

    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
    expect(recoverable).not.toHaveBeenCalled();
    expect(consoleError.mock.calls).toEqual([]);
    expect(vendor.executions).toBe(1);
    act(() => root.unmount());
    host.remove();
    consoleError.mockRestore();
  });

  it('puts no preload hint for identity={null}', () => {
    expect(renderToString(<HelpdeskyTicketCenter identity={null} />)).not.toMatch(/<link/);
  });
});
