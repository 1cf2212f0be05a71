// The crash test: `faxdesk run --until-idle` in a child process, killed with SIGKILL at random moments at least 200
// times over a growing batch of messages and restarted each time. At the end every message is delivered, and the only
// messages the SMTP server accepted more than once are ones marked possibleDuplicate.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../main/core/services';
import { repoRoot } from '../support/cli';
import { SmtpSink } from '../support/smtpSink';
import { tempDir } from '../support/transports';

const kills = Number(process.env.FAXDESK_CRASH_KILLS ?? 200);
// The child is the real CLI, bundled once with esbuild and run by plain node: `node --import tsx` spends ~0.7 s per
// start compiling, which would make 200 restarts take minutes. The code is the same; only the loading differs.
const bundle = path.join(repoRoot, 'out', 'test', `faxdesk-cli-${process.pid}.mjs`);

let sink: SmtpSink;

beforeAll(async () => {
  await build({
    entryPoints: [path.join(repoRoot, 'main', 'cli', 'index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outfile: bundle,
    logLevel: 'error',
  });
  // A short pause before the 250 widens the window between the final dot and its reply, where kills are most telling.
  sink = new SmtpSink({ dataReplyDelayMs: 15 });
});

afterAll(async () => {
  await sink?.close();
  fs.rmSync(bundle, { force: true });
});

function runChild(dir: string, killAfterMs: number | null): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bundle, 'run', '--until-idle', '--data', dir], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let killed = false;
    const timer = killAfterMs === null ? undefined : setTimeout(() => (killed = child.kill('SIGKILL')), killAfterMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ killed: killed && code === null, code, stderr });
    });
  });
}

async function enqueue(engine: Engine, n: number, attachment: string): Promise<void> {
  for (let i = 0; i < n; i++) {
    await engine.outbox.enqueue({ kind: 'received-fax', to: ['anna@example.com', 'ben@example.com'], subject: `Crash test fax ${i}`, text: 'A fax.', attachments: [{ path: attachment }] });
  }
}

describe('crash safety', () => {
  it(`keeps every message and flags every duplicate over ${kills} SIGKILLs`, { timeout: 300_000 }, async () => {
    const { port } = await sink.start();
    const dir = tempDir('faxdesk-crash-');
    fs.writeFileSync(
      path.join(dir, 'config.json'),
      JSON.stringify({
        smtp: { host: '127.0.0.1', port },
        mail: { from: 'fax@example.com' },
        delivery: {
          retryMinSeconds: 1,
          retryMaxSeconds: 1,
          maxAttempts: 100,
          connections: 2,
          quitTimeoutSeconds: 2,
          commandTimeoutSeconds: 5,
          dataTimeoutSeconds: 5,
        },
      }),
    );
    const attachment = path.join(dir, 'fax.pdf');
    fs.writeFileSync(attachment, Buffer.alloc(4096, 0x25));
    const client = await createEngine({ dataDir: dir, role: 'client' });
    await enqueue(client, 40, attachment);

    let killed = 0;
    let runs = 0;
    const started = Date.now();
    while (killed < kills && runs < kills * 2) {
      runs++;
      // The child needs ~0.35 s to start; kills fall anywhere from start-up to well into delivery.
      const result = await runChild(dir, 150 + Math.random() * 550);
      if (result.killed) killed++;
      else expect(result.code, result.stderr).toBe(0);
      // Keep work coming so later kills still land in the middle of deliveries: a child that finished before its kill
      // found the queue empty, so it gets more than the steady trickle.
      if (!result.killed) await enqueue(client, 6, attachment);
      else if (runs % 4 === 0) await enqueue(client, 2, attachment);
    }
    expect(killed).toBeGreaterThanOrEqual(kills);

    const final = await runChild(dir, null);
    expect(final.code, final.stderr).toBe(0);

    const messages = [...client.messages.all()];
    const states = new Map<string, number>();
    for (const message of messages) states.set(message.state, (states.get(message.state) ?? 0) + 1);
    expect(Object.fromEntries(states)).toEqual({ delivered: messages.length });
    const duplicates = messages.filter((m) => sink.copiesOf(m.messageId) > 1);
    for (const message of messages) {
      expect(sink.copiesOf(message.messageId), message.id).toBeGreaterThanOrEqual(1);
      if (sink.copiesOf(message.messageId) > 1) expect(message.possibleDuplicate, `${message.id} arrived twice`).toBe(true);
      expect(message.recipients.every((r) => r.state === 'accepted')).toBe(true);
    }
    await client.stop();
    console.log(
      `crash test: ${killed} kills in ${runs} runs, ${messages.length} messages, ${duplicates.length} accepted twice (all flagged), ` +
        `${messages.filter((m) => m.possibleDuplicate).length} flagged, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  });
});
