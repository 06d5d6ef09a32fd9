/**
 * TEST DOUBLE OF helpdesky.io: the source of the emulated `contact-form.js`.
 *
 * It imitates the vendor contract in `HELPDESKY.md` ("The sibling embeds"), and nothing more:
 * read the data attributes of its own script element once, look the container up once at
 * execution (silently do nothing if it is missing), render an anonymous "email us" form inside
 * an open Shadow DOM on that container, and POST a submission to the messages API next to the
 * script's own URL. Private to `helpdesky-react/testing`.
 *
 * Like `emulatorScript.ts`, the source is a plain string (so no bundler, minifier or coverage
 * tool can change what the browser executes), ES2017, and builds DOM with
 * `createElement`/`textContent` only (never `innerHTML`).
 */
import { HELPDESKY_EMULATOR_ROOT_ATTRIBUTE, wrapEmulatorScript, type EmulatorScriptConfig } from './emulatorScript.js';

/** Why the messages API refused a submission, as its `error` field says. */
export type EmulatorMessageFailure = 'bad-request' | 'unknown-helpdesk' | 'origin-not-allowed';

/**
 * The line the messages API answers (`message`) and the emulated form shows for each refusal.
 * One table, baked into the script, so the form and the API cannot disagree.
 */
export const CONTACT_FORM_FAILURE_MESSAGES: Readonly<Record<EmulatorMessageFailure, string>> = Object.freeze({
  'bad-request': 'Please enter your email and a message',
  'unknown-helpdesk': 'Helpdesk not found',
  'origin-not-allowed': 'Origin not allowed',
});

/** Returns the JavaScript source of `contact-form.js`, with `config` baked in. */
export function emulatorContactFormScriptSource(config: EmulatorScriptConfig): string {
  return wrapEmulatorScript(
    'contact-form.js',
    'contactFormExecutions',
    {
      renderNothing: config.renderNothing,
      rootAttribute: HELPDESKY_EMULATOR_ROOT_ATTRIBUTE,
      failures: CONTACT_FORM_FAILURE_MESSAGES,
    },
    SCRIPT_BODY,
  );
}

// Kept free of backticks and dollar-brace: it sits inside wrapEmulatorScript's template.
const SCRIPT_BODY = String.raw`

  // Like the vendor: everything comes from the script's own element, read once, now. A host
  // that strips the attributes later (a teardown) cannot change what this copy does.
  var script = document.currentScript;
  if (!script || !script.src) return;
  var src = script.src;
  var helpdeskId = script.getAttribute('data-helpdesk-id') || '';
  var containerId = script.getAttribute('data-container') || 'hdh-contact-form';
  var alignAttribute = script.getAttribute('data-align');
  var align = alignAttribute === 'left' || alignAttribute === 'right' ? alignAttribute : 'center';
  var maxWidth = script.getAttribute('data-max-width') || '560px';

  var container = document.getElementById(containerId);
  // Like the vendor: no container at execution time means nothing, silently. No retry.
  if (!container) return;
  if (config.renderNothing) return;

  var shadow;
  try {
    // A second copy executing on the same container takes over its (open) shadow root.
    shadow = container.shadowRoot || container.attachShadow({ mode: 'open' });
  } catch (error) {
    return; // a closed shadow root, or an element that cannot host one: nothing, silently
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function failureMessage(body) {
    var code = body && body.error;
    var known = typeof code === 'string' && Object.prototype.hasOwnProperty.call(config.failures, code);
    return known ? config.failures[code] : 'Your message could not be sent';
  }

  function field(labelText, control) {
    var label = el('label');
    label.style.display = 'flex';
    label.style.flexDirection = 'column';
    label.style.gap = '4px';
    label.appendChild(el('span', labelText));
    control.style.font = 'inherit';
    control.style.padding = '6px 8px';
    label.appendChild(control);
    return label;
  }

  var root = el('div');
  root.setAttribute(config.rootAttribute, '');
  root.style.boxSizing = 'border-box';
  root.style.width = '100%';
  root.style.maxWidth = maxWidth;
  root.style.marginLeft = align === 'left' ? '0px' : 'auto';
  root.style.marginRight = align === 'right' ? '0px' : 'auto';
  root.style.padding = '16px';
  root.style.border = '1px solid #d0d4dc';
  root.style.borderRadius = '8px';
  root.style.fontFamily = 'system-ui, sans-serif';

  var form = el('form');
  form.setAttribute('aria-label', 'Contact us');
  form.style.display = 'flex';
  form.style.flexDirection = 'column';
  form.style.gap = '12px';
  form.appendChild(el('h2', 'Contact us'));

  var email = el('input');
  email.type = 'email';
  email.name = 'email';
  email.required = true;
  email.autocomplete = 'email';
  form.appendChild(field('Your email', email));

  var message = el('textarea');
  message.name = 'message';
  message.required = true;
  message.rows = 5;
  form.appendChild(field('Message', message));

  var problem = el('p');
  problem.setAttribute('role', 'alert');
  problem.hidden = true;
  form.appendChild(problem);

  var send = el('button', 'Send');
  send.type = 'submit';
  form.appendChild(send);

  var note = el('p', 'Local Helpdesky emulator (a test double, not helpdesky.io)');
  note.style.fontSize = '0.75em';
  note.style.opacity = '0.7';

  root.appendChild(form);
  root.appendChild(note);
  while (shadow.firstChild) shadow.removeChild(shadow.firstChild);
  shadow.appendChild(root);

  function showFailure(text) {
    problem.textContent = text;
    problem.hidden = false;
    send.disabled = false;
  }

  var messagesUrl;
  try {
    messagesUrl = new URL('api/messages', src).href;
  } catch (error) {
    messagesUrl = '';
  }

  form.addEventListener('submit', function (event) {
    event.preventDefault();
    if (send.disabled) return;
    if (!messagesUrl) {
      showFailure('Could not reach Helpdesky');
      return;
    }
    var sentEmail = email.value;
    send.disabled = true;
    problem.hidden = true;
    fetch(messagesUrl, {
      method: 'POST',
      mode: 'cors',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        helpdeskId: helpdeskId,
        email: sentEmail,
        message: message.value,
        origin: location.origin
      })
    })
      .then(function (response) {
        return response.json().then(
          function (body) { return body; },
          function () { return null; }
        );
      })
      .then(function (body) {
        // The host may have torn the embed down while we waited: render nothing then.
        if (!root.isConnected) return;
        if (body && body.ok === true) {
          var thanks = el('p', 'Thanks! We will reply to ' + sentEmail + '.');
          thanks.setAttribute('role', 'status');
          root.replaceChild(thanks, form);
        } else {
          showFailure(failureMessage(body));
        }
      })
      .catch(function () {
        if (root.isConnected) showFailure('Could not reach Helpdesky');
      });
  });
`;
