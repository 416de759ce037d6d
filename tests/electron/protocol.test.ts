import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppProtocolHandler, registerAppScheme } from '../../main/electron/protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/security.js';
import { useTempFolders } from '../fixtures/tempFolder.js';
import { electron } from './fakeElectron.js';

vi.mock('electron', async () => (await import('./fakeElectron.js')).electron);

const tempFolder = useTempFolders('pastiche-protocol-');

let serve: (request: Request) => Promise<Response>;
let base: string;

beforeEach(async () => {
  base = await tempFolder();
  const web = path.join(base, 'web');
  await mkdir(path.join(web, 'assets'), { recursive: true });
  await writeFile(path.join(web, 'index.html'), '<!doctype html><title>Pastiche</title>');
  await writeFile(path.join(web, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(path.join(web, 'assets', 'tfjs-backend-wasm-simd.wasm'), Buffer.from([0, 97, 115, 109]));
  await writeFile(path.join(base, 'secret.txt'), 'outside');
  await symlink(path.join(base, 'secret.txt'), path.join(web, 'assets', 'link.txt'));
  serve = createAppProtocolHandler(web);
});

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

function expectSecurityHeaders(response: Response): void {
  expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  expect(response.headers.get('x-content-type-options')).toBe('nosniff');
}

describe('app:// protocol', () => {
  it('serves the studio build with types and the security headers', async () => {
    const index = await get('app://pastiche/');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>Pastiche</title>');
    expectSecurityHeaders(index);

    const script = await get('app://pastiche/assets/index-abc.js?v=1#x');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');

    const wasm = await get('app://pastiche/assets/tfjs-backend-wasm-simd.wasm');
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 97, 115, 109]));
  });

  it('refuses paths that leave the build folder, however they are spelled', async () => {
    const absolute = `app://pastiche/${encodeURIComponent(path.join(base, 'secret.txt'))}`;
    for (const url of ['app://pastiche/..%2fsecret.txt', 'app://pastiche/assets/..%2f..%2fsecret.txt', 'app://pastiche/%2e%2e%2fsecret.txt', absolute]) {
      const response = await get(url);
      expect(response.status, url).toBe(403);
      expect(await response.text()).toBe('Forbidden');
      expectSecurityHeaders(response);
    }
    // A link inside the build that points outside it is refused too.
    expect((await get('app://pastiche/assets/link.txt')).status).toBe(403);
  });

  it('answers bad or unknown requests without serving anything', async () => {
    const cases: Array<[string, string, number]> = [
      ['app://pastiche/..%5csecret.txt', 'GET', 400],
      ['app://pastiche/index.html%00.js', 'GET', 400],
      ['app://pastiche/%E0%A4%A', 'GET', 400],
      ['app://pastiche/missing.js', 'GET', 404],
      ['app://pastiche/assets', 'GET', 404],
      ['app://other/index.html', 'GET', 404],
      ['app://pastiche/index.html', 'POST', 405],
    ];
    for (const [url, method, status] of cases) {
      const response = await get(url, method);
      expect(response.status, `${method} ${url}`).toBe(status);
      expectSecurityHeaders(response);
    }
  });

  it('answers HEAD with headers only', async () => {
    const head = await get('app://pastiche/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expectSecurityHeaders(head);
  });

  it('registers app:// as a standard, secure, fetchable scheme that other origins cannot read', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));

  it('allows only the app itself (and the threaded wasm build’s blob: workers), and no eval beyond WebAssembly compilation', () => {
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'", 'blob:']);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('img-src')).toEqual(["'self'", 'blob:']);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    for (const none of ['object-src', 'base-uri', 'frame-ancestors', 'form-action', 'frame-src']) expect(directives.get(none), none).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|https?:|\*/);
  });
});
