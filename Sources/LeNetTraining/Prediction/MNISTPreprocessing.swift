import LeNetFormats
// MARK: - MNIST-style preprocessing
//
// How the MNIST digits were made (LeCun et al.): each digit was size-normalised to fit a 20x20 box keeping
// its aspect ratio (anti-aliasing gives grey levels), then placed in a 28x28 field so that its centre of
// mass sits at the centre of the field. A sketch goes through the same steps before the network sees it,
// so a digit drawn small in a corner reads like one drawn large in the middle.
// Scripts/make_sketch_fixtures.py does the same in NumPy; the tests compare the two.

/// The 28x28 image the network sees, as bytes, and where its ink's centre of mass ended up.
public struct PreprocessedDigit: Sendable, Equatable {
    /// Side of the field (28).
    public static let side = 28
    /// 784 bytes `0...255` (255 = full ink), row-major, ready for `PixelNormalization.normalize`.
    public var pixels: [UInt8]
    /// Centre of mass of `pixels` (intensity-weighted mean column and row, pixel centres at integer
    /// coordinates, so the field's centre is (13.5, 13.5)).
    public var centreOfMass: (x: Double, y: Double) { MNISTPreprocessing.centreOfMass(pixels, width: 28, height: 28) }

    public init(pixels: [UInt8]) {
        precondition(pixels.count == 784, "PreprocessedDigit: \(pixels.count) pixels, expected 784")
        self.pixels = pixels
    }
}

/// Turns any sketch into the network's 28x28 input.
public enum MNISTPreprocessing {
    /// Side of the box the longer side of the ink is scaled to (20 pixels, as MNIST).
    public static let boxSide = 20
    /// The centre of the 28x28 field in pixel coordinates.
    public static let fieldCentre = 13.5

    /// How a sketch becomes 28x28.
    public enum Mode: Sendable, Equatable {
        /// MNIST's steps: crop to the ink's bounding box; scale the longer side to 20 pixels with area
        /// averaging (aspect ratio kept); place it so its centre of mass is at the field's centre (whole-pixel
        /// shift, the nearest to (13.5, 13.5), kept inside the field so no ink is cut).
        case mnist
        /// No cropping or centring: the whole canvas area-averaged to 28x28 (unchanged when it is 28x28).
        /// The baseline the centring is measured against (`predict --no-centre`).
        case none
    }

    /// The network's input for `sketch`, or `nil` when the sketch has no ink (nothing to classify).
    ///
    /// Grey levels are `floor(v * 255 + 0.5)` of the averaged intensities `v` in `0...1`.
    /// - Complexity: O(width x height) of the sketch.
    public static func preprocess(_ sketch: SketchImage, mode: Mode = .mnist) -> PreprocessedDigit? {
        guard let box = sketch.inkBounds else { return nil }
        let side = PreprocessedDigit.side
        var field = [Double](repeating: 0, count: side * side)
        switch mode {
        case .none:
            let all = crop(sketch, x: 0, y: 0, width: sketch.width, height: sketch.height)
            field = resample(all, width: sketch.width, height: sketch.height, toWidth: side, toHeight: side)
        case .mnist:
            let cropped = crop(sketch, x: box.x, y: box.y, width: box.width, height: box.height)
            let size = scaledSize(width: box.width, height: box.height)
            let scaled = resample(cropped, width: box.width, height: box.height, toWidth: size.width, toHeight: size.height)
            let com = centreOfMass(scaled, width: size.width, height: size.height)
            let offset = placement(centreOfMass: com, width: size.width, height: size.height)
            for y in 0..<size.height {
                for x in 0..<size.width {
                    field[(y + offset.y) * side + x + offset.x] = scaled[y * size.width + x]
                }
            }
        }
        return PreprocessedDigit(pixels: field.map(byte))
    }

    // MARK: Steps (internal for the tests)

    /// The size the ink box is scaled to: longer side 20, the other `max(1, floor(side x 20 / longer + 0.5))`.
    static func scaledSize(width: Int, height: Int) -> (width: Int, height: Int) {
        let longer = Double(max(width, height))
        func scale(_ n: Int) -> Int { max(1, Int((Double(n) * Double(boxSide) / longer + 0.5).rounded(.down))) }
        return (scale(width), scale(height))
    }

