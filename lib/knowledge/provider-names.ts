/**
 * Each recognised provider's name as people know it, for advice and for the classifier's words
 * on how it decided ("Gmail's documented response ..."): its own module, so neither depends on
 * the other's texts.
 */
import type { ProviderId } from '../types';

export const PROVIDER_NAMES: Readonly<Record<ProviderId, string>> = {
  google: 'Gmail',
  microsoft: 'Microsoft',
  yahoo: 'Yahoo',
  apple: 'iCloud',
  amazon: 'Amazon SES',
  comcast: 'Comcast',
  cox: 'Cox',
  spectrum: 'Spectrum',
  godaddy: 'GoDaddy',
  gmx: 'GMX / WEB.DE',
  mailru: 'Mail.ru',
  yandex: 'Yandex',
  zoho: 'Zoho',
  proton: 'Proton',
  tencent: 'QQ Mail',
  netease: 'NetEase Mail (163.com)',
  orange: 'Orange',
  telekom: 'Telekom (T-Online)',
  mimecast: 'Mimecast',
  proofpoint: 'Proofpoint',
  barracuda: 'Barracuda',
  sophos: 'Sophos Email',
  spamhaus: 'Spamhaus',
  cloudmark: 'Cloudmark',
  '': '',
};
