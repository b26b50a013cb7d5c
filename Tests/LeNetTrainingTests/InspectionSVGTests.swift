import LeNetFormats
import Foundation
import LeNetEngine
import MNISTData
import Testing
@testable import LeNetTraining

/// The inspection pictures: colour scales, maps, activations.svg, filters.svg and filters_by_epoch.svg.
@Suite struct InspectionSVGTests {
    @Test func divergingScaleIsCentredAtZero() {
        let scale = ColourScale.diverging([-0.5, 0.25, 2])
        #expect(scale.low == -2 && scale.high == 2)
        #expect(scale.colour(0) == "#ffffff")
        #expect(scale.colour(2) == "#67001f" && scale.colour(-2) == "#053061")
        #expect(scale.colour(9) == "#67001f" && scale.colour(.nan) == "#053061")
        // Half way up: half way between RdBu's stops 7 (#f4a582) and 8 (#d6604d).
        #expect(scale.colour(1) == "#e58368")
        #expect(ColourScale.diverging([0, 0]).high == 1)
    }

    @Test func sequentialAndGreyScales() {
        let scale = ColourScale.sequential([0, 3, 1.5])
        #expect(scale.low == 0 && scale.high == 3)
        #expect(scale.colour(0) == SVG.blue(0) && scale.colour(3) == SVG.blue(1) && scale.colour(1.5) == SVG.blue(0.5))
        let grey = ColourScale.grey([-0.5, 1.5])
        #expect(grey.colour(-0.5) == "#ffffff" && grey.colour(1.5) == "#000000" && grey.colour(0.5) == "#808080")
        #expect(ColourScale.grey([2, 2]).high == 3)
    }

    @Test func mapMergesRunsOfOneColourAndFrames() throws {
        let svg = MapSVG.map([0, 0, 0, 1, 1, 0], rows: 2, columns: 3, x: 10, y: 20, cellWidth: 4,
                             scale: .sequential([1]))
        let rects = try SVGDocument(svg).all("rect")
        // Row 0: one run of three zeros; row 1: a run of two ones, then one zero; then the frame.
        #expect(rects.map { $0.attributes["width"]! } == ["12", "8", "4", "12"])
        #expect(rects.map { $0.attributes["fill"]! } == ["#f7fbff", "#08306b", "#f7fbff", "none"])
        #expect(rects[1].attributes["y"] == "24")
    }

