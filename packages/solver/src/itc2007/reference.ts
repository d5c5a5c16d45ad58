/**
 * Published figures for comp01–comp21 (from the benchmark folder's SOURCE.md): best-known
 * upper bound (Bettinelli et al. 2015) and the ITC-2007 yardstick — Müller's submitted result
 * for comp01–14, the finalists' best over the organisers' runs for comp15–21.
 */
export const CTT_REFERENCE: Record<string, { ub: number; itc: number; itcSource: 'winner' | 'finalists' }> = {
  comp01: { ub: 5, itc: 5, itcSource: 'winner' },
  comp02: { ub: 24, itc: 43, itcSource: 'winner' },
  comp03: { ub: 64, itc: 72, itcSource: 'winner' },
  comp04: { ub: 35, itc: 35, itcSource: 'winner' },
  comp05: { ub: 284, itc: 298, itcSource: 'winner' },
  comp06: { ub: 27, itc: 41, itcSource: 'winner' },
  comp07: { ub: 6, itc: 14, itcSource: 'winner' },
  comp08: { ub: 37, itc: 39, itcSource: 'winner' },
  comp09: { ub: 96, itc: 103, itcSource: 'winner' },
  comp10: { ub: 4, itc: 9, itcSource: 'winner' },
  comp11: { ub: 0, itc: 0, itcSource: 'winner' },
  comp12: { ub: 298, itc: 331, itcSource: 'winner' },
  comp13: { ub: 59, itc: 66, itcSource: 'winner' },
  comp14: { ub: 51, itc: 53, itcSource: 'winner' },
  comp15: { ub: 64, itc: 71, itcSource: 'finalists' },
  comp16: { ub: 18, itc: 34, itcSource: 'finalists' },
  comp17: { ub: 56, itc: 83, itcSource: 'finalists' },
  comp18: { ub: 61, itc: 68, itcSource: 'finalists' },
  comp19: { ub: 57, itc: 62, itcSource: 'finalists' },
  comp20: { ub: 4, itc: 27, itcSource: 'finalists' },
  comp21: { ub: 74, itc: 103, itcSource: 'finalists' },
};
