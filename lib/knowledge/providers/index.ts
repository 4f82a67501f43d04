/**
 * All provider rows. The order here is by provider and carries no precedence (see
 * ../provider-match.ts): mailbox providers first, then access providers, regional providers,
 * and filters and blocklists that any receiver may use.
 */
import type { ProviderRow } from '../schema';
import { APPLE_ROWS } from './apple';
import { FILTERS_ROWS } from './filters';
import { GOOGLE_ROWS } from './google';
import { ISPS_ROWS } from './isps';
import { MICROSOFT_ROWS } from './microsoft';
import { REGIONAL_ROWS } from './regional';
import { YAHOO_ROWS } from './yahoo';

export const PROVIDER_ROWS: readonly ProviderRow[] = [
  ...GOOGLE_ROWS,
  ...MICROSOFT_ROWS,
  ...YAHOO_ROWS,
  ...APPLE_ROWS,
  ...ISPS_ROWS,
  ...REGIONAL_ROWS,
  ...FILTERS_ROWS,
];
