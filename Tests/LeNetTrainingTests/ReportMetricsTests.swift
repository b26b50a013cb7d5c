import Foundation
import LeNetEngine
import LeNetFormats
import MNISTData
import Testing
@testable import LeNetTraining

/// A 4-class matrix with known metrics (row = true class); class 3 has no images and is never predicted.
///     predicted:  0  1  2  3
///     true 0:     5  1  0  0
///     true 1:     2  3  1  0
///     true 2:     0  0  4  0
///     true 3:     0  0  0  0
func smallMatrix() -> ConfusionMatrix {
    var m = ConfusionMatrix(classCount: 4)
    let rows = [[5, 1, 0, 0], [2, 3, 1, 0], [0, 0, 4, 0], [0, 0, 0, 0]]
    for (t, row) in rows.enumerated() {
        for (p, count) in row.enumerated() {
            for _ in 0..<count { m.record(trueClass: t, predicted: p) }
        }
    }
    return m
}

@Suite struct ReportClassificationTests {
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

    @Test func perClassMetricsOfAKnownMatrix() {
        let report = ClassificationReport(smallMatrix())
        // class 0: TP 5, column 7, row 6; class 1: TP 3, column 4, row 6; class 2: TP 4, column 5, row 4.
        let expected: [(Double, Double, Double, Int)] = [
            (5.0 / 7, 5.0 / 6, 10.0 / 13, 6),
            (3.0 / 4, 1.0 / 2, 3.0 / 5, 6),
            (4.0 / 5, 1.0, 8.0 / 9, 4),
            (0, 0, 0, 0),  // zero division gives 0, as scikit-learn's zero_division=0
        ]
        #expect(report.perClass.count == 4)
        for (m, e) in zip(report.perClass, expected) {
            #expect(close(m.precision, e.0) && close(m.recall, e.1) && close(m.f1, e.2) && m.support == e.3, "\(m)")
        }
        #expect(close(report.accuracy, 12.0 / 16))
        #expect(close(report.macroAverage.precision, (5.0 / 7 + 3.0 / 4 + 4.0 / 5) / 4))
        #expect(close(report.macroAverage.recall, (5.0 / 6 + 1.0 / 2 + 1.0) / 4))
        #expect(close(report.macroAverage.f1, (10.0 / 13 + 3.0 / 5 + 8.0 / 9) / 4))
        #expect(close(report.weightedAverage.recall, report.accuracy))  // weighted recall is the accuracy
        #expect(close(report.weightedAverage.precision, (5.0 / 7 * 6 + 3.0 / 4 * 6 + 4.0 / 5 * 4) / 16))
        #expect(report.macroAverage.support == 16 && report.weightedAverage.support == 16)
    }

    @Test func emptyMatrixGivesZeros() {
        let report = ClassificationReport(ConfusionMatrix(classCount: 10))
        #expect(report.accuracy == 0)
        #expect(report.perClass.allSatisfy { $0 == ClassMetrics(precision: 0, recall: 0, f1: 0, support: 0) })
        #expect(report.weightedAverage.f1 == 0)
    }

