import Testing
@testable import LeNetFormats

/// The one escaping of outside text before it reaches a terminal.
@Suite struct TerminalTextTests {
    @Test func controlCharactersBecomeVisibleEscapes() {
        #expect(TerminalText.escaped("a\u{1B}[2Jb") == #"a\u{1B}[2Jb"#)
        #expect(TerminalText.escaped("\u{0}\u{7}\t\n\r\u{1F}") == #"\u{0}\u{7}\u{9}\u{A}\u{D}\u{1F}"#)
        #expect(TerminalText.escaped("del\u{7F} csi\u{9B}31m c1\u{80}\u{9F}") == #"del\u{7F} csi\u{9B}31m c1\u{80}\u{9F}"#)
        #expect(TerminalText.escaped("rtl\u{202E}txt\u{2028}\u{2066}") == #"rtl\u{202E}txt\u{2028}\u{2066}"#)
    }

    @Test func printableTextIsKept() {
        for text in ["", "c1.weight", "/tmp/a b/ck.safetensors", #"C:\dir\file"#, "é ü 日本 😀 ¡", "\u{A0}\u{A1}"] {
            #expect(TerminalText.escaped(text) == text)
        }
    }

    @Test func escapingTwiceChangesNothing() {
        let once = TerminalText.escaped("x\u{1B}]0;title\u{7}y\u{9B}")
        #expect(TerminalText.escaped(once) == once)
        #expect(!once.unicodeScalars.contains(where: TerminalText.isControl))
    }

    @Test func quotedEscapesQuotesAndBackslashesToo() {
        #expect(TerminalText.quoted("c1.weight") == #""c1.weight""#)
        #expect(TerminalText.quoted("say \"hi\"\\") == #""say \"hi\"\\""#)
        #expect(TerminalText.quoted("a\u{7}b") == #""a\u{7}b""#)
    }
}
