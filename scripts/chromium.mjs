// How every browser run of this repository starts Chromium: Debian's (never a downloaded one),
// headless, with the flags that keep it off the machine's closed network. Used by the tests,
// Vitest's browser mode, the benchmarks and the screenshot script.

/** The Chromium binary: `CHROMIUM_PATH`, or Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch arguments (playwright adds headless mode itself when asked). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Playwright's `launchOptions` for it. */
export const chromiumLaunchOptions = { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true };
