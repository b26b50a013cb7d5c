import LeNetEngine
import TestSupport
import Testing

/// SplitMix64, its derived draws and the deterministic shuffle. Expected values come from the SplitMix64
/// reference C code and an independent Python transcription of Lemire's method and Fisher–Yates.
@Suite struct RandomTests {
    @Test func splitMix64ReferenceOutputsForSeedZero() {
        var rng = SplitMix64(seed: 0)
        #expect((0..<4).map { _ in rng.next() } ==
                [0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f, 0xf88bb8a8724c81ec])
        #expect(rng.state == 4 &* 0x9e37_79b9_7f4a_7c15, "state is the Weyl counter")
    }

    @Test func stateSaveAndRestore() {
        var rng = SplitMix64(seed: 99)
        _ = rng.next()
        var copy = SplitMix64(seed: 0)
        copy.state = rng.state
        #expect(copy == rng)
        #expect(copy.next() == rng.next())
    }

    @Test func nextFloat() {
        var rng = SplitMix64(seed: 0)
        #expect([rng.nextFloat(), rng.nextFloat(), rng.nextFloat()] ==
                [0.8833107948303223, 0.4315279722213745, 0.02643376588821411])
        var many = SplitMix64(seed: 3)
        let values = (0..<10_000).map { _ in many.nextFloat() }
        #expect(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        #expect(abs(mean - 0.5) <= 0.01)
    }

    @Test func nextIntBelow() {
        var rng = SplitMix64(seed: 7)
        #expect((0..<8).map { _ in rng.nextInt(below: 10) } == [3, 0, 9, 5, 4, 2, 4, 3])
        #expect(rng.nextInt(below: 1) == 0)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.nextInt(below: 6)] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 400 }, "roughly uniform: \(counts)")
        let big = (0..<100).map { _ in rng.nextInt(below: Int.max) }
        #expect(big.allSatisfy { $0 >= 0 })
    }

    @Test func shuffledIndicesKnownValues() {
        var rng = SplitMix64(seed: 42)
        #expect(shuffledIndices(count: 10, using: &rng) == [8, 3, 6, 5, 4, 0, 9, 2, 1, 7])
    }

    @Test func shuffledIndicesIsAPermutationAndRepeats() {
        var a = SplitMix64(seed: 2024), b = SplitMix64(seed: 2024), c = SplitMix64(seed: 2025)
        let first = shuffledIndices(count: 60_000, using: &a)
        #expect(first.sorted() == (0..<60_000).map(Int32.init))
        #expect(first == shuffledIndices(count: 60_000, using: &b), "same seed, same order")
        #expect(first != shuffledIndices(count: 60_000, using: &c))
        #expect(a == b, "generators advanced identically")
        #expect(first != shuffledIndices(count: 60_000, using: &a), "the next epoch differs")
        var rng = SplitMix64(seed: 1)
        #expect(shuffledIndices(count: 0, using: &rng) == [])
        #expect(shuffledIndices(count: 1, using: &rng) == [0])
    }
}
