import type { AppSettings, Host, HostCommand, HostInfo } from '../../app/host/contract.js';
import { detachedCopy, type EngineFailure, type RunOutcome } from '../engine/protocol.js';
import { EngineSession } from './engineSession.svelte.js';
import { Exporter } from './exporter.svelte.js';
import { ImageIntake } from './imageIntake.svelte.js';
import { ImageSet } from './images.svelte.js';
import { ModelSetup } from './modelSetup.svelte.js';
import { RecordOffer } from './recordOffer.svelte.js';
import { settingsFromRecord } from './studioRunRecord.js';
import { Notices } from './notices.svelte.js';
import { LogRecorder } from './logRecorder.js';
import { engineFailed, modelChecked, noticeShown, runEnded, runFailed, runStarted, studioOpened } from './logMessages.js';
import { historyActions } from './historyActions.svelte.js';
import { RunHistory } from './runHistory.svelte.js';
import { Checkpointer } from './checkpointer.svelte.js';
import { checkpointInputs } from './checkpointInputs.js';
import { ResumeOffer } from './resumeOffer.svelte.js';
import { resumeRun } from './resumeRun.svelte.js';
import { MaskSet } from './maskSet.svelte.js';
import { applyPreset, restoreUserPresets, storeUserPresets } from './presets.js';
import { StyleBlend } from './styleBlendState.svelte.js';
import { UserPresets } from './userPresets.svelte.js';
import type { Preset } from '../../app/index.js';
import type { LoadedImage } from './images.svelte.js';
import { runInputs, sameSource } from './runInputs.js';
import { smallerSize } from './smallerSize.js';
import type { RunPurpose, RunSource } from './runState.svelte.js';
import { DEFAULT_STUDIO_SETTINGS, engineSettings, restoreSettings, storeSettings, type StudioSettings } from './studioSettings.js';
import { userMessage } from './userMessage.js';
import { BatchQueue } from './batchQueue.svelte.js';
import { DocumentHistory } from './documentHistory.svelte.js';
import { listenForUndoKeys } from './undoKeys.js';
import { LayerInspector } from './layerInspector.svelte.js';

const SAVE_DELAY_MS = 400;
const MAX_RESTARTS = 3;

/** The studio: images, settings, model, engine and export, and the actions the UI and host commands call. */
export class Studio {
  /** The log for bug reports (Help ▸ Show Logs). */
  readonly log: LogRecorder;
  readonly notices = new Notices((tone, text) => this.log.write(tone === 'error' ? 'error' : 'info', noticeShown(tone, text)));
  readonly images = new ImageSet((image) => this.undo.retire(image));
  readonly intake: ImageIntake;
  readonly model: ModelSetup;
  readonly engine: EngineSession;
  readonly exporter: Exporter;
  readonly batch: BatchQueue;
  /** Finished and stopped runs the host keeps (the history side panel). */
  readonly history: RunHistory;
  /** Keeps the running picture every few seconds, to resume it after a crash. */
  readonly checkpointer: Checkpointer;
  /** An unfinished run found at start-up, offered for resuming. */
  readonly resumeOffer: ResumeOffer;
  /** Run settings found in an image the user brought in, offered for loading. */
  readonly recordOffer = new RecordOffer(
    (record) => (this.settings = settingsFromRecord(record, $state.snapshot(this.settings))),
    (picture) => this.intake.place([picture], 'content'),
  );
  /** Issue 4's creative controls: painted masks, per-style blend weights and saved presets. */
  readonly masks = new MaskSet();
  readonly blend = new StyleBlend();
  readonly presets = new UserPresets((list) => this.savePresets(list));
  /** The "Inspect layers" panel: what the network sees in the photo, the styles and the picture. */
  readonly inspector: LayerInspector;
  settings = $state<StudioSettings>({ ...DEFAULT_STUDIO_SETTINGS });
  info = $state.raw<HostInfo | null>(null);
  aboutOpen = $state(false);
  logsOpen = $state(false);
  /** Undo and redo of the run's inputs (the document); runs, the stage and the batch are not undone. */
  readonly undo: DocumentHistory;
  private stored: AppSettings = {};
  /** Automatic engine restarts since the last run that finished; a GPU that keeps failing is not retried forever. */
  private restarts = 0;

