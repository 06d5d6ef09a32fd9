/**
 * `helpdesky-react doctor [--dir PATH] [--url URL [-H "Name: value"]...]`: one line per point,
 * each failed point with its fix. Never prints a value of the secret or the helpdesk id, only
 * variable names and where they are set. Exit status: 0 nothing failed, 1 a point failed,
 * 2 wrong usage.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import process from 'node:process';
import { HELPDESK_ID_VARIABLE, PUBLIC_PREFIXES, SECRET_VARIABLE } from '../../server/config.js';
import { findPublicSecrets, isEnvFile, parseEnvFile, TEMPLATE_ENV_FILES, type EnvEntry } from '../init/envFiles.js';
import { satisfiesRange } from './satisfiesRange.js';
import { SUPPORTED_RANGES } from './supportedRanges.js';

export interface DoctorIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  /** Default: `process.cwd()`. */
  cwd?: string;
}

export interface DoctorPoint {
  name: string;
  result: 'ok' | 'fail' | 'warn' | 'skip';
  detail: string;
  fix?: string;
}

/** Where a build puts browser code: Vite's dist/, Next's .next/static, React Router's build/client. */
export const CLIENT_OUTPUT_DIRS = ['dist', '.next/static', 'build/client'];
const MAX_SCANNED_BYTES = 32 * 1024 * 1024;

export async function runDoctor(args: readonly string[], io: DoctorIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  let dir = cwd;
  let url: string | undefined;
  const headers = new Headers();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => args[++i];
    if (arg === '--dir') {
      const path = value();
      if (!path) return usage(io, '--dir needs a path.');
      dir = resolve(cwd, path);
    } else if (arg === '--url') {
      url = value();
      if (!url || !/^https?:\/\//i.test(url)) return usage(io, '--url needs the http(s) URL of the identity endpoint.');
    } else if (arg === '-H' || arg === '--header') {
      const header = value() ?? '';
      const colon = header.indexOf(':');
      if (colon <= 0) return usage(io, `a header must look like "Name: value", got ${JSON.stringify(header)}.`);
      headers.append(header.slice(0, colon).trim(), header.slice(colon + 1).trim());
    } else return usage(io, `unknown option ${arg} for doctor.`);
  }
  const isDir = await stat(dir).then(
    (s) => s.isDirectory(),
    () => false,
  );
  if (!isDir) return usage(io, `${dir} is not a folder.`);

  const points = await diagnose(dir, io.env, url, headers);
  io.out(`helpdesky-react doctor: ${dir}`);
  const mark = { ok: 'ok  ', fail: 'FAIL', warn: 'warn', skip: 'skip' } as const;
  for (const point of points) {
    io.out(`  ${mark[point.result]}  ${point.name}: ${point.detail}`);
    if (point.fix && (point.result === 'fail' || point.result === 'warn')) io.out(`        fix: ${point.fix}`);
  }
  const failed = points.filter((p) => p.result === 'fail').length;
  const count = (r: DoctorPoint['result']) => points.filter((p) => p.result === r).length;
  io.out(`${failed === 0 ? 'PASS' : 'FAIL'}: ${count('ok')} ok, ${failed} failed, ${count('warn')} warning(s)`);
  return failed === 0 ? 0 : 1;
}

function usage(io: DoctorIo, problem: string): number {
  io.err(`[helpdesky] ${problem} Run helpdesky-react --help for usage.`);
  return 2;
}

