import Foundation

/// Why a `metrics.csv` could not be read back (when resuming); one line naming the file and line.
public struct MetricsCSVError: Error, CustomStringConvertible, Equatable {
    /// The file.
    public let path: String
    /// 1-based line number.
    public let line: Int
    /// What is wrong.
    public let reason: String
    /// `<path>: line <n>: <reason>`, the path escaped (`TerminalText`).
    public var description: String { "\(TerminalText.escaped(path)): line \(line): \(reason)" }
}

/// `metrics.csv`: one header line, then one line per epoch, comma-separated, `\n` line ends, no quoting
/// (every field is a number).
///
/// Columns: `epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,lr_multiplier,seconds`.
/// Losses and accuracies (fractions 0..1) have 6 decimals, the learning rate 6 significant digits (`%.6g`),
/// the multiplier exactly (`1`, `2`, `0.5`: a power of two), seconds 3 decimals. Example row:
/// `1,0.201300,0.939400,0.069900,0.977100,0.001,1,9.234`. Files without `lr_multiplier` (written before
/// it existed, `legacyHeader`) are read with a multiplier of 1.
public enum MetricsCSV {
    /// The header line (without the line end).
    public static let header = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,lr_multiplier,seconds"
    /// The header of files written before the `lr_multiplier` column, still read back.
    public static let legacyHeader = "epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,seconds"

    /// The whole file for `rows`, in the given order, ending with a newline.
    public static func encode(_ rows: [EpochMetrics]) -> String {
        ([header] + rows.map(row)).joined(separator: "\n") + "\n"
    }

    /// One data line (without the line end).
    public static func row(_ m: EpochMetrics) -> String {
        [String(m.epoch), f6(m.trainLoss), f6(m.trainAccuracy), f6(m.testLoss), f6(m.testAccuracy),
         String(format: "%.6g", m.learningRate), exact(m.learningRateMultiplier),
         String(format: "%.3f", m.seconds)].joined(separator: ",")
    }

    /// The largest metrics.csv read back: 16 MiB (a row is about 60 bytes; 100,000 epochs make 6 MB).
    public static let maximumFileSize = 16 << 20

    /// Parses a file written by `encode` (values are read back at the written precision).
    /// - Parameters:
    ///   - text: the file's content.
    ///   - path: names the file in errors.
    /// - Throws: `MetricsCSVError` for a wrong header, a line without the header's 8 (or 7) fields, or a
    ///   field that is not a number (epochs must be positive integers); the first problem, with its line
    ///   number.
    public static func parse(_ text: String, path: String) throws(MetricsCSVError) -> [EpochMetrics] {
        // Trailing line ends do not count; lines are taken one at a time (no list of every line), and a
        // line is split only once it has exactly six commas, so memory stays that of the rows kept.
        var rest = Substring(text)
        while rest.utf8.last == 0x0A { rest = rest.dropLast() }
        var number = 0
        var rows: [EpochMetrics] = []
        var columns: [Substring] = []
        while !rest.isEmpty || number == 0 {
            number += 1
            let end = rest.utf8.firstIndex(of: 0x0A) ?? rest.endIndex
            let line = rest[..<end]
            rest = end == rest.endIndex ? rest[end...] : rest[rest.utf8.index(after: end)...]
            if number == 1 {
                let first = line.trimmingCharacters(in: .whitespaces)
                guard first == header || first == legacyHeader else {
                    throw MetricsCSVError(path: path, line: 1, reason: "expected the header \"\(header)\"")
                }
                columns = first.split(separator: ",")
                continue
            }
            rows.append(try row(line, columns: columns, number: number, path: path))
        }
        return rows
    }

    /// One data line: a number for each of `columns` (the header's names), comma-separated.
    private static func row(_ line: Substring, columns: [Substring], number: Int,
                            path: String) throws(MetricsCSVError) -> EpochMetrics {
        let commas = line.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: ",") ? 1 : 0) }
        guard commas == columns.count - 1 else {
            throw MetricsCSVError(path: path, line: number, reason: "expected \(columns.count) fields, found \(commas + 1)")
        }
        let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        guard let epoch = Int(fields[0]), epoch >= 1 else {
            throw MetricsCSVError(path: path, line: number, reason: "epoch \(TerminalText.quoted(fields[0])) is not a positive integer")
        }
        var values: [Substring: Double] = [:]
        for (column, field) in zip(columns.dropFirst(), fields.dropFirst()) {
            guard let value = Double(field) else {
                throw MetricsCSVError(path: path, line: number, reason: "\(column) \(TerminalText.quoted(field)) is not a number")
            }
            values[column] = value
        }
        return EpochMetrics(epoch: epoch, trainLoss: values["train_loss"]!, trainAccuracy: values["train_accuracy"]!,
                            testLoss: values["test_loss"]!, testAccuracy: values["test_accuracy"]!,
                            learningRate: values["learning_rate"]!, seconds: values["seconds"]!,
                            learningRateMultiplier: values["lr_multiplier"] ?? 1)
    }

    /// A value written exactly and short: whole numbers without a fraction (`2`), others in Swift's
    /// shortest round-trip form (`0.5`).
    private static func exact(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }

    private static func f6(_ value: Double) -> String {
        value.isFinite ? String(format: "%.6f", value) : "nan"
    }
}
