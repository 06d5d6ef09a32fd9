import { useEffect, useRef, useState, type MouseEvent } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FailureSwitch } from './FailureSwitch.js';
import {
  HelpdeskyContactForm,
  HelpdeskyTicketCenter,
  HelpdeskyWidget,
  preloadHelpdeskyTicketCenter,
  type HelpdeskyError,
} from 'helpdesky-react';
import { config } from './config.js';
import { sessionQuery, switchUser } from './session.js';
import { useRoute } from './useRoute.js';

export function App() {
  const [path, navigate] = useRoute();
  const queryClient = useQueryClient();
  const session = useQuery(sessionQuery);
  const [busy, setBusy] = useState(false);
  // A signed-in area that must not show the Widget would unmount it: this switch does the same.
  const [showWidget, setShowWidget] = useState(true);
  const user = session.data;

  // A page change without a page load: the title says where we are, and focus moves to the new
  // heading, so a keyboard or screen-reader user starts there (not on the link clicked).
  const main = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  useEffect(() => {
    document.title = `${path === '/support' ? 'Support' : 'Home'} · Acme app`;
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [path]);

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
    <div className="shell">
      <header className="topbar">
        <strong className="brand">
          <span className="brand-mark" aria-hidden="true">
            A
          </span>
          Acme app
        </strong>
        <nav aria-label="Main" className="nav">
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
        <section aria-label="Account" className="account">
          {session.isPending ? null : user ? (
            <>
              <span>
                Signed in as <strong>{user.label}</strong> (stored email: <code>{JSON.stringify(user.email)}</code>)
              </span>
              <button type="button" className="button" disabled={busy} onClick={() => signInAs(null)}>
                Sign out
              </button>
            </>
          ) : (
            <>
              <span>Sign in as:</span>
              {config.users.map((demoUser) => (
                <button
                  key={demoUser.id}
                  type="button"
                  className="button"
                  disabled={busy}
                  onClick={() => signInAs(demoUser.id)}
                >
                  {demoUser.label}
                </button>
              ))}
            </>
          )}
        </section>
      </header>
      {config.mode === 'emulator' && (
        <p className="notice">
          Running on the local Helpdesky emulator, a test double of helpdesky.io: nothing leaves this machine.
        </p>
      )}
      <main className="card" ref={main}>
        {path === '/support' ? (
          <SupportPage />
        ) : (
          <>
            <h1 tabIndex={-1}>Home</h1>
            <p>
              Sign in as one of the demo users, then open Support to see their Helpdesky Ticket Center. The server signs
              the user&apos;s email with the HMAC secret; the browser only ever sees the signature. Signed out, Support
              shows the Contact Form instead, and the Widget&apos;s launcher sits in the corner of every page.
            </p>
            <p>
              &ldquo;Alice, stored untidily&rdquo; is Alice with her email stored in capitals with spaces around it: the
              identity endpoint trims and lowercases it before signing, so she verifies all the same.
            </p>
          </>
        )}
      </main>
      <footer className="footer">
        {config.mode === 'emulator' && <FailureSwitch />}
        <label>
          <input type="checkbox" checked={showWidget} onChange={(event) => setShowWidget(event.target.checked)} /> Show
          the help Widget
        </label>
      </footer>
      {/* Site-wide, once, in the root layout: route changes keep it mounted and never reload it. */}
      {showWidget && (
        <HelpdeskyWidget helpdeskId={config.helpdeskId} scriptSrc={config.widgetScriptSrc} nonce={config.nonce} />
      )}
    </div>
  );
}

function SupportPage() {
  const [lastError, setLastError] = useState<HelpdeskyError>();
  return (
    <>
      <h1 tabIndex={-1}>Support</h1>
      <HelpdeskyTicketCenter
        endpoint={config.endpoint}
        scriptSrc={config.scriptSrc}
        nonce={config.nonce}
        readyTimeoutMs={config.readyTimeoutMs}
        onReady={() => setLastError(undefined)}
        onError={setLastError}
        // Visitors who are not signed in can still write in.
        signedOutFallback={
          <HelpdeskyContactForm
            helpdeskId={config.helpdeskId}
            scriptSrc={config.contactFormScriptSrc}
            nonce={config.nonce}
            readyTimeoutMs={config.readyTimeoutMs}
          />
        }
      />
      {lastError && (
        // What onError receives, for the developer trying the demo; users see the fallback above.
        <aside aria-label="Developer details" className="details">
          onError: <code>{lastError.code}</code>: {lastError.message}
        </aside>
      )}
    </>
  );
}
