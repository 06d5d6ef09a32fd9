import type { Meta, StoryObj } from '@storybook/react-vite';
import { http, HttpResponse } from 'msw';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { HelpdeskyContactForm, HelpdeskyTicketCenter } from 'helpdesky-react';
import { emulatorCounters, emulatorFor, ENDPOINT, given, SLOW } from './emulatorStory.js';

// Every state comes from the network: the local Helpdesky emulator's contact-form.js, served by
// MSW on the page's own origin. The form renders inside a shadow root, as the vendor's does.

/** The form inside the container's shadow root, once the script rendered it. */
const form = (canvasElement: HTMLElement) =>
  canvasElement.querySelector('#hdh-contact-form')?.shadowRoot?.querySelector('form') ?? null;

const expectState = (canvasElement: HTMLElement, state: string) =>
  waitFor(() => expect(canvasElement.querySelector('[data-state]')).toHaveAttribute('data-state', state), SLOW);

const ready = emulatorFor('contact-form-ready');

const meta = {
  title: 'HelpdeskyContactForm',
  component: HelpdeskyContactForm,
  tags: ['autodocs'],
  args: { helpdeskId: ready.helpdeskId, onReady: fn(), onError: fn() },
  argTypes: {
    align: { control: 'inline-radio', options: ['left', 'center', 'right'] },
    maxWidth: { control: 'text' },
    loadingFallback: { control: false },
    errorFallback: { control: false },
    style: { control: false },
  },
  parameters: { docs: { story: { inline: false, height: '420px' } } },
} satisfies Meta<typeof HelpdeskyContactForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The form, rendered by the emulated `contact-form.js`; a message sent reaches the emulator. */
export const Ready: Story = {
  args: { scriptSrc: ready.contactFormScriptUrl },
  beforeEach: given(ready),
  async play({ canvasElement, args }) {
    await expectState(canvasElement, 'ready');
    const shown = form(canvasElement)!;
    await expect(shown).toBeVisible();
    // Reported from an effect, just after the commit that shows the form.
    await waitFor(() => expect(args.onReady).toHaveBeenCalledTimes(1));
    // StrictMode mounts twice; the script must still execute exactly once.
    await expect(emulatorCounters().contactFormExecutions).toBe(1);

    await userEvent.type(shown.querySelector('input[type="email"]')!, 'visitor@example.com');
    await userEvent.type(shown.querySelector('textarea')!, 'Where is my order?');
    await userEvent.click(shown.querySelector('button')!);
    await waitFor(() => expect(ready.messages).toHaveLength(1), SLOW);
    await expect(ready.messages[0]).toMatchObject({ email: 'visitor@example.com', message: 'Where is my order?' });
  },
};

const slow = emulatorFor('contact-form-loading', { scriptLatencyMs: 60_000 });
/** The script is still downloading: the loading line, and nothing else. */
export const Loading: Story = {
  args: { scriptSrc: slow.contactFormScriptUrl },
  beforeEach: given(slow),
  async play({ canvas, canvasElement }) {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading support…');
    await expectState(canvasElement, 'embedding');
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
  },
};

const blocked = emulatorFor('contact-form-blocked', { failScript: true });
/** The script is blocked (here a 404): "Support could not load", and "Try again". */
export const ScriptBlocked: Story = {
  args: { scriptSrc: blocked.contactFormScriptUrl },
  beforeEach: given(blocked),
  async play({ canvas, canvasElement, args }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(
      'Support could not load: an ad blocker may be blocking it.',
    );
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expectState(canvasElement, 'error');
    await waitFor(() => expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'script-load' })));
  },
};

const silent = emulatorFor('contact-form-timeout', { renderNothing: true });
/** The script loads and renders nothing (messaging disabled, say): a timeout, and "Try again". */
export const TimedOut: Story = {
  args: { scriptSrc: silent.contactFormScriptUrl, readyTimeoutMs: 1_500 },
  beforeEach: given(silent),
  async play({ canvas, args }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent('Support did not respond in time.');
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await waitFor(() => expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'timeout' })));
  },
};

const supportPage = emulatorFor('contact-form-support-page');
/** The Support page for every visitor: nobody is signed in (401), so the Ticket Center shows the form. */
export const SignedOutSupportPage: Story = {
  args: { scriptSrc: supportPage.contactFormScriptUrl },
  beforeEach: given(
    supportPage,
    http.get(`*${ENDPOINT}`, () => HttpResponse.json({ error: 'unauthenticated' }, { status: 401 })),
  ),
  render: (args) => (
    <HelpdeskyTicketCenter
      endpoint={ENDPOINT}
      scriptSrc={supportPage.scriptUrl}
      signedOutFallback={<HelpdeskyContactForm {...args} />}
    />
  ),
  async play({ canvas, canvasElement }) {
    await waitFor(() => expect(form(canvasElement)).toBeVisible(), SLOW);
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
    await expect(canvasElement.querySelector('script[src*="ticket-center"]')).toBeNull();
  },
};
