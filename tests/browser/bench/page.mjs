// The page benchmark behind scripts/bench-page: the built site (dist/) in
// headless Chromium, timed with the page's own performance marks (web/src/perf.rs).
//
//   1. first render: navigation start to the `dsplay:first-render` mark, and
//      the browser's first contentful paint, over fresh loads;
//   2. edit → repaint with 100, 1,000 and 5,000 nodes: a DaemonSet edit
//      applied with Ctrl+Enter (the editor's pause in typing is not timed),
//      from the `dsplay:edit` mark to the `dsplay:rendered` mark (the
//      reducer's re-read and re-plan, then Yew's render), and from the input
//      event to the end of the frame that paints the result;
//   3. a 250-pod creation burst: frame times (requestAnimationFrame) while the
//      flow player plays the creation of a DaemonSet on 250 nodes.
//
// Targets (issue 7): first render 300 ms, edit → repaint 8 ms at 5,000 nodes,
// 60 fps. Figures, not assertions: this is not a test.
//
//   node tests/browser/bench/page.mjs [--loads N] [--edits N] [--sizes 100,1000,5000]
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ARGS, dist, startServer, pasteNodes, nodeYaml, nodeList } from '../helpers.mjs';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 && process.argv[at + 1] ? process.argv[at + 1] : fallback;
}
const LOADS = Number(option('loads', 10));
const EDITS = Number(option('edits', 20));
const SIZES = option('sizes', '100,1000,5000').split(',').map(Number);
const BURST = Number(option('burst', 250));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
};
const ms = (x) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'n/a');
const rows = [];
const row = (what, n, value, target, extra = '') => {
  rows.push({ what, n, value, target, extra });
  console.error(`  ${what}: ${value} (n=${n}) ${extra}`);
};

/** `count` nodes: every other one labelled type=monitoring (the default DaemonSet's nodeSelector). */
function nodes(count, everyone = false) {
  const items = [];
  for (let i = 1; i <= count; i++) {
    const name = `n${String(i).padStart(5, '0')}`;
    items.push(nodeYaml(name, { type: everyone || i % 2 ? 'monitoring' : 'logging', zone: `zone-${i % 3}` }));
  }
  return nodeList(items);
}

async function openPage(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(url);
  await page.locator('[data-testid=node]').first().waitFor();
  return { context, page, errors };
}

async function loadNodes(page, count, everyone = false) {
  await pasteNodes(page, nodes(count, everyone));
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=summary-nodes]')?.textContent === `${n} node(s)`,
    count,
    { timeout: 120000 },
  );
  // Let the autosave (after a 500 ms pause) and any late render go by.
  await page.waitForTimeout(1500);
}

// ---- 1. first render ------------------------------------------------------------
async function firstRender(browser, url) {
  console.error(`first render: ${LOADS} fresh loads (+1 not counted)`);
  const marks = [];
  const fcps = [];
  const frames = [];
  for (let i = 0; i <= LOADS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    // The frame after the first render: when it is painted.
    await page.addInitScript(() => {
      new PerformanceObserver((list, observer) => {
        if (list.getEntriesByName('dsplay:first-render').length) {
          observer.disconnect();
          requestAnimationFrame(() => {
            const channel = new MessageChannel();
            channel.port1.onmessage = () => (window.__dsplayPainted = performance.now());
            channel.port2.postMessage(0);
          });
        }
      }).observe({ type: 'mark' });
    });
    await page.goto(url);
    await page.waitForFunction(
      () => window.__dsplayPainted !== undefined && performance.getEntriesByName('first-contentful-paint').length > 0,
      null,
      { timeout: 30000 },
    );
    const got = await page.evaluate(() => ({
      mark: performance.getEntriesByName('dsplay:first-render')[0]?.startTime,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      painted: window.__dsplayPainted,
    }));
    if (i > 0) {
      marks.push(got.mark);
      fcps.push(got.fcp);
      frames.push(got.painted);
    }
    await context.close();
  }
  row('first render: navigation → dsplay:first-render mark', marks.length, ms(median(marks)), '300 ms', `min ${ms(Math.min(...marks))}, max ${ms(Math.max(...marks))}`);
  row('first render: navigation → first contentful paint', fcps.length, ms(median(fcps)), '300 ms', `min ${ms(Math.min(...fcps))}, max ${ms(Math.max(...fcps))}`);
  row('first render: navigation → its frame painted', frames.length, ms(median(frames)), '', '');
}

