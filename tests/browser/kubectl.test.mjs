// kubectl's views on the built site: `kubectl get ds`, `get pods -o wide`,
// `describe ds`, the Pod manifest dialog, and the API server's refusal.
// Run: trunk build --release && node --test tests/browser/kubectl.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { site, applyYaml } from './helpers.mjs';

const { open, ctx } = site();

const CREATED_ON = ['node-1', 'node-3', 'node-5'];

/** The rows of `kubectl get pods -o wide` as {pod, status, node, line}. */
async function podRows(page) {
  return page.$$eval('[data-testid=pod-row]', (rows) =>
    rows.map((r) => ({ pod: r.dataset.pod, status: r.dataset.status, node: r.dataset.node, line: r.textContent })),
  );
}

test('kubectl get ds, get pods and describe ds show the three created pods', async () => {
  const { page, errors } = await open();
  const status = await page.locator('[data-testid=ds-status]').textContent();
  assert.match(status, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\n/);
  assert.match(status, /\nnode-monitor\s+3\s+3\s+0\s+3\s+0\s+type=monitoring\s+0s\n/);
  assert.match(await page.locator('[data-testid=ds-summary]').textContent(), /^3 pods on 3 of 5 nodes/);
  assert.equal(await page.locator('[data-testid=validation-errors]').count(), 0);

  const table = page.locator('[data-testid=pods-table]');
  assert.ok(await table.isVisible());
  assert.match(await table.textContent(), /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
  const rows = await podRows(page);
  assert.equal(rows.length, 3);
  for (const row of rows) {
    assert.equal(row.status, 'Pending');
    assert.equal(row.node, '<none>');
    assert.match(row.line, /^node-monitor-[a-z0-9]{5}\s+0\/1\s+Pending\s+0\s+0s\s+<none>\s+<none>\s+<none>\s+<none>/);
  }
  const targets = rows.map((r) => r.line.match(/for (node-\d)/)?.[1]).sort();
  assert.deepEqual(targets, CREATED_ON);

  // The Events tab, reached with the keyboard.
  await page.locator('[data-testid=tab-pods]').focus();
  await page.keyboard.press('ArrowRight');
  const describeTab = page.locator('[data-testid=tab-describe]');
  assert.equal(await describeTab.getAttribute('aria-selected'), 'true');
  assert.ok(await describeTab.evaluate((el) => el === document.activeElement));
  const events = page.locator('[data-testid=events]');
  assert.ok(await events.isVisible());
  assert.ok(!(await table.isVisible()));
  const text = await events.textContent();
  assert.match(text, /Type\s+Reason\s+Age\s+From\s+Message/);
  assert.equal([...text.matchAll(/Normal\s+SuccessfulCreate\s+0s\s+daemonset-controller\s+Created pod: node-monitor-/g)].length, 3);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pod opens the Pod the controller creates; Esc closes it and focus returns', async () => {
  const { page, errors } = await open();
  const link = page.locator('[data-testid=pods-table] [data-testid=pod-link]').first();
  const pod = await link.textContent();
  const row = (await podRows(page)).find((r) => r.pod === pod);
  const node = row.line.match(/for (node-\d)/)[1];

  // Keyboard only: focus the pod's name and press Enter.
  await link.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.match(await page.locator('#' + (await dialog.getAttribute('aria-labelledby'))).textContent(), new RegExp(pod));
  assert.ok(await dialog.evaluate((el) => el.contains(document.activeElement)), 'focus is not in the dialog');

  const manifest = await page.locator('[data-testid=pod-manifest]').textContent();
  assert.match(manifest, new RegExp(`matchFields:\\n\\s+- key: metadata\\.name\\n\\s+operator: In\\n\\s+values:\\n\\s+- ${node}\\n`));
  for (const want of [
    'node.kubernetes.io/not-ready',
    'node.kubernetes.io/unreachable',
    'controller-revision-hash:',
    'pod-template-generation:',
    'ownerReferences:',
    'kind: DaemonSet',
    'generateName: node-monitor-',
    `name: ${pod}`,
  ]) {
    assert.ok(manifest.includes(want), `no ${want} in\n${manifest}`);
  }
  // The explanation beside it.
  assert.match(await dialog.textContent(), /1\.12/);

  // Tab stays inside the dialog.
  for (let i = 0; i < 5; i += 1) {
    await page.keyboard.press('Tab');
    assert.ok(await dialog.evaluate((el) => el.contains(document.activeElement)), `Tab ${i + 1} left the dialog`);
  }

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.ok(await link.evaluate((el) => el === document.activeElement), 'focus did not return to the pod');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a pod on a node card opens its manifest too', async () => {
  const { page, errors } = await open();
  await page.locator('[data-node-name=node-3] [data-testid=pod]').first().click();
  const manifest = page.locator('[data-testid=pod-manifest]');
  await manifest.waitFor();
  assert.match(await manifest.textContent(), /values:\n\s+- node-3\n/);
  await page.locator('[data-testid=close-manifest]').click();
  await manifest.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the copy button puts the manifest on the clipboard', async () => {
  const context = await ctx.browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ctx.origin });
  const { page, errors } = await open('', { context });
  await page.locator('[data-testid=pods-table] [data-testid=pod-link]').first().click();
  await page.locator('[data-testid=copy-manifest]').click();
  await page.getByText('Copied to the clipboard.').waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(copied, await page.locator('[data-testid=pod-manifest]').textContent());
  assert.match(copied, /^apiVersion: v1\nkind: Pod\n/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a DaemonSet the API server would refuse says so in kubectl\'s words', async () => {
  const { page, errors } = await open();
  const editor = page.locator('[data-testid=yaml-editor]');
  const yaml = await editor.inputValue();
  assert.ok(yaml.includes('      containers:\n'));
  await applyYaml(page, yaml.replace('      containers:\n', '      restartPolicy: OnFailure\n      containers:\n'));
  const refusal = page.locator('[data-testid=validation-errors]');
  await refusal.waitFor();
  assert.ok(
    (await refusal.textContent()).includes(
      'The DaemonSet "node-monitor" is invalid: spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"',
    ),
    await refusal.textContent(),
  );
  assert.equal(await refusal.getAttribute('role'), 'alert');

  // Back to a valid DaemonSet: the refusal goes.
  await applyYaml(page, yaml);
  await refusal.waitFor({ state: 'detached' });
  assert.deepEqual(errors, []);
  await page.close();
});
