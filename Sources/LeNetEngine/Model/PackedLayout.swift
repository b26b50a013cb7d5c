// MARK: - Packed layouts of the fast path

/// Where the fast path keeps each weight, in the layouts its kernels read (all padded to whole vectors
/// of 16 floats, padding zero), packed once per call from `LeNet5Parameters`.
///
/// The pooled c3 output is kept position-major, `flat'[s·16 + c]` for spatial position `s = y·5 + x`
/// and channel `c`, instead of PyTorch's `flat[c·25 + s]`; c5's weight columns are permuted to match.
enum PackedWeights {
    static let w1 = 0            // (6, 25) as PyTorch
    static let b1 = 160          // (6), padded to 16
    static let w3t = 176         // (150, 16): w3t[k][o] = c3.weight[o][k], k = c·25 + i·5 + j
    static let b3 = 2_576        // (16)
    static let w3r = 2_592       // (6, 400): w3r[c][o·25 + i·5 + j] = c3.weight[o][c][i][j]
    static let w5t = 4_992       // (400, 128): w5t[s·16 + c][o] = c5.weight[o][c·25 + s]
    static let b5 = 56_192       // (128)
    static let w5p = 56_320      // (120, 400): w5p[o][s·16 + c] = c5.weight[o][c·25 + s]
    static let w6t = 104_320     // (120, 96): w6t[i][o] = f6.weight[o][i]
    static let b6 = 115_840      // (96)
    static let w6p = 115_936     // (84, 128): f6.weight rows, padded
    static let w7t = 126_688     // (84, 16): w7t[i][o] = output.weight[o][i]
    static let b7 = 128_032      // (16)
    static let w7p = 128_048     // (10, 96): output.weight rows, padded
    static let count = 129_008

    /// Fills `block` (zeroed once at allocation; padding is never written) from `parameters`, on one
    /// thread; with `forwardOnly`, only the layouts the forward pass reads (inference).
    static func pack(_ parameters: LeNet5Parameters, into block: UnsafeMutablePointer<Float>,
                     forwardOnly: Bool = false) {
        parameters.tensors[4].withUnsafeBufferPointer { w5 in
            packC5(w5.baseAddress!, part: 0, parts: 1, into: block, forwardOnly: forwardOnly)
        }
        packOthers(parameters, into: block, forwardOnly: forwardOnly)
    }

    /// Part `part` of `parts` of c5's weight `w5` `(120, 400)`: rows `o` of `w5p` and the rows of `w5t`
    /// that hold channels `c` in the part's share. `w5t` is filled one channel at a time: its 25 columns
    /// `c·25 + s` of `w5` lie in 2 cache lines per row (15 KB for the 120 rows, within L1) and each
    /// `w5t` row is written in order; a power-of-two stride (row by row of `w5t`) would keep the lines
    /// in a few cache sets.
    static func packC5(_ w5: UnsafePointer<Float>, part: Int, parts: Int, into block: UnsafeMutablePointer<Float>,
                       forwardOnly: Bool) {
        if !forwardOnly {
            for o in 120 * part / parts ..< 120 * (part + 1) / parts {
                let row = w5 + o * 400, prow = block + w5p + o * 400
                for s in 0..<25 {
                    for c in 0..<16 { prow[s * 16 + c] = row[c * 25 + s] }
                }
            }
        }
        for c in 16 * part / parts ..< 16 * (part + 1) / parts {
            for s in 0..<25 {
                let out = block + w5t + (s * 16 + c) * 128, column = w5 + c * 25 + s
                for o in 0..<120 { out[o] = column[o * 400] }
            }
        }
    }

