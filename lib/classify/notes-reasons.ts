/**
 * Lotus Notes' (Domino's) list of failed recipients, read beside scan-text.ts's general rules:
 * under its "------- Failure Reasons --------" heading it writes each reason above its
 * address, where other reports write it below.
 */
import type { Slot } from './scan-text';

/** Lotus Notes' list of recipients, each under its reason. */
const NOTES_REASONS = /^-+ {0,4}failure reasons {0,4}-+$/i;
const MAX_REASON_ABOVE = 4;

export class NotesReasons {
  /**
   * Lotus Notes' "------- Failure Reasons --------" writes each reason above its address: the
   * lines since the last address, waiting for the next (undefined outside that list).
   */
  private reasonAbove: string[] | undefined;

  constructor(private readonly collect: (slot: Slot, line: string) => void) {}

  /** Inside the list: no recipient is current there, as the lines below an address are the next one's. */
  get inList(): boolean {
    return this.reasonAbove !== undefined;
  }

  /** A dash heading (without quote marks) opens the list or ends it; true when it opens it. */
  onHeading(heading: string): boolean {
    this.reasonAbove = NOTES_REASONS.test(heading) ? [] : undefined;
    return this.reasonAbove !== undefined;
  }

  /** A line names recipients: the reason waiting above is the first one's. */
  onNamed(first: Slot): void {
    if (this.reasonAbove?.length) {
      for (const p of this.reasonAbove) this.collect(first, p);
      this.reasonAbove = [];
    }
  }

  /** A line naming no one: inside the list, words (not a blank line or a heading) wait for the next address. True when taken. */
  takes(heading: string, line: string): boolean {
    if (!this.reasonAbove || heading === '' || heading.startsWith('---')) return false;
    if (this.reasonAbove.length < MAX_REASON_ABOVE) this.reasonAbove.push(line);
    return true;
  }
}