  constructor(private readonly host: Host) {
    this.log = new LogRecorder(host);
    this.undo = new DocumentHistory({
      images: this.images,
      blend: this.blend,
      masks: this.masks,
      settings: () => this.settings,
      setSettings: (settings) => (this.settings = settings),
    });
    // A Pastiche export dropped as the photo while one is on screen waits for the user's choice (load its settings, or use it).
    this.intake = new ImageIntake(host, this.images, this.notices, (file, role) => this.recordOffer.inspect(file, role === 'content' && this.images.content !== null));
    this.model = new ModelSetup(host, this.notices, () => void this.loadEngine());
    this.engine = new EngineSession({
      started: (purpose, inputs, settings) =>
        this.log.info(runStarted({ purpose, content: inputs.content, styles: inputs.styles.length, settings, backend: this.engine.backend, layers: this.engine.layers })),
      finished: (purpose, outcome) => this.onFinished(purpose, outcome),
      failed: (purpose, failure) => this.onFailed(purpose, failure),
      loadFailed: (failure) => this.onEngineFailed(failure),
      backendOptions: () => ({ threads: this.settings.threads, trials: $state.snapshot(this.settings.gpuTrials) }),
      trialed: (trial) => (this.settings.gpuTrials = { ...$state.snapshot(this.settings.gpuTrials), [trial.adapter]: trial }),
    });
    this.exporter = new Exporter(host, this.engine, this.images, this.notices, () => $state.snapshot(this.settings), (c, st) => this.creative(c, st), () => this.batch.running);
    this.batch = new BatchQueue(host, this.engine, this.notices, {
      settings: () => $state.snapshot(this.settings),
      styles: () => this.images.styles,
      styleBlend: (styles) => this.blend.forRun(styles),
    });
    this.history = new RunHistory(host, this.notices, historyActions(this));
    this.checkpointer = new Checkpointer(host, {
      run: this.run,
      inputs: () => this.checkpointInputs(),
      failed: (message) => this.notices.error(message),
    });
    this.resumeOffer = new ResumeOffer(host, this.notices, { resume: (c) => resumeRun(this, c), stillStored: () => !this.checkpointer.savedAny });
    this.inspector = new LayerInspector(this.engine, () => this.inspectorSources());
  }

  /** The inspector's pictures: the document's images and the run's picture while it belongs to this photo. */
  private inspectorSources() {
    const { content, styles } = this.images;
    const run = this.run;
    const current = run.frame && run.previewed && run.source?.contentId === content?.id ? run.frame : null;
    return { content, styles, current, settings: $state.snapshot(this.settings), styleBlend: this.blend.forRun(styles) };
  }

  get run() {
    return this.engine.run;
  }

  /** Starts everything; returns the clean-up. */
  async open(): Promise<() => void> {
    const stopWatching = this.log.watchPage(window);
    this.info = await this.host.info().catch(() => null);
    this.log.info(studioOpened(this.info, navigator.userAgent));
    await this.restoreSettings();
    void this.history.load();
    const stopSaving = $effect.root(() => this.saveSettingsOnChange());
    const stopUndo = this.undo.watch();
    const stopUndoKeys = listenForUndoKeys(window, (what) => this.undoRedo(what));
    const stopCheckpoints = this.checkpointer.watch();
    void this.resumeOffer.check();
    const stopCommands = this.host.onCommand((c) => void this.onCommand(c));
    // The backend starts (probing WebGL can take seconds) while the host reads the weights.
    this.engine.boot(this.settings.backend);
    void this.model.check().then(() => this.log.info(modelChecked(this.model.status, this.model.problem)));
    return () => {
      stopWatching();
      stopSaving();
      stopUndo();
      stopUndoKeys();
      stopCheckpoints();
      stopCommands();
      this.engine.dispose();
    };
  }

