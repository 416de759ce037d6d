import { Command } from 'commander';
import type { ModelStatus } from '../../app/host/contract.js';
import { ModelError } from '../../app/weights/modelError.js';
import { formatBytes } from '../node/model/formatBytes.js';
import {
  MODEL_CARD,
  ModelStoreError,
  downloadModel,
  downloadPlan,
  importModel,
  modelStatus,
  openModelStore,
  type ModelStore,
} from '../node/model/modelStore.js';
import { CliError, EXIT } from './cliError.js';
import { progressView } from './modelDownloadProgress.js';
import { wholeNumber } from './numberArgs.js';

interface StoreOptions {
  store?: string;
}

interface StatusOptions extends StoreOptions {
  json?: boolean;
}

interface DownloadFlags extends StoreOptions {
  from?: string;
  md5?: string;
  float16?: boolean;
  timeout: number;
  quiet?: boolean;
}

interface ImportFlags extends StoreOptions {
  float16?: boolean;
}

const LAST_LAYER = MODEL_CARD.install.upTo;

function layerRange(layers: readonly string[]): string {
  return layers.length <= 2 ? layers.join(', ') : `${layers[0]} … ${layers.at(-1)}`;
}

function describeStatus(status: ModelStatus, store: ModelStore): string {
  if (status.state === 'missing') {
    const size = formatBytes(MODEL_CARD.sources[0]!.bytes);
    return (
      `VGG19 weights: not installed (model store ${store.dir})\n` +
      `Run "pastiche model download" to fetch them (${size}), or "pastiche model import PATH" with a Keras .h5 file or a TensorFlow.js weights folder.\n`
    );
  }
  const names = MODEL_CARD.layers.map((l) => l.name);
  const absent = names.slice(status.layers.length, names.indexOf(LAST_LAYER) + 1);
  const state = status.partial ? `ready, partial: ${layerRange(status.layers)} (no ${layerRange(absent)})` : `ready: ${layerRange(status.layers)}`;
  return (
    `VGG19 weights: ${state}\n` +
    `  folder  ${status.location}\n` +
    (status.bytes === undefined ? '' : `  size    ${formatBytes(status.bytes)}\n`) +
    `  layers  ${status.layers.join(' ')}\n`
  );
}

/** Store and weights problems become one line with the CLI's exit codes. */
function asCliError(e: unknown): unknown {
  if (e instanceof ModelError) return new CliError(e.message, EXIT.model);
  if (!(e instanceof ModelStoreError)) return e;
  const code = e.kind === 'input' ? EXIT.input : e.kind === 'cancelled' ? EXIT.interrupted : EXIT.failure;
  return new CliError(e.message, code);
}

async function reportingErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    throw asCliError(e);
  }
}

async function runDownload(flags: DownloadFlags): Promise<void> {
  const store = openModelStore(flags.store);
  const plan = await reportingErrors(async () => downloadPlan({ url: flags.from, md5: flags.md5 }));
  const say = (text: string) => {
    if (!flags.quiet) process.stderr.write(`${text}\n`);
  };
  say(`Downloading the VGG19 weights from ${plan.urls[0]} into ${store.dir}`);
  if (plan.md5 === undefined) say('No --md5 given for this URL: the file is checked only for its structure, not its checksum.');
  const view = progressView(flags.quiet ?? false);
  const controller = new AbortController();
  const cancel = () => controller.abort();
  process.once('SIGINT', cancel);
  let status: ModelStatus;
  try {
    status = await reportingErrors(() =>
      downloadModel(store, {
        url: flags.from,
        md5: flags.md5,
        float16: flags.float16,
        timeoutMs: flags.timeout * 1000,
        signal: controller.signal,
        onProgress: (p) => view.update(p),
      }),
    );
  } finally {
    view.stop();
    process.off('SIGINT', cancel);
  }
  process.stdout.write(describeStatus(status, store));
}

async function runImport(source: string, flags: ImportFlags): Promise<void> {
  const store = openModelStore(flags.store);
  const status = await reportingErrors(() => importModel(store, source, { float16: flags.float16 }));
  process.stdout.write(`Imported ${source} into ${store.dir}\n${describeStatus(status, store)}`);
}

async function runStatus(flags: StatusOptions): Promise<void> {
  const store = openModelStore(flags.store);
  const status = await reportingErrors(() => modelStatus(store));
  process.stdout.write(flags.json ? `${JSON.stringify(status)}\n` : describeStatus(status, store));
}

const STORE_HELP = 'the model store folder (default: the one in the user data folder, shared with the app)';

/** Adds `pastiche model status|download|import` to the program. */
export function register(program: Command): void {
  const model = program.command('model').description('Show, download or import the VGG19 weights the style transfer needs.');
  model
    .command('status')
    .description('Say whether the VGG19 weights are installed, where, and which layers they hold.')
    .option('--store <dir>', STORE_HELP)
    .option('--json', 'print the status as one JSON line')
    .action(runStatus);
  model
    .command('download')
    .description(`Download the Keras VGG19 weights (${formatBytes(MODEL_CARD.sources[0]!.bytes)}), verify them and install conv1_1 … ${LAST_LAYER}.`)
    .option('--store <dir>', STORE_HELP)
    .option('--from <url>', 'download this Keras .h5 file instead of the known sources')
    .option('--md5 <hex>', "the file's expected MD5 checksum (known for the default sources)")
    .option('--float16', 'store the weights as float16: half the size, within half-precision rounding')
    .option('--timeout <seconds>', 'give up when the server sends nothing for this long', wholeNumber(1, 3600), 30)
    .option('--quiet', 'no progress, only errors and the final status')
    .addHelpText('after', '\nAn interrupted download resumes where it stopped when run again. Ctrl-C cancels and leaves nothing behind.')
    .action(runDownload);
  model
    .command('import')
    .description('Install weights from a Keras .h5 file or a TensorFlow.js weights folder (checked, then installed atomically).')
    .argument('<path>', 'a Keras .h5 weights file, or a folder holding model.json and its shards')
    .option('--store <dir>', STORE_HELP)
    .option('--float16', 'store the weights as float16: half the size, within half-precision rounding')
    .action(runImport);
}
