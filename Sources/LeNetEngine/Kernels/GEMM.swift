import Dispatch

// MARK: - Plain float32 matrix product (the machine's ceiling)

/// A plain float32 matrix product `C = A · B`, packed and register-tiled in the Goto/BLIS way with the
/// kernel family's register type (`Reg`: 16 lanes on AVX-512, 8 on AVX2, 4 on NEON; `KernelFamily`):
/// the yardstick `lenet-tui bench --ceiling` times on large square matrices, so training GFLOP/s can be read as a share of what
/// this machine's cores reach on the easiest dense workload. Training never calls it.
///
/// Layout: `A (m, k)`, `B (k, n)`, `C (m, n)`, row-major, rows `lda`, `ldb`, `ldc` floats apart.
///
/// Blocking (Goto and van de Geijn, "Anatomy of high-performance matrix multiplication", ACM TOMS 2008;
/// BLIS's loop order): `B` is packed `kc × nc` at a time into panels `nr = 2 · Reg.scalarCount` columns
/// wide, `A` `mc × kc` at a time into panels of `mr` rows, zero-padded at the edges; the micro-kernel
/// keeps an `mr × nr` tile of `C` in `2 · mr` vector registers and does one fused multiply-add per
/// (row, vector, p). Threads split `C`'s columns (in whole `nr` panels); each packs its own copies, so
/// they never synchronise. Every element of `C` is summed over `p` in increasing order within each `kc`
/// block, so the result does not depend on the thread count.
public enum GEMM {
    /// Rows of the register tile (`C` tile `mr × nr`).
    public static let mr = 6
    /// Columns of the register tile: two registers of the kernel family.
    public static let nr = 2 * Reg.scalarCount
    /// Depth of a packed block (`kc`): an `A` panel (`mr × kc`) and a `B` panel (`kc × nr`) stay in L1.
    public static let kc = 256
    /// Rows of a packed `A` block (`mc × kc` floats, 120 KiB, kept in L2); a multiple of `mr`.
    public static let mc = 120
    /// Columns of a packed `B` block (`kc × nc` floats, 2 MiB, in the last-level cache); a multiple of `nr`.
    public static let nc = 2_048

    /// FLOPs of one `m × n × k` product: `2 · m · n · k` (a multiply and an add per term).
    public static func flops(m: Int, n: Int, k: Int) -> Int { 2 * m * n * k }

    /// `C = A · B` on `threads` workers (a `WorkerPool` made for the call; at most the processors there are).
    /// - Parameters:
    ///   - m, n, k: `A (m, k)`, `B (k, n)`, `C (m, n)`; each `>= 0` (`C` is left alone when `m` or `n` is
    ///     0 and zeroed when `k` is 0).
    ///   - a, b: row-major with `lda >= k`, `ldb >= n` floats between rows.
    ///   - c: row-major with `ldc >= n`, overwritten; must not overlap `a` or `b`.
    ///   - threads: workers, `>= 1` (fewer are used when `n` has fewer `nr`-wide panels).
    public static func multiply(m: Int, n: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int,
                                threads: Int = 1) {
        precondition(m >= 0 && n >= 0 && k >= 0, "GEMM sizes must not be negative")
        precondition(lda >= k && ldb >= n && ldc >= n, "GEMM leading dimensions are smaller than the rows")
        precondition(threads >= 1, "threads must be at least 1")
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            for i in 0..<m { (c + i * ldc).initialize(repeating: 0, count: n) }
            return
        }
        let panels = (n + nr - 1) / nr
        let workers = min(threads, panels)
        if workers == 1 {
            multiplyColumns(0..<n, m: m, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
            return
        }
        let pool = WorkerPool(threads: workers)
        pool.run(tasks: pool.threads) { worker, _ in
            let workers = pool.threads
            let first = panels * worker / workers * nr
            let last = min(n, panels * (worker + 1) / workers * nr)
            multiplyColumns(first..<last, m: m, k: k, a: a, lda: lda, b: b, ldb: ldb, c: c, ldc: ldc)
        }
    }

