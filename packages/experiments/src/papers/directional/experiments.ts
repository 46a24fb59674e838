import { c0, type RadialLaw } from '@sgn/data';
import { firstPhaseEnd, runDirectional, type DirectionalCurves } from '@sgn/trainers';
import { depth2LogTanHalf, fitRate, flowCosLowerBound, theorem5UpperCosBound } from '@sgn/theory';
import { runUnits, type LivePicture, type PlotSpec } from '../../harness/experiment.js';
import { choice, defineExperiment, integer, limitStretch, number } from '../../harness/settings.js';

const LAWS = ['sphere', 'gaussian', 'ball', 'student-t'] as const;

function lawOf(name: (typeof LAWS)[number]): RadialLaw {
  return name === 'student-t' ? { kind: 'student-t', nu: 5 } : { kind: name };
}

/**
 * The point (sin θ, cos θ) of the unit circle for 1 - cos θ, θ in [0, π]: the direction w_e/‖w_e‖ in the plane of v
 * (the vertical axis) and w_e's component across v (the horizontal one). sin² θ = (1 - cos θ)(1 + cos θ).
 */
function circlePoint(oneMinusCos: number): [number, number] {
  return [Math.sqrt(Math.max(0, oneMinusCos * (2 - oneMinusCos))), 1 - oneMinusCos];
}

/**
 * The live picture of the directional page: each depth's end-to-end vector w_e = ‖w_e‖ (sin θ, cos θ) so far, in
 * the plane of v (up) and w_e's component across it, with the unit circle and v; the title gives depth `at`'s
 * latest angle. The direction turning towards v is the mechanism; the distance from 0 is the norm (its dip, deep).
 */
function directionPicture(depths: number[], paths: [number, number][][], at: number, t: number): LivePicture {
  const names = depths.map((depth) => `depth-${depth}`);
  const columns = ['across', 'circle', 'v', ...names];
  const row = (x: number, column: number, y: number) =>
    Array.from({ length: columns.length }, (_, i) => (i === 0 ? x : i === column ? y : Number.NaN));
  const rows = Array.from({ length: 73 }, (_, i) => row(Math.sin((i * Math.PI) / 36), 1, Math.cos((i * Math.PI) / 36)));
  rows.push(row(0, 2, 1));
  paths.forEach((path, index) =>
    path.forEach(([oneMinusCos, norm]) => {
      const [across, along] = circlePoint(oneMinusCos);
      rows.push(row(norm * across, index + 3, norm * along));
    }),
  );
  const [last] = paths[at][paths[at].length - 1];
  const degrees = (Math.acos(1 - last) * 180) / Math.PI;
  return {
    plot: {
      name: 'direction',
      title: `w_e turning towards v: ${names[at]} at t = ${Number(t.toPrecision(4))}, θ = ${degrees.toFixed(2)}°`,
      curve: 'direction',
      x: 'across',
      y: ['circle', 'v', ...names],
      xTitle: 'w_e across v (‖w_e‖ sin θ)',
      yTitle: 'w_e along v (‖w_e‖ cos θ)',
      reference: ['circle'],
      points: ['v'],
      labels: { circle: 'the unit circle', v: 'v, the target direction' },
      path: true,
      equalAxes: true,
    },
    curve: { columns, rows },
  };
}

/**
 * The paper's Figure 1, generalized: population GD (or fresh SGD batches) on depth-1, depth-2 and depth-N balanced
 * linear networks from w(0) = (0.6, -0.8, 0, ...), v = e2; 1 - cos θ, loss and ‖w_e‖ against t = ηn, with the
 * depth-2 closed form and the Theorem 1 / Theorem 5 (polynomial phase, corrected exponent) lower bounds on cos θ
 * drawn as 1 - bound, each phase's bound on its side of T (the time ‖w_e‖ is smallest), and Theorem 5's upper bound.
 */
