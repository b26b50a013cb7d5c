/// The one pixel normalisation used for training, testing and prediction.
///
/// Follows torchvision exactly, in Float32 and in the same order: `ToTensor` gives `x = Float(p) / 255`,
/// then `Normalize(mean, std)` gives `(x - mean) / std`. With MNIST's constants, 0 maps to -0.42421296 and
/// 255 to 2.8214867.
public struct PixelNormalization: Sendable, Equatable {
    /// Mean of the scaled pixels `p / 255` subtracted before dividing.
    public var mean: Float
    /// Standard deviation the centred values are divided by.
    public var std: Float

    /// A normalisation with the given statistics of `p / 255`.
    public init(mean: Float, std: Float) {
        self.mean = mean
        self.std = std
    }

    /// Mean 0.1307 and standard deviation 0.3081 of the MNIST training pixels / 255, the constants of the
    /// PyTorch MNIST example (`transforms.Normalize((0.1307,), (0.3081,))`, pytorch/examples `mnist/main.py`).
    public static let mnist = PixelNormalization(mean: 0.1307, std: 0.3081)

    /// The normalised value of one pixel byte: `(Float(p) / 255 - mean) / std`.
    @inlinable
    public func normalize(_ pixel: UInt8) -> Float {
        (Float(pixel) / 255 - mean) / std
    }

    /// Normalises `pixels` into `out`, element by element (layout unchanged).
    /// - Parameters:
    ///   - pixels: bytes 0...255, any layout.
    ///   - out: receives `pixels.count` Floats at the same indices.
    /// - Precondition: `out.count >= pixels.count`.
    @inlinable
    public func normalize(_ pixels: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<Float>) {
        precondition(out.count >= pixels.count, "normalize: output holds \(out.count) values, input \(pixels.count)")
        let mean = self.mean, std = self.std
        for i in 0 ..< pixels.count {
            out[i] = (Float(pixels[i]) / 255 - mean) / std
        }
    }

    /// Normalises a byte array into a new Float array of the same length.
    public func normalize(_ pixels: [UInt8]) -> [Float] {
        [Float](unsafeUninitializedCapacity: pixels.count) { out, initialized in
            pixels.withUnsafeBufferPointer { normalize($0, into: out) }
            initialized = pixels.count
        }
    }
}
