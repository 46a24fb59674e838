import '@sgn/backend-cpu';
import { registeredBackends, tf, useBackend } from '@sgn/tensor';
import { describeConformance, expectNoLeak, runConformance } from '@sgn/tensor/testing';
import { describe, expect, it, vi } from 'vitest';

describeConformance(['cpu']);

describe('@sgn/backend-cpu', () => {
  it('registers cpu and activates it without the node-backend banner', async () => {
    expect(registeredBackends()).toContain('cpu');
    const warn = vi.spyOn(console, 'warn');
    const log = vi.spyOn(console, 'log');
    await useBackend('cpu');
    tf.tidy(() => tf.add(tf.ones([2]), 1).dataSync());
    expect(warn).not.toHaveBeenCalled();
    expect(log).not.toHaveBeenCalled();
  });

  it('the conformance cases leave no tensors behind', async () => {
    await useBackend('cpu');
    await expectNoLeak(() => runConformance());
  });
});
