/** Saves bytes through the browser's downloads: a blob URL on an <a download> link. */
export function downloadFile(bytes: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own reference once started; release ours after this task.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
