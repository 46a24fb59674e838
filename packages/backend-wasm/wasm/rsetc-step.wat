;; One step of an RSetC with affine noise networks (q = 1), float32, four examples per instruction (f32x4): for each
;; noise draw r and batch example j
;;   p_rj = Σ_i own_ri x_ji,  ax_rj = base_r S_j + w1 p_rj  (= a_rᵀx_j with a_ri = base_r + w1 own_ri, S_j = Σ_i x_ji)
;;   s_rj = c0 ax_rj - c1 b_r,  t = tanh s,  z = y_j t
;;   loss term softplus(-z) = log(1 + e^z) - z,  dloss/ds = g = -y_j σ(-z) (1 - t²),  σ(-z) = 1 / (1 + e^z)
;; and per draw r the row sums (in float64 at out + 40 r): Σ_j |y_j| softplus(-z), Σ g, Σ g S_j, Σ g p_rj, Σ g ax_rj.
;; Batch columns with y_j = 0 are padding and add nothing. e^x: Cody-Waite reduction and a degree-6 Taylor polynomial
;; (relative error ~1e-7); log on [1, 4): exponent plus 2 atanh((m - 1)/(m + 1)) to the 11th power (~1e-7).
;; Each row runs as passes over the batch whose iterations are independent, so the CPU overlaps them (one loop with
;; everything in it was a chain of dependent operations: 0.50 ms a step at k 100, B 250 against 0.30).
;; Layout (float32 unless said): own [k, n], xT [n, B] (B a multiple of 16), S [B], y [B], base [k], b [k],
;; P, T, U [B] scratch; out [k, 5] float64.
(module
  (import "env" "memory" (memory 1 65536))

  ;; v[j] = e^{v[j]} for j in [0, count) (count a multiple of 4), arguments clamped to [-87, 88]
  (func $expInPlace (param $v i32) (param $count i32)
    (local $at i32) (local $stop i32) (local $x v128) (local $k v128) (local $r v128) (local $p v128)
    (local.set $at (local.get $v))
    (local.set $stop (i32.add (local.get $v) (i32.shl (local.get $count) (i32.const 2))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $stop)))
        (local.set $x (f32x4.min (f32x4.max (v128.load (local.get $at)) (v128.const f32x4 -87 -87 -87 -87)) (v128.const f32x4 88 88 88 88)))
        (local.set $k (f32x4.nearest (f32x4.mul (local.get $x) (v128.const f32x4 1.44269504 1.44269504 1.44269504 1.44269504))))
        (local.set $r (f32x4.sub
          (f32x4.sub (local.get $x) (f32x4.mul (local.get $k) (v128.const f32x4 0.693359375 0.693359375 0.693359375 0.693359375)))
          (f32x4.mul (local.get $k) (v128.const f32x4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4 -2.12194440e-4))))
        ;; 1 + r (1 + r (1/2 + r (1/6 + r (1/24 + r (1/120 + r / 720)))))
        (local.set $p (f32x4.add (v128.const f32x4 0.0083333333 0.0083333333 0.0083333333 0.0083333333)
          (f32x4.mul (local.get $r) (v128.const f32x4 0.0013888889 0.0013888889 0.0013888889 0.0013888889))))
        (local.set $p (f32x4.add (v128.const f32x4 0.041666667 0.041666667 0.041666667 0.041666667) (f32x4.mul (local.get $r) (local.get $p))))
        (local.set $p (f32x4.add (v128.const f32x4 0.16666667 0.16666667 0.16666667 0.16666667) (f32x4.mul (local.get $r) (local.get $p))))
        (local.set $p (f32x4.add (v128.const f32x4 0.5 0.5 0.5 0.5) (f32x4.mul (local.get $r) (local.get $p))))
        (local.set $p (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $r) (local.get $p))))
        (local.set $p (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $r) (local.get $p))))
        ;; times 2^k, built in the exponent bits
        (v128.store (local.get $at) (f32x4.mul (local.get $p)
          (i32x4.shl (i32x4.add (i32x4.trunc_sat_f32x4_s (local.get $k)) (v128.const i32x4 127 127 127 127)) (i32.const 23))))
        (local.set $at (i32.add (local.get $at) (i32.const 16)))
        (br $next))))

  ;; the four lanes of a float32 vector summed in float64
  (func $sum (param $v v128) (result f64)
    (f64.add
      (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $v))) (f64.promote_f32 (f32x4.extract_lane 1 (local.get $v))))
      (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $v))) (f64.promote_f32 (f32x4.extract_lane 3 (local.get $v))))))

  ;; The batch: for j < count, column j of xT [n, B] is row idx[j] of X [N, n], S[j] its sum (in float64, rounded
  ;; once) and y[j] = Y[idx[j]]; columns count..B-1 are zero (padding).
  (func (export "gather")
    (param $X i32) (param $Y i32) (param $idx i32) (param $count i32) (param $n i32) (param $B i32)
    (param $xT i32) (param $S i32) (param $y i32)
    (local $j i32) (local $i i32) (local $from i32) (local $to i32) (local $value f32) (local $total f64)
    (local.set $j (i32.const 0))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $j) (local.get $B)))
        (local.set $total (f64.const 0))
        (local.set $to (i32.add (local.get $xT) (i32.shl (local.get $j) (i32.const 2))))
        (if (i32.lt_u (local.get $j) (local.get $count))
          (then
            (local.set $from (i32.load (i32.add (local.get $idx) (i32.shl (local.get $j) (i32.const 2)))))
            (f32.store (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2)))
              (f32.load (i32.add (local.get $Y) (i32.shl (local.get $from) (i32.const 2)))))
            (local.set $from (i32.add (local.get $X) (i32.shl (i32.mul (local.get $from) (local.get $n)) (i32.const 2)))))
          (else
            (f32.store (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2))) (f32.const 0))))
        (local.set $i (i32.const 0))
        (block $rowDone
          (loop $row
            (br_if $rowDone (i32.ge_u (local.get $i) (local.get $n)))
            (local.set $value (f32.const 0))
            (if (i32.lt_u (local.get $j) (local.get $count))
              (then (local.set $value (f32.load (i32.add (local.get $from) (i32.shl (local.get $i) (i32.const 2)))))))
            (f32.store (local.get $to) (local.get $value))
            (local.set $total (f64.add (local.get $total) (f64.promote_f32 (local.get $value))))
            (local.set $to (i32.add (local.get $to) (i32.shl (local.get $B) (i32.const 2))))
            (local.set $i (i32.add (local.get $i) (i32.const 1)))
            (br $row)))
        (f32.store (i32.add (local.get $S) (i32.shl (local.get $j) (i32.const 2))) (f32.demote_f64 (local.get $total)))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $next))))

  (func (export "rsetc")
    (param $own i32) (param $xT i32) (param $S i32) (param $y i32) (param $base i32) (param $b i32)
    (param $P i32) (param $T i32) (param $U i32) (param $out i32)
    (param $k i32) (param $n i32) (param $B i32) (param $w1 f32) (param $c0 f32) (param $c1 f32)
    (local $r i32) (local $j i32) (local $i i32) (local $row i32) (local $col i32) (local $at i32)
    (local $q0 v128) (local $q1 v128) (local $q2 v128) (local $q3 v128)
    (local $baseR v128) (local $c1bR v128) (local $W1 v128) (local $C0 v128)
    (local $p v128) (local $ax v128) (local $s v128) (local $e v128) (local $t v128) (local $z v128) (local $yv v128)
    (local $sv v128) (local $E v128) (local $g v128) (local $m v128) (local $f v128) (local $f2 v128) (local $log v128)
    (local $accL v128) (local $accG v128) (local $accGS v128) (local $accGP v128) (local $accGA v128)
    (local.set $W1 (f32x4.splat (local.get $w1)))
    (local.set $C0 (f32x4.splat (local.get $c0)))
    (local.set $r (i32.const 0))
    (block $rowsDone
      (loop $rows
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $k)))
        (local.set $baseR (f32x4.splat (f32.load (i32.add (local.get $base) (i32.shl (local.get $r) (i32.const 2))))))
        (local.set $c1bR (f32x4.splat (f32.mul (local.get $c1) (f32.load (i32.add (local.get $b) (i32.shl (local.get $r) (i32.const 2)))))))
        (local.set $row (i32.add (local.get $own) (i32.shl (i32.mul (local.get $r) (local.get $n)) (i32.const 2))))

        ;; P: p_rj = Σ_i own_ri x_ji, sixteen columns at a time in four registers
        (local.set $j (i32.const 0))
        (block $blocksDone
          (loop $blocks
            (br_if $blocksDone (i32.ge_u (local.get $j) (local.get $B)))
            (local.set $q0 (v128.const i32x4 0 0 0 0))
            (local.set $q1 (v128.const i32x4 0 0 0 0))
            (local.set $q2 (v128.const i32x4 0 0 0 0))
            (local.set $q3 (v128.const i32x4 0 0 0 0))
            (local.set $col (i32.add (local.get $xT) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $i (i32.const 0))
            (block $sumDone
              (loop $sum
                (br_if $sumDone (i32.ge_u (local.get $i) (local.get $n)))
                (local.set $p (f32x4.splat (f32.load (i32.add (local.get $row) (i32.shl (local.get $i) (i32.const 2))))))
                (local.set $q0 (f32x4.add (local.get $q0) (f32x4.mul (local.get $p) (v128.load offset=0 (local.get $col)))))
                (local.set $q1 (f32x4.add (local.get $q1) (f32x4.mul (local.get $p) (v128.load offset=16 (local.get $col)))))
                (local.set $q2 (f32x4.add (local.get $q2) (f32x4.mul (local.get $p) (v128.load offset=32 (local.get $col)))))
                (local.set $q3 (f32x4.add (local.get $q3) (f32x4.mul (local.get $p) (v128.load offset=48 (local.get $col)))))
                (local.set $col (i32.add (local.get $col) (i32.shl (local.get $B) (i32.const 2))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $sum)))
            (local.set $at (i32.add (local.get $P) (i32.shl (local.get $j) (i32.const 2))))
            (v128.store offset=0 (local.get $at) (local.get $q0))
            (v128.store offset=16 (local.get $at) (local.get $q1))
            (v128.store offset=32 (local.get $at) (local.get $q2))
            (v128.store offset=48 (local.get $at) (local.get $q3))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $blocks)))

        ;; U: the scores s; T: -2|s|, then e^{-2|s|}
        (local.set $j (i32.const 0))
        (block $scoresDone
          (loop $scores
            (br_if $scoresDone (i32.ge_u (local.get $j) (local.get $B)))
            (local.set $at (i32.shl (local.get $j) (i32.const 2)))
            (local.set $ax (f32x4.add
              (f32x4.mul (local.get $baseR) (v128.load (i32.add (local.get $S) (local.get $at))))
              (f32x4.mul (local.get $W1) (v128.load (i32.add (local.get $P) (local.get $at))))))
            (local.set $s (f32x4.sub (f32x4.mul (local.get $C0) (local.get $ax)) (local.get $c1bR)))
            (v128.store (i32.add (local.get $U) (local.get $at)) (local.get $s))
            (v128.store (i32.add (local.get $T) (local.get $at)) (f32x4.mul (f32x4.abs (local.get $s)) (v128.const f32x4 -2 -2 -2 -2)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $scores)))
        (call $expInPlace (local.get $T) (local.get $B))

        ;; T: t = tanh s = sign(s) (1 - e^{-2|s|}) / (1 + e^{-2|s|}); U: z = y t, then e^z
        (local.set $j (i32.const 0))
        (block $tanhDone
          (loop $tanh
            (br_if $tanhDone (i32.ge_u (local.get $j) (local.get $B)))
            (local.set $at (i32.shl (local.get $j) (i32.const 2)))
            (local.set $e (v128.load (i32.add (local.get $T) (local.get $at))))
            (local.set $t (v128.or
              (f32x4.div (f32x4.sub (v128.const f32x4 1 1 1 1) (local.get $e)) (f32x4.add (v128.const f32x4 1 1 1 1) (local.get $e)))
              (v128.and (v128.load (i32.add (local.get $U) (local.get $at))) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))))
            (v128.store (i32.add (local.get $T) (local.get $at)) (local.get $t))
            (v128.store (i32.add (local.get $U) (local.get $at)) (f32x4.mul (v128.load (i32.add (local.get $y) (local.get $at))) (local.get $t)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $tanh)))
        (call $expInPlace (local.get $U) (local.get $B))

        ;; the loss and gradient sums
        (local.set $accL (v128.const i32x4 0 0 0 0))
        (local.set $accG (v128.const i32x4 0 0 0 0))
        (local.set $accGS (v128.const i32x4 0 0 0 0))
        (local.set $accGP (v128.const i32x4 0 0 0 0))
        (local.set $accGA (v128.const i32x4 0 0 0 0))
        (local.set $j (i32.const 0))
        (block $sumsDone
          (loop $sums
            (br_if $sumsDone (i32.ge_u (local.get $j) (local.get $B)))
            (local.set $at (i32.shl (local.get $j) (i32.const 2)))
            (local.set $p (v128.load (i32.add (local.get $P) (local.get $at))))
            (local.set $sv (v128.load (i32.add (local.get $S) (local.get $at))))
            (local.set $ax (f32x4.add (f32x4.mul (local.get $baseR) (local.get $sv)) (f32x4.mul (local.get $W1) (local.get $p))))
            (local.set $yv (v128.load (i32.add (local.get $y) (local.get $at))))
            (local.set $t (v128.load (i32.add (local.get $T) (local.get $at))))
            (local.set $z (f32x4.mul (local.get $yv) (local.get $t)))
            (local.set $E (f32x4.add (v128.const f32x4 1 1 1 1) (v128.load (i32.add (local.get $U) (local.get $at)))))
            ;; g = -y σ(-z) (1 - t²)
            (local.set $g (f32x4.mul (f32x4.neg (f32x4.div (local.get $yv) (local.get $E)))
              (f32x4.sub (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $t) (local.get $t)))))
            ;; log E for E in [1, 4): e ln 2 + 2 f (1 + f²/3 + f⁴/5 + f⁶/7 + f⁸/9 + f¹⁰/11), f = (m - 1)/(m + 1), E = m 2^e
            (local.set $m (v128.or (v128.and (local.get $E) (v128.const i32x4 0x7fffff 0x7fffff 0x7fffff 0x7fffff)) (v128.const f32x4 1 1 1 1)))
            (local.set $f (f32x4.div (f32x4.sub (local.get $m) (v128.const f32x4 1 1 1 1)) (f32x4.add (local.get $m) (v128.const f32x4 1 1 1 1))))
            (local.set $f2 (f32x4.mul (local.get $f) (local.get $f)))
            (local.set $log (f32x4.add (v128.const f32x4 0.11111111 0.11111111 0.11111111 0.11111111)
              (f32x4.mul (local.get $f2) (v128.const f32x4 0.090909091 0.090909091 0.090909091 0.090909091))))
            (local.set $log (f32x4.add (v128.const f32x4 0.14285714 0.14285714 0.14285714 0.14285714) (f32x4.mul (local.get $f2) (local.get $log))))
            (local.set $log (f32x4.add (v128.const f32x4 0.2 0.2 0.2 0.2) (f32x4.mul (local.get $f2) (local.get $log))))
            (local.set $log (f32x4.add (v128.const f32x4 0.33333333 0.33333333 0.33333333 0.33333333) (f32x4.mul (local.get $f2) (local.get $log))))
            (local.set $log (f32x4.add (v128.const f32x4 1 1 1 1) (f32x4.mul (local.get $f2) (local.get $log))))
            (local.set $log (f32x4.add
              (f32x4.mul
                (f32x4.convert_i32x4_s (i32x4.sub (i32x4.shr_u (local.get $E) (i32.const 23)) (v128.const i32x4 127 127 127 127)))
                (v128.const f32x4 0.69314718 0.69314718 0.69314718 0.69314718))
              (f32x4.mul (f32x4.add (local.get $f) (local.get $f)) (local.get $log))))
            (local.set $accL (f32x4.add (local.get $accL)
              (f32x4.mul (f32x4.abs (local.get $yv)) (f32x4.sub (local.get $log) (local.get $z)))))
            (local.set $accG (f32x4.add (local.get $accG) (local.get $g)))
            (local.set $accGS (f32x4.add (local.get $accGS) (f32x4.mul (local.get $g) (local.get $sv))))
            (local.set $accGP (f32x4.add (local.get $accGP) (f32x4.mul (local.get $g) (local.get $p))))
            (local.set $accGA (f32x4.add (local.get $accGA) (f32x4.mul (local.get $g) (local.get $ax))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $sums)))
        (local.set $col (i32.add (local.get $out) (i32.mul (local.get $r) (i32.const 40))))
        (f64.store offset=0 (local.get $col) (call $sum (local.get $accL)))
        (f64.store offset=8 (local.get $col) (call $sum (local.get $accG)))
        (f64.store offset=16 (local.get $col) (call $sum (local.get $accGS)))
        (f64.store offset=24 (local.get $col) (call $sum (local.get $accGP)))
        (f64.store offset=32 (local.get $col) (call $sum (local.get $accGA)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $rows))))
)
