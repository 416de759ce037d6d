import type { RunCheckpoint } from '../../app/host/contract.js';

function styleNames(names: readonly string[]): string {
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
}

/** "An unfinished run from <time> (<photo> in the style of <styles>, iteration N of M) was found." */
export function describeCheckpoint(checkpoint: RunCheckpoint, locale?: string): string {
  const when = new Date(checkpoint.savedAt).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const { content, styles } = checkpoint.inputs;
  const { iteration, settings } = checkpoint;
  return `An unfinished run from ${when} (${content.name} in the style of ${styleNames(styles.map((s) => s.name))}, iteration ${iteration} of ${settings.iterations}) was found.`;
}
