/**
 * Puts the local Helpdesky emulator (a TEST DOUBLE of helpdesky.io) behind MSW, in Node
 * (`setupServer`) or in a browser (`setupWorker`, e.g. Storybook).
 *
 * MSW's `http` namespace is passed in rather than imported: `helpdesky-react/testing` then
 * loads without MSW installed, and never bundles a second copy of it. Typed structurally for the
 * same reason; any MSW 2.x `http` fits.
 */
import type { HelpdeskyEmulator } from './createHelpdeskyEmulator.js';

/** The part of MSW's `http` namespace used here. */
export interface MswHttpNamespace<Handler> {
  all(path: string, resolver: (info: { request: Request }) => Promise<Response>): Handler;
}

/**
 * MSW handlers answering the emulator's five routes (`ticket-center.js`, `contact-form.js`,
 * `widget.js`, `api/verify`, `api/messages`) on ANY origin, under the emulator's `basePath`:
 * with the default `basePath` they also catch `https://helpdesky.io/ticket-center.js` (and its
 * siblings), so a component left on its production script URL gets the emulator in tests.
 *
 * @example
 * import { http } from 'msw';
 * import { setupServer } from 'msw/node';
 * const emulator = createHelpdeskyEmulator();
 * const server = setupServer(...helpdeskyEmulatorHandlers(emulator, http));
 */
export function helpdeskyEmulatorHandlers<Handler>(
  emulator: HelpdeskyEmulator,
  http: MswHttpNamespace<Handler>,
): Handler[] {
  const resolver = ({ request }: { request: Request }) => emulator.fetch(request);
  const paths = [
    emulator.scriptUrl,
    emulator.contactFormScriptUrl,
    emulator.widgetScriptUrl,
    emulator.verifyUrl,
    emulator.messagesUrl,
  ];
  return paths.map((path) => http.all(`*${path}`, resolver));
}
