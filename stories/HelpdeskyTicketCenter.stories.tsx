import type { ReactNode } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useQueryClient } from '@tanstack/react-query';
import { delay, http, HttpResponse } from 'msw';
import { expect, fn, waitFor } from 'storybook/test';
import { HelpdeskyTicketCenter, helpdeskyIdentityQueryOptions, type HelpdeskyTicketCenterState } from 'helpdesky-react';
import { emulatorCounters, emulatorFor, ENDPOINT, given, signedIn, SLOW } from './emulatorStory.js';

// Every state below comes from the network, answered by MSW in the browser: the host's identity
// endpoint, and the local Helpdesky emulator (a test double of helpdesky.io) mounted on the
// page's own origin. The component gets no test-only props.

const ALICE = 'alice@example.com';
const BOB = 'bob@example.com';
const ALICE_CONVERSATION = 'Invoice #1042 was charged twice';
const BOB_CONVERSATION = 'Password reset email never arrives';
const SIGN_IN_TEXT = 'Please sign in to see your support conversations.';
// What the default error UI says, by cause.
const UNAVAILABLE_TEXT = 'Support is unavailable right now.';
const NOT_SET_UP_TEXT = 'Support is not set up on this site yet.';
const BLOCKED_TEXT = 'Support could not load: an ad blocker may be blocking it.';
const TIMED_OUT_TEXT = 'Support did not respond in time.';

/** The identity endpoint answering `status` with a JSON error, as `createHelpdeskyHandler` does. */
const failing = (status: number, error: string) =>
  http.get(`*${ENDPOINT}`, () => HttpResponse.json({ error, message: `Identity endpoint: ${error}` }, { status }));

/** How many times the emulated `ticket-center.js` executed during this story. */
const scriptExecutions = () => emulatorCounters().executions ?? 0;

/** Waits until the component's root element shows `state` in its `data-state`. */
const expectState = (canvasElement: HTMLElement, state: HelpdeskyTicketCenterState) =>
  waitFor(() => expect(canvasElement.querySelector('[data-state]')).toHaveAttribute('data-state', state), SLOW);

const meta = {
  title: 'HelpdeskyTicketCenter',
  component: HelpdeskyTicketCenter,
  tags: ['autodocs'],
  args: {
    endpoint: ENDPOINT,
    onReady: fn(),
    onError: fn(),
  },
  argTypes: {
    align: { control: 'inline-radio', options: ['left', 'center', 'right'] },
    maxWidth: { control: 'text' },
    readyTimeoutMs: { control: { type: 'number', min: 0, step: 500 } },
    loadingFallback: { control: false },
    errorFallback: { control: false },
    fetchOptions: { control: false },
    queryClient: { control: false },
    style: { control: false },
  },
  parameters: {
    // One Ticket Center per document (its container id is page-wide), so the docs page shows
    // each story in its own frame rather than several side by side.
    docs: { story: { inline: false, height: '460px' } },
  },
} satisfies Meta<typeof HelpdeskyTicketCenter>;

export default meta;
type Story = StoryObj<typeof meta>;

const ready = emulatorFor('ready');
/** Alice is signed in: her conversations, rendered by the emulated `ticket-center.js`. */
export const Ready: Story = {
  args: { scriptSrc: ready.scriptUrl },
  beforeEach: given(ready, signedIn(ready, ALICE)),
  async play({ canvas, canvasElement, args }) {
    await expect(await canvas.findByRole('heading', { name: ALICE_CONVERSATION }, SLOW)).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Exporting my projects to CSV' })).toBeVisible();
    await expect(canvas.getByText(`Signed in as ${ALICE}`)).toBeVisible();
    await expectState(canvasElement, 'ready');
    await expect(canvas.queryByText('Loading support…')).not.toBeInTheDocument();
    await expect(args.onReady).toHaveBeenCalledTimes(1);
    await expect(args.onError).not.toHaveBeenCalled();
    // StrictMode mounts twice; the script must still execute exactly once.
    await expect(scriptExecutions()).toBe(1);
  },
};

const loading = emulatorFor('loading');
/** The identity endpoint never answers: the loading line stays, and nothing is embedded. */
export const Loading: Story = {
  args: { scriptSrc: loading.scriptUrl },
  beforeEach: given(
    loading,
    http.get(`*${ENDPOINT}`, async () => {
      await delay('infinite');
      return HttpResponse.json({});
    }),
  ),
  async play({ canvas, canvasElement }) {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Loading support…');
    await expectState(canvasElement, 'loading');
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();
    await expect(canvas.queryByRole('region', { name: 'Ticket Center' })).not.toBeInTheDocument();
  },
};

