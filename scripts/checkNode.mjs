// Run before `npm start` and `npm run dist`: on a Node.js older than Electron's tooling needs, one sentence
// naming the version needed, instead of npm's EBADENGINE warnings and a failure deep in a build tool.
// Plain JavaScript that any Node.js can parse, so that it can speak on the old ones.
import { pathToFileURL } from 'node:url';

/** Electron 45's tooling (@electron/get, electron-builder 26) and Vite 7 ask for Node.js 22.12 or newer. */
export const DESKTOP_NODE = '22.12.0';

function parts(version) {
  return version.replace(/^v/, '').split('.').map((n) => Number.parseInt(n, 10) || 0);
}

/** The sentence to print when `version` is older than DESKTOP_NODE; null when it is new enough. */
export function nodeVersionProblem(version) {
  const have = parts(version);
  const need = parts(DESKTOP_NODE);
  for (let i = 0; i < 3; i++) {
    if ((have[i] ?? 0) > need[i]) return null;
    if ((have[i] ?? 0) < need[i]) {
      return `Pastiche's desktop app needs Node.js 22.12 or newer (this is Node.js ${version.replace(/^v/, '')}): install a current Node.js from https://nodejs.org and run the command again.`;
    }
  }
  return null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    console.error(problem);
    process.exit(1);
  }
}
