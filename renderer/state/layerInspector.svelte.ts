import type { LayerInspection, ReluName, RgbaImage } from '../../app/index.js';
import type { InspectionRequest } from '../../app/inspect/layerInspection.js';
import { rasterize } from '../image/rasterize.js';
import { resizeRgba } from '../inspect/resizeRgba.js';
import type { EngineSession, InspectionEvent } from './engineSession.svelte.js';
import type { LoadedImage } from './images.svelte.js';
import type { StudioSettings } from './studioSettings.js';

/** The inspector looks at the pictures with this longest side: large enough to see, small enough to answer quickly. */
export const INSPECT_SIZE = 256;
/** Channels shown when none is picked. */
export const SHOWN_CHANNELS = 16;
/**
 * During a run the current picture is inspected again at most this often, and never more often than 20
 * times the last inspection took: the inspector then costs the run at most 1/20 = 5 % of its time.
 */
export const LIVE_INTERVAL_MS = 2000;
const LIVE_COST_SHARE = 20;
const STALE_MS = 60_000;

export type MapColours = 'viridis' | 'grey';

/** What the inspector looks at: the document's images and the picture on the stage. */
export interface InspectorSources {
  content: LoadedImage | null;
  styles: readonly LoadedImage[];
  /** The picture being painted or painted last, when it belongs to this photo. */
  current: RgbaImage | null;
  settings: StudioSettings;
  styleBlend?: number[];
}

/**
 * The layer inspector's state: which layer and channel the user looks at, the engine's latest answer, and
 * when to ask again (at once when the choice changes; during a run, no more often than LIVE_INTERVAL_MS
 * and 20× the last inspection's time, so the run slows by no more than 5 %).
 */
export class LayerInspector {
  open = $state(false);
  layer = $state<ReluName | null>(null);
  /** A channel the user picked (maps and patches show it); null: the strongest on the style. */
  channel = $state<number | null>(null);
  colours = $state<MapColours>('viridis');
  result = $state.raw<LayerInspection | null>(null);
  /** The images of the last answer (the enlarged map is drawn over its picture). */
  shownImages = $state.raw<{ photo: RgbaImage; current: RgbaImage | null; styles: RgbaImage[] } | null>(null);
  busy = $state(false);
  problem = $state<string | null>(null);
  /** Seconds the last inspection took in the engine. */
  lastSeconds = $state(0);
  private requestId = 0;
  private pending: { request: InspectionRequest; images: LayerInspector['shownImages'] } | null = null;
  /** The images of the question the engine is answering. */
  private pendingImages: LayerInspector['shownImages'] = null;
  private lastAskedAt = 0;

  constructor(
    private readonly engine: EngineSession,
    private readonly sources: () => InspectorSources,
  ) {
    engine.onInspection = (e) => this.onAnswer(e);
  }

  /** The layer shown: the user's choice, or the model's second style layer (relu2_1), or its first. */
  get shownLayer(): ReluName | null {
    const available = this.engine.available;
    if (this.layer && available.includes(this.layer)) return this.layer;
    const style = this.engine.layers?.style ?? [];
    return style[1] ?? style[0] ?? available[0] ?? null;
  }

  /** Asks for the current choice now (or as soon as the engine has answered the previous question). */
  refresh(): void {
    const built = this.build();
    if (!built) return;
    // A worker replaced while it was answering (a new backend, a lost GPU) never answers: ask the new one.
    if (this.busy && performance.now() - this.lastAskedAt < STALE_MS) {
      this.pending = built;
      return;
    }
    this.send(built);
  }

  /** A new frame during a run: ask again only when it is time (see LIVE_INTERVAL_MS). */
  frameChanged(now = performance.now()): void {
    const wait = Math.max(LIVE_INTERVAL_MS, this.lastSeconds * 1000 * LIVE_COST_SHARE);
    if (this.busy || now - this.lastAskedAt < wait) return;
    this.refresh();
  }

  private build(): { request: InspectionRequest; images: LayerInspector['shownImages'] } | null {
    const s = this.sources();
    const layer = this.shownLayer;
    if (!s.content || s.styles.length === 0 || !layer) return null;
    const photo = rasterize(s.content.bitmap, INSPECT_SIZE);
    // The run sees the style at the picture's size times the style scale (never enlarged past its own pixels).
    const styleSide = Math.round(Math.max(photo.width, photo.height) * s.settings.styleScale);
    const styles = s.styles.map((st) => rasterize(st.bitmap, Math.min(styleSide, Math.max(st.width, st.height))));
    const current = s.current ? resizeRgba(s.current, INSPECT_SIZE) : null;
    const request: InspectionRequest = {
      layer,
      photo,
      styles,
      current,
      channel: this.channel,
      count: SHOWN_CHANNELS,
      pooling: s.settings.pooling,
      ...(s.styleBlend ? { styleBlend: s.styleBlend } : {}),
      ...(s.settings.styleLayerWeights.length === (this.engine.layers?.style.length ?? -1) ? { styleLayerWeights: [...s.settings.styleLayerWeights] } : {}),
    };
    return { request, images: { photo, current, styles } };
  }

  private send(built: { request: InspectionRequest; images: LayerInspector['shownImages'] }): void {
    this.requestId += 1;
    if (!this.engine.inspect(this.requestId, built.request)) return;
    this.busy = true;
    this.lastAskedAt = performance.now();
    this.pendingImages = built.images;
  }

  private onAnswer(e: InspectionEvent): void {
    if (e.requestId !== this.requestId) return;
    this.busy = false;
    if (e.type === 'inspection') {
      this.result = e.inspection;
      this.shownImages = this.pendingImages;
      this.lastSeconds = e.seconds;
      this.problem = null;
    } else {
      this.problem = e.message;
    }
    const next = this.pending;
    this.pending = null;
    if (next) this.send(next);
  }
}
