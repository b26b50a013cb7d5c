// MARK: - Backward pass

extension LeNet5Workspace {
    /// Back-propagates `dLogits` `(count, 10)` (already scaled for the mean loss) through the activations
    /// left by the last `forward` call, writing this chunk's parameter gradient into `g`
    /// (`PackedGradients` layout, overwritten).
    ///
    /// Linear layers: `∂W += Gᵀ·X`, `∂X = G·W` as whole-chunk products. Convolutions, per image: c3's
    /// weight gradient sums pool1 patches × position-major output gradients (16 channels per vector),
    /// its input gradient is the transposed convolution of the channel-major output gradient, and c1's
    /// weight gradient sums output gradient × shifted padded-image vectors.
    func backward(weights w: UnsafePointer<Float>, count: Int, gradients g: UnsafeMutablePointer<Float>) {
        precondition(count >= 1 && count <= capacity)
        typealias P = PackedWeights
        typealias G = PackedGradients
        g.update(repeating: 0, count: G.count)
        c1Partials.update(repeating: 0, count: 156 * 16)
        // output layer.
        Dense.multiply(m: 10, n: 96, k: count, a: dLogits, aRow: 1, aCol: 16, b: f6, ldb: 96,
                       c: g + G.w7p, ldc: 96)
        addRows(dLogits, rows: count, columns: 16, into: g + G.b7)
        Dense.multiply(m: count, n: 96, k: 10, a: dLogits, aRow: 16, aCol: 1, b: w + P.w7p, ldb: 96,
                       c: dF6, ldc: 96)
        maskByPositive(dF6, activation: f6, count: count * 96)
        // f6.
        Dense.multiply(m: 84, n: 128, k: count, a: dF6, aRow: 1, aCol: 96, b: c5, ldb: 128,
                       c: g + G.w6p, ldc: 128)
        addRows(dF6, rows: count, columns: 96, into: g + G.b6)
        Dense.multiply(m: count, n: 128, k: 84, a: dF6, aRow: 96, aCol: 1, b: w + P.w6p, ldb: 128,
                       c: dC5, ldc: 128)
        maskByPositive(dC5, activation: c5, count: count * 128)
        // c5.
        Dense.multiply(m: 120, n: 400, k: count, a: dC5, aRow: 1, aCol: 128, b: flat, ldb: 400,
                       c: g + G.w5p, ldc: 400)
        addRows(dC5, rows: count, columns: 128, into: g + G.b5)
        Dense.multiply(m: count, n: 400, k: 120, a: dC5, aRow: 128, aCol: 1, b: w + P.w5p, ldb: 400,
                       c: dFlat, ldc: 400)
        for n in 0..<count {
            unpool2(n)
            conv3WeightGradient(n, into: g)
            conv3InputGradient(weights: w)
            unpool1(n)
            conv1WeightGradient(n)
        }
        // Reduce c1's vector partial sums (fixed lane order).
        for k in 0..<150 { g[G.w1 + k] = (c1Partials + k * 16).vec().sum() }
        for c in 0..<6 { g[G.b1 + c] = (c1Partials + (150 + c) * 16).vec().sum() }
    }

    /// Routes image `n`'s pooled gradient `dFlat` to each window's winner where the pooled value is
    /// positive (ReLU), into `dC3` (position-major, every entry written) and `dC3Rows` (channel-major;
    /// only columns 4...13 are ever written, the padding columns stay 0).
    @inline(__always)
    private func unpool2(_ n: Int) {
        let gradient = dFlat + n * 400, pooled = flat + n * 400, index = pool2Index + n * 400
        for py in 0..<5 {
            for px in 0..<5 {
                let s = (py * 5 + px) * 16
                let keep = positiveMask((pooled + s).vec())
                let g = (gradient + s).vec()
                let winner = UnsafeRawPointer(index + s).loadUnaligned(as: SIMD16<Int32>.self)
                let p0 = dC3 + ((2 * py) * 10 + 2 * px) * 16
                p0.store(select(g, keep & equalMask(winner, 0)))
                (p0 + 16).store(select(g, keep & equalMask(winner, 1)))
                (p0 + 160).store(select(g, keep & equalMask(winner, 2)))
                (p0 + 176).store(select(g, keep & equalMask(winner, 3)))
            }
        }
        for y in 0..<10 {
            for x in 0..<10 {
                let source = dC3 + (y * 10 + x) * 16
                let target = dC3Rows + y * 16 + 4 + x
                for c in 0..<16 { target[c * 160] = source[c] }
            }
        }
    }