const unauthenticated = emulatorFor('unauthenticated');
/** Nobody is signed in (401): a sign-in line, no "Try again". */
export const Unauthenticated: Story = {
  args: { scriptSrc: unauthenticated.scriptUrl },
  beforeEach: given(unauthenticated, failing(401, 'unauthenticated')),
  async play({ canvas, canvasElement, args }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(SIGN_IN_TEXT);
    await expect(canvas.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await expectState(canvasElement, 'error');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'unauthenticated', status: 401 }));
    await expect(scriptExecutions()).toBe(0);
  },
};

const forbidden = emulatorFor('forbidden');
/** The endpoint refuses this session (403): the same sign-in line. */
export const Forbidden: Story = {
  args: { scriptSrc: forbidden.scriptUrl },
  beforeEach: given(forbidden, failing(403, 'forbidden')),
  async play({ canvas, canvasElement, args }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(SIGN_IN_TEXT);
    await expect(canvas.queryByRole('button', { name: 'Try again' })).not.toBeInTheDocument();
    await expectState(canvasElement, 'error');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'forbidden', status: 403 }));
  },
};

const serverError = emulatorFor('server-error');
/** The endpoint answers 500, also on both automatic retries: "Support is unavailable right now" and "Try again". */
export const ServerError: Story = {
  args: { scriptSrc: serverError.scriptUrl },
  beforeEach: given(serverError, failing(500, 'internal')),
  async play({ canvas, canvasElement, args }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(UNAVAILABLE_TEXT);
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expectState(canvasElement, 'error');
    // Retries are silent: one error reported, after the last of them.
    await expect(args.onError).toHaveBeenCalledTimes(1);
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'http', status: 500 }));
  },
};

const recovering = emulatorFor('try-again-after-server-error');
/** The endpoint fails the first load (500 three times), then recovers: "Try again" brings the panel. */
export const TryAgainAfterServerError: Story = {
  args: { scriptSrc: recovering.scriptUrl },
  beforeEach(context) {
    let failuresLeft = 3; // the first request and TanStack Query's two automatic retries
    given(
      recovering,
      http.get(`*${ENDPOINT}`, () =>
        failuresLeft-- > 0 ? HttpResponse.json({ error: 'internal' }, { status: 500 }) : undefined,
      ),
      signedIn(recovering, ALICE),
    )(context);
  },
  async play({ canvas, canvasElement, args, userEvent }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(UNAVAILABLE_TEXT);
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(await canvas.findByRole('heading', { name: ALICE_CONVERSATION }, SLOW)).toBeVisible();
    await expect(canvas.queryByText(UNAVAILABLE_TEXT)).not.toBeInTheDocument();
    await expectState(canvasElement, 'ready');
    await expect(args.onReady).toHaveBeenCalledTimes(1);
  },
};

const invalidResponse = emulatorFor('invalid-response');
/** The endpoint route is not mounted: a single-page app's fallback HTML answers 200. */
export const InvalidResponse: Story = {
  args: { scriptSrc: invalidResponse.scriptUrl },
  beforeEach: given(
    invalidResponse,
    http.get(`*${ENDPOINT}`, () =>
      HttpResponse.html(
        '<!doctype html><html><head><title>Acme</title></head><body><div id="root"></div></body></html>',
      ),
    ),
  ),
  async play({ canvas, canvasElement, args }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(NOT_SET_UP_TEXT);
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expectState(canvasElement, 'error');
    // "answered an HTML page…" in development, "answered HTML" in a production build.
    await expect(args.onError).toHaveBeenCalledWith(
      expect.objectContaining({ code: 'invalid-response', message: expect.stringMatching(/answered (an )?HTML/) }),
    );
  },
};

const scriptBlocked = emulatorFor('script-blocked', { failScript: true });
/** `ticket-center.js` fails to load (an ad blocker, a CSP): the script-load error. */
export const ScriptBlocked: Story = {
  args: { scriptSrc: scriptBlocked.scriptUrl },
  beforeEach: given(scriptBlocked, signedIn(scriptBlocked, ALICE)),
  async play({ canvas, canvasElement, args }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(BLOCKED_TEXT);
    await expect(canvas.getByRole('button', { name: 'Try again' })).toBeEnabled();
    await expectState(canvasElement, 'error');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'script-load' }));
    await expect(scriptExecutions()).toBe(0);
  },
};

