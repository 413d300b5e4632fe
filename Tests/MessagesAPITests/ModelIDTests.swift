import MessagesAPI
import Testing

@Suite struct ModelIDTests {
    @Test(arguments: [
        "accounts/fireworks/models/kimi-k2p5",
        "accounts/fireworks/routers/kimi-k2p5-turbo",
        "accounts/fireworks/models/llama-v3p1-8b-instruct",
        "accounts/1team/models/2model",
        "accounts/a_b/models/c.d_e-f",
        "accounts/a/models/b",
    ])
    func accepted(id: String) {
        #expect(ModelID.isFireworksModel(id))
    }

    @Test(arguments: [
        "", "kimi-k2p5", "claude-opus-4-6", "models/kimi",
        "accounts/fireworks/models", "accounts/fireworks/models/", "accounts//models/kimi",
        "accounts/fireworks/models/kimi/v2", "/accounts/fireworks/models/kimi", "accounts/fireworks/models/kimi/",
        "Accounts/fireworks/models/kimi", "accounts/fireworks/Models/kimi", "accounts/fireworks/model/kimi",
        "accounts/fireworks/deployments/kimi", "accounts/fireworks/models/Kimi", "accounts/Fireworks/models/kimi",
        "accounts/fireworks/models/-kimi", "accounts/fireworks/models/_kimi", "accounts/fireworks/models/.kimi",
        "accounts/-fw/models/kimi", "accounts/fireworks/models/ki mi", "accounts/fireworks/models/kimé",
        "accounts/fireworks/models/kimi:latest",
    ])
    func refused(id: String) {
        #expect(!ModelID.isFireworksModel(id))
    }

    @Test func namesUpTo128Characters() {
        let name128 = "a" + String(repeating: "b", count: 127)
        #expect(ModelID.isFireworksModel("accounts/fireworks/models/\(name128)"))
        #expect(!ModelID.isFireworksModel("accounts/fireworks/models/\(name128)c"))
        #expect(ModelID.isFireworksModel("accounts/\(name128)/models/m"))
        #expect(!ModelID.isFireworksModel("accounts/\(name128)c/models/m"))
    }
}
