/**
 * The built command line tool, run as a user runs it: `node bin/bounce-inspect.mjs ...`.
 * These check the tool's contract (flags, output shape, exit codes, file handling), not the
 * classifier's accuracy, which test/corpus measures.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmdirSync, rmSync, symlinkSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MAX_INPUT_BYTES } from '../../lib';
import { BIN, FIXTURES, buildCli, jsonLines, repoRoot, runCli } from './run-cli';
import { expectExplainResult, expectRecord } from './shape';

const fixtureMessages = readdirSync(FIXTURES).filter((f) => f.endsWith('.eml')).sort();
let tmp: string;

beforeAll(() => {
  buildCli();
  tmp = mkdtempSync(join(tmpdir(), 'bounce-inspect-test-'));
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('flags', () => {
  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await runCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`bounce-inspect ${version}`);
  });

  it('--help prints usage on stdout', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage:');
    expect(run.stdout).toContain('--jsonl');
    expect(run.stdout).toContain('explain');
    // What a directory walk reads, as walk.ts does it: hidden folders are skipped except a Maildir's own.
    expect(run.stdout.replace(/\s+/g, ' ')).toContain("hidden files and folders are skipped, except a Maildir's Maildir++ folders");
    expect(run.stdout).toContain('.emlx');
  });

  it('an unknown flag is a usage error (exit 2) that names the flag', async () => {
    const run = await runCli(['--frobnicate', FIXTURES]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--frobnicate');
    expect(run.stderr).toContain('Usage:');
    expect((await runCli(['--json', FIXTURES])).stderr).toContain('did you mean --jsonl?');
  });

  it('no input is a usage error, even with something piped in (- reads it)', async () => {
    const run = await runCli([], { stdin: readFileSync(join(FIXTURES, 'lhost-postfix-04.eml')) });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no input/);
  });
});

describe('--jsonl', () => {
  it('prints one well-formed line per message in a directory, in sorted order', async () => {
    const run = await runCli(['--jsonl', FIXTURES]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout);
    // README.md, LICENSE.txt and webmail/*.txt are not messages and are skipped.
    expect(records.map((r) => r.file)).toEqual(fixtureMessages);
    for (const record of records) {
      expectRecord(record);
      expect(record.kind).not.toBe('error');
    }
  });

  it('keeps status for what the message says: an implied status goes in impliedStatus', async () => {
    const run = await runCli(['--jsonl', join(FIXTURES, 'lhost-exim-08.eml'), join(FIXTURES, 'lhost-postfix-04.eml')]);
    const [noCode, withCode] = jsonLines(run.stdout).map((r) => (r.recipients as Record<string, unknown>[])[0]);
    expect(noCode).toMatchObject({ status: '', reply: '', reason: 'expired' });
    expect(noCode.impliedStatus).toMatch(/^[45]\.4\.7$/);
    expect(withCode).toMatchObject({ status: '5.1.1', impliedStatus: '', reason: 'userunknown' });
  });

  it('reads one message from standard input for -', async () => {
    const message = readFileSync(join(FIXTURES, 'lhost-postfix-04.eml'));
    const run = await runCli(['--jsonl', '-'], { stdin: message });
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout);
    expect(records).toHaveLength(1);
    expectRecord(records[0]);
    expect(records[0].file).toBe('-');
    expect(records[0].kind).not.toBe('error');
  });

  it('--text reads webmail text', async () => {
    const run = await runCli(['--jsonl', '--text', join(FIXTURES, 'webmail', 'lhost-postfix-04.txt')]);
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout);
    expect(records).toHaveLength(1);
    expectRecord(records[0]);
    expect(records[0].file).toBe('lhost-postfix-04.txt');
    expect(records[0].kind).not.toBe('error');
    // A folder of webmail texts is read whole with --text; without it, its .txt files are no messages.
    const folder = await runCli(['--jsonl', '--text', join(FIXTURES, 'webmail')]);
    expect(folder.code).toBe(0);
    expect(jsonLines(folder.stdout).map((r) => [r.file, r.kind])).toEqual([
      ['lhost-gmail-06.txt', 'delay'],
      ['lhost-postfix-04.txt', 'bounce'],
    ]);
    expect((await runCli(['--jsonl', join(FIXTURES, 'webmail')])).code).toBe(1);
  });
});

describe('walking directories', () => {
  it('walks recursively in sorted order: .eml and extension-less files, no dotfiles', async () => {
    const root = join(tmp, 'walk');
    const message = readFileSync(join(FIXTURES, 'lhost-qmail-17.eml'));
    for (const dir of ['b', 'a/deeper', '.hidden']) mkdirSync(join(root, dir), { recursive: true });
    const files = ['b/2.eml', 'a/deeper/1', 'a/0.EML', 'z.eml', 'notes.txt', '.dot.eml', '.hidden/x.eml', 'a/readme.md'];
    for (const file of files) writeFileSync(join(root, file), message);

    const run = await runCli(['--jsonl', root]);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((r) => r.file)).toEqual(['0.EML', '1', '2.eml', 'z.eml']);
    expect(jsonLines(run.stdout).map((r) => r.path)).toEqual(['a/0.EML', 'a/deeper/1', 'b/2.eml', 'z.eml'].map((f) => join(root, f)));
  });

  it("reads Apple Mail's .emlx files, each without its length line and trailing flags", async () => {
    const root = join(tmp, 'apple');
    mkdirSync(root, { recursive: true });
    // an automatic reply read as a bounce when its length line was left in front of its headers
    const names = ['rfc3834-05.eml', 'lhost-postfix-04.eml'];
    for (const name of names) {
      const message = readFileSync(join(FIXTURES, name));
      const plist = '<?xml version="1.0" encoding="UTF-8"?>\n<plist version="1.0"><dict><key>flags</key><integer>8590195713</integer></dict></plist>\n';
      writeFileSync(join(root, name.replace('.eml', '.emlx')), Buffer.concat([Buffer.from(`${message.length}        \n`), message, Buffer.from(plist)]));
    }
    const run = await runCli(['--jsonl', root]);
    expect(run.code).toBe(0);
    const alone = jsonLines((await runCli(['--jsonl', ...names.map((name) => join(FIXTURES, name))])).stdout);
    const records = jsonLines(run.stdout);
    expect(records.map((r) => r.file)).toEqual(['lhost-postfix-04.emlx', 'rfc3834-05.emlx']);
    alone.reverse();
    expect(records.map((r) => [r.kind, r.recipients])).toEqual(alone.map((r) => [r.kind, r.recipients]));
  });

  it('says so, and exits 1, when a folder holds files but none named as messages are', async () => {
    const root = join(tmp, 'outlook-export');
    mkdirSync(join(root, 'sub'), { recursive: true });
    writeFileSync(join(root, 'Undeliverable.msg'), Buffer.from('d0cf11e0a1b11ae1', 'hex'));
    writeFileSync(join(root, 'sub', 'notes.txt'), '550 5.1.1 user unknown');
    const run = await runCli(['--suppress-list', root]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${root}: no message in it: its 2 files (such as Undeliverable.msg) are not named as messages are`);
    // an empty folder (a Maildir's new/ with nothing new) is no error
    mkdirSync(join(tmp, 'empty', 'cur'), { recursive: true });
    mkdirSync(join(tmp, 'empty', 'new'), { recursive: true });
    writeFileSync(join(tmp, 'empty', 'dovecot-uidlist'), '3 V1765100000 N1 G1\n');
    const empty = await runCli(['--jsonl', join(tmp, 'empty'), join(tmp, 'empty', 'new')]);
    expect(empty).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('walks a folder nested 1,900 deep without overflowing the stack', async () => {
    const deep = join(tmp, 'deep', ...Array<string>(1900).fill('d'));
    mkdirSync(deep, { recursive: true });
    cpSync(join(FIXTURES, 'lhost-postfix-04.eml'), join(deep, 'x.eml'));
    try {
      const run = await runCli(['--jsonl', join(tmp, 'deep')]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(jsonLines(run.stdout).map((r) => [r.path, r.kind])).toEqual([[join(deep, 'x.eml'), 'bounce']]);
    } finally {
      // (taken down a level at a time: rmSync's own recursion overflows at this depth)
      rmSync(join(deep, 'x.eml'));
      for (let dir = deep; dir !== tmp; dir = dirname(dir)) rmdirSync(dir);
    }
  });

  it('tells files of the same name in two folders apart by their path', async () => {
    const root = join(tmp, 'twins');
    const message = readFileSync(join(FIXTURES, 'lhost-qmail-17.eml'));
    for (const dir of ['crlf', 'lf']) {
      mkdirSync(join(root, dir), { recursive: true });
      writeFileSync(join(root, dir, 'same.eml'), message);
    }
    const run = await runCli([root]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(join(root, 'crlf', 'same.eml'));
    expect(run.stdout).toContain(join(root, 'lf', 'same.eml'));
  });

  it('names files and directories in the order given', async () => {
    const run = await runCli(['--jsonl', join(FIXTURES, 'rfc3834-05.eml'), join(FIXTURES, 'arf-21.eml')]);
    expect(jsonLines(run.stdout).map((r) => r.file)).toEqual(['rfc3834-05.eml', 'arf-21.eml']);
  });
});

describe('inputs that cannot be read', () => {
  it('a missing path gives an error line, the run goes on, and the exit code is 1', async () => {
    const missing = join(tmp, 'no-such-file.eml');
    const run = await runCli(['--jsonl', join(FIXTURES, 'arf-21.eml'), missing, join(FIXTURES, 'rfc3834-05.eml')]);
    expect(run.code).toBe(1);
    const records = jsonLines(run.stdout);
    expect(records.map((r) => r.kind === 'error')).toEqual([false, true, false]);
    expectRecord(records[1]);
    expect(records[1].file).toBe('no-such-file.eml');
    expect(records[1].error).toContain(missing);
    expect(records[1].error).toMatch(/no such file/);
    expect(run.stderr).toMatch(/1 of 3 messages could not be read/);
    // the failed input is named on stderr too
    expect(run.stderr).toMatch(/no such file or directory/);
  });

  it('names a failed input on stderr without letting its name drive the terminal', async () => {
    const dir = join(tmp, 'hostile-names');
    mkdirSync(dir, { recursive: true });
    symlinkSync('nowhere', join(dir, 'bad\x1b]0;PWNED\x07\x1b[2Jname'));
    const run = await runCli([dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/bad.*PWNED.*name: no such file/);
    expect(run.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(run.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    // a name that looks like a flag (a glob in such a folder) is shown cleaned in the usage error
    const usage = await runCli(['-x\x1b]0;PWNED\x07']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/unknown option: -x.*PWNED/);
    expect(usage.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });

  it('the readable report shows the error too, with exit code 1', async () => {
    const run = await runCli([join(tmp, 'missing-too.eml')]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/missing-too\.eml.*error.*no such file/);
  });

  it('a file over the size limit is refused without being read', async () => {
    const big = join(tmp, 'huge.eml');
    writeFileSync(big, '');
    truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: costs no disk
    const run = await runCli(['--jsonl', big]);
    expect(run.code).toBe(1);
    const [record] = jsonLines(run.stdout);
    expectRecord(record);
    expect(record.kind).toBe('error');
    expect(record.error).toMatch(/over the \d+ MB limit/);
  });
});

describe('mbox files', () => {
  it('reads each message of an mbox file on its own, named by its place in the file', async () => {
    const one = readFileSync(join(FIXTURES, 'lhost-postfix-04.eml'), 'latin1');
    const two = readFileSync(join(FIXTURES, 'lhost-exim-08.eml'), 'latin1');
    const mbox = join(tmp, 'Bounces.mbox');
    writeFileSync(mbox, `From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n${one}\nFrom MAILER-DAEMON Mon Dec  7 10:05:00 2026\n${two}\n`, 'latin1');
    const run = await runCli(['--jsonl', mbox]);
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout);
    expect(records.map((r) => [r.file, r.path])).toEqual([['Bounces.mbox', `${mbox}#1`], ['Bounces.mbox', `${mbox}#2`]]);
    for (const record of records) expectRecord(record);
    // the same messages as files give the same verdicts
    const alone = jsonLines((await runCli(['--jsonl', join(FIXTURES, 'lhost-postfix-04.eml'), join(FIXTURES, 'lhost-exim-08.eml')])).stdout);
    expect(records.map((r) => r.recipients)).toEqual(alone.map((r) => r.recipients));
  });

  it('undoes the ">From " quoting of an mbox, in a file of several messages or of one', async () => {
    // rfc3834-05 (a vacation reply) opens with its own "From " line, which an mbox writer
    // saves as ">From ": left quoted, the message opens with no header and reads as a bounce.
    const vacation = readFileSync(join(FIXTURES, 'rfc3834-05.eml'), 'latin1');
    const bounce = readFileSync(join(FIXTURES, 'lhost-postfix-04.eml'), 'latin1');
    const quote = (message: string) => message.replace(/^(>*From )/gm, '>$1');
    const several = join(tmp, 'Several.mbox');
    const one = join(tmp, 'One.mbox');
    writeFileSync(several, `From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n${quote(vacation)}\nFrom MAILER-DAEMON Mon Dec  7 10:05:00 2026\n${quote(bounce)}\n`, 'latin1');
    writeFileSync(one, `From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n${quote(vacation)}\n`, 'latin1');
    const run = await runCli(['--jsonl', several, one]);
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout);
    const alone = jsonLines((await runCli(['--jsonl', join(FIXTURES, 'rfc3834-05.eml'), join(FIXTURES, 'lhost-postfix-04.eml'), join(FIXTURES, 'rfc3834-05.eml')])).stdout);
    expect(records.map((r) => r.kind)).toEqual(['autoreply', 'bounce', 'autoreply']);
    expect(records.map((r) => [r.kind, r.recipients])).toEqual(alone.map((r) => [r.kind, r.recipients]));
  });

  it("reads a Maildir's messages, whatever their names", async () => {
    const cur = join(tmp, 'Maildir', 'cur');
    mkdirSync(cur, { recursive: true });
    mkdirSync(join(tmp, 'Maildir', 'tmp'), { recursive: true });
    cpSync(join(FIXTURES, 'lhost-postfix-04.eml'), join(cur, '1765100000.M1P2.host:2,S'));
    writeFileSync(join(tmp, 'Maildir', 'tmp', '1765100001.M2P3.host'), 'half-written');
    writeFileSync(join(tmp, 'Maildir', 'tmp', '1765100003'), 'half-written, no host in its name');
    // the mail server's own files beside cur/ and new/, in the Maildir and in its Maildir++ folders
    writeFileSync(join(tmp, 'Maildir', 'dovecot-uidlist'), '3 V1765100000 N5 G1\n1 :1765100000.M1P2.host\n');
    writeFileSync(join(tmp, 'Maildir', 'subscriptions'), 'Bounces\n');
    mkdirSync(join(tmp, 'Maildir', 'new'), { recursive: true });
    mkdirSync(join(tmp, 'Maildir', '.Bounces', 'cur'), { recursive: true });
    cpSync(join(FIXTURES, 'lhost-postfix-04.eml'), join(tmp, 'Maildir', '.Bounces', 'cur', '1765100002.M3P4.host:2,S'));
    mkdirSync(join(tmp, 'Maildir', '.Bounces', 'new'), { recursive: true });
    writeFileSync(join(tmp, 'Maildir', '.Bounces', 'maildirfolder'), '');
    writeFileSync(join(tmp, 'Maildir', '.Bounces', 'dovecot-keywords'), '0 NonJunk\n');
    const run = await runCli(['--jsonl', join(tmp, 'Maildir')]);
    expect(run.code).toBe(0);
    const records = jsonLines(run.stdout);
    // (dot-folders are walked only in a Maildir, its Maildir++ folders)
    expect(records.map((r) => r.file)).toEqual(['1765100002.M3P4.host:2,S', '1765100000.M1P2.host:2,S']);
    expect(records.every((r) => r.kind === 'bounce')).toBe(true);
  });

  it("reads an Apple Mail export's mbox, not its index, nor a folder's icon file", async () => {
    const folder = join(tmp, 'Export', 'Bounces.mbox');
    mkdirSync(folder, { recursive: true });
    const one = readFileSync(join(FIXTURES, 'lhost-postfix-04.eml'), 'latin1');
    writeFileSync(join(folder, 'mbox'), `From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n${one}\nFrom MAILER-DAEMON Mon Dec  7 10:05:00 2026\n${one}\n`, 'latin1');
    writeFileSync(join(folder, 'table_of_contents'), Buffer.from('0000000100000002000000000000000300000000', 'hex'));
    writeFileSync(join(folder, 'Info.plist'), '<?xml version="1.0"?><plist/>');
    writeFileSync(join(tmp, 'Export', 'Icon\r'), '');
    const run = await runCli(['--jsonl', join(tmp, 'Export')]);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((r) => r.path)).toEqual([`${join(folder, 'mbox')}#1`, `${join(folder, 'mbox')}#2`]);
  });

  it('reads an mbox file over the one-message limit, but no other file of that size', async () => {
    const big = join(tmp, 'big-folder');
    writeFileSync(big, 'From MAILER-DAEMON Mon Dec  7 10:00:00 2026\nSubject: x\n\nbody\n');
    truncateSync(big, MAX_INPUT_BYTES + 1);
    const [record] = jsonLines((await runCli(['--jsonl', big])).stdout);
    expect(record.error).not.toMatch(/over the \d+ MB limit/);
  });
});

describe('files that are no raw message', () => {
  it('reads a gzip\'d message or mbox file, and refuses an Outlook .msg, an image or other binary data by name', async () => {
    const message = readFileSync(join(FIXTURES, 'lhost-postfix-04.eml'));
    const files: Record<string, Uint8Array> = {
      'bounce.eml.gz': gzipSync(message),
      'Bounces.mbox.gz': gzipSync(Buffer.concat([Buffer.from('From MAILER-DAEMON Mon Dec  7 10:00:00 2026\n'), message, Buffer.from('\nFrom MAILER-DAEMON Mon Dec  7 10:05:00 2026\n'), message])),
      'Undeliverable.msg': Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), Buffer.from('550 5.1.1 user unknown', 'utf16le')]),
      'screenshot.png': Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64)]),
      'blob': Buffer.from('Subject: x\0\0\0\x01\x02binary'),
      // a stray NUL does not make a real bounce binary
      'stray-nul.eml': Buffer.concat([message, Buffer.from('\0\n')]),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tmp, name), bytes);
    const run = await runCli(['--jsonl', ...Object.keys(files).map((name) => join(tmp, name))]);
    expect(run.code).toBe(1);
    const records = jsonLines(run.stdout);
    expect(records.map((r) => [r.path, r.kind])).toEqual([
      [join(tmp, 'bounce.eml.gz'), 'bounce'],
      [`${join(tmp, 'Bounces.mbox.gz')}#1`, 'bounce'],
      [`${join(tmp, 'Bounces.mbox.gz')}#2`, 'bounce'],
      [join(tmp, 'Undeliverable.msg'), 'error'],
      [join(tmp, 'screenshot.png'), 'error'],
      [join(tmp, 'blob'), 'error'],
      [join(tmp, 'stray-nul.eml'), 'bounce'],
    ]);
    expect(records[3].error).toMatch(/Undeliverable\.msg: an Outlook \.msg file/);
    expect(records[4].error).toMatch(/a PNG image, not a message/);
    expect(records[5].error).toMatch(/binary data, not a message/);
  });
});

describe('gzip\'d files', () => {
  it('stops a small file that unpacks to far more than a message at the one-message limit, and names a broken one', async () => {
    const bomb = join(tmp, 'bomb.eml.gz');
    writeFileSync(bomb, gzipSync(Buffer.alloc(MAX_INPUT_BYTES * 4, 'a'), { level: 1 }));
    const broken = join(tmp, 'broken.eml.gz');
    writeFileSync(broken, gzipSync(readFileSync(join(FIXTURES, 'lhost-postfix-04.eml'))).subarray(0, 200));
    const run = spawnSync(process.execPath, [BIN, '--jsonl', bomb, broken], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(1);
    const [big, cut] = jsonLines(run.stdout);
    expect(big.error).toMatch(/bomb\.eml\.gz \(unpacked\): more than [\d.]+ MB is over the 25 MB limit for one message/);
    expect(cut.error).toMatch(/broken\.eml\.gz \(unpacked\): unexpected end of file/);
  });
});

describe('text encodings', () => {
  it('reads a message saved as UTF-16 (with or without a byte order mark) or UTF-8 with one, as the message', async () => {
    const message = readFileSync(join(FIXTURES, 'lhost-postfix-04.eml'), 'latin1');
    const be = Buffer.from(message, 'utf16le').swap16();
    const files: Record<string, Uint8Array> = {
      'le.eml': Buffer.concat([Buffer.from('fffe', 'hex'), Buffer.from(message, 'utf16le')]),
      'be.eml': Buffer.concat([Buffer.from('feff', 'hex'), be]),
      'le-no-bom.eml': Buffer.from(message, 'utf16le'),
      'utf8-bom.eml': Buffer.concat([Buffer.from('efbbbf', 'hex'), Buffer.from(message, 'latin1')]),
    };
    for (const [name, bytes] of Object.entries(files)) writeFileSync(join(tmp, name), bytes);
    const alone = jsonLines((await runCli(['--jsonl', join(FIXTURES, 'lhost-postfix-04.eml')])).stdout)[0];
    const run = await runCli(['--jsonl', ...Object.keys(files).map((name) => join(tmp, name))]);
    expect(run.code).toBe(0);
    for (const record of jsonLines(run.stdout)) {
      expect(record.kind).toBe('bounce');
      expect(record.recipients).toEqual(alone.recipients);
    }
  });
});

describe('readable report', () => {
  it('counts no recipient of a delay notice as failed in the summary', async () => {
    // Two delay notices (Action: delayed, 4.4.7): nothing failed yet.
    const delayed = (n: number) =>
      `From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\r\nTo: sam@example.net\r\nSubject: Delivery Status Notification (Delay)\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nDelivery to kim${n}@example.org is delayed. The server will keep trying.\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; kim${n}@example.org\r\nAction: delayed\r\nStatus: 4.4.7\r\nDiagnostic-Code: smtp; 451 4.4.7 delivery temporarily suspended\r\n--b--\r\n`;
    for (const n of [1, 2]) writeFileSync(join(tmp, `delay-${n}.eml`), delayed(n));
    const run = await runCli([join(tmp, 'delay-1.eml'), join(tmp, 'delay-2.eml')]);
    expect(run.stdout).toContain('2 messages: 2 delay notices');
    expect(run.stdout).not.toContain('Failed recipients by reason');
  });

  it('names each message and has no colour codes when not on a terminal', async () => {
    const run = await runCli([FIXTURES]);
    expect(run.code).toBe(0);
    for (const file of fixtureMessages) expect(run.stdout).toContain(file);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toMatch(new RegExp(`${fixtureMessages.length} messages: `));
    // as many addresses to suppress as --jsonl advises, each counted once
    const jsonl = jsonLines((await runCli(['--jsonl', FIXTURES])).stdout);
    const dead = new Set(jsonl.flatMap((r) => (r.recipients as { recipient: string; suppress: boolean }[]).filter((x) => x.suppress && x.recipient).map((x) => x.recipient)));
    expect(dead.size).toBeGreaterThan(0);
    expect(run.stdout).toContain(`; ${dead.size} address${dead.size === 1 ? '' : 'es'} to suppress`);
    // and the failed recipients counted by reason, as --jsonl gives them
    const tally = new Map<string, number>();
    for (const r of jsonl.filter((x) => x.kind !== 'delay').flatMap((x) => x.recipients as { reason: string; action: string }[])) {
      if (!['delivered', 'feedback', 'vacation'].includes(r.reason) && r.action !== 'delayed') tally.set(r.reason, (tally.get(r.reason) ?? 0) + 1);
    }
    const line = run.stdout.split('\n').find((l) => l.startsWith('Failed recipients by reason: '));
    expect(line).toBeDefined();
    const shown = new Map(line!.slice('Failed recipients by reason: '.length).split(', ').map((part) => {
      const [n, reason] = part.split(' ');
      return [reason, Number(n)] as const;
    }));
    expect(shown).toEqual(tally);
  });
});

describe('--suppress-list', () => {
  it('prints only the addresses to stop mailing, each once, and nothing else', async () => {
    const run = await runCli(['--suppress-list', FIXTURES, FIXTURES]);
    expect(run.code).toBe(0);
    const listed = run.stdout.split('\n').filter(Boolean);
    const jsonl = jsonLines((await runCli(['--jsonl', FIXTURES])).stdout);
    const expected = [...new Set(jsonl.flatMap((r) => (r.recipients as { recipient: string; sentTo: string; suppress: boolean }[]).filter((x) => x.suppress && (x.sentTo || x.recipient)).map((x) => x.sentTo || x.recipient)))];
    expect(listed).toEqual(expected);
    expect((await runCli(['--suppress-list', '--jsonl', FIXTURES])).code).toBe(2);
  });
});

describe('explain', () => {
  it('--json has the documented shape', async () => {
    const run = await runCli(['explain', '--json', '550', '5.1.1']);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { query: string; results: Record<string, unknown>[] };
    expect(json.query).toBe('550 5.1.1');
    expect(json.results.length).toBeGreaterThan(0);
    for (const result of json.results) expectExplainResult(result);
    expect(json.results.some((r) => r.status === '5.1.1')).toBe(true);
  });

  it('the readable form names the code', async () => {
    const run = await runCli(['explain', '5.7.26']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('5.7.26');
    expect(run.stdout).not.toContain('\x1b[');
  });

  it('says before the results when one code has several readings', async () => {
    const run = await runCli(['explain', '5.2.2']);
    expect(run.stdout.split('\n')[0]).toMatch(/^5\.2\.2 has 2 possible readings below\./);
    const json = JSON.parse((await runCli(['explain', '--json', '5.2.2'])).stdout) as { note?: string };
    expect(json.note).toMatch(/possible readings/);
    expect(JSON.parse((await runCli(['explain', '--json', '5.7.26'])).stdout)).not.toHaveProperty('note');
  });

  it('- explains text from standard input', async () => {
    const run = await runCli(['explain', '--json', '-'], { stdin: "Remote Server returned '550 5.1.1 mailbox not found'\n" });
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { query: string; results: Record<string, unknown>[] };
    expect(json.query).toContain('550 5.1.1 mailbox not found');
    for (const result of json.results) expectExplainResult(result);
  });

  it('calls a success reply no failure, neither permanent nor temporary', async () => {
    const run = await runCli(['explain', '250']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('not a failure');
    expect(run.stdout).not.toMatch(/· (temporary|permanent) ·/);
  });

  it('exits 1 when it finds nothing to explain, so scripts can tell', async () => {
    const run = await runCli(['explain', 'hello', 'there']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/No SMTP code or provider token/);
    expect((await runCli(['explain', '--json', 'hello'])).code).toBe(1);
  });

  it('needs a query', async () => {
    const run = await runCli(['explain', '--json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/needs a query/);
  });

  it('rejects unknown flags', async () => {
    const run = await runCli(['explain', '--jsonl', '550']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--jsonl');
  });
});

describe('output that cannot be written', () => {
  it.runIf(existsSync('/dev/full'))('a full disk ends the run with one line saying so, exit 1, no stack trace', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync(process.execPath, [BIN, '--jsonl', FIXTURES], { cwd: repoRoot, stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stderr).toMatch(/^bounce-inspect: could not write the output: ENOSPC: no space left on device/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    } finally {
      closeSync(full);
    }
  });
});

describe('bin/bounce-inspect.mjs', () => {
  it('builds dist/cli.mjs first when it is missing, keeping stdout clean', () => {
    // A fresh copy of the package without dist/, as after a checkout that skipped `prepare`.
    const pkg = join(tmp, 'fresh-package');
    for (const path of ['bin', 'cli', 'lib', 'package.json', 'scripts/build-cli.mjs']) {
      cpSync(join(repoRoot, path), join(pkg, path), { recursive: true });
    }
    symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'), 'dir');
    expect(existsSync(join(pkg, 'dist', 'cli.mjs'))).toBe(false);

    const run = spawnSync(process.execPath, [join(pkg, 'bin', 'bounce-inspect.mjs'), '--jsonl', join(FIXTURES, 'arf-21.eml')], {
      cwd: tmp,
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(existsSync(join(pkg, 'dist', 'cli.mjs'))).toBe(true);
    const records = jsonLines(run.stdout);
    expect(records).toHaveLength(1);
    expectRecord(records[0]);

    // Edited sources are built again before they run: a changed label shows at once.
    const report = join(pkg, 'cli', 'report.ts');
    writeFileSync(report, readFileSync(report, 'utf8').replace("'not a bounce'", "'NOT A BOUNCE (edited)'"));
    utimesSync(report, new Date(), new Date(Date.now() + 5000));
    const again = spawnSync(process.execPath, [join(pkg, 'bin', 'bounce-inspect.mjs'), join(repoRoot, 'package.json')], { cwd: tmp, encoding: 'utf8' });
    expect(again.stdout).toContain('NOT A BOUNCE (edited)');
  });
});
