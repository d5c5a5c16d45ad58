import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { importColumnSpecs } from '../org/org.spreadsheets.ts';
import { matchHeaders, normalizeHeader, parseCell } from './import-cells.ts';

const rooms = importColumnSpecs('rooms');
const students = importColumnSpecs('students');
const col = (specs: typeof rooms, key: string) => specs.find((s) => s.key === key)!;

describe('header matching', () => {
  it('ignores case, full-width characters and spaces of any width', () => {
    expect(normalizeHeader(' Student　No. ')).toBe('studentno.');
    expect(normalizeHeader('ＳＴＵＤＥＮＴ ＮＯ．')).toBe('studentno.');
    const m = matchHeaders(['备注', '学 号', 'NAME', 'adminclasscode', 'Cohort'], students, 'zh-CN');
    expect([...m.entries()].map(([k, v]) => [k, v.index, v.header])).toEqual([
      ['code', 1, '学 号'],
      ['name', 2, 'NAME'],
      ['adminClassCode', 3, 'adminclasscode'],
      ['cohort', 4, 'Cohort'],
    ]);
  });

  it('names the first missing required column in the caller language', () => {
    try {
      matchHeaders(['学号'], students, 'en');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).params).toEqual({ column: 'Name' });
      expect((e as AppError).details).toMatchObject({ missing: [{ key: 'name' }, { key: 'adminClassCode' }, { key: 'cohort' }] });
    }
  });
});

describe('cell parsing', () => {
  it('reads enumerations by value or label in either language', () => {
    for (const raw of ['女', 'female', 'Female', 'FEMALE', ' 女 ']) {
      expect(parseCell(col(students, 'gender'), raw.trim(), 'zh-CN')).toEqual({ ok: true, value: 'female' });
    }
    expect(parseCell(col(students, 'status'), '转出', 'zh-CN')).toEqual({ ok: true, value: 'transferred_out' });
    expect(parseCell(col(students, 'gender'), 'x', 'en')).toEqual({
      ok: false,
      code: 'invalid_choice',
      params: { value: 'x', allowed: 'Male, Female' },
    });
  });

  it('reads feature lists with any common separator, without duplicates', () => {
    expect(parseCell(col(rooms, 'features'), '投影仪，空调;录播、Projector|smart_board', 'zh-CN')).toEqual({
      ok: true,
      value: ['projector', 'air_conditioning', 'recording', 'smart_board'],
    });
    expect(parseCell(col(rooms, 'features'), '投影仪,黑板', 'zh-CN')).toMatchObject({ ok: false, params: { value: '黑板' } });
  });

  it('reads booleans and cohorts the way people write them', () => {
    for (const [raw, value] of [
      ['是', true],
      ['否', false],
      ['TRUE', true],
      ['0', false],
      ['yes', true],
      ['No', false],
    ] as const) {
      expect(parseCell(col(rooms, 'isActive'), raw, 'zh-CN')).toEqual({ ok: true, value });
    }
    expect(parseCell(col(rooms, 'isActive'), '也许', 'zh-CN')).toMatchObject({ ok: false, code: 'invalid_choice' });
    expect(parseCell(col(students, 'cohort'), '2024级', 'zh-CN')).toEqual({ ok: true, value: '2024' });
  });
});
