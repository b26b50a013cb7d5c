import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import LeNetFormats
import MNISTData
import Testing
@testable import LeNetTraining

/// Collects elements, attributes and text of an SVG document; fails on XML that is not well-formed.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
        var text = ""
    }
    private(set) var elements: [Element] = []
    private var open: [Int] = []

    init(_ text: String) throws {
        super.init()
        let parser = XMLParser(data: Data(text.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw ParseError(message: parser.parserError.map { "\($0)" } ?? "unknown XML error")
        }
    }

    struct ParseError: Error { let message: String }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append(Element(name: name, attributes: attributes))
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    /// Elements named `name` whose `class` attribute is `cssClass` (any class when nil).
    func all(_ name: String, cssClass: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (cssClass == nil || $0.attributes["class"] == cssClass) }
    }
}

@Suite struct ReportSVGTests {
    static func matrix() -> ConfusionMatrix {
        var m = ConfusionMatrix(classCount: 10)
        for t in 0..<10 {
            for p in 0..<10 {
                let count = t == p ? 900 + t : (t * 3 + p) % 7  // distinct, some zeros
                for _ in 0..<count { m.record(trueClass: t, predicted: p) }
            }
        }
        return m
    }

    @Test func confusionMatrixHasOneRectPerCellWithItsCount() throws {
        let m = Self.matrix()
        let svg = ConfusionMatrixSVG.render(m, classNames: DatasetKind.mnist.classNames, title: "LeNet-5 & MNIST",
                                            subtitle: "accuracy 99%")
        let doc = try SVGDocument(svg)
        let cells = doc.all("rect", cssClass: "cell")
        #expect(cells.count == 100)
        let counts = doc.all("text", cssClass: "count").map(\.text)
        #expect(counts == m.counts.map(String.init))  // row-major, row = true class
        // Each count sits inside its cell.
        for (index, (cell, label)) in zip(cells, doc.all("text", cssClass: "count")).enumerated() {
            let x = Double(cell.attributes["x"]!)!, y = Double(cell.attributes["y"]!)!
            let w = Double(cell.attributes["width"]!)!
            let tx = Double(label.attributes["x"]!)!, ty = Double(label.attributes["y"]!)!
            #expect(tx > x && tx < x + w && ty > y && ty < y + w, "cell \(index)")
        }
        // Darker for larger counts: the diagonal is the darkest, an empty cell the lightest.
        #expect(cells[99].attributes["fill"] == "#08306b")  // the largest count, 909
        #expect(m[1, 4] == 0 && cells[14].attributes["fill"] == "#f7fbff")
        #expect(doc.all("text", cssClass: "row-label").map(\.text) == (0..<10).map(String.init))
        #expect(doc.all("text", cssClass: "column-label").map(\.text) == (0..<10).map(String.init))
        #expect(doc.all("text", cssClass: "axis-label").map(\.text) == ["true class", "predicted class"])
        #expect(doc.all("text", cssClass: "title").first?.text == "LeNet-5 & MNIST")
        #expect(svg.contains("LeNet-5 &amp; MNIST"))
        // The colour scale: a gradient bar with ticks 0, 1, 10, 100 and the maximum.
        #expect(doc.all("rect", cssClass: "scale-bar").first?.attributes["fill"] == "url(#scale)")
        #expect(doc.all("stop").count == 9)
        #expect(doc.all("text", cssClass: "scale-tick").map(\.text) == ["0", "1", "10", "100", "909"])
    }

    @Test func fashionNamesAreSlantedAndFit() throws {
        let svg = ConfusionMatrixSVG.render(Self.matrix(), classNames: DatasetKind.fashionMNIST.classNames,
                                            title: "t", subtitle: "s")
        let doc = try SVGDocument(svg)
        let columns = doc.all("text", cssClass: "column-label")
        #expect(columns.map(\.text) == DatasetKind.fashionMNIST.classNames)
        #expect(columns.allSatisfy { $0.attributes["transform"]?.hasPrefix("rotate(-45") == true })
        // Row labels end left of the grid and start inside the picture.
        let firstCell = doc.all("rect", cssClass: "cell")[0]
        let gridLeft = Double(firstCell.attributes["x"]!)!
        for label in doc.all("text", cssClass: "row-label") {
            let end = Double(label.attributes["x"]!)!
            #expect(end < gridLeft && end - SVG.textWidth(label.text) > 20)
        }
    }

