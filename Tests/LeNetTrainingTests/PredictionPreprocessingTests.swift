import Foundation
import LeNetFormats
import Testing
@testable import LeNetTraining

/// MNIST-style preprocessing against NumPy (Scripts/make_sketch_fixtures.py wrote the fixture) and its
/// invariances: where and how large a digit is drawn does not matter.
@Suite struct PredictionPreprocessingTests {
    struct Fixture: Decodable {
        struct Case: Decodable {
            let name: String
            let rows: [String]
            let pixels: [Int]
            let centre_of_mass: [Double]
        }
        let cases: [Case]
    }

    /// The fixture in Tests/Fixtures, found from this file's path (outside every target's folder, so no
    /// resource declaration is needed).
    static func fixture() throws -> Fixture {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/prediction_preprocessing.json")
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    static func sketch(_ rows: [String]) throws -> SketchImage {
        try SketchFile.parseTextArt(Array(rows.joined(separator: "\n").utf8), path: "test")
    }

    @Test func matchesNumPyWithinOneGreyLevel() throws {
        let fixture = try Self.fixture()
        #expect(fixture.cases.count >= 8)
        for c in fixture.cases {
            let out = try #require(MNISTPreprocessing.preprocess(try Self.sketch(c.rows)), "\(c.name)")
            #expect(out.pixels.count == 784)
            let worst = zip(out.pixels, c.pixels).map { abs(Int($0) - $1) }.max() ?? 0
            #expect(worst <= 1, "\(c.name): max difference \(worst) grey levels from NumPy")
            let com = out.centreOfMass
            #expect(abs(com.x - c.centre_of_mass[0]) <= 0.01, "\(c.name)")
            #expect(abs(com.y - c.centre_of_mass[1]) <= 0.01, "\(c.name)")
        }
    }

    @Test func centreOfMassWithinHalfAPixelOfTheCentre() throws {
        for c in try Self.fixture().cases {
            let com = try #require(MNISTPreprocessing.preprocess(try Self.sketch(c.rows))).centreOfMass
            #expect(abs(com.x - 13.5) <= 0.5 + 1e-9, "\(c.name): x \(com.x)")
            #expect(abs(com.y - 13.5) <= 0.5 + 1e-9, "\(c.name): y \(com.y)")
        }
    }

    @Test func longerSideBecomesTwentyPixels() throws {
        let out = try #require(MNISTPreprocessing.preprocess(try Self.sketch(["#"] + Array(repeating: "#", count: 36))))
        let inked = SketchImage(width: 28, height: 28, bytes: out.pixels).inkBounds!
        #expect(inked.height == 20)
        #expect(inked.width == 1)
        #expect(MNISTPreprocessing.scaledSize(width: 7, height: 10).width == 14)
        #expect(MNISTPreprocessing.scaledSize(width: 30, height: 3).height == 2)
        #expect(MNISTPreprocessing.scaledSize(width: 1, height: 40).width == 1)
    }

    @Test func whereTheDigitIsDrawnDoesNotMatter() throws {
        let seven = ["#####", "....#", "...#.", "..#..", "..#.."]
        func placed(atX x: Int, y: Int, width: Int = 28, height: Int = 28) -> [String] {
            (0..<height).map { row in
                String((0..<width).map { column -> Character in
                    let r = row - y, c = column - x
                    guard r >= 0, r < seven.count, c >= 0, c < 5 else { return "." }
                    return Array(seven[r])[c]
                })
            }
        }
        let corner = try #require(MNISTPreprocessing.preprocess(try Self.sketch(placed(atX: 0, y: 0))))
        let middle = try #require(MNISTPreprocessing.preprocess(try Self.sketch(placed(atX: 12, y: 11))))
        let wide = try #require(MNISTPreprocessing.preprocess(try Self.sketch(placed(atX: 40, y: 2, width: 50, height: 9))))
        #expect(corner == middle)
        #expect(corner == wide)
    }

    @Test func howLargeTheDigitIsDrawnDoesNotMatter() throws {
        // The same shape at 10x10 and at 20x20 (every pixel doubled) gives the same 28x28 image.
        let small = ["..####....", ".#....#...", "......#...", ".....#....", "....#.....",
                     "...#......", "..#.......", ".#........", ".#######..", ".........."]
        let large = small.flatMap { row -> [String] in
            let doubled = String(row.flatMap { [$0, $0] })
            return [doubled, doubled]
        }
        #expect(MNISTPreprocessing.preprocess(try Self.sketch(small)) ==
                MNISTPreprocessing.preprocess(try Self.sketch(large)))
    }

    @Test func areaWeightsAverage() {
        for (n, m) in [(7, 20), (20, 7), (28, 28), (3, 1), (1, 5), (37, 20)] {
            for (o, weights) in MNISTPreprocessing.areaWeights(from: n, to: m).enumerated() {
                #expect(abs(weights.map(\.1).reduce(0, +) - 1) <= 1e-12, "\(n)->\(m) output \(o)")
            }
        }
        let image: [Double] = (0..<12).map(Double.init)
        #expect(MNISTPreprocessing.resample(image, width: 4, height: 3, toWidth: 4, toHeight: 3) == image)
        #expect(MNISTPreprocessing.resample([0, 1, 2, 3], width: 2, height: 2, toWidth: 1, toHeight: 1) == [1.5])
    }

    @Test func emptySketchHasNoInput() {
        #expect(MNISTPreprocessing.preprocess(SketchImage(width: 28, height: 28, bytes: Array(repeating: 0, count: 784))) == nil)
        #expect(MNISTPreprocessing.preprocess(SketchImage(width: 0, height: 0, values: [])) == nil)
    }

    @Test func withoutCentringA28x28SketchIsUnchanged() throws {
        var bytes = [UInt8](repeating: 0, count: 784)
        bytes[3 * 28 + 2] = 255
        bytes[4 * 28 + 2] = 255
        let out = try #require(MNISTPreprocessing.preprocess(SketchImage(width: 28, height: 28, bytes: bytes), mode: .none))
        #expect(out.pixels == bytes)
    }
}
