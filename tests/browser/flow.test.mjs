// The flow player on the built site (dist/, from `trunk build --release`),
// served by a plain static file server and driven in headless Debian Chromium.
// Run: node --test tests/browser/flow.test.mjs
// The page opens on the selector-taints preset (pods on node-1, node-3 and
// node-5), its creation flow shown settled with play one click away.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { site, pasteNodes } from './helpers.mjs';

const { open, ctx } = site();

const diagramNode = (name) => `[data-testid=flow-diagram] [data-testid=flow-node][data-node-name="${name}"]`;
const card = (name) => `[data-testid=node][data-node-name="${name}"]`;

/** The player's state: its position (0 the start, k after step k), the caption, playing or not. */
async function player(page) {
  return page.evaluate(() => {
    const q = (s) => document.querySelector(s);
    return {
      step: Number(q('[data-testid=flow-position]').dataset.step),
      // Positions in the list: the start (before the first step), then one per step.
      positions: document.querySelectorAll('[data-testid=flow-step]').length,
      current: [...document.querySelectorAll('[data-testid=flow-step]')].findIndex((li) => li.getAttribute('aria-current') === 'step'),
      caption: q('[data-testid=flow-caption]').textContent,
      playing: q('[data-testid=flow-play]').getAttribute('aria-pressed') === 'true',
      summary: q('[data-testid=flow-summary]').textContent,
      title: q('[data-testid=flow-title]').textContent,
    };
  });
}

/** The pods drawn in a node's box in the diagram: [name, status]. */
async function podsIn(page, node) {
  return page.$$eval(`${diagramNode(node)} [data-testid=flow-pod]`, (pods) => pods.map((p) => [p.dataset.podName, p.dataset.status]));
}

async function pause(page) {
  if ((await page.locator('[data-testid=flow-play]').getAttribute('aria-pressed')) === 'true') {
    await page.locator('[data-testid=flow-play]').click();
  }
  assert.equal(await page.locator('[data-testid=flow-play]').getAttribute('aria-pressed'), 'false');
}

function nodeList(count, labels = 'type: monitoring') {
  const items = [];
  for (let i = 1; i <= count; i++) {
    const name = `n${String(i).padStart(4, '0')}`;
    items.push(
      `- apiVersion: v1\n  kind: Node\n  metadata:\n    name: ${name}\n    labels:\n      kubernetes.io/hostname: ${name}\n      ${labels}\n` +
        `  status:\n    conditions:\n    - type: Ready\n      status: "True"\n`,
    );
  }
  return `apiVersion: v1\nkind: List\nitems:\n${items.join('')}`;
}

test('the page opens on the settled creation, one click from playing it', async () => {
  const { page, errors } = await open();
  const state = await player(page);
  assert.match(state.title, /DaemonSet node-monitor is created/);
  assert.equal(state.playing, false);
  assert.equal(state.step, state.positions - 1, 'the last step');
  assert.equal(state.current, state.positions - 1, 'the last step is highlighted');
  assert.equal(state.summary, 'Settled: 3 pods on 3 of 5 nodes');
  for (const node of ['node-1', 'node-3', 'node-5']) {
    assert.deepEqual((await podsIn(page, node)).map(([, status]) => status), ['Running'], node);
  }
  assert.deepEqual(await podsIn(page, 'node-4'), []);
  assert.match(await page.locator(`${diagramNode('node-4')} [data-testid=flow-verdict]`).textContent(), /untolerated taint \{special: \}/);
  const legend = await page.locator('[data-testid=flow-legend]').textContent();
  for (const item of ['Regular node', 'New node', 'Removed node', 'DaemonSet pod']) assert.ok(legend.includes(item), legend);
  // The page did not scroll to the list's current step.
  assert.equal(await page.evaluate(() => window.scrollY), 0);

  await page.locator('[data-testid=flow-play-creation]').click();
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=flow-position]').dataset.step) >= 2);
  assert.equal(await page.evaluate(() => window.scrollY), 0, 'playing never scrolls the page');
  assert.deepEqual(errors, []);
  await page.close();
});

