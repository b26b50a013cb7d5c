import Foundation
import LeNetEngine

// MARK: - What `inspect` prints

/// The output of `lenet-tui inspect` for one sketch: a readable summary, or one JSON object.
public enum InspectionReport {
    /// The JSON keys, in the order they are written.
    public static let jsonKeys = ["file", "prediction", "probabilities", "logits", "input", "c1", "pool1", "c3",
                                  "pool2", "c5", "f6", "saliency"]

    /// One line of JSON with exactly `jsonKeys`: `file`, `prediction`, `probabilities` (10), `logits` (10),
    /// `input` (28 rows of 28), `c1` (6 × 28 × 28), `pool1` (6 × 14 × 14), `c3` (16 × 10 × 10), `pool2`
    /// (16 × 5 × 5), `c5` (120), `f6` (84), `saliency` (28 × 28): nested lists in NCHW order without the batch
    /// axis (and without the single channel of `input` and `saliency`). Floats are written in Swift's
    /// shortest form that reads back as the same Float32 (`0.1`, `-2.5e-05`); a non-finite value as `null`.
    public static func json(file: String, _ inspection: DigitInspection) -> String {
        let net = inspection.network
        func tensor(_ layer: LeNet5Inspection.Layer) -> String {
            let shape = layer.shape.first == 1 && layer.isSpatial ? Array(layer.shape.dropFirst()) : layer.shape
            return nested(net[layer], shape: shape)
        }
        var pairs = [("file", ReportFormat.string(file)), ("prediction", String(net.predictedClass))]
        for key in jsonKeys.dropFirst(2) {
            pairs.append((key, tensor(LeNet5Inspection.Layer(rawValue: key)!)))
        }
        return ReportFormat.object(pairs)
    }

    /// `values` (row-major, `shape.reduce(1, *)` of them) as nested JSON lists of `shape`.
    static func nested(_ values: [Float], shape: [Int]) -> String {
        precondition(values.count == shape.reduce(1, *), "nested: \(values.count) values for shape \(shape)")
        var out = ""
        out.reserveCapacity(values.count * 12)
        var index = 0
        func write(_ depth: Int) {
            out += "["
            for i in 0..<shape[depth] {
                if i > 0 { out += ", " }
                if depth == shape.count - 1 {
                    let v = values[index]
                    out += v.isFinite ? v.description : "null"
                    index += 1
                } else {
                    write(depth + 1)
                }
            }
            out += "]"
        }
        write(0)
        return out
    }

    /// The readable summary: `predict`'s line (`FILE: 7 (99.9%)`), the top 3 classes, the three c1 and c3
    /// maps with the largest mean activation, and the input next to its |saliency| as text pictures
    /// (`TextArt.ramp`, one character per pixel column and two pixel rows).
    /// - Parameter classNames: class names to print after the class (`nil` for MNIST's digits).
    public static func text(file: String, _ inspection: DigitInspection, classNames: [String]? = nil) -> [String] {
        let net = inspection.network
        func name(_ k: Int) -> String { classNames.map { "\(k) \($0[k])" } ?? String(k) }
        func percent(_ p: Float) -> String { String(format: "%.1f%%", Double(p) * 100) }
        func strongest(_ layer: LeNet5Inspection.Layer) -> String {
            net.strongestChannels(layer, count: 3).map { "\($0.channel) (\(MapSVG.label(Double($0.mean))))" }
                .joined(separator: ", ")
        }
        var lines = ["\(file): \(name(net.predictedClass)) (\(percent(net.probabilities[net.predictedClass])))"]
        lines.append("  top 3: " + net.topClasses(3).map { "\(name($0.classIndex)) \(percent($0.probability))" }
            .joined(separator: ", "))
        lines.append("  strongest c1 maps (channel, mean activation): \(strongest(.c1))")
        lines.append("  strongest c3 maps (channel, mean activation): \(strongest(.c3))")
        let largest = net.saliency.map { abs(Double($0)) }.max() ?? 0
        let inputTitle = "input (what the network sees)"
        lines.append("  " + inputTitle + String(repeating: " ", count: 33 - inputTitle.count)
                     + "|saliency| = |∂ logit[\(net.saliencyClass)] / ∂ input|, max \(MapSVG.label(largest))")
        let input = art(inspection.image.pixels.map { Double($0) / 255 })
        let saliency = art(net.saliency.map { largest > 0 ? abs(Double($0)) / largest : 0 })
        for (left, right) in zip(input, saliency) { lines.append("  |\(left)|   |\(right)|") }
        return lines
    }

    /// A 28x28 map of intensities in `0...1` as 14 lines of 28 characters from `TextArt.ramp`: each character
    /// the mean of two vertically adjacent pixels (terminal cells are about twice as tall as wide).
    static func art(_ intensities: [Double]) -> [String] {
        precondition(intensities.count == 784, "art: \(intensities.count) values, expected 784")
        let ramp = TextArt.ramp
        return (0..<14).map { row in
            String((0..<28).map { x -> Character in
                let v = (intensities[2 * row * 28 + x] + intensities[(2 * row + 1) * 28 + x]) / 2
                return ramp[min(ramp.count - 1, max(0, Int(v * Double(ramp.count))))]
            })
        }
    }
}
