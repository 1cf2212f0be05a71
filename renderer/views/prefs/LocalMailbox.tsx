// The built-in local mailbox: what faxdesk delivered to it while no real server is set (first run), each message
// opened with its row's Open button.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { describeError, useCall } from '../../api/useCall';
import { Notice } from '../../components/Notice';
import { bytes, shortTime } from '../../format';
import { MailboxMessage } from './MailboxMessage';

export function LocalMailbox() {
  const api = useApi();
  const mailbox = useCall(() => api.mailbox.list({ limit: 100 }), 'mailbox');
  const { reload } = mailbox;
  const [openFile, setOpenFile] = useState<string | null>(null);
  // New deliveries land in the mailbox: refresh when a message is delivered.
  useEffect(() => api.messages.onDidChange(({ changed }) => changed.some((message) => message.state === 'delivered') && reload()), [api, reload]);

  if (mailbox.status === 'failed') return <Notice tone="error">{describeError(mailbox.error, 'The local mailbox')}</Notice>;
  if (!mailbox.value) return <p className="muted">Loading the local mailbox…</p>;
  const { dir, items } = mailbox.value;
  return (
    <div className="mailbox" data-testid="local-mailbox">
      <p className="field-hint">
        Saved as .eml files in <code>{dir}</code>; open one here, or in any mail program.
      </p>
      {items.length === 0 ? (
        <p className="muted">Nothing delivered to it yet.</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Received</th>
              <th scope="col">Subject</th>
              <th scope="col">File</th>
              <th scope="col" className="num">
                Size
              </th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.file}>
                <td>{shortTime(item.receivedAt)}</td>
                <td>{item.subject ?? <span className="muted">(no subject)</span>}</td>
                <td>
                  <code>{item.file}</code>
                </td>
                <td className="num">{bytes(item.sizeBytes)}</td>
                <td>
                  <button type="button" className="mailbox-open" aria-label={`Open ${item.subject || item.file}`} onClick={() => setOpenFile(item.file)}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={reload}>
        Refresh
      </button>
      {openFile && <MailboxMessage file={openFile} onClose={() => setOpenFile(null)} />}
    </div>
  );
}
