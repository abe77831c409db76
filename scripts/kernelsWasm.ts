/**
 * Compiles the AssemblyScript kernels (src/core/kernels/assembly/*.ts) to WebAssembly and renders
 * the TypeScript module that embeds them (src/core/kernels/rowsWasm.ts). Shared by `npm run kernels`,
 * which writes that module, and the test that checks the committed module is what the source compiles to.
 */
import asc from 'assemblyscript/asc';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const kernelSourceDirectory = fileURLToPath(new URL('../src/core/kernels/assembly/', import.meta.url));
/** The entry files; each one's exports are the module's. */
export const kernelSourceFiles = ['rows.ts', 'logisticStep.ts', 'normals.ts', 'histogram.ts', 'trajectorySums.ts'];
export const kernelModulePath = fileURLToPath(new URL('../src/core/kernels/rowsWasm.ts', import.meta.url));

/** Compiler flags: SIMD, no runtime (the kernels allocate nothing), the memory supplied by the caller. */
const compilerFlags = ['-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--enable', 'simd', '--noExportMemory'];

export async function compileKernels(): Promise<Uint8Array> {
  const sources = new Map(await Promise.all(kernelSourceFiles.map(async (name) => [name, await readFile(kernelSourceDirectory + name, 'utf8')] as const)));
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const { error } = await asc.main([...kernelSourceFiles, ...compilerFlags, '--outFile', 'rows.wasm'], {
    readFile: (name) => sources.get(name) ?? null,
    writeFile: (name, contents) => {
      if (name === 'rows.wasm' && contents instanceof Uint8Array) binary = contents;
    },
    listFiles: () => [],
    stderr: { write: (text: string | Uint8Array) => errors.push(String(text)) } as never,
    stdout: { write: () => undefined } as never,
  });
  if (error || !binary) throw new Error(`AssemblyScript compilation failed: ${error?.message ?? ''}\n${errors.join('')}`);
  return binary;
}

export function renderKernelModule(binary: Uint8Array): string {
  const base64 = Buffer.from(binary).toString('base64');
  return [
    '/**',
    ' * The WebAssembly kernels of ./assembly/*.ts, compiled by `npm run kernels` (scripts/buildKernels.ts).',
    ' * Generated: do not edit. A test recompiles the source and checks that this module matches it.',
    ' */',
    `export const rowKernelsWasmBase64 =\n  '${base64}';`,
    '',
  ].join('\n');
}
