/**
 * bounce-inspect: explains email bounces from the command line.
 * Entry point of dist/cli.mjs (bundled by scripts/build-cli.mjs, started by bin/bounce-inspect.mjs).
 */
import { version } from '../package.json';
import { parseArgs, USAGE, UsageError, type Command } from './args';
import { formatExplanation, toExplainJson } from './explain';
import { inspectMessages } from './inspect';
import { toJsonlLine } from './jsonl';
import { lookup } from './knowledge';
import { mapOrdered } from './pool';
import { NO_PROGRESS, progressBar, type Progress } from './progress';
import { readSource, sourceSize } from './read';
import { clean, formatReasons, formatReport, formatSummary } from './report';
import { makeStyle, useColour } from './style';
import { walk } from './walk';

/** Files read and classified at once, and how many bytes of files they may hold together (one larger file is read alone). */
const CONCURRENCY = 8;
const READ_BUDGET = 256 * 1024 * 1024;
/** How many failed inputs stderr names, and how many addresses to suppress the summary counts. */
const MAX_ERRORS_LISTED = 10;
const MAX_SUPPRESS_COUNTED = 1_000_000;
/** A progress bar is drawn for more files than this. */
const PROGRESS_MIN_FILES = 20;

export const EXIT_OK = 0;
export const EXIT_INPUT_ERROR = 1;
export const EXIT_USAGE = 2;

export interface Io {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let command: Command;
  try {
    command = parseArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    // (A file name expanded from a glob may look like a flag: it is shown cleaned.)
    io.stderr.write(`bounce-inspect: ${clean(err.message)}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  switch (command.name) {
    case 'help':
      await write(io.stdout, USAGE);
      return EXIT_OK;
    case 'version':
      await write(io.stdout, `bounce-inspect ${version}\n`);
      return EXIT_OK;
    case 'explain':
      return explain(command, io);
    case 'inspect':
      return inspect(command, io);
  }
}

async function inspect(command: Extract<Command, { name: 'inspect' }>, io: Io): Promise<number> {
  const style = makeStyle(useColour(io.stdout, io.env));
  const progress = await startProgress(command.inputs, command.text, io.stderr, io.stdout.isTTY === true);
  const counts = new Map<string, number>();
  /** Failed recipients per reason, for the summary. */
  const reasons = new Map<string, number>();
  /** Addresses the advice says to stop mailing, once each (remembered up to MAX_SUPPRESS_COUNTED). */
  const toSuppress = new Set<string>();
  const errors: string[] = [];
  let failures = 0;
  let first = true;

  const results = mapOrdered(
    walk(command.inputs, command.text),
    CONCURRENCY,
    (source) => inspectMessages(source, { text: command.text, stdin: io.stdin }),
    sourceSize,
    READ_BUDGET,
  );
  for await (const items of results) {
    for await (const item of items) {
      const kind = item.result.kind;
      counts.set(kind, (counts.get(kind) ?? 0) + 1);
      if (kind === 'error') {
        failures++;
        if (errors.length < MAX_ERRORS_LISTED) errors.push(item.result.kind === 'error' ? item.result.error : '');
      } else if (kind !== 'delay') {
        // (A delay notice's recipients, and a report's recipients still being retried, have not failed.)
        for (const r of item.result.recipients) if (r.action !== 'delayed') reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
      }
      let found = '';
      item.advice.forEach((a, i) => {
        // The address the sender wrote to (an alias that led to a dead mailbox), else the one that failed.
        const r = item.result.kind === 'error' ? undefined : item.result.recipients[i];
        const address = r?.sentTo || r?.recipient || '';
        if (!a.suppress || !address || toSuppress.has(address)) return;
        if (toSuppress.size < MAX_SUPPRESS_COUNTED) toSuppress.add(address);
        found += clean(address) + '\n';
      });
      const out = command.suppressList ? found : command.jsonl ? toJsonlLine(item) : (first ? '' : '\n') + formatReport(item, style);
      first = false;
      if (out) await writeAround(progress, io.stdout, out);
    }
    progress.tick();
  }
  progress.done();

  let total = 0;
  for (const n of counts.values()) total += n;
  if (!command.jsonl && !command.suppressList && total > 1) {
    await write(io.stdout, '\n' + formatSummary(counts, style, toSuppress.size) + formatReasons(reasons, style));
  }
  if (failures > 0) {
    // Named on stderr too, so a report written to a file still says which inputs failed.
    // (Cleaned: a file name or a message's text must not drive the terminal here either.)
    for (const error of errors) io.stderr.write(`bounce-inspect: ${clean(error)}\n`);
    if (failures > errors.length) io.stderr.write(`bounce-inspect: ... and ${failures - errors.length} more\n`);
    io.stderr.write(`bounce-inspect: ${failures} of ${total} message${total === 1 ? '' : 's'} could not be read or classified\n`);
    return EXIT_INPUT_ERROR;
  }
  return EXIT_OK;
}

async function explain(command: Extract<Command, { name: 'explain' }>, io: Io): Promise<number> {
  let query = command.query.join(' ');
  if (query === '-') {
    const read = await readSource({ kind: 'stdin', name: '-' }, io.stdin);
    if (!read.ok) {
      io.stderr.write(`bounce-inspect: ${clean(read.error)}\n`);
      return EXIT_INPUT_ERROR;
    }
    query = new TextDecoder().decode(read.bytes);
  }
  const result = await lookup(query);
  const out = command.json
    ? JSON.stringify(toExplainJson(result), null, 2) + '\n'
    : formatExplanation(result, makeStyle(useColour(io.stdout, io.env)));
  await write(io.stdout, out);
  // Nothing recognised is a failed lookup: scripts must be able to tell it from an answer.
  return result.results.length > 0 ? EXIT_OK : EXIT_INPUT_ERROR;
}

/** Counts the inputs first (names only) so the bar knows its total; only on a terminal. */
async function startProgress(inputs: readonly string[], text: boolean, stderr: NodeJS.WriteStream, stdoutIsTerminal: boolean): Promise<Progress> {
  if (!stderr.isTTY) return NO_PROGRESS;
  let total = 0;
  for await (const _ of walk(inputs, text)) total++;
  return total > PROGRESS_MIN_FILES ? progressBar(total, stderr, stdoutIsTerminal) : NO_PROGRESS;
}

async function writeAround(progress: Progress, stream: NodeJS.WriteStream, text: string): Promise<void> {
  let pending: Promise<void> = Promise.resolve();
  progress.around(() => {
    pending = write(stream, text);
  });
  await pending;
}

/** Writes and waits for the stream to drain, so output keeps pace with a slow reader. */
function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => {
    if (stream.write(text)) resolve();
    else stream.once('drain', resolve);
  });
}

/**
 * A closed pipe (`bounce-inspect dir | head`) ends the run quietly. Output that cannot be
 * written otherwise (a full disk) ends it with one line saying so, not a stack trace.
 */
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(EXIT_OK);
  process.stderr.write(`bounce-inspect: could not write the output: ${err.message}\n`);
  process.exit(EXIT_INPUT_ERROR);
});

main(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`bounce-inspect: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = EXIT_INPUT_ERROR;
  },
);