    @Test func textTable() {
        let text = ClassificationReport(smallMatrix()).text(classNames: ["zero", "one", "two", "T-shirt/top"])
        #expect(text == """
            class         precision  recall      f1  support
            zero             0.7143  0.8333  0.7692        6
            one              0.7500  0.5000  0.6000        6
            two              0.8000  1.0000  0.8889        4
            T-shirt/top      0.0000  0.0000  0.0000        0

            macro avg        0.5661  0.5833  0.5645       16
            weighted avg     0.7491  0.7500  0.7357       16
            """)
    }

    @Test func jsonReportParsesWithPerClassValues() throws {
        var matrix = ConfusionMatrix(classCount: 10)
        for c in 0..<10 { for _ in 0..<(c + 1) { matrix.record(trueClass: c, predicted: c) } }
        matrix.record(trueClass: 3, predicted: 5)
        let result = EvaluationResult(lossSum: 5.6, confusionMatrix: matrix)
        let miss = Misclassification(index: 42, trueClass: 3, predicted: 5,
                                     probabilities: [0, 0, 0, 0.25, 0, 0.75, 0, 0, 0, 0])
        let text = TestReport.json(result, dataset: .fashionMNIST, misclassified: [miss])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["total"] as? Int == 56 && object["correct"] as? Int == 55)
        #expect(object["dataset"] as? String == "fashion-mnist")
        #expect((object["class_names"] as? [String])?.first == "T-shirt/top")
        let perClass = try #require(object["per_class"] as? [[String: Any]])
        #expect(perClass.count == 10)
        #expect(perClass[3]["name"] as? String == "Dress" && perClass[3]["support"] as? Int == 5)
        #expect(perClass[3]["recall"] as? Double == 0.8 && perClass[3]["precision"] as? Double == 1.0)
        #expect(perClass[5]["precision"] as? Double == 6.0 / 7)
        let errors = try #require(object["misclassified"] as? [[String: Any]])
        #expect(errors.count == 1 && errors[0]["index"] as? Int == 42 && errors[0]["predicted"] as? Int == 5)
        #expect((object["macro_avg"] as? [String: Any])?["support"] as? Int == 56)
        // Keys keep the order of the older format, then the additions.
        #expect(text.hasPrefix("{\"accuracy\": "))
        #expect(text.contains("\"confusion_matrix\": [[1, 0, 0, 0, 0, 0, 0, 0, 0, 0], "))
        #expect(text.contains("\"probabilities\": [0.000000, 0.000000, 0.000000, 0.250000, 0.000000, 0.750000, "))
        #expect(text.contains("\"per_class\": [{\"class\": 0, \"name\": \"T-shirt/top\", \"precision\": 1.0, \"recall\": 1.0, \"f1\": 1.0, \"support\": 1}, "))
    }

    @Test func epochJSONSpellsNumbersAsBefore() {
        var matrix = ConfusionMatrix(classCount: 10)
        matrix.record(trueClass: 1, predicted: 1)
        let summary = EpochSummary(epoch: 2, epochs: 10, trainLoss: 0.0576, trainAccuracy: 0.982, testLoss: .nan,
                                   testAccuracy: 1, confusionMatrix: matrix, imagesPerSecond: 17142.857142857143,
                                   seconds: 3.5, learningRate: 1e-05)
        #expect(ReportFormat.epochJSON(summary) == #"{"epoch": 2, "train_loss": 0.0576, "train_accuracy": 0.982, "test_loss": null, "#
            + #""test_accuracy": 1.0, "seconds": 3.5, "images_per_second": 17142.85714285714, "test_correct": 1, "#
            + #""test_total": 1, "learning_rate": 1e-05, "lr_multiplier": 1}"#)
        let halved = EpochSummary(epoch: 2, epochs: 10, trainLoss: 0.0576, trainAccuracy: 0.982, testLoss: 0.1,
                                  testAccuracy: 1, confusionMatrix: matrix, imagesPerSecond: 100, seconds: 3.5,
                                  learningRate: 5e-06, learningRateMultiplier: LearningRateMultiplier(clamping: -1))
        #expect(ReportFormat.epochJSON(halved).hasSuffix(#""learning_rate": 5e-06, "lr_multiplier": 0.5}"#))
    }

    @Test func epochLineNamesTheMultiplierWhenItIsNotOne() {
        var matrix = ConfusionMatrix(classCount: 10)
        matrix.record(trueClass: 1, predicted: 1)
        func line(_ exponent: Int) -> String {
            ReportFormat.epochLine(EpochSummary(
                epoch: 3, epochs: 10, trainLoss: 0.05, trainAccuracy: 0.98, testLoss: 0.04, testAccuracy: 1,
                confusionMatrix: matrix, imagesPerSecond: 14_210, seconds: 4.2,
                learningRate: 0.000904508 * LearningRateMultiplier(clamping: exponent).value,
                learningRateMultiplier: LearningRateMultiplier(clamping: exponent)))
        }
        #expect(line(0) == "epoch  3/10  train loss 0.0500 acc 98.00%  test loss 0.0400 acc 100.00% (1/1)  4.2 s  14,210 img/s  lr 0.000904508")
        #expect(line(1).hasSuffix("  lr 0.00180902 (x2)"))
        #expect(line(-2).hasSuffix("  lr 0.000226127 (/4)"))
    }

    @Test func evaluationTextNumbersNamedRows() {
        var matrix = ConfusionMatrix(classCount: 10)
        matrix.record(trueClass: 0, predicted: 0)
        let text = ReportFormat.evaluationText(EvaluationResult(lossSum: 0, confusionMatrix: matrix),
                                               classNames: DatasetKind.fashionMNIST.classNames)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[4].hasPrefix("0 T-shirt/top    1    0"), "\(lines[4])")
        #expect(lines[13].hasPrefix("9 Ankle boot     0    0"), "\(lines[13])")
        let digits = ReportFormat.evaluationText(EvaluationResult(lossSum: 0, confusionMatrix: matrix),
                                                 classNames: DatasetKind.mnist.classNames)
        #expect(digits.split(separator: "\n")[3].hasPrefix("    0"))
    }

    @Test func topConfusionsAreTheLargestOffDiagonalCells() {
        var m = ConfusionMatrix()
        for c in 0..<10 { for _ in 0..<10 { m.record(trueClass: c, predicted: c) } }
        for _ in 0..<4 { m.record(trueClass: 4, predicted: 9) }
        for _ in 0..<2 { m.record(trueClass: 7, predicted: 1) }
        for _ in 0..<2 { m.record(trueClass: 2, predicted: 8) }
        m.record(trueClass: 3, predicted: 5)
        let top = m.topConfusions(limit: 3)
        // 2→8 and 7→1 tie at 2: the lower true class first.
        #expect(top.map { [$0.trueClass, $0.predicted, $0.count] } == [[4, 9, 4], [2, 8, 2], [7, 1, 2]])
        #expect(m.topConfusions(limit: 10).count == 4, "only the non-empty off-diagonal cells")
        #expect(m.topConfusions(limit: -1).isEmpty && ConfusionMatrix().topConfusions(limit: 5).isEmpty)
    }
}

@Suite struct ReportCSVTests {
    static let rows = [
        EpochMetrics(epoch: 1, trainLoss: 0.2013, trainAccuracy: 0.9394, testLoss: 0.0699, testAccuracy: 0.9771,
                     learningRate: 0.001, seconds: 9.2344),
        EpochMetrics(epoch: 2, trainLoss: 0.06491234, trainAccuracy: 0.98, testLoss: 0.0523, testAccuracy: 0.9824,
                     learningRate: 0.000975528258147577, seconds: 14.0),
        EpochMetrics(epoch: 3, trainLoss: 0.05, trainAccuracy: 0.985, testLoss: 0.05, testAccuracy: 0.983,
                     learningRate: 0.00180902, seconds: 3.5, learningRateMultiplier: 2),
        EpochMetrics(epoch: 4, trainLoss: 0.04, trainAccuracy: 0.99, testLoss: 0.05, testAccuracy: 0.984,
                     learningRate: 0.000206107, seconds: 3.25, learningRateMultiplier: 0.0009765625),
    ]

    @Test func exactRows() {
        #expect(MetricsCSV.encode(Self.rows) == """
            epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,lr_multiplier,seconds
            1,0.201300,0.939400,0.069900,0.977100,0.001,1,9.234
            2,0.064912,0.980000,0.052300,0.982400,0.000975528,1,14.000
            3,0.050000,0.985000,0.050000,0.983000,0.00180902,2,3.500
            4,0.040000,0.990000,0.050000,0.984000,0.000206107,0.0009765625,3.250

            """)
        #expect(MetricsCSV.encode([]) == MetricsCSV.header + "\n")
    }

    @Test func parsesWhatItWrites() throws {
        let parsed = try MetricsCSV.parse(MetricsCSV.encode(Self.rows), path: "m.csv")
        #expect(parsed.map(\.epoch) == [1, 2, 3, 4])
        #expect(parsed[1].trainLoss == 0.064912 && parsed[1].learningRate == 0.000975528 && parsed[0].seconds == 9.234)
        #expect(parsed.map(\.learningRateMultiplier) == [1, 1, 2, 0.0009765625])
    }

    @Test func readsFilesWrittenBeforeTheMultiplierColumnWithMultiplierOne() throws {
        let old = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,seconds\n"
            + "1,0.201300,0.939400,0.069900,0.977100,0.001,9.234\n"
        let parsed = try MetricsCSV.parse(old, path: "m.csv")
        #expect(parsed == [EpochMetrics(epoch: 1, trainLoss: 0.2013, trainAccuracy: 0.9394, testLoss: 0.0699,
                                        testAccuracy: 0.9771, learningRate: 0.001, seconds: 9.234)])
        #expect(parsed[0].learningRateMultiplier == 1)
        // The old header with a row of the new width is refused naming the count.
        #expect(errorMessage { try MetricsCSV.parse(old + "2,0.1,0.1,0.1,0.1,0.1,2,1\n", path: "m.csv") }
            == "m.csv: line 3: expected 7 fields, found 8")
    }

    @Test func parseErrorsNameFileAndLine() {
        #expect(errorMessage { try MetricsCSV.parse("epoch,loss\n", path: "m.csv") }
            == "m.csv: line 1: expected the header \"\(MetricsCSV.header)\"")
        #expect(errorMessage { try MetricsCSV.parse(MetricsCSV.header + "\n1,2,3\n", path: "m.csv") }
            == "m.csv: line 2: expected 8 fields, found 3")
        #expect(errorMessage { try MetricsCSV.parse(MetricsCSV.header + "\n1,0.1,x,0.1,0.1,0.1,1,1\n", path: "m.csv") }
            == "m.csv: line 2: train_accuracy \"x\" is not a number")
        #expect(errorMessage { try MetricsCSV.parse(MetricsCSV.header + "\n1,0.1,0.1,0.1,0.1,0.1,two,1\n", path: "m.csv") }
            == "m.csv: line 2: lr_multiplier \"two\" is not a number")
        #expect(errorMessage { try MetricsCSV.parse(MetricsCSV.header + "\n0,0.1,0.1,0.1,0.1,0.1,1,1\n", path: "m.csv") }
            == "m.csv: line 2: epoch \"0\" is not a positive integer")
    }

    @Test func resultsWriterKeepsEarlierEpochsWhenResuming() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lenet-results-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let first = TrainingResults(directory: directory, plannedEpochs: 3, title: "t")
        for row in Self.rows { try first.record(row) }
        try first.flush()
        #expect(try TrainingResults.previousRows(in: directory, before: 2).map(\.epoch) == [1])
        // A run resumed after epoch 1 replaces epoch 2 and adds epoch 3.
        let resumed = TrainingResults(directory: directory, plannedEpochs: 3, title: "t",
                                      previous: try TrainingResults.previousRows(in: directory, before: 2))
        var third = Self.rows[1]
        third.epoch = 2
        third.trainLoss = 0.05
        try resumed.record(third)
        third.epoch = 3
        try resumed.record(third)
        try resumed.flush()
        let csv = try String(contentsOfFile: resumed.metricsPath, encoding: .utf8)
        #expect(csv.split(separator: "\n").map { $0.prefix(10) } == [
            "epoch,trai", "1,0.201300", "2,0.050000", "3,0.050000"])
        let svg = try String(contentsOfFile: resumed.curvePath, encoding: .utf8)
        #expect(svg.hasPrefix("<svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
            == ["metrics.csv", "training_curve.svg"])  // no temporary files left
        #expect(try TrainingResults.previousRows(in: directory + "/nothing-here", before: 5).isEmpty)
    }
}

@Suite struct ReportMisclassifiedTests {
    @Test func textArtMapsBytesToTheRamp() {
        let pixels: [UInt8] = [0, 25, 26, 128, 229, 230, 255, 51, 77]
        // level = p * 10 / 256: 0 and 25 -> " ", 26 and 51 -> ".", 77 -> "-", 128 -> "+", 229 and 230 -> "%", 255 -> "@"
        #expect(TextArt.render(pixels[...], rows: 3, cols: 3) == ["    ..", "++%%%%", "@@..--"])
    }

    @Test func finderReturnsTheFirstErrorsInFileOrder() throws {
        // All-zero weights give equal logits, so every image is predicted as class 0 (ties to the lowest).
        let labels: [UInt8] = [0, 3, 0, 7, 1, 0, 2]
        let dataset = try MNISTDataset(images: [UInt8](repeating: 9, count: labels.count * 784), labels: labels,
                                       rows: 28, cols: 28)
        let model = LeNet5Model(maxBatchSize: 3, threads: 1)
        let found = MisclassificationFinder.first(3, model: model, parameters: .zeros(), dataset: dataset,
                                                  normalization: .mnist, batch: MiniBatch(capacity: 3))
        #expect(found.map(\.index) == [1, 3, 4])
        #expect(found.map(\.trueClass) == [3, 7, 1])
        #expect(found.allSatisfy { $0.predicted == 0 && abs($0.probabilities[$0.trueClass] - 0.1) < 1e-12 })
        #expect(MisclassificationFinder.first(0, model: model, parameters: .zeros(), dataset: dataset,
                                              normalization: .mnist, batch: MiniBatch(capacity: 3)).isEmpty)
        let art = TextArt.describe(found[0], number: 1, dataset: dataset, classNames: DatasetKind.mnist.classNames)
        #expect(art[0] == "#1  test image 1: true 3, predicted 0 (p 0.100); p of the true class 0.100")
        #expect(art.count == 31 && art[1] == "+" + String(repeating: "-", count: 56) + "+")
    }
}

/// The description of the error `body` throws, or nil.
func errorMessage<T>(_ body: () throws -> T) -> String? {
    do { _ = try body(); return nil } catch { return String(describing: error) }
}
