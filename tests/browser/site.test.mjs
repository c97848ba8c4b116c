// The built site (dist/, from `trunk build --release`) served by a plain static
// file server on 127.0.0.1 and driven in headless Debian Chromium.
// Run: node --test tests/browser/   (scripts/test builds dist/ first)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { chromium } from 'playwright-core';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.join(root, 'dist');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

let server;
let baseUrl;
let browser;

// `python3 -m http.server` on a free port, serving the repository root so that
// the site is loaded from /dist/: a sub-path, as on most static hosts.
function startServer() {
  return new Promise((resolve, reject) => {
    const proc = spawn('python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', '0', '-d', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`static server did not start: ${out}`)), 10000);
    proc.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, url: `http://127.0.0.1:${m[1]}/dist/` });
      }
    });
    proc.stderr.on('data', () => {}); // the access log
    proc.on('exit', (code) => reject(new Error(`static server exited (${code}): ${out}`)));
  });
}

before(async () => {
  assert.ok(existsSync(path.join(dist, 'index.html')), 'dist/index.html is missing: run `trunk build --release` first');
  ({ proc: server, url: baseUrl } = await startServer());
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** Opens the site in a new page and records every console error and page error. */
async function open() {
  const page = await browser.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => errors.push(`request failed: ${req.url()} ${req.failure()?.errorText}`));
  await page.goto(baseUrl);
  await page.locator('[data-testid=node]').first().waitFor();
  return { page, errors };
}

/** The names of the nodes whose card shows a pod, in page order. */
async function nodesWithPods(page) {
  return page.$$eval('[data-testid=node]', (cards) =>
    cards.filter((c) => c.querySelector('[data-testid=pod]')).map((c) => c.dataset.nodeName),
  );
}

async function podNames(page) {
  return page.$$eval('[data-testid=pod]', (pods) => pods.map((p) => p.textContent));
}

test('typing into the YAML editor moves the pods', async () => {
  const { page, errors } = await open();
  assert.deepEqual(await nodesWithPods(page), ['node-1', 'node-2']);
  const before = await podNames(page);
  assert.equal(before.length, 2);
  assert.match(await page.locator('[data-testid=ds-status]').textContent(), /NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\n\S+\s+2\s/);

  // Select the `ssd` of `disktype: ssd` and type `hdd` over it, key by key.
  const editor = page.locator('[data-testid=yaml-editor]');
  await editor.click();
  await editor.evaluate((el) => {
    const at = el.value.indexOf('disktype: ssd') + 'disktype: '.length;
    el.setSelectionRange(at, at + 'ssd'.length);
  });
  await page.keyboard.type('hdd', { delay: 20 });
  assert.match(await editor.inputValue(), /disktype: hdd/);

  await page.waitForFunction(() => document.querySelectorAll('[data-testid=pod]').length === 1);
  assert.deepEqual(await nodesWithPods(page), ['node-3']);
  assert.notDeepEqual(await podNames(page), before);
  assert.match(await page.locator('[data-testid=ds-status]').textContent(), /\n\S+\s+1\s/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a broken text keeps the pods and shows where it broke', async () => {
  const { page, errors } = await open();
  const editor = page.locator('[data-testid=yaml-editor]');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\n  bad: [');
  await page.locator('[data-testid=diagnostics]').waitFor();
  assert.match(await page.locator('[data-testid=diagnostics]').textContent(), /daemonset\.yaml:\d+/);
  assert.deepEqual(await nodesWithPods(page), ['node-1', 'node-2']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the add-node button adds a node that gets a pod', async () => {
  const { page, errors } = await open();
  await page.locator('[data-testid=add-node]').click();
  await page.locator('[data-testid=node][data-node-name=node-4]').waitFor();
  assert.equal(await page.locator('[data-testid=node]').count(), 4);
  assert.equal(await page.locator('[data-node-name=node-4] [data-testid=pod]').count(), 1);
  assert.deepEqual(errors, []);
  await page.close();
});
