/**
 * Command line parsing: turns argv into a Command, or throws UsageError. Pure, no I/O.
 */

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'inspect'; inputs: string[]; jsonl: boolean; text: boolean; suppressList: boolean }
  | { name: 'explain'; query: string[]; json: boolean };

export class UsageError extends Error {
  override name = 'UsageError';
}

export const USAGE = `Usage:
  bounce-inspect [--jsonl | --suppress-list] [--text] FILE|DIR|- ...
  bounce-inspect explain [--json] QUERY...|-
  bounce-inspect --help | --version

Explains email bounces (DSNs, NDRs), delay notices and feedback reports.

Inspect:
  FILE        a raw message (.eml), or an mbox file of many (each read on its own);
              '-' reads standard input
  DIR         walked recursively, in name order: .eml, .emlx, .mbox and
              extension-less files, and every file of a Maildir's cur/ and
              new/; hidden files and folders are skipped, except a Maildir's
              Maildir++ folders (.Bounces/); linked folders are not followed
  --jsonl     one JSON object per message instead of the readable report
  --suppress-list
              only the addresses to stop mailing, one per line, each once
  --text      read inputs as the text a webmail page shows, not as raw messages
              (a folder's .txt files are read too)

Explain:
  QUERY       reply codes, status codes or words from a bounce, e.g.
              bounce-inspect explain 550 5.7.26
  -           explain the text on standard input (a pasted bounce or reply)
  --json      print the explanation as JSON

Exit status: 0 when every input was read, 1 when one could not be (for explain: when
nothing was recognised), 2 on a usage error.
Colours are used only on a terminal and never when NO_COLOR is set.
`;

export function parseArgs(argv: readonly string[]): Command {
  const args = [...argv];
  // (Not after '--': there a "--help" is a file's name.)
  const options = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (options.includes('--help') || options.includes('-h')) return { name: 'help' };
  if (options.includes('--version') || options.includes('-V')) return { name: 'version' };

  if (args[0] === 'explain') {
    const query: string[] = [];
    let json = false;
    for (const arg of args.slice(1)) {
      if (arg === '--json') json = true;
      else if (arg === '--') continue;
      else if (isFlag(arg)) throw new UsageError(`unknown option for explain: ${arg}${arg === '--jsonl' ? ' (did you mean --json?)' : ''}`);
      else query.push(arg);
    }
    if (query.length === 0) throw new UsageError('explain needs a query, e.g. bounce-inspect explain 550 5.1.1');
    return { name: 'explain', query, json };
  }

  const inputs: string[] = [];
  let jsonl = false;
  let text = false;
  let suppressList = false;
  let onlyPaths = false;
  for (const arg of args) {
    if (onlyPaths) inputs.push(arg);
    else if (arg === '--') onlyPaths = true;
    else if (arg === '--jsonl') jsonl = true;
    else if (arg === '--text') text = true;
    else if (arg === '--suppress-list') suppressList = true;
    else if (isFlag(arg)) throw new UsageError(`unknown option: ${arg}${arg === '--json' ? ' (did you mean --jsonl?)' : ''}`);
    else inputs.push(arg);
  }
  if (inputs.length === 0) throw new UsageError('no input given: name a file, a directory, or - for standard input');
  if (inputs.includes('')) throw new UsageError('an empty input name (an unset shell variable?): name a file, a directory, or - for standard input');
  if (inputs.filter((input) => input === '-').length > 1) throw new UsageError('- (standard input) can be given only once');
  if (jsonl && suppressList) throw new UsageError('--jsonl and --suppress-list print different things: choose one');
  return { name: 'inspect', inputs, jsonl, text, suppressList };
}

/** '-' alone is standard input, not a flag. */
function isFlag(arg: string): boolean {
  return arg.length > 1 && arg.startsWith('-');
}