    /// `∂c3.weight[o][k] += Σ_{y,x} pool1[n][c][y+i][x+j] · dC3[y,x][o]` (k = c·25 + i·5 + j) and
    /// `∂c3.bias += Σ dC3`, 6 rows k × 16 channels per register block.
    @inline(__always)
    private func conv3WeightGradient(_ n: Int, into g: UnsafeMutablePointer<Float>) {
        let source = pool1 + n * Self.pool1Stride
        let gw = g + PackedGradients.w3t
        var k0 = 0
        while k0 < 150 {
            // Offsets of the 6 rows' patch origins in pool1.
            func offset(_ k: Int) -> Int { (k / 25) * 196 + ((k % 25) / 5) * 14 + k % 5 }
            let a0 = source + offset(k0), a1 = source + offset(k0 + 1), a2 = source + offset(k0 + 2)
            let a3 = source + offset(k0 + 3), a4 = source + offset(k0 + 4), a5 = source + offset(k0 + 5)
            var s0 = Vec(), s1 = Vec(), s2 = Vec(), s3 = Vec(), s4 = Vec(), s5 = Vec()
            for y in 0..<10 {
                for x in 0..<10 {
                    let d = (dC3 + (y * 10 + x) * 16).vec()
                    let q = y * 14 + x
                    s0.multiplyAdd(Vec(repeating: a0[q]), d)
                    s1.multiplyAdd(Vec(repeating: a1[q]), d)
                    s2.multiplyAdd(Vec(repeating: a2[q]), d)
                    s3.multiplyAdd(Vec(repeating: a3[q]), d)
                    s4.multiplyAdd(Vec(repeating: a4[q]), d)
                    s5.multiplyAdd(Vec(repeating: a5[q]), d)
                }
            }
            let out = gw + k0 * 16
            out.add(s0); (out + 16).add(s1); (out + 32).add(s2); (out + 48).add(s3)
            (out + 64).add(s4); (out + 80).add(s5)
            k0 += 6
        }
        var bias = Vec()
        for p in 0..<100 { bias += (dC3 + p * 16).vec() }
        (g + PackedGradients.b3).add(bias)
    }

    /// `∂pool1[c][Y][X] = Σ_{o,i,j} c3.weight[o][c][i][j] · dC3[o][Y−i][X−j]` (transposed convolution),
    /// 6 channels × 16 columns (14 valid) per register block; rows `Y − i` outside 0..<10 are skipped and
    /// columns outside 0..<10 read the zero padding of `dC3Rows`.
    @inline(__always)
    private func conv3InputGradient(weights w: UnsafePointer<Float>) {
        let wr = w + PackedWeights.w3r
        for yOut in 0..<14 {
            var s0 = Vec(), s1 = Vec(), s2 = Vec(), s3 = Vec(), s4 = Vec(), s5 = Vec()
            let iLow = max(0, yOut - 9), iHigh = min(4, yOut)
            for o in 0..<16 {
                for i in iLow...iHigh {
                    let row = dC3Rows + o * 160 + (yOut - i) * 16 + 4
                    let wk = wr + o * 25 + i * 5
                    for j in 0..<5 {
                        let v = (row - j).vec()
                        s0.multiplyAdd(Vec(repeating: wk[j]), v)
                        s1.multiplyAdd(Vec(repeating: wk[400 + j]), v)
                        s2.multiplyAdd(Vec(repeating: wk[800 + j]), v)
                        s3.multiplyAdd(Vec(repeating: wk[1200 + j]), v)
                        s4.multiplyAdd(Vec(repeating: wk[1600 + j]), v)
                        s5.multiplyAdd(Vec(repeating: wk[2000 + j]), v)
                    }
                }
            }
            let out = dPool1 + yOut * 16
            out.store(s0); (out + 224).store(s1); (out + 448).store(s2); (out + 672).store(s3)
            (out + 896).store(s4); (out + 1120).store(s5)
        }
    }

