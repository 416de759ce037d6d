import cliProgress from 'cli-progress';
import type { DownloadProgress } from '../../app/host/contract.js';
import { formatBytes } from '../node/model/formatBytes.js';

export type ProgressView = { update(p: DownloadProgress): void; stop(): void };

const PHASE_TEXT: Record<Exclude<DownloadProgress['phase'], 'downloading'>, string> = {
  verifying: 'verifying the MD5 checksum',
  converting: 'converting to the TensorFlow.js layout',
  installing: 'installing',
};

function transferText(p: DownloadProgress): string {
  const total = p.totalBytes > 0 ? ` of ${formatBytes(p.totalBytes)}` : '';
  return `${formatBytes(p.receivedBytes)}${total} · ${formatBytes(p.bytesPerSecond)}/s`;
}

/** A bar redrawn in place on a terminal; phases after the download as lines. */
function barView(stream: NodeJS.WriteStream): ProgressView {
  const bar = new cliProgress.SingleBar({ stream, format: '{bar} {percentage}% · {detail}', hideCursor: true, barsize: 24, fps: 5 }, cliProgress.Presets.shades_classic);
  let phase: DownloadProgress['phase'] | undefined;
  return {
    update(p) {
      if (p.phase === 'downloading') {
        if (phase !== 'downloading') bar.start(Math.max(p.totalBytes, 1), 0, { detail: '' });
        bar.setTotal(Math.max(p.totalBytes, p.receivedBytes, 1));
        bar.update(p.receivedBytes, { detail: transferText(p) });
      } else if (p.phase !== phase) {
        if (phase === 'downloading') bar.stop();
        stream.write(`${PHASE_TEXT[p.phase]}…\n`);
      }
      phase = p.phase;
    },
    stop() {
      if (phase === 'downloading') bar.stop();
      phase = undefined;
    },
  };
}

/** A line per tenth of the download and per phase, for logs and pipes. */
function lineView(stream: NodeJS.WritableStream): ProgressView {
  let nextTenth = 1;
  let phase: DownloadProgress['phase'] | undefined;
  return {
    update(p) {
      if (p.phase === 'downloading') {
        const tenth = p.totalBytes > 0 ? Math.floor((p.receivedBytes * 10) / p.totalBytes) : 0;
        if (tenth >= nextTenth || (p.totalBytes > 0 && p.receivedBytes === p.totalBytes && nextTenth <= 10)) {
          nextTenth = tenth + 1;
          stream.write(`downloaded ${transferText(p)}\n`);
        }
      } else if (p.phase !== phase) {
        stream.write(`${PHASE_TEXT[p.phase]}…\n`);
      }
      phase = p.phase;
    },
    stop() {},
  };
}

const quietView: ProgressView = { update() {}, stop() {} };

/** Download progress on stderr: a bar on a terminal, otherwise plain lines; nothing when quiet. */
export function progressView(quiet: boolean): ProgressView {
  if (quiet) return quietView;
  return process.stderr.isTTY ? barView(process.stderr) : lineView(process.stderr);
}
