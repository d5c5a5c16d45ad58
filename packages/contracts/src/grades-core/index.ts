// The grades module's pure core: no database, no clock, plain data in and out.
export * from './attempts.ts';
export * from './components.ts';
export * from './evaluate.ts';
export * from './gpa.ts';
export type { Issue } from './issue.ts';
export * from './parse-entry.ts';
export * from './rational.ts';
export * from './records.ts';
export * from './stats.ts';
export * from './warnings.ts';
