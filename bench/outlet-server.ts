// The outlet server for the customer-search bench, in a process of its own as a shop runs it
// (server/outlet-server.ts, the settings from the environment, like server/main.ts), on the
// database the bench seeded; the one bench-only addition is the Server-Timing header. Started by
// child_process.fork (tsx's loader comes with the parent's execArgv); says { url } once it
// listens; on 'watch' starts watching its own event-loop delay and GC pauses ({ watching }), on 'stop'
// answers { serverProcess } with what it saw, closes and exits.
import path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { loadServerConfig } from '../server/config.ts';
import { databasePath, openOutletDatabase } from '../server/db/client.ts';
import { outletSettingsOf, startOutletServer } from '../server/outlet-server.ts';
import { createLogger } from '../server/system/logger.ts';
import { round } from './stats.ts';

/**
 * Has the server send, on every answer, its own handling time (from the request's arrival to its
 * answer serialised) as a Server-Timing header, which the till reports beside the round trip.
 */
function sendServerTiming(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(3)}`);
    return payload;
  });
}

const GC_KINDS: Record<number, string> = { 1: 'scavenge', 2: 'mark-sweep-compact', 4: 'incremental marking', 8: 'weak callbacks', 16: 'other' };

/** What this process goes through while a till's requests are timed: event-loop delay and GC pauses. */
function watchServerProcess() {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  const pauses: { kind: string; ms: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push({ kind: GC_KINDS[(e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind ?? 0] ?? 'other', ms: e.duration });
  });
  observer.observe({ entryTypes: ['gc'] });
  delay.enable();
  return () => {
    delay.disable();
    observer.disconnect();
    const ms = (ns: number) => round(ns / 1e6);
    const byKind = Object.fromEntries(
      [...new Set(pauses.map((p) => p.kind))].map((kind) => {
        const of = pauses.filter((p) => p.kind === kind).map((p) => p.ms);
        return [kind, { count: of.length, totalMs: round(of.reduce((a, b) => a + b, 0)), maxMs: round(Math.max(...of)) }];
      }),
    );
    return { eventLoopDelayMs: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) }, gcPauses: byKind };
  };
}

const config = loadServerConfig();
const logger = await createLogger({ level: config.LOG_LEVEL, format: config.LOG_FORMAT ?? 'json', file: config.LOG_FILE });
const db = await openOutletDatabase(config.DATABASE_URL);
const { backupSettings, headOffice } = outletSettingsOf(config, path.resolve(databasePath(config.DATABASE_URL)));
const { app, devices } = await startOutletServer({ config, logger, db, backupSettings, headOffice, onRestoreStaged() {}, beforeListen: sendServerTiming });
let stopWatching: (() => ReturnType<ReturnType<typeof watchServerProcess>>) | null = null;
process.on('message', async (message: 'watch' | 'stop') => {
  if (message === 'watch') {
    stopWatching = watchServerProcess();
    process.send!({ watching: true });
  }
  if (message === 'stop') {
    const serverProcess = stopWatching?.() ?? null;
    await app.close();
    await devices.stop();
    await db.$disconnect();
    process.send!({ serverProcess }, () => process.exit(0));
  }
});
process.send!({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}` });
