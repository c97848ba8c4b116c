// Hostile input on the built site: each gives a clear message or a bounded
// result, and the page stays usable. How long the page was busy is measured
// and printed (`# ...` lines), never asserted tightly: a loaded 2-core machine
// is slow, and targets are for scripts/bench-page.
// Run: node --test tests/browser/hostile.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';
import { site, nodesWithPods, nodeYaml, nodeList } from './helpers.mjs';

const { open } = site();

/** In the page: a 10 ms timer that records how late it fires, to show how long the page was busy. */
async function startProbe(page) {
  await page.evaluate(() => {
    window.__busy = 0;
    let due = performance.now() + 10;
    const tick = () => {
      window.__busy = Math.max(window.__busy, performance.now() - due);
      due = performance.now() + 10;
      window.__probe = setTimeout(tick, 10);
    };
    window.__probe = setTimeout(tick, 10);
  });
}

async function stopProbe(page) {
  return page.evaluate(() => {
    clearTimeout(window.__probe);
    return Math.round(window.__busy);
  });
}

/** Types one character at the end of the editor; ms until the field shows it (and the page ran a task after). */
async function keystrokeDelay(page) {
  const editor = page.locator('[data-testid=yaml-editor]');
  await editor.focus();
  await page.evaluate(() => {
    const area = document.querySelector('[data-testid=yaml-editor]');
    area.setSelectionRange(area.value.length, area.value.length);
  });
  const t0 = Date.now();
  await page.keyboard.type('#');
  await page.waitForFunction(() => document.querySelector('[data-testid=yaml-editor]').value.endsWith('#'));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
  return Date.now() - t0;
}

const card = (name) => `[data-testid=node][data-node-name="${name}"]`;

