import { sql } from 'drizzle-orm';

/**
 * Who sits an exam, as SQL the other queries build on. A final plan's exam: students enrolled in
 * the exam's class, or (统考) in any class of its course in the plan's term that has no exam of its
 * own. A make-up plan's exam 补考: the plan's candidates in its course (exam_makeup_candidates), not
 * enrolments. Both minus approved deferrals 缓考. The query covers the plan's exams matching
 * `where` (columns "examId", "studentId").
 */
export function rosterSql(planId: number, where: ReturnType<typeof sql>) {
  return sql`select e.id as "examId", en.student_id as "studentId"
          from exams e
          join exam_plans p on p.id = e.plan_id and p.kind = 'final'
          join enrolments en on en.term_id = p.term_id and en.status = 'enrolled'
           and (case when e.teaching_class_id is null then en.course_id = e.course_id
                     else en.teaching_class_id = e.teaching_class_id end)
         where e.plan_id = ${planId} and ${where}
           and (e.teaching_class_id is not null or not exists (
                 select 1 from exams own where own.plan_id = e.plan_id and own.teaching_class_id = en.teaching_class_id))
           and not exists (select 1 from exam_deferrals d
                            where d.exam_id = e.id and d.student_id = en.student_id and d.status = 'approved')
        union all
        select e.id as "examId", mc.student_id as "studentId"
          from exams e
          join exam_plans p on p.id = e.plan_id and p.kind = 'makeup'
          join exam_makeup_candidates mc on mc.plan_id = e.plan_id and mc.course_id = e.course_id
         where e.plan_id = ${planId} and ${where}
           and not exists (select 1 from exam_deferrals d
                            where d.exam_id = e.id and d.student_id = mc.student_id and d.status = 'approved')`;
}
