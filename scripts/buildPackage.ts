/** `npm run build:package`: the CLI and library of the npm package, into dist-node/ (scripts/packageBuild.ts). */
import { relative } from 'node:path';
import { buildPackage, packageDir, root } from './packageBuild';

await buildPackage();
console.log(`built the package into ${relative(root, packageDir)}/`);
