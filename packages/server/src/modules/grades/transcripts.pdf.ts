import QRCode from 'qrcode';
import { GRADE_WORDS, type GradeRules } from '@jiaowu/contracts';
import { BANDS4, formatTenths } from '@jiaowu/contracts/grades-core';
import { cjkPdf } from '../../platform/files/pdf-document.ts';
import type { TranscriptContent } from './transcripts.content.ts';

/** One transcript to print: its content (the checksummed snapshot), the checksum and where its QR code leads. */
export interface TranscriptPrint {
  content: TranscriptContent;
  checksum: string;
  verifyUrl: string;
  /** The school's rules, for the certificate's explanation of the grading scale. */
  rules: GradeRules;
}

const WORDS = {
  'zh-CN': {
    title: { transcript: '学生成绩单', certificate: '成绩证明' },
    name: '姓名',
    code: '学号',
    college: '学院',
    major: '专业',
    cohort: '年级',
    head: ['课程代码', '课程名称', '学分', '成绩', '修读方式'],
    termGpa: (gpa: string, credits: string) => `学期绩点 ${gpa}\u3000获得学分 ${credits}`,
    gpa: (gpa: string, credits: string) => `总绩点（GPA）：${gpa}（计入学分 ${credits}）`,
    earned: (credits: string) => `已获学分：${credits}`,
    byCategory: '各类课程学分',
    none: '暂无已公布的成绩。',
    sat: (g: string) => `（卷面 ${g}）`,
    notCounting: '灰色行为不计入绩点的修读记录。',
    issued: (d: string) => `开具日期：${d}`,
    verify: '验证码',
    checksum: '校验值',
    scan: (url: string) => `扫码或访问 ${url} 核验本成绩单`,
    continued: (name: string, code: string, v: string) => `${name}（${code}）成绩单续页\u3000验证码 ${v}`,
  },
  en: {
    title: { transcript: 'Academic Transcript', certificate: 'Grade Certificate' },
    name: 'Name',
    code: 'Student no.',
    college: 'College',
    major: 'Major',
    cohort: 'Cohort',
    head: ['Code', 'Course', 'Credits', 'Grade', 'Attempt'],
    termGpa: (gpa: string, credits: string) => `Term GPA ${gpa}   Credits earned ${credits}`,
    gpa: (gpa: string, credits: string) => `Cumulative GPA: ${gpa} (over ${credits} credits)`,
    earned: (credits: string) => `Credits earned: ${credits}`,
    byCategory: 'Credits by course category',
    none: 'No published grades yet.',
    sat: (g: string) => ` (sat ${g})`,
    notCounting: 'Rows in grey are attempts that do not count towards the GPA.',
    issued: (d: string) => `Date of issue: ${d}`,
    verify: 'Verification code',
    checksum: 'Checksum',
    scan: (url: string) => `Scan the code or visit ${url} to verify this document`,
    continued: (name: string, code: string, v: string) => `${name} (${code}), continued — verification code ${v}`,
  },
} as const;