    @Test func emptyMatrixStillDraws() throws {
        let doc = try SVGDocument(ConfusionMatrixSVG.render(ConfusionMatrix(classCount: 10),
                                                            classNames: DatasetKind.mnist.classNames, title: "t", subtitle: "s"))
        #expect(doc.all("rect", cssClass: "cell").count == 100)
        #expect(doc.all("text", cssClass: "count").allSatisfy { $0.text == "0" })
    }

    @Test func trainingCurveHasAxesTicksLegendAndFourSeries() throws {
        let rows = (1...3).map { e in
            EpochMetrics(epoch: e, trainLoss: 0.3 / Double(e), trainAccuracy: 0.9 + 0.02 * Double(e),
                         testLoss: 0.2 / Double(e), testAccuracy: 0.95 + 0.01 * Double(e),
                         learningRate: 0.001, seconds: 5)
        }
        let svg = TrainingCurveSVG.render(rows, plannedEpochs: 4, title: "LeNet-5 <MNIST>")
        let doc = try SVGDocument(svg)
        #expect(doc.elements.first?.attributes["width"] == "960")
        #expect(doc.all("text", cssClass: "title").first?.text == "LeNet-5 <MNIST>")
        #expect(doc.all("polyline").count == 4)
        #expect(doc.all("g").compactMap { $0.attributes["id"] }
            == ["loss", "loss-test", "loss-train", "accuracy", "accuracy-test", "accuracy-train"])
        #expect(doc.all("circle").count == 1 + 2 * 3)  // legend + train markers of both panels
        // x ticks 1...4 in both panels (the planned epochs), labelled axes.
        #expect(doc.all("text", cssClass: "xtick").map(\.text) == ["1", "2", "3", "4", "1", "2", "3", "4"])
        #expect(doc.all("text", cssClass: "xlabel").map(\.text) == ["epoch", "epoch"])
        #expect(doc.all("text", cssClass: "ylabel").map(\.text) == ["loss", "accuracy (%)"])
        // Loss axis from 0 past the largest loss (0.3); accuracy in percent up to 100 at most.
        let yTicks = doc.all("text", cssClass: "ytick").map(\.text)
        #expect(yTicks.first == "0.00" && yTicks.contains("0.30"))
        #expect(yTicks.last == "98" || yTicks.last == "100", "\(yTicks)")
        #expect(svg.contains(">train</text>") && svg.contains(">test</text>"))
        #expect(svg.contains("<title>epoch 2 test: 97.00%</title>"))
    }

    @Test func trainingCurveWithOneOrNoEpochs() throws {
        let one = [EpochMetrics(epoch: 1, trainLoss: 0.5, trainAccuracy: 0.8, testLoss: 0.4, testAccuracy: 0.85,
                                learningRate: 0.001, seconds: 1)]
        let doc = try SVGDocument(TrainingCurveSVG.render(one, plannedEpochs: 1, title: "t"))
        #expect(doc.all("polyline").isEmpty)  // a single point: markers only
        #expect(doc.all("circle").count == 3)
        #expect(doc.all("text", cssClass: "xtick").map(\.text) == ["1", "1"])
        let empty = try SVGDocument(TrainingCurveSVG.render([], plannedEpochs: 10, title: "t"))
        #expect(empty.all("text", cssClass: "xtick").count == 20)
        let long = TrainingCurveSVG.epochTicks(last: 100)
        #expect(long == [1, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
    }

    @Test func niceTicks() {
        let loss = SVG.niceTicks(low: 0, high: 0.3, count: 6)
        #expect(loss.count == 7 && zip(loss, [0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(loss)")
        #expect(SVG.niceTicks(low: 93.9, high: 99.1, count: 6) == [93, 94, 95, 96, 97, 98, 99, 100])
        #expect(SVG.niceTicks(low: 0, high: 2300, count: 6) == [0, 500, 1000, 1500, 2000, 2500])
        #expect(SVG.niceTicks(low: 5, high: 5).count >= 2)
        #expect(SVG.decimals(forStep: 0.05) == 2 && SVG.decimals(forStep: 1) == 0 && SVG.decimals(forStep: 0.5) == 1)
        #expect(SVG.n(12) == "12" && SVG.n(12.5) == "12.5" && SVG.n(12.25) == "12.25" && SVG.n(0.1) == "0.1")
    }

    @Test func blueScale() {
        #expect(SVG.blue(0) == "#f7fbff" && SVG.blue(1) == "#08306b" && SVG.blue(0.5) == "#6baed6")
        #expect(SVG.blue(-3) == "#f7fbff" && SVG.blue(.nan) == "#f7fbff")
    }
}