test('node added: the new pod appears on the new node at the controller\'s step, not before', async () => {
  const { page, errors } = await open('?preset=node-added');
  assert.equal((await player(page)).playing, false);
  await page.locator('[data-testid=add-node]').click();
  let state = await player(page);
  assert.equal(state.title, 'Node node-5 joins');
  await pause(page);
  await page.locator('[data-testid=flow-restart]').click();
  state = await player(page);
  assert.equal(state.step, 0);
  assert.match(state.caption, /The cluster before: 4 pods on 4 nodes/);
  assert.equal(await page.locator(diagramNode('node-5')).count(), 0, 'node-5 has not joined yet');

  // Step by step: no pod on node-5 until the controller creates it; from then on, one.
  let createdAt = -1;
  const seen = [];
  for (let i = 0; i < state.positions; i++) {
    state = await player(page);
    assert.equal(state.step, i);
    assert.equal(state.current, i, 'the list highlights the current step');
    if (/Node node-5 joins the cluster/.test(state.caption)) {
      assert.match(await page.locator(diagramNode('node-5')).getAttribute('class'), /\bnode-new\b/, 'the seeds\' new node');
    }
    const pods = await podsIn(page, 'node-5');
    const creates = /The DaemonSet controller creates pod \S+ for node-5/.test(state.caption);
    if (creates) createdAt = i;
    if (createdAt < 0) {
      assert.deepEqual(pods, [], `no pod on node-5 at step ${i + 1} (${state.caption})`);
    } else {
      assert.equal(pods.length, 1, `one pod on node-5 at step ${i + 1} (${state.caption})`);
      seen.push(pods[0][1]);
    }
    // The other nodes keep their one pod throughout.
    for (const node of ['node-1', 'node-2', 'node-3', 'node-4']) assert.equal((await podsIn(page, node)).length, 1, node);
    if (i + 1 < state.positions) await page.locator('[data-testid=flow-forward]').click();
  }
  assert.ok(createdAt > 0, 'the controller creates the pod after the node joins');
  assert.deepEqual([...new Set(seen)], ['Pending', 'ContainerCreating', 'Running'], 'Pending, then ContainerCreating, then Running');
  assert.ok(await page.locator('[data-testid=flow-forward]').isDisabled(), 'the last step');
  state = await player(page);
  assert.equal(state.summary, 'Settled: 5 pods on 5 nodes');
  assert.match(state.caption, /5 desired, 5 current, 5 ready, 5 up to date, 5 available/);

  // Step back: the pod is gone again before its creation.
  await page.locator(`[data-testid=flow-step]:nth-child(${createdAt}) button`).click();
  assert.equal((await player(page)).step, createdAt - 1);
  assert.deepEqual(await podsIn(page, 'node-5'), []);

  // The common mistake, side by side: a Deployment of 4 replicas leaves node-5 empty.
  await page.locator('[data-testid=compare-deployment]').check();
  assert.equal(await page.locator('[data-testid=deployment-title]').textContent(), 'Deployment with replicas: 4');
  assert.equal(await page.locator('[data-testid=deployment-pod]').count(), 4);
  assert.equal(await page.locator('[data-testid=deployment-node][data-node-name="node-5"] [data-testid=deployment-pod]').count(), 0);
  assert.match(await page.locator('[data-testid=deployment-caption]').textContent(), /node-5 gets none until you scale/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('?autoplay=1 plays the opening creation at once', async () => {
  const { page, errors } = await open('?autoplay=1');
  let state = await player(page);
  assert.equal(state.playing, true);
  assert.ok(state.step <= 1, `starts at the beginning (step ${state.step})`);
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=flow-position]').dataset.step) >= 2, null, { timeout: 5000 });
  state = await player(page);
  assert.equal(state.current, state.step);
  assert.deepEqual(errors, []);
  await page.close();
});

test('prefers-reduced-motion: the same steps, without movement', async () => {
  const context = await ctx.browser.newContext({ reducedMotion: 'reduce' });
  const { page, errors } = await open('', { context });
  assert.equal(await page.locator('[data-testid=flow-player]').getAttribute('data-motion'), 'reduced');
  await page.locator('[data-testid=flow-play-creation]').click();
  await pause(page);
  await page.locator('[data-testid=flow-restart]').click();
  const statuses = [];
  for (;;) {
    const pods = await podsIn(page, 'node-1');
    statuses.push(pods.map(([, s]) => s).join() || 'none');
    if (await page.locator('[data-testid=flow-forward]').isDisabled()) break;
    await page.locator('[data-testid=flow-forward]').click();
  }
  assert.deepEqual([...new Set(statuses)], ['none', 'Pending', 'ContainerCreating', 'Running']);
  // Nothing moves: no animation, no transition on the pods and nodes.
  const motion = await page.$$eval('[data-testid=flow-pod], [data-testid=flow-node], .flow-caption-text', (els) =>
    els.map((e) => [getComputedStyle(e).animationName, getComputedStyle(e).transitionDuration]),
  );
  assert.ok(motion.length > 5);
  for (const [animation, transition] of motion) {
    assert.equal(animation, 'none');
    assert.match(transition, /^0s(, 0s)*$/);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a NoExecute taint plays an eviction: the pod terminates at the taint manager\'s step', async () => {
  const { page, errors } = await open();
  const field = page.locator(`${card('node-1')} [data-testid=taint-input]`);
  await field.fill('maintenance:NoExecute');
  await field.press('Enter');
  let state = await player(page);
  assert.match(state.title, /node-1 is tainted/);
  await pause(page);
  await page.locator('[data-testid=flow-restart]').click();
  let evictedAt = -1;
  state = await player(page);
  for (let i = 0; i < state.positions; i++) {
    state = await player(page);
    const pods = await podsIn(page, 'node-1');
    if (/^taint manager/.test(state.caption) && /evicts/.test(state.caption)) {
      evictedAt = i;
      assert.deepEqual(pods.map(([, s]) => s), ['Terminating'], 'the pod terminates at the eviction');
    } else if (evictedAt < 0) {
      assert.deepEqual(pods.map(([, s]) => s), ['Running'], `still running at step ${i + 1}: ${state.caption}`);
    }
    if (i + 1 < state.positions) await page.locator('[data-testid=flow-forward]').click();
  }
  assert.ok(evictedAt >= 1, 'an eviction step');
  assert.deepEqual(await podsIn(page, 'node-1'), [], 'gone at the end');
  assert.equal((await player(page)).summary, 'Settled: 2 pods on 2 of 5 nodes');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a template change plays a rolling update: old pods replaced one at a time, counters moving', async () => {
  const { page, errors } = await open();
  const yaml = await page.locator('[data-testid=yaml-editor]').inputValue();
  const editor = page.locator('[data-testid=yaml-editor]');
  await editor.fill(yaml.replace('node-exporter:v1.8.2', 'node-exporter:v1.9.0'));
  await editor.press('Control+Enter');
  await page.waitForFunction(() => /changes/.test(document.querySelector('[data-testid=flow-title]').textContent));
  await pause(page);
  await page.locator('[data-testid=flow-restart]').click();
  const { positions: steps } = await player(page);
  const upToDate = new Set();
  let maxTerminating = 0;
  let sawOld = false;
  for (let i = 0; i < steps; i++) {
    upToDate.add(await page.locator('[data-counter=up-to-date] .flow-counter-value').textContent());
    const terminating = await page.locator('[data-testid=flow-diagram] [data-testid=flow-pod][data-status=Terminating]').count();
    maxTerminating = Math.max(maxTerminating, terminating);
    sawOld ||= (await page.locator('[data-testid=flow-diagram] [data-testid=flow-pod].old').count()) > 0;
    if (i + 1 < steps) await page.locator('[data-testid=flow-forward]').click();
  }
  assert.ok(sawOld, 'pods of the old template drawn in their own shade');
  assert.equal(maxTerminating, 1, 'maxUnavailable 1: one pod at a time');
  for (const n of ['0', '1', '2', '3']) assert.ok(upToDate.has(n), `up to date passes ${n}: ${[...upToDate]}`);
  assert.equal(await page.locator('[data-testid=flow-diagram] [data-testid=flow-pod].old').count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test('250 nodes: the controller\'s burst animates smoothly (frame timings)', async () => {
  const { page, errors } = await open();
  await pasteNodes(page, nodeList(250));
  await page.locator('[data-testid=flow-diagram] [data-testid=flow-node][data-node-name="n0250"]').waitFor({ timeout: 30000 });
  await page.locator('[data-testid=flow-speed]').selectOption('4');
  await page.locator('[data-testid=flow-play-creation]').click();
  // Record every frame while the creation plays (2×: ~450 ms a step), from its
  // second step (the first frames include working out the simulation).
  await page.waitForFunction(() => Number(document.querySelector('[data-testid=flow-position]').dataset.step) >= 1);
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const times = [];
        const until = performance.now() + 9000;
        const tick = (t) => {
          times.push(t);
          const done = document.querySelector('[data-testid=flow-play]').getAttribute('aria-pressed') === 'false';
          if (t < until && !done) requestAnimationFrame(tick);
          else resolve(times);
        };
        requestAnimationFrame(tick);
      }),
  );
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const pct = (p) => gaps[Math.min(gaps.length - 1, Math.floor((gaps.length * p) / 100))];
  const seconds = (frames[frames.length - 1] - frames[0]) / 1000;
  const fps = gaps.length / seconds;
  const long = gaps.filter((g) => g > 50).length;
  console.log(
    `250-pod burst: ${gaps.length} frames in ${seconds.toFixed(1)} s (${fps.toFixed(1)} fps); ` +
      `median ${pct(50).toFixed(1)} ms, p95 ${pct(95).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${gaps[gaps.length - 1].toFixed(1)} ms; ${long} frames over 50 ms`,
  );
  assert.equal(await page.locator('[data-testid=flow-diagram] [data-testid=flow-pod]').count() > 0, true);
  // Generous bounds: a loaded CI machine renders headless Chromium in software.
  assert.ok(pct(50) < 20, `median frame ${pct(50)} ms`);
  assert.ok(long <= gaps.length / 20, `${long} of ${gaps.length} frames over 50 ms`);
  await page.waitForFunction(() => document.querySelector('[data-testid=flow-summary]').textContent.startsWith('Settled'), null, { timeout: 30000 });
  assert.equal(await page.locator('[data-testid=flow-summary]').textContent(), 'Settled: 250 pods on 250 nodes');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a cluster over 300 nodes is drawn in aggregate', async () => {
  const { page, errors } = await open();
  await pasteNodes(page, nodeList(400));
  await page.locator('[data-testid=flow-empty]').waitFor({ timeout: 30000 });
  await page.locator('[data-testid=flow-play-creation]').click();
  await page.locator('[data-testid=flow-aggregate]').waitFor({ timeout: 30000 });
  assert.equal(await page.locator('[data-testid=flow-bar]').count(), 5);
  assert.equal(await page.locator('[data-testid=flow-diagram] [data-testid=flow-node]').count(), 0);
  await page.locator('[data-testid=flow-speed]').selectOption('8');
  await page.waitForFunction(() => document.querySelector('[data-testid=flow-summary]').textContent.startsWith('Settled'), null, { timeout: 30000 });
  assert.equal(await page.locator('[data-testid=flow-summary]').textContent(), 'Settled: 400 pods on 400 nodes');
  assert.equal(await page.locator('[data-testid=flow-bar][data-status=ready] .flow-bar-count').textContent(), '400');
  assert.deepEqual(errors, []);
  await page.close();
});
