/** A rule sgn(direction · (f - threshold)) on one feature f of an example. */
export interface ThresholdRule {
  threshold: number;
  direction: 1 | -1;
  /** Its accuracy on the data it was fitted on. */
  accuracy: number;
}

/**
 * The best threshold rule on one feature, fitted on training data: every threshold between consecutive feature
 * values and both directions, the most accurate kept (ties at the first). The simplest baseline of a set or graph
 * task: a threshold on Σ_i x_i is the best permutation-invariant linear rule; on a graph's edge count, the best
 * rule that reads its density only.
 *
 * @param feature - the feature of each training example
 * @param y - labels ±1
 * @returns the rule and its training accuracy
 */
export function fitThresholdRule(feature: ArrayLike<number>, y: ArrayLike<number>): ThresholdRule {
  const count = y.length;
  if (feature.length !== count || count < 1)
    throw new Error(`feature and y must have the same non-zero length, got ${feature.length} and ${count}`);
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => feature[a] - feature[b]);
  // rule "+1 above t": correct = positives above t + negatives at or below t; start with t below every value
  let positivesAbove = 0;
  for (let i = 0; i < count; i++) if (y[i] > 0) positivesAbove++;
  let negativesBelow = 0;
  let best: ThresholdRule = { threshold: -Infinity, direction: 1, accuracy: 0 };
  const consider = (threshold: number) => {
    const up = (positivesAbove + negativesBelow) / count;
    if (up > best.accuracy) best = { threshold, direction: 1, accuracy: up };
    if (1 - up > best.accuracy) best = { threshold, direction: -1, accuracy: 1 - up };
  };
  consider(feature[order[0]] - 1);
  for (let k = 0; k < count; k++) {
    const i = order[k];
    if (y[i] > 0) positivesAbove--;
    else negativesBelow++;
    const next = k + 1 < count ? feature[order[k + 1]] : feature[i] + 1;
    if (next > feature[i]) consider((feature[i] + next) / 2);
  }
  return best;
}

/** The accuracy of a threshold rule on labelled data (a feature exactly at the threshold predicts -direction). */
export function thresholdRuleAccuracy(rule: ThresholdRule, feature: ArrayLike<number>, y: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) {
    const prediction = feature[i] > rule.threshold ? rule.direction : -rule.direction;
    if (prediction === y[i]) correct++;
  }
  return correct / y.length;
}
