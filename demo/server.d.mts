// Types of server.mjs, for the tests and the benchmark that start the demo.
import type { HelpdeskyEmulator, HelpdeskyEmulatorBehaviour } from '../src/testing.js';

export interface DemoUser {
  /** What the sign-in button says. */
  label: string;
  /** The email as the app stores it (not normalized). */
  email: string;
}

/** alice, bob, and alice-untidy (stored as "  Alice@Example.COM "). */
export declare const DEMO_USERS: Readonly<Record<'alice' | 'bob' | 'alice-untidy', DemoUser>>;
export declare const SESSION_COOKIE: string;
export declare const EMULATOR_BASE_PATH: string;
export declare const HELPDESKY_SCRIPT_SRC: string;
/** The choices of the demo's failure switch (POST /demo/failure { failure }). */
export declare const FAILURES: Readonly<
  Record<'none' | 'slow-endpoint' | 'server-error' | 'blocked-script' | 'renders-nothing', object>
>;

export interface DemoLog {
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

export interface DemoOptions {
  /** Default: 0 (any free port). */
  port?: number;
  /** Default: 127.0.0.1. */
  host?: string;
  /** Where HELPDESKY_* variables are read from. Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Receives the identity handler's warnings and errors. Default: console. */
  log?: DemoLog;
  /**
   * `helpdesky`: the real script, secret and helpdesk id from `env`. `emulator`: the local
   * emulator. Default: `helpdesky` when HELPDESKY_HMAC_SECRET and HELPDESKY_HELPDESK_ID are set.
   */
  mode?: 'helpdesky' | 'emulator';
  /** The emulator's behaviour at start (latency, renderNothing, failScript…). */
  emulator?: HelpdeskyEmulatorBehaviour;
  /** Added before the identity endpoint answers. Default: 0. */
  identityLatencyMs?: number;
  /** The secret the identity endpoint signs with, in emulator mode. Default: the emulator's. */
  serverSecret?: string;
  /** The endpoint the app's component calls. Default: /api/helpdesky (anything else answers the app's HTML). */
  endpoint?: string;
  /** The component's readyTimeoutMs. Default: the component's. */
  readyTimeoutMs?: number;
  /** Serve every page with `script-src 'nonce-…'` (also per page with `?csp=strict`). Default: false. */
  strictCsp?: boolean;
  /**
   * A directory holding `vite build`'s output of the demo (demo/vite.config.mjs): pages and
   * `/assets/` are served from it, as users ship them, instead of through Vite's dev server.
   * Default: none (the dev server, which reloads on edits).
   */
  clientBuild?: string;
}

export interface Demo {
  /** Origin of the demo, without a trailing slash. */
  url: string;
  mode: 'helpdesky' | 'emulator';
  /** The emulator, in emulator mode. */
  emulator: HelpdeskyEmulator | null;
  /** Changes the identity endpoint's added latency for the next requests. */
  setIdentityLatency(ms: number): void;
  close(): Promise<void>;
}

export declare function startDemo(options?: DemoOptions): Promise<Demo>;
