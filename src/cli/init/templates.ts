/**
 * The files `init` writes, as text, for each framework and auth library. Pure. Every template
 * uses only the package's public API (`helpdesky-react`, `helpdesky-react/server`), and a
 * project without a detected auth library gets a `getHelpdeskyUser` that returns null with a
 * comment saying what to write: never a made-up user.
 */
import { dirname, posix } from 'node:path';
import type { Detection, NodeServer } from './detectProject.js';
import type { ProjectSnapshot } from './projectSnapshot.js';

/** A file `init` would create: where, what, and why. */
export interface TemplateFile {
  path: string;
  content: string;
  /** One line: what the file is for. */
  purpose: string;
}

/** Something only the user can do in their own file (init never edits an existing one). */
export interface ManualEdit {
  file: string | null;
  title: string;
  snippet: string;
  /** Already there (the file mentions it): nothing to do. */
  done?: boolean;
}

export interface Layout {
  files: TemplateFile[];
  manual: ManualEdit[];
  /** The URL path of the page (`/support`) and of the endpoint (`/api/helpdesky`). */
  pagePath: string;
}

const HEADER = '// Written by `npx helpdesky-react init`: yours to edit.';

/** An import specifier from one project file to another: extensionless for bundlers, `.js` for Node. */
export function importPath(from: string, to: string, style: 'bundler' | 'node'): string {
  let target = posix.relative(posix.dirname(from), to);
  if (!target.startsWith('.')) target = `./${target}`;
  if (style === 'bundler') return target.replace(/\.(m|c)?(t|j)sx?$/, '');
  return target
    .replace(/\.ts$/, '.js')
    .replace(/\.mts$/, '.mjs')
    .replace(/\.cts$/, '.cjs');
}

/** Type annotations that vanish in a JavaScript project. */
const typed = (ts: boolean) => (text: string) => (ts ? text : '');

const NONE_BODY = (
  signature: string,
  hint: string,
) => `  // No auth library was detected (Auth.js, Clerk, Supabase, better-auth, express-session, Passport).
  // Return the signed-in user's email from your own auth here, for example:
  //   ${hint}
  // Until then nobody is signed in: /api/helpdesky answers 401 and /support shows the sign-in message.
  ${signature}return null;`;

/** The body of `getHelpdeskyUser` for the detected auth, plus the imports it needs. */
interface UserSource {
  imports: string[];
  body: string;
}

