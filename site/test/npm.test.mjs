// The npm package that ./build.sh dist packs (dist/seecnn-lenet-*.tgz):
// it holds what package.json promises and nothing else, installs into an
// empty project with npm, and works there from Node by its name. (The
// browser side, bundled with esbuild, is site/browser's TestNPMBundle.)
import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoURL } from './lib/common.mjs';

const dist = path.join(fileURLToPath(repoURL), 'dist');
const pkg = JSON.parse(readFileSync(new URL('../npm/package.json', import.meta.url), 'utf8'));
const tgzName = `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`;

function tarball() {
  let names = [];
  try {
    names = readdirSync(dist);
  } catch {
    names = [];
  }
  assert.ok(names.includes(tgzName), `no dist/${tgzName}: run ./build.sh dist`);
  return path.join(dist, tgzName);
}

test('the package holds package.json, lenet.js, lenet.d.ts, lenet.wasm, wasm_exec.js and its README', () => {
  const files = execFileSync('tar', ['tzf', tarball()], { encoding: 'utf8' }).trim().split('\n').sort();
  assert.deepEqual(files, ['package/README.md', 'package/lenet.d.ts', 'package/lenet.js', 'package/lenet.wasm', 'package/package.json', 'package/wasm_exec.js']);
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.types, './lenet.d.ts');
  assert.equal(pkg.exports['.'].default, './lenet.js');
  const version = readFileSync(new URL('../lenet.js', import.meta.url), 'utf8').match(/export const VERSION = '([^']+)'/)[1];
  assert.equal(pkg.version, version, 'package.json and lenet.js disagree on the version');
});

test('npm install into an empty project, then import it by name from Node', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lenet-npm-'));
  try {
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'course', version: '1.0.0', private: true, type: 'module' }));
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', tarball()], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    // A 1 drawn as grey bytes on white, and the summary: what a course
    // script would do.
    writeFileSync(path.join(dir, 'use.mjs'), `
import { load, VERSION } from '${pkg.name}';
class PageGo {}
globalThis.Go = PageGo; // another Go program's glue: left alone
const net = await load();
const w = 40, h = 40, data = new Uint8Array(w * h).fill(255);
for (let y = 6; y < 34; y++) for (let x = 18; x < 22; x++) data[y * w + x] = 0;
const r = net.predict({ data, width: w, height: h });
console.log(JSON.stringify({ version: VERSION, label: r.label, params: net.summary().totals.parameters, go: globalThis.Go === PageGo }));
`);
    const out = JSON.parse(execFileSync(process.execPath, ['use.mjs'], { cwd: dir, encoding: 'utf8' }));
    assert.deepEqual(out, { version: pkg.version, label: 1, params: 61706, go: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
