import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountEmbed, type Embed } from '../../src/core/mountEmbed.js';
import { alice } from './handlers.js';

/** The embed lifecycle needs no React: a host element and a disposer are all there is. */
describe('mountEmbed of the Ticket Center, without React', () => {
  let host: HTMLElement;
  beforeEach(() => {
    vi.useFakeTimers();
    host = document.body.appendChild(document.createElement('div'));
  });
  afterEach(() => {
    vi.useRealTimers();
    host.remove();
  });

  const options = (overrides: Partial<Embed> = {}): Embed => ({
    ...alice,
    scriptSrc: 'https://helpdesky.io/ticket-center.js',
    containerId: 'hdh-ticket-center',
    readyTimeoutMs: 1000,
    onReady: vi.fn(),
    onError: vi.fn(),
    ...overrides,
  });

  it('creates the container at once and the script a task later', () => {
    const dispose = mountEmbed(host, options());
    expect(host.querySelector('#hdh-ticket-center')).not.toBeNull();
    expect(host.querySelector('script')).toBeNull();
    vi.advanceTimersByTime(0);
    expect(host.querySelector('script')).not.toBeNull();
    dispose();
  });

  it('leaves no timer pending after dispose, at any point of the lifecycle', () => {
    for (const advance of [undefined, 0, 500]) {
      const embed = options();
      const dispose = mountEmbed(host, embed);
      if (advance !== undefined) vi.advanceTimersByTime(advance);
      dispose();
      expect(vi.getTimerCount()).toBe(0);
      expect(host.childNodes).toHaveLength(0);
      vi.advanceTimersByTime(5000);
      expect(embed.onError).not.toHaveBeenCalled();
      expect(embed.onReady).not.toHaveBeenCalled();
    }
  });

  it('reports ready once, when something is rendered into the container, and stops its timer', async () => {
    const embed = options();
    const dispose = mountEmbed(host, embed);
    vi.advanceTimersByTime(0);
    host.querySelector('#hdh-ticket-center')!.append('panel', document.createElement('iframe'));
    await Promise.resolve(); // mutation records are delivered in a microtask
    expect(embed.onReady).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(5000);
    expect(embed.onError).not.toHaveBeenCalled();
    dispose();
  });

  it("counts an open shadow root as rendered: at the script's load, or at the latest when it would time out", () => {
    for (const attached of ['before load', 'after load'] as const) {
      const embed = options({ readyTimeoutMs: 300 });
      const dispose = mountEmbed(host, embed);
      vi.advanceTimersByTime(0);
      const container = host.querySelector('#hdh-ticket-center')!;
      const script = host.querySelector('script')!;
      if (attached === 'before load') container.attachShadow({ mode: 'open' }).append('panel');
      script.dispatchEvent(new Event('load'));
      expect(embed.onReady).toHaveBeenCalledTimes(attached === 'before load' ? 1 : 0);
      if (attached === 'after load') container.attachShadow({ mode: 'open' }).append('panel');
      vi.advanceTimersByTime(300);
      expect(embed.onReady).toHaveBeenCalledTimes(1);
      expect(embed.onError).not.toHaveBeenCalled();
      dispose();
    }
  });

  it('times out once when nothing renders', () => {
    const embed = options({ readyTimeoutMs: 300 });
    const dispose = mountEmbed(host, embed);
    vi.advanceTimersByTime(299);
    expect(embed.onError).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(embed.onError).toHaveBeenCalledWith(expect.objectContaining({ code: 'timeout' }));
    host.querySelector('script')!.dispatchEvent(new Event('error'));
    expect(embed.onError).toHaveBeenCalledTimes(1);
    dispose();
  });

  it('sets every attribute with setAttribute, so markup in the identity stays text', () => {
    const email = '"><img src=x onerror=alert(1)>@example.com';
    const dispose = mountEmbed(host, options({ email }));
    vi.advanceTimersByTime(0);
    const script = host.querySelector('script')!;
    expect(script.getAttribute('data-email')).toBe(email);
    expect(host.querySelector('img')).toBeNull();
    dispose();
  });
});

describe('mountEmbed of a page-wide surface (no container), without React', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("is ready when the script adds something to <body>; dispose removes that, and leaves the host's later nodes", async () => {
    const host = document.body.appendChild(document.createElement('div'));
    const onReady = vi.fn();
    const dispose = mountEmbed(host, {
      scriptSrc: 'https://helpdesky.io/widget.js',
      helpdeskId: alice.helpdeskId,
      readyTimeoutMs: 1000,
      onReady,
      onError: vi.fn(),
    });
    vi.advanceTimersByTime(0);
    const script = host.querySelector('script')!;
    expect(script).toHaveAttribute('data-helpdesk-id', alice.helpdeskId);
    expect(script).not.toHaveAttribute('data-container');
    // Added while the script downloads: anyone's, so not a render yet.
    const early = document.body.appendChild(document.createElement('p'));
    await Promise.resolve();
    expect(onReady).not.toHaveBeenCalled();
    // The script runs (appending its launcher), then its load event fires.
    const launcher = document.body.appendChild(document.createElement('div'));
    await Promise.resolve();
    script.dispatchEvent(new Event('load'));
    expect(onReady).toHaveBeenCalledTimes(1);
    // Added after the launcher: as likely the host's (a dialog's portal) as the vendor's.
    const portal = document.body.appendChild(document.createElement('section'));
    await Promise.resolve();

    dispose();
    expect(script.isConnected).toBe(false);
    expect(launcher.isConnected).toBe(false);
    expect(portal.isConnected).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    portal.remove();
    early.remove();
    host.remove();
  });
});