    /// Routes `dPool1` to each pool1 window's winner where the pooled value is positive, into `dC1`
    /// (every entry written; columns 28...31 get 0).
    @inline(__always)
    private func unpool1(_ n: Int) {
        let pooled = pool1 + n * Self.pool1Stride, index = pool1Index + n * 1344
        // Pooled columns 14, 15 (image columns 28...31) are outside the image.
        let inside = SIMD16<Int32>(-1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0)
        for c in 0..<6 {
            for py in 0..<14 {
                let q = c * 224 + py * 16
                let g = (dPool1 + q).vec()
                let keep = positiveMask((pooled + c * 196 + py * 14).vec()) & inside
                let winner = UnsafeRawPointer(index + q).loadUnaligned(as: SIMD16<Int32>.self)
                let g0 = select(g, keep & equalMask(winner, 0)), g1 = select(g, keep & equalMask(winner, 1))
                let g2 = select(g, keep & equalMask(winner, 2)), g3 = select(g, keep & equalMask(winner, 3))
                let row = dC1 + c * 896 + 2 * py * 32
                row.store(interleave(g0.lowHalf, g1.lowHalf))
                (row + 16).store(interleave(g0.highHalf, g1.highHalf))
                (row + 32).store(interleave(g2.lowHalf, g3.lowHalf))
                (row + 48).store(interleave(g2.highHalf, g3.highHalf))
            }
        }
    }

    /// `∂c1.weight[o][i][j] += Σ_p dC1[o][p] · padded[p + i·32 + j]` and `∂c1.bias[o] += Σ_p dC1[o][p]`
    /// as 16-lane partial sums (lane `l` sums the positions `p ≡ l mod 16`, in every family).
    /// Register tile: AVX-512 3 channels × 5 taps (15 of 32 registers); the other families 2 channels ×
    /// 5 taps of one register's lanes at a time (10 accumulators, AVX2 8 lanes: 13 of 16 registers).
    @inline(__always)
    private func conv1WeightGradient(_ n: Int) {
        let image = padded + n * Self.paddedStride
        #if LENET_AVX512
        for o0 in stride(from: 0, to: 6, by: 3) {
            let d0 = dC1 + o0 * 896, d1 = d0 + 896, d2 = d1 + 896
            for i in 0..<5 {
                var a0 = Vec(), a1 = Vec(), a2 = Vec(), a3 = Vec(), a4 = Vec()
                var b0 = Vec(), b1 = Vec(), b2 = Vec(), b3 = Vec(), b4 = Vec()
                var c0 = Vec(), c1 = Vec(), c2 = Vec(), c3 = Vec(), c4 = Vec()
                var p = 0
                while p < 896 {
                    let x0 = (d0 + p).vec(), x1 = (d1 + p).vec(), x2 = (d2 + p).vec()
                    let row = image + p + i * 32
                    var v = row.vec()
                    a0.multiplyAdd(x0, v); b0.multiplyAdd(x1, v); c0.multiplyAdd(x2, v)
                    v = (row + 1).vec()
                    a1.multiplyAdd(x0, v); b1.multiplyAdd(x1, v); c1.multiplyAdd(x2, v)
                    v = (row + 2).vec()
                    a2.multiplyAdd(x0, v); b2.multiplyAdd(x1, v); c2.multiplyAdd(x2, v)
                    v = (row + 3).vec()
                    a3.multiplyAdd(x0, v); b3.multiplyAdd(x1, v); c3.multiplyAdd(x2, v)
                    v = (row + 4).vec()
                    a4.multiplyAdd(x0, v); b4.multiplyAdd(x1, v); c4.multiplyAdd(x2, v)
                    p += 16
                }
                let base = c1Partials + (o0 * 25 + i * 5) * 16
                base.add(a0); (base + 16).add(a1); (base + 32).add(a2); (base + 48).add(a3); (base + 64).add(a4)
                let baseB = base + 25 * 16
                baseB.add(b0); (baseB + 16).add(b1); (baseB + 32).add(b2); (baseB + 48).add(b3); (baseB + 64).add(b4)
                let baseC = base + 50 * 16
                baseC.add(c0); (baseC + 16).add(c1); (baseC + 32).add(c2); (baseC + 48).add(c3); (baseC + 64).add(c4)
            }
        }
        #else
        let lanes = Reg.scalarCount
        for o0 in stride(from: 0, to: 6, by: 2) {
            let d0 = dC1 + o0 * 896, d1 = d0 + 896
            for i in 0..<5 {
                for lane in stride(from: 0, to: 16, by: lanes) {
                    var a0 = Reg(), a1 = Reg(), a2 = Reg(), a3 = Reg(), a4 = Reg()
                    var b0 = Reg(), b1 = Reg(), b2 = Reg(), b3 = Reg(), b4 = Reg()
                    var p = lane
                    while p < 896 {
                        let x0: Reg = (d0 + p).load(), x1: Reg = (d1 + p).load()
                        let row = image + p + i * 32
                        var v: Reg = row.load()
                        a0.multiplyAdd(x0, v); b0.multiplyAdd(x1, v)
                        v = (row + 1).load()
                        a1.multiplyAdd(x0, v); b1.multiplyAdd(x1, v)
                        v = (row + 2).load()
                        a2.multiplyAdd(x0, v); b2.multiplyAdd(x1, v)
                        v = (row + 3).load()
                        a3.multiplyAdd(x0, v); b3.multiplyAdd(x1, v)
                        v = (row + 4).load()
                        a4.multiplyAdd(x0, v); b4.multiplyAdd(x1, v)
                        p += 16
                    }
                    let base = c1Partials + (o0 * 25 + i * 5) * 16 + lane
                    base.add(a0); (base + 16).add(a1); (base + 32).add(a2); (base + 48).add(a3); (base + 64).add(a4)
                    let baseB = base + 25 * 16
                    baseB.add(b0); (baseB + 16).add(b1); (baseB + 32).add(b2); (baseB + 48).add(b3)
                    (baseB + 64).add(b4)
                }
            }
        }
        #endif
        for o in 0..<6 {
            var s = Vec()
            var p = 0
            while p < 896 { s += (dC1 + o * 896 + p).vec(); p += 16 }
            (c1Partials + (150 + o) * 16).add(s)
        }
    }

