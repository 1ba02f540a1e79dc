;; The lanes' cell splitter (LaneCells.split in lane-cells.ts) in WebAssembly, with 16 bytes
;; looked at per step (SIMD): only the bytes that can end or change a cell — the delimiter, a
;; quote, and the bytes below 14 (NUL, LF, CR, …) — are visited one by one.
;;
;; Why: splitting records into cells was the largest single cost of reading a ticket file (about
;; a third of each reader thread's time at a million tickets); byte by byte in JavaScript it
;; took ~1.8 ns a byte, this ~0.7 (bench/README.md, item 29).
;;
;; It gives exactly what the JavaScript splitter gives for the same bytes: the same return value,
;; cell starts and ends, escaped cells and line breaks (a test compares the two on random records).
;; Assembled by scripts/wasm.mjs into lane-split-wasm.ts; a test checks that the two agree.
;;
;; Memory (the caller's): the bytes read, from offset 0, then 16 bytes or more that may be loaded
;; (16 at a time) but never count; `setup` names where the results go.
(module
  (import "lane" "memory" (memory 1))
  ;; Where a record's cell starts and ends go (i32 each), its escaped-cell flags (a byte each), and
  ;; two i32: the line breaks inside its quotes, and how many flag bytes to clear before the next
  ;; record (0 when none is set).
  (global $starts (mut i32) (i32.const 0))
  (global $ends (mut i32) (i32.const 0))
  (global $escaped (mut i32) (i32.const 0))
  (global $info (mut i32) (i32.const 0))

  (func (export "setup") (param $starts i32) (param $ends i32) (param $escaped i32) (param $info i32)
    (global.set $starts (local.get $starts))
    (global.set $ends (local.get $ends))
    (global.set $escaped (local.get $escaped))
    (global.set $info (local.get $info)))

  ;; Bit i set when byte $at + i is the delimiter, a quote or below 14. Bytes at or past the
  ;; split's $end may be among them: a position there is never read, only seen to be past the end
  ;; (the record is not whole yet), as when there is none.
  (func $mask (param $at i32) (param $delimiter v128) (result i32)
    (local $v v128)
    (local.set $v (v128.load align=1 (local.get $at)))
    (i8x16.bitmask
      (v128.or
        (v128.or
          (i8x16.eq (local.get $v) (local.get $delimiter))
          (i8x16.eq (local.get $v) (v128.const i8x16 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34 34)))
        (i8x16.lt_u (local.get $v) (v128.const i8x16 14 14 14 14 14 14 14 14 14 14 14 14 14 14 14 14)))))

  ;; The record at $pos (an offset in memory): as LaneCells.split, it returns the offset after its
  ;; line end, 0 when the ordinary path must read it, or $more when its end is not before $end.
  ;; $recordDelimiter: 1 LF, 2 CRLF.
  ;;
  ;; The structural bytes are met in order, each once: $cb is the 16-byte step being looked at and
  ;; $m its structural bytes not met yet. "Next" below (written out where it is used, which was
  ;; faster than a call) sets $q to the next one, or to $end or past it when there is none before $end.
  (func (export "split")
    (param $pos i32) (param $end i32) (param $width i32) (param $delim i32) (param $recordDelimiter i32) (param $more i32)
    (result i32)
    (local $p i32) (local $q i32) (local $b i32) (local $cells i32) (local $s i32) (local $breaks i32)
    (local $cb i32) (local $m i32) (local $vd v128) (local $clear i32)
    (if (i32.ge_s (local.get $pos) (local.get $end)) (then (return (i32.const -1))))
    (local.set $b (i32.load8_u (local.get $pos)))
    (if (i32.or (i32.eq (local.get $b) (i32.const 10)) (i32.eq (local.get $b) (i32.const 13)))
      (then (return (i32.const 0))))
    ;; The flags the last record with an escaped cell set are cleared.
    (local.set $clear (i32.load offset=4 (global.get $info)))
    (if (local.get $clear)
      (then
        (memory.fill (global.get $escaped) (i32.const 0) (local.get $clear))
        (i32.store offset=4 (global.get $info) (i32.const 0))))
    (local.set $vd (i8x16.splat (local.get $delim)))
    (local.set $cb (local.get $pos))
    (local.set $m (call $mask (local.get $pos) (local.get $vd)))
    (local.set $p (local.get $pos))
    (loop $cell
      (if (i32.eq (local.get $cells) (local.get $width)) (then (return (i32.const 0))))
      (if (i32.and (i32.lt_s (local.get $p) (local.get $end)) (i32.eq (i32.load8_u (local.get $p)) (i32.const 34)))
        (then
          ;; A quoted cell. Next: its opening quote.
          (block $got0
            (block $found0
              (loop $scan0
                (br_if $found0 (local.get $m))
                (local.set $cb (i32.add (local.get $cb) (i32.const 16)))
                (if (i32.ge_s (local.get $cb) (local.get $end))
                  (then (local.set $q (local.get $end)) (br $got0)))
                (local.set $m (call $mask (local.get $cb) (local.get $vd)))
                (br $scan0)))
            (local.set $q (i32.add (local.get $cb) (i32.ctz (local.get $m))))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1)))))
          (local.set $s (i32.add (local.get $p) (i32.const 1)))
          (block $closed
            (loop $inside
              ;; Next.
              (block $got1
                (block $found1
                  (loop $scan1
                    (br_if $found1 (local.get $m))
                    (local.set $cb (i32.add (local.get $cb) (i32.const 16)))
                    (if (i32.ge_s (local.get $cb) (local.get $end))
                      (then (local.set $q (local.get $end)) (br $got1)))
                    (local.set $m (call $mask (local.get $cb) (local.get $vd)))
                    (br $scan1)))
                (local.set $q (i32.add (local.get $cb) (i32.ctz (local.get $m))))
                (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1)))))
              (if (i32.ge_s (local.get $q) (local.get $end)) (then (return (local.get $more))))
              (local.set $b (i32.load8_u (local.get $q)))
              (if (i32.eq (local.get $b) (i32.const 34))
                (then
                  (if (i32.ge_s (i32.add (local.get $q) (i32.const 1)) (local.get $end)) (then (return (local.get $more))))
                  (br_if $closed (i32.ne (i32.load8_u offset=1 (local.get $q)) (i32.const 34)))
                  ;; A doubled quote is one quote of the cell's text. Its second quote is the
                  ;; next structural byte, in this step or at the start of the next one.
                  (i32.store8 (i32.add (global.get $escaped) (local.get $cells)) (i32.const 1))
                  (i32.store offset=4 (global.get $info) (local.get $width))
                  (if (local.get $m)
                    (then (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1)))))
                    (else
                      (local.set $cb (i32.add (local.get $cb) (i32.const 16)))
                      (local.set $m (call $mask (local.get $cb) (local.get $vd)))
                      (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))))
                  (br $inside)))
              (if (i32.eqz (local.get $b)) (then (return (i32.const 0))))
              ;; A line break inside quotes is the cell's text; each counts as the tokenizer
              ;; counts them (\r\n, \n, a lone \r). The delimiter and other low bytes are text.
              (if (i32.eq (local.get $b) (i32.const 13))
                (then (local.set $breaks (i32.add (local.get $breaks) (i32.const 1))))
                (else
                  (if (i32.and
                        (i32.eq (local.get $b) (i32.const 10))
                        (i32.ne (i32.load8_u (i32.sub (local.get $q) (i32.const 1))) (i32.const 13)))
                    (then (local.set $breaks (i32.add (local.get $breaks) (i32.const 1)))))))
              (br $inside)))
          (i32.store (i32.add (global.get $starts) (i32.shl (local.get $cells) (i32.const 2))) (local.get $s))
          (i32.store (i32.add (global.get $ends) (i32.shl (local.get $cells) (i32.const 2))) (local.get $q))
          (local.set $p (i32.add (local.get $q) (i32.const 1)))
          (if (i32.ge_s (local.get $p) (local.get $end)) (then (return (local.get $more))))
          (local.set $b (i32.load8_u (local.get $p)))
          (if (i32.and
                (i32.ne (local.get $b) (local.get $delim))
                (i32.and (i32.ne (local.get $b) (i32.const 10)) (i32.ne (local.get $b) (i32.const 13))))
            (then (return (i32.const 0))))
          ;; Next: the byte after the closing quote (structural, checked above).
          (block $got2
            (block $found2
              (loop $scan2
                (br_if $found2 (local.get $m))
                (local.set $cb (i32.add (local.get $cb) (i32.const 16)))
                (if (i32.ge_s (local.get $cb) (local.get $end))
                  (then (local.set $q (local.get $end)) (br $got2)))
                (local.set $m (call $mask (local.get $cb) (local.get $vd)))
                (br $scan2)))
            (local.set $q (i32.add (local.get $cb) (i32.ctz (local.get $m))))
            (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1))))))
        (else
          ;; A plain cell: up to the next delimiter or line end. A quote in it is text.
          (local.set $s (local.get $p))
          (block $stop
            (loop $plain
              ;; Next.
              (block $got3
                (block $found3
                  (loop $scan3
                    (br_if $found3 (local.get $m))
                    (local.set $cb (i32.add (local.get $cb) (i32.const 16)))
                    (if (i32.ge_s (local.get $cb) (local.get $end))
                      (then (local.set $q (local.get $end)) (br $got3)))
                    (local.set $m (call $mask (local.get $cb) (local.get $vd)))
                    (br $scan3)))
                (local.set $q (i32.add (local.get $cb) (i32.ctz (local.get $m))))
                (local.set $m (i32.and (local.get $m) (i32.sub (local.get $m) (i32.const 1)))))
              (if (i32.ge_s (local.get $q) (local.get $end)) (then (return (local.get $more))))
              (local.set $b (i32.load8_u (local.get $q)))
              (br_if $stop (i32.or
                (i32.eq (local.get $b) (local.get $delim))
                (i32.or (i32.eq (local.get $b) (i32.const 10)) (i32.eq (local.get $b) (i32.const 13)))))
              (if (i32.eqz (local.get $b)) (then (return (i32.const 0))))
              (br $plain)))
          (local.set $p (local.get $q))
          (i32.store (i32.add (global.get $starts) (i32.shl (local.get $cells) (i32.const 2))) (local.get $s))
          (i32.store (i32.add (global.get $ends) (i32.shl (local.get $cells) (i32.const 2))) (local.get $p))))
      (local.set $cells (i32.add (local.get $cells) (i32.const 1)))
      (local.set $b (i32.load8_u (local.get $p)))
      (if (i32.eq (local.get $b) (local.get $delim))
        (then
          (local.set $p (i32.add (local.get $p) (i32.const 1)))
          (br $cell)))
      (if (i32.eq (local.get $b) (i32.const 10))
        (then
          (if (i32.ne (local.get $recordDelimiter) (i32.const 1)) (then (return (i32.const 0))))
          (local.set $p (i32.add (local.get $p) (i32.const 1))))
        (else
          (if (i32.ge_s (i32.add (local.get $p) (i32.const 1)) (local.get $end)) (then (return (local.get $more))))
          (if (i32.or
                (i32.ne (i32.load8_u offset=1 (local.get $p)) (i32.const 10))
                (i32.ne (local.get $recordDelimiter) (i32.const 2)))
            (then (return (i32.const 0))))
          (local.set $p (i32.add (local.get $p) (i32.const 2))))))
    (i32.store (global.get $info) (local.get $breaks))
    (if (result i32) (i32.eq (local.get $cells) (local.get $width))
      (then (local.get $p))
      (else (i32.const 0)))))
