/**
 * Row shapes of the knowledge tables. The tables themselves are plain TypeScript data (generated
 * once from ../shared/reference/*.json, then edited by hand); nothing is read at run time.
 */
import type { Layer, Reason } from '../reasons';
import type { ProviderId, RetryPolicy, WhoActs } from '../types';
import type { HelpId } from './help-links';

/** Which authentication record a row is about, to make the next steps precise. */
export type AuthFocus = 'spf' | 'dkim' | 'dmarc' | 'align' | 'ptr' | 'tls';

export type Confidence = 'high' | 'medium' | 'low';

/** One enhanced status code of the IANA registry, in registry form ('X.1.1'). */
export interface StatusRow {
  /** Stable id: 'status.X.1.1'. */
  readonly id: string;
  /** Registry form, class written as X. */
  readonly code: string;
  /** The registry's own sample text: the short official name of the code. */
  readonly title: string;
  /** What it means, in our words. */
  readonly meaning: string;
  /** A reply line with the code in its usual class; lookup() must resolve it to this row. */
  readonly sample: string;
  /** Reason when the code comes with class 5 (or 2). */
  readonly reason: Reason;
  /** Reason when the code comes with class 4. */
  readonly reasonTransient: Reason;
  readonly layer: Layer;
  /** Class digits the code is seen with. */
  readonly classes: readonly ('2' | '4' | '5')[];
  /** What the registry says about the class to use. */
  readonly classGuidance: string;
  readonly deprecated?: true;
  readonly source: string;
}

/** One basic reply code (RFC 5321 section 4.2.3 and extensions). */
export interface ReplyRow {
  /** Stable id: 'reply.550'. */
  readonly id: string;
  readonly code: string;
  readonly title: string;
  readonly meaning: string;
  /** A reply line with the code; lookup() must resolve it to this row. */
  readonly sample: string;
  readonly reason: Reason;
  readonly layer: Layer;
  /** 'rfc5321' or 'extension'. */
  readonly group: 'rfc5321' | 'extension';
  readonly source: string;
}

/** One provider-specific response. */
export interface ProviderRow {
  /** Stable id: 'google.5.7.26.dmarc', 'microsoft.S3150'. */
  readonly id: string;
  readonly provider: ProviderId;
  readonly reason: Reason;
  /** Permanence of the condition itself; the class digit of a real reply wins. */
  readonly permanent: boolean;
  readonly whoActs: WhoActs;
  readonly title: string;
  readonly meaning: string;
  /** Codes the provider sends with it, when fixed. */
  readonly reply?: string;
  readonly status?: string;
  /** A range of private detail codes (inclusive), e.g. Microsoft 5.7.600 to 5.7.649. */
  readonly statusRange?: readonly [string, string];
  /** Lower-case substrings; any one of them recognises the row. */
  readonly texts: readonly string[];
  /** Lower-case substrings that must all occur as well. */
  readonly all?: readonly string[];
  /**
   * Lower-case substrings that void the row: the reply goes on to say something else (GMX's
   * generic first line "mailbox unavailable" followed by the line that counts).
   */
  readonly unless?: readonly string[];
  /** Confirmation run only after a text hit; linear, anchored to a short token. */
  readonly re?: RegExp;
  /** Provider tokens in canonical case ('S3150', 'TSS04', 'p=NoSuchUser'); matched exactly. */
  readonly tokens?: readonly string[];
  /** The text is generic: only trust it when the provider is recognised in the message. */
  readonly needsProvider?: true;
  /**
   * A public blocklist any receiver may consult and quote ("blocked using
   * b.barracudacentral.org" from a Postfix MX): the row speaks whoever answered, as the rows of
   * the providers that are only lists (advice-texts.ts LISTS) do.
   */
  readonly publicList?: true;
  /** Identifies the provider only; never a verdict of its own. */
  readonly marker?: true;
  /** The provider says the account does not exist: suppress the address. */
  readonly dead?: true;
  /**
   * The provider documents this registered code with another meaning than the registry's
   * (Gmail 4.7.27 = SPF failed, Exchange Online 5.2.2 = sending quota): lookup() of the bare
   * code shows this reading next to the registry meaning.
   */
  readonly reusesCode?: true;
  /** Overrides of the reason's usual advice. */
  readonly senderSignal?: boolean;
  readonly retry?: RetryPolicy['kind'];
  readonly focus?: AuthFocus;
  /** One concrete step specific to this response, shown first. */
  readonly step?: string;
  readonly help?: HelpId;
  /** A short reply text this row must recognise (tested). */
  readonly sample: string;
  readonly source: string;
  readonly confidence: Confidence;
}
