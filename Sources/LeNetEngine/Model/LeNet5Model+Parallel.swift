import Dispatch

// MARK: - Per-step work split by parameter range

extension LeNet5Model {
    /// Runs `body(part, parts)` for every `part` in `0..<parts` on the model's workers (`parts` = the
    /// workspaces, at most `threads`), on this thread alone when there is one. Each part must touch only
    /// its own range of the shared buffers.
    func parallelParts(_ body: (Int, Int) -> Void) {
        let parts = workspaces.count
        pool.run(tasks: parts) { part, _ in body(part, parts) }
    }

    /// Sums the round's `roundCount` chunk gradients into `gradientSum` in chunk order (starting from
    /// the first chunk's when `first`, else adding to the rounds before), each worker a range of
    /// elements: every element gets the same additions in the same order as one thread would give it.
    func sumChunkGradients(roundCount: Int, first: Bool) {
        let chunks = UnsafePointer(chunkGradients), sum = gradientSum
        let total = PackedGradients.count, stride = PackedGradients.count
        parallelParts { part, parts in
            let range = vectorRange(total, part: part, parts: parts)
            var e = range.lowerBound
            while e < range.upperBound {
                var s = first ? (chunks + e).vec() : (sum + e).vec() + (chunks + e).vec()
                var slot = 1
                while slot < roundCount { s += (chunks + slot * stride + e).vec(); slot += 1 }
                (sum + e).store(s)
                e += 16
            }
        }
    }
}

extension LeNet5Model {
    /// Packs `parameters` into `packedWeights` (`PackedWeights`): one task per worker for its share of
    /// c5's weight and one more for the other tensors, taken by whichever thread is free first; with
    /// `forwardOnly`, only the forward pass's layouts.
    func packWeights(_ parameters: LeNet5Parameters, forwardOnly: Bool = false) {
        let block = packedWeights, parts = workspaces.count
        parameters.tensors[4].withUnsafeBufferPointer { w5 in
            pool.run(tasks: parts + 1) { task, _ in
                if task == parts {
                    PackedWeights.packOthers(parameters, into: block, forwardOnly: forwardOnly)
                } else {
                    PackedWeights.packC5(w5.baseAddress!, part: task, parts: parts, into: block, forwardOnly: forwardOnly)
                }
            }
        }
    }

    /// Writes `gradientSum` into `gradients` in PyTorch's layouts, c5's weight (48,000 of the 61,706
    /// values) split over the workers by rows.
    func unpackGradients(into gradients: inout LeNet5Parameters) {
        let g = UnsafePointer(gradientSum)
        gradients.tensors[4].withUnsafeMutableBufferPointer { w5 in
            let d = w5.baseAddress!
            parallelParts { part, parts in
                PackedGradients.unpackC5(g, rows: 120 * part / parts ..< 120 * (part + 1) / parts, into: d)
            }
        }
        PackedGradients.unpack(g, into: &gradients, skippingC5: true)
    }
}

/// Part `part` of `0..<total` cut into `parts` ranges of whole 16-float vectors; the last part also takes
/// the `total % 16` values past the last whole vector.
func vectorRange(_ total: Int, part: Int, parts: Int) -> Range<Int> {
    let vectors = total / 16
    let low = vectors * part / parts, high = vectors * (part + 1) / parts
    return low * 16 ..< (part == parts - 1 ? total : high * 16)
}
