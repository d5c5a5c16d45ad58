import Fastify, { type FastifyContextConfig, type FastifyServerOptions, type RouteOptions } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { LIMITS } from '@jiaowu/contracts';
import { pingDatabase, type Db } from './db/client.ts';
import { registerAuditRoutes } from './platform/audit/audit.routes.ts';
import { createAuditService } from './platform/audit/audit.service.ts';
import { AUDIT_CHECK_INTERVAL_MS, createAuditChainCheck } from './platform/audit/audit-chain-check.ts';
import { frameworkErrorHandler, registerErrorHandler } from './platform/http/error-handler.ts';
import type { App } from './platform/http/types.ts';
import { registerMetrics } from './platform/http/metrics.ts';
import { assertAccessRule, markPublicFiles } from './platform/http/route-rules.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { registerInputGuard } from './platform/http/input-guard.ts';
import { createAttachmentsService } from './platform/files/attachments.service.ts';
import { registerAttachmentRoutes } from './platform/files/attachments.routes.ts';
import { createAdminService } from './modules/iam/admin.service.ts';
import { createAuthService } from './modules/iam/auth.service.ts';
import { registerAuthHook } from './modules/iam/iam.hook.ts';
import { registerIamRoutes } from './modules/iam/iam.routes.ts';
import { createCaptcha } from './modules/iam/captcha.ts';
import { createOidcService, type OidcSettings } from './modules/iam/oidc.ts';
import { createPasswordResetService } from './modules/iam/password-reset.service.ts';
import { createOrgService } from './modules/org/org.service.ts';
import { registerOrgRoutes } from './modules/org/org.routes.ts';
import { registerSchoolSettingsRoutes } from './modules/org/school-settings.routes.ts';
import { createSchoolSettingsService } from './modules/org/school-settings.service.ts';
import { createJobService } from './platform/jobs/jobs.service.ts';
import { registerJobRoutes } from './platform/jobs/jobs.routes.ts';
import { createImportService } from './modules/imports/imports.service.ts';
import { registerImportRoutes } from './modules/imports/imports.routes.ts';
import { createNotificationService } from './modules/notifications/notifications.service.ts';
import { registerNotificationRoutes } from './modules/notifications/notifications.routes.ts';
import type { MailEnv } from './modules/notifications/mail-transport.ts';
import { createWorkflowService } from './modules/workflow/workflow.service.ts';
import { registerWorkflowRoutes } from './modules/workflow/workflow.routes.ts';
import { createCatalogService } from './modules/catalog/catalog.service.ts';
import { registerCatalogRoutes } from './modules/catalog/catalog.routes.ts';
import { createOfferingsService } from './modules/offerings/offerings.service.ts';
import { registerOfferingsRoutes } from './modules/offerings/offerings.routes.ts';
import { createTimetableSettingsService } from './modules/timetable/settings.service.ts';
import { createAvailabilityService } from './modules/timetable/availability.service.ts';
import { createLinksService } from './modules/timetable/links.service.ts';
import { createReadinessService } from './modules/timetable/readiness.service.ts';
import { registerTimetableSettingsRoutes } from './modules/timetable/settings.routes.ts';
import { createTimetableEditService } from './modules/timetable/edit.service.ts';
import { registerTimetableEditRoutes } from './modules/timetable/edit.routes.ts';
import { createHomeService } from './modules/home/home.service.ts';
import { registerHomeRoutes } from './modules/home/home.routes.ts';
import { createPeriodLock, setPeriodLock, startPeriodic } from './platform/periodic.ts';
import type { JobRunnerOptions } from './platform/jobs/jobs.runner.ts';
import { COMMIT_IMPORT_JOBS } from './modules/imports/commit-import.job.ts';
import { createAccountsService } from './modules/iam/accounts.service.ts';
import { registerAccountRoutes } from './modules/iam/accounts.routes.ts';
import { issuePasswordsJob } from './modules/iam/issue-passwords.job.ts';
import { solveDraftJob } from './modules/timetable/solve-draft.job.ts';
import { solveExamsJob } from './modules/exams/solve.job.ts';
import { registerExamRoutes, registerScheduleExportRoutes, registerTicketRoutes } from './modules/exams/exams.routes.ts';
import { createTicketsService } from './modules/exams/tickets.service.ts';
import { registerGradeRecordRoutes } from './modules/grades/grades-records.routes.ts';
import { createRecordsService } from './modules/grades/records.service.ts';
import { createTranscriptsService } from './modules/grades/transcripts.service.ts';
import { createScheduleExportService } from './modules/exams/schedule-export.service.ts';
import { createExamPlansService } from './modules/exams/plans.service.ts';
import { createExamScheduleService } from './modules/exams/schedule.service.ts';
import { createExamAvailabilityService } from './modules/exams/availability.service.ts';
import { createDraftsService } from './modules/timetable/drafts.service.ts';
import { registerDraftRoutes } from './modules/timetable/drafts.routes.ts';
import { createAccountSync } from './modules/iam/use-cases/sync-person-accounts.ts';
import { onPeopleWritten } from './modules/org/people-events.ts';
import { createBookingsService } from './modules/timetable/bookings.service.ts';
import { createChangesService } from './modules/timetable/changes.service.ts';
import { registerTimetableChangeRoutes } from './modules/timetable/timetable-changes.routes.ts';
import { createPublishService } from './modules/timetable/publish.service.ts';
import { createPublishedService } from './modules/timetable/published.service.ts';
import { createExportService } from './modules/timetable/export.service.ts';
import { createIcsService } from './modules/timetable/ics.service.ts';
import { registerPublishRoutes } from './modules/timetable/publish.routes.ts';
import { admissionFromEnv, createAdmission, type AdmissionOptions } from './modules/selection/admission.ts';
import { createDrawService } from './modules/selection/draw.service.ts';
import { createRosterService } from './modules/selection/rosters.service.ts';
import { createRoundsService } from './modules/selection/rounds.service.ts';
import { registerSelectionRoutes } from './modules/selection/selection.routes.ts';
import { registerClassToolsRoutes } from './modules/selection/class-tools.routes.ts';
import { createClassToolsService } from './modules/selection/class-tools.service.ts';
import { createDeferralsService } from './modules/exams/deferrals.service.ts';
import { registerExamDeferralRoutes } from './modules/exams/exam-deferrals.routes.ts';
import { registerMakeupRoutes } from './modules/exams/makeup.routes.ts';
import { createMakeupService } from './modules/exams/makeup.service.ts';
import { registerGradeSheetRoutes } from './modules/grades/sheets.routes.ts';
import { createGradeSheetsService } from './modules/grades/sheets.service.ts';
import { createGradeSettingsService } from './modules/grades/settings.service.ts';
import { createAnalysisService } from './modules/grades/analysis.service.ts';
import { createCorrectionsService } from './modules/grades/corrections.service.ts';
import { registerGradesReviewRoutes } from './modules/grades/grades-review.routes.ts';
import { registerHistoricalImportRoutes } from './modules/grades/historical-import.routes.ts';
import { createHistoricalImportService } from './modules/grades/historical-import.service.ts';
import { createIncidentsService } from './modules/exams/incidents.service.ts';
import { createSelectionStats, LIVE_STATS_FLUSH_MS } from './modules/selection/stats.ts';
import { registerOfficeToolRoutes } from './modules/selection/office-tools.routes.ts';
import { sendSelectionNotices } from './modules/selection/notices.ts';
import { registerClassFlagsRoutes } from './modules/offerings/class-flags.service.ts';
import { registerCreditRaiseRoutes } from './modules/selection/credit-raise.routes.ts';
import { createCreditRaiseService } from './modules/selection/credit-raise.service.ts';
import { registerPaperRoutes } from './modules/exams/papers.routes.ts';
import { createPapersService } from './modules/exams/papers.service.ts';
import { notifyPaperFlags } from './modules/exams/papers.notices.ts';
import { releaseDueSeats } from './modules/selection/seat-release.ts';
import { createStudentSelectionService } from './modules/selection/student.service.ts';

