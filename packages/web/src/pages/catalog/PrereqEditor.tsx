import { useDeferredValue, useEffect, useRef, useState } from 'react';
import { Button, Segmented, Select, Space, Tag, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATALOG_LIMITS, formatPrerequisites, type PrerequisiteExpr } from '@jiaowu/contracts';
import { courses } from '../../api/modules.ts';
import { SelectLoadError } from '../../components/QueryState.tsx';
import { PrereqInput } from './PrereqInput.tsx';

type Op = 'all' | 'any';
type Group = { op: Op; items: Node[] };
type Node = { course: string } | Group;

const isGroup = (n: Node): n is Group => 'op' in n;

/** The editor always works on a group (the top-level 全部满足/任一满足), whatever the value's shape. */
function toGroup(value: PrerequisiteExpr | null | undefined): Group {
  if (!value) return { op: 'all', items: [] };
  return 'course' in value ? { op: 'all', items: [value] } : { op: value.op, items: value.items };
}

/** The value to store: groups being built but still empty are left out; nothing chosen is null. */
function prune(group: Group): PrerequisiteExpr | null {
  const items = group.items.flatMap((n): PrerequisiteExpr[] => {
    if (!isGroup(n)) return [n];
    const inner = prune(n);
    return inner ? [inner] : [];
  });
  return items.length ? { op: group.op, items } : null;
}

/** Replaces the group at `path` (child indexes from the top) with `fn(group)`. */
function updateAt(group: Group, path: number[], fn: (g: Group) => Group): Group {
  if (!path.length) return fn(group);
  const [i, ...rest] = path;
  return { ...group, items: group.items.map((n, k) => (k === i && isGroup(n) ? updateAt(n, rest, fn) : n)) };
}

/** Every course code already in the expression (not offered again by the picker). */
function codesOf(group: Group): string[] {
  return group.items.flatMap((n) => (isGroup(n) ? codesOf(n) : [n.course]));
}

/** The names of the chosen courses (the value holds codes only), read from the catalog. */
function useCourseNames(codes: string[]): Map<string, string> {
  const results = useQueries({
    queries: codes.map((code) => ({
      queryKey: ['courses', 'by-code', code],
      queryFn: async () => (await courses.list({ q: code, pageSize: 5 })).items.find((c) => c.code === code)?.name ?? null,
      staleTime: 5 * 60_000,
    })),
  });
  return new Map(codes.flatMap((code, i) => (results[i]?.data ? [[code, results[i].data] as [string, string]] : [])));
}

