import { CONDITION_FIELDS, describeCondition, type ApproverSpec, type FlowDiagram, type FlowStep, type Locale } from '@jiaowu/contracts';
import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { findCollegeNames } from '../../org/org-names.read-model.ts';
import * as repo from '../workflow.repository.ts';
import { loadSteps, localized, type WorkflowDeps } from '../workflow.types.ts';

const L = {
  'zh-CN': {
    submit: '提交申请',
    approved: '已通过',
    rejected: '已驳回',
    returned: '退回申请人修改',
    approve: '通过',
    reject: '驳回',
    ret: '退回',
    yes: '是',
    no: '否',
    overdue: '超时',
    days: (n: number) => `${n} 个工作日`,
    applicant: '申请人',
    college: '申请人所在学院的',
    department: '申请人所在系的',
    unknownUser: '（已不存在的用户）',
  },
  en: {
    submit: 'Application submitted',
    approved: 'Approved',
    rejected: 'Rejected',
    returned: 'Returned to the applicant',
    approve: 'approve',
    reject: 'reject',
    ret: 'return',
    yes: 'yes',
    no: 'no',
    overdue: 'overdue',
    days: (n: number) => `${n} working day${n === 1 ? '' : 's'}`,
    applicant: 'Applicant',
    college: " of the applicant's college",
    department: " of the applicant's department",
    unknownUser: '(a user who no longer exists)',
  },
};

/** Mermaid labels are quoted; quotes inside become entities. */
const q = (s: string) => `"${s.replace(/"/g, '#quot;')}"`;

/**
 * The flow drawn as a Mermaid flowchart plus its responsibility table, both
 * generated from the flow's data — the process documentation cannot drift
 * from what the system does. Labels are in the request's language.
 */
export async function flowDiagram(deps: WorkflowDeps, key: string, locale: Locale): Promise<FlowDiagram> {
  const flow = await repo.findFlow(deps.db, key);
  if (!flow) throw new AppError('not_found');
  const steps = await loadSteps(deps, deps.db, key, flow.currentVersion);
  const t = L[locale];
  const roles = new Map((await repo.findRoleNames(deps.db)).map((r) => [r.code, r]));
  const userIds = steps.flatMap((s) =>
    [s.approver, s.fallback].filter((a): a is ApproverSpec => a?.kind === 'user').map((a) => (a as { userId: number }).userId),
  );
  const users = await repo.findUserNames(deps.db, userIds);
  const who = (a: ApproverSpec): string => {
    if (a.kind === 'user') return users.get(a.userId) ?? t.unknownUser;
    const role = roles.get(a.role);
    const name = role ? localized(role, locale) : a.role;
    if (a.scope === 'all') return name;
    return locale === 'en'
      ? `${name}${a.scope === 'college' ? t.college : t.department}`
      : `${a.scope === 'college' ? t.college : t.department}${name}`;
  };

  const conditions = await conditionTexts(deps.db, key, steps, locale);

  const lines = [
    'flowchart TD',
    `  start([${q(t.submit)}])`,
    `  approved([${q(t.approved)}])`,
    `  rejected([${q(t.rejected)}])`,
    `  returned([${q(t.returned)}])`,
  ];
  let from = 'start';
  let fromLabel = '';
  steps.forEach((s, i) => {
    const id = `s${i + 1}`;
    const label = `${i + 1}. ${localized(s, locale)}<br/>${who(s.approver)} · ${t.days(s.deadlineDays)}`;
    const cond = conditions[i];
    const next = i + 1 < steps.length ? (steps[i + 1].condition ? `c${i + 2}` : `s${i + 2}`) : 'approved';
    if (cond) {
      lines.push(`  c${i + 1}{${q(`${cond}?`)}}`);
      lines.push(`  ${from} -->${fromLabel} c${i + 1}`);
      lines.push(`  c${i + 1} -->|${t.no}| ${next}`);
      lines.push(`  c${i + 1} -->|${t.yes}| ${id}`);
    } else {
      lines.push(`  ${from} -->${fromLabel} ${id}`);
    }
    lines.push(`  ${id}[${q(label)}]`);
    lines.push(`  ${id} -->|${t.ret}| returned`, `  ${id} -->|${t.reject}| rejected`);
    if (s.fallback) lines.push(`  ${id} -.->|${t.overdue}| f${i + 1}[${q(who(s.fallback))}]`, `  f${i + 1} -.-> ${id}`);
    from = id;
    fromLabel = `|${t.approve}|`;
  });
  lines.push(`  ${from} -->${fromLabel} approved`);
  lines.push('  returned -.-> start');

  return {
    mermaid: lines.join('\n'),
    responsibility: steps.map((s, i) => ({
      step: `${i + 1}. ${localized(s, locale)}`,
      responsible: who(s.approver),
      approver: s.fallback ? `${who(s.approver)} → ${who(s.fallback)}` : who(s.approver),
      informed: t.applicant,
      deadlineDays: s.deadlineDays,
      condition: conditions[i],
    })),
  };
}

/** Each step's condition in words, with the names behind reference values (学院为 计算机学院). */
async function conditionTexts(db: Db, flowKey: string, steps: FlowStep[], locale: Locale): Promise<(string | null)[]> {
  const isCollege = (s: FlowStep) => !!s.condition && CONDITION_FIELDS[flowKey]?.[s.condition.field]?.ref === 'college';
  const ids = steps.filter(isCollege).map((s) => Number(s.condition!.value));
  const colleges = await findCollegeNames(
    db,
    ids.filter((n) => Number.isInteger(n)),
  );
  return steps.map((s) =>
    describeCondition(s.condition, locale, {
      flowKey,
      valueName: isCollege(s) ? (colleges.get(Number(s.condition!.value)) ?? null) : null,
    }),
  );
}
