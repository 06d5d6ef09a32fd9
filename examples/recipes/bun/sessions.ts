// A stand-in for your own auth (a sessions table, Redis, Auth.js, Lucia…): replace this file.
export interface User {
  email: string;
}

const sessions = new Map<string, User>([['demo-session', { email: 'Ada.Lovelace@Example.com' }]]);

/** The user signed in with the `session` cookie of a `Cookie` header, or null. */
export async function getSessionUser(cookieHeader: string | null | undefined): Promise<User | null> {
  const id = /(?:^|;\s*)session=([^;]*)/.exec(cookieHeader ?? '')?.[1];
  return (id !== undefined && sessions.get(id)) || null;
}