const unblocked = emulatorFor('try-again-after-script-blocked', { failScript: true });
/** The script was blocked, then allowed (the user paused their ad blocker): "Try again" brings the panel. */
export const TryAgainAfterScriptBlocked: Story = {
  args: { scriptSrc: unblocked.scriptUrl },
  beforeEach: given(unblocked, signedIn(unblocked, ALICE)),
  async play({ canvas, canvasElement, userEvent }) {
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(BLOCKED_TEXT);
    unblocked.setOptions({ failScript: false });
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(await canvas.findByRole('heading', { name: ALICE_CONVERSATION }, SLOW)).toBeVisible();
    await expectState(canvasElement, 'ready');
    await expect(scriptExecutions()).toBe(1);
  },
};

const embedTimeout = emulatorFor('embed-timeout', { renderNothing: true });
/** The script runs but renders nothing (messaging disabled, domain not allowed): the timeout error. */
export const EmbedTimeout: Story = {
  args: { scriptSrc: embedTimeout.scriptUrl, readyTimeoutMs: 1500 },
  beforeEach: given(embedTimeout, signedIn(embedTimeout, ALICE)),
  async play({ canvas, canvasElement, args }) {
    // Embedding: the script is in, nothing rendered yet, the loading line still shows.
    await expectState(canvasElement, 'embedding');
    await expect(canvas.getByRole('status')).toHaveTextContent('Loading support…');
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(TIMED_OUT_TEXT);
    await expectState(canvasElement, 'error');
    await expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'timeout' }));
    await expect(scriptExecutions()).toBe(1);
  },
};

const customFallbacks = emulatorFor('custom-fallbacks');
/** The host's own loading and error UI; here a slow endpoint that ends in a 401. */
export const CustomFallbacks: Story = {
  args: {
    scriptSrc: customFallbacks.scriptUrl,
    loadingFallback: <p role="status">Opening your support inbox…</p>,
    errorFallback: ({ error, retry }) => (
      <div role="alert">
        <p>
          Acme support is unavailable ({error.code}
          {error.status ? `, ${error.status}` : ''}).
        </p>
        <button type="button" onClick={retry}>
          Retry
        </button>
      </div>
    ),
  },
  beforeEach: given(
    customFallbacks,
    http.get(`*${ENDPOINT}`, async () => {
      await delay(600);
      return HttpResponse.json({ error: 'unauthenticated' }, { status: 401 });
    }),
  ),
  async play({ canvas, canvasElement, userEvent }) {
    await expect(await canvas.findByRole('status')).toHaveTextContent('Opening your support inbox…');
    await expect(canvas.queryByText('Loading support…')).not.toBeInTheDocument();
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(
      'Acme support is unavailable (unauthenticated, 401).',
    );
    await expect(canvas.queryByText(SIGN_IN_TEXT)).not.toBeInTheDocument();
    // The fallback's retry starts over: loading again, then the same answer.
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await expect(await canvas.findByRole('status')).toHaveTextContent('Opening your support inbox…');
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent('unauthenticated, 401');
    await expectState(canvasElement, 'error');
  },
};

/** Waits for Alice's panel and returns the emulator's root section. */
async function panel(canvas: Parameters<NonNullable<Story['play']>>[0]['canvas']) {
  await canvas.findByRole('heading', { name: ALICE_CONVERSATION }, SLOW);
  return canvas.getByRole('region', { name: 'Ticket Center' });
}

const alignLeft = emulatorFor('align-left');
/** `align="left"`: the panel hugs the left edge (`data-align`). */
export const AlignLeft: Story = {
  args: { scriptSrc: alignLeft.scriptUrl, align: 'left', maxWidth: '480px' },
  beforeEach: given(alignLeft, signedIn(alignLeft, ALICE)),
  async play({ canvas }) {
    await expect(await panel(canvas)).toHaveStyle({ maxWidth: '480px', marginLeft: '0px' });
  },
};

const alignRight = emulatorFor('align-right');
/** `align="right"`: the panel hugs the right edge. */
export const AlignRight: Story = {
  args: { scriptSrc: alignRight.scriptUrl, align: 'right', maxWidth: '480px' },
  beforeEach: given(alignRight, signedIn(alignRight, ALICE)),
  async play({ canvas }) {
    const section = await panel(canvas);
    await expect(section).toHaveStyle({ maxWidth: '480px', marginRight: '0px' });
    const { left, right } = section.getBoundingClientRect();
    const host = section.parentElement!.getBoundingClientRect();
    await expect(Math.round(host.right - right)).toBe(0);
    await expect(left).toBeGreaterThan(host.left);
  },
};

