import Foundation
import LeNetEngine
import LeNetFormats

// MARK: - What the network is fed: augmented samples as text and SVG

/// Distorted copies of 28×28 images exactly as training makes them (`BatchAugmenter`'s per-image
/// generator), for `lenet-tui augment`: the image at `position` of the epoch's order, in epochs 1...count.
public struct AugmentationPreview {
    /// The ranges images are distorted with.
    public let settings: AugmentationSettings
    /// The run's seed.
    public let seed: UInt64

    public init(settings: AugmentationSettings, seed: UInt64) {
        self.settings = settings
        self.seed = seed
    }

    /// The image distorted as it would be at `position` of epochs `1...epochs`, each on the byte scale
    /// rounded to bytes (784 each, row-major).
    /// - Parameter pixels: 784 bytes, row-major.
    public func variants(of pixels: [UInt8], position: Int, epochs: Int) -> [[UInt8]] {
        precondition(pixels.count == 784, "AugmentationPreview: 784 pixels expected")
        let distorter = ImageDistorter(ranges: BatchAugmenter.ranges(settings))
        var out = [Float](repeating: 0, count: 784)
        return (1...max(1, epochs)).map { epoch in
            var rng = SplitMix64(seed: BatchAugmenter.imageSeed(runSeed: seed, epoch: epoch, position: position))
            pixels.withUnsafeBufferPointer { source in
                out.withUnsafeMutableBufferPointer { distorter.distort(source.baseAddress!, into: $0.baseAddress!, using: &rng) }
            }
            return out.map { UInt8(max(0, min(255, $0.rounded()))) }
        }
    }

    // MARK: - Text

    /// One image in 14 lines of 28 characters: each character is a pixel column and two pixel rows (their
    /// mean) on `TextArt.ramp`, so the digit keeps its proportions in a terminal's tall cells.
    public static func compactArt(_ pixels: [UInt8]) -> [String] {
        (0..<14).map { line in
            String((0..<28).map { column -> Character in
                let mean = (Int(pixels[2 * line * 28 + column]) + Int(pixels[(2 * line + 1) * 28 + column])) / 2
                return TextArt.ramp[mean * TextArt.ramp.count / 256]
            })
        }
    }

    /// Labelled images side by side, each framed by `|` (30 columns, one blank between), as many per block
    /// as fit in `width` columns; a label line above each block, blocks separated by a blank line. Labels
    /// are cut to 30 characters.
    public static func grid(_ images: [(label: String, pixels: [UInt8])], width: Int) -> [String] {
        let perRow = max(1, (width + 1) / 31)
        var lines: [String] = []
        for start in stride(from: 0, to: images.count, by: perRow) {
            let block = images[start ..< min(images.count, start + perRow)]
            if start > 0 { lines.append("") }
            lines.append(block.map { pad(String($0.label.prefix(30))) }.joined(separator: " ").trailingSpacesRemoved)
            let arts = block.map { compactArt($0.pixels) }
            for line in 0..<14 {
                lines.append(arts.map { "|" + $0[line] + "|" }.joined(separator: " "))
            }
        }
        return lines
    }

    private static func pad(_ text: String) -> String { text + String(repeating: " ", count: max(0, 30 - text.count)) }

    // MARK: - SVG

    /// `augmented.svg`: one row per source image, its original then its distorted copies, each 28×28
    /// pixels drawn 3 units a pixel in greys (white 0, black 255), with a label under every image.
    public static func svg(rows: [(name: String, images: [(label: String, pixels: [UInt8])])], title: String,
                           subtitle: String) -> String {
        let cell = 3.0, side = 28 * cell, gap = 14.0, labelHeight = 16.0
        let columns = rows.map(\.images.count).max() ?? 0
        let width = max(520, 20 + Double(columns) * (side + gap) + 20)
        let rowHeight = 18 + side + labelHeight + 10
        let height = 80 + Double(rows.count) * rowHeight
        let scale = ColourScale.grey([Float(0), 255])
        var body = ""
        for (r, row) in rows.enumerated() {
            let y = 80 + Double(r) * rowHeight
            body += SVG.text(row.name, x: 20, y: y + 12, weight: "bold")
            for (c, image) in row.images.enumerated() {
                let x = 20 + Double(c) * (side + gap)
                body += MapSVG.map(image.pixels.map(Float.init), rows: 28, columns: 28, x: x, y: y + 18, cellWidth: cell,
                                   scale: scale, title: "\(row.name): \(image.label)")
                body += SVG.text(image.label, x: x + side / 2, y: y + 18 + side + 12, anchor: "middle", size: 10)
            }
        }
        return MapSVG.document(width: width, height: height, title: title, subtitle: subtitle,
                               caption: "what the network is fed: each training image gets its own distortion in every epoch",
                               body: body)
    }
}

extension String {
    /// The string without trailing blanks.
    var trailingSpacesRemoved: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
