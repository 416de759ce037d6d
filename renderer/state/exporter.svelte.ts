import type { ExportFormat, Host } from '../../app/host/contract.js';
import type { RgbaImage } from '../../app/index.js';
import { detachedCopy, type EngineFailure, type RunOutcome } from '../engine/protocol.js';
import { encodeImage } from '../image/encodeImage.js';
import { withRunRecord } from '../metadata/withRunRecord.js';
import { suggestExportName } from '../image/exportName.js';
import type { EngineSession } from './engineSession.svelte.js';
import { exportLongestSide, upscaleSettings } from './exportPlan.js';
import type { ImageSet, LoadedImage } from './images.svelte.js';
import type { Notices } from './notices.svelte.js';
import type { MaskRunInputs } from '../mask/maskInputs.js';
import { runInputs, sameSource } from './runInputs.js';
import type { RunSource } from './runState.svelte.js';
import type { StudioSettings } from './studioSettings.js';
import { studioRunRecord } from './studioRunRecord.js';
import { userMessage } from './userMessage.js';

/** Export: encode the result (or an upscaled polish of it) and hand the bytes to the host to save. */
export class Exporter {
  busy = $state(false);
  private upscaleTarget = 0;

  constructor(
    private readonly host: Host,
    private readonly session: EngineSession,
    private readonly images: ImageSet,
    private readonly notices: Notices,
    private readonly settings: () => StudioSettings,
    /** The painted masks and style blend weights for a run of these images (the upscale keeps them). */
    private readonly creative: (content: LoadedImage, styles: readonly LoadedImage[]) => { masks: MaskRunInputs; styleBlend?: number[] },
    /** A batch is running: the stage shows its photo, so Export (of the studio's own picture) waits. */
    private readonly batchRunning: () => boolean = () => false,
  ) {}

  get available(): boolean {
    if (this.pausedPicture !== null) return !this.busy && !this.batchRunning();
    return this.session.run.result !== null && !this.session.run.active && !this.busy && !this.batchRunning();
  }

  /**
   * While the studio's run is paused, the picture on the stage (its frame at the pause), which Export saves
   * as it is, at its own size: the upscale needs the engine, which the paused run holds.
   */
  get pausedPicture(): RgbaImage | null {
    const run = this.session.run;
    return run.phase === 'paused' && run.purpose === 'render' && run.previewed && run.source !== null ? run.frame : null;
  }

  async exportResult(): Promise<void> {
    const run = this.session.run;
    const s = this.settings();
    const paused = this.pausedPicture;
    if (paused && run.source && !this.busy && !this.batchRunning()) return this.save(paused, run.source, s, undefined, true);
    if (!run.result || !run.source) return void this.notices.info('There is nothing to export yet. Start a run first.');
    if (run.active || this.busy) return void this.notices.info('Wait for the run to finish, or stop it, before exporting.');
    if (this.batchRunning()) return void this.notices.info('Wait for the batch to finish before exporting.');
    if (s.exportUpscale === 1) return this.save(run.result, run.source, s);
    const longest = exportLongestSide(run.source.size, s.exportUpscale);
    if (run.upscaled?.longest === longest) return this.save(run.upscaled.image, run.source, s, longest);
    this.startUpscale(s, run.result, run.source, longest);
  }

  /** Called when an upscale run ends. */
  async upscaleFinished(outcome: RunOutcome): Promise<void> {
    const run = this.session.run;
    if (outcome.stopped || !run.source) {
      this.busy = false;
      return void this.notices.info('The upscaled export was stopped; nothing was saved.');
    }
    run.upscaled = { longest: this.upscaleTarget, image: outcome.image };
    run.frame = outcome.image;
    await this.save(outcome.image, run.source, this.settings(), this.upscaleTarget);
  }

  upscaleFailed(failure: EngineFailure): void {
    this.busy = false;
    this.notices.error(`The upscaled export failed. ${failure.message} The picture at its working size can still be exported.`);
  }

  private startUpscale(s: StudioSettings, result: RgbaImage, source: RunSource, longest: number): void {
    const { content, styles } = this.images;
    if (!content || !sameSource(source, content, styles)) {
      return void this.notices.error('An upscaled export needs the photo and styles this picture was made from. Put them back, or export at the working size.');
    }
    const factor = s.exportUpscale === 1 ? 2 : s.exportUpscale;
    const { inputs } = runInputs(content, styles, longest);
    this.busy = true;
    this.upscaleTarget = longest;
    const creative = this.creative(content, styles);
    this.session.start('upscale', { ...inputs, ...creative.masks, initImage: detachedCopy(result) }, { ...upscaleSettings(s, factor), styleBlend: creative.styleBlend }, null);
  }

  private async save(image: RgbaImage, source: RunSource, s: StudioSettings, longest?: number, unfinished = false): Promise<void> {
    this.busy = true;
    try {
      const encoded = await encodeImage(image, s.exportFormat, s.exportQuality);
      const bytes = await this.withRecord(encoded, s.exportFormat, source, unfinished);
      const suggestedName = suggestExportName(source.contentName, source.styleNames, s.exportFormat, longest);
      const saved = await this.host.exportImage({ suggestedName, format: s.exportFormat, bytes });
      if (!saved.saved) return;
      const token = saved.token;
      const reveal = token ? { label: 'Show in folder', run: () => void this.host.revealInFolder(token) } : undefined;
      this.notices.success(`Saved “${saved.displayPath}” (${image.width} × ${image.height}).`, reveal);
    } catch (e) {
      this.notices.error(userMessage(e, 'exporting the picture'));
    } finally {
      this.busy = false;
    }
  }

  /** The image with the run's settings, seed, model and inputs embedded (PNG text chunk or XMP, as the CLI writes them). */
  private async withRecord(encoded: Uint8Array, format: ExportFormat, source: RunSource, unfinished: boolean): Promise<Uint8Array> {
    const run = this.session.run;
    const layers = this.session.layers;
    if (!run.settings || !layers) return encoded;
    const [info, model] = await Promise.all([this.host.info().catch(() => null), this.host.modelStatus().catch(() => null)]);
    const record = studioRunRecord({
      settings: run.settings,
      contentName: source.contentName,
      styleNames: source.styleNames,
      layers,
      modelLocation: model?.location ?? '',
      appVersion: info?.appVersion ?? '',
      stopped: run.endedEarly || unfinished,
    });
    return withRunRecord(encoded, format, record);
  }
}