/** Every point, in order. Exported for tests. */
export async function diagnose(
  dir: string,
  env: Readonly<Record<string, string | undefined>>,
  url?: string,
  headers: Headers = new Headers(),
): Promise<DoctorPoint[]> {
  const entries = await readEnvFiles(dir);
  const points: DoctorPoint[] = [];
  const real = entries.filter((e) => !TEMPLATE_ENV_FILES.test(e.file));

  const secretValues: string[] = [];
  // Reported after both variables.
  const whitespace: DoctorPoint[] = [];
  for (const name of [SECRET_VARIABLE, HELPDESK_ID_VARIABLE]) {
    const where: string[] = [];
    const values: { where: string; value: string }[] = [];
    if (env[name] !== undefined) values.push({ where: 'the environment', value: env[name]! });
    for (const entry of real.filter((e) => e.name === name))
      values.push({ where: `${entry.file}:${entry.line}`, value: entry.value });
    for (const { where: place, value } of values) if (value.trim() !== '') where.push(place);
    if (name === SECRET_VARIABLE) secretValues.push(...values.map((v) => v.value.trim()).filter((v) => v !== ''));
    points.push(
      where.length > 0
        ? { name, result: 'ok', detail: `set (${where.join(', ')})` }
        : {
            name,
            result: 'fail',
            detail: values.length > 0 ? `empty (${values.map((v) => v.where).join(', ')})` : 'not set',
            fix:
              name === SECRET_VARIABLE
                ? `Generate the secret in the Helpdesky dashboard and set ${name} on the server: .env.local (git-ignored) in development, your host's settings in production.`
                : `Copy the helpdesk id from the Helpdesky dashboard into ${name} (.env.local in development, your host's settings in production).`,
          },
    );
    if (name === SECRET_VARIABLE) {
      const padded = values.filter((v) => v.value.trim() !== '' && v.value !== v.value.trim());
      whitespace.push(
        padded.length > 0
          ? {
              name: 'secret whitespace',
              result: 'fail',
              detail: `${SECRET_VARIABLE} has leading or trailing whitespace (${padded.map((v) => v.where).join(', ')})`,
              fix: `Remove the spaces or newline around the value where it is set: Helpdesky signs with the exact secret, so a padded one fails verification in other backends.`,
            }
          : { name: 'secret whitespace', result: 'ok', detail: 'no surrounding whitespace' },
      );
    }
  }

  points.push(...whitespace);

  const leaks = [
    ...findPublicSecrets(entries, secretValues).map((f) => `${f.file}:${f.line} (${f.name})`),
    ...Object.entries(env)
      .filter(([name, value]) => {
        const prefix = PUBLIC_PREFIXES.find((p) => name.startsWith(p));
        if (!prefix || !value || value.trim() === '') return false;
        return name.slice(prefix.length) === SECRET_VARIABLE || secretValues.includes(value.trim());
      })
      .map(([name]) => `environment variable ${name}`),
  ];
  points.push(
    leaks.length > 0
      ? {
          name: 'public prefix',
          result: 'fail',
          detail: `the secret is under a public prefix: ${leaks.join(', ')}`,
          fix: `Delete it: bundlers inline VITE_, NEXT_PUBLIC_ and PUBLIC_ variables into browser code. Keep only ${SECRET_VARIABLE}, and regenerate the secret in the dashboard (it may have shipped).`,
        }
      : { name: 'public prefix', result: 'ok', detail: 'the secret is under no public prefix' },
  );

  points.push(await scanClientOutput(dir, secretValues));
  points.push(...(await checkPackages(dir)));
  if (url !== undefined) points.push(await checkCors(url, headers));
  return points;
}

async function readEnvFiles(dir: string): Promise<EnvEntry[]> {
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((d) => d.isFile() && isEnvFile(d.name))
    .map((d) => d.name)
    .sort();
  const entries: EnvEntry[] = [];
  for (const name of names) entries.push(...parseEnvFile(name, await readFile(join(dir, name), 'utf8')));
  return entries;
}

