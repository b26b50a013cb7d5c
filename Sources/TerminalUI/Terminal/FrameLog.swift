import Foundation

// MARK: - Frame times

/// Appends one line per drawn frame to a file, for measuring the dashboard without a timed test:
/// `render_ms draw_ms network inspect_ms` (building the cell buffer, copying it to the terminal, 1 when the
/// network view was on screen, reading the view's filters and maps through the engine since the previous
/// frame). Enabled by `LENET_FRAME_TIMES=/path/to/file`; `Scripts/bench-netview.sh` sums it up.
final class FrameLog {
    private let handle: FileHandle

    /// A log writing to `$LENET_FRAME_TIMES`, or `nil` when it is unset or cannot be created.
    init?(environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard let path = environment["LENET_FRAME_TIMES"], !path.isEmpty,
              FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path) else { return nil }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// Records one frame's times in nanoseconds.
    func record(renderNanoseconds: UInt64, drawNanoseconds: UInt64, network: Bool, inspectNanoseconds: UInt64) {
        let line = String(format: "%.3f %.3f %d %.3f\n", Double(renderNanoseconds) / 1e6, Double(drawNanoseconds) / 1e6,
                          network ? 1 : 0, Double(inspectNanoseconds) / 1e6)
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
