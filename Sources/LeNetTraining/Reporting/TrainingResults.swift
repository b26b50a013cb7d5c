import Foundation
import LeNetEngine
import LeNetFormats

/// Writes a run's result files into a directory after every epoch: `metrics.csv` (`MetricsCSV`),
/// `training_curve.svg` (`TrainingCurveSVG`) and, when given the weights, `filters_by_epoch.svg`
/// (`FiltersByEpochSVG`, c1's filters after every epoch, kept in memory as a `FilterHistory`), each
/// atomically (`AtomicFile`), so a reader never sees a half-written file and an interrupted run keeps the
/// files of its last finished epoch.
///
/// Thread-safe: `record` may be called from the trainer's queue while others read `rows`.
public final class TrainingResults: Sendable {
    /// File name of the metrics table inside the directory.
    public static let metricsFileName = "metrics.csv"
    /// File name of the training curve inside the directory.
    public static let curveFileName = "training_curve.svg"
    /// File name of c1's filters by epoch inside the directory.
    public static let filtersFileName = "filters_by_epoch.svg"

    /// The directory the files go into (created when the first epoch is recorded).
    public let directory: String
    /// Epochs the run will have (the curve's x axis reaches that far).
    public let plannedEpochs: Int
    /// Heading of the curve.
    public let title: String
    /// The rows and c1's filters recorded so far.
    private let stored: Locked<(rows: [EpochMetrics], filters: FilterHistory)>

    /// - Parameters:
    ///   - directory: where `metrics.csv` and `training_curve.svg` go.
    ///   - plannedEpochs: epochs of the run.
    ///   - title: heading of the curve.
    ///   - previous: epochs of an earlier run this one continues (`--resume`), kept in both files.
    public init(directory: String, plannedEpochs: Int, title: String, previous: [EpochMetrics] = []) {
        self.directory = directory
        self.plannedEpochs = plannedEpochs
        self.title = title
        self.stored = Locked((previous.sorted { $0.epoch < $1.epoch }, FilterHistory()))
    }

    /// Path of `metrics.csv`.
    public var metricsPath: String { (directory as NSString).appendingPathComponent(Self.metricsFileName) }
    /// Path of `training_curve.svg`.
    public var curvePath: String { (directory as NSString).appendingPathComponent(Self.curveFileName) }
    /// Path of `filters_by_epoch.svg`.
    public var filtersPath: String { (directory as NSString).appendingPathComponent(Self.filtersFileName) }

    /// The epochs recorded so far (and the earlier run's), ascending.
    public var rows: [EpochMetrics] {
        stored.withLock { $0.rows }
    }

    /// c1's filters recorded so far (`recordFilters`, `record(_:parameters:)`), ascending by epoch.
    public var filters: FilterHistory {
        stored.withLock { $0.filters }
    }

    /// Keeps `parameters`' c1 filters as epoch `epoch` without writing anything: the weights a run starts
    /// from (epoch 0, or the resumed checkpoint's epoch), drawn as the first row of `filters_by_epoch.svg`.
    public func recordFilters(epoch: Int, parameters: LeNet5Parameters) {
        stored.withLock { $0.filters.record(epoch: epoch, parameters: parameters, start: true) }
    }

    /// Adds (or replaces) the epoch's row and rewrites `metrics.csv` and `training_curve.svg`; with the
    /// weights at the end of the epoch, also adds their c1 filters and rewrites `filters_by_epoch.svg`.
    /// - Throws: `FileWriteError` naming the file that could not be written.
    public func record(_ metrics: EpochMetrics, parameters: LeNet5Parameters? = nil) throws {
        let (rows, filters) = stored.withLock { stored in
            stored.rows.removeAll { $0.epoch >= metrics.epoch }
            stored.rows.append(metrics)
            if let parameters { stored.filters.record(epoch: metrics.epoch, parameters: parameters) }
            return (stored.rows, stored.filters)
        }
        try AtomicFile.write(Array(MetricsCSV.encode(rows).utf8), to: metricsPath)
        try AtomicFile.write(Array(TrainingCurveSVG.render(rows, plannedEpochs: plannedEpochs, title: title).utf8),
                             to: curvePath)
        if parameters != nil {
            try AtomicFile.write(Array(FiltersByEpochSVG.render(filters, title: title).utf8), to: filtersPath)
        }
    }

    /// The rows of an existing `metrics.csv` in `directory` for epochs before `firstEpoch`, to continue a
    /// resumed run's files; empty when there is no such file.
    /// - Throws: `MetricsCSVError` when the file exists but is not a metrics table; `InputFileError` when it
    ///   is not a regular file, larger than `MetricsCSV.maximumFileSize` or unreadable.
    public static func previousRows(in directory: String, before firstEpoch: Int) throws -> [EpochMetrics] {
        let path = (directory as NSString).appendingPathComponent(metricsFileName)
        let bytes: [UInt8]
        do { bytes = try InputFile.read(path, limit: MetricsCSV.maximumFileSize, what: "a metrics.csv") } catch {
            if error.kind == .notFound { return [] }
            throw error
        }
        return try MetricsCSV.parse(String(decoding: bytes, as: UTF8.self), path: path).filter { $0.epoch < firstEpoch }
    }
}
