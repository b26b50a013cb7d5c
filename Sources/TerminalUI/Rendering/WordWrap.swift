// MARK: - Word wrapping

/// Breaks text into lines at spaces, never inside a word.
public enum WordWrap {
    /// `text` in lines of at most `width` columns, broken at spaces (runs of spaces at a break are
    /// dropped). A word wider than `width` gets a line of its own and is cut only then.
    /// - Returns: at least one line (an empty one for empty text); none for `width <= 0`.
    public static func lines(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if line.isEmpty {
                line = String(word)
            } else if line.count + 1 + word.count <= width {
                line += " " + word
            } else {
                lines.append(line)
                line = String(word)
            }
            while line.count > width {
                lines.append(String(line.prefix(width)))
                line = String(line.dropFirst(width))
            }
        }
        lines.append(line)
        return lines
    }
}
