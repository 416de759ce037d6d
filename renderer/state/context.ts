import { getContext } from 'svelte';
import type { Studio } from './studio.svelte.js';

const KEY = Symbol('studio');

/** The context map to mount the app with, so every component can reach the studio. */
export function studioContext(studio: Studio): Map<symbol, Studio> {
  return new Map([[KEY, studio]]);
}

export function useStudio(): Studio {
  const studio = getContext<Studio | undefined>(KEY);
  if (!studio) throw new Error('useStudio() needs the app mounted with studioContext()');
  return studio;
}
