extension String {
    /// This text with every Unicode scalar for which `replacement` returns a string replaced by that
    /// string; the others are kept. The one loop behind terminal, JSON and XML escaping.
    func replacingScalars(_ replacement: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for scalar in unicodeScalars {
            if let replaced = replacement(scalar) { out += replaced } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
