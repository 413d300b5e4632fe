/// The version `fireworks-mock --version` prints. This line is the one place it is set: the release workflow
/// writes the tag's version here before it builds.
public let fireworksMockVersion = "0.1.0-dev"
