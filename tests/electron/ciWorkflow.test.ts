import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SYSTEMS = { 'ubuntu-latest': 'Linux', 'macos-latest': 'macOS', 'windows-latest': 'Windows' } as const;
type Os = keyof typeof SYSTEMS;

interface Step {
  name?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}

interface Job {
  'runs-on': string;
  strategy?: { matrix?: { os?: string[] } };
  steps: Step[];
}

/** The README's test command: the first shell block under "## Tests". */
async function readmeTestCommand(): Promise<string> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Tests'));
  return /```sh\n([^\n]+)\n```/.exec(section)![1]!.trim();
}

/** Whether a step runs on `os`: no condition, or runner.os compared with == or != (the forms this workflow uses). */
function runsOn(step: Step, os: Os): boolean {
  if (step.if === undefined) return true;
  const m = /^runner\.os\s*(==|!=)\s*'(\w+)'$/.exec(step.if.trim());
  if (!m) throw new Error(`a condition this check cannot read: ${step.if}`);
  return (SYSTEMS[os] === m[2]) === (m[1] === '==');
}

/** The commands each step runs on `os`, one line each, in order. */
function commandsOn(job: Job, os: Os): string[] {
  return job.steps.filter((s) => s.run && runsOn(s, os)).flatMap((s) => s.run!.split('\n').map((l) => l.trim()).filter(Boolean));
}

async function workflow(): Promise<{ on: unknown; jobs: Record<string, Job> }> {
  return parse(await readFile(path.join(ROOT, '.github/workflows/ci.yml'), 'utf8'));
}

describe('the CI workflow', () => {
  it('runs on push and pull request, on Linux, macOS and Windows with Node.js 22 and the npm cache', async () => {
    const wf = await workflow();
    expect(Object.keys(wf.on as object).sort()).toEqual(['pull_request', 'push']);
    const jobs = Object.values(wf.jobs);
    expect(jobs).toHaveLength(1);
    const job = jobs[0]!;
    expect(job['runs-on']).toBe('${{ matrix.os }}');
    expect([...job.strategy!.matrix!.os!].sort()).toEqual(Object.keys(SYSTEMS).sort());
    const setupNode = job.steps.find((s) => s.uses?.startsWith('actions/setup-node@'));
    expect(setupNode?.with).toMatchObject({ 'node-version': 22, cache: 'npm' });
  });

  for (const os of Object.keys(SYSTEMS) as Os[]) {
    it(`on ${os}: installs with npm ci, runs the README’s test command, the Electron tests and npm run dist, and uploads the installers`, async () => {
      const job = Object.values((await workflow()).jobs)[0]!;
      const commands = commandsOn(job, os);
      const at = (pattern: RegExp) => commands.findIndex((c) => pattern.test(c));
      const install = at(/^npm ci\b/);
      const test = commands.indexOf(await readmeTestCommand());
      const electron = at(/\bnpm run test:electron$/);
      const dist = at(/^npm run dist\b/);
      expect(install, commands.join('\n')).toBeGreaterThanOrEqual(0);
      expect(test).toBeGreaterThan(install);
      expect(electron).toBeGreaterThan(install);
      expect(dist).toBeGreaterThan(install);
      expect(commands.filter((c) => /\bnpm run test:electron$/.test(c))).toHaveLength(1);
      // Linux runners have no display: the Electron tests run under a virtual X server.
      expect(commands[electron]!.startsWith('xvfb-run ')).toBe(os === 'ubuntu-latest');

      const upload = job.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@') && runsOn(s, os));
      const paths = String(upload?.with?.path ?? '').split('\n').map((p) => p.trim());
      const installers = { 'ubuntu-latest': ['release/*.AppImage', 'release/*.deb'], 'macos-latest': ['release/*.dmg'], 'windows-latest': ['release/*.exe'] }[os];
      expect(paths).toEqual(expect.arrayContaining(installers));
      expect(upload?.with?.['if-no-files-found']).toBe('error');
    });
  }

  it('builds the installers the artifacts expect: AppImage and deb, dmg, nsis', async () => {
    const config = parse(await readFile(path.join(ROOT, 'electron-builder.yml'), 'utf8'));
    expect(config).toMatchObject({ linux: { target: ['AppImage', 'deb'] }, mac: { target: 'dmg' }, win: { target: 'nsis' }, directories: { output: 'release' } });
  });

  it('leaves this machine’s CI (.ci/run) running the README’s test command', async () => {
    const run = await readFile(path.join(ROOT, '.ci/run'), 'utf8');
    expect(run.split('\n').map((l) => l.trim())).toContain(await readmeTestCommand());
  });
});