const maxWidth = emulatorFor('max-width');
/** `maxWidth="360px"`: a narrow panel, centred (the vendor's default alignment). */
export const MaxWidth: Story = {
  args: { scriptSrc: maxWidth.scriptUrl, maxWidth: '360px' },
  beforeEach: given(maxWidth, signedIn(maxWidth, ALICE)),
  async play({ canvas }) {
    const section = await panel(canvas);
    await expect(section).toHaveStyle({ maxWidth: '360px' });
    await expect(section.getBoundingClientRect().width).toBeLessThanOrEqual(360);
  },
};

/**
 * A host app's account menu: it signs in or out through the app's own session API (answered by
 * MSW here), then resets the identity (as the README advises) so the Ticket Center follows.
 */
function AccountMenu({ endpoint, children }: { endpoint: string; children: ReactNode }) {
  const queryClient = useQueryClient();
  const switchTo = async (email: string | null) => {
    await fetch('/api/session', {
      method: email ? 'PUT' : 'DELETE',
      headers: { 'content-type': 'application/json' },
      body: email ? JSON.stringify({ email }) : null,
    });
    await queryClient.resetQueries({ queryKey: helpdeskyIdentityQueryOptions({ endpoint }).queryKey });
  };
  return (
    <>
      <nav aria-label="Account" style={{ display: 'flex', gap: 8, marginBottom: 12 }}>
        <button type="button" onClick={() => void switchTo(null)}>
          Sign out
        </button>
        <button type="button" onClick={() => void switchTo(ALICE)}>
          Sign in as Alice
        </button>
        <button type="button" onClick={() => void switchTo(BOB)}>
          Sign in as Bob
        </button>
      </nav>
      {children}
    </>
  );
}

const userSwitch = emulatorFor('user-switch');
/** Alice signs out, Bob signs in, then Alice again: never a previous user's panel. */
export const UserSwitch: Story = {
  args: { scriptSrc: userSwitch.scriptUrl },
  render: (args) => (
    <AccountMenu endpoint={args.endpoint ?? ENDPOINT}>
      <HelpdeskyTicketCenter {...args} />
    </AccountMenu>
  ),
  beforeEach(context) {
    let user: string | null = ALICE;
    given(
      userSwitch,
      http.put('*/api/session', async ({ request }) => {
        user = ((await request.json()) as { email: string }).email;
        return new HttpResponse(null, { status: 204 });
      }),
      http.delete('*/api/session', () => {
        user = null;
        return new HttpResponse(null, { status: 204 });
      }),
      http.get(`*${ENDPOINT}`, async () =>
        user
          ? HttpResponse.json({
              email: user,
              signature: await userSwitch.sign(user),
              helpdeskId: userSwitch.helpdeskId,
            })
          : HttpResponse.json({ error: 'unauthenticated' }, { status: 401 }),
      ),
    )(context);
  },
  async play({ canvas, canvasElement, userEvent }) {
    await expect(await canvas.findByRole('heading', { name: ALICE_CONVERSATION }, SLOW)).toBeVisible();

    await userEvent.click(canvas.getByRole('button', { name: 'Sign out' }));
    await expect(await canvas.findByRole('alert', {}, SLOW)).toHaveTextContent(SIGN_IN_TEXT);
    await expect(canvas.queryByRole('heading', { name: ALICE_CONVERSATION })).not.toBeInTheDocument();
    await expect(canvas.queryByText(`Signed in as ${ALICE}`)).not.toBeInTheDocument();
    await expectState(canvasElement, 'error');

    await userEvent.click(canvas.getByRole('button', { name: 'Sign in as Bob' }));
    await expect(await canvas.findByRole('heading', { name: BOB_CONVERSATION }, SLOW)).toBeVisible();
    await expect(canvas.getByText(`Signed in as ${BOB}`)).toBeVisible();
    await expect(canvas.queryByRole('heading', { name: ALICE_CONVERSATION })).not.toBeInTheDocument();
    await expect(canvas.queryByRole('alert')).not.toBeInTheDocument();

    // Straight from Bob to Alice, without signing out first.
    await userEvent.click(canvas.getByRole('button', { name: 'Sign in as Alice' }));
    await expect(await canvas.findByRole('heading', { name: ALICE_CONVERSATION }, SLOW)).toBeVisible();
    await expect(canvas.queryByRole('heading', { name: BOB_CONVERSATION })).not.toBeInTheDocument();
    await expect(canvas.getAllByRole('region', { name: 'Ticket Center' })).toHaveLength(1);
    await expectState(canvasElement, 'ready');
  },
};