    /// Top-left corner in the 28x28 field of a `width` x `height` image whose centre of mass is `com`:
    /// `floor(13.5 - com + 0.5)` per axis, clamped to `0...(28 - size)`.
    static func placement(centreOfMass com: (x: Double, y: Double), width: Int, height: Int) -> (x: Int, y: Int) {
        func offset(_ c: Double, _ size: Int) -> Int {
            let raw = Int((fieldCentre - c + 0.5).rounded(.down))
            return min(max(0, raw), PreprocessedDigit.side - size)
        }
        return (offset(com.x, width), offset(com.y, height))
    }

    /// The `width` x `height` window at (x, y) of the sketch, as Doubles.
    static func crop(_ sketch: SketchImage, x: Int, y: Int, width: Int, height: Int) -> [Double] {
        var out = [Double](repeating: 0, count: width * height)
        for row in 0..<height {
            for column in 0..<width { out[row * width + column] = Double(sketch[x + column, y + row]) }
        }
        return out
    }

    /// Area-averaging resample of a row-major `width` x `height` image to `toWidth` x `toHeight`: each output
    /// pixel is the mean of the input over its footprint (fractional overlaps weighted), i.e.
    /// `out = Ay · in · Axᵀ` with `A[o][i] = |[o·n/m, (o+1)·n/m) ∩ [i, i+1)| · m/n` for `n` inputs, `m` outputs.
    /// Works for shrinking and enlarging.
    static func resample(_ image: [Double], width: Int, height: Int, toWidth: Int, toHeight: Int) -> [Double] {
        let ax = areaWeights(from: width, to: toWidth), ay = areaWeights(from: height, to: toHeight)
        // Rows first: (height x toWidth), then columns.
        var rows = [Double](repeating: 0, count: height * toWidth)
        for y in 0..<height {
            for (o, weights) in ax.enumerated() {
                var sum = 0.0
                for (i, w) in weights { sum += w * image[y * width + i] }
                rows[y * toWidth + o] = sum
            }
        }
        var out = [Double](repeating: 0, count: toHeight * toWidth)
        for (o, weights) in ay.enumerated() {
            for x in 0..<toWidth {
                var sum = 0.0
                for (i, w) in weights { sum += w * rows[i * toWidth + x] }
                out[o * toWidth + x] = sum
            }
        }
        return out
    }

    /// For each of `m` outputs, the (input index, weight) pairs of the area-averaging matrix; weights sum to 1.
    static func areaWeights(from n: Int, to m: Int) -> [[(Int, Double)]] {
        let step = Double(n) / Double(m)
        return (0..<m).map { o in
            let lo = Double(o) * step, hi = Double(o + 1) * step
            var pairs: [(Int, Double)] = []
            var i = Int(lo.rounded(.down))
            while i < n && Double(i) < hi {
                let overlap = min(hi, Double(i + 1)) - max(lo, Double(i))
                if overlap > 0 { pairs.append((i, overlap / step)) }
                i += 1
            }
            return pairs
        }
    }

    /// Intensity-weighted mean column and row of a row-major image (pixel centres at integers); the
    /// image's centre when it is all zero.
    static func centreOfMass(_ image: [Double], width: Int, height: Int) -> (x: Double, y: Double) {
        var total = 0.0, sx = 0.0, sy = 0.0
        for y in 0..<height {
            for x in 0..<width {
                let v = image[y * width + x]
                total += v; sx += v * Double(x); sy += v * Double(y)
            }
        }
        guard total > 0 else { return (Double(width - 1) / 2, Double(height - 1) / 2) }
        return (sx / total, sy / total)
    }

    /// Centre of mass of a byte image.
    public static func centreOfMass(_ pixels: [UInt8], width: Int, height: Int) -> (x: Double, y: Double) {
        centreOfMass(pixels.map(Double.init), width: width, height: height)
    }

    /// `v` in 0...1 as a byte, `floor(v * 255 + 0.5)`, clamped.
    static func byte(_ v: Double) -> UInt8 {
        UInt8(min(255, max(0, (v * 255 + 0.5).rounded(.down))))
    }
}