function userSource(detection: Detection, userFile: string, ts: boolean): UserSource {
  const t = typed(ts);
  const { auth, framework } = detection;
  const authImport = (name: string) =>
    `import { ${name} } from '${importPath(userFile, auth.module!, framework?.startsWith('vite-') ? 'node' : 'bundler')}';`;
  const emailOf = (expr: string) => `  const email = ${expr};\n  return email ? { email } : null;`;
  const unused = (name: string) => (ts ? `void ${name}; // unused until you write the line above\n  ` : '');
  const noteLine = auth.note ? `  // ${auth.note}\n` : '';

  if (framework === 'next-app') {
    switch (auth.kind) {
      case 'authjs':
        return {
          imports: [authImport('auth')],
          body: `  const session = await auth();\n${emailOf('session?.user?.email')}`,
        };
      case 'clerk':
        return {
          imports: ["import { currentUser } from '@clerk/nextjs/server';"],
          body: `  const user = await currentUser();\n${emailOf('user?.primaryEmailAddress?.emailAddress')}`,
        };
      case 'supabase':
        return auth.module
          ? {
              imports: [authImport('createClient')],
              body: `  const supabase = await createClient();\n  const { data } = await supabase.auth.getUser();\n${emailOf('data.user?.email')}`,
            }
          : {
              imports: [
                "import { createServerClient } from '@supabase/ssr';",
                "import { cookies } from 'next/headers';",
              ],
              body: `  const cookieStore = await cookies();
  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL${t('!')}, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY${t('!')}, {
    // Read-only here: the session is refreshed by your middleware.
    cookies: { getAll: () => cookieStore.getAll(), setAll: () => {} },
  });
  const { data } = await supabase.auth.getUser();
${emailOf('data.user?.email')}`,
            };
      case 'better-auth':
        return {
          imports: [authImport('auth'), "import { headers } from 'next/headers';"],
          body: `  const session = await auth.api.getSession({ headers: await headers() });\n${emailOf('session?.user.email')}`,
        };
      default:
        return {
          imports: [],
          body:
            noteLine +
            NONE_BODY('', 'const user = await getCurrentUser(); return user ? { email: user.email } : null;'),
        };
    }
  }

  if (framework === 'next-pages') {
    switch (auth.kind) {
      case 'authjs':
        return {
          imports: [
            authImport('auth'),
            ...(ts ? ["import type { NextApiRequest, NextApiResponse } from 'next';"] : []),
          ],
          body: `  const session = await auth(req${t(' as NextApiRequest')}, res${t(' as NextApiResponse')});\n${emailOf('session?.user?.email')}`,
        };
      case 'clerk':
        return {
          imports: ["import { clerkClient, getAuth } from '@clerk/nextjs/server';"],
          body: `  const { userId } = getAuth(req);
  if (!userId) return null;
  const user = await (await clerkClient()).users.getUser(userId);
${emailOf('user.primaryEmailAddress?.emailAddress')}`,
        };
      case 'supabase':
        return {
          imports: ["import { createServerClient } from '@supabase/ssr';"],
          body: `  const supabase = createServerClient(process.env.NEXT_PUBLIC_SUPABASE_URL${t('!')}, process.env.NEXT_PUBLIC_SUPABASE_ANON_KEY${t('!')}, {
    cookies: {
      getAll: () => Object.entries(req.cookies).map(([name, value]) => ({ name, value: value ?? '' })),
      setAll: () => {},
    },
  });
  const { data } = await supabase.auth.getUser();
${emailOf('data.user?.email')}`,
        };
      case 'better-auth':
        return {
          imports: [authImport('auth'), "import { fromNodeHeaders } from 'better-auth/node';"],
          body: `  const session = await auth.api.getSession({ headers: fromNodeHeaders(req.headers) });\n${emailOf('session?.user.email')}`,
        };
      default:
        return {
          imports: [],
          body:
            noteLine +
            NONE_BODY(
              `${unused('req')}${unused('res')}`,
              'const user = await getUserFromSession(req); return user ? { email: user.email } : null;',
            ),
        };
    }
  }

  if (framework === 'react-router') {
    switch (auth.kind) {
      case 'supabase':
        return {
          imports: ["import { createServerClient, parseCookieHeader } from '@supabase/ssr';"],
          body: `  const supabase = createServerClient(process.env.SUPABASE_URL${t('!')}, process.env.SUPABASE_ANON_KEY${t('!')}, {
    cookies: {
      getAll: () => parseCookieHeader(request.headers.get('Cookie') ?? '').map(({ name, value }) => ({ name, value: value ?? '' })),
      setAll: () => {},
    },
  });
  const { data } = await supabase.auth.getUser();
${emailOf('data.user?.email')}`,
        };
      case 'better-auth':
        return {
          imports: [authImport('auth')],
          body: `  const session = await auth.api.getSession({ headers: request.headers });\n${emailOf('session?.user.email')}`,
        };
      default:
        return {
          imports: [],
          body:
            noteLine +
            NONE_BODY(
              unused('request'),
              "const session = await getSession(request.headers.get('Cookie')); return ... ? { email } : null;",
            ),
        };
    }
  }

  // Node servers: Express and Fastify pass Node's request; Hono passes the Web Request.
  const server = detection.server!.kind;
  const cookieHeader = server === 'hono' ? "request.headers.get('cookie')" : 'req.headers.cookie';
  const headersExpr = server === 'hono' ? 'request.headers' : 'fromNodeHeaders(req.headers)';
  switch (auth.kind) {
    case 'passport':
      return {
        imports: [],
        body: `  // Passport puts the deserialized user on req.user.\n${emailOf(ts ? '(req as { user?: { email?: string } }).user?.email' : 'req.user?.email')}`,
      };
    case 'express-session':
      return {
        imports: [],
        body: `  // Where your sign-in route stored the user: req.session.user = { email, … }.\n${emailOf(
          ts ? '(req as { session?: { user?: { email?: string } } }).session?.user?.email' : 'req.session?.user?.email',
        )}`,
      };
    case 'clerk':
      return {
        imports: ["import { clerkClient, getAuth } from '@clerk/express';"],
        body: `  const { userId } = getAuth(req);
  if (!userId) return null;
  const user = await clerkClient.users.getUser(userId);
${emailOf('user.primaryEmailAddress?.emailAddress')}`,
      };
    case 'supabase':
      return {
        imports: ["import { createServerClient, parseCookieHeader } from '@supabase/ssr';"],
        body: `  const supabase = createServerClient(process.env.SUPABASE_URL${t('!')}, process.env.SUPABASE_ANON_KEY${t('!')}, {
    cookies: {
      getAll: () => parseCookieHeader(${cookieHeader} ?? '').map(({ name, value }) => ({ name, value: value ?? '' })),
      setAll: () => {},
    },
  });
  const { data } = await supabase.auth.getUser();
${emailOf('data.user?.email')}`,
      };
    case 'better-auth':
      return {
        imports: [
          authImport('auth'),
          ...(server === 'hono' ? [] : ["import { fromNodeHeaders } from 'better-auth/node';"]),
        ],
        body: `  const session = await auth.api.getSession({ headers: ${headersExpr} });\n${emailOf('session?.user.email')}`,
      };
    default:
      return {
        imports: [],
        body:
          noteLine +
          NONE_BODY(
            unused(server === 'hono' ? 'request' : 'req'),
            `const user = await findSessionUser(${cookieHeader}); return user ? { email: user.email } : null;`,
          ),
      };
  }
}

