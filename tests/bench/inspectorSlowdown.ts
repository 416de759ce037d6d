// How much the open layer inspector slows a run in the studio (issue 13: at most 10 %). Paints the same
// picture in Chromium (web build, wasm, the shared weights) with the panel closed and open, alternating,
// and compares the engine's own run times. Usage: npx tsx tests/bench/inspectorSlowdown.ts [--rounds 2]
// [--size 128] [--iterations 40]. Results: docs/inspector.md.
import os from 'node:os';
import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { dropFile, setNumber } from '../e2e/pageHelpers.js';
import { closeStudioPage, openStudioPage } from '../e2e/studioPage.js';
import { IMAGES } from '../e2e/requirements.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
}

/** The studio's "Finished N iterations in 1:05" (or "1:02:09") as seconds. */
function seconds(text: string): number {
  const m = /in (?:(\d+):)?(\d+):(\d\d)$/.exec(text.trim());
  if (!m) throw new Error(`no duration in "${text}"`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

async function main(): Promise<void> {
  const rounds = arg('--rounds', 2);
  const size = arg('--size', 128);
  const iterations = arg('--iterations', 40);
  const studio = await openStudioPage({ viewport: { width: 1440, height: 900 } });
  const { page } = studio;
  try {
    await page.goto(`${studio.server.url}/index.html`);
    await page.getByText('WebAssembly · CPU').waitFor({ timeout: 180_000 });
    await dropFile(page, page.getByRole('region', { name: 'Content image' }), 'chelsea.jpg', await readFile(path.join(IMAGES, 'chelsea.jpg')), 'image/jpeg');
    const styles = page.getByRole('region', { name: 'Style images' });
    await dropFile(page, styles, 'starry_night.jpg', await readFile(path.join(IMAGES, 'starry_night.jpg')), 'image/jpeg');
    await styles.getByRole('img', { name: 'starry_night.jpg' }).waitFor();
    await setNumber(page, 'Output size', size);
    await setNumber(page, 'Iterations', iterations);
    const panel = page.getByRole('region', { name: 'Layer inspector' });
    const times: Record<'closed' | 'open', number[]> = { closed: [], open: [] };
    console.log(`size ${size}, ${iterations} iterations, wasm in Chromium; load at start ${load()}`);
    for (let r = 0; r < rounds; r++) {
      for (const mode of ['closed', 'open'] as const) {
        const isOpen = (await panel.count()) > 0;
        if ((mode === 'open') !== isOpen) await page.getByRole('button', { name: 'Inspect layers' }).click();
        if (mode === 'open') await panel.getByRole('region', { name: 'Feature maps' }).getByRole('button').first().waitFor({ timeout: 300_000 });
        await page.getByRole('button', { name: 'Start', exact: true }).click();
        const done = page.getByText(new RegExp(`^Finished ${iterations} iterations in`));
        await done.waitFor({ timeout: 900_000 });
        const s = seconds(await done.innerText());
        times[mode].push(s);
        console.log(`round ${r + 1}, panel ${mode}: ${s.toFixed(1)} s (load ${load()})`);
        // Let the inspector's after-run look finish before the next run starts.
        await page.waitForTimeout(3000);
      }
    }
    const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    console.log(`open / closed = ${(total(times.open) / total(times.closed)).toFixed(3)} (${times.open.map((t) => t.toFixed(1)).join(', ')} vs ${times.closed.map((t) => t.toFixed(1)).join(', ')} s)`);
  } finally {
    await closeStudioPage(studio);
  }
}

await main();
