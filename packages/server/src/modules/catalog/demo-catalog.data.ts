import { MORE_PLANS, PUBLIC_REQUIRED } from './demo-catalog.colleges.ts';

// Demo course catalog (课程库) and the curriculum plans of the 计算机学院's
// majors. One line per course: code|name|English name|credits|lecture|lab|
// practice|exam or assessment|department code|category|prerequisites (text form).

export const DEMO_COURSES = `
MA101|高等数学A（上）|Advanced Mathematics A (I)|5|80|0|0|exam|0501|foundation|
MA102|高等数学A（下）|Advanced Mathematics A (II)|5|80|0|0|exam|0501|foundation|MA101
MA103|线性代数|Linear Algebra|3|48|0|0|exam|0501|foundation|
MA104|数学分析（一）|Mathematical Analysis (I)|6|96|0|0|exam|0501|foundation|
MA105|数学分析（二）|Mathematical Analysis (II)|6|96|0|0|exam|0501|foundation|MA104
MA106|高等代数（一）|Advanced Algebra (I)|5|80|0|0|exam|0501|foundation|
MA107|高等代数（二）|Advanced Algebra (II)|5|80|0|0|exam|0501|foundation|MA106
MA201|常微分方程|Ordinary Differential Equations|3|48|0|0|exam|0501|major_core|MA105 & MA107
MA202|实变函数|Real Analysis|4|64|0|0|exam|0501|major_core|MA105
MA203|复变函数|Complex Analysis|3|48|0|0|exam|0501|major_core|MA105
MA204|数值分析|Numerical Analysis|3|32|16|0|exam|0501|major_core|MA102 | MA105
MA205|运筹学|Operations Research|3|48|0|0|exam|0501|major_elective|MA103
ST101|概率论与数理统计|Probability and Statistics|3|48|0|0|exam|0502|foundation|MA101 | MA104
ST201|数理统计|Mathematical Statistics|3|48|0|0|exam|0502|major_core|ST101
ST202|回归分析|Regression Analysis|3|40|8|0|exam|0502|major_core|ST201 & MA103
ST203|多元统计分析|Multivariate Statistics|3|40|8|0|exam|0502|major_elective|ST201
ST204|统计软件与应用|Statistical Software|2|8|24|0|assessment|0502|major_elective|ST101
EN101|大学英语（一）|College English (I)|3|48|0|0|exam|0301|general|
EN102|大学英语（二）|College English (II)|3|48|0|0|exam|0301|general|EN101
EN103|大学英语（三）|College English (III)|2|32|0|0|exam|0301|general|EN102
EN104|大学英语（四）|College English (IV)|2|32|0|0|exam|0301|general|EN103
EN201|综合英语（一）|Integrated English (I)|4|64|0|0|exam|0301|major_core|
EN202|英语语音|English Phonetics|2|16|16|0|assessment|0301|major_core|
EN203|英美文学选读|Selected Readings in English Literature|3|48|0|0|exam|0301|major_elective|EN201
TR201|笔译基础|Basics of Translation|3|48|0|0|exam|0301|major_core|EN201
JP101|基础日语（一）|Elementary Japanese (I)|6|96|0|0|exam|0302|major_core|
JP102|基础日语（二）|Elementary Japanese (II)|6|96|0|0|exam|0302|major_core|JP101
DE101|基础德语（一）|Elementary German (I)|6|96|0|0|exam|0303|major_core|
DE102|基础德语（二）|Elementary German (II)|6|96|0|0|exam|0303|major_core|DE101
GE101|日语入门|Introductory Japanese|2|32|0|0|assessment|0302|general|
GE102|德国文化概览|German Culture|1.5|24|0|0|assessment|0303|general|
GE103|创新创业基础|Innovation and Entrepreneurship|2|24|0|8|assessment|0202|general|
GE104|经济学通识|Economics for Everyone|2|32|0|0|assessment|0203|general|
ACC101|会计学原理|Principles of Accounting|3|48|0|0|exam|0201|foundation|
ACC201|中级财务会计|Intermediate Financial Accounting|4|64|0|0|exam|0201|major_core|ACC101
ACC202|成本会计|Cost Accounting|3|48|0|0|exam|0201|major_core|ACC101
FM201|财务管理学|Financial Management|3|48|0|0|exam|0201|major_core|ACC101
ECO101|微观经济学|Microeconomics|3|48|0|0|exam|0203|foundation|
ECO102|宏观经济学|Macroeconomics|3|48|0|0|exam|0203|foundation|ECO101
ECO201|计量经济学|Econometrics|3|40|8|0|exam|0203|major_core|ECO101 & ST101
FIN201|货币银行学|Money and Banking|3|48|0|0|exam|0204|major_core|ECO102
FIN202|投资学|Investments|3|48|0|0|exam|0204|major_core|FIN201
BA201|管理学|Management|3|48|0|0|exam|0202|foundation|
MKT201|市场营销学|Marketing|3|48|0|0|exam|0202|major_core|BA201
ME101|工程制图|Engineering Drawing|3|32|16|0|exam|0401|foundation|
ME201|理论力学|Theoretical Mechanics|4|64|0|0|exam|0401|foundation|MA101
ME202|材料力学|Mechanics of Materials|4|56|8|0|exam|0401|foundation|ME201
ME203|机械原理|Theory of Machines|3.5|48|8|0|exam|0401|major_core|ME201
ME204|机械设计|Machine Design|3.5|48|8|0|exam|0401|major_core|ME203 & ME202
VE201|汽车构造|Automobile Construction|3|40|8|0|exam|0402|major_core|ME101
MT201|机电传动控制|Electromechanical Drive Control|3|40|8|0|exam|0403|major_core|ME203
CS109|计算机导论|Introduction to Computing|1|16|0|0|assessment|0101|foundation|
CS101|程序设计基础（C语言）|Programming Fundamentals in C|4|48|32|0|exam|0101|foundation|
CS102|面向对象程序设计（Java）|Object-Oriented Programming in Java|3|32|32|0|exam|0101|foundation|CS101
CS103|离散数学|Discrete Mathematics|4|64|0|0|exam|0101|foundation|
CS201|数据结构|Data Structures|4|48|32|0|exam|0101|major_core|CS101
CS202|计算机组成原理|Computer Organization|4|48|16|0|exam|0101|major_core|CS101
CS203|操作系统|Operating Systems|4|48|16|0|exam|0101|major_core|CS201 & CS202
CS204|计算机网络|Computer Networks|3|40|8|0|exam|0101|major_core|CS202
CS205|数据库系统原理|Database Systems|3|40|16|0|exam|0101|major_core|CS201
CS206|算法设计与分析|Algorithm Design and Analysis|3|48|0|0|exam|0101|major_core|CS201 & CS103
CS207|编译原理|Compiler Construction|3|40|16|0|exam|0101|major_core|CS201 & CS103
CS208|计算机体系结构|Computer Architecture|3|48|0|0|exam|0101|major_core|CS202
CS301|软件工程|Software Engineering|3|40|8|0|exam|0102|major_core|CS102 | CS201
CS302|人工智能导论|Introduction to Artificial Intelligence|3|40|8|0|exam|0104|major_core|CS201 & (ST101 | MA103)
CS303|机器学习|Machine Learning|3|40|8|0|exam|0104|major_core|CS302 & MA103
CS304|计算机图形学|Computer Graphics|2|24|8|0|assessment|0101|major_elective|CS201 & MA103
CS305|分布式系统|Distributed Systems|2|32|0|0|assessment|0101|major_elective|CS203 & CS204
CS306|Web 应用开发|Web Application Development|2|16|32|0|assessment|0102|major_elective|CS102
CS307|移动应用开发|Mobile App Development|2|16|32|0|assessment|0102|major_elective|CS102
CS308|信息安全导论|Introduction to Information Security|2|32|0|0|assessment|0103|major_elective|CS204
CS401|毕业设计（论文）|Graduation Project|8|0|0|320|assessment|0101|practice|
CS402|专业实习|Internship|4|0|0|160|assessment|0101|practice|
SE201|软件需求工程|Requirements Engineering|2|32|0|0|exam|0102|major_core|CS301
SE202|软件测试与质量保证|Software Testing and Quality|3|32|16|0|exam|0102|major_core|CS301
SE203|软件项目管理|Software Project Management|2|32|0|0|assessment|0102|major_core|CS301
SE204|软件体系结构|Software Architecture|3|48|0|0|exam|0102|major_core|CS301
SE205|软件工程综合实践|Software Engineering Practicum|2|0|0|64|assessment|0102|practice|SE202
NE201|网络协议分析|Network Protocol Analysis|3|32|16|0|exam|0103|major_core|CS204
NE202|路由与交换技术|Routing and Switching|3|24|24|0|exam|0103|major_core|CS204
IS201|密码学|Cryptography|3|48|0|0|exam|0103|major_core|MA103 & CS103
IS202|网络安全|Network Security|3|40|8|0|exam|0103|major_core|CS204
AI201|深度学习|Deep Learning|3|32|16|0|exam|0104|major_core|CS303
AI202|自然语言处理|Natural Language Processing|2|24|8|0|assessment|0104|major_elective|AI201
AI203|计算机视觉|Computer Vision|2|24|8|0|assessment|0104|major_elective|AI201
DS201|大数据技术基础|Big Data Fundamentals|3|32|16|0|exam|0104|major_core|CS205
DS202|数据可视化|Data Visualization|2|16|16|0|assessment|0104|major_elective|CS102
`;

