/**
 * Ctrl-C asks the run to stop after the current iteration (the caller then writes the best image so
 * far); a second Ctrl-C quits at once. Returns the function that removes the handler.
 */
export function stopOnInterrupt(stop: () => void, exitCode: number): () => void {
  let interrupted = false;
  const handler = () => {
    if (interrupted) process.exit(exitCode);
    interrupted = true;
    stop();
  };
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGINT', handler);
  };
}
