/**
 * The sgn command line as a library: {@link runCli} parses arguments, runs a command, and returns the exit status.
 * @packageDocumentation
 */
import { join } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import type { SettingSpec } from '@sgn/experiments';
import { quoteForMessage } from '@sgn/tensor/validate';
import { cliVersion } from './cli-version.js';
import { BENCH_WORKLOADS, type BenchWorkload } from './commands/bench-workloads.js';
import type { BenchRow } from './commands/bench.js';
import type { RunRecord } from './commands/run.js';
import { UsageError } from './usage-error.js';

// The commands load their modules (tfjs, the backends, vega) when they run, not before: `sgn --help` and a usage
// error stay fast. Each `await import(...)` below is one command's.

/** Where the CLI writes; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

let exitCode = 0;

function summarize(record: RunRecord): string {
  const metrics = Object.entries(record.output.metrics)
    .filter(
      ([, value]) =>
        typeof value !== 'object' ||
        value === null ||
        (Array.isArray(value) && value.every((v) => typeof v !== 'object')),
    )
    .map(([key, value]) => `  ${key}: ${JSON.stringify(value)}`);
  return [
    `${record.experiment.id} (${record.output.complete ? 'complete' : 'partial'}, ${record.seconds.toFixed(1)} s) -> ${record.folder}`,
    ...metrics,
  ].join('\n');
}
let signal: AbortSignal | undefined;

function buildProgram(io: CliIo): Command {
  const program = new Command('sgn')
    .description('Run, check and reproduce results from the theory of neural-network training')
    .version(cliVersion())
    .showSuggestionAfterError(false)
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: () => undefined })
    .option('--threads <n>', 'threads a kernel splits over (1 or 2; default: the usable cores, or SGN_THREADS)')
    .hook('preAction', (root) => {
      const threads = (root.opts() as { threads?: string }).threads;
      if (threads === undefined) return;
      if (!/^[1-9][0-9]*$/.test(threads))
        throw new UsageError(`--threads must be a positive integer, got ${quoteForMessage(threads)}`);
      // the kernels read it (defaultThreads in @sgn/tensor), and so do the runs a sweep or bench starts
      process.env.SGN_THREADS = threads;
    });

  program
    .command('backends')
    .description('list each tensor backend usable here, whether it loaded, and a 256x256 matmul timing')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const { formatBackendTable, probeBackends } = await import('./commands/backends.js');
      const reports = await probeBackends();
      io.out(options.json ? `${JSON.stringify(reports, null, 2)}\n` : `${formatBackendTable(reports)}\n`);
    });

  const withCheckOptions = (command: Command) =>
    command
      .option('--preset <preset>', "quick (minutes on 2 cores) or paper (the papers' settings)", 'quick')
      .option('--seed <n>', 'seed for every random draw', '0')
      .option('--backend <name>', 'cpu or wasm (default wasm; for run, the same as --set backend=<name>)');

  program
    .command('list')
    .description('every experiment and theory check, with its paper and claim')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const { experiments, theoryChecks } = await import('@sgn/experiments');
      const rows = [
        ...experiments.map((e) => ({
          kind: 'experiment',
          id: e.id,
          paper: e.paper,
          claim: e.claim,
          settings: e.settings.map((s) => `${s.key} ${settingRange(s)}`),
        })),
        ...theoryChecks.map((c) => ({ kind: 'check', id: c.id, paper: c.paper, claim: c.claim })),
      ];
      io.out(
        options.json
          ? `${JSON.stringify(rows, null, 2)}\n`
          : `${rows.map((r) => `${r.kind} ${r.id}\n  ${r.paper}\n  ${r.claim}${'settings' in r ? `\n  settings: ${(r.settings as string[]).join(', ')}` : ''}`).join('\n')}\n`,
      );
    });

  withCheckOptions(program.command('run'))
    .description('run one experiment and write result.json, CSV curves and SVG plots into <out>/<experiment>/')
    .argument('<experiment>', 'experiment id (see sgn list)')
    .option(
      '--set <key=value>',
      'override a setting (repeatable)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--out <dir>', 'output folder', 'sgn-results')
    .option('--resume', 'continue from the checkpoint of an interrupted run with the same settings')
    .option('--json', 'print the result as JSON')
    .action(
      async (
        id: string,
        raw: {
          preset: string;
          seed: string;
          backend?: string;
          set: string[];
          out: string;
          resume?: boolean;
          json?: boolean;
        },
      ) => {
        const { experiments } = await import('@sgn/experiments');
        const { parseCheckOptions } = await import('./commands/check.js');
        const { parseOverrides, runExperiment } = await import('./commands/run.js');
        const extraPresets = Object.keys(experiments.find((e) => e.id === id)?.extraPresets ?? {});
        const options = parseCheckOptions(raw, extraPresets);
        const overrides = parseOverrides(raw.set);
        // the folder is made by runExperiment once the experiment and its settings are known to be good
        const record = await runExperiment(id, {
          ...options,
          backend: raw.backend,
          overrides,
          out: raw.out,
          resume: Boolean(raw.resume),
          signal,
          log: (line) => io.err(`${line}\n`),
        });
        io.out(
          raw.json
            ? `${JSON.stringify({ id, complete: record.output.complete, metrics: record.output.metrics }, null, 2)}\n`
            : `${summarize(record)}\n`,
        );
        if (!record.output.complete) exitCode = 130;
      },
    );

  withCheckOptions(program.command('check'))
    .description('run theory checks and print claim, measured, expected and verdict; exit 1 if any fails')
    .argument('[ids...]', 'check ids or prefixes (e.g. lp); none or --all runs every check')
    .option('--all', 'run every check')
    .option('--json', 'print JSON results')
    .action(
      async (ids: string[], raw: { preset: string; seed: string; backend?: string; json?: boolean; all?: boolean }) => {
        const { checksExitCode, checksFor, formatCheckTable, parseCheckOptions, runChecks } =
          await import('./commands/check.js');
        const options = parseCheckOptions(raw);
        const checks = checksFor(raw.all ? [] : ids);
        const results = await runChecks(checks, options, (line) => io.err(`${line}\n`), signal);
        io.out(raw.json ? `${JSON.stringify(results, null, 2)}\n` : `${formatCheckTable(checks, results)}\n`);
        exitCode = checksExitCode(checks, results, signal);
      },
    );

  withCheckOptions(program.command('reproduce'))
    .description('run every check of the papers and write results and an HTML report')
    .argument('[ids...]', "limit the run to these checks or prefixes, and to their papers' experiments (default: all)")
    .option('--out <dir>', 'output folder', 'sgn-results')
    .option('--no-experiments', 'run the checks only')
    .option('--json', 'print JSON results (checks and experiments) instead of the table')
    .action(
      async (
        ids: string[],
        raw: { preset: string; seed: string; backend?: string; out: string; experiments: boolean; json?: boolean },
      ) => {
        const { checksExitCode, checksFor, formatCheckTable, parseCheckOptions, runChecks } =
          await import('./commands/check.js');
        const { createRunMemo, experiments } = await import('@sgn/experiments');
        const { runExperiment } = await import('./commands/run.js');
        const { writeReport } = await import('./commands/reproduce.js');
        const { prepareOutputFolder } = await import('./output-folder.js');
        const options = parseCheckOptions(raw);
        const checks = checksFor(ids);
        // `sgn reproduce lp` runs the lp paper's experiments and checks, not every experiment
        const papers = new Set(checks.map((check) => check.paper));
        const selected = experiments.filter((experiment) => papers.has(experiment.paper));
        const folder = prepareOutputFolder(raw.out);
        const records: RunRecord[] = [];
        // a training that an experiment and a check both need (same data and settings) runs once
        const memo = createRunMemo();
        if (raw.experiments) {
          for (const experiment of selected) {
            if (signal?.aborted) break;
            records.push(
              await runExperiment(experiment.id, {
                ...options,
                overrides: {},
                out: folder,
                resume: false,
                signal,
                log: (line) => io.err(`${line}\n`),
                memo,
              }),
            );
          }
        }
        const results = await runChecks(checks, options, (line) => io.err(`${line}\n`), signal, memo);
        writeReport(folder, checks, results, options, records);
        const experimentsRun = records.map((r) => ({
          id: r.experiment.id,
          complete: r.output.complete,
          folder: r.folder,
        }));
        io.out(
          raw.json
            ? `${JSON.stringify({ report: `${folder}/index.html`, experiments: experimentsRun, checks: results }, null, 2)}\n`
            : `${formatCheckTable(checks, results)}\nreport: ${folder}/index.html\n`,
        );
        exitCode = checksExitCode(checks, results, signal);
      },
    );

  program
    .command('bench')
    .description(
      'time workloads on every engine and backend in one process, with ratios (run on purpose, not in tests)',
    )
    .option('--steps <n>', 'steps per engine', '2000')
    .option('--no-peer', 'skip the peers (Debian python3-torch and python3-numba, run as /usr/bin/python3)')
    .option('--patch-cnn', 'also time the patch-CNN Adam step at d 1000 and 10000, B 2 and B 100')
    .option('--under-load', 'time each workload again while a competing busy process holds one core')
    .option('--json', 'print JSON')
    .addOption(
      new Option('--only <workload>', 'run one workload in this process and print its rows as JSON')
        .choices([...BENCH_WORKLOADS])
        .hideHelp(),
    )
    .action(
      async (options: {
        steps: string;
        peer: boolean;
        patchCnn?: boolean;
        underLoad?: boolean;
        json?: boolean;
        only?: BenchWorkload;
      }) => {
        const { formatBench, peerAvailable, runBenchChild, runBenchWorkload, runUnderLoad } =
          await import('./commands/bench.js');
        const steps = Number(options.steps);
        if (!Number.isInteger(steps) || steps < 10)
          throw new UsageError(`--steps must be an integer >= 10, got ${quoteForMessage(String(options.steps))}`);
        if (options.only) {
          io.out(`${JSON.stringify(await runBenchWorkload(options.only, steps, options.peer))}\n`);
          return;
        }
        if (options.peer) {
          for (const module of ['torch', 'numba'] as const) {
            const peer = peerAvailable(module);
            if (!peer.ok) io.err(`sgn: ${module} peer: ${peer.reason}\n`);
          }
        } else io.err('sgn: peers skipped (--no-peer)\n');
        const workloads = BENCH_WORKLOADS.filter((w) => options.patchCnn || !w.startsWith('patch-cnn'));
        const rows: BenchRow[] = [];
        for (const workload of workloads) {
          const quiet = runBenchChild(workload, steps, options.peer);
          rows.push(...quiet);
          if (options.underLoad)
            rows.push(...(await runUnderLoad(() => runBenchChild(workload, steps, options.peer), quiet)));
        }
        io.out(options.json ? `${JSON.stringify(rows, null, 2)}\n` : `${formatBench(rows)}\n`);
      },
    );

  const repeatable = (value: string, previous: string[]) => [...previous, value];
  program
    .command('sweep')
    .description(
      'run an experiment over a grid of settings and seeds, each point exactly `sgn run` in its own folder; aggregate over seeds into sweep.json and sweep.csv. `sgn sweep status DIR` and `sgn sweep collect DIR` check on and aggregate a sweep (a Slurm one included)',
    )
    .argument('<experiment>', 'experiment id (see sgn list), or status / collect')
    .argument('[dir]', 'for status and collect: the sweep folder')
    .option(
      '--grid <key=values>',
      'a swept setting: v1,v2,... | a:b:n (linear) | a..b*n (log); repeatable',
      repeatable,
      [],
    )
    .option('--seeds <seeds>', 'seeds: a..b or s1,s2,...', '0')
    .option('--preset <preset>', 'preset the settings start from', 'quick')
    .option('--set <key=value>', 'a fixed setting (repeatable)', repeatable, [])
    .option('--launcher <name>', 'local (a pool of processes here) or slurm (a job array through sbatch)', 'local')
    .option('--jobs <n>', 'local: processes at once (default: the core count)')
    .option(
      '--plot <metric>',
      'a metric path to plot, as in sweep.csv (repeatable; default: the first 4 scalar ones)',
      repeatable,
      [],
    )
    .option('--time <t>', 'slurm: --time of each task (e.g. 30:00)')
    .option('--mem <m>', 'slurm: --mem of each task (e.g. 4G)')
    .option('--cpus-per-task <n>', 'slurm: --cpus-per-task (default 1)')
    .option('--partition <p>', 'slurm: --partition')
    .option('--parallel <k>', 'slurm: at most k tasks at once (--array=0-N%k)')
    .option('--sbatch <flag>', 'slurm: a further sbatch flag, as written (repeatable)', repeatable, [])
    .option('--prelude <line>', 'slurm: a shell line each task runs first (module load, venv)')
    .option('--dry-run', 'slurm: write and print the sbatch script, submit nothing')
    .option('--out <dir>', 'sweep folder (runs/<key>/, manifest.json, sweep.json, sweep.csv)', 'sgn-sweep')
    .action(async (id: string, dir: string | undefined, raw: SweepFlags) => {
      const { collectSweep, readManifest, runSweep, sweepStatus } = await import('./commands/sweep.js');
      const { parseOverrides } = await import('./commands/run.js');
      if (id === 'status' || id === 'collect') {
        if (!dir) throw new UsageError(`sgn sweep ${id} needs the sweep folder: sgn sweep ${id} DIR`);
        if (id === 'status') {
          const status = sweepStatus(dir);
          const queue = Object.entries(status.queue).map(([state, n]) => `${n} ${state.toLowerCase()}`);
          io.out(
            `${dir}: ${status.finished} of ${status.total} runs finished${status.jobId ? `; Slurm job ${status.jobId}: ${queue.length > 0 ? queue.join(', ') : 'no task queued'}` : ''}\n`,
          );
          exitCode = status.finished === status.total ? 0 : 1;
          return;
        }
        const manifest = readManifest(dir);
        const aggregate = await collectSweep(dir, manifest);
        const finished = aggregate.reduce((n, p) => n + p.seeds.length, 0);
        io.out(`${dir}: collected ${finished} of ${manifest.runs.length} runs -> ${join(dir, 'sweep.csv')}\n`);
        exitCode = finished === manifest.runs.length ? 0 : 1;
        return;
      }
      if (dir !== undefined) throw new UsageError(`too many arguments for 'sweep': ${quoteForMessage(dir)}`);
      const record = await runSweep(id, {
        ...raw,
        overrides: parseOverrides(raw.set),
        slurm: {
          time: raw.time,
          mem: raw.mem,
          cpusPerTask: raw.cpusPerTask,
          partition: raw.partition,
          parallel: raw.parallel,
          extra: raw.sbatch,
          prelude: raw.prelude,
        },
        signal,
        log: (line) => io.err(`${line}\n`),
      });
      if (record.slurm) {
        if (raw.dryRun) io.out(record.slurm.script);
        else
          io.out(
            record.slurm.jobId
              ? `${id}: Slurm job ${record.slurm.jobId}, ${record.slurm.tasks} tasks (${record.skipped} runs already finished)\n`
              : `${id}: all ${record.runs.length} runs already finished -> ${join(raw.out, 'sweep.csv')}\n`,
          );
        exitCode = 0;
        return;
      }
      for (const f of record.failed)
        io.err(`sgn: run ${f.run.key} (seed ${f.run.seed}) failed with exit ${f.status}; log ${f.log}\n`);
      const finished = record.aggregate.reduce((n, p) => n + p.seeds.length, 0);
      io.out(
        `${id}: ${finished} of ${record.runs.length} runs finished (${record.skipped} were already), ${record.failed.length} failed${record.interrupted ? ', interrupted' : ''} -> ${join(raw.out, 'sweep.csv')}\n`,
      );
      exitCode = record.interrupted ? 130 : record.failed.length > 0 ? 1 : 0;
    });

  const solve = program.command('solve').description('exact solvers that take your data');
  solve
    .command('lp')
    .description(
      'exact global lp minimizer, sparsest interpolant and critical p* for 1-D points (lp paper, arXiv 2505.21791)',
    )
    .requiredOption(
      '--csv <file>',
      'CSV of x,y rows (a header row is allowed); x strictly increasing, at least 3 points',
    )
    .option('--p <p>', 'the exponent, in (0, 1]', '0.4')
    .option('--json', 'print JSON')
    .action(async (options: { csv: string; p: string; json?: boolean }) => {
      const { formatSolveLp, readSolveInput, solveLp } = await import('./commands/solve-lp.js');
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
 * @param abort - stops long commands between steps (the binary wires it to Ctrl-C)
 * @returns the exit status: 0 on success, 1 when a command fails, 2 for a usage error (one line on stderr)
 * @example
 * ```ts
 * process.exitCode = await runCli(process.argv.slice(2));
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo, abort?: AbortSignal): Promise<number> {
  signal = abort;
  const program = buildProgram(io);
  try {
    if (argv.length === 0) {
      io.out(program.helpInformation());
      return 0;
    }
    exitCode = 0;
    await program.parseAsync(argv.slice(), { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      io.err(`sgn: ${errorLine(commanderMessage(error, program, argv))}\n`);
      return 2;
    }
    if (error instanceof UsageError) {
      io.err(`sgn: ${errorLine(error.message)}\n`);
      return 2;
    }
    io.err(`sgn: ${errorLine((error as Error).message ?? String(error))}\n`);
    return 1;
  }
}

/** The flags of `sgn sweep`, as commander parses them. */
interface SweepFlags {
  grid: string[];
  seeds: string;
  preset: string;
  set: string[];
  launcher: string;
  jobs?: string;
  plot: string[];
  time?: string;
  mem?: string;
  cpusPerTask?: string;
  partition?: string;
  parallel?: string;
  sbatch: string[];
  prelude?: string;
  dryRun?: boolean;
  out: string;
}

