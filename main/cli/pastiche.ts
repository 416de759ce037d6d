#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { CliError } from './cliError.js';
import { appVersion } from '../node/appVersion.js';

/** Commander's "error: …" text as the CLI's one-line "pastiche: …" message. */
function oneLineUsageError(text: string): string {
  const message = text.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
  return `pastiche: ${message} (run with --help for usage)\n`;
}

async function main(argv: string[]): Promise<number> {
  const program = new Command('pastiche')
    .description('Neural style transfer: repaint a photo in the style of a painting (VGG19, Gatys et al.).')
    .version(appVersion(), '-V, --version')
    .configureOutput({ outputError: (text, write) => write(oneLineUsageError(text)) })
    .exitOverride();
  const commands = await Promise.all([import('./stylize.js'), import('./model.js'), import('./batch.js'), import('./inspect.js')]);
  for (const c of commands) c.register(program);
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof CliError) {
      process.stderr.write(`pastiche: ${e.message}\n`);
      return e.exitCode;
    }
    process.stderr.write(`pastiche: unexpected error: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

// `pastiche --help | head` closes stdout early: that is the reader's choice, not an error to report.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv);
