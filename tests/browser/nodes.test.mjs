// The node editor and the cluster view on the built site (dist/, from
// `trunk build --release`), served by a plain static file server and driven in
// headless Debian Chromium. Run: node --test tests/browser/nodes.test.mjs
// The page opens on the selector-taints preset: five nodes, pods on node-1,
// node-3 and node-5.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { site, nodesWithPods, pasteNodes, nodeYaml, nodeList } from './helpers.mjs';

const { open, ctx } = site();

const card = (name) => `[data-testid=node][data-node-name="${name}"]`;

async function cardNames(page) {
  return page.$$eval('[data-testid=node]', (cards) => cards.map((c) => c.dataset.nodeName));
}

/** Types a label or taint chip into a node's card and presses Enter. */
async function addChip(page, node, kind, chip) {
  const field = page.locator(`${card(node)} [data-testid=${kind}-input]`);
  await field.fill(chip);
  await field.press('Enter');
}

test('adding a node: a card, and a pod once it matches the nodeSelector', async () => {
  const { page, errors } = await open();
  assert.deepEqual(await nodesWithPods(page), ['node-1', 'node-3', 'node-5']);
  await page.locator('[data-testid=add-node]').click();
  await page.locator(card('node-6')).waitFor();
  assert.equal(await page.locator('[data-testid=node]').count(), 6);
  assert.equal(await page.locator(`${card('node-6')} [data-testid=pod]`).count(), 0);
  assert.match(await page.locator(`${card('node-6')} [data-testid=reasons]`).textContent(), /didn't match Pod's node affinity\/selector/);

  await addChip(page, 'node-6', 'label', 'type=monitoring');
  const pod = page.locator(`${card('node-6')} [data-testid=pod]`);
  await pod.waitFor();
  assert.equal(await pod.getAttribute('data-pod-state'), 'creating');
  assert.match(await pod.getAttribute('data-pod-name'), /^node-monitor-/);
  assert.deepEqual(await nodesWithPods(page), ['node-1', 'node-3', 'node-5', 'node-6']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('tainting a node takes its pod away, with the reason', async () => {
  const { page, errors } = await open();
  await addChip(page, 'node-1', 'taint', 'dedicated=infra:NoSchedule');
  await page.waitForFunction(() => !document.querySelector('[data-node-name="node-1"] [data-testid=pod]'));
  assert.deepEqual(await nodesWithPods(page), ['node-3', 'node-5']);
  const reasons = await page.locator(`${card('node-1')} [data-testid=reasons]`).textContent();
  assert.match(reasons, /node\(s\) had untolerated taint \{dedicated: infra\}/);
  assert.equal(await page.locator(`${card('node-1')} [data-testid=verdict]`).getAttribute('data-verdict'), 'blocked');

  // A refused chip: kubectl's message, the field marked invalid, nothing changed.
  await addChip(page, 'node-5', 'taint', 'k=v:Sometimes');
  assert.equal(
    await page.locator(`${card('node-5')} [data-testid=taint-error]`).textContent(),
    'invalid taint effect: Sometimes, unsupported taint effect',
  );
  assert.equal(await page.locator(`${card('node-5')} [data-testid=taint-input]`).getAttribute('aria-invalid'), 'true');
  assert.deepEqual(await nodesWithPods(page), ['node-3', 'node-5']);
  assert.deepEqual(errors, []);
  await page.close();
});

test('pasting a node list replaces the cards; a bad paste keeps the text', async () => {
  const { page, errors } = await open();
  const bad = 'apiVersion: v1\nkind: List\nitems: [unclosed\n';
  await pasteNodes(page, bad);
  await page.locator('[data-testid=node-error]').waitFor();
  assert.equal(await page.locator('[data-testid=node]').count(), 5);
  assert.equal(await page.locator('[data-testid=paste-text]').inputValue(), bad);
  await page.locator('[data-testid=dismiss-node-error]').click();
  assert.equal(await page.locator('[data-testid=node-error]').count(), 0);

  await pasteNodes(
    page,
    nodeList([
      nodeYaml('web-1', { type: 'monitoring' }),
      nodeYaml('web-2', { type: 'logging' }),
      nodeYaml('gpu-1', { type: 'monitoring' }, [{ key: 'nvidia.com/gpu', effect: 'NoSchedule' }]),
    ]),
  );
  await page.locator(card('web-1')).waitFor();
  assert.deepEqual(await cardNames(page), ['web-1', 'web-2', 'gpu-1']);
  assert.deepEqual(await nodesWithPods(page), ['web-1']);
  assert.match(await page.locator(`${card('gpu-1')} [data-testid=reasons]`).textContent(), /untolerated taint \{nvidia\.com\/gpu: \}/);

  // The export reads back the same nodes.
  await page.locator('[data-testid=export-yaml]').click();
  const exported = await page.locator('[data-testid=export-text]').inputValue();
  assert.match(exported, /name: web-1/);
  assert.match(exported, /key: nvidia\.com\/gpu/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('export: a download of nodes.yaml, and copying the kubectl commands', async () => {
  const { page, errors } = await open();
  await page.locator('[data-testid=export-yaml]').click();
  assert.equal(await page.locator('[data-testid=export-yaml]').getAttribute('aria-expanded'), 'true');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=download-yaml]').click()]);
  assert.equal(download.suggestedFilename(), 'nodes.yaml');
  const { readFile } = await import('node:fs/promises');
  const saved = await readFile(await download.path(), 'utf8');
  assert.equal(saved, await page.locator('[data-testid=export-text]').inputValue());
  assert.match(saved, /^apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Node\n/);

  // Copy: to the clipboard when the page may write it, else the text is selected to copy by hand.
  await page.locator('[data-testid=kubectl-commands]').click();
  await page.locator('[data-testid=copy-kubectl]').click();
  const note = page.locator('[data-testid=node-tools-note]');
  await note.waitFor();
  const said = await note.textContent();
  if (said.startsWith('Copied')) {
    await page.context().grantPermissions(['clipboard-read']);
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.match(copied, /kubectl label node node-1 node-role=worker type=monitoring --overwrite/);
  } else {
    assert.match(said, /the text is selected/);
    const selected = await page.locator('[data-testid=kubectl-text]').evaluate((a) => a.value.slice(a.selectionStart, a.selectionEnd));
    assert.match(selected, /kubectl taint node node-4 special:NoSchedule --overwrite/);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('copying without a clipboard (plain http) selects the text to copy by hand', async () => {
  const page = await ctx.browser.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
  await page.goto(ctx.baseUrl);
  await page.locator('[data-testid=kubectl-commands]').click();
  await page.locator('[data-testid=copy-kubectl]').click();
  assert.match(await page.locator('[data-testid=node-tools-note]').textContent(), /the text is selected, press Ctrl\+C/);
  const area = page.locator('[data-testid=kubectl-text]');
  assert.equal(await area.evaluate((a) => a === document.activeElement), true);
  assert.equal(await area.evaluate((a) => a.value.slice(a.selectionStart, a.selectionEnd)), await area.inputValue());
  assert.deepEqual(errors, []);
  await page.close();
});

test('markup in a label is shown as text and runs nothing', async () => {
  const { page, errors, dialogs } = await open();
  const markup = '<img src=x onerror=alert(1)>';
  await addChip(page, 'node-1', 'label', `${markup}=x`);
  assert.match(await page.locator(`${card('node-1')} [data-testid=label-error]`).textContent(), /invalid label key "<img src"/);

  await pasteNodes(page, nodeList([nodeYaml('web-1', { type: 'monitoring', note: markup })]));
  await page.locator(card('web-1')).waitFor();
  const chips = await page.locator(`${card('web-1')} [data-testid=label]`).allTextContents();
  assert.ok(chips.some((c) => c.includes(`note=${markup}`)), chips.join(' | '));
  // Give an injected image the time to fail and fire its handler.
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.cluster-view img, .node-tools img').count(), 0);
  assert.deepEqual(dialogs, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an upload replaces the nodes; a file that is not UTF-8 says so', async () => {
  const { page, errors } = await open();
  const upload = page.locator('[data-testid=upload]');
  await upload.setInputFiles({
    name: 'latin1.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from([...Buffer.from('kind: List\nitems: []\n# caf'), 0xe9, 0x0a]),
  });
  const note = page.locator('[data-testid=node-tools-note]');
  await note.waitFor();
  assert.match(await note.textContent(), /latin1\.yaml is not UTF-8 text \(byte 26, line 3/);
  assert.equal(await page.locator('[data-testid=node]').count(), 5);

  await upload.setInputFiles({
    name: 'nodes.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(nodeList([nodeYaml('up-1', { type: 'monitoring' }), nodeYaml('up-2', {})])),
  });
  await page.locator(card('up-1')).waitFor();
  assert.deepEqual(await cardNames(page), ['up-1', 'up-2']);
  assert.deepEqual(await nodesWithPods(page), ['up-1']);
  assert.equal(await note.textContent(), 'Replaced the node list: 2 node(s)');
  await page.locator('[data-testid=paste-nodes]').click();
  assert.match(await page.locator('[data-testid=paste-text]').inputValue(), /name: up-2/, 'the file is kept in the paste field');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the controls are reachable by keyboard, with names', async () => {
  const { page, errors } = await open();
  // Tab from the add-node button into the cards: every control has an accessible name.
  await page.locator('[data-testid=add-node]').focus();
  const seen = [];
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        return el.getAttribute('aria-label') || el.textContent.trim() || el.getAttribute('data-testid');
      }),
    );
  }
  assert.ok(seen.includes('Rename node-1'), seen.join(' | '));
  assert.ok(seen.includes('Remove node-1'), seen.join(' | '));
  assert.ok(seen.some((s) => s && s.startsWith('Add a label to node-1')), seen.join(' | '));
  assert.ok(seen.includes('Cordon node-1'), seen.join(' | '));
  // The rename field: Enter renames.
  await page.locator(`${card('node-2')} [data-testid=rename]`).click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('logs-1');
  await page.keyboard.press('Enter');
  await page.locator(card('logs-1')).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});

test('5,000 nodes: a page of cards, a summary, and typing stays responsive', async () => {
  const { page, errors } = await open();
  const items = [];
  for (let i = 1; i <= 5000; i++) {
    const name = `n${String(i).padStart(4, '0')}`;
    items.push(nodeYaml(name, { type: i % 2 ? 'logging' : 'monitoring', zone: `zone-${i % 3}` }));
  }
  const started = Date.now();
  await pasteNodes(page, nodeList(items));
  await page.waitForFunction(() => document.querySelector('[data-testid=summary]')?.textContent.includes('5000 node(s)'), null, {
    timeout: 60000,
  });
  const loaded = Date.now() - started;
  const cards = await page.locator('[data-testid=node]').count();
  assert.ok(cards > 0 && cards <= 250, `${cards} cards`);
  assert.match(await page.locator('[data-testid=summary]').textContent(), /didn't match Pod's node affinity\/selector/);

  // Key by key in the filter: the field takes each keystroke at once, and the
  // cards follow after a pause in typing.
  const filter = page.locator('[data-testid=filter]');
  await filter.focus();
  const t0 = Date.now();
  await page.keyboard.type('n49', { delay: 30 });
  const keys = Date.now() - t0;
  await page.waitForFunction(() => document.querySelector('[data-testid=node]')?.dataset.nodeName === 'n4900');
  const typed = Date.now() - t0;
  assert.equal(await filter.inputValue(), 'n49');
  assert.equal(await page.locator('[data-testid=node]').count(), 100);
  assert.ok(keys < 1000, `three keystrokes took ${keys} ms`);
  assert.ok(typed < 3000, `the filtered cards came after ${typed} ms`);

  // Many cards: each folds its editing fields until asked. Typing into a
  // card's label field does not redraw the cluster.
  assert.equal(await page.locator(`${card('n4900')} [data-testid=label-input]`).count(), 0);
  await page.locator(`${card('n4900')} [data-testid=edit-node]`).click();
  const field = page.locator(`${card('n4900')} [data-testid=label-input]`);
  await field.focus();
  const t1 = Date.now();
  await page.keyboard.type('disk=ssd', { delay: 0 });
  const labelTyped = Date.now() - t1;
  assert.equal(await field.inputValue(), 'disk=ssd');
  assert.ok(labelTyped < 2000, `typing a label took ${labelTyped} ms`);
  console.log(`# 5,000 nodes: pasted and drawn in ${loaded} ms; 3 filter keystrokes ${keys} ms, filtered cards after ${typed} ms; 8 label keystrokes ${labelTyped} ms`);
  assert.deepEqual(errors, []);
  await page.close();
});