/** Courses every 计算机学院 major shares: group → [code, plan term]. */
const COMMON: Record<string, [string, number][]> = {
  通识教育课程: [
    ['EN101', 1],
    ['EN102', 2],
    ['EN103', 3],
    ['EN104', 4],
    ['GE103', 3],
    ['GE104', 4],
  ],
  学科基础课程: [
    ['CS109', 1],
    ['CS101', 1],
    ['MA101', 1],
    ['MA102', 2],
    ['MA103', 2],
    ['CS103', 2],
    ['CS102', 2],
    ['ST101', 3],
  ],
  实践教学环节: [
    ['CS402', 7],
    ['CS401', 8],
  ],
};

/** Major core and electives by major code. */
const BY_MAJOR: Record<string, { core: [string, number][]; electives: [string, number][] }> = {
  '080901': {
    core: [
      ['CS201', 3],
      ['CS202', 3],
      ['CS203', 4],
      ['CS205', 4],
      ['CS204', 5],
      ['CS206', 5],
      ['CS301', 5],
      ['CS207', 6],
      ['CS208', 6],
    ],
    electives: [
      ['CS306', 4],
      ['CS302', 5],
      ['CS308', 6],
      ['CS303', 6],
      ['CS304', 6],
      ['CS307', 6],
      ['CS305', 7],
    ],
  },
  '080902': {
    core: [
      ['CS201', 3],
      ['CS202', 3],
      ['CS205', 4],
      ['CS301', 4],
      ['SE201', 5],
      ['SE202', 5],
      ['CS203', 5],
      ['CS204', 5],
      ['SE203', 6],
      ['SE204', 6],
      ['SE205', 6],
    ],
    electives: [
      ['CS306', 4],
      ['CS307', 5],
      ['CS302', 5],
      ['CS308', 6],
      ['CS304', 6],
    ],
  },
  '080903': {
    core: [
      ['CS201', 3],
      ['CS202', 3],
      ['CS204', 4],
      ['CS203', 5],
      ['NE201', 5],
      ['NE202', 5],
      ['IS202', 6],
    ],
    electives: [
      ['CS205', 5],
      ['CS306', 5],
      ['CS308', 6],
      ['CS305', 7],
    ],
  },
  '080904K': {
    core: [
      ['CS201', 3],
      ['CS202', 3],
      ['CS204', 4],
      ['IS201', 4],
      ['CS203', 5],
      ['CS206', 5],
      ['IS202', 5],
    ],
    electives: [
      ['CS306', 5],
      ['CS308', 6],
      ['CS304', 6],
      ['CS305', 7],
    ],
  },
  '080717T': {
    core: [
      ['CS201', 3],
      ['CS202', 3],
      ['CS206', 4],
      ['CS302', 4],
      ['CS205', 5],
      ['CS303', 5],
      ['AI201', 6],
    ],
    electives: [
      ['CS304', 6],
      ['DS202', 6],
      ['AI202', 7],
      ['AI203', 7],
    ],
  },
  '080910T': {
    core: [
      ['CS201', 3],
      ['CS205', 4],
      ['CS302', 4],
      ['ST201', 4],
      ['CS303', 5],
      ['DS201', 5],
    ],
    electives: [
      ['DS202', 5],
      ['CS306', 5],
      ['AI201', 6],
      ['ST203', 6],
    ],
  },
};

