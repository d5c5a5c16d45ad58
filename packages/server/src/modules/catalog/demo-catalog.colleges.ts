// Demo courses and curriculum plans beyond the 计算机学院: the public courses every major
// takes (思想政治理论课, 军事理论, 大学体育, 大学物理, 大学计算机基础, 高等数学B) and the
// courses of the 经济管理, 外国语, 机械工程 and 数学与统计 colleges. Same line format as
// DEMO_COURSES: code|name|English name|credits|lecture|lab|practice|exam or assessment|
// department|category|prerequisites.

export const DEMO_MORE_COURSES = `
PO101|思想道德与法治|Ethics and the Rule of Law|3|48|0|0|exam|0601|general|
PO102|中国近现代史纲要|Outline of Modern Chinese History|3|48|0|0|exam|0601|general|
PO103|马克思主义基本原理|Basic Principles of Marxism|3|48|0|0|exam|0601|general|
PO104|毛泽东思想和中国特色社会主义理论体系概论|Introduction to Mao Zedong Thought and Socialism with Chinese Characteristics|3|48|0|0|exam|0601|general|
PO105|习近平新时代中国特色社会主义思想概论|Introduction to Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era|3|48|0|0|exam|0601|general|
PO106|形势与政策|Current Affairs and Policy|2|32|0|0|assessment|0601|general|
MIL101|军事理论|Military Theory|2|32|0|4|assessment|0601|general|
PE101|大学体育（一）|Physical Education (I)|1|0|0|32|assessment|0701|general|
PE102|大学体育（二）|Physical Education (II)|1|0|0|32|assessment|0701|general|
PE103|大学体育（三）|Physical Education (III)|1|0|0|32|assessment|0701|general|
PE104|大学体育（四）|Physical Education (IV)|1|0|0|32|assessment|0701|general|
CS100|大学计算机基础|Fundamentals of Computing|2|16|16|0|exam|0102|general|
MA111|高等数学B（上）|Advanced Mathematics B (I)|4|64|0|0|exam|0501|foundation|
MA112|高等数学B（下）|Advanced Mathematics B (II)|4|64|0|0|exam|0501|foundation|MA111
PH101|大学物理A（上）|University Physics A (I)|4|64|0|0|exam|0503|foundation|MA101
PH102|大学物理A（下）|University Physics A (II)|3|48|0|0|exam|0503|foundation|PH101
PH103|大学物理实验（一）|Physics Laboratory (I)|1|0|16|0|assessment|0503|foundation|
PH104|大学物理实验（二）|Physics Laboratory (II)|1|0|16|0|assessment|0503|foundation|PH103
EM101|经济法|Economic Law|3|48|0|0|exam|0202|foundation|
EM102|统计学原理|Principles of Statistics|3|40|8|0|exam|0502|foundation|
EM103|管理信息系统|Management Information Systems|2|16|16|0|assessment|0202|foundation|
EM201|财经专业英语|English for Business and Finance|2|32|0|0|assessment|0203|major_elective|
EM401|毕业论文（经管）|Graduation Thesis (Business)|6|0|0|240|assessment|0202|practice|
EM402|专业实习（经管）|Internship (Business)|4|0|0|160|assessment|0202|practice|
ACC203|审计学|Auditing|3|48|0|0|exam|0201|major_core|ACC201
ACC204|高级财务会计|Advanced Financial Accounting|3|48|0|0|exam|0201|major_core|ACC201
ACC205|会计信息系统|Accounting Information Systems|2|16|16|0|assessment|0201|major_core|ACC101
ACC206|税法|Tax Law|3|48|0|0|exam|0201|major_core|
ACC207|管理会计|Management Accounting|3|48|0|0|exam|0201|major_core|ACC202
FM202|公司理财|Corporate Financial Management|3|48|0|0|exam|0201|major_core|FM201
FM203|财务分析|Financial Statement Analysis|2|32|0|0|exam|0201|major_core|ACC201
BA202|组织行为学|Organizational Behavior|3|48|0|0|exam|0202|major_core|BA201
BA203|人力资源管理|Human Resource Management|3|48|0|0|exam|0202|major_core|BA201
BA204|战略管理|Strategic Management|3|48|0|0|exam|0202|major_core|BA201
BA205|运营管理|Operations Management|3|48|0|0|exam|0202|major_core|BA201
MKT202|消费者行为学|Consumer Behavior|3|48|0|0|exam|0202|major_core|MKT201
MKT203|市场调研|Marketing Research|2.5|32|8|0|exam|0202|major_core|MKT201
MKT204|品牌管理|Brand Management|2|32|0|0|assessment|0202|major_elective|MKT201
MKT205|网络营销|Online Marketing|2|24|8|0|assessment|0202|major_elective|MKT201
ECO202|中级微观经济学|Intermediate Microeconomics|3|48|0|0|exam|0203|major_core|ECO101
ECO203|中级宏观经济学|Intermediate Macroeconomics|3|48|0|0|exam|0203|major_core|ECO102
ECO204|国际经济学|International Economics|3|48|0|0|exam|0203|major_core|ECO102
ECO205|发展经济学|Development Economics|2|32|0|0|assessment|0203|major_elective|ECO102
ECO206|产业经济学|Industrial Economics|2|32|0|0|assessment|0203|major_elective|ECO101
FIN203|公司金融|Corporate Finance|3|48|0|0|exam|0204|major_core|ECO101
FIN204|国际金融|International Finance|3|48|0|0|exam|0204|major_core|FIN201
FIN205|金融风险管理|Financial Risk Management|2|32|0|0|assessment|0204|major_elective|FIN202
FIN206|金融科技概论|Introduction to FinTech|2|24|8|0|assessment|0204|major_elective|FIN201
FIN207|商业银行经营学|Commercial Banking|3|48|0|0|exam|0204|major_core|FIN201
EN204|综合英语（二）|Integrated English (II)|4|64|0|0|exam|0301|major_core|EN201
EN205|综合英语（三）|Integrated English (III)|4|64|0|0|exam|0301|major_core|EN204
EN206|英语听力|English Listening|2|16|16|0|assessment|0301|foundation|
EN207|英语口语|Oral English|2|32|0|0|assessment|0301|foundation|
EN208|英语写作|English Writing|2|32|0|0|exam|0301|major_core|EN201
EN209|英语语言学导论|Introduction to Linguistics|2|32|0|0|exam|0301|major_core|EN204
EN210|高级英语|Advanced English|4|64|0|0|exam|0301|major_core|EN205
EN211|英美概况|Survey of English-Speaking Countries|2|32|0|0|exam|0301|foundation|
EN212|学术英语写作|Academic Writing|2|32|0|0|assessment|0301|major_elective|EN208
EN213|跨文化交际|Intercultural Communication|2|32|0|0|assessment|0301|major_elective|
TR202|口译基础|Basics of Interpreting|3|32|16|0|exam|0301|major_core|EN201
TR203|交替传译|Consecutive Interpreting|3|32|16|0|exam|0301|major_core|TR202
TR204|计算机辅助翻译|Computer-Aided Translation|2|16|16|0|assessment|0301|major_elective|TR201
TR205|文学翻译|Literary Translation|2|32|0|0|assessment|0301|major_elective|TR201
JP103|基础日语（三）|Elementary Japanese (III)|6|96|0|0|exam|0302|major_core|JP102
JP104|基础日语（四）|Elementary Japanese (IV)|6|96|0|0|exam|0302|major_core|JP103
JP105|日语视听说|Japanese Listening and Speaking|2|16|16|0|assessment|0302|foundation|
JP201|高级日语|Advanced Japanese|4|64|0|0|exam|0302|major_core|JP104
JP202|日语写作|Japanese Writing|2|32|0|0|exam|0302|major_core|JP104
JP203|日本概况|Survey of Japan|2|32|0|0|exam|0302|foundation|
JP204|日汉翻译|Japanese–Chinese Translation|2|32|0|0|exam|0302|major_core|JP104
JP205|日本文学选读|Selected Readings in Japanese Literature|2|32|0|0|assessment|0302|major_elective|JP201
JP206|商务日语|Business Japanese|2|32|0|0|assessment|0302|major_elective|JP104
DE103|基础德语（三）|Elementary German (III)|6|96|0|0|exam|0303|major_core|DE102
DE104|基础德语（四）|Elementary German (IV)|6|96|0|0|exam|0303|major_core|DE103
DE105|德语视听说|German Listening and Speaking|2|16|16|0|assessment|0303|foundation|
DE201|高级德语|Advanced German|4|64|0|0|exam|0303|major_core|DE104
DE202|德语写作|German Writing|2|32|0|0|exam|0303|major_core|DE104
DE203|德国概况|Survey of Germany|2|32|0|0|exam|0303|foundation|
DE204|德汉翻译|German–Chinese Translation|2|32|0|0|exam|0303|major_core|DE104
DE205|德语文学选读|Selected Readings in German Literature|2|32|0|0|assessment|0303|major_elective|DE201
DE206|经贸德语|Business German|2|32|0|0|assessment|0303|major_elective|DE104
FL401|毕业论文（外语）|Graduation Thesis (Languages)|6|0|0|240|assessment|0301|practice|
FL402|专业实习（外语）|Internship (Languages)|4|0|0|160|assessment|0301|practice|
ME205|电工电子技术|Electrical and Electronic Technology|3.5|40|16|0|exam|0403|foundation|PH101
ME206|工程材料|Engineering Materials|2.5|32|8|0|exam|0401|foundation|
ME207|互换性与测量技术|Tolerances and Measurement|2|24|8|0|exam|0401|major_core|ME101
ME208|机械制造技术基础|Fundamentals of Manufacturing Technology|3.5|48|8|0|exam|0401|major_core|ME203
ME209|液压与气压传动|Hydraulic and Pneumatic Transmission|2.5|32|8|0|exam|0403|major_core|ME201
ME210|数控技术|CNC Technology|2.5|32|8|0|exam|0403|major_elective|ME208
ME211|机械CAD/CAM|Mechanical CAD/CAM|2|16|16|0|assessment|0401|major_elective|ME101
ME212|机器人技术基础|Fundamentals of Robotics|2|32|0|0|assessment|0403|major_elective|ME203
ME213|有限元分析|Finite Element Analysis|2|24|8|0|assessment|0401|major_elective|ME202
VE202|汽车理论|Automobile Theory|3|48|0|0|exam|0402|major_core|VE201
VE203|汽车设计|Automobile Design|3|40|8|0|exam|0402|major_core|VE202
VE204|汽车电子技术|Automotive Electronics|2.5|32|8|0|exam|0402|major_core|ME205
MT202|单片机原理与应用|Microcontrollers|3|32|16|0|exam|0403|major_core|ME205
MT203|控制工程基础|Fundamentals of Control Engineering|3|48|0|0|exam|0403|major_core|MA102
MT204|传感器与检测技术|Sensors and Measurement|2.5|32|8|0|exam|0403|major_core|ME205
ME401|毕业设计（机械）|Graduation Project (Mechanical)|8|0|0|320|assessment|0401|practice|
ME402|生产实习|Production Internship|3|0|0|96|assessment|0401|practice|
MA108|数学分析（三）|Mathematical Analysis (III)|5|80|0|0|exam|0501|foundation|MA105
MA109|解析几何|Analytic Geometry|3|48|0|0|exam|0501|foundation|
MA206|近世代数|Abstract Algebra|3|48|0|0|exam|0501|major_core|MA107
MA207|偏微分方程|Partial Differential Equations|3|48|0|0|exam|0501|major_core|MA201
MA208|泛函分析|Functional Analysis|3|48|0|0|exam|0501|major_elective|MA202
MA209|数学建模|Mathematical Modeling|3|32|16|0|assessment|0501|major_elective|MA103 | MA107
MA210|微分几何|Differential Geometry|3|48|0|0|exam|0501|major_elective|MA108
IC201|数据结构与算法|Data Structures and Algorithms|3|32|16|0|exam|0501|major_core|
IC202|最优化方法|Optimization Methods|3|48|0|0|exam|0501|major_core|MA107
IC203|计算方法实验|Computational Methods Laboratory|2|0|32|0|assessment|0501|major_core|MA204
ST205|抽样调查|Sampling Surveys|3|48|0|0|exam|0502|major_core|ST101
ST206|时间序列分析|Time Series Analysis|3|40|8|0|exam|0502|major_core|ST201
ST207|贝叶斯统计|Bayesian Statistics|2|32|0|0|assessment|0502|major_elective|ST201
ST208|统计机器学习|Statistical Learning|2|24|8|0|assessment|0502|major_elective|ST202
MA401|毕业论文（数学）|Graduation Thesis (Mathematics)|6|0|0|240|assessment|0501|practice|
MA402|专业实习（数学）|Internship (Mathematics)|4|0|0|160|assessment|0501|practice|
CA101|大学生职业生涯规划|Career Planning for Undergraduates|1|16|0|0|assessment|0601|general|
CA102|大学生就业指导|Employment Guidance|1|16|0|0|assessment|0601|general|
EM202|商业伦理|Business Ethics|2|32|0|0|assessment|0202|major_elective|
FL201|学术论文写作|Academic Paper Writing|2|32|0|0|assessment|0301|major_elective|
ME214|工业工程基础|Fundamentals of Industrial Engineering|2|32|0|0|assessment|0401|major_elective|
MA211|数学史|History of Mathematics|2|32|0|0|assessment|0501|major_elective|
GE105|中国传统文化概论|Introduction to Traditional Chinese Culture|2|32|0|0|assessment|0601|general|
GE106|数学文化|Mathematics and Culture|2|32|0|0|assessment|0501|general|
GE107|影视英语赏析|English Through Film|2|32|0|0|assessment|0301|general|
GE108|个人理财|Personal Finance|2|32|0|0|assessment|0204|general|
GE109|人工智能与社会|AI and Society|2|32|0|0|assessment|0104|general|
GE110|汽车文化|Automobile Culture|2|32|0|0|assessment|0402|general|
GE111|心理健康教育|Mental Health Education|2|32|0|0|assessment|0601|general|
GE112|健康与运动|Health and Exercise|2|32|0|0|assessment|0701|general|
GE113|艺术鉴赏|Art Appreciation|2|32|0|0|assessment|0303|general|
GE114|生活中的法律|Law in Everyday Life|2|32|0|0|assessment|0202|general|
`;

