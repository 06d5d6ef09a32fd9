/**
 * The plan of `helpdesky-react init`: project files in, file operations out. Pure, so the dry
 * run prints exactly what a real run would do, and tests check plans on fixture projects.
 * Nothing existing is ever replaced: a file that is already there is left as it is, and the
 * plan carries the snippet to merge by hand.
 */
import { HELPDESK_ID_VARIABLE, SECRET_VARIABLE } from '../../server/config.js';
import { detectProject, type Detection, type PackageManager } from './detectProject.js';
import {
  findPublicSecrets,
  isEnvFile,
  isGitIgnored,
  parseEnvFile,
  TEMPLATE_ENV_FILES,
  type EnvEntry,
} from './envFiles.js';
import type { ProjectSnapshot } from './projectSnapshot.js';
import { layoutFor, type ManualEdit } from './templates.js';

export type FileOperation =
  /** A new file. */
  | { action: 'create'; path: string; purpose: string; content: string }
  /** Lines added at the end of an existing file (`before` is its current text, kept as is). */
  | { action: 'append'; path: string; purpose: string; before: string; added: string }
  /** Already exactly as init would write it. */
  | { action: 'unchanged'; path: string; purpose: string }
  /** Exists with other content: left byte-for-byte; `snippet` is what to merge by hand. */
  | { action: 'skip'; path: string; purpose: string; snippet: string };

export interface PlanWarning {
  file?: string;
  line?: number;
  message: string;
  fix: string;
}

export interface InitPlan {
  detection: Detection;
  /** Empty for an unsupported project. */
  operations: FileOperation[];
  manual: ManualEdit[];
  warnings: PlanWarning[];
  /** For an unsupported project: copy-paste instructions for the endpoint and the page. */
  instructions?: string;
  /** Nothing to create or append. */
  nothingToDo: boolean;
  /** The install command, when helpdesky-react or TanStack Query is missing from package.json. */
  install?: string;
  /** What only a person can do in Helpdesky's dashboard. */
  dashboard: string[];
  /** The exact command that verifies the endpoint once the app runs. */
  check: string;
  /** Said when no auth was detected: the endpoint answers 401 until getHelpdeskyUser is written. */
  authTodo?: string;
}

const ENV_EXAMPLE = '.env.example';

const INSTALL: Record<PackageManager, string> = {
  npm: 'npm install',
  pnpm: 'pnpm add',
  yarn: 'yarn add',
  bun: 'bun add',
};

const COOKIE_HINT: Record<string, string> = {
  authjs: 'authjs.session-token=…',
  clerk: '__session=…',
  supabase: 'sb-<project-ref>-auth-token=…',
  'better-auth': 'better-auth.session_token=…',
  'express-session': 'connect.sid=…',
  passport: 'connect.sid=…',
  none: '<your session cookie>=…',
};

export const DASHBOARD_STEPS = [
  'Generate the HMAC secret in the dashboard (it is shown once) and put it in HELPDESKY_HMAC_SECRET on the server only; copy the helpdesk id into HELPDESKY_HELPDESK_ID.',
  'Turn on "Enable messaging" (Messages page): without it the Ticket Center renders nothing.',
  'Under Allowed Embed Domains (Settings → Messages), add every domain the app runs on (production, staging, localhost), or leave the list empty.',
  "Compare one signature with the dashboard's Verification Tool: npx helpdesky-react sign you@example.com prints the same.",
];

/** Plans `init` for the project in `snapshot`. Pure. */
export function planInit(snapshot: ProjectSnapshot): InitPlan {
  const detection = detectProject(snapshot);
  const warnings = envWarnings(snapshot);
  const port = portOf(detection);
  const check = `npx helpdesky-react check http://localhost:${port}/api/helpdesky -H "Cookie: ${COOKIE_HINT[detection.auth.kind]}"`;
  const install =
    detection.missingPackages.length > 0
      ? `${INSTALL[detection.packageManager]} ${detection.missingPackages.join(' ')}`
      : undefined;
  const base = { detection, warnings, dashboard: DASHBOARD_STEPS, check, ...(install ? { install } : {}) };

  if (detection.framework === null) {
    return { ...base, operations: [], manual: [], instructions: UNSUPPORTED, nothingToDo: true };
  }

  const layout = layoutFor(detection, snapshot);
  const operations: FileOperation[] = layout.files.map(({ path, purpose, content }) => {
    const current = snapshot.files[path] ?? (snapshot.paths.includes(path) ? '' : undefined);
    if (current === undefined) return { action: 'create', path, purpose, content };
    if (current === content) return { action: 'unchanged', path, purpose };
    return { action: 'skip', path, purpose, snippet: content };
  });
  operations.push(envExampleOperation(snapshot));

  const gitignore = snapshot.files['.gitignore'];
  const exposed = [
    ...snapshot.paths.filter((p) => isEnvFile(p) && !TEMPLATE_ENV_FILES.test(p)),
    ...['.env', '.env.local'].filter((p) => !snapshot.paths.includes(p)),
  ].filter((p) => !isGitIgnored(p, gitignore));
  if (exposed.length > 0) {
    warnings.push({
      file: '.gitignore',
      message: `${exposed.join(', ')} ${exposed.length === 1 ? 'is' : 'are'} not git-ignored: a secret written there could be committed.`,
      fix: 'Add these lines to .gitignore: .env*  and  !.env.example',
    });
  }

  const authTodo =
    detection.auth.kind === 'none'
      ? `No auth was detected${detection.auth.note ? ` (${detection.auth.note})` : ''}: getHelpdeskyUser returns null, so /api/helpdesky answers 401 and /support shows the sign-in message until you return the signed-in user's email there.`
      : undefined;

  return {
    ...base,
    operations,
    manual: layout.manual,
    nothingToDo: operations.every((op) => op.action === 'unchanged' || op.action === 'skip'),
    ...(authTodo ? { authTodo } : {}),
  };
}

