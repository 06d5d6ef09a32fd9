// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { renderToString } from 'react-dom/server';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';

describe('server rendering', () => {
  it('imports and renders without a window: the loading state is the markup, with no script', async () => {
    expect(typeof window).toBe('undefined');
    const { HelpdeskyTicketCenter } = await import('helpdesky-react');

    const html = renderToString(<HelpdeskyTicketCenter endpoint="/api/helpdesky" className="support" />);

    expect(html).toContain('data-state="loading"');
    expect(html).toContain('role="status"');
    expect(html).toContain('class="support"');
    expect(html).not.toMatch(/<script|<link|hdh-ticket-center/);
  });

  it('renders the loading state inside a provider too, even with a cached identity', async () => {
    const { HelpdeskyTicketCenter, helpdeskyIdentityQueryOptions } = await import('helpdesky-react');
    const client = new QueryClient();
    client.setQueryData(helpdeskyIdentityQueryOptions({ endpoint: '/api/helpdesky' }).queryKey, {
      email: 'alice@example.com',
      signature: 'a'.repeat(64),
      helpdeskId: 'hd',
    });

    const html = renderToString(
      <QueryClientProvider client={client}>
        <HelpdeskyTicketCenter endpoint="/api/helpdesky" loadingFallback={<p>Wait</p>} />
      </QueryClientProvider>,
    );

    expect(html).toContain('data-state="loading"');
    expect(html).toContain('<p>Wait</p>');
    expect(html).not.toMatch(/<script|alice/);
  });
});
