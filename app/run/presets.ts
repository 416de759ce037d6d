import type { StyleSettings } from './settings.js';

/** A named set of controls that work well together. Unset controls keep their current values. */
export interface Preset {
  name: string;
  description: string;
  settings: Partial<StyleSettings>;
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'Subtle',
    description: 'A light wash of the painting over a clearly recognisable photo.',
    settings: { styleStrength: 0.3, contentWeight: 1.5, smoothness: 1.5, styleScale: 1, iterations: 300, size: 512 },
  },
  {
    name: 'Balanced',
    description: 'The defaults: a clearly painted picture that keeps the photo’s structure.',
    settings: { styleStrength: 1, contentWeight: 1, smoothness: 1, styleScale: 1, iterations: 500, size: 512 },
  },
  {
    name: 'Bold',
    description: 'Large, strong brush strokes; the photo becomes a painting.',
    settings: { styleStrength: 3, contentWeight: 0.5, smoothness: 0.5, styleScale: 1.5, iterations: 600, size: 512 },
  },
  {
    name: 'Print 4K',
    description: 'A 4096 px print: coarse to fine, then tiles beyond what one pass can hold.',
    settings: { styleStrength: 1, contentWeight: 1, smoothness: 1, styleScale: 1, iterations: 800, size: 4096 },
  },
];

/** Finds a preset by name, ignoring case; the error lists the names there are. */
export function findPreset(name: string, presets: readonly Preset[] = PRESETS): Preset {
  const preset = presets.find((p) => p.name.toLowerCase() === name.trim().toLowerCase());
  if (!preset) throw new Error(`no preset named "${name}" (there are: ${presets.map((p) => p.name).join(', ')})`);
  return preset;
}
