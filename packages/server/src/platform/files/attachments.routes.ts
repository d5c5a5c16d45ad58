import type { FastifyRequest } from 'fastify';
import { ATTACHMENT_MAX_BYTES, attachmentInfo, idParams } from '@jiaowu/contracts';
import { AppError } from '../errors.ts';
import type { App } from '../http/types.ts';
import { downloadDisposition } from './attachment-content.ts';
import type { AttachmentsService, Upload } from './attachments.service.ts';

const tags = ['attachments'];
/** Any signed-in account; the service decides what each may read. */
const own = { own: true };
const MB = 2 ** 20;

/** The multipart field `file`, cut off past the attachment limit (imports allow more). */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('attachment_no_file');
  try {
    const part = await req.file({ limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1 } });
    if (!part || part.fieldname !== 'file') throw new AppError('attachment_no_file');
    return { data: await part.toBuffer(), filename: part.filename || null };
  } catch (err) {
    if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('attachment_too_large', { params: { max: ATTACHMENT_MAX_BYTES / MB } });
    throw err;
  }
}

/** 附件: upload one file (proof for an application), download it where its record is readable. */
export function registerAttachmentRoutes(app: App, { attachments }: { attachments: AttachmentsService }) {
  app.post(
    '/api/attachments',
    {
      schema: {
        tags,
        description: 'Upload one PDF/JPEG/PNG (multipart field `file`, at most 10 MB; the type is read from the content).',
        consumes: ['multipart/form-data'],
        response: { 201: attachmentInfo },
      },
      config: own,
    },
    async (req, reply) => reply.code(201).send(await attachments.upload(req.actor, await readUpload(req))),
  );
  app.get('/api/attachments/:id', { schema: { tags, params: idParams }, config: own }, async (req, reply) => {
    const { info, content } = await attachments.open(req.actor, req.params.id);
    return reply
      .header('content-type', info.mime)
      .header('content-disposition', downloadDisposition(info.filename))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, no-store')
      .send(content);
  });
}
