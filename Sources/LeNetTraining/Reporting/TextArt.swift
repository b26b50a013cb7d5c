import Foundation
import MNISTData

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