test('a 10 MB paste into the editor: the size message, the text kept, the last good pods on screen', async () => {
  const { page, errors } = await open();
  const before = await nodesWithPods(page);
  const good = await page.locator('[data-testid=yaml-editor]').inputValue();
  // 10 MiB of comment lines under the DaemonSet, pasted in one go.
  const line = `# ${'x'.repeat(1022)}\n`;
  const pasted = `${good}\n${line.repeat(10 * 1024)}`;
  await startProbe(page);
  const t0 = Date.now();
  await page.locator('[data-testid=yaml-editor]').evaluate((area, text) => {
    area.value = text;
    area.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, pasted);
  const message = page.locator('[data-testid=diagnostics]');
  await message.waitFor({ timeout: 60000 });
  const took = Date.now() - t0;
  const busy = await stopProbe(page);
  assert.match(await message.textContent(), /input is 10\d\d\d KiB; dsplay reads at most 4096 KiB per file/);
  assert.equal(await page.locator('[data-testid=yaml-editor]').getAttribute('aria-invalid'), 'true');
  assert.equal((await page.locator('[data-testid=yaml-editor]').inputValue()).length, pasted.length, 'the pasted text is kept');
  assert.deepEqual(await nodesWithPods(page), before, 'the last good result stays');
  // Three keystrokes: the first one also pays Chromium's own first edit of a 10 MB
  // textarea (about 400 ms in a bare page, then about 110 ms a keystroke).
  const keys = [await keystrokeDelay(page), await keystrokeDelay(page), await keystrokeDelay(page)];
  console.log(`# 10 MB editor paste: message after ${took} ms, page busy at most ${busy} ms at a stretch; keystrokes after it shown in ${keys.join(', ')} ms`);

  // Back to a good text: everything as before.
  await page.locator('[data-testid=yaml-editor]').fill(good);
  await page.locator('[data-testid=yaml-editor]').press('Control+Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid=yaml-editor]').getAttribute('aria-invalid') === 'false');
  assert.deepEqual(await nodesWithPods(page), before);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an upload of 100,000 nodes (28 MB) is refused at once with the size limit, the page responsive', async () => {
  const { page, errors } = await open();
  const items = [];
  for (let i = 1; i <= 100000; i++) items.push(nodeYaml(`n${i}`, { type: i % 2 ? 'monitoring' : 'logging' }));
  const buffer = Buffer.from(nodeList(items));
  await startProbe(page);
  const t0 = Date.now();
  await page.locator('[data-testid=upload]').setInputFiles({ name: 'huge.yaml', mimeType: 'application/yaml', buffer });
  const note = page.locator('[data-testid=node-tools-note]');
  await note.waitFor({ timeout: 60000 });
  const took = Date.now() - t0;
  const busy = await stopProbe(page);
  assert.match(await note.textContent(), /^huge\.yaml is 2\d\d\d\d KiB; dsplay reads at most 4096 KiB per file$/);
  assert.equal(await page.locator('[data-testid=node]').count(), 5, 'the node list is unchanged');
  const key = await keystrokeDelay(page);
  console.log(`# 100,000-node upload (${(buffer.length / 1e6).toFixed(1)} MB): refused after ${took} ms, page busy at most ${busy} ms at a stretch; a keystroke after it shown in ${key} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pasted list of 100,000 nodes is refused with the size limit, the text kept, the page responsive', async () => {
  // As short as a Node can be written (flow style): still over the 4 MiB limit.
  const { page, errors } = await open();
  const items = [];
  for (let i = 1; i <= 100000; i++) items.push(`- {apiVersion: v1, kind: Node, metadata: {name: n${i}}}\n`);
  const text = `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
  await page.locator('[data-testid=paste-nodes]').click();
  await startProbe(page);
  const t0 = Date.now();
  await page.locator('[data-testid=paste-text]').evaluate((area, t) => {
    area.value = t;
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }, text);
  await page.locator('[data-testid=paste-apply]').click({ timeout: 120000 });
  const error = page.locator('[data-testid=node-error]');
  await error.waitFor({ timeout: 120000 });
  const took = Date.now() - t0;
  const busy = await stopProbe(page);
  assert.match(await error.textContent(), /input is 5\d\d\d KiB; dsplay reads at most 4096 KiB per file/);
  assert.equal(await page.locator('[data-testid=node]').count(), 5, 'the node list is unchanged');
  assert.equal((await page.locator('[data-testid=paste-text]').inputValue()).length, text.length, 'the pasted text is kept');
  const key = await keystrokeDelay(page);
  console.log(
    `# 100,000-node paste (${(text.length / 1e6).toFixed(1)} MB): refused after ${took} ms, page busy at most ${busy} ms at a stretch; a keystroke after it shown in ${key} ms`,
  );
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 10,000-character label value: the API server\'s message, nothing added', async () => {
  const { page, errors } = await open();
  const value = 'v'.repeat(10000);
  // On a node's card, as `kubectl label` would be refused.
  const field = page.locator(`${card('node-1')} [data-testid=label-input]`);
  await field.fill(`big=${value}`);
  await field.press('Enter');
  const error = page.locator(`${card('node-1')} [data-testid=label-error]`);
  await error.waitFor();
  assert.match(await error.textContent(), /^invalid label value "v+": must be no more than 63 bytes/);
  assert.equal(await page.locator(`${card('node-1')} [data-testid=label][data-label-key=big]`).count(), 0);

  // In the DaemonSet's nodeSelector: the API server's validation, at its line.
  const editor = page.locator('[data-testid=yaml-editor]');
  const good = await editor.inputValue();
  await editor.fill(good.replace('type: monitoring', `type: ${value}`));
  await editor.press('Control+Enter');
  const diagnostics = page.locator('[data-testid=diagnostics]');
  await diagnostics.waitFor();
  assert.match(await diagnostics.textContent(), /spec\.template\.spec\.nodeSelector: Invalid value: "v+": must be no more than 63 (bytes|characters)/);
  // As `dsplay plan` does, the plan still shows what the controller would do: no node matches.
  assert.deepEqual(await nodesWithPods(page), []);
  const key = await keystrokeDelay(page);
  console.log(`# 10,000-character label value: a keystroke after it shown in ${key} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an upload that is not UTF-8 (binary) says so and changes nothing', async () => {
  const { page, errors } = await open();
  // A PNG's signature and header: the third byte, 0x89 at 0, is no UTF-8 start.
  const buffer = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0xff, 0xfe]);
  await page.locator('[data-testid=upload]').setInputFiles({ name: 'nodes.png', mimeType: 'application/yaml', buffer });
  const note = page.locator('[data-testid=node-tools-note]');
  await note.waitFor();
  assert.match(await note.textContent(), /^nodes\.png is not UTF-8 text \(byte 0, line 1, is not UTF-8\): save it as UTF-8/);
  assert.equal(await note.getAttribute('role'), 'alert');
  assert.equal(await page.locator('[data-testid=node]').count(), 5);
  assert.equal(await page.locator('[data-testid=paste-text]').count(), 0, 'nothing was put in the paste field');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a share link that inflates to 64 MiB is refused at 4 MiB with a message, the page usable', async () => {
  // 64 MiB of zeros: a link of about 87 KB. The browser inflates it and stops past 4 MiB.
  const bomb = deflateRawSync(Buffer.alloc(64 << 20)).toString('base64url');
  const t0 = Date.now();
  const { page, errors } = await open(`#v1:${bomb}`);
  const notice = page.locator('[data-testid=notice]');
  assert.match(await notice.textContent(), /^The link could not be opened: this link holds more than 4096 KiB: too large to open\./);
  console.log(`# 64 MiB link bomb (${bomb.length} characters): the page opened with the message after ${Date.now() - t0} ms`);
  assert.deepEqual(await nodesWithPods(page), ['node-1', 'node-3', 'node-5']);
  await page.locator('[data-testid=add-node]').click();
  await page.locator('[data-testid=node][data-node-name=node-6]').waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
