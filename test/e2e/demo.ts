// What every end-to-end file needs: the demo app (demo/server.mjs) on 127.0.0.1, Debian's
// Chromium, and the few things a test reads off a page. A browser that cannot start fails the
// file (beforeAll throws); nothing is skipped.
import type { Browser, BrowserContext, Page } from 'playwright';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startDemo, type Demo, type DemoOptions } from '../../demo/server.mjs';
import { HELPDESKY_EMULATOR_USERS } from 'helpdesky-react/testing';
import { launchChromium } from '../support/chromium.js';

export const ALICE_SUBJECTS = HELPDESKY_EMULATOR_USERS[0]!.conversations.map((c) => c.subject);
export const BOB_SUBJECTS = HELPDESKY_EMULATOR_USERS[1]!.conversations.map((c) => c.subject);
/** Everything of Alice's that her panel shows: its "Signed in as" line, subjects, messages. */
export const ALICE_PANEL_TEXTS = [
  'Signed in as alice@example.com',
  ...HELPDESKY_EMULATOR_USERS[0]!.conversations.flatMap((c) => [c.subject, ...c.messages.map((m) => m.text)]),
];

export interface DemoTab {
  page: Page;
  context: BrowserContext;
  /** Uncaught errors on the page; checked to be empty after each test. */
  errors: string[];
  /** Console errors and warnings (the component logs its errors in development). */
  console: string[];
}

/**
 * Starts one browser and one demo per file (with `options`), a fresh browser context (no
 * cookies) per test, and stops all of it afterwards.
 */
export function withDemo(options: DemoOptions = {}) {
  const state = {} as { demo: Demo; browser: Browser; tab: DemoTab };
  // Started once per file, awaited by every test: when Chromium (or the demo) cannot start,
  // each test fails with the cause. A failing beforeAll would only mark them skipped.
  let started: Promise<void>;
  let tab: DemoTab | undefined;
  beforeAll(() => {
    started = (async () => {
      state.browser = await launchChromium();
      state.demo = await startDemo({ env: {}, ...options });
    })();
    started.catch(() => {});
  });
  afterAll(async () => {
    await started.catch(() => {});
    await state.browser?.close();
    await state.demo?.close();
  });
  beforeEach(async () => {
    await started;
    state.demo.emulator?.reset();
    const context = await state.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(8_000);
    const current: DemoTab = (tab = state.tab = { page, context, errors: [], console: [] });
    page.on('pageerror', (error) => current.errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') current.console.push(message.text());
    });
  });
  afterEach(async () => {
    if (!tab) return;
    const { errors, context } = tab;
    tab = undefined;
    await context.close();
    expect(errors, 'uncaught errors on the page').toEqual([]);
  });
  return state;
}

/** Opens the app at `path` (Home by default) and waits for the account bar. */
export async function open(demo: Demo, page: Page, path = '/') {
  const response = await page.goto(demo.url + path);
  await page.getByRole('region', { name: 'Account' }).getByRole('button').first().waitFor();
  return response!;
}

/** Clicks "Sign in as <label>" and waits until the bar says so. */
export async function signIn(page: Page, label: string) {
  await page.getByRole('region', { name: 'Account' }).getByRole('button', { name: label, exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByText('Sign in as:').waitFor();
}

/** Clicks a link of the main navigation (Playwright hovers it first, as a mouse would). */
export async function go(page: Page, name: 'Home' | 'Support') {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

/** Waits for the panel to list these subjects. */
export async function conversationsVisible(page: Page, subjects: string[]) {
  for (const subject of subjects) await page.getByRole('heading', { name: subject }).waitFor();
}

/** How many times the emulated vendor script has executed in this page (undefined: never). */
export const executions = (page: Page) =>
  page.evaluate(
    () => (window as unknown as { __helpdeskyEmulator?: { executions: number } }).__helpdeskyEmulator?.executions,
  );

/** Script elements of the Ticket Center in the document. */
export const scriptElements = (page: Page) =>
  page.evaluate(() => document.querySelectorAll('script[src*="ticket-center"]').length);

/** The whole document as HTML, head included. */
export const documentHtml = (page: Page) => page.evaluate(() => document.documentElement.outerHTML);

/** The root element of the component: its data-state is loading, embedding, ready or error. */
export const ticketCenter = (page: Page) => page.locator('main [data-state]').first();
