// One message of the local mailbox, opened from its list: who sent it to whom and when, what is attached and its
// text, in a modal dialog that Close or Escape shuts, handing focus back to the button that opened it.
import { useEffect, useId, useRef } from 'react';
import { createPortal } from 'react-dom';
import type { MailboxMessageView } from '../../../shared/contract';
import { useApi } from '../../api/ApiContext';
import { describeError, useCall } from '../../api/useCall';
import { Notice } from '../../components/Notice';
import { bytes, longTime, plural } from '../../format';

const none = <span className="muted">(none)</span>;

function Headers({ message }: { message: MailboxMessageView }) {
  return (
    <dl className="summary" data-testid="mailbox-message-headers">
      <dt>From</dt>
      <dd>{message.from ?? none}</dd>
      <dt>To</dt>
      <dd>{message.to.length > 0 ? message.to.join(', ') : none}</dd>
      {message.cc.length > 0 && (
        <>
          <dt>Cc</dt>
          <dd>{message.cc.join(', ')}</dd>
        </>
      )}
      <dt>Date</dt>
      <dd>{message.date ? longTime(message.date) : none}</dd>
      <dt>Subject</dt>
      <dd>{message.subject || none}</dd>
      <dt>Message-ID</dt>
      <dd>{message.messageId ? <code>{message.messageId}</code> : none}</dd>
      <dt>File</dt>
      <dd>
        <code>{message.file}</code> ({bytes(message.sizeBytes)})
      </dd>
    </dl>
  );
}

function Body({ message }: { message: MailboxMessageView }) {
  const { attachments } = message;
  return (
    <>
      <Headers message={message} />
      {message.readBytes < message.sizeBytes && (
        <Notice tone="warning" title="Only the start of this message was read">
          It is {bytes(message.sizeBytes)}, and faxdesk reads the first {bytes(message.readBytes)}, so the last attachment
          listed is cut short. Open the file with a mail program to see all of it.
        </Notice>
      )}
      <h3>{attachments.length > 0 ? plural(attachments.length, 'attachment') : 'No attachments'}</h3>
      {attachments.length > 0 && (
        <table className="table mailbox-attachments">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Size
              </th>
            </tr>
          </thead>
          <tbody>
            {attachments.map((attachment, index) => (
              <tr key={index}>
                <td>{attachment.filename ?? <span className="muted">(no name)</span>}</td>
                <td>
                  <code>{attachment.mimeType}</code>
                </td>
                <td className="num">{bytes(attachment.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>Text</h3>
      {message.textFrom === 'html' && <p className="field-hint">The message has no plain text; this is the text of its HTML part.</p>}
      {message.textFrom === 'none' ? (
        <p className="muted">The message has no text.</p>
      ) : (
        <pre className="mailbox-text" data-testid="mailbox-message-text">
          {message.text}
        </pre>
      )}
      {message.textTruncated && <p className="field-hint">The text is longer than faxdesk shows; the rest is in the file.</p>}
    </>
  );
}

export function MailboxMessage({ file, onClose }: { file: string; onClose(): void }) {
  const api = useApi();
  const loaded = useCall(() => api.mailbox.read({ file }), file);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    // The row's Open button had focus; it gets it back when the dialog goes, whichever way it was closed.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const dialog = dialogRef.current!;
    // Modal: the page behind is inert, Escape closes (the dialog's cancel), and focus stays inside. Unmounting removes
    // the element, which takes it out of the top layer; close() here would fire a late close event (and under
    // StrictMode's second mount, shut the dialog just opened).
    if (!dialog.open) dialog.showModal();
    closeRef.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const message = loaded.value;
  // Outside the Preferences form, so that no key or button in it can submit the form.
  return createPortal(
    <dialog ref={dialogRef} className="mailbox-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="mailbox-message">
      <div className="mailbox-dialog-bar">
        <h2 id={titleId}>{message ? message.subject || '(no subject)' : 'Message'}</h2>
        <button ref={closeRef} type="button" onClick={() => dialogRef.current?.close()}>
          Close
        </button>
      </div>
      <div className="mailbox-dialog-body">
        {loaded.status === 'failed' && <Notice tone="error">{describeError(loaded.error, 'This message')}</Notice>}
        {!message && loaded.status === 'loading' && <p className="muted">Loading…</p>}
        {message && <Body message={message} />}
      </div>
    </dialog>,
    document.body,
  );
}
