// The embed policy without React: what a Ticket Center shows, given the identity source and the mount.
import { describe, expect, it } from 'vitest';
import { HelpdeskyError } from 'helpdesky-react';
import { decideEmbed, type EmbedMount, type IdentitySource } from '../../src/core/decideEmbed.js';
import { alice, bob } from './handlers.js';

const mount = (overrides: Partial<EmbedMount> = {}): EmbedMount => ({
  hydrated: true,
  dataUpdatedAtMount: 1000,
  ...overrides,
});
const cached = (data = alice, dataUpdatedAt = 1000): IdentitySource => ({ data, dataUpdatedAt });
const signedOut = new HelpdeskyError('unauthenticated', 'answered 401', { status: 401 });
const offline = new HelpdeskyError('network', 'could not be reached');

describe('decideEmbed', () => {
  it('embeds nothing before hydration, whatever the cache holds', () => {
    expect(decideEmbed(cached(), mount({ hydrated: false, usableAtMount: alice }))).toMatchObject({
      state: 'loading',
      identity: undefined,
    });
  });

  it('waits for the endpoint when the cache holds an identity it may not use as it is', () => {
    expect(decideEmbed(cached(), mount())).toMatchObject({ state: 'loading', identity: undefined });
  });

  it('embeds the one cached identity the mount may use (preloaded moments ago, embedded by nobody)', () => {
    expect(decideEmbed(cached(), mount({ usableAtMount: alice }))).toMatchObject({
      state: 'embedding',
      identity: alice,
    });
  });

  it("embeds what the endpoint answered after mount, and that answer's next user", () => {
    expect(decideEmbed(cached(alice, 2000), mount())).toMatchObject({ state: 'embedding', identity: alice });
    expect(decideEmbed(cached(bob, 3000), mount({ usableAtMount: alice }))).toMatchObject({ identity: bob });
  });

  it('is ready once the embed of this very identity rendered, and shows its error when it failed', () => {
    const timeout = new HelpdeskyError('timeout', 'nothing rendered');
    expect(decideEmbed(cached(alice, 2000), mount({ outcome: { for: alice } })).state).toBe('ready');
    expect(decideEmbed(cached(alice, 2000), mount({ outcome: { for: bob } })).state).toBe('embedding');
    expect(decideEmbed(cached(alice, 2000), mount({ outcome: { for: alice, error: timeout } }))).toMatchObject({
      state: 'error',
      error: timeout,
      identity: alice,
    });
  });

  it('shows a failed first fetch as an error, and never falls back to an old cached identity', () => {
    expect(decideEmbed({ ...cached(), error: offline }, mount())).toMatchObject({
      state: 'error',
      error: offline,
      identity: undefined,
    });
  });

  it('keeps a panel through a failed revalidation, unless the answer says the user signed out', () => {
    const shown = mount({ outcome: { for: alice } });
    expect(decideEmbed({ ...cached(alice, 2000), error: offline }, shown)).toMatchObject({
      state: 'ready',
      identity: alice,
    });
    expect(decideEmbed({ ...cached(alice, 2000), error: signedOut }, shown)).toMatchObject({
      state: 'error',
      identity: undefined,
      signedOut: true,
    });
  });
});