    /// `C = A · B` for `A (m, k)`, `B (k, n)` as row-major arrays; returns `C (m, n)` row-major.
    /// - Precondition: `a.count == m · k`, `b.count == k · n`, `threads >= 1`.
    public static func multiply(_ a: [Float], _ b: [Float], m: Int, n: Int, k: Int, threads: Int = 1) -> [Float] {
        precondition(a.count == m * k && b.count == k * n, "GEMM operands do not hold m·k and k·n floats")
        var c = [Float](repeating: 0, count: m * n)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                c.withUnsafeMutableBufferPointer { c in
                    guard let ap = a.baseAddress, let bp = b.baseAddress, let cp = c.baseAddress else { return }
                    multiply(m: m, n: n, k: k, a: ap, lda: k, b: bp, ldb: n, c: cp, ldc: n, threads: threads)
                }
            }
        }
        return c
    }

    // MARK: - One worker's columns

    /// `C[0..<m, columns] = A · B[:, columns]` on the calling thread, with its own packing buffers.
    static func multiplyColumns(_ columns: Range<Int>, m: Int, k: Int,
                                a: UnsafePointer<Float>, lda: Int,
                                b: UnsafePointer<Float>, ldb: Int,
                                c: UnsafeMutablePointer<Float>, ldc: Int) {
        let packedA = allocateFloats(mc * kc)
        let packedB = allocateFloats(kc * nc)
        let tile = allocateFloats(mr * nr)
        defer { packedA.deallocate(); packedB.deallocate(); tile.deallocate() }
        var jc = columns.lowerBound
        while jc < columns.upperBound {
            let ncBlock = min(nc, columns.upperBound - jc)
            var pc = 0
            while pc < k {
                let kcBlock = min(kc, k - pc)
                packB(b + pc * ldb + jc, ldb: ldb, rows: kcBlock, columns: ncBlock, into: packedB)
                var ic = 0
                while ic < m {
                    let mcBlock = min(mc, m - ic)
                    packA(a + ic * lda + pc, lda: lda, rows: mcBlock, depth: kcBlock, into: packedA)
                    macroKernel(rows: mcBlock, columns: ncBlock, depth: kcBlock, packedA: packedA, packedB: packedB,
                                c: c + ic * ldc + jc, ldc: ldc, accumulate: pc > 0, tile: tile)
                    ic += mcBlock
                }
                pc += kcBlock
            }
            jc += ncBlock
        }
    }

    // MARK: - Packing

    /// Packs `A (rows, depth)` (rows `lda` apart) into panels of `mr` rows: panel `i` holds, for each
    /// `p < depth`, the `mr` values `A[i·mr ..< i·mr + mr, p]`, zero past `rows`.
    static func packA(_ a: UnsafePointer<Float>, lda: Int, rows: Int, depth: Int, into out: UnsafeMutablePointer<Float>) {
        var o = out
        var i = 0
        while i < rows {
            let valid = min(mr, rows - i)
            for p in 0..<depth {
                for r in 0..<mr { o[r] = r < valid ? a[(i + r) * lda + p] : 0 }
                o += mr
            }
            i += mr
        }
    }

    /// Packs `B (rows, columns)` (rows `ldb` apart) into panels of `nr` columns: panel `j` holds, for each
    /// `p < rows`, the `nr` values `B[p, j·nr ..< j·nr + nr]`, zero past `columns`.
    static func packB(_ b: UnsafePointer<Float>, ldb: Int, rows: Int, columns: Int, into out: UnsafeMutablePointer<Float>) {
        var o = out
        var j = 0
        while j < columns {
            let valid = min(nr, columns - j)
            if valid == nr {
                for p in 0..<rows {
                    let row = b + p * ldb + j
                    o.store(row.load() as Reg)
                    (o + Reg.scalarCount).store((row + Reg.scalarCount).load() as Reg)
                    o += nr
                }
            } else {
                for p in 0..<rows {
                    let row = b + p * ldb + j
                    for q in 0..<nr { o[q] = q < valid ? row[q] : 0 }
                    o += nr
                }
            }
            j += nr
        }
    }

    // MARK: - Kernels

    /// `C (rows, columns) (+)= packedA · packedB` for one packed block: `B` panels outside, `A` panels
    /// inside, so a `B` panel stays in L1 while the `A` block streams from L2. Edge tiles go through
    /// `tile` and only their valid part is written.
    static func macroKernel(rows: Int, columns: Int, depth: Int,
                            packedA: UnsafePointer<Float>, packedB: UnsafePointer<Float>,
                            c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool,
                            tile: UnsafeMutablePointer<Float>) {
        var j = 0
        while j < columns {
            let bPanel = packedB + j * depth
            let validColumns = min(nr, columns - j)
            var i = 0
            while i < rows {
                let aPanel = packedA + i * depth
                let validRows = min(mr, rows - i)
                let cTile = c + i * ldc + j
                if validRows == mr && validColumns == nr {
                    microKernel(depth: depth, a: aPanel, b: bPanel, c: cTile, ldc: ldc, accumulate: accumulate)
                } else {
                    microKernel(depth: depth, a: aPanel, b: bPanel, c: tile, ldc: nr, accumulate: false)
                    for r in 0..<validRows {
                        for q in 0..<validColumns {
                            cTile[r * ldc + q] = accumulate ? cTile[r * ldc + q] + tile[r * nr + q] : tile[r * nr + q]
                        }
                    }
                }
                i += mr
            }
            j += nr
        }
    }

    /// The `mr × nr` (6 × 2 vectors) register tile: `C[0..<6, 0..<nr] (+)= Σ_p a[p·6 + r] · b[p·nr + q]`
    /// over packed panels `a (depth, 6)` and `b (depth, nr)`; twelve vector accumulators.
    @inline(__always)
    static func microKernel(depth: Int, a: UnsafePointer<Float>, b: UnsafePointer<Float>,
                            c: UnsafeMutablePointer<Float>, ldc: Int, accumulate: Bool) {
        let w = Reg.scalarCount
        var s00 = Reg(), s01 = Reg(), s10 = Reg(), s11 = Reg(), s20 = Reg(), s21 = Reg()
        var s30 = Reg(), s31 = Reg(), s40 = Reg(), s41 = Reg(), s50 = Reg(), s51 = Reg()
        var ap = a
        var bp = b
        for _ in 0..<depth {
            let v0: Reg = bp.load(), v1: Reg = (bp + w).load()
            var x = Reg(repeating: ap[0])
            s00.multiplyAdd(x, v0); s01.multiplyAdd(x, v1)
            x = Reg(repeating: ap[1])
            s10.multiplyAdd(x, v0); s11.multiplyAdd(x, v1)
            x = Reg(repeating: ap[2])
            s20.multiplyAdd(x, v0); s21.multiplyAdd(x, v1)
            x = Reg(repeating: ap[3])
            s30.multiplyAdd(x, v0); s31.multiplyAdd(x, v1)
            x = Reg(repeating: ap[4])
            s40.multiplyAdd(x, v0); s41.multiplyAdd(x, v1)
            x = Reg(repeating: ap[5])
            s50.multiplyAdd(x, v0); s51.multiplyAdd(x, v1)
            ap += 6
            bp += 2 * w
        }
        if accumulate {
            c.add(s00); (c + w).add(s01)
            (c + ldc).add(s10); (c + ldc + w).add(s11)
            (c + 2 * ldc).add(s20); (c + 2 * ldc + w).add(s21)
            (c + 3 * ldc).add(s30); (c + 3 * ldc + w).add(s31)
            (c + 4 * ldc).add(s40); (c + 4 * ldc + w).add(s41)
            (c + 5 * ldc).add(s50); (c + 5 * ldc + w).add(s51)
        } else {
            c.store(s00); (c + w).store(s01)
            (c + ldc).store(s10); (c + ldc + w).store(s11)
            (c + 2 * ldc).store(s20); (c + 2 * ldc + w).store(s21)
            (c + 3 * ldc).store(s30); (c + 3 * ldc + w).store(s31)
            (c + 4 * ldc).store(s40); (c + 4 * ldc + w).store(s41)
            (c + 5 * ldc).store(s50); (c + 5 * ldc + w).store(s51)
        }
    }
}
