import type { Preset } from '../../app/index.js';
import { deletePreset, presetFromSettings, presetNameProblem, renamePreset, savePreset } from './presets.js';
import type { StudioSettings } from './studioSettings.js';

/** The presets the user saved by name; every change is written through the host's settings. */
export class UserPresets {
  list = $state.raw<Preset[]>([]);

  constructor(private readonly persist: (list: Preset[]) => Promise<void>) {}

  /** Saves the current controls under a name; returns why not (a sentence) or null. */
  save(name: string, settings: StudioSettings): string | null {
    const problem = presetNameProblem(name, this.list);
    if (problem) return problem;
    return this.write(savePreset(this.list, presetFromSettings(name, settings)));
  }

  rename(from: string, to: string): string | null {
    const problem = presetNameProblem(to, this.list, from);
    if (problem) return problem;
    return this.write(renamePreset(this.list, from, to));
  }

  delete(name: string): void {
    this.write(deletePreset(this.list, name));
  }

  private write(list: Preset[]): null {
    this.list = list;
    void this.persist(list);
    return null;
  }
}
