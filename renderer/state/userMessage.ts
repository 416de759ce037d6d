/**
 * The sentence to show for an error. Errors from the host and the image decoder are already written for
 * the user; anything else is wrapped in a sentence that says what was being done.
 */
export function userMessage(error: unknown, doing: string): string {
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  const written = /^[A-Z“"‘'].*[.!?]$/s.test(text.trim());
  if (written) return text.trim();
  return text ? `Something went wrong while ${doing}: ${text.trim().replace(/[.!?]*$/, '')}.` : `Something went wrong while ${doing}.`;
}
