import Foundation
import LeNetEngine

// MARK: - The inspection pictures on disk

/// Writes `inspect --results DIR`'s pictures, each atomically (`AtomicFile`): `activations.svg`
/// (`ActivationsSVG`, one sketch) and `filters.svg` (`FiltersSVG`, the weights).
public enum InspectionPictures {
    /// File name of the activations picture.
    public static let activationsFileName = "activations.svg"
    /// File name of the filters picture.
    public static let filtersFileName = "filters.svg"

    /// Writes both pictures into `directory` (created if needed).
    /// - Parameters:
    ///   - inspection: the sketch to draw, `file` its path.
    ///   - parameters: the weights, read from `checkpoint`.
    ///   - classNames: one name per class.
    /// - Returns: the paths written, activations first.
    /// - Throws: `FileWriteError` naming the file that could not be written.
    public static func write(_ inspection: DigitInspection, file: String, parameters: LeNet5Parameters,
                             checkpoint: String, classNames: [String], to directory: String) throws -> [String] {
        let activations = (directory as NSString).appendingPathComponent(activationsFileName)
        let filters = (directory as NSString).appendingPathComponent(filtersFileName)
        let activationsSVG = ActivationsSVG.render(inspection, file: file, checkpoint: checkpoint, classNames: classNames)
        try AtomicFile.write(Array(activationsSVG.utf8), to: activations)
        try AtomicFile.write(Array(FiltersSVG.render(parameters, source: checkpoint).utf8), to: filters)
        return [activations, filters]
    }
}
