import { Command, Option } from 'commander';
import { applySettingsFile } from './applySettingsFile.js';
import { INPUT_EXTENSIONS } from './batchItems.js';
import type { BatchOptions } from './batchOptions.js';
import { collect, wholeNumber } from './numberArgs.js';
import { addTuningOptions, checkStyleWeights, initOption } from './tuningOptions.js';

const EXTRA_HELP = `
Every image in --input (${INPUT_EXTENSIONS.join(' ')}; not subfolders) is restyled with the same
styles and settings and written to --out as <photo>-<style>.<ext>, each file atomically. The model is
loaded once. A photo that cannot be used (not an image, truncated, too large) is reported and skipped;
the others go on. Other files in the folder are listed and left alone.

Running the same command again skips the photos whose result is already there with the same settings
(read from the metadata every result carries), and redoes those stopped early, so an interrupted batch
continues where it stopped. An existing result of other settings, or a file Pastiche did not make, is
kept and reported unless --force is given; --force also redoes finished ones.

--jobs N paints N photos at once, each in its own worker thread with its own engine (default: the
number of cores, never more than the photos to paint). The engines split one engine's memory budget,
1/N each, so large pictures are painted in smaller tiles rather than with N times the memory (each
engine still holds its own weights; for large prints, fewer jobs). With fewer photos at once than
cores, each photo's steps are shared by cores / N worker threads, as stylize --threads does. The
pictures are the same whatever the number of jobs (to float rounding where threads share a photo);
--jobs 1 paints one photo after another.

Ctrl-C stops every running photo after its current iteration, writes each one's best image so far and
starts no other; a second Ctrl-C quits at once.
--json prints a summary (counts and each photo's status) as the last line on stdout.

Exit codes: 0 every photo done or skipped, 1 some failed, 2 bad flags, input folder or style image,
3 model missing or corrupt, 4 output folder missing or not writable, 130 interrupted.

Example:
  pastiche batch --input holiday/ --style starry_night.jpg --out painted/ --size 768 --format jpg`;

/** Adds `pastiche batch` to the program. */
export function register(program: Command): void {
  const command = program
    .command('batch')
    .description('Apply one style setup to every photo in a folder.')
    .requiredOption('--input <dir>', 'the folder of photos (not its subfolders)')
    .requiredOption('--style <painting>', 'a style image; repeat to blend several styles', collect)
    .requiredOption('--out <dir>', 'the folder for the results (must exist, and differ from --input)')
    .addOption(new Option('--format <type>', 'the type of the results').choices(['png', 'jpg', 'jpeg', 'webp']).default('png'));
  addTuningOptions(command, initOption(['content', 'noise'], 'starting image: the photo or random noise'))
    .option('--jobs <n>', 'photos painted at once, one worker thread each (default: the number of cores)', wholeNumber(1, 256))
    .option('--force', 'replace results that are already there, whatever made them')
    .option('--json', 'print a JSON summary as the last line on stdout')
    .option('--quiet', 'no progress or messages, only errors')
    .addHelpText('after', EXTRA_HELP)
    .action(async (_options: BatchOptions, self: Command) => {
      const base = await applySettingsFile(self);
      const options = self.opts<BatchOptions>();
      checkStyleWeights(options);
      const { runBatch } = await import('./runBatch.js');
      await runBatch(options, base);
    });
}
