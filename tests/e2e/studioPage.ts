import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium } from './browser.js';
import { dropFile } from './pageHelpers.js';
import { IMAGES, MODEL_DIR } from './requirements.js';
import { startStaticServer, type StaticServer } from './staticServer.js';
import { ensureWebBuild, WEB_DIST } from './webBuild.js';

/** The web build served with the real weights beside it, and a fresh Chromium page to open it in. */
export interface StudioPage {
  server: StaticServer;
  browser: Browser;
  page: Page;
  /** Uncaught errors of the page; closeStudioPage expects none. */
  pageErrors: string[];
}

export async function openStudioPage(context: BrowserContextOptions): Promise<StudioPage> {
  ensureWebBuild();
  const server = await startStaticServer([
    { prefix: '/', dir: WEB_DIST },
    { prefix: '/models/vgg19/', dir: MODEL_DIR },
  ]);
  const browser = await launchChromium();
  const page = await (await browser.newContext(context)).newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return { server, browser, page, pageErrors };
}

/** Closes what openStudioPage opened, after checking that the page threw nothing. */
export async function closeStudioPage(studio: StudioPage | undefined): Promise<void> {
  expect(studio?.pageErrors ?? []).toEqual([]);
  await studio?.browser.close();
  await studio?.server.close();
}

/** Opens the studio, waits for its engine, and drops a photo and a painting from ../shared/images in, as an artist starts. */
export async function openWithPhotoAndStyle(studio: StudioPage, photo = 'chelsea.jpg', style = 'starry_night.jpg'): Promise<void> {
  const { page } = studio;
  await page.goto(`${studio.server.url}/index.html`);
  await page.getByText('WebAssembly · CPU').waitFor({ timeout: 90_000 });
  const content = page.getByRole('region', { name: 'Content image' });
  await dropFile(page, content, photo, await readFile(path.join(IMAGES, photo)), 'image/jpeg');
  await content.getByRole('img', { name: photo }).waitFor();
  const styles = page.getByRole('region', { name: 'Style images' });
  await dropFile(page, styles, style, await readFile(path.join(IMAGES, style)), 'image/jpeg');
  await styles.getByRole('img', { name: style }).waitFor();
}
