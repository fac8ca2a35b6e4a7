namespace SpotConnect.Spot;

/// <summary>Spot's API refused a request (after any retries). Carries Spot's error code and message, never the token.</summary>
internal sealed class SpotApiException(string method, string path, int status, string? code, string message)
    : Exception($"Spot API {method} {path} answered {status}{(code is null ? string.Empty : $" {code}")}: {message}")
{
    /// <summary>The HTTP method.</summary>
    public string Method { get; } = method;

    /// <summary>The path called (without the query).</summary>

    public string PathAndQuery { get; } = path;

    /// <summary>The HTTP status.</summary>

    public int Status { get; } = status;

    /// <summary>Spot's error code, when it gave one.</summary>

    public string? Code { get; } = code;

    /// <summary>Spot's message (the token redacted).</summary>

    public string SpotMessage { get; } = message;

    /// <summary>What the user can do about it, where Spot's answer says.</summary>
    public string? Advice => Status switch
    {
        401 => "The Spot API token was refused: check that SPOTINST_TOKEN (or --token-file) holds a valid, unexpired token (Spot console: Settings > API > Permanent tokens).",
        403 => "The Spot API token lacks permission: creating accounts and connecting credentials needs an Organization Admin token.",
        429 => "Spot's API is rate limiting this organization: wait a minute and run the same command again; it continues from the state file.",
        >= 500 => "Spot's API failed: run the same command again later; it continues from the state file.",
        _ => null,
    };
}
