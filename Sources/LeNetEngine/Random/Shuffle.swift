// MARK: - Deterministic shuffling

/// A random permutation of `0..<count`, the mini-batch order of one epoch.
///
/// Fisher–Yates (Durstenfeld's in-place form, Knuth TAOCP vol. 2, Algorithm P), written out so it repeats
/// bit for bit on every platform (Swift's `shuffle(using:)` makes no such promise):
/// start from the identity `[0, 1, ..., count-1]`; for `i` from `count-1` down to `1`, draw
/// `j = rng.nextInt(below: i + 1)` and swap entries `i` and `j`. Exactly `count - 1` calls of
/// `nextInt(below:)` are made (more `next()` calls only when Lemire's method rejects a draw).
/// - Parameters:
///   - count: number of indices, `count >= 0` and below 2³¹.
///   - rng: the generator, advanced in place.
/// - Returns: the permutation as `Int32` (4 bytes per index: a 60,000-image epoch is 240 kB).
/// - Complexity: O(count).
public func shuffledIndices(count: Int, using rng: inout SplitMix64) -> [Int32] {
    precondition(count >= 0 && count <= Int(Int32.max), "shuffledIndices: count out of range")
    var indices = [Int32](unsafeUninitializedCapacity: count) { buffer, initialized in
        for i in 0..<count { buffer[i] = Int32(i) }
        initialized = count
    }
    var i = count - 1
    while i > 0 {
        let j = rng.nextInt(below: i + 1)
        indices.swapAt(i, j)
        i -= 1
    }
    return indices
}
