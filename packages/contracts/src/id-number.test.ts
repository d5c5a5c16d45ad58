import { describe, expect, it } from 'vitest';
import { studentInput } from './org.ts';
import { idCheckChar, idNumberProblem, maskIdNumber } from './id-number.ts';

// 11010519491231002X is the worked example of GB 11643-1999.
describe('ID numbers (证件号码)', () => {
  it('computes the GB 11643-1999 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('44052418800101001')).toBe('4');
  });

  it('accepts a valid number, with a lower-case x stored upper-case', () => {
    expect(idNumberProblem('11010519491231002X')).toBeNull();
    expect(idNumberProblem('440524188001010014')).toBeNull();
    const parsed = studentInput.shape.idNumber.parse(' 11010519491231002x ');
    expect(parsed).toBe('11010519491231002X');
  });

  it('refuses a wrong check character, and a resident ID with a digit missing or extra', () => {
    expect(idNumberProblem('110105194912310021')).toBe('id_number_checksum');
    expect(idNumberProblem('440524188001010015')).toBe('id_number_checksum');
    expect(idNumberProblem('44052418800101001')).toBe('id_number_length');
    expect(idNumberProblem('4405241880010100144')).toBe('id_number_length');
    const r = studentInput.shape.idNumber.safeParse('110105194912310021');
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].message).toBe('id_number_checksum');
  });

  it('allows passports and other documents that do not look like a resident ID; blank is none', () => {
    expect(idNumberProblem('E12345678')).toBeNull();
    expect(idNumberProblem('H1234567801')).toBeNull();
    expect(idNumberProblem('12 34')).toBe('id_number_format');
    expect(studentInput.shape.idNumber.parse('')).toBeNull();
    expect(studentInput.shape.idNumber.parse(null)).toBeNull();
  });

  it('masks all but the region code and the last two characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105**********2X');
    expect(maskIdNumber('E12345678')).toBe('E*******8');
    expect(maskIdNumber(maskIdNumber('11010519491231002X'))).toBe('110105**********2X');
    expect(maskIdNumber(null)).toBeNull();
  });
});
