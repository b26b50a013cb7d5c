import Dispatch
import Foundation
import LeNetEngine
import LeNetFormats

/// Writes a run's result files into a directory after every epoch: `metrics.csv` (`MetricsCSV`),
/// `training_curve.svg` (`TrainingCurveSVG`) and, when given the weights, `filters_by_epoch.svg`
/// (`FiltersByEpochSVG`, c1's filters after every epoch, kept in memory as a `FilterHistory`), each
/// atomically (`AtomicFile`), so a reader never sees a half-written file and an interrupted run keeps the
/// files of its last finished epoch.
///
/// The files are written on a serial background queue, in epoch order, so the trainer's next epoch runs
/// while they are encoded and flushed to disk (eight `fsync`s an epoch); `flush()` waits for them. A write
/// that failed is thrown by the next `record` or `flush()`.
///
/// Thread-safe: `record` may be called from the trainer's queue while others read `rows`.
public final class TrainingResults: @unchecked Sendable {
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
    private let lock = NSLock()
    private var storedRows: [EpochMetrics]
    private var storedFilters = FilterHistory()
    /// Writes the files, one epoch after the other.
    private let writer = DispatchQueue(label: "lenet-tui.results-writer", qos: .utility)
    /// The first write that failed and was not thrown yet.
    private var writeFailure: (any Error)?

    /// - Parameters:
    ///   - directory: where `metrics.csv` and `training_curve.svg` go.
    ///   - plannedEpochs: epochs of the run.
    ///   - title: heading of the curve.
    ///   - previous: epochs of an earlier run this one continues (`--resume`), kept in both files.
    public init(directory: String, plannedEpochs: Int, title: String, previous: [EpochMetrics] = []) {
        self.directory = directory
        self.plannedEpochs = plannedEpochs
        self.title = title
        self.storedRows = previous.sorted { $0.epoch < $1.epoch }
    }

    /// Path of `metrics.csv`.
    public var metricsPath: String { (directory as NSString).appendingPathComponent(Self.metricsFileName) }
    /// Path of `training_curve.svg`.
    public var curvePath: String { (directory as NSString).appendingPathComponent(Self.curveFileName) }
    /// Path of `filters_by_epoch.svg`.
    public var filtersPath: String { (directory as NSString).appendingPathComponent(Self.filtersFileName) }

    /// The epochs recorded so far (and the earlier run's), ascending.
    public var rows: [EpochMetrics] {
        lock.lock(); defer { lock.unlock() }
        return storedRows
    }

    /// c1's filters recorded so far (`recordFilters`, `record(_:parameters:)`), ascending by epoch.
    public var filters: FilterHistory {
        lock.lock(); defer { lock.unlock() }
        return storedFilters
    }

    /// Keeps `parameters`' c1 filters as epoch `epoch` without writing anything: the weights a run starts
    /// from (epoch 0, or the resumed checkpoint's epoch), drawn as the first row of `filters_by_epoch.svg`.
    public func recordFilters(epoch: Int, parameters: LeNet5Parameters) {
        lock.lock()
        storedFilters.record(epoch: epoch, parameters: parameters, start: true)
        lock.unlock()
    }

    /// Adds (or replaces) the epoch's row and has `metrics.csv` and `training_curve.svg` rewritten; with the
    /// weights at the end of the epoch, also adds their c1 filters and has `filters_by_epoch.svg` rewritten.
    /// Returns once the rows are stored; the files are written on the background queue (`flush()`).
    /// - Throws: `FileWriteError` naming a file an earlier call could not write (that epoch's row is kept).
    public func record(_ metrics: EpochMetrics, parameters: LeNet5Parameters? = nil) throws {
        lock.lock()
        if let failure = writeFailure {
            writeFailure = nil
            lock.unlock()
            throw failure
        }
        storedRows.removeAll { $0.epoch >= metrics.epoch }
        storedRows.append(metrics)
        if let parameters { storedFilters.record(epoch: metrics.epoch, parameters: parameters) }
        let rows = storedRows, filters = storedFilters
        lock.unlock()
        let (metricsPath, curvePath, filtersPath) = (self.metricsPath, self.curvePath, self.filtersPath)
        let (plannedEpochs, title, withFilters) = (self.plannedEpochs, self.title, parameters != nil)
        writer.async { [self] in
            do {
                try AtomicFile.write(Array(MetricsCSV.encode(rows).utf8), to: metricsPath)
                try AtomicFile.write(Array(TrainingCurveSVG.render(rows, plannedEpochs: plannedEpochs, title: title).utf8),
                                     to: curvePath)
                if withFilters {
                    try AtomicFile.write(Array(FiltersByEpochSVG.render(filters, title: title).utf8), to: filtersPath)
                }
            } catch {
                lock.lock()
                if writeFailure == nil { writeFailure = error }
                lock.unlock()
            }
        }
    }

    /// Waits until every recorded epoch's files are written.
    /// - Throws: `FileWriteError` naming a file that could not be written (once; the next call succeeds).
    public func flush() throws {
        writer.sync {}
        lock.lock()
        let failure = writeFailure
        writeFailure = nil
        lock.unlock()
        if let failure { throw failure }
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
