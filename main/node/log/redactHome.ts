const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `text` with the home folder written as "~" wherever it appears as a whole folder name (so that user
 * names stay out of bug reports; "/home/al" does not touch "/home/alice").
 */
export function redactHome(text: string, home: string): string {
  const trimmed = home.replace(/[\\/]+$/, '');
  if (trimmed.length < 2) return text;
  return text.replace(new RegExp(`${escapeRegExp(trimmed)}(?![\\w.-])`, 'g'), '~');
}
