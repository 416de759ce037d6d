/** "0:42", "12:05", "1:02:09": a duration for progress read-outs. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

/** "2.4 it/s" above one per second, "3.1 s/it" below: whichever reads as a number bigger than one. */
export function formatRate(iterationsPerSecond: number): string {
  if (!(iterationsPerSecond > 0)) return '–';
  if (iterationsPerSecond >= 1) return `${iterationsPerSecond.toFixed(iterationsPerSecond >= 10 ? 0 : 1)} it/s`;
  return `${(1 / iterationsPerSecond).toFixed(1)} s/it`;
}

/** "9.1 MB", "80 MB", "512 KB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${(bytes / 1e6).toFixed(bytes >= 1e7 ? 0 : 1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

/** A list of VGG layer names as a range when consecutive: ["conv1_1", …, "conv3_4"] → "conv1_1–conv3_4". */
export function layerRange(layers: readonly string[]): string {
  if (layers.length === 0) return 'none';
  if (layers.length === 1) return layers[0]!;
  return `${layers[0]}–${layers[layers.length - 1]}`;
}

/** "just now", "5 min ago", "3 h ago" (today), "yesterday", else the date: how long ago a run was made. */
export function relativeTime(iso: string, now: number): string {
  const then = new Date(iso);
  const seconds = (now - then.getTime()) / 1000;
  if (!Number.isFinite(seconds)) return '';
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))} min ago`;
  const midnight = new Date(now);
  midnight.setHours(0, 0, 0, 0);
  if (then.getTime() >= midnight.getTime()) return `${Math.round(seconds / 3600)} h ago`;
  const dayBefore = new Date(midnight);
  dayBefore.setDate(dayBefore.getDate() - 1);
  if (then.getTime() >= dayBefore.getTime()) return 'yesterday';
  return then.toLocaleDateString(undefined, { dateStyle: 'medium' });
}
