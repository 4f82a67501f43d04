import { classify } from './lib';
import { readFileSync } from 'node:fs';
const cases = JSON.parse(readFileSync('/tmp/review/cases.json', 'utf8'));
for (const c of cases) {
  const r: any = await classify(c.text, c.opts ?? {});
  if (r.kind === 'error') { console.log(c.name, 'ERROR', r.error); continue; }
  console.log(`== ${c.name}: kind=${r.kind}`);
  for (const v of r.recipients) console.log(`   ${JSON.stringify(v.recipient)} reason=${v.reason} hard=${v.hard} status=${v.status} reply=${v.reply} refusedWith=${v.refusedWith ?? ''} basis=${v.basis}`);
}
