import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dropFile, iterationsDone, setNumber } from './pageHelpers.js';
import { closeStudioPage, openStudioPage, type StudioPage } from './studioPage.js';
import { IMAGES, missingForStudioTest } from './requirements.js';
import { ROOT } from './webBuild.js';

const ARTIFACTS = path.join(ROOT, 'test-results');
const SIZES = [
  [1024, 640],
  [1280, 720],
  [1440, 900],
  [1920, 1080],
  [2560, 1440],
] as const;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

async function boxOf(locator: Locator): Promise<Box> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${locator} has no box`);
  return box;
}

/** Waits (up to 10 s) until the window has laid itself out for a new size: the picture's box stops changing. */
async function settle(page: Page, width: number, height: number): Promise<void> {
  await page.setViewportSize({ width, height });
  const picture = page.getByRole('img', { name: 'Preview', exact: true });
  let last = '';
  await expect
    .poll(
      async () => {
        const now = JSON.stringify(await picture.boundingBox());
        const still = now === last;
        last = now;
        return still;
      },
      { timeout: 10_000, interval: 700 },
    )
    .toBe(true);
}

/** The boxes of every visible control (buttons, fields, sliders) except those inside `except`. */
function controlBoxes(except: Locator): Promise<Array<Box & { name: string }>> {
  return except.evaluate((skip) =>
    [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, [role=slider], [role=progressbar]')]
      .filter((el) => !skip.contains(el) && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
      .map((el) => {
        const r = el.getBoundingClientRect();
        return { name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName, x: r.x, y: r.y, width: r.width, height: r.height };
      })
      .filter((b) => b.width > 0 && b.height > 0),
  );
}

/**
 * Serious and critical axe violations, as "rule: target" lines. Transitions are switched off first: axe judges the
 * colours of a state, and a button fading from disabled to enabled is neither.
 */
async function axeProblems(page: Page, only?: string): Promise<string[]> {
  await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; animation: none !important; }' });
  const builder = new AxeBuilder({ page });
  const { violations } = await (only ? builder.include(only) : builder).analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${n.failureSummary?.split('\n')[1]?.trim() ?? ''})`));
}

