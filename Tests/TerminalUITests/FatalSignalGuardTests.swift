import Glibc
import Testing
@testable import TerminalUI

/// The bytes the crash handler writes to give the terminal back.
@Suite struct FatalSignalGuardTests {
    @Test func theResetStringsComeInEndwinsOrderWithoutPadding() {
        let bytes = FatalSignalGuard.restoreSequence(resetAttributes: "\u{1B}(B\u{1B}[m", showCursor: "\u{1B}[?12l\u{1B}[?25h",
                                                     keypadOff: "\u{1B}[?1l\u{1B}>", leaveAlternateScreen: "\u{1B}[?1049l\u{1B}[23;0;0t")
        #expect(String(decoding: bytes, as: UTF8.self)
            == "\u{1B}(B\u{1B}[m\u{1B}[?12l\u{1B}[?25h\u{1B}[?1l\u{1B}>\u{1B}[?1049l\u{1B}[23;0;0t\r\n")
    }

    @Test func theMouseIsSwitchedOffWhenItWasOn() {
        let bytes = FatalSignalGuard.restoreSequence(resetAttributes: "\u{1B}[m", showCursor: nil, keypadOff: nil,
                                                     leaveAlternateScreen: "\u{1B}[?1049l", mouseOff: MouseMode.disable)
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}[m\u{1B}[?1049l\u{1B}[?1006l\u{1B}[?1002l\r\n")
        #expect(String(decoding: MouseMode.enable, as: UTF8.self) == "\u{1B}[?1002h\u{1B}[?1006h")
    }

    @Test func missingCapabilitiesAreSkipped() {
        // vt100 has no alternate screen: only the strings it has, then a fresh line.
        let bytes = FatalSignalGuard.restoreSequence(resetAttributes: "\u{1B}[m$<2>", showCursor: nil, keypadOff: nil,
                                                     leaveAlternateScreen: nil)
        #expect(bytes == Array("\u{1B}[m\r\n".utf8))
    }

    @Test func paddingIsDroppedButADollarSignAloneStays() {
        #expect(FatalSignalGuard.withoutPadding(Array("a$<5*/>b$<2>c".utf8)) == Array("abc".utf8))
        #expect(FatalSignalGuard.withoutPadding(Array("cost $5 $<".utf8)) == Array("cost $5 $<".utf8))
    }

    @Test func theHandledSignalsAreTheFatalOnes() {
        #expect(Set(FatalSignalGuard.signals) == [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP])
    }
}
