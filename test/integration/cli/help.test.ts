/**
 * Every `shopgraph` subcommand answers `--help` with its usage and exit code 0, starting nothing:
 * each runs in a child process (the sources, compiled on require as jest does) that must end by
 * itself. A command that started a server instead would never exit and is killed.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..');
const REGISTER = join(ROOT, 'test', 'integration', 'hostile', 'ts-register.js');
/** What bin/shopgraph.js does, over the sources instead of dist/. */
const ENTRY = `
const [command, ...rest] = process.argv.slice(1);
const fail = (e) => { process.stderr.write(String(e && e.message || e) + '\\n'); process.exit(1); };
if (command === 'emulator') require(${JSON.stringify(join(ROOT, 'src/emulator/cli.ts'))}).runEmulatorCli(rest).catch(fail);
else { require('reflect-metadata'); require(${JSON.stringify(join(ROOT, 'src/app/main.ts'))}).main(process.argv.slice(1)).catch(fail); }
`;
/** Far longer than compiling the sources takes; a command still running then has started something. */
const KILL_AFTER_MS = 25_000;

interface Run {
  code: number | null;
  killed: boolean;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    // A port something may listen on, and a config that would start demo mode: neither must be used.
    const child = spawn(process.execPath, ['-r', REGISTER, '-e', ENTRY, '--', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', PORT: '0', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, KILL_AFTER_MS);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, killed, stdout, stderr });
    });
  });
}

describe('shopgraph <command> --help', () => {
  it.each([
    ['serve', /^usage: shopgraph serve/],
    ['gateway', /^usage: shopgraph gateway/],
    ['compose', /^Usage: shopgraph compose/],
    ['backfill', /^usage: shopgraph backfill/],
    ['emulator', /shopgraph emulator/],
  ])(
    '%s --help prints its usage on stdout and exits 0 without starting anything',
    async (command, usage) => {
      const result = await run([command, '--help']);
      expect({ killed: result.killed, code: result.code, stderr: result.stderr }).toEqual({ killed: false, code: 0, stderr: '' });
      expect(result.stdout).toMatch(usage);
      expect(result.stdout).toContain('--help');
    },
    40_000,
  );

  it('shopgraph --help lists every command', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['serve', 'emulator', 'backfill', 'gateway', 'compose']) expect(result.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
  }, 40_000);

  it('an unknown flag is refused with the usage, exit 1, and starts nothing', async () => {
    const result = await run(['serve', '--port', '5000']);
    expect({ killed: result.killed, code: result.code }).toEqual({ killed: false, code: 1 });
    expect(result.stderr).toContain("serve: Unknown option '--port'");
    expect(result.stderr).toContain('usage: shopgraph serve');
  }, 40_000);
});
