import MessagesAPI
import MockServer
import Testing

/// The journal and the admin API are one for both listeners: a request over HTTPS is journaled next to the
/// plain ones, a session script added on one port answers on the other, and the admin API answers over TLS.
@Suite struct TLSJournalTests {
    @Test func bothListeners_shareScriptsAndJournal() async throws {
        try await TLSTestServers.run { servers in
            let yaml = "name: shared\nreply: {content: [{type: text, text: from the plain port}]}"
            let added = try await AdminLiveTests.ask(
                servers.plain.port, "POST", "/_mock/scripts", body: yaml, headers: "x-mock-session: both\r\n")
            #expect(added.status == 201)
            let session = "x-mock-session: both\r\n"
            try await TLSClient.with(port: servers.tls.port, context: servers.clientContext) { client in
                try await client.send(Requests.echo("hi", stream: true, extraHeaders: session))
                #expect(try await client.receiveResponse().replyText == "from the plain port")
                try await client.send(AdminLiveTests.admin("GET", "/_mock/journal?session=both"))
                let journal = try JSONParser.parse(try await client.receiveResponse().body)
                let entries = journal["entries"]?.arrayValue ?? []
                #expect(entries.count == 1)
                #expect(entries.first?["answer"]?["script"] == .string("shared"))
                #expect(entries.first?["response"]?["events"]?.arrayValue?.last == .string("message_stop"))
            }
        }
    }
}
