import '@sgn/backend-webgl';
import { registeredBackends, useBackend } from '@sgn/tensor';
import { describe, expect, it } from 'vitest';

describe('@sgn/backend-webgl under Node', () => {
  it('registers nothing, and useBackend says webgl needs a browser', async () => {
    expect(registeredBackends()).not.toContain('webgl');
    await expect(useBackend('webgl')).rejects.toThrow('needs a browser with WebGL');
  });
});
