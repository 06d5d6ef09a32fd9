import { useState, type MouseEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { HelpdeskyTicketCenter, preloadHelpdeskyTicketCenter, type HelpdeskyError } from 'helpdesky-react';
import { config } from './config.js';
import { sessionQuery, switchUser } from './session.js';
import { useRoute } from './useRoute.js';

export function App() {
  const [path, navigate] = useRoute();
  const queryClient = useQueryClient();
  const session = useQuery(sessionQuery);
  const [busy, setBusy] = useState(false);
  const user = session.data;

  const signInAs = (id: string | null) => {
    setBusy(true);
    void switchUser(queryClient, id).finally(() => setBusy(false));
  };
  const link = (to: string) => (event: MouseEvent) => {
    event.preventDefault();
    navigate(to);
  };
  // Hovering (or focusing) the link starts both downloads: the identity and the vendor script.
  const preload = () =>
    void preloadHelpdeskyTicketCenter({
      endpoint: config.endpoint,
      queryClient,
      scriptSrc: config.scriptSrc,
      nonce: config.nonce,
    });

  return (
    <div style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <header style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
        <strong>Acme app</strong>
        <nav aria-label="Main" style={{ display: 'flex', gap: 12 }}>
          <a href="/" onClick={link('/')} aria-current={path === '/' ? 'page' : undefined}>
            Home
          </a>
          <a
            href="/support"
            onClick={link('/support')}
            onMouseEnter={preload}
            onFocus={preload}
            aria-current={path === '/support' ? 'page' : undefined}
          >
            Support
          </a>
        </nav>
        <section aria-label="Account" style={{ marginLeft: 'auto', display: 'flex', gap: 8, alignItems: 'center' }}>
          {session.isPending ? null : user ? (
            <>
              <span>
                Signed in as <strong>{user.label}</strong> (stored email: <code>{JSON.stringify(user.email)}</code>)
              </span>
              <button type="button" disabled={busy} onClick={() => signInAs(null)}>
                Sign out
              </button>
            </>
          ) : (
            <>
              <span>Sign in as:</span>
              {config.users.map((demoUser) => (
                <button key={demoUser.id} type="button" disabled={busy} onClick={() => signInAs(demoUser.id)}>
                  {demoUser.label}
                </button>
              ))}
            </>
          )}
        </section>
      </header>
      {config.mode === 'emulator' && (
        <p style={{ fontSize: 13, color: '#555' }}>
          Running on the local Helpdesky emulator, a test double of helpdesky.io: nothing leaves this machine.
        </p>
      )}
      <main>
        {path === '/support' ? (
          <SupportPage />
        ) : (
          <>
            <h1>Home</h1>
            <p>
              Sign in as one of the demo users, then open Support to see their Helpdesky Ticket Center. The server signs
              the user&apos;s email with the HMAC secret; the browser only ever sees the signature.
            </p>
            <p>
              &ldquo;Alice, stored untidily&rdquo; is Alice with her email stored in capitals with spaces around it: the
              identity endpoint trims and lowercases it before signing, so she verifies all the same.
            </p>
          </>
        )}
      </main>
    </div>
  );
}

function SupportPage() {
  const [lastError, setLastError] = useState<HelpdeskyError>();
  return (
    <>
      <h1>Support</h1>
      <HelpdeskyTicketCenter
        endpoint={config.endpoint}
        scriptSrc={config.scriptSrc}
        nonce={config.nonce}
        readyTimeoutMs={config.readyTimeoutMs}
        onReady={() => setLastError(undefined)}
        onError={setLastError}
      />
      {lastError && (
        // What onError receives, for the developer trying the demo; users see the fallback above.
        <aside aria-label="Developer details" style={{ marginTop: 24, fontSize: 13, color: '#555' }}>
          onError: <code>{lastError.code}</code>: {lastError.message}
        </aside>
      )}
    </>
  );
}
