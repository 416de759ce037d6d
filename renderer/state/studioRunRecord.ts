import type { LayerChoice, StyleSettings } from '../../app/index.js';
import { RUN_RECORD_APP, type RunRecord } from '../../app/run/runRecord.js';
import { presetFor, restoreSettings, SETTINGS_KEY, type StudioSettings } from './studioSettings.js';

export interface RecordedRun {
  /** The engine settings the run was started with. */
  settings: StyleSettings;
  contentName: string;
  styleNames: string[];
  layers: LayerChoice;
  /** Where the weights came from, for display (a folder or URL); '' when unknown. */
  modelLocation: string;
  appVersion: string;
  /** The run ended early (stopped or failed): the image is the best so far. */
  stopped: boolean;
}

/** The run record an export from the studio carries: the same record the CLI writes. */
export function studioRunRecord(run: RecordedRun, now = new Date()): RunRecord {
  return {
    app: RUN_RECORD_APP,
    appVersion: run.appVersion,
    settings: run.settings,
    seed: run.settings.seed,
    model: { location: run.modelLocation, layers: { content: [...run.layers.content], style: [...run.layers.style], styleWeights: [...run.layers.styleWeights] } },
    inputs: { content: run.contentName, styles: [...run.styleNames] },
    createdAt: now.toISOString(),
    ...(run.stopped ? { stopped: true as const } : {}),
  };
}

/**
 * The studio's settings with a record's run settings applied. Each value is checked as stored settings are:
 * clamped into range, or its default when unreadable. An init of 'image' (a continued run) keeps the current
 * choice; export and backend choices are kept.
 */
export function settingsFromRecord(record: RunRecord, current: StudioSettings): StudioSettings {
  return settingsFromRun(record.settings, current);
}

/** The studio's settings with a run's engine settings applied, checked as settingsFromRecord describes. */
export function settingsFromRun(settings: StyleSettings, current: StudioSettings): StudioSettings {
  const r = settings as Partial<Record<keyof StyleSettings, unknown>>;
  const fromRecord = {
    size: r.size,
    iterations: r.iterations,
    styleStrength: r.styleStrength,
    contentWeight: r.contentWeight,
    smoothness: r.smoothness,
    init: r.init === 'image' ? current.init : r.init,
    seed: r.seed,
    colour: r.colour,
    styleScale: r.styleScale,
    optimizer: r.optimizer,
    pooling: r.pooling,
    edgePadding: r.edgePadding,
    // A record without them was painted with equal layer weights.
    styleLayerWeights: r.styleLayerWeights ?? [],
  };
  const defined = Object.fromEntries(Object.entries(fromRecord).filter(([, v]) => v !== undefined));
  const merged = restoreSettings({ [SETTINGS_KEY]: { ...current, ...defined } });
  return { ...merged, quality: presetFor(merged.iterations) };
}
