import { lookup } from './lib/knowledge';
const MB = 1024*1024;
async function L(name: string, input: string) {
  const s = performance.now();
  let r: any;
  try { r = await lookup(input); } catch (e) { console.log('THROW', name, e); return; }
  const ms = performance.now() - s;
  console.log(`L ${name.padEnd(38)} len=${input.length} ${ms.toFixed(1)}ms res=${r.results?.length} ${r.message?.slice(0,60) ?? ''}`);
}
await L('warm', '550 5.1.1');
for (const size of [MB/4, MB/2, MB, 2*MB-10]) {
  await L('words', 'word '.repeat(size/5));
  await L('words', 'word '.repeat(size/5));
  const s = 'word '.repeat(size/5); let t0 = performance.now(); s.replace(/\s+/g,' ').trim(); console.log('replace', performance.now()-t0);
}