    @Test func activationsPictureLabelsEveryLayerWithItsShapeAndRange() throws {
        let (_, _, inspection) = try InspectionReportTests.sample()
        let net = inspection.network
        let svg = ActivationsSVG.render(inspection, file: "a/seven.txt", checkpoint: "w.safetensors",
                                        classNames: DatasetKind.mnist.classNames)
        let doc = try SVGDocument(svg)
        #expect(doc.all("text", cssClass: "layer").map(\.text) == [
            "input · 1×28×28", "saliency · 1×28×28", "logits · 10", "probabilities · 10", "c1 · 6×28×28",
            "pool1 · 6×14×14", "c3 · 16×10×10", "pool2 · 16×5×5", "c5 · 120", "f6 · 84",
        ])
        #expect(doc.all("text", cssClass: "operation").map(\.text)[1] == "∂ logit[\(net.saliencyClass)] / ∂ input")
        // One map per channel: input, saliency, logits, probabilities, 6 + 6 + 16 + 16, c5, f6.
        #expect(doc.all("g", cssClass: "map").count == 4 + 6 + 6 + 16 + 16 + 2)
        // Each legend's range: c1 (the 5th) from 0 to the largest c1 activation; saliency ±max |saliency|.
        let ticks = doc.all("g", cssClass: "legend").count
        #expect(ticks == 10)
        let tickTexts = doc.all("text", cssClass: "tick").map(\.text)
        let largestSaliency = Double(net.saliency.map(abs).max()!)
        #expect(Array(tickTexts[2..<5]) == [MapSVG.label(-largestSaliency), "0", MapSVG.label(largestSaliency)])
        #expect(tickTexts.contains(MapSVG.label(Double(net.c1.max()!))))
        #expect(doc.all("text", cssClass: "title").first?.text.hasPrefix("Inside LeNet-5: seven.txt is read as") == true)
    }

    @Test func filtersPictureDrawsEveryFilterOnItsLayersDivergingScale() throws {
        var rng = SplitMix64(seed: 9)
        let parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        let doc = try SVGDocument(FiltersSVG.render(parameters, source: "w.safetensors"))
        #expect(doc.all("g", cssClass: "map").count == 6 + 16 * 6)
        let c1 = parameters["c1.weight"]!, c3 = parameters["c3.weight"]!
        let m1 = Double(c1.map(abs).max()!), m3 = Double(c3.map(abs).max()!)
        let ticks = doc.all("text", cssClass: "tick").map(\.text)
        #expect(ticks == [-m1, -m1 / 2, 0, m1 / 2, m1, -m3, -m3 / 2, 0, m3 / 2, m3].map(MapSVG.label))
        // The largest |w| of c1 is at full colour: dark red when positive, dark blue when negative.
        let index = c1.indices.max { abs(c1[$0]) < abs(c1[$1]) }!
        #expect(doc.all("title")[index / 25].text == "c1 filter \(index / 25)")
        let fills = Set(doc.all("rect").compactMap { $0.attributes["fill"] })
        #expect(fills.contains(c1[index] > 0 ? "#67001f" : "#053061"))
        #expect(doc.all("text", cssClass: "layer").map(\.text).map { String($0.prefix(20)) }
            == ["c1.weight · 6×1×5×5 ", "c3.weight · 16×6×5×5"])
    }

    @Test func trainingResultsRewriteFiltersByEpoch() throws {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("filters-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let results = TrainingResults(directory: directory, plannedEpochs: 3, title: "run")
        var rng = SplitMix64(seed: 2)
        let weights = (0..<3).map { _ in LeNet5Parameters.pytorchDefault(using: &rng) }
        func metrics(_ epoch: Int) -> EpochMetrics {
            EpochMetrics(epoch: epoch, trainLoss: 1, trainAccuracy: 0.5, testLoss: 1, testAccuracy: 0.5,
                         learningRate: 0.001, seconds: 1)
        }
        results.recordFilters(epoch: 0, parameters: weights[0])
        #expect(!FileManager.default.fileExists(atPath: results.filtersPath))
        try results.record(metrics(1), parameters: weights[1])
        try results.record(metrics(2), parameters: weights[2])
        try results.flush()
        #expect(results.filters.entries.map(\.epoch) == [0, 1, 2])
        #expect(results.filters.entries[2].c1Weight == weights[2]["c1.weight"]!)
        let doc = try SVGDocument(String(decoding: FileManager.default.contents(atPath: results.filtersPath)!, as: UTF8.self))
        #expect(doc.all("text", cssClass: "epoch").map(\.text) == ["epoch 0 (initial)", "epoch 1", "epoch 2"])
        #expect(doc.all("g", cssClass: "map").count == 18)
        let largest = weights.flatMap { $0["c1.weight"]! }.map { abs(Double($0)) }.max()!
        #expect(doc.all("text", cssClass: "tick").map(\.text).last == MapSVG.label(largest))
        // Without weights (callers that have none) the picture is left alone.
        let plain = TrainingResults(directory: directory + "/plain", plannedEpochs: 1, title: "run")
        try plain.record(metrics(1))
        try plain.flush()
        #expect(!FileManager.default.fileExists(atPath: plain.filtersPath))
    }

    @Test func aResumedRunStartsItsPictureAtTheResumedEpoch() throws {
        var history = FilterHistory()
        var rng = SplitMix64(seed: 4)
        let parameters = LeNet5Parameters.pytorchDefault(using: &rng)
        history.record(epoch: 3, parameters: parameters, start: true)
        history.record(epoch: 4, parameters: parameters)
        history.record(epoch: 5, parameters: parameters)
        history.record(epoch: 4, parameters: parameters)   // an epoch recorded again drops the later ones
        #expect(history.entries.map(\.epoch) == [3, 4])
        let doc = try SVGDocument(FiltersByEpochSVG.render(history, title: "t"))
        #expect(doc.all("text", cssClass: "epoch").map(\.text) == ["epoch 3 (resumed)", "epoch 4"])
        let empty = try SVGDocument(FiltersByEpochSVG.render(FilterHistory(), title: "t"))
        #expect(empty.all("g", cssClass: "map").isEmpty)
    }
}
