import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent, waitFor } from 'storybook/test';
import { HelpdeskyWidget } from 'helpdesky-react';
import { emulatorCounters, emulatorFor, given, SLOW } from './emulatorStory.js';

// The Widget renders nothing in place: the emulated widget.js appends its launcher, in a shadow
// host, to <body>, outside the story's canvas.

/** The emulated launcher's shadow hosts in the document. */
const launchers = () => document.querySelectorAll('[data-helpdesky-emulator-widget]');
const launcherButton = () => launchers()[0]?.shadowRoot?.querySelector('button') ?? null;

const launcher = emulatorFor('widget-launcher');

const meta = {
  title: 'HelpdeskyWidget',
  component: HelpdeskyWidget,
  tags: ['autodocs'],
  args: { helpdeskId: launcher.helpdeskId, onReady: fn(), onError: fn() },
  parameters: { docs: { story: { inline: false, height: '360px' } } },
} satisfies Meta<typeof HelpdeskyWidget>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The launcher in the corner; a click opens the help center. */
export const Launcher: Story = {
  args: { scriptSrc: launcher.widgetScriptUrl },
  beforeEach: given(launcher),
  async play({ args }) {
    await waitFor(() => expect(launcherButton()).toBeVisible(), SLOW);
    await expect(launchers()).toHaveLength(1);
    await waitFor(() => expect(args.onReady).toHaveBeenCalledTimes(1));
    // StrictMode mounts twice; the script must still execute exactly once.
    await expect(emulatorCounters().widgetExecutions).toBe(1);
    await userEvent.click(launcherButton()!);
    await expect(launcherButton()).toHaveAttribute('aria-expanded', 'true');
  },
};

const blocked = emulatorFor('widget-blocked', { failScript: true });
/** The script is blocked: nothing shows (the launcher is the UI), and onError says why. */
export const ScriptBlocked: Story = {
  args: { scriptSrc: blocked.widgetScriptUrl },
  beforeEach: given(blocked),
  async play({ args }) {
    await waitFor(
      () => expect(args.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'script-load' })),
      SLOW,
    );
    await expect(launchers()).toHaveLength(0);
  },
};

const toggled = emulatorFor('widget-unmount');
/** A signed-in area that must not show it unmounts it: the launcher and the script go. */
export const Unmounted: Story = {
  args: { scriptSrc: toggled.widgetScriptUrl },
  beforeEach: given(toggled),
  render: function Render(args) {
    const [shown, setShown] = useState(true);
    return (
      <>
        <button type="button" onClick={() => setShown(!shown)}>
          {shown ? 'Hide the Widget' : 'Show the Widget'}
        </button>
        {shown && <HelpdeskyWidget {...args} />}
      </>
    );
  },
  async play({ canvas }) {
    await waitFor(() => expect(launchers()).toHaveLength(1), SLOW);
    await userEvent.click(canvas.getByRole('button', { name: 'Hide the Widget' }));
    await expect(launchers()).toHaveLength(0);
    await expect(document.querySelector('script[src*="widget.js"]')).toBeNull();
  },
};
