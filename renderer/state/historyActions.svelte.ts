import type { HistoryEntry } from '../../app/host/contract.js';
import type { RgbaImage } from '../../app/index.js';
import { detachedCopy } from '../engine/protocol.js';
import type { HistoryActions } from './runHistory.svelte.js';
import { runInputs } from './runInputs.js';
import type { Studio } from './studio.svelte.js';
import { engineSettings } from './studioSettings.js';
import { settingsFromRun } from './studioRunRecord.js';

/** Style ids no loaded image has: a result from the history never counts as made from the images on screen. */
const NOT_LOADED = -1;

/** What the history panel's buttons do to the studio. */
export function historyActions(studio: Studio): HistoryActions {
  const restoreSettings = (entry: HistoryEntry) => {
    studio.settings = settingsFromRun(entry.settings, $state.snapshot(studio.settings));
  };

  return {
    restoreSettings,

    /** The kept result goes into the preview (and compare, against the photo on screen) and can be exported. */
    showResult(entry: HistoryEntry, image: RgbaImage): void {
      const run = studio.run;
      if (run.active || studio.exporter.busy) return void studio.notices.info('Wait for the run to finish, or stop it, first.');
      run.source = {
        contentId: studio.images.content?.id ?? NOT_LOADED,
        contentName: entry.contentName,
        styleIds: [NOT_LOADED],
        styleNames: [...entry.styleNames],
        size: entry.settings.size,
      };
      run.settings = entry.settings;
      run.endedEarly = entry.stopped;
      run.upscaled = null;
      run.result = image;
      run.frame = image;
    },

    /** A new run of the photo and styles on screen, with the entry's settings, starting from its result. */
    continueFrom(entry: HistoryEntry, image: RgbaImage): void {
      const { content, styles } = studio.images;
      if (!content || !studio.canStart) {
        return void studio.notices.info('To continue from this picture, open its photo and styles and wait until Start is available.');
      }
      restoreSettings(entry);
      const s = $state.snapshot(studio.settings);
      const { inputs, source } = runInputs(content, styles, s.size);
      const creative = studio.creative(content, styles);
      const run = studio.run;
      run.source = source;
      run.result = null;
      run.upscaled = null;
      const settings = { ...engineSettings(s), styleBlend: creative.styleBlend, init: 'image' as const };
      studio.engine.start('render', { ...inputs, ...creative.masks, initImage: detachedCopy(image) }, settings, detachedCopy(image));
    },
  };
}
