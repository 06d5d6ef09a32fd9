// The default states as a person meets them: a title, what happened, the one action that helps,
// focus that follows, a live region that announces, space kept while loading, words replaceable.
import { afterEach, describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { server } from './server.js';
import { alice, ENDPOINT } from './handlers.js';
import { renderTicketCenter } from './render.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';

let vendor: SimulatedVendor;
afterEach(() => vendor?.stop());

const answer = (status: number) =>
  server.use(http.get(`*${ENDPOINT}`, () => HttpResponse.json({ error: 'x' }, { status })));

describe('the default states', () => {
  it('offers a sign-in link to a signed-out user when signInUrl is given, and no "Try again"', async () => {
    answer(401);
    renderTicketCenter({ signInUrl: '/login?next=/support', onError: () => {} });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Sign in to get support');
    expect(alert).toHaveTextContent('Please sign in to see your support conversations.');
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login?next=/support');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('gives every other error a title, what happened, and "Try again"', async () => {
    answer(404);
    renderTicketCenter({ onError: () => {} });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Support could not open');
    expect(alert).toHaveTextContent('Support is unavailable right now.');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeEnabled();
  });

  it('moves focus to the component on "Try again", never to <body>, and announces the loading line in the region that was there', async () => {
    answer(404);
    const { root } = renderTicketCenter({ onError: () => {} });
    const status = screen.getByRole('status');
    const tryAgain = await screen.findByRole('button', { name: 'Try again' });
    expect(status).toBeEmptyDOMElement();
    expect(screen.getByRole('status')).toBe(status);

    vendor = simulateVendor('render');
    server.use(http.get(`*${ENDPOINT}`, () => HttpResponse.json(alice)));
    await userEvent.click(tryAgain);

    expect(document.activeElement).toBe(root());
    expect(screen.getByRole('status')).toBe(status);
    await waitFor(() => expect(status).toHaveTextContent('Loading support…'));
    await screen.findByText(`Conversations of ${alice.email}`);
    expect(document.activeElement).toBe(root());
    expect(status).toBeEmptyDOMElement();
  });

  it('keeps space for the panel while it loads, and none once it shows', async () => {
    vendor = simulateVendor('render');
    const { root } = renderTicketCenter();
    expect(root().style.minHeight).toBe('320px');
    await screen.findByText(`Conversations of ${alice.email}`);
    expect(root().style.minHeight).toBe('');
  });

  it('takes the minHeight and style the host gives', () => {
    const { root } = renderTicketCenter({ minHeight: '40rem', style: { border: '1px solid' } });
    expect(root().style.minHeight).toBe('40rem');
    expect(root().style.border).toBe('1px solid');
  });

  it('shows the words the host gives in place of the defaults', async () => {
    answer(500);
    renderTicketCenter({
      onError: () => {},
      messages: { loading: 'Support wird geladen…', errorTitle: 'Fehler', tryAgain: 'Erneut versuchen' },
    });
    expect(screen.getByRole('status')).toHaveTextContent('Support wird geladen…');
    expect(await screen.findByRole('alert', {}, { timeout: 5_000 })).toHaveTextContent('Fehler');
    expect(screen.getByRole('button', { name: 'Erneut versuchen' })).toBeEnabled();
  });
});
