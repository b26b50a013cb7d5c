// MARK: - Inference: the one forward pass that classifies

extension LeNet5Model {
    /// Classifies `count` images: one forward pass with the training kernels (the same logits, bit for
    /// bit, as `trainingStep` and `inspect` compute), then per image the softmax probabilities, the
    /// predicted class and, when `labels` are given, the softmax cross-entropy loss. Touches only
    /// internal scratch buffers, so a model that trains can classify between steps.
    ///
    /// Work is split into 16-image chunks over `threads` workers like a training step, and the loss sum is
    /// added per chunk and then in chunk order, so every result is bit-identical for any thread count.
    ///
    /// - Parameters:
    ///   - parameters: the network's weights.
    ///   - images: `(count, 1, 28, 28)` normalised Float32, NCHW row-major (at least `count·784` values).
    ///   - labels: `count` class labels in `0...9`, or `nil` for images without labels (no losses then).
    ///   - count: images, `>= 1` (above `maxBatchSize` works too, in rounds).
    /// - Returns: logits, probabilities and predictions of every image; losses and their sum with labels.
    public func classify(parameters: LeNet5Parameters, images: UnsafeBufferPointer<Float>,
                         labels: UnsafeBufferPointer<UInt8>?, count: Int) -> LeNet5Classification {
        checkInputs(images: images, labels: labels, count: count)
        packWeights(parameters, forwardOnly: true)
        let weights = UnsafePointer(packedWeights)
        let imageBase = images.baseAddress!, labelBase = labels?.baseAddress
        var logits = [Float](repeating: 0, count: count * 10)
        var probabilities = [Float](repeating: 0, count: count * 10)
        var predictions = [UInt8](repeating: 0, count: count)
        var losses = [Float](repeating: 0, count: labels == nil ? 0 : count)
        let total = logits.withUnsafeMutableBufferPointer { logitsOut in
            probabilities.withUnsafeMutableBufferPointer { probabilitiesOut in
                predictions.withUnsafeMutableBufferPointer { predictionsOut in
                    losses.withUnsafeMutableBufferPointer { lossesOut in
                        run(count: count) { workspace, _, _, start, size in
                            workspace.forward(weights: weights, images: imageBase + start * 784, count: size)
                            var lossSum = 0.0
                            for n in 0..<size {
                                let image = start + n
                                let row = UnsafeBufferPointer(start: workspace.logits + n * 16, count: 10)
                                let output = UnsafeMutableBufferPointer(rebasing: logitsOut[image * 10 ..< image * 10 + 10])
                                _ = output.initialize(from: row)
                                softmax(row, into: UnsafeMutableBufferPointer(
                                    rebasing: probabilitiesOut[image * 10 ..< image * 10 + 10]))
                                predictionsOut[image] = UInt8(workspace.predictedClass(row: n))
                                if let labelBase {
                                    let loss = workspace.crossEntropy(row: n, label: Int(labelBase[image]),
                                                                      gradientScale: nil).loss
                                    lossesOut[image] = loss
                                    lossSum += Double(loss)
                                }
                            }
                            return ChunkResult(lossSum: lossSum, correct: 0)
                        } reduce: { _ in }
                    }
                }
            }
        }
        return LeNet5Classification(logits: logits, probabilities: probabilities, predictions: predictions,
                                    losses: losses, lossSum: total.lossSum)
    }
}
