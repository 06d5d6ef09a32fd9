// helpdesky-react/testing must load anywhere its users run tests: Node without MSW or Vite
// installed, and browser bundles (Storybook with MSW). So no runtime import of anything but
// its own modules.
import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
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
