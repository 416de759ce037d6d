// Svelte options for the studio (renderer/ is Vite's root). Runes everywhere: the studio is Svelte 5 only.
export default {
  compilerOptions: { runes: true },
};
