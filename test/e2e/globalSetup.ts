/**
 * Builds the production app once for every e2e file (each used to build its own, ~30–60 s apiece), and removes it
 * after the run. The files read it with sharedBuild() (browserHarness.ts); none writes into it.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildApp, runBrowserTests } from './browserHarness';

declare module 'vitest' {
  export interface ProvidedContext {
    appBuildDir: string;
  }
}

export default function setup(project: TestProject): (() => void) | void {
  if (!runBrowserTests) return;
  const dir = buildApp('sgf-dmft-e2e-');
  project.provide('appBuildDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
