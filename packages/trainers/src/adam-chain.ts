import { flattenTransform, type GradientTransformation, type Schedule } from '@sgn/optimizers';

/** An Adam-family chain read as the constants a fused Adam kernel needs. */
export interface AdamChain {
  beta1: number;
  beta2: number;
  eps: number;
  biasCorrection: boolean;
  /** λ of `addL2Gradient` before the moments (coupled L2, `adam`'s weight decay); 0 when absent. */
  coupled: number;
  /** λ of `addDecayedWeights` after the moments (decoupled, `adamw`'s weight decay); 0 when absent. */
  decoupled: number;
  /** The learning rate of update t (0 for the first). */
  learningRate: Schedule;
}

const SHAPE = 'chain(addL2Gradient?, scaleByAdam, addDecayedWeights?, scaleByLearningRate)';

/**
 * Reads an optimizer built from @sgn/optimizers (`adam({...})`, `adamw({...})` or the same transformations in a
 * `chain`) into the constants of a fused Adam kernel. The kernels run exactly the chains of the shape
 * chain(addL2Gradient?, scaleByAdam, addDecayedWeights?, scaleByLearningRate); any other part is refused by name.
 *
 * @param optimizer - the transformation
 * @param engine - the engine's name, for the error
 * @returns the kernel's constants
 * @throws naming the first transformation the kernel cannot run, and the shape it can
 * @example
 * ```ts
 * matchAdamChain(adamw({ learningRate: 1e-3, weightDecay: 0.1 }), 'trainPatchCnn').decoupled; // 0.1
 * ```
 */
export function matchAdamChain(optimizer: GradientTransformation<unknown>, engine: string): AdamChain {
  const parts = flattenTransform(optimizer);
  let at = 0;
  const refuse = (why: string): never => {
    throw new Error(`${engine} runs ${SHAPE}; ${why}`);
  };
  let coupled = 0;
  let decoupled = 0;
  if (parts[at]?.kind === 'addL2Gradient') coupled = (parts[at++] as { weightDecay: number }).weightDecay;
  const moments = parts[at++];
  if (moments?.kind !== 'scaleByAdam') refuse(`part ${at} is ${moments ? moments.kind : 'missing'}, not scaleByAdam`);
  const adam = moments as Extract<typeof moments, { kind: 'scaleByAdam' }>;
  if (parts[at]?.kind === 'addDecayedWeights') decoupled = (parts[at++] as { weightDecay: number }).weightDecay;
  const rate = parts[at++];
  if (rate?.kind !== 'scaleByLearningRate')
    refuse(`part ${at} is ${rate ? rate.kind : 'missing'}, not scaleByLearningRate`);
  if (at < parts.length) refuse(`it cannot run ${parts[at].kind} after scaleByLearningRate`);
  const { beta1, beta2, eps, biasCorrection } = adam;
  return {
    beta1,
    beta2,
    eps,
    biasCorrection,
    coupled,
    decoupled,
    learningRate: (rate as { learningRate: Schedule }).learningRate,
  };
}
