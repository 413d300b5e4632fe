import MessagesAPI

/// The thinking block echo mode puts first when the request enables thinking: a fixed sentence around the
/// echoed text, and a signature derived from it, so both are the same for the same request every time.
public enum EchoThinking {
    public static func text(echoing source: String) -> String {
        let quoted = source.count > 200 ? String(source.prefix(200)) + "…" : source
        return "The user wrote: \"\(quoted)\". In echo mode I repeat it back."
    }

    /// An opaque, deterministic, base64-looking signature for a thinking text.
    public static func signature(for thinking: String) -> String {
        // FNV-1a over the text, stretched to 48 bytes with a different seed per 8-byte word.
        var bytes: [UInt8] = []
        for word in 0..<6 {
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(word) &* 0x9E37_79B9_7F4A_7C15
            for byte in thinking.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
            for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: hash >> UInt64(shift))) }
        }
        return Base64.encode(bytes)
    }
}

/// Standard base64, without Foundation.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i]
            let b1 = i + 1 < bytes.count ? bytes[i + 1] : 0
            let b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(self.alphabet[Int(b0 >> 2)])
            out.append(self.alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? self.alphabet[Int((b1 & 0x0F) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? self.alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }
}