    /// Every tensor but c5's weight (`packC5`).
    static func packOthers(_ parameters: LeNet5Parameters, into block: UnsafeMutablePointer<Float>,
                           forwardOnly: Bool) {
        let t = parameters.tensors
        t[0].withUnsafeBufferPointer { w in (block + w1).update(from: w.baseAddress!, count: 150) }
        t[1].withUnsafeBufferPointer { b in (block + b1).update(from: b.baseAddress!, count: 6) }
        t[2].withUnsafeBufferPointer { w in
            let w3 = w.baseAddress!
            if !forwardOnly {
                for o in 0..<16 {
                    for c in 0..<6 { (block + w3r + c * 400 + o * 25).update(from: w3 + o * 150 + c * 25, count: 25) }
                }
            }
            transpose(w3, rows: 16, columns: 150, into: block + w3t, stride: 16)
        }
        t[3].withUnsafeBufferPointer { b in (block + b3).update(from: b.baseAddress!, count: 16) }
        t[5].withUnsafeBufferPointer { b in (block + b5).update(from: b.baseAddress!, count: 120) }
        t[6].withUnsafeBufferPointer { w in
            if !forwardOnly {
                for o in 0..<84 { (block + w6p + o * 128).update(from: w.baseAddress! + o * 120, count: 120) }
            }
            transpose(w.baseAddress!, rows: 84, columns: 120, into: block + w6t, stride: 96)
        }
        t[7].withUnsafeBufferPointer { b in (block + b6).update(from: b.baseAddress!, count: 84) }
        t[8].withUnsafeBufferPointer { w in
            if !forwardOnly {
                for o in 0..<10 { (block + w7p + o * 96).update(from: w.baseAddress! + o * 84, count: 84) }
            }
            transpose(w.baseAddress!, rows: 10, columns: 84, into: block + w7t, stride: 16)
        }
        t[9].withUnsafeBufferPointer { b in (block + b7).update(from: b.baseAddress!, count: 10) }
    }
}

/// `target[j·stride + i] = source[i·columns + j]` for `i < rows`, `j < columns` (sequential writes; the
/// strided reads stay within a few cache lines per target row).
func transpose(_ source: UnsafePointer<Float>, rows: Int, columns: Int, into target: UnsafeMutablePointer<Float>,
               stride: Int) {
    for j in 0..<columns {
        let out = target + j * stride
        for i in 0..<rows { out[i] = source[i * columns + j] }
    }
}

/// The fast path's gradient accumulator layout (per chunk), converted to PyTorch's by `unpack`.
enum PackedGradients {
    static let w1 = 0            // (6, 25)
    static let b1 = 160          // (6)
    static let w3t = 176         // (150, 16), transposed
    static let b3 = 2_576        // (16)
    static let w5p = 2_592       // (120, 400), columns permuted as PackedWeights.w5p
    static let b5 = 50_592       // (128)
    static let w6p = 50_720      // (84, 128)
    static let b6 = 61_472       // (96)
    static let w7p = 61_568      // (10, 96)
    static let b7 = 62_528       // (16)
    static let count = 62_544

    /// Rows `rows` of c5's weight gradient `(120, 400)` from the packed gradient `g` into `d`.
    static func unpackC5(_ g: UnsafePointer<Float>, rows: Range<Int>, into d: UnsafeMutablePointer<Float>) {
        for o in rows {
            for c in 0..<16 { for s in 0..<25 { d[o * 400 + c * 25 + s] = g[w5p + o * 400 + s * 16 + c] } }
        }
    }

    /// Writes the packed gradient `g` into `gradients` in PyTorch's layouts (c5's weight too unless
    /// `skippingC5`, when the caller wrote it with `unpackC5`).
    static func unpack(_ g: UnsafePointer<Float>, into gradients: inout LeNet5Parameters, skippingC5: Bool = false) {
        func write(_ index: Int, _ body: (UnsafeMutablePointer<Float>) -> Void) {
            gradients.tensors[index].withUnsafeMutableBufferPointer { body($0.baseAddress!) }
        }
        write(0) { $0.update(from: g + w1, count: 150) }
        write(1) { $0.update(from: g + b1, count: 6) }
        write(2) { d in
            for o in 0..<16 { for k in 0..<150 { d[o * 150 + k] = g[w3t + k * 16 + o] } }
        }
        write(3) { $0.update(from: g + b3, count: 16) }
        if !skippingC5 { write(4) { unpackC5(g, rows: 0..<120, into: $0) } }
        write(5) { $0.update(from: g + b5, count: 120) }
        write(6) { d in
            for o in 0..<84 { (d + o * 120).update(from: g + w6p + o * 128, count: 120) }
        }
        write(7) { $0.update(from: g + b6, count: 84) }
        write(8) { d in
            for o in 0..<10 { (d + o * 84).update(from: g + w7p + o * 96, count: 84) }
        }
        write(9) { $0.update(from: g + b7, count: 10) }
    }
}
