/**
 * The sgn command line as a library: {@link runCli} parses arguments, runs a command, and returns the exit status.
 * @packageDocumentation
 */
import { Command, CommanderError } from 'commander';
import { formatBackendTable, probeBackends } from './commands/backends.js';
import { formatSolveLp, readSolveInput, solveLp } from './commands/solve-lp.js';
import { UsageError } from './usage-error.js';

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function buildProgram(io: CliIo): Command {
  const program = new Command('sgn')
    .description('Run, check and reproduce results from the theory of neural-network training')
    .version('0.1.0')
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: () => undefined });

  program
    .command('backends')
    .description('list each tensor backend usable here, whether it loaded, and a 256x256 matmul timing')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const reports = await probeBackends();
      io.out(options.json ? `${JSON.stringify(reports, null, 2)}\n` : `${formatBackendTable(reports)}\n`);
    });

  const solve = program.command('solve').description('exact solvers that take your data');
  solve
    .command('lp')
    .description('exact global lp minimizer, sparsest interpolant and critical p* for 1-D points (lp paper, arXiv 2505.21791)')
    .requiredOption('--csv <file>', 'CSV of x,y rows (a header row is allowed); x strictly increasing, at least 3 points')
    .option('--p <p>', 'the exponent, in (0, 1]', '0.4')
    .option('--json', 'print JSON')
    .action((options: { csv: string; p: string; json?: boolean }) => {
      const { points, p } = readSolveInput(options.csv, options.p);
      const report = solveLp(points, p);
      io.out(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatSolveLp(report)}\n`);
    });

  return program;
}

/**
 * Runs the sgn command line.
 *
 * @param argv - the arguments after the program name, e.g. `['backends', '--json']`
 * @param io - where output goes (default: stdout and stderr)
 * @returns the exit status: 0 on success, 1 when a command fails, 2 for a usage error (one line on stderr)
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2));
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      io.out(program.helpInformation());
      return 0;
    }
    await program.parseAsync(argv.slice(), { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      io.err(`sgn: ${error.message.replace(/^error: /, '').split('\n')[0]}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(`sgn: ${error.message}\n`);
      return 2;
    }
    io.err(`sgn: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

export { UsageError };