async function scanClientOutput(dir: string, secrets: readonly string[]): Promise<DoctorPoint> {
  const name = 'client build';
  const present: string[] = [];
  for (const out of CLIENT_OUTPUT_DIRS) {
    if (
      await stat(join(dir, out)).then(
        (s) => s.isDirectory(),
        () => false,
      )
    )
      present.push(out);
  }
  if (present.length === 0) {
    return { name, result: 'skip', detail: `no ${CLIENT_OUTPUT_DIRS.join(', ')} yet: run doctor again after a build` };
  }
  if (secrets.length === 0) {
    return {
      name,
      result: 'warn',
      detail: `${present.join(', ')} not scanned: ${SECRET_VARIABLE} is not set here`,
      fix: `Run doctor with ${SECRET_VARIABLE} in the environment (or .env.local) to scan the build for it.`,
    };
  }
  const found: string[] = [];
  let scanned = 0;
  for (const out of present) {
    for (const file of await readdir(join(dir, out), { recursive: true })) {
      const path = join(dir, out, file);
      const info = await stat(path);
      if (!info.isFile() || info.size > MAX_SCANNED_BYTES) continue;
      scanned++;
      const text = await readFile(path, 'latin1');
      if (secrets.some((s) => text.includes(Buffer.from(s, 'utf8').toString('latin1'))))
        found.push(relative(dir, path));
    }
  }
  return found.length > 0
    ? {
        name,
        result: 'fail',
        detail: `the secret's value is in ${found.slice(0, 5).join(', ')}${found.length > 5 ? ', …' : ''}`,
        fix: 'Find the import or variable that brings it into client code (a public prefix, a server module imported by a component), rebuild, and regenerate the secret in the dashboard.',
      }
    : { name, result: 'ok', detail: `the secret is in none of ${scanned} file(s) of ${present.join(', ')}` };
}

async function installedVersion(dir: string, name: string): Promise<string | undefined> {
  for (let current = dir; ;) {
    try {
      const pkg = JSON.parse(await readFile(join(current, 'node_modules', name, 'package.json'), 'utf8'));
      return typeof pkg.version === 'string' ? pkg.version : undefined;
    } catch {
      const parent = resolve(current, '..');
      if (parent === current) return undefined;
      current = parent;
    }
  }
}

async function checkPackages(dir: string): Promise<DoctorPoint[]> {
  const points: DoctorPoint[] = [];
  for (const [name, range] of Object.entries(SUPPORTED_RANGES)) {
    const version = await installedVersion(dir, name);
    if (version === undefined) {
      points.push({
        name,
        result: 'fail',
        detail: `not installed (supported: ${range})`,
        fix: `Install it: npm install ${name}`,
      });
    } else if (!satisfiesRange(version, range)) {
      points.push({
        name,
        result: 'fail',
        detail: `${version} is outside the supported range ${range}`,
        fix: `Install a supported version: npm install ${name}@"${range.split('||').pop()!.trim()}"`,
      });
    } else {
      points.push({ name, result: 'ok', detail: `${version} (supported: ${range})` });
    }
  }
  return points;
}

/** An identity readable from another origin is one any site can take from a signed-in visitor. */
async function checkCors(url: string, headers: Headers): Promise<DoctorPoint> {
  const origin = 'https://doctor.helpdesky.invalid';
  const request = new Headers(headers);
  request.set('origin', origin);
  request.set('accept', 'application/json');
  let response: Response;
  try {
    response = await fetch(url, { headers: request, redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    await response.body?.cancel();
  } catch (error) {
    const cause =
      error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    return {
      name: 'endpoint CORS',
      result: 'fail',
      detail: `${url} could not be reached (${cause})`,
      fix: 'Start the server, or check the URL.',
    };
  }
  const allowOrigin = response.headers.get('access-control-allow-origin');
  const credentials = response.headers.get('access-control-allow-credentials') === 'true';
  if (allowOrigin === '*' || (allowOrigin === origin && credentials)) {
    return {
      name: 'endpoint CORS',
      result: 'fail',
      detail:
        allowOrigin === '*'
          ? 'Access-Control-Allow-Origin: * lets any website read the identity'
          : `another origin (${origin}) is reflected with Allow-Credentials: true: any website can read a signed-in visitor's identity`,
      fix: "Remove the CORS headers from the identity endpoint (or the CORS middleware's coverage of /api/helpdesky): only your own pages may read it.",
    };
  }
  return { name: 'endpoint CORS', result: 'ok', detail: `status ${response.status}, not readable from other origins` };
}
