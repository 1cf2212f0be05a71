// Preferences: the mail server, delivery, inbox and notifications, checked field by field with shared/prefs and
// saved all at once with prefs:set; a value main refuses is shown next to the field its message names.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PrefsView } from '../../shared/contract';
import { prefKeys, type PrefKey, type Prefs } from '../../shared/prefs';
import { useApi } from '../api/ApiContext';
import { useLive } from '../api/LiveContext';
import { describeError, useCall } from '../api/useCall';
import { Notice } from '../components/Notice';
import { LocalMailbox } from './prefs/LocalMailbox';
import { PrefField, type PrefFieldProps } from './prefs/PrefField';
import { checkDraft, keyNamedIn, rawOf, routeIndexIn, valueOf, type Draft, type FieldKind, type Raw, type RouteRow } from './prefs/prefDraft';
import { RoutesEditor } from './prefs/RoutesEditor';
import { ServerTools } from './prefs/ServerTools';

type Spec = Omit<PrefFieldProps, 'prefKey' | 'raw' | 'onChange' | 'error'>;

const specs: Partial<Record<PrefKey, Spec>> = {
  'smtp.host': { label: 'Server', kind: 'text', size: 'medium', placeholder: 'smtp.example.com', hint: 'Write local to deliver to the built-in local mailbox.' },
  'smtp.port': { label: 'Port', kind: 'number', size: 'short', hint: '25 or 587 with STARTTLS, 465 with TLS.' },
  'smtp.security': {
    label: 'Security',
    kind: 'choice',
    choices: [
      { value: 'none', label: 'None' },
      { value: 'starttls', label: 'STARTTLS' },
      { value: 'tls', label: 'TLS from the start' },
    ],
  },
  'smtp.rejectUnauthorized': { label: "Check the server's TLS certificate", kind: 'bool' },
  'smtp.username': { label: 'User name', kind: 'text', size: 'medium', placeholder: 'none' },
  'smtp.password': { label: 'Password', kind: 'password', size: 'medium' },
  'mail.from': { label: 'Send mail as', kind: 'text', size: 'medium' },
  'delivery.treatDroppedQuitAsDelivered': {
    label: 'Treat dropped QUIT as delivered',
    kind: 'bool',
    hint: (
      <>
        Once the server has answered 250 to the message it owns it, so a connection lost while saying goodbye (QUIT) does not
        mean it failed, and faxdesk will not send it again. Turn this off only for a gateway that commits mail at the end of
        the session; then such a message is retried and copies may arrive.
      </>
    ),
  },
  'delivery.holdUncertain': {
    label: 'Hold uncertain deliveries for review',
    kind: 'bool',
    hint: 'When the server goes silent right after the message was sent, hold it for you to release instead of retrying it.',
  },
  'delivery.maxAttempts': { label: 'Attempts before giving up', kind: 'number', size: 'short' },
  'delivery.retryMinSeconds': { label: 'First retry after (seconds)', kind: 'number', size: 'short' },
  'delivery.retryMaxSeconds': { label: 'Longest wait between retries (seconds)', kind: 'number', size: 'short' },
  'delivery.maxAgeHours': { label: 'Give up after (hours)', kind: 'number', size: 'short' },
  'delivery.connections': { label: 'Connections at once', kind: 'number', size: 'short' },
  'delivery.quitTimeoutSeconds': { label: 'Wait for the reply to QUIT (seconds)', kind: 'number', size: 'short' },
  'delivery.dataTimeoutSeconds': { label: 'Wait for the reply to the message (seconds)', kind: 'number', size: 'short', hint: 'RFC 5321 asks for at least 600.' },
  'delivery.commandTimeoutSeconds': { label: 'Wait for other replies (seconds)', kind: 'number', size: 'short', hint: 'RFC 5321 asks for at least 300.' },
  'spool.dir': { label: 'Spool folder', kind: 'text', placeholder: 'spool/ in the data folder', hint: 'Received faxes are taken from its received/ folder, reports from sent/.' },
  'inbox.deliverTo': { label: 'Default recipients', kind: 'list', placeholder: 'fax@example.com, office@example.com', hint: 'Faxes no rule matches go to these addresses (separate with commas).' },
  'inbox.maxFileMegabytes': { label: 'Largest fax file (MB)', kind: 'number', size: 'short' },
  'notifications.sentTo': { label: 'Tell about sent faxes', kind: 'text', size: 'medium', placeholder: 'nobody', hint: 'Where "fax sent" and "fax failed" reports go when the report names no address.' },
};

