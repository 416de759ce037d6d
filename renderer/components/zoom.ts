/** Zoom and pan of the preview: the image is centred in the viewport, scaled, then shifted by `pan`. */
export interface View {
  scale: number;
  pan: { x: number; y: number };
}

export const ZOOM_MIN = 0.1;
export const ZOOM_MAX = 16;
const STEPS = [0.1, 0.25, 1 / 3, 0.5, 2 / 3, 1, 1.5, 2, 3, 4, 6, 8, 12, 16];

const clampScale = (s: number) => Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, s));

/** The scale that shows the whole image with some room around it (never above 8×). */
export function fitScale(imageW: number, imageH: number, viewW: number, viewH: number, padding = 28): number {
  if (imageW <= 0 || imageH <= 0 || viewW <= 0 || viewH <= 0) return 1;
  return clampScale(Math.min((viewW - 2 * padding) / imageW, (viewH - 2 * padding) / imageH, 8));
}

/** Scales by `factor` keeping the image point under `at` (relative to the viewport centre) in place. */
export function zoomAround(view: View, factor: number, at: { x: number; y: number }): View {
  const scale = clampScale(view.scale * factor);
  const k = scale / view.scale;
  return { scale, pan: { x: at.x - (at.x - view.pan.x) * k, y: at.y - (at.y - view.pan.y) * k } };
}

/** The next zoom step in or out from `scale` (100%, 150%, 200%, …). */
export function stepScale(scale: number, direction: 1 | -1): number {
  const eps = 1e-6;
  const next = direction > 0 ? STEPS.find((s) => s > scale + eps) : [...STEPS].reverse().find((s) => s < scale - eps);
  return next ?? (direction > 0 ? ZOOM_MAX : ZOOM_MIN);
}

/** "100%", "33%", "1600%". */
export function zoomLabel(scale: number): string {
  return `${Math.round(scale * 100)}%`;
}
