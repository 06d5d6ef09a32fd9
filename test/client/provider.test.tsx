import { afterEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import {
  HelpdeskyTicketCenter,
  helpdeskyIdentityQueryOptions,
  preloadHelpdeskyTicketCenter,
  useHelpdeskyIdentity,
} from 'helpdesky-react';
import { getDefaultQueryClient } from '../../src/react/getDefaultQueryClient.js';
import { alice, ENDPOINT } from './handlers.js';
import { newQueryClient, renderTicketCenter } from './render.js';
import { simulateVendor, type SimulatedVendor } from './vendor.js';

let vendor: SimulatedVendor;
afterEach(() => {
  vendor?.stop();
  getDefaultQueryClient().clear();
});

describe('choosing a QueryClient', () => {
  it('works without any provider or client', async () => {
    vendor = simulateVendor('render');
    render(<HelpdeskyTicketCenter endpoint={ENDPOINT} />);
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
  });

  it("uses the host's QueryClientProvider, under the documented query key", async () => {
    vendor = simulateVendor('render');
    const client = newQueryClient();
    renderTicketCenter({ queryClient: undefined }, { provider: client });

    await screen.findByText(`Conversations of ${alice.email}`);
    expect(client.getQueryData(helpdeskyIdentityQueryOptions({ endpoint: ENDPOINT }).queryKey)).toEqual(alice);
  });

  it('prefers the queryClient prop over the provider', async () => {
    vendor = simulateVendor('render');
    const fromProvider = newQueryClient();
    const fromProp = newQueryClient();
    render(
      <QueryClientProvider client={fromProvider}>
        <HelpdeskyTicketCenter endpoint={ENDPOINT} queryClient={fromProp} />
      </QueryClientProvider>,
    );

    await screen.findByText(`Conversations of ${alice.email}`);
    const { queryKey } = helpdeskyIdentityQueryOptions({ endpoint: ENDPOINT });
    expect(fromProp.getQueryData(queryKey)).toEqual(alice);
    expect(fromProvider.getQueryData(queryKey)).toBeUndefined();
  });

  it('shares a preload made without a client with a component rendered without a provider', async () => {
    vendor = simulateVendor('render');
    await preloadHelpdeskyTicketCenter({ endpoint: ENDPOINT });
    const { container } = render(<HelpdeskyTicketCenter endpoint={ENDPOINT} />);
    expect(container.firstElementChild).toHaveAttribute('data-state', 'embedding');
    expect(await screen.findByText(`Conversations of ${alice.email}`)).toBeInTheDocument();
  });
});

describe('useHelpdeskyIdentity', () => {
  function Who() {
    const { data, error } = useHelpdeskyIdentity({ endpoint: ENDPOINT });
    return <p>{error ? error.code : (data?.email ?? 'loading')}</p>;
  }

  it('reads the identity with and without a provider', async () => {
    render(
      <>
        <Who />
        <QueryClientProvider client={newQueryClient()}>
          <Who />
        </QueryClientProvider>
      </>,
    );
    await waitFor(() => expect(screen.getAllByText(alice.email)).toHaveLength(2));
  });
});