    // MARK: - Helpers

    /// `(a0, b0, a1, b1, …, a7, b7)`.
    @inline(__always)
    func interleave(_ a: HalfVec, _ b: HalfVec) -> Vec {
        var r = Vec()
        for i in 0..<8 { r[2 * i] = a[i]; r[2 * i + 1] = b[i] }
        return r
    }

    /// All-ones lanes where `x > 0`, for `x >= 0` or NaN-free input (a post-ReLU value): its bit pattern
    /// as an integer is then positive exactly when the value is.
    @inline(__always)
    func positiveMask(_ x: Vec) -> SIMD16<Int32> {
        (SIMD16<Int32>() &- unsafeBitCast(x, to: SIMD16<Int32>.self)) &>> 31
    }

    /// All-ones lanes where `code == k`, for codes and `k` in 0...3.
    @inline(__always)
    func equalMask(_ code: SIMD16<Int32>, _ k: Int32) -> SIMD16<Int32> {
        ((code ^ SIMD16(repeating: k)) &- 1) &>> 31
    }

    /// `x` where `mask` is all ones, 0 where it is 0.
    @inline(__always)
    func select(_ x: Vec, _ mask: SIMD16<Int32>) -> Vec {
        unsafeBitCast(unsafeBitCast(x, to: SIMD16<Int32>.self) & mask, to: Vec.self)
    }

    /// `x[i] = 0` wherever `activation[i] <= 0` (ReLU backward, using the ReLU's output); `count` a
    /// multiple of 16.
    func maskByPositive(_ x: UnsafeMutablePointer<Float>, activation: UnsafePointer<Float>, count: Int) {
        let zero = Vec()
        var i = 0
        while i < count {
            var v = (x + i).vec()
            v.replace(with: zero, where: .!((activation + i).vec() .> zero))
            (x + i).store(v)
            i += 16
        }
    }

    /// `sums[0..<columns] += Σ_r x[r, :]`, `columns` a multiple of 16.
    func addRows(_ x: UnsafePointer<Float>, rows: Int, columns: Int, into sums: UnsafeMutablePointer<Float>) {
        var j = 0
        while j < columns {
            var s = Vec()
            for r in 0..<rows { s += (x + r * columns + j).vec() }
            (sums + j).add(s)
            j += 16
        }
    }
}
