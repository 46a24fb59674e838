;; The sparse-row gather and scatter of a sparse-input layer (the patch CNN's forward and noise gradient) over float64
;; arrays in memory, at byte offsets. The weights are rows of `width` coordinates; an example's entries are
;; (support[k], values[k]) for k in [begin, end), support[k] a row index checked by the caller.
;; Each product is rounded, then added (wasm has no fused multiply-add), as `gatherRowsImpl` / `scatterRowsImpl` in
;; @sgn/backend-cpu do, so the numbers are identical to the scalar loops to the last bit.
(module
  (import "env" "memory" (memory 1 65536 shared))
  ;; out[c] += w[support[k] width + c] values[k] for c < width, k in increasing order: each column's sum in the
  ;; order of the row-major loop, two columns per instruction (f64x2), an odd last column alone
  (func (export "gather")
    (param $w i32) (param $width i32) (param $support i32) (param $values i32) (param $begin i32) (param $end i32)
    (param $out i32)
    (local $k i32) (local $row i32) (local $at i32) (local $pairs i32) (local $value v128)
    (local.set $pairs (i32.shl (i32.shr_u (local.get $width) (i32.const 1)) (i32.const 4)))
    (local.set $k (local.get $begin))
    (block $done
      (loop $entry
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $row (i32.add (local.get $w)
          (i32.mul
            (i32.load (i32.add (local.get $support) (i32.shl (local.get $k) (i32.const 2))))
            (i32.shl (local.get $width) (i32.const 3)))))
        (local.set $value (v128.load64_splat (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $at (i32.const 0))
        (block $rowDone
          (loop $pair
            (br_if $rowDone (i32.ge_u (local.get $at) (local.get $pairs)))
            (v128.store (i32.add (local.get $out) (local.get $at))
              (f64x2.add
                (v128.load (i32.add (local.get $out) (local.get $at)))
                (f64x2.mul (v128.load (i32.add (local.get $row) (local.get $at))) (local.get $value))))
            (local.set $at (i32.add (local.get $at) (i32.const 16)))
            (br $pair)))
        (if (i32.and (local.get $width) (i32.const 1))
          (then
            (f64.store (i32.add (local.get $out) (local.get $at))
              (f64.add
                (f64.load (i32.add (local.get $out) (local.get $at)))
                (f64.mul
                  (f64.load (i32.add (local.get $row) (local.get $at)))
                  (f64x2.extract_lane 0 (local.get $value)))))))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $entry))))
  ;; g[support[k] width + filters[a]] += scales[a] values[k] for a < count, k in [begin, end)
  (func (export "scatter")
    (param $g i32) (param $width i32) (param $support i32) (param $values i32) (param $begin i32) (param $end i32)
    (param $filters i32) (param $scales i32) (param $count i32)
    (local $k i32) (local $row i32) (local $a i32) (local $at i32) (local $value f64)
    (local.set $k (local.get $begin))
    (block $done
      (loop $entry
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (local.set $row (i32.add (local.get $g)
          (i32.mul
            (i32.load (i32.add (local.get $support) (i32.shl (local.get $k) (i32.const 2))))
            (i32.shl (local.get $width) (i32.const 3)))))
        (local.set $value (f64.load (i32.add (local.get $values) (i32.shl (local.get $k) (i32.const 3)))))
        (local.set $a (i32.const 0))
        (block $rowDone
          (loop $column
            (br_if $rowDone (i32.ge_u (local.get $a) (local.get $count)))
            (local.set $at (i32.add (local.get $row)
              (i32.shl (i32.load (i32.add (local.get $filters) (i32.shl (local.get $a) (i32.const 2)))) (i32.const 3))))
            (f64.store (local.get $at)
              (f64.add
                (f64.load (local.get $at))
                (f64.mul
                  (f64.load (i32.add (local.get $scales) (i32.shl (local.get $a) (i32.const 3))))
                  (local.get $value))))
            (local.set $a (i32.add (local.get $a) (i32.const 1)))
            (br $column)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $entry))))
)
