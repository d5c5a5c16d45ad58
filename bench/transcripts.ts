/**
 * What a cohort's transcripts cost to print (POST /api/grades/transcripts/batch renders them in
 * the request): N transcripts of 8 terms × 7 courses in English (both languages of course names),
 * each as its own PDF in a ZIP, and all as one merged PDF. No database: the PDFs only.
 *
 *   N=100 node bench/transcripts.ts
 */
import { zipSync } from 'fflate';
import { DEFAULT_GRADE_RULES } from '../packages/server/src/modules/grades/rules.ts';
import type { TranscriptContent } from '../packages/server/src/modules/grades/transcripts.content.ts';
import { transcriptsPdf, type TranscriptPrint } from '../packages/server/src/modules/grades/transcripts.pdf.ts';

const N = Number(process.env.N ?? 100);
const course = (i: number) => ({
  code: `CS${100 + i}`,
  name: `专业课程第${i}门`,
  nameEn: `Major course number ${i}`,
  credits: '3',
  grade: String(60 + (i % 40)),
  entered: null,
  attempt: i % 11 === 0 ? 'makeup' : 'normal',
  isCounting: true,
});
const content = (n: number): TranscriptContent => ({
  v: 1,
  kind: 'transcript',
  lang: 'en',
  code: 'ABCDEFGHJKLMNPQR',
  school: { name: '教务示范大学', nameEn: 'Jiaowu Demo University' },
  student: {
    code: `2031${String(n).padStart(4, '0')}`,
    name: '李雷',
    majorName: '软件工程',
    collegeName: 'School of Computing',
    cohort: 2031,
  },
  terms: Array.from({ length: 8 }, (_, t) => ({
    termName: `Semester ${(t % 2) + 1}, ${2031 + Math.floor(t / 2)}-${2032 + Math.floor(t / 2)}`,
    gpa: '3.12',
    creditsEarned: '21',
    courses: Array.from({ length: 7 }, (_, i) => course(t * 7 + i)),
  })),
  gpa: '3.12',
  gpaCredits: '168',
  creditsEarned: '168',
  creditsByCategory: [{ category: 'major_core', name: 'Major core', credits: '168' }],
  rules: { gpaFormula: 'bands4', makeupCap: '60', retakeCounts: 'best' },
  issuedOn: '2035-06-30',
  issuedAt: new Date().toISOString(),
});
const prints: TranscriptPrint[] = Array.from({ length: N }, (_, n) => ({
  content: content(n),
  checksum: 'a'.repeat(64),
  verifyUrl: 'http://localhost:3000/verify/ABCDEFGHJKLMNPQR',
  rules: DEFAULT_GRADE_RULES,
}));
await transcriptsPdf([prints[0]!]); // the font is read and parsed once per process

let t = performance.now();
const files: Record<string, Uint8Array> = {};
for (const p of prints) files[`${p.content.student.code}.pdf`] = await transcriptsPdf([p]);
const zip = zipSync(files, { level: 0 });
const zipMs = performance.now() - t;
console.log(
  `${N} transcripts as a ZIP of PDFs: ${zipMs.toFixed(0)} ms (${(zipMs / N).toFixed(0)} ms each), ${(zip.length / 1024).toFixed(0)} KiB`,
);
t = performance.now();
const merged = await transcriptsPdf(prints);
const pdfMs = performance.now() - t;
console.log(
  `${N} transcripts as one PDF: ${pdfMs.toFixed(0)} ms (${(pdfMs / N).toFixed(0)} ms each), ${(merged.length / 1024).toFixed(0)} KiB`,
);
