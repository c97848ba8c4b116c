// The built npm package (scripts/build-npm, then node --test crates/dsplay-js/tests/):
// imported as npm would resolve it (package.json's "main"), on the seeds' scenario.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const pkgDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'pkg');
const manifest = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const dsplay = await import(pathToFileURL(join(pkgDir, manifest.main)).href);
const { plan, simulate } = dsplay;

// The seeds' scenario (shared/conformance/cases/060-seed-monitoring-5-nodes.yaml):
// nodeSelector type=monitoring and a toleration for node-role NoSchedule.
const SEEDS = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-monitor
  namespace: default
spec:
  selector:
    matchLabels:
      app: node-monitor
  template:
    metadata:
      labels:
        app: node-monitor
    spec:
      containers:
      - name: main
        image: registry.example/node-monitor:1.0
      nodeSelector:
        type: monitoring
      tolerations:
      - key: node-role
        operator: Exists
        effect: NoSchedule
---
apiVersion: v1
kind: Node
metadata: {name: node-1, labels: {type: monitoring}}
---
apiVersion: v1
kind: Node
metadata: {name: node-2, labels: {type: logging}}
---
apiVersion: v1
kind: Node
metadata: {name: node-3, labels: {type: monitoring}}
spec:
  taints: [{key: node-role, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: node-4, labels: {type: monitoring}}
spec:
  taints: [{key: special, effect: NoSchedule}]
---
apiVersion: v1
kind: Node
metadata: {name: node-5, labels: {type: monitoring}}
`;

const NOW = { now: '2024-01-01T00:00:00Z' };

/** True when `value` holds only what JSON.parse could give: no Map, no undefined, no class instance. */
function plainJson(value) {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return true;
  if (Array.isArray(value)) return value.every(plainJson);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(plainJson);
}

/** Pods in the last snapshot of a timeline, whatever their status. */
function settledPods(timeline) {
  const last = timeline.steps.length ? timeline.steps.at(-1).after : timeline.start;
  return last.pods;
}

test('the package is named dsplay and declares its types', () => {
  assert.equal(manifest.name, 'dsplay');
  const types = readFileSync(join(pkgDir, manifest.types), 'utf8');
  assert.match(types, /export function plan\(objectsYaml: string, options\?: PlanOptions\): Plan;/);
  assert.match(types, /export function simulate\(objectsYaml: string, events\?: SimEvent\[\], options\?: SimulateOptions\): Timeline;/);
  for (const name of ['Plan', 'NodePlan', 'Action', 'Event', 'Status', 'RollingNumbers', 'Timeline', 'Step', 'Snapshot', 'PlanOptions', 'SimulateOptions', 'DsplayError']) {
    assert.match(types, new RegExp(`export interface ${name} `), name);
  }
  assert.match(types, /export type SimEvent =/);
});

test("the seeds' 5-node scenario gives 3 pods: on node-1, node-3 and node-5", () => {
  const result = plan(SEEDS, NOW);
  assert.equal(result.daemonSet, 'default/node-monitor');
  assert.deepEqual(result.validationErrors, []);
  assert.deepEqual(
    result.actions.map((a) => [a.type, a.node]),
    [['create', 'node-1'], ['create', 'node-3'], ['create', 'node-5']],
  );
  for (const action of result.actions) assert.match(action.pod, /^node-monitor-[a-z0-9]{5}$/);
  const node4 = result.nodes.find((n) => n.name === 'node-4');
  // NoSchedule keeps new pods off; it would not evict a running one.
  assert.deepEqual(node4, { name: 'node-4', shouldRun: false, shouldContinueRunning: true, reasons: ['node(s) had untolerated taint {special: }'] });
  assert.match(result.nodes.find((n) => n.name === 'node-2').reasons[0], /didn't match Pod's node affinity\/selector/);
  assert.equal(result.statusAfter.desiredNumberScheduled, 3);
  assert.equal(result.statusAfter.currentNumberScheduled, 3);
  assert.deepEqual(result.diagnostics, []);
});

test('the answers are plain objects and arrays, with null where the CLI prints null', () => {
  const result = plan(SEEDS, NOW);
  assert.ok(plainJson(result));
  assert.ok(Array.isArray(result.nodes) && Array.isArray(result.actions) && Array.isArray(result.events));
  assert.ok(!(result.status instanceof Map));
  assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
  const onDelete = plan(SEEDS.replace('spec:\n  selector:', 'spec:\n  updateStrategy: {type: OnDelete}\n  selector:'), NOW);
  assert.equal(onDelete.rolling, null);
  const timeline = simulate(SEEDS);
  assert.ok(plainJson(timeline));
  assert.ok(Array.isArray(timeline.steps));
  assert.equal(timeline.truncated, null);
});

test('the same input gives the same answer (seeded names, given clock)', () => {
  assert.deepEqual(plan(SEEDS, NOW), plan(SEEDS, NOW));
  assert.notDeepEqual(plan(SEEDS, { ...NOW, seed: 7 }).actions, plan(SEEDS, NOW).actions);
});

test('a YAML syntax error is thrown with its line and column', () => {
  const broken = SEEDS.replace('metadata: {name: node-5, labels: {type: monitoring}}', 'metadata: {name: node-5, labels: [type: monitoring}}');
  const node5Line = broken.split('\n').findIndex((line) => line.includes('name: node-5')) + 1;
  assert.throws(() => plan(broken, NOW), (error) => {
    assert.ok(error instanceof Error);
    assert.equal(error.file, 'objects.yaml');
    assert.equal(error.line, node5Line);
    assert.ok(error.column > 0);
    assert.ok(error.message.startsWith(`objects.yaml:${error.line}:${error.column}: `), error.message);
    assert.equal(error.diagnostics[0].severity, 'error');
    assert.equal(error.diagnostics[0].line, error.line);
    return true;
  });
});

test('a semantic read error is thrown at its field', () => {
  const wrong = SEEDS.replace('        type: monitoring\n      tolerations', '        type: 5\n      tolerations');
  assert.throws(() => plan(wrong, NOW), (error) => {
    assert.equal(error.line, 19);
    assert.match(error.message, /^objects\.yaml:19:\d+: spec\.template\.spec\.nodeSelector\.type: expected a string, got a number/);
    return true;
  });
});

test('warnings come back as diagnostics, with their line and column', () => {
  const result = plan(SEEDS.replace('spec:\n  selector:', 'spec:\n  replicas: 3\n  selector:'), NOW);
  assert.deepEqual(result.diagnostics, [
    { severity: 'warning', file: 'objects.yaml', line: 7, column: 3, message: 'unknown field "spec.replicas"' },
  ]);
});

test('several DaemonSets: the error lists them, the daemonSet option picks one', () => {
  const other = SEEDS.split('---')[0].replace('name: node-monitor\n  namespace: default', 'name: other\n  namespace: default');
  const both = `${SEEDS}---\n${other}`;
  assert.throws(() => plan(both, NOW), /the input holds 2 DaemonSets; pick one with the daemonSet option: default\/node-monitor, default\/other/);
  assert.equal(plan(both, { ...NOW, daemonSet: 'default/other' }).daemonSet, 'default/other');
});

test('bad options are refused by name', () => {
  assert.throws(() => plan(SEEDS, { daemonset: 'x' }), /unknown option "daemonset"; the options are: daemonSet, /);
  assert.throws(() => plan(SEEDS, { now: 'yesterday' }), /options\.now "yesterday" is not an RFC 3339 time/);
  assert.throws(() => plan(SEEDS, { ...NOW, seed: 'x' }), /^Error: options: invalid type: string "x", expected u64$/);
});

test('simulate with no events: the creation flow ends with the 3 pods running and ready', () => {
  const timeline = simulate(SEEDS);
  assert.equal(timeline.start.pods.length, 0);
  assert.equal(timeline.start.status, null);
  assert.equal(timeline.steps[0].actor, 'kubectl');
  const pods = settledPods(timeline);
  assert.deepEqual(pods.map((p) => p.node).sort(), ['node-1', 'node-3', 'node-5']);
  assert.ok(pods.every((p) => p.status === 'Running' && p.ready && p.updated));
  assert.equal(timeline.steps.at(-1).after.status.numberReady, 3);
});

test('simulate with an add-node event ends with 4 pods', () => {
  const timeline = simulate(SEEDS, [{ type: 'add-node', name: 'node-6', labels: { type: 'monitoring' } }]);
  assert.equal(timeline.start.pods.length, 3, 'events play on the settled cluster');
  assert.equal(timeline.steps[0].actor, 'node');
  assert.deepEqual(timeline.steps[0].touched, ['node-6']);
  const pods = settledPods(timeline);
  assert.equal(pods.length, 4);
  assert.ok(pods.some((p) => p.node === 'node-6' && p.status === 'Running'));
  assert.ok(timeline.steps.at(-1).after.nodes.find((n) => n.name === 'node-6').joined);
});

test('simulate plays each kind of event', () => {
  const events = [
    { type: 'taint', node: 'node-5', taint: 'maintenance=now:NoExecute' },
    { type: 'untaint', node: 'node-4', key: 'special', effect: 'NoSchedule' },
    { type: 'label', node: 'node-2', key: 'type', value: 'monitoring' },
    { type: 'label', node: 'node-1', key: 'type', value: null },
    { type: 'cordon', node: 'node-3', cordoned: true },
    { type: 'set-ready', node: 'node-3', ready: false },
    { type: 'set-image', container: 'main', image: 'registry.example/node-monitor:1.1' },
    { type: 'remove-node', node: 'node-2' },
  ];
  const timeline = simulate(SEEDS, events, { seed: 3 });
  const commands = timeline.steps.filter((s) => s.actor === 'kubectl').map((s) => s.caption);
  assert.ok(commands.includes('kubectl taint nodes node-5 maintenance=now:NoExecute'), commands.join('\n'));
  assert.ok(commands.includes('kubectl label nodes node-1 type-'), commands.join('\n'));
  assert.ok(commands.some((c) => c.startsWith('kubectl set image daemonset/node-monitor main=registry.example/node-monitor:1.1')), commands.join('\n'));
  const nodes = settledPods(timeline).map((p) => p.node).sort();
  assert.deepEqual(nodes, ['node-3', 'node-4']);
});

test('a bad event is thrown naming it', () => {
  assert.throws(() => simulate(SEEDS, [{ type: 'reboot', node: 'node-1' }]), /^Error: events\[0\] \(reboot\): unknown variant `reboot`/);
  assert.throws(() => simulate(SEEDS, [{ type: 'add-node', name: 'node-6' }, { type: 'taint', node: 'node-1' }]), /^Error: events\[1\] \(taint\): missing field `taint`$/);
  assert.throws(() => simulate(SEEDS, [{ type: 'taint', node: 'node-9', taint: 'a:NoSchedule' }]), /^Error: events\[0\] \(taint\): no node named "node-9" in the cluster/);
  assert.throws(() => simulate(SEEDS, [{ type: 'taint', node: 'node-1', taint: 'a:Sometimes' }]), /invalid taint effect: Sometimes/);
  assert.throws(() => simulate(SEEDS, [{ type: 'label', node: 'node-1', key: 'type', value: undefined }]), /a label event needs a value/);
  assert.throws(() => simulate(SEEDS, 'add-node'), /events must be an array/);
});

test('the CommonJS build also loads with require', () => {
  const required = createRequire(import.meta.url)(join(pkgDir, manifest.main));
  assert.equal(required.plan(SEEDS, NOW).actions.length, 3);
});
