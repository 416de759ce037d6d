/**
 * Shows the browser's file chooser through a hidden <input type=file>; resolves with the chosen files, or
 * [] when the user cancels.
 */
export function pickFiles(accept: string, multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.multiple = multiple;
    input.hidden = true;
    const finish = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => finish([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => finish([]), { once: true });
    document.body.append(input);
    input.click();
  });
}

/** Reads a File's bytes; the error names the file in a sentence. */
export async function readFileBytes(file: { name: string; arrayBuffer(): Promise<ArrayBuffer> }): Promise<Uint8Array> {
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch {
    throw new Error(`“${file.name}” could not be read. It may have been moved, or the browser was not allowed to open it.`);
  }
}
