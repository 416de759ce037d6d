import type { CheckpointInputs, HistoryEntry } from '../../app/host/contract.js';
import type { RgbaImage } from '../../app/index.js';
import { detachedCopy } from '../engine/protocol.js';
import type { HistoryActions } from './runHistory.svelte.js';
import { runInputs } from './runInputs.js';
import type { Studio } from './studio.svelte.js';
import { openRunInputs } from './openRunInputs.js';
import { settingsFromRun } from './studioRunRecord.js';

/** Style ids no loaded image has: a result from the history never counts as made from the images on screen. */
const NOT_LOADED = -1;
/** Smallest first scale the engine accepts, px. */
const MIN_START_SIZE = 16;

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

    /**
     * Continues the kept run: its photo, styles, blend and masks come back (one undo step) when the entry keeps
     * them, else the photo and styles on screen are used; the engine starts from the result at its own size
     * (no coarse restart) for the iterations asked.
     */
    async continueFrom(entry: HistoryEntry, image: RgbaImage, inputs: CheckpointInputs | null, iterations: number): Promise<void> {
      if (studio.run.active || studio.exporter.busy || studio.engine.phase !== 'ready') {
        return void studio.notices.info('Wait until Start is available, then continue from this picture.');
      }
      if (inputs) {
        const opened = await studio.undo.group(async () => {
          const result = await openRunInputs(studio, inputs);
          if (result !== 'failed') restoreSettings(entry);
          return result;
        });
        if (opened === 'failed') return void studio.notices.error('The photo and styles of this run could not be opened again.');
        if (opened === 'masks-left-out') studio.notices.info('The painted masks of this run did not fit the photo and were left out.');
      } else {
        if (!studio.images.content || studio.images.styles.length === 0) {
          return void studio.notices.info('This run was kept without its photo and styles: open them, then continue from it.');
        }
        restoreSettings(entry);
      }
      const { content, styles } = studio.images;
      if (!content || !studio.canStart) return;
      const { inputs: runIn, source } = runInputs(content, styles, entry.settings.size);
      const creative = studio.creative(content, styles);
      const settings = {
        ...entry.settings,
        styleBlend: creative.styleBlend,
        init: 'image' as const,
        iterations: Math.max(1, Math.round(iterations)),
        startSize: Math.min(entry.settings.size, Math.max(MIN_START_SIZE, image.width, image.height)),
      };
      const run = studio.run;
      run.source = source;
      run.result = null;
      run.upscaled = null;
      studio.engine.start('render', { ...runIn, ...creative.masks, initImage: detachedCopy(image) }, settings, detachedCopy(image));
    },
  };
}
