import Foundation
import LeNetFormats
import LeNetTraining
import MNISTData

/// `lenet-tui predict` and `lenet-tui inspect`: sketches (text art or PGM) read with a checkpoint.
public enum SketchCommands {
    /// `predict FILE...`: one line (or JSON object) per sketch with the predicted class and its probability.
    /// A bad file gets one error line naming it and the others still run; the status is then 1.
    /// - Parameters:
    ///   - checkpoint: `--checkpoint`, else the shipped pretrained weights.
    ///   - centre: false (`--no-centre`) averages the whole canvas down to 28x28 instead of MNIST's
    ///     crop, scale and centring.
    /// - Throws: `ExitStatus`, `StreamWriteFault`.
    public static func predict(_ files: [String], checkpoint: String?, json: Bool, centre: Bool) throws {
        var found: LoadedCheckpoint?
        try reportingErrors {
            try checkPathFlags([("--checkpoint", checkpoint)])
            found = try PretrainedCheckpoint.load(checkpoint)
            if let found { try PretrainedCheckpoint.noteIfSavedNow(found) }
        }
        guard let (_, loaded, kind) = found else { throw ExitStatus.failure }
        let predictor = DigitPredictor(fixed: loaded.parameters, normalization: kind.normalization)
        let names = kind == .mnist ? nil : kind.classNames
        let failed = try eachSketch(files) { file, sketch in
            guard let result = predictor.predict(sketch, mode: centre ? .mnist : .none) else {
                throw SketchError.emptyDrawing(path: file)
            }
            if json {
                var members: [(key: String, value: JSONValue)] = [("file", .string(file)), ("prediction", .int(result.predicted))]
                if let names { members.append(("label", .string(names[result.predicted]))) }
                members.append(("probabilities", .array(result.probabilities.map { .fixed($0, digits: 6) })))
                try printLine(JSONValue.object(members).serialized(.spaced))
            } else {
                let label = names.map { " \($0[result.predicted])" } ?? ""
                try printLine("\(TerminalText.escaped(file)): \(result.predicted)\(label) (\(String(format: "%.1f", result.confidence * 100))%)")
            }
        }
        if failed { throw ExitStatus.failure }
    }

    /// `inspect FILE...`: every layer's activations and the saliency map of each sketch, as a text summary
    /// or one JSON object per file; with `results`, activations.svg and filters.svg of the first file.
    /// - Throws: `ExitStatus`, `StreamWriteFault`.
    public static func inspect(_ files: [String], checkpoint: String?, results: String?, json: Bool, centre: Bool) throws {
        var found: LoadedCheckpoint?
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
        guard let (path, loaded, kind) = found else { throw ExitStatus.failure }
        let predictor = DigitPredictor(fixed: loaded.parameters, normalization: kind.normalization)
        let names = kind == .mnist ? nil : kind.classNames
        var picturesPending = results != nil
        var first = true
        let failed = try eachSketch(files) { file, sketch in
            guard let inspection = predictor.inspect(sketch, mode: centre ? .mnist : .none) else {
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
        if failed { throw ExitStatus.failure }
    }
}
