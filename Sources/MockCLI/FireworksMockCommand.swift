import ArgumentParser

/// The `fireworks-mock` command: `serve` (the default), `check`, `healthcheck`.
public struct FireworksMockCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fireworks-mock",
        abstract: "A mock of Fireworks' Anthropic-compatible Messages API (POST /inference/v1/messages).",
        subcommands: [ServeCommand.self, CheckCommand.self, HealthcheckCommand.self],
        defaultSubcommand: ServeCommand.self
    )

    public init() {}

    /// Parses the process arguments and runs the chosen command; the executable's entry point.
    public static func start() async {
        await self.main()
    }
}
