import type { Host } from '../../app/host/contract.js';

/** The Electron host: the preload exposes the Host contract as window.pasticheHost (contextBridge). */
export function electronHost(): Host | null {
  const host = (window as Window & { pasticheHost?: Host }).pasticheHost;
  return host ?? null;
}
