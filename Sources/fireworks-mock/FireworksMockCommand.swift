import ArgumentParser

/// The `fireworks-mock` command: `serve` (the default), `healthcheck`.
@main
struct FireworksMockCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fireworks-mock",
        abstract: "A mock of Fireworks' Anthropic-compatible Messages API (POST /inference/v1/messages).",
        subcommands: [ServeCommand.self, HealthcheckCommand.self],
        defaultSubcommand: ServeCommand.self
    )
}
