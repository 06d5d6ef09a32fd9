/**
 * TEST DOUBLE OF helpdesky.io: the seed data of the local Helpdesky emulator.
 *
 * Nothing here is Helpdesky's: the secret, the helpdesk id and the users are made up for tests
 * and demos, and are safe to commit. Never use this secret for a real helpdesk.
 */

/** One message in an emulated conversation. */
export interface HelpdeskyEmulatorMessage {
  /** Who wrote it, as the panel shows it (`"Alice Martin"`, `"Sam from Support"`). */
  author: string;
  /** The message text, rendered as plain text. */
  text: string;
}

/** One emulated conversation, as the Ticket Center lists it. */
export interface HelpdeskyEmulatorConversation {
  /** The conversation's subject line, shown as its heading. */
  subject: string;
  /** Messages, oldest first. */
  messages: HelpdeskyEmulatorMessage[];
}

/** A user seeded into the emulator, with the conversations the panel shows once verified. */
export interface HelpdeskyEmulatorUser {
  /** The user's email. Matched after lowercasing, as Helpdesky's server does. */
  email: string;
  /** Display name, shown in the panel. */
  name: string;
  /** The conversations shown once this user is verified. An empty array shows an empty panel. */
  conversations: HelpdeskyEmulatorConversation[];
}

/**
 * The emulator's default HMAC secret. Public on purpose: sign identities with it in tests and
 * demos (set `HELPDESKY_HMAC_SECRET` to this value). Shaped like a real secret (`hdh_secret_`
 * prefix), so code that inspects the prefix behaves as it would in production.
 */
export const HELPDESKY_EMULATOR_SECRET = 'hdh_secret_emulator_not_a_real_secret_5f1c0b7e2a9d4c3e';

/** The emulator's default helpdesk id, a fixed UUID (set `HELPDESKY_HELPDESK_ID` to it). */
export const HELPDESKY_EMULATOR_HELPDESK_ID = '5b0c1f1e-7a3d-4c8e-9f2a-0e1d2c3b4a59';

/**
 * The emulator's default users: Alice with two conversations, Bob with one, all subjects
 * distinct so a test can tell whose panel it is looking at.
 */
export const HELPDESKY_EMULATOR_USERS: readonly HelpdeskyEmulatorUser[] = Object.freeze([
  {
    email: 'alice@example.com',
    name: 'Alice Martin',
    conversations: [
      {
        subject: 'Invoice #1042 was charged twice',
        messages: [
          { author: 'Alice Martin', text: 'Hi, my card was charged twice for invoice #1042 this month.' },
          {
            author: 'Sam from Support',
            text: 'Sorry about that, Alice. I refunded the duplicate charge; it shows within 5 business days.',
          },
        ],
      },
      {
        subject: 'Exporting my projects to CSV',
        messages: [
          { author: 'Alice Martin', text: 'Is there a way to export all my projects to CSV?' },
          { author: 'Sam from Support', text: 'Yes: Settings, then Data, then Export. Large exports arrive by email.' },
        ],
      },
    ],
  },
  {
    email: 'bob@example.com',
    name: 'Bob Chen',
    conversations: [
      {
        subject: 'Password reset email never arrives',
        messages: [
          { author: 'Bob Chen', text: 'I asked for a password reset three times and got nothing.' },
          { author: 'Priya from Support', text: 'Could you check your spam folder? I also resent it from our side.' },
        ],
      },
    ],
  },
]);
