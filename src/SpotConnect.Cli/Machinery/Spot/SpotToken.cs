using SpotConnect.Validation;

namespace SpotConnect.Spot;

/// <summary>
/// A Spot API token. Read only from <c>SPOTINST_TOKEN</c> or a token file, never from argv; it prints as
/// <c>***</c>, so it cannot leak through logs, messages or state by accident.
/// </summary>
internal sealed class SpotToken
{
    /// <summary>The environment variable that holds the token.</summary>
    public const string EnvironmentVariable = "SPOTINST_TOKEN";

    private readonly string _value;

    private SpotToken(string value) => _value = value;

    /// <summary>The header value for <c>Authorization</c>.</summary>
    public string BearerValue => _value;

    /// <summary>The token from <paramref name="tokenFile"/> when given, else from <c>SPOTINST_TOKEN</c>.</summary>
    /// <exception cref="SpotConnectValidationException">Neither is set, the file cannot be read, or the token is empty.</exception>
    public static SpotToken Resolve(string? tokenFile, Func<string, string?> environment, string workingDirectory)
    {
        if (tokenFile is not null)
        {
            var path = Path.GetFullPath(tokenFile, workingDirectory);
            if (!File.Exists(path))
            {
                throw new SpotConnectValidationException(new ValidationProblem("--token-file", tokenFile, "no such file."));
            }

            var fromFile = File.ReadAllText(path).Trim();
            return WellFormed(fromFile)
                ? new SpotToken(fromFile)
                : throw new SpotConnectValidationException(new ValidationProblem("--token-file", tokenFile, "the file must hold one Spot API token (printable ASCII, no spaces) and nothing else."));
        }

        var fromEnvironment = environment(EnvironmentVariable)?.Trim();
        if (string.IsNullOrEmpty(fromEnvironment))
        {
            throw new SpotConnectValidationException(new ValidationProblem(EnvironmentVariable, null,
                $"a Spot API token is required: set {EnvironmentVariable}, or pass --token-file FILE. (Tokens are never accepted as arguments: argv is visible to other users of the machine.)"));
        }

        // The value itself is never echoed: it is a secret, even when malformed.
        return WellFormed(fromEnvironment)
            ? new SpotToken(fromEnvironment)
            : throw new SpotConnectValidationException(new ValidationProblem(EnvironmentVariable, "(hidden)", "a Spot API token is printable ASCII without spaces or line breaks; check how the variable was set."));
    }

    private static bool WellFormed(string token) => token.Length > 0 && token.All(c => c is > ' ' and < (char)127);

    /// <summary>Removes every occurrence of the token from a text (defence in depth for messages from elsewhere).</summary>
    public string Redact(string text) => text.Replace(_value, "***", StringComparison.Ordinal);

    /// <inheritdoc />
    public override string ToString() => "***";
}
