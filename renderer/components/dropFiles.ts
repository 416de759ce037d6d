import type { Action } from 'svelte/action';

export interface DropFilesOptions {
  onfiles: (files: File[]) => void;
  disabled?: boolean;
}

const carriesFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');

/**
 * Makes an element a drop target for files. While files hover over it, the element has the
 * data-dragging attribute (for styling).
 */
export const dropFiles: Action<HTMLElement, DropFilesOptions> = (node, initial) => {
  let options = initial;
  let depth = 0;
  const setDragging = (on: boolean) => (on ? node.setAttribute('data-dragging', '') : node.removeAttribute('data-dragging'));
  const accepts = (e: DragEvent) => carriesFiles(e) && !options.disabled;

  const onEnter = (e: DragEvent) => {
    if (!accepts(e)) return;
    e.preventDefault();
    depth += 1;
    setDragging(true);
  };
  const onOver = (e: DragEvent) => {
    if (!accepts(e)) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  };
  const onLeave = () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) setDragging(false);
  };
  const onDrop = (e: DragEvent) => {
    if (!accepts(e)) return;
    e.preventDefault();
    e.stopPropagation();
    depth = 0;
    setDragging(false);
    const files = [...(e.dataTransfer?.files ?? [])];
    if (files.length > 0) options.onfiles(files);
  };

  node.addEventListener('dragenter', onEnter);
  node.addEventListener('dragover', onOver);
  node.addEventListener('dragleave', onLeave);
  node.addEventListener('drop', onDrop);
  return {
    update: (next) => void (options = next),
    destroy: () => {
      node.removeEventListener('dragenter', onEnter);
      node.removeEventListener('dragover', onOver);
      node.removeEventListener('dragleave', onLeave);
      node.removeEventListener('drop', onDrop);
    },
  };
};
