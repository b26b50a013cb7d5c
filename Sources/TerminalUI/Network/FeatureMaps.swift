import LeNetEngine

// MARK: - Feature maps

/// A stack of 2-D maps to draw: `count` maps of `height` x `width` values, row-major, map after map
/// (C, H, W: PyTorch's layout without the batch axis). Feature maps of a layer, a layer's filters
/// (C = filters, one input channel), an input image or its saliency map.
public struct FeatureMaps: Sendable, Equatable {
    /// Maps in the stack (channels).
    public let count: Int
    public let height: Int
    public let width: Int
    /// `count * height * width` values.
    public let values: [Float]

    /// - Precondition: `values.count == count * height * width`.
    public init(count: Int, height: Int, width: Int, values: [Float]) {
        precondition(count >= 0 && height >= 0 && width >= 0 && values.count == count * height * width,
                     "FeatureMaps: \(values.count) values for \(count)x\(height)x\(width)")
        self.count = count
        self.height = height
        self.width = width
        self.values = values
    }

    /// A one-map stack of a 28x28 image's bytes as `0...1` (255 = 1).
    public init(image pixels: [UInt8], side: Int = 28) {
        self.init(count: 1, height: side, width: side, values: pixels.map { Float($0) / 255 })
    }

    /// The shape as the network's layers are labelled: `6×28×28`.
    public func shape(times: String = "×") -> String { "\(count)\(times)\(height)\(times)\(width)" }

    /// Value at column `x`, row `y` of map `map`.
    public subscript(map: Int, x: Int, y: Int) -> Float {
        values[(map * height + y) * width + x]
    }

    /// The largest value of every map (0 for an empty stack); the top of an activation scale.
    public var maximum: Float { values.lazy.filter(\.isFinite).max().map { Swift.max(0, $0) } ?? 0 }

    /// The largest magnitude (0 for an empty stack); the half-width of a diverging scale centred at zero.
    public var maximumMagnitude: Float { values.lazy.filter(\.isFinite).map(\.magnitude).max() ?? 0 }

    /// Every map resampled to `width` x `height` by area averaging: each new pixel is the mean of the old
    /// pixels it covers, weighted by the overlap (a box filter, so downsampling never drops a thin stroke
    /// and a whole-number upscale repeats pixels). The stack itself when the size is unchanged.
    public func resampled(width newWidth: Int, height newHeight: Int) -> FeatureMaps {
        guard newWidth != width || newHeight != height else { return self }
        guard newWidth > 0, newHeight > 0, width > 0, height > 0 else {
            return FeatureMaps(count: count, height: max(0, newHeight), width: max(0, newWidth),
                               values: [Float](repeating: 0, count: count * max(0, newWidth) * max(0, newHeight)))
        }
        let columns = Self.weights(from: width, to: newWidth)
        let rows = Self.weights(from: height, to: newHeight)
        var out = [Float](repeating: 0, count: count * newHeight * newWidth)
        for map in 0..<count {
            for (y, rowWeights) in rows.enumerated() {
                for (x, columnWeights) in columns.enumerated() {
                    var sum: Float = 0
                    for (sy, wy) in rowWeights {
                        for (sx, wx) in columnWeights { sum += self[map, sx, sy] * wx * wy }
                    }
                    out[(map * newHeight + y) * newWidth + x] = sum
                }
            }
        }
        return FeatureMaps(count: count, height: newHeight, width: newWidth, values: out)
    }

    /// For each of `new` cells along one axis, the old cells it covers and their weights (summing to 1).
    static func weights(from old: Int, to new: Int) -> [[(Int, Float)]] {
        (0..<new).map { i in
            let start = Double(i) * Double(old) / Double(new), end = Double(i + 1) * Double(old) / Double(new)
            var cells: [(Int, Float)] = []
            var s = Int(start)
            while Double(s) < end - 1e-9, s < old {
                let overlap = min(end, Double(s + 1)) - max(start, Double(s))
                if overlap > 1e-9 { cells.append((s, Float(overlap / (end - start)))) }
                s += 1
            }
            return cells
        }
    }
}

// MARK: - One image through the network

/// What the network view shows of one image (the pad's drawing or a test image): the network's input and
/// every layer's maps after its activation, the class probabilities and the saliency map. Built by the
/// dashboard from the engine's forward pass, for one image, only while the view is open.
public struct NetworkInside: Sendable, Equatable {
    /// The normalised input, 1x28x28.
    public var input: FeatureMaps
    /// c1 after ReLU, 6x28x28.
    public var c1: FeatureMaps
    /// pool1, 6x14x14.
    public var pool1: FeatureMaps
    /// c3 after ReLU, 16x10x10.
    public var c3: FeatureMaps
    /// pool2, 16x5x5.
    public var pool2: FeatureMaps
    /// Softmax probabilities of the ten classes.
    public var probabilities: [Float]
    /// The gradient of the predicted class's logit with respect to the input, 1x28x28.
    public var saliency: FeatureMaps

    public init(input: FeatureMaps, c1: FeatureMaps, pool1: FeatureMaps, c3: FeatureMaps, pool2: FeatureMaps,
                probabilities: [Float], saliency: FeatureMaps) {
        self.input = input
        self.c1 = c1
        self.pool1 = pool1
        self.c3 = c3
        self.pool2 = pool2
        self.probabilities = probabilities
        self.saliency = saliency
    }

    /// The maps of an engine inspection (`LeNet5Model.inspect` via `DigitPredictor.inspect`).
    public init(_ inspection: LeNet5Inspection) {
        func maps(_ layer: LeNet5Inspection.Layer) -> FeatureMaps {
            FeatureMaps(count: layer.shape[0], height: layer.shape[1], width: layer.shape[2], values: inspection[layer])
        }
        self.init(input: maps(.input), c1: maps(.c1), pool1: maps(.pool1), c3: maps(.c3), pool2: maps(.pool2),
                  probabilities: inspection.probabilities, saliency: maps(.saliency))
    }

    /// The most probable class (ties: the lowest).
    public var predicted: Int {
        var best = 0
        for i in probabilities.indices where probabilities[i] > probabilities[best] { best = i }
        return best
    }

    /// |saliency| normalised to its maximum (all zeros when the gradient is zero): `0...1` per pixel.
    public var saliencyMagnitude: FeatureMaps {
        let top = saliency.maximumMagnitude
        let values = saliency.values.map { top > 0 && $0.isFinite ? $0.magnitude / top : 0 }
        return FeatureMaps(count: saliency.count, height: saliency.height, width: saliency.width, values: values)
    }
}
