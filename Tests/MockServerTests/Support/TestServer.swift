import FireworksMockTesting
import Logging
import MockEngine
import MockServer

/// Runs a real server on a free loopback port for the duration of `body`, through the in-process library.
func withTestServer<T>(
    _ configuration: MockHTTPServer.Configuration = MockHTTPServer.Configuration(port: 0),
    _ body: (MockHTTPServer) async throws -> T
) async throws -> T {
    var configuration = configuration
    configuration.port = 0
    let mock = try await FireworksMock.start(configuration, logger: Logger(label: "test"))
    do {
        let result = try await body(mock.server)
        await mock.stop()
        return result
    } catch {
        await mock.stop()
        throw error
    }
}

/// Request text for the Messages endpoint.
enum Requests {
    static let model = "accounts/fireworks/models/kimi-k2p5"

    static func body(_ text: String, stream: Bool = false, maxTokens: Int = 64) -> String {
        #"{"model":"\#(model)","max_tokens":\#(maxTokens),"stream":\#(stream),"messages":[{"role":"user","content":"\#(text)"}]}"#
    }

    static func post(
        _ body: String,
        path: String = "/inference/v1/messages",
        version: String = "HTTP/1.1",
        extraHeaders: String = ""
    ) -> String {
        "POST \(path) \(version)\r\nHost: 127.0.0.1\r\nx-api-key: test\r\ncontent-type: application/json\r\n"
            + extraHeaders + "content-length: \(body.utf8.count)\r\n\r\n" + body
    }

    static func echo(
        _ text: String,
        stream: Bool = false,
        maxTokens: Int = 64,
        extraHeaders: String = "",
        version: String = "HTTP/1.1"
    ) -> String {
        self.post(self.body(text, stream: stream, maxTokens: maxTokens), version: version, extraHeaders: extraHeaders)
    }
}
