// "Send test message" and "Diagnose server": both use the saved settings and show their progress and result.
import { useState } from 'react';
import type { DiagnoseReportView, MessageSummary } from '../../../shared/contract';
import { useApi } from '../../api/ApiContext';
import { Notice } from '../../components/Notice';
import { StateBadge } from '../../components/StateBadge';
import { hrefOf } from '../sections';

export function ServerTools({ unsaved, defaultTo }: { unsaved: boolean; defaultTo: string }) {
  const api = useApi();
  const [to, setTo] = useState(defaultTo);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<MessageSummary>();
  const [sendError, setSendError] = useState<string>();
  const [diagnosing, setDiagnosing] = useState(false);
  const [report, setReport] = useState<DiagnoseReportView>();
  const [diagnoseError, setDiagnoseError] = useState<string>();

  const sendTest = async () => {
    setSending(true);
    setSendError(undefined);
    setSent(undefined);
    const result = await api.messages.sendTest({ to: to.trim() });
    setSending(false);
    if (result.ok) setSent(result.value);
    else setSendError(result.error.message);
  };
  const diagnose = async () => {
    setDiagnosing(true);
    setDiagnoseError(undefined);
    setReport(undefined);
    const result = await api.server.diagnose();
    setDiagnosing(false);
    if (result.ok) setReport(result.value);
    else setDiagnoseError(result.error.message);
  };

  return (
    <div className="server-tools">
      {unsaved && <p className="field-hint">These use the saved settings: save your changes first to test them.</p>}
      <div className="tool-row">
        <label htmlFor="test-to">Send a test message to</label>
        <input id="test-to" type="email" className="medium" value={to} onChange={(event) => setTo(event.target.value)} placeholder="you@example.com" />
        <button type="button" onClick={() => void sendTest()} disabled={sending || !to.trim()}>
          {sending ? 'Sending…' : 'Send test message'}
        </button>
        <button type="button" onClick={() => void diagnose()} disabled={diagnosing} aria-describedby="diagnose-hint">
          {diagnosing ? 'Diagnosing…' : 'Diagnose server'}
        </button>
      </div>
      <p id="diagnose-hint" className="field-hint">
        Diagnose connects to the server, tries TLS and login, and checks whether it answers QUIT, without sending mail.
      </p>
      {sendError && <Notice tone="error">{sendError}</Notice>}
      {sent && (
        <Notice tone="info">
          Test message queued: <StateBadge state={sent.state} /> <a href={hrefOf('sent', sent.id)}>follow it in Sent &amp; deliveries</a>.
        </Notice>
      )}
      {diagnosing && (
        <div className="progress" role="progressbar" aria-label="Diagnosing the server">
          <span />
        </div>
      )}
      {diagnoseError && <Notice tone="error">{diagnoseError}</Notice>}
      {report && (
        <section className="diagnose" aria-label="Diagnosis" data-testid="diagnose-report">
          <h4>
            {report.ok ? '✓' : '✗'} {report.target}
          </h4>
          <ol className="steps">
            {report.steps.map((step, index) => (
              <li key={index} className={step.ok ? 'ok' : 'bad'}>
                <span className="visually-hidden">{step.ok ? 'Passed: ' : 'Failed: '}</span>
                <span aria-hidden="true">{step.ok ? '✓' : '✗'}</span> <strong>{step.name}</strong> {step.detail}
              </li>
            ))}
          </ol>
          <p>
            <strong>Recommendation:</strong> {report.recommendation}
          </p>
        </section>
      )}
    </div>
  );
}
