import { rampPoints } from '@sgn/data';
import { criticalP, rampCriticalP, sparsestInterpolant } from '@sgn/theory';
import { defineExperiment, number } from '../../harness/settings.js';

/**
 * p* and the knot counts on the ramp over its parameter e, exact (the finite reduction's vertex costs over every
 * run, `criticalP`) against the closed form of the ramp's two vertices (`rampCriticalP`): sweep-shaped, e.g.
 * `sgn sweep lp-critical-p --grid e=0.005..0.4*12 --seeds 0..0`. Deterministic: the seed is not used.
 */
export const lpCriticalPExperiment = defineExperiment({
  id: 'lp-critical-p',
  paper: 'Nakhleh & Nowak, arXiv 2505.21791',
  claim:
    "The ramp's lp minimizer is the sparsest interpolant (2 knots) only below p*(e), the root of 2(1 + e)^p = 2e^p + 2^p; above it, 3 knots",
  schema: {
    e: number({
      description: 'ramp parameter',
      min: 0,
      max: 10,
      exclusiveMin: true,
      defaults: { quick: 0.05, paper: 0.05 },
    }),
  },
  async run({ e }) {
    const points = rampPoints(e);
    const exact = criticalP(points);
    const closed = rampCriticalP(e);
    return {
      complete: true,
      metrics: {
        pStar: exact.pStar,
        pStarClosedForm: closed,
        difference: exact.pStar !== null && closed !== null ? exact.pStar - closed : null,
        knotsBelow: exact.knotsBelow,
        knotsAbove: exact.knotsAbove,
        sparsestKnots: sparsestInterpolant(points).knotCount,
      },
      curves: {},
      plots: [],
    };
  },
});
