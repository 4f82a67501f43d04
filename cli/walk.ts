/**
 * Expands the command line's inputs into the messages to read, lazily and in a stable order:
 * files as given, directories walked recursively (entries sorted by name, dotfiles skipped,
 * only `.eml`, `.emlx` (Apple Mail), `.mbox` and extension-less files, and every file of a Maildir's cur/ and new/,
 * its Maildir++ folders such as .Bounces/ included),
 * '-' for standard input. Holds only the names listed in the directories on the current path,
 * never file contents. (`.mbox` files and extension-less ones, as Thunderbird keeps its
 * folders, may hold many messages: see mbox.ts.)
 */
import { opendir, stat } from 'node:fs/promises';
import type { Dirent } from 'node:fs';
import { basename, extname, join } from 'node:path';

export type Source =
  | { kind: 'stdin'; name: '-' }
  | { kind: 'file'; name: string; path: string }
  /** The input could not be listed (missing path, unreadable directory). */
  | { kind: 'unreadable'; name: string; path: string; error: string };

/**
 * `text`: the inputs are texts copied from webmail pages (--text), so a folder's `.txt` files
 * are read too.
 */
export async function* walk(inputs: readonly string[], text = false): AsyncGenerator<Source> {
  for (const input of inputs) {
    if (input === '-') {
      yield { kind: 'stdin', name: '-' };
      continue;
    }
    let info;
    try {
      info = await stat(input);
    } catch (err) {
      yield unreadable(input, err);
      continue;
    }
    if (!info.isDirectory()) {
      yield { kind: 'file', name: basename(input), path: input };
      continue;
    }
    // A folder named on the command line that gives no message, though files are in it (a
    // folder of .msg or .txt files), says so: an empty report would read as "no bounces".
    const skipped: Skipped = { count: 0, example: '' };
    let found = false;
    for await (const source of walkDirectory(input, skipped, text)) {
      found = true;
      yield source;
    }
    if (!found && skipped.count > 0) {
      const files = skipped.count === 1 ? `its 1 file (${skipped.example}) is` : `its ${skipped.count} files (such as ${skipped.example}) are`;
      yield { kind: 'unreadable', name: basename(input) || input, path: input, error: `${input}: no message in it: ${files} not named as messages are (.eml, .emlx, .mbox${text ? ', .txt' : ''} or no extension)` };
    }
  }
}

/** Files a walk passed over for their names, counted for a folder that gives no message. */
interface Skipped {
  count: number;
  example: string;
}

/** The folders of a Maildir that hold messages. */
const MAILDIR_PARTS: ReadonlySet<string> = new Set(['cur', 'new']);

/**
 * Files a mail program keeps beside messages, with no extension: an Apple Mail export's index
 * (Bounces.mbox/table_of_contents, beside Bounces.mbox/mbox) and the file macOS keeps a folder's
 * custom icon in ("Icon\r").
 */
const NOT_MESSAGES: ReadonlySet<string> = new Set(['table_of_contents', 'Icon\r']);

/** True for the files a directory walk picks up: `.eml`, `.emlx`, `.mbox` or no extension (and `.txt` for texts), not hidden. */
export function isMessageName(name: string, text = false): boolean {
  if (name.startsWith('.') || NOT_MESSAGES.has(name)) return false;
  const ext = extname(name).toLowerCase();
  return ext === '' || ext === '.eml' || ext === '.emlx' || ext === '.mbox' || (text && ext === '.txt');
}

interface Entry {
  name: string;
  dir: boolean;
  file: boolean;
}

/**
 * Depth first, in name order, keeping its own stack of open folders: a folder nested thousands
 * deep (an unpacked archive) must not overflow the call stack, as one generator per level did.
 */
async function* walkDirectory(root: string, skipped: Skipped, text: boolean): AsyncGenerator<Source> {
  const stack: { dir: string; entries: Entry[]; next: number; maildir: boolean }[] = [];
  let enter: string | undefined = root;
  for (;;) {
    if (enter !== undefined) {
      const listed = await listDirectory(enter);
      // A Maildir's cur/ and new/ hold one message per file, named "1765100000.M1P2.host:2,S".
      if (Array.isArray(listed)) stack.push({ dir: enter, entries: listed, next: 0, maildir: MAILDIR_PARTS.has(basename(enter)) });
      else yield listed;
      enter = undefined;
    }
    const frame = stack.at(-1);
    if (!frame) return;
    if (frame.next === frame.entries.length) {
      stack.pop();
      continue;
    }
    const entry = frame.entries[frame.next++];
    const path = join(frame.dir, entry.name);
    if (entry.dir) enter = path;
    else if (entry.file && (frame.maildir || isMessageName(entry.name, text))) yield { kind: 'file', name: entry.name, path };
    else if (entry.file && !NOT_MESSAGES.has(entry.name)) {
      skipped.count++;
      skipped.example ||= entry.name;
    }
  }
}

/** A folder's entries to walk, sorted by name, or the error that kept it from being listed. */
async function listDirectory(dir: string): Promise<Entry[] | Source> {
  let entries: Entry[] = [];
  try {
    const folders: string[] = []; // Maildir++ keeps its folders as ".Bounces" beside cur/ and new/
    for await (const entry of await opendir(dir)) {
      if (entry.name.startsWith('.')) {
        if (entry.isDirectory() && entry.name.length > 1 && entry.name !== '..') folders.push(entry.name);
        continue;
      }
      entries.push({ name: entry.name, dir: entry.isDirectory(), file: await isFileEntry(dir, entry) });
    }
    if (entries.some((e) => e.dir && e.name === 'cur') && entries.some((e) => e.dir && e.name === 'new')) {
      // A Maildir: its messages are in cur/ and new/ (tmp/ holds half-delivered ones), and the
      // files beside them are the mail server's (dovecot-uidlist, maildirfolder, subscriptions).
      entries = entries.filter((e) => e.dir && e.name !== 'tmp');
      for (const name of folders) entries.push({ name, dir: true, file: false });
    }
  } catch (err) {
    return unreadable(dir, err);
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Regular files, and symbolic links to them. Linked directories are not followed (no cycles). */
async function isFileEntry(dir: string, entry: Dirent): Promise<boolean> {
  if (entry.isFile()) return true;
  if (!entry.isSymbolicLink()) return false;
  try {
    return (await stat(join(dir, entry.name))).isFile();
  } catch {
    return true; // a dangling link: reading it reports the error
  }
}

function unreadable(path: string, err: unknown): Source {
  return { kind: 'unreadable', name: basename(path) || path, path, error: describeFsError(path, err) };
}

/** A one-line message for a file-system error, without a stack trace. */
export function describeFsError(path: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path}: no such file or directory`;
    case 'EACCES':
    case 'EPERM':
      return `${path}: permission denied`;
    case 'EISDIR':
      return `${path}: is a directory`;
    case 'ELOOP':
      return `${path}: too many symbolic links`;
    default:
      return `${path}: ${err instanceof Error ? err.message : String(err)}`;
  }
}