export const directionalFigure1Experiment = defineExperiment({
  id: 'directional-figure1',
  paper: 'Lin, Sun & Zhang, NeurIPS 2021',
  claim:
    'Depth 2 converges in direction at the linear rate c0/π from the start; depth 1 slower than exponential; deeper nets dip in norm, then converge faster',
  schema: {
    law: choice({ description: 'radial law of x', choices: LAWS, defaults: { quick: 'sphere', paper: 'sphere' } }),
    d: integer({ description: 'dimension', min: 2, max: 1000, defaults: { quick: 2, paper: 2 } }),
    deepDepth: integer({
      description: 'depth of the deep network (besides depths 1 and 2)',
      min: 3,
      max: 64,
      defaults: { quick: 4, paper: 4 },
    }),
    eta: number({
      description: 'step size η',
      min: 0,
      max: 100,
      exclusiveMin: true,
      defaults: { quick: 1e-3, paper: 1e-3 },
    }),
    steps: integer({
      description: 'GD steps (t = η·steps)',
      min: 1,
      max: 100_000_000,
      defaults: { quick: 30_000, paper: 40_000 },
    }),
    batch: integer({
      description: '0: exact population gradient; otherwise fresh SGD batches of this size (the paper: 1000)',
      min: 0,
      max: 1_000_000,
      defaults: { quick: 0, paper: 1000 },
    }),
  },
  extraPresets: {
    live: {
      base: 'quick',
      values: { steps: 20_000 },
      description: "the docs site's live run: the quick preset to t = 20",
    },
  },
  metricsPlots: [
    {
      name: 'angle',
      title: 'Angle between the end-to-end vector and v, per depth',
      x: 't',
      y: ['oneMinusCos'],
      xTitle: 't = η·step',
      yTitle: '1 - cos θ',
      logY: true,
    },
    {
      name: 'norm',
      title: 'Norm of the end-to-end vector, per depth',
      x: 't',
      y: ['norm'],
      xTitle: 't = η·step',
      yTitle: '‖w_e‖',
    },
  ],
  livePictures: ['direction'],
  validate({ deepDepth, d, batch }) {
    // the balanced initialization draws the layers; one SGD step draws a batch of d-vectors and pushes it through
    limitStretch('draws', 'deepDepth·d²', deepDepth * d * d);
    limitStretch('draws', 'batch·d', batch * d);
  },
  async run(settings, context) {
    const d = settings.d;
    const law = lawOf(settings.law);
    const constant = c0(law, d, { seed: context.seed }).value;
    const depths = [1, 2, settings.deepDepth];
    const v = Array.from({ length: d }, (_, j) => (j === 1 ? 1 : 0));
    const w0 = Array.from({ length: d }, (_, j) => (j === 0 ? 0.6 : j === 1 ? -0.8 : 0));
    const batch = settings.batch;
    // the live picture's paths: 1 - cos θ and ‖w_e‖ at each record, per depth
    const paths: [number, number][][] = depths.map(() => []);
    const { units, complete } = await runUnits(depths.length, context, (index) =>
      runDirectional({
        depth: depths[index],
        v,
        w0,
        eta: settings.eta,
        steps: settings.steps,
        seed: context.seed,
        signal: context.signal,
        source: batch > 0 ? { kind: 'sgd', law, batch } : { kind: 'population', law },
        onRecord: (record) => {
          context.onMetrics?.({ run: `depth-${depths[index]}`, ...record });
          if (!context.onPicture) return;
          paths[index].push([record.oneMinusCos, record.norm]);
          context.onPicture(directionPicture(depths, paths, index, record.t));
        },
      }),
    );
    const curves: DirectionalCurves[] = units;
    const theta0 = Math.acos(-0.8);
    const norm0 = Math.hypot(...w0);
    const columns = (c: DirectionalCurves, depth: number) => {
      // Theorems 1 and 5 have one bound up to T (‖w_e‖ smallest) and another after it, started from the angle and
      // norm at T; Theorem 5 also bounds cos θ from above (drawn as 1 - upper, below the curve)
      const end = firstPhaseEnd(c);
      return {
        columns: ['t', 'oneMinusCos', 'logTanHalf', 'norm', 'loss', 'bound', 'upperBound', 'relativeResidual'],
        rows: c.t.map((t, i) => {
          let bound: number;
          if (depth === 2) {
            const tan2 = Math.exp(2 * depth2LogTanHalf(theta0, constant, t));
            bound = (2 * tan2) / (1 + tan2);
          } else bound = 1 - flowCosLowerBound({ theta: theta0, norm: norm0 }, end, constant, depth, t);
          const upper = depth > 2 ? 1 - theorem5UpperCosBound(theta0, norm0, constant, depth, t) : Number.NaN;
          // depth 2 has a closed form (the flow): GD's relative departure from it; deeper nets have bounds only
          const residual = depth === 2 ? c.oneMinusCos[i] / bound - 1 : Number.NaN;
          return [t, c.oneMinusCos[i], c.logTanHalf[i], c.norm[i], c.loss[i], bound, upper, residual];
        }),
      };
    };
    const out: Record<string, { columns: string[]; rows: number[][] }> = {};
    curves.forEach((c, i) => (out[`depth${depths[i]}`] = columns(c, depths[i])));
    const tEnd = settings.eta * settings.steps;
    const rate = (c: DirectionalCurves, from: number, to: number) => {
      try {
        return fitRate(c.t, c.logTanHalf, from, to);
      } catch {
        return null;
      }
    };
    return {
      complete,
      metrics: {
        c0: constant,
        depths: depths.slice(0, curves.length),
        finalOneMinusCos: curves.map((c) => c.oneMinusCos.at(-1)),
        minNorm: curves.map((c) => Math.min(...c.norm)),
        // T of Theorems 1 and 5: where ‖w_e‖ is smallest (their bounds hold up to it)
        firstPhaseEnd: curves.map((c) => firstPhaseEnd(c).t),
        lateRate: curves.map((c) => rate(c, tEnd * 0.75, tEnd)),
        depth2PredictedRate: -constant / Math.PI,
      },
      curves: out,
      plots: curves.flatMap((_, i): PlotSpec[] => [
        ...(depths[i] === 2
          ? [
              {
                name: 'residual-depth2',
                title: 'Depth 2: GD against the closed form, (1 - cos θ) / (1 - cos θ of the flow) - 1',
                curve: 'depth2',
                x: 't',
                y: ['relativeResidual'],
                xTitle: 't = η · steps',
                yTitle: 'relative residual',
                labels: { relativeResidual: 'GD / closed form - 1' },
              },
            ]
          : []),
        {
          name: `angle-depth${depths[i]}`,
          title: `Depth ${depths[i]}: 1 - cos θ (and ${depths[i] === 2 ? 'the closed form' : 'the flow bounds of the two phases, split at T where ‖w_e‖ is smallest'})`,
          curve: `depth${depths[i]}`,
          x: 't',
          y: depths[i] > 2 ? ['oneMinusCos', 'bound', 'upperBound'] : ['oneMinusCos', 'bound'],
          xTitle: 't = η · steps',
          yTitle: '1 - cos θ (angle to v)',
          reference: ['bound', 'upperBound'],
          labels: {
            oneMinusCos: '1 - cos θ, gradient descent',
            bound: depths[i] === 2 ? 'closed form (the flow)' : '1 - lower bound on cos θ (Theorems 1, 5)',
            upperBound: '1 - upper bound on cos θ (Theorem 5)',
          },
          logY: true,
        },
        {
          name: `norm-depth${depths[i]}`,
          title: `Depth ${depths[i]}: ‖w_e‖ and loss`,
          curve: `depth${depths[i]}`,
          x: 't',
          y: ['norm', 'loss'],
          xTitle: 't = η · steps',
          yTitle: '‖w_e‖ and population loss',
          labels: { norm: '‖w_e‖', loss: 'population loss' },
        },
      ]),
    };
  },
});
