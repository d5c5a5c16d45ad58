import { InputNumber, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CampusTravel } from '@jiaowu/contracts';
import { QueryView } from '../../../components/QueryState.tsx';
import { orgNames } from './api.ts';

/** Minutes between each pair of campuses, as the upper triangle of a campus × campus matrix. */
export function CampusTravelMatrix({ value = [], onChange }: { value?: CampusTravel[]; onChange?: (v: CampusTravel[]) => void }) {
  const { t } = useTranslation();
  const campuses = useQuery({ queryKey: ['tt-campuses'], queryFn: orgNames.campuses, staleTime: 60_000 });
  const minutesOf = (a: number, b: number) =>
    value.find((p) => (p.campusA === a && p.campusB === b) || (p.campusA === b && p.campusB === a))?.minutes ?? null;
  const set = (a: number, b: number, minutes: number | null) => {
    const rest = value.filter((p) => !((p.campusA === a && p.campusB === b) || (p.campusA === b && p.campusB === a)));
    onChange?.(minutes === null ? rest : [...rest, { campusA: a, campusB: b, minutes }]);
  };
  const cell = { border: '1px solid #f0f0f0', padding: 6, textAlign: 'center' as const };
  return (
    <QueryView query={campuses}>
      {(data) =>
        data.items.length < 2 ? (
          <Typography.Text type="secondary">{t('ttsettings.settings.travel.noCampuses')}</Typography.Text>
        ) : (
          <table style={{ borderCollapse: 'collapse' }} data-testid="travel-matrix">
            <thead>
              <tr>
                <th style={cell} />
                {data.items.map((c) => (
                  <th key={c.id} style={cell}>
                    {c.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.items.map((a, i) => (
                <tr key={a.id}>
                  <th style={cell}>{a.name}</th>
                  {data.items.map((b, j) => (
                    <td key={b.id} style={{ ...cell, background: j <= i ? '#fafafa' : undefined }}>
                      {j > i ? (
                        <InputNumber
                          min={0}
                          max={600}
                          style={{ width: 110 }}
                          addonAfter={t('ttsettings.settings.travel.minutes')}
                          value={minutesOf(a.id, b.id)}
                          onChange={(v) => set(a.id, b.id, typeof v === 'number' ? v : null)}
                          data-testid={`travel-${a.id}-${b.id}`}
                        />
                      ) : j === i ? (
                        '—'
                      ) : null}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )
      }
    </QueryView>
  );
}
