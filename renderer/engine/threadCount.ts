/** tfjs-backend-wasm's own ceiling: its thread pool is eight pre-started workers. */
export const MAX_WASM_THREADS = 8;

/** The default: every core but one, which stays for the studio's page and the system. */
export function automaticThreads(cores: number): number {
  return Math.max(1, Math.min(MAX_WASM_THREADS, cores - 1));
}

/** The thread count a setting means on a machine with `cores` logical cores (0 = automatic). */
export function resolveThreads(setting: number, cores: number): number {
  if (!Number.isFinite(setting) || setting <= 0) return automaticThreads(cores);
  return Math.max(1, Math.min(Math.round(setting), MAX_WASM_THREADS, Math.max(1, cores)));
}

/** The choices the "CPU threads" setting offers here: automatic, then 1 … min(cores, 8). */
export function threadChoices(cores: number): number[] {
  const most = Math.max(1, Math.min(MAX_WASM_THREADS, cores));
  return [0, ...Array.from({ length: most }, (_, i) => i + 1)];
}
