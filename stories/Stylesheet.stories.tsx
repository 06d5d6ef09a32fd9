/// <reference types="vite/client" />
import type { Decorator, Meta, StoryObj } from '@storybook/react-vite';
import { delay, http } from 'msw';
import { expect } from 'storybook/test';
import { HelpdeskyTicketCenter } from 'helpdesky-react';
// The stylesheet as text, applied only while one of these stories is shown: the other stories
// show the defaults unstyled, as a host without the import sees them.
import stylesheet from 'helpdesky-react/styles.css?inline';
import { emulatorFor, ENDPOINT, given, signedIn, SLOW } from './emulatorStory.js';

// The default states with `import 'helpdesky-react/styles.css'`, on a light page and on a dark
// one (`color-scheme: dark`). axe runs after each story (preview.tsx), so a colour pair that
// fails WCAG AA contrast fails `npm test`.

type Scheme = 'light' | 'dark';
/** A page background of each scheme, for the contrast checks to measure against. */
const PAGE: Record<Scheme, string> = { light: '#ffffff', dark: '#0d1117' };

const onPage: Decorator = (Story, { parameters }) => {
  const scheme = (parameters.scheme as Scheme | undefined) ?? 'light';
  return (
    <div style={{ colorScheme: scheme, background: PAGE[scheme], padding: 24 }}>
      <style>{stylesheet}</style>
      <Story />
    </div>
  );
};

const meta = {
  title: 'Stylesheet',
  component: HelpdeskyTicketCenter,
  decorators: [onPage],
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof HelpdeskyTicketCenter>;

export default meta;
type Story = StoryObj<typeof meta>;

/** What each styled state shares: a card in the scheme's colours, and an action big enough to tap. */
async function expectStyledAlert(canvasElement: HTMLElement, scheme: Scheme) {
  const alert = canvasElement.querySelector<HTMLElement>('[data-helpdesky-fallback]')!;
  // The card's surface is the scheme's: white on a light page, the dark surface on a dark one.
  await expect(getComputedStyle(alert).backgroundColor).toBe(
    scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(21, 27, 35)',
  );
  const action = alert.querySelector<HTMLElement>('a, button')!;
  // WCAG 2.5.8: a target at least 24 by 24 CSS pixels.
  await expect(action.getBoundingClientRect().height).toBeGreaterThanOrEqual(24);
}

const signedOut = {
  args: { identity: null, signInUrl: '/sign-in' },
  async play({ canvas, canvasElement, parameters }) {
    const link = await canvas.findByRole('link', { name: 'Sign in' });
    await expect(link).toHaveAttribute('href', '/sign-in');
    await expectStyledAlert(canvasElement, parameters.scheme as Scheme);
  },
} satisfies Story;

/** Nobody is signed in (`identity={null}`), with `signInUrl`: the alert and its link. */
export const SignedOutLight: Story = { ...signedOut, parameters: { scheme: 'light' } };
export const SignedOutDark: Story = { ...signedOut, parameters: { scheme: 'dark' } };

const blocked = emulatorFor('stylesheet-script-blocked', { failScript: true });
const scriptBlocked = {
  args: { endpoint: ENDPOINT, scriptSrc: blocked.scriptUrl },
  beforeEach: given(blocked, signedIn(blocked, 'alice@example.com')),
  async play({ canvas, canvasElement, parameters }) {
    await canvas.findByRole('button', { name: 'Try again' }, SLOW);
    await expectStyledAlert(canvasElement, parameters.scheme as Scheme);
  },
} satisfies Story;

/** The script was blocked: the alert and its "Try again" button. */
export const ScriptBlockedLight: Story = { ...scriptBlocked, parameters: { scheme: 'light' } };
export const ScriptBlockedDark: Story = { ...scriptBlocked, parameters: { scheme: 'dark' } };

const loading = {
  args: { endpoint: ENDPOINT },
  // The identity endpoint never answers: the loading line stays.
  beforeEach: ({ msw }) => msw.use(http.get(`*${ENDPOINT}`, () => delay('infinite'))),
  async play({ canvas, canvasElement, parameters }) {
    await expect(await canvas.findByText('Loading support…')).toBeVisible();
    const spinner = getComputedStyle(canvasElement.querySelector('[data-helpdesky-status] p')!, '::before');
    // The spinner's moving arc is the scheme's accent.
    await expect(spinner.borderTopColor).toBe(parameters.scheme === 'light' ? 'rgb(9, 105, 218)' : 'rgb(31, 111, 235)');
  },
} satisfies Story;

/** The identity is on its way: the loading line and its spinner. */
export const LoadingLight: Story = { ...loading, parameters: { scheme: 'light' } };
export const LoadingDark: Story = { ...loading, parameters: { scheme: 'dark' } };
