/**
 * A local delivery program's exit status (sysexits.h, 64-78), as Sendmail reports it in a
 * Diagnostic-Code of type X-Unix ("X-Unix; 75"). Only three say "try again later": EX_OSERR (71),
 * EX_IOERR (74) and EX_TEMPFAIL (75), which Sendmail answers with 451 or 450 and 4.0.0; every
 * other exit is final (5xx). (Postfix writes the words instead: "x-unix; temporary failure".)
 */

export interface LocalExit {
  code: number;
  /** The sysexits.h name. */
  name: string;
  /** What the program said by it, in our words. */
  meaning: string;
  temporary: boolean;
}

const EXITS: Readonly<Record<number, readonly [name: string, meaning: string, temporary?: true]>> = {
  64: ['EX_USAGE', 'the program was called the wrong way (a usage error in its command line)'],
  65: ['EX_DATAERR', 'the program found the message data malformed'],
  66: ['EX_NOINPUT', 'the program could not open its input'],
  67: ['EX_NOUSER', 'the program did not know the addressee'],
  68: ['EX_NOHOST', 'the program did not know the host named'],
  69: ['EX_UNAVAILABLE', 'a service the program needs is unavailable'],
  70: ['EX_SOFTWARE', 'the program hit an internal software error'],
  71: ['EX_OSERR', 'the operating system failed the program (out of memory or processes, say)', true],
  72: ['EX_OSFILE', 'a system file the program needs is missing or unreadable'],
  73: ['EX_CANTCREAT', 'the program could not create its output (the mailbox file)'],
  74: ['EX_IOERR', 'the program hit an input/output error', true],
  75: ['EX_TEMPFAIL', 'the program failed for now and asked for a later retry', true],
  76: ['EX_PROTOCOL', 'the program got an answer it could not understand from a server it talked to'],
  77: ['EX_NOPERM', 'the program lacked the permission to deliver'],
  78: ['EX_CONFIG', 'the program found its own configuration wrong'],
};

/** The X-Unix type named before the number, optional: the classifier has stripped it already. */
const EXIT_TEXT = /^\s*(?:diagnostic-code:\s*)?(?:x-unix;\s*)?(\d{2})\s*$/i;

/**
 * The exit status a diagnostic consists of ("75", "X-Unix; 75"), undefined for anything else
 * (words, or a number outside 64-78).
 */
export function localExit(diagnostic: string): LocalExit | undefined {
  const m = diagnostic.length <= 64 ? EXIT_TEXT.exec(diagnostic) : null;
  const code = m ? Number(m[1]) : NaN;
  const exit = EXITS[code];
  return exit ? { code, name: exit[0], meaning: exit[1], temporary: exit[2] === true } : undefined;
}
