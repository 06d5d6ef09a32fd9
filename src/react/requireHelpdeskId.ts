/** Throws a clear error while rendering `component` without a usable `helpdeskId`. */
export function requireHelpdeskId(component: string, helpdeskId: unknown): void {
  if (typeof helpdeskId === 'string' && helpdeskId.trim()) return;
  throw new TypeError(
    `[helpdesky] ${component} needs helpdeskId, got ${JSON.stringify(helpdeskId) ?? 'nothing'}: the helpdesk's id from the Helpdesky dashboard (public, unlike the secret; HELPDESKY_HELPDESK_ID on the server).`,
  );
}
