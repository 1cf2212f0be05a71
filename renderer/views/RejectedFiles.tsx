// The spool files the inbox refused, above the fax list: each with its name, why it was refused and when, kept live by
// main's faxes:onDidReject, so a person sees at once why a fax they expected is not in the list.
import { useEffect, useState } from 'react';
import type { RejectedFile } from '../../shared/contract';
import { useApi } from '../api/ApiContext';
import { longTime, shortTime } from '../format';

const shownAtMost = 100;
const keyOf = (file: RejectedFile) => `${file.rejectedAt}\u0000${file.fileName}`;

export function RejectedFiles() {
  const api = useApi();
  const [files, setFiles] = useState<RejectedFile[]>([]);
  const [open, setOpen] = useState(false);

  useEffect(() => {
    let live = true;
    const add = (incoming: RejectedFile[]) =>
      setFiles((current) => {
        const known = new Set(current.map(keyOf));
        return [...incoming.filter((file) => !known.has(keyOf(file))), ...current].slice(0, shownAtMost);
      });
    const unsubscribe = api.faxes.onDidReject((file) => {
      add([file]);
      // Refused while the person watches: open the panel so the reason is on screen, not one click away.
      setOpen(true);
    });
    void api.faxes.rejected({ limit: shownAtMost }).then((result) => live && result.ok && add(result.value.items));
    return () => {
      live = false;
      unsubscribe();
    };
  }, [api]);

  if (files.length === 0) return null;
  const newest = files[0]!;
  return (
    <details className="rejected-files" open={open} onToggle={(event) => setOpen(event.currentTarget.open)} data-testid="rejected-files">
      <summary>
        <strong>
          {files.length === 1 ? '1 file' : `${files.length >= shownAtMost ? `The last ${shownAtMost}` : files.length} files`} from the spool folder{' '}
          {files.length === 1 ? 'was' : 'were'} refused
        </strong>
        <span className="muted"> · newest: {newest.fileName}, {shortTime(newest.rejectedAt)}</span>
      </summary>
      <p className="muted small">
        Each was moved to the spool&apos;s <code>rejected</code> folder with a <code>.error.txt</code> file giving the same reason. Fix the file and
        put it back in the spool folder to import it.
      </p>
      <div className="rejected-scroll">
        <table className="table" aria-label="Files refused by the inbox">
          <thead>
            <tr>
              <th scope="col">File</th>
              <th scope="col">Why it was refused</th>
              <th scope="col">When</th>
            </tr>
          </thead>
          <tbody>
            {files.map((file) => (
              <tr key={keyOf(file)} data-testid="rejected-file">
                <td className="rejected-name">
                  <div className="ellipsis" title={file.fileName}>
                    {file.fileName}
                  </div>
                </td>
                <td>{file.reason}</td>
                <td className="nowrap" title={longTime(file.rejectedAt)}>
                  {shortTime(file.rejectedAt)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
