// Shared by the browser tests: the built site (dist/, from `trunk build --release`)
// served by a plain static file server on 127.0.0.1, driven in headless Debian
// Chromium with playwright-core.
//
//   import { site } from './helpers.mjs';
//   const { open } = site();            // registers before/after hooks
//   test('...', async () => { const { page, errors } = await open(); ... });
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(root, 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

// A static server (serve.py: like GitHub Pages, it sends Access-Control-Allow-Origin: *)
// on a free port, serving the repository root so that the site is loaded from
// /dist/: a sub-path, as on most static hosts. Also used by scripts/bench-page.
export function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', ['-u', path.join(root, 'tests/browser/serve.py'), root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`static server did not start: ${out}`)), 10000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: `http://127.0.0.1:${m[1]}/dist/`, origin: `http://127.0.0.1:${m[1]}` });
      }
    });
    proc.stderr.on('data', () => {}); // the access log
    proc.on('exit', (code) => reject(new Error(`static server exited (${code}): ${out}`)));
  });
}

/**
 * Registers the hooks that start the server and the browser, and returns
 * helpers bound to them. `open(query)` opens the site (with an optional
 * `?query` or `#fragment` suffix) in a fresh browser context and records
 * every console error, page error and failed request.
 */
export function site() {
  const ctx = { server: null, baseUrl: null, origin: null, browser: null };
  before(async () => {
    assert.ok(existsSync(path.join(dist, 'index.html')), 'dist/index.html is missing: run `trunk build --release` first');
    const started = await startServer();
    ctx.server = started.proc;
    ctx.baseUrl = started.url;
    ctx.origin = started.origin;
    ctx.browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
  });
  after(async () => {
    await ctx.browser?.close();
    ctx.server?.kill();
  });

  async function open(suffix = '', { context: existing, initScript } = {}) {
    const context = existing || (await ctx.browser.newContext());
    if (initScript) await context.addInitScript(initScript);
    const page = await context.newPage();
    const errors = [];
    const dialogs = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
    });
    // No page of ours opens a dialog: one would mean injected markup ran.
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
    page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
    await page.goto(ctx.baseUrl + suffix);
    await page.locator('[data-testid=node]').first().waitFor();
    return { page, errors, context, dialogs };
  }

  return { open, ctx };
}

/** The names of the nodes whose card shows a pod, in page order. */
export async function nodesWithPods(page) {
  return page.$$eval('[data-testid=node]', (cards) =>
    cards.filter((c) => c.querySelector('[data-testid=pod]')).map((c) => c.dataset.nodeName),
  );
}

export async function podNames(page) {
  return page.$$eval('[data-testid=pod]', (pods) => pods.map((p) => p.dataset.podName || p.textContent));
}

/** Replaces the editor's text and applies it at once (Ctrl+Enter). */
export async function applyYaml(page, text) {
  const editor = page.locator('[data-testid=yaml-editor]');
  await editor.fill(text);
  await editor.press('Control+Enter');
}

/** Pastes a node list (set at once: typing megabytes key by key is no test) and applies it. */
export async function pasteNodes(page, yaml) {
  if ((await page.locator('[data-testid=paste-text]').count()) === 0) {
    await page.locator('[data-testid=paste-nodes]').click();
  }
  await page.locator('[data-testid=paste-text]').evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, yaml);
  await page.locator('[data-testid=paste-apply]').click();
}

/** A Node as `kubectl get nodes -o yaml` lists it: Ready, 4 CPUs, 8Gi, 110 pods. */
export function nodeYaml(name, labels, taints = []) {
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}\n`)
    .join('');
  const taintLines = taints.length
    ? `    taints:\n${taints.map((t) => `    - key: ${t.key}\n      effect: ${t.effect}\n`).join('')}`
    : '';
  return (
    `- apiVersion: v1\n  kind: Node\n  metadata:\n    name: ${name}\n    labels:\n` +
    `      kubernetes.io/hostname: ${name}\n${labelLines}` +
    `  spec:\n${taintLines || '    {}\n'}` +
    `  status:\n    allocatable:\n      cpu: "4"\n      memory: 8Gi\n      pods: "110"\n` +
    `    conditions:\n    - type: Ready\n      status: "True"\n`
  );
}

/** A `kind: List` of the nodes' YAML. */
export function nodeList(items) {
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
}
