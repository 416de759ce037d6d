import type { Command } from 'commander';
import { DEFAULT_SETTINGS, type StyleSettings } from '../../app/run/settings.js';
import { CliError, EXIT } from './cliError.js';
import type { TuningOptions } from './tuningOptions.js';

/** The flags a settings file supplies when they are not given, with the setting each one takes. */
const FROM_SETTINGS = {
  size: 'size',
  iterations: 'iterations',
  styleStrength: 'styleStrength',
  seed: 'seed',
  contentWeight: 'contentWeight',
  smoothness: 'smoothness',
  init: 'init',
  pooling: 'pooling',
  optimizer: 'optimizer',
  learningRate: 'learningRate',
  styleScale: 'styleScale',
  styleWeight: 'styleBlend',
  styleLayerWeights: 'styleLayerWeights',
  colour: 'colour',
  startSize: 'startSize',
  minImprovement: 'minImprovement',
  edgePadding: 'edgePadding',
} as const satisfies Partial<Record<keyof TuningOptions, keyof StyleSettings>>;

/** Given on the command line (or implied by a flag that was), as opposed to a default. */
function given(command: Command, key: string): boolean {
  const source = command.getOptionValueSource(key);
  return source !== undefined && source !== 'default';
}

/** What the file's settings need that the command line does not provide. */
function checkFileNeeds(command: Command, file: string): void {
  const o = command.opts<TuningOptions & { initImage?: string }>();
  if (command.getOptionValueSource('init') === 'config' && o.init === 'image' && !o.initImage) {
    const offersInitImage = command.options.some((option) => option.attributeName() === 'initImage');
    const choices = offersInitImage ? 'give --init-image FILE, or --init content or noise' : 'pass --init content or --init noise';
    throw new CliError(`--settings ${file}: these settings start from a given image (init "image"); ${choices}`, EXIT.input);
  }
  if (command.getOptionValueSource('styleWeight') === 'config' && o.styleWeight && o.styleWeight.length !== o.style.length) {
    throw new CliError(
      `--settings ${file}: its style weights (${o.styleWeight.join(',')}) are for ${o.styleWeight.length} style image(s), but ${o.style.length} --style given; pass --style-weight`,
      EXIT.input,
    );
  }
}

/**
 * Reads --settings (when given) and makes its values the defaults of the flags that were not given, so
 * that explicit flags win. Returns the file's settings, the base for what no flag sets (the engine's
 * defaults without --settings).
 */
export async function applySettingsFile(command: Command): Promise<StyleSettings> {
  const file = command.getOptionValue('settings') as string | undefined;
  if (file === undefined) return DEFAULT_SETTINGS;
  // Loaded only now: reading an exported image's metadata needs sharp.
  const { readSettingsFile } = await import('./settingsFile.js');
  const settings = await readSettingsFile(file);
  for (const [option, field] of Object.entries(FROM_SETTINGS)) {
    if (!given(command, option) && settings[field] !== undefined) command.setOptionValueWithSource(option, settings[field], 'config');
  }
  checkFileNeeds(command, file);
  return settings;
}
