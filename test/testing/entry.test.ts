// helpdesky-react/testing must load anywhere its users run tests: Node without MSW or Vite
// installed, and browser bundles (Storybook with MSW). So no runtime import of anything but
// its own modules.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
import * as testing from 'helpdesky-react/testing';

const root = new URL('../../src/', import.meta.url);

describe('the helpdesky-react/testing entry', () => {
  it('exports the emulator, its defaults and its three mounts', () => {
    expect(Object.keys(testing).sort()).toEqual([
      'HELPDESKY_EMULATOR_GLOBAL',
      'HELPDESKY_EMULATOR_HELPDESK_ID',
      'HELPDESKY_EMULATOR_ROOT_ATTRIBUTE',
      'HELPDESKY_EMULATOR_SECRET',
      'HELPDESKY_EMULATOR_USERS',
      'HELPDESKY_EMULATOR_WIDGET_ATTRIBUTE',
      'createHelpdeskyEmulator',
      'helpdeskyEmulatorHandlers',
      'helpdeskyEmulatorNodeMiddleware',
      'helpdeskyEmulatorVitePlugin',
    ]);
  });

  it('imports nothing at run time but its own modules (no msw, vite or node: modules)', async () => {
    const files = [
      new URL('testing.ts', root),
      ...(await readdir(new URL('testing/', root))).map((name) => new URL(`testing/${name}`, root)),
    ];
    for (const file of files) {
      const source = await readFile(file, 'utf8');
      const runtimeImports = [...source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?from\s+'([^']+)'/gms)].map(
        (match) => match[1],
      );
      expect(
        runtimeImports.filter((specifier) => !specifier!.startsWith('./')),
        file.pathname,
      ).toEqual([]);
    }
  });
});

describe('the emulator in a production bundle', () => {
  it('warns once in a browser when NODE_ENV is production, and never in development or in Node', async () => {
    vi.resetModules();
    const { createHelpdeskyEmulator } = await import('../../src/testing.js');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      createHelpdeskyEmulator(); // Node, test mode
      vi.stubGlobal('window', {});
      createHelpdeskyEmulator(); // a browser in development
      expect(warn).not.toHaveBeenCalled();

      vi.stubEnv('NODE_ENV', 'production');
      createHelpdeskyEmulator();
      createHelpdeskyEmulator();
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0]![0]).toMatch(/test double of helpdesky\.io, is running in a production build/);
    } finally {
      vi.unstubAllGlobals();
      vi.unstubAllEnvs();
      warn.mockRestore();
    }
  });
});