/** 公共选修课 (通识选修) offered every term outside the plans, taught on Thursday afternoons. */
export const GENERAL_ELECTIVES = ['GE105', 'GE106', 'GE107', 'GE108', 'GE109', 'GE110', 'GE111', 'GE112', 'GE113', 'GE114'];

type Planned = [string, number][];
export interface MorePlan {
  general: Planned;
  foundation: Planned;
  core: Planned;
  electives: Planned;
  practice: Planned;
}

/** 公共必修课程: every major, the 计算机学院's too. */
export const PUBLIC_REQUIRED: Planned = [
  ['PO101', 1],
  ['MIL101', 1],
  ['CA101', 1],
  ['PE101', 1],
  ['PO102', 2],
  ['PE102', 2],
  ['PO103', 3],
  ['PE103', 3],
  ['PO104', 4],
  ['PE104', 4],
  ['PO105', 5],
  ['CA102', 5],
  ['PO106', 6],
];

const COLLEGE_ENGLISH: Planned = [
  ['EN101', 1],
  ['EN102', 2],
  ['EN103', 3],
  ['EN104', 4],
];

const EM_FOUNDATION: Planned = [
  ['MA111', 1],
  ['ECO101', 1],
  ['BA201', 1],
  ['MA112', 2],
  ['ECO102', 2],
  ['ACC101', 2],
  ['MA103', 3],
  ['ST101', 3],
  ['EM101', 4],
  ['EM102', 4],
  ['EM103', 4],
];
const EM_PRACTICE: Planned = [
  ['EM402', 7],
  ['EM401', 8],
];
const ME_FOUNDATION: Planned = [
  ['MA101', 1],
  ['ME101', 1],
  ['MA102', 2],
  ['MA103', 2],
  ['PH101', 2],
  ['ST101', 3],
  ['PH102', 3],
  ['PH103', 3],
  ['ME201', 3],
  ['ME206', 3],
  ['PH104', 4],
  ['ME202', 4],
  ['ME205', 4],
];
const ME_PRACTICE: Planned = [
  ['ME402', 7],
  ['ME401', 8],
];
const MA_FOUNDATION: Planned = [
  ['MA104', 1],
  ['MA106', 1],
  ['MA109', 1],
  ['MA105', 2],
  ['MA107', 2],
  ['MA108', 3],
  ['ST101', 3],
];
const MA_PRACTICE: Planned = [
  ['MA402', 7],
  ['MA401', 8],
];
const FL_PRACTICE: Planned = [
  ['FL402', 7],
  ['FL401', 8],
];
const NON_CS_GENERAL: Planned = [...COLLEGE_ENGLISH, ['CS100', 1]];
const ENGLISH_MAJOR_GENERAL: Planned = [
  ['CS100', 1],
  ['GE101', 3],
  ['GE102', 4],
];
const EN_FOUNDATION: Planned = [
  ['EN206', 1],
  ['EN207', 1],
  ['EN211', 2],
  ['EN202', 2],
];

