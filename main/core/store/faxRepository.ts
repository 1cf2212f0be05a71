// The fax library's rows: insert on import, the paged and filtered queries the window needs, read state, rejects.
import type { FaxesListParams, FaxSummary, MessageState, RejectedFile } from '../../../shared/contract';
import type { Db } from './database';

export interface NewFax {
  id: string;
  sha256: string;
  receivedAt: string;
  importedAt: string;
  from: string | null;
  to: string | null;
  csid: string | null;
  pages: number;
  format: 'pdf' | 'tiff';
  originalName: string;
  libraryPath: string;
  sizeBytes: number;
  resolution: { x: number; y: number } | null;
  compression: string | null;
  deliverTo: string[];
  routeRule: number | null;
  mailState: 'pending' | 'not-routed';
}

export interface FaxRow extends FaxSummary {
  sha256: string;
  libraryPath: string;
  originalName: string;
  resolution: { x: number; y: number } | null;
  compression: string | null;
  mailState: 'pending' | 'queued' | 'not-routed';
}

interface RawFax {
  id: string;
  sha256: string;
  received_at: string;
  from_number: string | null;
  to_number: string | null;
  csid: string | null;
  pages: number;
  format: 'pdf' | 'tiff';
  original_name: string;
  library_path: string;
  size_bytes: number;
  resolution_x: number | null;
  resolution_y: number | null;
  compression: string | null;
  read: number;
  deliver_to: string;
  mail_state: 'pending' | 'queued' | 'not-routed';
  delivery_state: MessageState | null;
  message_ids: string | null;
}

const selectFax = `
  SELECT f.*,
    (SELECT m.state FROM messages m WHERE m.fax_id = f.id ORDER BY m.created_at DESC LIMIT 1) AS delivery_state,
    (SELECT json_group_array(m.id) FROM messages m WHERE m.fax_id = f.id) AS message_ids
  FROM faxes f`;

function toRow(raw: RawFax): FaxRow {
  const fileName = raw.library_path.split('/').pop() ?? raw.original_name;
  return {
    id: raw.id,
    sha256: raw.sha256,
    receivedAt: raw.received_at,
    from: raw.from_number,
    to: raw.to_number,
    csid: raw.csid,
    pages: raw.pages,
    format: raw.format,
    fileName,
    originalName: raw.original_name,
    libraryPath: raw.library_path,
    sizeBytes: raw.size_bytes,
    read: raw.read === 1,
    deliverTo: JSON.parse(raw.deliver_to) as string[],
    deliveryState: raw.delivery_state,
    messageIds: raw.message_ids ? (JSON.parse(raw.message_ids) as string[]) : [],
    resolution: raw.resolution_x && raw.resolution_y ? { x: raw.resolution_x, y: raw.resolution_y } : null,
    compression: raw.compression,
    mailState: raw.mail_state,
  };
}

export function toSummary(row: FaxRow): FaxSummary {
  const { sha256: _sha, libraryPath: _path, originalName: _name, resolution: _res, compression: _comp, mailState: _mail, ...summary } = row;
  return summary;
}

const encodeCursor = (row: { receivedAt: string; id: string }) => Buffer.from(JSON.stringify([row.receivedAt, row.id])).toString('base64url');

function decodeCursor(cursor: string): [string, string] | undefined {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    return Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === 'string') ? (value as [string, string]) : undefined;
  } catch {
    return undefined;
  }
}

export class FaxRepository {
  constructor(private readonly db: Db) {}

  insert(fax: NewFax): void {
    this.db
      .prepare(
        `INSERT INTO faxes (id, sha256, received_at, imported_at, from_number, to_number, csid, pages, format, original_name,
           library_path, size_bytes, resolution_x, resolution_y, compression, deliver_to, route_rule, mail_state)
         VALUES (@id, @sha256, @receivedAt, @importedAt, @from, @to, @csid, @pages, @format, @originalName,
           @libraryPath, @sizeBytes, @resolutionX, @resolutionY, @compression, @deliverTo, @routeRule, @mailState)`,
      )
      .run({
        ...fax,
        resolutionX: fax.resolution?.x ?? null,
        resolutionY: fax.resolution?.y ?? null,
        deliverTo: JSON.stringify(fax.deliverTo),
      });
  }

  get(id: string): FaxRow | undefined {
    const raw = this.db.prepare(`${selectFax} WHERE f.id = ?`).get(id) as RawFax | undefined;
    return raw && toRow(raw);
  }

  findBySha256(sha256: string): FaxRow | undefined {
    const raw = this.db.prepare(`${selectFax} WHERE f.sha256 = ?`).get(sha256) as RawFax | undefined;
    return raw && toRow(raw);
  }

  /** Faxes whose mail was not yet handed to the outbox (an import interrupted by a crash). */
  pendingMail(): FaxRow[] {
    return (this.db.prepare(`${selectFax} WHERE f.mail_state = 'pending' ORDER BY f.imported_at`).all() as RawFax[]).map(toRow);
  }

  markMailQueued(id: string): void {
    this.db.prepare(`UPDATE faxes SET mail_state = 'queued' WHERE id = ?`).run(id);
  }

  setRead(id: string, read: boolean): boolean {
    return this.db.prepare('UPDATE faxes SET read = ? WHERE id = ?').run(read ? 1 : 0, id).changes === 1;
  }

  unreadCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM faxes WHERE read = 0').get() as { n: number }).n;
  }

  list(params: FaxesListParams): { items: FaxRow[]; nextCursor: string | null; total: number } {
    const where: string[] = [];
    const args: Record<string, unknown> = {};
    if (params.search?.trim()) {
      // Numbers are compared without spaces and dashes, as people type them either way.
      where.push(`(replace(replace(coalesce(f.from_number,''),' ',''),'-','') LIKE @digits ESCAPE '\\'
        OR replace(replace(coalesce(f.to_number,''),' ',''),'-','') LIKE @digits ESCAPE '\\'
        OR f.csid LIKE @text ESCAPE '\\' OR f.original_name LIKE @text ESCAPE '\\')`);
      const escaped = params.search.trim().replace(/[\\%_]/g, (char) => `\\${char}`);
      args.text = `%${escaped}%`;
      args.digits = `%${escaped.replace(/[\s-]/g, '')}%`;
    }
    if (params.receivedFrom) {
      where.push('f.received_at >= @receivedFrom');
      args.receivedFrom = params.receivedFrom;
    }
    if (params.receivedTo) {
      where.push('f.received_at <= @receivedTo');
      args.receivedTo = params.receivedTo;
    }
    if (params.unreadOnly) where.push('f.read = 0');
    if (params.deliveryStates?.length) {
      const states = params.deliveryStates.filter((state) => state !== 'not-routed');
      const clauses: string[] = [];
      if (params.deliveryStates.includes('not-routed')) clauses.push(`f.mail_state = 'not-routed'`);
      if (states.length > 0) {
        clauses.push(
          `(SELECT m.state FROM messages m WHERE m.fax_id = f.id ORDER BY m.created_at DESC LIMIT 1) IN (${states.map((_, i) => `@state${i}`).join(', ')})`,
        );
        states.forEach((state, i) => (args[`state${i}`] = state));
      }
      where.push(`(${clauses.join(' OR ')})`);
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = (this.db.prepare(`SELECT count(*) AS n FROM faxes f ${filter}`).get(args) as { n: number }).n;

    const page = [...where];
    const cursor = params.cursor ? decodeCursor(params.cursor) : undefined;
    if (cursor) {
      page.push('(f.received_at < @cursorAt OR (f.received_at = @cursorAt AND f.id < @cursorId))');
      args.cursorAt = cursor[0];
      args.cursorId = cursor[1];
    }
    const limit = params.limit ?? 50;
    const rows = (
      this.db
        .prepare(`${selectFax} ${page.length > 0 ? `WHERE ${page.join(' AND ')}` : ''} ORDER BY f.received_at DESC, f.id DESC LIMIT @limit`)
        .all({ ...args, limit: limit + 1 }) as RawFax[]
    ).map(toRow);
    const more = rows.length > limit;
    const items = more ? rows.slice(0, limit) : rows;
    return { items, nextCursor: more ? encodeCursor(items[items.length - 1]!) : null, total };
  }

  /** Every fax, newest first, a page at a time (for `faxdesk status`). */
  *all(): Generator<FaxRow> {
    let cursor: string | null = null;
    do {
      const page = this.list({ limit: 200, cursor });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  recordRejected(entry: { fileName: string; spoolKind: 'received' | 'sent' | 'import'; reason: string; movedTo: string | null; rejectedAt: string }): void {
    this.db
      .prepare('INSERT INTO rejected_files (file_name, spool_kind, reason, moved_to, rejected_at) VALUES (@fileName, @spoolKind, @reason, @movedTo, @rejectedAt)')
      .run(entry);
  }

  rejected(limit: number): RejectedFile[] {
    return (
      this.db.prepare('SELECT file_name, reason, rejected_at FROM rejected_files ORDER BY id DESC LIMIT ?').all(limit) as Array<{
        file_name: string;
        reason: string;
        rejected_at: string;
      }>
    ).map((row) => ({ fileName: row.file_name, reason: row.reason, rejectedAt: row.rejected_at }));
  }

  sentReportSeen(jobId: string, status: 'sent' | 'failed'): boolean {
    return this.db.prepare('SELECT 1 FROM sent_reports WHERE job_id = ? AND status = ?').get(jobId, status) !== undefined;
  }

  /** Reports recorded with the id of their notification, where no message has that id: the mail was never queued. */
  sentReportsAwaitingMail(): Array<{ jobId: string; status: 'sent' | 'failed'; notify: string; messageId: string; libraryPath: string }> {
    return this.db
      .prepare(
        `SELECT job_id AS jobId, status, notify, message_id AS messageId, library_path AS libraryPath FROM sent_reports r
         WHERE r.message_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.id = r.message_id) ORDER BY r.imported_at`,
      )
      .all() as Array<{ jobId: string; status: 'sent' | 'failed'; notify: string; messageId: string; libraryPath: string }>;
  }

  forgetSentReport(jobId: string, status: 'sent' | 'failed'): void {
    this.db.prepare('DELETE FROM sent_reports WHERE job_id = ? AND status = ?').run(jobId, status);
  }

  recordSentReport(entry: { jobId: string; status: 'sent' | 'failed'; importedAt: string; notify: string; messageId: string | null; libraryPath: string }): void {
    this.db
      .prepare(
        'INSERT INTO sent_reports (job_id, status, imported_at, notify, message_id, library_path) VALUES (@jobId, @status, @importedAt, @notify, @messageId, @libraryPath)',
      )
      .run(entry);
  }
}
