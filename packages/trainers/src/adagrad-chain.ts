import { flattenTransform, type GradientTransformation, type Schedule } from '@sgn/optimizers';

/** An Adagrad chain read as the constants a fused Adagrad step needs. */
export interface AdagradChain {
  eps: number;
  initialAccumulator: number;
  /** The learning rate of update t (0 for the first). */
  learningRate: Schedule;
}

const SHAPE = 'chain(scaleByAdagrad, scaleByLearningRate)';

/**
 * Reads an optimizer built from @sgn/optimizers (`adagrad({...})` or `chain(scaleByAdagrad(...),
 * scaleByLearningRate(...))`) into the constants of a fused Adagrad step; any other part is refused by name.
 *
 * @param optimizer - the transformation
 * @param engine - the engine's name, for the error
 * @returns ε, the initial accumulator and the learning-rate schedule
 * @throws naming the first transformation the engine cannot run, and the shape it can
 * @example
 * ```ts
 * matchAdagradChain(adagrad({ learningRate: 0.5 }), 'trainRsetcFused').learningRate(0); // 0.5
 * ```
 */
export function matchAdagradChain(optimizer: GradientTransformation<unknown>, engine: string): AdagradChain {
  const parts = flattenTransform(optimizer);
  const refuse = (at: number, want: string): never => {
    throw new Error(
      `${engine} runs ${SHAPE}; part ${at + 1} is ${parts[at] ? parts[at].kind : 'missing'}, not ${want}`,
    );
  };
  const [moments, rate] = parts;
  if (moments?.kind !== 'scaleByAdagrad') return refuse(0, 'scaleByAdagrad');
  if (rate?.kind !== 'scaleByLearningRate') return refuse(1, 'scaleByLearningRate');
  if (parts.length > 2)
    throw new Error(`${engine} runs ${SHAPE}; it cannot run ${parts[2].kind} after scaleByLearningRate`);
  return { eps: moments.eps, initialAccumulator: moments.initialAccumulator, learningRate: rate.learningRate };
}
