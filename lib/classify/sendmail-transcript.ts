/**
 * Sendmail's report, read beside scan-text.ts's general rules: its list of failed addresses
 * ("----- The following addresses had permanent fatal errors -----") and its transcript of
 * session, where a host's block ("While talking to …", ">>> RCPT To:<…>", "<<< 550 …") comes
 * before the summary line naming its recipient ("554 <ann@…>... Service unavailable"). The
 * scanner lets it see each heading, each line naming recipients and each line naming no one
 * while a block is open; it says when the scanner's current recipient ends, and hands each
 * block's lines to their recipients.
 */
import type { Slot } from './scan-text';

/**
 * Sendmail's transcript: a host's block opens with "While talking to mx.example.org:" (V5) or
 * "... while talking to mx.example.org.:" (V8), or with the summary of a host that was never
 * reached ("550 beta.example (smtp)... 550 Host unknown"); a recipient's own summary line
 * ("554 <ann@…>... Service unavailable", "550 5.1.1 <cat@…>... User unknown") closes it.
 */
const SENDMAIL_HOST_OPENER = /^(?:\.\.\. )?while talking to ([^\s:]{1,255}):|^\d{3} ([a-z0-9.-]{1,255}) \([a-z]{1,10}\)\.\.\. /i;
/** V8's line closing a block refused at DATA, naming no one: "554 5.0.0 Service unavailable" (read only on lines that name no one). */
const BLOCK_END = /^\d{3} [245]\.\d{1,3}\.\d{1,3} /;
/** How many blocks may wait for a recipient at their host. */
const MAX_PARKED = 16;
const SENDMAIL_TALKING = /^(?:\.\.\. )?while talking to /i;
/** The heading of Sendmail's transcript. */
const SENDMAIL_TRANSCRIPT = /^-+ ?transcript of session follows/i;
/** The heading of Sendmail's list of failed addresses. */
const SENDMAIL_FAILED_LIST = /^-+ ?the following addresses had (?:permanent fatal|transient non-fatal) errors/i;
const SENDMAIL_PERMANENT_LIST = /permanent fatal errors/i;
const SENDMAIL_CLOSER = /^(?:\d{3}(?: [245]\.\d{1,3}\.\d{1,3})? )?<[^<>\s]{1,320}>\.\.\. /;
/** Sendmail 8.8 and 8.9 wrote it without angle brackets ("550 ben@…... User unknown"): read so only inside a transcript. */
const BARE_CLOSER = /^\d{3}(?: [245]\.\d{1,3}\.\d{1,3})? [^<>\s@]{1,64}@[^<>\s]{1,255}?\.\.\. /;
/** How many blocks naming no one are matched to recipients by their host. */
const MAX_HOST_LOOKUPS = 64;
/** How many lines of a transcript wait for their recipient. */
const MAX_PENDING = 40;

export class SendmailTranscript {
  /**
   * A Sendmail transcript's lines for a recipient not yet named: its host's block ("While talking
   * to …", ">>> DATA", "<<< 554 …") comes before the line naming the recipient ("554 <ben@…>...
   * Service unavailable"), which closes it. They go to the next recipient named, not the last.
   */
  private pending: string[] | undefined;
  /**
   * The recipient whose lines a host's block interrupted, not closed by a summary line of its
   * own (Sendmail's list of failed addresses, then the transcript): the block is its, unless the
   * block names another.
   */
  private interrupted: Slot | undefined;
  /** The host the pending block is about ('' when unknown), and blocks no recipient was named for yet, by host. */
  private blockHost = '';
  private readonly parked: { host: string; lines: string[] }[] = [];
  private hostLookups = 0;
  /**
   * In Sendmail's list of failed addresses: it writes "(reason: …)" under an address only where
   * a server replied, so an address with none stands right above another's reason, which is
   * not its own. No address there shares the lines below another.
   */
  private inFailedList = false;
  /**
   * Addresses of Sendmail's list of permanent failures, and those a summary line of their own has
   * closed since. (Not its list of transient ones: still queued, they were not refused, and a
   * block naming no one, of a refusal that ended the report, is not theirs.)
   */
  private readonly listed: Slot[] = [];
  private permanentList = false;
  private readonly closed = new Set<Slot>();
  /** A Sendmail transcript has begun (its heading, or a host's block). */
  private inTranscript = false;
  /**
   * The host of the transcript's session now open: a refusal at DATA after a recipient's own
   * summary line ("550 5.1.1 <kim@…>... User unknown", ">>> DATA", "<<< 550 5.7.1 …") is of the
   * same session, so its host's.
   */
  private sessionHost = '';