  get canStart(): boolean {
    return this.images.ready && this.engine.phase === 'ready' && !this.run.active && !this.exporter.busy;
  }

  /** Why Start is not available, as a hint under the button. */
  get startHint(): string | null {
    if (this.model.checking) return 'Checking the model weights…';
    if (!this.model.ready) return 'The model weights are needed first.';
    if (this.engine.phase === 'starting') return 'Preparing the engine…';
    if (this.engine.phase === 'failed') return 'The engine could not start.';
    if (!this.images.content) return 'Add a photo to restyle.';
    if (this.images.styles.length === 0) return 'Add at least one style image.';
    return null;
  }

  start(): void {
    const { content, styles } = this.images;
    if (!this.canStart || !content) return;
    const s = $state.snapshot(this.settings);
    const { inputs, source } = runInputs(content, styles, s.size);
    this.run.source = source;
    this.run.result = null;
    this.run.upscaled = null;
    const creative = this.creative(content, styles);
    this.engine.start('render', { ...inputs, ...creative.masks }, { ...engineSettings(s), styleBlend: creative.styleBlend }, detachedCopy(inputs.content));
  }

  /** After running out of memory or losing the GPU: carry on from the last good image at a smaller size. */
  continueSmaller(): void {
    const { content, styles } = this.images;
    const last = this.run.result;
    if (!content || this.engine.phase !== 'ready' || this.run.active) return;
    this.settings.size = smallerSize(this.settings.size);
    const s = $state.snapshot(this.settings);
    const done = this.run.progress?.iteration ?? 0;
    const { inputs, source } = runInputs(content, styles, s.size);
    const creative = this.creative(content, styles);
    const settings = { ...engineSettings(s), styleBlend: creative.styleBlend, iterations: Math.max(50, s.iterations - done), ...(last ? { init: 'image' as const } : {}) };
    this.run.source = source;
    this.engine.start('render', last ? { ...inputs, ...creative.masks, initImage: detachedCopy(last) } : { ...inputs, ...creative.masks }, settings, last ? detachedCopy(last) : null);
  }

  /** The painted masks and blend weights a run of these images gets. */
  creative(content: LoadedImage, styles: readonly LoadedImage[]) {
    return { masks: this.masks.inputs(content, styles.map((x) => x.id)), styleBlend: this.blend.forRun(styles) };
  }

  /** The inputs of the run starting now, for its checkpoint. */
  private checkpointInputs() {
    const { content, styles } = this.images;
    if (!content) return null;
    return checkpointInputs(content, styles, this.blend, this.creative(content, styles).masks);
  }