/** The certificate's explanation of the grading scale and the GPA rules in force (English). */
export function gradingScaleLines(rules: GradeRules): string[] {
  const pts = (h: number) => (h / 100).toFixed(1);
  const levels = (['excellent', 'good', 'fair', 'pass', 'fail'] as const)
    .map(
      (l) =>
        `${GRADE_WORDS.fiveLevel[l].en} (${GRADE_WORDS.fiveLevel[l]['zh-CN']}) = ${formatTenths(rules.levelTotals[l])}, ${pts(rules.gpa.fiveLevelPoints[l])} points`,
    )
    .join('; ');
  const bands = (list: readonly { minTenths: number; pointsHundredths: number }[]) =>
    [...list]
      .sort((a, b) => b.minTenths - a.minTenths)
      .map((b) => `${formatTenths(b.minTenths)}+ → ${pts(b.pointsHundredths)}`)
      .join(', ');
  const formula = {
    bands4: `grade points by score band: ${bands(BANDS4)}; below 60 → 0.0`,
    linear: 'grade points = score / 10 − 5 for scores from 60 to 100; below 60 → 0',
    quadratic: 'grade points = 4 − 3 × (100 − score)² / 1600 for scores from 60 to 100; below 60 → 0',
    custom: `grade points by score band: ${bands(rules.gpa.bands)}; below the lowest band → 0`,
  }[rules.gpa.formula];
  const twoLevel = rules.gpa.twoLevelPoints
    ? `Pass = ${pts(rules.gpa.twoLevelPoints.pass)}, Fail = ${pts(rules.gpa.twoLevelPoints.fail)} points`
    : 'not included in the GPA';
  const excluded = rules.gpa.excludedCategories.length
    ? ` Courses of these categories are left out: ${rules.gpa.excludedCategories.join(', ')}.`
    : '';
  return [
    'Percentage scale (百分制): scores from 0 to 100, one decimal; the pass mark is 60.',
    `Five-level scale (五级制): ${levels}.`,
    `Pass/fail scale (两级制): Pass (合格) or Fail (不合格); ${twoLevel}.`,
    `GPA: ${formula}. Five-level grades use the points above; absence counts as 0; exemptions (免修) earn credits without points.`,
    `GPA = Σ (grade points × credits) / Σ credits, over the attempt of each course that counts.${excluded}`,
    rules.attempts.makeupCapTenths === null
      ? 'Make-up examinations (补考) are recorded at the grade obtained.'
      : `Make-up examinations (补考) are recorded at no more than ${formatTenths(rules.attempts.makeupCapTenths)}.`,
    `Retaken courses (重修): every attempt is listed; the ${rules.attempts.retakeCounts === 'best' ? 'best' : 'latest'} attempt counts.`,
  ];
}