/** Plans of the majors outside the 计算机学院, by major code (the same for each cohort). */
export const MORE_PLANS: Record<string, MorePlan> = {
  // 经济管理学院
  '120203K': {
    general: NON_CS_GENERAL,
    foundation: EM_FOUNDATION,
    core: [
      ['ACC201', 3],
      ['ACC202', 4],
      ['ACC206', 5],
      ['ACC203', 5],
      ['FM201', 5],
      ['ACC205', 6],
      ['ACC204', 6],
      ['ACC207', 7],
    ],
    electives: [
      ['EM201', 5],
      ['FM203', 6],
      ['ECO206', 7],
      ['FIN205', 7],
      ['EM202', 7],
    ],
    practice: EM_PRACTICE,
  },
  '120204': {
    general: NON_CS_GENERAL,
    foundation: EM_FOUNDATION,
    core: [
      ['ACC201', 3],
      ['FM201', 4],
      ['ACC202', 5],
      ['FM202', 5],
      ['ACC206', 5],
      ['FM203', 6],
      ['ACC203', 6],
      ['FIN202', 6],
    ],
    electives: [
      ['EM201', 5],
      ['FIN205', 7],
      ['ACC205', 6],
      ['FIN206', 7],
      ['EM202', 7],
    ],
    practice: EM_PRACTICE,
  },
  '120201K': {
    general: NON_CS_GENERAL,
    foundation: EM_FOUNDATION,
    core: [
      ['BA202', 3],
      ['MKT201', 4],
      ['BA203', 4],
      ['BA205', 5],
      ['FM201', 5],
      ['BA204', 6],
    ],
    electives: [
      ['EM201', 5],
      ['MKT202', 5],
      ['MKT204', 6],
      ['ECO206', 7],
      ['EM202', 7],
    ],
    practice: EM_PRACTICE,
  },
  '120202': {
    general: NON_CS_GENERAL,
    foundation: EM_FOUNDATION,
    core: [
      ['MKT201', 3],
      ['BA202', 4],
      ['MKT202', 4],
      ['MKT203', 5],
      ['BA203', 5],
      ['BA204', 6],
    ],
    electives: [
      ['MKT204', 5],
      ['MKT205', 6],
      ['EM201', 6],
      ['ECO206', 7],
      ['EM202', 7],
    ],
    practice: EM_PRACTICE,
  },
  '020101': {
    general: NON_CS_GENERAL,
    foundation: EM_FOUNDATION,
    core: [
      ['ECO202', 3],
      ['FIN201', 4],
      ['ECO203', 4],
      ['ECO201', 5],
      ['ECO204', 5],
      ['FIN204', 6],
    ],
    electives: [
      ['EM201', 5],
      ['ECO205', 6],
      ['ECO206', 6],
      ['FIN206', 7],
      ['EM202', 7],
    ],
    practice: EM_PRACTICE,
  },
  '020301K': {
    general: NON_CS_GENERAL,
    foundation: EM_FOUNDATION,
    core: [
      ['FIN201', 3],
      ['ECO202', 4],
      ['FIN207', 4],
      ['FIN202', 5],
      ['FIN203', 5],
      ['FIN204', 6],
      ['ECO201', 6],
    ],
    electives: [
      ['EM201', 5],
      ['FIN205', 6],
      ['FIN206', 7],
      ['ECO205', 7],
      ['EM202', 7],
    ],
    practice: EM_PRACTICE,
  },
  // 外国语学院
  '050201': {
    general: ENGLISH_MAJOR_GENERAL,
    foundation: EN_FOUNDATION,
    core: [
      ['EN201', 1],
      ['EN204', 2],
      ['EN205', 3],
      ['EN208', 3],
      ['TR201', 4],
      ['EN210', 5],
      ['EN209', 5],
    ],
    electives: [
      ['EN203', 4],
      ['EN212', 6],
      ['EN213', 6],
      ['TR205', 7],
      ['FL201', 7],
    ],
    practice: FL_PRACTICE,
  },
  '050261': {
    general: ENGLISH_MAJOR_GENERAL,
    foundation: EN_FOUNDATION,
    core: [
      ['EN201', 1],
      ['EN204', 2],
      ['EN205', 3],
      ['TR201', 3],
      ['TR202', 4],
      ['EN208', 4],
      ['TR203', 5],
      ['EN210', 5],
    ],
    electives: [
      ['TR204', 6],
      ['TR205', 6],
      ['EN213', 7],
      ['EN212', 7],
      ['FL201', 7],
    ],
    practice: FL_PRACTICE,
  },
  '050207': {
    general: NON_CS_GENERAL,
    foundation: [
      ['JP105', 1],
      ['JP203', 2],
    ],
    core: [
      ['JP101', 1],
      ['JP102', 2],
      ['JP103', 3],
      ['JP104', 4],
      ['JP201', 5],
      ['JP202', 5],
      ['JP204', 6],
    ],
    electives: [
      ['EN213', 5],
      ['JP205', 6],
      ['JP206', 7],
      ['FL201', 7],
    ],
    practice: FL_PRACTICE,
  },
  '050203': {
    general: NON_CS_GENERAL,
    foundation: [
      ['DE105', 1],
      ['DE203', 2],
    ],
    core: [
      ['DE101', 1],
      ['DE102', 2],
      ['DE103', 3],
      ['DE104', 4],
      ['DE201', 5],
      ['DE202', 5],
      ['DE204', 6],
    ],
    electives: [
      ['EN213', 5],
      ['DE205', 6],
      ['DE206', 7],
      ['FL201', 7],
    ],
    practice: FL_PRACTICE,
  },
  // 机械工程学院
  '080202': {
    general: NON_CS_GENERAL,
    foundation: ME_FOUNDATION,
    core: [
      ['ME203', 5],
      ['ME207', 5],
      ['ME209', 5],
      ['ME204', 6],
      ['ME208', 6],
    ],
    electives: [
      ['ME211', 5],
      ['ME213', 6],
      ['ME210', 7],
      ['ME212', 7],
      ['ME214', 7],
    ],
    practice: ME_PRACTICE,
  },
  '080207': {
    general: NON_CS_GENERAL,
    foundation: ME_FOUNDATION,
    core: [
      ['ME203', 5],
      ['VE201', 5],
      ['ME209', 5],
      ['ME204', 6],
      ['VE202', 6],
      ['VE204', 6],
      ['VE203', 7],
    ],
    electives: [
      ['ME211', 5],
      ['ME213', 6],
      ['ME212', 7],
      ['ME210', 7],
      ['ME214', 7],
    ],
    practice: ME_PRACTICE,
  },
  '080204': {
    general: NON_CS_GENERAL,
    foundation: ME_FOUNDATION,
    core: [
      ['ME203', 5],
      ['MT202', 5],
      ['MT203', 5],
      ['MT201', 6],
      ['MT204', 6],
      ['ME208', 6],
    ],
    electives: [
      ['ME211', 5],
      ['ME213', 6],
      ['ME212', 7],
      ['ME210', 7],
      ['ME214', 7],
    ],
    practice: ME_PRACTICE,
  },
  // 数学与统计学院
  '070101': {
    general: NON_CS_GENERAL,
    foundation: MA_FOUNDATION,
    core: [
      ['MA201', 4],
      ['MA202', 4],
      ['MA203', 5],
      ['MA206', 5],
      ['MA204', 5],
      ['MA207', 6],
    ],
    electives: [
      ['MA209', 5],
      ['MA205', 6],
      ['MA208', 6],
      ['MA210', 7],
      ['MA211', 7],
    ],
    practice: MA_PRACTICE,
  },
  '070102': {
    general: NON_CS_GENERAL,
    foundation: MA_FOUNDATION,
    core: [
      ['CS101', 2],
      ['IC201', 3],
      ['MA201', 4],
      ['MA204', 4],
      ['IC202', 5],
      ['IC203', 5],
    ],
    electives: [
      ['MA209', 5],
      ['MA205', 6],
      ['ST203', 6],
      ['MA208', 7],
      ['MA211', 7],
    ],
    practice: MA_PRACTICE,
  },
  '071201': {
    general: NON_CS_GENERAL,
    foundation: MA_FOUNDATION,
    core: [
      ['ST201', 4],
      ['ST202', 5],
      ['ST205', 5],
      ['ST206', 6],
    ],
    electives: [
      ['ST204', 4],
      ['ST203', 6],
      ['ST207', 6],
      ['ST208', 7],
      ['MA211', 7],
    ],
    practice: MA_PRACTICE,
  },
};
