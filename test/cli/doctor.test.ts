/**
 * `helpdesky-react doctor` from the build on small temporary projects: one line per point, a
 * fix for each failure, an exit code, and never a value of the secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { close, listen } from '../support/loopback.js';
import { cli, requireBuiltCli } from './support.js';

const SECRET = 'hdh_secret_doctor0123456789abcdef';
const ID = '5f0c6a8e-1d2b-4c3a-9e8f-7a6b5c4d3e2f';

let tmp: string;
let count = 0;
beforeAll(async () => {
  await requireBuiltCli();
  tmp = await mkdtemp(join(tmpdir(), 'helpdesky-doctor-'));
});
afterAll(async () => {
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const GOOD_PACKAGES = { react: '19.3.1', 'react-dom': '19.3.1', '@tanstack/react-query': '5.108.0' };

/** A project folder with these files and these installed package versions. */
async function project(files: Record<string, string>, packages: Record<string, string> = GOOD_PACKAGES) {
  const dir = join(tmp, String(count++));
  for (const [name, version] of Object.entries(packages)) {
    await mkdir(join(dir, 'node_modules', name), { recursive: true });
    await writeFile(join(dir, 'node_modules', name, 'package.json'), JSON.stringify({ name, version }));
  }
  await mkdir(dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

/** The environment without any Helpdesky variable of this shell, plus `extra`. */
const envWith = (extra: Record<string, string> = {}) => {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/HELPDESKY/.test(name)));
  return { ...env, ...extra };
};

const doctor = async (dir: string, env = envWith(), args: string[] = []) => {
  const run = await cli(['doctor', '--dir', dir, ...args], { env });
  expect(run.stdout + run.stderr).not.toContain(SECRET);
  expect(run.stdout + run.stderr).not.toContain(ID);
  return run;
};

describe('doctor', () => {
  it('passes a project with both variables, a clean build and supported versions', async () => {
    const dir = await project({
      '.env.local': `HELPDESKY_HMAC_SECRET=${SECRET}\nHELPDESKY_HELPDESK_ID=${ID}\n`,
      'dist/assets/index.js': 'console.log("data-helpdesk-id")',
    });
    const run = await doctor(dir);
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain('  ok    HELPDESKY_HMAC_SECRET: set (.env.local:1)');
    expect(run.stdout).toContain('  ok    HELPDESKY_HELPDESK_ID: set (.env.local:2)');
    expect(run.stdout).toContain('  ok    client build: the secret is in none of 1 file(s) of dist');
    expect(run.stdout).toContain('  ok    react: 19.3.1 (supported: ^18.0.0 || ^19.0.0)');
    expect(run.stdout).toMatch(/^PASS: \d+ ok, 0 failed/m);
  });

  it('names missing variables (never a value) with their fix, and exits 1', async () => {
    const dir = await project({ '.env.example': 'HELPDESKY_HMAC_SECRET=\n' });
    const run = await doctor(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  FAIL  HELPDESKY_HMAC_SECRET: not set');
    expect(run.stdout).toContain('  FAIL  HELPDESKY_HELPDESK_ID: not set');
    expect(run.stdout).toMatch(/fix: Generate the secret in the Helpdesky dashboard/);
    expect(run.stdout).toContain('  skip  client build: no dist, .next/static, build/client yet');
  });

  it('reads the variables from the environment too', async () => {
    const dir = await project({});
    const run = await doctor(dir, envWith({ HELPDESKY_HMAC_SECRET: SECRET, HELPDESKY_HELPDESK_ID: ID }));
    expect(run.stdout).toContain('  ok    HELPDESKY_HMAC_SECRET: set (the environment)');
    expect(run.code).toBe(0);
  });

  it('fails a padded secret, saying where it is set', async () => {
    const dir = await project({ '.env': `HELPDESKY_HMAC_SECRET="${SECRET} "\nHELPDESKY_HELPDESK_ID=${ID}\n` });
    const run = await doctor(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '  FAIL  secret whitespace: HELPDESKY_HMAC_SECRET has leading or trailing whitespace (.env:1)',
    );
  });

  it('fails the secret under a public prefix in an env file (file and line) or in the environment', async () => {
    const dir = await project({
      '.env': `HELPDESKY_HMAC_SECRET=${SECRET}\nHELPDESKY_HELPDESK_ID=${ID}\n`,
      '.env.production': `# oops\nNEXT_PUBLIC_HELPDESKY_HMAC_SECRET=${SECRET}\n`,
      '.env.example': 'VITE_HELPDESKY_HMAC_SECRET=\n',
    });
    const run = await doctor(dir, envWith({ VITE_SUPPORT_KEY: SECRET }));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      '  FAIL  public prefix: the secret is under a public prefix: .env.production:2 (NEXT_PUBLIC_HELPDESKY_HMAC_SECRET), environment variable VITE_SUPPORT_KEY',
    );
    expect(run.stdout).not.toContain('.env.example');
  });

  it("fails when the secret's value is in the built client output", async () => {
    const dir = await project({
      '.env.local': `HELPDESKY_HMAC_SECRET=${SECRET}\nHELPDESKY_HELPDESK_ID=${ID}\n`,
      '.next/static/chunks/app.js': `const k="${SECRET}";`,
      'build/client/assets/ok.js': 'export {}',
    });
    const run = await doctor(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("  FAIL  client build: the secret's value is in .next/static/chunks/app.js");
  });

  it('fails missing and unsupported versions of react, react-dom and TanStack Query', async () => {
    const dir = await project(
      { '.env': `HELPDESKY_HMAC_SECRET=${SECRET}\nHELPDESKY_HELPDESK_ID=${ID}\n` },
      { react: '17.0.2', 'react-dom': '17.0.2' },
    );
    const run = await doctor(dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  FAIL  react: 17.0.2 is outside the supported range ^18.0.0 || ^19.0.0');
    expect(run.stdout).toContain('  FAIL  @tanstack/react-query: not installed (supported: ^5.0.0)');
  });

  describe('with --url', () => {
    let server: Server;
    let url: string;
    let cors: Record<string, string> = {};
    beforeAll(async () => {
      server = createServer((request, response) => {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (cors.origin === 'reflect') {
          headers['access-control-allow-origin'] = request.headers.origin ?? '';
          headers['access-control-allow-credentials'] = 'true';
        } else if (cors.origin) headers['access-control-allow-origin'] = cors.origin;
        response.writeHead(401, headers).end('{"error":"unauthenticated"}');
      });
      url = `${await listen(server)}/api/helpdesky`;
    });
    afterAll(() => close(server));

    it.each([
      ['no CORS headers', {}, 0, '  ok    endpoint CORS: status 401, not readable from other origins'],
      ['Access-Control-Allow-Origin: *', { origin: '*' }, 1, '  FAIL  endpoint CORS: Access-Control-Allow-Origin: *'],
      [
        'a reflected origin with credentials',
        { origin: 'reflect' },
        1,
        '  FAIL  endpoint CORS: another origin (https://doctor.helpdesky.invalid) is reflected with Allow-Credentials: true',
      ],
    ])('%s', async (_name, setting, code, line) => {
      cors = setting;
      const dir = await project({ '.env': `HELPDESKY_HMAC_SECRET=${SECRET}\nHELPDESKY_HELPDESK_ID=${ID}\n` });
      const run = await doctor(dir, envWith(), ['--url', url]);
      expect(run.stdout).toContain(line);
      expect(run.code).toBe(code);
    });
  });
});
