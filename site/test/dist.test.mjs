// The deployable site that ./build.sh dist writes (dist/site): the
// precompressed copies are the files they stand for, demo.wasm keeps its
// brotli budget, and nothing but what a browser needs is there.
import test from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { repoURL, siteURL } from './lib/common.mjs';

const site = path.join(fileURLToPath(repoURL), 'dist', 'site');
const BROTLI_BUDGET = { 'demo.wasm': 2500000 };

function files(dir, rel = '') {
  let out = [];
  for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = path.posix.join(rel, e.name);
    out = e.isDirectory() ? out.concat(files(dir, r)) : out.concat([r]);
  }
  return out;
}

test('dist/site is there and was made from the site as built now', () => {
  assert.ok(statSync(site, { throwIfNoEntry: false })?.isDirectory(), 'no dist/site: run ./build.sh dist');
  const built = readFileSync(new URL('demo.wasm', siteURL));
  assert.ok(built.equals(readFileSync(path.join(site, 'demo.wasm'))), 'dist/site is older than site/: run ./build.sh dist');
});

test('every text and wasm file of 1 kB or more has .br and .gz copies that are the file', () => {
  const all = files(site);
  let checked = 0;
  for (const f of all) {
    if (!/\.(html|js|css|json|wasm|ts)$/.test(f)) continue;
    const body = readFileSync(path.join(site, f));
    if (body.length < 1024) continue;
    for (const [ext, un] of [['.br', brotliDecompressSync], ['.gz', gunzipSync]]) {
      assert.ok(all.includes(f + ext), `${f} has no ${ext}`);
      const c = readFileSync(path.join(site, f + ext));
      assert.ok(c.length < body.length, `${f}${ext} is not smaller`);
      assert.ok(un(c).equals(body), `${f}${ext} is not ${f}`);
    }
    checked++;
  }
  assert.ok(checked > 20, `only ${checked} files checked`);
  for (const [f, budget] of Object.entries(BROTLI_BUDGET)) {
    const n = statSync(path.join(site, f + '.br')).size;
    assert.ok(n <= budget, `${f} is ${n} bytes as brotli, over the budget of ${budget}`);
  }
});

test('only what a browser needs', () => {
  for (const f of files(site)) {
    assert.ok(!/\.(go|md|mjs)$|^(serve|browser|test|docgen|npm|screenshots|dist)\//.test(f), `dist/site holds ${f}`);
  }
});
