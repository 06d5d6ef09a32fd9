import type { HelpdeskyError } from './HelpdeskyError.js';
import type { HelpdeskyIdentity } from './identityContract.js';

/** The root element's `data-state`: waiting for the identity, waiting for the embed to render, rendered, or failed. */
export type HelpdeskyEmbedState = 'loading' | 'embedding' | 'ready' | 'error';

/**
 * What the identity source says now: TanStack Query's result for the endpoint, or the
 * server-signed prop. `T` is what gets embedded: the identity, or for the anonymous Contact
 * Form, only its helpdesk id.
 */
export interface IdentitySource<T extends object = HelpdeskyIdentity> {
  data?: T | undefined;
  error?: HelpdeskyError | null | undefined;
  /** When `data` was last written (TanStack Query's `dataUpdatedAt`). */
  dataUpdatedAt: number;
}

/** What one mounted component knows. */
export interface EmbedMount<T extends object = HelpdeskyIdentity> {
  /** False during the server render and hydration, which always show the loading state. */
  hydrated: boolean;
  /** `dataUpdatedAt` when the component mounted: data written since then is the endpoint's current answer. */
  dataUpdatedAtMount: number;
  /** The cached identity this mount may embed without a new answer (preloaded moments ago, embedded by nobody since). */
  usableAtMount?: T | undefined;
  /** How the embed of an identity ended: rendered, or failed with an error. */
  outcome?: { for: T; error?: HelpdeskyError | undefined } | undefined;
}

/** What to show: the state, the identity to embed now (if any), and the error to show (if any). */
export interface EmbedDecision<T extends object = HelpdeskyIdentity> {
  state: HelpdeskyEmbedState;
  identity?: T | undefined;
  error?: HelpdeskyError | undefined;
  /** The error means nobody (allowed) is signed in: 401, 403, or a `null` identity. */
  signedOut: boolean;
}

/** Whether `error` only says that nobody (allowed) is signed in: a 401, a 403, or a `null` identity. */
export const isSignedOut = (error: HelpdeskyError | null | undefined) =>
  error?.code === 'unauthenticated' || error?.code === 'forbidden';

/**
 * The rule that keeps one user's tickets from another, as a pure function. An identity is
 * embedded only when the source answered it after this mount, or when it is the one cached
 * identity the mount was allowed to use as it was. A failed refetch keeps the panel it
 * revalidated, unless the answer says the user is signed out; then the panel goes at once.
 */
export function decideEmbed<T extends object>(source: IdentitySource<T>, mount: EmbedMount<T>): EmbedDecision<T> {
  const { data, error } = source;
  const current = data === mount.usableAtMount || source.dataUpdatedAt !== mount.dataUpdatedAtMount;
  const answered = mount.hydrated && current ? data : undefined;
  const signedOut = isSignedOut(error);
  const fetchError = error && (!answered || signedOut) ? error : undefined;
  const identity = fetchError ? undefined : answered;
  const outcome = identity && mount.outcome?.for === identity ? mount.outcome : undefined;
  const shown = fetchError ?? outcome?.error;
  return {
    state: shown ? 'error' : !identity ? 'loading' : outcome ? 'ready' : 'embedding',
    identity,
    error: shown,
    signedOut,
  };
}
