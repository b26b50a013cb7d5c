import Foundation
import LeNetEngine

// MARK: - Seeded random data

/// Seeded random test data, so every random test repeats exactly: all draws come from `SplitMix64`.
public struct SeededRandom {
    /// The underlying generator.
    public var generator: SplitMix64

    /// A generator seeded with `seed`.
    public init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    /// A uniform Float in `range` (24-bit resolution).
    public mutating func float(in range: ClosedRange<Float>) -> Float {
        range.lowerBound + (range.upperBound - range.lowerBound) * generator.nextFloat()
    }

    /// `count` uniform Floats in `range`.
    public mutating func floats(_ count: Int, in range: ClosedRange<Float> = -1...1) -> [Float] {
        (0..<count).map { _ in float(in: range) }
    }

    /// `count` Floats in `±magnitude` with `|x| ≥ gap` (away from a kink at 0, e.g. for ReLU checks).
    public mutating func floatsAwayFromZero(_ count: Int, gap: Float, magnitude: Float = 1) -> [Float] {
        (0..<count).map { _ in
            let v = float(in: gap...magnitude)
            return generator.nextInt(below: 2) == 0 ? v : -v
        }
    }

    /// `count` distinct Floats `k·spacing` for a random permutation of `k = 0..<count`, centred on 0
    /// (every pair differs by at least `spacing`, e.g. for max-pool checks).
    public mutating func distinctFloats(_ count: Int, spacing: Float) -> [Float] {
        shuffledIndices(count: count, using: &generator).map { (Float($0) - Float(count) / 2) * spacing }
    }

    /// `count` labels in `0..<classCount`.
    public mutating func labels(_ count: Int, classCount: Int = 10) -> [Int] {
        (0..<count).map { _ in generator.nextInt(below: classCount) }
    }

    /// `count` MNIST-like images `(count, 1, 28, 28)`: a background of -0.4242 (normalised 0) with a random
    /// bright rectangle and noise, so activations include ties and zeros like real digits.
    public mutating func images(_ count: Int) -> [Float] {
        var images = [Float](repeating: -0.4242, count: count * 784)
        for n in 0..<count {
            let (y0, x0) = (generator.nextInt(below: 14), generator.nextInt(below: 14))
            let (h, w) = (4 + generator.nextInt(below: 10), 4 + generator.nextInt(below: 10))
            for y in y0..<min(28, y0 + h) {
                for x in x0..<min(28, x0 + w) { images[n * 784 + y * 28 + x] = float(in: 0...2.8) }
            }
        }
        return images
    }
}

// MARK: - Fixture encoding

/// Decodes a base64 string of raw little-endian Float32 values (the fixtures' tensor encoding).
public func decodeFloat32LittleEndian(base64 string: String) -> [Float]? {
    guard let data = Data(base64Encoded: string), data.count % 4 == 0 else { return nil }
    return data.withUnsafeBytes { raw in
        (0..<(data.count / 4)).map { Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * $0, as: UInt32.self))) }
    }
}
