// An attempt's SMTP transcript as the server saw it: C: and S: lines in monospace, faxdesk's own notes marked.
import type { TranscriptLineView } from '../../shared/contract';

const timeOf = (iso: string) => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleTimeString(undefined, { hour12: false }) + `.${String(date.getMilliseconds()).padStart(3, '0')}`;
};

export function Transcript({ lines }: { lines: TranscriptLineView[] }) {
  if (lines.length === 0) return <p className="muted">No transcript: the attempt ended before any line was exchanged.</p>;
  return (
    <pre className="transcript" data-testid="transcript" tabIndex={0} aria-label="SMTP transcript">
      {lines.map((line, index) => (
        <span key={index} className={`line dir-${line.dir}`}>
          <span className="at">{timeOf(line.at)} </span>
          {line.dir === 'i' ? '* ' : `${line.dir}: `}
          {line.text}
          {'\n'}
        </span>
      ))}
    </pre>
  );
}
