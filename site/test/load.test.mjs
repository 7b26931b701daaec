// Tests of where load() finds its files and whose Go glue it runs: its own
// copy of wasm_exec.js, leaving any globalThis.Go of the page as it was;
// one base folder or each file's path, for a bundle that moved lenet.js
// away from them; and every failure named with "load:".
import test from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mnist20 } from './lib/common.mjs';

const site = fileURLToPath(new URL('../', import.meta.url));
const digit = mnist20()[0];
const image = { data: digit.pixels, width: 28, height: 28 };

// A folder with lenet.js alone, as a bundler leaves it (named .mjs: Node
// reads a .js outside a package as CommonJS).
const alone = mkdtempSync(path.join(tmpdir(), 'lenet-alone-'));
copyFileSync(path.join(site, 'lenet.js'), path.join(alone, 'lenet.mjs'));
test.after(() => rmSync(alone, { recursive: true, force: true }));
const { load } = await import(pathToFileURL(path.join(alone, 'lenet.mjs')).href);

const reads = (net) => assert.equal(net.predict(image).label, digit.label);

test('a page\'s own globalThis.Go is left as it was, and not used', async () => {
  class PageGo {
    constructor() {
      throw new Error('the page\'s Go was used');
    }
  }
  globalThis.Go = PageGo;
  try {
    reads(await load({ base: site }));
    assert.equal(globalThis.Go, PageGo);
  } finally {
    delete globalThis.Go;
  }
  // Without one, none is left behind either.
  reads(await load({ wasm: path.join(site, 'lenet.wasm'), wasmExec: path.join(site, 'wasm_exec.js') }));
  assert.equal(globalThis.Go, undefined);
});

test('one base folder, or each file where it is', async () => {
  reads(await load({ base: pathToFileURL(site) }));
  reads(await load({ base: site.replace(/\/$/, '') })); // without the final slash
  reads(await load({ wasm: pathToFileURL(path.join(site, 'lenet.wasm')), wasmExec: pathToFileURL(path.join(site, 'wasm_exec.js')) }));
  // wasm given, the glue from base.
  reads(await load({ base: site, wasm: path.join(site, 'lenet.wasm') }));
});

test('every failure starts with load:', async () => {
  const notGlue = path.join(alone, 'not-glue.js');
  writeFileSync(notGlue, 'globalThis.somethingElse = 1;\n');
  const cases = [
    [{}, Error, /^load: cannot (read|load) /], // nothing beside lenet.js
    [{ base: 42 }, TypeError, /^load: options\.base must be a URL or a path, got number 42/],
    [{ base: site, wasmExec: {} }, TypeError, /^load: options\.wasmExec must be a URL or a path/],
    [{ base: site, wasmExec: path.join(alone, 'missing.js') }, Error, /^load: cannot load Go's glue .*missing\.js/],
    [{ base: site, wasmExec: notGlue }, Error, /^load: .*not-glue\.js did not define Go/],
    [{ base: site, wasm: new Uint8Array([1, 2, 3, 4]) }, WebAssembly.CompileError, /^load: /],
    [{ base: site, wasm: new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]) }, Error, /^load: /],
    [{ base: site, weights: new Uint8Array(10) }, RangeError, /^load: /],
    [{ base: site, nope: 1 }, TypeError, /^load: unknown option "nope"/],
  ];
  for (const [opts, cls, re] of cases) {
    await assert.rejects(load(opts), (e) => {
      assert.ok(e instanceof cls, `${JSON.stringify(Object.keys(opts))}: ${e.constructor.name}: ${e.message}`);
      assert.match(e.message, re);
      return true;
    });
  }
  assert.equal(globalThis.Go, undefined);
});
