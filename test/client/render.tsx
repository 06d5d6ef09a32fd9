import { StrictMode, type ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { HelpdeskyTicketCenter, type HelpdeskyTicketCenterEndpointProps } from 'helpdesky-react';
import { ENDPOINT } from './handlers.js';

export interface RenderOptions {
  /** Wrap in <StrictMode>. Default: true, as apps do. */
  strict?: boolean;
  /** Wrap in a QueryClientProvider with this client. Default: a fresh client passed as the `queryClient` prop. */
  provider?: QueryClient;
}

/** A fresh QueryClient per test, as TanStack's testing guide recommends. */
export const newQueryClient = () => new QueryClient({ defaultOptions: { queries: { retry: false } } });

export function renderTicketCenter(
  props: Partial<HelpdeskyTicketCenterEndpointProps> = {},
  options: RenderOptions = {},
) {
  const { strict = true, provider } = options;
  const queryClient = props.queryClient ?? (provider ? undefined : newQueryClient());
  const wrap = (ui: ReactNode) => {
    const inProvider = provider ? <QueryClientProvider client={provider}>{ui}</QueryClientProvider> : ui;
    return strict ? <StrictMode>{inProvider}</StrictMode> : inProvider;
  };
  const element = (next: Partial<HelpdeskyTicketCenterEndpointProps>) =>
    wrap(<HelpdeskyTicketCenter endpoint={ENDPOINT} queryClient={queryClient} {...next} />);
  const result = render(element(props));
  return {
    ...result,
    queryClient,
    root: () => result.container.firstElementChild as HTMLElement,
    rerenderWith: (next: Partial<HelpdeskyTicketCenterEndpointProps>) =>
      result.rerender(element({ ...props, ...next })),
  };
}
