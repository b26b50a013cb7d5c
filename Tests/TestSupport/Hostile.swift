import Foundation
import LeNetFormats

/// Inputs an attacker would craft, built small in memory.
public enum Hostile {
    /// A gzip stream that decompresses to `prefix` followed by `mebibytes` MiB of zero bytes, built from
    /// concatenated members (valid gzip, as `cat a.gz b.gz` makes) so it never holds the decompressed
    /// data: 1 MiB of zeros compresses to about 1 KiB, so 200 MiB costs about 200 KiB.
    public static func gzipBomb(prefix: [UInt8] = [], mebibytes: Int) -> [UInt8] {
        let zeros = Gzip.compress([UInt8](repeating: 0, count: 1 << 20), level: 9)
        var out = Gzip.compress(prefix, level: 9)
        out.reserveCapacity(out.count + zeros.count * mebibytes)
        for _ in 0 ..< mebibytes { out += zeros }
        return out
    }

    /// The process's peak resident set size so far, in bytes (`getrusage`; Linux reports KiB).
    public static func peakRSSBytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    /// Makes a FIFO (named pipe) at `path`.
    /// - Returns: whether `mkfifo` succeeded.
    @discardableResult
    public static func makeFIFO(_ path: String) -> Bool { mkfifo(path, 0o644) == 0 }

    /// Makes a symbolic link at `path` pointing to `target` (relative targets are relative to the link's
    /// directory, as the system resolves them).
    public static func link(_ path: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
    }
}
