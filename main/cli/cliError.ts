/** An error the CLI reports as one line on stderr, with its own exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes: 1 general failure, 2 bad usage or input, 3 model problem, 4 output problem, 130 interrupted. */
export const EXIT = { failure: 1, input: 2, model: 3, output: 4, interrupted: 130 } as const;