/** Draws one transcript from a fresh page of `doc`. */
async function drawTranscript(doc: PDFKit.PDFDocument, t: TranscriptPrint) {
  const c = t.content;
  const w = WORDS[c.lang];
  const en = c.lang === 'en';
  const qr = await QRCode.toBuffer(t.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const left = doc.page.margins.left;
  const top = doc.page.margins.top;
  const width = doc.page.width - left - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  let y = top;
  /** Room for `h` more points, else a new page that names the student and the code again. */
  const ensure = (h: number): boolean => {
    if (y + h <= bottom) return false;
    doc.addPage();
    y = top;
    doc
      .fillColor('#666')
      .fontSize(8)
      .text(w.continued(c.student.name, c.student.code, c.code), left, y, { width, align: 'right' });
    doc.fillColor('#000');
    y += 14;
    return true;
  };
  doc
    .fillColor('#000')
    .fontSize(16)
    .text(en ? c.school.nameEn : c.school.name, left, y, { width, align: 'center' });
  y += 24;
  doc.fontSize(14).text(w.title[c.kind], left, y, { width, align: 'center' });
  y += 26;
  const qrSize = 90;
  doc.image(qr, left + width - qrSize, y, { width: qrSize });
  const facts: [string, string][] = [
    [w.name, c.student.name],
    [w.code, c.student.code],
    [w.college, c.student.collegeName ?? ''],
    [w.major, c.student.majorName ?? ''],
    [w.cohort, String(c.student.cohort)],
  ];
  for (const [label, value] of facts) {
    doc.fontSize(10).text(`${label}${en ? ': ' : '：'}${value}`, left, y, { width: width - qrSize - 20 });
    y += 16;
  }
  y = Math.max(y, y - 16 * facts.length + qrSize) + 12;

  const cols = [70, width - 70 - 45 - 70 - 90, 45, 70, 90];
  const cell = (text: string, x: number, cw: number, cy: number, h: number, size: number, align: 'left' | 'center') => {
    doc.fontSize(size);
    let s = size;
    while (s > 5.5 && doc.widthOfString(text) > cw - 6) doc.fontSize((s -= 0.5));
    doc.text(text, x + 3, cy + (h - doc.currentLineHeight()) / 2, { width: cw - 6, align, lineBreak: false });
  };
  const header = () => {
    const h = 18;
    let x = left;
    w.head.forEach((text, i) => {
      doc.rect(x, y, cols[i]!, h).fill('#eef2f7');
      doc.rect(x, y, cols[i]!, h).lineWidth(0.5).stroke('#666');
      doc.fillColor('#000');
      cell(text, x, cols[i]!, y, h, 9, 'center');
      x += cols[i]!;
    });
    y += h;
  };
  if (c.terms.length === 0) {
    doc.fontSize(10).text(w.none, left, y, { width });
    y += 20;
  }
  for (const term of c.terms) {
    ensure(60);
    doc.fillColor('#000').fontSize(11).text(term.termName, left, y, { width });
    y += 16;
    header();
    for (const course of term.courses) {
      const h = en && course.nameEn ? 26 : 17;
      if (ensure(h)) header();
      const color = course.isCounting ? '#000' : '#888';
      let x = left;
      const attempt = course.attempt === 'normal' ? '' : GRADE_WORDS.attempt[course.attempt as 'makeup' | 'retake'][c.lang];
      const texts = [course.code, '', course.credits, course.grade, `${attempt}${course.entered ? w.sat(course.entered) : ''}`];
      texts.forEach((text, i) => {
        doc.rect(x, y, cols[i]!, h).lineWidth(0.5).stroke('#999');
        doc.fillColor(color);
        if (i === 1) {
          if (en && course.nameEn) {
            cell(course.nameEn, x, cols[i]!, y + 1, 13, 9, 'left');
            doc.fillColor('#666');
            cell(course.name, x, cols[i]!, y + 12, 12, 7.5, 'left');
          } else cell(course.name, x, cols[i]!, y, h, 9, 'left');
        } else cell(text, x, cols[i]!, y, h, 9, i === 0 ? 'left' : 'center');
        x += cols[i]!;
      });
      y += h;
    }
    doc.fillColor('#000');
    doc.fontSize(9).text(w.termGpa(term.gpa ?? '—', term.creditsEarned), left, y + 3, { width, align: 'right' });
    y += 20;
  }
  ensure(90);
  y += 4;
  doc
    .fillColor('#000')
    .fontSize(11)
    .text(w.gpa(c.gpa ?? '—', c.gpaCredits), left, y, { width });
  y += 16;
  doc.fontSize(10).text(w.earned(c.creditsEarned), left, y, { width });
  y += 15;
  if (c.creditsByCategory.length) {
    const sep = en ? '; ' : '；';
    doc
      .fontSize(9)
      .text(`${w.byCategory}${en ? ': ' : '：'}${c.creditsByCategory.map((x) => `${x.name} ${x.credits}`).join(sep)}`, left, y, { width });
    y = doc.y + 4;
  }
  doc.fontSize(8).fillColor('#666').text(w.notCounting, left, y, { width });
  y = doc.y + 8;
  if (c.kind === 'certificate') {
    ensure(140);
    doc.fillColor('#000').fontSize(11).text('Grading scale', left, y, { width });
    y += 15;
    for (const line of gradingScaleLines(t.rules)) {
      ensure(24);
      doc.fontSize(8.5).text(`• ${line}`, left, y, { width });
      y = doc.y + 3;
    }
    y += 6;
  }
  ensure(70);
  doc.fillColor('#000').fontSize(9).text(w.issued(c.issuedOn), left, y, { width });
  y += 14;
  doc.text(`${w.verify}${en ? ': ' : '：'}${c.code}`, left, y, { width });
  y += 14;
  doc.fontSize(7.5).text(`${w.checksum} (SHA-256)${en ? ': ' : '：'}${t.checksum}`, left, y, { width });
  y += 12;
  doc.fillColor('#666').text(w.scan(t.verifyUrl), left, y, { width });
  doc.fillColor('#000');
}

/** The transcripts as one PDF, each starting on its own page (one for a download, a cohort's for a batch). */
export async function transcriptsPdf(list: TranscriptPrint[]): Promise<Buffer> {
  const first = list[0]?.content;
  const title = first ? `${WORDS[first.lang].title[first.kind]} ${list.length === 1 ? first.student.code : ''}`.trim() : 'Transcripts';
  const { doc, done } = cjkPdf({ margin: 40, info: { Title: title } });
  for (const [i, t] of list.entries()) {
    if (i > 0) doc.addPage();
    await drawTranscript(doc, t);
  }
  doc.end();
  return done;
}
