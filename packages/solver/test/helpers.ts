import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The ITC-2007 benchmark folder (../shared/benchmarks from the repo root, or JIAOWU_BENCHMARKS). */
export const cttDir = path.join(
  process.env.JIAOWU_BENCHMARKS ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'shared', 'benchmarks'),
  'itc2007-cbctt',
);

export const readCtt = (name: string): string => readFileSync(path.join(cttDir, `${name}.ctt`), 'utf8');
export const readRefSol = (name: string): string => readFileSync(path.join(cttDir, 'reference-solutions', `${name}.sol`), 'utf8');
