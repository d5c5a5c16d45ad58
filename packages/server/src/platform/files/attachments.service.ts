import { createHash } from 'node:crypto';
import { ATTACHMENT_MAX_BYTES, type AttachmentInfo, type AttachmentMime } from '@jiaowu/contracts';
import type { Db, Tx } from '../../db/client.ts';
import type { Actor } from '../access.ts';
import { writeAudit } from '../audit/audit.ts';
import { AppError } from '../errors.ts';
import { cleanFilename, sniffMime } from './attachment-content.ts';
import * as repo from './attachments.repository.ts';
import type { AttachmentMeta } from './attachments.repository.ts';

/**
 * A kind of record that files can belong to (`exam_deferral`, later a grade correction). The
 * module that owns the record says who may read it; whoever may read the record may download
 * its files, and the uploader always may.
 */
export interface AttachmentOwner {
  canRead(db: Db | Tx, actor: Actor, recordId: number): Promise<boolean>;
}

export interface Upload {
  data: Buffer;
  filename: string | null;
}

/** An unclaimed upload older than this may be purged (the form was abandoned). */
export const UNCLAIMED_TTL_MS = 24 * 60 * 60_000;

export function presentAttachment(m: AttachmentMeta): AttachmentInfo {
  return { id: m.id, filename: m.filename, mime: m.mime as AttachmentMime, size: m.size, createdAt: m.createdAt.toISOString() };
}

const notFound = () => new AppError('not_found', { params: { what: 'attachment' } });

export function createAttachmentsService({ db, clock }: { db: Db; clock: () => Date }) {
  const owners = new Map<string, AttachmentOwner>();

  async function mayRead(actor: Actor, m: AttachmentMeta): Promise<boolean> {
    if (actor.userId !== null && m.uploadedBy === actor.userId) return true;
    if (m.ownerType === null || m.ownerId === null) return false;
    const owner = owners.get(m.ownerType);
    return owner ? owner.canRead(db, actor, m.ownerId) : false;
  }

  return {
    /** Called once per record type at startup by the module that owns such records. */
    registerOwner(type: string, owner: AttachmentOwner) {
      if (owners.has(type)) throw new Error(`attachment owner ${type} registered twice`);
      owners.set(type, owner);
    },

    /** POST /api/attachments: a PDF, JPEG or PNG (by content) of 1 byte to 10 MB, audited. */
    async upload(actor: Actor, file: Upload): Promise<AttachmentInfo> {
      if (actor.userId === null) throw new AppError('forbidden');
      const uploadedBy = actor.userId;
      if (file.data.length === 0) throw new AppError('attachment_empty');
      if (file.data.length > ATTACHMENT_MAX_BYTES)
        throw new AppError('attachment_too_large', { params: { max: ATTACHMENT_MAX_BYTES / 2 ** 20 } });
      const mime = sniffMime(file.data);
      if (!mime) throw new AppError('attachment_type');
      const values = {
        uploadedBy,
        filename: cleanFilename(file.filename, mime),
        mime,
        size: file.data.length,
        sha256: createHash('sha256').update(file.data).digest('hex'),
        content: file.data,
        createdAt: clock(),
      };
      return db.transaction(async (tx) => {
        const row = await repo.insertAttachment(tx, values);
        await writeAudit(tx, actor, {
          action: 'attachments.upload',
          entityType: 'attachments',
          entityId: row.id,
          after: { filename: row.filename, mime, size: row.size, sha256: row.sha256 },
        });
        return presentAttachment(row);
      });
    },

    /** GET /api/attachments/:id: the file for its uploader or a reader of its record; anyone else learns nothing (404). */
    async open(actor: Actor, id: number): Promise<{ info: AttachmentInfo; content: Buffer }> {
      const meta = await repo.findAttachmentMeta(db, id);
      if (!meta || !(await mayRead(actor, meta))) throw notFound();
      const content = await repo.findAttachmentContent(db, id);
      if (!content) throw notFound();
      return { info: presentAttachment(meta), content };
    },

    /**
     * Links the actor's own, still unlinked upload to a record, inside the record's transaction
     * (the record's audit names the attachment). Refused for another's file or one already used.
     */
    async claim(tx: Tx, actor: Actor, attachmentId: number, owner: { type: string; id: number }): Promise<void> {
      if (!owners.has(owner.type)) throw new Error(`attachment owner ${owner.type} is not registered`);
      if (actor.userId === null || !(await repo.claimAttachment(tx, attachmentId, actor.userId, owner)))
        throw new AppError('attachment_unavailable');
    },

    /** The names and sizes of these files, for the lists that link them. */
    async infos(h: Db | Tx, ids: number[]): Promise<Map<number, AttachmentInfo>> {
      const rows = await repo.findAttachmentMetas(h, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, presentAttachment(r)]));
    },

    /** Deletes uploads no record claimed within a day (abandoned forms); the number deleted. */
    async purgeUnclaimed(): Promise<number> {
      return repo.deleteUnclaimedBefore(db, new Date(clock().getTime() - UNCLAIMED_TTL_MS));
    },
  };
}
export type AttachmentsService = ReturnType<typeof createAttachmentsService>;
/** What a module that links files to its records needs. */
export type AttachmentsPort = Pick<AttachmentsService, 'registerOwner' | 'claim' | 'infos'>;
