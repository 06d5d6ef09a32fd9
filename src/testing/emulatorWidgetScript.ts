/**
 * TEST DOUBLE OF helpdesky.io: the source of the emulated `widget.js`.
 *
 * It imitates the vendor contract in `HELPDESKY.md` ("The sibling embeds"), and nothing more:
 * read `data-helpdesk-id` from its own script element once, then append to `<body>` one shadow
 * host holding a floating "Help" launcher that toggles a small help-center panel with a search
 * box. No container, no network. Private to `helpdesky-react/testing`.
 *
 * Like `emulatorScript.ts`, the source is a plain string (so no bundler, minifier or coverage
 * tool can change what the browser executes), ES2017, and builds DOM with
 * `createElement`/`textContent` only (never `innerHTML`).
 */
import { wrapEmulatorScript, type EmulatorScriptConfig } from './emulatorScript.js';

/**
 * Attribute on the element the emulated `widget.js` appends to `<body>`: the host of its open
 * shadow root (`document.querySelector('[data-helpdesky-emulator-widget]').shadowRoot`). The
 * host also carries the `data-helpdesk-id` the script was given.
 */
export const HELPDESKY_EMULATOR_WIDGET_ATTRIBUTE = 'data-helpdesky-emulator-widget';

/** Returns the JavaScript source of `widget.js`, with `config` baked in. */
export function emulatorWidgetScriptSource(config: EmulatorScriptConfig): string {
  return wrapEmulatorScript(
    'widget.js',
    'widgetExecutions',
    {
      renderNothing: config.renderNothing,
      hostAttribute: HELPDESKY_EMULATOR_WIDGET_ATTRIBUTE,
    },
    SCRIPT_BODY,
  );
}

// Kept free of backticks and dollar-brace: it sits inside wrapEmulatorScript's template.
const SCRIPT_BODY = String.raw`

  // Like the vendor: the script's own element, read once, now. Anywhere in the page.
  var script = document.currentScript;
  if (!script) return;
  var helpdeskId = script.getAttribute('data-helpdesk-id') || '';
  // Assumed, not documented by the vendor: without a helpdesk there is nothing to load, so
  // nothing shows (a copy stripped of its id by a component's teardown stays invisible).
  if (!helpdeskId || config.renderNothing) return;

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function mount() {
    var host = el('div');
    host.setAttribute(config.hostAttribute, '');
    host.setAttribute('data-helpdesk-id', helpdeskId);
    var shadow = host.attachShadow({ mode: 'open' });

    var panel = el('div');
    panel.id = 'hdh-emulator-widget-panel';
    panel.setAttribute('role', 'dialog');
    panel.setAttribute('aria-label', 'Help center');
    panel.hidden = true;
    panel.style.position = 'fixed';
    panel.style.right = '20px';
    panel.style.bottom = '76px';
    panel.style.width = '320px';
    panel.style.maxWidth = 'calc(100vw - 40px)';
    panel.style.boxSizing = 'border-box';
    panel.style.padding = '16px';
    panel.style.background = '#ffffff';
    panel.style.color = '#1f2430';
    panel.style.border = '1px solid #d0d4dc';
    panel.style.borderRadius = '12px';
    panel.style.boxShadow = '0 8px 24px rgba(0, 0, 0, 0.18)';
    panel.style.fontFamily = 'system-ui, sans-serif';
    panel.style.zIndex = '2147483000';

    panel.appendChild(el('h2', 'Help center'));
    var search = el('input');
    search.type = 'search';
    search.setAttribute('aria-label', 'Search help');
    search.placeholder = 'Search help articles';
    search.style.boxSizing = 'border-box';
    search.style.width = '100%';
    search.style.font = 'inherit';
    search.style.padding = '6px 8px';
    panel.appendChild(search);
    var note = el('p', 'Local Helpdesky emulator (a test double, not helpdesky.io)');
    note.style.fontSize = '0.75em';
    note.style.opacity = '0.7';
    panel.appendChild(note);

    var launcher = el('button', 'Help');
    launcher.type = 'button';
    launcher.setAttribute('aria-expanded', 'false');
    launcher.setAttribute('aria-controls', panel.id);
    launcher.style.position = 'fixed';
    launcher.style.right = '20px';
    launcher.style.bottom = '20px';
    launcher.style.padding = '12px 20px';
    launcher.style.border = '0';
    launcher.style.borderRadius = '999px';
    launcher.style.background = '#2f5bea';
    launcher.style.color = '#ffffff';
    launcher.style.font = 'inherit';
    launcher.style.fontFamily = 'system-ui, sans-serif';
    launcher.style.cursor = 'pointer';
    launcher.style.zIndex = '2147483000';

    function setOpen(open) {
      panel.hidden = !open;
      launcher.setAttribute('aria-expanded', open ? 'true' : 'false');
      if (open) search.focus();
    }

    launcher.addEventListener('click', function () {
      setOpen(panel.hidden);
    });
    panel.addEventListener('keydown', function (event) {
      if (event.key !== 'Escape') return;
      setOpen(false);
      launcher.focus();
    });

    shadow.appendChild(panel);
    shadow.appendChild(launcher);
    document.body.appendChild(host);
  }

  // "Anywhere in the page": in <head>, before <body> exists, wait for it.
  if (document.body) mount();
  else document.addEventListener('DOMContentLoaded', mount);
`;
