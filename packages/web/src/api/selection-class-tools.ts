import type { z } from 'zod';
import type {
  CancelPreview,
  OfficeStudentSelection,
  ReservedSeat,
  ReservedSeatInput,
  ReservedSeatList,
  cancelClassResult,
  classCapacityResult,
  mergeClassesResult,
} from '@jiaowu/contracts';
import { del, get, patch, post } from './client.ts';

export type CapacityResult = z.infer<typeof classCapacityResult>;
export type CancelResult = z.infer<typeof cancelClassResult>;
export type MergeResult = z.infer<typeof mergeClassesResult>;

const base = '/selection/office';

/** The office's class tools of a round (server: modules/selection/class-tools.routes.ts). */
export const classTools = {
  setCapacity: (teachingClassId: number, capacity: number) =>
    patch<CapacityResult>(`${base}/classes/${teachingClassId}/capacity`, { capacity }),
  reservedSeats: (teachingClassId: number) => get<ReservedSeatList>(`${base}/classes/${teachingClassId}/reserved-seats`),
  addReserved: (teachingClassId: number, body: ReservedSeatInput) =>
    post<ReservedSeat>(`${base}/classes/${teachingClassId}/reserved-seats`, body),
  updateReserved: (id: number, body: ReservedSeatInput) => patch<ReservedSeat>(`${base}/reserved-seats/${id}`, body),
  removeReserved: (id: number) => del<unknown>(`${base}/reserved-seats/${id}`),
  cancelPreview: (teachingClassId: number, roundId: number) => get<CancelPreview>(`${base}/classes/${teachingClassId}/cancel`, { roundId }),
  cancel: (teachingClassId: number, roundId: number, reason: string) =>
    post<CancelResult>(`${base}/classes/${teachingClassId}/cancel`, { roundId, reason }),
  merge: (body: { roundId: number; intoClassId: number; fromClassId: number; capacity?: number; override: boolean; reason: string }) =>
    post<MergeResult>(`${base}/classes/merge`, body),
  studentSelection: (studentId: number, termId: number) =>
    get<OfficeStudentSelection>(`${base}/students/${studentId}/selection`, { termId }),
};
