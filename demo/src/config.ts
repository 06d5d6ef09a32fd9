/** What the demo server tells the page (a JSON block it writes into the HTML). */
export interface DemoConfig {
  /** `emulator`: the local Helpdesky emulator; `helpdesky`: the real helpdesky.io. */
  mode: 'emulator' | 'helpdesky';
  /** The identity endpoint the component calls. */
  endpoint: string;
  /** The Ticket Center script. */
  scriptSrc: string;
  /** The helpdesk's public id, for the Contact Form and the Widget. */
  helpdeskId: string;
  /** The Contact Form script. */
  contactFormScriptSrc: string;
  /** The Widget script. */
  widgetScriptSrc: string;
  readyTimeoutMs?: number;
  /** This page's CSP nonce, when the server sent a strict Content-Security-Policy. */
  nonce?: string;
  /** Who one can sign in as. */
  users: { id: string; label: string }[];
}

const DEFAULTS: DemoConfig = {
  mode: 'emulator',
  endpoint: '/api/helpdesky',
  scriptSrc: '/helpdesky-emulator/ticket-center.js',
  helpdeskId: '',
  contactFormScriptSrc: '/helpdesky-emulator/contact-form.js',
  widgetScriptSrc: '/helpdesky-emulator/widget.js',
  users: [],
};

function readConfig(): DemoConfig {
  const text = document.getElementById('demo-config')?.textContent;
  return text ? { ...DEFAULTS, ...(JSON.parse(text) as Partial<DemoConfig>) } : DEFAULTS;
}

export const config = readConfig();
