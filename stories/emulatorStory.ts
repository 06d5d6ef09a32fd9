// What every story file shares: an emulator per story behind MSW, reset before each run.
import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SetupWorker } from 'msw/browser';
import {
  createHelpdeskyEmulator,
  HELPDESKY_EMULATOR_GLOBAL,
  helpdeskyEmulatorHandlers,
  type HelpdeskyEmulator,
  type HelpdeskyEmulatorBehaviour,
} from 'helpdesky-react/testing';

/** Where the emulators are mounted: same origin, their own prefix, so they cannot shadow the app's API. */
export const EMULATOR_BASE_PATH = '/helpdesky-emulator';

/** The identity fetch, its retries (about 2.4 s for a 500) and the emulator's round trips. */
export const SLOW = { timeout: 10_000 };

/**
 * An emulator for one story, under its own path; `given` resets it to these options before each
 * run. Its own path, because stories share one document (in Storybook and in Vitest): a script
 * preloaded by one story (the component hints it while the identity loads) stays in the
 * document's preload cache, and a later story with the same URL would run that copy instead of
 * asking its own emulator. Pass the emulator's script URL as the story's `scriptSrc`.
 */
export const emulatorFor = (story: string, options: HelpdeskyEmulatorBehaviour = {}) =>
  createHelpdeskyEmulator({ basePath: `${EMULATOR_BASE_PATH}/${story}`, ...options });

/**
 * A `beforeEach` for a story: the emulator, back to its creation options, behind MSW, and the
 * story's own handlers first (the first given wins, as with `msw.use`).
 */
export const given =
  (emulator: HelpdeskyEmulator, ...handlers: HttpHandler[]) =>
  ({ msw }: { msw: SetupWorker }) => {
    emulator.reset();
    // Counted per story: each story asserts on its own executions of the script.
    delete (window as unknown as Record<string, unknown>)[HELPDESKY_EMULATOR_GLOBAL];
    msw.use(...handlers, ...helpdeskyEmulatorHandlers(emulator, http));
  };

/** The emulator's execution counters for this story (`executions` is the Ticket Center's). */
export const emulatorCounters = () =>
  (window as unknown as Record<string, Record<string, number> | undefined>)[HELPDESKY_EMULATOR_GLOBAL] ?? {};

/** The host's identity endpoint, as an app would mount it. */
export const ENDPOINT = '/api/helpdesky';

/** The identity endpoint answering `email`'s identity, signed the way the emulator checks it. */
export const signedIn = (emulator: HelpdeskyEmulator, email: string) =>
  http.get(`*${ENDPOINT}`, async () =>
    HttpResponse.json({ email, signature: await emulator.sign(email), helpdeskId: emulator.helpdeskId }),
  );