/** `.env.example` gets the two names, without values; keys already there are left alone. */
function envExampleOperation(snapshot: ProjectSnapshot): FileOperation {
  const purpose = 'the two server variables, names only';
  const before = snapshot.files[ENV_EXAMPLE];
  const present = new Set(parseEnvFile(ENV_EXAMPLE, before ?? '').map((e) => e.name));
  const lines: string[] = [];
  if (!present.has(SECRET_VARIABLE)) {
    lines.push('# Helpdesky (server only; never with a VITE_, NEXT_PUBLIC_ or PUBLIC_ prefix)', `${SECRET_VARIABLE}=`);
  }
  if (!present.has(HELPDESK_ID_VARIABLE)) lines.push(`${HELPDESK_ID_VARIABLE}=`);
  if (lines.length === 0) return { action: 'unchanged', path: ENV_EXAMPLE, purpose };
  const added = `${lines.join('\n')}\n`;
  if (before === undefined) return { action: 'create', path: ENV_EXAMPLE, purpose, content: added };
  const separator = before === '' || before.endsWith('\n') ? '' : '\n';
  return {
    action: 'append',
    path: ENV_EXAMPLE,
    purpose,
    before,
    added: `${separator}${before === '' ? '' : '\n'}${added}`,
  };
}

/** The secret under a public prefix in any env file, by file and line. */
function envWarnings(snapshot: ProjectSnapshot): PlanWarning[] {
  const entries: EnvEntry[] = snapshot.paths
    .filter((path) => isEnvFile(path) && snapshot.files[path] !== undefined)
    .flatMap((path) => parseEnvFile(path, snapshot.files[path]!));
  return findPublicSecrets(entries).map(({ file, line, name }) => ({
    file,
    line,
    message: `${file}:${line} sets ${name}: bundlers inline public variables into browser code, so the secret ships to every visitor.`,
    fix: `Delete ${name} from ${file}, keep the secret only in ${SECRET_VARIABLE} on the server, and regenerate the secret in the Helpdesky dashboard (it has been exposed).`,
  }));
}

function portOf(detection: Detection): number {
  if (detection.server) return detection.server.port;
  return detection.framework === 'react-router' ? 5173 : 3000;
}

const UNSUPPORTED = `init writes files for Next.js (App or Pages Router), React Router (framework mode), and a Vite
React app with an Express, Hono or Fastify server. For anything else, add the two pieces by hand:

1. A server endpoint at GET /api/helpdesky that answers the signed-in user's identity:

     import { createHelpdeskyHandler } from 'helpdesky-react/server';
     const helpdesky = createHelpdeskyHandler({
       getUser: async (request) => {
         const user = await yourAuth(request); // your own auth: who is signed in?
         return user ? { email: user.email } : null; // null answers 401
       },
     });
     // Web servers (Bun, Deno, Workers, Hono): helpdesky(request) returns the Response.
     // Node servers (Express, node:http): toNodeHandler(helpdesky) from the same import.

   A backend in another language signs HMAC-SHA256(HELPDESKY_HMAC_SECRET, email.trim().toLowerCase())
   as lowercase hex and answers { email, signature, helpdeskId } (see docs/server.md).

2. A page for signed-in users:

     import { HelpdeskyTicketCenter } from 'helpdesky-react';
     <HelpdeskyTicketCenter endpoint="/api/helpdesky" />

A static site cannot host the Ticket Center: the signature needs a server at request time.`;
