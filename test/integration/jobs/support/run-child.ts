// Runs a job runner script in a child process to its end: 'killed' when it was SIGKILLed, else its last line.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const repoRoot = resolve(import.meta.dirname, '../../../..');

export function runChild(script: string, args: string[], started: (p: ChildProcess) => void = () => {}): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    started(p);
    let out = '';
    let err = '';
    p.stdout.on('data', (c: Buffer) => (out += c.toString()));
    p.stderr.on('data', (c: Buffer) => (err += c.toString()));
    p.on('error', reject);
    p.on('exit', (code, sig) => {
      if (sig === 'SIGKILL') return resolvePromise('killed');
      if (code !== 0) return reject(new Error(`child exited ${code}: ${err}`));
      resolvePromise(out.trim().split('\n').at(-1) ?? '');
    });
  });
}
