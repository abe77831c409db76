/** `npx tsx scripts/refreshParamTable.ts`: rewrites README.md's parameter table from src/core/paramTable.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withParameterTable } from './paramTableMarkdown';

const path = 'README.md';
const refreshed = withParameterTable(readFileSync(path, 'utf8'));
if (refreshed === null) throw new Error(`${path} has no parameter-table markers (see scripts/paramTableMarkdown.ts)`);
writeFileSync(path, refreshed);
