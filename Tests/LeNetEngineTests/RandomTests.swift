import LeNetEngine
import TestSupport
import XCTest

/// SplitMix64, its derived draws and the deterministic shuffle. Expected values come from the SplitMix64
/// reference C code and an independent Python transcription of Lemire's method and Fisher–Yates.
final class RandomTests: XCTestCase {
    func testSplitMix64ReferenceOutputsForSeedZero() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual((0..<4).map { _ in rng.next() },
                       [0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f, 0xf88bb8a8724c81ec])
        XCTAssertEqual(rng.state, 4 &* 0x9e37_79b9_7f4a_7c15, "state is the Weyl counter")
    }

    func testStateSaveAndRestore() {
        var rng = SplitMix64(seed: 99)
        _ = rng.next()
        var copy = SplitMix64(seed: 0)
        copy.state = rng.state
        XCTAssertEqual(copy, rng)
        XCTAssertEqual(copy.next(), rng.next())
    }

    func testNextFloat() {
        var rng = SplitMix64(seed: 0)
        XCTAssertEqual([rng.nextFloat(), rng.nextFloat(), rng.nextFloat()],
                       [0.8833107948303223, 0.4315279722213745, 0.02643376588821411])
        var many = SplitMix64(seed: 3)
        let values = (0..<10_000).map { _ in many.nextFloat() }
        XCTAssertTrue(values.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        XCTAssertEqual(mean, 0.5, accuracy: 0.01)
    }

    func testNextIntBelow() {
        var rng = SplitMix64(seed: 7)
        XCTAssertEqual((0..<8).map { _ in rng.nextInt(below: 10) }, [3, 0, 9, 5, 4, 2, 4, 3])
        XCTAssertEqual(rng.nextInt(below: 1), 0)
        var counts = [Int](repeating: 0, count: 6)
        for _ in 0..<60_000 { counts[rng.nextInt(below: 6)] += 1 }
        XCTAssertTrue(counts.allSatisfy { abs($0 - 10_000) < 400 }, "roughly uniform: \(counts)")
        let big = (0..<100).map { _ in rng.nextInt(below: Int.max) }
        XCTAssertTrue(big.allSatisfy { $0 >= 0 })
    }

    func testShuffledIndicesKnownValues() {
        var rng = SplitMix64(seed: 42)
        XCTAssertEqual(shuffledIndices(count: 10, using: &rng), [8, 3, 6, 5, 4, 0, 9, 2, 1, 7])
    }

    func testShuffledIndicesIsAPermutationAndRepeats() {
        var a = SplitMix64(seed: 2024), b = SplitMix64(seed: 2024), c = SplitMix64(seed: 2025)
        let first = shuffledIndices(count: 60_000, using: &a)
        XCTAssertEqual(first.sorted(), (0..<60_000).map(Int32.init))
        XCTAssertEqual(first, shuffledIndices(count: 60_000, using: &b), "same seed, same order")
        XCTAssertNotEqual(first, shuffledIndices(count: 60_000, using: &c))
        XCTAssertEqual(a, b, "generators advanced identically")
        XCTAssertNotEqual(first, shuffledIndices(count: 60_000, using: &a), "the next epoch differs")
        var rng = SplitMix64(seed: 1)
        XCTAssertEqual(shuffledIndices(count: 0, using: &rng), [])
        XCTAssertEqual(shuffledIndices(count: 1, using: &rng), [0])
    }
}
