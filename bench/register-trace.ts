// Where a scan's time goes in the register: a Chromium performance trace of a few dozen scans (CDP
// Tracing), cut into one window per scan (the trusted Enter keydown to the frame painted after the
// cart changed) and summed per kind of work on the page's main thread (script, style, layout, paint
// and compositing, idle: waiting for the server or the next frame). Plus, per scan, when the
// request left, when its answer came and when the cart changed. Load on the machine stretches the
// figures less than the end-to-end ones of bench/register.ts.
//   npx tsx bench/register-trace.ts [products=1000] [scans=40] [trace.json]
import fs from 'node:fs';
import path from 'node:path';
import { launchChromium } from '../test/support/browser.ts';
import { openBenchRegister, tapNameAndPin, tapSignIn, type BenchRegister } from './register-setup.ts';
import { median, percentile, round } from './stats.ts';

const products = Number(process.argv[2] ?? 1000);
const scans = Number(process.argv[3] ?? 40);
const traceFile = process.argv[4];
/** TRACE_UI_DIR: another build of the UI, e.g. an unminified one (vite build --minify false) for readable names. */
const UI_DIR = process.env.TRACE_UI_DIR ?? path.resolve(import.meta.dirname, '../dist/ui');

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** The sampled profile's self time per function (name, file and line) within the windows, longest first, in µs. */
function selfTimes(profile: CpuProfile, windows: [number, number][]): [string, number][] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    if (!windows.some(([from, to]) => at >= from && at <= to)) return;
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    if (functionName === '(idle)' || functionName === '(program)') return;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}

const KINDS: Record<string, string> = {
  FunctionCall: 'script',
  EvaluateScript: 'script',
  EventDispatch: 'script',
  TimerFire: 'script',
  FireAnimationFrame: 'script',
  RunMicrotasks: 'script',
  'v8.run': 'script',
  'V8.Execute': 'script',
  'v8.callFunction': 'script',
  XHRReadyStateChange: 'script',
  MajorGC: 'gc',
  MinorGC: 'gc',
  'V8.GCScavenger': 'gc',
  'BlinkGC.AtomicPhase': 'gc',
  UpdateLayoutTree: 'style',
  RecalculateStyles: 'style',
  ParseAuthorStyleSheet: 'style',
  Layout: 'layout',
  'LocalFrameView::layout': 'layout',
  'IntersectionObserverController::computeIntersections': 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  PaintImage: 'paint',
  UpdateLayer: 'paint',
  UpdateLayerTree: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
  CompositeLayers: 'paint',
  'ScrollingCoordinator::UpdateAfterPaint': 'paint',
  HitTest: 'layout',
};

