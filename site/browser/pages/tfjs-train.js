// TensorFlow.js training LeNet-5 in the page's main thread, for
// BenchmarkTraining: window.tfjsBench.run(backend, batch, seconds) with
// backend 'cpu', 'wasm' or 'wasm-filter' (see site/test/lib/tfjs-train.mjs)
// resolves to {images, wall, loss, imagesPerSecond} or {error}. One backend
// per page load.
import { addFilterGradient, decodePack, train } from '../../test/lib/tfjs-train.mjs';

const inflateRaw = async (b) => new Uint8Array(await new Response(new Blob([b]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).arrayBuffer());

window.tfjsBench = {
  async run(backend, batch, seconds) {
    try {
      const tf = window.tf;
      if (backend !== 'cpu') {
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        tf.wasm.setThreadsCount(1);
        tf.wasm.setWasmPaths('/tfjs/tfjs-backend-wasm/dist/');
      }
      if (!(await tf.setBackend(backend === 'cpu' ? 'cpu' : 'wasm'))) throw new Error(`backend ${backend} did not start`);
      await tf.ready();
      if (backend === 'wasm-filter') addFilterGradient(tf);
      const bytes = new Uint8Array(await (await fetch('../../mnist-subset.bin')).arrayBuffer());
      const data = await decodePack(bytes, inflateRaw);
      const r = train(tf, data, batch, seconds);
      return { ...r, imagesPerSecond: r.images / r.wall, simd: backend === 'cpu' ? null : await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') };
    } catch (e) {
      return { error: String(e?.message ?? e).split('\n')[0] };
    }
  },
};
