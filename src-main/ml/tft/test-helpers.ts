/**
 * Shared test utilities for the TFT blocks: backend set-up and tensor-leak assertions.
 * Not a test file itself (no `.test.ts` suffix), so vitest only runs it via imports.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { initBackend, type BackendChoice } from '../backend';

/** Initialises the best backend once per test file and returns the choice. */
export async function setupBackend(): Promise<BackendChoice> {
  return initBackend();
}

/** Runs `fn` and asserts that it leaves the live tensor count unchanged. */
export async function expectNoLeak(fn: () => void | Promise<void>): Promise<void> {
  const before = tf.memory().numTensors;
  await fn();
  expect(tf.memory().numTensors).toBe(before);
}

/** Reads a tensor into a flat number array; the caller still owns (and disposes) the tensor. */
export function values(t: tf.Tensor): number[] {
  return Array.from(t.dataSync());
}
