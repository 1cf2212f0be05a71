// The built-in local mailbox: what faxdesk delivered to it while no real server is set (first run).
import { useEffect } from 'react';
import { useApi } from '../../api/ApiContext';
import { describeError, useCall } from '../../api/useCall';
import { Notice } from '../../components/Notice';
import { bytes, shortTime } from '../../format';

export function LocalMailbox() {
  const api = useApi();
  const mailbox = useCall(() => api.mailbox.list({ limit: 100 }), 'mailbox');
  const { reload } = mailbox;
  // New deliveries land in the mailbox: refresh when a message is delivered.
  useEffect(() => api.messages.onDidChange(({ changed }) => changed.some((message) => message.state === 'delivered') && reload()), [api, reload]);

  if (mailbox.status === 'failed') return <Notice tone="error">{describeError(mailbox.error, 'The local mailbox')}</Notice>;
  if (!mailbox.value) return <p className="muted">Loading the local mailbox…</p>;
  const { dir, items } = mailbox.value;
  return (
    <div className="mailbox" data-testid="local-mailbox">
      <p className="field-hint">
        Saved as .eml files in <code>{dir}</code>; open them with any mail program.
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
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={reload}>
        Refresh
      </button>
    </div>
  );
}
