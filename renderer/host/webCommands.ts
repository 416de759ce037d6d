import type { HostCommand } from '../../app/host/contract.js';

/**
 * The web build has no native menu, so the menu's keyboard shortcuts become the same host commands:
 * Ctrl/⌘+O open content, Ctrl/⌘+Shift+O add style, Ctrl/⌘+E export, Ctrl/⌘+Shift+L show the logs.
 */
export function commandForShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): HostCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'o') return { type: e.shiftKey ? 'add-style' : 'open-content' };
  if (key === 'e' && !e.shiftKey) return { type: 'export' };
  if (key === 'l' && e.shiftKey) return { type: 'show-logs' };
  return null;
}

export function listenForShortcuts(listener: (command: HostCommand) => void): () => void {
  const onKey = (e: KeyboardEvent) => {
    const command = commandForShortcut(e);
    if (!command) return;
    e.preventDefault();
    listener(command);
  };
  window.addEventListener('keydown', onKey);
  return () => window.removeEventListener('keydown', onKey);
}
