/** Ctrl/⌘+Z undoes, Ctrl/⌘+Shift+Z (and Ctrl+Y) redoes; null for any other key. */
export function undoKeyFor(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && e.ctrlKey && !e.shiftKey) return 'redo';
  return null;
}

/** Text being typed keeps the browser's own undo (a number field's value is committed, then the studio's undo takes it). */
function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  if (el.isContentEditable || el.tagName === 'TEXTAREA') return true;
  return el.tagName === 'INPUT' && ['text', 'search', 'email', 'url', 'password'].includes((el as HTMLInputElement).type);
}

/** Sends undo and redo keys to the studio (prevented, so Electron's Edit menu does not act on them too). */
export function listenForUndoKeys(target: Window, act: (what: 'undo' | 'redo') => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    const what = undoKeyFor(e);
    if (!what || typingIn(e.target)) return;
    e.preventDefault();
    act(what);
  };
  target.addEventListener('keydown', onKey);
  return () => target.removeEventListener('keydown', onKey);
}
