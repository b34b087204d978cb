// The deploy script's checks, and the promise that matters most: without a script id or a clasp login it
// stops at once with the fix, before running anything slow and without waiting for input.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkClaspSettings,
  chooseDeployment,
  claspCredentialsPath,
  claspFailureHint,
  hasClaspCredentials,
  isLoggedIn,
  LOGIN_MESSAGE,
  parseClaspJson,
  parseCommand,
  rollbackTarget,
  SETTINGS_FILES,
  versionDescription,
} from '../../tools/deploy';

const ROOT = join(__dirname, '..', '..');
const REAL_ID = '1AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_aBcDeFgHiJkLmNoPq';

describe('checkClaspSettings', () => {
  it('accepts a script id with rootDir dist', () => {
    expect(
      checkClaspSettings(JSON.stringify({ scriptId: REAL_ID, rootDir: 'dist' }), '.clasp.dev.json'),
    ).toEqual({
      ok: true,
      value: REAL_ID,
    });
    expect(checkClaspSettings(JSON.stringify({ scriptId: REAL_ID, rootDir: './dist/' }), 'x').ok).toBe(true);
  });

  it.each([
    ['the placeholder', JSON.stringify({ scriptId: 'PASTE_DEV_SCRIPT_ID_HERE', rootDir: 'dist' })],
    ['no scriptId', JSON.stringify({ rootDir: 'dist' })],
    ['an empty scriptId', JSON.stringify({ scriptId: '  ', rootDir: 'dist' })],
    ['a short id', JSON.stringify({ scriptId: 'abc123', rootDir: 'dist' })],
    ['an id with spaces', JSON.stringify({ scriptId: `${REAL_ID} x`, rootDir: 'dist' })],
    ['not an object', '"just text"'],
  ])('asks for the script id when the file has %s, with the steps to get one', (_, text) => {
    const result = checkClaspSettings(text, '.clasp.dev.json');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(/^Set scriptId in \.clasp\.dev\.json: create the Apps Script project/);
    expect(result.message).toContain('https://script.google.com/home');
    expect(result.message).toContain('Project Settings');
  });

  it('names the missing file and what it holds', () => {
    expect(checkClaspSettings(null, '.clasp.prod.json')).toEqual({
      ok: false,
      message: expect.stringMatching(
        /^Set scriptId in \.clasp\.prod\.json: .*\.clasp\.prod\.json is missing/,
      ),
    });
  });

  it('says so when the file is not JSON', () => {
    expect(checkClaspSettings('{scriptId: ', '.clasp.dev.json')).toEqual({
      ok: false,
      message: expect.stringContaining('.clasp.dev.json is not valid JSON'),
    });
  });

  it('refuses a content folder other than dist, so sources are never pushed', () => {
    for (const settings of [
      { scriptId: REAL_ID },
      { scriptId: REAL_ID, rootDir: 'src' },
      { scriptId: REAL_ID, rootDir: '.' },
    ]) {
      expect(checkClaspSettings(JSON.stringify(settings), 'f.json')).toEqual({
        ok: false,
        message: expect.stringContaining('"rootDir": "dist"'),
      });
    }
  });

  it('holds for the templates in the repository: dist, and either the placeholder or a real id', () => {
    for (const file of Object.values(SETTINGS_FILES)) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const settings = JSON.parse(text) as { scriptId: string; rootDir: string };
      expect(settings.rootDir).toBe('dist');
      expect(checkClaspSettings(text, file).ok).toBe(!/^PASTE_/.test(settings.scriptId));
    }
  });
});

