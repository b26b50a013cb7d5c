import Foundation
import LeNetEngine
import MNISTData

/// One test image the network gets wrong.
public struct Misclassification: Sendable, Equatable {
    /// Position of the image in the test set, 0-based (the order of the IDX file).
    public let index: Int
    /// The label from the data set.
    public let trueClass: Int
    /// The network's answer (argmax of the logits, ties to the lowest class, as the evaluator counts).
    public let predicted: Int
    /// Softmax probabilities of the 10 classes, index = class, summing to 1.
    public let probabilities: [Double]

    /// An error at test-set position `index` (0-based) with the 10 softmax probabilities.
    public init(index: Int, trueClass: Int, predicted: Int, probabilities: [Double]) {
        self.index = index
        self.trueClass = trueClass
        self.predicted = predicted
        self.probabilities = probabilities
    }
}

/// Finds misclassified test images from the network's logits.
public enum MisclassificationFinder {
    /// The first `limit` images of `dataset`, in file order, whose predicted class differs from the label.
    ///
    /// Runs the forward pass chunk by chunk (`batch.capacity` images) and stops as soon as `limit` errors
    /// are found, so asking for a few costs a fraction of a full test pass.
    /// - Parameters:
    ///   - limit: how many to return at most (none when `limit <= 0`).
    ///   - normalization: the same normalisation the network was trained with.
    /// - Returns: at most `limit` entries, ascending `index`.
    public static func first(_ limit: Int, model: LeNet5Model, parameters: LeNet5Parameters,
                             dataset: MNISTDataset, normalization: PixelNormalization,
                             batch: MiniBatch) -> [Misclassification] {
        guard limit > 0 else { return [] }
        var found: [Misclassification] = []
        let chunk = min(batch.capacity, model.maxBatchSize)
        var start = 0
        while start < dataset.count && found.count < limit {
            let count = min(chunk, dataset.count - start)
            batch.load(from: dataset, order: nil, start: start, count: count, normalization: normalization)
            let logits = batch.withBuffers { images, _ in model.logits(parameters: parameters, images: images, count: count) }
            for i in 0..<count where found.count < limit {
                let row = Array(logits[i * 10 ..< (i + 1) * 10])
                let predicted = argmax(row)
                let label = Int(dataset.labels[start + i])
                if predicted != label {
                    found.append(Misclassification(index: start + i, trueClass: label, predicted: predicted,
                                                   probabilities: softmax(row)))
                }
            }
            start += count
        }
        return found
    }

    /// Index of the largest value, the lowest index on ties.
    static func argmax(_ values: [Float]) -> Int {
        var best = 0
        for i in values.indices where values[i] > values[best] { best = i }
        return best
    }

    /// Softmax in Double, shifted by the maximum for stability.
    static func softmax(_ logits: [Float]) -> [Double] {
        let top = Double(logits.max() ?? 0)
        let exps = logits.map { Foundation.exp(Double($0) - top) }
        let sum = exps.reduce(0, +)
        return exps.map { $0 / sum }
    }
}

/// Grey-scale images as text, for terminals and logs.
public enum TextArt {
    /// Ten grey levels, background to ink, all ASCII so every terminal and font shows them.
    public static let ramp: [Character] = Array(" .:-=+*#%@")

    /// The image as `rows` lines of `2 * cols` characters: each pixel is two characters from `ramp`
    /// (pixel 0 is a space, 255 is `@`), because terminal cells are about twice as tall as wide.
    /// - Parameters:
    ///   - pixels: `rows * cols` bytes, row-major, 0 = background.
    /// - Precondition: `pixels.count == rows * cols`.
    public static func render(_ pixels: ArraySlice<UInt8>, rows: Int, cols: Int) -> [String] {
        precondition(pixels.count == rows * cols, "TextArt: \(pixels.count) pixels for \(rows)x\(cols)")
        let base = pixels.startIndex
        return (0..<rows).map { r in
            var line = ""
            for c in 0..<cols {
                let level = Int(pixels[base + r * cols + c]) * ramp.count / 256
                line.append(ramp[level])
                line.append(ramp[level])
            }
            return line
        }
    }

    /// A misclassified image with a heading line, e.g.
    /// `#1  test image 247: true 4, predicted 6 (p 0.873); true class p 0.102`, then the picture in a frame.
    public static func describe(_ m: Misclassification, number: Int, dataset: MNISTDataset,
                                classNames: [String]) -> [String] {
        func name(_ c: Int) -> String { c < classNames.count ? classNames[c] : String(c) }
        let heading = "#\(number)  test image \(m.index): true \(name(m.trueClass)), predicted \(name(m.predicted))"
            + " (p \(String(format: "%.3f", m.probabilities[m.predicted])))"
            + "; p of the true class \(String(format: "%.3f", m.probabilities[m.trueClass]))"
        let art = render(dataset.image(at: m.index), rows: dataset.rows, cols: dataset.cols)
        let border = "+" + String(repeating: "-", count: 2 * dataset.cols) + "+"
        return [heading, border] + art.map { "|" + $0 + "|" } + [border]
    }
}
