;; One Adam step over coordinates [start, end) of four float64 arrays in shared memory (weights, gradient, first
;; and second moments at byte offsets w, g, m, v), two coordinates per instruction (f64x2), clearing the gradient.
;; The operations of the optimizer chain addL2Gradient(coupled), scaleByAdam, addDecayedWeights(decoupled),
;; scaleByLearningRate(eta), in the order of `adamPassImpl` in @sgn/backend-cpu, each correctly rounded (wasm has no
;; fused multiply-add), so the numbers are identical to the scalar loop to the last bit:
;;   g' = g + coupled w;  m' = beta1 m + (1 - beta1) g';  v' = beta2 v + ((1 - beta2) g') g'
;;   w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
;; `adam` divides by the bias corrections c1 = 1 - beta1^t, c2 = 1 - beta2^t; `adam_uncorrected` is the same step
;; with c1 = c2 = 1, without the two divisions (x / 1 = x exactly, so the numbers are the same).
;; `end - start` must be even; the caller runs an odd last coordinate in JavaScript.
;; Both run four pairs per iteration, written out, then the last pairs one at a time: independent pairs in flight
;; keep the divider and square root busy (measured on the uncorrected pass over 400k coordinates, one thread: 1.25 ms
;; a pass one pair at a time, 1.03 with two, 0.93 with four, 0.93 with eight). Every pair gets the same operations,
;; so the numbers are the same.
(module
  (import "env" "memory" (memory 1 65536 shared))
  (func (export "adam")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $start i32) (param $end i32)
    (param $beta1 f64) (param $beta2 f64) (param $eps f64) (param $eta f64) (param $coupled f64)
    (param $c1 f64) (param $c2 f64) (param $decoupled f64)
    (local $at i32) (local $stop i32)
    (local $b1 v128) (local $b2 v128) (local $k1 v128) (local $k2 v128) (local $e v128) (local $lr v128)
    (local $c v128) (local $dec v128) (local $q1 v128) (local $q2 v128) 
    (local $wi v128) (local $gi v128) (local $m1 v128) (local $m2 v128)
    (local $at1 i32) (local $wi_1 v128) (local $gi_1 v128) (local $m1_1 v128) (local $m2_1 v128)
    (local $at2 i32) (local $wi_2 v128) (local $gi_2 v128) (local $m1_2 v128) (local $m2_2 v128)
    (local $at3 i32) (local $wi_3 v128) (local $gi_3 v128) (local $m1_3 v128) (local $m2_3 v128)
    (local.set $b1 (f64x2.splat (local.get $beta1)))
    (local.set $b2 (f64x2.splat (local.get $beta2)))
    (local.set $k1 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $k2 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta2))))
    (local.set $e (f64x2.splat (local.get $eps)))
    (local.set $lr (f64x2.splat (local.get $eta)))
    (local.set $c (f64x2.splat (local.get $coupled)))
    (local.set $dec (f64x2.splat (local.get $decoupled)))
    (local.set $q1 (f64x2.splat (local.get $c1)))
    (local.set $q2 (f64x2.splat (local.get $c2)))
    (local.set $at (i32.shl (local.get $start) (i32.const 3)))
    (local.set $stop (i32.shl (local.get $end) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 64)) (local.get $stop)))
        (local.set $at1 (i32.add (local.get $at) (i32.const 16)))
        (local.set $wi_1 (v128.load (i32.add (local.get $w) (local.get $at1))))
        ;; g' = g + coupled w
        (local.set $gi_1 (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at1)))
          (f64x2.mul (local.get $c) (local.get $wi_1))))
        (v128.store (i32.add (local.get $g) (local.get $at1)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1_1 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at1))))
          (f64x2.mul (local.get $k1) (local.get $gi_1))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2_1 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at1))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi_1)) (local.get $gi_1))))
        (v128.store (i32.add (local.get $m) (local.get $at1)) (local.get $m1_1))
        (v128.store (i32.add (local.get $v) (local.get $at1)) (local.get $m2_1))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at1))
          (f64x2.sub
            (local.get $wi_1)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (f64x2.div (local.get $m1_1) (local.get $q1)) (f64x2.add (f64x2.sqrt (f64x2.div (local.get $m2_1) (local.get $q2))) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi_1))))))
        (local.set $at2 (i32.add (local.get $at) (i32.const 32)))
        (local.set $wi_2 (v128.load (i32.add (local.get $w) (local.get $at2))))
        ;; g' = g + coupled w
        (local.set $gi_2 (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at2)))
          (f64x2.mul (local.get $c) (local.get $wi_2))))
        (v128.store (i32.add (local.get $g) (local.get $at2)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1_2 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at2))))
          (f64x2.mul (local.get $k1) (local.get $gi_2))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2_2 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at2))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi_2)) (local.get $gi_2))))
        (v128.store (i32.add (local.get $m) (local.get $at2)) (local.get $m1_2))
        (v128.store (i32.add (local.get $v) (local.get $at2)) (local.get $m2_2))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at2))
          (f64x2.sub
            (local.get $wi_2)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (f64x2.div (local.get $m1_2) (local.get $q1)) (f64x2.add (f64x2.sqrt (f64x2.div (local.get $m2_2) (local.get $q2))) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi_2))))))
        (local.set $at3 (i32.add (local.get $at) (i32.const 48)))
        (local.set $wi_3 (v128.load (i32.add (local.get $w) (local.get $at3))))
        ;; g' = g + coupled w
        (local.set $gi_3 (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at3)))
          (f64x2.mul (local.get $c) (local.get $wi_3))))
        (v128.store (i32.add (local.get $g) (local.get $at3)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1_3 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at3))))
          (f64x2.mul (local.get $k1) (local.get $gi_3))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2_3 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at3))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi_3)) (local.get $gi_3))))
        (v128.store (i32.add (local.get $m) (local.get $at3)) (local.get $m1_3))
        (v128.store (i32.add (local.get $v) (local.get $at3)) (local.get $m2_3))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at3))
          (f64x2.sub
            (local.get $wi_3)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (f64x2.div (local.get $m1_3) (local.get $q1)) (f64x2.add (f64x2.sqrt (f64x2.div (local.get $m2_3) (local.get $q2))) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi_3))))))
        (local.set $wi (v128.load (i32.add (local.get $w) (local.get $at))))
        ;; g' = g + coupled w
        (local.set $gi (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at)))
          (f64x2.mul (local.get $c) (local.get $wi))))
        (v128.store (i32.add (local.get $g) (local.get $at)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at))))
          (f64x2.mul (local.get $k1) (local.get $gi))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $m1))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $m2))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at))
          (f64x2.sub
            (local.get $wi)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (f64x2.div (local.get $m1) (local.get $q1)) (f64x2.add (f64x2.sqrt (f64x2.div (local.get $m2) (local.get $q2))) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi))))))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br $next)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $at) (local.get $stop)))
        (local.set $wi (v128.load (i32.add (local.get $w) (local.get $at))))
        ;; g' = g + coupled w
        (local.set $gi (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at)))
          (f64x2.mul (local.get $c) (local.get $wi))))
        (v128.store (i32.add (local.get $g) (local.get $at)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at))))
          (f64x2.mul (local.get $k1) (local.get $gi))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $m1))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $m2))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at))
          (f64x2.sub
            (local.get $wi)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (f64x2.div (local.get $m1) (local.get $q1)) (f64x2.add (f64x2.sqrt (f64x2.div (local.get $m2) (local.get $q2))) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $tail))))
  (func (export "adam_uncorrected")
    (param $w i32) (param $g i32) (param $m i32) (param $v i32) (param $start i32) (param $end i32)
    (param $beta1 f64) (param $beta2 f64) (param $eps f64) (param $eta f64) (param $coupled f64)
    (param $decoupled f64)
    (local $at i32) (local $stop i32)
    (local $b1 v128) (local $b2 v128) (local $k1 v128) (local $k2 v128) (local $e v128) (local $lr v128)
    (local $c v128) (local $dec v128) 
    (local $wi v128) (local $gi v128) (local $m1 v128) (local $m2 v128)
    (local $at1 i32) (local $wi_1 v128) (local $gi_1 v128) (local $m1_1 v128) (local $m2_1 v128)
    (local $at2 i32) (local $wi_2 v128) (local $gi_2 v128) (local $m1_2 v128) (local $m2_2 v128)
    (local $at3 i32) (local $wi_3 v128) (local $gi_3 v128) (local $m1_3 v128) (local $m2_3 v128)
    (local.set $b1 (f64x2.splat (local.get $beta1)))
    (local.set $b2 (f64x2.splat (local.get $beta2)))
    (local.set $k1 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta1))))
    (local.set $k2 (f64x2.splat (f64.sub (f64.const 1) (local.get $beta2))))
    (local.set $e (f64x2.splat (local.get $eps)))
    (local.set $lr (f64x2.splat (local.get $eta)))
    (local.set $c (f64x2.splat (local.get $coupled)))
    (local.set $dec (f64x2.splat (local.get $decoupled)))
    (local.set $at (i32.shl (local.get $start) (i32.const 3)))
    (local.set $stop (i32.shl (local.get $end) (i32.const 3)))
    (block $done
      (loop $next
        (br_if $done (i32.gt_u (i32.add (local.get $at) (i32.const 64)) (local.get $stop)))
        (local.set $at1 (i32.add (local.get $at) (i32.const 16)))
        (local.set $wi_1 (v128.load (i32.add (local.get $w) (local.get $at1))))
        ;; g' = g + coupled w
        (local.set $gi_1 (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at1)))
          (f64x2.mul (local.get $c) (local.get $wi_1))))
        (v128.store (i32.add (local.get $g) (local.get $at1)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1_1 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at1))))
          (f64x2.mul (local.get $k1) (local.get $gi_1))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2_1 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at1))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi_1)) (local.get $gi_1))))
        (v128.store (i32.add (local.get $m) (local.get $at1)) (local.get $m1_1))
        (v128.store (i32.add (local.get $v) (local.get $at1)) (local.get $m2_1))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at1))
          (f64x2.sub
            (local.get $wi_1)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (local.get $m1_1) (f64x2.add (f64x2.sqrt (local.get $m2_1)) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi_1))))))
        (local.set $at2 (i32.add (local.get $at) (i32.const 32)))
        (local.set $wi_2 (v128.load (i32.add (local.get $w) (local.get $at2))))
        ;; g' = g + coupled w
        (local.set $gi_2 (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at2)))
          (f64x2.mul (local.get $c) (local.get $wi_2))))
        (v128.store (i32.add (local.get $g) (local.get $at2)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1_2 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at2))))
          (f64x2.mul (local.get $k1) (local.get $gi_2))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2_2 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at2))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi_2)) (local.get $gi_2))))
        (v128.store (i32.add (local.get $m) (local.get $at2)) (local.get $m1_2))
        (v128.store (i32.add (local.get $v) (local.get $at2)) (local.get $m2_2))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at2))
          (f64x2.sub
            (local.get $wi_2)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (local.get $m1_2) (f64x2.add (f64x2.sqrt (local.get $m2_2)) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi_2))))))
        (local.set $at3 (i32.add (local.get $at) (i32.const 48)))
        (local.set $wi_3 (v128.load (i32.add (local.get $w) (local.get $at3))))
        ;; g' = g + coupled w
        (local.set $gi_3 (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at3)))
          (f64x2.mul (local.get $c) (local.get $wi_3))))
        (v128.store (i32.add (local.get $g) (local.get $at3)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1_3 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at3))))
          (f64x2.mul (local.get $k1) (local.get $gi_3))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2_3 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at3))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi_3)) (local.get $gi_3))))
        (v128.store (i32.add (local.get $m) (local.get $at3)) (local.get $m1_3))
        (v128.store (i32.add (local.get $v) (local.get $at3)) (local.get $m2_3))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at3))
          (f64x2.sub
            (local.get $wi_3)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (local.get $m1_3) (f64x2.add (f64x2.sqrt (local.get $m2_3)) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi_3))))))
        (local.set $wi (v128.load (i32.add (local.get $w) (local.get $at))))
        ;; g' = g + coupled w
        (local.set $gi (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at)))
          (f64x2.mul (local.get $c) (local.get $wi))))
        (v128.store (i32.add (local.get $g) (local.get $at)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at))))
          (f64x2.mul (local.get $k1) (local.get $gi))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $m1))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $m2))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at))
          (f64x2.sub
            (local.get $wi)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (local.get $m1) (f64x2.add (f64x2.sqrt (local.get $m2)) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi))))))
        (local.set $at (i32.add (local.get $at) (i32.const 64)))
        (br $next)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $at) (local.get $stop)))
        (local.set $wi (v128.load (i32.add (local.get $w) (local.get $at))))
        ;; g' = g + coupled w
        (local.set $gi (f64x2.add
          (v128.load (i32.add (local.get $g) (local.get $at)))
          (f64x2.mul (local.get $c) (local.get $wi))))
        (v128.store (i32.add (local.get $g) (local.get $at)) (v128.const i64x2 0 0))
        ;; m' = beta1 m + (1 - beta1) g'
        (local.set $m1 (f64x2.add
          (f64x2.mul (local.get $b1) (v128.load (i32.add (local.get $m) (local.get $at))))
          (f64x2.mul (local.get $k1) (local.get $gi))))
        ;; v' = beta2 v + ((1 - beta2) g') g'
        (local.set $m2 (f64x2.add
          (f64x2.mul (local.get $b2) (v128.load (i32.add (local.get $v) (local.get $at))))
          (f64x2.mul (f64x2.mul (local.get $k2) (local.get $gi)) (local.get $gi))))
        (v128.store (i32.add (local.get $m) (local.get $at)) (local.get $m1))
        (v128.store (i32.add (local.get $v) (local.get $at)) (local.get $m2))
        ;; w' = w - eta ((m' / c1) / (sqrt(v' / c2) + eps) + decoupled w)
        (v128.store (i32.add (local.get $w) (local.get $at))
          (f64x2.sub
            (local.get $wi)
            (f64x2.mul
              (local.get $lr)
              (f64x2.add
                (f64x2.div (local.get $m1) (f64x2.add (f64x2.sqrt (local.get $m2)) (local.get $e)))
                (f64x2.mul (local.get $dec) (local.get $wi))))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $tail))))
)
