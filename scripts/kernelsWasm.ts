/**
 * Compiles the AssemblyScript kernels (src/core/kernels/assembly/*.ts) to WebAssembly and renders
 * the TypeScript module that embeds them (src/core/kernels/rowsWasm.ts). Shared by `npm run kernels`,
 * which writes that module, and the test that checks the committed module is what the source compiles to.
 */
import asc from 'assemblyscript/asc';
import { DecoratorFlags, FunctionPrototype, type Program } from 'assemblyscript';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const kernelSourceDirectory = fileURLToPath(new URL('../src/core/kernels/assembly/', import.meta.url));
/** The entry files; each one's exports are the module's. */
export const kernelSourceFiles = ['rows.ts', 'logisticStep.ts'];
export const kernelModulePath = fileURLToPath(new URL('../src/core/kernels/rowsWasm.ts', import.meta.url));

/** Compiler flags: SIMD, no runtime (the kernels allocate nothing), the memory supplied by the caller. */
const compilerFlags = ['-O3', '--noAssert', '--runtime', 'stub', '--importMemory', '--enable', 'simd', '--noExportMemory'];

/** Files written in the subset shared with TypeScript, which has no `@inline`: the compile marks their functions inline. */
const portableSourceNames = ['math/expLogPolynomials'];

/** Inlines the portable files' functions (binaryen would call the larger ones: 11% slower sample steps, measured). */
const inlinePortableFunctions = {
  afterInitialize(program: Program): void {
    for (const [path, file] of program.filesByName) {
      if (!portableSourceNames.some((name) => path.endsWith(name))) continue;
      for (const member of file.members?.values() ?? []) {
        if (member instanceof FunctionPrototype) member.decoratorFlags |= DecoratorFlags.Inline;
      }
    }
  },
};

export async function compileKernels(): Promise<Uint8Array> {
  const sources = new Map<string, string | null>();
  // The entry files and what they import (../../math/expLogPolynomials.ts), read once each, relative to the entries.
  const readSource = (name: string, baseDirectory: string): string | null => {
    const path = resolve(kernelSourceDirectory, baseDirectory, name);
    if (!sources.has(path)) sources.set(path, existsSync(path) ? readFileSync(path, 'utf8') : null);
    return sources.get(path) ?? null;
  };
  let binary: Uint8Array | null = null;
  const errors: string[] = [];
  const { error } = await asc.main([...kernelSourceFiles, ...compilerFlags, '--outFile', 'rows.wasm'], {
    readFile: readSource,
    writeFile: (name, contents) => {
      if (name === 'rows.wasm' && contents instanceof Uint8Array) binary = contents;
    },
    listFiles: () => [],
    transforms: [inlinePortableFunctions as never],
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