  /**
   * `byAddress`: the scanner's recipients, which a block naming no one is matched to by host;
   * `collect` gives a recipient a line; `preamble` takes the lines that are no one's.
   */
  constructor(
    private readonly byAddress: ReadonlyMap<string, Slot>,
    private readonly collect: (slot: Slot, line: string) => void,
    private readonly preamble: string[],
  ) {}

  /** Are the addresses read now each with lines of their own (see inFailedList)? */
  get ownLines(): boolean {
    return this.inFailedList;
  }

  /** Is a host's block open, so that a line naming no one is the block's (blockLine, endTranscript)? */
  get blockOpen(): boolean {
    return this.pending !== undefined;
  }

  /** A dash heading (without quote marks). True when it starts the transcript, which no recipient read before owns. */
  onHeading(heading: string): boolean {
    this.inFailedList = SENDMAIL_FAILED_LIST.test(heading);
    this.permanentList = this.inFailedList && SENDMAIL_PERMANENT_LIST.test(heading);
    // The transcript's blocks are no longer the list's last address's lines: what comes before
    // a line naming someone waits for that line ("mail.local: unknown user: kim", then "554
    // <kim@…>... Service unavailable").
    if (!SENDMAIL_TRANSCRIPT.test(heading)) return false;
    this.inTranscript = true;
    // (A second transcript's heading ends the block still open from the first: it is settled as
    // any block that ends is, never dropped.)
    if (this.pending?.length) this.settle(this.pending, this.blockHost);
    this.interrupted = undefined;
    this.pending = [];
    this.blockHost = this.sessionHost = '';
    return true;
  }

  /**
   * A line naming no one, which may be a Sendmail host's line. True when it starts a new block,
   * which `current` (the scanner's current recipient) no longer owns.
   */
  opensBlock(line: string, current: Slot | undefined): boolean {
    // A Sendmail host's line: "While talking to …", or a host's summary ("550 nohost.example
    // (smtp)... 550 Host unknown"). (Only lines starting with ".", "W", "w" or a reply code can
    // be one: most lines are read past.)
    const first = line.charCodeAt(0);
    if (!(first === 46 || first === 87 || first === 119 || (first >= 48 && first <= 57 && line.includes(')... ')))) return false;
    const opens = SENDMAIL_HOST_OPENER.exec(line);
    if (!opens) return false;
    const host = (opens[1] ?? opens[2] ?? '').toLowerCase().replace(/\.$/, '');
    this.inTranscript = true;
    // It starts a new block, except a summary of the same host inside a block that has lines and
    // names no one yet ("While talking to example.edu:" ... "421 example.edu (smtp)...
    // Deferred"), which is that block's own. The block it ends is settled (see `settle`: its
    // host's recipients, the one it interrupted, the one listed address still open, or later),
    // as a blank line does, never dropped.
    if (this.pending?.length && !SENDMAIL_TALKING.test(line) && (!this.blockHost || host === this.blockHost)) return false;
    if (!this.pending) this.interrupted = current;
    this.settle(this.pending ?? [], this.blockHost);
    this.pending = [];
    this.blockHost = this.sessionHost = host;
    return true;
  }

  /** A line names recipients, `first` the first of them: the blocks waiting for it are its. */
  onNamed(first: Slot): void {
    for (let i = 0; i < this.parked.length; i++) {
      if (!atHost(this.parked[i].host, first.recipient.address)) continue;
      for (const p of this.parked[i].lines) this.collect(first, p);
      this.parked.splice(i--, 1);
    }
    if (this.pending) {
      for (const p of this.pending) this.collect(first, p);
      this.pending = undefined;
      this.blockHost = '';
    }
    this.interrupted = undefined;
  }

  /** The recipients a line names, noted if it is in the list of permanent failures. */
  noteListed(named: readonly Slot[]): void {
    if (this.permanentList) for (const slot of named) if (!this.listed.includes(slot) && this.listed.length < MAX_PARKED) this.listed.push(slot);
  }

  /**
   * A line naming recipients that may be their summary line: true when it is, closing their
   * block (the lines below are no longer theirs, and wait for the next recipient named).
   */
  closes(line: string, named: readonly Slot[]): boolean {
    if (!(line.includes('... ') && (SENDMAIL_CLOSER.test(line) || (this.inTranscript && BARE_CLOSER.test(line))))) return false;
    for (const slot of named) this.closed.add(slot);
    this.pending = [];
    this.blockHost = this.sessionHost;
    return true;
  }