const USER_DOC = '/** The signed-in user, or null when nobody is signed in: the only user Helpdesky may see. */';
const CACHE_NOTE = 'Signed per request for the signed-in user: never prerendered, never stored by a shared cache.';

/** Every file and manual step for a supported framework. */
export function layoutFor(detection: Detection, snapshot: ProjectSnapshot): Layout {
  const ts = detection.typescript;
  const t = typed(ts);
  const ext = ts ? 'ts' : 'js';
  const { framework, baseDir } = detection;

  if (framework === 'next-app') {
    const root = baseDir.replace(/app$/, '');
    const userFile = `${root}lib/helpdesky-user.${ext}`;
    const routeFile = `${baseDir}/api/helpdesky/route.${ext}`;
    const pageFile = `${baseDir}/support/page.${ext}x`;
    const user = userSource(detection, userFile, ts);
    return {
      pagePath: '/support',
      manual: [],
      files: [
        {
          path: userFile,
          purpose: 'who is signed in (getHelpdeskyUser), shared by the route and the page',
          content: `${HEADER}
${user.imports.join('\n')}${user.imports.length ? '\n\n' : ''}${USER_DOC}
export async function getHelpdeskyUser()${t(': Promise<{ email: string } | null>')} {
${user.body}
}
`,
        },
        {
          path: routeFile,
          purpose: 'GET /api/helpdesky: the signed identity (createHelpdeskyHandler)',
          content: `${HEADER}
import { createHelpdeskyHandler } from 'helpdesky-react/server';
import { getHelpdeskyUser } from '${importPath(routeFile, userFile, 'bundler')}';

// Per user: never prerendered nor cached.
export const dynamic = 'force-dynamic';

export const GET = createHelpdeskyHandler({ getUser: () => getHelpdeskyUser() });
`,
        },
        {
          path: pageFile,
          purpose: '/support: the Ticket Center, signed on the server',
          content: `${HEADER}
import { HelpdeskyTicketCenter } from 'helpdesky-react';
import { createHelpdeskyIdentity } from 'helpdesky-react/server';
import { getHelpdeskyUser } from '${importPath(pageFile, userFile, 'bundler')}';

// ${CACHE_NOTE}
export const dynamic = 'force-dynamic';

export default async function SupportPage() {
  const user = await getHelpdeskyUser();
  const identity = user ? await createHelpdeskyIdentity(user.email) : null;
  return (
    <main>
      <h1>Support</h1>
      <HelpdeskyTicketCenter identity={identity} />
    </main>
  );
}
`,
        },
      ],
    };
  }

  if (framework === 'next-pages') {
    const root = baseDir.replace(/pages$/, '');
    const userFile = `${root}lib/helpdesky-user.${ext}`;
    const routeFile = `${baseDir}/api/helpdesky.${ext}`;
    const pageFile = `${baseDir}/support.${ext}x`;
    const user = userSource(detection, userFile, ts);
    const nodeTypes = ts
      ? [
          "import type { IncomingMessage, ServerResponse } from 'node:http';",
          '',
          '/** The request of an API route or of getServerSideProps. */',
          'type PagesRequest = IncomingMessage & { cookies: Partial<{ [name: string]: string }> };',
        ]
      : [];
    return {
      pagePath: '/support',
      manual: [],
      files: [
        {
          path: userFile,
          purpose: 'who is signed in (getHelpdeskyUser), shared by the API route and the page',
          content: `${HEADER}
${[...user.imports, ...nodeTypes].join('\n')}

${USER_DOC}
export async function getHelpdeskyUser(req${t(': PagesRequest')}, res${t(': ServerResponse')})${t(': Promise<{ email: string } | null>')} {
${user.body}
}
`,
        },
        {
          path: routeFile,
          purpose: 'GET /api/helpdesky: the signed identity (createHelpdeskyHandler through toNodeHandler)',
          content: `${HEADER}
${ts ? "import type { NextApiRequest, NextApiResponse } from 'next';\n" : ''}import { createHelpdeskyHandler, toNodeHandler } from 'helpdesky-react/server';
import { getHelpdeskyUser } from '${importPath(routeFile, userFile, 'bundler')}';

export default function helpdesky(req${t(': NextApiRequest')}, res${t(': NextApiResponse')}) {
  // A handler per request, so that getUser reads this request's session.
  return toNodeHandler(createHelpdeskyHandler({ getUser: () => getHelpdeskyUser(req, res) }))(req, res);
}
`,
        },
        {
          path: pageFile,
          purpose: '/support: the Ticket Center, signed on the server (getServerSideProps)',
          content: `${HEADER}
${ts ? "import type { GetServerSideProps } from 'next';\nimport type { HelpdeskyIdentity } from 'helpdesky-react';\n" : ''}import { HelpdeskyTicketCenter } from 'helpdesky-react';
import { createHelpdeskyIdentity } from 'helpdesky-react/server';
import { getHelpdeskyUser } from '${importPath(pageFile, userFile, 'bundler')}';
${ts ? '\ntype Props = { identity: HelpdeskyIdentity | null };\n' : ''}
export const getServerSideProps${t(': GetServerSideProps<Props>')} = async ({ req, res }) => {
  // ${CACHE_NOTE}
  res.setHeader('Cache-Control', 'private, no-store');
  const user = await getHelpdeskyUser(req, res);
  return { props: { identity: user ? await createHelpdeskyIdentity(user.email) : null } };
};

export default function SupportPage({ identity }${t(': Props')}) {
  return (
    <main>
      <h1>Support</h1>
      <HelpdeskyTicketCenter identity={identity} />
    </main>
  );
}
`,
        },
      ],
    };
  }

  if (framework === 'react-router') {
    const userFile = `${baseDir}/helpdesky-user.server.${ext}`;
    const routeFile = `${baseDir}/routes/api.helpdesky.${ext}`;
    const pageFile = `${baseDir}/routes/support.${ext}x`;
    const user = userSource(detection, userFile, ts);
    const routesFile = detection.routesFile;
    const manual: ManualEdit[] = [];
    if (!detection.flatRoutes) {
      const routes = routesFile ? (snapshot.files[routesFile] ?? '') : '';
      manual.push({
        done: /api\.helpdesky/.test(routes) && /routes\/support/.test(routes),
        file: routesFile ?? `${baseDir}/routes.${ext}`,
        title: 'Add the two routes to your route config',
        snippet: `route('api/helpdesky', 'routes/api.helpdesky.${ext}'),\nroute('support', 'routes/support.${ext}x'),`,
      });
    }
    return {
      pagePath: '/support',
      manual,
      files: [
        {
          path: userFile,
          purpose: 'who is signed in (getHelpdeskyUser), server-only',
          content: `${HEADER}
${user.imports.join('\n')}${user.imports.length ? '\n\n' : ''}${USER_DOC}
export async function getHelpdeskyUser(request${t(': Request')})${t(': Promise<{ email: string } | null>')} {
${user.body}
}
`,
        },
        {
          path: routeFile,
          purpose: 'GET /api/helpdesky: the signed identity (a resource route)',
          content: `${HEADER}
import { createHelpdeskyHandler } from 'helpdesky-react/server';
${ts ? "import type { LoaderFunctionArgs } from 'react-router';\n" : ''}import { getHelpdeskyUser } from '${importPath(routeFile, userFile, 'bundler')}';

const helpdesky = createHelpdeskyHandler({ getUser: (request) => getHelpdeskyUser(request) });

// A resource route: a loader and no component, so its Response goes out as is.
export function loader({ request }${t(': LoaderFunctionArgs')}) {
  return helpdesky(request);
}
`,
        },
        {
          path: pageFile,
          purpose: '/support: the Ticket Center, signed on the server (the loader)',
          content: `${HEADER}
import { HelpdeskyTicketCenter } from 'helpdesky-react';
import { createHelpdeskyIdentity } from 'helpdesky-react/server';
import { useLoaderData${ts ? ', type LoaderFunctionArgs' : ''} } from 'react-router';
import { getHelpdeskyUser } from '${importPath(pageFile, userFile, 'bundler')}';

export async function loader({ request }${t(': LoaderFunctionArgs')}) {
  const user = await getHelpdeskyUser(request);
  return { identity: user ? await createHelpdeskyIdentity(user.email) : null };
}

// ${CACHE_NOTE}
export function headers() {
  return { 'Cache-Control': 'private, no-store' };
}

export default function Support() {
  const { identity } = useLoaderData${t('<typeof loader>')}();
  return (
    <main>
      <h1>Support</h1>
      <HelpdeskyTicketCenter identity={identity} />
    </main>
  );
}
`,
        },
      ],
    };
  }

  // Vite SPA + a Node server.
  const server = detection.server!;
  const entry = server.entry;
  const entryExt = entry ? /\.([^./]+)$/.exec(entry)![1]! : ext;
  const commonJs = entry !== null && (entryExt === 'cjs' || (entryExt === 'js' && !detection.esm));
  const routeExt = commonJs ? 'mjs' : entryExt === 'cts' ? 'mts' : entryExt;
  const serverTs = /ts$/.test(routeExt);
  const routeDir = entry ? dirname(entry) : 'server';
  const routeFile = posix.join(routeDir, `helpdesky.${routeExt}`);
  const user = userSource(detection, routeFile, serverTs);
  const pageFile = `src/SupportPage.${ts ? 'tsx' : 'jsx'}`;
  const s = typed(serverTs);
  const parts = serverParts(server.kind, s, serverTs);
  const specifier = entry ? importPath(entry, routeFile, 'node') : `./${routeFile}`;
  const importLine = commonJs
    ? `const { helpdesky } = require('${specifier}');`
    : `import { helpdesky } from '${specifier}';`;
  const mounted = entry !== null && /\/api\/helpdesky/.test(snapshot.files[entry] ?? '');
  // Routed when some other source file imports SupportPage.
  const routed = Object.entries(snapshot.files).some(
    ([path, text]) => path !== pageFile && /\.(t|j)sx?$/.test(path) && /\bSupportPage\b/.test(text),
  );
  const viteConfig = ['ts', 'mts', 'js', 'mjs'].map((e) => `vite.config.${e}`).find((p) => snapshot.paths.includes(p));
  return {
    pagePath: '/support',
    files: [
      {
        path: routeFile,
        purpose: `GET /api/helpdesky for ${server.kind}: the signed identity (createHelpdeskyHandler)`,
        content: `${HEADER}
${[...parts.imports, ...user.imports].join('\n')}

${USER_DOC}
async function getHelpdeskyUser(${parts.userArg})${s(': Promise<{ email: string } | null>')} {
${user.body}
}

${parts.handler}
`,
      },
      {
        path: pageFile,
        purpose: 'the Support page component: the Ticket Center through the endpoint',
        content: `${HEADER}
import { HelpdeskyTicketCenter } from 'helpdesky-react';

// A single-page app has no server render to sign in, so the component fetches the signed
// identity from the endpoint (same origin, with the session cookie).
export function SupportPage() {
  return (
    <main>
      <h1>Support</h1>
      <HelpdeskyTicketCenter endpoint="/api/helpdesky" />
    </main>
  );
}
`,
      },
    ],
    manual: [
      {
        file: entry,
        title: entry
          ? `Mount the endpoint in ${entry}, before any SPA fallback route`
          : `Mount the endpoint in your ${server.kind} server, before any SPA fallback route`,
        snippet: `${importLine}\n${parts.mount}`,
        done: mounted,
      },
      {
        file: null,
        title: 'Render SupportPage at /support in your router',
        snippet: `import { SupportPage } from './SupportPage';\n// e.g. React Router: { path: '/support', element: <SupportPage /> }`,
        done: routed,
      },
      {
        file: viteConfig ?? 'vite.config.ts',
        title: `In development, have Vite forward /api to the server (port ${server.port})`,
        snippet: `server: { proxy: { '/api': 'http://localhost:${server.port}' } },`,
        done: viteConfig !== undefined && /proxy/.test(snapshot.files[viteConfig] ?? ''),
      },
    ],
  };
}

