/** Where Helpdesky serves the Ticket Center script. */
export const DEFAULT_SCRIPT_SRC = 'https://helpdesky.io/ticket-center.js';
/** The container id the vendor script looks for when `data-container` is not given. */
export const DEFAULT_CONTAINER_ID = 'hdh-ticket-center';
/** How long to wait for the embed to render before giving up. */
export const DEFAULT_READY_TIMEOUT_MS = 15_000;