/**
 * An error as one printable line, whatever it echoes: control characters (ANSI/OSC escapes, newlines) escaped as
 * `\\uXXXX`, cut at 400 characters. Each echoed value is already quoted and cut ({@link quoteForMessage}); this also
 * covers messages written by libraries (commander's "unknown option").
 */
export function errorLine(message: string): string {
  const printable = message.replace(
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    /[\u0000-\u001f\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return printable.length > 400 ? `${printable.slice(0, 400)}…` : printable;
}

/** A setting's allowed values as `sgn list` shows them: `[1, 100000]`, `(0, 1]`, `{constant, cosine}`. */
export function settingRange(spec: SettingSpec): string {
  if (spec.type === 'choice') return `{${(spec.choices ?? []).join(', ')}}`;
  const kind = spec.type === 'integer' ? ' integer' : '';
  return `${spec.exclusiveMin ? '(' : '['}${spec.min ?? '-inf'}, ${spec.max}]${kind}`;
}

/** Commander's message on one line; "too many arguments" also names the values that were extra (cut, escaped). */
function commanderMessage(error: CommanderError, program: Command, argv: readonly string[]): string {
  const message = error.message.replace(/^error: /, '').split('\n')[0];
  if (error.code !== 'commander.excessArguments') return message;
  const command = program.commands.find((c) => c.name() === argv[0]);
  const extra = command ? command.args.slice(command.registeredArguments.length) : [];
  return extra.length === 0 ? message : `${message} Extra: ${extra.map((value) => quoteForMessage(value)).join(', ')}`;
}

export { UsageError };