function serverParts(kind: NodeServer, s: (text: string) => string, ts: boolean) {
  if (kind === 'express') {
    return {
      imports: [
        ...(ts ? ["import type { NextFunction, Request, Response } from 'express';"] : []),
        "import { createHelpdeskyHandler, toNodeHandler } from 'helpdesky-react/server';",
      ],
      userArg: `req${s(': Request')}`,
      handler: `/** GET /api/helpdesky: app.get('/api/helpdesky', helpdesky). */
export function helpdesky(req${s(': Request')}, res${s(': Response')}, next${s(': NextFunction')}) {
  // A handler per request, so that getUser reads this request's session.
  return toNodeHandler(createHelpdeskyHandler({ getUser: () => getHelpdeskyUser(req) }))(req, res, next);
}`,
      mount: "app.get('/api/helpdesky', helpdesky);",
    };
  }
  if (kind === 'fastify') {
    return {
      imports: [
        ...(ts ? ["import type { FastifyReply, FastifyRequest } from 'fastify';"] : []),
        "import { createHelpdeskyHandler, toNodeHandler } from 'helpdesky-react/server';",
      ],
      userArg: `req${s(": FastifyRequest['raw']")}`,
      handler: `/** GET /api/helpdesky: app.get('/api/helpdesky', helpdesky). */
export async function helpdesky(request${s(': FastifyRequest')}, reply${s(': FastifyReply')}) {
  reply.hijack(); // the handler writes the response itself
  await toNodeHandler(createHelpdeskyHandler({ getUser: () => getHelpdeskyUser(request.raw) }))(request.raw, reply.raw);
}`,
      mount: "app.get('/api/helpdesky', helpdesky);",
    };
  }
  return {
    imports: [
      ...(ts ? ["import type { Context } from 'hono';"] : []),
      "import { createHelpdeskyHandler } from 'helpdesky-react/server';",
    ],
    userArg: `request${s(': Request')}`,
    handler: `const handler = createHelpdeskyHandler({ getUser: (request) => getHelpdeskyUser(request) });

/** GET /api/helpdesky: app.get('/api/helpdesky', helpdesky). */
export const helpdesky = (c${s(': Context')}) => handler(c.req.raw);`,
    mount: "app.get('/api/helpdesky', helpdesky);",
  };
}