// ---- 2. edit → repaint -------------------------------------------------------------

/**
 * In the page: puts `text` in the editor as typing does (an input event). With
 * `now`, applies it with Ctrl+Enter and resolves once the frame showing the
 * result is painted; without, waits for the editor's pause in typing.
 */
function editInPage({ text, now }) {
  return new Promise((resolve) => {
    const area = document.querySelector('[data-testid=yaml-editor]');
    performance.clearMarks();
    const t0 = performance.now();
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText' }));
    if (!now) {
      const poll = () => {
        const edit = performance.getEntriesByName('dsplay:edit')[0];
        const rendered = edit && performance.getEntriesByName('dsplay:rendered').find((m) => m.startTime >= edit.startTime);
        if (!rendered) return setTimeout(poll, 5);
        resolve({ waited: edit.startTime - t0, work: rendered.startTime - edit.startTime, total: rendered.startTime - t0 });
      };
      return setTimeout(poll, 5);
    }
    area.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true, bubbles: true, cancelable: true }));
    const dispatched = performance.now();
    // The first frame that starts after the render is the one that paints it;
    // a task posted from its requestAnimationFrame runs once it is painted.
    const frame = () => {
      const rendered = performance.getEntriesByName('dsplay:rendered').find((m) => m.startTime >= t0);
      if (!rendered) return requestAnimationFrame(frame);
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const edit = performance.getEntriesByName('dsplay:edit')[0];
        const measure = performance.measure('dsplay:edit→rendered', 'dsplay:edit', 'dsplay:rendered');
        resolve({
          work: measure.duration,
          reduce: dispatched - edit.startTime,
          render: rendered.startTime - dispatched,
          painted: performance.now() - t0,
        });
      };
      channel.port2.postMessage(0);
    };
    requestAnimationFrame(frame);
  });
}

async function editRepaint(browser, url) {
  for (const size of SIZES) {
    console.error(`edit → repaint: ${size} nodes, ${EDITS} edits of each kind`);
    const { context, page, errors } = await openPage(browser, url);
    await loadNodes(page, size);
    const original = await page.locator('[data-testid=yaml-editor]').inputValue();
    const kinds = {
      // A new image: a new template revision, every pod to be replaced.
      image: (i) => original.replace('node-exporter:v1.8.2', `node-exporter:v1.8.${i % 2 ? 3 : 2}`),
      // Another nodeSelector: the other half of the nodes gets the pods.
      nodeSelector: (i) => original.replace('type: monitoring', `type: ${i % 2 ? 'logging' : 'monitoring'}`),
    };
    for (const [kind, edit] of Object.entries(kinds)) {
      const samples = [];
      for (let i = 1; i <= EDITS + 1; i++) {
        const got = await page.evaluate(editInPage, { text: edit(i), now: true });
        if (i > 1) samples.push(got); // the first edit warms up
        // Past the autosave, which follows 500 ms after an edit.
        await page.waitForTimeout(650);
      }
      const pick = (k) => samples.map((s) => s[k]);
      row(
        `edit → repaint, ${size} nodes, ${kind}: dsplay:edit → dsplay:rendered`,
        samples.length,
        ms(median(pick('work'))),
        size === 5000 ? '8 ms' : '',
        `p90 ${ms(quantile(pick('work'), 0.9))}; reducer ${ms(median(pick('reduce')))} + render ${ms(median(pick('render')))}`,
      );
      row(
        `edit → repaint, ${size} nodes, ${kind}: input event → frame painted`,
        samples.length,
        ms(median(pick('painted'))),
        '',
        `p90 ${ms(quantile(pick('painted'), 0.9))}`,
      );
    }
    // The ordinary way: typing, then the editor's pause (APPLY_DELAY). The
    // longest task in the second after it (the apply, then the autosave 500 ms
    // later) is how long a keystroke could have waited.
    await page.evaluate(() => {
      window.__longest = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) window.__longest = Math.max(window.__longest, entry.duration);
      }).observe({ type: 'longtask' });
    });
    const typed = [];
    const longest = [];
    for (let i = 1; i <= 5; i++) {
      await page.evaluate(() => { window.__longest = 0; });
      typed.push(await page.evaluate(editInPage, { text: kinds.image(i), now: false }));
      await page.waitForTimeout(1200);
      longest.push(await page.evaluate(() => window.__longest));
    }
    row(
      `edit → repaint, ${size} nodes, typed: longest task in the second after it (apply + autosave)`,
      longest.length,
      ms(median(longest)),
      '100 ms',
      `max ${ms(Math.max(...longest))}; 0 means no task over 50 ms`,
    );
    row(
      `edit → repaint, ${size} nodes, typed (debounced): input → dsplay:rendered`,
      typed.length,
      ms(median(typed.map((t) => t.total))),
      '',
      `of which the pause ${ms(median(typed.map((t) => t.waited)))} and the work ${ms(median(typed.map((t) => t.work)))}`,
    );
    if (errors.length) console.error(`  page errors: ${errors.join(' | ')}`);
    await context.close();
  }
}

