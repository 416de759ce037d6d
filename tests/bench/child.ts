import { spawn } from 'node:child_process';
import { ROOT } from './inputs.js';

/** Runs a child and returns its last stdout line parsed as JSON; stderr passes through. */
export function child<T>(command: string, args: string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const p = spawn(command, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`${command} ${args.join(' ')} exited with ${code}`));
      try {
        resolve(JSON.parse(last) as T);
      } catch {
        reject(new Error(`${command} ${args.join(' ')} printed no JSON result: ${last.slice(0, 200)}`));
      }
    });
  });
}
