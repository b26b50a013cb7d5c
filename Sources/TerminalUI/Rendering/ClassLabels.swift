// MARK: - How the dashboard names classes

/// One naming scheme for the classes, used by the heatmap, its largest-confusions line and legend, the pad,
/// the confusion browser and the network view:
///
/// - a class is its **index** (`0`...`9`), the heatmap's axis labels;
/// - where the name is not the index (Fashion-MNIST), text names it as index and name, `6 Shirt`, and the
///   heatmap has a legend of these pairs, so the axes, the legend and every line agree;
/// - where the full name has no room, one abbreviation: the **short name**, the name up to a `/` and, of
///   several words, the last (`T-shirt/top` → `T-shirt`, `Ankle boot` → `Boot`); where even that has no
///   room, the index alone (which the legend explains).
///
/// For MNIST the names are the digits, so every form is the digit.
public struct ClassLabels: Sendable, Equatable {
    /// The full names, index = class.
    public let names: [String]

    /// How much of a class's name a label carries, longest first.
    public enum Form: Sendable, CaseIterable {
        /// `6 Shirt`, `0 T-shirt/top`.
        case full
        /// `6 Shirt`, `0 T-shirt`.
        case short
        /// `6`.
        case index
    }

    /// - Parameter names: the class names, index = class (`DatasetKind.classNames`).
    public init(_ names: [String]) {
        self.names = names
    }

    /// Whether the names are the indices themselves (MNIST's digits): no legend needed.
    public var namesAreIndices: Bool {
        names.enumerated().allSatisfy { $0.element == String($0.offset) }
    }

    /// What one image shows, for hints: "digit" for MNIST, else "item".
    public var noun: String { namesAreIndices ? "digit" : "item" }

    /// The noun with its article, for hints: "a digit", "an item" ("press d to draw an item").
    public var oneImage: String { namesAreIndices ? "a digit" : "an item" }

    /// The name of class `c` (its index when it has none).
    public func name(_ c: Int) -> String { c >= 0 && c < names.count ? names[c] : String(c) }

    /// The abbreviation of class `c`'s name: up to a `/`, and of several words the last, capitalised
    /// (`T-shirt/top` → `T-shirt`, `Ankle boot` → `Boot`).
    public func shortName(_ c: Int) -> String {
        var name = name(c)
        if let slash = name.firstIndex(of: "/") { name = String(name[..<slash]) }
        let words = name.split(separator: " ")
        guard words.count > 1, let last = words.last else { return name }
        return last.prefix(1).uppercased() + last.dropFirst()
    }

    /// Class `c` as `form` shows it: `6 Shirt` / `0 T-shirt` / `6`; for MNIST always the digit.
    public func label(_ c: Int, _ form: Form) -> String {
        let index = String(c)
        let name: String
        switch form {
        case .index: return index
        case .full: name = self.name(c)
        case .short: name = shortName(c)
        }
        return name == index ? index : index + " " + name
    }

    /// The legend of the heatmap's indices, `0 T-shirt/top  1 Trouser  ...` wrapped into lines of at most
    /// `width` columns (two spaces between entries, never inside one); empty when the names are the
    /// indices or an entry is wider than `width`.
    public func legend(width: Int, form: Form = .full) -> [String] {
        guard !namesAreIndices else { return [] }
        var lines: [String] = []
        var line = ""
        for c in 0..<names.count {
            let entry = label(c, form)
            guard entry.count <= width else { return [] }
            if line.isEmpty {
                line = entry
            } else if line.count + 2 + entry.count <= width {
                line += "  " + entry
            } else {
                lines.append(line)
                line = entry
            }
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }
}