export interface AppOptions {
  db: Db;
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Folder of the built web app; served at / when it exists. */
  webDist?: string;
  secureCookies?: boolean;
  sessionIdleMinutes?: number;
  sessionMaxHours?: number;
  /** Milliseconds a session may be served from the in-process cache; 0 (the default here) reads it every time. */
  sessionCacheMs?: number;
  /** Trust X-Forwarded-For from a load balancer. */
  trustProxy?: boolean;
  /** SMTP_URL, MAIL_FROM, PUBLIC_URL (read from the environment when omitted). */
  mail?: MailEnv;
  /**
   * Key sealing stored secrets (SMTP password): main.ts passes JIAOWU_SECRET_KEY or DATA_DIR/secret.key.
   * Omitted (tests), a random key for this app instance.
   */
  secretKey?: Buffer;
  /** METRICS_TOKEN: /metrics on this listener needs `Authorization: Bearer <token>`; without it /metrics is not served here. */
  metricsToken?: string;
  /**
   * Failures of one account name after which its sign-ins must answer a CAPTCHA (main.ts passes
   * CAPTCHA_AFTER_FAILURES, default 3); omitted or 0, no CAPTCHA (tests that study the throttle alone).
   */
  captchaAfterFailures?: number;
  /** Minutes a password reset link works (PASSWORD_RESET_MINUTES); default 30. */
  passwordResetMinutes?: number;
  /** Single sign-on (统一身份认证); null or omitted: off. main.ts reads it from OIDC_* (oidcSettingsFromEnv). */
  oidc?: OidcSettings | null;
  /** Run the periodic jobs (deadlines, mail sender); off under Vitest, where tests call them with a moved clock. */
  backgroundJobs?: boolean;
  /**
   * Run queued jobs (and the periodic tasks) in this process; default on.
   * Off (JOBS=0) for an API process that leaves them to `npm run worker`.
   */
  runJobs?: boolean;
  /** Admission control of course selection (SELECTION_* in the environment when omitted). */
  selectionAdmission?: AdmissionOptions;
  /** Lease, heartbeat, poll and shutdown-grace times of the job runner. */
  jobRunner?: Omit<JobRunnerOptions, 'db' | 'log' | 'clock' | 'kinds'>;
}

