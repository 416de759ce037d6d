/// <reference types="vite/client" />
/// <reference types="svelte" />

/** The app's version from package.json, defined at build time (vite.config.ts). */
declare const __PASTICHE_VERSION__: string;
