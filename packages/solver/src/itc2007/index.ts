export {
  parseCtt,
  cttToModel,
  parseSol,
  writeSol,
  solToAssignment,
  assignmentToSol,
  lectureId,
  type CttInstance,
  type SolLine,
} from './ctt.ts';
export { evaluateUd2, type Ud2Result } from './ud2.ts';
export { CTT_REFERENCE } from './reference.ts';
