import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECURITY_HEADERS } from '../../main/electron/contentSecurity.js';
import { chromiumAvailable, launchChromium } from '../e2e/browser.js';
import { dropFile, setNumber } from '../e2e/pageHelpers.js';
import { MODEL_DIR } from '../e2e/requirements.js';
import { startStaticServer, type StaticServer } from '../e2e/staticServer.js';
import { ensureWebBuild, WEB_DIST } from '../e2e/webBuild.js';
import { writeSyntheticModelFolder } from '../fixtures/syntheticModelFolder.js';

async function picture(width: number, height: number, colour: (x: number, y: number) => number[]): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(colour(x, y), (y * width + x) * 3);
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

const missing = chromiumAvailable() ? null : 'Chromium is not installed (apt-get install chromium)';
if (missing) console.warn(`Skipping the CSP check in Chromium: ${missing}.`);

/**
 * The desktop app's Content-Security-Policy is exactly what the studio needs: the studio, served with it,
 * loads, starts its engine worker and WebAssembly, shows thumbnails and paints a run without one violation,
 * while what the policy leaves out (inline and data: scripts, eval) is refused.
 */
describe.skipIf(missing !== null)('the desktop app’s CSP in Chromium', () => {
  let browser: Browser;
  let server: StaticServer;
  let page: Page;
  let dir: string;
  const violations: string[] = [];
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    ensureWebBuild();
    dir = await mkdtemp(path.join(os.tmpdir(), 'pastiche-csp-'));
    const weights = existsSync(path.join(MODEL_DIR, 'model.json')) ? MODEL_DIR : await writeSyntheticModelFolder(path.join(dir, 'weights'), 4);
    // The web build served as app://pastiche serves it: every response with the desktop app's CSP and isolation headers.
    server = await startStaticServer([{ prefix: '/models/vgg19/', dir: weights }, { prefix: '/', dir: WEB_DIST }], SECURITY_HEADERS);
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 820 } })).newPage();
    await page.exposeFunction('__cspViolation', (text: string) => violations.push(text));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __cspViolation(text: string): void }).__cspViolation(`${e.effectiveDirective} ${e.blockedURI}`),
      );
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.goto(`${server.url}/index.html`);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('lets the studio load its engine and paint a run without a single violation', async () => {
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 180_000 });
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    const photo = await picture(120, 80, (x, y) => [40 + x, 90 + y, 170]);
    const style = await picture(48, 48, (x, y) => ((x + y) % 16 < 8 ? [200, 40, 30] : [20, 30, 120]));
    await dropFile(page, page.getByRole('region', { name: 'Content image' }), 'photo.png', photo, 'image/png');
    await dropFile(page, page.getByRole('region', { name: 'Style images' }), 'stripes.png', style, 'image/png');
    await page.getByRole('region', { name: 'Style images' }).getByRole('img', { name: 'stripes.png' }).waitFor();
    await setNumber(page, 'Output size', 64);
    await setNumber(page, 'Iterations', 3);
    expect(violations).toEqual([]);
    const exportButton = page.getByRole('button', { name: 'Export', exact: true });
    expect(await exportButton.isEnabled()).toBe(false);
    const start = page.getByRole('button', { name: 'Start', exact: true });
    await expect.poll(() => start.isEnabled(), { timeout: 120_000 }).toBe(true);
    await start.click();
    // A 3-iteration run at 64 px can be over before a Pause button is seen: its result enabling Export shows it ran.
    await expect.poll(() => exportButton.isEnabled(), { timeout: 240_000 }).toBe(true);
    expect(violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it('refuses what the policy leaves out: inline scripts, data: scripts and eval', async () => {
    const refused = await page.evaluate(async () => {
      const load = (setUp: (s: HTMLScriptElement) => void) =>
        new Promise<string>((resolve) => {
          const s = document.createElement('script');
          setUp(s);
          s.onload = () => resolve('loaded');
          s.onerror = () => resolve('refused');
          document.head.append(s);
          if (!s.src) setTimeout(() => resolve((window as unknown as { __inline?: boolean }).__inline ? 'ran' : 'refused'), 200);
        });
      const inline = await load((s) => (s.textContent = 'window.__inline = true'));
      const data = await load((s) => (s.src = 'data:text/javascript,window.__data=1'));
      let evaluated = 'ran';
      try {
        (0, eval)('1');
      } catch {
        evaluated = 'refused';
      }
      return { inline, data, evaluated };
    });
    expect(refused).toEqual({ inline: 'refused', data: 'refused', evaluated: 'refused' });
    await expect.poll(() => violations.slice()).toEqual(expect.arrayContaining([expect.stringMatching(/^script-src(-elem)? inline/), expect.stringMatching(/^script-src(-elem)? data/), expect.stringMatching(/^script-src eval/)]));
  }, 60_000);
});
