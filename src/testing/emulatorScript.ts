/**
 * TEST DOUBLE OF helpdesky.io: the source of the emulated `ticket-center.js`.
 *
 * It imitates the vendor contract in `HELPDESKY.md`, and nothing more: read the data attributes
 * of its own script element, look the container up once at execution (silently do nothing if it
 * is missing), ask the verification API next to the script's own URL, then render the user's
 * conversations with a reply box, or a failure line. Private to `helpdesky-react/testing`.
 *
 * The source is a plain string, not a serialized function: a bundler, a minifier or a coverage
 * tool rewriting our module must not be able to change what the browser executes. It is
 * ES2017 and builds DOM with `createElement`/`textContent` only (never `innerHTML`).
 */

/** Behaviour baked into one served copy of the script. */
export interface EmulatorScriptConfig {
  /** Execute (and count the execution) but render nothing and call nothing. */
  renderNothing: boolean;
}

/**
 * Name of the browser global the emulated scripts count their executions in, one number per
 * script, each incremented every time a copy of that script executes (even when it then finds no
 * container or renders nothing), and absent before the first:
 * `window.__helpdeskyEmulator.executions` (`ticket-center.js`),
 * `window.__helpdeskyEmulator.contactFormExecutions` (`contact-form.js`) and
 * `window.__helpdeskyEmulator.widgetExecutions` (`widget.js`).
 */
export const HELPDESKY_EMULATOR_GLOBAL = '__helpdeskyEmulator';

/**
 * Attribute on the root element the emulated `ticket-center.js` renders into its container, and
 * `contact-form.js` into its container's shadow root.
 */
export const HELPDESKY_EMULATOR_ROOT_ATTRIBUTE = 'data-helpdesky-emulator';

/**
 * One served copy of an emulated script: the test-double banner, `config` baked in (with the
 * name of the global), its execution counted in `window.__helpdeskyEmulator[counter]`, then
 * `body`, all in one function scope. `body` must be free of backticks and dollar-brace.
 */
export function wrapEmulatorScript(file: string, counter: string, config: object, body: string): string {
  return `/* Local Helpdesky emulator: a TEST DOUBLE of https://helpdesky.io/${file},
   served by helpdesky-react/testing. Not Helpdesky's code. */
(function () {
  'use strict';
  var config = ${JSON.stringify({ ...config, globalName: HELPDESKY_EMULATOR_GLOBAL })};
  var state = window[config.globalName];
  if (!state || typeof state !== 'object') {
    state = {};
    window[config.globalName] = state;
  }
  state.${counter} = (state.${counter} || 0) + 1;
${body}
})();
`;
}

/** Returns the JavaScript source of `ticket-center.js`, with `config` baked in. */
export function emulatorScriptSource(config: EmulatorScriptConfig): string {
  return wrapEmulatorScript(
    'ticket-center.js',
    'executions',
    { renderNothing: config.renderNothing, rootAttribute: HELPDESKY_EMULATOR_ROOT_ATTRIBUTE },
    SCRIPT_BODY,
  );
}

// Kept free of backticks and dollar-brace: it sits inside wrapEmulatorScript's template.
const SCRIPT_BODY = String.raw`

  // Like the vendor: everything comes from the script's own element, read once, now.
  var script = document.currentScript;
  if (!script || !script.src) return;
  var data = script.dataset;
  var container = document.getElementById(data.container || 'hdh-ticket-center');
  // Like the vendor: no container at execution time means nothing, silently. No retry.
  if (!container) return;
  if (config.renderNothing) return;

  var FAILURES = {
    'origin-not-allowed': 'Origin not allowed',
    'unknown-helpdesk': 'Helpdesk not found',
    'verification-failed': 'Verification failed'
  };

  function failureMessage(body) {
    var code = body && body.error;
    var known = typeof code === 'string' && Object.prototype.hasOwnProperty.call(FAILURES, code);
    return known ? FAILURES[code] : 'Verification failed';
  }

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  var align = data.align === 'left' || data.align === 'right' ? data.align : 'center';
  var root = el('section');
  root.setAttribute(config.rootAttribute, '');
  root.setAttribute('aria-label', 'Ticket Center');
  root.style.boxSizing = 'border-box';
  root.style.width = '100%';
  root.style.maxWidth = data.maxWidth || '864px';
  root.style.marginLeft = align === 'left' ? '0px' : 'auto';
  root.style.marginRight = align === 'right' ? '0px' : 'auto';

  var loading = el('p', 'Loading your conversations\u2026');
  loading.setAttribute('role', 'status');
  root.appendChild(loading);
  container.appendChild(root);

  function footer() {
    var note = el('p', 'Local Helpdesky emulator (a test double, not helpdesky.io)');
    note.style.fontSize = '0.75em';
    note.style.opacity = '0.7';
    return note;
  }

  function showFailure(message) {
    clear(root);
    var line = el('p', message);
    line.setAttribute('role', 'alert');
    root.appendChild(line);
    root.appendChild(footer());
  }

  function messageItem(message) {
    var item = el('li');
    item.appendChild(el('strong', String(message.author)));
    item.appendChild(document.createTextNode(': ' + String(message.text)));
    return item;
  }

  function conversationArticle(conversation) {
    var article = el('article');
    article.appendChild(el('h3', String(conversation.subject)));
    var list = el('ol');
    var messages = Array.isArray(conversation.messages) ? conversation.messages : [];
    for (var i = 0; i < messages.length; i++) list.appendChild(messageItem(messages[i]));
    article.appendChild(list);
    return { article: article, list: list };
  }

  function showConversations(body) {
    clear(root);
    root.appendChild(el('h2', 'Your conversations'));
    root.appendChild(el('p', 'Signed in as ' + String(body.email)));
    var conversations = Array.isArray(body.conversations) ? body.conversations : [];
    var empty = el('p', 'No conversations yet.');
    var rendered = [];
    if (conversations.length === 0) root.appendChild(empty);
    for (var i = 0; i < conversations.length; i++) {
      rendered.push(conversationArticle(conversations[i]));
      root.appendChild(rendered[i].article);
    }

    // The reply box answers the first conversation, or starts one. Local only: nothing is sent.
    var form = el('form');
    var textarea = el('textarea');
    textarea.setAttribute('aria-label', 'Reply');
    textarea.rows = 3;
    var send = el('button', 'Send');
    send.type = 'submit';
    form.appendChild(textarea);
    form.appendChild(send);
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var text = textarea.value.trim();
      if (!text) return;
      if (rendered.length === 0) {
        rendered.push(conversationArticle({ subject: 'New conversation', messages: [] }));
        root.replaceChild(rendered[0].article, empty);
      }
      rendered[0].list.appendChild(messageItem({ author: body.name || body.email, text: text }));
      textarea.value = '';
    });
    root.appendChild(form);
    root.appendChild(footer());
  }

  var verifyUrl;
  try {
    verifyUrl = new URL('api/verify', script.src).href;
  } catch (error) {
    showFailure('Verification failed');
    return;
  }

  fetch(verifyUrl, {
    method: 'POST',
    mode: 'cors',
    credentials: 'omit',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      helpdeskId: data.helpdeskId || '',
      email: data.email || '',
      signature: data.signature || '',
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
      // The host may have torn the embed down while we waited (React unmount, StrictMode):
      // never render into a detached or reused container.
      if (!root.isConnected) return;
      if (body && body.ok === true) showConversations(body);
      else showFailure(failureMessage(body));
    })
    .catch(function () {
      if (root.isConnected) showFailure('Could not reach Helpdesky');
    });
`;
