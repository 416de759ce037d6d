import type { HostInfo, ModelStatus } from '../../app/host/contract.js';
import type { LayerChoice, StyleSettings } from '../../app/index.js';
import type { BackendInfo, EngineFailure, RunOutcome } from '../engine/protocol.js';

/**
 * The sentences the studio writes to the log: what a bug report needs to know, one event per line.
 * (Purposes and notice tones are plain strings here so that this file stays free of Svelte state.)
 */

/** 'render' or 'upscale'. */
type RunPurpose = string;

export interface RunStart {
  purpose: RunPurpose;
  content: { width: number; height: number };
  styles: number;
  settings: StyleSettings;
  backend: BackendInfo | null;
  layers: LayerChoice | null;
}

const errorText = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));

export function studioOpened(info: HostInfo | null, userAgent: string): string {
  const host = info ? `${info.kind} ${info.appVersion} on ${info.platform}` : 'an unknown host';
  return `Studio opened (${host}; ${userAgent})`;
}

export function runStarted(run: RunStart): string {
  const s = run.settings;
  const threads = run.backend?.name === 'wasm' && run.backend.threads ? `; ${run.backend.threads} thread${run.backend.threads === 1 ? '' : 's'}` : '';
  const backend = run.backend ? `${run.backend.name} (${run.backend.reason}${threads}${run.backend.gpu ? `; GPU ${run.backend.gpu}` : ''})` : 'unknown';
  const layers = run.layers ? `content ${run.layers.content.join(', ')}; style ${run.layers.style.join(', ')}` : 'unknown';
  return (
    `Run started (${run.purpose}): photo ${run.content.width} × ${run.content.height} px, ${run.styles} style${run.styles === 1 ? '' : 's'}, ` +
    `size ${s.size} px, ${s.iterations} iterations, optimizer ${s.optimizer}, seed ${s.seed}, backend ${backend}, layers ${layers}`
  );
}

export function runEnded(purpose: RunPurpose, outcome: RunOutcome): string {
  const how = outcome.stopped ? 'stopped' : 'finished';
  return `Run ${how} (${purpose}): ${outcome.iterations} iterations in ${outcome.seconds.toFixed(1)} s, result ${outcome.image.width} × ${outcome.image.height} px`;
}

export function runFailed(purpose: RunPurpose, failure: EngineFailure): string {
  return `Run failed (${purpose}, ${failure.kind}): ${failure.message} Details: ${failure.detail}`;
}

export function engineFailed(failure: EngineFailure): string {
  return `The engine could not start (${failure.kind}): ${failure.message} Details: ${failure.detail}`;
}

export function modelChecked(status: ModelStatus | null, problem: string | null): string {
  if (problem) return `Model weights: ${problem}`;
  if (!status) return 'Model weights: not checked';
  const where = status.location ? ` at ${status.location}` : '';
  if (status.state === 'missing') return `Model weights: missing${where}`;
  const range = status.layers.length ? `${status.layers[0]} … ${status.layers.at(-1)}` : 'none';
  return `Model weights: ready, ${status.layers.length} layers (${range}${status.partial ? ', partial' : ''})${where}`;
}

export function noticeShown(tone: 'error' | 'info' | 'success', text: string): string {
  return `Shown to the user (${tone}): ${text}`;
}

export function uncaughtError(e: Pick<ErrorEvent, 'message' | 'filename' | 'lineno' | 'colno' | 'error'>): string {
  const where = e.filename ? ` (${e.filename}:${e.lineno}:${e.colno})` : '';
  return `Uncaught error: ${e.error ? errorText(e.error) : e.message}${where}`;
}

export function unhandledRejection(reason: unknown): string {
  return `Unhandled promise rejection: ${errorText(reason)}`;
}
