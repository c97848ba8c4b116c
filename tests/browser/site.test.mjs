// The page as a whole: presets, share links, autosave, refused storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { site, nodesWithPods, podNames } from './helpers.mjs';

const { open, ctx } = site();

test('the page opens on the seeds\' 5-node scenario: 3 pods, and why not on the others', async () => {
  const { page, errors } = await open();
  assert.deepEqual(await nodesWithPods(page), ['node-1', 'node-3', 'node-5']);
  const card = (name) => page.locator(`[data-testid=node][data-node-name=${name}]`);
  assert.match(await card('node-2').textContent(), /didn't match Pod's node affinity\/selector/);
  assert.match(await card('node-4').textContent(), /untolerated taint \{special: \}/);
  assert.match(await page.locator('[data-testid=ds-status]').textContent(), /DESIRED[\s\S]*\n\S+\s+3\s+3\s/);
  assert.deepEqual(errors, []);
});

test('?preset=NAME opens that scenario', async () => {
  const { page, errors } = await open('?preset=ssd');
  const names = await page.$$eval('[data-testid=node]', (cards) => cards.map((c) => c.dataset.nodeName));
  assert.ok(names.length >= 3);
  assert.match(await page.locator('[data-testid=yaml-editor]').inputValue(), /disktype: ssd/);
  assert.deepEqual(errors, []);
});

test('the scenario menu loads a preset', async () => {
  const { page } = await open();
  await page.locator('[data-testid=preset-menu]').selectOption('cordoned');
  await page.waitForFunction(() => document.querySelector('[data-testid=yaml-editor]').value.includes('node-local-dns'));
  assert.equal((await nodesWithPods(page)).length, 3);
});

test('a share link opens exactly the same state, and is what the page first draws', async () => {
  const { page } = await open();
  await page.locator('[data-testid=add-node]').click();
  await page.locator('[data-testid=node][data-node-name=node-6]').waitFor();
  await page.locator('[data-testid=share]').click();
  const link = await page.locator('[data-testid=share-link]').inputValue();
  assert.match(link, /#v1:[A-Za-z0-9_-]+$/);
  const yaml = await page.locator('[data-testid=yaml-editor]').inputValue();
  const pods = await nodesWithPods(page);

  const other = await ctx.browser.newContext();
  // The number of node cards when the page first drew any: the link's 6, not
  // the default preset's 5 while the browser inflates the link.
  await other.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const cards = document.querySelectorAll('[data-testid=node]').length;
      if (cards > 0) {
        window.firstNodeCards = cards;
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const fresh = await other.newPage();
  await fresh.goto(link);
  await fresh.locator('[data-testid=node][data-node-name=node-6]').waitFor();
  assert.equal(await fresh.evaluate(() => window.firstNodeCards), 6);
  assert.equal(await fresh.locator('[data-testid=yaml-editor]').inputValue(), yaml);
  assert.deepEqual(await nodesWithPods(fresh), pods);
  await other.close();
});

test('a damaged share link says so and the page still works', async () => {
  const { page, errors } = await open('#v1:not-a-real-link');
  assert.match(await page.locator('[data-testid=notice]').textContent(), /could not be opened/);
  assert.equal((await nodesWithPods(page)).length, 3);
  assert.deepEqual(errors, []);
});

test('autosave survives a reload', async () => {
  const { page, context } = await open();
  await page.locator('[data-testid=add-node]').click();
  await page.locator('[data-testid=node][data-node-name=node-6]').waitFor();
  await page.waitForFunction(() => localStorage.getItem('dsplay:v1')?.startsWith('v1:'));
  const again = await context.newPage();
  await again.goto(page.url());
  await again.locator('[data-testid=node][data-node-name=node-6]').waitFor();
  assert.deepEqual(await nodesWithPods(again), await nodesWithPods(page));
  // Reset forgets it.
  await again.locator('[data-testid=reset]').click();
  await again.waitForFunction(() => !document.querySelector('[data-node-name=node-6]'));
});

test('refused storage does not break the page, and says so once', async () => {
  const refuse = () => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  };
  const { page, errors } = await open('', { initScript: refuse });
  await page.locator('[data-testid=add-node]').click();
  await page.locator('[data-testid=node][data-node-name=node-6]').waitFor();
  await page.locator('[data-testid=notice]').waitFor();
  assert.match(await page.locator('[data-testid=notice]').textContent(), /memory/);
  await page.locator('[data-testid=add-node]').click();
  await page.locator('[data-testid=node][data-node-name=node-7]').waitFor();
  assert.equal(await page.locator('[data-testid=notice]').count(), 1);
  assert.equal(await page.locator('[data-testid=node]').count(), 7);
  assert.equal((await podNames(page)).length, 3);
  assert.deepEqual(errors, []);
});
