import { COLOUR_MODES, OPTIMIZERS, PRESETS, type Preset, type StyleSettings } from '../../app/index.js';
import type { AppSettings } from '../../app/host/contract.js';
import { ITERATION_LIMITS, SIZE_LIMITS, STYLE_SCALE_LIMITS, WEIGHT_LIMITS, presetFor, type StudioSettings } from './studioSettings.js';

/** The key under which user presets live in the host's settings record (beside the studio's settings). */
export const PRESETS_KEY = 'presets';

export const BUILT_IN_PRESETS: readonly Preset[] = PRESETS;

/** The controls a preset sets; everything else (backend, export, seed) stays as the user left it. */
type PresetControls = Pick<StudioSettings, 'size' | 'iterations' | 'styleStrength' | 'contentWeight' | 'smoothness' | 'styleScale' | 'colour' | 'optimizer' | 'pooling'>;
const CONTROL_KEYS = ['size', 'iterations', 'styleStrength', 'contentWeight', 'smoothness', 'styleScale', 'colour', 'optimizer', 'pooling'] as const;

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The studio's settings with a preset's controls applied (clamped to the studio's limits). */
export function applyPreset(s: StudioSettings, preset: Partial<StyleSettings>): StudioSettings {
  const next = { ...s };
  if (preset.size !== undefined) next.size = clamp(Math.round(preset.size), SIZE_LIMITS.min, SIZE_LIMITS.max);
  if (preset.iterations !== undefined) next.iterations = clamp(Math.round(preset.iterations), ITERATION_LIMITS.min, ITERATION_LIMITS.max);
  if (preset.styleStrength !== undefined) next.styleStrength = clamp(preset.styleStrength, WEIGHT_LIMITS.min, WEIGHT_LIMITS.max);
  if (preset.contentWeight !== undefined) next.contentWeight = clamp(preset.contentWeight, WEIGHT_LIMITS.min, WEIGHT_LIMITS.max);
  if (preset.smoothness !== undefined) next.smoothness = clamp(preset.smoothness, WEIGHT_LIMITS.min, WEIGHT_LIMITS.max);
  if (preset.styleScale !== undefined) next.styleScale = clamp(preset.styleScale, STYLE_SCALE_LIMITS.min, STYLE_SCALE_LIMITS.max);
  if (preset.colour && COLOUR_MODES.includes(preset.colour)) next.colour = preset.colour;
  if (preset.optimizer && OPTIMIZERS.includes(preset.optimizer)) next.optimizer = preset.optimizer;
  if (preset.pooling === 'max' || preset.pooling === 'avg') next.pooling = preset.pooling;
  next.quality = presetFor(next.iterations);
  return next;
}

/** The name of the preset (built-in first, then the user's) whose controls all match the settings; null when none. */
export function matchingPreset(s: StudioSettings, presets: readonly Preset[]): string | null {
  return presets.find((p) => CONTROL_KEYS.every((k) => p.settings[k] === undefined || p.settings[k] === s[k]))?.name ?? null;
}

/** A user preset from the current controls. */
export function presetFromSettings(name: string, s: StudioSettings): Preset {
  const settings: Partial<PresetControls> = {};
  for (const k of CONTROL_KEYS) (settings as Record<string, unknown>)[k] = s[k];
  return { name: name.trim(), description: 'Saved by you.', settings };
}

/** Why a name cannot be used for a user preset (a sentence), or null when it can. */
export function presetNameProblem(name: string, userPresets: readonly Preset[], renaming?: string): string | null {
  const n = name.trim();
  if (n === '') return 'Give the preset a name.';
  if (n.length > 40) return 'Preset names can be at most 40 characters.';
  if (BUILT_IN_PRESETS.some((p) => p.name.toLowerCase() === n.toLowerCase())) return `“${n}” is a built-in preset; choose another name.`;
  const clash = userPresets.find((p) => p.name.toLowerCase() === n.toLowerCase());
  if (clash && clash.name !== renaming) return `You already have a preset called “${clash.name}”.`;
  return null;
}

/** Saves (or overwrites, by name) a user preset; the list stays in alphabetical order. */
export function savePreset(list: readonly Preset[], preset: Preset): Preset[] {
  return [...list.filter((p) => p.name.toLowerCase() !== preset.name.toLowerCase()), preset].sort((a, b) => a.name.localeCompare(b.name));
}

export function renamePreset(list: readonly Preset[], from: string, to: string): Preset[] {
  return list.map((p) => (p.name === from ? { ...p, name: to.trim() } : p)).sort((a, b) => a.name.localeCompare(b.name));
}

export function deletePreset(list: readonly Preset[], name: string): Preset[] {
  return list.filter((p) => p.name !== name);
}

/** User presets from the host's settings record; malformed entries are skipped. */
export function restoreUserPresets(stored: AppSettings): Preset[] {
  const raw = stored[PRESETS_KEY];
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((p): p is { name: string; settings: Record<string, unknown> } => typeof p?.name === 'string' && p.name.trim() !== '' && typeof p.settings === 'object' && p.settings !== null)
    .map((p) => {
      const settings: Partial<StyleSettings> = {};
      for (const k of CONTROL_KEYS) if (p.settings[k] !== undefined) (settings as Record<string, unknown>)[k] = p.settings[k];
      return { name: p.name.trim(), description: 'Saved by you.', settings };
    });
}

/** The host's settings record with the user presets replaced (other keys kept). */
export function storeUserPresets(stored: AppSettings, list: readonly Preset[]): AppSettings {
  return { ...stored, [PRESETS_KEY]: list.map((p) => ({ name: p.name, settings: { ...p.settings } })) };
}