const browser = await launchChromium();
let register: BenchRegister | undefined;
try {
  register = await openBenchRegister(browser, { products, barcodes: scans + 5, uiDir: UI_DIR });
  const { context, page, barcodes } = register;
  await tapNameAndPin(page);
  await tapSignIn(page);
  const scanField = () => page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'scan-field');

  /** One scan: marks scan-start (Enter), cart-changed (the mutation) and scan-end (after the next paint). */
  async function scan(code: string, n: number) {
    await scanField();
    await page.evaluate((n) => {
      const cart = () => document.querySelector('[data-testid="cart"]')?.textContent ?? '';
      const before = cart();
      (window as unknown as { measured: Promise<void> }).measured = new Promise<void>((resolve) => {
        const started = (e: KeyboardEvent) => {
          if (!e.isTrusted || e.key !== 'Enter') return;
          removeEventListener('keydown', started, true);
          performance.mark(`scan-start-${n}`);
          const afterPaint = new MessageChannel();
          afterPaint.port1.onmessage = () => {
            performance.mark(`scan-end-${n}`);
            resolve();
          };
          const observer = new MutationObserver(() => {
            if (cart() === before) return;
            observer.disconnect();
            performance.mark(`cart-changed-${n}`);
            requestAnimationFrame(() => afterPaint.port2.postMessage(null));
          });
          observer.observe(document.body, { subtree: true, childList: true, characterData: true });
        };
        addEventListener('keydown', started, true);
      });
    }, n);
    await page.keyboard.type(code, { delay: 4 });
    await page.keyboard.press('Enter');
    await page.evaluate(() => (window as unknown as { measured: Promise<void> }).measured);
  }

  // Warm up (code paths compiled, fonts loaded), then trace.
  for (const [i, code] of barcodes.slice(0, 5).entries()) await scan(code, -1 - i);
  const cdp = await context.newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (data) => events.push(...(data.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', 'v8', 'loading', 'toplevel'], recordMode: 'recordContinuously' },
    transferMode: 'ReportEvents',
  });
  for (const [i, code] of barcodes.slice(5).entries()) await scan(code, i);
  await cdp.send('Tracing.end');
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await complete;
  if (traceFile) fs.writeFileSync(traceFile, JSON.stringify({ traceEvents: events }));
  if (traceFile) fs.writeFileSync(traceFile.replace(/(\.json)?$/, '.cpuprofile'), JSON.stringify(profile));

  // The page's main thread.
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && events.some((m) => m.pid === e.pid && m.name.startsWith('scan-start-')));
  if (!main) throw new Error('No renderer main thread with scan marks in the trace');
  const onMain = events.filter((e) => e.pid === main.pid && e.tid === main.tid && e.ph === 'X' && e.dur !== undefined).sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
  const mark = (name: string) => events.find((e) => e.pid === main.pid && e.name === name)?.ts;
  const requests = events.filter((e) => e.name === 'ResourceSendRequest' && String(e.args?.data?.url ?? '').includes('/api/scan/'));
  const responses = events.filter((e) => e.name === 'ResourceFinish' || e.name === 'ResourceReceiveResponse');

  /** Self time per kind within [from, to]: a parent's time less its children's, clipped to the window. */
  function breakdown(from: number, to: number) {
    const self: Record<string, number> = {};
    const names: Record<string, number> = {};
    const stack: { end: number; kind: string; name: string; childTime: number; dur: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length && stack[stack.length - 1].end <= upTo) {
        const done = stack.pop()!;
        const own = done.dur - done.childTime;
        self[done.kind] = (self[done.kind] ?? 0) + own;
        names[done.name] = (names[done.name] ?? 0) + own;
      }
    };
    for (const e of onMain) {
      const start = Math.max(e.ts, from);
      const end = Math.min(e.ts + e.dur!, to);
      if (end <= start) continue;
      close(start);
      const parent = stack[stack.length - 1];
      const kind = KINDS[e.name] ?? parent?.kind ?? 'other';
      if (parent) parent.childTime += end - start;
      stack.push({ end, kind, name: e.name, childTime: 0, dur: end - start });
    }
    close(Infinity);
    const busy = Object.values(self).reduce((a, b) => a + b, 0);
    return { self, names, idle: to - from - busy };
  }

  const rows: Record<string, number>[] = [];
  const windows: [number, number][] = [];
  const totals: Record<string, number> = {};
  for (let i = 0; i < scans; i++) {
    const start = mark(`scan-start-${i}`);
    const changed = mark(`cart-changed-${i}`);
    const end = mark(`scan-end-${i}`);
    if (start === undefined || changed === undefined || end === undefined) continue;
    // The scan field's own capture listener runs before the mark's: the request may leave just before it.
    const sent = requests.find((r) => r.ts >= start - 10_000 && r.ts <= end);
    const answered = sent && responses.find((r) => r.ts >= sent.ts && r.ts <= end && r.args?.data?.requestId === sent.args?.data?.requestId && r.name === 'ResourceFinish');
    windows.push([start - 10_000, end]);
    const { self, names, idle } = breakdown(start, end);
    for (const [name, us] of Object.entries(names)) totals[name] = (totals[name] ?? 0) + us;
    const ms = (us: number | undefined) => round((us ?? 0) / 1000, 2);
    rows.push({
      totalMs: ms(end - start),
      enterToRequestMs: ms(sent ? sent.ts - start : NaN),
      requestMs: ms(sent && answered ? answered.ts - sent.ts : NaN),
      answerToCartMs: ms(answered ? changed - answered.ts : NaN),
      cartToPaintedMs: ms(end - changed),
      scriptMs: ms(self.script),
      gcMs: ms(self.gc),
      styleMs: ms(self.style),
      layoutMs: ms(self.layout),
      paintMs: ms(self.paint),
      otherMs: ms(self.other),
      idleMs: ms(idle),
    });
  }
  const columns = Object.keys(rows[0] ?? {});
  const stat = (f: (xs: number[]) => number) => Object.fromEntries(columns.map((c) => [c, round(f(rows.map((r) => r[c]).filter((x) => !Number.isNaN(x))), 2)]));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(JSON.stringify({ products, scans: rows.length, mean: stat(mean), p50: stat(median), p99: stat((xs) => percentile(xs, 99)) }, null, 2));
  const top = Object.entries(totals).sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log('main-thread self time by event, ms per scan:', Object.fromEntries(top.map(([n, us]) => [n, round(us / 1000 / rows.length, 2)])));
  console.log('script self time by function from Enter to painted, ms per scan:', Object.fromEntries(selfTimes(profile, windows).slice(0, 30).map(([n, us]) => [n, round(us / 1000 / rows.length, 2)])));
} finally {
  await register?.close();
  await browser.close();
}
