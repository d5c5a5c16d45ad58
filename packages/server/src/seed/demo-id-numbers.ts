import { idCheckChar } from '@jiaowu/contracts';

/**
 * Fake but well-formed 居民身份证 numbers for the demo's people: county codes of Hubei province
 * (湖北, where the demo school would draw most of its people), a birth date that fits the person
 * (a student's cohort, a teacher's hire year), a sequence whose last digit is odd for men and even
 * for women as on real cards, and the GB 11643-1999 check character. Deterministic for a seed;
 * unique within one factory.
 */
const HUBEI_COUNTIES = [
  '420102', // 武汉市江岸区
  '420103', // 武汉市江汉区
  '420106', // 武汉市武昌区
  '420111', // 武汉市洪山区
  '420115', // 武汉市江夏区
  '420202', // 黄石市黄石港区
  '420302', // 十堰市茅箭区
  '420503', // 宜昌市伍家岗区
  '420602', // 襄阳市襄城区
  '420704', // 鄂州市鄂城区
  '420802', // 荆门市东宝区
  '420902', // 孝感市孝南区
  '421002', // 荆州市沙市区
  '421102', // 黄冈市黄州区
  '421202', // 咸宁市咸安区
  '421303', // 随州市曾都区
  '422801', // 恩施市
] as const;

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export function idNumberFactory(rng: () => number) {
  const used = new Set<string>();
  const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
  /** A number for someone of this gender born in this year (a random day of it). */
  return function idNumber(birthYear: number, gender: 'male' | 'female'): string {
    for (;;) {
      const region = HUBEI_COUNTIES[Math.floor(rng() * HUBEI_COUNTIES.length)];
      const day = new Date(Date.UTC(birthYear, 0, 1) + int(0, 364) * 86_400_000);
      const birth = `${day.getUTCFullYear()}${pad(day.getUTCMonth() + 1, 2)}${pad(day.getUTCDate(), 2)}`;
      const seq = int(0, 499) * 2 + (gender === 'male' ? 1 : 0);
      const first17 = `${region}${birth}${pad(seq, 3)}`;
      const id = first17 + idCheckChar(first17);
      if (!used.has(id)) {
        used.add(id);
        return id;
      }
    }
  };
}