  /** A line that is not blank and names no one, while a block is open: it waits with the block's lines. */
  blockLine(line: string): void {
    const pending = this.pending;
    if (!pending || line === '') return;
    // V8 closes a block refused at DATA with a line naming no one ("<<< 554 5.7.1 …", then
    // "554 5.0.0 Service unavailable"): the block ends there, and is its host's recipient's.
    const ends = pending.length > 0 && pending[pending.length - 1].startsWith('<<<') && BLOCK_END.test(line);
    if (pending.length < MAX_PENDING) pending.push(line);
    if (ends) {
      this.settle(pending, this.blockHost);
      this.pending = [];
      this.blockHost = '';
    }
  }

  /**
   * A blank line while a block is open ends the transcript: what is left is its host's or the
   * interrupted recipient's, or no one's. Returns the recipient whose lines the scanner reads on
   * (the interrupted one, if any).
   */
  endTranscript(): Slot | undefined {
    this.settle(this.pending ?? [], this.blockHost);
    const resumed = this.interrupted;
    this.pending = this.interrupted = undefined;
    this.blockHost = '';
    return resumed;
  }

  /** The text has ended: the open block is settled, and the blocks still waiting go to the one listed address still open, else to no one. */
  finish(): void {
    this.settle(this.pending ?? [], this.blockHost);
    for (const block of this.parked) {
      const last = this.onlyOpen();
      if (last) for (const p of block.lines) this.collect(last, p);
      else this.preamble.push(...block.lines);
    }
  }

  /**
   * A block that ended naming no one goes to the recipient at its host's domain, else to the
   * recipient it interrupted, else waits for a recipient at that domain named later (V5 names
   * "<ann@alpha.example>... Cannot send message for 5 days" after other hosts' blocks), else to
   * no one.
   */
  private settle(lines: readonly string[], host: string): void {
    if (!lines.length) return;
    const at = this.slotsAt(host);
    const targets = at.length ? at : [this.interrupted ?? this.onlyOpen()].filter((s): s is Slot => s !== undefined);
    for (const target of targets) for (const p of lines) this.collect(target, p);
    if (targets.length) return;
    if (host && this.parked.length < MAX_PARKED) this.parked.push({ host, lines: [...lines] });
    else this.preamble.push(...lines);
  }

  /** The one listed address no summary line has closed yet (a block naming no one is its), if exactly one. */
  private onlyOpen(): Slot | undefined {
    const open = this.listed.filter((slot) => !this.closed.has(slot));
    return open.length === 1 ? open[0] : undefined;
  }

  /**
   * The recipients at `host`'s domain a block naming no one is about: those no summary line of
   * their own has closed (a refusal at DATA answers every recipient of the transaction), else the
   * first.
   */
  private slotsAt(host: string): Slot[] {
    // (Each lookup reads every recipient: a hostile text of thousands of blocks gets a bounded number.)
    if (!host || ++this.hostLookups > MAX_HOST_LOOKUPS) return [];
    const at: Slot[] = [];
    const matches = hostMatcher(host);
    for (const slot of this.byAddress.values()) if (matches(slot.recipient.address) && at.length < MAX_PARKED) at.push(slot);
    const open = at.filter((slot) => !this.closed.has(slot));
    return open.length ? open : at.slice(0, 1);
  }
}

/**
 * Is `address` at `host`'s domain ("kim@alpha.example" at "mx.alpha.example")? At a provider
 * whose servers take mail for other domains, only where the server's first label names the
 * address's domain, as Microsoft names each domain's ("alpha-example.mail.protection.outlook.com"
 * is alpha.example's, "hotmail-com.olc.protection.outlook.com" hotmail.com's): not its other
 * customers' recipients at the provider's own domain (outlook.com, google.com).
 */
function atHost(host: string, address: string): boolean {
  return hostMatcher(host)(address);
}

/** atHost() for one host, its provider test done once. */
function hostMatcher(host: string): (address: string) => boolean {
  const shared = SHARED_MX.test(host);
  return (address) => {
    const domain = address.slice(address.lastIndexOf('@') + 1);
    if (domain === '') return false;
    if (shared) return host.startsWith(`${domain.replaceAll('.', '-')}.`);
    return host === domain || host.endsWith(`.${domain}`);
  };
}

/** Servers that take mail for their customers' domains, under the provider's own. */
const SHARED_MX = /\.(?:(?:mail\.|olc\.)?protection\.outlook\.com|l\.google\.com|googlemail\.com|pphosted\.com|mimecast\.com|messagelabs\.com)$/;
