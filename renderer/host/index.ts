import type { Host } from '../../app/host/contract.js';
import { electronHost } from './electron.js';
import { WebHost } from './web.js';

/** The Electron host when the preload exposed one, else the plain-browser host. */
export function createHost(): Host {
  return electronHost() ?? new WebHost();
}