const kinds = Object.fromEntries(prefKeys.map((key) => [key, key === 'inbox.routes' ? 'routes' : (specs[key]?.kind ?? 'text')])) as Record<PrefKey, FieldKind>;

function Group({ title, children, id }: { title: string; children: ReactNode; id: string }) {
  return (
    <fieldset className="pref-group" id={id}>
      <legend>{title}</legend>
      {children}
    </fieldset>
  );
}

export function PreferencesView() {
  const api = useApi();
  const loaded = useCall(() => api.prefs.get(), 'prefs');
  const live = useLive();
  const [view, setView] = useState<PrefsView>();
  const [draft, setDraft] = useState<Draft>({});
  const [refused, setRefused] = useState<{ key?: PrefKey; message: string }>();
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<string>();
  const [checkAll, setCheckAll] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (loaded.status === 'ready') setView(loaded.value);
  }, [loaded.status, loaded.value]);
  // Changes from elsewhere (the CLI, another window) update what is saved; the user's own edits stay.
  useEffect(() => {
    if (live.prefs) setView(live.prefs);
  }, [live.prefs]);

  const saved = view?.values as Prefs | undefined;
  const errors = useMemo(() => (saved ? checkDraft(draft, saved, kinds) : {}), [draft, saved]);
  const dirty = Object.keys(draft).length > 0;

  if (!view || !saved) {
    return loaded.status === 'failed' ? (
      <Notice tone="error" title="Preferences are not available">
        {describeError(loaded.error, 'The preferences')}
      </Notice>
    ) : (
      <p className="muted pad">Loading preferences…</p>
    );
  }

  const rawFor = (key: PrefKey): Raw => draft[key] ?? rawOf(kinds[key], saved[key]);
  const change = (key: PrefKey, raw: Raw) => {
    setSavedAt(undefined);
    if (refused?.key === key) setRefused(undefined);
    setDraft((current) => {
      const next = { ...current, [key]: raw };
      // Back to the saved value: no longer a change (the password is write-only, so any text in it is one).
      if (key !== 'smtp.password' && JSON.stringify(valueOf(kinds[key], raw)) === JSON.stringify(valueOf(kinds[key], rawOf(kinds[key], saved[key])))) delete next[key];
      if (key === 'smtp.password' && raw === '') delete next[key];
      return next;
    });
  };
  const errorFor = (key: PrefKey) => (checkAll || key in draft ? errors[key] : undefined) ?? (refused?.key === key ? refused.message : undefined);
  const field = (key: PrefKey, extra: Partial<Spec> = {}) => {
    const spec = { ...specs[key]!, ...extra };
    return <PrefField key={key} prefKey={key} {...spec} raw={rawFor(key)} onChange={(raw) => change(key, raw)} error={errorFor(key)} />;
  };

  const save = async () => {
    setCheckAll(true);
    const invalid = Object.keys(errors)[0];
    if (invalid) {
      formRef.current?.querySelector<HTMLElement>(`[data-pref="${invalid}"]`)?.focus();
      return;
    }
    const values = Object.fromEntries((Object.entries(draft) as Array<[PrefKey, Raw]>).map(([key, raw]) => [key, valueOf(kinds[key], raw)]));
    setSaving(true);
    setRefused(undefined);
    const result = await api.prefs.set({ values });
    setSaving(false);
    if (result.ok) {
      setView(result.value);
      setDraft({});
      setCheckAll(false);
      setSavedAt(new Date().toLocaleTimeString());
    } else {
      const key = keyNamedIn(result.error.message);
      setRefused({ key: key && key in draft ? key : undefined, message: result.error.message });
    }
  };

  const local = String(rawFor('smtp.host')).trim().toLowerCase() === 'local' && saved['smtp.host'] === 'local';
  const passwordHint =
    view.passwordSet && !draft['smtp.password']
      ? `Set (${{ 'os-encrypted': 'kept encrypted by the system', environment: 'from an environment variable', file: 'read from a file', plain: 'kept in config.json', none: 'not stored' }[view.passwordStorage]}). Type a new one to replace it.`
      : 'Not set. It is never shown again once saved.';
  const routesError = errorFor('inbox.routes');

  return (
    <form
      ref={formRef}
      className="prefs"
      aria-label="Preferences"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <div className="prefs-scroll">
        {local && (
          <Notice tone="info" title="Mail goes to the built-in local mailbox">
            No mail server is set yet, so faxdesk delivers every message to a mailbox on this computer instead of sending it
            out. To deliver to real mailboxes, write your mail server's name under Server below (with its port, security and
            login), save, then use “Send test message”.
          </Notice>
        )}
        <Group title="Mail server (SMTP)" id="prefs-smtp">
          <div className="field-row">
            {field('smtp.host')}
            {field('smtp.port')}
            {field('smtp.security')}
          </div>
          <div className="field-row">
            {field('smtp.username')}
            {field('smtp.password', { hint: <span data-testid="password-state">{passwordHint}</span>, placeholder: view.passwordSet ? 'set' : '' })}
          </div>
          <div className="field-row">
            {field('mail.from')}
            {field('smtp.rejectUnauthorized')}
          </div>
          <ServerTools unsaved={dirty} defaultTo={saved['notifications.sentTo'] || saved['inbox.deliverTo'][0] || ''} />
        </Group>
        {local && (
          <Group title="Local mailbox" id="prefs-mailbox">
            <LocalMailbox />
          </Group>
        )}
        <Group title="Delivery" id="prefs-delivery">
          {field('delivery.treatDroppedQuitAsDelivered')}
          {field('delivery.holdUncertain')}
          <div className="field-row">
            {field('delivery.maxAttempts')}
            {field('delivery.retryMinSeconds')}
            {field('delivery.retryMaxSeconds')}
            {field('delivery.maxAgeHours')}
          </div>
          <div className="field-row">
            {field('delivery.connections')}
            {field('delivery.quitTimeoutSeconds')}
            {field('delivery.dataTimeoutSeconds')}
            {field('delivery.commandTimeoutSeconds')}
          </div>
        </Group>
        <Group title="Inbox" id="prefs-inbox">
          <div className="field-row">
            {field('spool.dir')}
            {field('inbox.maxFileMegabytes')}
          </div>
          {field('inbox.deliverTo')}
          <h3 className="sub">Routing rules</h3>
          <RoutesEditor
            rows={rawFor('inbox.routes') as RouteRow[]}
            onChange={(rows) => change('inbox.routes', rows)}
            error={routesError}
            errorRow={routesError ? routeIndexIn(routesError) : undefined}
          />
        </Group>
        <Group title="Notifications" id="prefs-notifications">
          {field('notifications.sentTo')}
        </Group>
        <p className="muted small">
          Saved in <code data-testid="config-path">{view.configPath}</code>. Changes take effect at once, without a restart.
        </p>
      </div>
      <div className="save-bar" role="region" aria-label="Save preferences">
        <span aria-live="polite" data-testid="prefs-status">
          {saving ? 'Saving…' : refused && !refused.key ? '' : dirty ? 'You have unsaved changes.' : savedAt ? `Saved at ${savedAt}.` : 'All changes saved.'}
        </span>
        {refused && !refused.key && (
          <span className="field-error" role="alert">
            {refused.message}
          </span>
        )}
        <span className="spacer" />
        <button type="button" disabled={!dirty || saving} onClick={() => (setDraft({}), setRefused(undefined), setCheckAll(false))}>
          Discard changes
        </button>
        <button type="submit" className="primary" disabled={!dirty || saving}>
          Save changes
        </button>
      </div>
    </form>
  );
}
