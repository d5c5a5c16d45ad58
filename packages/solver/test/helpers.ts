import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Three ITC-2007 instances with their reference solutions, kept in the repository so the tests
 * need nothing beside it (fixtures/itc2007-cbctt/SOURCE.md); the benchmarks read the full set.
 */
export const cttDir = fileURLToPath(new URL('./fixtures/itc2007-cbctt', import.meta.url));

export const readCtt = (name: string): string => readFileSync(path.join(cttDir, `${name}.ctt`), 'utf8');
export const readRefSol = (name: string): string => readFileSync(path.join(cttDir, 'reference-solutions', `${name}.sol`), 'utf8');
