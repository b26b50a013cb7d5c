// MARK: - Allowed ranges, shared by the file loader and the command-line overrides
//
// Each check returns nil when the value is allowed, else the requirement as it reads after "must be"
// ("at least 1"), so both error forms (`config.json: key "batch_size" must be ...` and
// `--batch-size must be ...`) say the same thing.

/// The allowed range of every config value and path, as pure checks (no I/O).
public enum ConfigRules {
    /// The largest `batch_size`: 60,000, the size of the largest training set (MNIST's and Fashion-MNIST's);
    /// a mini-batch cannot hold more images than the set has.
    public static let maxBatchSize = 60_000
    /// The largest `epochs`, and the largest epoch count a checkpoint may record: 100,000 (days of
    /// training on the full set), far above any real run and far below where `epoch + 1` could overflow.
    public static let maxEpochs = 100_000

    /// `lr_step_size`, `limit`: whole numbers from 1.
    static func positiveInteger(_ value: Int) -> String? { value >= 1 ? nil : "at least 1" }
    /// `batch_size`: 1 ... `maxBatchSize`.
    static func batchSize(_ value: Int) -> String? { bounded(value, maxBatchSize) }
    /// `epochs`: 1 ... `maxEpochs`.
    static func epochs(_ value: Int) -> String? { bounded(value, maxEpochs) }
    /// The whole range in the message ("1 to 100000"), so a bad value on either side says what is allowed.
    private static func bounded(_ value: Int, _ largest: Int) -> String? {
        value < 1 || value > largest ? "1 to \(largest)" : nil
    }
    /// `threads`: 0 (one per processor) or more.
    static func nonNegativeInteger(_ value: Int) -> String? { value >= 0 ? nil : "0 (all processors) or more" }
    /// `learning_rate`: finite and above 0.
    static func learningRate(_ value: Double) -> String? { value > 0 && value.isFinite ? nil : "a positive finite number" }
    /// `momentum`: [0, 1) (1 would never forget a gradient).
    static func momentum(_ value: Double) -> String? { value >= 0 && value < 1 ? nil : "in [0, 1)" }
    /// `weight_decay`: finite, 0 or more.
    static func weightDecay(_ value: Double) -> String? { value >= 0 && value.isFinite ? nil : "a finite number at least 0" }
    /// `pace`: one of `TrainingPace.allowed` (mini-batches per second, 0 = full speed).
    static func pace(_ value: Int) -> String? {
        TrainingPace(batchesPerSecond: value) != nil ? nil : "one of \(TrainingPace.allowedText) (mini-batches per second)"
    }
    /// `label_smoothing`: [0, 1) (1 would make every target uniform).
    static func labelSmoothing(_ value: Double) -> String? { value >= 0 && value < 1 ? nil : "in [0, 1)" }
    /// `one_cycle_pct_start`: (0, 1).
    static func openUnitInterval(_ value: Double) -> String? { value > 0 && value < 1 ? nil : "in (0, 1)" }
    /// `one_cycle_div_factor`, `one_cycle_final_div_factor`: finite, at least 1.
    static func divisionFactor(_ value: Double) -> String? { value >= 1 && value.isFinite ? nil : "a finite number at least 1" }
    /// The augmentation ranges: `lower ... upper` (`augment_shift` 0...8 px, `augment_rotation` 0...90°,
    /// `augment_scale` 0...0.5, `augment_shear` 0...45°, `elastic_alpha` 0...100 px, `elastic_sigma` 0.5...8 px:
    /// beyond them a digit leaves the 28×28 field or the smoothing kernel outgrows it).
    static func range(_ lower: Double, _ upper: Double) -> (Double) -> String? {
        { value in value >= lower && value <= upper ? nil : "in [\(lower.compact), \(upper.compact)]" }
    }
    /// `lr_gamma`: (0, 1] (1 = no decay).
    static func lrGamma(_ value: Double) -> String? { value > 0 && value <= 1 ? nil : "in (0, 1]" }
    /// `checkpoint`: a non-empty path without control characters.
    static func checkpoint(_ value: String) -> String? { value.isEmpty ? "a non-empty path" : path(value) }
    /// Any path from a flag or a key: no control character (C0 including NUL, DEL, C1). A NUL would cut the
    /// path short where the system sees it (another file written), and the others would reach the terminal
    /// in messages.
    public static func path(_ value: String) -> String? {
        guard let index = value.unicodeScalars.firstIndex(where: isControl) else { return nil }
        let position = value.unicodeScalars.distance(from: value.unicodeScalars.startIndex, to: index) + 1
        let code = String(value.unicodeScalars[index].value, radix: 16, uppercase: true)
        return "a path without control characters (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) "
            + "at character \(position))"
    }
    /// C0 controls (U+0000-U+001F), DEL (U+007F) and C1 controls (U+0080-U+009F).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}


/// Edit distance, used to suggest the key a typo meant.
enum KeySuggestion {
    /// Levenshtein distance (insertions, deletions, substitutions) between `a` and `b`, over Characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0 ... b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1 ... a.count {
            current[0] = i
            for j in 1 ... b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The known key nearest to `key` (compared lower-cased, `-` read as `_`, and camelCase humps read as
    /// `_`), when it is close: edit distance at most max(2, length / 3), or one contains the other (4+
    /// characters). Ties go to the earlier key in `known`.
    static func suggestion(for key: String, among known: [String]) -> String? {
        let wanted = normalized(key)
        var best: (key: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(wanted, candidate)
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        if let best, best.distance <= max(2, wanted.count / 3) { return best.key }
        if wanted.count >= 4, let containing = known.first(where: { $0.contains(wanted) || wanted.contains($0) }) {
            return containing
        }
        return nil
    }

    /// `learningRate` -> `learning_rate`, `Batch-Size` -> `batch_size`.
    static func normalized(_ key: String) -> String {
        var out = ""
        for character in key {
            if character.isUppercase, let last = out.last, last != "_" { out.append("_") }
            if character == "-" { out.append("_") } else { out += character.lowercased() }
        }
        return out
    }
}
