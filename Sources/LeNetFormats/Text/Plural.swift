// MARK: - Counts with their nouns

/// A count and its noun in the right number, for every message and report line: `1 epoch`, `2 epochs`,
/// `0 threads`, `1 byte`. `ReportFormat.counted` adds thousands separators for reports.
public enum Plural {
    /// The noun for `count`: `singular` for exactly 1, else `plural` (`singular + "s"` when not given).
    public static func noun(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        count == 1 ? singular : plural ?? singular + "s"
    }

    /// `count` and its noun, digits as Swift prints them: `1 byte`, `7 bytes`, `-1 epochs`.
    public static func count(_ count: Int, _ singular: String, plural: String? = nil) -> String {
        "\(count) \(noun(count, singular, plural: plural))"
    }
}
