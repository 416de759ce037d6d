import { Command, Option } from 'commander';
import { MAX_INPUT_PIXELS } from '../node/image/decodeImage.js';
import { applySettingsFile } from './applySettingsFile.js';
import { CliError, EXIT } from './cliError.js';
import { collect, wholeNumber } from './numberArgs.js';
import type { StylizeOptions } from './stylizeOptions.js';
import { addTuningOptions, checkPerStyle, checkStyleWeights, initOption } from './tuningOptions.js';

const EXTRA_HELP = `
Images: JPEG, PNG, WebP (also GIF, TIFF, AVIF) up to ${MAX_INPUT_PIXELS / 1e6} megapixels. EXIF orientation
is applied; transparency is flattened onto white. The output type follows the extension of --out
(.png, .jpg, .jpeg, .webp). An existing --out file is kept unless --force is given.

Settings: --settings FILE starts from the settings in FILE, a JSON file (any of the settings, such as
{"size": 768, "styleStrength": 2}, or a --json summary) or an image exported by Pastiche; flags given
on the command line override them. Every result carries its settings, seed, model and input file names
(PNG: a text chunk "pastiche"; JPEG and WebP: XMP), so --settings RESULT repeats a run.

Model: --model DIR, else $PASTICHE_MODEL_DIR, else the model store in the user data folder. DIR
holds model.json and its weight shards (a prefix of VGG19), or is a store holding vgg19/.

Threads: each step is shared by --threads worker threads (one TensorFlow.js engine each), every one
painting a strip of the picture; the picture is the same as on one thread up to rounding. Pictures
larger than one pass (tiled prints) hand their tiles to the threads; --threads 1 uses the least memory.

Progress goes to stderr: a bar on a terminal, otherwise a line per 10% of the run. --json prints
a summary (costs, iterations, seconds, layers used) as the last line on stdout. Ctrl-C stops the
run and writes the best image so far.

Exit codes: 0 done, 1 failure, 2 bad flags or input image, 3 model missing or corrupt,
4 output cannot be written, 130 interrupted.

Example:
  pastiche stylize --content photo.jpg --style starry_night.jpg --out painted.png --size 512`;

/** Checks between flags that commander cannot express. */
function checkFlagCombinations(o: StylizeOptions): void {
  checkStyleWeights(o);
  checkPerStyle('--style-mask', o.styleMask, o.style.length);
  if (o.init === 'image' && !o.initImage) throw new CliError('--init image needs --init-image FILE', EXIT.input);
  if (o.initImage && o.init !== 'image') throw new CliError(`--init-image cannot be combined with --init ${o.init}`, EXIT.input);
}

/** Adds `pastiche stylize` to the program. */
export function register(program: Command): void {
  const command = program
    .command('stylize')
    .description('Repaint a photo in the style of one or more paintings and write the result.')
    .requiredOption('--content <photo>', 'the photo to restyle')
    .requiredOption('--style <painting>', 'a style image; repeat to blend several styles', collect)
    .requiredOption('--out <file>', 'where to write the result (.png, .jpg, .jpeg, .webp)');
  const init = initOption(['content', 'noise', 'image'], 'starting image: the photo, random noise, or the --init-image');
  addTuningOptions(command, init)
    .addOption(new Option('--init-image <file>', 'start from this image, e.g. an earlier result (implies --init image)').implies({ init: 'image' }))
    .option('--keep-mask <file>', "white where the photo must stay untouched, black elsewhere (the photo's proportions)")
    .option('--style-mask <file>', 'where each --style applies (white), in order; repeat once per --style', collect)
    .option('--threads <n>', 'worker threads that share every step, each painting a strip of the picture (default: the number of cores; 1: this thread alone)', wholeNumber(1, 64))
    .option('--force', 'replace --out if it exists')
    .option('--json', 'print a JSON summary as the last line on stdout')
    .option('--quiet', 'no progress or messages, only errors')
    .addHelpText('after', EXTRA_HELP)
    .action(async (_options: StylizeOptions, self: Command) => {
      const base = await applySettingsFile(self);
      const options = self.opts<StylizeOptions>();
      checkFlagCombinations(options);
      const { runStylize } = await import('./runStylize.js');
      await runStylize(options, base);
    });
}
