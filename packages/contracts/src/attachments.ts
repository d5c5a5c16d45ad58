import { z } from 'zod';

/**
 * Attachments: files people upload as proof (a medical certificate for 缓考, evidence for a grade
 * correction). One file per upload; the record that uses it links it, and who may read that
 * record may download it.
 */

/** The largest file accepted (bytes). */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/** What an attachment may be, decided from its first bytes (never the name or the browser's type). */
export const ATTACHMENT_MIMES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type AttachmentMime = (typeof ATTACHMENT_MIMES)[number];
/** For the file picker only: the server decides from the content. */
export const ATTACHMENT_ACCEPT = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

/** POST /api/attachments (multipart field `file`) answers this; GET /api/attachments/:id streams the file. */
export const attachmentInfo = z.object({
  id: z.number().int(),
  /** The uploaded name, cleaned of folders and control characters. */
  filename: z.string(),
  mime: z.enum(ATTACHMENT_MIMES),
  size: z.number().int(),
  createdAt: z.string(),
});
export type AttachmentInfo = z.infer<typeof attachmentInfo>;

/** Errors of uploads and downloads (spread into ERROR_MESSAGES). */
export const ATTACHMENT_ERROR_MESSAGES = {
  attachment_no_file: { 'zh-CN': '请选择要上传的文件', en: 'Choose a file to upload' },
  attachment_empty: { 'zh-CN': '文件是空的，请重新选择', en: 'The file is empty; choose another one' },
  attachment_too_large: { 'zh-CN': '文件过大，最大 {max} MB', en: 'The file is too large; at most {max} MB' },
  attachment_type: {
    'zh-CN': '只能上传 PDF、JPEG 或 PNG 文件',
    en: 'Only PDF, JPEG or PNG files can be uploaded',
  },
  /** Linking: not the actor's own upload, or already used by another record. */
  attachment_unavailable: {
    'zh-CN': '该附件不可用（不是你上传的，或已用于其他申请），请重新上传',
    en: 'This attachment cannot be used (not yours, or already used elsewhere); upload it again',
  },
} as const;

export const ATTACHMENT_ERROR_STATUS: Record<keyof typeof ATTACHMENT_ERROR_MESSAGES, number> = {
  attachment_no_file: 400,
  attachment_empty: 400,
  attachment_too_large: 413,
  attachment_type: 415,
  attachment_unavailable: 409,
};
