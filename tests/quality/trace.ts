// Experiment tool: one run in-process with the CLI's input handling, logging every iteration's costs per
// scale (the stopping rules in app/run/ were chosen on these traces). Writes <out>.png and <out>.trace.json.
// npx tsx tests/quality/trace.ts CONTENT STYLE SIZE OUT [settings JSON]
import fs from 'node:fs';
import sharp from 'sharp';
import { readInputImages } from '../../main/cli/readInputImages.js';
import { loadModel } from '../../main/cli/loadModel.js';
import { useBackend } from '../../main/node/tfBackend.js';
import { VggNetwork } from '../../app/network/vgg.js';
import { StyleTransferRun } from '../../app/run/styleTransferRun.js';
import { DEFAULT_SETTINGS } from '../../app/run/settings.js';

const [content, style, size, out, extra] = process.argv.slice(2);
const settings = { ...DEFAULT_SETTINGS, size: Number(size), ...(extra ? JSON.parse(extra) : {}) };
const inputs = await readInputImages({ content: content!, styles: [style!] }, { size: settings.size, styleScale: settings.styleScale });
const model = await loadModel(process.env.PASTICHE_MODEL_DIR ?? '../shared/models/vgg19');
await useBackend('wasm');
const network = VggNetwork.fromWeights(model.weights);
const run = new StyleTransferRun(network, inputs, settings);
const trace: { scale: number; it: number; total: number; content: number; style: number; tv: number; s: number; cpu: number }[] = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
run.on('progress', (p) => {
  const c = process.cpuUsage(cpu0);
  trace.push({ scale: p.scaleIndex, it: p.iteration, total: p.costs.total, content: p.costs.content, style: p.costs.style, tv: p.costs.smoothness, s: (performance.now() - t0) / 1000, cpu: (c.user + c.system) / 1e6 });
  // Written as it goes, so that a long run can be looked at before it ends.
  if (trace.length % 10 === 0) fs.writeFileSync(`${out}.partial.json`, JSON.stringify(trace));
});
const load0 = (await import('node:os')).loadavg()[0];
const result = await run.start();
const wall = (performance.now() - t0) / 1000;
const c = process.cpuUsage(cpu0);
const img = result.image;
await sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 4 } }).png().toFile(`${out}.png`);
const load1 = (await import('node:os')).loadavg()[0];
fs.writeFileSync(`${out}.trace.json`, JSON.stringify({ settings, schedule: run.schedule, wallSeconds: wall, cpuSeconds: (c.user + c.system) / 1e6, loadStart: load0, loadEnd: load1, iterations: result.iterations, trace }));
console.log(`${out}: ${result.iterations} iterations, ${wall.toFixed(1)} s wall, ${((c.user + c.system) / 1e6).toFixed(1)} s CPU, load ${load0} → ${load1}`);
network.dispose();
