// MARK: - "Did you mean ...?"

/// The known name a mistyped one most likely meant: for unknown subcommands (`tarin` → `train`) and
/// options (`--epcohs` → `--epochs`). Only close names are offered: nothing is better than a wrong hint
/// (`--foo` gets no suggestion, not `--lr`).
public enum NearestName {
    /// Optimal string alignment distance between `a` and `b`: the fewest insertions, deletions,
    /// substitutions and swaps of two adjacent characters that turn one into the other (`tarin` → `train`
    /// is one swap).
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }

    /// The candidate `name` most likely meant, or nil when none is close: the nearest within a distance of
    /// a quarter of the name's length (at least 1; ties go to the earlier candidate), else the only
    /// candidate that starts with the name (3 characters or more: `batch` → `batch-size`).
    /// - Parameters:
    ///   - name: what was typed, without dashes (`epcohs`).
    ///   - candidates: the known names, without dashes, in the order to prefer on ties.
    public static func suggestion(for name: String, among candidates: [String]) -> String? {
        let typed = name.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != typed {
            let d = distance(typed, candidate)
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        if let best, best.distance <= max(1, typed.count / 4) { return best.name }
        let extending = candidates.filter { $0.hasPrefix(typed) && $0 != typed }
        return typed.count >= 3 && extending.count == 1 ? extending[0] : nil
    }
}
