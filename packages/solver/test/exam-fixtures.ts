import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseExamFile, parseExamSol, parseToronto, parseTorontoSol } from '../src/exam/parse.ts';
import { TORONTO_REFERENCE } from '../src/exam/reference.ts';
import type { ExamProblem, ExamSolution } from '../src/exam/types.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const repoRoot = path.resolve(fixtures, '..', '..', '..', '..');
/** The project's full benchmark folder, when this checkout sits beside it. */
export const benchRoot = process.env.JIAOWU_BENCHMARKS ?? path.resolve(repoRoot, '..', 'shared', 'benchmarks');
export const hasFullBenchmarks = existsSync(path.join(benchRoot, 'itc2007-exam', 'exam_comp_set1.exam'));

const dirFor = (kind: 'itc2007-exam' | 'toronto', file: string): string =>
  existsSync(path.join(fixtures, kind, file)) ? path.join(fixtures, kind) : path.join(benchRoot, kind);

export function readItcExam(set: number): { problem: ExamProblem; reference: ExamSolution } {
  const dir = dirFor('itc2007-exam', `exam_comp_set${set}.exam`);
  const problem = parseExamFile(readFileSync(path.join(dir, `exam_comp_set${set}.exam`), 'utf8'));
  const reference = parseExamSol(problem, readFileSync(path.join(dir, 'reference-solutions', `exam_comp_set${set}.sol`), 'utf8'));
  return { problem, reference };
}

export function readToronto(name: string): { problem: ExamProblem; reference: ExamSolution } {
  const dir = dirFor('toronto', `${name}.crs`);
  const read = (f: string): string => readFileSync(path.join(dir, f), 'utf8');
  const problem = parseToronto(read(`${name}.crs`), read(`${name}.stu`), TORONTO_REFERENCE[name].periods);
  return { problem, reference: parseTorontoSol(problem, read(`reference-solutions/${name}.sol`)) };
}
