// Counts what issue 19 tracks in production code (src/, adapters/, workers/, bin/): files over 300 lines,
// functions over 80 lines, places that construct each client, and `=== 'ko'` choices outside the message catalogs.
// Usage: node scripts/code-size.mjs [--list]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

const ROOTS = ['src', 'adapters', 'workers', 'bin'];
const list = process.argv.includes('--list');
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'public' && name !== 'node_modules') walk(path);
    } else if (/\.(ts|js|mjs)$/.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
};
for (const root of ROOTS) walk(root);

const longFiles = [];
const longFunctions = [];
const clients = {
  'new Redis(': [],
  'createCacheRedisClient(': [],
  'new OpenAI(': [],
  'new MongoClient(': [],
  'new Database(': [],
  'InferenceSession.create(': [],
  'createChartRenderer(': [],
};
const koChoices = [];
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const count = text.endsWith('\n') ? lines.length - 1 : lines.length;
  if (count > 300) longFiles.push(`${file} (${count})`);
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.end).line;
      const entry = `${file}:${start + 1} (${end - start + 1})`;
      if (end - start + 1 > 80 && !longFunctions.includes(entry)) longFunctions.push(entry);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  lines.forEach((line, i) => {
    if (/^\s*(\/\/|\*)/.test(line)) return;
    for (const key of Object.keys(clients)) {
      if (line.includes(key) && !/function |import /.test(line)) clients[key].push(`${file}:${i + 1}`);
    }
    if (!file.startsWith('src/messages/') && /===\s*'ko'|'ko'\s*===/.test(line)) koChoices.push(`${file}:${i + 1}`);
  });
}
const show = (title, items) => {
  console.log(`${title}: ${items.length}`);
  if (list) for (const item of items) console.log(`  ${item}`);
};
show('production files over 300 lines', longFiles);
show('functions over 80 lines', longFunctions);
for (const [key, places] of Object.entries(clients)) show(`places constructing ${key}`, places);
show("`=== 'ko'` outside src/messages", koChoices);
