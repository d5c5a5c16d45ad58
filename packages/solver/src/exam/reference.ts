/**
 * Published figures from the benchmark folders' SOURCE.md files. ITC-2007 exam: the reference
 * solutions' costs (test oracles), the finalists' best over the organisers' runs, and the lowest
 * published average among later methods. Toronto: conventional periods, best reported cost and
 * the reference solution's raw penalty.
 */
export const ITC_EXAM_REFERENCE: Record<number, { referenceCost: number; finalistsBest: number; lowestAverage: number }> = {
  1: { referenceCost: 6207, finalistsBest: 4370, lowestAverage: 3927 },
  2: { referenceCost: 535, finalistsBest: 400, lowestAverage: 404 },
  3: { referenceCost: 13459, finalistsBest: 10049, lowestAverage: 8012 },
  4: { referenceCost: 15649, finalistsBest: 18141, lowestAverage: 12992.5 },
  5: { referenceCost: 4227, finalistsBest: 2988, lowestAverage: 2582 },
  6: { referenceCost: 26730, finalistsBest: 26585, lowestAverage: 25448 },
  7: { referenceCost: 5508, finalistsBest: 4213, lowestAverage: 3661.6 },
  8: { referenceCost: 8716, finalistsBest: 7742, lowestAverage: 6944 },
  9: { referenceCost: 1030, finalistsBest: 1030, lowestAverage: 949 },
  10: { referenceCost: 14338, finalistsBest: 14778, lowestAverage: 12985 },
  11: { referenceCost: 42616, finalistsBest: 34129, lowestAverage: 25194 },
  12: { referenceCost: 5234, finalistsBest: 5264, lowestAverage: 5181 },
};

export const TORONTO_REFERENCE: Record<string, { name: string; periods: number; bestReported: number; referenceRaw: number }> = {
  'car-s-91': { name: 'car91', periods: 35, bestReported: 4.37, referenceRaw: 73894 },
  'car-f-92': { name: 'car92', periods: 32, bestReported: 3.69, referenceRaw: 67958 },
  'ear-f-83': { name: 'ear83', periods: 24, bestReported: 32.48, referenceRaw: 36542 },
  'hec-s-92': { name: 'hec92', periods: 18, bestReported: 10.03, referenceRaw: 28342 },
  'kfu-s-93': { name: 'kfu93', periods: 20, bestReported: 12.81, referenceRaw: 68551 },
  'lse-f-91': { name: 'lse91', periods: 18, bestReported: 9.78, referenceRaw: 26665 },
  'pur-s-93': { name: 'pur93', periods: 42, bestReported: 3.9, referenceRaw: 123697 },
  'rye-s-93': { name: 'rye92', periods: 23, bestReported: 7.3, referenceRaw: 90576 },
  'sta-f-83': { name: 'sta83', periods: 13, bestReported: 156.9, referenceRaw: 95947 },
  'tre-s-92': { name: 'tre92', periods: 23, bestReported: 7.67, referenceRaw: 33449 },
  'uta-s-92': { name: 'uta92', periods: 35, bestReported: 3.01, referenceRaw: 64079 },
  'ute-s-92': { name: 'ute92', periods: 10, bestReported: 24.77, referenceRaw: 68217 },
  'yor-f-83': { name: 'yor83', periods: 21, bestReported: 34.44, referenceRaw: 32470 },
};
