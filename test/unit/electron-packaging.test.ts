/**
 * The installer configuration, checked without building installers (that needs the Electron
 * download): electron-builder's own loader and schema accept it, the fuses of the security baseline
 * are set, only the built app is packed, and the icon sources agree.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Configuration } from 'app-builder-lib';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
let config: Configuration;

beforeAll(async () => {
  config = await getConfig(root, path.join(root, 'electron-builder.yml'), null);
});

describe('electron-builder configuration', () => {
  it('passes electron-builder schema validation', async () => {
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  }, 60_000); // compiling electron-builder's JSON schema takes seconds on a busy machine

  it('names the app and writes installers to release/', () => {
    expect(config.appId).toBe('com.supporttoolkit.app');
    expect(config.productName).toBe('Support Toolkit');
    expect(config.directories?.output).toBe('release');
  });

  it('flips the fuses of the security baseline', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
      enableCookieEncryption: true,
      // The window loads from app://toolkit/ (test/security/electron-app-scheme.test.ts): file: pages get no extra privileges.
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs the built app and package.json, not sources or tests', () => {
    // electron-builder's loader normalises the list into file sets ({ filter: [...] }).
    const files = (Array.isArray(config.files) ? config.files : [config.files]).flatMap((set) =>
      typeof set === 'string' ? [set] : ((set as { filter?: string[] }).filter ?? []),
    );
    expect(files).toContain('out/**');
    expect(files).toContain('package.json');
    for (const source of ['electron/', 'renderer/', 'shared/', 'test/', 'bench/']) expect(files.some((f) => f.startsWith(source))).toBe(false);
    expect(config.asar).toBe(true);
  });

  it('builds the installers for each system, with icons from build/icons', () => {
    const targets = (t: unknown) => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));
    expect(targets(config.win?.target)).toEqual(['nsis', 'portable']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config.win?.icon).toBe('build/icons/icon.ico');
    expect(config.mac?.icon).toBe('build/icons/icon.icns');
    expect(config.linux?.icon).toBe('build/icons');
    expect(config.linux?.maintainer).toBeTruthy();
    expect(config.linux?.category).toBeTruthy();
    // nsis and portable both make an .exe: distinct names, or one overwrites the other.
    expect(config.nsis?.artifactName).not.toBe(config.portable?.artifactName);
  });
});

describe('app icon', () => {
  it('the installer icon source and the window/browser icon are the same drawing', () => {
    expect(readFileSync(path.join(root, 'build', 'icon.svg'), 'utf8')).toBe(readFileSync(path.join(root, 'renderer', 'public', 'icon.svg'), 'utf8'));
  });
});
