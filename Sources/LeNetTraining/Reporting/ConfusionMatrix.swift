/// The 10x10 confusion matrix of a classifier on a labelled set.
///
/// Layout: row-major, `counts[trueClass * classCount + predictedClass]`; row = true class,
/// column = predicted class (the convention of scikit-learn's `confusion_matrix`).
public struct ConfusionMatrix: Sendable, Equatable {
    /// Number of classes (rows and columns).
    public let classCount: Int
    /// Row-major counts, `classCount * classCount` entries.
    public private(set) var counts: [Int]

    /// An all-zero matrix for `classCount` classes.
    public init(classCount: Int = 10) {
        self.classCount = classCount
        self.counts = Array(repeating: 0, count: classCount * classCount)
    }

    /// Count of images of true class `row` predicted as class `column`.
    public subscript(row: Int, column: Int) -> Int {
        counts[row * classCount + column]
    }

    /// Adds one prediction.
    /// - Precondition: both classes are in `0..<classCount`.
    public mutating func record(trueClass: Int, predicted: Int) {
        counts[trueClass * classCount + predicted] += 1
    }

    /// Total number of recorded predictions.
    public var total: Int { counts.reduce(0, +) }
    /// Number of correct predictions (the diagonal).
    public var correct: Int { (0..<classCount).reduce(0) { $0 + self[$1, $1] } }
    /// The rows as arrays, row = true class (the `--json` layout).
    public var rows: [[Int]] { (0..<classCount).map { Array(counts[$0 * classCount ..< ($0 + 1) * classCount]) } }

    /// The off-diagonal cells (confusions), most images first (ties: lower true class, then lower
    /// predicted class), at most `limit` of them; cells with no images are left out.
    public func topConfusions(limit: Int) -> [(trueClass: Int, predicted: Int, count: Int)] {
        var out: [(trueClass: Int, predicted: Int, count: Int)] = []
        for r in 0..<classCount {
            for c in 0..<classCount where r != c && self[r, c] > 0 { out.append((r, c, self[r, c])) }
        }
        out.sort { a, b in a.count != b.count ? a.count > b.count : (a.trueClass, a.predicted) < (b.trueClass, b.predicted) }
        return Array(out.prefix(max(0, limit)))
    }
}
