import LeNetFormats
import LeNetTraining
import Testing

/// `lenet-tui summary`: the table, the totals and the JSON, every number from the layer definitions.
@Suite struct NetworkSummaryTests {
    @Test func theTableLinesAreExact() {
        let lines = NetworkSummary.lines()
        #expect(Array(lines[1...12]) == [
            "layer    operation           output    parameters  fwd FLOPs  train FLOPs",
            "input    image 28×28         1×28×28            0          -            -",
            "c1       conv 5×5 1→6 pad 2  6×28×28          156    235,200      470,400",
            "pool1    max-pool 2×2        6×14×14            0          -            -",
            "c3       conv 5×5 6→16       16×10×10       2,416    480,000    1,440,000",
            "pool2    max-pool 2×2        16×5×5             0          -            -",
            "flatten  flatten C,H,W       400                0          -            -",
            "c5       linear 400→120      120           48,120     96,000      288,000",
            "f6       linear 120→84       84            10,164     20,160       60,480",
            "output   linear 84→10        10               850      1,680        5,040",
            "total                                      61,706    833,040    2,263,920",
            "ReLU after c1, c3, c5 and f6. FLOPs per image: 2 per multiply-add; bias,",
        ])
        // Spelled for an ASCII terminal, the columns stay aligned.
        #expect(NetworkSummary.lines(spelling: { $0.replacingOccurrences(of: "→", with: "->") })[3] ==
                "c1       conv 5×5 1->6 pad 2  6×28×28          156    235,200      470,400")
        #expect(lines.map(\.count).max()! <= 76, "fits the ? overlay at 80 columns")
    }

    @Test func theRowsAddUpToTheTotals() {
        #expect(NetworkSummary.rows.map(\.parameters).reduce(0, +) == 61_706)
        #expect(NetworkSummary.rows.map(\.forwardFLOPs).reduce(0, +) == 833_040)
        #expect(NetworkSummary.rows.map(\.trainingFLOPs).reduce(0, +) == 2_263_920)
    }

    @Test func jsonHasEveryLayerAndTheTotals() throws {
        let value = try JSONParser.parse(Array(NetworkSummary.json().utf8))
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["model", "input_shape", "layers", "total_parameters",
                                     "forward_flops_per_image", "training_flops_per_image", "flop_convention"])
        #expect(members[3].value == .number("61706"))
        #expect(members[5].value == .number("2263920"))
        guard case .array(let layers) = members[2].value, case .object(let c3) = layers[3] else { Issue.record("layers"); return }
        #expect(layers.count == 9)
        #expect(c3.map(\.key) == ["name", "operation", "relu", "output_shape", "parameters", "forward_flops", "training_flops"])
        #expect(c3[0].value == .string("c3"))
        #expect(c3[3].value == .array([.number("16"), .number("10"), .number("10")]))
        #expect(c3[4].value == .number("2416"))
    }

    @Test func countedNounsAgreeWithTheirNumber() {
        #expect(ReportFormat.counted(1, "epoch") == "1 epoch")
        #expect(ReportFormat.counted(2, "epoch") == "2 epochs")
        #expect(ReportFormat.counted(0, "thread") == "0 threads")
        #expect(ReportFormat.counted(60_000, "image") == "60,000 images")
        #expect(ReportFormat.counted(1, "mini-batch", plural: "mini-batches") == "1 mini-batch")
        #expect(ReportFormat.counted(938, "mini-batch", plural: "mini-batches") == "938 mini-batches")
    }
}

/// Suggestions for mistyped subcommands and options.
@Suite struct NearestNameTests {
    let commands = ["tui", "train", "test", "bench", "predict", "inspect", "draw", "summary", "help"]
    let trainOptions = ["config", "dataset", "data", "epochs", "batch-size", "lr", "optimizer", "seed", "limit",
                        "checkpoint", "threads", "resume", "results", "json", "version", "help"]

    @Test func distanceCountsASwapOfNeighboursAsOneEdit() {
        #expect(NearestName.distance("tarin", "train") == 1)
        #expect(NearestName.distance("foo", "lr") == 3)
        #expect(NearestName.distance("", "seed") == 4)
        #expect(NearestName.distance("kitten", "sitting") == 3)
    }

    @Test func closeNamesAreSuggestedAndFarOnesAreNot() {
        #expect(NearestName.suggestion(for: "tarin", among: commands) == "train")
        #expect(NearestName.suggestion(for: "tset", among: commands) == "test")
        #expect(NearestName.suggestion(for: "sumary", among: commands) == "summary")
        #expect(NearestName.suggestion(for: "xyz", among: commands) == nil)
        #expect(NearestName.suggestion(for: "epcohs", among: trainOptions) == "epochs")
        #expect(NearestName.suggestion(for: "chekpoint", among: trainOptions) == "checkpoint")
        #expect(NearestName.suggestion(for: "batch", among: trainOptions) == "batch-size", "the one option it starts")
        #expect(NearestName.suggestion(for: "foo", among: trainOptions) == nil, "not --lr: nothing is near")
        #expect(NearestName.suggestion(for: "res", among: trainOptions) == nil, "resume and results both start with it")
        #expect(NearestName.suggestion(for: "learning-rate", among: trainOptions) == nil)
    }
}
