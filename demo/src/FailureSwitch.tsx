import { useQuery, useQueryClient } from '@tanstack/react-query';
import { resetHelpdeskyIdentity } from 'helpdesky-react';

/** The failures one can switch on, as the demo server names them (demo/server.mjs, FAILURES). */
const CHOICES = [
  ['none', 'None'],
  ['slow-endpoint', 'Slow identity endpoint (3 s)'],
  ['server-error', 'Identity endpoint answers 500'],
  ['blocked-script', 'Blocked script (404)'],
  ['renders-nothing', 'Embed that renders nothing'],
] as const;

const failureQuery = {
  queryKey: ['demo', 'failure'],
  queryFn: async () => ((await (await fetch('/demo/failure')).json()) as { failure: string }).failure,
};

/**
 * Every state of the component without developer tools: the demo server fails on purpose, and
 * the embed starts over. A strict Content-Security-Policy is one page load away (`?csp=strict`).
 */
export function FailureSwitch() {
  const queryClient = useQueryClient();
  const current = useQuery(failureQuery).data ?? 'none';
  const choose = async (failure: string) => {
    await fetch('/demo/failure', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ failure }),
    });
    queryClient.setQueryData(failureQuery.queryKey, failure);
    // Start the embeds over, so that the new failure shows now.
    await resetHelpdeskyIdentity(queryClient);
  };
  const strict = new URLSearchParams(window.location.search).get('csp') === 'strict';
  return (
    <div className="failures">
      <label>
        Simulate a failure{' '}
        <select value={current} onChange={(event) => void choose(event.target.value)}>
          {CHOICES.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>{' '}
      <a href={strict ? window.location.pathname : `${window.location.pathname}?csp=strict`}>
        {strict ? 'Leave the strict CSP' : 'Reload with a strict CSP'}
      </a>
    </div>
  );
}
