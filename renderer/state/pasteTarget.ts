import type { ImageRole } from '../../app/host/contract.js';

/**
 * Where a pasted image goes: into the zone that has focus; otherwise it becomes the photo when there is
 * none yet, and a style when there is.
 */
export function pasteTarget(focused: Element | null, hasContent: boolean): ImageRole {
  const zone = focused?.closest('[aria-label="Content image"], [aria-label="Style images"]');
  if (zone) return zone.getAttribute('aria-label') === 'Content image' ? 'content' : 'style';
  return hasContent ? 'style' : 'content';
}
