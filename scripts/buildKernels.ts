/** `npm run kernels`: recompiles the WebAssembly kernels and rewrites src/core/kernels/rowsWasm.ts. */
import { writeFile } from 'node:fs/promises';
import { compileKernels, kernelModulePath, renderKernelModule } from './kernelsWasm';

const binary = await compileKernels();
await writeFile(kernelModulePath, renderKernelModule(binary));
console.log(`wrote ${kernelModulePath} (${binary.length} bytes of WebAssembly)`);
