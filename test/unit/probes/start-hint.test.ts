import { expect, test } from 'vitest';
import { startHint } from '../../../extension/features/probes/start-hint.ts';

const all = { models: ['m'], suites: ['sorting-8'], strategies: ['direct' as const], perturbations: ['none' as const] };

test('a run that can start needs no hint', () => {
  expect(startHint(all)).toBe('');
});

test('the hint names every group with nothing ticked, in the order of the form', () => {
  expect(startHint({ ...all, suites: [] })).toBe('Tick at least one suite to start a run.');
  expect(startHint({ ...all, suites: [], strategies: [] })).toBe('Tick at least one suite and one strategy to start a run.');
  expect(startHint({ models: [], suites: [], strategies: [], perturbations: [] }))
    .toBe('Tick at least one model, one suite, one strategy and one perturbation to start a run.');
});
