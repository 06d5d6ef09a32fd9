// Example: test your Helpdesky integration offline with the local emulator, a test double of
// helpdesky.io shipped as `helpdesky-react/testing`. Copy this file into your project and
// replace `getUser` with however your tests sign a user in.
//
// It answers the question behind most "Verification failed" reports: does what my identity
// endpoint signs pass Helpdesky's check? The emulator verifies exactly as Helpdesky's server
// does (lowercase the email, HMAC-SHA256 with the secret, compare), without a network.
import { describe, expect, it } from 'vitest';
import { createHelpdeskyHandler } from 'helpdesky-react/server';
import {
  createHelpdeskyEmulator,
  HELPDESKY_EMULATOR_HELPDESK_ID,
  HELPDESKY_EMULATOR_SECRET,
} from 'helpdesky-react/testing';

const emulator = createHelpdeskyEmulator(); // alice@example.com and bob@example.com are seeded

// Your identity endpoint, configured with the emulator's public test secret and helpdesk id.
// In a real app `getUser` reads your session; here a header says who is signed in.
const identityEndpoint = createHelpdeskyHandler({
  getUser: (request) => {
    const email = request.headers.get('x-test-user');
    return email === null ? null : { email };
  },
  secret: HELPDESKY_EMULATOR_SECRET,
  helpdeskId: HELPDESKY_EMULATOR_HELPDESK_ID,
});

/** What the Ticket Center would do for a user stored as `storedEmail`: fetch, then verify. */
async function openTicketCenterAs(storedEmail: string) {
  const identity = await identityEndpoint(
    new Request('http://app.test/api/helpdesky', { headers: { 'x-test-user': storedEmail } }),
  ).then((response) => response.json());
  // The embed script sends exactly these three values; the emulator checks them like Helpdesky.
  const answer = await emulator.fetch(
    new Request(`http://helpdesky.test${emulator.verifyUrl}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(identity),
    }),
  );
  return answer.json();
}

describe('my Helpdesky integration', () => {
  it('is verified, and shows the signed-in user their own conversations', async () => {
    const result = await openTicketCenterAs('alice@example.com');
    expect(result.ok).toBe(true);
    expect(result.conversations.map((c: { subject: string }) => c.subject)).toContain(
      'Invoice #1042 was charged twice',
    );
  });

  it('is verified for an email stored with capitals and stray spaces', async () => {
    const result = await openTicketCenterAs('  Bob@Example.COM ');
    expect(result).toMatchObject({ ok: true, email: 'bob@example.com' });
  });

  it('fails with "Verification failed" when the server signs with another secret', async () => {
    const strict = createHelpdeskyEmulator({ secret: 'hdh_secret_the_one_in_the_dashboard' });
    const identity = await identityEndpoint(
      new Request('http://app.test/api/helpdesky', { headers: { 'x-test-user': 'alice@example.com' } }),
    ).then((response) => response.json());
    const answer = await strict.fetch(
      new Request('http://helpdesky.test/api/verify', { method: 'POST', body: JSON.stringify(identity) }),
    );
    expect(await answer.json()).toMatchObject({ ok: false, message: 'Verification failed' });
  });
});
