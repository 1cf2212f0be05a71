// The built-in mailbox: a message sent by the delivery agent lands as an .eml file with the same Message-ID.
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../../../main/core/clock';
import { silentLogger } from '../../../main/core/logger';
import { DeliveryAgent } from '../../../main/core/smtp/deliveryAgent';
import { LocalMailbox } from '../../../main/core/smtp/localMailbox';
import { smtpSettingsFromPrefs } from '../../../main/core/smtp/settings';
import { prefDefaults } from '../../../shared/prefs';
import { recordingHooks, testSettings, writeEml } from '../../support/eml';
import { FaultProxy } from '../../support/faultProxy';
import { messageIdOf } from '../../support/smtpSink';

let dir: string;
let mailbox: LocalMailbox | undefined;
let proxy: FaultProxy | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'faxdesk-mailbox-'));
});

afterEach(async () => {
  await proxy?.close();
  await mailbox?.stop();
  proxy = undefined;
  mailbox = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('LocalMailbox', () => {
  it('stores a message sent through the agent as an .eml with the same Message-ID, and replies with its queue id', async () => {
    mailbox = new LocalMailbox({ dir: join(dir, 'mailbox'), logger: silentLogger });
    const { port } = await mailbox.start();
    const emlPath = await writeEml(dir, { messageId: '<local-1@faxdesk.test>' });
    // smtp.host = 'local' (the default) maps to this mailbox.
    const settings = smtpSettingsFromPrefs(prefDefaults, undefined, { port });
    const [result] = await new DeliveryAgent({ clock: systemClock, logger: silentLogger }).deliver(
      settings,
      [{ id: 'm1', from: 'fax@example.com', to: ['anna@example.com'], emlPath }],
      recordingHooks(),
      { reuseSession: false },
    );
    expect(result!.outcome).toBe('delivered');
    const entries = await mailbox.list();
    expect(entries).toHaveLength(1);
    const stored = await readFile(entries[0]!.file);
    expect(messageIdOf(stored)).toBe('<local-1@faxdesk.test>');
    expect(stored.equals(await readFile(emlPath))).toBe(true);
    expect(entries[0]!.size).toBe(stored.length);
    const queueId = /queued as ([0-9A-F]+)/.exec(result!.commit!.reply)![1]!;
    expect(entries[0]!.file).toContain(queueId);
  });

  it('keeps nothing of a message whose connection dropped before the final dot', async () => {
    mailbox = new LocalMailbox({ dir: join(dir, 'mailbox'), logger: silentLogger });
    const { port } = await mailbox.start();
    proxy = new FaultProxy({ host: '127.0.0.1', port }, { at: 'mid-data', action: { kind: 'drop' } });
    const proxied = await proxy.start();
    const emlPath = await writeEml(dir, { messageId: '<local-2@faxdesk.test>', bodyBytes: 16_000_000 });
    const [result] = await new DeliveryAgent({ clock: systemClock, logger: silentLogger }).deliver(
      testSettings(proxied.port),
      [{ id: 'm2', from: 'fax@example.com', to: ['anna@example.com'], emlPath }],
      recordingHooks(),
      { reuseSession: false },
    );
    expect(result!.outcome).toBe('temporary');
    expect(await mailbox.list()).toEqual([]);
    // smtp-server tears the data stream down a moment after the drop; the temp file goes with it.
    await vi.waitFor(async () => expect(await readdir(join(dir, 'mailbox'))).toEqual([]), { timeout: 2000 });
  });
});
