/**
 * Helpdesky's three embeds, as data: where each script is served and the container id it looks
 * for when `data-container` is not given. One lifecycle ({@link mountEmbed}) mounts them all.
 */
export const TICKET_CENTER = { scriptSrc: 'https://helpdesky.io/ticket-center.js', containerId: 'hdh-ticket-center' };
export const CONTACT_FORM = { scriptSrc: 'https://helpdesky.io/contact-form.js', containerId: 'hdh-contact-form' };
export const WIDGET = { scriptSrc: 'https://helpdesky.io/widget.js' };

/** How long to wait for an embed to render before giving up. */
export const DEFAULT_READY_TIMEOUT_MS = 15_000;
