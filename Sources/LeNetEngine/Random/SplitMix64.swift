// MARK: - SplitMix64

/// SplitMix64, the 64-bit generator of Steele, Lea and Flood ("Fast splittable pseudorandom number
/// generators", OOPSLA 2014), in the form of Vigna's reference C code (prng.di.unimi.it/splitmix64.c).
///
/// Every random draw in the engine (initialisation, shuffling) goes through this generator so that a
/// run repeats bit for bit on every platform. The whole state is one public `UInt64`, so a checkpoint
/// can save and restore it.
///
/// Seed 0 gives `0xe220a8397b1dcdaf`, `0x6e789e6aa1b965f4`, `0x06c45d188009454f`, ... (the reference
/// implementation's outputs).
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
    /// The generator's entire state: the Weyl-sequence counter, advanced by the golden-ratio increment
    /// `0x9e3779b97f4a7c15` before each output.
    public var state: UInt64

    /// Creates a generator whose state is `seed` (any value is a valid seed, 0 included).
    public init(seed: UInt64) {
        self.state = seed
    }

    /// The next 64 random bits (reference `next()`: advance the counter, then mix with the
    /// Stafford variant-13 finaliser).
    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform `Float` in `[0, 1)`: the top 24 bits of `next()` times 2⁻²⁴, so every value is an exact
    /// multiple of 2⁻²⁴ and 1 is never returned.
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * 0x1p-24
    }

    /// A uniform integer in `0..<n`, without modulo bias.
    ///
    /// Lemire's multiply-and-reject method ("Fast random integer generation in an interval", ACM TOMACS
    /// 2019): the high word of the 128-bit product `next() * n`, redrawing while the low word falls below
    /// `2⁶⁴ mod n`. Uses only integer arithmetic, so it is identical on every platform.
    /// - Parameter n: the exclusive upper bound, `n >= 1`.
    /// - Returns: an integer in `0..<n`.
    public mutating func nextInt(below n: Int) -> Int {
        precondition(n > 0, "nextInt(below:) needs a positive bound")
        let bound = UInt64(n)
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold {
                product = next().multipliedFullWidth(by: bound)
            }
        }
        return Int(product.high)
    }
}
