import type { HistoryEntry } from '../../app/host/contract.js';
import type { StyleSettings } from '../../app/index.js';

type Entry = Pick<HistoryEntry, 'contentName' | 'styleNames' | 'settings'>;

const number = (v: number) => String(Math.round(v * 100) / 100);
const OPTIMIZERS: Record<string, string> = { lbfgs: 'L-BFGS', adam: 'Adam' };
const COLOURS: Record<string, string> = { style: 'painting’s colours', original: 'photo’s colours kept', luminance: 'brushwork only', histogram: 'painting recoloured' };
const STARTS: Record<string, string> = { content: 'from the photo', noise: 'from noise', image: 'from a result' };

/** Each style's share of the blend in percent ("60/40"), equal when the run had no weights. */
function blend(s: StyleSettings, styles: number): string {
  const weights = s.styleBlend ?? Array.from({ length: styles }, () => 1);
  const sum = weights.reduce((a, b) => a + b, 0) || 1;
  return weights.map((w) => Math.round((w / sum) * 100)).join('/');
}

/** A setting that differs, as the history shows it: its new value, then the neighbour's. */
const SETTINGS: Array<{ differs: (a: StyleSettings, b: StyleSettings) => boolean; say: (a: StyleSettings, b: StyleSettings) => string }> = [
  { differs: (a, b) => a.size !== b.size, say: (a, b) => `${a.size} px (was ${b.size})` },
  { differs: (a, b) => a.iterations !== b.iterations, say: (a, b) => `${a.iterations} iterations (was ${b.iterations})` },
  { differs: (a, b) => a.styleStrength !== b.styleStrength, say: (a, b) => `style strength ${number(a.styleStrength)} (was ${number(b.styleStrength)})` },
  { differs: (a, b) => a.contentWeight !== b.contentWeight, say: (a, b) => `content ${number(a.contentWeight)} (was ${number(b.contentWeight)})` },
  { differs: (a, b) => a.smoothness !== b.smoothness, say: (a, b) => `smoothness ${number(a.smoothness)} (was ${number(b.smoothness)})` },
  { differs: (a, b) => a.styleScale !== b.styleScale, say: (a, b) => `style scale ×${number(a.styleScale)} (was ×${number(b.styleScale)})` },
  { differs: (a, b) => a.colour !== b.colour, say: (a, b) => `${COLOURS[a.colour] ?? a.colour} (was ${COLOURS[b.colour] ?? b.colour})` },
  { differs: (a, b) => a.init !== b.init, say: (a) => `started ${STARTS[a.init] ?? a.init}` },
  { differs: (a, b) => a.seed !== b.seed, say: (a, b) => `seed ${a.seed} (was ${b.seed})` },
  { differs: (a, b) => a.optimizer !== b.optimizer, say: (a) => OPTIMIZERS[a.optimizer] ?? a.optimizer },
  { differs: (a, b) => a.pooling !== b.pooling, say: (a) => `${a.pooling === 'avg' ? 'average' : 'max'} pooling` },
  { differs: (a, b) => (a.edgePadding ?? 'zero') !== (b.edgePadding ?? 'zero'), say: (a) => ((a.edgePadding ?? 'zero') === 'replicate' ? 'edges extended' : 'plain edges') },
];

/**
 * What sets a history entry apart from the run before it ("3 iterations (was 500)", "seed 7 (was 0)"): the
 * photo, the styles and their blend, and each setting an artist chooses. Empty when nothing differs.
 */
export function historyDifference(entry: Entry, previous: Entry): string[] {
  const out: string[] = [];
  if (entry.contentName !== previous.contentName) out.push(`photo ${entry.contentName}`);
  const sameStyles = entry.styleNames.join('\n') === previous.styleNames.join('\n');
  if (!sameStyles) out.push(`styles ${entry.styleNames.join(', ')}`);
  else if (entry.styleNames.length > 1) {
    const [a, b] = [blend(entry.settings, entry.styleNames.length), blend(previous.settings, previous.styleNames.length)];
    if (a !== b) out.push(`blend ${a} (was ${b})`);
  }
  for (const s of SETTINGS) if (s.differs(entry.settings, previous.settings)) out.push(s.say(entry.settings, previous.settings));
  return out;
}