// ---- 3. the creation burst -------------------------------------------------------------

/** In the page: every frame's time while the player plays, until it stops or `limit` ms. */
function framesWhilePlaying(limit) {
  return new Promise((resolve) => {
    const play = document.querySelector('[data-testid=flow-play]');
    const stamps = [];
    const t0 = performance.now();
    const frame = (ts) => {
      stamps.push(ts);
      const playing = document.querySelector('[data-testid=flow-play]')?.getAttribute('aria-pressed') === 'true';
      if ((!playing && stamps.length > 2) || ts - t0 > limit) {
        const deltas = stamps.slice(1).map((t, i) => t - stamps[i]);
        resolve({ deltas, elapsed: stamps.at(-1) - stamps[0], position: document.querySelector('[data-testid=flow-position]')?.textContent });
        return;
      }
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
    if (!play) resolve({ deltas: [], elapsed: 0, position: 'no player' });
  });
}

async function burst(browser, url) {
  console.error(`creation burst: ${BURST} nodes, every one eligible`);
  const { context, page, errors } = await openPage(browser, url);
  await loadNodes(page, BURST, true);
  for (const [label, speed] of [
    ['1×', '2'],
    ['4×', '8'],
  ]) {
    await page.locator('[data-testid=flow-speed]').selectOption(speed);
    await page.locator('[data-testid=flow-play-creation]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=flow-play]')?.getAttribute('aria-pressed') === 'true');
    const got = await page.evaluate(framesWhilePlaying, 30000);
    const d = got.deltas;
    const fps = (d.length / got.elapsed) * 1000;
    row(
      `creation burst, ${BURST} pods, speed ${label}: frame time`,
      d.length,
      ms(median(d)),
      '16.7 ms (60 fps)',
      `${fps.toFixed(1)} fps over ${(got.elapsed / 1000).toFixed(1)} s; p95 ${ms(quantile(d, 0.95))}, max ${ms(Math.max(...d))}, ${d.filter((x) => x > 20).length} frames > 20 ms; ended at "${got.position}"`,
    );
  }
  if (errors.length) console.error(`  page errors: ${errors.join(' | ')}`);
  await context.close();
}

async function main() {
  if (!existsSync(path.join(dist, 'index.html'))) throw new Error('dist/index.html is missing: run `trunk build --release` first');
  const server = await startServer();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  try {
    const which = option('only', 'first,edit,burst').split(',');
    if (which.includes('first')) await firstRender(browser, server.url);
    if (which.includes('edit')) await editRepaint(browser, server.url);
    if (which.includes('burst')) await burst(browser, server.url);
  } finally {
    await browser.close();
    server.proc.kill();
  }
  const width = Math.max(...rows.map((r) => r.what.length));
  console.log(`${'measure'.padEnd(width)}  ${'median'.padStart(9)}  ${'n'.padStart(4)}  ${'target'.padEnd(16)}  notes`);
  for (const r of rows) {
    console.log(`${r.what.padEnd(width)}  ${r.value.padStart(9)}  ${String(r.n).padStart(4)}  ${r.target.padEnd(16)}  ${r.extra}`);
  }
}

await main();
