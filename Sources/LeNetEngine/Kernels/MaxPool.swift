// MARK: - maxPool2x2

extension Reference {
    /// 2x2 max-pooling forward, stride 2 (PyTorch `F.max_pool2d(x, 2)`). Input `(N, C, H, W)` →
    /// output `(N, C, H/2, W/2)` (floor: an odd last row or column is dropped, like PyTorch's default
    /// `ceil_mode=False`), plus `argmax` of the output's shape; NCHW, row-major.
    ///
    /// `argmax[n, c, y, x]` is the flat index `iy·W + ix` of the chosen element within its `(H, W)` plane
    /// (PyTorch's `return_indices` convention). Windows are scanned row by row and an element wins only
    /// if strictly greater than the best so far, so ties go to the FIRST maximum, as in PyTorch's CPU
    /// kernel; a NaN wins and propagates (also as PyTorch).
    public static func maxPool2x2Forward(input: [Float], batch: Int, channels: Int, height: Int,
                                         width: Int) -> (output: [Float], argmax: [Int32]) {
        precondition(input.count == batch * channels * height * width, "maxPool2x2Forward: size mismatch")
        let (oh, ow) = (height / 2, width / 2)
        var output = [Float](repeating: 0, count: batch * channels * oh * ow)
        var argmax = [Int32](repeating: 0, count: output.count)
        for plane in 0..<(batch * channels) {
            let base = plane * height * width
            for y in 0..<oh {
                for x in 0..<ow {
                    var bestIndex = (2 * y) * width + 2 * x
                    var best = input[base + bestIndex]
                    for (dy, dx) in [(0, 1), (1, 0), (1, 1)] {
                        let index = (2 * y + dy) * width + 2 * x + dx
                        let value = input[base + index]
                        if value > best || value.isNaN {
                            best = value
                            bestIndex = index
                        }
                    }
                    output[(plane * oh + y) * ow + x] = best
                    argmax[(plane * oh + y) * ow + x] = Int32(bestIndex)
                }
            }
        }
        return (output, argmax)
    }

    /// 2x2 max-pooling backward. Output gradient `(N, C, H/2, W/2)` and the forward's `argmax` (same shape)
    /// → input gradient `(N, C, H, W)`: each output gradient is routed to the one input element that won
    /// its window; every other input gets 0.
    public static func maxPool2x2Backward(outputGradient: [Float], argmax: [Int32], batch: Int,
                                          channels: Int, height: Int, width: Int) -> [Float] {
        let (oh, ow) = (height / 2, width / 2)
        precondition(outputGradient.count == batch * channels * oh * ow && argmax.count == outputGradient.count,
                     "maxPool2x2Backward: size mismatch")
        var inputGradient = [Float](repeating: 0, count: batch * channels * height * width)
        for plane in 0..<(batch * channels) {
            for k in 0..<(oh * ow) {
                let o = plane * oh * ow + k
                inputGradient[plane * height * width + Int(argmax[o])] += outputGradient[o]
            }
        }
        return inputGradient
    }
}
