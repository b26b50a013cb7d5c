import LeNetFormats
import ArgumentParser
import Foundation
import LeNetTraining
import MNISTData

/// `lenet-tui inspect FILE...`: every layer's activations and the saliency map for sketches.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "See inside LeNet-5: every layer's activations for sketches, and which pixels drive the prediction.",
        usage: "lenet-tui inspect <file> ... [--checkpoint <path>] [<options>]",
        discussion: """
        Each sketch is read and preprocessed exactly as `predict` does, then run through the network \
        keeping every layer: the input, c1, pool1, c3, pool2, c5, f6, the logits and probabilities, and \
        the saliency map, the gradient of the predicted class's logit with respect to the input \
        (positive where more ink would raise it). The summary shows the top 3 classes, the c1 and c3 \
        maps with the largest mean activation, and the input beside |saliency| as text.

        --json prints one object per file with the keys file, prediction, probabilities, logits, input, \
        c1, pool1, c3, pool2, c5, f6 and saliency: nested lists in NCHW order without the batch axis \
        (input and saliency 28 rows of 28), floats that read back exactly.

        --results DIR writes activations.svg (the first file's input, saliency and every layer's maps) \
        and filters.svg (c1's and c3's filters on a blue-white-red scale centred at 0).

        A bad file gets one error line naming it; the others are still inspected; the exit status is \
        then 1.

        Examples:
          lenet-tui inspect assets/sketches/7-small-corner.txt
          lenet-tui inspect --results results/inside assets/sketches/3-large.txt
          lenet-tui inspect --json assets/sketches/*.txt > layers.jsonl
          lenet-tui inspect --checkpoint checkpoints/lenet5.safetensors --no-centre drawing.pgm
        """)

    @Argument(help: ArgumentHelp("Sketch files (text art or PGM).", valueName: "file"))
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("Checkpoint to inspect (default: the shipped \(PretrainedCheckpoint.relativePath)).", valueName: "path"))
    var checkpoint: String?

    @Flag(name: .customLong("no-centre"), help: "Skip cropping, scaling and centring: the whole canvas averaged to 28x28.")
    var noCentre = false

    @Option(name: .long, help: ArgumentHelp("Also write activations.svg and filters.svg into this directory.", valueName: "dir"))
    var results: String?

    @Flag(name: .long, help: "Print one JSON object per file (every layer as nested lists).")
    var json = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give at least one sketch file") }
    }

    func run() throws {
        var found: (path: String, checkpoint: Checkpoint, kind: DatasetKind)?
        try reportingErrors {
            try checkPathFlags([("--checkpoint", checkpoint), ("--results", results)])
            found = try PretrainedCheckpoint.load(checkpoint)
            if let found { try PretrainedCheckpoint.noteIfSavedNow(found) }
            if let results {
                try OutputPaths.checkDirectory(results, subject: "--results \(results)")
                for name in ["activations.svg", "filters.svg"] {
                    try OutputPaths.checkReplaceable((results as NSString).appendingPathComponent(name))
                }
                try OutputPaths.createDirectory(results, subject: "--results \(results)")
            }
        }
        guard let (path, loaded, kind) = found else { throw ExitCode(1) }
        let predictor = DigitPredictor(fixed: loaded.parameters, normalization: kind.normalization)
        let names = kind == .mnist ? nil : kind.classNames
        var picturesPending = results != nil
        var first = true
        let failed = try eachSketch(files) { file, sketch in
            guard let inspection = predictor.inspect(sketch, mode: noCentre ? .none : .mnist) else {
                throw SketchError.emptyDrawing(path: file)
            }
            if json {
                try printLine(InspectionReport.json(file: file, inspection))
            } else {
                if !first { try printLine("") }
                for line in InspectionReport.text(file: file, inspection, classNames: names) { try printLine(line) }
            }
            first = false
            if picturesPending, let results {
                picturesPending = false
                let written = try InspectionPictures.write(inspection, file: file, parameters: loaded.parameters,
                                                           checkpoint: path, classNames: kind.classNames, to: results)
                if !json { try printLine("  pictures: \(written.joined(separator: ", "))") }
            }
        }
        if failed { throw ExitCode(1) }
    }
}
