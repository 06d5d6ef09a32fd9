import { useMemo } from 'react';
import { CONTACT_FORM } from '../core/surfaces.js';
import { EmbedShell } from './EmbedShell.js';
import { requireHelpdeskId } from './requireHelpdeskId.js';
import type { HelpdeskyTicketCenterOptions } from './HelpdeskyTicketCenter.js';

/**
 * Props of `HelpdeskyContactForm`: its own script, container and layout, and the Ticket Center's
 * options for everything else (the same meaning and defaults).
 */
export interface HelpdeskyContactFormProps extends Pick<
  HelpdeskyTicketCenterOptions,
  | 'nonce'
  | 'readyTimeoutMs'
  | 'loadingFallback'
  | 'errorFallback'
  | 'messages'
  | 'minHeight'
  | 'onReady'
  | 'onError'
  | 'className'
  | 'style'
> {
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