export const defaultWebDist = fileURLToPath(new URL('../../web/dist', import.meta.url));

/** Builds the whole application (no listen): used by main.ts and by tests through app.inject(). */
export async function buildApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? (() => new Date());
  const sessionIdleMinutes = options.sessionIdleMinutes ?? 8 * 60;
  const sessionMaxHours = options.sessionMaxHours ?? 7 * 24;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: options.trustProxy ?? false,
    bodyLimit: 2 * 1024 * 1024,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const webDist = options.webDist ?? defaultWebDist;
  const serveWeb = existsSync(webDist);
  registerErrorHandler(app, { spaFallback: serveWeb });
  const routes: App['registeredRoutes'] = [];
  const routeOptions: RouteOptions[] = [];
  app.decorate('registeredRoutes', routes);
  app.addHook('onRoute', (r) => {
    routeOptions.push(r);
    // A getter: a plugin's scope may still mark its routes (markPublicFiles) after this hook ran.
    for (const method of [r.method].flat())
      if (method !== 'HEAD')
        routes.push({
          method,
          url: r.url,
          get config(): FastifyContextConfig {
            return r.config ?? {};
          },
        });
  });

  // Before the auth hook, so refusals (401/403) carry the headers too.
  await registerSecurityHeaders(app, { https: options.secureCookies ?? false });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: LIMITS.importMaxBytes, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '教务 Jiaowu API', description: '教务 Jiaowu — academic affairs management', version: '0.1.0' },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'jw_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', markPublicFiles);
    await docs.register(swaggerUi, { routePrefix: '/api/docs' });
  });

  const { db } = options;
  const secretKey = options.secretKey ?? randomBytes(32);
  const org = createOrgService({ db, clock });
  const captcha = options.captchaAfterFailures
    ? createCaptcha({ db, clock, secretKey, afterFailures: options.captchaAfterFailures })
    : null;
  const auth = createAuthService({ db, org, clock, sessionIdleMinutes, sessionMaxHours, sessionCacheMs: options.sessionCacheMs, captcha });
  const admin = createAdminService({ db, clock, onAccessChange: auth.forgetSessions });
  const runJobs = options.runJobs ?? true;
  const jobs = createJobService({ db, clock, log: app.log, run: runJobs, runner: options.jobRunner });
  // Every process registers every kind, so any runner can run any job.
  jobs.register(...Object.values(COMMIT_IMPORT_JOBS));
  // Students and teachers get (or keep in step) their accounts in the transaction that writes them.
  onPeopleWritten('iam.accounts', createAccountSync({ onAccessChange: auth.forgetSessions }));
  const issueJob = issuePasswordsJob({ onAccessChange: auth.forgetSessions });
  jobs.register(issueJob);
  jobs.register(solveDraftJob);
  jobs.register(solveExamsJob);
  const accounts = createAccountsService({ db, clock, jobs, issueJob, onAccessChange: auth.forgetSessions });
  app.decorate('jobs', jobs);
  const imports = createImportService({ db, org, jobs });
  const mail = options.mail ?? { smtpUrl: process.env.SMTP_URL, mailFrom: process.env.MAIL_FROM, publicUrl: process.env.PUBLIC_URL };
  const notifications = createNotificationService({ db, clock, env: mail, secretKey });
  const passwordReset = createPasswordResetService({
    db,
    clock,
    ttlMinutes: options.passwordResetMinutes ?? 30,
    publicUrl: mail.publicUrl ?? 'http://localhost:3000',
    sendMail: notifications.sendNow,
    forgetSessions: auth.forgetSessions,
    captcha,
    log: app.log,
  });
  app.decorate('passwordReset', passwordReset);
  const oidc = createOidcService({ db, clock, settings: options.oidc ?? null, secretKey, auth });
  const workflow = createWorkflowService({ db, clock, notify: notifications.notify });
  app.decorate('workflow', workflow);
  app.decorate('notifications', notifications);
  const catalog = createCatalogService({ db, clock });
  const offerings = createOfferingsService({ db, clock, catalog, workflow });
  const drafts = createDraftsService({ db, clock, jobs });

  registerAuthHook(app, { auth });
  registerInputGuard(app);
  app.get('/healthz', { schema: { hide: true }, config: { public: true, noSession: true } }, async (_req, reply) => {
    await pingDatabase(db);
    return reply.send({ status: 'ok' });
  });
  const metrics = registerMetrics(app, { token: options.metricsToken });
  app.decorate('metricsRegistry', metrics);
  registerIamRoutes(app, {
    auth,
    admin,
    secureCookies: options.secureCookies ?? false,
    sessionMaxHours,
    passwordReset,
    oidc,
    mailConfigured: notifications.mailConfigured,
  });
  registerAccountRoutes(app, { accounts });
  registerOrgRoutes(app, { org });
  registerSchoolSettingsRoutes(app, { schoolSettings: createSchoolSettingsService({ db, clock }) });
  const audit = createAuditService({ db, clock });
  registerAuditRoutes(app, { audit });
  const checkAuditChain = createAuditChainCheck({ db, audit, notify: notifications.notify, log: app.log, registry: metrics });
  registerJobRoutes(app, { jobs });
  // 附件: uploaded proof; the modules whose records link files register who may read them.
  const attachments = createAttachmentsService({ db, clock });
  registerAttachmentRoutes(app, { attachments });
  registerImportRoutes(app, { imports });
  registerNotificationRoutes(app, { notifications });
  registerWorkflowRoutes(app, { workflow });
  registerCatalogRoutes(app, { catalog });
  registerOfferingsRoutes(app, { offerings });
  registerClassFlagsRoutes(app, { db });
  registerTimetableSettingsRoutes(app, {
    ttSettings: createTimetableSettingsService({ db, clock }),
    availability: createAvailabilityService({ db }),
    links: createLinksService({ db }),
    readiness: createReadinessService({ db }),
  });
  registerTimetableEditRoutes(app, { edit: createTimetableEditService({ db, clock }) });
  registerTimetableChangeRoutes(app, {
    bookings: createBookingsService({ db, clock }),
    changes: createChangesService({ db, clock, workflow, notify: notifications.notify }),
  });
  registerDraftRoutes(app, { drafts });
  // The school's time zone until it is a setting: the home page's today and teaching week.
  const home = createHomeService({ db, clock, org, offerings, workflow, notifications });
  registerHomeRoutes(app, { home });
  // 课表: publication through 课程确认, published timetables, printouts and calendar feeds.
  const timetablePublished = createPublishedService({ db, clock });
  registerPublishRoutes(app, {
    publish: createPublishService({ db, clock, workflow, notify: notifications.notify }),
    published: timetablePublished,
    exporter: createExportService({ db, published: timetablePublished }),
    ics: createIcsService({ db, clock }),
  });
  // 选课: rounds, the students' requests through admission control, the office's tools.
  const selectionStats = createSelectionStats();
  // Every process writes its dashboard counters (not once per database, as the periodic tasks).
  const statsFlush = setInterval(() => {
    selectionStats.flush(db).catch((err: unknown) => app.log.warn({ err }, 'selection live stats not written'));
  }, LIVE_STATS_FLUSH_MS);
  statsFlush.unref();
  app.addHook('onClose', async () => clearInterval(statsFlush));
  const draw = createDrawService({ db, clock, notify: notifications.notify });
  registerSelectionRoutes(app, {
    rounds: createRoundsService({ db, clock, stats: selectionStats, notify: notifications.notify }),
    student: createStudentSelectionService({ db, clock, stats: selectionStats, choicesOf: draw.choicesOf, notify: notifications.notify }),
    draw,
    rosters: createRosterService({ db }),
    admission: createAdmission(options.selectionAdmission ?? admissionFromEnv()),
  });
  registerClassToolsRoutes(app, createClassToolsService({ db, clock, notify: notifications.notify, choicesOf: draw.choicesOf }));
  registerCreditRaiseRoutes(app, { creditRaise: createCreditRaiseService({ db, clock, workflow }) });
  registerOfficeToolRoutes(app, { db, clock, notify: notifications.notify });
  // 考务: exam plans with per-college approval, the exam solver, rooms, seats and invigilators.
  registerExamRoutes(app, {
    plans: createExamPlansService({ db, clock, workflow }),
    schedule: createExamScheduleService({ db, clock, jobs, workflow, notify: notifications.notify }),
    availability: createExamAvailabilityService({ db }),
  });
  registerScheduleExportRoutes(app, { exporter: createScheduleExportService({ db }) });
  registerTicketRoutes(app, {
    tickets: createTicketsService({ db, clock, secretKey, publicUrl: mail.publicUrl ?? 'http://localhost:3000' }),
  });
  // 考务: deferred exams 缓考 through the exam_deferral flow, exam incidents 考场违纪.
  registerExamDeferralRoutes(app, {
    deferrals: createDeferralsService({ db, clock, workflow, attachments }),
    incidents: createIncidentsService({ db, clock }),
  });
  registerPaperRoutes(app, { service: createPapersService({ db, clock }) });
  // 补考: the make-up plans' lists (failed and deferred students); their exams follow the lists.
  registerMakeupRoutes(app, { makeup: createMakeupService({ db, clock }) });
  // 成绩: a student's published record, transcripts with a public verification page.
  registerGradeRecordRoutes(app, {
    records: createRecordsService({ db }),
    transcripts: createTranscriptsService({
      db,
      clock,
      publicUrl: mail.publicUrl ?? 'http://localhost:3000',
      school: { name: process.env.SCHOOL_NAME ?? '教务示范大学', nameEn: process.env.SCHOOL_NAME_EN ?? 'Jiaowu Demo University' },
    }),
  });
  // 成绩: entry, review (成绩审核) and publication (成绩公布) of class grade sheets; the school's grade rules.
  const gradeSheets = createGradeSheetsService({ db, clock, workflow, notify: notifications.notify });
  app.decorate('gradeSheets', gradeSheets);
  registerGradeSheetRoutes(app, { sheets: gradeSheets, settings: createGradeSettingsService({ db, clock }) });
  // 成绩更正 through the grade_correction flow, grade history, 补考名单 from grades, 成绩分析, 学业预警.
  registerGradesReviewRoutes(app, {
    corrections: createCorrectionsService({ db, clock, workflow, attachments, notify: notifications.notify }),
    analyses: createAnalysisService({ db, clock, notify: notifications.notify }),
  });
  // 历史成绩导入: the old system's grades, dry run then all-or-nothing.
  registerHistoricalImportRoutes(app, { historicalImport: createHistoricalImportService({ db, clock }) });

  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(async (web) => {
      web.addHook('onRoute', markPublicFiles);
      await web.register(fastifyStatic, { root: webDist, wildcard: true });
    });
  }
  // Deny by default: a route without a declared access rule stops the app here.
  try {
    for (const r of routeOptions) assertAccessRule(r);
  } catch (err) {
    await app.close();
    throw err;
  }
  if ((options.backgroundJobs ?? !process.env.VITEST) && runJobs) {
    // Once per period across every process on this database, not once per process.
    setPeriodLock(createPeriodLock(db));
    const stopDeadlines = startPeriodic(app.log, 'workflow.deadlines', 5 * 60_000, () => workflow.runDeadlines());
    const stopMail = startPeriodic(app.log, 'mail.outbox', 60_000, () => notifications.flushOutbox());
    const stopPrune = startPeriodic(app.log, 'login-throttle-prune', 10 * 60_000, async () => {
      await auth.pruneThrottle();
      await passwordReset.prune();
    });
    const stopAuditCheck = startPeriodic(app.log, 'audit.chain_check', AUDIT_CHECK_INTERVAL_MS, checkAuditChain);
    // 选课通知: each round's notice N days before it opens and at the opening, once.
    const stopNotices = startPeriodic(app.log, 'selection.notices', 60_000, async () => {
      await sendSelectionNotices(db, notifications.notify, clock());
    });
    // 随机释放: seats held back after a drop in a random-window round come free at their moment (±10 s).
    const stopSeatRelease = startPeriodic(app.log, 'selection.seat_release', 10_000, () =>
      releaseDueSeats(db, clock(), notifications.notify),
    );
    // 试卷流转提醒: each new flag of an exam paper told once to whoever should act.
    const stopPaperFlags = startPeriodic(app.log, 'exams.paper_flags', 15 * 60_000, async () => {
      await notifyPaperFlags(db, notifications.notify, clock());
    });
    // 定时公布: approved grade sheets whose publication date has come.
    const stopGradePublish = startPeriodic(app.log, 'grades.scheduled_publish', 60_000, () => gradeSheets.publishDue(clock()));
    // Initial password lists are not kept past their day.
    const stopHandouts = startPeriodic(app.log, 'accounts.handouts_prune', 60 * 60_000, () => accounts.pruneHandouts());
    // Uploads no application claimed within a day (an abandoned form) are not kept.
    const stopAttachments = startPeriodic(app.log, 'attachments.purge', 60 * 60_000, async () => {
      await attachments.purgeUnclaimed();
    });
    app.addHook('onClose', async () => {
      stopDeadlines();
      stopMail();
      stopPrune();
      stopAuditCheck();
      stopHandouts();
      stopAttachments();
      stopNotices();
      stopSeatRelease();
      stopPaperFlags();
      stopGradePublish();
    });
  }
  app.addHook('onReady', async () => jobs.start());
  app.addHook('onClose', async () => jobs.stop());
  app.addHook('onClose', async () => passwordReset.settled());
  return app;
}
