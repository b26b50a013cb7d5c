#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: - Classification: what the network makes of a set of images

/// The network's answer for `count` images, from one forward pass (`LeNet5Model.classify`): the logits,
/// their softmax probabilities, the predicted classes and, for labelled images, each image's loss.
///
/// Every per-image array is in image order; the 10-value rows are row-major `(count, 10)`.
public struct LeNet5Classification: Sendable, Equatable {
    /// `(count, 10)`: the output layer, before softmax.
    public private(set) var logits: [Float]
    /// `(count, 10)`: `softmax` of each row of `logits`, each row summing to 1.
    public private(set) var probabilities: [Float]
    /// `count` classes: `argmax` of each row of `logits` (the first largest, ties to the lowest class, as
    /// `torch.argmax`).
    public private(set) var predictions: [UInt8]
    /// `count` softmax cross-entropy losses (nats, `−log p[label]` in the stable log-sum-exp form of
    /// `Reference.softmaxCrossEntropyForward`) for labelled images; empty when classified without labels.
    public private(set) var losses: [Float]
    /// The sum of `losses` in Double, added per 16-image chunk and then chunk by chunk in order (so the
    /// sum is the same for every thread count); 0 without labels.
    public private(set) var lossSum: Double

    /// No images.
    public init() {
        self.init(logits: [], probabilities: [], predictions: [], losses: [], lossSum: 0)
    }

    /// Wraps the arrays; `probabilities` and `logits` hold 10 values per prediction, `losses` one per
    /// prediction or none.
    init(logits: [Float], probabilities: [Float], predictions: [UInt8], losses: [Float], lossSum: Double) {
        precondition(logits.count == predictions.count * 10 && probabilities.count == logits.count,
                     "LeNet5Classification: \(logits.count) logits for \(predictions.count) images")
        precondition(losses.isEmpty || losses.count == predictions.count,
                     "LeNet5Classification: \(losses.count) losses for \(predictions.count) images")
        self.logits = logits
        self.probabilities = probabilities
        self.predictions = predictions
        self.losses = losses
        self.lossSum = lossSum
    }

    /// Number of images.
    public var count: Int { predictions.count }
    /// Whether the images came with labels (`losses` holds one value per image).
    public var isLabelled: Bool { !losses.isEmpty || count == 0 }

    /// Image `n`'s 10 logits.
    public func logits(ofImage n: Int) -> ArraySlice<Float> { logits[n * 10 ..< (n + 1) * 10] }
    /// Image `n`'s 10 softmax probabilities.
    public func probabilities(ofImage n: Int) -> ArraySlice<Float> { probabilities[n * 10 ..< (n + 1) * 10] }
    /// Image `n`'s predicted class, `0...9`.
    public func prediction(ofImage n: Int) -> Int { Int(predictions[n]) }

    /// Appends the images of `next` after these (for a set classified chunk by chunk); `lossSum` becomes
    /// `lossSum + next.lossSum`.
    /// - Precondition: both are labelled or both are not (an empty one is either).
    public mutating func append(_ next: LeNet5Classification) {
        precondition(count == 0 || next.count == 0 || losses.isEmpty == next.losses.isEmpty,
                     "LeNet5Classification.append: labelled and unlabelled images mixed")
        logits += next.logits
        probabilities += next.probabilities
        predictions += next.predictions
        losses += next.losses
        lossSum += next.lossSum
    }
}

// MARK: - Softmax and argmax, written once

/// Softmax of a row of logits, `p_k = exp(z_k − m) / Σ_j exp(z_j − m)` with `m = max_j z_j` (so no
/// exponent overflows), computed in Double and rounded to Float; non-finite logits give the uniform
/// distribution. Used by every caller that turns logits into probabilities.
public func softmax<C: Collection>(_ logits: C) -> [Float] where C.Element == Float {
    softmaxInDouble(logits).map { Float($0) }
}

/// `softmax` before its rounding to Float, for reports that print more digits than a Float holds
/// (`test --misclassified`).
public func softmaxInDouble<C: Collection>(_ logits: C) -> [Double] where C.Element == Float {
    let values = Array(logits)
    var probabilities = [Double](repeating: 0, count: values.count)
    values.withUnsafeBufferPointer { z in
        probabilities.withUnsafeMutableBufferPointer { p in softmax(z, into: p) }
    }
    return probabilities
}

/// `softmax` of `logits` rounded to Float into `probabilities` (the same count).
func softmax(_ logits: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Float>) {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: logits.count) { exact in
        softmax(logits, into: exact)
        for k in logits.indices { probabilities[k] = Float(exact[k]) }
    }
}

/// The softmax itself, in Double, into `probabilities` (the same count as `logits`).
func softmax(_ logits: UnsafeBufferPointer<Float>, into probabilities: UnsafeMutableBufferPointer<Double>) {
    precondition(probabilities.count == logits.count, "softmax: \(logits.count) logits, \(probabilities.count) outputs")
    guard let top = logits.max(), logits.allSatisfy(\.isFinite) else {
        for k in probabilities.indices { probabilities[k] = 1 / Double(max(1, logits.count)) }
        return
    }
    var sum = 0.0
    for k in logits.indices {
        probabilities[k] = exp(Double(logits[k]) - Double(top))
        sum += probabilities[k]
    }
    for k in logits.indices { probabilities[k] /= sum }
}

/// Index (from the start) of the first largest value: ties go to the lowest index, like `torch.argmax`;
/// 0 when empty.
public func argmax<C: Collection>(_ values: C) -> Int where C.Element == Float {
    values.withContiguousStorageIfAvailable { argmax(buffer: $0) }
        ?? Array(values).withUnsafeBufferPointer { argmax(buffer: $0) }
}

/// `argmax` of a buffer: the first index whose value no other exceeds.
func argmax(buffer values: UnsafeBufferPointer<Float>) -> Int {
    var best = 0
    for i in values.indices where values[i] > values[best] { best = i }
    return best
}
