import MessagesAPI
import MockEngine
import Testing

@Suite struct EchoThinkingTests {
    @Test func text_quotesTheSource() {
        #expect(EchoThinking.text(echoing: "Say hello") == #"The user wrote: "Say hello". In echo mode I repeat it back."#)
        #expect(EchoThinking.text(echoing: "") == #"The user wrote: "". In echo mode I repeat it back."#)
    }

    @Test func text_longSourcesAreCutAt200Characters() {
        let exactly200 = String(repeating: "a", count: 200)
        #expect(EchoThinking.text(echoing: exactly200) == #"The user wrote: "\#(exactly200)". In echo mode I repeat it back."#)
        let longer = String(repeating: "b", count: 199) + "😀xyz"
        #expect(
            EchoThinking.text(echoing: longer)
                == #"The user wrote: "\#(String(repeating: "b", count: 199))😀…". In echo mode I repeat it back."#)
    }

    @Test func signature_isStableAcrossRunsAndProcesses() {
        // Clients send thinking blocks back with their signature; the same text must always sign the same.
        #expect(
            EchoThinking.signature(for: #"The user wrote: "Say hello". In echo mode I repeat it back."#)
                == "6NK/il7ScTIlHDBWCY082mYWAPitPV3re5FpPu54NwqM/ZuTs1d/15k2aGw+mE8G")
        #expect(EchoThinking.signature(for: "") == "JSMihOSc8ss6n2wDnhYqak8bt4JXkGEIZJcBAhEKmaZ5E0yByoPQRI6PlgCE/Qfj")
    }

    @Test func signature_shape() {
        for text in ["", "a", "The user wrote", String(repeating: "long ", count: 1000)] {
            let signature = EchoThinking.signature(for: text)
            // 48 bytes: 64 base64 characters, no padding.
            #expect(signature.wholeMatch(of: /[A-Za-z0-9+\/]{64}/) != nil, "\(text.prefix(20))")
        }
    }

    @Test func signature_differsForDifferentTexts() {
        let signatures = Set(["a", "b", "ab", "ba", "The user wrote: \"x\".", "The user wrote: \"y\"."].map(EchoThinking.signature(for:)))
        #expect(signatures.count == 6)
    }
}
