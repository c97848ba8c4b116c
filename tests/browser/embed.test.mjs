// Embedding: the example tutorial with two sandboxed frames, the embed
// parameters, and the Content-Security-Policy the site ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { site } from './helpers.mjs';

const { open, ctx } = site();

/** Opens a page of dist/ and collects console errors from every frame. */
async function visit(file) {
  const context = await ctx.browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.goto(ctx.baseUrl + file);
  return { page, errors, context };
}

test('the site ships a CSP without unsafe-eval and runs under it without errors', async () => {
  const { page, errors } = await open();
  const csp = await page.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.content);
  assert.match(csp, /'wasm-unsafe-eval'/);
  assert.match(csp, /'sha256-[A-Za-z0-9+/=]{44}'/);
  assert.doesNotMatch(csp, /'unsafe-eval'|TRUNK-INIT-SCRIPT/);
  await page.locator('[data-testid=share]').click();
  assert.deepEqual(errors, []);
});

test('the example tutorial embeds two frames that render and play independently', async () => {
  const { page, errors } = await visit('tutorial.html');
  const first = page.frameLocator('#node-added');
  const second = page.frameLocator('#selector-taints');
  await first.locator('[data-testid=flow-diagram]').waitFor();
  await second.locator('[data-testid=node]').first().waitFor();
  // The sandboxed frames have an opaque origin and no storage: they still work.
  assert.equal(await second.locator('[data-testid=pod]').count(), 3);
  // Stepping one frame does not move the other.
  const caption = () => second.locator('[data-testid=flow-caption]').textContent();
  const before = await caption();
  await first.locator('[data-testid=flow-restart]').click();
  await first.locator('[data-testid=flow-forward]').click();
  assert.match(await first.locator('[data-testid=flow-caption]').textContent(), /kubectl/);
  assert.equal(await caption(), before);
  // Embedded pages have no chrome and never scroll the host page on their own.
  assert.equal(await first.locator('[data-testid=preset-menu]').count(), 0);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.deepEqual(errors, []);
});

test('embed parameters: readonly, view and theme', async () => {
  const { page, errors } = await open('?embed=1&preset=ssd&readonly=1&theme=dark&view=split');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assert.notEqual(await page.locator('[data-testid=yaml-editor]').getAttribute('readonly'), null);
  assert.equal(await page.locator('[data-testid=add-node]').count(), 0);
  // The way out opens the same state in the whole playground (its link is
  // compressed asynchronously, by the browser).
  const full = page.locator('[data-testid=open-full]');
  await page.waitForFunction(() => document.querySelector('[data-testid=open-full]')?.href.includes('#v1:'));
  const href = await full.getAttribute('href');
  const opened = await visit(href.slice(href.indexOf('#')));
  await opened.page.locator('[data-testid=node]').first().waitFor();
  assert.equal(await opened.page.locator('[data-testid=node]').count(), await page.locator('[data-testid=node]').count());
  assert.deepEqual(opened.errors, []);
  const diagram = await visit('?embed=1&preset=ssd&view=diagram');
  await diagram.page.locator('[data-testid=flow-diagram]').waitFor();
  assert.equal(await diagram.page.locator('[data-testid=yaml-editor]').count(), 0);
  assert.deepEqual(diagram.errors, []);
  assert.deepEqual(errors, []);
});

test('the Embed button gives a sandboxed iframe that opens the same state', async () => {
  const { page } = await open();
  await page.locator('[data-testid=embed]').click();
  const code = await page.locator('[data-testid=embed-code]').inputValue();
  assert.match(code, /^<iframe src="[^"]+\?embed=1#v1:[A-Za-z0-9_-]+" title="dsplay: DaemonSet playground"/);
  assert.match(code, /sandbox="allow-scripts"/);
});
