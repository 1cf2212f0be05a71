// One received fax: its pages, where it came from, who it was mailed to and how that mail is doing.
import { useEffect, useRef, useState } from 'react';
import type { FaxDetail } from '../../shared/contract';
import { useApi } from '../api/ApiContext';
import { describeError, useCall } from '../api/useCall';
import { Notice } from '../components/Notice';
import { StateBadge } from '../components/StateBadge';
import { useEscapeBack } from '../components/useEscapeBack';
import { bytes as formatBytes, longTime } from '../format';
import { FaxViewer } from '../viewer/FaxViewer';
import { base64ToBytes } from '../viewer/pageDocument';
import { hrefOf } from './sections';

function saveCopy(data: Uint8Array, fileName: string, mimeType: string): void {
  const url = URL.createObjectURL(new Blob([data as Uint8Array<ArrayBuffer>], { type: mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function useFaxFile(id: string) {
  const api = useApi();
  const file = useCall(() => api.faxes.file({ id }), id);
  const [decoded, setDecoded] = useState<{ id: string; bytes: Uint8Array }>();
  useEffect(() => {
    if (file.status === 'ready') setDecoded({ id, bytes: base64ToBytes(file.value.base64) });
  }, [file.status, file.value, id]);
  return { file, bytes: decoded?.id === id ? decoded.bytes : undefined };
}

export function FaxDetailView({ id }: { id: string }) {
  const api = useApi();
  const loaded = useCall(() => api.faxes.get({ id }), id);
  const [fax, setFax] = useState<FaxDetail>();
  const { file, bytes } = useFaxFile(id);
  const [actionError, setActionError] = useState<string>();
  const markedFor = useRef<string>(undefined);
  useEscapeBack(hrefOf('received'));

  useEffect(() => setFax(loaded.status === 'ready' ? loaded.value : undefined), [loaded.status, loaded.value]);

  // Opening a fax reads it, as in a mail client; "Mark as unread" undoes that.
  useEffect(() => {
    if (!fax || fax.read || markedFor.current === fax.id) return;
    markedFor.current = fax.id;
    void api.faxes.markRead({ id: fax.id, read: true });
  }, [api, fax]);

  useEffect(() => {
    const stopFaxes = api.faxes.onDidChange(({ changed }) => {
      const mine = changed.find((item) => item.id === id);
      if (mine) setFax((current) => current && { ...current, ...mine });
    });
    const stopMessages = api.messages.onDidChange(({ changed }) =>
      setFax((current) => current && { ...current, messages: current.messages.map((message) => changed.find((item) => item.id === message.id) ?? message) }),
    );
    return () => {
      stopFaxes();
      stopMessages();
    };
  }, [api, id]);

  const toggleRead = async () => {
    if (!fax) return;
    const result = await api.faxes.markRead({ id: fax.id, read: !fax.read });
    if (result.ok) setFax({ ...fax, ...result.value });
    else setActionError(result.error.message);
  };

  const title = fax ? `Fax from ${fax.from ?? fax.csid ?? 'an unknown sender'}` : 'Fax';
  return (
    <div className="detail fax-detail">
      <div className="detail-bar">
        <a href={hrefOf('received')} className="back">
          ← Received faxes
        </a>
        <h2>{title}</h2>
        <span className="spacer" />
        <button type="button" onClick={toggleRead} disabled={!fax}>
          {fax && !fax.read ? 'Mark as read' : 'Mark as unread'}
        </button>
        <button
          type="button"
          disabled={!bytes || file.status !== 'ready'}
          onClick={() => file.status === 'ready' && bytes && saveCopy(bytes, file.value.fileName, file.value.mimeType)}
        >
          Save a copy…
        </button>
      </div>
      {loaded.status === 'failed' && <Notice tone="error">{describeError(loaded.error, 'This fax')}</Notice>}
      {file.status === 'failed' && <Notice tone="error">{describeError(file.error, 'The fax pages')}</Notice>}
      {actionError && <Notice tone="error">{actionError}</Notice>}
      <div className="fax-layout">
        <FaxViewer bytes={bytes} format={fax?.format ?? 'pdf'} label={title} />
        <aside className="fax-info" aria-label="About this fax">
          {fax ? (
            <>
              <dl>
                <dt>Received</dt>
                <dd>{longTime(fax.receivedAt)}</dd>
                <dt>From</dt>
                <dd>{fax.from ?? 'unknown'}</dd>
                <dt>Number called</dt>
                <dd>{fax.to ?? 'unknown'}</dd>
                <dt>CSID</dt>
                <dd>{fax.csid ?? 'none sent'}</dd>
                <dt>Pages</dt>
                <dd>{fax.pages}</dd>
                <dt>File</dt>
                <dd>
                  {fax.fileName} ({fax.format.toUpperCase()}, {formatBytes(fax.sizeBytes)}
                  {fax.resolution ? `, ${fax.resolution.x} × ${fax.resolution.y} dpi` : ''}
                  {fax.compression ? `, ${fax.compression}` : ''})
                </dd>
              </dl>
              <h3>Sent to</h3>
              {fax.deliverTo.length === 0 ? (
                <p className="muted">Not routed: no rule or default recipient matched. The fax is kept here.</p>
              ) : (
                <ul className="plain" data-testid="fax-recipients">
                  {fax.deliverTo.map((address) => (
                    <li key={address}>{address}</li>
                  ))}
                </ul>
              )}
              {fax.messages.length > 0 && (
                <>
                  <h3>Its mail</h3>
                  <ul className="plain">
                    {fax.messages.map((message) => (
                      <li key={message.id} data-testid="fax-mail">
                        <StateBadge state={message.state} /> <a href={hrefOf('sent', message.id)}>{message.to.join(', ')}</a>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </>
          ) : (
            loaded.status === 'loading' && <p className="muted">Loading…</p>
          )}
        </aside>
      </div>
    </div>
  );
}