/** Records, from the first paint on, every text the page shows that a loading studio with its weights must never show. */
function watchForWrongTexts(): void {
  const wrong = ['No weights yet', 'The model weights are needed first', 'Weights unusable', 'Pastiche needs the VGG19 weights', 'Engine idle'];
  const seen = new Set<string>();
  (window as unknown as { wrongTexts: Set<string> }).wrongTexts = seen;
  const look = () => {
    const text = document.body?.innerText ?? '';
    for (const w of wrong) if (text.includes(w)) seen.add(w);
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Notes when the first confirmation notice (role status) appears and when it goes, by the page's own clock. */
function watchConfirmations(): void {
  const w = window as unknown as { confirmation: { text: string; shown: number; gone?: number; element: Element } | null };
  w.confirmation = null;
  new MutationObserver(() => {
    const c = w.confirmation;
    if (!c) {
      const el = [...document.querySelectorAll('[role=status]')].find((e) => e.textContent?.trim().startsWith('Saved'));
      if (el) w.confirmation = { text: el.textContent!.trim(), shown: performance.now(), element: el };
    } else if (c.gone === undefined && !c.element.isConnected) c.gone = performance.now();
  }).observe(document.body, { subtree: true, childList: true });
}

/** Keeps every text the run bar shows, to check that its counts agree. */
function watchRunBar(page: Page): Promise<void> {
  return page.evaluate(() => {
    const texts: string[] = [];
    (window as unknown as { runBarTexts: string[] }).runBarTexts = texts;
    const bar = document.querySelector('[role=progressbar][aria-label=Progress]')!.parentElement!;
    new MutationObserver(() => texts.push(bar.innerText.replace(/\s+/g, ' '))).observe(bar, { subtree: true, childList: true, characterData: true });
  });
}

const missing = missingForStudioTest('the studio layout and accessibility test');

describe.skipIf(missing.length > 0)('the studio layout, messages and accessibility in Chromium (web build, real weights)', () => {
  let studio: StudioPage | undefined;
  let page: Page;
  const pause = () => page.getByRole('button', { name: 'Pause', exact: true });
  const stop = () => page.getByRole('button', { name: 'Stop', exact: true });
  const start = () => page.getByRole('button', { name: 'Start', exact: true });
  const exportButton = () => page.getByRole('button', { name: 'Export', exact: true });
  const progress = () => page.getByRole('progressbar', { name: 'Progress' });
  const preview = () => page.getByRole('img', { name: 'Preview', exact: true });
  const chart = () => page.getByRole('img', { name: /^Cost/ });

  beforeAll(async () => {
    studio = await openStudioPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    page = studio.page;
    await page.addInitScript(watchForWrongTexts);
    await mkdir(ARTIFACTS, { recursive: true });
  }, 300_000);

  afterAll(() => closeStudioPage(studio));

  it('says what it is doing while it loads, never that the weights are missing', async () => {
    await page.goto(`${studio!.server.url}/index.html`);
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 90_000 });
    await page.getByText('Add a photo to restyle.').waitFor({ timeout: 60_000 });
    expect(await page.evaluate(() => [...(window as unknown as { wrongTexts: Set<string> }).wrongTexts])).toEqual([]);
  }, 120_000);

  it('describes the weights by their real layers', async () => {
    await page.getByRole('button', { name: /VGG19 conv1_1–conv3_4/ }).click();
    const details = page.locator('#model-details');
    await details.waitFor();
    const text = await details.innerText();
    expect(text).not.toContain('conv5_1');
    expect(text).toContain('These weights end at conv3_4');
    expect(text).toMatch(/Content layer\s+relu3_2/);
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'hidden' });
  });

  it('shows each style’s share of the blend next to its slider', async () => {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('region', { name: 'Content image' }).getByRole('button', { name: /Drop a photo/ }).click();
    await (await chooser).setFiles(path.join(IMAGES, 'chelsea.jpg'));
    const styles = page.getByRole('region', { name: 'Style images' });
    for (const name of ['starry_night.jpg', 'shipwreck.jpg']) {
      await dropFile(page, styles, name, await readFile(path.join(IMAGES, name)), 'image/jpeg');
      await styles.getByRole('img', { name }).waitFor();
    }
    const share = (name: string) => styles.getByTestId(`share-${name}`);
    expect(await share('starry_night.jpg').innerText()).toBe('50 %');
    expect(await share('shipwreck.jpg').isVisible()).toBe(true);
    const slider = styles.getByRole('slider', { name: 'Blend weight of starry_night.jpg' });
    await slider.focus();
    for (let i = 0; i < 10; i++) await slider.press('ArrowLeft'); // weight 1 → 0.5: a third of the blend
    expect(await share('starry_night.jpg').innerText()).toBe('33 %');
    expect(await share('shipwreck.jpg').innerText()).toBe('67 %');
    const shareBox = await boxOf(share('starry_night.jpg'));
    const sliderBox = await boxOf(slider);
    expect(Math.abs(shareBox.y + shareBox.height / 2 - (sliderBox.y + sliderBox.height / 2))).toBeLessThan(12);
  });

  it('passes axe with no serious or critical violation when idle and with each panel open', async () => {
    await setNumber(page, 'Output size', 128);
    await setNumber(page, 'Iterations', 3000);
    const problems: Record<string, string[]> = { idle: await axeProblems(page) };
    // Each panel is checked on its own once open (the rest of the page was checked idle), which keeps this quick.
    const panels: Array<[string, string, () => Promise<void>, () => Promise<void>]> = [
      ['history', 'section[aria-label=History]', () => page.getByRole('button', { name: /History/ }).click(), () => page.getByRole('button', { name: /History/ }).click()],
      ['batch', 'section[aria-label=Batch]', () => page.getByRole('button', { name: /Batch/ }).click(), () => page.getByRole('button', { name: /Batch/ }).click()],
      ['advanced', 'aside[aria-label=Settings]', () => page.getByText('Advanced', { exact: true }).click(), () => page.getByText('Advanced', { exact: true }).click()],
      ['model', '#model-details', () => page.getByRole('button', { name: /VGG19 conv1_1/ }).click(), () => page.keyboard.press('Escape')],
      ['mask', '[role=dialog][aria-label="Paint mask"]', () => page.getByRole('button', { name: 'Paint mask' }).click(), () => page.keyboard.press('Escape')],
      ['about', 'dialog[open]', () => page.getByRole('button', { name: 'About Pastiche' }).click(), () => page.keyboard.press('Escape')],
      ['logs', 'dialog[open]', () => page.getByRole('button', { name: 'Show logs' }).click(), () => page.keyboard.press('Escape')],
    ];
    for (const [name, only, open, close] of panels) {
      await open();
      await page.waitForTimeout(300);
      problems[name] = await axeProblems(page, only);
      await close();
      await page.waitForTimeout(200);
    }
    expect(problems).toEqual(Object.fromEntries(Object.keys(problems).map((k) => [k, []])));
  }, 400_000);

  it('reaches every control by keyboard in reading order, with a visible focus ring, and pans the picture', async () => {
    // Focus the document itself, so that the next Tab starts at the top.
    await page.evaluate(() => {
      document.body.tabIndex = -1;
      document.body.focus();
      document.body.removeAttribute('tabindex');
    });
    const controls = await page.evaluate(() => {
      const all = [...document.querySelectorAll<HTMLElement>('button, input, select, textarea, summary, a[href], [tabindex]:not([tabindex="-1"])')];
      const visible = all.filter((el) => !(el as HTMLButtonElement).disabled && el.checkVisibility() && !el.closest('[popover], dialog, [inert]'));
      visible.forEach((el, i) => (el.dataset.kb = String(i)));
      return visible.map((el) => ({ kb: el.dataset.kb!, group: el.closest('[role=radiogroup]')?.getAttribute('aria-label') ?? null, name: el.getAttribute('aria-label') ?? el.textContent!.trim().slice(0, 30) }));
    });
    const stops: Array<{ kb: string | null; region: number; ring: boolean; name: string }> = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press('Tab');
      const stop = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return null;
        const regions = ['header', 'aside[aria-label=Images]', '.stage', 'aside[aria-label=Settings]'];
        const region = regions.findIndex((r) => el.closest(r));
        const ringOn = (e: Element) => {
          const s = getComputedStyle(e);
          return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || /233, 169, 95/.test(s.boxShadow);
        };
        const ring = ringOn(el) || (el.parentElement !== null && ringOn(el.parentElement)) || (el.parentElement?.parentElement != null && ringOn(el.parentElement.parentElement));
        return { kb: el.dataset.kb ?? null, region, ring, name: el.getAttribute('aria-label') ?? el.textContent!.trim().slice(0, 30) };
      });
      if (!stop || (stops.length > 0 && stop.kb === stops[0]!.kb)) break;
      stops.push(stop);
    }
    const reached = new Set(stops.map((s) => s.kb));
    const reachedGroups = new Set(controls.filter((c) => reached.has(c.kb)).map((c) => c.group));
    const unreached = controls.filter((c) => !reached.has(c.kb) && !(c.group && reachedGroups.has(c.group))).map((c) => c.name);
    expect(unreached).toEqual([]);
    expect(stops.filter((s) => !s.ring).map((s) => s.name)).toEqual([]);
    const regions = stops.map((s) => s.region).filter((r) => r >= 0);
    expect(regions).toEqual([...regions].sort((a, b) => a - b));

    // The picture pans and zooms from the keyboard.
    const view = page.getByRole('group', { name: /^Picture view/ });
    const zoom = page.getByRole('button', { name: 'Actual size' });
    await view.focus();
    const fitted = { zoom: await zoom.innerText(), box: await boxOf(preview()) };
    await view.press('+');
    expect(await zoom.innerText()).not.toBe(fitted.zoom);
    const zoomed = await boxOf(preview());
    await view.press('ArrowLeft');
    expect((await boxOf(preview())).x).toBeCloseTo(zoomed.x + 40, 0);
    await view.press('0');
    expect(await zoom.innerText()).toBe(fitted.zoom);
  }, 180_000);

  it('starts a run from the keyboard', async () => {
    await start().focus();
    await page.keyboard.press('Enter');
    await pause().waitFor({ timeout: 60_000 });
  }, 90_000);

  it('holds the layout mid-run from 1024×640 to 2560×1440', async () => {
    await expect.poll(() => iterationsDone(page), { timeout: 120_000 }).toBeGreaterThan(0);
    const failures: string[] = [];
    for (const [width, height] of SIZES) {
      await settle(page, width, height);
      await page.screenshot({ path: path.join(ARTIFACTS, `studio-${width}x${height}.png`) });
      const named: Array<[string, Locator]> = [
        ['Pause', pause()],
        ['Stop', stop()],
        ['progress bar', progress()],
        ['cost chart', chart()],
        ['Export', exportButton()],
        ['Preview', preview()],
      ];
      const boxes: Array<[string, Box]> = [];
      for (const [name, locator] of named) {
        const box = await boxOf(locator);
        const at = `${width}×${height} ${name} ${JSON.stringify(box)}`;
        if (!(await locator.isVisible())) failures.push(`${at} is hidden`);
        if (box.width < (name === 'progress bar' ? 120 : 24) || (name !== 'progress bar' && box.height < 24)) failures.push(`${at} is too small`);
        if (box.x < 0 || box.y < 0 || box.x + box.width > width || box.y + box.height > height) failures.push(`${at} leaves the window`);
        for (const [other, b] of boxes) if (overlaps(box, b)) failures.push(`${at} overlaps ${other}`);
        boxes.push([name, box]);
      }
      const progressBlock = await boxOf(progress().locator('..'));
      if (progressBlock.width < 120) failures.push(`${width}×${height} the run status is ${progressBlock.width} px wide`);
    }
    expect(failures).toEqual([]);
  }, 180_000);

  it('keeps the zoom toolbar and the caption off the picture in fit view', async () => {
    const failures: string[] = [];
    await page.getByText(/^Live preview · /).waitFor({ timeout: 60_000 });
    // 1366×640 is where a landscape picture fills the stage's height and most of its width, 1920×1080 the usual window.
    for (const [width, height] of [
      [1366, 640],
      [1920, 1080],
    ] as const) {
      await settle(page, width, height);
      const picture = await boxOf(preview());
      for (const [name, locator] of [
        ['toolbar', page.getByRole('toolbar', { name: 'Preview view' })],
        ['caption', page.getByText(/^Live preview · /)],
      ] as const) {
        const box = await boxOf(locator);
        if (overlaps(picture, box)) failures.push(`${width}×${height}: the ${name} ${JSON.stringify(box)} covers the picture ${JSON.stringify(picture)}`);
      }
      if (failures.length) await page.screenshot({ path: path.join(ARTIFACTS, `studio-fit-${width}x${height}.png`) });
    }
    expect(failures).toEqual([]);
  });

  it('folds either side panel away from the top bar, giving the picture the room', async () => {
    await settle(page, 1280, 720);
    const view = page.getByRole('group', { name: /^Picture view/ });
    const before = await boxOf(view);
    const toggles = ['Images panel', 'Settings panel'].map((name) => page.getByRole('button', { name, exact: true }));
    try {
      for (const [i, panel] of ['Images', 'Settings'].entries()) {
        await toggles[i]!.click();
        expect(await toggles[i]!.getAttribute('aria-expanded')).toBe('false');
        expect(await page.getByRole('complementary', { name: panel, exact: true }).isVisible()).toBe(false);
      }
      await expect.poll(async () => (await boxOf(view)).width, { timeout: 10_000 }).toBeGreaterThan(before.width + 400);
      await page.screenshot({ path: path.join(ARTIFACTS, 'studio-panels-folded-1280x720.png') });
    } finally {
      for (const toggle of toggles) if ((await toggle.getAttribute('aria-expanded')) === 'false') await toggle.click();
    }
    expect(await page.getByRole('complementary', { name: 'Settings', exact: true }).isVisible()).toBe(true);
  });

  it('passes axe mid-run', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(await axeProblems(page)).toEqual([]);
  }, 120_000);

  it('shows no speed while paused, and one iteration count', async () => {
    await pause().click();
    await page.getByRole('button', { name: 'Resume', exact: true }).waitFor({ timeout: 60_000 });
    const done = await iterationsDone(page);
    const bar = await progress().locator('..').innerText();
    expect(bar).toContain(`Paused at iteration ${done}`);
    expect(bar).toContain(`${done} / 3000 it`);
    expect(bar).not.toMatch(/it\/s|s\/it|left/);
    await stop().click();
    await page.getByText(/^Stopped at iteration \d+; the picture so far is kept$/).waitFor({ timeout: 60_000 });
  }, 120_000);

  it('stacks notices in a corner off the controls: an error stays, a confirmation goes by itself', async () => {
    if (await stop().isVisible()) {
      await stop().click();
      await start().waitFor({ timeout: 60_000 });
    }
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.evaluate(watchConfirmations);
    const styles = page.getByRole('region', { name: 'Style images' });
    await dropFile(page, styles, 'notes.txt', new TextEncoder().encode('not a picture'), 'text/plain');
    const error = page.getByRole('alert').filter({ hasText: 'notes.txt' });
    await error.waitFor();
    const download = page.waitForEvent('download');
    await exportButton().click();
    await download;
    const stack = error.locator('..');
    const stackBox = await boxOf(stack);
    const covered = (await controlBoxes(stack)).filter((c) => overlaps(c, stackBox)).map((c) => c.name);
    expect(covered).toEqual([]);
    await page.screenshot({ path: path.join(ARTIFACTS, 'studio-notices-1024x640.png') });
    const confirmation = () =>
      page.evaluate(() => {
        const c = (window as unknown as { confirmation: { text: string; shown: number; gone?: number } | null }).confirmation;
        return c ? { text: c.text, shown: c.shown, gone: c.gone ?? null } : null;
      });
    await expect.poll(async () => (await confirmation())?.gone ?? null, { timeout: 20_000 }).not.toBeNull();
    const saved = (await confirmation())!;
    expect(saved.text).toMatch(/^Saved “chelsea-starry_night\+shipwreck\.png” \(128 × 85\)/);
    expect(saved.gone! - saved.shown).toBeGreaterThan(3_000);
    expect(saved.gone! - saved.shown).toBeLessThan(10_000);
    expect(await error.isVisible()).toBe(true);
    await error.getByRole('button', { name: 'Dismiss' }).click();
    await error.waitFor({ state: 'detached' });
  }, 60_000);

  it('lists history entries with their size, age, style names and what changed from the neighbouring run', async () => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await setNumber(page, 'Iterations', 3);
    await setNumber(page, 'Seed', 12345);
    await start().click();
    await page.getByText(/^Finished 3 iterations in /).waitFor({ timeout: 120_000 });
    const history = page.getByRole('region', { name: 'History' });
    if ((await history.getByRole('button', { name: /History/ }).getAttribute('aria-expanded')) !== 'true') await history.getByRole('button', { name: /History/ }).click();
    const entries = history.getByRole('listitem');
    await expect.poll(() => entries.count(), { timeout: 30_000 }).toBe(2);
    await entries.nth(0).scrollIntoViewIfNeeded();
    const newest = await entries.nth(0).innerText();
    expect(newest).toContain('128 × 85');
    expect(newest).toMatch(/just now|1 min ago/);
    expect(newest).toMatch(/3 iterations \(was 3000\)/);
    expect(newest).toMatch(/seed 12345 \(was 0\)/);
    expect(await entries.nth(0).getByText('starry_night.jpg, shipwreck.jpg').getAttribute('title')).toBe('starry_night.jpg, shipwreck.jpg');
    await page.screenshot({ path: path.join(ARTIFACTS, 'studio-history-1280x720.png') });
  }, 180_000);

  it('counts an upscaled export’s iterations the same way from its start to its end', async () => {
    await page.getByRole('radio', { name: '181 px' }).click();
    await watchRunBar(page);
    const download = page.waitForEvent('download', { timeout: 240_000 });
    await exportButton().click();
    await download;
    const texts = await page.evaluate(() => (window as unknown as { runBarTexts: string[] }).runBarTexts);
    const totals = new Set(texts.flatMap((t) => [...t.matchAll(/\d+ \/ (\d+) it/g)].map((m) => m[1])));
    expect(texts.some((t) => t.startsWith('Upscaling for export'))).toBe(true);
    expect([...totals]).toEqual(['20']);
  }, 300_000);
});