  /** Undoes or redoes an edit of the run's inputs; not while a run or an export uses them. */
  undoRedo(what: 'undo' | 'redo'): void {
    if (this.masks.painting) return;
    if (this.run.active || this.exporter.busy) return void this.notices.info(`${what === 'undo' ? 'Undo' : 'Redo'} is available again when the run has ended.`);
    if (!(what === 'undo' ? this.undo.undo() : this.undo.redo())) this.notices.info(what === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
  }

  /** Sets the controls a preset names; the others stay. */
  applyPreset(preset: Preset): void {
    this.settings = applyPreset($state.snapshot(this.settings), preset.settings);
  }

  /** Switches the engine to another backend (a fresh worker). */
  setBackend(backend: StudioSettings['backend']): void {
    if (this.settings.backend === backend) return;
    this.settings.backend = backend;
    if (this.run.active) return;
    this.engine.boot(backend);
    if (this.model.ready) void this.loadEngine();
  }

  /** Changes the WebAssembly thread count; an engine that is (or may be) on wasm restarts with it. */
  setThreads(threads: number): void {
    if (this.settings.threads === threads) return;
    this.settings.threads = threads;
    const running = this.engine.backend?.name;
    if (this.run.active || (running && running !== 'wasm')) return;
    this.engine.boot(this.settings.backend);
    if (this.model.ready) void this.loadEngine();
  }

  /** Reads the weights from the host and hands them to the engine worker. */
  async loadEngine(): Promise<void> {
    try {
      this.engine.loadModel(await this.host.loadModel());
    } catch (e) {
      const message = userMessage(e, 'loading the model weights');
      this.engine.fail({ kind: 'model', message, detail: e instanceof Error ? e.message : String(e) });
      this.notices.error(message);
    }
  }

  private onFinished(purpose: RunPurpose, outcome: RunOutcome): void {
    this.log.info(runEnded(purpose, outcome));
    this.restarts = 0;
    if (purpose === 'upscale') return void this.exporter.upscaleFinished(outcome);
    if (purpose === 'batch') return this.batch.finished(outcome);
    this.run.result = outcome.image;
    this.run.frame = outcome.image;
    const { settings, source } = this.run;
    if (!settings || !source) return;
    const stopped = outcome.stopped;
    void this.historyInputs(source)
      .then((inputs) => this.history.record({ settings, source, stopped, image: outcome.image, inputs }))
      .then((kept) => this.checkpointer.ended(kept));
  }

  /** What a finished run was made from, kept with its history entry (null when the images on screen are no longer its own). */
  private async historyInputs(source: RunSource) {
    const { content, styles } = this.images;
    if (!content || !sameSource(source, content, styles)) return null;
    return checkpointInputs(content, styles, this.blend, this.creative(content, styles).masks).catch(() => null);
  }

  private onFailed(purpose: RunPurpose, failure: EngineFailure): void {
    this.log.error(runFailed(purpose, failure));
    if (purpose === 'upscale') this.exporter.upscaleFailed(failure);
    else if (purpose === 'batch') this.batch.failed(failure);
    else void this.checkpointer.ended(this.run.result !== null);
    this.restartIfBroken(failure);
  }

  private onEngineFailed(failure: EngineFailure): void {
    this.log.error(engineFailed(failure));
    this.notices.error(failure.message);
    this.restartIfBroken(failure);
  }

  /** Out of memory or a lost context can leave the GPU unusable for this worker: start a fresh one now. */
  private restartIfBroken(failure: EngineFailure): void {
    if (failure.kind !== 'memory' && failure.kind !== 'context-lost') return;
    if (this.restarts >= MAX_RESTARTS) return;
    this.restarts += 1;
    this.engine.boot(this.settings.backend);
    if (this.model.ready) void this.loadEngine();
  }

  private async onCommand(command: HostCommand): Promise<void> {
    switch (command.type) {
      case 'open-content':
        return this.intake.browse('content');
      case 'add-style':
        return this.intake.browse('style');
      case 'export':
        return this.exporter.exportResult();
      case 'about':
        this.aboutOpen = true;
        return;
      case 'show-logs':
        this.logsOpen = true;
        return;
      case 'open-file':
        return this.intake.accept([command.file], command.role);
    }
  }

  private async restoreSettings(): Promise<void> {
    this.stored = await this.host.getSettings().catch(() => ({}));
    this.settings = restoreSettings(this.stored);
    this.presets.list = restoreUserPresets(this.stored);
  }

  private saveSettingsOnChange(): void {
    let timer: number | undefined;
    $effect(() => {
      const snapshot = $state.snapshot(this.settings);
      window.clearTimeout(timer);
      timer = window.setTimeout(() => void this.saveSettings(snapshot), SAVE_DELAY_MS);
    });
  }

  private async savePresets(list: Preset[]): Promise<void> {
    this.stored = storeUserPresets(this.stored, list);
    await this.host.setSettings(this.stored).catch((e: unknown) => {
      this.notices.error(`Your presets could not be saved. ${userMessage(e, 'saving presets')}`);
    });
  }

  private async saveSettings(settings: StudioSettings): Promise<void> {
    this.stored = storeSettings(this.stored, settings);
    await this.host.setSettings(this.stored).catch((e: unknown) => {
      this.notices.error(`Your settings could not be saved. ${userMessage(e, 'saving settings')}`);
    });
  }
}
