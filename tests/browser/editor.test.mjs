// The DaemonSet editor in the built site (dist/, from `trunk build --release`),
// driven with real keystrokes in headless Chromium.
// Run: node --test tests/browser/editor.test.mjs
//
// The page opens on the `selector-taints` preset: `nodeSelector: {type: monitoring}`
// puts pods on node-1, node-3 and node-5 (node-4's `special` taint keeps it out);
// `type: logging` would put one on node-2 alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { site, nodesWithPods, podNames } from './helpers.mjs';

const { open, ctx } = site();

const MONITORING = ['node-1', 'node-3', 'node-5'];
const LOGGING = ['node-2'];

/** Opens the site with the page's timers under the test's control (paused). */
async function openPaused() {
  const context = await ctx.browser.newContext();
  await context.clock.install();
  const opened = await open('', { context });
  const now = await opened.page.evaluate(() => Date.now());
  await opened.page.clock.pauseAt(now + 1000);
  return opened;
}

/** Selects `monitoring` in `type: monitoring` so that typing replaces it. */
async function selectNodeSelectorValue(page) {
  const editor = page.locator('[data-testid=yaml-editor]');
  await editor.click();
  await editor.evaluate((el) => {
    const at = el.value.indexOf('type: monitoring') + 'type: '.length;
    el.setSelectionRange(at, at + 'monitoring'.length);
  });
  return editor;
}

/** The 1-based line the caret is on. */
async function caretLine(page) {
  return page.locator('[data-testid=yaml-editor]').evaluate((el) => el.value.slice(0, el.selectionStart).split('\n').length);
}

test('typing applies after a pause in typing, not at each keystroke', async () => {
  const { page, errors, context } = await openPaused();
  assert.deepEqual(await nodesWithPods(page), MONITORING);
  const editor = await selectNodeSelectorValue(page);
  await page.keyboard.type('logging', { delay: 10 });
  assert.match(await editor.inputValue(), /type: logging/);
  // Coloured as typed...
  assert.match(await page.locator('.editor-highlight').textContent(), /type: logging/);
  // ...but not applied while the pause has not elapsed (the page's clock is paused).
  assert.deepEqual(await nodesWithPods(page), MONITORING);
  await page.clock.runFor(150);
  assert.deepEqual(await nodesWithPods(page), MONITORING);
  await page.clock.runFor(400);
  await page.waitForFunction(
    (want) => [...document.querySelectorAll('[data-testid=node]')].filter((c) => c.querySelector('[data-testid=pod]')).map((c) => c.dataset.nodeName).join() === want,
    LOGGING.join(),
  );
  assert.deepEqual(await nodesWithPods(page), LOGGING);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Ctrl+Enter applies at once', async () => {
  const { page, errors, context } = await openPaused();
  await selectNodeSelectorValue(page);
  await page.keyboard.type('logging');
  await page.keyboard.press('Control+Enter');
  // No timer ran: the page's clock is still paused.
  await page.waitForFunction(() => document.querySelector('[data-node-name=node-2] [data-testid=pod]'));
  assert.deepEqual(await nodesWithPods(page), LOGGING);
  assert.doesNotMatch(await page.locator('[data-testid=yaml-editor]').inputValue(), /logging\n\n/, 'Ctrl+Enter added no line');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a YAML error is marked at its line, listed, and the last good pods stay', async () => {
  const { page, errors, context } = await open();
  const before = await podNames(page);
  assert.equal(before.length, 3);
  const editor = page.locator('[data-testid=yaml-editor]');
  const text = await editor.inputValue();
  const line = text.split('\n').findIndex((l) => l.startsWith('kind:')) + 1;
  assert.ok(line > 1);

  await editor.click();
  await editor.evaluate((el) => {
    const at = el.value.indexOf('kind: DaemonSet') + 'kind: DaemonSet'.length;
    el.setSelectionRange(at, at);
  });
  await page.keyboard.type(': oops');
  await page.keyboard.press('Control+Enter');

  const marker = page.locator(`.editor-gutter [data-line="${line}"] .marker.error`);
  await marker.waitFor();
  assert.match(await marker.getAttribute('title'), /mapping values are not allowed/);
  assert.equal(await page.locator('.editor-gutter .marker.error').count(), 1);
  const list = page.locator('[data-testid=diagnostics]');
  assert.match(await list.textContent(), new RegExp(`daemonset\\.yaml:${line}:\\d+: mapping values are not allowed in this context`));
  assert.match(await page.locator('[data-testid=stale]').textContent(), /last DaemonSet that read cleanly/);
  // The cluster still shows the last good DaemonSet's pods.
  assert.deepEqual(await nodesWithPods(page), MONITORING);
  assert.deepEqual(await podNames(page), before);

  // The diagnostic takes the caret to its line, from the keyboard.
  await list.getByRole('button', { name: /mapping values/ }).focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'yaml-editor');
  assert.equal(await caretLine(page), line);

  // Mending the text clears the marker.
  await page.keyboard.press('End');
  for (let i = 0; i < ': oops'.length; i++) await page.keyboard.press('Backspace');
  await page.keyboard.press('Control+Enter');
  await page.locator('.editor-gutter .marker.error').waitFor({ state: 'detached' });
  assert.equal(await page.locator('[data-testid=stale]').count(), 0);
  assert.deepEqual(await nodesWithPods(page), MONITORING);
  assert.deepEqual(errors, []);
  await context.close();
});