describe('clasp login', () => {
  const v3 = JSON.stringify({
    tokens: { default: { type: 'authorized_user', refresh_token: 'r', access_token: 'a' } },
  });

  it('recognises clasp 3 credentials and the older shapes', () => {
    expect(hasClaspCredentials(v3)).toBe(true);
    expect(hasClaspCredentials(JSON.stringify({ access_token: 'a', refresh_token: 'r' }))).toBe(true);
    expect(
      hasClaspCredentials(JSON.stringify({ token: { access_token: 'a' }, oauth2ClientSettings: {} })),
    ).toBe(true);
  });

  it('treats no file, a logged-out file, another user only, or garbage as not logged in', () => {
    expect(hasClaspCredentials(null)).toBe(false);
    expect(hasClaspCredentials('')).toBe(false);
    expect(hasClaspCredentials(JSON.stringify({ tokens: {} }))).toBe(false);
    expect(hasClaspCredentials(JSON.stringify({ tokens: { default: null } }))).toBe(false);
    expect(hasClaspCredentials(JSON.stringify({ tokens: { other: { refresh_token: 'r' } } }))).toBe(false);
    expect(hasClaspCredentials('not json')).toBe(false);
    expect(hasClaspCredentials('null')).toBe(false);
  });

  it('reads ~/.clasprc.json, or where clasp_config_auth points (a file or a folder)', () => {
    const never = () => false;
    expect(claspCredentialsPath('/home/a', {}, never)).toBe(join('/home/a', '.clasprc.json'));
    expect(claspCredentialsPath('/home/a', { clasp_config_auth: '/etc/rc.json' }, never)).toBe(
      '/etc/rc.json',
    );
    expect(claspCredentialsPath('/home/a', { clasp_config_auth: '/etc/clasp' }, () => true)).toBe(
      join('/etc/clasp', '.clasprc.json'),
    );
  });

  it('isLoggedIn looks at the home folder it is given', () => {
    const home = mkdtempSync(join(tmpdir(), 'prospector-home-'));
    try {
      expect(isLoggedIn(home, {})).toBe(false);
      writeFileSync(join(home, '.clasprc.json'), v3);
      expect(isLoggedIn(home, {})).toBe(true);
      const elsewhere = join(home, 'auth');
      mkdirSync(elsewhere);
      expect(isLoggedIn(home, { clasp_config_auth: elsewhere })).toBe(false);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('chooseDeployment', () => {
  const head = { deploymentId: 'AKfyHEAD', description: 'Head deployment' };

  it('creates the first versioned deployment; @HEAD does not count', () => {
    expect(chooseDeployment([])).toEqual({ action: 'create' });
    expect(chooseDeployment([head])).toEqual({ action: 'create' });
  });

  it('updates the only versioned deployment, keeping its id', () => {
    expect(chooseDeployment([head, { deploymentId: 'AKfyProd', versionNumber: 7 }])).toEqual({
      action: 'update',
      deploymentId: 'AKfyProd',
      currentVersion: 7,
    });
  });

  it('refuses to guess between several, and follows the one named', () => {
    const several = [
      { deploymentId: 'AKfyA', versionNumber: 3, description: 'old' },
      { deploymentId: 'AKfyB', versionNumber: 5 },
    ];
    const refused = chooseDeployment(several);
    expect(refused).toEqual({
      action: 'refuse',
      message: expect.stringContaining('PROSPECTOR_DEPLOYMENT_ID'),
    });
    expect(refused.action === 'refuse' && refused.message).toContain('AKfyA @3 old');
    expect(chooseDeployment(several, 'AKfyA')).toEqual({
      action: 'update',
      deploymentId: 'AKfyA',
      currentVersion: 3,
    });
    expect(chooseDeployment(several, 'AKfyZ')).toEqual({
      action: 'refuse',
      message: expect.stringContaining('AKfyZ'),
    });
    expect(chooseDeployment([head], 'AKfyHEAD').action).toBe('refuse');
  });
});

describe('rollbackTarget', () => {
  it('goes to the newest version older than the current one', () => {
    expect(rollbackTarget([1, 2, 4, 5, 6], 5)).toEqual({ ok: true, value: 4 });
    expect(rollbackTarget([6, 1, 3], 6)).toEqual({ ok: true, value: 3 });
  });

  it('goes to the version asked for, if it exists and is not the current one', () => {
    expect(rollbackTarget([1, 2, 3], 3, 1)).toEqual({ ok: true, value: 1 });
    expect(rollbackTarget([1, 2, 3], 1, 3)).toEqual({ ok: true, value: 3 });
    expect(rollbackTarget([1, 2, 3], 3, 9)).toEqual({
      ok: false,
      message: expect.stringContaining('Version 9 does not exist'),
    });
    expect(rollbackTarget([1, 2, 3], 3, 3)).toEqual({
      ok: false,
      message: expect.stringContaining('already runs version 3'),
    });
  });

  it('says when there is nothing older', () => {
    expect(rollbackTarget([1], 1)).toEqual({
      ok: false,
      message: expect.stringContaining('no version older than 1'),
    });
    expect(rollbackTarget([], 2).ok).toBe(false);
  });
});

describe('command line and clasp output', () => {
  it('parses the four commands and refuses anything else with the usage', () => {
    expect(parseCommand(['dev'])).toEqual({ ok: true, value: { command: 'dev' } });
    expect(parseCommand(['push'])).toEqual({ ok: true, value: { command: 'push' } });
    expect(parseCommand(['prod'])).toEqual({ ok: true, value: { command: 'prod' } });
    expect(parseCommand(['rollback'])).toEqual({ ok: true, value: { command: 'rollback' } });
    expect(parseCommand(['rollback', '12'])).toEqual({
      ok: true,
      value: { command: 'rollback', version: 12 },
    });
    for (const args of [
      [],
      ['deploy'],
      ['dev', 'extra'],
      ['rollback', '0'],
      ['rollback', '-1'],
      ['rollback', '2', '3'],
    ]) {
      expect(parseCommand(args)).toEqual({ ok: false, message: expect.stringContaining('Usage') });
    }
    expect(parseCommand(['rollback', 'latest'])).toEqual({
      ok: false,
      message: expect.stringContaining('"latest"'),
    });
  });

  it('reads clasp --json answers, skipping notices before them', () => {
    expect(parseClaspJson('{\n  "versionNumber": 8\n}\n')).toEqual({ versionNumber: 8 });
    expect(parseClaspJson('Update available\n[\n  {"deploymentId": "A"}\n]')).toEqual([
      { deploymentId: 'A' },
    ]);
    expect(() => parseClaspJson('No credentials found.\n')).toThrow('not JSON: No credentials found.');
    expect(() => parseClaspJson('')).toThrow('not JSON: (nothing)');
  });

  it('turns the clasp failures people meet into the next step', () => {
    const disabled =
      'User has not enabled the Apps Script API. Enable it by visiting https://script.google.com/home/usersettings then retry.';
    expect(claspFailureHint(disabled)).toContain('https://script.google.com/home/usersettings');
    expect(claspFailureHint('No credentials found.')).toBe(LOGIN_MESSAGE);
    expect(claspFailureHint('invalid_grant')).toBe(LOGIN_MESSAGE);
    expect(claspFailureHint('getaddrinfo ENOTFOUND oauth2.googleapis.com')).toContain(
      'could not reach Google',
    );
    expect(claspFailureHint('Requested entity was not found.')).toContain('scriptId');
    expect(claspFailureHint('Syntax error in Code.js')).toBeNull();
  });

  it('describes a version by package version, commit and time, flagging uncommitted changes', () => {
    const when = new Date('2026-05-04T10:00:00Z');
    expect(versionDescription('0.1.0', 'abc1234', false, when)).toBe(
      'prospector 0.1.0 abc1234 2026-05-04T10:00:00.000Z',
    );
    expect(versionDescription('0.1.0', 'abc1234', true, when)).toContain('abc1234 +uncommitted changes');
  });
});

describe('tools/deploy.ts as a process', () => {
  it('stops at once, non-zero, with the fix, when run without a script id or a clasp login', () => {
    const home = mkdtempSync(join(tmpdir(), 'prospector-nologin-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, USERPROFILE: home };
      delete env.clasp_config_auth;
      const started = Date.now();
      // The local tsx binary: what `npx tsx` runs, without npx's registry checks.
      const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), ['tools/deploy.ts', 'dev'], {
        cwd: ROOT,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
        encoding: 'utf8',
        timeout: 20_000,
      });
      const elapsed = Date.now() - started;
      const settings = checkClaspSettings(
        readFileSync(join(ROOT, '.clasp.dev.json'), 'utf8'),
        '.clasp.dev.json',
      );
      // The repository's template has the placeholder, so the first check fires; a clone with a real id
      // gets as far as the login check, which this empty HOME fails.
      const expected = settings.ok ? 'Run npx clasp login first' : 'Set scriptId in .clasp.dev.json';
      expect(result.error).toBeUndefined();
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(expected);
      expect(result.stdout).not.toContain('npm run lint');
      expect(elapsed).toBeLessThan(15_000);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }, 30_000);
});
