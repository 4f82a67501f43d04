import { classify } from './lib';
import { lookup } from './lib/knowledge';
const MB = 1024*1024;
async function t(name: string, input: string, text = true) {
  const s = performance.now();
  let r: any;
  try { r = await classify(input, text ? { text: true } : undefined); } catch (e) { console.log('THROW', name, e); return; }
  const ms = performance.now() - s;
  console.log(`${name.padEnd(40)} len=${input.length} ${ms.toFixed(1)}ms kind=${r.kind} n=${r.recipients?.length ?? r.error}`);
}
async function L(name: string, input: string) {
  const s = performance.now();
  let r: any;
  try { r = await lookup(input); } catch (e) { console.log('THROW', name, e); return; }
  const ms = performance.now() - s;
  console.log(`L ${name.padEnd(38)} len=${input.length} ${ms.toFixed(1)}ms res=${r.results?.length} ${r.message?.slice(0,60) ?? ''}`);
}
const sample = `Delivery to the following recipients failed permanently:\n\n     kim@example.org\n\nTechnical details of permanent failure:\n550 5.1.1 The email account that you tried to reach does not exist.\n`;
await t('warm', sample); await t('warm', sample);
for (const k of [1,2]) {
  const n = 1000*k;
  await t(`typical`, sample);
  // addresses only lines then long block
  let s = 'Delivery to the following recipients failed permanently:\n\n';
  for (let i=0;i<n;i++) s += `user${i}@example${i}.org\n`;
  s += ('550 5.1.1 user unknown blah blah blah '.repeat(50) + '\n').repeat(1000);
  await t(`addr-lines x${n} + block`, s);
  // same with raw
}
for (const size of [12*MB, 24*MB]) {
  await t(`aaaa single line`, 'a'.repeat(size));
  await t(`spaces`, 'x' + ' '.repeat(size));
  await t(`<a@b.cc> line`, '<a@b.cc> '.repeat(size/9));
  await t(`&lt;a@b.cc&gt;`, '&lt;a@b.cc&gt; '.repeat(size/15));
  await t(`underscore lines`, ('_'.repeat(10000)+'\n').repeat(size/10001));
  await t(`fwd markers`, ('---------- Forwarded message ---------\n').repeat(size/39));
  await t(`addr(es) failed`, ('address(es) failed: a@b.cc ').repeat(size/27));
}
for (const size of [MB, 2*MB-10]) {
  await L('digits 550', '550 '.repeat(size/4));
  await L('5.1.1', '5.1.1 '.repeat(size/6));
  await L('single line a@b', ('a@b.cc 550 5.1.1 user unknown ').repeat(size/30));
  await L('no space', 'x'.repeat(size));
  await L('words', 'word '.repeat(size/5));
}