export const ELECTIVE_MIN = '6.0';

/** The groups of a major's plan (the same for each cohort of the demo). */
export function demoPlanGroups(majorCode: string) {
  const more = MORE_PLANS[majorCode];
  if (more)
    return [
      { name: '公共必修课程', kind: 'required', courses: PUBLIC_REQUIRED },
      { name: '通识教育课程', kind: 'required', courses: more.general },
      { name: '学科基础课程', kind: 'required', courses: more.foundation },
      { name: '专业核心课程', kind: 'required', courses: more.core },
      { name: '专业选修课程', kind: 'elective', courses: more.electives },
      { name: '实践教学环节', kind: 'required', courses: more.practice },
    ] as const;
  const m = BY_MAJOR[majorCode];
  if (!m) return null;
  return [
    { name: '公共必修课程', kind: 'required', courses: PUBLIC_REQUIRED },
    { name: '通识教育课程', kind: 'required', courses: COMMON.通识教育课程 },
    { name: '学科基础课程', kind: 'required', courses: COMMON.学科基础课程 },
    { name: '专业核心课程', kind: 'required', courses: m.core },
    { name: '专业选修课程', kind: 'elective', courses: m.electives },
    { name: '实践教学环节', kind: 'required', courses: COMMON.实践教学环节 },
  ] as const;
}
