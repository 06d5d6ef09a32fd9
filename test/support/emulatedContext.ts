import type { Browser, BrowserContext } from 'playwright';
import { createHelpdeskyEmulator } from 'helpdesky-react/testing';

/** A browser context whose helpdesky.io is the emulator; collects page errors and console errors. */
export async function emulatedContext(browser: Browser, url: string, cookie?: string) {
  const emulator = createHelpdeskyEmulator();
  const context: BrowserContext = await browser.newContext();
  await context.route('https://helpdesky.io/**', async (route) => {
    const request = route.request();
    const body = request.postDataBuffer();
    const answer = await emulator.fetch(
      new Request(request.url(), {
        method: request.method(),
        headers: request.headers(),
        ...(body ? { body: new Uint8Array(body) } : {}),
      }),
    );
    await route.fulfill({
      status: answer.status,
      headers: Object.fromEntries(answer.headers),
      body: Buffer.from(await answer.arrayBuffer()),
    });
  });
  if (cookie) {
    const [name, ...value] = cookie.split('=');
    await context.addCookies([{ name: name!, value: value.join('='), url }]);
  }
  const errors: string[] = [];
  const page = await context.newPage();
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // A missing favicon is not the app's error.
    if (message.type() === 'error' && !/Failed to load resource: .*404/.test(message.text()))
      errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}
