import QRCode from 'qrcode';
import { roomLabel, type ExamSitting, type Locale } from '@jiaowu/contracts';
import { cjkPdf } from '../../platform/files/pdf-document.ts';

/** What an admission ticket 准考证 prints. */
export interface TicketData {
  locale: Locale;
  termName: string;
  student: { name: string; code: string; collegeName: string; majorName: string; adminClassName: string };
  sittings: ExamSitting[];
  /** The address the QR code opens: the server's check of this ticket. */
  verifyUrl: string;
  issuedAt: string;
}

const WORDS = {
  'zh-CN': {
    title: (term: string) => `${term} 考试准考证`,
    name: '姓名',
    code: '学号',
    college: '学院',
    major: '专业',
    adminClass: '行政班',
    head: ['日期', '时间', '课程', '考场', '座位号'],
    scan: '扫码核验',
    none: '本学期暂无已发布的考试安排。',
    rulesTitle: '考生须知',
    rules: [
      '凭本准考证和学生证（或身份证）入场，按座位号就座。',
      '开考 15 分钟后不得入场，开考 30 分钟内不得交卷离场。',
      '除规定文具外，书籍、资料、电子设备一律放在考场指定位置。',
      '准考证以扫码核验结果为准；考试安排调整后请重新下载。',
    ],
    issued: (at: string) => `打印时间：${at}`,
  },
  en: {
    title: (term: string) => `Exam admission ticket — ${term}`,
    name: 'Name',
    code: 'Student no.',
    college: 'College',
    major: 'Major',
    adminClass: 'Class',
    head: ['Date', 'Time', 'Course', 'Room', 'Seat'],
    scan: 'Scan to verify',
    none: 'No published exams this term.',
    rulesTitle: 'Rules for candidates',
    rules: [
      'Bring this ticket and your student (or identity) card; sit in your seat number.',
      'No entry later than 15 minutes after the start; no leaving in the first 30 minutes.',
      'Books, notes and electronic devices stay where the invigilators say, except permitted stationery.',
      'The scanned check is authoritative; download the ticket again after a schedule change.',
    ],
    issued: (at: string) => `Printed: ${at}`,
  },
} as const;

const WEEKDAYS = {
  'zh-CN': ['周日', '周一', '周二', '周三', '周四', '周五', '周六'],
  en: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
};

/** One A4 page: the student, a QR code that checks the ticket against the server, the exams, the rules. */
export async function ticketPdf(t: TicketData): Promise<Buffer> {
  const w = WORDS[t.locale];
  const qr = await QRCode.toBuffer(t.verifyUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const { doc, done } = cjkPdf({ margin: 40, info: { Title: w.title(t.termName) } });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  doc.fontSize(18).text(w.title(t.termName), left, 40, { width, align: 'center' });
  const qrSize = 110;
  const qrX = left + width - qrSize;
  doc.image(qr, qrX, 80, { width: qrSize });
  doc.fontSize(8).text(w.scan, qrX, 80 + qrSize + 2, { width: qrSize, align: 'center' });
  let y = 86;
  const facts: [string, string][] = [
    [w.name, t.student.name],
    [w.code, t.student.code],
    [w.college, t.student.collegeName],
    [w.major, t.student.majorName],
    [w.adminClass, t.student.adminClassName],
  ];
  for (const [label, value] of facts) {
    doc.fontSize(11).text(`${label}：${value}`, left, y, { width: width - qrSize - 20 });
    y += 22;
  }
  y = Math.max(y, 80 + qrSize + 20) + 8;
  const cols = [90, 90, width - 90 - 90 - 150 - 60, 150, 60];
  const rowH = 24;
  const row = (cells: string[], bold: boolean) => {
    let x = left;
    cells.forEach((text, i) => {
      if (bold) doc.rect(x, y, cols[i]!, rowH).fill('#eef2f7').fillColor('#000');
      doc.rect(x, y, cols[i]!, rowH).lineWidth(0.5).stroke('#666');
      let size = 10;
      doc.fontSize(size);
      while (size > 6 && doc.widthOfString(text) > cols[i]! - 6) doc.fontSize((size -= 0.5));
      doc.text(text, x + 3, y + (rowH - doc.currentLineHeight()) / 2, { width: cols[i]! - 6, align: 'center', lineBreak: false });
      x += cols[i]!;
    });
    y += rowH;
  };
  row([...w.head], true);
  if (t.sittings.length === 0) {
    doc.fontSize(10).text(w.none, left, y + 6, { width, align: 'center' });
    y += rowH;
  }
  for (const s of t.sittings) {
    const day = WEEKDAYS[t.locale][new Date(`${s.date}T00:00:00Z`).getUTCDay()];
    row([`${s.date} ${day}`, `${s.start}–${s.end}`, s.courseName, roomLabel(s.buildingName, s.roomName), String(s.seat ?? '')], false);
  }
  y += 18;
  doc.fontSize(12).text(w.rulesTitle, left, y);
  y += 20;
  w.rules.forEach((r, i) => {
    doc.fontSize(9.5).text(`${i + 1}. ${r}`, left, y, { width });
    y += 16;
  });
  doc
    .fontSize(8)
    .fillColor('#666')
    .text(w.issued(t.issuedAt), left, y + 10, { width, align: 'right' });
  doc.end();
  return done;
}
