import { useMemo, type CSSProperties, type ReactNode } from 'react';
import type { HelpdeskyError } from '../core/HelpdeskyError.js';
import { CONTACT_FORM } from '../core/surfaces.js';
import { EmbedShell } from './EmbedShell.js';
import { requireHelpdeskId } from './requireHelpdeskId.js';
import type { HelpdeskyMessages } from './helpdeskyMessages.js';
import type { HelpdeskyErrorFallbackProps } from './HelpdeskyTicketCenter.js';

/** Props of `HelpdeskyContactForm`. */
export interface HelpdeskyContactFormProps {
  /**
   * The helpdesk's id from the Helpdesky dashboard. Public (it ships in every embed), so reading
   * it from a `VITE_` or `NEXT_PUBLIC_` variable is fine, unlike the HMAC secret. Required.
   */
  helpdeskId: string;
  /**
   * URL of the Contact Form script. Default: `https://helpdesky.io/contact-form.js`.
   * @default 'https://helpdesky.io/contact-form.js'
   */
  scriptSrc?: string | undefined;
  /**
   * Id of the container the script renders into, passed as `data-container`. Default: `hdh-contact-form`.
   * @default 'hdh-contact-form'
   */
  containerId?: string | undefined;
  /**
   * Horizontal alignment of the form, passed as `data-align`. Default: not passed, so the vendor's (`center`).
   * @default undefined (the vendor's `center`)
   */
  align?: 'left' | 'center' | 'right' | undefined;
  /**
   * Maximum width of the form as a CSS width, passed as `data-max-width`. Default: not passed, so the vendor's (`560px`).
   * @default undefined (the vendor's `560px`)
   */
  maxWidth?: string | undefined;
  /**
   * Nonce set on the script element, for pages with a Content-Security-Policy. Default: none.
   * @default undefined
   */
  nonce?: string | undefined;
  /**
   * How long to wait for the form to render before showing a `timeout` error, in milliseconds. Default: `15000`.
   * @default 15000
   */
  readyTimeoutMs?: number | undefined;
  /**
   * Shown until the form has rendered. Default: a "Loading support…" status line.
   * @default a "Loading support…" line in a live region (role="status") present from the first render
   */
  loadingFallback?: ReactNode;
  /**
   * Shown when the form cannot render: a node, or a function of `{ error, retry }`. Default: a
   * short alert with "Try again" (except for `duplicate-container`).
   * @default an alert (role="alert") with a "Try again" button
   */
  errorFallback?: ReactNode | ((props: HelpdeskyErrorFallbackProps) => ReactNode);
  /**
   * The words of the default states, any of them replaced; see `HelpdeskyMessages`. Default: English.
   * @default the English defaults
   */
  messages?: Partial<HelpdeskyMessages> | undefined;
  /**
   * The height kept for the form while it loads (a CSS length). Default: `320px`.
   * @default '320px'
   */
  minHeight?: string | undefined;
  /**
   * Called once the form has rendered. Default: none.
   * @default undefined
   */
  onReady?: (() => void) | undefined;
  /**
   * Called with each error shown. Default: none (errors are logged to the console in development).
   * @default undefined (logged in development)
   */
  onError?: ((error: HelpdeskyError) => void) | undefined;
  /**
   * Class name of the root element. Default: none.
   * @default undefined
   */
  className?: string | undefined;
  /**
   * Inline style of the root element. Default: none.
   * @default undefined
   */
  style?: CSSProperties | undefined;
}

/**
 * Helpdesky's Contact Form, for visitors who are not signed in: an "email us" form that opens a
 * ticket. Same embed, states and guarantees as the Ticket Center (container first, one
 * execution under StrictMode, `timeout`, `script-load` with "Try again", `duplicate-container`,
 * full teardown, SSR-safe, `data-state`), without an identity.
 */
export function HelpdeskyContactForm(props: HelpdeskyContactFormProps) {
  const { helpdeskId } = props;
  requireHelpdeskId('HelpdeskyContactForm', helpdeskId);
  // The target is the helpdesk alone: the same object while the id is the same.
  const source = useMemo(() => ({ data: { helpdeskId }, dataUpdatedAt: 0 }), [helpdeskId]);
  return (
    <EmbedShell
      {...props}
      surface={CONTACT_FORM}
      source={source}
      atMount={{ dataUpdatedAtMount: 0, usableAtMount: source.data }}
      retryable={(error) => error.code !== 'duplicate-container'}
    />
  );
}
