// The words of the two mails faxdesk sends: a received fax (attached) and the notice that a sent fax went through or failed.
//
// Pure functions of their data. Values come from files a fax line wrote, so everything is escaped in HTML, and every
// value bound for a header (subject, attachment name) loses its control characters and is cut to a sane length.
import { safeLibraryName } from './spoolNames';

export interface ReceivedFaxData {
  from?: string;
  to?: string;
  csid?: string;
  /** ISO 8601, as in the sidecar. */
  receivedAt?: string;
  pages?: number;
  /** The stored file's name; its extension (.pdf, .tif) is kept for the attachment. */
  fileName: string;
}

export interface SentReportData {
  jobId: string;
  to: string;
  recipient?: string;
  pages?: number;
  status: 'sent' | 'failed';
  error?: string;
  completedAt?: string;
}

export interface MailTextOptions {
  /** IANA zone for the times shown; the machine's own zone when left out. */
  timeZone?: string;
}

export interface MailText {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_MAX = 200;
const UNKNOWN_SENDER = 'unknown sender';

export function receivedFaxMail(fax: ReceivedFaxData, options: MailTextOptions = {}): MailText & { attachmentName: string } {
  const from = clean(fax.from);
  const csid = clean(fax.csid);
  const to = clean(fax.to);
  const sender = from || csid || UNKNOWN_SENDER;
  const count = fax.pages !== undefined && Number.isInteger(fax.pages) && fax.pages > 0 ? fax.pages : undefined;
  const subject = headerValue(`Fax from ${sender}${count === undefined ? '' : ` (${pagesText(count)})`}`);

  const when = fax.receivedAt ? formatTime(fax.receivedAt, options.timeZone) : undefined;
  const ext = /\.(pdf|tiff?)$/i.exec(fax.fileName)?.[0].toLowerCase() ?? '';
  const stamp = when ? ` ${when.date} ${when.time.replace(':', '')}` : '';
  // safeLibraryName also removes control characters, path parts and characters mail clients refuse in file names.
  const attachmentName = safeLibraryName(`Fax from ${sender}${stamp}${ext}`);

  const rows: Array<[string, string]> = [['From', from || UNKNOWN_SENDER]];
  if (csid) rows.push(['Station ID (CSID)', csid]);
  if (to) rows.push(['To (called number)', to]);
  if (when) rows.push(['Received', `${when.date} ${when.time}`]);
  if (count !== undefined) rows.push(['Pages', String(count)]);

  const intro = `You have received a fax from ${sender}.`;
  const outro = `The fax is attached as "${attachmentName}".`;
  return {
    subject,
    attachmentName,
    text: [intro, '', ...rows.map(([k, v]) => `${k}: ${v}`), '', outro, ''].join('\n'),
    html: htmlMail(intro, rows, outro),
  };
}

export function sentNotificationMail(report: SentReportData, options: MailTextOptions = {}): MailText {
  const number = clean(report.to);
  const name = clean(report.recipient);
  const recipient = name && number ? `${name} (${number})` : name || number || 'unknown recipient';
  const sent = report.status === 'sent';
  const subject = headerValue(`Fax to ${recipient} ${sent ? 'sent' : 'failed'}`);

  const when = report.completedAt ? formatTime(report.completedAt, options.timeZone) : undefined;
  const rows: Array<[string, string]> = [['To', recipient]];
  if (report.pages !== undefined && Number.isInteger(report.pages) && report.pages > 0) rows.push(['Pages', String(report.pages)]);
  if (when) rows.push([sent ? 'Sent' : 'Gave up', `${when.date} ${when.time}`]);
  if (!sent) rows.push(['Reason', clean(report.error) || 'The fax line gave no reason.']);
  rows.push(['Job', clean(report.jobId)]);

  const intro = sent ? `Your fax to ${recipient} was sent.` : `Your fax to ${recipient} could not be sent.`;
  const outro = sent ? '' : 'Please check the number and send the fax again.';
  return {
    subject,
    text: [intro, '', ...rows.map(([k, v]) => `${k}: ${v}`), ...(outro ? ['', outro] : []), ''].join('\n'),
    html: htmlMail(intro, rows, outro),
  };
}

export function pagesText(count: number): string {
  return count === 1 ? '1 page' : `${count} pages`;
}

/** RFC 5322 2.2: a header field is one line; CR or LF inside a value would start a new header (injection). */
export function headerValue(value: string, max = SUBJECT_MAX): string {
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let out = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(flat)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** A value for the body: one line, no control characters; empty when absent. */
function clean(value: string | undefined): string {
  return value === undefined ? '' : headerValue(value, 1000);
}

function formatTime(iso: string, timeZone: string | undefined): { date: string; time: string } | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(ms);
  } catch {
    return undefined; // an unknown time zone name
  }
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${part('year')}-${part('month')}-${part('day')}`, time: `${part('hour')}:${part('minute')}` };
}

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function htmlMail(intro: string, rows: Array<[string, string]>, outro: string): string {
  const table = rows
    .map(([k, v]) => `<tr><th align="left" style="padding-right:1em">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
    .join('');
  return [
    '<!doctype html><html><body style="font-family:sans-serif">',
    `<p>${escapeHtml(intro)}</p>`,
    `<table>${table}</table>`,
    outro ? `<p>${escapeHtml(outro)}</p>` : '',
    '</body></html>',
  ].join('\n');
}