test('Tab indents (undoably); Esc then Tab leaves the editor', async () => {
  const { page, errors, context } = await open();
  const editor = page.locator('[data-testid=yaml-editor]');
  const text = await editor.inputValue();
  await editor.click();
  await editor.evaluate((el) => {
    const at = el.value.indexOf('spec:');
    el.setSelectionRange(at, at);
  });
  await page.keyboard.press('Tab');
  assert.equal(await editor.inputValue(), text.replace('\nspec:', '\n  spec:'));
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'yaml-editor');
  await page.keyboard.press('Shift+Tab');
  assert.equal(await editor.inputValue(), text);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+z');
  assert.equal(await editor.inputValue(), text, 'Ctrl+Z undoes the indentation');

  // Enter keeps the indentation.
  await editor.evaluate((el) => {
    const at = el.value.indexOf('app: node-monitor') + 'app: node-monitor'.length;
    el.setSelectionRange(at, at);
  });
  await page.keyboard.press('Enter');
  await page.keyboard.type('tier: x');
  assert.match(await editor.inputValue(), /\n    app: node-monitor\n    tier: x\n/);

  // Esc, then Tab: focus moves on and nothing is inserted.
  const value = await editor.inputValue();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  assert.notEqual(await page.evaluate(() => document.activeElement?.dataset.testid), 'yaml-editor');
  assert.equal(await editor.inputValue(), value);
  // Back with Shift+Tab (the editor keeps focus styles on its frame).
  await page.keyboard.press('Shift+Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'yaml-editor');
  assert.equal(await page.locator('.editor-frame:focus-within').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the coloured copy lines up with the textarea', async () => {
  const { page, errors, context } = await open();
  const editor = page.locator('[data-testid=yaml-editor]');
  // A long line and a trailing empty line: the scroller scrolls, never the textarea.
  await editor.fill(`${await editor.inputValue()}# ${'x'.repeat(400)}\n\n`);
  const m = await page.evaluate(() => {
    const area = document.querySelector('[data-testid=yaml-editor]');
    const pre = document.querySelector('.editor-highlight');
    const a = getComputedStyle(area);
    const p = getComputedStyle(pre);
    const props = ['fontFamily', 'fontSize', 'lineHeight', 'paddingTop', 'paddingLeft', 'letterSpacing', 'whiteSpace', 'tabSize'];
    return {
      same: props.filter((k) => a[k] !== p[k]),
      text: pre.textContent === area.value,
      lines: area.value.split('\n').length,
      gutter: document.querySelectorAll('.editor-gutter .gutter-line').length,
      areaRect: area.getBoundingClientRect().toJSON(),
      preRect: pre.getBoundingClientRect().toJSON(),
      overflowX: area.scrollWidth - area.clientWidth,
      overflowY: area.scrollHeight - area.clientHeight,
      color: a.color,
    };
  });
  assert.deepEqual(m.same, [], 'the textarea and the <pre> differ in font metrics');
  assert.ok(m.text);
  assert.equal(m.gutter, m.lines);
  assert.ok(Math.abs(m.areaRect.left - m.preRect.left) < 0.5 && Math.abs(m.areaRect.top - m.preRect.top) < 0.5, JSON.stringify(m));
  assert.ok(m.overflowX <= 1 && m.overflowY <= 1, `the textarea scrolls inside itself: ${JSON.stringify(m)}`);
  assert.equal(m.color, 'rgba(0, 0, 0, 0)');

  // Far right on the long line the box scrolls sideways; back at the line's
  // start the caret comes out from under the sticky gutter.
  await editor.evaluate((el) => {
    const at = el.value.indexOf('xxxx') + 390;
    el.setSelectionRange(at, at);
  });
  await page.keyboard.type('y');
  assert.ok((await page.locator('.editor-scroll').evaluate((b) => b.scrollLeft)) > 0);
  await page.keyboard.press('Home');
  await page.keyboard.type('z');
  assert.equal(await page.locator('.editor-scroll').evaluate((b) => b.scrollLeft), 0);

  // Typing at the end of a long text scrolls the editor's box to the caret.
  await editor.fill(`${'# filler\n'.repeat(150)}kind: DaemonSet\n`);
  await editor.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('x');
  const scrolled = await page.evaluate(() => {
    const box = document.querySelector('.editor-scroll');
    const rows = document.querySelectorAll('.editor-gutter .gutter-line');
    const last = rows[rows.length - 1].getBoundingClientRect();
    const view = box.getBoundingClientRect();
    const middle = (last.top + last.bottom) / 2;
    return { top: box.scrollTop, visible: middle > view.top && middle < view.bottom };
  });
  assert.ok(scrolled.top > 0 && scrolled.visible, JSON.stringify(scrolled));
  assert.deepEqual(errors, []);
  await context.close();
});
