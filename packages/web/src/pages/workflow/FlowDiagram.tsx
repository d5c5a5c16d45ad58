import { useTranslation } from 'react-i18next';
import type { FlowStep } from '@jiaowu/contracts';

const W = 180;
const H = 78;
const GAP = 110;
const TOP = 60;

function clip(s: string, n = 22): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
/** Up to two lines of about `n` characters, broken at spaces (an English condition is longer than the edge). */
function lines(s: string, n: number): string[] {
  if (s.length <= n || !s.includes(' ')) return [clip(s, n + 4)];
  const words = s.split(' ');
  let first = '';
  while (words.length && (first + ' ' + words[0]).trim().length <= n) first = `${first} ${words.shift()!}`.trim();
  return [first || words.shift()!, clip(words.join(' '), n + 4)].filter(Boolean);
}

/**
 * The flow drawn from its definition: applicant → steps (approver, deadline)
 * → approved; conditions on the edges, skip edges over conditional steps,
 * return edges back to the applicant and reject edges to the end. Approvers
 * and conditions come in words from the server (the responsibility table's
 * texts); until they arrive those lines stay empty rather than show codes.
 */
export function FlowDiagram({
  steps,
  approvers = [],
  conditions = [],
}: {
  steps: FlowStep[];
  approvers?: string[];
  conditions?: (string | null)[];
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const n = steps.length;
  const x = (i: number) => 20 + i * (W + GAP); // i = 0 applicant, 1..n steps, n+1 end
  const width = x(n + 1) + 140;
  const bottom = TOP + H + 40 + n * 14;
  const height = bottom + 60;
  const mid = TOP + H / 2;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      data-testid="flow-diagram"
      style={{ maxWidth: '100%', fontFamily: 'sans-serif' }}
    >
      <defs>
        {['#555', '#fa8c16', '#f5222d'].map((c) => (
          <marker key={c} id={`arrow${c.slice(1)}`} markerWidth="10" markerHeight="8" refX="9" refY="4" orient="auto">
            <path d="M0,0 L10,4 L0,8 z" fill={c} />
          </marker>
        ))}
      </defs>
      {/* applicant */}
      <rect x={x(0)} y={TOP + 14} width={120} height={H - 28} rx={25} fill="#e6f4ff" stroke="#1677ff" />
      <text x={x(0) + 60} y={mid + 5} textAnchor="middle" fontSize={14}>
        {t('wf.applicant2')}
      </text>
      {steps.map((s, k) => {
        const i = k + 1;
        const from = i === 1 ? x(0) + 120 : x(i - 1) + W;
        return (
          <g key={k} data-testid="flow-step">
            <line x1={from} y1={mid} x2={x(i)} y2={mid} stroke="#555" markerEnd="url(#arrow555)" />
            {s.condition && (
              <>
                <text x={(from + x(i)) / 2} y={mid - 8} textAnchor="middle" fontSize={11} fill="#722ed1">
                  {lines(conditions[k] ?? '', 18)
                    .reverse()
                    .map((line, n) => (
                      // Bottom line just above the edge, earlier lines above it.
                      <tspan key={n} x={(from + x(i)) / 2} dy={n === 0 ? 0 : -13}>
                        {line}
                      </tspan>
                    ))}
                </text>
                <path
                  d={`M${from},${mid - 20} Q${x(i) + W / 2},${TOP - 55} ${x(i) + W + GAP / 2},${mid - 20}`}
                  fill="none"
                  stroke="#722ed1"
                  strokeDasharray="4 3"
                  markerEnd="url(#arrow555)"
                />
                <text x={x(i) + W / 2} y={TOP - 18} textAnchor="middle" fontSize={11} fill="#722ed1">
                  {t('wf.skipIf')}
                </text>
              </>
            )}
            <rect x={x(i)} y={TOP} width={W} height={H} rx={6} fill="#fff" stroke={s.condition ? '#722ed1' : '#1677ff'} strokeWidth={1.5} />
            <text x={x(i) + W / 2} y={TOP + 22} textAnchor="middle" fontSize={13} fontWeight={600}>
              {clip(en ? s.nameEn : s.nameZh)}
            </text>
            <text x={x(i) + W / 2} y={TOP + 42} textAnchor="middle" fontSize={12} fill="#555">
              {clip(approvers[k] ?? '', 26)}
            </text>
            <text x={x(i) + W / 2} y={TOP + 62} textAnchor="middle" fontSize={12} fill="#888">
              {t('wf.days', { days: s.deadlineDays })}
            </text>
            {/* return to the applicant */}
            <path
              d={`M${x(i) + W / 2 - 20},${TOP + H} L${x(i) + W / 2 - 20},${bottom - k * 14} L${x(0) + 60},${bottom - k * 14} L${x(0) + 60},${TOP + H - 14}`}
              fill="none"
              stroke="#fa8c16"
              strokeDasharray="5 3"
              markerEnd="url(#arrowfa8c16)"
            />
            {/* reject to the end */}
            <path
              d={`M${x(i) + W / 2 + 20},${TOP + H} L${x(i) + W / 2 + 20},${bottom + 20 + k * 6} L${x(n + 1) + 50},${bottom + 20 + k * 6}`}
              fill="none"
              stroke="#f5222d"
              strokeDasharray="2 3"
              markerEnd="url(#arrowf5222d)"
            />
          </g>
        );
      })}
      <text x={x(0) + 70} y={bottom - (n - 1) * 14 - 4} fontSize={11} fill="#fa8c16">
        {t('wf.returned')}
      </text>
      <line x1={x(n) + W} y1={mid} x2={x(n + 1)} y2={mid} stroke="#555" markerEnd="url(#arrow555)" />
      <rect x={x(n + 1)} y={TOP + 14} width={110} height={H - 28} rx={25} fill="#f6ffed" stroke="#52c41a" />
      <text x={x(n + 1) + 55} y={mid + 5} textAnchor="middle" fontSize={14}>
        {t('wf.approved')}
      </text>
      <rect x={x(n + 1) + 50} y={bottom + 2} width={90} height={36} rx={18} fill="#fff1f0" stroke="#f5222d" />
      <text x={x(n + 1) + 95} y={bottom + 25} textAnchor="middle" fontSize={13}>
        {t('wf.rejected')}
      </text>
    </svg>
  );
}
