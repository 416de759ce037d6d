import h5wasm, { type File as H5File } from 'h5wasm/node';

let ready: Promise<void> | undefined;

/** Starts the HDF5 library once, with errors thrown as exceptions instead of printed to the console. */
function h5Ready(): Promise<void> {
  ready ??= h5wasm.ready.then((module) => {
    module.activate_throwing_error_handler();
  });
  return ready;
}

/** One line from an HDF5 error stack (HDF5-DIAG text): the innermost reason, in words a user can act on. */
export function hdf5Reason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const truncated = /truncated file: eof = (\d+).*stored_eof = (\d+)/.exec(text);
  if (truncated) return `the file is truncated: it has ${truncated[1]} of its ${truncated[2]} bytes`;
  if (/file signature not found|Not an HDF5 file/.test(text)) return 'it is not an HDF5 file';
  const minors = [...text.matchAll(/minor: (.+)/g)].map((m) => m[1]!.trim());
  return (minors.at(-1) ?? text.split('\n')[0]!).toLowerCase();
}

/** Opens an HDF5 file read-only. Errors are plain Errors carrying hdf5Reason's text. */
export async function openH5(file: string): Promise<H5File> {
  await h5Ready();
  try {
    return new h5wasm.File(file, 'r');
  } catch (e) {
    throw new Error(hdf5Reason(e));
  }
}

export { h5wasm };