/** Search the catalog by code or name; picks a course code. */
function CoursePicker({ exclude, onPick }: { exclude: string[]; onPick: (code: string) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDeferredValue(search);
  const found = useQuery({
    queryKey: ['courses', 'prereq-picker', q],
    queryFn: () => courses.list({ q, pageSize: 30, isActive: true }),
    staleTime: 30_000,
  });
  const items = (found.data?.items ?? []).filter((c) => !exclude.includes(c.code));
  return (
    <Select<string>
      value={null}
      placeholder={t('shell.prereq.pick')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      notFoundContent={found.isError ? <SelectLoadError error={found.error} onRetry={() => void found.refetch()} /> : undefined}
      options={items.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
      onChange={(code) => {
        onPick(code);
        setSearch('');
      }}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220 }}
      data-testid="prereq-pick"
    />
  );
}

function GroupEditor({
  group,
  path,
  onChange,
  onRemove,
  exclude,
  names,
}: {
  group: Group;
  path: number[];
  onChange: (path: number[], fn: (g: Group) => Group) => void;
  onRemove?: () => void;
  exclude: string[];
  names: Map<string, string>;
}) {
  const { t } = useTranslation();
  const full = group.items.length >= CATALOG_LIMITS.prerequisiteItems;
  return (
    <div className="prereq-group" data-testid="prereq-group">
      <Space wrap size={8} style={{ marginBottom: 6 }}>
        <Segmented<Op>
          size="small"
          value={group.op}
          onChange={(op) => onChange(path, (g) => ({ ...g, op }))}
          options={[
            { value: 'all', label: t('courses.allOf') },
            { value: 'any', label: t('courses.anyOf') },
          ]}
          data-testid="prereq-op"
        />
        {onRemove && (
          <Button size="small" type="text" icon={<CloseOutlined />} onClick={onRemove} aria-label={t('shell.prereq.removeGroup')} />
        )}
      </Space>
      <div>
        {group.items.map((n, i) =>
          isGroup(n) ? (
            <GroupEditor
              key={i}
              group={n}
              path={[...path, i]}
              onChange={onChange}
              onRemove={() => onChange(path, (g) => ({ ...g, items: g.items.filter((_, k) => k !== i) }))}
              exclude={exclude}
              names={names}
            />
          ) : (
            <Tag
              key={i}
              color="blue"
              closable
              onClose={(e) => {
                e.preventDefault();
                onChange(path, (g) => ({ ...g, items: g.items.filter((_, k) => k !== i) }));
              }}
              style={{ marginBottom: 6 }}
              data-testid="prereq-course"
            >
              {n.course}
              {names.get(n.course) ? ` ${names.get(n.course)}` : ''}
            </Tag>
          ),
        )}
        {!group.items.length && (
          <Typography.Text type="secondary" style={{ marginRight: 8 }}>
            {t('shell.prereq.empty')}
          </Typography.Text>
        )}
      </div>
      {!full && (
        <Space wrap size={8} style={{ marginTop: 4 }}>
          <CoursePicker exclude={exclude} onPick={(code) => onChange(path, (g) => ({ ...g, items: [...g.items, { course: code }] }))} />
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => onChange(path, (g) => ({ ...g, items: [...g.items, { op: g.op === 'all' ? 'any' : 'all', items: [] }] }))}
            data-testid="prereq-add-group"
          >
            {t('shell.prereq.addGroup')}
          </Button>
        </Space>
      )}
    </div>
  );
}

/**
 * 先修要求 built by picking courses: a top-level 全部满足/任一满足 group, courses chosen by
 * searching the catalog, nested groups for "MA101 and one of CS101, CS102". The text form
 * (`MA101 & (CS101 | CS102)`) stays as the advanced mode; both edit the same value.
 */
export function PrereqEditor({
  value,
  onChange,
  id,
  self,
}: {
  value?: PrerequisiteExpr | null;
  onChange?: (v: PrerequisiteExpr | null) => void;
  id?: string;
  /** The course being edited: not its own prerequisite. */
  self?: string;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'tree' | 'text'>('tree');
  const [group, setGroup] = useState<Group>(() => toGroup(value));
  // What this editor last sent: a different value comes from outside (text mode, form reset).
  const sent = useRef(formatPrerequisites(value ?? null));
  useEffect(() => {
    const text = formatPrerequisites(value ?? null);
    if (text !== sent.current) {
      sent.current = text;
      setGroup(toGroup(value));
    }
  }, [value]);
  const change = (path: number[], fn: (g: Group) => Group) => {
    const next = updateAt(group, path, fn);
    setGroup(next);
    const v = prune(next);
    sent.current = formatPrerequisites(v);
    onChange?.(v);
  };
  const chosen = codesOf(group);
  const names = useCourseNames(chosen);
  const exclude = [...chosen, ...(self ? [self] : [])];
  return (
    <Space orientation="vertical" style={{ width: '100%' }} id={id} data-testid="prereq-editor">
      <Segmented
        size="small"
        value={mode}
        onChange={setMode}
        options={[
          { value: 'tree', label: t('shell.prereq.tree') },
          { value: 'text', label: t('shell.prereq.text') },
        ]}
        data-testid="prereq-mode"
      />
      {mode === 'tree' ? (
        <>
          <GroupEditor group={group} path={[]} onChange={change} exclude={exclude} names={names} />
          {value && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="prereq-summary">
              {t('courses.prereqParsed')}: <span className="nowrap">{formatPrerequisites(value)}</span>
            </Typography.Text>
          )}
        </>
      ) : (
        <PrereqInput value={value} onChange={onChange} />
      )}
    </Space>
  );
}
